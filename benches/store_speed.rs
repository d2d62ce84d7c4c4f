//! Store speed, both sides measured in one run and printed side by side with their ratios:
//! - import of a 1M-row long CSV (8 columns, 40 series of 25,000 days) into a fresh store, against
//!   the sqlite3 tool's `.import` of the same file into a plain table with a UNIQUE key over
//!   (platform, metric, region, period, source), median of 3 runs, alternating;
//! - the same file again (every row unchanged), and a file that revises every value;
//! - on a local PostgreSQL server (a throwaway one, as the tests start): the same import through
//!   `COPY` and one merge, against `psql`'s `\copy` of the same file into a plain table with the
//!   same UNIQUE key, median of 3 runs, alternating;
//! - `generate` of ten million rows;
//! - a chart window (one series, 3,650 days), a whole 1M-point series into columns, and `summary`,
//!   at ten million stored rows.
//!
//! Run: `.ci/bench` (installs the sqlite3 tool), or `cargo bench --bench store_speed`.
//! `MARKETSCOPE_BENCH_IMPORT_ROWS` sets the imported rows (default 1,000,000, a multiple of 40),
//! `MARKETSCOPE_BENCH_ROWS` the generated rows (default 10,000,000, a multiple of 20).
//! `MARKETSCOPE_BENCH_ONLY=sqlite|postgres|generate` runs one part.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use marketscope::model::Grain;
use marketscope::store::import::{ImportOptions, read_file};
use marketscope::store::synthetic::{SYNTHETIC_METRIC, SYNTHETIC_REGION};
use marketscope::store::{AnyStore, Location, SeriesQuery, Store};

#[path = "../tests/common/pg_server.rs"]
mod pg_server;

const IMPORT_SERIES: usize = 40;

fn env_rows(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The long CSV a strategist's tool exports: one row per series and day. `offset` shifts every
/// value, so a second file revises every figure of the first.
fn write_csv(path: &Path, rows: usize, offset: usize) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create csv"));
    writeln!(out, "platform,metric,region,period,value,unit,kind,source").expect("write");
    let days = rows / IMPORT_SERIES;
    let start = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).expect("date");
    for series in 0..IMPORT_SERIES {
        let mut day = start;
        for d in 0..days {
            let value = 1000 + ((series * days + d) * 7919 + offset) % 100_000;
            writeln!(
                out,
                "synthetic_{series:03},downloads,us,{},{value},count,actual,synthetic generator",
                day.format("%Y-%m-%d")
            )
            .expect("write");
            day = day.succ_opt().expect("next day");
        }
    }
    out.flush().expect("flush");
}

/// Reads and imports a file in one transaction, as `marketscope import` does; returns the time
/// and what the report counted (inserted, revised, unchanged).
fn import_into(db: &Path, csv: &Path) -> (Duration, (usize, usize, usize)) {
    let mut store = Store::open(db).expect("store");
    let started = Instant::now();
    let bytes = std::fs::read(csv).expect("read csv");
    let parsed = read_file("bench.csv", &bytes, &ImportOptions::default()).expect("valid csv");
    let report = store.import(vec![parsed], false).expect("import");
    let elapsed = started.elapsed();
    let f = &report.files[0];
    (elapsed, (f.inserted, f.revised, f.unchanged))
}

fn import_sqlite3(db: &Path, csv: &Path, rows: usize) -> Option<Duration> {
    let setup = "CREATE TABLE observations (platform TEXT, metric TEXT, region TEXT, period TEXT, \
                 value REAL, unit TEXT, kind TEXT, source TEXT, \
                 UNIQUE (platform, metric, region, period, source));";
    let status = Command::new("sqlite3").arg(db).arg(setup).status().ok()?;
    if !status.success() {
        return None;
    }
    let import = format!(".import --skip 1 {} observations", csv.display());
    let started = Instant::now();
    let output = Command::new("sqlite3")
        .arg(db)
        .args(["-cmd", ".mode csv", &import])
        .output()
        .ok()?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        eprintln!(
            "sqlite3 failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        return None;
    }
    let count = Command::new("sqlite3")
        .arg(db)
        .arg("SELECT COUNT(*) FROM observations")
        .output()
        .ok()?;
    assert_eq!(
        String::from_utf8_lossy(&count.stdout).trim(),
        rows.to_string()
    );
    Some(elapsed)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let only = std::env::var("MARKETSCOPE_BENCH_ONLY").unwrap_or_default();
    let runs = |part: &str| only.is_empty() || only == part;
    if runs("sqlite") {
        import_comparison(dir.path());
    }
    if runs("postgres") {
        pg_import_comparison();
    }
    if runs("generate") {
        let db = generate(dir.path());
        queries(&db);
    }
}

