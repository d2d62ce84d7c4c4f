//! Reads from a PostgreSQL store. Figures are selected on the server with the one filter SQLite
//! uses (`store/filter.rs`, through `dialect.rs`) and decoded here. The catalogue, views and
//! stories are small: they are mirrored into an in-memory SQLite store and read by the SQLite
//! code itself, so both engines list, name and order them identically.

use rusqlite::Connection;

use super::super::tables::{self, Table};
use super::super::{SeriesQuery, Store, StoreError, SummaryRow};
use super::{PgStore, dialect};
use crate::model::{Grain, Kind, Observation, Period, Qualifier, Source, Unit, instant};

impl Store {
    /// An empty store in memory, with the schema and no seeded rows: where PostgreSQL's tables
    /// are mirrored to be read, or an import resolved before its rows are merged on the server.
    pub(in crate::store) fn scratch() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        super::super::schema::migrate(&mut conn, 0)?;
        conn.execute_batch("DELETE FROM metrics; DELETE FROM regions;")?;
        Ok(Store {
            conn,
            path: std::path::PathBuf::from(":memory:"),
            read_only: false,
        })
    }

    pub(in crate::store) fn connection(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// A figure read with the filter's `FIGURE_COLUMNS` (recorded at 16 for revisions).
fn figure(row: &postgres::Row) -> Result<Observation, StoreError> {
    let bad = |what: String| StoreError::Corrupt(what);
    let grain_code: i64 = row.try_get(4)?;
    let grain =
        Grain::from_code(grain_code).ok_or_else(|| bad(format!("grain code {grain_code}")))?;
    let start: i64 = row.try_get(3)?;
    let period =
        Period::from_instant(start, grain).ok_or_else(|| bad(format!("instant {start}")))?;
    let unit_text: String = row.try_get(6)?;
    let kind: i64 = row.try_get(7)?;
    let qualifier: i64 = row.try_get(8)?;
    let source_published: Option<String> = row.try_get(14)?;
    let published: Option<i64> = row.try_get(15)?;
    Ok(Observation {
        platform: row.try_get(0)?,
        metric: row.try_get(1)?,
        region: row.try_get(2)?,
        period,
        value: row.try_get(5)?,
        unit: Unit::parse(&unit_text).map_err(|e| bad(e.to_string()))?,
        kind: Kind::from_code(kind).ok_or_else(|| bad(format!("kind code {kind}")))?,
        qualifier: Qualifier::from_code(qualifier)
            .ok_or_else(|| bad(format!("qualifier code {qualifier}")))?,
        note: row.try_get(9)?,
        source: Source {
            id: row.try_get(10)?,
            publisher: row.try_get(11)?,
            title: row.try_get(12)?,
            url: row.try_get(13)?,
            published: source_published
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d"))
                .transpose()
                .map_err(|e| bad(e.to_string()))?,
        },
        published: published.and_then(instant::split_instant).map(|(d, _)| d),
    })
}

impl PgStore {
    /// The listed tables copied into an in-memory SQLite store, to be read by its code.
    pub(in crate::store) fn mirror(&mut self, tables: &[&Table]) -> Result<Store, StoreError> {
        let mut scratch = Store::scratch()?;
        let tx = scratch.conn.transaction()?;
        for table in tables {
            let rows = tables::read_pg(&mut self.client, table)?;
            tables::write_sqlite(&tx, table, &rows)?;
        }
        tx.commit()?;
        Ok(scratch)
    }

    /// The catalogue (platforms, regions, metrics and their formulas) mirrored for reading.
    pub(in crate::store) fn catalogue(&mut self) -> Result<Store, StoreError> {
        self.mirror(&[
            &tables::PLATFORMS,
            &tables::REGIONS,
            &tables::METRICS,
            &tables::FORMULAS,
        ])
    }

    /// Saved views and stories mirrored for reading.
    pub(in crate::store) fn presentations(&mut self) -> Result<Store, StoreError> {
        self.mirror(&[&tables::SAVED_VIEWS, &tables::STORIES, &tables::STORY_STEPS])
    }

    /// As [`Store::series`]: the same filter, the same order.
    pub fn series(&mut self, query: &SeriesQuery) -> Result<Vec<Observation>, StoreError> {
        let (sql, params) = super::super::queries::series_sql(query);
        let params = dialect::params(params);
        let rows = self
            .client
            .query(dialect::translate(&sql).as_str(), &dialect::refs(&params))?;
        let mut out = rows.iter().map(figure).collect::<Result<Vec<_>, _>>()?;
        if let Some(from) = query.from {
            out.retain(|o| o.period.end() > from);
        }
        out.sort_by(super::super::queries::figure_order);
        Ok(out)
    }

    /// As [`Store::revisions`].
    pub fn revisions(
        &mut self,
        query: &SeriesQuery,
    ) -> Result<Vec<(Observation, String)>, StoreError> {
        let (sql, params) = super::super::queries::revisions_sql(query);
        let params = dialect::params(params);
        let rows = self
            .client
            .query(dialect::translate(&sql).as_str(), &dialect::refs(&params))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let recorded: i64 = row.try_get(16)?;
            let recorded = instant::datetime_of_instant(recorded)
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                .unwrap_or_default();
            out.push((figure(row)?, recorded));
        }
        super::super::queries::finish_revisions(&mut out, query);
        Ok(out)
    }

    /// As [`Store::summary`]: the series and each one's latest figures, summarised by SQLite's code.
    pub fn summary(&mut self) -> Result<Vec<SummaryRow>, StoreError> {
        let mut scratch = self.mirror(&[
            &tables::PLATFORMS,
            &tables::REGIONS,
            &tables::METRICS,
            &tables::PUBLISHERS,
            &tables::SOURCES,
            &tables::SERIES,
        ])?;
        let latest = self.client.query(
            "SELECT o.series_id, o.period_start, o.publisher_id, o.source_id, o.value, o.kind, \
             o.qualifier, o.published, o.recorded, o.note FROM observations o \
             JOIN series se ON se.id = o.series_id AND o.period_start = se.last_start",
            &[],
        )?;
        let table = &tables::OBSERVATIONS;
        let mut rows = Vec::with_capacity(latest.len());
        for row in &latest {
            let mut cells = Vec::new();
            for (i, (_, ty)) in table.columns.iter().enumerate() {
                cells.push(tables::Cell::from_pg(row, i, *ty)?);
            }
            rows.push(cells);
        }
        tables::write_sqlite(scratch.connection(), table, &rows)?;
        scratch.summary()
    }

    fn count(&mut self, sql: &str) -> Result<usize, StoreError> {
        let n: i64 = self.client.query_one(sql, &[])?.try_get(0)?;
        Ok(n as usize)
    }

    pub fn observation_count(&mut self) -> Result<usize, StoreError> {
        self.count("SELECT COALESCE(SUM(points), 0)::BIGINT FROM series")
    }

    pub fn source_count(&mut self) -> Result<usize, StoreError> {
        self.count("SELECT COUNT(*) FROM sources")
    }

    pub fn event_count(&mut self) -> Result<usize, StoreError> {
        self.count("SELECT COUNT(*) FROM events")
    }

    pub fn revision_count(&mut self) -> Result<usize, StoreError> {
        self.count("SELECT COUNT(*) FROM revisions")
    }
}
