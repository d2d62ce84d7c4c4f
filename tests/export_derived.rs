//! `export` with a derivation (`--currency`, `--to-grain`, `--agg`, `--transform`) as a script
//! runs it: each derived figure checked against a value worked out by hand from fixture rows, with
//! its weakest kind, every input's source and the `derived` column.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::marketscope;

const FIXTURE: &str = "\
platform,metric,region,period,value,unit,kind,source
acme,gmv,global,2023-Q1,10,USD,actual,Filing
acme,gmv,global,2023-Q2,20,USD,actual,Filing
acme,gmv,global,2023-Q3,30,USD,actual,Filing
acme,gmv,global,2023-Q4,40,USD,actual,Filing
acme,gmv,global,2024-Q1,15,USD,estimate,Analyst
acme,gmv,global,2024-Q2,25,USD,actual,Filing
acme,gmv,global,2024-Q3,35,USD,actual,Filing
acme,gmv,global,2024-Q4,45,USD,actual,Filing
acme,gmv,global,2025-Q1,50,USD,actual,Filing
bolt,gmv,global,2023-Q1,30,USD,actual,Bolt report
dragon,revenue,global,2022,700,CNY,actual,Dragon filing
dragon,revenue,global,2023,710,CNY,actual,Dragon filing
cny,fx_rate,global,2022,7.0,CNY per USD,actual,Fed fixture
";

/// A store holding the fixture, and the rows of one export as (header, rows) of cells.
fn store_with_fixture(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("d.db");
    let csv = dir.join("fixture.csv");
    std::fs::write(&csv, FIXTURE).unwrap();
    let o = marketscope(&db, &["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    db
}

fn export(db: &Path, args: &[&str]) -> (Vec<Vec<String>>, String) {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let o = marketscope(db, &all);
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{stderr}");
    (csv_rows(&o.stdout), stderr)
}

/// A CSV's header and rows, as cells.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = vec![header];
    for r in reader.records() {
        rows.push(r.unwrap().iter().map(String::from).collect());
    }
    rows
}

fn cell<'a>(rows: &'a [Vec<String>], row: usize, column: &str) -> &'a str {
    let i = rows[0].iter().position(|h| h == column).unwrap();
    &rows[row][i]
}

#[test]
fn quarters_sum_to_years_then_yoy_with_the_weakest_kind_and_every_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_fixture(dir.path());
    let (rows, stderr) = export(
        &db,
        &[
            "--platform",
            "acme",
            "--to-grain",
            "year",
            "--transform",
            "yoy",
        ],
    );
    // 2023 = 100, 2024 = 120: +20 %. 2025 has one quarter only and is left out, with a note.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(cell(&rows, 1, "period"), "2024-01-01");
    let value: f64 = cell(&rows, 1, "value").parse().unwrap();
    assert!((value - 20.0).abs() < 1e-9, "{value}");
    assert_eq!(cell(&rows, 1, "unit"), "percent");
    assert_eq!(cell(&rows, 1, "kind"), "estimate", "Q1 2024 is an estimate");
    assert_eq!(cell(&rows, 1, "source"), "Filing; Analyst");
    assert!(cell(&rows, 1, "derived").contains("yoy"));
    assert!(
        stderr.contains("2025"),
        "the incomplete year is named: {stderr}"
    );
}

