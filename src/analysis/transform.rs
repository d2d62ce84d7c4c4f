//! Transforms of one series: level, change, % change on the previous period, YoY % at any grain,
//! compounded annual rate, index to 100 at a date, cumulative and share of total. Each output
//! figure carries its inputs' sources and weakest kind; a period whose inputs are missing has no
//! figure (it is absent, never zero).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::derived::{Point, previous_period};
use super::measure::{cagr_pct, years_between};
use crate::model::Period;

/// Why a transform cannot be computed at all (a missing single figure is just absent instead).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TransformError {
    #[error("no figure covers {0}: the index needs a base figure there")]
    NoBase(NaiveDate),
    #[error("the base figure for {0} is zero: an index to 100 cannot start from zero")]
    ZeroBase(String),
    #[error("{0} is listed twice in one series")]
    Duplicate(String),
    #[error("{0} has no {1} figure to compare with")]
    Missing(String, &'static str),
}

/// The series as it is, marked as the level of `metric`.
pub fn level(points: &[Point], metric: &str) -> Vec<Point> {
    points
        .iter()
        .map(|p| Point::combine(p.period, p.value, &[p], &format!("level of {metric}")))
        .collect()
}

/// Each figure minus the figure of the period just before; the first figure and any figure after
/// a gap have none.
pub fn change(points: &[Point], metric: &str) -> Vec<Point> {
    against_previous(points, &format!("change of {metric}"), |from, to| {
        Some(to - from)
    })
}

/// Percent change on the period just before.
pub fn pct_change(points: &[Point], metric: &str) -> Vec<Point> {
    against_previous(points, &format!("% change of {metric}"), |from, to| {
        super::measure::change_pct(from, to)
    })
}

fn against_previous(
    points: &[Point],
    derived: &str,
    combine: impl Fn(f64, f64) -> Option<f64>,
) -> Vec<Point> {
    let by_period = index_by_period(points);
    points
        .iter()
        .filter_map(|p| {
            let before = by_period.get(&previous_period(&p.period)?)?;
            let value = combine(before.value, p.value)?;
            Some(Point::combine(p.period, value, &[before, p], derived))
        })
        .collect()
}

/// Year-on-year %: each figure against the same period a year earlier, at any grain (a quarter
/// against that quarter a year ago, an hour against the same hour of the same day a year ago).
pub fn yoy_pct(points: &[Point], metric: &str) -> Vec<Point> {
    let by_period = index_by_period(points);
    let derived = format!("yoy of {metric}");
    points
        .iter()
        .filter_map(|p| {
            let before = by_period.get(&p.period.year_before()?)?;
            let value = super::measure::change_pct(before.value, p.value)?;
            Some(Point::combine(p.period, value, &[before, p], &derived))
        })
        .collect()
}

/// The compounded annual rate in % between the figures of `from` and `to` (periods of the series).
pub fn cagr(
    points: &[Point],
    from: &Period,
    to: &Period,
    metric: &str,
) -> Result<Option<Point>, TransformError> {
    let by_period = index_by_period(points);
    let first = by_period
        .get(from)
        .ok_or_else(|| TransformError::Missing(from.label(), "start"))?;
    let last = by_period
        .get(to)
        .ok_or_else(|| TransformError::Missing(to.label(), "end"))?;
    let years = years_between(from, to);
    Ok(cagr_pct(first.value, last.value, years).map(|value| {
        let derived = format!("cagr of {metric} {}–{}", from.label(), to.label());
        Point::combine(*to, value, &[first, last], &derived)
    }))
}

/// Every figure as an index: 100 at the figure whose period contains `base_date`.
pub fn index_to_100(
    points: &[Point],
    base_date: NaiveDate,
    metric: &str,
) -> Result<Vec<Point>, TransformError> {
    let base = points
        .iter()
        .find(|p| p.period.start <= base_date && base_date < p.period.end())
        .ok_or(TransformError::NoBase(base_date))?;
    if base.value == 0.0 {
        return Err(TransformError::ZeroBase(base.period.label()));
    }
    let derived = format!("index of {metric}, {} = 100", base.period.label());
    Ok(points
        .iter()
        .map(|p| Point::combine(p.period, p.value / base.value * 100.0, &[base, p], &derived))
        .collect())
}

/// The running total from the first figure. After a gap the total is unknown, so it stops there:
/// a figure summed over missing periods would be too low and look right.
pub fn cumulative(points: &[Point], metric: &str) -> Vec<Point> {
    let derived = format!("cumulative {metric}");
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        let next = match out.last() {
            None => Point::combine(p.period, p.value, &[p], &derived),
            Some(total) if previous_period(&p.period) == Some(total.period) => {
                Point::combine(p.period, total.value + p.value, &[total, p], &derived)
            }
            Some(_) => break,
        };
        out.push(next);
    }
    out
}

/// What a share is a share of.
pub enum ShareOf<'a> {
    /// The sum of the series shown: a period missing from any of them has no share.
    Shown,
    /// A named aggregate series (e.g. the market's cross-border GMV) and its name.
    Aggregate(&'a [Point], &'a str),
}

