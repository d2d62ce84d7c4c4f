//! A long daily series as the dashboard keeps it: its values in a level-of-detail pyramid built
//! on the loader thread, its kind and unit, and each figure's source and wording by runs, so ten
//! million figures cost about 20 bytes each and a frame draws a few thousand of them.

use chrono::NaiveDate;

use crate::analysis::LodSeries;
use crate::model::{Grain, Kind, Observation, Period, Qualifier, Unit};
use crate::store::columns::{OverviewOf, date_of_day_number};
use crate::store::{Provenance, ProvenanceRun, SeriesColumns};

/// Zoomed views read every figure of their overviews' windows up to this many in all (about 20
/// bytes each held), shared by the long series on screen: beyond it, the overviews' few thousand
/// figures per series already fill the plot's width.
pub const DETAIL_BUDGET_POINTS: usize = 4_000_000;

/// Long series drawn at full pixel resolution each; beyond this many, they share the plot's
/// columns (see [`columns_per_line`]).
pub const FULL_RESOLUTION_LINES: usize = 8;

/// Pixel columns each of `lines` long series is decimated to on a plot `columns` wide: every
/// column for up to [`FULL_RESOLUTION_LINES`] lines, then fewer (never below 128), so a chart of
/// hundreds of overlapping series draws about as many points as one of eight: 200 series at
/// full resolution drew 822,200 points, 50 ms a frame.
pub fn columns_per_line(columns: usize, lines: usize) -> usize {
    if lines <= FULL_RESOLUTION_LINES {
        return columns;
    }
    (columns * FULL_RESOLUTION_LINES / lines)
        .max(128)
        .min(columns)
}

/// Daily series of at least this many figures (per platform, metric and region) are read as
/// columns and drawn decimated; shorter ones keep the per-figure path with markers and spans.
pub const DENSE_MIN_POINTS: usize = 4096;

pub struct DenseSeries {
    /// The store's series, for reading its figures in a window.
    pub series_id: i64,
    /// Set when these are the series' stored overview: what the whole series holds.
    pub overview: Option<OverviewOf>,
    /// Days (first, last) within which an overview holds every figure, read for a zoomed view.
    pub detail: Option<(f64, f64)>,
    pub platform: String,
    pub metric: String,
    pub region: String,
    pub unit: Unit,
    pub kind: Kind,
    /// x: day number, y: the figure in its unit.
    pub lod: LodSeries,
    provenance: Provenance,
}

impl std::fmt::Debug for DenseSeries {
    // Never millions of numbers in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DenseSeries")
            .field("platform", &self.platform)
            .field("metric", &self.metric)
            .field("region", &self.region)
            .field("kind", &self.kind)
            .field("points", &self.lod.len())
            .field("figures", &self.figures())
            .finish_non_exhaustive()
    }
}

impl DenseSeries {
    /// Builds the pyramid: O(n), on the loader thread.
    pub fn from_columns(columns: SeriesColumns) -> Self {
        let SeriesColumns {
            series_id,
            overview,
            platform,
            metric,
            region,
            unit,
            kind,
            days,
            values,
            provenance,
        } = columns;
        DenseSeries {
            series_id,
            overview,
            detail: None,
            platform,
            metric,
            region,
            unit,
            kind,
            lod: LodSeries::new(days, values),
            provenance,
        }
    }

    /// The figures held here (an overview holds a few thousand of its series').
    pub fn len(&self) -> usize {
        self.lod.len()
    }

    /// The figures of the whole series, whether all are held here or only its overview.
    pub fn figures(&self) -> usize {
        self.overview.as_ref().map_or(self.len(), |o| o.figures)
    }

    pub fn is_empty(&self) -> bool {
        self.lod.is_empty()
    }

    /// The first and last day number.
    pub fn x_extent(&self) -> Option<(f64, f64)> {
        let first = self.lod.point(0)?[0];
        let last = self.lod.point(self.len().checked_sub(1)?)?[0];
        Some((first, last))
    }

    pub fn provenance(&self, index: usize) -> Option<ProvenanceRun> {
        self.provenance.at(index)
    }

