//! The store, in a SQLite file or a PostgreSQL schema (`engine.rs`, `pg/`): schema and migrations, the queries the dashboard and the command line share,
//! and CSV import / export. The only module that speaks SQL, always through bound parameters.

mod codec;
pub mod columns;
pub mod engine;
mod error;
pub mod export;
mod filter;
mod formulas;
pub mod import;
pub mod live;
pub mod location;
mod names;
pub mod overview;
pub mod pg;
mod pgpass;
mod presentation;
mod queries;
mod sample;
pub mod schema;
pub mod synthetic;
mod tables;
mod write;
mod write_figures;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use columns::{Provenance, ProvenanceRun, SeriesColumns, SplitSeries};
pub use engine::{AnyStore, FigureSource};
pub use error::StoreError;
pub use location::Location;
pub use names::Named;
pub use presentation::{PresentationsError, PresentationsReport};
pub use queries::{CatalogKind, EventQuery, SeriesQuery, SourceUsage, SummaryRow};
pub use sample::SAMPLE_FILES;

/// How long a write waits for another process's write transaction before "store busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open Marketscope store. One per thread: the UI's loader thread opens its own.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens the store at `path`, creating an empty one if no file is there, and migrates an
    /// older store. A newer, foreign or broken file is refused and left untouched.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Self::create(path);
        }
        let writable = is_writable(path);
        let flags = if writable {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        };
        Self::open_existing(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX, !writable)
    }

    /// Opens an existing store without ever writing to it.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        if !path.exists() {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        Self::open_existing(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            true,
        )
    }

    /// Creates a new, empty store; refuses a path where something already is.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
                return Err(StoreError::NoParentDir(path.to_path_buf()));
            }
            _ => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::at(path, e))?;
        configure(&conn).map_err(|e| StoreError::at(path, e))?;
        schema::migrate(&mut conn, 0)?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        })
    }

    fn open_existing(path: &Path, flags: OpenFlags, read_only: bool) -> Result<Self, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsADirectory(path.to_path_buf()));
        }
        if std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) == 0 {
            return Err(StoreError::EmptyFile(path.to_path_buf()));
        }
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::at(path, e))?;
        let (version, app_id, has_tables) =
            schema::read_version(&conn).map_err(|e| e.with_path(path))?;
        if app_id != schema::APPLICATION_ID && (has_tables || version != 0) {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
        if version > schema::CURRENT_VERSION {
            return Err(StoreError::NewerVersion {
                path: path.to_path_buf(),
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if !read_only {
            configure(&conn).map_err(|e| StoreError::at(path, e))?;
            if version > 0 && version < schema::CURRENT_VERSION {
                schema::backup(&conn, path, version)?;
            }
            schema::migrate(&mut conn, version)?;
        } else if version < schema::CURRENT_VERSION {
            return Err(StoreError::NeedsMigration {
                path: path.to_path_buf(),
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            read_only,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a write waits for another writer before failing with [`StoreError::Busy`].
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Changes whenever another connection commits to the store: the UI polls it to refresh.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The clock imports record figures with (UTC, to the second).
    pub(crate) fn now(&self) -> chrono::NaiveDateTime {
        chrono::Utc::now().naive_utc()
    }

    pub(crate) fn ensure_writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            Err(StoreError::ReadOnly(self.path.clone()))
        } else {
            Ok(())
        }
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Large imports touch many pages of the primary-key B-tree; spilling them to the WAL
    // mid-transaction multiplies the writes.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

fn is_writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    // WAL needs to create the -wal and -shm files beside the store.
    let dir_ok = path
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|dir| std::fs::metadata(dir).ok())
        .is_some_and(|m| !m.permissions().readonly());
    file_ok && dir_ok
}