/// Each series' share in % of the total, per period. Returns one vector per input series.
pub fn share_of_total(series: &[(&str, &[Point])], of: &ShareOf) -> Vec<Vec<Point>> {
    let maps: Vec<HashMap<Period, &Point>> =
        series.iter().map(|(_, s)| index_by_period(s)).collect();
    let (total_name, totals): (String, HashMap<Period, Point>) = match of {
        ShareOf::Aggregate(total, name) => (
            name.to_string(),
            total.iter().map(|p| (p.period, p.clone())).collect(),
        ),
        ShareOf::Shown => ("the platforms shown".to_string(), shown_totals(&maps)),
    };
    series
        .iter()
        .map(|(name, points)| {
            let derived = format!("share of {total_name}: {name}");
            points
                .iter()
                .filter_map(|p| {
                    let total = totals.get(&p.period)?;
                    (total.value != 0.0).then(|| {
                        Point::combine(
                            p.period,
                            p.value / total.value * 100.0,
                            &[p, total],
                            &derived,
                        )
                    })
                })
                .collect()
        })
        .collect()
}

/// The sum per period over every series, only where every series has a figure.
fn shown_totals(maps: &[HashMap<Period, &Point>]) -> HashMap<Period, Point> {
    let Some(first) = maps.first() else {
        return HashMap::new();
    };
    first
        .keys()
        .filter_map(|period| {
            let inputs: Option<Vec<&Point>> = maps.iter().map(|m| m.get(period).copied()).collect();
            let inputs = inputs?;
            let sum = inputs.iter().map(|p| p.value).sum();
            Some((*period, Point::combine(*period, sum, &inputs, "total")))
        })
        .collect()
}

/// Refuses a series that lists one period twice: which figure to use would be a guess.
pub fn check_unique(points: &[Point]) -> Result<(), TransformError> {
    let mut seen = std::collections::HashSet::new();
    for p in points {
        if !seen.insert(p.period) {
            return Err(TransformError::Duplicate(p.period.label()));
        }
    }
    Ok(())
}

