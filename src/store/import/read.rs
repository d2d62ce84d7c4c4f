//! Turns a table's rows (a CSV file or a workbook's sheet) into typed records, listing every
//! problem with its line and column.

use chrono::NaiveDate;

use super::fields::{ColumnMap, Field, FileKind, detect_kind, map_columns};
use super::header_unit::{self, ColumnUnit};
use super::number::Decimal;
use super::records::*;
use super::table::{self, RowError, TableRow};
use super::value::{self, UNIT_EXPECTED, UnitCell, VALUE_EXPECTED};
use super::{ImportError, ImportIssue, ImportOptions, Issues, ParsedFile};
use crate::model::{
    Aggregate, EventCategory, FiscalPart, Grain, Kind, Period, PeriodError, PeriodSpec,
    PlatformType, Qualifier, Rgb, Unit,
};

/// One data row with its cells as text, and how to find a field's cell in it.
struct Row<'a> {
    line: u64,
    cells: Vec<String>,
    map: &'a ColumnMap,
    header: &'a [String],
    set: &'a [(Field, String)],
}

impl Row<'_> {
    /// The field's text (trimmed), from `--set` first, then its column; empty when neither.
    fn get(&self, field: Field) -> &str {
        if let Some((_, value)) = self.set.iter().find(|(f, _)| *f == field) {
            return value.trim();
        }
        self.map
            .columns
            .get(&field)
            .and_then(|&i| self.cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn column(&self, field: Field) -> Option<String> {
        if self.set.iter().any(|(f, _)| *f == field) {
            return Some(format!("--set {}", field.name()));
        }
        self.map
            .columns
            .get(&field)
            .and_then(|&i| self.header.get(i))
            .map(|h| h.trim().to_string())
    }

    fn optional(&self, field: Field) -> Option<String> {
        let text = self.get(field);
        (!text.is_empty()).then(|| text.to_string())
    }
}

/// Collects problems for one file.
struct Problems<'a> {
    file: &'a str,
    issues: Issues,
}

impl Problems<'_> {
    fn file_level(&mut self, message: impl Into<String>) {
        self.issues.push(ImportIssue {
            file: self.file.to_string(),
            line: None,
            column: None,
            field: None,
            text: None,
            message: message.into(),
            also: Vec::new(),
        });
    }

    fn at(&mut self, line: u64, message: impl Into<String>) {
        self.issues.push(ImportIssue {
            file: self.file.to_string(),
            line: Some(line),
            column: None,
            field: None,
            text: None,
            message: message.into(),
            also: Vec::new(),
        });
    }

    fn field(&mut self, row: &Row<'_>, field: Field, message: impl Into<String>) {
        let text = row.get(field);
        self.issues.push(ImportIssue {
            file: self.file.to_string(),
            line: Some(row.line),
            column: row.column(field),
            field: Some(field.name()),
            text: (!text.is_empty()).then(|| text.to_string()),
            message: message.into(),
            also: Vec::new(),
        });
    }

    /// The field's text, or an issue saying it is missing.
    fn required(&mut self, row: &Row<'_>, field: Field) -> Option<String> {
        let text = row.get(field);
        if text.is_empty() {
            let what = match row.column(field) {
                Some(_) => "is empty".to_string(),
                None => {
                    "has no column; name one with --map or give a constant with --set".to_string()
                }
            };
            self.field(row, field, format!("{} {what}", field.name()));
            None
        } else {
            Some(text.to_string())
        }
    }

    fn parse<T, E: std::fmt::Display>(
        &mut self,
        row: &Row<'_>,
        field: Field,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        match parse(row.get(field)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.field(row, field, format!("expected {e}"));
                None
            }
        }
    }
}

