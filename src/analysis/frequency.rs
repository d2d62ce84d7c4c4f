//! Conversion of a series to a coarser grain (year, half, quarter, month, week, day) by the
//! metric's aggregate: flows summed, stocks taken at the period's end, rates averaged.
//!
//! Processing order, as FRED does it: **aggregate first** (this module), **then transform**
//! (`transform`: YoY, CAGR, index...), **then formula** (`formula`). A YoY of a yearly sum is not
//! the sum of quarterly YoYs, so the order is fixed and documented rather than left to the caller.
//!
//! A target period is built only from a complete set of parts. When none is complete it is not
//! drawn: the result says which parts were missing, so the chart can say so.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};

use super::derived::{Point, next_period};
use crate::model::{Aggregate, Grain, Period};

/// One period of the converted series: a figure, or the parts that are missing for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Bucket {
    Value(Point),
    Incomplete {
        period: Period,
        missing: Vec<Period>,
    },
}

/// Why a conversion is refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrequencyError {
    #[error(
        "weeks do not nest in {0}s: a week can straddle two of them; convert weeks to weeks, or use days"
    )]
    WeeksDoNotNest(Grain),
    #[error("{period} is a {grain} figure: it cannot be split into {target}s")]
    Coarser {
        period: String,
        grain: Grain,
        target: Grain,
    },
    #[error(
        "{0} does not start where its calendar period starts (a fiscal period?): it does not nest in calendar periods"
    )]
    NotCalendar(String),
    #[error("{0} is listed twice: which figure to use would be a guess")]
    Duplicate(String),
    #[error("a series converts to a year, half, quarter, month, week or day, not to a {0}")]
    BadTarget(Grain),
}

/// Converts `points` (any mix of grains no coarser than `target`) to `target` by `aggregate`.
/// With mixed grains the finest complete set of parts is used, never two grains at once, so
/// nothing is counted twice. Results are sorted by period.
pub fn to_grain(
    points: &[Point],
    target: Grain,
    aggregate: Aggregate,
    metric: &str,
) -> Result<Vec<Bucket>, FrequencyError> {
    if matches!(target, Grain::Minute | Grain::Hour) {
        return Err(FrequencyError::BadTarget(target));
    }
    let mut by_period: HashMap<Period, &Point> = HashMap::new();
    let mut targets: Vec<Period> = Vec::new();
    for p in points {
        check_part(&p.period, target)?;
        if by_period.insert(p.period, p).is_some() {
            return Err(FrequencyError::Duplicate(p.period.label()));
        }
        targets.push(containing(p.period.start, target));
    }
    targets.sort();
    targets.dedup();
    let mut grains: Vec<Grain> = points.iter().map(|p| p.period.grain).collect();
    grains.sort();
    grains.dedup();
    let derived = format!("{} of {metric} by {}", aggregate.as_str(), target.as_str());
    Ok(targets
        .into_iter()
        .map(|t| bucket(t, &grains, &by_period, aggregate, &derived))
        .collect())
}

/// A part must be calendar aligned, no coarser than the target, and nest in it.
fn check_part(period: &Period, target: Grain) -> Result<(), FrequencyError> {
    if period.grain > target {
        return Err(FrequencyError::Coarser {
            period: period.label(),
            grain: period.grain,
            target,
        });
    }
    if period.grain == Grain::Week && target != Grain::Week {
        return Err(FrequencyError::WeeksDoNotNest(target));
    }
    if !period.is_calendar_aligned() {
        return Err(FrequencyError::NotCalendar(period.label()));
    }
    Ok(())
}

/// The calendar period of `grain` that contains `date`.
fn containing(date: NaiveDate, grain: Grain) -> Period {
    let first_of =
        |month0: u32| NaiveDate::from_ymd_opt(date.year(), month0 + 1, 1).unwrap_or(date);
    match grain {
        Grain::Week => {
            let back = u64::from(date.weekday().num_days_from_monday());
            Period::new(
                date.checked_sub_days(Days::new(back)).unwrap_or(date),
                grain,
            )
        }
        Grain::Month | Grain::Quarter | Grain::Half | Grain::Year => {
            let months = grain.months().unwrap_or(1);
            Period::new(first_of(date.month0() / months * months), grain)
        }
        _ => Period::day(date),
    }
}

