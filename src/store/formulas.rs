//! Formula metrics in the catalogue (`marketscope metrics add/list/remove`): the metric's row in
//! `metrics` and its formula in `formulas`, written together in one transaction. The SQL is
//! written once here; PostgreSQL runs the same statements (`pg/write.rs`).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};

use super::names::METRIC_NAME_TAKEN;
use super::{Store, StoreError};
use crate::model::{FormulaMetric, Metric};

pub(super) const SELECT_FORMULAS: &str = "SELECT metric, formula FROM formulas ORDER BY metric";
pub(super) const METRIC_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM metrics WHERE id = ?)";
pub(super) const INSERT_METRIC: &str = "INSERT INTO metrics \
     (id, name, name_zh, unit, non_negative, aggregate, description) VALUES (?, ?, ?, ?, ?, ?, ?)";
pub(super) const INSERT_FORMULA: &str = "INSERT INTO formulas (metric, formula) VALUES (?, ?)";
pub(super) const IS_FORMULA: &str = "SELECT EXISTS (SELECT 1 FROM formulas WHERE metric = ?)";
/// The formula goes with its metric (`ON DELETE CASCADE`).
pub(super) const DELETE_METRIC: &str = "DELETE FROM metrics WHERE id = ?";

/// The values of [`INSERT_METRIC`], in its order.
fn metric_values(m: &Metric) -> Vec<Value> {
    vec![
        Value::Text(m.id.clone()),
        Value::Text(m.name.clone()),
        m.name_zh.clone().map_or(Value::Null, Value::Text),
        Value::Text(m.unit.as_str().to_string()),
        Value::Integer(i64::from(m.non_negative)),
        Value::Text(m.aggregate.as_str().to_string()),
        Value::Text(m.description.clone()),
    ]
}

impl Store {
    /// Every formula metric, by id.
    pub fn formulas(&self) -> Result<Vec<FormulaMetric>, StoreError> {
        let mut stmt = self.conn.prepare(SELECT_FORMULAS)?;
        let rows = stmt.query_map([], |r| {
            Ok(FormulaMetric {
                metric: r.get(0)?,
                formula: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds `metric` with its formula. Refuses an id or a display name already in the catalogue:
    /// a formula never replaces a metric that holds figures.
    pub fn add_formula_metric(&mut self, metric: &Metric, formula: &str) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self.conn.transaction()?;
        if tx.query_row(METRIC_EXISTS, [&metric.id], |r| r.get(0))? {
            return Err(StoreError::MetricExists(metric.id.clone()));
        }
        if tx.query_row(METRIC_NAME_TAKEN, params![metric.name, metric.id], |r| {
            r.get(0)
        })? {
            return Err(StoreError::NameTaken(metric.name.clone()));
        }
        tx.execute(INSERT_METRIC, params_from_iter(metric_values(metric)))?;
        tx.execute(INSERT_FORMULA, params![metric.id, formula])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes the formula metric `id`. Returns whether there was one; a metric of stored figures
    /// is refused, never removed.
    pub fn remove_formula_metric(&mut self, id: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let tx = self.conn.transaction()?;
        if !tx.query_row(METRIC_EXISTS, [id], |r| r.get(0))? {
            return Ok(false);
        }
        if !tx.query_row(IS_FORMULA, [id], |r| r.get(0))? {
            return Err(StoreError::NotAFormula(id.to_string()));
        }
        tx.execute(DELETE_METRIC, [id])?;
        tx.commit()?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aggregate, Unit};

    fn per_download() -> Metric {
        Metric {
            id: "gmv_per_download".into(),
            name: "GMV per download".into(),
            name_zh: None,
            unit: Unit::parse("USD per download").expect("unit"),
            non_negative: false,
            aggregate: Aggregate::Mean,
            description: "gmv / downloads".into(),
        }
    }

    #[test]
    fn a_formula_metric_is_added_listed_refused_twice_and_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("t.db")).expect("store");
        store
            .add_formula_metric(&per_download(), "gmv / downloads")
            .expect("added");
        assert_eq!(
            store.formulas().expect("read"),
            vec![FormulaMetric {
                metric: "gmv_per_download".into(),
                formula: "gmv / downloads".into()
            }]
        );
        let metric = store
            .metrics()
            .expect("metrics")
            .into_iter()
            .find(|m| m.id == "gmv_per_download")
            .expect("in the catalogue");
        assert_eq!(metric.unit.as_str(), "USD per download");

        let again = store.add_formula_metric(&per_download(), "gmv * 2");
        assert!(
            matches!(again, Err(StoreError::MetricExists(_))),
            "{again:?}"
        );
        let mut same_name = per_download();
        same_name.id = "other".into();
        same_name.name = "gross merchandise VALUE".into();
        let taken = store.add_formula_metric(&same_name, "gmv");
        assert!(matches!(taken, Err(StoreError::NameTaken(_))), "{taken:?}");

        let stored = store.remove_formula_metric("gmv");
        assert!(
            matches!(stored, Err(StoreError::NotAFormula(_))),
            "{stored:?}"
        );
        assert!(
            store
                .remove_formula_metric("gmv_per_download")
                .expect("removed")
        );
        assert!(
            !store
                .remove_formula_metric("gmv_per_download")
                .expect("ran")
        );
        assert!(store.formulas().expect("read").is_empty());
        assert!(
            store
                .metrics()
                .expect("metrics")
                .iter()
                .any(|m| m.id == "gmv"),
            "the stored metric stays"
        );
    }
}
