//! One sheet of a workbook (`.xlsx`, `.xls`, `.ods`, read with calamine) as text rows: the
//! header row found below any title block, date cells as ISO dates, numbers at full precision.

use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};

use super::TableRow;
use crate::store::import::ImportOptions;
use crate::store::import::fields::{is_known_column, normalise};
use crate::store::import::header_unit::header_unit;

/// How many rows the header is looked for in.
const HEADER_SEARCH_ROWS: usize = 50;

/// A sheet read into text: its header, the header's 1-based row number, and the rows below.
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub header_row: u64,
    pub rows: Vec<TableRow>,
}

/// Why a sheet could not be read: `sheet` once it is known which.
#[derive(Debug)]
pub struct SheetError {
    pub sheet: Option<String>,
    pub message: String,
}

fn error(sheet: Option<&str>, message: String) -> SheetError {
    SheetError {
        sheet: sheet.map(str::to_string),
        message,
    }
}

/// Reads the first sheet, or the one `--sheet` names.
pub fn read_sheet(bytes: &[u8], options: &ImportOptions) -> Result<Sheet, SheetError> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| error(None, format!("cannot read the workbook: {e}")))?;
    let names = workbook.sheet_names();
    let name = match &options.sheet {
        Some(wanted) => names
            .iter()
            .find(|n| *n == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                error(
                    None,
                    format!(
                        "--sheet {wanted:?}: the workbook has no such sheet; its sheets are {}",
                        quoted_list(&names)
                    ),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| error(None, "the workbook has no sheets".into()))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| error(Some(&name), format!("cannot read the sheet: {e}")))?;
    let first_row = range.start().map_or(0, |(row, _)| u64::from(row));
    let comma = options.decimal_comma;
    let mut rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| TableRow {
            line: first_row + i as u64 + 1,
            cells: cells.iter().map(|c| cell_text(c, comma)).collect(),
        })
        .filter(|row| !row.cells.iter().all(|c| c.trim().is_empty()));
    let mut skipped = 0;
    let header = loop {
        match rows.next() {
            Some(row) if is_header(&row.cells, options) => break row,
            Some(_) if skipped + 1 < HEADER_SEARCH_ROWS => skipped += 1,
            _ => {
                return Err(error(
                    Some(&name),
                    format!(
                        "no header row in its first {HEADER_SEARCH_ROWS} rows: looked for a row naming at least two fields (platform, metric, period or date, value, or their synonyms such as company, quarter, amount, or a header with a unit such as \"GMV (USD bn)\"){}",
                        mapped_names(options)
                    ),
                ));
            }
        }
    };
    Ok(Sheet {
        name,
        header: header.cells,
        header_row: header.line,
        rows: rows.collect(),
    })
}

fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn mapped_names(options: &ImportOptions) -> String {
    if options.map.is_empty() {
        return String::new();
    }
    let names: Vec<String> = options.map.iter().map(|(_, c)| c.clone()).collect();
    format!(", or a column --map names ({})", quoted_list(&names))
}

/// A header row: one a `--map` names a column of, or one naming at least two fields (a wide
/// file's header may name only its period column, beside the series).
fn is_header(cells: &[String], options: &ImportOptions) -> bool {
    let mapped: Vec<String> = options.map.iter().map(|(_, c)| normalise(c)).collect();
    if cells.iter().any(|c| mapped.contains(&normalise(c))) {
        return true;
    }
    let known = cells
        .iter()
        .filter(|c| is_known_column(c) || matches!(header_unit(c), Ok(Some(_))))
        .count();
    let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
    known >= 2 || (options.wide.is_some() && known == 1 && filled >= 2)
}

/// A cell as the text a CSV export would hold: numbers at full precision (the shortest text
/// that reads back as the same f64), dates as ISO dates, errors as Excel writes them.
fn cell_text(cell: &Data, decimal_comma: bool) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if decimal_comma => format!("{f}").replace('.', ","),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            match (h, mi, s, ms) {
                (0, 0, 0, 0) => format!("{y:04}-{mo:02}-{d:02}"),
                (_, _, 0, 0) => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}"),
                _ => format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"),
            }
        }
        // A duration is no figure or date Marketscope reads: kept visible so the row's error shows it.
        Data::DateTime(dt) => format!("duration of {} days", dt.as_f64()),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// `2025-03-31T00:00:00` -> `2025-03-31`, `2025-11-11T14:00:00` -> `2025-11-11 14:00`.
fn iso_datetime(text: &str) -> String {
    let Some((date, time)) = text.split_once('T') else {
        return text.to_string();
    };
    match time.trim_end_matches(".000") {
        "00:00:00" | "00:00" => date.to_string(),
        t => match t.strip_suffix(":00") {
            Some(hm) if hm.len() == 5 => format!("{date} {hm}"),
            _ => format!("{date} {t}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_become_the_text_a_csv_would_hold() {
        assert_eq!(cell_text(&Data::Float(14.5), false), "14.5");
        assert_eq!(
            cell_text(&Data::Float(0.1 + 0.2), false),
            "0.30000000000000004"
        );
        assert_eq!(cell_text(&Data::Float(1234.5), true), "1234,5");
        assert_eq!(cell_text(&Data::Int(42), false), "42");
        let date = ExcelDateTime::new(45747.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(date), false), "2025-03-31");
        let with_time =
            ExcelDateTime::new(45972.0 + 14.0 / 24.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&Data::DateTime(with_time), false),
            "2025-11-11 14:00"
        );
        assert_eq!(iso_datetime("2025-03-31T00:00:00"), "2025-03-31");
        assert_eq!(iso_datetime("2025-11-11T14:00:00"), "2025-11-11 14:00");
        assert_eq!(
            cell_text(&Data::Error(calamine::CellErrorType::Div0), false),
            "#DIV/0!"
        );
    }

    #[test]
    fn a_header_names_two_fields_or_a_mapped_column() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let options = ImportOptions::default();
        assert!(!is_header(&row(&["TEMU quarterly GMV", ""]), &options));
        assert!(!is_header(&row(&["Source: company filings", ""]), &options));
        assert!(is_header(&row(&["Quarter", "GMV (USD bn)"]), &options));
        assert!(is_header(&row(&["Company", "Date", "Amount"]), &options));
        let mapped = ImportOptions {
            map: vec![(crate::store::import::Field::Value, "Umsatz".into())],
            ..ImportOptions::default()
        };
        assert!(is_header(&row(&["Shop", "Umsatz"]), &mapped));
    }
}
