//! Long series as columns: a daily series of millions of figures is read straight from SQL into
//! day numbers and values (with its kind, unit and source per run), never as one `Observation`
//! with its strings per row. Short series and every non-daily figure still come back as
//! observations, so the sample store reads exactly as before.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::ValueRef;

use super::codec;
use super::{SeriesQuery, Store, StoreError};
use crate::model::{Grain, Kind, Observation, Period, Qualifier, Source, Unit, instant};

/// How often the read reports progress, in rows.
const PROGRESS_EVERY_ROWS: usize = 1 << 16;

/// From `start` on, until the next run, every figure of the series has this source and wording.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProvenanceRun {
    pub start: u32,
    pub source_id: i64,
    pub qualifier: Qualifier,
    /// When the run's figures became known.
    pub published: Option<NaiveDate>,
}

/// One platform x metric x region's daily figures of one kind and unit, as columns.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesColumns {
    /// The store's series these figures belong to (0 when they come from elsewhere).
    pub series_id: i64,
    /// Set when these are the series' stored overview, not all its figures.
    pub overview: Option<OverviewOf>,
    pub platform: String,
    pub metric: String,
    pub region: String,
    pub unit: Unit,
    pub kind: Kind,
    /// Days since 1970-01-01, ascending (a day given by two sources appears twice).
    pub days: Vec<f64>,
    pub values: Vec<f64>,
    pub provenance: Provenance,
}

/// Each figure's source and wording of a series, by index: runs of one source and qualifier (the
/// first starts at 0), and the few figures that carry a note.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance {
    runs: Vec<ProvenanceRun>,
    notes: Vec<(u32, String)>,
}

impl Provenance {
    /// The source and wording of the figure at `index`.
    pub fn at(&self, index: usize) -> Option<ProvenanceRun> {
        let i = self
            .runs
            .partition_point(|r| r.start as usize <= index)
            .checked_sub(1)?;
        self.runs.get(i).copied()
    }

    pub fn note(&self, index: usize) -> Option<&str> {
        let i = self
            .notes
            .binary_search_by_key(&(index as u32), |(at, _)| *at)
            .ok()?;
        Some(self.notes[i].1.as_str())
    }

    /// Every source id the series cites, once per run.
    pub fn source_ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.runs.iter().map(|r| r.source_id)
    }

    /// How many of the `len` figures each source gives, by source id (ascending).
    pub fn source_counts(&self, len: usize) -> Vec<(i64, usize)> {
        let mut counts: std::collections::BTreeMap<i64, usize> = Default::default();
        for (i, run) in self.runs.iter().enumerate() {
            let end = self.runs.get(i + 1).map_or(len, |next| next.start as usize);
            *counts.entry(run.source_id).or_default() += end.saturating_sub(run.start as usize);
        }
        counts.into_iter().collect()
    }

    pub fn run_count(&self) -> usize {
        self.runs.len()
    }

    /// Records the figure at `index` (figures come in index order).
    fn push(
        &mut self,
        index: u32,
        source_id: i64,
        qualifier: Qualifier,
        published: Option<NaiveDate>,
        note: &str,
    ) {
        let same = self.runs.last().is_some_and(|r| {
            r.source_id == source_id && r.qualifier == qualifier && r.published == published
        });
        if !same {
            self.runs.push(ProvenanceRun {
                start: index,
                source_id,
                qualifier,
                published,
            });
        }
        if !note.is_empty() {
            self.notes.push((index, note.to_string()));
        }
    }
}

/// What an overview stands for: the whole series' number of figures (of its kind) and how many
/// each source gives, which the overview's own figures may not all show.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewOf {
    pub figures: usize,
    /// (source id, figures), by source id.
    pub sources: Vec<(i64, usize)>,
}

