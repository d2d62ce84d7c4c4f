//! The read API that the dashboard and the command line share: series with provenance, events,
//! sources with their use, the catalog, and a summary.

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::Serialize;

use super::codec::{self, EVENT_COLUMNS, PLATFORM_COLUMNS};
use super::{Store, StoreError};
use crate::model::{
    Event, EventCategory, Kind, Metric, Observation, Period, Platform, Region, Source,
};

/// Which observations a chart or an export wants. An empty list means "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesQuery {
    pub metrics: Vec<String>,
    pub platforms: Vec<String>,
    pub regions: Vec<String>,
    pub kinds: Vec<Kind>,
    /// Periods that end after this date.
    pub from: Option<NaiveDate>,
    /// Periods that start on or before this date.
    pub to: Option<NaiveDate>,
    pub source_id: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub categories: Vec<EventCategory>,
    pub platforms: Vec<String>,
}

/// A source and how many observations and events rely on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceUsage {
    pub source: Source,
    pub observations: usize,
    pub events: usize,
}

/// One platform x metric of the summary table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    pub platform: String,
    pub metric: String,
    pub unit: crate::model::Unit,
    pub points: usize,
    pub first: Period,
    pub last: Period,
    /// The latest period's value (the first source's when several give it).
    pub latest_value: f64,
    pub latest_qualifier: crate::model::Qualifier,
}

/// Appends `AND column IN (?, ?, ...)` for a non-empty list, binding every value.
pub(super) fn push_in(sql: &mut String, params: &mut Vec<Value>, column: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let marks = vec!["?"; values.len()].join(", ");
    sql.push_str(&format!(" AND {column} IN ({marks})"));
    params.extend(values.iter().cloned().map(Value::Text));
}

