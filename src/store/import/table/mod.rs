//! The table front end: from a file's name and bytes, its header and its data rows as text, each
//! with its line (a CSV line, or a sheet's 1-based row). CSV streams record by record; a
//! workbook's sheet is read whole, as calamine reads it.

mod sheet;
mod text;

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use super::ImportOptions;
use super::number::Decimal;

/// One data row: where it is, and its cells as text.
pub struct TableRow {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A row that could not be read as text.
pub enum RowError {
    /// The file cannot be read past this line (a CSV syntax error).
    Unreadable { line: u64, message: String },
    /// A cell is not valid UTF-8; the other rows can still be read.
    NotText { line: u64, column: usize },
}

/// Why a file is not a table at all: `line` for a problem in one line, `location` once a
/// workbook's sheet is known (`book.xlsx [sheet Data]`).
#[derive(Debug)]
pub struct TableError {
    pub location: Option<String>,
    pub line: Option<u64>,
    pub message: String,
}

fn whole_file(message: impl Into<String>) -> TableError {
    TableError {
        location: None,
        line: None,
        message: message.into(),
    }
}

/// A file read as a table: its header, then its rows on demand.
pub struct Table<'a> {
    /// How messages name the file: the file name, or `book.xlsx [sheet Data]`.
    pub location: String,
    pub header: Vec<String>,
    pub header_line: u64,
    /// How numbers are written: a semicolon file (or `--decimal-comma`) writes `1.234,5`.
    pub decimal: Decimal,
    /// What the reader decided and the user should know (a guessed encoding).
    pub notes: Vec<String>,
    pub rows: Rows<'a>,
}

/// Data rows, blank ones skipped.
pub enum Rows<'a> {
    Csv(csv::ByteRecordsIntoIter<Cursor<Cow<'a, [u8]>>>),
    Sheet(std::vec::IntoIter<TableRow>),
}

impl Iterator for Rows<'_> {
    type Item = Result<TableRow, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Rows::Sheet(rows) => rows.next().map(Ok),
            Rows::Csv(records) => loop {
                let record = match records.next()? {
                    Ok(record) => record,
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        let message = format!("cannot read the row: {e}");
                        return Some(Err(RowError::Unreadable { line, message }));
                    }
                };
                let line = record.position().map_or(0, |p| p.line());
                if record
                    .iter()
                    .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
                {
                    continue;
                }
                return Some(match decode(&record) {
                    Ok(cells) => Ok(TableRow { line, cells }),
                    Err(column) => Err(RowError::NotText { line, column }),
                });
            },
        }
    }
}

/// Cells as UTF-8 strings, or the index of the first cell that is not UTF-8.
fn decode(record: &csv::ByteRecord) -> Result<Vec<String>, usize> {
    record
        .iter()
        .enumerate()
        .map(|(i, cell)| std::str::from_utf8(cell).map(str::to_string).map_err(|_| i))
        .collect()
}

/// Whether the bytes (or, failing magic bytes, the name) are a workbook.
fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return true;
    }
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    matches!(
        extension.as_deref(),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    )
}

/// Opens a file as a table: a workbook's sheet, or delimited text in any encoding it detects.
pub fn open<'a>(
    name: &str,
    bytes: &'a [u8],
    options: &ImportOptions,
) -> Result<Table<'a>, TableError> {
    if is_workbook(name, bytes) {
        return open_sheet(name, bytes, options);
    }
    if options.sheet.is_some() {
        return Err(whole_file(
            "--sheet: this is a text file, not a workbook (xlsx, xls or ods)",
        ));
    }
    open_text(name, bytes, options)
}

fn open_sheet<'a>(
    name: &str,
    bytes: &'a [u8],
    options: &ImportOptions,
) -> Result<Table<'a>, TableError> {
    if options.delimiter.is_some() {
        return Err(whole_file("--delimiter: a workbook has no delimiter"));
    }
    // A hostile file must not take the import down with it if the workbook reader panics on it.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sheet::read_sheet(bytes, options)
    }))
    .map_err(|_| whole_file("cannot read the workbook: it is malformed"))?;
    let sheet = read.map_err(|e| TableError {
        location: e.sheet.map(|s| sheet_location(name, &s)),
        line: None,
        message: e.message,
    })?;
    Ok(Table {
        location: sheet_location(name, &sheet.name),
        header: sheet.header,
        header_line: sheet.header_row,
        decimal: decimal(options.decimal_comma),
        notes: Vec::new(),
        rows: Rows::Sheet(sheet.rows.into_iter()),
    })
}

/// How messages name a sheet of a workbook; `ImportIssue` shows its lines as rows.
pub fn sheet_location(file: &str, sheet: &str) -> String {
    format!("{file} [sheet {sheet}]")
}

/// Whether an issue's file is a sheet's location, whose lines are rows.
pub fn is_sheet_location(location: &str) -> bool {
    location.ends_with(']') && location.contains(" [sheet ")
}

fn decimal(comma: bool) -> Decimal {
    if comma {
        Decimal::Comma
    } else {
        Decimal::Point
    }
}

fn open_text<'a>(
    name: &str,
    bytes: &'a [u8],
    options: &ImportOptions,
) -> Result<Table<'a>, TableError> {
    let (utf8, encoding) = text::to_utf8(bytes).map_err(whole_file)?;
    if utf8.iter().all(u8::is_ascii_whitespace) {
        return Err(whole_file(
            "the file is empty: expected a header row, then one row per figure",
        ));
    }
    if utf8.contains(&0) {
        return Err(whole_file(
            "this is not a CSV text file (it contains NUL bytes), nor a workbook (xlsx, xls or ods)",
        ));
    }
    let mut notes = Vec::new();
    if encoding == text::Encoding::Windows1252 {
        notes.push(
            "the file is not UTF-8; it was read as Windows-1252 (check accented letters and €)"
                .to_string(),
        );
    }
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => text::detect_delimiter(&utf8).map_err(whole_file)?,
    };
    let comma = options.decimal_comma || delimiter == b';';
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Cursor::new(utf8))
        .into_byte_records();
    let header = match records.next() {
        Some(Ok(record)) => decode(&record).map_err(|column| TableError {
            location: None,
            line: Some(1),
            message: format!(
                "column {}: not valid UTF-8 text; save the file as UTF-8",
                column + 1
            ),
        })?,
        Some(Err(e)) => {
            return Err(TableError {
                location: None,
                line: Some(1),
                message: format!("cannot read the header: {e}"),
            });
        }
        None => return Err(whole_file("the file is empty: expected a header row")),
    };
    if header.len() == 1 && options.delimiter.is_none() {
        notes.push(format!(
            "the header has one column when split by a {}; if the file uses another delimiter, give it with --delimiter",
            text::delimiter_name(delimiter)
        ));
    }
    Ok(Table {
        location: name.to_string(),
        header,
        header_line: 1,
        decimal: decimal(comma),
        notes,
        rows: Rows::Csv(records),
    })
}