/// Reads one file: delimited text or a workbook's sheet. `name` is how messages and the
/// fallback source call it.
pub fn read_file(
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ParsedFile, ImportError> {
    let mut table = match table::open(name, bytes, options) {
        Ok(table) => table,
        Err(e) => {
            let file = e.location.unwrap_or_else(|| name.to_string());
            let mut problems = Problems {
                file: &file,
                issues: Issues::default(),
            };
            match e.line {
                Some(line) => problems.at(line, e.message),
                None => problems.file_level(e.message),
            }
            return Err(problems.issues.into_error());
        }
    };
    let location = std::mem::take(&mut table.location);
    let mut problems = Problems {
        file: &location,
        issues: Issues::default(),
    };
    let header = std::mem::take(&mut table.header);
    let plan = plan(
        &header,
        table.header_line,
        table.decimal,
        options,
        &mut problems,
    );
    let Some(Plan {
        options,
        kind,
        map,
        series_columns,
        column_unit,
        mut warnings,
    }) = plan.filter(|_| problems.issues.is_empty())
    else {
        return Err(problems.issues.into_error());
    };
    let options = &options;
    warnings.splice(0..0, std::mem::take(&mut table.notes));

    let mut builder = Builder::new(kind, name, options);
    builder.column_unit = column_unit;
    for result in table.rows {
        let TableRow { line, cells } = match result {
            Ok(row) => row,
            Err(RowError::Unreadable { line, message }) => {
                problems.at(line, message);
                break;
            }
            Err(RowError::NotText { line, column }) => {
                let column_name = header.get(column).map(|h| h.trim().to_string());
                problems.issues.push(ImportIssue {
                    file: location.clone(),
                    line: Some(line),
                    column: column_name,
                    field: None,
                    text: None,
                    message: "not valid UTF-8 text; save the file as UTF-8".into(),
                    also: Vec::new(),
                });
                continue;
            }
        };
        if cells.len() != header.len() {
            problems.at(
                line,
                format!(
                    "{} fields, but the header has {}",
                    cells.len(),
                    header.len()
                ),
            );
            continue;
        }
        let row = Row {
            line,
            cells,
            map: &map,
            header: &header,
            set: &options.set,
        };
        if let Some(wide) = options.wide {
            builder.wide_row(&row, wide, &series_columns, &mut problems);
        } else {
            builder.row(&row, &mut problems);
        }
    }
    if !problems.issues.is_empty() {
        return Err(problems.issues.into_error());
    }
    warnings.extend(builder.warnings);
    if let (Some(unit), Records::Observations(list)) = (&builder.column_unit, &builder.records)
        && let Some(first) = list.first()
    {
        warnings.push(unit.describe(first));
    }
    if builder.records.is_empty() {
        warnings.push("the file has a header but no rows".into());
    }
    Ok(ParsedFile {
        name: location.clone(),
        kind,
        records: builder.records,
        warnings,
    })
}

/// How a file's rows are to be read, decided from its header.
struct Plan {
    /// The user's options as the header completes them (`GMV (USD bn)` names value and metric).
    options: ImportOptions,
    kind: FileKind,
    map: ColumnMap,
    series_columns: Vec<usize>,
    column_unit: Option<ColumnUnit>,
    warnings: Vec<String>,
}

/// Reads the header: the file's kind, which column feeds each field, and what is missing.
/// `None` (or issues) when the rows cannot be read.
fn plan(
    header: &[String],
    header_line: u64,
    decimal: Decimal,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Option<Plan> {
    let wide = options.wide.is_some();
    let original_set: Vec<Field> = options.set.iter().map(|(f, _)| *f).collect();
    // A header's unit suffix can name the value column and the metric (`GMV (USD bn)`), but
    // never turns a catalog or events file into observations.
    let mut options = match detect_kind(header, &options.map, &original_set, wide) {
        Ok(FileKind::Observations) | Err(_) => header_unit::complete_options(header, options),
        Ok(_) => options.clone(),
    };
    options.decimal_comma = decimal == Decimal::Comma;
    let set_fields: Vec<Field> = options.set.iter().map(|(f, _)| *f).collect();
    let kind = detect_kind(header, &options.map, &set_fields, wide)
        .map_err(|e| problems.at(header_line, e))
        .ok()?;
    let map = map_columns(kind, header, &options.map)
        .map_err(|e| problems.file_level(e))
        .ok()?;
    let mut warnings = Vec::new();
    let series_columns: Vec<usize> = if wide {
        header
            .iter()
            .enumerate()
            .filter(|(i, h)| !map.columns.values().any(|c| c == i) && !h.trim().is_empty())
            .map(|(i, _)| i)
            .collect()
    } else {
        if !map.unknown.is_empty() {
            warnings.push(format!(
                "columns not imported (no field of a {} file): {}",
                kind.as_str(),
                map.unknown.join(", ")
            ));
        }
        Vec::new()
    };
    let column_unit = match kind {
        FileKind::Observations => column_unit_of(header, &map, &series_columns, &options, problems),
        _ => None,
    };
    for &field in kind.required() {
        let wide_supplies =
            options.wide == Some(field) || (options.wide.is_some() && field == Field::Value);
        if !map.columns.contains_key(&field) && !set_fields.contains(&field) && !wide_supplies {
            problems.file_level(format!(
                "no {} column (looked for {:?} and its usual synonyms); name one with --map {}=COLUMN or give a constant with --set {}=VALUE",
                field.name(),
                field.name(),
                field.name(),
                field.name()
            ));
        }
    }
    if wide && series_columns.is_empty() {
        problems.file_level("--wide: no series columns besides the period and field columns");
    }
    Some(Plan {
        options,
        kind,
        map,
        series_columns,
        column_unit,
        warnings,
    })
}

/// The unit and scale every value takes from the value column's header or `--scale`. A wide
/// file's series headers are names (platforms, metrics): a unit written in one is refused.
fn column_unit_of(
    header: &[String],
    map: &ColumnMap,
    series: &[usize],
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Option<ColumnUnit> {
    if options.wide.is_none() {
        return header_unit::value_column_unit(header, map, options.scale)
            .map_err(|e| problems.file_level(e))
            .ok()
            .flatten();
    }
    for &column in series {
        if !matches!(header_unit::header_unit(&header[column]), Ok(None)) {
            problems.file_level(format!(
                "--wide: the series column {:?} carries a unit or scale; name the series plainly and give the scale with --scale and the unit with --set unit=...",
                header[column].trim()
            ));
        }
    }
    options.scale.map(|scale| ColumnUnit {
        origin: format!("--scale {scale}"),
        unit: None,
        scale: Some(scale),
    })
}

struct Builder<'a> {
    name: &'a str,
    options: &'a ImportOptions,
    records: Records,
    warnings: Vec<String>,
    /// The unit and scale the value column's header (or `--scale`) gives every value.
    column_unit: Option<ColumnUnit>,
    /// The last unit cell read and what it said: a file repeats its unit row after row.
    last_unit: std::cell::RefCell<Option<(String, Result<UnitCell, String>)>>,
}

impl<'a> Builder<'a> {
    fn new(kind: FileKind, name: &'a str, options: &'a ImportOptions) -> Self {
        let records = match kind {
            FileKind::Observations => Records::Observations(Vec::new()),
            FileKind::Events => Records::Events(Vec::new()),
            FileKind::Platforms => Records::Platforms(Vec::new()),
            FileKind::Regions => Records::Regions(Vec::new()),
            FileKind::Metrics => Records::Metrics(Vec::new()),
            FileKind::Sources => Records::Sources(Vec::new()),
        };
        Self {
            name,
            options,
            records,
            warnings: Vec::new(),
            column_unit: None,
            last_unit: Default::default(),
        }
    }

    fn row(&mut self, row: &Row<'_>, problems: &mut Problems<'_>) {
        match &mut self.records {
            Records::Observations(_) => {
                if let Some(record) = self.observation(row, None, problems)
                    && let Some(record) = self.with_column_unit(record, problems)
                {
                    self.push_observation(record);
                }
            }
            Records::Events(list) => {
                if let Some(record) = event(row, self.name, self.options, problems) {
                    list.push(record);
                }
            }
            Records::Platforms(list) => list.extend(platform(row, problems)),
            Records::Regions(list) => {
                if let (Some(id), Some(name)) = (
                    problems.required(row, Field::Id),
                    problems.required(row, Field::Name),
                ) {
                    list.push(RegionRecord {
                        line: row.line,
                        id,
                        name,
                    });
                }
            }
            Records::Metrics(list) => list.extend(metric(row, problems)),
            Records::Sources(list) => list.extend(source_record(row, problems)),
        }
    }

    /// A wide row: one observation per non-empty series cell.
    fn wide_row(
        &mut self,
        row: &Row<'_>,
        wide: Field,
        series: &[usize],
        problems: &mut Problems<'_>,
    ) {
        for &column in series {
            let cell = row.cells[column].trim();
            if cell.is_empty() {
                continue;
            }
            let series_name = row.header[column].trim().to_string();
            let wide_cell = WideCell {
                field: wide,
                name: series_name,
                value: cell.to_string(),
            };
            if let Some(record) = self.observation(row, Some(&wide_cell), problems)
                && let Some(record) = self.with_column_unit(record, problems)
            {
                self.push_observation(record);
            }
        }
    }

    /// The record with the value column's unit and scale applied, or `None` with an issue.
    fn with_column_unit(
        &self,
        mut record: ObservationRecord,
        problems: &mut Problems<'_>,
    ) -> Option<ObservationRecord> {
        let Some(column_unit) = &self.column_unit else {
            return Some(record);
        };
        match column_unit.apply(&mut record) {
            Ok(()) => Some(record),
            Err(message) => {
                problems.issues.push(ImportIssue {
                    file: problems.file.to_string(),
                    line: Some(record.line),
                    column: Some(record.value_column.clone()),
                    field: Some("value"),
                    text: Some(record.value_text.clone()),
                    message,
                    also: Vec::new(),
                });
                None
            }
        }
    }

    /// A key given twice is found by the store, which sees every row of the import in key
    /// order; here rows are only collected.
    /// `value::parse_unit`, remembered for the last text.
    fn unit_of(&self, text: &str) -> Result<UnitCell, String> {
        let mut last = self.last_unit.borrow_mut();
        if let Some((seen, parsed)) = last.as_ref()
            && seen == text
        {
            return parsed.clone();
        }
        let parsed = value::parse_unit(text);
        *last = Some((text.to_string(), parsed.clone()));
        parsed
    }

    fn push_observation(&mut self, record: ObservationRecord) {
        if let Records::Observations(list) = &mut self.records {
            list.push(record);
        }
    }

    fn observation(
        &self,
        row: &Row<'_>,
        wide: Option<&WideCell>,
        problems: &mut Problems<'_>,
    ) -> Option<ObservationRecord> {
        let from_wide = |field: Field| wide.filter(|w| w.field == field).map(|w| w.name.clone());
        let platform =
            from_wide(Field::Platform).or_else(|| problems.required(row, Field::Platform));
        let metric = from_wide(Field::Metric).or_else(|| problems.required(row, Field::Metric));
        let region = row
            .optional(Field::Region)
            .unwrap_or_else(|| "global".to_string());
        let period = period_spec_of(row, self.options, problems);
        let (value_text, value_column) = match wide {
            Some(w) => (w.value.clone(), w.name.clone()),
            None => (
                row.get(Field::Value).to_string(),
                row.column(Field::Value).unwrap_or_default(),
            ),
        };
        let value = if value_text.is_empty() && wide.is_none() {
            problems.required(row, Field::Value);
            None
        } else {
            match value::parse_value(&value_text, Decimal::of(self.options)) {
                Ok(v) => Some(v),
                Err(reason) => {
                    problems.issues.push(ImportIssue {
                        file: problems.file.to_string(),
                        line: Some(row.line),
                        column: Some(value_column.clone()),
                        field: Some("value"),
                        text: Some(value_text.clone()),
                        message: format!("{reason}; expected {VALUE_EXPECTED}"),
                        also: Vec::new(),
                    });
                    None
                }
            }
        };
        let unit = match self.unit_of(row.get(Field::Unit)) {
            Ok(u) => Some(u),
            Err(word) => {
                problems.field(
                    row,
                    Field::Unit,
                    format!("{word:?} is not understood; expected {UNIT_EXPECTED}"),
                );
                None
            }
        };
        let kind = problems.parse(row, Field::Kind, Kind::parse);
        let kind_given = !row.get(Field::Kind).is_empty();
        let published = match row.get(Field::Published) {
            "" => Some(None),
            text => match crate::model::Period::parse(text) {
                Ok(p) if p.grain == Grain::Day => Some(Some(p.start)),
                _ => {
                    problems.field(
                        row,
                        Field::Published,
                        "expected the date the figure was published, like 2026-01-09",
                    );
                    None
                }
            },
        };
        let hints = catalog_hints(row, problems);
        let qualifier = optional_parse(row, Field::Qualifier, Qualifier::parse, problems);
        let source = source_ref(row, self.name, self.options);
        let record = ObservationRecord {
            line: row.line,
            platform: platform?,
            metric: metric?,
            region,
            period: period?,
            value: value?,
            unit: unit?,
            kind: kind?,
            kind_given,
            qualifier: qualifier?,
            source,
            published: published?,
            note: row.get(Field::Note).to_string(),
            hints: hints?,
            value_column,
            value_text,
        };
        // Unit and sign checks that need no catalog happen now, so a dry run reports them too.
        let stated = record.value.unit.or(record.unit.unit);
        let rule = stated.map(|unit| super::records::MetricRule {
            unit,
            non_negative: false,
        });
        if let Some(Err(message)) = rule.map(|rule| record.resolve_value(Some(rule))) {
            problems.issues.push(ImportIssue {
                file: problems.file.to_string(),
                line: Some(row.line),
                column: Some(record.value_column.clone()),
                field: Some("value"),
                text: Some(record.value_text.clone()),
                message,
                also: Vec::new(),
            });
            return None;
        }
        Some(record)
    }
}

struct WideCell {
    field: Field,
    name: String,
    value: String,
}

/// The row's period as written, honouring `--date-format` and an explicit grain column; a
/// fiscal period stays unplaced until the store knows the platform's fiscal year.
fn period_spec_of(
    row: &Row<'_>,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Option<PeriodSpec> {
    let text = row.get(Field::Period);
    if options.date_format.is_none()
        && let Ok(PeriodSpec::Fiscal(fiscal)) = PeriodSpec::parse(text)
    {
        let grain_text = row.get(Field::Grain);
        if !grain_text.is_empty() {
            let grain = problems.parse(row, Field::Grain, Grain::parse)?;
            let text_grain = match fiscal.part {
                FiscalPart::Year => Grain::Year,
                FiscalPart::Half(_) => Grain::Half,
                FiscalPart::Quarter(_) => Grain::Quarter,
            };
            if grain != text_grain {
                problems.field(
                    row,
                    Field::Grain,
                    PeriodError::GrainMismatch {
                        text_grain,
                        column_grain: grain,
                    }
                    .to_string(),
                );
                return None;
            }
        }
        return Some(PeriodSpec::Fiscal(fiscal));
    }
    period_of(row, Field::Period, options, problems).map(PeriodSpec::Calendar)
}

/// The row's calendar period, honouring `--date-format` and an explicit grain column.
fn period_of(
    row: &Row<'_>,
    field: Field,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Option<Period> {
    let text = problems.required(row, field)?;
    let parsed = match &options.date_format {
        Some(format) => Period::parse_with_format(&text, format).or_else(|_| Period::parse(&text)),
        None => Period::parse(&text),
    };
    let period = match parsed {
        Ok(p) => p,
        Err(e) => {
            problems.field(row, field, e.to_string());
            return None;
        }
    };
    if field != Field::Period {
        return Some(period);
    }
    let grain_text = row.get(Field::Grain);
    if grain_text.is_empty() {
        return Some(period);
    }
    let grain = problems.parse(row, Field::Grain, Grain::parse)?;
    if period.grain == grain {
        return Some(period);
    }
    let result = if period.grain == Grain::Day
        || (period.grain == Grain::Hour && period.minute == 0 && grain.fixed_minutes().is_none())
        || (period.grain == Grain::Hour && period.minute == 0 && grain == Grain::Day)
    {
        Period::from_start(period.start, grain)
    } else if grain == Grain::Hour && period.grain == Grain::Minute {
        Err(PeriodError::Misaligned {
            grain,
            start: period.start,
        })
    } else if period.grain == Grain::Hour && grain == Grain::Minute {
        Ok(Period::at(period.start, period.minute, Grain::Minute))
    } else {
        Err(PeriodError::GrainMismatch {
            text_grain: period.grain,
            column_grain: grain,
        })
    };
    match result {
        Ok(p) => Some(p),
        Err(e) => {
            problems.field(row, Field::Grain, e.to_string());
            None
        }
    }
}

/// The row's source: its columns, `--set`, or else the file itself, so no figure is unsourced.
fn source_ref(row: &Row<'_>, file_name: &str, options: &ImportOptions) -> SourceRef {
    let publisher = row.get(Field::Source);
    let url = row.get(Field::SourceUrl).to_string();
    if !publisher.is_empty() {
        return SourceRef {
            publisher: publisher.to_string(),
            url,
            title: None,
            published: None,
        };
    }
    if !url.is_empty() {
        let host = url
            .split("://")
            .nth(1)
            .unwrap_or(&url)
            .split('/')
            .next()
            .unwrap_or(&url)
            .trim_start_matches("www.")
            .to_string();
        return SourceRef {
            publisher: host,
            url,
            title: None,
            published: None,
        };
    }
    let base = std::path::Path::new(file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file_name.to_string());
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    SourceRef {
        publisher: base.clone(),
        url: String::new(),
        title: Some(format!(
            "Imported from the file {base} (it names no source)"
        )),
        published: Some(today),
    }
}

fn event(
    row: &Row<'_>,
    file_name: &str,
    options: &ImportOptions,
    problems: &mut Problems<'_>,
) -> Option<EventRecord> {
    let date = period_of(row, Field::Period, options, problems);
    let end = match row.get(Field::EndDate) {
        "" => Some(None),
        _ => period_of(row, Field::EndDate, options, problems).map(Some),
    };
    let title = problems.required(row, Field::Title);
    let category = problems.parse(row, Field::Category, EventCategory::parse);
    let (date, end) = (date?, end?);
    if let Some(end) = end
        && end.end() < date.start
    {
        problems.field(
            row,
            Field::EndDate,
            format!("ends before the event starts ({})", date.label()),
        );
        return None;
    }
    Some(EventRecord {
        line: row.line,
        date,
        end,
        title: title?,
        category: category?,
        platform: row.optional(Field::Platform),
        region: row.optional(Field::Region),
        description: row.get(Field::Description).to_string(),
        source: source_ref(row, file_name, options),
    })
}

fn platform(row: &Row<'_>, problems: &mut Problems<'_>) -> Option<PlatformRecord> {
    let id = problems.required(row, Field::Id);
    let name = problems.required(row, Field::Name);
    let colour = optional_parse(row, Field::Colour, Rgb::parse_hex, problems);
    let platform_type = problems.parse(row, Field::Type, PlatformType::parse);
    let fiscal_year_start =
        optional_parse(row, Field::FiscalYearStart, parse_month_number, problems);
    Some(PlatformRecord {
        line: row.line,
        id: id?,
        name: name?,
        name_zh: row.optional(Field::NameZh),
        parent: row.optional(Field::Parent),
        parent_zh: row.optional(Field::ParentZh),
        colour: colour?,
        platform_type: platform_type?,
        fiscal_year_start: fiscal_year_start?,
    })
}

/// A fiscal year's first month: 1-12, or a month name.
fn parse_month_number(text: &str) -> Result<u32, String> {
    let t = text.trim();
    if let Ok(n) = t.parse::<u32>() {
        return if (1..=12).contains(&n) {
            Ok(n)
        } else {
            Err("a month 1-12 (the month the fiscal year starts in)".into())
        };
    }
    Period::parse(&format!("{t} 2000"))
        .ok()
        .filter(|p| p.grain == Grain::Month)
        .map(|p| chrono::Datelike::month(&p.start))
        .ok_or_else(|| "a month 1-12 or a month name (the month the fiscal year starts in)".into())
}

/// An optional field: `Some(None)` when empty, `Some(Some(value))` when it reads, `None` (with
/// an issue) when it does not.
fn optional_parse<T, E: std::fmt::Display>(
    row: &Row<'_>,
    field: Field,
    parse: impl Fn(&str) -> Result<T, E>,
    problems: &mut Problems<'_>,
) -> Option<Option<T>> {
    match row.get(field) {
        "" => Some(None),
        _ => problems.parse(row, field, parse).map(Some),
    }
}

fn parse_bool(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err("true or false".into()),
    }
}

/// Catalogue facts a row gives (an export's names and fiscal year, `--set non_negative=true`).
fn catalog_hints(row: &Row<'_>, problems: &mut Problems<'_>) -> Option<CatalogHints> {
    let fiscal_year_start =
        optional_parse(row, Field::FiscalYearStart, parse_month_number, problems);
    let non_negative = optional_parse(row, Field::NonNegative, parse_bool, problems);
    let aggregate = optional_parse(row, Field::Aggregate, Aggregate::parse, problems);
    let metric_unit = optional_parse(row, Field::MetricUnit, Unit::parse, problems);
    Some(CatalogHints {
        metric_unit: metric_unit?,
        platform_name: row.optional(Field::PlatformName),
        metric_name: row.optional(Field::MetricName),
        region_name: row.optional(Field::RegionName),
        fiscal_year_start: fiscal_year_start?,
        non_negative: non_negative?,
        aggregate: aggregate?,
    })
}

fn metric(row: &Row<'_>, problems: &mut Problems<'_>) -> Option<MetricRecord> {
    let id = problems.required(row, Field::Id);
    let name = problems.required(row, Field::Name);
    let unit = problems.parse(row, Field::Unit, Unit::parse);
    let non_negative = optional_parse(row, Field::NonNegative, parse_bool, problems);
    let aggregate = optional_parse(row, Field::Aggregate, Aggregate::parse, problems);
    Some(MetricRecord {
        line: row.line,
        id: id?,
        name: name?,
        name_zh: row.optional(Field::NameZh),
        unit: unit?,
        non_negative: non_negative?,
        aggregate: aggregate?,
        description: row.get(Field::Description).to_string(),
    })
}

fn source_record(row: &Row<'_>, problems: &mut Problems<'_>) -> Option<SourceRecord> {
    let publisher = problems.required(row, Field::Source)?;
    let published = match row.get(Field::Published) {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                problems.field(row, Field::Published, "expected a date like 2026-01-09");
                return None;
            }
        },
    };
    Some(SourceRecord {
        line: row.line,
        source: SourceRef {
            publisher,
            url: row.get(Field::SourceUrl).to_string(),
            title: row.optional(Field::Title),
            published,
        },
    })
}
