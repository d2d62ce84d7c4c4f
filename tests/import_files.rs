//! Files as strategists keep them, read through a real import into a store: semicolon files with
//! decimal commas, UTF-16 and Windows-1252 text, tab and pipe files, workbooks with a title block
//! above the header, and units and scale written in a header.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::{TempStore, issues, opts};
use marketscope::model::Unit;
use marketscope::store::import::{Field, ImportError, ImportOptions, ImportReport, read_file};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn import_bytes(
    t: &mut TempStore,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let parsed = read_file(name, bytes, options)?;
    t.store.import(vec![parsed], false)
}

/// Imports into a new store, panicking on failure.
fn imported(name: &str, bytes: &[u8], options: &ImportOptions) -> (TempStore, ImportReport) {
    let mut t = TempStore::new();
    let report = import_bytes(&mut t, name, bytes, options).unwrap_or_else(|e| panic!("{e}"));
    (t, report)
}

/// The issues of an import into a new store that must fail and leave the store empty.
fn refused(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Vec<marketscope::store::import::ImportIssue> {
    let mut t = TempStore::new();
    let before = t.count();
    let found = issues(import_bytes(&mut t, name, bytes, options));
    assert_eq!(t.count(), before, "a refused file wrote rows");
    found
}

fn with(map: &[(Field, &str)], set: &[(Field, &str)]) -> ImportOptions {
    ImportOptions {
        map: map.iter().map(|(f, c)| (*f, c.to_string())).collect(),
        set: set.iter().map(|(f, v)| (*f, v.to_string())).collect(),
        ..opts()
    }
}

fn value_of(t: &TempStore, platform: &str) -> f64 {
    let all = t.all();
    all.iter()
        .find(|o| o.platform.eq_ignore_ascii_case(platform))
        .unwrap_or_else(|| panic!("no {platform} in {all:#?}"))
        .value
}

fn spanish_map() -> ImportOptions {
    with(
        &[
            (Field::Platform, "Plataforma"),
            (Field::Period, "Periodo"),
            (Field::Value, "Valor"),
        ],
        &[(Field::Metric, "downloads")],
    )
}

#[test]
fn a_european_semicolon_file_reads_decimal_commas() {
    let csv = "Plataforma;Periodo;Valor\nTEMU;2024-Q1;1.234,5\nSHEIN;2024-Q1;5,3\nShopee;2024-Q1;1.234.567\n";
    let (t, report) = imported("eu.csv", csv.as_bytes(), &spanish_map());
    assert_eq!(report.files[0].inserted, 3, "{report}");
    assert_eq!(value_of(&t, "temu"), 1234.5);
    assert_eq!(value_of(&t, "shein"), 5.3);
    assert_eq!(value_of(&t, "shopee"), 1_234_567.0);
}

#[test]
fn a_number_read_two_ways_is_refused_with_both_readings() {
    let csv = "Plataforma;Periodo;Valor\nTEMU;2024-Q1;1.234,5\nSHEIN;2024-Q1;1.234\n";
    let found = refused("eu.csv", csv.as_bytes(), &spanish_map());
    assert_eq!(found.len(), 1, "{found:#?}");
    let issue = &found[0];
    assert_eq!(issue.file, "eu.csv");
    assert_eq!(issue.line, Some(3));
    assert_eq!(issue.column.as_deref(), Some("Valor"));
    assert_eq!(issue.field, Some("value"));
    assert!(
        issue.message.contains("1234") && issue.message.contains("1.234"),
        "{issue}"
    );
    // Without decimal commas, a decimal comma is refused as before, not misread.
    let found = refused(
        "us.csv",
        b"platform,metric,period,value\ntemu,downloads,2024,\"1,5\"\n",
        &opts(),
    );
    assert_eq!((found[0].line, found[0].field), (Some(2), Some("value")));
    // --decimal-comma reads a comma file's decimals too.
    let options = ImportOptions {
        decimal_comma: true,
        ..opts()
    };
    let (t, _) = imported(
        "flag.csv",
        b"platform,metric,period,value\ntemu,downloads,2024,\"2,5\"\n",
        &options,
    );
    assert_eq!(value_of(&t, "temu"), 2.5);
}

#[test]
fn utf16_unicode_text_with_a_bom_is_read() {
    let text = "platform\tmetric\tperiod\tvalue\tnote\nTEMU\tdownloads\t2024\t5\tQ4 促销\n";
    let mut bytes = b"\xFF\xFE".to_vec();
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let (t, report) = imported("unicode.txt", &bytes, &opts());
    assert_eq!(report.files[0].inserted, 1, "{report}");
    let o = &t.all()[0];
    assert_eq!((o.value, o.note.as_str()), (5.0, "Q4 促销"));
}

#[test]
fn windows_1252_text_is_read_and_said_so() {
    let bytes = b"platform,metric,period,value,note\nTEMU,downloads,2024,5,Caf\xe9 \x80 promo\n";
    let (t, report) = imported("latin.csv", bytes, &opts());
    assert_eq!(t.all()[0].note, "Café € promo");
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("Windows-1252")),
        "{report}"
    );
}

