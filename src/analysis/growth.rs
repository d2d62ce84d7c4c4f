//! Year-on-year growth computed from levels (GMV): a period against the same period a year
//! before, same platform, region and grain. A pair from one source is preferred; when no source
//! gives both periods, the two headline figures are used and the result says it was derived
//! across sources, naming both.

use std::collections::BTreeMap;

use super::headline::{headline, kind_rank};
use super::measure::change_pct;
use crate::model::{Kind, Observation, Period, Qualifier};

/// A growth rate computed here, never published by anyone: both inputs are kept for the tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedGrowth {
    pub platform: String,
    pub region: String,
    /// The later period; the rate compares it with the period one year earlier.
    pub period: Period,
    pub value_pct: f64,
    /// The less sure kind of the two inputs (an estimate over an actual is an estimate).
    pub kind: Kind,
    pub qualifier: Qualifier,
    pub current: Observation,
    pub previous: Observation,
    pub across_sources: bool,
}

type SeriesKey<'a> = (&'a str, &'a str, &'a str, Period);

/// Growth for every period whose year-earlier period is also present, in series then period order.
pub fn derive_yoy(levels: &[Observation]) -> Vec<DerivedGrowth> {
    let mut by_period: BTreeMap<SeriesKey<'_>, Vec<&Observation>> = BTreeMap::new();
    for o in levels {
        by_period
            .entry((&o.platform, &o.metric, &o.region, o.period))
            .or_default()
            .push(o);
    }
    let mut out = Vec::new();
    for (&(platform, metric, region, period), current) in &by_period {
        let Some(before) = period.year_before() else {
            continue;
        };
        let Some(previous) = by_period.get(&(platform, metric, region, before)) else {
            continue;
        };
        let same_source: Vec<(&Observation, &Observation)> = current
            .iter()
            .filter_map(|c| {
                previous
                    .iter()
                    .find(|p| p.source.id == c.source.id)
                    .map(|p| (*c, *p))
            })
            .collect();
        let pairs = if same_source.is_empty() {
            match (headline(current), headline(previous)) {
                (Some(c), Some(p)) => vec![(c, p, true)],
                _ => Vec::new(),
            }
        } else {
            same_source
                .into_iter()
                .map(|(c, p)| (c, p, false))
                .collect()
        };
        for (cur, prev, across_sources) in pairs {
            if prev.value <= 0.0 {
                continue;
            }
            let Some(value_pct) = change_pct(prev.value, cur.value) else {
                continue;
            };
            let kind = if kind_rank(cur.kind) >= kind_rank(prev.kind) {
                cur.kind
            } else {
                prev.kind
            };
            out.push(DerivedGrowth {
                platform: cur.platform.clone(),
                region: cur.region.clone(),
                period: cur.period,
                value_pct,
                kind,
                qualifier: yoy_qualifier(cur.qualifier, prev.qualifier),
                current: cur.clone(),
                previous: prev.clone(),
                across_sources,
            });
        }
    }
    out
}

