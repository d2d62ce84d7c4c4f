//! Formula metrics as a script uses them: `metrics add/list/remove`, then `export --metric` of
//! the formula, each figure checked against a value worked out by hand from the fixture, with its
//! weakest kind, every input's source and the `derived` column; an import into a formula metric
//! refused by line and field; and the formula kept by `copy`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::marketscope;

/// ACME's GMV by quarter for 2023 (a year of them) and its downloads the same; a 2024 GMV with
/// downloads for only three quarters; Dragon's RMB revenue and net loss; Bolt's GMV alone.
const FIXTURE: &str = "\
platform,metric,region,period,value,unit,kind,source
acme,gmv,global,2023-Q1,100,USD,actual,Filing
acme,gmv,global,2023-Q2,200,USD,actual,Filing
acme,gmv,global,2023-Q3,300,USD,estimate,Analyst
acme,gmv,global,2023-Q4,400,USD,actual,Filing
acme,gmv,global,2024,1200,USD,actual,Filing
acme,downloads,global,2023-Q1,10,count,actual,App tracker
acme,downloads,global,2023-Q2,10,count,actual,App tracker
acme,downloads,global,2023-Q3,20,count,actual,App tracker
acme,downloads,global,2023-Q4,10,count,actual,App tracker
acme,downloads,global,2024-Q1,10,count,actual,App tracker
acme,downloads,global,2024-Q2,10,count,actual,App tracker
acme,downloads,global,2024-Q3,10,count,actual,App tracker
bolt,gmv,global,2023,50,USD,actual,Bolt report
dragon,revenue,global,2023,800,CNY,actual,Dragon filing
dragon,net_income,global,2023,-40,CNY,actual,Dragon filing
";

fn run(db: &Path, args: &[&str]) -> (String, String) {
    let o = marketscope(db, args);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{args:?} failed: {stderr}");
    (stdout, stderr)
}

fn store(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("f.db");
    let csv = dir.join("fixture.csv");
    std::fs::write(&csv, FIXTURE).unwrap();
    run(&db, &["import", csv.to_str().unwrap()]);
    db
}

/// The export's rows as maps of column to cell.
fn rows(csv_text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn gmv_per_download_by_quarter_and_by_year_built_from_complete_quarters() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let (said, _) = run(
        &db,
        &[
            "metrics",
            "add",
            "gmv_per_download",
            "--formula",
            "gmv / downloads",
            "--name",
            "GMV per download",
        ],
    );
    assert!(said.contains("USD per download"), "{said}");
    let (list, _) = run(&db, &["metrics", "list"]);
    let line = list
        .lines()
        .find(|l| l.starts_with("gmv_per_download"))
        .expect("listed");
    assert!(
        line.contains("GMV per download") && line.contains("gmv / downloads"),
        "{line}"
    );

    let (csv_text, notes) = run(&db, &["export", "--metric", "gmv_per_download"]);
    let rows = rows(&csv_text);
    let at = |period: &str, grain: &str| {
        rows.iter()
            .find(|r| r["period"] == period && r["grain"] == grain)
            .unwrap_or_else(|| panic!("no {grain} {period} in {csv_text}"))
    };
    // By quarter: 100/10, 200/10, 300/20, 400/10.
    assert_eq!(at("2023-01-01", "quarter")["value"], "10");
    assert_eq!(at("2023-07-01", "quarter")["value"], "15");
    assert_eq!(
        at("2023-07-01", "quarter")["kind"],
        "estimate",
        "the Analyst's estimate ÷ an actual"
    );
    assert_eq!(at("2023-01-01", "quarter")["kind"], "actual");
    // The year from complete quarters: (100+200+300+400) / (10+10+20+10) = 20, an estimate
    // because one of its quarters is.
    let year = at("2023-01-01", "year");
    assert_eq!(year["value"], "20");
    assert_eq!(year["kind"], "estimate");
    assert_eq!(year["unit"], "USD per download");
    assert_eq!(year["derived"], "formula gmv / downloads");
    for publisher in ["Filing", "Analyst", "App tracker"] {
        assert!(year["source"].contains(publisher), "{:?}", year["source"]);
    }
    // 2024: three quarters of downloads make no year; never divided by a part.
    assert!(
        !rows
            .iter()
            .any(|r| r["period"] == "2024-01-01" && r["grain"] == "year"),
        "{csv_text}"
    );
    assert!(notes.contains("no downloads figure for 2024"), "{notes}");
    assert!(
        notes.contains("bolt (global): no downloads series"),
        "{notes}"
    );
    assert_eq!(rows.len(), 5, "four quarters and one year: {csv_text}");

    // A window applies to the formula's periods, its year still built from all four quarters.
    let (windowed, _) = run(
        &db,
        &[
            "export",
            "--metric",
            "gmv_per_download",
            "--from",
            "2023-Q4",
        ],
    );
    let windowed = rows_of(&windowed);
    assert_eq!(
        windowed,
        vec!["2023-01-01 year 20", "2023-10-01 quarter 40"]
    );
}

