//! Estimates against actuals for one metric and platform: per period every source's estimate or
//! forecast, their spread and median (the consensus), the actual once there is one and the
//! surprise; and per publisher how far off, which way and how early its figures were.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Kind, Observation, Period};

/// One estimate or forecast of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateRow {
    pub value: f64,
    pub kind: Kind,
    pub publisher: String,
    pub source_id: i64,
    pub published: Option<NaiveDate>,
}

/// The actual figure of a period and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ActualRow {
    pub value: f64,
    pub publisher: String,
    pub source_id: i64,
}

/// One period's estimates and, once known, its actual.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodCard {
    pub period: Period,
    pub estimates: Vec<EstimateRow>,
    /// Lowest and highest estimate.
    pub spread: Option<(f64, f64)>,
    pub consensus_median: Option<f64>,
    pub actual: Option<ActualRow>,
    /// (actual − median) / median, in %.
    pub surprise_pct: Option<f64>,
    /// "no actual yet", or why the actual is not used; empty when scored.
    pub status: String,
}

/// How one publisher's estimates fared over every period with an actual.
#[derive(Debug, Clone, PartialEq)]
pub struct PublisherCard {
    pub publisher: String,
    pub scored: usize,
    pub mean_abs_error_pct: f64,
    /// Mean signed error in %: above zero the publisher over-estimates.
    pub bias_pct: f64,
    /// Median days from publication to the period's end; negative = published after it ended.
    pub median_days_early: Option<f64>,
}

/// The scorecards of one metric and platform's observations.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    pub periods: Vec<PeriodCard>,
    pub publishers: Vec<PublisherCard>,
}

/// Builds both scorecards from every figure of one metric and platform.
pub fn scorecard(observations: &[Observation]) -> Scorecard {
    let mut by_period: BTreeMap<Period, Vec<&Observation>> = BTreeMap::new();
    for o in observations {
        by_period.entry(o.period).or_default().push(o);
    }
    let periods: Vec<PeriodCard> = by_period
        .into_iter()
        .map(|(period, figures)| period_card(period, &figures))
        .collect();
    let publishers = publisher_cards(&periods);
    Scorecard {
        periods,
        publishers,
    }
}

