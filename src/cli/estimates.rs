//! `marketscope estimates`: the scorecards of `analysis::scorecard` for one metric, platform and
//! region, as a terminal table, CSV or JSON, so other tools can check every number.

use std::io::Write;

use anyhow::bail;

use super::args::ReportFormat;
use super::table;
use crate::analysis::scorecard::{PeriodCard, PublisherCard, scorecard};
use crate::model::{Unit, format};
use crate::store::{FigureSource, SeriesQuery};

/// Writes the scorecards of the figures `query` selects (one metric and platform).
pub fn write(
    store: &impl FigureSource,
    query: &SeriesQuery,
    report: ReportFormat,
    publishers_only: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let observations = store.series(query)?;
    let mut regions: Vec<&str> = observations.iter().map(|o| o.region.as_str()).collect();
    regions.sort_unstable();
    regions.dedup();
    if regions.len() > 1 {
        // Periods of two regions would be scored against each other's actuals.
        bail!(
            "the figures cover {} regions ({}): choose one with --region",
            regions.len(),
            regions.join(", ")
        );
    }
    let Some(unit) = observations.first().map(|o| o.unit) else {
        bail!("no figures for that metric and platform");
    };
    let card = scorecard(&observations);
    match report {
        ReportFormat::Table => {
            let rows: Vec<Vec<String>> = card
                .periods
                .iter()
                .map(|p| period_row(p, Style::Terminal(unit)))
                .collect();
            writeln!(
                out,
                "{}",
                table::render(&PERIOD_HEADER, &rows, &[1, 2, 3, 4, 5])
            )?;
            if card.publishers.is_empty() {
                writeln!(out, "no publisher scored: no period has an actual yet")?;
            } else {
                let rows: Vec<Vec<String>> = card
                    .publishers
                    .iter()
                    .map(|p| publisher_row(p, Style::Terminal(unit)))
                    .collect();
                let text = table::render(&PUBLISHER_HEADER, &rows, &[1, 2, 3, 4]);
                write!(out, "{text}")?;
            }
        }
        ReportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            if publishers_only {
                w.write_record(PUBLISHER_HEADER)?;
                for p in &card.publishers {
                    w.write_record(publisher_row(p, Style::Raw))?;
                }
            } else {
                w.write_record(PERIOD_HEADER)?;
                for p in &card.periods {
                    w.write_record(period_row(p, Style::Raw))?;
                }
            }
            w.flush()?;
        }
        ReportFormat::Json => {
            let value = serde_json::json!({
                "unit": unit.as_str(),
                "periods": card.periods.iter().map(period_json).collect::<Vec<_>>(),
                "publishers": card.publishers.iter().map(publisher_json).collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut *out, &value)?;
            writeln!(out)?;
        }
    }
    Ok(())
}

const PERIOD_HEADER: [&str; 8] = [
    "period",
    "estimates",
    "low",
    "high",
    "median",
    "actual",
    "surprise_pct",
    "status",
];

const PUBLISHER_HEADER: [&str; 5] = [
    "publisher",
    "scored",
    "mean_abs_error_pct",
    "bias_pct",
    "median_days_early",
];

fn opt(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    value.map(show).unwrap_or_default()
}

/// How cells are written: for a person (`$20B`, `+5.0%`, the period's label) or for a script
/// (full-precision numbers, the period's start date).
#[derive(Clone, Copy)]
enum Style {
    Terminal(Unit),
    Raw,
}

impl Style {
    fn period(self, p: &PeriodCard) -> String {
        match self {
            Style::Terminal(_) => p.period.label(),
            Style::Raw => p.period.start_iso(),
        }
    }

    fn value(self, v: f64) -> String {
        match self {
            Style::Terminal(unit) => format::compact(v, unit),
            Style::Raw => v.to_string(),
        }
    }

    /// A percentage; `signed` writes a plus sign where it matters (surprise, bias).
    fn pct(self, v: f64, signed: bool) -> String {
        match (self, signed) {
            (Style::Raw, _) => v.to_string(),
            (Style::Terminal(_), true) => format!("{v:+.1}%"),
            (Style::Terminal(_), false) => format!("{v:.1}%"),
        }
    }

    fn days(self, d: f64) -> String {
        match self {
            Style::Terminal(_) => format!("{d:.0}"),
            Style::Raw => d.to_string(),
        }
    }
}

fn period_row(p: &PeriodCard, style: Style) -> Vec<String> {
    let value = |v: f64| style.value(v);
    vec![
        style.period(p),
        p.estimates.len().to_string(),
        opt(p.spread.map(|s| s.0), value),
        opt(p.spread.map(|s| s.1), value),
        opt(p.consensus_median, value),
        opt(p.actual.as_ref().map(|a| a.value), value),
        opt(p.surprise_pct, |v| style.pct(v, true)),
        p.status.clone(),
    ]
}

fn publisher_row(p: &PublisherCard, style: Style) -> Vec<String> {
    vec![
        p.publisher.clone(),
        p.scored.to_string(),
        style.pct(p.mean_abs_error_pct, false),
        style.pct(p.bias_pct, true),
        opt(p.median_days_early, |d| style.days(d)),
    ]
}

fn period_json(p: &PeriodCard) -> serde_json::Value {
    serde_json::json!({
        "period": p.period.start_iso(),
        "label": p.period.label(),
        "estimates": p.estimates.iter().map(|e| serde_json::json!({
            "value": e.value,
            "kind": e.kind.as_str(),
            "publisher": e.publisher,
            "published": e.published.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "low": p.spread.map(|s| s.0),
        "high": p.spread.map(|s| s.1),
        "median": p.consensus_median,
        "actual": p.actual.as_ref().map(|a| serde_json::json!({"value": a.value, "publisher": a.publisher})),
        "surprise_pct": p.surprise_pct,
        "status": p.status,
    })
}

fn publisher_json(p: &PublisherCard) -> serde_json::Value {
    serde_json::json!({
        "publisher": p.publisher,
        "scored": p.scored,
        "mean_abs_error_pct": p.mean_abs_error_pct,
        "bias_pct": p.bias_pct,
        "median_days_early": p.median_days_early,
    })
}
