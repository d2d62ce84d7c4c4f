//! The sample dataset shipped inside the binary (`assets/sample/`), loaded through the same
//! importer users use, so the default store is built exactly as a user's import would be.

use super::Store;
use super::import::{ImportError, ImportOptions, ImportReport, read_file};

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

impl Store {
    /// Imports the embedded sample into this store, in one transaction.
    pub fn load_sample(&mut self) -> Result<ImportReport, ImportError> {
        let options = ImportOptions::default();
        let files = SAMPLE_FILES
            .iter()
            .map(|(name, bytes)| read_file(&format!("sample/{name}"), bytes, &options))
            .collect::<Result<Vec<_>, _>>()?;
        self.import(files, false)
    }
}