/// The 1M-row import into a store on a local PostgreSQL server, beside `psql`'s `\copy`.
fn pg_import_comparison() {
    let rows = env_rows("MARKETSCOPE_BENCH_IMPORT_ROWS", 1_000_000) / IMPORT_SERIES * IMPORT_SERIES;
    println!(
        "\n== Import into PostgreSQL: {rows} rows ({IMPORT_SERIES} series), median of 3 runs, alternating with psql \\copy"
    );
    let Some(pg) = pg_server::PgServer::start("store_speed (PostgreSQL)") else {
        return;
    };
    // psql runs as the server's user, who must be able to read the file.
    let dir = tempfile::Builder::new()
        .prefix("marketscope-bench-")
        .tempdir()
        .expect("temp dir");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
    }
    let csv = dir.path().join("long.csv");
    write_csv(&csv, rows, 0);
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for run in 0..3 {
        let db = format!("ours{run}");
        pg.create_db(&db);
        let location = Location::parse(&pg.url(&db)).expect("url");
        let mut store = AnyStore::create(&location).expect("a new store");
        let started = Instant::now();
        let bytes = std::fs::read(&csv).expect("read csv");
        let parsed = read_file("bench.csv", &bytes, &ImportOptions::default()).expect("valid csv");
        let report = store.import(vec![parsed], false).expect("import");
        ours.push(started.elapsed());
        assert_eq!(report.files[0].inserted, rows, "every row inserted");
        assert_eq!(store.observation_count().expect("count"), rows);

        let db = format!("theirs{run}");
        pg.create_db(&db);
        pg.psql(
            &db,
            "CREATE TABLE observations (platform TEXT, metric TEXT, region TEXT, period TEXT, \
             value DOUBLE PRECISION, unit TEXT, kind TEXT, source TEXT, \
             UNIQUE (platform, metric, region, period, source))",
        );
        let copy = format!(
            "\\copy observations FROM '{}' WITH (FORMAT csv, HEADER true)",
            csv.display()
        );
        let started = Instant::now();
        pg.psql(&db, &copy);
        theirs.push(started.elapsed());
        assert_eq!(
            pg.psql(&db, "SELECT COUNT(*) FROM observations"),
            rows.to_string()
        );
    }
    let (ours, theirs) = (median(ours), median(theirs));
    row(
        "marketscope import into PostgreSQL, fresh store",
        ours,
        rows,
    );
    row("psql \\copy, plain table, UNIQUE key", theirs, rows);
    println!(
        "ratio marketscope / psql \\copy: {:.2}x (target: 500k rows/s)",
        secs(theirs) / secs(ours)
    );
}

fn row(label: &str, d: Duration, rows: usize) {
    println!(
        "{label:<52} {:>9.2} s {:>12.0} rows/s",
        secs(d),
        rows as f64 / secs(d)
    );
}

