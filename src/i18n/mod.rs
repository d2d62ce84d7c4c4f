//! The UI's words in English and 简体中文: one Project Fluent catalogue per language
//! (`assets/i18n/en.ftl`, `zh.ftl`, embedded), read through one call, [`t`] (or [`t_args`] with
//! placeables). The language is the calling thread's ([`set_lang`]): the dashboard sets it at the
//! start of every frame from its setting, so a switch shows on the next frame without a restart,
//! and `render --lang zh` sets it for its own run. Tests on other threads keep English.
//!
//! A message missing from the Chinese catalogue falls back to English, and one missing from both
//! shows its id, so a forgotten key is visible rather than blank.

use std::cell::Cell;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

mod locale;

/// A language the catalogues cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language's own name, as the language menu shows it whatever the UI's language.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The BCP 47 tag the catalogue is written for.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The other language: what the language toggle switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The OS locale's language (`LC_ALL`, then `LC_MESSAGES`, then `LANG`), English unless it
    /// is Chinese.
    pub fn from_env() -> Lang {
        let var = |name| std::env::var(name).ok();
        locale::lang_of_locale(var("LC_ALL"), var("LC_MESSAGES"), var("LANG"))
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../assets/i18n/en.ftl"),
            Lang::Zh => include_str!("../../assets/i18n/zh.ftl"),
        }
    }
}

/// A value for a placeable: text as it is, or a count (for plural forms).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Count(usize),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<usize> for Arg<'_> {
    fn from(count: usize) -> Self {
        Arg::Count(count)
    }
}

/// Both languages' bundles. A `FluentBundle` is not `Sync` (its formatters memoize in cells), so
/// each thread that translates builds its own, once.
struct Catalogues {
    en: FluentBundle<FluentResource>,
    zh: FluentBundle<FluentResource>,
}

impl Catalogues {
    fn load() -> Catalogues {
        Catalogues {
            en: bundle(Lang::En),
            zh: bundle(Lang::Zh),
        }
    }

    fn of(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A language's bundle. A catalogue that does not parse keeps the messages that do (the parser
/// recovers per entry); the unit tests fail on any error, so none ships.
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let resource = match FluentResource::try_new(lang.source().to_string()) {
        Ok(resource) => resource,
        Err((resource, _errors)) => resource,
    };
    let langid = lang.tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new(vec![langid]);
    // No Unicode isolation marks around placeables: the fonts have no glyphs for them, and the
    // UI mixes no right-to-left text.
    bundle.set_use_isolating(false);
    // A duplicate id keeps the first; the tests fail on duplicates.
    let _ = bundle.add_resource(resource);
    bundle
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
    static CATALOGUES: Catalogues = Catalogues::load();
}

/// The language this thread translates into.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Translates into `lang` on this thread from now on.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// Runs `f` with this thread translating into `lang`, then restores the language before.
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = self::lang();
    set_lang(lang);
    let out = f();
    set_lang(before);
    out
}

/// The message `id` in this thread's language.
pub fn t(id: &str) -> String {
    t_args(id, &[])
}

/// The message `id` with its placeables filled: `t_args("store-reading", &[("value", n.into())])`.
pub fn t_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    translate(lang(), id, args)
}

/// The message `id` in `lang`, else in English, else the id itself.
pub fn translate(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
            Arg::Count(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    CATALOGUES.with(|catalogues| {
        [lang, Lang::En]
            .into_iter()
            .find_map(|l| {
                let bundle = catalogues.of(l);
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                Some(
                    bundle
                        .format_pattern(pattern, Some(&fluent_args), &mut errors)
                        .into_owned(),
                )
            })
            .unwrap_or_else(|| id.to_string())
    })
}

/// A calendar day in this thread's language: "3 Mar 2025", or 2025年3月3日.
pub fn day_label(date: chrono::NaiveDate) -> String {
    crate::model::format::day_in(date, lang())
}

/// The catalogue's name for a store id in this thread's language, where it has one: `kind` is
/// `platform`, `metric` or `region`, so `region-us` is 美国. English names come from the store
/// itself, so in English this is `None`; the caller falls back to the store's name.
pub fn catalogue_name(kind: &str, id: &str) -> Option<String> {
    let lang = lang();
    let id = format!("{kind}-{id}");
    (lang != Lang::En && has_message(lang, &id)).then(|| translate(lang, &id, &[]))
}

/// Whether the catalogue of `lang` itself has the message `id` (no fallback).
pub fn has_message(lang: Lang, id: &str) -> bool {
    CATALOGUES.with(|c| c.of(lang).has_message(id))
}

/// Every message id of a catalogue, in file order (the tests compare the two catalogues).
pub fn message_ids(lang: Lang) -> Vec<String> {
    lang.source()
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests;
