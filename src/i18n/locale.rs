//! The OS locale read as a language: POSIX precedence, `zh_CN.UTF-8` or `zh_TW` is Chinese.

use super::Lang;

/// The language of the first set variable of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX's order of
/// precedence); English when none is set or it is not Chinese.
pub(super) fn lang_of_locale(
    lc_all: Option<String>,
    lc_messages: Option<String>,
    lang: Option<String>,
) -> Lang {
    let locale = [lc_all, lc_messages, lang]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty());
    match locale {
        Some(l) if l.trim().to_ascii_lowercase().starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn the_first_set_variable_decides() {
        assert_eq!(lang_of_locale(None, None, some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(lang_of_locale(None, None, some("en_GB.UTF-8")), Lang::En);
        assert_eq!(lang_of_locale(some("C"), None, some("zh_CN")), Lang::En);
        assert_eq!(
            lang_of_locale(some(""), some("zh_TW"), some("en_US")),
            Lang::Zh
        );
        assert_eq!(lang_of_locale(None, None, None), Lang::En);
    }
}
