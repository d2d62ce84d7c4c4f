//! The dashboard's hold on a store, on either engine: what to read a snapshot from, and whether
//! another program (the command line, a colleague's laptop) changed the store since.

use super::location::Location;
use super::{AnyStore, SeriesColumns, Store, StoreError};

/// A store a dashboard keeps open. SQLite is read in place and watched through `PRAGMA
/// data_version`; PostgreSQL is copied into memory as of one moment for each read, and watched
/// through `LISTEN`, so the dashboard's many small reads never wait on the network.
pub struct LiveStore {
    engine: AnyStore,
    /// PostgreSQL: the store as it was at the last read.
    copy: Option<Store>,
    /// SQLite: the file's `data_version` at the last read.
    seen_version: Option<i64>,
}

impl LiveStore {
    /// Opens the store (creating an empty one where none is, as the dashboard always has).
    pub fn open(location: &Location) -> Result<Self, StoreError> {
        let mut engine = AnyStore::open(location)?;
        if let AnyStore::Postgres(p) = &mut engine {
            p.get_mut().listen()?;
        }
        Ok(LiveStore {
            engine,
            copy: None,
            seen_version: None,
        })
    }

    pub fn location(&self) -> Location {
        self.engine.location()
    }

    pub fn is_read_only(&self) -> bool {
        self.engine.is_read_only()
    }

    /// Whether the store is on a server, whose loss is an outage to wait out and retry rather
    /// than a broken store to report.
    pub fn is_remote(&self) -> bool {
        matches!(self.engine, AnyStore::Postgres(_))
    }

    /// The store to read a snapshot from, as it is now: the file itself, or a fresh copy of the
    /// server's. Later [`LiveStore::changed`] calls compare against this moment.
    pub fn read(&mut self) -> Result<&Store, StoreError> {
        match &mut self.engine {
            AnyStore::Sqlite(s) => {
                self.seen_version = s.data_version().ok();
                Ok(s)
            }
            AnyStore::Postgres(p) => {
                // Notices of commits before the copy are answered by the copy itself.
                let pg = p.get_mut();
                pg.take_change_notices()?;
                let copy = pg.dashboard_copy()?;
                Ok(&*self.copy.insert(copy))
            }
        }
    }

    /// The store as of the last [`LiveStore::read`], for the figures of a zoomed window.
    pub fn last_read(&self) -> Option<&Store> {
        match &self.engine {
            AnyStore::Sqlite(s) => Some(s),
            AnyStore::Postgres(_) => self.copy.as_ref(),
        }
    }

    /// Whether another program wrote to the store since the last read. An error means the
    /// server can no longer be reached.
    pub fn changed(&mut self) -> Result<bool, StoreError> {
        match &mut self.engine {
            AnyStore::Sqlite(s) => Ok(s
                .data_version()
                .ok()
                .is_some_and(|v| Some(v) != self.seen_version)),
            AnyStore::Postgres(p) => p.get_mut().take_change_notices(),
        }
    }

    /// Whether the store can still be reached: a file always can, a server may have gone.
    pub fn is_reachable(&mut self) -> bool {
        match &mut self.engine {
            AnyStore::Sqlite(_) => true,
            AnyStore::Postgres(p) => p.get_mut().is_reachable(),
        }
    }

    /// Whether the overviews of long series read whole can be kept for the next start: only in
    /// a SQLite file this program may write (a server's copy is gone at the next read).
    pub fn keeps_overviews(&self) -> bool {
        matches!(&self.engine, AnyStore::Sqlite(s) if !s.is_read_only())
    }

    /// Keeps the overviews ([`Store::write_overviews`]) if the store has not changed since
    /// the read they came from.
    pub fn keep_overviews(&mut self, overviews: &[SeriesColumns]) -> Result<(), StoreError> {
        match (&mut self.engine, self.seen_version) {
            (AnyStore::Sqlite(s), Some(seen)) if !overviews.is_empty() => {
                s.write_overviews(seen, overviews).map(|_| ())
            }
            _ => Ok(()),
        }
    }

    /// The store, for writes.
    pub fn engine(&mut self) -> &mut AnyStore {
        &mut self.engine
    }
}
