//! Opening stores: new, newer, foreign, broken and read-only files are handled, and a refused
//! file is left byte-for-byte as it was.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{TempStore, opts};
use marketscope::store::{Store, StoreError, schema};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn a_missing_file_becomes_an_empty_store_at_the_current_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.db");
    let store = Store::open(&path).expect("created");
    assert_eq!(store.observation_count().expect("count"), 0);
    assert!(!store.is_read_only());
    drop(store);
    let conn = rusqlite::Connection::open(&path).expect("sqlite opens it");
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, schema::CURRENT_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn a_newer_store_is_refused_and_left_untouched() {
    let t = TempStore::with_sample();
    let path = t.path();
    drop(t.store);
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("bump version");
    }
    let before = bytes(&path);
    match Store::open(&path) {
        Err(StoreError::NewerVersion {
            found: 99,
            supported,
            ..
        }) => {
            assert_eq!(supported, schema::CURRENT_VERSION)
        }
        Err(other) => panic!("expected NewerVersion, got {other}"),
        Ok(_) => panic!("a newer store must be refused"),
    }
    let message = Store::open_read_only(&path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(message.contains("newer than this program"), "{message}");
    assert_eq!(bytes(&path), before, "the refused store must not change");
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .expect("foreign schema");
    }
    let before = bytes(&path);
    assert!(matches!(Store::open(&path), Err(StoreError::Foreign(_))));
    assert_eq!(bytes(&path), before);
}

#[test]
fn random_bytes_an_empty_file_and_a_directory_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let junk = dir.path().join("junk.db");
    let noise: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&junk, &noise).expect("write junk");
    let err = Store::open(&junk)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("not a SQLite database"), "{err}");
    assert_eq!(bytes(&junk), noise);

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write empty");
    assert!(matches!(Store::open(&empty), Err(StoreError::EmptyFile(_))));
    assert_eq!(bytes(&empty), b"");

    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::IsADirectory(_))
    ));
    let orphan = dir.path().join("no/such/dir/x.db");
    assert!(matches!(
        Store::open(&orphan),
        Err(StoreError::NoParentDir(_))
    ));
}

#[test]
fn a_read_only_store_reads_but_refuses_imports() {
    let mut t = TempStore::with_sample();
    let count = t.count();
    let path = t.path();
    drop(std::mem::replace(
        &mut t.store,
        Store::open_read_only(&path).expect("read-only open"),
    ));
    assert!(t.store.is_read_only());
    assert_eq!(t.count(), count);
    let result = t.import(
        "x.csv",
        "platform,metric,period,value\ntemu,gmv,2030,1\n",
        &opts(),
    );
    let message = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("read-only"), "{message}");
    assert_eq!(t.count(), count);
}

#[test]
fn a_dry_run_reports_but_writes_nothing() {
    let mut t = TempStore::new();
    let parsed = marketscope::store::import::read_file(
        "d.csv",
        b"platform,metric,period,value\ntemu,gmv,2024,1\n",
        &opts(),
    )
    .expect("reads");
    let report = t.store.import(vec![parsed], true).expect("dry run");
    assert!(report.dry_run);
    assert_eq!(report.files[0].inserted, 1);
    assert_eq!(t.count(), 0);
    assert!(
        t.store.platforms().expect("platforms").is_empty(),
        "no catalog rows either"
    );
}