#[test]
fn share_of_the_platforms_shown_and_cagr() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_fixture(dir.path());
    let (rows, _) = export(
        &db,
        &[
            "--metric",
            "gmv",
            "--from",
            "2023-Q1",
            "--to",
            "2023-Q1",
            "--transform",
            "share",
        ],
    );
    // acme 10 and bolt 30 in Q1 2023: 25 % and 75 %.
    let shares: Vec<(String, f64)> = (1..rows.len())
        .map(|r| {
            (
                cell(&rows, r, "platform").to_string(),
                cell(&rows, r, "value").parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(shares.len(), 2, "{shares:?}");
    assert!(
        shares
            .iter()
            .any(|(p, v)| p == "acme" && (v - 25.0).abs() < 1e-9)
    );
    assert!(
        shares
            .iter()
            .any(|(p, v)| p == "bolt" && (v - 75.0).abs() < 1e-9)
    );

    let (rows, _) = export(
        &db,
        &[
            "--platform",
            "acme",
            "--to-grain",
            "year",
            "--transform",
            "cagr",
        ],
    );
    // 100 in 2023 to 120 in 2024: 20 % a year, one figure.
    assert_eq!(rows.len(), 2);
    let value: f64 = cell(&rows, 1, "value").parse().unwrap();
    assert!((value - 20.0).abs() < 1e-9);
}

#[test]
fn currency_converts_at_the_period_rate_and_says_which_figures_had_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_fixture(dir.path());
    let (rows, stderr) = export(&db, &["--platform", "dragon", "--currency", "USD"]);
    // 700 CNY at 7.0 per USD is 100 USD; 2023 has no rate and is left out.
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(cell(&rows, 1, "unit"), "USD");
    let value: f64 = cell(&rows, 1, "value").parse().unwrap();
    assert!((value - 100.0).abs() < 1e-9);
    assert_eq!(cell(&rows, 1, "source"), "Dragon filing; Fed fixture");
    assert!(
        stderr.contains("not converted") && stderr.contains("2023"),
        "{stderr}"
    );
}

#[test]
fn a_bad_derivation_is_refused_with_what_was_expected() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_fixture(dir.path());
    for (args, expected) in [
        (vec!["--transform", "growth"], "not a transform"),
        (vec!["--to-grain", "hour"], "--to-grain"),
        (vec!["--currency", "XYZ"], "ISO 4217"),
        (
            vec!["--platform", "acme", "--currency", "EUR"],
            "not converted",
        ),
    ] {
        let mut all = vec!["export"];
        all.extend(args.iter().copied());
        let o = marketscope(&db, &all);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn estimates_score_each_publisher_against_the_actual() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    let csv = dir.path().join("estimates.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,source,published\n\
         acme,gmv,global,2023,90,USD,estimate,Alpha,2023-03-01\n\
         acme,gmv,global,2023,120,USD,estimate,Beta,2023-06-01\n\
         acme,gmv,global,2023,100,USD,actual,Filing,2024-03-01\n\
         acme,gmv,global,2024,130,USD,estimate,Alpha,2024-03-01\n",
    )
    .unwrap();
    let o = marketscope(&db, &["import", csv.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let run = |extra: &[&str]| {
        let mut args = vec![
            "estimates",
            "--metric",
            "gmv",
            "--platform",
            "acme",
            "--format",
            "csv",
        ];
        args.extend_from_slice(extra);
        let o = marketscope(&db, &args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        csv_rows(&o.stdout)
    };
    let periods = run(&[]);
    // 2023: estimates 90 and 120, median 105, actual 100: surprise (100 - 105) / 105.
    assert_eq!(cell(&periods, 1, "median"), "105");
    let surprise: f64 = cell(&periods, 1, "surprise_pct").parse().unwrap();
    assert!(
        (surprise - (-5.0 / 105.0 * 100.0)).abs() < 1e-9,
        "{surprise}"
    );
    assert_eq!(cell(&periods, 2, "status"), "no actual yet");
    let publishers = run(&["--publishers"]);
    let row = |name: &str| {
        (1..publishers.len())
            .find(|&r| cell(&publishers, r, "publisher") == name)
            .unwrap()
    };
    // Alpha was 10 % under, Beta 20 % over.
    let alpha_bias: f64 = cell(&publishers, row("Alpha"), "bias_pct").parse().unwrap();
    let beta_error: f64 = cell(&publishers, row("Beta"), "mean_abs_error_pct")
        .parse()
        .unwrap();
    assert!((alpha_bias + 10.0).abs() < 1e-9, "{alpha_bias}");
    assert!((beta_error - 20.0).abs() < 1e-9, "{beta_error}");
    let table = marketscope(&db, &["estimates", "--metric", "gmv", "--platform", "acme"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("no actual yet") && text.contains("Beta"),
        "{text}"
    );
}