fn index_by_period(points: &[Point]) -> HashMap<Period, &Point> {
    points.iter().map(|p| (p.period, p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Grain, Kind};
    use proptest::prelude::*;

    fn q(year: i32, quarter: u32, value: f64, source: i64) -> Point {
        Point::stored(
            Period::quarter(year, quarter).expect("quarter"),
            value,
            Kind::Actual,
            source,
        )
    }

    fn y(year: i32, value: f64, kind: Kind, source: i64) -> Point {
        Point::stored(Period::year(year).expect("year"), value, kind, source)
    }

    #[test]
    fn yoy_across_a_missing_year_has_no_figure() {
        let series = [
            y(2020, 100.0, Kind::Actual, 1),
            y(2022, 150.0, Kind::Actual, 2),
            y(2023, 180.0, Kind::Estimate, 3),
        ];
        let yoy = yoy_pct(&series, "gmv");
        assert_eq!(yoy.len(), 1, "2022 has no 2021 to compare with: {yoy:?}");
        assert_eq!(yoy[0].period, Period::year(2023).expect("year"));
        assert!((yoy[0].value - 20.0).abs() < 1e-9, "180/150 = +20%");
        assert_eq!(yoy[0].kind, Kind::Estimate);
        assert_eq!(yoy[0].sources, vec![2, 3]);
        assert_eq!(yoy[0].derived, "yoy of gmv");
    }

    #[test]
    fn a_quarter_against_the_same_quarter_a_year_earlier() {
        let series = [
            q(2024, 3, 40.0, 1),
            q(2024, 4, 50.0, 1),
            q(2025, 1, 45.0, 2),
            q(2025, 2, 48.0, 2),
            q(2025, 3, 60.0, 2),
        ];
        let yoy = yoy_pct(&series, "gmv");
        assert_eq!(yoy.len(), 1);
        assert_eq!(yoy[0].period, Period::quarter(2025, 3).expect("q"));
        assert!((yoy[0].value - 50.0).abs() < 1e-9, "60 against 40 = +50%");
        let qoq = pct_change(&series, "gmv");
        assert_eq!(qoq.len(), 4);
        assert!((qoq[0].value - 25.0).abs() < 1e-9, "50 against 40");
        assert!((qoq[1].value + 10.0).abs() < 1e-9, "45 against 50");
        let diff = change(&series, "gmv");
        assert!((diff[3].value - 12.0).abs() < 1e-9, "60 - 48");
    }

    #[test]
    fn an_hour_against_the_same_hour_a_year_earlier() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let hour = |date, h: u16, v| {
            Point::stored(Period::at(date, h * 60, Grain::Hour), v, Kind::Actual, 1)
        };
        let series = [
            hour(d(2024, 11, 11), 14, 80.0),
            hour(d(2024, 11, 11), 15, 90.0),
            hour(d(2025, 11, 11), 14, 100.0),
        ];
        let yoy = yoy_pct(&series, "gmv");
        assert_eq!(yoy.len(), 1);
        assert!(
            (yoy[0].value - 25.0).abs() < 1e-9,
            "100 against 80 at 14:00"
        );
    }

    #[test]
    fn cagr_over_two_and_a_half_years() {
        // H1 2023 to H2 2025 is 2.5 years; 100 -> 200: 2^(1/2.5) - 1 = 31.95%.
        let h = |year, half, v| {
            Point::stored(
                Period::half(year, half).expect("half"),
                v,
                Kind::Actual,
                year as i64,
            )
        };
        let series = [h(2023, 1, 100.0), h(2024, 1, 150.0), h(2025, 2, 200.0)];
        let from = Period::half(2023, 1).expect("h");
        let to = Period::half(2025, 2).expect("h");
        let rate = cagr(&series, &from, &to, "gmv")
            .expect("both ends")
            .expect("a rate");
        let expected = (2.0_f64.powf(1.0 / 2.5) - 1.0) * 100.0;
        assert!(
            (rate.value - expected).abs() < 1e-9,
            "{} vs {expected}",
            rate.value
        );
        assert!((rate.value - 31.95).abs() < 0.01);
        assert_eq!(rate.sources, vec![2023, 2025]);
        let missing = Period::half(2022, 1).expect("h");
        assert!(cagr(&series, &missing, &to, "gmv").is_err());
    }

    #[test]
    fn index_to_100_at_a_date() {
        let series = [
            q(2024, 1, 50.0, 1),
            q(2024, 2, 80.0, 2),
            q(2024, 3, 120.0, 3),
        ];
        let base = NaiveDate::from_ymd_opt(2024, 5, 15).expect("date");
        let index = index_to_100(&series, base, "gmv").expect("base in Q2");
        let values: Vec<f64> = index.iter().map(|p| p.value).collect();
        assert_eq!(values, vec![62.5, 100.0, 150.0]);
        assert_eq!(
            index[2].sources,
            vec![2, 3],
            "the base's source and the figure's"
        );
        let too_early = NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
        assert_eq!(
            index_to_100(&series, too_early, "gmv"),
            Err(TransformError::NoBase(too_early))
        );
    }

    #[test]
    fn share_of_the_shown_and_of_a_named_aggregate() {
        let temu = [
            y(2024, 30.0, Kind::Estimate, 1),
            y(2025, 60.0, Kind::Actual, 1),
        ];
        let shein = [y(2024, 70.0, Kind::Actual, 2)];
        let shares = share_of_total(&[("temu", &temu), ("shein", &shein)], &ShareOf::Shown);
        assert_eq!(shares[0].len(), 1, "2025 lacks SHEIN: no share");
        assert!((shares[0][0].value - 30.0).abs() < 1e-9);
        assert_eq!(shares[0][0].kind, Kind::Estimate);
        assert_eq!(shares[0][0].sources, vec![1, 2]);
        assert!((shares[1][0].value - 70.0).abs() < 1e-9);
        let market = [
            y(2024, 300.0, Kind::Actual, 9),
            y(2025, 400.0, Kind::Actual, 9),
        ];
        let of_market = share_of_total(
            &[("temu", &temu)],
            &ShareOf::Aggregate(&market, "cross-border"),
        );
        let values: Vec<f64> = of_market[0].iter().map(|p| p.value).collect();
        assert_eq!(values, vec![10.0, 15.0]);
        assert_eq!(of_market[0][1].derived, "share of cross-border: temu");
    }

    #[test]
    fn cumulative_stops_at_a_gap_and_duplicates_are_refused() {
        let series = [q(2024, 1, 1.0, 1), q(2024, 2, 2.0, 1), q(2024, 4, 4.0, 1)];
        let total = cumulative(&series, "gmv");
        assert_eq!(
            total.iter().map(|p| p.value).collect::<Vec<_>>(),
            vec![1.0, 3.0]
        );
        assert!(check_unique(&[q(2024, 1, 1.0, 1), q(2024, 1, 2.0, 2)]).is_err());
    }

    proptest! {
        #[test]
        fn cumulative_differenced_gives_back_the_levels(
            values in proptest::collection::vec(-1e6f64..1e6, 1..40),
            start_year in 1990i32..2030,
        ) {
            let series: Vec<Point> = values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let quarter = Period::quarter(start_year + (i / 4) as i32, (i % 4) as u32 + 1)
                        .expect("quarter");
                    Point::stored(quarter, *v, Kind::Actual, i as i64)
                })
                .collect();
            let total = cumulative(&series, "gmv");
            prop_assert_eq!(total.len(), series.len());
            prop_assert!((total[0].value - values[0]).abs() < 1e-6);
            let diffs = change(&total, "cumulative gmv");
            for (diff, level) in diffs.iter().zip(&values[1..]) {
                prop_assert!((diff.value - level).abs() < 1e-6 * (1.0 + level.abs()));
            }
            prop_assert_eq!(diffs.len(), values.len() - 1);
        }
    }
}