impl SeriesColumns {
    pub fn new(series_id: i64, kind: Kind, unit: Unit) -> Self {
        SeriesColumns {
            series_id,
            overview: None,
            platform: String::new(),
            metric: String::new(),
            region: String::new(),
            unit,
            kind,
            days: Vec::new(),
            values: Vec::new(),
            provenance: Provenance::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.days.len()
    }

    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// The figures at `indices` (ascending), each with its source and wording: an overview.
    pub fn subset(&self, indices: &[usize]) -> SeriesColumns {
        let mut out = SeriesColumns::new(self.series_id, self.kind, self.unit);
        out.platform.clone_from(&self.platform);
        out.metric.clone_from(&self.metric);
        out.region.clone_from(&self.region);
        for &i in indices {
            let (Some(&day), Some(&value), Some(run)) =
                (self.days.get(i), self.values.get(i), self.provenance.at(i))
            else {
                continue;
            };
            let note = self.provenance.note(i).unwrap_or_default();
            out.push(
                day,
                value,
                (run.source_id, run.qualifier, run.published),
                note,
            );
        }
        out.overview = Some(OverviewOf {
            figures: self.len(),
            sources: self.provenance.source_counts(self.len()),
        });
        out
    }

    /// Appends a figure (figures come in day order).
    pub fn push(
        &mut self,
        day: f64,
        value: f64,
        run: (i64, Qualifier, Option<NaiveDate>),
        note: &str,
    ) {
        let index = self.days.len() as u32;
        self.provenance.push(index, run.0, run.1, run.2, note);
        self.days.push(day);
        self.values.push(value);
    }
}

/// The store's figures split in two: long daily series as columns, everything else as
/// observations in the order [`Store::series`] gives them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SplitSeries {
    pub observations: Vec<Observation>,
    pub columns: Vec<SeriesColumns>,
}

/// Days since 1970-01-01 (the charts' x axis), from the one day arithmetic in `model`.
pub fn day_number_of(date: NaiveDate) -> f64 {
    instant::day_number(date) as f64
}

/// The date of a day number (the inverse of [`day_number_of`]).
pub fn date_of_day_number(day: f64) -> Option<NaiveDate> {
    instant::date_of_x(day)
}

fn text<'r>(value: ValueRef<'r>, column: usize) -> rusqlite::Result<&'r str> {
    value.as_str().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, value.data_type(), Box::new(e))
    })
}

fn bad(column: usize, detail: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, detail.into())
}

/// Where a daily row's columns are in a query: period_start, value, kind, qualifier, note,
/// source_id.
#[derive(Clone, Copy)]
pub(super) struct DailyRow {
    pub(super) start: usize,
    pub(super) value: usize,
    pub(super) kind: usize,
    pub(super) qualifier: usize,
    pub(super) note: usize,
    pub(super) source_id: usize,
    pub(super) published: usize,
}

/// The columns both reads select, in this order.
const FIGURE_COLUMNS: &str = "se.id, se.platform, se.metric, se.region, se.grain, se.unit, \
     o.period_start, o.value, o.kind, o.qualifier, o.note, o.source_id, o.published";

const DAILY_ROW: DailyRow = DailyRow {
    start: 6,
    value: 7,
    kind: 8,
    qualifier: 9,
    note: 10,
    source_id: 11,
    published: 12,
};

/// Appends a daily row to the columns of its kind, without a String for anything but a note.
pub(super) fn push_daily(
    daily: &mut Vec<SeriesColumns>,
    series_id: i64,
    unit: Unit,
    row: &rusqlite::Row<'_>,
    at: DailyRow,
) -> rusqlite::Result<()> {
    let start: i64 = row.get(at.start)?;
    let day = start.div_euclid(instant::SECONDS_PER_DAY) as f64;
    let value: f64 = row.get(at.value)?;
    let kind = codec::kind(row, at.kind)?;
    let qualifier = codec::qualifier(row, at.qualifier)?;
    let note = text(row.get_ref(at.note)?, at.note)?;
    let source_id: i64 = row.get(at.source_id)?;
    let i = match daily.iter().position(|c| c.kind == kind && c.unit == unit) {
        Some(i) => i,
        None => {
            daily.push(SeriesColumns::new(series_id, kind, unit));
            daily.len() - 1
        }
    };
    let published = codec::instant_date(row, at.published)?;
    daily[i].push(day, value, (source_id, qualifier, published), note);
    Ok(())
}

