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

/// Why a figure heads its period: the first rule of [`headline`] that sets it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadlineReason {
    Only,
    EverySource,
    SurestKind,
    MostAgree,
    Exact,
    Latest,
}

impl HeadlineReason {
    /// In words for an English tooltip ("most sources agree on it").
    pub fn as_str(self) -> &'static str {
        match self {
            HeadlineReason::Only => "the only figure",
            HeadlineReason::EverySource => "every source gives it",
            HeadlineReason::SurestKind => "the surest kind",
            HeadlineReason::MostAgree => "most sources agree on it",
            HeadlineReason::Exact => "an exact figure, not a worded one",
            HeadlineReason::Latest => "the latest publication",
        }
    }
}

/// Why `chosen` heads its period among `candidates`: the first rule of [`headline`] that sets it
/// apart from every other candidate.
pub fn headline_reason(candidates: &[&Observation], chosen: &Observation) -> HeadlineReason {
    let agreeing = |o: &Observation| {
        candidates
            .iter()
            .filter(|c| c.kind == o.kind && c.value == o.value)
            .count()
    };
    // Sources that give the same figure back it up; the others are its rivals.
    let rivals: Vec<&&Observation> = candidates
        .iter()
        .filter(|c| !(c.kind == chosen.kind && c.value == chosen.value))
        .collect();
    let surer = |o: &Observation| kind_rank(o.kind) > kind_rank(chosen.kind);
    let more_agreed = |o: &Observation| surer(o) || agreeing(o) < agreeing(chosen);
    if candidates.len() < 2 {
        HeadlineReason::Only
    } else if rivals.is_empty() {
        HeadlineReason::EverySource
    } else if rivals.iter().all(|o| surer(o)) {
        HeadlineReason::SurestKind
    } else if rivals.iter().all(|o| more_agreed(o)) {
        HeadlineReason::MostAgree
    } else if chosen.qualifier == Qualifier::None
        && rivals
            .iter()
            .all(|o| more_agreed(o) || o.qualifier != Qualifier::None)
    {
        HeadlineReason::Exact
    } else {
        HeadlineReason::Latest
    }
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
    fn the_reason_names_the_rule_that_decided() {
        let forecast = obs("2024", 60e9, Kind::Forecast, 1);
        let estimate = obs("2024", 50e9, Kind::Estimate, 2);
        let all = [&forecast, &estimate];
        let head = headline(&all).expect("one");
        assert_eq!(headline_reason(&all, head).as_str(), "the surest kind");
        let a = obs("2023", 11.09e9, Kind::Estimate, 1);
        let b = obs("2023", 20e9, Kind::Estimate, 2);
        let c = obs("2023", 20e9, Kind::Estimate, 3);
        let all = [&a, &b, &c];
        let head = headline(&all).expect("one");
        assert_eq!(
            headline_reason(&all, head).as_str(),
            "most sources agree on it"
        );
        let d = obs("2022", 5e9, Kind::Estimate, 4);
        let e = obs("2022", 6e9, Kind::Estimate, 5);
        let all = [&d, &e];
        let head = headline(&all).expect("one");
        assert_eq!(
            headline_reason(&all, head).as_str(),
            "the latest publication"
        );
        assert_eq!(headline_reason(&[&d], &d).as_str(), "the only figure");
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