/// How sure a growth rate is, given how its two inputs were worded: "more than 33B" over an exact
/// 20B grew by more than the computed rate; over "more than 20B", by an unknown amount ("about").
pub fn yoy_qualifier(current: Qualifier, previous: Qualifier) -> Qualifier {
    #[derive(PartialEq)]
    enum Bound {
        Up,
        Down,
        Unknown,
    }
    // A lower bound on the current figure bounds growth from below, and so on.
    let from_current = match current {
        Qualifier::None => None,
        Qualifier::MoreThan | Qualifier::AtLeast => Some(Bound::Up),
        Qualifier::LessThan | Qualifier::UpTo | Qualifier::Approaching => Some(Bound::Down),
        Qualifier::About => Some(Bound::Unknown),
    };
    let from_previous = match previous {
        Qualifier::None => None,
        Qualifier::MoreThan | Qualifier::AtLeast => Some(Bound::Down),
        Qualifier::LessThan | Qualifier::UpTo | Qualifier::Approaching => Some(Bound::Up),
        Qualifier::About => Some(Bound::Unknown),
    };
    match (from_current, from_previous) {
        (None, None) => Qualifier::None,
        (Some(Bound::Up), None | Some(Bound::Up)) | (None, Some(Bound::Up)) => Qualifier::MoreThan,
        (Some(Bound::Down), None | Some(Bound::Down)) | (None, Some(Bound::Down)) => {
            Qualifier::LessThan
        }
        _ => Qualifier::About,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::measure::tests::obs;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn same_source_pairs_are_used_one_per_source() {
        // Source 1 gives 2023 and 2024; source 2 only 2024: one same-source pair, no mixing.
        let levels = vec![
            obs("2023", 20e9, Kind::Actual, 1),
            obs("2024", 30e9, Kind::Actual, 1),
            obs("2024", 33e9, Kind::Estimate, 2),
        ];
        let g = derive_yoy(&levels);
        assert_eq!(g.len(), 1);
        assert!(close(g[0].value_pct, 50.0));
        assert!(!g[0].across_sources);
        assert_eq!(g[0].kind, Kind::Actual);
        assert_eq!(g[0].period, Period::parse("2024").expect("period"));
    }

    #[test]
    fn across_sources_uses_headlines_and_says_so() {
        // TikTok Shop-like: 2023 from sources 1, 2, 3 (20B twice), 2024 from source 4 only.
        let levels = vec![
            obs("2023", 11.09e9, Kind::Estimate, 1),
            obs("2023", 20e9, Kind::Estimate, 2),
            obs("2023", 20e9, Kind::Estimate, 3),
            obs("2024", 42e9, Kind::Estimate, 4),
        ];
        let g = derive_yoy(&levels);
        assert_eq!(g.len(), 1);
        // 42 / 20 - 1 = 110%.
        assert!(close(g[0].value_pct, 110.0));
        assert!(g[0].across_sources);
        assert_eq!(g[0].previous.source.id, 2);
        assert_eq!(g[0].current.source.id, 4);
    }

    #[test]
    fn only_same_grain_a_year_apart_and_less_sure_kind_wins() {
        let levels = vec![
            obs("2024-Q3", 10e9, Kind::Actual, 1),
            obs("2025-Q3", 12.5e9, Kind::Forecast, 1),
            obs("2025-Q2", 11e9, Kind::Actual, 1),
            obs("2024", 40e9, Kind::Actual, 1),
        ];
        let g = derive_yoy(&levels);
        assert_eq!(g.len(), 1);
        assert!(close(g[0].value_pct, 25.0));
        assert_eq!(g[0].kind, Kind::Forecast);
        assert_eq!(g[0].period, Period::parse("2025-Q3").expect("period"));
    }

    #[test]
    fn other_platforms_and_regions_never_pair() {
        let mut shein = obs("2024", 30e9, Kind::Estimate, 1);
        shein.platform = "shein".into();
        let mut us = obs("2024", 9e9, Kind::Estimate, 1);
        us.region = "us".into();
        let levels = vec![obs("2023", 20e9, Kind::Estimate, 1), shein, us];
        assert!(derive_yoy(&levels).is_empty());
    }

    #[test]
    fn qualifiers_combine_into_bounds() {
        use Qualifier::*;
        assert_eq!(yoy_qualifier(None, None), None);
        assert_eq!(yoy_qualifier(MoreThan, None), MoreThan);
        assert_eq!(yoy_qualifier(None, LessThan), MoreThan);
        assert_eq!(yoy_qualifier(LessThan, MoreThan), LessThan);
        assert_eq!(yoy_qualifier(None, MoreThan), LessThan);
        assert_eq!(yoy_qualifier(MoreThan, MoreThan), About);
        assert_eq!(yoy_qualifier(About, None), About);
        assert_eq!(yoy_qualifier(None, About), About);
    }
}
