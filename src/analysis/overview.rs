//! Which figures of a long daily series its stored overview keeps, so a store of any size opens
//! by reading a few thousand figures per series instead of all of them. Every kept figure is a
//! real one (its source and kind intact), and the set is chosen so the overview draws the same
//! envelope as the whole series at overview resolution and gives exact index bases.

use chrono::Datelike;

use crate::model::instant::{date_of_x, day_number};

/// Buckets across a series' span: more than a full-screen chart has pixel columns, so the
/// zoomed-out chart drawn from the overview is the chart drawn from every figure.
pub const OVERVIEW_BUCKETS: usize = 2048;

/// The indices (ascending) of the figures an overview keeps from a series whose x values
/// (day numbers) are ascending:
/// - in each of `buckets` equal spans of x, its first, lowest, highest and last figure (M4), so
///   the drawn envelope and the y range are those of the whole series;
/// - the first figure of every calendar year, so an index base ("the first figure in 2023") or a
///   date range starting on a year finds the figure the whole series would;
/// - every figure on a kept figure's day, so a day given by two sources keeps both.
pub fn overview_indices(xs: &[f64], ys: &[f64], buckets: usize) -> Vec<usize> {
    let n = xs.len().min(ys.len());
    let (Some(&first), Some(&last)) = (xs.first(), xs.get(n.wrapping_sub(1))) else {
        return Vec::new();
    };
    let span = (last - first).max(1.0);
    let buckets = buckets.max(1);
    let bucket_of = |x: f64| (((x - first) / span * buckets as f64) as usize).min(buckets - 1);
    // Where the next calendar year starts, so the calendar is consulted once a year, not once a
    // figure (a 500,000-day series would otherwise spend most of its time in date arithmetic).
    let next_year_at = |x: f64| {
        date_of_x(x)
            .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year() + 1, 1, 1))
            .map_or(f64::INFINITY, |d| day_number(d) as f64)
    };
    let mut keep = vec![false; n];
    let mut bucket = usize::MAX;
    let (mut lo, mut hi, mut end) = (0, 0, 0);
    let mut year_ends_at = f64::NEG_INFINITY;
    for i in 0..n {
        let b = bucket_of(xs[i]);
        if b != bucket {
            if bucket != usize::MAX {
                keep[lo] = true;
                keep[hi] = true;
                keep[end] = true;
            }
            keep[i] = true;
            (bucket, lo, hi) = (b, i, i);
        }
        if ys[i] < ys[lo] {
            lo = i;
        }
        if ys[i] > ys[hi] {
            hi = i;
        }
        end = i;
        if xs[i] >= year_ends_at {
            keep[i] = true;
            year_ends_at = next_year_at(xs[i]);
        }
    }
    keep[lo] = true;
    keep[hi] = true;
    keep[end] = true;
    // A kept day keeps all its figures (several sources may give one day).
    for i in 1..n {
        if keep[i - 1] && xs[i] == xs[i - 1] {
            keep[i] = true;
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        if keep[i + 1] && xs[i] == xs[i + 1] {
            keep[i] = true;
        }
    }
    (0..n).filter(|&i| keep[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> f64 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).expect("date")) as f64
    }

    #[test]
    fn the_overview_keeps_each_buckets_extremes_and_every_years_first_figure() {
        let start = day(2000, 1, 1);
        let xs: Vec<f64> = (0..100_000).map(|i| start + f64::from(i)).collect();
        // A saw with one spike and one dip that a naive every-nth sample would miss.
        let mut ys: Vec<f64> = (0..100_000).map(|i| f64::from(i % 97)).collect();
        ys[54_321] = 1e6;
        ys[77_777] = -5.0;
        let kept = overview_indices(&xs, &ys, 256);
        assert!(
            kept.windows(2).all(|w| w[0] < w[1]),
            "ascending, no repeats"
        );
        assert!(kept.contains(&54_321) && kept.contains(&77_777));
        assert!(kept.contains(&0) && kept.contains(&99_999));
        // 2023's first figure is 1 January 2023; so for every year.
        let jan_2023 = (day(2023, 1, 1) - start) as usize;
        let jan_2150 = (day(2150, 1, 1) - start) as usize;
        assert!(kept.contains(&jan_2023) && kept.contains(&jan_2150));
        // At most 4 per bucket plus a year's first: a small part of the series.
        let years = 100_000 / 365 + 1;
        assert!(kept.len() <= 4 * 256 + years, "{}", kept.len());
        // The kept figures' y range is the series'.
        let lo = kept.iter().map(|&i| ys[i]).fold(f64::INFINITY, f64::min);
        let hi = kept
            .iter()
            .map(|&i| ys[i])
            .fold(f64::NEG_INFINITY, f64::max);
        assert_eq!((lo, hi), (-5.0, 1e6));
    }

    #[test]
    fn a_kept_day_keeps_every_source_of_that_day() {
        let xs = [10.0, 11.0, 11.0, 12.0, 13.0];
        let ys = [1.0, 9.0, 2.0, 3.0, 4.0];
        let kept = overview_indices(&xs, &ys, 1);
        // 9.0 is the bucket's highest, on day 11 with a second source: both kept.
        assert!(kept.contains(&1) && kept.contains(&2), "{kept:?}");
        assert!(overview_indices(&[], &[], 8).is_empty());
    }
}