#[test]
fn tab_and_pipe_files_are_split_by_their_delimiter() {
    for (name, text) in [
        (
            "tab.tsv",
            "platform\tmetric\tperiod\tvalue\ntemu\tdownloads\t2024\t1,234\n",
        ),
        (
            "pipe.txt",
            "platform|metric|period|value\ntemu|downloads|2024|\"1,234\"\n",
        ),
    ] {
        let (t, report) = imported(name, text.as_bytes(), &opts());
        assert_eq!(report.files[0].inserted, 1, "{name}: {report}");
        assert_eq!(value_of(&t, "temu"), 1234.0, "{name}");
    }
}

#[test]
fn an_ambiguous_delimiter_is_an_error_suggesting_the_option() {
    let csv = "platform,metric,period,value,source;note\ntemu,downloads,2024,5,a;b\n";
    let found = refused("both.csv", csv.as_bytes(), &opts());
    assert_eq!(found[0].file, "both.csv");
    let message = found[0].to_string();
    assert!(
        message.contains("comma") && message.contains("semicolon"),
        "{message}"
    );
    assert!(message.contains("--delimiter"), "{message}");
    // Said by hand, the same file reads.
    let options = ImportOptions {
        delimiter: Some(b','),
        ..opts()
    };
    let (t, report) = imported("both.csv", csv.as_bytes(), &options);
    assert_eq!(report.files[0].inserted, 1, "{report}");
    assert_eq!(value_of(&t, "temu"), 5.0);
}

/// A workbook as an analyst keeps it: a title and a source line, then the header and figures.
fn gmv_workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet();
    sheet.set_name("GMV").expect("name");
    sheet
        .write_string(0, 0, "TEMU and SHEIN quarterly GMV")
        .expect("cell");
    sheet
        .write_string(1, 0, "Source: company filings, compiled November 2026")
        .expect("cell");
    sheet.write_string(2, 0, "Platform").expect("cell");
    sheet.write_string(2, 1, "Date").expect("cell");
    sheet.write_string(2, 2, "GMV (USD bn)").expect("cell");
    let rows = [
        ("TEMU", (2025, 3, 31), 14.5),
        ("SHEIN", (2025, 3, 31), 9.876_543_210_123_457),
    ];
    for (i, (platform, (y, m, d), gmv)) in rows.into_iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, platform).expect("cell");
        let when = ExcelDateTime::from_ymd(y, m, d).expect("date");
        sheet
            .write_datetime_with_format(row, 1, &when, &date)
            .expect("cell");
        sheet.write_number(row, 2, gmv).expect("cell");
    }
    let notes = workbook.add_worksheet();
    notes.set_name("Notes").expect("name");
    notes
        .write_string(0, 0, "Figures are as reported")
        .expect("cell");
    workbook.save_to_buffer().expect("xlsx")
}

#[test]
fn a_workbook_header_below_a_title_block_gives_unit_scale_and_metric() {
    let (t, report) = imported("gmv.xlsx", &gmv_workbook(), &opts());
    assert_eq!(report.files[0].inserted, 2, "{report}");
    assert!(report.files[0].file.contains("[sheet GMV]"), "{report}");
    let stored = t.all();
    for o in &stored {
        assert_eq!(o.metric, "gmv");
        assert_eq!(o.unit, Unit::USD);
        assert_eq!(
            o.period.start,
            NaiveDate::from_ymd_opt(2025, 3, 31).expect("date")
        );
    }
    assert_eq!(value_of(&t, "temu"), 14.5e9);
    // Full precision: the cell's f64, times the header's scale, not a rounded copy.
    assert_eq!(value_of(&t, "shein"), 9.876_543_210_123_457 * 1e9);
}