/// The parts of `grain` that make up `target`, in order.
fn parts(target: &Period, grain: Grain) -> Vec<Period> {
    let end = target.end_instant();
    let mut out = Vec::new();
    let mut part = Some(Period::at(target.start, 0, grain));
    while let Some(p) = part.filter(|p| p.start_instant() < end) {
        out.push(p);
        part = next_period(&p);
    }
    out
}

/// The target's figure from the finest grain whose parts are all present (for a stock, whose
/// last part is present: its value at the period's end is that part's), else what is missing.
fn bucket(
    target: Period,
    grains: &[Grain],
    by_period: &HashMap<Period, &Point>,
    aggregate: Aggregate,
    derived: &str,
) -> Bucket {
    let mut fewest_missing: Option<Vec<Period>> = None;
    for &grain in grains {
        let mut needed = parts(&target, grain);
        if aggregate == Aggregate::Last {
            needed = needed.split_off(needed.len().saturating_sub(1));
        }
        let (present, missing): (Vec<Period>, Vec<Period>) =
            needed.into_iter().partition(|p| by_period.contains_key(p));
        if missing.is_empty() {
            let inputs: Vec<&Point> = present
                .iter()
                .filter_map(|p| by_period.get(p).copied())
                .collect();
            return Bucket::Value(Point::combine(
                target,
                combine(&inputs, aggregate),
                &inputs,
                derived,
            ));
        }
        if fewest_missing
            .as_ref()
            .is_none_or(|m| missing.len() < m.len())
        {
            fewest_missing = Some(missing);
        }
    }
    Bucket::Incomplete {
        period: target,
        missing: fewest_missing.unwrap_or_default(),
    }
}

/// Sum, last, or the mean weighted by each part's length (months differ in days).
fn combine(inputs: &[&Point], aggregate: Aggregate) -> f64 {
    match aggregate {
        Aggregate::Sum => inputs.iter().map(|p| p.value).sum(),
        Aggregate::Last => inputs.last().map_or(f64::NAN, |p| p.value),
        Aggregate::Mean => {
            let weight = |p: &Point| (p.period.end_instant() - p.period.start_instant()) as f64;
            let total: f64 = inputs.iter().map(|p| weight(p)).sum();
            inputs.iter().map(|p| p.value * weight(p)).sum::<f64>() / total
        }
    }
}

