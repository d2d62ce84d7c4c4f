//! Stored overviews of long daily series: a few thousand of a series' own figures (chosen by
//! `analysis::overview`), kept in the store, packed in one row per series and kind, so the
//! dashboard opens a store of any size by reading those instead of every figure. An overview is
//! a cache: every write that changes a series' figures drops it (`drop_overview`, beside each
//! update of the series' counts), and it is only used while its figure counts add up to the
//! series' current count.

use rusqlite::{Connection, TransactionBehavior, params};

use super::columns::{DailyRow, OverviewOf, SeriesColumns, push_daily};
use super::{Store, StoreError, codec};
use crate::model::{Grain, instant};

/// Series shorter than this are read whole: reading them costs less than keeping an overview.
pub const OVERVIEW_MIN_POINTS: usize = 65_536;

/// Forgets the overview of a series whose figures are changing (inside the writer's transaction).
pub(super) fn drop_overview(conn: &Connection, series_id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM overviews WHERE series_id = ?1")?
        .execute([series_id])?;
    Ok(())
}

/// Stores one overview (columns made by [`SeriesColumns::subset`]) inside the writer's
/// transaction, replacing the one it had.
pub(super) fn insert_overview(conn: &Connection, c: &SeriesColumns) -> Result<(), StoreError> {
    let Some(of) = &c.overview else {
        return Ok(());
    };
    let Packing {
        days,
        values,
        runs,
        notes,
    } = pack(c);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO overviews (series_id, kind, points, sources, days, vals, runs, \
         notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        c.series_id,
        c.kind.code(),
        of.figures as i64,
        json("sources", &of.sources)?,
        days,
        values,
        json("runs", &runs)?,
        json("notes", &notes)?,
    ])?;
    Ok(())
}

/// Where [`Store::series_window`]'s columns are.
const WINDOW_ROW: DailyRow = DailyRow {
    start: 0,
    value: 1,
    kind: 2,
    qualifier: 3,
    note: 4,
    source_id: 5,
    published: 6,
};

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

    /// The series with a whole stored overview, and those overviews.
    pub(super) fn stored_overviews(&self) -> Result<(Vec<i64>, Vec<SeriesColumns>), StoreError> {
        let ids = self.overviewed_series()?;
        let columns = self.overview_columns(&ids)?;
        Ok((ids, columns))
    }

    /// The stored overviews of `ids`, as columns marked with what they stand for.
    pub(super) fn overview_columns(&self, ids: &[i64]) -> Result<Vec<SeriesColumns>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT se.id, se.platform, se.metric, se.region, se.unit, ov.kind, ov.points, \
             ov.sources, ov.days, ov.vals, ov.runs, ov.notes \
             FROM overviews ov JOIN series se ON se.id = ov.series_id \
             WHERE ov.series_id IN (SELECT value FROM json_each(?1)) \
             ORDER BY ov.series_id, ov.kind",
        )?;
        let mut rows = stmt.query([id_list(ids)])?;
        let mut out: Vec<SeriesColumns> = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let corrupt = |what: &str, e: &dyn std::fmt::Display| {
                StoreError::Corrupt(format!("overview of series {id}: {what}: {e}"))
            };
            let mut columns = SeriesColumns::new(id, codec::kind(row, 5)?, codec::unit(row, 4)?);
            columns.platform = row.get(1)?;
            columns.metric = row.get(2)?;
            columns.region = row.get(3)?;
            let sources: String = row.get(7)?;
            let runs: String = row.get(10)?;
            let notes: String = row.get(11)?;
            let packed = Packed {
                days: row.get_ref(8)?.as_blob().map_err(|e| corrupt("days", &e))?,
                values: row
                    .get_ref(9)?
                    .as_blob()
                    .map_err(|e| corrupt("values", &e))?,
                runs: serde_json::from_str(&runs).map_err(|e| corrupt("runs", &e))?,
                notes: serde_json::from_str(&notes).map_err(|e| corrupt("notes", &e))?,
            };
            packed
                .unpack_into(&mut columns)
                .map_err(|e| corrupt("figures", &e))?;
            columns.overview = Some(OverviewOf {
                figures: usize::try_from(row.get::<_, i64>(6)?).unwrap_or(0),
                sources: serde_json::from_str(&sources).map_err(|e| corrupt("sources", &e))?,
            });
            out.push(columns);
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
        let unit =
            self.conn
                .query_row("SELECT unit FROM series WHERE id = ?1", [series_id], |r| {
                    codec::unit(r, 0)
                })?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT period_start, value, kind, qualifier, note, source_id, published \
             FROM observations WHERE series_id = ?1 AND period_start BETWEEN ?2 AND ?3 \
             AND kind = ?4 ORDER BY period_start, publisher_id",
        )?;
        let day_seconds = |day: f64| day as i64 * instant::SECONDS_PER_DAY;
        let mut rows = stmt.query(params![
            series_id,
            day_seconds(from),
            day_seconds(to + 1.0) - 1,
            kind.code()
        ])?;
        // The read of every daily row, here with one kind only: one set of columns.
        let mut daily = Vec::new();
        while let Some(row) = rows.next()? {
            push_daily(&mut daily, series_id, unit, row, WINDOW_ROW)?;
        }
        Ok(daily
            .pop()
            .unwrap_or_else(|| SeriesColumns::new(series_id, kind, unit)))
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
        for c in overviews {
            insert_overview(&tx, c)?;
        }
        tx.commit()?;
        Ok(true)
    }
}

/// A source run as stored: from index, source id, qualifier code, published (instant).
type StoredRun = (u32, i64, i64, Option<i64>);

/// An overview's figures as stored.
struct Packed<'a> {
    days: &'a [u8],
    values: &'a [u8],
    runs: Vec<StoredRun>,
    notes: Vec<(u32, String)>,
}

