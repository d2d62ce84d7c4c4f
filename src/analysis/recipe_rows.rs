//! Between stored observations and a recipe: the headline figure of each period as a recipe's
//! input (the figure the chart draws), the `fx_rate` series as rates, and each derived figure
//! back as an observation-shaped row whose source names every input's publisher.

use std::collections::{BTreeMap, HashMap};

use super::derived::Point;
use super::fx::Rates;
use super::headline::headline;
use super::recipe::{Input, Output};
use crate::model::{Aggregate, Currency, Observation, Period, Qualifier, Source};

/// The metric that holds exchange rates, one series per currency in "X per USD".
pub const FX_METRIC: &str = "fx_rate";

/// The inputs of a recipe, one list per (metric, region) so shares are taken among platforms of
/// one metric and region. Each period's figure is its headline among the sources that give one.
pub fn inputs<'a>(
    observations: impl IntoIterator<Item = &'a Observation>,
    aggregates: &HashMap<String, Aggregate>,
) -> Vec<Vec<Input>> {
    type Key<'a> = (&'a str, &'a str, &'a str, &'static str);
    let mut by_series: BTreeMap<Key<'_>, BTreeMap<Period, Vec<&Observation>>> = BTreeMap::new();
    for o in observations {
        by_series
            .entry((&o.metric, &o.region, &o.platform, o.unit.as_str()))
            .or_default()
            .entry(o.period)
            .or_default()
            .push(o);
    }
    let mut groups: BTreeMap<(&str, &str), Vec<Input>> = BTreeMap::new();
    for ((metric, region, platform, _), periods) in by_series {
        let Some(unit) = periods.values().flatten().next().map(|o| o.unit) else {
            continue;
        };
        let points = headline_points(&periods);
        groups.entry((metric, region)).or_default().push(Input {
            platform: platform.to_string(),
            metric: metric.to_string(),
            region: region.to_string(),
            unit,
            aggregate: aggregates.get(metric).copied().unwrap_or_default(),
            points,
        });
    }
    groups.into_values().collect()
}

/// The exchange rates among `observations`: `fx_rate` figures whose unit names a currency per
/// USD ("CNY per USD"), each period's headline figure.
pub fn rates(observations: &[Observation]) -> Rates {
    let mut per_currency: BTreeMap<String, BTreeMap<Period, Vec<&Observation>>> = BTreeMap::new();
    for o in observations.iter().filter(|o| o.metric == FX_METRIC) {
        let Some(code) = o.unit.as_str().strip_suffix(" per USD") else {
            continue;
        };
        per_currency
            .entry(code.to_string())
            .or_default()
            .entry(o.period)
            .or_default()
            .push(o);
    }
    let mut rates = Rates::default();
    for (code, periods) in per_currency {
        let Some(currency) = Currency::parse(&code) else {
            continue;
        };
        rates.insert(currency, &headline_points(&periods));
    }
    rates
}

/// Each period's headline figure, in period order.
fn headline_points(periods: &BTreeMap<Period, Vec<&Observation>>) -> Vec<Point> {
    periods
        .values()
        .filter_map(|candidates| headline(candidates))
        .map(Point::from_observation)
        .collect()
}

/// Each derived figure as a row: kind the weakest input's, source every input's publisher (and
/// URL) joined with "; ", and how it was made.
pub fn rows(outputs: &[Output], sources: &HashMap<i64, Source>) -> Vec<(Observation, String)> {
    let mut out = Vec::new();
    for s in outputs {
        for p in &s.points {
            let cited: Vec<&Source> = p.sources.iter().filter_map(|id| sources.get(id)).collect();
            let publishers = joined(cited.iter().map(|c| c.publisher.as_str()));
            let urls = joined(cited.iter().map(|c| c.url.as_str()));
            let observation = Observation {
                platform: s.platform.clone(),
                metric: s.metric.clone(),
                region: s.region.clone(),
                period: p.period,
                value: p.value,
                unit: s.unit,
                kind: p.kind,
                qualifier: Qualifier::None,
                source: Source {
                    id: 0,
                    publisher: publishers,
                    title: String::new(),
                    url: urls,
                    // Known once its last input was: the latest of their publication dates.
                    published: cited.iter().filter_map(|c| c.published).max(),
                },
                note: String::new(),
                published: cited.iter().filter_map(|c| c.published).max(),
            };
            out.push((observation, p.derived.clone()));
        }
    }
    out
}

