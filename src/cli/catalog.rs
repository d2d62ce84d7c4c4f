//! `marketscope catalog`: the platforms, metrics and regions of a store with their names, units,
//! signs and fiscal years, as one CSV (a `table` column says which) or JSON.

use std::io::Write;

use serde::Serialize;

use crate::store::export::Format;
use crate::store::{AnyStore, FigureSource};

/// One catalogue entry; fields that do not apply to its table are empty.
#[derive(Debug, Serialize)]
struct Entry {
    table: &'static str,
    id: String,
    name: String,
    name_zh: String,
    #[serde(rename = "type")]
    platform_type: String,
    fiscal_year_start: Option<u32>,
    unit: String,
    non_negative: Option<bool>,
    aggregate: String,
    description: String,
}

const COLUMNS: [&str; 10] = [
    "table",
    "id",
    "name",
    "name_zh",
    "type",
    "fiscal_year_start",
    "unit",
    "non_negative",
    "aggregate",
    "description",
];

fn entries(store: &AnyStore) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    for p in store.platforms()? {
        out.push(Entry {
            table: "platform",
            id: p.id,
            name: p.name,
            name_zh: p.name_zh.unwrap_or_default(),
            platform_type: p.platform_type.as_str().to_string(),
            fiscal_year_start: p.fiscal_year_start,
            unit: String::new(),
            non_negative: None,
            aggregate: String::new(),
            description: String::new(),
        });
    }
    for m in store.metrics()? {
        out.push(Entry {
            table: "metric",
            id: m.id,
            name: m.name,
            name_zh: m.name_zh.unwrap_or_default(),
            platform_type: String::new(),
            fiscal_year_start: None,
            unit: m.unit.as_str().to_string(),
            non_negative: Some(m.non_negative),
            aggregate: m.aggregate.as_str().to_string(),
            description: m.description,
        });
    }
    for r in store.regions()? {
        out.push(Entry {
            table: "region",
            id: r.id,
            name: r.name,
            name_zh: String::new(),
            platform_type: String::new(),
            fiscal_year_start: None,
            unit: String::new(),
            non_negative: None,
            aggregate: String::new(),
            description: String::new(),
        });
    }
    Ok(out)
}

pub fn write(store: &AnyStore, format: Format, out: &mut impl Write) -> anyhow::Result<()> {
    let entries = entries(store)?;
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &entries)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(COLUMNS)?;
            for e in entries {
                writer.write_record([
                    e.table,
                    &e.id,
                    &e.name,
                    &e.name_zh,
                    &e.platform_type,
                    &e.fiscal_year_start
                        .map(|m| m.to_string())
                        .unwrap_or_default(),
                    &e.unit,
                    &e.non_negative.map(|b| b.to_string()).unwrap_or_default(),
                    &e.aggregate,
                    &e.description,
                ])?;
            }
            writer.flush()?;
        }
    }
    Ok(())
}
