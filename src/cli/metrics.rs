//! `marketscope metrics add/list/remove`: formula metrics, checked against the catalogue
//! (`analysis::formula_series::define`) before the store keeps them.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::bail;

use super::args::MetricsAction;
use super::open::{ensure_store_at, open_existing};
use super::table;
use crate::analysis::formula_series;
use crate::model::Unit;
use crate::store::{AnyStore, FigureSource, Location};

pub fn metrics(db: &Location, action: MetricsAction, out: &mut impl Write) -> anyhow::Result<()> {
    match action {
        MetricsAction::Add {
            id,
            formula,
            unit,
            display_name,
        } => {
            let mut store = open_writable(db)?;
            let unit = match unit.as_deref() {
                None => None,
                Some(text) => Some(Unit::parse(text).map_err(|e| anyhow::anyhow!("--unit: {e}"))?),
            };
            let formulas: BTreeSet<String> =
                store.formulas()?.into_iter().map(|f| f.metric).collect();
            let metric = formula_series::define(
                &id,
                &formula,
                display_name.as_deref(),
                unit,
                &store.metrics()?,
                &formulas,
            )?;
            store.add_formula_metric(&metric, formula.trim())?;
            let unit = if metric.unit == Unit::Plain {
                "a plain number".to_string()
            } else {
                metric.unit.to_string()
            };
            writeln!(
                out,
                "added formula metric {id:?} = {} ({unit})",
                formula.trim()
            )?;
        }
        MetricsAction::List => {
            let store = open_existing(db)?;
            let formulas = store.formulas()?;
            let rows: Vec<Vec<String>> = store
                .metrics()?
                .into_iter()
                .map(|m| {
                    let formula = formulas
                        .iter()
                        .find(|f| f.metric == m.id)
                        .map_or(String::new(), |f| f.formula.clone());
                    vec![m.id, m.name, m.unit.to_string(), formula]
                })
                .collect();
            write!(
                out,
                "{}",
                table::render(&["metric", "name", "unit", "formula"], &rows, &[])
            )?;
        }
        MetricsAction::Remove { id } => {
            let mut store = open_writable(db)?;
            if !store.remove_formula_metric(&id)? {
                bail!("no metric {id:?} in {db}");
            }
            writeln!(out, "removed formula metric {id:?}")?;
        }
    }
    Ok(())
}

/// The store, migrated if older; a SQLite path where no store is is refused, not created.
fn open_writable(db: &Location) -> anyhow::Result<AnyStore> {
    if let Some(path) = db.sqlite_path() {
        ensure_store_at(path)?;
    }
    Ok(AnyStore::open(db)?)
}
