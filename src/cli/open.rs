//! Opening the store a command names: one that must already be there (read without writing),
//! and the refusal of a SQLite path where none is, shared by every command.

use std::path::Path;

use anyhow::bail;

use crate::store::{AnyStore, Location, Store};

/// A store that must already be there, opened without ever writing to it.
pub fn open_existing(db: &Location) -> anyhow::Result<AnyStore> {
    match db.sqlite_path() {
        Some(path) => Ok(AnyStore::Sqlite(open_existing_sqlite(path)?)),
        None => Ok(AnyStore::open_read_only(db)?),
    }
}

pub fn open_existing_sqlite(db: &Path) -> anyhow::Result<Store> {
    ensure_store_at(db)?;
    Ok(Store::open_read_only(db)?)
}

/// Refuses a SQLite path where no store is, rather than creating one there.
pub fn ensure_store_at(db: &Path) -> anyhow::Result<()> {
    if !db.exists() {
        bail!(
            "{}: no store there; create one with `marketscope init --sample` or `marketscope import FILE`",
            db.display()
        );
    }
    Ok(())
}
