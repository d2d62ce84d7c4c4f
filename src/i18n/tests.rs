//! The catalogues checked against each other and against the code that reads them.

use super::*;

#[test]
fn both_catalogues_parse_without_errors_or_duplicates() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = FluentResource::try_new(lang.source().to_string()) {
            panic!("{lang:?}: {errors:?}");
        }
        let ids = message_ids(lang);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "{lang:?} has a duplicate id");
        assert!(ids.len() > 100, "{lang:?}: {} ids", ids.len());
    }
}

#[test]
fn the_chinese_catalogue_has_every_english_message() {
    let missing: Vec<String> = message_ids(Lang::En)
        .into_iter()
        .filter(|id| !has_message(Lang::Zh, id))
        .collect();
    assert!(missing.is_empty(), "missing from zh.ftl: {missing:?}");
}

#[test]
fn messages_translate_with_placeables_and_fall_back_to_the_id() {
    assert_eq!(translate(Lang::En, "view-growth", &[]), "Growth");
    assert_eq!(translate(Lang::Zh, "view-growth", &[]), "增长");
    let steps = |lang, n: usize| {
        translate(
            lang,
            "top-story-steps",
            &[("name", "A".into()), ("count", n.into())],
        )
    };
    assert_eq!(steps(Lang::En, 1), "A (1 step)");
    assert_eq!(steps(Lang::En, 8), "A (8 steps)");
    assert_eq!(steps(Lang::Zh, 8), "A（8 步）");
    // An id no catalogue has shows itself, so the gap is seen (and this test's siblings fail).
    assert_eq!(
        translate(Lang::Zh, "no-such-message", &[]),
        "no-such-message"
    );
    // Names only the Chinese catalogue has: English has none, and the caller keeps the store's.
    assert!(has_message(Lang::Zh, "region-us") && !has_message(Lang::En, "region-us"));
}

#[test]
fn the_language_is_the_threads_and_switches_at_once() {
    assert_eq!(lang(), Lang::En, "a thread starts in English");
    assert_eq!(with_lang(Lang::Zh, || t("view-events")), "事件");
    assert_eq!(lang(), Lang::En, "with_lang restores the language before");
    set_lang(Lang::Zh);
    assert_eq!(t("side-platforms"), "平台");
    set_lang(Lang::En);
    assert_eq!(t("side-platforms"), "Platforms");
}

/// Every id the code names in a call of `t` or `t_args` with a literal is in the English catalogue.
#[test]
fn every_id_the_code_asks_for_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut dirs = vec![root];
    let mut asked = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for call in ["t(\"", "t_args(\"", "tr_id(\""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    let preceded = text[..at].chars().last();
                    if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    if let Some(end) = rest.find('"') {
                        asked.push((path.display().to_string(), rest[..end].to_string()));
                    }
                }
            }
        }
    }
    assert!(asked.len() > 20, "the calls are found: {}", asked.len());
    let unknown: Vec<_> = asked
        .into_iter()
        .filter(|(_, id)| id != "no-such-message" && !has_message(Lang::En, id))
        .collect();
    assert!(unknown.is_empty(), "not in en.ftl: {unknown:?}");
}

/// The converse of the test above: every Chinese message is one the English catalogue has too,
/// except the names of store ids (`platform-`, `metric-`, `region-`), which English takes from
/// the store. So a key is in both catalogues, or it is such a name.
#[test]
fn every_chinese_message_is_in_the_english_catalogue_or_is_a_name() {
    let extra: Vec<String> = message_ids(Lang::Zh)
        .into_iter()
        .filter(|id| !has_message(Lang::En, id))
        .filter(|id| {
            !["platform-", "metric-", "region-"]
                .iter()
                .any(|p| id.starts_with(p))
        })
        .collect();
    assert!(extra.is_empty(), "missing from en.ftl: {extra:?}");
    assert_eq!(
        message_ids(Lang::Zh).len() - message_ids(Lang::En).len(),
        message_ids(Lang::Zh)
            .iter()
            .filter(|id| !has_message(Lang::En, id))
            .count(),
        "the catalogues differ only by the names"
    );
}

#[test]
fn a_day_reads_in_the_threads_language() {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 3).expect("a date");
    assert_eq!(with_lang(Lang::En, || day_label(day)), "3 Mar 2025");
    assert_eq!(with_lang(Lang::Zh, || day_label(day)), "2025年3月3日");
}

/// Separators and lists keep their spaces (a Fluent value's own spaces are trimmed, so they are
/// string literals), and English lists read as before.
#[test]
fn footer_separators_keep_their_spaces() {
    assert_eq!(translate(Lang::En, "footer-separator", &[]), "; ");
    assert_eq!(translate(Lang::En, "footer-date-separator", &[]), ", ");
    assert_eq!(translate(Lang::Zh, "footer-separator", &[]), "；");
    assert_eq!(
        translate(
            Lang::En,
            "footer-dates",
            &[
                ("name", "1 May 2024".into()),
                ("value", "30 Oct 2024".into())
            ]
        ),
        "1 May 2024 and 30 Oct 2024"
    );
}
