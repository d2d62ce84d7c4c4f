//! When several sources give a figure for the same period, one of them carries the line through
//! the chart (every figure is still drawn and listed): the surest kind first, then the value most
//! sources agree on, then an exact figure over a worded one, then the latest publication.

use std::cmp::Reverse;

use crate::model::{Kind, Observation, Qualifier};

/// Lower is surer: actual, then estimate, then forecast.
pub fn kind_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Actual => 0,
        Kind::Estimate => 1,
        Kind::Forecast => 2,
    }
}

/// The figure that represents its period on a line, or `None` for an empty slice.
///
/// All candidates are expected to share platform, metric, region and period.
pub fn headline<'a>(candidates: &[&'a Observation]) -> Option<&'a Observation> {
    let agreeing = |o: &Observation| {
        candidates
            .iter()
            .filter(|c| c.kind == o.kind && c.value == o.value)
            .count()
    };
    candidates.iter().copied().min_by_key(|o| {
        (
            kind_rank(o.kind),
            Reverse(agreeing(o)),
            o.qualifier != Qualifier::None,
            // Undated sources sort after dated ones: None < Some, so reverse the option.
            Reverse(o.source.published.map(|d| (1, d))),
            o.source.id,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::measure::tests::obs;

    #[test]
    fn surer_kinds_win() {
        let forecast = obs("2024", 60e9, Kind::Forecast, 1);
        let estimate = obs("2024", 50e9, Kind::Estimate, 2);
        let picked = headline(&[&forecast, &estimate]).expect("one");
        assert_eq!(picked.value, 50e9);
    }

    #[test]
    fn agreement_beats_a_lone_figure() {
        // TikTok Shop 2023 in the sample: 11.09B from one source, 20B from two.
        let a = obs("2023", 11.09e9, Kind::Estimate, 1);
        let b = obs("2023", 20e9, Kind::Estimate, 2);
        let c = obs("2023", 20e9, Kind::Estimate, 3);
        assert_eq!(headline(&[&a, &b, &c]).expect("one").value, 20e9);
    }

    #[test]
    fn exact_then_latest_then_lowest_id() {
        let mut worded = obs("2023", 18e9, Kind::Estimate, 1);
        worded.qualifier = Qualifier::About;
        let exact = obs("2023", 19e9, Kind::Estimate, 2);
        assert_eq!(headline(&[&worded, &exact]).expect("one").source.id, 2);

        let mut old = obs("2023", 18e9, Kind::Estimate, 3);
        old.source.published = chrono::NaiveDate::from_ymd_opt(2024, 1, 1);
        let mut new = obs("2023", 19e9, Kind::Estimate, 4);
        new.source.published = chrono::NaiveDate::from_ymd_opt(2025, 1, 1);
        let undated = obs("2023", 17e9, Kind::Estimate, 5);
        assert_eq!(headline(&[&old, &undated, &new]).expect("one").source.id, 4);
        assert_eq!(headline(&[]).map(|o| o.value), None);
    }
}