#[test]
fn another_connections_write_changes_the_data_version() {
    let mut a = TempStore::new();
    let b = Store::open(&a.path()).expect("second connection");
    let before = b.data_version().expect("version");
    a.import(
        "x.csv",
        "platform,metric,period,value\ntemu,gmv,2024,1\n",
        &opts(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(b.data_version().expect("version"), before);
}

#[test]
fn a_truncated_store_is_refused_and_left_untouched() {
    let t = TempStore::with_sample();
    let path = t.path();
    drop(t.store);
    let full = bytes(&path);
    assert!(full.len() > 8192, "the sample store spans several pages");
    let cut = &full[..full.len() / 2];
    std::fs::write(&path, cut).expect("truncate");
    // SQLite may open a truncated file; reading it must fail cleanly, never crash or rewrite it.
    match Store::open(&path) {
        Ok(store) => assert!(
            store.series(&Default::default()).is_err() || store.observation_count().is_err()
        ),
        Err(e) => assert!(
            e.to_string().contains("s.db") || e.to_string().contains("test.db"),
            "{e}"
        ),
    }
    assert_eq!(bytes(&path), cut);
}

#[test]
fn a_write_waits_a_bounded_time_for_another_writer_then_says_busy_while_reads_go_on() {
    let mut t = TempStore::with_sample();
    let count = t.count();
    let other = rusqlite::Connection::open(t.path()).expect("second connection");
    other
        .execute_batch(
            "BEGIN IMMEDIATE; DELETE FROM observations WHERE series_id IN \
             (SELECT id FROM series WHERE platform = 'temu');",
        )
        .expect("hold the write lock");
    // Reads see the last committed state while the other transaction is open (WAL).
    assert_eq!(t.count(), count);
    t.store
        .set_busy_timeout(std::time::Duration::from_millis(200))
        .expect("timeout");
    let result = t.import(
        "x.csv",
        "platform,metric,period,value\ntemu,gmv,2030,1\n",
        &opts(),
    );
    let message = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("busy"), "{message}");
    other.execute_batch("ROLLBACK").expect("release");
    assert_eq!(t.count(), count, "nothing was lost or half-written");
    t.import(
        "x.csv",
        "platform,metric,period,value\ntemu,gmv,2030,1\n",
        &opts(),
    )
    .unwrap_or_else(|e| panic!("once the lock is gone the import goes through: {e}"));
    assert_eq!(t.count(), count + 1);
}

#[test]
fn a_version_2_store_migrates_to_v3_with_nothing_lost_and_a_backup_beside_it() {
    use marketscope::model::{Grain, Kind, Qualifier, Unit};
    use marketscope::store::schema;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("v2.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        schema::create_at_version(&mut conn, 2).expect("a version 2 store");
        conn.execute_batch(
            "INSERT INTO platforms (id, name, colour) VALUES ('temu', 'TEMU', '#E69F00');
             INSERT INTO regions (id, name) VALUES ('us', 'United States');
             INSERT INTO sources (publisher, url, published) VALUES
                 ('LatePost', 'https://a.example/1', '2023-12-31'),
                 ('LatePost', 'https://b.example/2', '2024-04-29'),
                 ('CICC', '', NULL);
             INSERT INTO observations (platform, metric, region, period_start, grain, value, unit, kind, qualifier, source_id, note) VALUES
                 ('temu', 'gmv', 'global', '2024-01-01', 'year', 3e10, 'USD', 'forecast', '', 1, 'first'),
                 ('temu', 'gmv', 'global', '2024-01-01', 'year', 6e10, 'USD', 'forecast', 'about', 2, 'later'),
                 ('temu', 'downloads', 'us', '2024-03-01', 'month', 4.5e7, 'count', 'estimate', 'more than', 3, ''),
                 ('temu', 'gmv_yoy', 'global', '2024-07-01', 'quarter', -12.5, 'percent', 'actual', '', 3, '');
             INSERT INTO saved_views (name, caption, state) VALUES ('kept', 'a view', '{}');",
        )
        .expect("version 2 data");
    }
    let store = Store::open(&path).expect("migrates");
    let rows = store.series(&Default::default()).expect("rows");
    assert_eq!(
        rows.len(),
        3,
        "two pages of one publisher are one figure: {rows:#?}"
    );
    let gmv = rows.iter().find(|o| o.metric == "gmv").expect("gmv");
    assert_eq!(
        (gmv.value, gmv.qualifier),
        (6e10, Qualifier::About),
        "the later print is current"
    );
    assert_eq!(gmv.period.grain, Grain::Year);
    let downloads = rows
        .iter()
        .find(|o| o.metric == "downloads")
        .expect("downloads");
    assert_eq!(
        (
            downloads.region.as_str(),
            downloads.kind,
            downloads.unit,
            downloads.period.grain
        ),
        ("us", Kind::Estimate, Unit::Count, Grain::Month)
    );
    let growth = rows.iter().find(|o| o.metric == "gmv_yoy").expect("growth");
    assert_eq!((growth.value, growth.unit), (-12.5, Unit::Percent));
    let revisions = store.revisions(&Default::default()).expect("revisions");
    let earlier: Vec<_> = revisions
        .iter()
        .filter(|(o, _)| o.metric == "gmv")
        .map(|(o, _)| (o.value, o.note.as_str()))
        .collect();
    assert_eq!(earlier, vec![(3e10, "first"), (6e10, "later")]);
    assert_eq!(store.saved_views().expect("views").len(), 1);
    let metrics = store.metrics().expect("metrics");
    let gmv_metric = metrics.iter().find(|m| m.id == "gmv").expect("gmv metric");
    assert!(
        gmv_metric.non_negative,
        "USD metrics of v2 may not be negative"
    );
    let backup = dir.path().join("v2.db.bak-v2");
    let conn = rusqlite::Connection::open(&backup).expect("open backup");
    let (version, rows): (i32, i64) = (
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version"),
        conn.query_row("SELECT COUNT(*) FROM observations", [], |r| r.get(0))
            .expect("rows"),
    );
    assert_eq!(
        (version, rows),
        (2, 4),
        "the version 2 file is kept whole beside the store"
    );
}
