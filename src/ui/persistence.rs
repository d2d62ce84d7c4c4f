//! The settings in eframe's storage: the dashboard's view model knows nothing of eframe.

use crate::dashboard::settings::{STORAGE_KEY, Settings};
use crate::i18n::Lang;

/// The UI's language is kept apart from [`Settings`]: those are also a saved view's state, and
/// opening a view or a story step must not change the language.
pub(crate) const LANGUAGE_KEY: &str = "marketscope.language.v1";

/// The settings saved last time, or the defaults (no storage, nothing saved, or unreadable).
pub(crate) fn load_settings(storage: Option<&dyn eframe::Storage>) -> Settings {
    storage
        .and_then(|s| eframe::get_value::<Settings>(s, STORAGE_KEY))
        .unwrap_or_default()
}

pub(crate) fn save_settings(settings: &Settings, storage: &mut dyn eframe::Storage) {
    eframe::set_value(storage, STORAGE_KEY, settings);
}

/// The language chosen last time, if one was (otherwise the OS locale decides).
pub(crate) fn load_language(storage: Option<&dyn eframe::Storage>) -> Option<Lang> {
    storage.and_then(|s| eframe::get_value::<Lang>(s, LANGUAGE_KEY))
}

pub(crate) fn save_language(lang: Lang, storage: &mut dyn eframe::Storage) {
    eframe::set_value(storage, LANGUAGE_KEY, &lang);
}
