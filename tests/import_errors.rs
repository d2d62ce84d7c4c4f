//! Every class of bad input: the error names file, line, column and field, quotes the text, and
//! nothing is written.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TempStore, issues, opts};
use marketscope::store::import::{ImportError, read_file};

/// Imports `csv` into a store that already holds one row; asserts nothing changed and returns
/// the issues.
fn rejected(csv: &[u8]) -> Vec<marketscope::store::import::ImportIssue> {
    let mut t = TempStore::new();
    t.import(
        "seed.csv",
        "platform,metric,period,value\ntemu,gmv,2020,1\n",
        &opts(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let before = t.all();
    let result = read_file("bad.csv", csv, &opts()).and_then(|p| t.store.import(vec![p], false));
    let found = issues(result);
    assert_eq!(
        t.all(),
        before,
        "a failed import must leave the store as it was"
    );
    assert!(found.iter().all(|i| i.file == "bad.csv"));
    found
}

fn one(csv: &str) -> marketscope::store::import::ImportIssue {
    let found = rejected(csv.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    found.into_iter().next().expect("one issue")
}

#[test]
fn a_bad_period_names_its_line_column_and_text() {
    let issue = one("platform,metric,period,value\ntemu,gmv,2024,1\ntemu,gmv,last year,2\n");
    assert_eq!(issue.line, Some(3));
    assert_eq!(issue.column.as_deref(), Some("period"));
    assert_eq!(issue.text.as_deref(), Some("last year"));
    let shown = issue.to_string();
    assert!(shown.starts_with("bad.csv:3: column \"period\""), "{shown}");
    assert!(shown.contains("expected a form like 2025"), "{shown}");
}

#[test]
fn a_bad_value_says_what_was_expected_and_names_a_synonym_column() {
    let issue = one("Company,KPI,Date,Amount\ntemu,gmv,2024,12x\n");
    assert_eq!(issue.line, Some(2));
    assert_eq!(issue.column.as_deref(), Some("Amount"));
    assert_eq!(issue.field, Some("value"));
    assert!(
        issue
            .to_string()
            .contains("column \"Amount\" (value): \"12x\""),
        "{issue}"
    );
    assert!(
        issue.message.contains("expected a finite number"),
        "{issue}"
    );
}

#[test]
fn empty_nan_infinite_and_huge_values_are_errors() {
    for (value, why) in [
        ("", "is empty"),
        ("NaN", "expected"),
        ("inf", "expected"),
        ("1e400", "64-bit"),
    ] {
        let issue = one(&format!(
            "platform,metric,period,value\ntemu,gmv,2024,{value}\n"
        ));
        assert_eq!(issue.line, Some(2), "{value:?}");
        assert!(issue.message.contains(why), "{value:?}: {issue}");
    }
}

#[test]
fn negative_gmv_or_downloads_are_errors_but_negative_growth_is_not() {
    let issue = one("platform,metric,period,value,unit\ntemu,gmv,2024,-5,USD\n");
    assert!(issue.message.contains("cannot be negative"), "{issue}");
    // The metric's unit comes from the store when the row has none.
    let issue = one("platform,metric,period,value\ntemu,downloads,2024,-5\n");
    assert!(issue.message.contains("cannot be negative"), "{issue}");
    let mut t = TempStore::new();
    t.import(
        "g.csv",
        "platform,metric,period,value\ntemu,gmv_yoy,2024,-5\n",
        &opts(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.all()[0].value, -5.0);
}

#[test]
fn a_value_in_the_wrong_unit_for_its_metric_is_an_error() {
    let issue = one("platform,metric,period,value\ntemu,gmv,2024,25%\n");
    assert!(
        issue
            .message
            .contains("the value is in percent, but metric \"gmv\" is in USD"),
        "{issue}"
    );
}

#[test]
fn rows_with_too_few_or_too_many_fields_are_errors() {
    let found = rejected(b"platform,metric,period,value\ntemu,gmv,2024\ntemu,gmv,2025,1,extra\n");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].line, Some(2));
    assert!(
        found[0].message.contains("3 fields, but the header has 4"),
        "{}",
        found[0]
    );
    assert_eq!(found[1].line, Some(3));
}

#[test]
fn every_error_of_a_file_is_listed_not_just_the_first() {
    let found = rejected(
        b"platform,metric,period,value,kind\n\
        temu,gmv,2024,1,actual\n\
        temu,gmv,bad,1,actual\n\
        temu,gmv,2025,x,actual\n\
        temu,gmv,2026,1,rumour\n",
    );
    let lines: Vec<_> = found.iter().map(|i| i.line).collect();
    assert_eq!(lines, vec![Some(3), Some(4), Some(5)], "{found:#?}");
    assert_eq!(found[2].field, Some("kind"));
}

#[test]
fn a_missing_required_column_is_named_with_the_fix() {
    let issue = one("platform,metric,value\ntemu,gmv,1\n");
    assert_eq!(issue.line, None);
    assert!(issue.message.contains("no period column"), "{issue}");
    assert!(issue.message.contains("--map period=COLUMN"), "{issue}");
}

#[test]
fn an_unrecognisable_header_says_what_files_look_like() {
    let issue = one("foo,bar\n1,2\n");
    assert_eq!(issue.line, Some(1));
    assert!(
        issue.message.contains("cannot tell what this file holds"),
        "{issue}"
    );
}

#[test]
fn unknown_columns_are_reported_not_silently_dropped() {
    let mut t = TempStore::new();
    let report = t
        .import(
            "extra.csv",
            "platform,metric,period,value,analyst mood\ntemu,gmv,2024,1,happy\n",
            &opts(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("analyst mood")),
        "{report}"
    );
}

#[test]
fn empty_binary_and_non_utf8_files_are_errors() {
    let issue = one("");
    assert!(issue.message.contains("empty"), "{issue}");
    let issue = one("   \n");
    assert!(issue.message.contains("empty"), "{issue}");
    let found = rejected(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    assert!(
        found[0].message.contains("not a CSV text file"),
        "{}",
        found[0]
    );
    // A stray byte in a file whose other text is UTF-8 is a bad row, not a reason to read the
    // whole file as Windows-1252.
    let found = rejected(
        b"platform,metric,period,value,note\ntemu,gmv,2024,1,caf\xc3\xa9\nte\xffmu,gmv,2025,1,x\n",
    );
    assert_eq!(found[0].line, Some(3));
    assert_eq!(found[0].column.as_deref(), Some("platform"));
    assert!(found[0].message.contains("UTF-8"), "{}", found[0]);
}

#[test]
fn a_header_only_file_imports_nothing_and_says_so() {
    let mut t = TempStore::new();
    let report = t
        .import("head.csv", "platform,metric,period,value\n", &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.files[0].rows, 0);
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("no rows"))
    );
}

#[test]
fn one_bad_row_at_the_end_of_a_long_file_writes_nothing() {
    let mut csv = String::from("platform,metric,period,value\n");
    for day in 0..5000 {
        let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).expect("date")
            + chrono::Duration::days(day);
        csv.push_str(&format!("temu,downloads,{date},{day}\n"));
    }
    csv.push_str("temu,downloads,2030-01-01,oops\n");
    let found = rejected(csv.as_bytes());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, Some(5002));
}