#[test]
fn an_unknown_sheet_is_an_error_listing_the_sheets() {
    let options = ImportOptions {
        sheet: Some("Q3".into()),
        ..opts()
    };
    let found = refused("gmv.xlsx", &gmv_workbook(), &options);
    let message = found[0].to_string();
    assert!(message.starts_with("gmv.xlsx"), "{message}");
    assert!(
        message.contains("\"Q3\"") && message.contains("\"GMV\"") && message.contains("\"Notes\""),
        "{message}"
    );
}

#[test]
fn a_sheet_without_a_header_names_the_sheet_and_what_was_looked_for() {
    let options = ImportOptions {
        sheet: Some("Notes".into()),
        ..opts()
    };
    let found = refused("gmv.xlsx", &gmv_workbook(), &options);
    let message = found[0].to_string();
    assert_eq!(found[0].file, "gmv.xlsx [sheet Notes]");
    assert!(message.contains("no header row"), "{message}");
    assert!(
        message.contains("platform") && message.contains("GMV (USD bn)"),
        "{message}"
    );
}

#[test]
fn a_bad_cell_in_a_sheet_is_named_by_sheet_row_column_and_field() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Data").expect("name");
    for (col, title) in ["platform", "metric", "period", "value"].iter().enumerate() {
        sheet.write_string(0, col as u16, *title).expect("cell");
    }
    for (row, value) in [(1, "5"), (2, "lots")] {
        for (col, text) in ["temu", "downloads", "2024", value].iter().enumerate() {
            sheet.write_string(row, col as u16, *text).expect("cell");
        }
    }
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let found = refused("data.xlsx", &bytes, &opts());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, Some(3));
    assert_eq!(found[0].field, Some("value"));
    let message = found[0].to_string();
    assert!(
        message.starts_with("data.xlsx [sheet Data] row 3:") && message.contains("\"lots\""),
        "{message}"
    );
}

#[test]
fn a_mapped_value_column_takes_its_headers_scale() {
    let csv = "Platform,Quarter,GMV (USD bn)\nTEMU,2025-Q1,14.5\nSHEIN,2025-Q1,\"1,234.5\"\n";
    let options = with(&[(Field::Value, "GMV (USD bn)")], &[(Field::Metric, "gmv")]);
    let (t, report) = imported("my_temu.csv", csv.as_bytes(), &options);
    assert_eq!(report.files[0].inserted, 2, "{report}");
    assert_eq!(value_of(&t, "temu"), 14.5e9, "not $14.50");
    // The report shows what the header did, so a dry run shows it too.
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("GMV (USD bn)") && w.contains("14500000000")),
        "{report}"
    );
    assert_eq!(value_of(&t, "shein"), 1234.5e9);
    // Recognised without --map or --set: the only header with a unit names value and metric.
    let (t, _) = imported("auto.csv", csv.as_bytes(), &opts());
    assert_eq!(value_of(&t, "temu"), 14.5e9);
    assert_eq!(t.all()[0].metric, "gmv");
}

#[test]
fn a_scale_given_twice_is_an_error() {
    let csv = "Platform,Quarter,GMV (USD bn)\nTEMU,2025-Q1,14.5\nSHEIN,2025-Q1,1.2B\n";
    let found = refused("twice.csv", csv.as_bytes(), &opts());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, Some(3));
    assert_eq!(found[0].column.as_deref(), Some("GMV (USD bn)"));
    assert_eq!(found[0].field, Some("value"));
    assert!(found[0].message.contains("once"), "{}", found[0]);
    let options = ImportOptions {
        scale: Some(1e6),
        ..opts()
    };
    let found = refused("twice.csv", csv.as_bytes(), &options);
    assert!(found[0].message.contains("--scale"), "{}", found[0]);
}

#[test]
fn scale_by_hand_multiplies_every_value() {
    let csv = "platform,metric,period,value\ntemu,downloads,2024,2.5\n";
    let options = ImportOptions {
        scale: Some(1e6),
        ..opts()
    };
    let (t, _) = imported("m.csv", csv.as_bytes(), &options);
    assert_eq!(value_of(&t, "temu"), 2.5e6);
}