/// The figures of one platform x metric x region while they are read.
#[derive(Default)]
struct Group {
    platform: String,
    metric: String,
    region: String,
    /// Daily figures, one column set per kind and unit.
    daily: Vec<SeriesColumns>,
    other: Vec<Observation>,
}

impl Group {
    fn daily_len(&self) -> usize {
        self.daily.iter().map(SeriesColumns::len).sum()
    }
}

/// What changes only from one series to the next: read once per series, not per row.
struct SeriesHead {
    id: i64,
    grain: Grain,
    unit: Unit,
}

fn series_head(row: &rusqlite::Row<'_>) -> rusqlite::Result<SeriesHead> {
    let code: i64 = row.get(4)?;
    Ok(SeriesHead {
        id: row.get(0)?,
        grain: Grain::from_code(code).ok_or_else(|| bad(4, format!("grain code {code}")))?,
        unit: codec::unit(row, 5)?,
    })
}

/// The statement [`Store::daily_columns`] runs, with its parameters.
pub(super) fn daily_sql(query: &SeriesQuery) -> (String, Vec<rusqlite::types::Value>) {
    let filter = super::filter::figures(query, true);
    let sql = format!(
        "SELECT {FIGURE_COLUMNS} {} ORDER BY se.id, o.period_start, o.publisher_id",
        filter.sql
    );
    (sql, filter.params)
}

impl Store {
    /// Every observation, with daily series of at least `min_points` figures (per platform,
    /// metric and region) read as columns; a series with a whole stored overview comes as its
    /// overview (`SeriesColumns::overview` set), not read figure by figure. `progress` hears the
    /// number of rows read so far, every few tens of thousands of rows.
    pub fn read_split(
        &self,
        min_points: usize,
        progress: &mut dyn FnMut(usize),
    ) -> Result<SplitSeries, StoreError> {
        let sources = self.source_map()?;
        let source = |id: i64| -> Result<Source, StoreError> {
            sources.get(&id).cloned().ok_or_else(|| {
                StoreError::Corrupt(format!("source {id} is not in the sources table"))
            })
        };
        // Overviews are a cache: one that cannot be read (damaged, or of a layout this program
        // does not know) is passed over, and its series are read whole.
        let (overviewed, overviews) = self.stored_overviews().unwrap_or_default();
        // Series in the order of their unique index (metric, platform, region, grain, unit),
        // each one's figures a range of the primary key: no sort, and each platform x metric x
        // region comes in one run.
        let sql = format!(
            "SELECT {FIGURE_COLUMNS} FROM series se INDEXED BY sqlite_autoindex_series_1 \
             CROSS JOIN observations o ON o.series_id = se.id \
             WHERE se.id NOT IN (SELECT value FROM json_each(?1)) \
             ORDER BY se.metric, se.platform, se.region, se.grain, se.unit, o.period_start, \
             o.publisher_id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([super::overview::id_list(&overviewed)])?;
        let mut out = SplitSeries::default();
        let mut group = Group::default();
        let mut head = SeriesHead {
            id: -1,
            grain: Grain::Day,
            unit: Unit::Plain,
        };
        let mut read = 0usize;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if id != head.id {
                head = series_head(row)?;
                let platform = text(row.get_ref(1)?, 1)?;
                let metric = text(row.get_ref(2)?, 2)?;
                let region = text(row.get_ref(3)?, 3)?;
                if platform != group.platform || metric != group.metric || region != group.region {
                    let done = std::mem::take(&mut group);
                    finish_group(done, min_points, &source, &mut out)?;
                    group.platform = platform.to_string();
                    group.metric = metric.to_string();
                    group.region = region.to_string();
                }
            }
            if head.grain == Grain::Day {
                push_daily(&mut group.daily, head.id, head.unit, row, DAILY_ROW)?;
            } else {
                let start: i64 = row.get(6)?;
                group.other.push(Observation {
                    platform: group.platform.clone(),
                    metric: group.metric.clone(),
                    region: group.region.clone(),
                    period: Period::from_instant(start, head.grain)
                        .ok_or_else(|| StoreError::Corrupt(format!("instant {start}")))?,
                    value: row.get(7)?,
                    unit: head.unit,
                    kind: codec::kind(row, 8)?,
                    qualifier: codec::qualifier(row, 9)?,
                    note: row.get(10)?,
                    source: source(row.get(11)?)?,
                    published: codec::instant_date(row, 12)?,
                });
            }
            read += 1;
            if read.is_multiple_of(PROGRESS_EVERY_ROWS) {
                progress(read);
            }
        }
        finish_group(group, min_points, &source, &mut out)?;
        out.columns.extend(overviews);
        sort_by_name(&mut out.columns);
        progress(read);
        // The order `series` gives, so what the dashboard lists and draws is the same whichever
        // read it came from.
        out.observations.sort_by(super::queries::figure_order);
        Ok(out)
    }