#[test]
fn a_metric_new_to_the_store_with_no_unit_holds_plain_numbers_and_says_so() {
    let mut store = TempStore::new();
    let report = store
        .import(
            "plain.csv",
            "platform,metric,period,value\ntemu,mystery,2024,1\ntemu,mystery,2025,2\n",
            &opts(),
        )
        .expect("a plain number is a unit too");
    assert_eq!(report.files[0].inserted, 2);
    assert!(
        report
            .to_string()
            .contains("metric \"mystery\" (plain numbers: no unit given)"),
        "{report}"
    );
    let rows = store.all();
    assert!(
        rows.iter()
            .all(|o| o.unit == marketscope::model::Unit::Plain)
    );
}

#[test]
fn a_grain_that_contradicts_the_period_text_is_an_error() {
    let issue = one("platform,metric,period,grain,value\ntemu,gmv,2025-Q3,month,1\n");
    assert_eq!(issue.field, Some("grain"));
    assert!(issue.message.contains("quarter"), "{issue}");
}

#[test]
fn another_currency_than_the_metrics_is_refused_rather_than_mislabelled() {
    let issue = one("platform,metric,period,value,unit\ntemu,gmv,2024,5,EUR billion\n");
    assert!(
        issue
            .message
            .contains("the value is in EUR, but metric \"gmv\" is in USD"),
        "{issue}"
    );
}

#[test]
fn the_error_list_is_capped_and_counts_the_rest() {
    let mut csv = String::from("platform,metric,period,value\n");
    for i in 0..80 {
        // Eighty different problems: each value has its own unknown word.
        csv.push_str(&format!("temu,gmv,2024,1 x{i}\n"));
    }
    let parsed = read_file("many.csv", csv.as_bytes(), &opts());
    match parsed {
        Err(ImportError::Invalid { issues, more }) => {
            assert_eq!(issues.len(), marketscope::store::import::MAX_ISSUES);
            assert_eq!(more, 80 - marketscope::store::import::MAX_ISSUES);
            let shown = ImportError::Invalid { issues, more }.to_string();
            assert!(shown.contains("and 30 more problems"), "{shown}");
        }
        other => panic!("expected a capped list, got {other:?}"),
    }
}

#[test]
fn a_100_mb_single_line_is_reported_briefly() {
    let mut csv = b"platform,metric,period,value\ntemu,gmv,2024,".to_vec();
    csv.extend(std::iter::repeat_n(b'9', 100 * 1024 * 1024));
    csv.push(b'x');
    let found = rejected(&csv);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line, Some(2));
    let shown = found[0].to_string();
    assert!(
        shown.len() < 400,
        "the message quotes a short head of the cell: {} bytes",
        shown.len()
    );
    assert!(shown.contains("characters)"), "{shown}");
}

#[test]
fn a_million_row_file_with_one_bad_row_at_the_end_writes_nothing() {
    let mut csv = String::with_capacity(40 * 1_000_000);
    csv.push_str("platform,metric,region,period,value\n");
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
    for i in 0..1_000_000usize {
        let day = start + chrono::Duration::days((i / 40) as i64);
        csv.push_str(&format!("s{},downloads,us,{day},{i}\n", i % 40));
    }
    csv.push_str("s0,downloads,us,2100-02-30,1\n");
    let found = rejected(csv.as_bytes());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, Some(1_000_002));
    assert!(found[0].message.contains("no such date"), "{}", found[0]);
}
