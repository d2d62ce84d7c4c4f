//! Export of observations as CSV or JSON, in base units, with the columns the importer reads
//! back: importing an export gives the same rows.

use std::io::Write;

use serde::Serialize;

use super::{SeriesQuery, Store, StoreError};
use crate::model::Observation;

/// The export columns, in order.
pub const COLUMNS: [&str; 12] = [
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
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
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
}

impl<'a> From<&'a Observation> for Row<'a> {
    fn from(o: &'a Observation) -> Self {
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

/// Writes the observations the query selects; returns how many.
pub fn write(
    store: &Store,
    query: &SeriesQuery,
    format: Format,
    out: impl Write,
) -> Result<usize, ExportError> {
    let rows = store.series(query)?;
    write_observations(&rows, format, out)?;
    Ok(rows.len())
}

/// Writes observations already in hand, e.g. the rows behind a chart.
pub fn write_observations(
    rows: &[Observation],
    format: Format,
    mut out: impl Write,
) -> Result<(), ExportError> {
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(COLUMNS)?;
            for o in rows {
                let value = o.value.to_string();
                let r = Row::from(o);
                writer.write_record([
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
                ])?;
            }
            writer.flush()?;
        }
        Format::Json => {
            let rows: Vec<Row<'_>> = rows.iter().map(Row::from).collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
