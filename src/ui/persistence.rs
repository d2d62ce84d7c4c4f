//! The settings in eframe's storage: the dashboard's view model knows nothing of eframe.

use crate::dashboard::settings::{STORAGE_KEY, Settings};

/// The settings saved last time, or the defaults (no storage, nothing saved, or unreadable).
pub(crate) fn load_settings(storage: Option<&dyn eframe::Storage>) -> Settings {
    storage
        .and_then(|s| eframe::get_value::<Settings>(s, STORAGE_KEY))
        .unwrap_or_default()
}

pub(crate) fn save_settings(settings: &Settings, storage: &mut dyn eframe::Storage) {
    eframe::set_value(storage, STORAGE_KEY, settings);
}
