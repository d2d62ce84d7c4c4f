//! Zoomed views of long series held as overviews: the windows of days to read whole, and the
//! snapshot that holds them in place of the overview there, within one budget of figures, so a
//! store of any size is drawn figure by figure where the view is close and never held whole.

use std::collections::HashMap;
use std::sync::Arc;

use super::dense::{DETAIL_BUDGET_POINTS, DenseSeries};
use super::snapshot::Snapshot;
use crate::model::Kind;
use crate::store::SeriesColumns;

/// Days `from..=to` of one kind of a long series, to be read whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetailWindow {
    pub series_id: i64,
    pub kind: Kind,
    pub from: f64,
    pub to: f64,
}

/// The overviews as read, by series and kind, for the long series whose windows replaced them.
pub type Pristine = HashMap<(i64, Kind), Arc<DenseSeries>>;

impl Snapshot {
    /// This snapshot with each window's figures (`read`) in place of its overview's there, as
    /// generation `generation`. Earlier windows of other series stay while the budget allows
    /// (beyond it they go back to their overviews, in the snapshot's order); a window of a
    /// series replaces its last one.
    pub fn with_details(
        &self,
        pristine: &mut Pristine,
        read: Vec<(DetailWindow, SeriesColumns)>,
        generation: u64,
    ) -> Snapshot {
        let mut out = self.clone();
        out.generation = generation;
        let mut fresh = Vec::new();
        for (w, columns) in read {
            let Some(i) = out
                .dense
                .iter()
                .position(|d| d.series_id == w.series_id && d.kind == w.kind)
            else {
                continue;
            };
            let base = pristine
                .entry((w.series_id, w.kind))
                .or_insert_with(|| Arc::clone(&out.dense[i]));
            out.dense[i] = Arc::new(base.with_window(&columns, w.from, w.to));
            fresh.push(i);
        }
        // Over budget: earlier windows go back to their overviews.
        let held = |d: &DenseSeries| if d.detail.is_some() { d.len() } else { 0 };
        let mut total: usize = out.dense.iter().map(|d| held(d)).sum();
        for i in 0..out.dense.len() {
            if total <= DETAIL_BUDGET_POINTS {
                break;
            }
            let d = &out.dense[i];
            if fresh.contains(&i) || d.detail.is_none() {
                continue;
            }
            if let Some(base) = pristine.get(&(d.series_id, d.kind)) {
                total -= held(d);
                out.dense[i] = Arc::clone(base);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::overview::overview_indices;
    use crate::store::columns::OverviewOf;

    /// A daily series of `n` figures from day 0, valued by day, as its overview.
    fn overview(n: usize) -> (SeriesColumns, DenseSeries) {
        let mut whole = SeriesColumns::new(7, Kind::Actual, crate::model::Unit::Count);
        for day in 0..n {
            whole.push(day as f64, day as f64, (1, Default::default(), None), "");
        }
        let kept = overview_indices(&whole.days, &whole.values, 64);
        let dense = DenseSeries::from_columns(whole.subset(&kept));
        (whole, dense)
    }

    #[test]
    fn a_zoomed_window_is_read_whole_and_replaces_the_overview_there_only() {
        let (whole, dense) = overview(100_000);
        assert!(dense.len() < 1_000);
        // Zoomed out, the overview holds fewer figures than columns, but the whole series is
        // more than the share to read: it stays as it is.
        assert_eq!(dense.wants_detail(0.0, 99_999.0, 1_000, 10_000), None);
        let (from, to) = dense
            .wants_detail(50_000.0, 51_000.0, 1_000, 10_000)
            .expect("a zoomed view wants its window");
        assert_eq!(
            (from, to),
            (49_500.0, 51_500.0),
            "half a view more each side"
        );
        let window = whole.subset(&(49_500..=51_500).collect::<Vec<_>>());
        let mut snap = Snapshot::default();
        snap.dense = vec![Arc::new(dense)];
        let mut pristine = Pristine::new();
        let w = DetailWindow {
            series_id: 7,
            kind: Kind::Actual,
            from,
            to,
        };
        let zoomed = snap.with_details(&mut pristine, vec![(w, window)], 2);
        let d = &zoomed.dense[0];
        assert_eq!(zoomed.generation, 2);
        assert!(d.holds_every_figure(50_000.0, 51_000.0));
        assert!(!d.holds_every_figure(10_000.0, 11_000.0));
        assert_eq!(d.wants_detail(50_000.0, 51_000.0, 1_000, 10_000), None);
        // Every day of the window, once, in order; the overview's figures elsewhere.
        let days: Vec<f64> = (0..d.len())
            .filter_map(|i| d.lod.point(i))
            .map(|p| p[0])
            .collect();
        assert!(days.windows(2).all(|w| w[0] < w[1]));
        let inside = days.iter().filter(|&&x| (from..=to).contains(&x)).count();
        assert_eq!(inside, 2_001);
        assert_eq!(d.figures(), 100_000);
        assert!(matches!(
            &d.overview,
            Some(OverviewOf {
                figures: 100_000,
                ..
            })
        ));
        assert!(pristine.contains_key(&(7, Kind::Actual)));
    }
}
