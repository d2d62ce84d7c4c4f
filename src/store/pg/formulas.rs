//! Formula metrics on PostgreSQL: the statements of `store/formulas.rs`, in one transaction, with
//! a colleague's dashboard told when they commit.

use super::super::StoreError;
use super::super::formulas::{
    DELETE_METRIC, INSERT_FORMULA, INSERT_METRIC, IS_FORMULA, METRIC_EXISTS,
};
use super::super::names::METRIC_NAME_TAKEN;
use super::{PgStore, dialect};
use crate::model::Metric;

impl PgStore {
    /// As [`crate::store::Store::add_formula_metric`].
    pub fn add_formula_metric(&mut self, metric: &Metric, formula: &str) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let schema_name = self.target.schema.clone();
        let mut tx = self.client.transaction()?;
        let exists: bool = tx
            .query_one(dialect::translate(METRIC_EXISTS).as_str(), &[&metric.id])?
            .get(0);
        if exists {
            return Err(StoreError::MetricExists(metric.id.clone()));
        }
        let taken: bool = tx
            .query_one(
                dialect::translate(METRIC_NAME_TAKEN).as_str(),
                &[&metric.name, &metric.id],
            )?
            .get(0);
        if taken {
            return Err(StoreError::NameTaken(metric.name.clone()));
        }
        tx.execute(
            dialect::translate(INSERT_METRIC).as_str(),
            &[
                &metric.id,
                &metric.name,
                &metric.name_zh,
                &metric.unit.as_str(),
                &i64::from(metric.non_negative),
                &metric.aggregate.as_str(),
                &metric.description,
            ],
        )?;
        tx.execute(
            dialect::translate(INSERT_FORMULA).as_str(),
            &[&metric.id, &formula],
        )?;
        tx.execute("SELECT pg_notify('marketscope', $1)", &[&schema_name])?;
        tx.commit()?;
        Ok(())
    }

    /// As [`crate::store::Store::remove_formula_metric`].
    pub fn remove_formula_metric(&mut self, id: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let schema_name = self.target.schema.clone();
        let mut tx = self.client.transaction()?;
        let exists: bool = tx
            .query_one(dialect::translate(METRIC_EXISTS).as_str(), &[&id])?
            .get(0);
        if !exists {
            return Ok(false);
        }
        let is_formula: bool = tx
            .query_one(dialect::translate(IS_FORMULA).as_str(), &[&id])?
            .get(0);
        if !is_formula {
            return Err(StoreError::NotAFormula(id.to_string()));
        }
        tx.execute(dialect::translate(DELETE_METRIC).as_str(), &[&id])?;
        tx.execute("SELECT pg_notify('marketscope', $1)", &[&schema_name])?;
        tx.commit()?;
        Ok(true)
    }
}
