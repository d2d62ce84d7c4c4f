//! The store's schema and its migrations, versioned with `PRAGMA user_version`. Each migration runs
//! in one transaction with the version bump, so a store is always at one whole version.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::StoreError;

/// Marks a SQLite file as a Marketscope store (`PRAGMA application_id`), so another program's
/// database is recognised and left alone. ASCII "MkSc".
pub const APPLICATION_ID: i32 = 0x4D6B_5363;

/// Each entry takes the store from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7];

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

/// Saved views and stories, so a store file carries a presenter's preparation to another laptop.
const V2: &str = r#"
CREATE TABLE saved_views (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    caption TEXT NOT NULL DEFAULT '',
    state   TEXT NOT NULL
);
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE story_steps (
    story_id   INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    caption    TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL,
    highlights TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (story_id, position)
);
"#;

/// Integer keys and open units. A series (metric, platform, region, grain, unit) gets an integer
/// id; a figure is keyed by series, period start (seconds since 1970) and publisher, so a later
/// figure from the same publisher for the same period is a revision. Superseded figures move to
/// `revisions` with the dates they were published and recorded. Kinds, qualifiers and grains are
/// small integers (the model's `code()`s). Runs with foreign keys off (see `migrate_steps`), as
/// SQLite's table-rebuild procedure requires; `foreign_key_check` runs before the commit.
const V3: &str = r#"
CREATE TABLE metrics_v3 (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    name_zh      TEXT,
    unit         TEXT NOT NULL,
    non_negative INTEGER NOT NULL DEFAULT 0 CHECK (non_negative IN (0, 1)),
    aggregate    TEXT NOT NULL DEFAULT 'sum' CHECK (aggregate IN ('sum', 'last', 'mean')),
    description  TEXT NOT NULL DEFAULT ''
);
INSERT INTO metrics_v3 (id, name, unit, non_negative, aggregate, description)
    SELECT id, name, unit, unit IN ('USD', 'count'),
           CASE unit WHEN 'percent' THEN 'mean' ELSE 'sum' END, description FROM metrics;
DROP TABLE metrics;
ALTER TABLE metrics_v3 RENAME TO metrics;
ALTER TABLE platforms ADD COLUMN fiscal_year_start INTEGER CHECK (fiscal_year_start BETWEEN 1 AND 12);
CREATE TABLE publishers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO publishers (name) SELECT DISTINCT publisher FROM sources ORDER BY publisher;
CREATE TABLE series (
    id       INTEGER PRIMARY KEY,
    metric   TEXT NOT NULL REFERENCES metrics (id),
    platform TEXT NOT NULL REFERENCES platforms (id),
    region   TEXT NOT NULL REFERENCES regions (id),
    grain    INTEGER NOT NULL CHECK (grain BETWEEN 0 AND 7),
    unit     TEXT NOT NULL,
    -- Kept by every import, so summaries and the metric list never scan the figures.
    points      INTEGER NOT NULL DEFAULT 0,
    first_start INTEGER,
    last_start  INTEGER,
    -- The smallest and largest non-zero magnitude, so an import 1,000x off is noticed cheaply.
    abs_min     REAL,
    abs_max     REAL,
    UNIQUE (metric, platform, region, grain, unit)
);
ALTER TABLE observations RENAME TO observations_v2;
INSERT INTO series (metric, platform, region, grain, unit)
    SELECT DISTINCT metric, platform, region,
           CASE grain WHEN 'day' THEN 2 WHEN 'month' THEN 4 WHEN 'quarter' THEN 5
                      WHEN 'half' THEN 6 ELSE 7 END,
           unit
    FROM observations_v2 ORDER BY metric, platform, region;