/// The periods listed in `buckets` that could not be built, for the chart's note.
pub fn incomplete_note(buckets: &[Bucket]) -> Option<String> {
    let notes: Vec<String> = buckets
        .iter()
        .filter_map(|b| match b {
            Bucket::Incomplete { period, missing } => {
                let names: HashSet<String> = missing.iter().map(Period::label).collect();
                let mut names: Vec<String> = names.into_iter().collect();
                names.sort();
                Some(format!(
                    "{} not drawn: {} missing",
                    period.label(),
                    names.join(", ")
                ))
            }
            Bucket::Value(_) => None,
        })
        .collect();
    (!notes.is_empty()).then(|| notes.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn q(year: i32, quarter: u32, value: f64, kind: Kind) -> Point {
        let period = Period::quarter(year, quarter).expect("quarter");
        Point::stored(
            period,
            value,
            kind,
            i64::from(year) * 10 + i64::from(quarter),
        )
    }

    fn m(year: i32, month: u32, value: f64) -> Point {
        Point::stored(
            Period::month(year, month).expect("month"),
            value,
            Kind::Actual,
            1,
        )
    }

    #[test]
    fn an_incomplete_year_is_refused_and_names_the_missing_quarter() {
        let points = [
            q(2024, 1, 10.0, Kind::Actual),
            q(2024, 2, 20.0, Kind::Actual),
            q(2024, 3, 30.0, Kind::Estimate),
            q(2024, 4, 40.0, Kind::Actual),
            q(2025, 1, 15.0, Kind::Actual),
            q(2025, 2, 25.0, Kind::Actual),
            q(2025, 4, 45.0, Kind::Actual),
        ];
        let years = to_grain(&points, Grain::Year, Aggregate::Sum, "gmv").expect("converts");
        assert_eq!(years.len(), 2);
        let Bucket::Value(y2024) = &years[0] else {
            panic!("2024 is complete: {:?}", years[0]);
        };
        assert_eq!(y2024.value, 100.0);
        assert_eq!(y2024.kind, Kind::Estimate, "Q3 was an estimate");
        assert_eq!(y2024.sources, vec![20241, 20242, 20243, 20244]);
        assert_eq!(
            years[1],
            Bucket::Incomplete {
                period: Period::year(2025).expect("year"),
                missing: vec![Period::quarter(2025, 3).expect("q")],
            }
        );
        assert_eq!(
            incomplete_note(&years).as_deref(),
            Some("2025 not drawn: Q3 2025 missing")
        );
    }

    #[test]
    fn the_finest_complete_set_is_used_never_both() {
        // 2024 has all months (sum 78) and also two quarters: the months are used, alone.
        let mut points: Vec<Point> = (1..=12)
            .map(|month| m(2024, month, f64::from(month)))
            .collect();
        points.push(q(2024, 1, 999.0, Kind::Actual));
        points.push(q(2024, 2, 999.0, Kind::Actual));
        let years = to_grain(&points, Grain::Year, Aggregate::Sum, "gmv").expect("converts");
        let Bucket::Value(year) = &years[0] else {
            panic!("complete in months");
        };
        assert_eq!(year.value, 78.0);
        // With one month missing, the quarters are not complete either: nothing is drawn.
        points.remove(4);
        let years = to_grain(&points, Grain::Year, Aggregate::Sum, "gmv").expect("converts");
        let Bucket::Incomplete { missing, .. } = &years[0] else {
            panic!("incomplete");
        };
        assert_eq!(missing, &vec![Period::month(2024, 5).expect("m")]);
    }

    #[test]
    fn stocks_take_the_last_part_and_rates_the_weighted_mean() {
        let points = [m(2024, 1, 3.0), m(2024, 2, 6.0), m(2024, 3, 9.0)];
        let last = to_grain(&points, Grain::Quarter, Aggregate::Last, "sellers").expect("ok");
        assert!(matches!(&last[0], Bucket::Value(p) if p.value == 9.0));
        let mean = to_grain(&points, Grain::Quarter, Aggregate::Mean, "take rate").expect("ok");
        // 2024 is a leap year: 31, 29 and 31 days.
        let expected = (3.0 * 31.0 + 6.0 * 29.0 + 9.0 * 31.0) / 91.0;
        assert!(matches!(&mean[0], Bucket::Value(p) if (p.value - expected).abs() < 1e-12));
    }

    #[test]
    fn weeks_into_months_are_refused_days_into_weeks_are_summed() {
        let week = Point::stored(
            Period::iso_week(2025, 10).expect("week"),
            7.0,
            Kind::Actual,
            1,
        );
        assert_eq!(
            to_grain(&[week], Grain::Month, Aggregate::Sum, "gmv"),
            Err(FrequencyError::WeeksDoNotNest(Grain::Month))
        );
        let monday = NaiveDate::from_ymd_opt(2025, 3, 3).expect("date");
        let days: Vec<Point> = (0..7)
            .map(|i| {
                Point::stored(
                    Period::day(monday + chrono::Duration::days(i)),
                    1.0,
                    Kind::Actual,
                    1,
                )
            })
            .collect();
        let weeks = to_grain(&days, Grain::Week, Aggregate::Sum, "gmv").expect("ok");
        assert!(
            matches!(&weeks[..], [Bucket::Value(p)] if p.value == 7.0 && p.period.start == monday)
        );
        let year = Point::stored(Period::year(2025).expect("y"), 1.0, Kind::Actual, 1);
        assert!(matches!(
            to_grain(&[year], Grain::Quarter, Aggregate::Sum, "gmv"),
            Err(FrequencyError::Coarser { .. })
        ));
    }
}
