//! Currency conversion of figures to a display currency with the average rate of each figure's
//! own period (a yearly rate for a yearly figure; for a quarter the quarter's rate, else the
//! year's, saying which). Rates are `fx_rate` series in "X per USD", one per currency; CNY to EUR
//! goes through USD. A figure with no rate is left out, with a sentence the chart can show.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use super::derived::Point;
use crate::model::{Currency, Grain, Period};

/// The `fx_rate` series by currency: each point is units of that currency per USD.
#[derive(Debug, Clone, Default)]
pub struct Rates {
    per_usd: HashMap<Currency, HashMap<Period, Point>>,
}

/// A rate used for one figure, and whether it is the period's own or the year's containing it.
#[derive(Debug, Clone, PartialEq)]
pub struct RateUsed {
    pub currency: Currency,
    pub rate: Point,
    /// `Some("the 2024 rate for Q3 2024")` when the period had no rate of its own.
    pub fallback: Option<String>,
}

/// A converted figure: the new figure (sources and kind of the original and of its rates), the
/// original, and each rate used.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertedPoint {
    pub point: Point,
    pub original: Point,
    pub rates: Vec<RateUsed>,
}

/// A figure that could not be converted, and the rate that was missing.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    pub original: Point,
    pub missing: Currency,
    /// The year whose rate (and the period's own) was missing.
    pub year: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conversion {
    pub points: Vec<ConvertedPoint>,
    pub left_out: Vec<LeftOut>,
}

impl Rates {
    /// Adds the series of `currency` per USD. Rates that are not positive are not kept: dividing
    /// by them would draw an infinite or negative figure, so such a figure is left out instead.
    pub fn insert(&mut self, currency: Currency, series: &[Point]) {
        let table = self.per_usd.entry(currency).or_default();
        for p in series
            .iter()
            .filter(|p| p.value.is_finite() && p.value > 0.0)
        {
            table.insert(p.period, p.clone());
        }
    }

    /// The currencies there are rates for, and USD (which needs none), in code order.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut out: Vec<Currency> = self.per_usd.keys().copied().collect();
        out.push(Currency::USD);
        out.sort();
        out.dedup();
        out
    }

    /// The rate of `currency` per USD for `period`: its own, else the calendar year's that holds it.
    pub fn lookup(&self, currency: Currency, period: &Period) -> Option<RateUsed> {
        let table = self.per_usd.get(&currency)?;
        if let Some(rate) = table.get(period) {
            return Some(RateUsed {
                currency,
                rate: rate.clone(),
                fallback: None,
            });
        }
        let year = containing_year(period)?;
        table.get(&year).map(|rate| RateUsed {
            currency,
            rate: rate.clone(),
            fallback: Some(format!("the {} rate for {}", year.label(), period.label())),
        })
    }
}

/// The calendar year a shorter period lies in, `None` for a year or a period across two years.
fn containing_year(period: &Period) -> Option<Period> {
    if period.grain == Grain::Year {
        return None;
    }
    let year = Period::year(period.start.year())?;
    (period.end_instant() <= year.end_instant()).then_some(year)
}

/// Converts `points` in `from` to `to`, each with its period's rates.
pub fn convert(points: &[Point], from: Currency, to: Currency, rates: &Rates) -> Conversion {
    let mut out = Conversion::default();
    let derived = format!("{from} in {to}");
    for p in points {
        let mut used = Vec::new();
        let mut missing = None;
        let mut value_usd = p.value;
        if from != Currency::USD {
            match rates.lookup(from, &p.period) {
                Some(rate) => {
                    value_usd = p.value / rate.rate.value;
                    used.push(rate);
                }
                None => missing = Some(from),
            }
        }
        let mut value = value_usd;
        if to != Currency::USD && missing.is_none() {
            match rates.lookup(to, &p.period) {
                Some(rate) => {
                    value = value_usd * rate.rate.value;
                    used.push(rate);
                }
                None => missing = Some(to),
            }
        }
        if let Some(currency) = missing {
            out.left_out.push(LeftOut {
                original: p.clone(),
                missing: currency,
                year: containing_year(&p.period).unwrap_or(p.period).label(),
            });
            continue;
        }
        let mut inputs: Vec<&Point> = vec![p];
        inputs.extend(used.iter().map(|r| &r.rate));
        out.points.push(ConvertedPoint {
            point: Point::combine(p.period, value, &inputs, &derived),
            original: p.clone(),
            rates: used,
        });
    }
    out
}

