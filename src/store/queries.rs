//! The read API that the dashboard and the command line share: series with provenance, events,
//! sources with their use, the catalog, and a summary.

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::Serialize;

use super::filter::push_in as push_list;

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
    /// The figures as known at the end of this day: published by then, at their latest revision.
    pub as_of: Option<NaiveDate>,
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

/// The columns of a figure as `series` reads it: from 0, platform, metric, region, period start,
/// grain, value, unit, kind, qualifier, note; the source from 10; published at 15.
pub(super) const FIGURE_COLUMNS: &str = "se.platform, se.metric, se.region, o.period_start, se.grain, o.value, se.unit, \
     o.kind, o.qualifier, o.note, s.id, s.publisher, s.title, s.url, s.published, o.published";

/// The statement [`Store::series`] runs, with its parameters.
pub(super) fn series_sql(query: &SeriesQuery) -> (String, Vec<Value>) {
    let filter = super::filter::figures(query, false);
    let sql = format!(
        "SELECT {FIGURE_COLUMNS} {} ORDER BY se.id, o.period_start, o.publisher_id",
        filter.sql
    );
    (sql, filter.params)
}

/// The order figures are listed and drawn in, whichever read they came from: metric, platform,
/// region, grain, unit, period, publisher, source.
pub(super) fn figure_order(a: &Observation, b: &Observation) -> std::cmp::Ordering {
    (
        &a.metric,
        &a.platform,
        &a.region,
        a.period.grain,
        a.unit.as_str(),
        a.period.start,
        a.period.minute,
        &a.source.publisher,
        a.source.id,
    )
        .cmp(&(
            &b.metric,
            &b.platform,
            &b.region,
            b.period.grain,
            b.unit.as_str(),
            b.period.start,
            b.period.minute,
            &b.source.publisher,
            b.source.id,
        ))
}

/// A figure read with [`FIGURE_COLUMNS`].
pub(super) fn figure(row: &rusqlite::Row<'_>) -> rusqlite::Result<Observation> {
    Ok(Observation {
        platform: row.get(0)?,
        metric: row.get(1)?,
        region: row.get(2)?,
        period: codec::instant_period(row, 3, 4)?,
        value: row.get(5)?,
        unit: codec::unit(row, 6)?,
        kind: codec::kind(row, 7)?,
        qualifier: codec::qualifier(row, 8)?,
        note: row.get(9)?,
        source: codec::source(row, 10)?,
        published: codec::instant_date(row, 15)?,
    })
}

/// The statement [`Store::revisions`] runs: the filter over current and revised figures, with
/// `recorded` at column 16.
pub(super) fn revisions_sql(query: &SeriesQuery) -> (String, Vec<Value>) {
    let all = SeriesQuery {
        as_of: None,
        ..query.clone()
    };
    let filter = super::filter::figures(&all, false);
    // The filter reads `observations o`; the same filter over the union of both tables.
    let union = filter.sql.replacen(
        "CROSS JOIN observations o",
        "JOIN (SELECT * FROM observations UNION ALL SELECT * FROM revisions) o",
        1,
    );
    let sql = format!(
        "SELECT {FIGURE_COLUMNS}, o.recorded {union} ORDER BY se.id, o.period_start, \
         o.publisher_id, o.published, o.recorded"
    );
    (sql, filter.params)
}