CREATE TABLE observations (
    series_id    INTEGER NOT NULL REFERENCES series (id),
    period_start INTEGER NOT NULL,
    publisher_id INTEGER NOT NULL REFERENCES publishers (id),
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    value        REAL NOT NULL,
    kind         INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),
    qualifier    INTEGER NOT NULL DEFAULT 0 CHECK (qualifier BETWEEN 0 AND 6),
    published    INTEGER NOT NULL,
    recorded     INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series_id, period_start, publisher_id)
) WITHOUT ROWID;
CREATE TABLE revisions (
    series_id    INTEGER NOT NULL REFERENCES series (id),
    period_start INTEGER NOT NULL,
    publisher_id INTEGER NOT NULL REFERENCES publishers (id),
    source_id    INTEGER NOT NULL REFERENCES sources (id),
    value        REAL NOT NULL,
    kind         INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),
    qualifier    INTEGER NOT NULL DEFAULT 0 CHECK (qualifier BETWEEN 0 AND 6),
    published    INTEGER NOT NULL,
    recorded     INTEGER NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (series_id, period_start, publisher_id, published, recorded, source_id)
) WITHOUT ROWID;
-- Version 2 keyed figures by source page; two pages of one publisher for one period become a
-- figure and its revision: the page published last (then the later source) is current.
CREATE TEMP TABLE migrated AS
    SELECT se.id AS series_id, unixepoch(o.period_start) AS period_start, p.id AS publisher_id,
           o.source_id, o.value,
           CASE o.kind WHEN 'actual' THEN 0 WHEN 'estimate' THEN 1 ELSE 2 END AS kind,
           CASE o.qualifier WHEN 'about' THEN 1 WHEN 'more than' THEN 2 WHEN 'less than' THEN 3
                            ELSE 0 END AS qualifier,
           COALESCE(unixepoch(s.published), unixepoch('now', 'start of day')) AS published,
           unixepoch('now') AS recorded, o.note,
           ROW_NUMBER() OVER (PARTITION BY se.id, o.period_start, p.id
                              ORDER BY s.published DESC, o.source_id DESC) AS rank
    FROM observations_v2 o
    JOIN sources s ON s.id = o.source_id
    JOIN publishers p ON p.name = s.publisher
    JOIN series se ON se.metric = o.metric AND se.platform = o.platform AND se.region = o.region
        AND se.unit = o.unit
        AND se.grain = CASE o.grain WHEN 'day' THEN 2 WHEN 'month' THEN 4 WHEN 'quarter' THEN 5
                                    WHEN 'half' THEN 6 ELSE 7 END;
INSERT INTO observations
    SELECT series_id, period_start, publisher_id, source_id, value, kind, qualifier, published,
           recorded, note
    FROM migrated WHERE rank = 1 ORDER BY series_id, period_start, publisher_id;
INSERT INTO revisions
    SELECT series_id, period_start, publisher_id, source_id, value, kind, qualifier, published,
           recorded, note
    FROM migrated WHERE rank > 1;
DROP TABLE migrated;
DROP TABLE observations_v2;
UPDATE series SET (points, first_start, last_start, abs_min, abs_max) =
    (SELECT COUNT(*), MIN(period_start), MAX(period_start), MIN(ABS(NULLIF(value, 0))),
            MAX(ABS(value)) FROM observations o WHERE o.series_id = series.id);
CREATE INDEX observations_by_source ON observations (source_id);
CREATE INDEX revisions_by_source ON revisions (source_id);
CREATE INDEX series_by_platform ON series (platform, metric);
"#;

/// A story step's title and caption in Chinese (`title_zh`, `caption_zh`), where it has them.
const V4: &str = r#"
ALTER TABLE story_steps ADD COLUMN title_zh TEXT;
ALTER TABLE story_steps ADD COLUMN caption_zh TEXT;
"#;

/// Overviews of long daily series (see `store::overview`): per series and kind, how many figures
/// it stands for and how many each source gives, and the few thousand figures it keeps, packed
/// (day numbers as little-endian i32, values as little-endian f64, source runs and notes as JSON)
/// so a store of hundreds of long series opens by reading one row per series.
/// A cache the dashboard fills and every write of figures drops for the series it changes.
const V5: &str = r#"
CREATE TABLE overviews (
    series_id INTEGER NOT NULL REFERENCES series (id),
    kind      INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),
    points    INTEGER NOT NULL,
    sources   TEXT NOT NULL,
    days      BLOB NOT NULL,
    vals      BLOB NOT NULL,
    runs      TEXT NOT NULL,
    notes     TEXT NOT NULL,
    PRIMARY KEY (series_id, kind)
);
"#;

/// Formula metrics (`metrics add NAME --formula "gmv / downloads"`): a metric whose figures are
/// computed from other series when they are read, never stored. Its catalogue row (name, unit)
/// is in `metrics`; the formula is here, and goes with the metric.
pub(super) const V6: &str = r#"
CREATE TABLE formulas (
    metric  TEXT PRIMARY KEY REFERENCES metrics (id) ON DELETE CASCADE,
    formula TEXT NOT NULL
);
"#;

/// Stories carry which save they are at, and who made it when: a save of a copy read before a
/// colleague's save is refused (optimistic locking). Stories already stored are at save 1.
pub(super) const V7: &str = r#"
ALTER TABLE stories ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE stories ADD COLUMN changed_at TEXT NOT NULL DEFAULT '';
UPDATE stories SET revision = 1;
"#;