fn import_comparison(dir: &Path) {
    let rows = env_rows("MARKETSCOPE_BENCH_IMPORT_ROWS", 1_000_000) / IMPORT_SERIES * IMPORT_SERIES;
    println!(
        "== Import: {rows} rows ({IMPORT_SERIES} series), median of 3 runs, alternating with sqlite3"
    );
    let csv = dir.join("long.csv");
    write_csv(&csv, rows, 0);
    let revised = dir.join("revised.csv");
    write_csv(&revised, rows, 1);
    let mut ours = Vec::new();
    let mut theirs: Vec<Duration> = Vec::new();
    let mut last_db = PathBuf::new();
    for run in 0..3 {
        let db = dir.join(format!("ours-{run}.db"));
        let (time, counts) = import_into(&db, &csv);
        assert_eq!(counts, (rows, 0, 0), "a fresh store inserts every row");
        ours.push(time);
        last_db = db;
        if let Some(t) = import_sqlite3(&dir.join(format!("theirs-{run}.db")), &csv, rows) {
            theirs.push(t);
        }
    }
    let ours = median(ours);
    row("marketscope import, fresh store", ours, rows);
    let (again, counts) = import_into(&last_db, &csv);
    assert_eq!(counts, (0, 0, rows), "the same file again changes nothing");
    row(
        "marketscope import, same file again (unchanged)",
        again,
        rows,
    );
    let (revise, counts) = import_into(&last_db, &revised);
    assert_eq!(counts, (0, rows, 0), "every value revised");
    row("marketscope import, every value revised", revise, rows);
    if theirs.len() == 3 {
        let theirs = median(theirs);
        row("sqlite3 .import, plain table, UNIQUE key", theirs, rows);
        println!(
            "ratio marketscope / sqlite3: {:.2}x fresh, {:.2}x unchanged, {:.2}x revised (target: at least 1.5x, and 1M rows/s)",
            secs(theirs) / secs(ours),
            secs(theirs) / secs(again),
            secs(theirs) / secs(revise)
        );
    } else {
        println!("sqlite3 tool not found: install it (apt-get install sqlite3) or run .ci/bench");
    }
}

fn generate(dir: &Path) -> PathBuf {
    let rows = env_rows("MARKETSCOPE_BENCH_ROWS", 10_000_000);
    // 20 x 500,000 days: a million days would reach back before year 1.
    let series = 20;
    let points = rows / series;
    let db = dir.join("big.db");
    let mut store = Store::open(&db).expect("store");
    let started = Instant::now();
    store
        .generate(series, points, 1, Grain::Day)
        .expect("generate");
    let elapsed = started.elapsed();
    println!("\n== Generate and query: {series} series x {points} days");
    row(
        "marketscope generate (target: 1M rows/s)",
        elapsed,
        series * points,
    );
    db
}

fn timed<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed());
    }
    (median(times), last.expect("at least one run"))
}

fn queries(db: &Path) {
    let store = Store::open_read_only(db).expect("store");
    let stored = store.observation_count().expect("count");
    let last = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date");
    let window = SeriesQuery {
        metrics: vec![SYNTHETIC_METRIC.into()],
        platforms: vec!["synthetic_001".into()],
        regions: vec![SYNTHETIC_REGION.into()],
        from: Some(last - chrono::Duration::days(3649)),
        to: Some(last),
        ..SeriesQuery::default()
    };
    let (chart, points) = timed(9, || {
        store
            .daily_columns(&window)
            .expect("window")
            .iter()
            .map(|c| c.len())
            .sum::<usize>()
    });
    assert_eq!(points, 3650);
    let whole = SeriesQuery {
        from: None,
        to: None,
        ..window.clone()
    };
    let (series, whole_points) = timed(5, || {
        store
            .daily_columns(&whole)
            .expect("whole")
            .iter()
            .map(|c| c.len())
            .sum::<usize>()
    });
    let (summary, rows) = timed(5, || store.summary().expect("summary").len());
    assert_eq!(rows, 20);
    println!(
        "{:<52} {:>12} {:>10}",
        format!("at {stored} stored rows"),
        "median",
        "target"
    );
    println!(
        "{:<52} {:>9.2} ms {:>10}",
        format!("chart window: one series, {points} days, as columns"),
        secs(chart) * 1e3,
        "< 5 ms"
    );
    println!(
        "{:<52} {:>9.2} ms {:>10}",
        format!("one whole series, {whole_points} points, as columns"),
        secs(series) * 1e3,
        "< 100 ms"
    );
    println!(
        "{:<52} {:>9.2} ms {:>10}",
        "summary",
        secs(summary) * 1e3,
        "< 200 ms"
    );
}
