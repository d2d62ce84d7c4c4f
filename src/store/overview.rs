//! Stored overviews of long daily series: a few thousand of a series' own figures (chosen by
//! `analysis::overview`), kept in the store so the dashboard opens a store of any size by reading
//! those instead of every figure. An overview is a cache: every write that changes a series'
//! figures drops it (`drop_overview`, beside each update of the series' counts), and it is only
//! used while its figure counts add up to the series' current count.

use rusqlite::{Connection, TransactionBehavior, params};

use super::columns::{OverviewOf, SeriesColumns};
use super::{Store, StoreError, codec};
use crate::model::{Grain, instant};

/// Series shorter than this are read whole: reading them costs less than keeping an overview.
pub const OVERVIEW_MIN_POINTS: usize = 65_536;

/// Forgets the overview of a series whose figures are changing (inside the writer's transaction).
pub(super) fn drop_overview(conn: &Connection, series_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM overview_figures WHERE series_id = ?1")?
        .execute([series_id])?;
    conn.prepare_cached("DELETE FROM overviews WHERE series_id = ?1")?
        .execute([series_id])?;
    Ok(())
}

/// A JSON array of integers, for `json_each` (bound as one parameter, never spliced into SQL).
pub(super) fn id_list(ids: &[i64]) -> String {
    let items: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", items.join(","))
}

impl Store {
    /// Daily series whose stored overview is whole: one for each of its kinds, their counts
    /// adding up to the series' current number of figures.
    pub(super) fn overviewed_series(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT se.id FROM series se JOIN overviews ov ON ov.series_id = se.id \
             WHERE se.grain = ?1 GROUP BY se.id HAVING SUM(ov.points) = se.points",
        )?;
        let ids = stmt
            .query_map([Grain::Day.code()], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(ids)
    }

