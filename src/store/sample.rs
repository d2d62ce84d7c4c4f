//! The sample dataset shipped inside the binary (`assets/sample/`), loaded through the same
//! importer users use, so the default store is built exactly as a user's import would be.

use super::import::{ImportError, ImportOptions, ImportReport, read_file};
use super::{PresentationsError, Store, StoreError};

/// (file name, contents) of every sample file; the importer orders them by kind.
pub const SAMPLE_FILES: [(&str, &[u8]); 6] = [
    (
        "platforms.csv",
        include_bytes!("../../assets/sample/platforms.csv"),
    ),
    (
        "regions.csv",
        include_bytes!("../../assets/sample/regions.csv"),
    ),
    (
        "metrics.csv",
        include_bytes!("../../assets/sample/metrics.csv"),
    ),
    (
        "sources.csv",
        include_bytes!("../../assets/sample/sources.csv"),
    ),
    (
        "observations.csv",
        include_bytes!("../../assets/sample/observations.csv"),
    ),
    (
        "events.csv",
        include_bytes!("../../assets/sample/events.csv"),
    ),
];

/// The sample story, in the file format `marketscope views import` reads.
pub const SAMPLE_STORY: &str = include_str!("../../assets/sample/story.json");

impl Store {
    /// Imports the embedded sample into this store (data in one transaction, then the story).
    pub fn load_sample(&mut self) -> Result<ImportReport, ImportError> {
        let options = ImportOptions::default();
        let files = SAMPLE_FILES
            .iter()
            .map(|(name, bytes)| read_file(&format!("sample/{name}"), bytes, &options))
            .collect::<Result<Vec<_>, _>>()?;
        let report = self.import(files, false)?;
        self.import_presentations("sample/story.json", SAMPLE_STORY)
            .map_err(|e| match e {
                PresentationsError::Store(s) => ImportError::Store(s),
                // The embedded file is checked by the tests; say which file if it ever breaks.
                invalid => ImportError::Store(StoreError::Corrupt(invalid.to_string())),
            })?;
        Ok(report)
    }
}
