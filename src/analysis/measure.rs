//! Measuring between two figures: the change, the change in percent and the compound annual growth
//! rate over the span, with the reasons a rate would mislead (different platforms, period lengths
//! or units) stated instead of computed.

use chrono::Datelike;

use crate::model::{Grain, Observation, Period, Unit};

/// Percent change from `from` to `to`; `None` when `from` is zero or either is not finite.
pub fn change_pct(from: f64, to: f64) -> Option<f64> {
    if from == 0.0 || !from.is_finite() || !to.is_finite() {
        return None;
    }
    Some((to / from - 1.0) * 100.0)
}

/// Compound annual growth rate in percent: `(to / from)^(1 / years) - 1`.
/// `None` for a non-positive start, a negative end or a span shorter than a day.
pub fn cagr_pct(from: f64, to: f64, years: f64) -> Option<f64> {
    if from <= 0.0 || to < 0.0 || !from.is_finite() || !to.is_finite() || years < 1.0 / 365.25 {
        return None;
    }
    Some(((to / from).powf(1.0 / years) - 1.0) * 100.0)
}

/// Years from the start of `from` to the start of `to`: whole months / 12 for month-based grains
/// (2023 to 2025 is exactly 2), days / 365.25 otherwise.
pub fn years_between(from: &Period, to: &Period) -> f64 {
    let month_based = from.grain != Grain::Day && to.grain != Grain::Day;
    if month_based && from.start.day() == 1 && to.start.day() == 1 {
        let months = (to.start.year() - from.start.year()) * 12 + to.start.month() as i32
            - from.start.month() as i32;
        months as f64 / 12.0
    } else {
        (to.start - from.start).num_days() as f64 / 365.25
    }
}

/// What the measure tool shows between two figures, earlier first.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    pub from: Period,
    pub to: Period,
    pub from_value: f64,
    pub to_value: f64,
    pub unit: Unit,
    /// `to - from` in the unit (percentage points for percentages).
    pub change: f64,
    pub change_pct: Option<f64>,
    pub years: f64,
    pub cagr_pct: Option<f64>,
    /// Why a figure above is missing or should be read with care, in words for the user.
    pub caveats: Vec<String>,
}