    /// The daily figures a chart asks for, as columns: the query's metrics, platforms, regions
    /// and window only (a day is in the window when it is within `from..=to`), read through the
    /// series index and each series' primary key. Non-daily figures are not read: they are few,
    /// and `series` has them.
    pub fn daily_columns(&self, query: &SeriesQuery) -> Result<Vec<SeriesColumns>, StoreError> {
        let (sql, params) = daily_sql(query);
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(params))?;
        let mut out: Vec<SeriesColumns> = Vec::new();
        let mut group: Vec<SeriesColumns> = Vec::new();
        let mut key = (String::new(), String::new(), String::new());
        let mut head = SeriesHead {
            id: -1,
            grain: Grain::Day,
            unit: Unit::Plain,
        };
        let flush = |group: &mut Vec<SeriesColumns>,
                     key: &(String, String, String),
                     out: &mut Vec<SeriesColumns>| {
            for mut columns in group.drain(..) {
                columns.platform = key.0.clone();
                columns.metric = key.1.clone();
                columns.region = key.2.clone();
                out.push(columns);
            }
        };
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            if id != head.id {
                head = series_head(row)?;
                let platform = text(row.get_ref(1)?, 1)?;
                let metric = text(row.get_ref(2)?, 2)?;
                let region = text(row.get_ref(3)?, 3)?;
                if platform != key.0 || metric != key.1 || region != key.2 {
                    flush(&mut group, &key, &mut out);
                    key = (platform.to_string(), metric.to_string(), region.to_string());
                }
            }
            push_daily(&mut group, head.id, head.unit, row, DAILY_ROW)?;
        }
        flush(&mut group, &key, &mut out);
        // Series come in id order; charts list them by name.
        sort_by_name(&mut out);
        Ok(out)
    }

    fn source_map(&self) -> Result<HashMap<i64, Source>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, publisher, title, url, published FROM sources")?;
        let rows = stmt.query_map([], |row| codec::source(row, 0))?;
        let mut map = HashMap::new();
        for source in rows {
            let source = source?;
            map.insert(source.id, source);
        }
        Ok(map)
    }
}

/// By metric, platform, region and kind: the order charts list long series in.
fn sort_by_name(columns: &mut [SeriesColumns]) {
    columns.sort_by(|a, b| {
        (&a.metric, &a.platform, &a.region, a.kind).cmp(&(
            &b.metric,
            &b.platform,
            &b.region,
            b.kind,
        ))
    });
}

