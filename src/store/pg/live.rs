//! What a dashboard needs of a PostgreSQL store: change notices (`LISTEN`), a check that the
//! server is still there, and the store copied whole, as of one moment, for the dashboard's reads.

use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;

use super::super::Store;
use super::super::tables::{self, Table};
use super::{PgStore, StoreError};

/// How long the check that the server is still there may take before it counts as gone.
const REACH_TIMEOUT: Duration = Duration::from_secs(5);

/// What a dashboard reads: everything but the revisions, which only `export --revisions` shows.
const DASHBOARD_TABLES: [&Table; 12] = [
    &tables::PLATFORMS,
    &tables::REGIONS,
    &tables::METRICS,
    &tables::FORMULAS,
    &tables::PUBLISHERS,
    &tables::SOURCES,
    &tables::SERIES,
    &tables::OBSERVATIONS,
    &tables::EVENTS,
    &tables::SAVED_VIEWS,
    &tables::STORIES,
    &tables::STORY_STEPS,
];

impl PgStore {
    /// Asks the server for the notices every write to a store sends (`pg_notify('marketscope',
    /// schema)`), so a dashboard reloads on a colleague's commit instead of polling the tables.
    pub(in crate::store) fn listen(&mut self) -> Result<(), StoreError> {
        self.client.batch_execute("LISTEN marketscope")?;
        Ok(())
    }

    /// Whether a write to this store (not another schema's) committed since the last call. An
    /// error means the server can no longer be reached.
    pub(in crate::store) fn take_change_notices(&mut self) -> Result<bool, StoreError> {
        // The round trip also reads the notices waiting on the connection.
        self.client.is_valid(REACH_TIMEOUT)?;
        let schema = self.target.schema.clone();
        let mut changed = false;
        let mut notices = self.client.notifications();
        let mut waiting = notices.iter();
        while let Some(notice) = waiting.next()? {
            changed |= notice.payload() == schema;
        }
        Ok(changed)
    }

    /// Whether the server still answers on this connection.
    pub(in crate::store) fn is_reachable(&mut self) -> bool {
        !self.client.is_closed() && self.client.is_valid(REACH_TIMEOUT).is_ok()
    }

    /// The store copied into an in-memory SQLite store, every table as of the same moment (one
    /// repeatable-read transaction): a colleague's import is in all of it or in none.
    pub(in crate::store) fn dashboard_copy(&mut self) -> Result<Store, StoreError> {
        let mut scratch = Store::scratch()?;
        let mut server = self
            .client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let local = scratch.conn.transaction()?;
        for table in DASHBOARD_TABLES {
            let rows = tables::read_pg(&mut server, table)?;
            tables::write_sqlite(&local, table, &rows)?;
        }
        local.commit()?;
        server.commit()?;
        Ok(scratch)
    }
}