    /// Every source id the whole series cites (an overview's figures may show only some).
    pub fn source_ids(&self) -> Box<dyn Iterator<Item = i64> + '_> {
        match &self.overview {
            Some(of) => Box::new(of.sources.iter().map(|&(id, _)| id)),
            None => Box::new(self.provenance.source_ids()),
        }
    }

    /// How many of the whole series' figures each source gives, by source id.
    pub fn source_counts(&self) -> Vec<(i64, usize)> {
        match &self.overview {
            Some(of) => of.sources.clone(),
            None => self.provenance.source_counts(self.len()),
        }
    }

    pub fn note(&self, index: usize) -> Option<&str> {
        self.provenance.note(index)
    }

    pub fn date(&self, index: usize) -> Option<NaiveDate> {
        date_of_day_number(self.lod.point(index)?[0])
    }

    /// The indices of every figure on the same day as `index` (several sources may give it).
    pub fn same_day(&self, index: usize) -> std::ops::Range<usize> {
        let Some([x, _]) = self.lod.point(index) else {
            return index..index;
        };
        let (mut lo, mut hi) = (index, index + 1);
        while lo > 0 && self.lod.point(lo - 1).is_some_and(|p| p[0] == x) {
            lo -= 1;
        }
        while self.lod.point(hi).is_some_and(|p| p[0] == x) {
            hi += 1;
        }
        lo..hi
    }

    /// The first figure on or after `day`, for an index base.
    pub fn first_from(&self, day: f64) -> Option<usize> {
        let i = self.lod.first_at_or_after(day);
        (i < self.len()).then_some(i)
    }

    /// The figure at `index` as an observation, its source looked up in the snapshot's sources.
    pub fn observation(
        &self,
        index: usize,
        source: impl Fn(i64) -> Option<crate::model::Source>,
    ) -> Option<Observation> {
        let [_, value] = self.lod.point(index)?;
        let run = self.provenance(index)?;
        Some(Observation {
            platform: self.platform.clone(),
            metric: self.metric.clone(),
            region: self.region.clone(),
            period: Period::new(self.date(index)?, Grain::Day),
            value,
            unit: self.unit,
            published: run.published,
            kind: self.kind,
            qualifier: run.qualifier,
            source: source(run.source_id)?,
            note: self.note(index).unwrap_or_default().to_string(),
        })
    }

    /// Whether every figure of days `lo..=hi` is held: always for a series read whole, and for an
    /// overview inside the window read for a zoomed view.
    pub fn holds_every_figure(&self, lo: f64, hi: f64) -> bool {
        let Some(of) = &self.overview else {
            return true;
        };
        let Some((first, last)) = self.x_extent() else {
            return of.figures == 0;
        };
        let (lo, hi) = (lo.max(first), hi.min(last));
        self.detail.is_some_and(|(a, b)| a <= lo && hi <= b)
    }

    /// The window of days to read every figure of, when this overview is drawn over days
    /// `lo..=hi` in `columns` pixel columns and holds too few figures there to fill them; `None`
    /// when what is held suffices (or the window holds more than `max_points` figures to read).
    pub fn wants_detail(
        &self,
        lo: f64,
        hi: f64,
        columns: usize,
        max_points: usize,
    ) -> Option<(f64, f64)> {
        let of = self.overview.as_ref()?;
        let (first, last) = self.x_extent()?;
        let (lo, hi) = (lo.max(first), hi.min(last));
        if hi <= lo || self.holds_every_figure(lo, hi) {
            return None;
        }
        let held = self.lod.first_at_or_after(hi + 0.5) - self.lod.first_at_or_after(lo);
        if held >= 2 * columns {
            return None;
        }
        // Half a view more on each side, so a small pan needs no new read.
        let margin = (hi - lo) / 2.0;
        let (from, to) = ((lo - margin).max(first), (hi + margin).min(last));
        let share = (to - from) / (last - first).max(1.0);
        let estimate = of.figures as f64 * share;
        (estimate <= max_points as f64).then_some((from.floor(), to.ceil()))
    }

    /// This overview with every figure of days `from..=to` (`window`, read from the store) in
    /// place of the overview's own there.
    pub fn with_window(&self, window: &SeriesColumns, from: f64, to: f64) -> DenseSeries {
        let mut columns = SeriesColumns::new(self.series_id, self.kind, self.unit);
        let push_held = |columns: &mut SeriesColumns, range: std::ops::Range<usize>| {
            for i in range {
                if let (Some([day, value]), Some(run)) = (self.lod.point(i), self.provenance(i)) {
                    let note = self.note(i).unwrap_or_default();
                    columns.push(
                        day,
                        value,
                        (run.source_id, run.qualifier, run.published),
                        note,
                    );
                }
            }
        };
        let before = self.lod.first_at_or_after(from);
        let after = self.lod.first_at_or_after(to + 0.5);
        push_held(&mut columns, 0..before);
        for i in 0..window.len() {
            let day = window.days[i];
            if let (true, Some(run)) = (day >= from && day <= to, window.provenance.at(i)) {
                let note = window.provenance.note(i).unwrap_or_default();
                let run = (run.source_id, run.qualifier, run.published);
                columns.push(day, window.values[i], run, note);
            }
        }
        push_held(&mut columns, after..self.len());
        columns.platform.clone_from(&self.platform);
        columns.metric.clone_from(&self.metric);
        columns.region.clone_from(&self.region);
        columns.overview.clone_from(&self.overview);
        let mut merged = DenseSeries::from_columns(columns);
        merged.detail = Some((from, to));
        merged
    }

    pub fn qualifier(&self, index: usize) -> Qualifier {
        self.provenance(index)
            .map(|r| r.qualifier)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_long_series_share_the_plots_columns() {
        assert_eq!(columns_per_line(1280, 1), 1280);
        assert_eq!(columns_per_line(1280, 8), 1280);
        assert_eq!(columns_per_line(1280, 20), 512);
        assert_eq!(columns_per_line(1280, 200), 128);
        assert_eq!(columns_per_line(100, 200), 100);
    }
    use crate::store::Store;

    #[test]
    fn a_generated_series_keeps_every_figure_and_its_source() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("g.db")).expect("store");
        store
            .generate(1, 500, 3, crate::model::Grain::Day)
            .expect("generate");
        let split = store.read_split(100, &mut |_| {}).expect("split");
        let rows = store
            .series(&crate::store::SeriesQuery::default())
            .expect("rows");
        let dense = DenseSeries::from_columns(split.columns[0].clone());
        assert_eq!(dense.len(), 500);
        let sources: std::collections::HashMap<i64, crate::model::Source> = rows
            .iter()
            .map(|o| (o.source.id, o.source.clone()))
            .collect();
        for (i, row) in rows.iter().enumerate() {
            let o = dense
                .observation(i, |id| sources.get(&id).cloned())
                .expect("observation");
            assert_eq!(&o, row);
            assert_eq!(dense.same_day(i), i..i + 1);
        }
        let (first, last) = dense.x_extent().expect("extent");
        assert_eq!(last - first, 499.0);
        assert_eq!(dense.first_from(first + 10.5), Some(11));
        assert_eq!(dense.first_from(last + 1.0), None);
    }
}
