//! Store speed, both sides measured in one run: CSV import rows per second against the sqlite3
//! tool's `.import` of the same rows into the same table, and chart-query latency at ten million
//! stored rows. Prints a table with medians and ratios.
//!
//! Run: `.ci/bench` (installs the sqlite3 tool), or `cargo bench --bench store_speed`.
//! `MARKETSCOPE_BENCH_ROWS` sets the stored rows for the query part (default 10,000,000),
//! `MARKETSCOPE_BENCH_IMPORT_ROWS` the rows imported (default 1,000,000); `MARKETSCOPE_BENCH_DB`
//! queries an existing store made by `marketscope generate` instead of generating one;
//! `MARKETSCOPE_BENCH_SKIP_IMPORT=1` skips the import part.

// A benchmark panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use marketscope::store::import::{ImportOptions, read_file};
use marketscope::store::synthetic::{SYNTHETIC_METRIC, SYNTHETIC_REGION};
use marketscope::store::{SeriesQuery, Store};

/// Rows of the import comparison; `MARKETSCOPE_BENCH_IMPORT_ROWS` overrides.
fn import_rows() -> usize {
    std::env::var("MARKETSCOPE_BENCH_IMPORT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}
const SERIES: usize = 50;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The same rows twice: with Marketscope's headers, and in the table's column order for sqlite3.
fn write_csvs(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let ours = dir.join("ours.csv");
    let theirs = dir.join("table-order.csv");
    let mut a = std::io::BufWriter::new(std::fs::File::create(&ours).expect("create csv"));
    let mut b = std::io::BufWriter::new(std::fs::File::create(&theirs).expect("create csv"));
    writeln!(a, "platform,metric,region,period,value,source").expect("write");
    writeln!(
        b,
        "platform,metric,region,period_start,grain,value,unit,kind,qualifier,source_id,note"
    )
    .expect("write");
    let start = chrono::NaiveDate::from_ymd_opt(1950, 1, 1).expect("date");
    for i in 0..import_rows() {
        let day = (start + chrono::Duration::days((i / SERIES) as i64)).format("%Y-%m-%d");
        let platform = format!("synthetic_{:03}", i % SERIES);
        let value = 1000 + (i * 7919) % 100_000;
        writeln!(
            a,
            "{platform},downloads,us,{day},{value},synthetic generator"
        )
        .expect("write");
        writeln!(
            b,
            "{platform},downloads,us,{day},day,{value},count,actual,,1,"
        )
        .expect("write");
    }
    a.flush().expect("flush");
    b.flush().expect("flush");
    (ours, theirs)
}

fn import_ours(dir: &Path, csv: &Path, run: usize) -> Duration {
    let db = dir.join(format!("ours-{run}.db"));
    let mut store = Store::open(&db).expect("store");
    let started = Instant::now();
    let bytes = std::fs::read(csv).expect("read csv");
    let parsed = read_file("ours.csv", &bytes, &ImportOptions::default()).expect("valid csv");
    store.import(vec![parsed], false).expect("import");
    let elapsed = started.elapsed();
    assert_eq!(store.observation_count().expect("count"), import_rows());
    elapsed
}

fn import_sqlite3(dir: &Path, csv: &Path, run: usize) -> Option<Duration> {
    let db = dir.join(format!("theirs-{run}.db"));
    drop(Store::open(&db).expect("same schema"));
    let import = format!(".import --skip 1 {} observations", csv.display());
    let started = Instant::now();
    let output = Command::new("sqlite3")
        .arg(&db)
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
        .arg(&db)
        .arg("SELECT COUNT(*) FROM observations")
        .output()
        .ok()?;
    assert_eq!(
        String::from_utf8_lossy(&count.stdout).trim(),
        import_rows().to_string()
    );
    Some(elapsed)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    if std::env::var_os("MARKETSCOPE_BENCH_SKIP_IMPORT").is_none() {
        import_comparison(dir.path());
    }
    query_latency(dir.path());
}

fn import_comparison(dir: &Path) {
    println!(
        "== Import: {} rows, median of 3 runs into fresh stores",
        import_rows()
    );
    let (ours_csv, table_csv) = write_csvs(dir);
    let ours = median((0..3).map(|run| import_ours(dir, &ours_csv, run)).collect());
    let theirs: Option<Vec<Duration>> = (0..3)
        .map(|run| import_sqlite3(dir, &table_csv, run))
        .collect();
    let rate = |d: Duration| import_rows() as f64 / d.as_secs_f64();
    println!("{:<44} {:>10} {:>14}", "", "seconds", "rows/s");
    println!(
        "{:<44} {:>10.2} {:>14.0}",
        "marketscope import (parse, validate, upsert)",
        ours.as_secs_f64(),
        rate(ours)
    );
    match theirs {
        Some(times) => {
            let theirs = median(times);
            println!(
                "{:<44} {:>10.2} {:>14.0}",
                "sqlite3 .import (no validation)",
                theirs.as_secs_f64(),
                rate(theirs)
            );
            println!(
                "ratio marketscope / sqlite3: {:.2}x (target: at least 1.5x, and 1M rows/s)",
                rate(ours) / rate(theirs)
            );
        }
        None => println!(
            "sqlite3 tool not found: install it (apt-get install sqlite3) or run .ci/bench"
        ),
    }
}

fn query_latency(dir: &Path) {
    // A store made by `marketscope generate` can stand in for the generated one (generating ten
    // million rows takes half an hour on a busy two-core machine).
    let existing = std::env::var_os("MARKETSCOPE_BENCH_DB").map(std::path::PathBuf::from);
    let db = existing.clone().unwrap_or_else(|| dir.join("big.db"));
    let mut store = Store::open(&db).expect("store");
    match &existing {
        Some(path) => println!(
            "\n== Chart query at {} stored rows ({})",
            store.observation_count().expect("count"),
            path.display()
        ),
        None => {
            let rows: usize = std::env::var("MARKETSCOPE_BENCH_ROWS")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(10_000_000);
            let series = 100;
            let points = rows / series;
            println!(
                "\n== Chart query at {} stored rows ({series} series x {points} days)",
                series * points
            );
            let started = Instant::now();
            store
                .generate(series, points, 1, marketscope::model::Grain::Day)
                .expect("generate");
            println!("generated in {:.1} s", started.elapsed().as_secs_f64());
        }
    }
    let views = [
        ("one series, whole range", 1usize, None),
        ("one series, last 10 years", 1, Some(3653i64)),
        ("ten series, whole range", 10, None),
    ];
    println!(
        "{:<32} {:>10} {:>16} {:>18}",
        "view", "rows", "series() ms", "daily_columns() ms"
    );
    for (label, platforms, days) in views {
        let query = SeriesQuery {
            metrics: vec![SYNTHETIC_METRIC.into()],
            // A chart's series is one platform x metric x region.
            regions: vec![SYNTHETIC_REGION.into()],
            platforms: (1..=platforms)
                .map(|i| format!("synthetic_{i:03}"))
                .collect(),
            from: days.map(|d| {
                chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("date")
                    - chrono::Duration::days(d)
            }),
            ..SeriesQuery::default()
        };
        let mut found = 0;
        let times: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                found = store.series(&query).expect("query").len();
                started.elapsed()
            })
            .collect();
        // The dashboard's read for long series: the same window straight into arrays.
        let mut in_columns = 0;
        let column_times: Vec<Duration> = (0..5)
            .map(|_| {
                let started = Instant::now();
                in_columns = store
                    .daily_columns(&query)
                    .expect("query")
                    .iter()
                    .map(|c| c.len())
                    .sum();
                started.elapsed()
            })
            .collect();
        assert_eq!(in_columns, found, "both reads see the same figures");
        println!(
            "{label:<32} {found:>10} {:>16.1} {:>18.1}",
            median(times).as_secs_f64() * 1e3,
            median(column_times).as_secs_f64() * 1e3
        );
    }
    // What opening the dashboard on this store reads: every figure, long series as columns.
    let started = Instant::now();
    let split = store.read_split(4096, &mut |_| {}).expect("whole store");
    let whole = started.elapsed();
    let read: usize =
        split.columns.iter().map(|c| c.len()).sum::<usize>() + split.observations.len();
    println!(
        "whole store as the dashboard reads it (read_split): {read} rows in {:.2} s = {:.0} rows/s",
        whole.as_secs_f64(),
        read as f64 / whole.as_secs_f64()
    );
    println!("target: under 200 ms for one view at 10M stored rows");
}
