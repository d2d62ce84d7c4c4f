//! Export of observations as CSV or JSON, in base units, with the columns the importer reads
//! back: the twelve figure columns first, then the catalogue names, the platform's fiscal year,
//! when the figure was published and where its period ends. Importing an export into an empty
//! store gives back the same figures, names, units and fiscal years.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use super::{FigureSource, SeriesQuery, StoreError};
use crate::model::{Metric, Observation, Platform, Region};

/// The export columns, in order: the twelve of version 2, then what a round trip needs.
pub const COLUMNS: [&str; 20] = [
    "platform",
    "metric",
    "region",
    "period",
    "grain",
    "value",
    "unit",
    "kind",
    "qualifier",
    "source",
    "source_url",
    "note",
    "platform_name",
    "metric_name",
    "region_name",
    "metric_unit",
    "fiscal_year_start",
    "published",
    "period_end",
    "recorded",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// Display names and fiscal years by id, so an export carries them.
#[derive(Debug, Clone, Default)]
pub struct Names {
    platforms: HashMap<String, (String, Option<u32>)>,
    metrics: HashMap<String, (String, &'static str)>,
    regions: HashMap<String, String>,
}

impl Names {
    pub fn from_store(store: &impl FigureSource) -> Result<Self, StoreError> {
        Ok(Self::from_lists(
            &store.platforms()?,
            &store.metrics()?,
            &store.regions()?,
        ))
    }

    pub fn from_lists(platforms: &[Platform], metrics: &[Metric], regions: &[Region]) -> Self {
        Names {
            platforms: platforms
                .iter()
                .map(|p| (p.id.clone(), (p.name.clone(), p.fiscal_year_start)))
                .collect(),
            metrics: metrics
                .iter()
                .map(|m| (m.id.clone(), (m.name.clone(), m.unit.as_str())))
                .collect(),
            regions: regions
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
        }
    }
}

/// One exported row: the export's columns, plus the period as people say it in JSON.
#[derive(Debug, Serialize)]
struct Row<'a> {
    platform: &'a str,
    metric: &'a str,
    region: &'a str,
    period: String,
    grain: &'static str,
    value: f64,
    unit: &'static str,
    kind: &'static str,
    qualifier: &'static str,
    source: &'a str,
    source_url: &'a str,
    note: &'a str,
    platform_name: &'a str,
    metric_name: &'a str,
    region_name: &'a str,
    metric_unit: &'static str,
    fiscal_year_start: Option<u32>,
    published: String,
    period_end: String,
    recorded: String,
    label: String,
    /// How a derived figure was made ("yoy of gmv"); absent for stored figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    derived: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn new(o: &'a Observation, names: &'a Names, recorded: Option<&str>) -> Self {
        let (platform_name, fiscal_year_start) = names
            .platforms
            .get(&o.platform)
            .map(|(n, f)| (n.as_str(), *f))
            .unwrap_or((o.platform.as_str(), None));
        let last = o.period.last_day();
        let label = fiscal_year_start
            .and_then(|m| o.period.fiscal_label(m))
            .unwrap_or_else(|| o.period.label());
        Row {
            platform: &o.platform,
            metric: &o.metric,
            region: &o.region,
            period: o.period.start_iso(),
            grain: o.period.grain.as_str(),
            value: o.value,
            unit: o.unit.as_str(),
            kind: o.kind.as_str(),
            qualifier: o.qualifier.as_str(),
            source: &o.source.publisher,
            source_url: &o.source.url,
            note: &o.note,
            platform_name,
            metric_name: names
                .metrics
                .get(&o.metric)
                .map(|(n, _)| n.as_str())
                .unwrap_or(&o.metric),
            metric_unit: names
                .metrics
                .get(&o.metric)
                .map(|(_, u)| *u)
                .unwrap_or(o.unit.as_str()),
            region_name: names
                .regions
                .get(&o.region)
                .map(String::as_str)
                .unwrap_or(&o.region),
            fiscal_year_start,
            published: o.published.map(|d| d.to_string()).unwrap_or_default(),
            period_end: if o.period.grain.has_time() {
                String::new()
            } else {
                last.to_string()
            },
            recorded: recorded.unwrap_or_default().to_string(),
            label,
            derived: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write the export: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write the export: {0}")]
    Json(#[from] serde_json::Error),
}

impl ExportError {
    /// Whether the reader went away (`| head`): the command then ends quietly, as Unix tools do.
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            ExportError::Io(e) => Some(e.kind()),
            ExportError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            },
            ExportError::Json(e) => e.io_error_kind(),
            ExportError::Store(_) => None,
        };
        io == Some(std::io::ErrorKind::BrokenPipe)
    }
}

/// Writes the observations the query selects; returns how many.
pub fn write(
    store: &impl FigureSource,
    query: &SeriesQuery,
    format: Format,
    out: impl Write,
) -> Result<usize, ExportError> {
    let rows = store.series(query)?;
    let names = Names::from_store(store)?;
    write_observations(&rows, &names, format, out)?;
    Ok(rows.len())
}

/// Writes every revision of the figures the query selects, current ones included, oldest
/// first within each key, with when each was published and recorded.
pub fn write_revisions(
    store: &impl FigureSource,
    query: &SeriesQuery,
    format: Format,
    out: impl Write,
) -> Result<usize, ExportError> {
    let rows = store.revisions(query)?;
    let names = Names::from_store(store)?;
    write_rows(
        rows.iter()
            .map(|(o, recorded)| Row::new(o, &names, Some(recorded))),
        format,
        out,
        false,
    )?;
    Ok(rows.len())
}

/// Writes derived figures (a transform, a frequency or a currency conversion of stored ones),
/// each with a `derived` column that says how it was made. A derived figure's unit is its own
/// (a YoY is in percent), so the metric's unit column gives the figure's.
pub fn write_derived(
    rows: &[(Observation, String)],
    names: &Names,
    format: Format,
    out: impl Write,
) -> Result<(), ExportError> {
    let rows = rows.iter().map(|(o, derived)| {
        let mut row = Row::new(o, names, None);
        row.metric_unit = o.unit.as_str();
        row.derived = Some(derived.as_str());
        row
    });
    write_rows(rows, format, out, true)
}

/// Writes observations already in hand, e.g. the rows behind a chart.
pub fn write_observations(
    rows: &[Observation],
    names: &Names,
    format: Format,
    out: impl Write,
) -> Result<(), ExportError> {
    write_rows(
        rows.iter().map(|o| Row::new(o, names, None)),
        format,
        out,
        false,
    )
}

fn write_rows<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    format: Format,
    mut out: impl Write,
    derived_column: bool,
) -> Result<(), ExportError> {
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let extra = derived_column.then_some("derived");
            writer.write_record(COLUMNS.iter().copied().chain(extra))?;
            for r in rows {
                let value = r.value.to_string();
                let fiscal = r
                    .fiscal_year_start
                    .map(|m| m.to_string())
                    .unwrap_or_default();
                writer.write_record(
                    [
                        r.platform,
                        r.metric,
                        r.region,
                        &r.period,
                        r.grain,
                        &value,
                        r.unit,
                        r.kind,
                        r.qualifier,
                        r.source,
                        r.source_url,
                        r.note,
                        r.platform_name,
                        r.metric_name,
                        r.region_name,
                        r.metric_unit,
                        &fiscal,
                        &r.published,
                        &r.period_end,
                        &r.recorded,
                    ]
                    .into_iter()
                    .chain(r.derived),
                )?;
            }
            writer.flush()?;
        }
        Format::Json => {
            let rows: Vec<Row<'_>> = rows.collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