/// Distinct non-empty texts in first-seen order, joined with "; ".
fn joined<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for t in texts.filter(|t| !t.is_empty()) {
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen.join("; ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::analysis::recipe::{Recipe, Transform, apply};
    use crate::model::{Kind, Unit};

    fn source(id: i64, publisher: &str) -> Source {
        Source {
            id,
            publisher: publisher.into(),
            title: String::new(),
            url: format!("https://example.org/{id}"),
            published: chrono::NaiveDate::from_ymd_opt(2025, 1, id as u32),
        }
    }

    fn obs(
        platform: &str,
        metric: &str,
        year: i32,
        value: f64,
        unit: Unit,
        kind: Kind,
        src: &Source,
    ) -> Observation {
        Observation {
            platform: platform.into(),
            metric: metric.into(),
            region: "global".into(),
            period: Period::year(year).unwrap(),
            value,
            unit,
            kind,
            qualifier: Qualifier::None,
            source: src.clone(),
            note: String::new(),
            published: src.published,
        }
    }

    #[test]
    fn each_period_gives_its_headline_and_rows_cite_every_input() {
        let (a, b) = (source(1, "Alpha"), source(2, "Beta"));
        let list = vec![
            obs("temu", "gmv", 2023, 100.0, Unit::USD, Kind::Estimate, &a),
            // An actual heads its period over an estimate.
            obs("temu", "gmv", 2024, 999.0, Unit::USD, Kind::Estimate, &a),
            obs("temu", "gmv", 2024, 150.0, Unit::USD, Kind::Actual, &b),
        ];
        let groups = inputs(&list, &HashMap::new());
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0][0].points.len(), 2);
        let recipe = Recipe {
            currency: None,
            grain: None,
            aggregate: None,
            transform: Transform::Yoy,
        };
        let out = apply(
            groups.into_iter().flatten().collect(),
            &recipe,
            &Rates::default(),
        )
        .unwrap();
        let sources: HashMap<i64, Source> = [(1, a), (2, b)].into_iter().collect();
        let rows = rows(&out, &sources);
        assert_eq!(rows.len(), 1);
        let (row, derived) = &rows[0];
        assert!((row.value - 50.0).abs() < 1e-9);
        assert_eq!(
            row.kind,
            Kind::Estimate,
            "an estimate and an actual give an estimate"
        );
        assert_eq!(row.source.publisher, "Alpha; Beta");
        assert_eq!(
            row.source.url,
            "https://example.org/1; https://example.org/2"
        );
        assert!(derived.contains("yoy"), "{derived}");
        assert_eq!(row.published, chrono::NaiveDate::from_ymd_opt(2025, 1, 2));
    }

    #[test]
    fn rates_come_from_fx_rate_series_named_by_their_unit() {
        let fed = source(3, "Federal Reserve Board");
        let per = Unit::parse("CNY per USD").unwrap();
        let list = vec![
            obs("cny", "fx_rate", 2023, 7.0, per, Kind::Actual, &fed),
            obs("temu", "gmv", 2023, 7.0, Unit::USD, Kind::Actual, &fed),
        ];
        let rates = rates(&list);
        let used = rates
            .lookup(Currency::CNY, &Period::year(2023).unwrap())
            .unwrap();
        assert!((used.rate.value - 7.0).abs() < 1e-12);
        assert!(
            rates
                .lookup(Currency::BRL, &Period::year(2023).unwrap())
                .is_none()
        );
    }
}