fn period_card(period: Period, figures: &[&Observation]) -> PeriodCard {
    let estimates: Vec<EstimateRow> = figures
        .iter()
        .filter(|o| o.kind != Kind::Actual)
        .map(|o| EstimateRow {
            value: o.value,
            kind: o.kind,
            publisher: o.source.publisher.clone(),
            source_id: o.source.id,
            published: o.published.or(o.source.published),
        })
        .collect();
    let values: Vec<f64> = estimates.iter().map(|e| e.value).collect();
    let spread = values
        .iter()
        .copied()
        .fold(None, |acc: Option<(f64, f64)>, v| {
            Some(acc.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
        });
    let consensus_median = median(&values);
    let actuals: Vec<&&Observation> = figures.iter().filter(|o| o.kind == Kind::Actual).collect();
    let (actual, status) = match actuals.as_slice() {
        [] => (None, "no actual yet".to_string()),
        [first, rest @ ..] if rest.iter().all(|o| o.value == first.value) => (
            Some(ActualRow {
                value: first.value,
                publisher: first.source.publisher.clone(),
                source_id: first.source.id,
            }),
            String::new(),
        ),
        several => {
            let listed: Vec<String> = several.iter().map(|o| o.value.to_string()).collect();
            (None, format!("actuals disagree: {}", listed.join(", ")))
        }
    };
    let surprise_pct = match (&actual, consensus_median) {
        (Some(a), Some(m)) if m != 0.0 => Some((a.value - m) / m * 100.0),
        _ => None,
    };
    PeriodCard {
        period,
        estimates,
        spread,
        consensus_median,
        actual,
        surprise_pct,
        status,
    }
}

fn publisher_cards(periods: &[PeriodCard]) -> Vec<PublisherCard> {
    // Per publisher: signed % errors and days early, over the periods with a usable actual.
    let mut by_publisher: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for card in periods {
        let Some(actual) = card.actual.as_ref().filter(|a| a.value != 0.0) else {
            continue;
        };
        for e in &card.estimates {
            let entry = by_publisher.entry(&e.publisher).or_default();
            entry
                .0
                .push((e.value - actual.value) / actual.value * 100.0);
            if let Some(published) = e.published {
                entry
                    .1
                    .push((card.period.end() - published).num_days() as f64);
            }
        }
    }
    by_publisher
        .into_iter()
        .map(|(publisher, (errors, days))| {
            let n = errors.len() as f64;
            PublisherCard {
                publisher: publisher.to_string(),
                scored: errors.len(),
                mean_abs_error_pct: errors.iter().map(|e| e.abs()).sum::<f64>() / n,
                bias_pct: errors.iter().sum::<f64>() / n,
                median_days_early: median(&days),
            }
        })
        .collect()
}

/// The middle value, or the mean of the two middle ones; `None` for no values.
fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Qualifier, Source, Unit};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn figure(
        year: i32,
        value: f64,
        kind: Kind,
        publisher: &str,
        published: NaiveDate,
    ) -> Observation {
        Observation {
            platform: "temu".into(),
            metric: "gmv".into(),
            region: "global".into(),
            period: Period::year(year).expect("year"),
            value,
            unit: Unit::USD,
            kind,
            qualifier: Qualifier::None,
            source: Source {
                id: i64::from(year) * 10 + publisher.len() as i64,
                publisher: publisher.into(),
                title: String::new(),
                url: String::new(),
                published: None,
            },
            note: String::new(),
            published: Some(published),
        }
    }

    #[test]
    fn known_errors_bias_and_earliness() {
        // 2024 actual 100: A said 110 (+10%) on 1 Dec 2024, B said 80 (−20%) on 1 Jul 2024,
        // C said 95 (−5%). 2025 actual 200: A said 190 (−5%) on 11 Jan 2026 (after the year).
        // 2026: only estimates.
        let obs = [
            figure(2024, 110.0, Kind::Estimate, "A", date(2024, 12, 1)),
            figure(2024, 80.0, Kind::Forecast, "B", date(2024, 7, 1)),
            figure(2024, 95.0, Kind::Estimate, "C", date(2024, 12, 31)),
            figure(2024, 100.0, Kind::Actual, "Company", date(2025, 3, 1)),
            figure(2025, 190.0, Kind::Estimate, "A", date(2026, 1, 11)),
            figure(2025, 200.0, Kind::Actual, "Company", date(2026, 3, 1)),
            figure(2026, 250.0, Kind::Forecast, "A", date(2026, 6, 1)),
            figure(2026, 300.0, Kind::Forecast, "B", date(2026, 6, 2)),
        ];
        let card = scorecard(&obs);
        let y2024 = &card.periods[0];
        assert_eq!(y2024.spread, Some((80.0, 110.0)));
        assert_eq!(y2024.consensus_median, Some(95.0));
        assert_eq!(y2024.actual.as_ref().map(|a| a.value), Some(100.0));
        let surprise = y2024.surprise_pct.expect("an actual and a median");
        assert!(
            (surprise - 5.0 / 95.0 * 100.0).abs() < 1e-9,
            "(100 − 95) / 95"
        );
        let y2026 = &card.periods[2];
        assert_eq!(y2026.status, "no actual yet");
        assert_eq!(y2026.spread, Some((250.0, 300.0)));
        assert_eq!(y2026.consensus_median, Some(275.0));
        assert_eq!(y2026.surprise_pct, None);

        let a = &card.publishers[0];
        assert_eq!((a.publisher.as_str(), a.scored), ("A", 2));
        assert!((a.mean_abs_error_pct - 7.5).abs() < 1e-9, "(10 + 5) / 2");
        assert!((a.bias_pct - 2.5).abs() < 1e-9, "(+10 − 5) / 2");
        // 31 days before 2024 ended, 10 days after 2025 ended: median (31 − 10) / 2.
        assert_eq!(a.median_days_early, Some(10.5));
        let b = &card.publishers[1];
        assert_eq!(
            b.scored, 1,
            "B's 2026 forecast has no actual to score against"
        );
        assert!((b.bias_pct + 20.0).abs() < 1e-9, "B under-estimates");
        assert_eq!(b.median_days_early, Some(184.0), "1 Jul to 1 Jan");
        assert_eq!(card.publishers.len(), 3);
    }

    #[test]
    fn disagreeing_actuals_are_not_chosen_between() {
        let obs = [
            figure(2024, 100.0, Kind::Actual, "Company", date(2025, 3, 1)),
            figure(2024, 104.0, Kind::Actual, "Filing", date(2025, 4, 1)),
            figure(2024, 90.0, Kind::Estimate, "A", date(2024, 6, 1)),
        ];
        let card = scorecard(&obs);
        assert_eq!(card.periods[0].actual, None);
        assert_eq!(card.periods[0].status, "actuals disagree: 100, 104");
        assert!(
            card.publishers.is_empty(),
            "nothing scored against an unsettled actual"
        );
    }
}