impl Packed<'_> {
    /// Appends the figures to `columns`, each with its run's source and wording and its note.
    fn unpack_into(&self, columns: &mut SeriesColumns) -> Result<(), String> {
        let n = self.days.len() / 4;
        if !self.days.len().is_multiple_of(4) || self.values.len() != n * 8 {
            return Err(format!(
                "{} day bytes for {} value bytes",
                self.days.len(),
                self.values.len()
            ));
        }
        let (mut run, mut note) = (0usize, 0usize);
        for i in 0..n {
            let day =
                i32::from_le_bytes(self.days[i * 4..i * 4 + 4].try_into().map_err(|_| "day")?);
            let value = f64::from_le_bytes(
                self.values[i * 8..i * 8 + 8]
                    .try_into()
                    .map_err(|_| "value")?,
            );
            while self.runs.get(run + 1).is_some_and(|r| r.0 as usize <= i) {
                run += 1;
            }
            let &(_, source_id, qualifier, published) = self
                .runs
                .get(run)
                .ok_or("a figure before the first source run")?;
            let qualifier = crate::model::Qualifier::from_code(qualifier)
                .ok_or_else(|| format!("qualifier code {qualifier}"))?;
            let published = published.and_then(instant::split_instant).map(|(d, _)| d);
            let text = match self.notes.get(note) {
                Some((at, text)) if *at as usize == i => {
                    note += 1;
                    text.as_str()
                }
                _ => "",
            };
            columns.push(
                f64::from(day),
                value,
                (source_id, qualifier, published),
                text,
            );
        }
        Ok(())
    }
}

/// An overview's figures packed for storage.
struct Packing {
    days: Vec<u8>,
    values: Vec<u8>,
    runs: Vec<StoredRun>,
    notes: Vec<(u32, String)>,
}

/// The columns' figures packed for storage.
fn pack(c: &SeriesColumns) -> Packing {
    let mut days = Vec::with_capacity(c.len() * 4);
    let mut values = Vec::with_capacity(c.len() * 8);
    let mut runs: Vec<StoredRun> = Vec::new();
    let mut notes = Vec::new();
    for i in 0..c.len() {
        days.extend_from_slice(&(c.days[i] as i32).to_le_bytes());
        values.extend_from_slice(&c.values[i].to_le_bytes());
        if let Some(r) = c.provenance.at(i) {
            let stored = (
                i as u32,
                r.source_id,
                r.qualifier.code(),
                r.published.map(|d| instant::instant(d, 0)),
            );
            if runs
                .last()
                .is_none_or(|last| (last.1, last.2, last.3) != (stored.1, stored.2, stored.3))
            {
                runs.push(stored);
            }
        }
        if let Some(text) = c.provenance.note(i) {
            notes.push((i as u32, text.to_string()));
        }
    }
    Packing {
        days,
        values,
        runs,
        notes,
    }
}

/// JSON for an overview's small parts (bound as text parameters).
fn json(what: &str, value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("overview {what}: {e}")))
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
        // As a store whose long series came by import: no overview yet.
        store
            .conn
            .execute("DELETE FROM overviews", [])
            .expect("cleared");
        (dir, store)
    }

    #[test]
    fn a_generated_long_series_comes_with_its_overview() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("g.db")).expect("store");
        store.generate(1, POINTS, 7, Grain::Day).expect("generate");
        let split = store.read_split(4096, &mut |_| {}).expect("split");
        let overview = &split.columns[0];
        assert_eq!(overview.overview.as_ref().map(|o| o.figures), Some(POINTS));
        let mut whole = store
            .series_window(overview.series_id, overview.kind, -1e9, 1e9)
            .expect("every figure");
        // A window read carries figures only; the names are the series'.
        whole.platform.clone_from(&overview.platform);
        whole.metric.clone_from(&overview.metric);
        whole.region.clone_from(&overview.region);
        assert_eq!(whole.len(), POINTS);
        let kept = overview_indices(&whole.days, &whole.values, OVERVIEW_BUCKETS);
        assert_eq!(
            overview,
            &whole.subset(&kept),
            "the overview the dashboard would make"
        );
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
    fn packing_keeps_each_figures_day_value_source_wording_and_note() {
        use crate::model::{Kind, Qualifier, Unit};
        let mut c = SeriesColumns::new(3, Kind::Estimate, Unit::USD);
        let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
        c.push(-800.0, 1.5, (7, Qualifier::None, None), "");
        c.push(-799.0, -2.0, (7, Qualifier::None, None), "a note");
        c.push(20_000.0, 3e12, (9, Qualifier::About, published), "");
        let p = pack(&c);
        let packed = Packed {
            days: &p.days,
            values: &p.values,
            runs: p.runs,
            notes: p.notes,
        };
        let mut back = SeriesColumns::new(3, Kind::Estimate, Unit::USD);
        packed.unpack_into(&mut back).expect("unpacks");
        assert_eq!(back, c);
        let short = Packed {
            days: &p.days[..5],
            values: &p.values,
            runs: Vec::new(),
            notes: Vec::new(),
        };
        assert!(
            short.unpack_into(&mut back).is_err(),
            "a cut blob is refused"
        );
    }

    #[test]
    fn a_damaged_overview_is_passed_over_and_the_series_read_whole() {
        let (_dir, mut store) = generated();
        read_and_keep(&mut store);
        store
            .conn
            .execute("UPDATE overviews SET vals = x'00'", [])
            .expect("damaged");
        let split = store
            .read_split(4096, &mut |_| {})
            .expect("the store still reads");
        assert_eq!(split.columns[0].len(), POINTS);
        assert!(split.columns[0].overview.is_none());
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