/// Migrates a new connection only as far as `version`: how tests build a store an older
/// Marketscope wrote, to check that migrating it keeps its data.
#[doc(hidden)]
pub fn create_at_version(conn: &mut Connection, version: i32) -> Result<(), StoreError> {
    let steps = MIGRATIONS
        .get(..version.max(0) as usize)
        .unwrap_or(MIGRATIONS);
    migrate_steps(conn, 0, steps)
}

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

/// Brings the store up to [`CURRENT_VERSION`] in one transaction: a failure anywhere leaves the
/// store at the version it had.
pub fn migrate(conn: &mut Connection, from_version: i32) -> Result<(), StoreError> {
    migrate_steps(conn, from_version, MIGRATIONS)
}

fn migrate_steps(
    conn: &mut Connection,
    from_version: i32,
    steps: &[&str],
) -> Result<(), StoreError> {
    if from_version as usize >= steps.len() {
        return Ok(());
    }
    // Rebuilding a table that others reference needs foreign keys off, which SQLite only allows
    // outside a transaction; they are checked by hand before the commit and restored after.
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = migrate_in_one_transaction(conn, from_version, steps);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    result
}

fn migrate_in_one_transaction(
    conn: &mut Connection,
    from_version: i32,
    steps: &[&str],
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    for (index, sql) in steps.iter().enumerate().skip(from_version.max(0) as usize) {
        tx.execute_batch(sql)?;
        let broken: i64 =
            tx.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if broken > 0 {
            return Err(StoreError::Migration(format!(
                "{broken} rows would lose what they refer to in the step to version {}",
                index + 1
            )));
        }
        // PRAGMA takes no bound parameters; both values are integers of this program, not user text.
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
            index + 1
        ))?;
    }
    tx.commit()?;
    Ok(())
}

/// Copies the store aside as `NAME.bak-vN` before a migration changes it, so the user keeps the
/// file an older Marketscope can still open. Never overwrites an earlier copy.
pub fn backup(conn: &Connection, path: &Path, version: i32) -> Result<PathBuf, StoreError> {
    let base = format!("{}.bak-v{version}", path.display());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}.{n}"));
    }
    // VACUUM INTO writes a consistent copy, WAL contents included; the path is a bound parameter.
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i32 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version")
    }

    #[test]
    fn a_failing_step_leaves_the_store_at_its_old_version() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate_steps(&mut conn, 0, &[V1]).expect("v1");
        conn.execute(
            "INSERT INTO platforms (id, name, colour) VALUES ('a', 'A', '#000000')",
            [],
        )
        .expect("a row");
        let steps = [
            V1,
            "CREATE TABLE views (id INTEGER PRIMARY KEY);",
            "THIS IS NOT SQL",
        ];
        assert!(migrate_steps(&mut conn, 1, &steps).is_err());
        assert_eq!(version(&conn), 1);
        let views: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'views')",
                [],
                |r| r.get(0),
            )
            .expect("schema query");
        assert!(!views, "the step before the failure is rolled back too");
        let kept: i64 = conn
            .query_row("SELECT COUNT(*) FROM platforms", [], |r| r.get(0))
            .expect("count");
        assert_eq!(kept, 1);
    }

    #[test]
    fn steps_after_the_current_version_run_and_bump_it() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        migrate_steps(&mut conn, 0, &[V1]).expect("v1");
        let steps = [V1, "CREATE TABLE views (id INTEGER PRIMARY KEY);"];
        migrate_steps(&mut conn, 1, &steps).expect("v2");
        assert_eq!(version(&conn), 2);
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .expect("id");
        assert_eq!(app_id, APPLICATION_ID);
    }

    #[test]
    fn a_backup_is_a_whole_store_beside_the_original_and_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.db");
        let mut conn = Connection::open(&path).expect("open");
        migrate_steps(&mut conn, 0, &[V1]).expect("v1");
        conn.execute(
            "INSERT INTO regions (id, name) VALUES ('us', 'United States')",
            [],
        )
        .expect("a row");
        let first = backup(&conn, &path, 1).expect("backup");
        assert_eq!(first, dir.path().join("s.db.bak-v1"));
        let second = backup(&conn, &path, 1).expect("second backup");
        assert_eq!(second, dir.path().join("s.db.bak-v1.2"));
        let copy = Connection::open(&first).expect("open copy");
        let regions: i64 = copy
            .query_row("SELECT COUNT(*) FROM regions", [], |r| r.get(0))
            .expect("count");
        assert_eq!(regions, 2, "global and us");
        assert_eq!(version(&copy), 1);
    }
}
