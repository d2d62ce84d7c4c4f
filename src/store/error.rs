//! What can go wrong with a store, each case worded for the person who has to act on it.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}: no store there")]
    NotFound(PathBuf),
    #[error("{0}: a file is already there; choose another path or open it instead")]
    AlreadyExists(PathBuf),
    #[error("{0}: the folder it would go in does not exist")]
    NoParentDir(PathBuf),
    #[error("{0}: is a directory, not a store file")]
    IsADirectory(PathBuf),
    #[error("{0}: the file is empty, not a Marketscope store; it was left as it is")]
    EmptyFile(PathBuf),
    #[error(
        "{0}: this SQLite database belongs to another program (no Marketscope tables); it was left as it is"
    )]
    Foreign(PathBuf),
    #[error("{path}: not a SQLite database, or a damaged one ({detail}); it was left as it is")]
    NotADatabase { path: PathBuf, detail: String },
    #[error(
        "{path}: the store is at schema version {found}, newer than this program's {supported}; update Marketscope to open it (the file was not touched)"
    )]
    NewerVersion {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    #[error(
        "{path}: the store is at schema version {found} and needs migrating to {supported}, but it is read-only"
    )]
    NeedsMigration {
        path: PathBuf,
        found: i32,
        supported: i32,
    },
    #[error("{0}: the store is read-only; nothing can be imported or saved into it")]
    ReadOnly(PathBuf),
    #[error("metric {0:?} is already in the catalogue; choose another id for the formula")]
    MetricExists(String),
    #[error("metric {0:?} holds stored figures, not a formula; it is not removed")]
    NotAFormula(String),
    #[error("the name {0:?} is taken; choose another")]
    NameTaken(String),
    #[error(
        "the story \"{name}\" was saved by {by} at {at} after you opened it, so your change was not saved; its steps now are theirs: make your change again on them"
    )]
    StoryChanged {
        name: String,
        by: String,
        at: String,
    },
    #[error(
        "{0} daily points per series reach back before year 1; use more series with fewer points"
    )]
    TooManyPoints(usize),
    #[error(
        "{0}: the store holds sourced figures; generate synthetic data into a store of its own"
    )]
    NotSynthetic(PathBuf),
    #[error("the store is busy: another program is writing to it; try again in a moment")]
    Busy,
    #[error("{0} is not supported")]
    Unsupported(String),
    #[error("the migration was stopped and the store left as it was: {0}")]
    Migration(String),
    #[error("the store holds a value it cannot read: {0}")]
    Corrupt(String),
    #[error("store error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{target}: cannot reach the server: {detail}; nothing was changed")]
    Unreachable { target: String, detail: String },
    #[error(
        "{0}: this login may only read the store (no INSERT on its tables); nothing can be imported or saved"
    )]
    ReadOnlyRole(String),
    #[error(
        "{0}: no Marketscope store in this database schema; create one with `marketscope init`"
    )]
    NoPgStore(String),
    #[error(
        "{0}: a Marketscope store is already in this schema; open it instead, or choose --pg-schema"
    )]
    PgStoreExists(String),
    #[error(
        "{0}: the schema holds tables of another program (no store_version table); it was left as it is"
    )]
    PgForeign(String),
    #[error(
        "{target}: the store is at schema version {found}, newer than this program's {supported}; update Marketscope to open it (nothing was changed)"
    )]
    PgNewerVersion {
        target: String,
        found: i32,
        supported: i32,
    },
    #[error(
        "{target}: the store is at schema version {found} and needs upgrading to {supported}; open it once with a login that may write (nothing was changed)"
    )]
    PgNeedsMigration {
        target: String,
        found: i32,
        supported: i32,
    },
    #[error("{0}: the destination already holds figures, views or stories; copy into a new store")]
    CopyTargetNotEmpty(String),
    #[error("PostgreSQL: {0}")]
    Postgres(String),
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        // The server's own message (and detail) says more than the client's wrapper.
        match e.as_db_error() {
            Some(db) => StoreError::Postgres(match db.detail() {
                Some(detail) => format!("{} ({detail})", db.message()),
                None => db.message().to_string(),
            }),
            None => StoreError::Postgres(e.to_string()),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// Names the file in a low-level error, so "file is not a database" says which file.
    pub(crate) fn at(path: &Path, e: rusqlite::Error) -> Self {
        StoreError::from(e).with_path(path)
    }

    pub(crate) fn with_path(self, path: &Path) -> Self {
        match self {
            StoreError::Sqlite(e) => {
                use rusqlite::ffi::ErrorCode;
                match e.sqlite_error_code() {
                    Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                        StoreError::NotADatabase {
                            path: path.to_path_buf(),
                            detail: e.to_string(),
                        }
                    }
                    _ => StoreError::Sqlite(e),
                }
            }
            other => other,
        }
    }
}
