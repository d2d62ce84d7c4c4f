//! The store's schema and its migrations, versioned with `PRAGMA user_version`. Each migration runs
//! in one transaction with the version bump, so a store is always at one whole version.

use rusqlite::{Connection, Transaction};

use super::StoreError;

/// Marks a SQLite file as a Marketscope store (`PRAGMA application_id`), so another program's
/// database is recognised and left alone. ASCII "MkSc".
pub const APPLICATION_ID: i32 = 0x4D6B_5363;

/// Each entry takes the store from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[V1];

/// The schema version this program writes.
pub const CURRENT_VERSION: i32 = MIGRATIONS.len() as i32;

const V1: &str = r#"
CREATE TABLE platforms (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    name_zh   TEXT,
    parent    TEXT,
    parent_zh TEXT,
    colour    TEXT NOT NULL,
    type      TEXT NOT NULL DEFAULT 'platform' CHECK (type IN ('platform', 'aggregate'))
);
CREATE TABLE regions (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE metrics (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL CHECK (unit IN ('USD', 'count', 'percent')),
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sources (
    id        INTEGER PRIMARY KEY,
    publisher TEXT NOT NULL,
    title     TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    published TEXT,
    UNIQUE (publisher, url)
);
CREATE TABLE observations (
    platform     TEXT NOT NULL REFERENCES platforms (id),
    metric       TEXT NOT NULL REFERENCES metrics (id),
    region       TEXT NOT NULL REFERENCES regions (id),
    period_start TEXT NOT NULL,
    grain        TEXT NOT NULL CHECK (grain IN ('day', 'month', 'quarter', 'half', 'year')),
    value        REAL NOT NULL,
    unit         TEXT NOT NULL CHECK (unit IN ('USD', 'count', 'percent')),
    kind         TEXT NOT NULL CHECK (kind IN ('actual', 'estimate', 'forecast')),
    qualifier    TEXT NOT NULL DEFAULT '' CHECK (qualifier IN ('', 'about', 'more than', 'less than')),
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (platform, metric, region, period_start, grain, source_id)
) WITHOUT ROWID;
-- Chart queries select one metric over a time window.
CREATE INDEX observations_by_metric_period ON observations (metric, period_start);
CREATE INDEX observations_by_source ON observations (source_id);
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    date_start  TEXT NOT NULL,
    date_grain  TEXT NOT NULL CHECK (date_grain IN ('day', 'month', 'quarter', 'half', 'year')),
    end_start   TEXT,
    end_grain   TEXT CHECK (end_grain IN ('day', 'month', 'quarter', 'half', 'year')),
    title       TEXT NOT NULL,
    category    TEXT NOT NULL,
    platform    TEXT REFERENCES platforms (id),
    region      TEXT REFERENCES regions (id),
    description TEXT NOT NULL DEFAULT '',
    source_id   INTEGER NOT NULL REFERENCES sources (id),
    UNIQUE (date_start, title, source_id)
);
CREATE INDEX events_by_date ON events (date_start);
-- The vocabulary the dashboard's views are built on; an import may rename or describe them.
INSERT INTO regions (id, name) VALUES ('global', 'Worldwide');
INSERT INTO metrics (id, name, unit, description) VALUES
    ('gmv', 'Gross merchandise value', 'USD', 'Value of goods sold through the platform in the period'),
    ('gmv_yoy', 'GMV growth, year on year', 'percent', 'Year-on-year GMV growth as reported by the source'),
    ('downloads', 'App downloads', 'count', 'App downloads or installs in the period');
"#;

/// Reads the version without writing anything, so a store can be refused untouched.
pub fn read_version(conn: &Connection) -> Result<(i32, i32, bool), StoreError> {
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let has_tables: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |r| r.get(0),
    )?;
    Ok((version, app_id, has_tables))
}

/// Brings the store up to [`CURRENT_VERSION`], one transaction per step.
pub fn migrate(conn: &mut Connection, from_version: i32) -> Result<(), StoreError> {
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(from_version.max(0) as usize)
    {
        let tx = conn.transaction()?;
        apply(&tx, sql, index as i32 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn apply(tx: &Transaction<'_>, sql: &str, to_version: i32) -> Result<(), StoreError> {
    tx.execute_batch(sql)?;
    // PRAGMA takes no bound parameters; both values are compile-time integers, never user text.
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {to_version};"
    ))?;
    Ok(())
}