/// Measures from the earlier of `a` and `b` to the later.
pub fn measure(a: &Observation, b: &Observation) -> Measurement {
    let (from, to) = if (b.period.start, b.period.grain) < (a.period.start, a.period.grain) {
        (b, a)
    } else {
        (a, b)
    };
    let years = years_between(&from.period, &to.period);
    let mut caveats = Vec::new();
    let mut rate_ok = true;
    if from.unit != to.unit || from.metric != to.metric {
        caveats.push(format!(
            "different metrics ({} and {}): no change computed",
            from.metric, to.metric
        ));
        return Measurement {
            from: from.period,
            to: to.period,
            from_value: from.value,
            to_value: to.value,
            unit: to.unit,
            change: f64::NAN,
            change_pct: None,
            years,
            cagr_pct: None,
            caveats,
        };
    }
    if from.platform != to.platform || from.region != to.region {
        caveats.push("different series: the growth rate compares two platforms or regions".into());
        rate_ok = false;
    }
    if from.period.grain != to.period.grain {
        caveats.push(format!(
            "a {} against a {}: periods of different length, so no growth rate",
            from.period.grain, to.period.grain
        ));
        rate_ok = false;
    }
    if from.period == to.period {
        caveats.push("the same period: no span to compound over".into());
    }
    if from.source.id != to.source.id {
        caveats.push(format!(
            "across sources: {} and {}",
            from.source.citation(),
            to.source.citation()
        ));
    }
    if from.kind != to.kind {
        caveats.push(format!("{} to {}", from.kind, to.kind));
    }
    let is_rate = to.unit == Unit::Percent;
    if is_rate {
        caveats.push("growth figures: the change is in percentage points".into());
    }
    Measurement {
        from: from.period,
        to: to.period,
        from_value: from.value,
        to_value: to.value,
        unit: to.unit,
        change: to.value - from.value,
        change_pct: if is_rate {
            None
        } else {
            change_pct(from.value, to.value)
        },
        years,
        cagr_pct: if is_rate || !rate_ok {
            None
        } else {
            cagr_pct(from.value, to.value, years)
        },
        caveats,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Kind, Qualifier, Source};

    /// A TikTok Shop GMV figure for `period` from source `source_id`.
    pub(crate) fn obs(period: &str, value: f64, kind: Kind, source_id: i64) -> Observation {
        Observation {
            platform: "tiktok_shop".into(),
            metric: "gmv".into(),
            region: "global".into(),
            period: Period::parse(period).expect("test period"),
            value,
            unit: Unit::USD,
            kind,
            qualifier: Qualifier::None,
            source: Source {
                id: source_id,
                publisher: format!("Publisher {source_id}"),
                title: String::new(),
                url: String::new(),
                published: None,
            },
            published: None,
            note: String::new(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn change_and_cagr_by_hand() {
        // 20 -> 100 over 2 years: +400%, sqrt(5) - 1 = 123.6068%.
        assert!(close(change_pct(20.0, 100.0).expect("defined"), 400.0));
        assert!(close(
            cagr_pct(20.0, 100.0, 2.0).expect("defined"),
            (5f64.sqrt() - 1.0) * 100.0
        ));
        // 100 -> 121 over 2 years is 10% a year.
        assert!(close(cagr_pct(100.0, 121.0, 2.0).expect("defined"), 10.0));
        assert_eq!(cagr_pct(0.0, 10.0, 1.0), None);
        assert_eq!(cagr_pct(10.0, 20.0, 0.0), None);
        assert_eq!(change_pct(0.0, 5.0), None);
    }

    #[test]
    fn years_follow_the_calendar() {
        let p = |t: &str| Period::parse(t).expect("period");
        assert_eq!(years_between(&p("2023"), &p("2025")), 2.0);
        assert_eq!(years_between(&p("2024-Q2"), &p("2025-Q3")), 1.25);
        assert_eq!(years_between(&p("2024-11"), &p("2025-02")), 0.25);
        assert!(close(
            years_between(&p("2024-01-01"), &p("2025-01-01")),
            366.0 / 365.25
        ));
    }

    #[test]
    fn tiktok_shop_2023_to_2025() {
        // 20B (2023) to 100B (2025): change 80B, +400%, CAGR 123.6%; measured in either order.
        let a = obs("2023", 20e9, Kind::Estimate, 1);
        let b = obs("2025", 100e9, Kind::Estimate, 1);
        for m in [measure(&a, &b), measure(&b, &a)] {
            assert_eq!(m.from, a.period);
            assert!(close(m.change, 80e9));
            assert!(close(m.change_pct.expect("pct"), 400.0));
            assert!(close(m.cagr_pct.expect("cagr"), 123.606797749979));
            assert!(m.caveats.is_empty(), "{:?}", m.caveats);
        }
    }

    #[test]
    fn misleading_rates_are_refused_with_a_reason() {
        let year = obs("2024", 42e9, Kind::Estimate, 1);
        let quarter = obs("2025-Q3", 19e9, Kind::Estimate, 2);
        let m = measure(&year, &quarter);
        assert_eq!(m.cagr_pct, None);
        assert!(m.caveats.iter().any(|c| c.contains("different length")));
        assert!(m.caveats.iter().any(|c| c.contains("across sources")));

        let mut other = obs("2025", 80e9, Kind::Forecast, 1);
        other.platform = "shein".into();
        let m = measure(&year, &other);
        assert_eq!(m.cagr_pct, None);
        assert!(m.change_pct.is_some());
        assert!(m.caveats.iter().any(|c| c.contains("different series")));
        assert!(m.caveats.iter().any(|c| c == "estimate to forecast"));

        let mut growth_a = obs("2023", 10.0, Kind::Actual, 1);
        growth_a.unit = Unit::Percent;
        growth_a.metric = "gmv_yoy".into();
        let mut growth_b = growth_a.clone();
        growth_b.period = Period::parse("2024").expect("period");
        growth_b.value = 25.0;
        let m = measure(&growth_a, &growth_b);
        assert!(close(m.change, 15.0));
        assert_eq!((m.change_pct, m.cagr_pct), (None, None));

        let m = measure(&year, &growth_b);
        assert!(m.change.is_nan());
        assert!(m.caveats[0].contains("different metrics"));
    }
}
