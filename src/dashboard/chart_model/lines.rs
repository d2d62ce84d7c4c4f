//! The line through a series: which figure of a period carries it (the headline), and which
//! neighbours it joins.

use std::collections::BTreeMap;

use super::{ChartPoint, Mark, Origin, Segment};
use crate::analysis::{DerivedGrowth, headline, kind_rank};
use crate::dashboard::snapshot::Snapshot;
use crate::model::{Grain, Observation, Period};

/// Indices of the points that carry the line: one per period and mark, the headline figure.
pub(super) fn headline_points(
    snap: &Snapshot,
    points: &[ChartPoint],
    derived: &[DerivedGrowth],
) -> Vec<usize> {
    let mut by_period: BTreeMap<(Period, bool), Vec<usize>> = BTreeMap::new();
    for (i, p) in points.iter().enumerate() {
        if p.mark != Mark::Reported {
            by_period
                .entry((p.period, p.mark == Mark::Computed))
                .or_default()
                .push(i);
        }
    }
    by_period
        .into_values()
        .filter_map(|idx| {
            let observations: Vec<&Observation> = idx
                .iter()
                .filter_map(|&i| match points[i].origin {
                    Origin::Observation(o) => snap.observations.get(o),
                    Origin::Derived(_) => None,
                })
                .collect();
            if let Some(head) = headline(&observations) {
                return idx.iter().copied().find(|&i| {
                    matches!(points[i].origin, Origin::Observation(o) if std::ptr::eq(&snap.observations[o], head))
                });
            }
            // Computed growth: a same-source pair first, then the surer kind.
            idx.iter().copied().min_by_key(|&i| match points[i].origin {
                Origin::Derived(d) => derived
                    .get(d)
                    .map(|g| (g.across_sources, kind_rank(g.kind), g.current.source.id))
                    .unwrap_or((true, u8::MAX, i64::MAX)),
                Origin::Observation(_) => (true, u8::MAX, i64::MAX),
            })
        })
        .collect()
}

/// The headline line: consecutive periods of one grain are joined; a gap breaks the line, since
/// nothing is interpolated.
pub(super) fn segments_through(
    points: &[ChartPoint],
    derived: &[DerivedGrowth],
    snap: &Snapshot,
) -> Vec<Segment> {
    let mut heads: Vec<&ChartPoint> = headline_points(snap, points, derived)
        .into_iter()
        .map(|i| &points[i])
        .collect();
    heads.sort_by_key(|p| (p.period.grain, p.period.start_instant()));
    let mut segments = Vec::new();
    for run in heads.chunk_by(|a, b| a.period.grain == b.period.grain) {
        let joined: Vec<bool> = if run[0].period.grain == Grain::Day {
            // Day figures may stand for longer steps (monthly prices dated the 1st): the
            // series' own step decides, not the calendar.
            let xs: Vec<f64> = run.iter().map(|p| p.x).collect();
            joins_by_step(&xs)
        } else {
            run.windows(2)
                .map(|w| w[0].period.end_instant() == w[1].period.start_instant())
                .collect()
        };
        for (w, joined) in run.windows(2).zip(joined) {
            if joined {
                segments.push(Segment {
                    from: [w[0].x, w[0].y],
                    to: [w[1].x, w[1].y],
                    kind: if kind_rank(w[0].kind) >= kind_rank(w[1].kind) {
                        w[0].kind
                    } else {
                        w[1].kind
                    },
                });
            }
        }
    }
    segments
}

/// A gap this many times the series' usual step breaks its line.
pub const BREAK_STEP_RATIO: f64 = 1.5;

/// For each step between neighbours of `xs` (sorted), whether the line goes on across it: a step
/// longer than [`BREAK_STEP_RATIO`] times the series' median step is a gap, since nothing is
/// interpolated. The lower median, so that with few steps one long gap is not its own yardstick.
pub fn joins_by_step(xs: &[f64]) -> Vec<bool> {
    let steps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    let mut sorted = steps.clone();
    sorted.sort_by(f64::total_cmp);
    let Some(&median) = sorted.get(sorted.len().saturating_sub(1) / 2) else {
        return Vec::new();
    };
    steps
        .iter()
        .map(|&step| step <= median * BREAK_STEP_RATIO)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_figures_dated_the_first_join_and_a_missing_month_breaks() {
        // 2000-01-01, 02-01, 03-01, 04-01, then 06-01 (May missing) as day numbers.
        let xs = [0.0, 31.0, 60.0, 91.0, 152.0, 182.0];
        assert_eq!(joins_by_step(&xs), vec![true, true, true, false, true]);
    }

    #[test]
    fn daily_figures_join_day_to_day_and_break_at_a_longer_gap() {
        let xs = [0.0, 1.0, 2.0, 3.0, 6.0, 7.0];
        assert_eq!(joins_by_step(&xs), vec![true, true, true, false, true]);
    }

    #[test]
    fn a_step_at_the_ratio_joins_and_one_past_it_breaks() {
        assert_eq!(
            joins_by_step(&[0.0, 10.0, 20.0, 35.0, 45.0, 60.1]),
            vec![true, true, true, true, false]
        );
    }

    #[test]
    fn fewer_than_two_figures_have_no_steps() {
        assert!(joins_by_step(&[]).is_empty());
        assert!(joins_by_step(&[5.0]).is_empty());
        assert_eq!(joins_by_step(&[5.0, 900.0]), vec![true]);
    }

    #[test]
    fn with_two_steps_the_long_one_is_a_gap() {
        // A median of the two would be 45.5 and join the 60-day step; the lower median does not.
        assert_eq!(joins_by_step(&[0.0, 31.0, 91.0]), vec![true, false]);
    }
}