fn rows_of(csv_text: &str) -> Vec<String> {
    let mut out: Vec<String> = rows(csv_text)
        .iter()
        .map(|r| format!("{} {} {}", r["period"], r["grain"], r["value"]))
        .collect();
    out.sort();
    out
}

#[test]
fn a_net_margin_of_a_loss_in_rmb_in_percent() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    run(
        &db,
        &[
            "metrics",
            "add",
            "net_margin",
            "--formula",
            "net_income / revenue × 100",
            "--unit",
            "percent",
        ],
    );
    let (csv_text, _) = run(&db, &["export", "--metric", "net_margin"]);
    let rows = rows(&csv_text);
    assert_eq!(rows.len(), 1, "{csv_text}");
    assert_eq!(rows[0]["platform"], "dragon");
    assert_eq!(rows[0]["value"], "-5", "-40 / 800 × 100");
    assert_eq!(rows[0]["unit"], "percent");
}

#[test]
fn bad_formulas_and_imports_into_one_are_refused_and_remove_keeps_stored_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let refused = |args: &[&str]| {
        let o = marketscope(&db, args);
        assert!(!o.status.success(), "{args:?} was accepted");
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let units = refused(&["metrics", "add", "x", "--formula", "gmv + downloads"]);
    assert!(units.contains("cannot add USD and count"), "{units}");
    let unknown = refused(&["metrics", "add", "x", "--formula", "gmv / orders"]);
    assert!(unknown.contains("\"orders\""), "{unknown}");
    let taken = refused(&["metrics", "add", "gmv", "--formula", "downloads * 2"]);
    assert!(taken.contains("already in the catalogue"), "{taken}");
    let nowhere = marketscope(
        &dir.path().join("none.db"),
        &["metrics", "add", "x", "--formula", "gmv"],
    );
    assert!(!nowhere.status.success());
    assert!(
        !dir.path().join("none.db").exists(),
        "a refused command made no store"
    );

    run(
        &db,
        &["metrics", "add", "per_dl", "--formula", "gmv / downloads"],
    );
    let csv = dir.path().join("into_formula.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,source\n\
         acme,gmv,global,2025,1,USD,actual,Filing\n\
         acme,per_dl,global,2025,3,USD per download,actual,Me\n",
    )
    .unwrap();
    let message = refused(&["import", csv.to_str().unwrap()]);
    assert!(message.contains("into_formula.csv:3: metric"), "{message}");
    assert!(message.contains("formula metric"), "{message}");
    let (after, _) = run(&db, &["export", "--metric", "gmv", "--from", "2025"]);
    assert!(
        rows(&after).is_empty(),
        "the import was one transaction: {after}"
    );

    let stored = refused(&["metrics", "remove", "gmv"]);
    assert!(stored.contains("not a formula"), "{stored}");
    run(&db, &["metrics", "remove", "per_dl"]);
    let (list, _) = run(&db, &["metrics", "list"]);
    assert!(!list.contains("per_dl"), "{list}");
    assert!(list.contains("gmv"), "{list}");
}

#[test]
fn copy_keeps_the_formula() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    run(
        &db,
        &["metrics", "add", "per_dl", "--formula", "gmv / downloads"],
    );
    let copy = dir.path().join("copy.db");
    let o = marketscope(&db, &["copy", db.to_str().unwrap(), copy.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (original, _) = run(&db, &["export", "--metric", "per_dl"]);
    let (copied, _) = run(&copy, &["export", "--metric", "per_dl"]);
    assert_eq!(original, copied);
    assert_eq!(rows(&copied).len(), 5);
}
