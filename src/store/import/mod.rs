//! Import of CSV and other delimited text files and workbooks (xlsx, xls, ods): reads
//! observations, events and catalog files (told apart by their header) into typed records, collecting every error with its file, line, column and field, then writes them
//! in one transaction, or nothing at all.

mod fields;
mod header_unit;
mod number;
mod read;
pub(crate) mod records;
mod table;
mod value;

use std::path::Path;

pub use fields::{Field, FileKind};
pub use read::read_file;
pub use records::{CatalogHints, MetricRule, Records};

/// How the user asked a file to be read (`--map`, `--set`, `--wide`, `--date-format`,
/// `--delimiter`, `--sheet`, `--decimal-comma`, `--scale`).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub map: Vec<(Field, String)>,
    pub set: Vec<(Field, String)>,
    pub wide: Option<Field>,
    pub date_format: Option<String>,
    /// The delimiter of a text file; detected when `None`.
    pub delimiter: Option<u8>,
    /// The sheet of a workbook to read; the first when `None`.
    pub sheet: Option<String>,
    /// Numbers are written `1.234,5` (always so in a semicolon-separated file).
    pub decimal_comma: bool,
    /// The multiplier of every value of the value column, as a header's `(USD bn)` would give.
    pub scale: Option<f64>,
    /// The date a file without a source is credited as imported on.
    pub today: Option<chrono::NaiveDate>,
}

/// One problem found in a file, located as precisely as the file allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    pub file: String,
    /// 1-based line where the record starts; `None` for a whole-file problem.
    pub line: Option<u64>,
    pub column: Option<String>,
    pub field: Option<&'static str>,
    /// The offending text, quoted in the message.
    pub text: Option<String>,
    pub message: String,
    /// Further lines with the very same problem: one message for fifty rows, not fifty.
    pub also: Vec<u64>,
}

/// `2, 5-9, 12`: line numbers as ranges.
fn line_ranges(lines: &[u64]) -> String {
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

impl std::fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        match self.line {
            Some(line) if !self.also.is_empty() => {
                let mut lines = self.also.clone();
                lines.push(line);
                let what = if table::is_sheet_location(&self.file) {
                    "rows"
                } else {
                    "lines"
                };
                write!(f, ": {what} {} ({} rows)", line_ranges(&lines), lines.len())?;
            }
            Some(row) if table::is_sheet_location(&self.file) => write!(f, " row {row}")?,
            Some(line) => write!(f, ":{line}")?,
            None => {}
        }
        write!(f, ":")?;
        match (&self.column, self.field) {
            (Some(column), Some(field))
                if crate::store::import::fields::normalise(column) != field =>
            {
                write!(f, " column {column:?} ({field}):")?
            }
            (Some(column), _) => write!(f, " column {column:?}:")?,
            (None, Some(field)) => write!(f, " {field}:")?,
            (None, None) => {}
        }
        if let Some(text) = &self.text {
            write!(f, " {:?}:", shorten(text))?;
        }
        write!(f, " {}", self.message)
    }
}

/// A quoted cell cut to a readable length: a 100 MB field must not become a 100 MB message.
fn shorten(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    if text.chars().count() <= MAX_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX_CHARS).collect();
    format!("{head}… ({} characters)", text.chars().count())
}