impl Conversion {
    /// One sentence per missing currency: "3 figures in CNY not converted: no CNY rate for 2019".
    pub fn left_out_notes(&self, from: Currency) -> Vec<String> {
        let mut by_currency: BTreeMap<Currency, (usize, Vec<String>)> = BTreeMap::new();
        for left in &self.left_out {
            let entry = by_currency.entry(left.missing).or_default();
            entry.0 += 1;
            if !entry.1.contains(&left.year) {
                entry.1.push(left.year.clone());
            }
        }
        by_currency
            .into_iter()
            .map(|(currency, (count, years))| {
                let figures = if count == 1 { "figure" } else { "figures" };
                format!(
                    "{count} {figures} in {from} not converted: no {currency} rate for {}",
                    years.join(", ")
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn rate(period: Period, per_usd: f64, source: i64, kind: Kind) -> Point {
        Point::stored(period, per_usd, kind, source)
    }

    fn fixture() -> Rates {
        let year = |y| Period::year(y).expect("year");
        let mut rates = Rates::default();
        rates.insert(
            Currency::CNY,
            &[
                rate(year(2020), 6.9, 100, Kind::Actual),
                rate(year(2021), 6.45, 101, Kind::Actual),
                rate(
                    Period::quarter(2021, 3).expect("q"),
                    6.47,
                    102,
                    Kind::Actual,
                ),
                rate(year(2022), 6.72, 103, Kind::Estimate),
            ],
        );
        rates.insert(
            Currency::EUR,
            &[
                rate(year(2020), 0.877, 200, Kind::Actual),
                rate(year(2021), 0.845, 201, Kind::Actual),
            ],
        );
        rates
    }

    #[test]
    fn a_missing_rate_leaves_the_figure_out_with_a_sentence() {
        let cny = |y, v, s| Point::stored(Period::year(y).expect("year"), v, Kind::Actual, s);
        let q2019 = Point::stored(Period::quarter(2019, 2).expect("q"), 10.0, Kind::Actual, 4);
        let figures = [
            cny(2019, 69.0, 1),
            cny(2019, 70.0, 2),
            q2019,
            cny(2020, 69.0, 3),
            cny(2022, 67.2, 5),
        ];
        let result = convert(&figures, Currency::CNY, Currency::USD, &fixture());
        assert_eq!(result.left_out.len(), 3);
        assert_eq!(
            result.left_out_notes(Currency::CNY),
            vec!["3 figures in CNY not converted: no CNY rate for 2019"]
        );
        let values: Vec<f64> = result.points.iter().map(|c| c.point.value).collect();
        assert!((values[0] - 10.0).abs() < 1e-12, "69 CNY / 6.9 = 10 USD");
        assert!((values[1] - 10.0).abs() < 1e-12, "67.2 CNY / 6.72 = 10 USD");
        assert_eq!(
            result.points[0].point.sources,
            vec![3, 100],
            "the figure's and the rate's source"
        );
        assert_eq!(
            result.points[1].point.kind,
            Kind::Estimate,
            "an estimated rate makes an estimate"
        );
        assert_eq!(result.points[0].original.value, 69.0);
    }

    #[test]
    fn a_quarter_uses_its_own_rate_else_the_years_and_says_so() {
        let q = |n, v| Point::stored(Period::quarter(2021, n).expect("q"), v, Kind::Actual, 7);
        let result = convert(
            &[q(3, 64.7), q(4, 64.5)],
            Currency::CNY,
            Currency::USD,
            &fixture(),
        );
        assert!(
            (result.points[0].point.value - 10.0).abs() < 1e-12,
            "Q3's own 6.47"
        );
        assert_eq!(result.points[0].rates[0].fallback, None);
        assert!(
            (result.points[1].point.value - 10.0).abs() < 1e-12,
            "2021's 6.45"
        );
        assert_eq!(
            result.points[1].rates[0].fallback.as_deref(),
            Some("the 2021 rate for Q4 2021")
        );
    }

    #[test]
    fn a_cross_rate_from_cny_to_eur_goes_through_usd() {
        let figure = Point::stored(Period::year(2020).expect("y"), 690.0, Kind::Actual, 1);
        let result = convert(&[figure], Currency::CNY, Currency::EUR, &fixture());
        // 690 CNY / 6.9 = 100 USD; × 0.877 EUR per USD = 87.7 EUR.
        assert!((result.points[0].point.value - 87.7).abs() < 1e-9);
        assert_eq!(result.points[0].point.sources, vec![1, 100, 200]);
        assert_eq!(result.points[0].point.derived, "CNY in EUR");
        let late = Point::stored(Period::year(2022).expect("y"), 1.0, Kind::Actual, 1);
        let none = convert(&[late], Currency::CNY, Currency::EUR, &fixture());
        assert_eq!(
            none.left_out_notes(Currency::CNY),
            vec!["1 figure in CNY not converted: no EUR rate for 2022"]
        );
    }
}