#[test]
fn an_rmb_header_stores_yuan_in_millions() {
    let csv = "Platform,Quarter,Revenue (RMB mn)\nTEMU,2025-Q1,100\n";
    let (t, report) = imported("rmb.csv", csv.as_bytes(), &opts());
    assert_eq!(report.files[0].inserted, 1, "{report}");
    let rows = t.all();
    assert_eq!(rows[0].unit, marketscope::model::Unit::CNY);
    assert_eq!(rows[0].value, 100e6);
    assert_eq!(rows[0].metric, "revenue");
}

#[test]
fn a_header_currency_that_disagrees_with_the_metric_is_refused() {
    let csv = "Platform,Quarter,GMV (RMB mn)\nTEMU,2025-Q1,100\n";
    let mut options = opts();
    options.set = vec![(marketscope::store::import::Field::Metric, "gmv".into())];
    let mut t = TempStore::new();
    let found = issues(t.import("rmb.csv", csv, &options));
    assert_eq!((found[0].line, found[0].field), (Some(2), Some("value")));
    assert!(
        found[0]
            .message
            .contains("the value is in CNY, but metric \"gmv\" is in USD"),
        "{}",
        found[0]
    );
}

/// `tests/fixtures/gmv.ods`: a hand-made OpenDocument sheet (a zip of `mimetype`, a manifest and
/// `content.xml`, written with Python's zipfile) with a title row, date cells and float cells
/// whose displayed text (`14,5`, `9,88`) differs from their value.
#[test]
fn an_ods_sheet_reads_its_dates_and_full_values() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gmv.ods"
    ))
    .expect("fixture");
    let (t, report) = imported("gmv.ods", &bytes, &opts());
    assert_eq!(report.files[0].inserted, 2, "{report}");
    assert!(report.files[0].file.contains("[sheet Umsatz]"), "{report}");
    assert_eq!(value_of(&t, "temu"), 14.5e9);
    assert_eq!(value_of(&t, "shein"), 9.876_543_210_123_457 * 1e9);
    assert!(
        t.all()
            .iter()
            .all(|o| o.period.start == NaiveDate::from_ymd_opt(2025, 3, 31).expect("date"))
    );
}

#[test]
fn a_broken_workbook_is_an_error_naming_the_file() {
    let whole = gmv_workbook();
    let cases: [(&str, &[u8]); 3] = [
        ("magic.xlsx", b"PK\x03\x04 not a zip at all"),
        ("cut.xlsx", &whole[..whole.len() / 2]),
        ("ole.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 truncated"),
    ];
    for (name, bytes) in cases {
        let found = refused(name, bytes, &opts());
        assert_eq!(found[0].file, name);
        assert!(
            found[0].message.contains("cannot read the workbook"),
            "{}",
            found[0]
        );
    }
}

#[test]
fn options_that_do_not_fit_the_file_are_errors() {
    let sheet_on_text = ImportOptions {
        sheet: Some("GMV".into()),
        ..opts()
    };
    let found = refused(
        "a.csv",
        b"platform,metric,period,value\ntemu,downloads,2024,5\n",
        &sheet_on_text,
    );
    assert!(
        found[0].to_string().starts_with("a.csv: --sheet"),
        "{}",
        found[0]
    );
    let delimiter_on_workbook = ImportOptions {
        delimiter: Some(b';'),
        ..opts()
    };
    let found = refused("gmv.xlsx", &gmv_workbook(), &delimiter_on_workbook);
    assert!(found[0].message.contains("--delimiter"), "{}", found[0]);
}

#[test]
fn decimal_commas_leave_a_workbooks_number_cells_exact() {
    let options = ImportOptions {
        decimal_comma: true,
        ..opts()
    };
    let (t, _) = imported("gmv.xlsx", &gmv_workbook(), &options);
    assert_eq!(value_of(&t, "temu"), 14.5e9);
    assert_eq!(value_of(&t, "shein"), 9.876_543_210_123_457 * 1e9);
}

#[test]
fn a_count_header_names_its_metric_and_scale() {
    let csv = "Platform;Year;Downloads (m)\nTEMU;2024;1,5\n";
    let (t, report) = imported("apps.csv", csv.as_bytes(), &opts());
    assert_eq!(report.files[0].inserted, 1, "{report}");
    let o = &t.all()[0];
    assert_eq!((o.metric.as_str(), o.unit), ("downloads", Unit::Count));
    assert_eq!(o.value, 1.5e6);
}