impl Store {
    pub fn platforms(&self) -> Result<Vec<Platform>, StoreError> {
        let sql = format!(
            "SELECT {PLATFORM_COLUMNS} FROM platforms ORDER BY type DESC, name COLLATE NOCASE"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], codec::platform)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn regions(&self) -> Result<Vec<Region>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, name FROM regions ORDER BY id = 'global' DESC, name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], codec::region)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn metrics(&self) -> Result<Vec<Metric>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, unit, description FROM metrics ORDER BY id")?;
        let rows = stmt.query_map([], codec::metric)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Observations matching the query, each with its source, ordered by metric, platform,
    /// region, grain, period and source.
    pub fn series(&self, query: &SeriesQuery) -> Result<Vec<Observation>, StoreError> {
        let mut sql = String::from(
            "SELECT o.platform, o.metric, o.region, o.period_start, o.grain, o.value, o.unit, o.kind, \
             o.qualifier, o.note, s.id, s.publisher, s.title, s.url, s.published \
             FROM observations o JOIN sources s ON s.id = o.source_id WHERE 1 = 1",
        );
        let mut params: Vec<Value> = Vec::new();
        push_in(&mut sql, &mut params, "o.metric", &query.metrics);
        push_in(&mut sql, &mut params, "o.platform", &query.platforms);
        push_in(&mut sql, &mut params, "o.region", &query.regions);
        let kinds: Vec<String> = query.kinds.iter().map(|k| k.as_str().to_string()).collect();
        push_in(&mut sql, &mut params, "o.kind", &kinds);
        // With platforms named, the primary key (platform, metric, ...) finds their rows; a date
        // bound on the bare column would lure the planner to the metric-date index instead,
        // which reads every platform's rows in the window. The unary + keeps it off that index.
        let period_column = if query.platforms.is_empty() {
            "o.period_start"
        } else {
            "+o.period_start"
        };
        if let Some(to) = query.to {
            sql.push_str(&format!(" AND {period_column} <= ?"));
            params.push(Value::Text(to.format("%Y-%m-%d").to_string()));
        }
        if let Some(from) = query.from {
            // No period is longer than a year, so one that ends after `from` starts after
            // `from` less a year; the exact test on each period's end follows below.
            let earliest = from
                .checked_sub_months(chrono::Months::new(12))
                .unwrap_or(NaiveDate::MIN);
            sql.push_str(&format!(" AND {period_column} > ?"));
            params.push(Value::Text(earliest.format("%Y-%m-%d").to_string()));
        }
        if let Some(id) = query.source_id {
            sql.push_str(" AND o.source_id = ?");
            params.push(Value::Integer(id));
        }
        sql.push_str(
            " ORDER BY o.metric, o.platform, o.region, o.grain, o.period_start, s.publisher, s.id",
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |row| {
            Ok(Observation {
                platform: row.get(0)?,
                metric: row.get(1)?,
                region: row.get(2)?,
                period: codec::period(row, 3, 4)?,
                value: row.get(5)?,
                unit: codec::unit(row, 6)?,
                kind: codec::kind(row, 7)?,
                qualifier: codec::qualifier(row, 8)?,
                note: row.get(9)?,
                source: codec::source(row, 10)?,
            })
        })?;
        let mut out: Vec<Observation> = rows.collect::<Result<_, _>>()?;
        // A period's end depends on its grain, which SQL cannot compute from text cheaply.
        if let Some(from) = query.from {
            out.retain(|o| o.period.end() > from);
        }
        Ok(out)
    }

    /// Events overlapping the window, oldest first.
    pub fn events(&self, query: &EventQuery) -> Result<Vec<Event>, StoreError> {
        let mut sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN sources s ON s.id = e.source_id WHERE 1 = 1"
        );
        let mut params: Vec<Value> = Vec::new();
        let categories: Vec<String> = query
            .categories
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        push_in(&mut sql, &mut params, "e.category", &categories);
        push_in(&mut sql, &mut params, "e.platform", &query.platforms);
        if let Some(to) = query.to {
            sql.push_str(" AND e.date_start <= ?");
            params.push(Value::Text(to.format("%Y-%m-%d").to_string()));
        }
        sql.push_str(" ORDER BY e.date_start, e.title");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), codec::event)?;
        let mut out: Vec<Event> = rows.collect::<Result<_, _>>()?;
        if let Some(from) = query.from {
            out.retain(|e| e.end.unwrap_or(e.date).end() > from);
        }
        Ok(out)
    }

    /// Every source with the number of observations and events that cite it.
    pub fn sources(&self) -> Result<Vec<SourceUsage>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.publisher, s.title, s.url, s.published, \
             (SELECT COUNT(*) FROM observations o WHERE o.source_id = s.id), \
             (SELECT COUNT(*) FROM events e WHERE e.source_id = s.id) \
             FROM sources s ORDER BY s.publisher COLLATE NOCASE, s.published, s.id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(SourceUsage {
                source: codec::source(row, 0)?,
                observations: row.get::<_, i64>(5)? as usize,
                events: row.get::<_, i64>(6)? as usize,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn observation_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM observations", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    pub fn event_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Platforms x metrics: point counts, first and last period, the latest value.
    pub fn summary(&self) -> Result<Vec<SummaryRow>, StoreError> {
        let mut rows: std::collections::BTreeMap<(String, String), SummaryRow> = Default::default();
        for o in self.series(&SeriesQuery::default())? {
            let key = (o.platform.clone(), o.metric.clone());
            let Some(row) = rows.get_mut(&key) else {
                rows.insert(
                    key,
                    SummaryRow {
                        platform: o.platform,
                        metric: o.metric,
                        unit: o.unit,
                        points: 1,
                        first: o.period,
                        last: o.period,
                        latest_value: o.value,
                        latest_qualifier: o.qualifier,
                    },
                );
                continue;
            };
            row.points += 1;
            if o.period.start < row.first.start {
                row.first = o.period;
            }
            // The latest is the period that ends last; of equal ends (Q4 2025 and 2025), the
            // longer period, which says more about the year.
            if (o.period.end(), o.period.grain) > (row.last.end(), row.last.grain) {
                row.last = o.period;
                row.latest_value = o.value;
                row.latest_qualifier = o.qualifier;
            }
        }
        Ok(rows.into_values().collect())
    }
}

/// Which catalog table a name is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogKind {
    Platform,
    Metric,
    Region,
}

impl CatalogKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CatalogKind::Platform => "platform",
            CatalogKind::Metric => "metric",
            CatalogKind::Region => "region",
        }
    }
}

impl Store {
    /// The id of a platform, metric or region named by id or display name, case-insensitively.
    pub fn resolve(&self, kind: CatalogKind, text: &str) -> Result<Option<String>, StoreError> {
        let table = match kind {
            CatalogKind::Platform => "platforms",
            CatalogKind::Metric => "metrics",
            CatalogKind::Region => "regions",
        };
        // The table name is one of three literals above; the user's text is bound.
        let sql = format!(
            "SELECT id FROM {table} WHERE id = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE \
             ORDER BY id = ?1 COLLATE NOCASE DESC LIMIT 1"
        );
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(&sql, [text.trim()], |r| r.get(0))
            .optional()?)
    }
}