/// The window's start applied and each key's vintages put oldest first, whichever page printed
/// them: the same on both engines.
pub(super) fn finish_revisions(out: &mut Vec<(Observation, String)>, query: &SeriesQuery) {
    if let Some(from) = query.from {
        out.retain(|(o, _)| o.period.end() > from);
    }
    out.sort_by(|(a, ra), (b, rb)| {
        let key = |o: &Observation| {
            (
                o.metric.clone(),
                o.platform.clone(),
                o.region.clone(),
                o.period.grain,
                o.unit.as_str(),
                o.period.start,
                o.period.minute,
                o.source.publisher.clone(),
            )
        };
        (key(a), a.published, ra).cmp(&(key(b), b.published, rb))
    });
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
        let sql = format!("SELECT {} FROM metrics ORDER BY id", codec::METRIC_COLUMNS);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], codec::metric)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Observations matching the query, each with its source, ordered by metric, platform,
    /// region, grain, period and publisher.
    pub fn series(&self, query: &SeriesQuery) -> Result<Vec<Observation>, StoreError> {
        let (sql, params) = series_sql(query);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), figure)?;
        let mut out: Vec<Observation> = rows.collect::<Result<_, _>>()?;
        if let Some(from) = query.from {
            out.retain(|o| o.period.end() > from);
        }
        out.sort_by(figure_order);
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
        push_list(&mut sql, &mut params, "e.category", &categories);
        push_list(&mut sql, &mut params, "e.platform", &query.platforms);
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
        self.source_usages(true)
    }

    /// Every source with the number of events that cite it, and 0 figures: for a reader that
    /// counts the figures it holds itself (counting them here reads an index entry per figure).
    pub fn sources_cited_by_events(&self) -> Result<Vec<SourceUsage>, StoreError> {
        self.source_usages(false)
    }

    fn source_usages(&self, count_figures: bool) -> Result<Vec<SourceUsage>, StoreError> {
        let figures = if count_figures {
            "(SELECT COUNT(*) FROM observations o WHERE o.source_id = s.id)"
        } else {
            "0"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT s.id, s.publisher, s.title, s.url, s.published, {figures}, \
             (SELECT COUNT(*) FROM events e WHERE e.source_id = s.id) \
             FROM sources s ORDER BY s.publisher COLLATE NOCASE, s.published, s.id"
        ))?;
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
        let n: i64 =
            self.conn
                .query_row("SELECT COALESCE(SUM(points), 0) FROM series", [], |r| {
                    r.get(0)
                })?;
        Ok(n as usize)
    }

    pub fn source_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM sources", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    pub fn event_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Platforms x metrics: point counts, first and last period, the latest value. Read from
    /// the series table's counts and one key lookup per series, so it costs the same on a store
    /// of ten million figures as on the sample.
    pub fn summary(&self) -> Result<Vec<SummaryRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT se.platform, se.metric, se.unit, se.grain, se.points, se.first_start, \
             se.last_start, (SELECT o.value FROM observations o WHERE o.series_id = se.id \
             AND o.period_start = se.last_start ORDER BY o.publisher_id LIMIT 1), \
             (SELECT o.qualifier FROM observations o WHERE o.series_id = se.id \
             AND o.period_start = se.last_start ORDER BY o.publisher_id LIMIT 1) \
             FROM series se WHERE se.points > 0 ORDER BY se.platform, se.metric",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: std::collections::BTreeMap<(String, String), SummaryRow> = Default::default();
        while let Some(row) = rows.next()? {
            let first = codec::instant_period(row, 5, 3)?;
            let last = codec::instant_period(row, 6, 3)?;
            let points = row.get::<_, i64>(4)? as usize;
            let value: f64 = row.get(7)?;
            let qualifier = codec::qualifier(row, 8)?;
            let key: (String, String) = (row.get(0)?, row.get(1)?);
            let Some(summary) = out.get_mut(&key) else {
                out.insert(
                    key.clone(),
                    SummaryRow {
                        platform: key.0,
                        metric: key.1,
                        unit: codec::unit(row, 2)?,
                        points,
                        first,
                        last,
                        latest_value: value,
                        latest_qualifier: qualifier,
                    },
                );
                continue;
            };
            summary.points += points;
            if first.start < summary.first.start {
                summary.first = first;
            }
            // The latest is the period that ends last; of equal ends (Q4 2025 and 2025), the
            // longer period, which says more about the year.
            if (last.end_instant(), last.grain) > (summary.last.end_instant(), summary.last.grain) {
                summary.last = last;
                summary.latest_value = value;
                summary.latest_qualifier = qualifier;
            }
        }
        Ok(out.into_values().collect())
    }

    /// Every vintage of the figures the query selects, current and revised, each with when it
    /// was recorded (ISO date-time); per key oldest published first.
    pub fn revisions(&self, query: &SeriesQuery) -> Result<Vec<(Observation, String)>, StoreError> {
        let (sql, params) = revisions_sql(query);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |row| {
            let recorded: i64 = row.get(16)?;
            let recorded = crate::model::instant::datetime_of_instant(recorded)
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                .unwrap_or_default();
            Ok((figure(row)?, recorded))
        })?;
        let mut out: Vec<(Observation, String)> = rows.collect::<Result<_, _>>()?;
        finish_revisions(&mut out, query);
        Ok(out)
    }

    /// How many superseded figures the store keeps.
    pub fn revision_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM revisions", [], |r| r.get(0))?;
        Ok(n as usize)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan SQLite chooses for a statement, one line per step.
    fn plan(store: &Store, sql: &str, params: Vec<Value>) -> String {
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("explain");
        let rows = stmt
            .query_map(params_from_iter(params), |row| row.get::<_, String>(3))
            .expect("plan rows");
        rows.map(|r| r.expect("plan row"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn chart_and_export_queries_use_the_keys_and_sort_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("plan.db")).expect("store");
        store.load_sample().expect("sample");
        let chart = SeriesQuery {
            metrics: vec!["gmv".into()],
            platforms: vec!["temu".into()],
            from: NaiveDate::from_ymd_opt(2020, 1, 1),
            to: NaiveDate::from_ymd_opt(2025, 12, 31),
            ..SeriesQuery::default()
        };
        for query in [chart, SeriesQuery::default()] {
            let (sql, params) = series_sql(&query);
            let plan = plan(&store, &sql, params);
            assert!(
                plan.contains("SEARCH o USING PRIMARY KEY (series_id=?"),
                "figures found by their key:\n{plan}"
            );
            assert!(
                !plan.contains("SCAN o"),
                "no scan of the figures table:\n{plan}"
            );
            assert!(!plan.contains("TEMP B-TREE"), "no sort:\n{plan}");
        }
        let (sql, params) = super::super::columns::daily_sql(&SeriesQuery {
            platforms: vec!["temu".into()],
            from: NaiveDate::from_ymd_opt(2020, 1, 1),
            ..SeriesQuery::default()
        });
        let plan = plan(&store, &sql, params);
        assert!(
            plan.contains("SEARCH o USING PRIMARY KEY (series_id=? AND period_start>?)"),
            "a chart's window is a key range:\n{plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "no sort:\n{plan}");
    }
}
