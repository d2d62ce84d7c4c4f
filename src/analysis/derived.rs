//! A derived figure and its provenance: the value, the weakest kind among its inputs, every
//! input's source id and a text saying how it was made ("yoy of gmv"), shared by the transforms,
//! frequency conversion, formulas and currency conversion.

use chrono::{Days, Months, NaiveDate};

use crate::model::{Grain, Kind, Observation, Period};

/// One figure of a series, stored or derived. A derived figure keeps every input's source so the
/// chart can cite it, and the weakest kind: an estimate combined with an actual is an estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: Period,
    pub value: f64,
    pub kind: Kind,
    /// Source ids of every input figure, sorted, each once.
    pub sources: Vec<i64>,
    /// How the figure was made ("yoy of gmv"); empty for a stored figure.
    pub derived: String,
}

impl Point {
    /// A stored figure as a point of its own.
    pub fn stored(period: Period, value: f64, kind: Kind, source_id: i64) -> Self {
        Self {
            period,
            value,
            kind,
            sources: vec![source_id],
            derived: String::new(),
        }
    }

    pub fn from_observation(observation: &Observation) -> Self {
        Self::stored(
            observation.period,
            observation.value,
            observation.kind,
            observation.source.id,
        )
    }

    /// A figure made from `inputs`: their sources merged and their weakest kind.
    pub fn combine(period: Period, value: f64, inputs: &[&Point], derived: &str) -> Self {
        let (kind, sources) = provenance(inputs);
        Self {
            period,
            value,
            kind,
            sources,
            derived: derived.to_string(),
        }
    }
}

/// The weakest kind (Actual < Estimate < Forecast) and the union of the inputs' source ids.
pub fn provenance(inputs: &[&Point]) -> (Kind, Vec<i64>) {
    let kind = inputs.iter().map(|p| p.kind).max().unwrap_or(Kind::Actual);
    let mut sources: Vec<i64> = inputs
        .iter()
        .flat_map(|p| p.sources.iter().copied())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    (kind, sources)
}

/// The period just before `period` in its own grain, `None` at the calendar's edge.
pub fn previous_period(period: &Period) -> Option<Period> {
    match period.grain {
        Grain::Minute | Grain::Hour => {
            let minutes = i64::from(period.grain.fixed_minutes()?);
            Period::from_instant(period.start_instant() - minutes * 60, period.grain)
        }
        Grain::Day => period.start.pred_opt().map(Period::day),
        Grain::Week => period
            .start
            .checked_sub_days(Days::new(7))
            .map(|start| Period::new(start, Grain::Week)),
        grain => {
            let months = grain.months()?;
            period
                .start
                .checked_sub_months(Months::new(months))
                .map(|start| Period::new(start, grain))
        }
    }
}

/// The period just after `period` in its own grain, `None` at the calendar's edge.
pub fn next_period(period: &Period) -> Option<Period> {
    match period.grain {
        Grain::Minute | Grain::Hour => Period::from_instant(period.end_instant(), period.grain),
        grain => {
            let start = period.end();
            (start != NaiveDate::MAX).then(|| Period::new(start, grain))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weakest_kind_and_every_source() {
        let q = Period::quarter(2025, 1).expect("period");
        let actual = Point::stored(q, 1.0, Kind::Actual, 7);
        let estimate = Point::stored(q, 2.0, Kind::Estimate, 3);
        let both = Point::combine(q, 3.0, &[&actual, &estimate, &actual], "sum");
        assert_eq!(both.kind, Kind::Estimate);
        assert_eq!(both.sources, vec![3, 7]);
    }

    #[test]
    fn previous_periods_in_each_grain() {
        let q1 = Period::quarter(2025, 1).expect("period");
        assert_eq!(previous_period(&q1), Period::quarter(2024, 4));
        let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).expect("date");
        let hour = Period::at(day, 0, Grain::Hour);
        let before = previous_period(&hour).expect("an hour before");
        assert_eq!(
            before.start,
            chrono::NaiveDate::from_ymd_opt(2025, 2, 28).expect("date")
        );
        assert_eq!(before.minute, 23 * 60);
        assert_eq!(next_period(&before), Some(hour));
        assert_eq!(next_period(&q1), Period::quarter(2025, 2));
    }
}