/// A group's daily figures become columns when there are enough of them, observations otherwise.
fn finish_group(
    group: Group,
    min_points: usize,
    source: &dyn Fn(i64) -> Result<Source, StoreError>,
    out: &mut SplitSeries,
) -> Result<(), StoreError> {
    let long = group.daily_len() >= min_points.max(1);
    let Group {
        platform,
        metric,
        region,
        daily,
        other,
    } = group;
    out.observations.extend(other);
    for mut columns in daily {
        if long {
            columns.platform = platform.clone();
            columns.metric = metric.clone();
            columns.region = region.clone();
            out.columns.push(columns);
            continue;
        }
        for i in 0..columns.len() {
            let run = columns.provenance.at(i).unwrap_or(ProvenanceRun {
                start: 0,
                source_id: 0,
                qualifier: Qualifier::None,
                published: None,
            });
            let date = date_of_day_number(columns.days[i]).ok_or_else(|| {
                StoreError::Corrupt(format!("day {} is out of range", columns.days[i]))
            })?;
            out.observations.push(Observation {
                platform: platform.clone(),
                metric: metric.clone(),
                region: region.clone(),
                period: Period::new(date, Grain::Day),
                value: columns.values[i],
                unit: columns.unit,
                kind: columns.kind,
                qualifier: run.qualifier,
                note: columns.provenance.note(i).unwrap_or_default().to_string(),
                source: source(run.source_id)?,
                published: run.published,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn day_numbers_match_the_charts_axis() {
        for date in [ymd(1970, 1, 1), ymd(2024, 2, 29), ymd(1899, 12, 31)] {
            let day = day_number_of(date);
            assert_eq!(day, crate::analysis::day_number(date));
            assert_eq!(date_of_day_number(day), Some(date));
        }
    }

    #[test]
    fn the_sample_reads_as_observations_exactly_as_series_gives_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("s.db")).expect("store");
        store.load_sample().expect("sample");
        let split = store.read_split(4096, &mut |_| {}).expect("split");
        assert!(split.columns.is_empty());
        assert_eq!(
            split.observations,
            store.series(&SeriesQuery::default()).expect("series")
        );
        // With a threshold of one, the sample's daily figures (if any) become columns and the
        // rest stay observations: nothing is lost either way.
        let all = store.read_split(1, &mut |_| {}).expect("split");
        let in_columns: usize = all.columns.iter().map(SeriesColumns::len).sum();
        assert_eq!(
            all.observations.len() + in_columns,
            split.observations.len()
        );
        assert!(
            all.observations
                .iter()
                .all(|o| o.period.grain != Grain::Day)
        );
    }

    #[test]
    fn long_daily_series_come_back_as_columns_with_their_provenance() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("g.db")).expect("store");
        store.generate(2, 300, 5, Grain::Day).expect("generate");
        let mut heard = Vec::new();
        let split = store
            .read_split(100, &mut |n| heard.push(n))
            .expect("split");
        assert!(split.observations.is_empty());
        assert_eq!(split.columns.len(), 2);
        assert_eq!(heard.last(), Some(&600));
        let rows = store.series(&SeriesQuery::default()).expect("series");
        for columns in &split.columns {
            assert_eq!(columns.len(), 300);
            assert!(columns.days.windows(2).all(|w| w[0] < w[1]));
            assert_eq!(columns.provenance.run_count(), 1, "one source, one run");
            let mine: Vec<&Observation> = rows
                .iter()
                .filter(|o| o.platform == columns.platform)
                .collect();
            for (i, o) in mine.iter().enumerate() {
                assert_eq!(columns.days[i], day_number_of(o.period.start));
                assert_eq!(columns.values[i], o.value);
                assert_eq!(columns.kind, o.kind);
                let run = columns.provenance.at(i).expect("provenance");
                assert_eq!(run.source_id, o.source.id);
                assert_eq!(run.qualifier, o.qualifier);
            }
        }
        // A chart's window reads only that window, as the same columns.
        let from = NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
        let window = store
            .daily_columns(&SeriesQuery {
                platforms: vec!["synthetic_002".into()],
                from: Some(from),
                ..SeriesQuery::default()
            })
            .expect("window");
        assert_eq!(window.len(), 1);
        assert_eq!(window[0].platform, "synthetic_002");
        assert_eq!(window[0].len(), 61, "1 Nov to 31 Dec");
        let whole = &split.columns[1];
        let offset = whole.len() - 61;
        assert_eq!(window[0].days, whole.days[offset..]);
        assert_eq!(window[0].values, whole.values[offset..]);
        // Below the threshold the same figures are observations again, equal to `series`.
        let short = store.read_split(301, &mut |_| {}).expect("split");
        assert!(short.columns.is_empty());
        assert_eq!(short.observations, rows);
    }
}