    /// The stored overviews of `ids`, as columns marked with what they stand for.
    pub(super) fn overview_columns(&self, ids: &[i64]) -> Result<Vec<SeriesColumns>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT se.id, se.platform, se.metric, se.region, se.unit, f.kind, ov.points, \
             ov.sources, f.period_start, f.value, f.qualifier, f.note, f.source_id, f.published \
             FROM overview_figures f \
             JOIN overviews ov ON ov.series_id = f.series_id AND ov.kind = f.kind \
             JOIN series se ON se.id = f.series_id \
             WHERE f.series_id IN (SELECT value FROM json_each(?1)) \
             ORDER BY f.series_id, f.kind, f.position",
        )?;
        let mut rows = stmt.query([id_list(ids)])?;
        let mut out: Vec<SeriesColumns> = Vec::new();
        while let Some(row) = rows.next()? {
            let (id, kind) = (row.get::<_, i64>(0)?, codec::kind(row, 5)?);
            let same = out
                .last()
                .is_some_and(|c| c.series_id == id && c.kind == kind);
            if !same {
                let mut columns = SeriesColumns::new(id, kind, codec::unit(row, 4)?);
                columns.platform = row.get(1)?;
                columns.metric = row.get(2)?;
                columns.region = row.get(3)?;
                let sources: String = row.get(7)?;
                columns.overview = Some(OverviewOf {
                    figures: usize::try_from(row.get::<_, i64>(6)?).unwrap_or(0),
                    sources: serde_json::from_str(&sources).map_err(|e| {
                        StoreError::Corrupt(format!("overview of series {id}: sources: {e}"))
                    })?,
                });
                out.push(columns);
            }
            let start: i64 = row.get(8)?;
            let day = start.div_euclid(instant::SECONDS_PER_DAY) as f64;
            let note: String = row.get(11)?;
            let run = (
                row.get(12)?,
                codec::qualifier(row, 10)?,
                codec::instant_date(row, 13)?,
            );
            if let Some(columns) = out.last_mut() {
                columns.push(day, row.get(9)?, run, &note);
            }
        }
        Ok(out)
    }

    /// Every current figure of one kind of a daily series from day `from` to day `to` (day
    /// numbers, inclusive): what a zoomed view of an overview reads, through the primary key.
    pub fn series_window(
        &self,
        series_id: i64,
        kind: crate::model::Kind,
        from: f64,
        to: f64,
    ) -> Result<SeriesColumns, StoreError> {
        let unit: String =
            self.conn
                .query_row("SELECT unit FROM series WHERE id = ?1", [series_id], |r| {
                    r.get(0)
                })?;
        let unit = crate::model::Unit::parse(&unit)
            .map_err(|e| StoreError::Corrupt(format!("series {series_id}: unit: {e}")))?;
        let mut out = SeriesColumns::new(series_id, kind, unit);
        let mut stmt = self.conn.prepare_cached(
            "SELECT period_start, value, qualifier, note, source_id, published FROM observations \
             WHERE series_id = ?1 AND period_start BETWEEN ?2 AND ?3 AND kind = ?4 \
             ORDER BY period_start, publisher_id",
        )?;
        let day_seconds = |day: f64| day as i64 * instant::SECONDS_PER_DAY;
        let mut rows = stmt.query(params![
            series_id,
            day_seconds(from),
            day_seconds(to + 1.0) - 1,
            kind.code()
        ])?;
        while let Some(row) = rows.next()? {
            let start: i64 = row.get(0)?;
            let day = start.div_euclid(instant::SECONDS_PER_DAY) as f64;
            let note: String = row.get(3)?;
            let run = (
                row.get(4)?,
                codec::qualifier(row, 2)?,
                codec::instant_date(row, 5)?,
            );
            out.push(day, row.get(1)?, run, &note);
        }
        Ok(out)
    }

    /// Keeps `overviews` (columns made by [`SeriesColumns::subset`]) for the next start, if no
    /// other program has written to the store since `seen_version` (`PRAGMA data_version` taken
    /// before the figures were read): otherwise they may be of figures that have changed, and
    /// nothing is written (`Ok(false)`). One transaction, so a store never has half an overview.
    pub fn write_overviews(
        &mut self,
        seen_version: i64,
        overviews: &[SeriesColumns],
    ) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if now != seen_version {
            return Ok(false);
        }
        {
            let mut meta = tx.prepare(
                "INSERT OR REPLACE INTO overviews (series_id, kind, points, sources) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut figure = tx.prepare(
                "INSERT OR REPLACE INTO overview_figures (series_id, kind, position, \
                 period_start, value, qualifier, note, source_id, published) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for c in overviews {
                let Some(of) = &c.overview else { continue };
                let kind = c.kind.code();
                tx.execute(
                    "DELETE FROM overview_figures WHERE series_id = ?1 AND kind = ?2",
                    params![c.series_id, kind],
                )?;
                let sources = serde_json::to_string(&of.sources)
                    .map_err(|e| StoreError::Corrupt(format!("overview sources: {e}")))?;
                meta.execute(params![c.series_id, kind, of.figures as i64, sources])?;
                for i in 0..c.len() {
                    let run = c.provenance.at(i);
                    let published = run
                        .and_then(|r| r.published)
                        .map(|d| instant::instant(d, 0));
                    figure.execute(params![
                        c.series_id,
                        kind,
                        i as i64,
                        c.days[i] as i64 * instant::SECONDS_PER_DAY,
                        c.values[i],
                        run.map(|r| r.qualifier).unwrap_or_default().code(),
                        c.provenance.note(i).unwrap_or_default(),
                        run.map_or(0, |r| r.source_id),
                        published,
                    ])?;
                }
            }
        }
        tx.commit()?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::overview::{OVERVIEW_BUCKETS, overview_indices};
    use crate::store::import::{ImportOptions, read_file};

    const POINTS: usize = OVERVIEW_MIN_POINTS + 1_000;

    fn generated() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("o.db")).expect("store");
        store.generate(1, POINTS, 7, Grain::Day).expect("generate");
        (dir, store)
    }

    /// Reads the store as the dashboard does and keeps the overviews it makes.
    fn read_and_keep(store: &mut Store) -> Vec<SeriesColumns> {
        let seen = store.data_version().expect("version");
        let split = store.read_split(4096, &mut |_| {}).expect("split");
        let overviews: Vec<SeriesColumns> = split
            .columns
            .iter()
            .filter(|c| c.overview.is_none())
            .map(|c| c.subset(&overview_indices(&c.days, &c.values, OVERVIEW_BUCKETS)))
            .collect();
        assert!(store.write_overviews(seen, &overviews).expect("write"));
        split.columns
    }

    #[test]
    fn a_long_series_opens_as_its_stored_overview_of_real_figures() {
        let (_dir, mut store) = generated();
        let whole = read_and_keep(&mut store);
        assert_eq!(whole[0].len(), POINTS);
        let split = store.read_split(4096, &mut |_| {}).expect("split");
        assert!(split.observations.is_empty());
        let overview = &split.columns[0];
        let of = overview.overview.as_ref().expect("read as its overview");
        assert_eq!(of.figures, POINTS);
        assert!(overview.len() < POINTS / 4, "{}", overview.len());
        assert_eq!(overview.series_id, whole[0].series_id);
        // Every kept figure is the series' own, with its source.
        for i in (0..overview.len()).step_by(97) {
            let at = whole[0]
                .days
                .binary_search_by(|d| d.total_cmp(&overview.days[i]))
                .expect("a day of the series");
            assert_eq!(overview.values[i], whole[0].values[at]);
            assert_eq!(overview.provenance.at(i), {
                let mut run = whole[0].provenance.at(at).expect("run");
                run.start = overview.provenance.at(i).expect("run").start;
                Some(run)
            });
        }
        let source = whole[0].provenance.source_ids().next().expect("a source");
        assert_eq!(of.sources, vec![(source, POINTS)]);
    }

    #[test]
    fn an_import_into_the_series_drops_its_overview() {
        let (_dir, mut store) = generated();
        read_and_keep(&mut store);
        // Revise one figure in the middle of the series: same count, another value.
        let split = store.read_split(4096, &mut |_| {}).expect("split");
        let c = &split.columns[0];
        let day = crate::store::columns::date_of_day_number(c.days[c.len() / 2]).expect("day");
        let csv = format!(
            "platform,metric,region,period,value,unit,source\n{},{},{},{day},123456789,count,Revised\n",
            c.platform, c.metric, c.region
        );
        let file = read_file("revise.csv", csv.as_bytes(), &ImportOptions::default()).expect("csv");
        store.import(vec![file], false).expect("import");
        let again = store.read_split(4096, &mut |_| {}).expect("split");
        assert!(
            again.columns.iter().all(|c| c.overview.is_none()),
            "read whole again"
        );
        assert!(
            again
                .columns
                .iter()
                .any(|c| c.values.contains(&123_456_789.0))
        );
    }

    #[test]
    fn an_overview_is_not_kept_when_another_writer_came_in_between() {
        let (dir, mut store) = generated();
        let seen = store.data_version().expect("version");
        let split = store.read_split(4096, &mut |_| {}).expect("split");
        let overview = split.columns[0].subset(&[0, 1, 2]);
        // Another program (a second connection) writes after the read.
        let mut other = Store::open(&dir.path().join("o.db")).expect("second connection");
        other
            .generate(1, 10, 8, Grain::Day)
            .expect("generate again");
        assert!(!store.write_overviews(seen, &[overview]).expect("checked"));
        let again = store.read_split(4096, &mut |_| {}).expect("split");
        assert!(again.columns.iter().all(|c| c.overview.is_none()));
    }
}
