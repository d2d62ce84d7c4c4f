//! Helpers shared by the integration tests: temporary stores and in-memory CSV imports.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use marketscope::store::import::{
    ImportError, ImportIssue, ImportOptions, ImportReport, read_file,
};
use marketscope::store::{SeriesQuery, Store};

/// A store in its own temporary directory, removed when dropped.
pub struct TempStore {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl TempStore {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("test.db")).expect("new store");
        Self { dir, store }
    }

    pub fn with_sample() -> Self {
        let mut s = Self::new();
        s.store.load_sample().expect("sample imports");
        s
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    pub fn import(
        &mut self,
        name: &str,
        csv: &str,
        options: &ImportOptions,
    ) -> Result<ImportReport, ImportError> {
        let parsed = read_file(name, csv.as_bytes(), options)?;
        self.store.import(vec![parsed], false)
    }

    pub fn count(&self) -> usize {
        self.store.observation_count().expect("count")
    }

    pub fn all(&self) -> Vec<marketscope::model::Observation> {
        self.store.series(&SeriesQuery::default()).expect("query")
    }
}

/// The issues of a failed import; panics if it did not fail that way.
pub fn issues(result: Result<ImportReport, ImportError>) -> Vec<ImportIssue> {
    match result {
        Err(ImportError::Invalid { issues, .. }) => issues,
        Err(other) => panic!("expected row issues, got {other}"),
        Ok(report) => panic!("expected the import to fail, it reported:\n{report}"),
    }
}

pub fn opts() -> ImportOptions {
    ImportOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 25),
        ..ImportOptions::default()
    }
}

/// Runs the `marketscope` binary on the store at `db`, whatever `MARKETSCOPE_DB` says.
pub fn marketscope(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MARKETSCOPE_DB")
        .output()
        .expect("the binary runs")
}
