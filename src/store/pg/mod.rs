//! The PostgreSQL engine: a team's store in a schema of a shared database. Connects (TLS by
//! rustls), creates and versions the schema, and reads and writes through the same SQL as SQLite
//! where the two agree (`dialect.rs`), with COPY and a set-based merge for imports (`write.rs`).

mod dialect;
mod formulas;
mod live;
mod presentation;
mod reads;
mod schema;
mod tls;
mod write;

use std::time::Duration;

use postgres::{Client, NoTls};

use super::StoreError;
use super::location::PgTarget;

/// The schema version this program writes (the same number as SQLite's).
const CURRENT_VERSION: i32 = super::schema::CURRENT_VERSION;

/// How long a connection attempt waits before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An open store on a PostgreSQL server.
pub struct PgStore {
    client: Client,
    target: PgTarget,
    read_only: bool,
}

/// What the schema holds before anything is written.
enum Found {
    Nothing,
    Foreign,
    /// A store at a version this program reads: this one or an older one.
    Store(i32),
}

impl PgStore {
    /// Opens the store, creating it in its schema if none is there yet (as a new SQLite file is).
    pub fn open(target: &PgTarget) -> Result<Self, StoreError> {
        let mut store = Self::connect(target)?;
        match store.found()? {
            Found::Store(version) if version < CURRENT_VERSION => {
                if store.read_only {
                    return Err(StoreError::PgNeedsMigration {
                        target: target.to_string(),
                        found: version,
                        supported: CURRENT_VERSION,
                    });
                }
                store.migrate(Some(version))?;
                Ok(store)
            }
            Found::Store(_) => Ok(store),
            Found::Foreign => Err(StoreError::PgForeign(target.to_string())),
            Found::Nothing => {
                store.ensure_writable()?;
                store.migrate(None)?;
                Ok(store)
            }
        }
    }

    /// Opens an existing store; never writes.
    pub fn open_read_only(target: &PgTarget) -> Result<Self, StoreError> {
        let mut store = Self::connect(target)?;
        match store.found()? {
            Found::Store(version) if version < CURRENT_VERSION => {
                Err(StoreError::PgNeedsMigration {
                    target: target.to_string(),
                    found: version,
                    supported: CURRENT_VERSION,
                })
            }
            Found::Store(_) => {
                store.read_only = true;
                Ok(store)
            }
            Found::Foreign => Err(StoreError::PgForeign(target.to_string())),
            Found::Nothing => Err(StoreError::NoPgStore(target.to_string())),
        }
    }

    /// Creates a new, empty store; refuses a schema that already holds one.
    pub fn create(target: &PgTarget) -> Result<Self, StoreError> {
        let mut store = Self::connect(target)?;
        match store.found()? {
            Found::Store(_) => Err(StoreError::PgStoreExists(target.to_string())),
            Found::Foreign => Err(StoreError::PgForeign(target.to_string())),
            Found::Nothing => {
                store.ensure_writable()?;
                store.migrate(None)?;
                Ok(store)
            }
        }
    }

    fn connect(target: &PgTarget) -> Result<Self, StoreError> {
        let mut config = postgres::Config::new();
        config
            .user(&target.effective_user())
            .dbname(&target.effective_dbname())
            .port(target.effective_port())
            .application_name("marketscope")
            .connect_timeout(
                target
                    .connect_timeout
                    .map(Duration::from_secs)
                    .unwrap_or(CONNECT_TIMEOUT),
            );
        let host = target.effective_host();
        if host.starts_with('/') {
            config.host_path(&host);
        } else {
            config.host(&host);
        }
        if let Some(password) = target.effective_password() {
            config.password(password.expose());
        }
        if let Some(options) = &target.options {
            config.options(options);
        }
        use super::location::SslMode;
        config.ssl_mode(match target.sslmode {
            SslMode::Disable => postgres::config::SslMode::Disable,
            SslMode::Prefer => postgres::config::SslMode::Prefer,
            _ => postgres::config::SslMode::Require,
        });
        let unreachable = |detail: String| StoreError::Unreachable {
            target: target.to_string(),
            detail,
        };
        let connected = match tls::connector(target).map_err(unreachable)? {
            None => config.connect(NoTls),
            Some(tls) => config.connect(tls),
        };
        let mut client = connected.map_err(|e| unreachable(connect_detail(&e)))?;
        // Every statement then names tables unqualified, as on SQLite; the schema's name is bound.
        client.query_one(
            "SELECT set_config('search_path', $1, false)",
            &[&schema::quote_ident(&target.schema)],
        )?;
        let writable: bool = client
            .query_one(
                "SELECT NOT pg_is_in_recovery() AND \
                 (to_regclass('observations') IS NULL OR has_table_privilege('observations', 'INSERT'))",
                &[],
            )?
            .get(0);
        Ok(PgStore {
            client,
            target: target.clone(),
            read_only: !writable,
        })
    }

    fn found(&mut self) -> Result<Found, StoreError> {
        let row = self.client.query_one(
            "SELECT to_regclass('store_version') IS NOT NULL, \
             EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1)",
            &[&self.target.schema],
        )?;
        let (versioned, has_tables): (bool, bool) = (row.get(0), row.get(1));
        if !versioned {
            return Ok(if has_tables {
                Found::Foreign
            } else {
                Found::Nothing
            });
        }
        let version: Option<i64> = self
            .client
            .query_opt("SELECT MAX(version) FROM store_version", &[])?
            .and_then(|r| r.get(0));
        let version = version.unwrap_or(0) as i32;
        if version > CURRENT_VERSION {
            return Err(StoreError::PgNewerVersion {
                target: self.target.to_string(),
                found: version,
                supported: CURRENT_VERSION,
            });
        }
        Ok(Found::Store(version))
    }

    /// Creates the schema at the current version (`from_version` `None`), or brings a store an
    /// older Marketscope made up to it, in one transaction. An advisory lock keyed by the
    /// schema's name makes a second first run wait, then find the store made. Every step since
    /// version 3 (the first on PostgreSQL) only adds, so each is safe to run again.
    fn migrate(&mut self, from_version: Option<i32>) -> Result<(), StoreError> {
        let mut tx = self.client.transaction()?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext('marketscope schema ' || $1))",
            &[&self.target.schema],
        )?;
        if from_version.is_none() {
            let exists: bool = tx
                .query_one("SELECT to_regclass('store_version') IS NOT NULL", &[])?
                .get(0);
            if exists {
                return Ok(());
            }
            tx.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {}",
                schema::quote_ident(&self.target.schema)
            ))?;
            tx.batch_execute(schema::V3)?;
        }
        if from_version.is_none_or(|v| v < 6) {
            tx.batch_execute(schema::V6)?;
        }
        if from_version.is_none_or(|v| v < 7) {
            tx.batch_execute(schema::V7)?;
        }
        tx.execute(
            "INSERT INTO store_version (application, version) VALUES ('marketscope', $1)",
            &[&i64::from(CURRENT_VERSION)],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn target(&self) -> &PgTarget {
        &self.target
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub(super) fn ensure_writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            Err(StoreError::ReadOnlyRole(self.target.to_string()))
        } else {
            Ok(())
        }
    }

    pub(super) fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}

/// The cause of a failed connection, without anything of the configuration (no password).
fn connect_detail(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}