/// The most problems listed for one import; the rest are counted.
pub const MAX_ISSUES: usize = 50;

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", render_issues(issues, *more))]
    Invalid {
        issues: Vec<ImportIssue>,
        more: usize,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

fn render_issues(issues: &[ImportIssue], more: usize) -> String {
    let mut out = String::from("nothing was imported:");
    for issue in issues {
        out.push_str("\n  ");
        out.push_str(&issue.to_string());
    }
    if more > 0 {
        out.push_str(&format!("\n  ... and {more} more problems"));
    }
    out
}

/// Issues gathered while reading, capped at [`MAX_ISSUES`].
#[derive(Debug, Default)]
pub struct Issues {
    pub list: Vec<ImportIssue>,
    pub more: usize,
}

impl Issues {
    pub fn push(&mut self, issue: ImportIssue) {
        // The same problem on another line joins the first report of it.
        if let Some(line) = issue.line
            && let Some(same) = self.list.iter_mut().find(|i| {
                i.line.is_some()
                    && i.file == issue.file
                    && i.column == issue.column
                    && i.field == issue.field
                    && i.message == issue.message
            })
        {
            if same.text != issue.text {
                same.text = None;
            }
            same.also.push(line);
            return;
        }
        if self.list.len() < MAX_ISSUES {
            self.list.push(issue);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.more == 0
    }

    pub fn into_error(self) -> ImportError {
        ImportError::Invalid {
            issues: self.list,
            more: self.more,
        }
    }
}

/// A file read into records, ready for the store.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    pub name: String,
    pub kind: FileKind,
    pub records: Records,
    pub warnings: Vec<String>,
}

/// What an import did (or, for a dry run, would do) to one file's rows.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FileReport {
    pub file: String,
    pub kind: String,
    pub rows: usize,
    pub inserted: usize,
    /// Catalogue rows that changed.
    pub replaced: usize,
    /// Figures whose key was known with other content: one is current, the other a revision.
    pub revised: usize,
    pub unchanged: usize,
    pub warnings: Vec<String>,
    /// What each series will hold, as stored (observation files only).
    pub series: Vec<SeriesReport>,
}

/// One series of an import, as it will be stored: what a dry run shows before anything is.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesReport {
    pub metric: String,
    pub platform: String,
    pub region: String,
    pub grain: crate::model::Grain,
    pub unit: crate::model::Unit,
    pub rows: usize,
    pub first: crate::model::Period,
    pub last: crate::model::Period,
    pub min: f64,
    pub max: f64,
    pub kinds: Vec<(crate::model::Kind, usize)>,
}

impl std::fmt::Display for SeriesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::model::format::compact;
        let kinds: Vec<String> = self.kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
        write!(
            f,
            "{} {} {} ({}): {} rows, {} … {}, {} … {} ({}), {}",
            self.platform,
            self.metric,
            self.region,
            self.grain,
            self.rows,
            self.first.label(),
            self.last.label(),
            compact(self.min, self.unit),
            compact(self.max, self.unit),
            self.unit,
            kinds.join(", ")
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    pub files: Vec<FileReport>,
    /// Platforms, regions, metrics and sources the import added to the catalog.
    pub created: Vec<String>,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.dry_run {
            "would import"
        } else {
            "imported"
        };
        for file in &self.files {
            let changed = if file.kind == "observations" {
                format!("{} revised", file.revised)
            } else {
                format!("{} replaced", file.replaced)
            };
            writeln!(
                f,
                "{}: {verb} {} rows of {}: {} inserted, {changed}, {} unchanged",
                file.file, file.rows, file.kind, file.inserted, file.unchanged
            )?;
            for series in &file.series {
                writeln!(f, "  {series}")?;
            }
            for warning in &file.warnings {
                writeln!(f, "  warning: {warning}")?;
            }
        }
        if !self.created.is_empty() {
            writeln!(f, "new in the catalog: {}", self.created.join(", "))?;
        }
        if self.dry_run {
            writeln!(f, "dry run: nothing was written")?;
        }
        Ok(())
    }
}

/// Reads a file from disk; a read failure is an issue of that file.
pub fn read_path(path: &Path, options: &ImportOptions) -> Result<ParsedFile, ImportError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        let mut issues = Issues::default();
        issues.push(ImportIssue {
            file: name.clone(),
            line: None,
            column: None,
            field: None,
            text: None,
            message: format!("cannot read the file: {e}"),
            also: Vec::new(),
        });
        issues.into_error()
    })?;
    read_file(&name, &bytes, options)
}
