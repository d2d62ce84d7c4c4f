//! The prepared view model of one time chart: series of figures placed at their periods (x is a
//! day number, a figure sits mid-period and spans its period), the headline line through them,
//! growth computed from levels, event markers, and the empty state that says why nothing shows.
//! Built from a snapshot and the settings, without egui, so it is unit-tested like `analysis`.

use std::sync::Arc;

use super::dense::DenseSeries;
mod currency;
mod empty;
mod lines;
mod series;
mod types;

use series::{
    collect_series, log_refusal_state, number_region_variants, refusal_notes, scale_series,
    series_names,
};
pub use series::{grain_adjective, series_name};
pub use types::*;

pub use currency::{Converted, converted_note};
use currency::{choose_currency, convert_figures, currency_note};

use empty::empty_state;
pub use empty::{list_phrase, metric_noun};

use super::selection::{Exclusion, dense_x_range, event_passes, exclusion, in_range};
use super::settings::Settings;
use super::snapshot::Snapshot;
use crate::analysis::{DerivedGrowth, day_number, derive_yoy};
use crate::model::{Grain, Observation, Unit};

fn unit_of(snap: &Snapshot, metric: &str) -> Unit {
    snap.metric(metric)
        .map(|m| m.unit)
        .or_else(|| {
            snap.observations
                .iter()
                .find(|o| o.metric == metric)
                .map(|o| o.unit)
        })
        .or_else(|| {
            snap.dense
                .iter()
                .find(|d| d.metric == metric)
                .map(|d| d.unit)
        })
        .unwrap_or(Unit::Count)
}

/// Which series a figure belongs to: the platform (in the store's order), the region, and the
/// grain, coarsest first, so annual and quarterly figures are never one line.
type SeriesKey = (usize, String, String, std::cmp::Reverse<Grain>);

/// A series' figures and long parts, before the y transform.
type Parts = (Vec<ChartPoint>, Vec<Arc<DenseSeries>>);

/// Why a series is not drawn in the chart's y mode.
enum Refusal {
    /// Indexed, with no figure in the base year.
    NoBase(String),
    /// On a log scale, with figures of zero or less (the name, and how many).
    NotPositive(String, usize),
}

pub fn build_chart(snap: &Snapshot, settings: &Settings, spec: &ChartSpec) -> ChartModel {
    let mut currency = choose_currency(snap, settings, &spec.metric);
    // A money chart with a display currency picked: every figure converted into it.
    let converted = currency
        .as_ref()
        .and(settings.display_currency())
        .map(|to| (to, convert_figures(snap, settings, &spec.metric, to)));
    if let Some((to, _)) = &converted {
        currency = currency.map(|c| currency::CurrencyChoice {
            drawn: Unit::Currency(*to),
            left_out: Vec::new(),
            ..c
        });
    }
    let unit = currency
        .as_ref()
        .map_or_else(|| unit_of(snap, &spec.metric), |c| c.drawn);
    // A rate indexed to a base year means nothing; a log scale of rates is asked for by name and
    // refuses rates of zero or less, saying so, like any other series.
    let y_mode = match (unit, spec.y_mode) {
        (Unit::Percent, YMode::Index(_)) => YMode::Linear,
        (_, mode) => mode,
    };
    let derived = match &spec.derived_from {
        Some(level_metric) => derived_growth(snap, settings, level_metric),
        None => Vec::new(),
    };
    let only_unit = currency
        .as_ref()
        .filter(|c| !c.left_out.is_empty() || converted.is_some())
        .map(|c| c.drawn);
    let converted = converted.map(|(_, c)| c).unwrap_or_default();
    let by_series = collect_series(snap, settings, spec, &derived, (only_unit, &converted));
    let names = series_names(snap, by_series.keys());
    let x_range = dense_x_range(settings);
    let mut series = Vec::new();
    let mut unindexed = Vec::new();
    let mut refused = Vec::new();
    for ((key, parts), name) in by_series.into_iter().zip(names) {
        match scale_series(snap, key, name, parts, y_mode, &derived, x_range) {
            Ok(s) => series.push(s),
            Err(Refusal::NoBase(name)) => unindexed.push(name),
            Err(Refusal::NotPositive(name, n)) => refused.push((name, n)),
        }
    }
    let empty = series.is_empty().then(|| {
        if refused.is_empty() {
            empty_state(snap, settings, spec, !unindexed.is_empty())
        } else {
            log_refusal_state(&refused)
        }
    });
    number_region_variants(&mut series);
    let mut notes = if empty.is_some() {
        Vec::new()
    } else {
        refusal_notes(y_mode, &unindexed, &refused)
    };
    notes.extend(currency.as_ref().and_then(currency_note));
    notes.extend(converted.notes.iter().cloned());
    if let Some(f) = snap.formulas.get(&spec.metric) {
        notes.push(crate::i18n::t_args(
            "chart-formula-note",
            &[("formula", (&f.formula).into())],
        ));
        notes.extend(
            f.problem
                .as_ref()
                .map(|why| crate::i18n::t_args("chart-formula-problem", &[("why", why.into())])),
        );
    }
    let x_bounds = x_bounds(settings, &series);
    ChartModel {
        spec: ChartSpec {
            y_mode,
            ..spec.clone()
        },
        title: match converted.figures.is_empty() {
            true => chart_title(&snap.metric_name(&spec.metric), y_mode, unit),
            false => crate::i18n::t_args(
                "chart-title-converted",
                &[
                    ("name", (&snap.metric_name(&spec.metric)).into()),
                    ("code", unit.as_str().into()),
                ],
            ),
        },
        unit,
        series,
        derived,
        events: event_marks(snap, settings),
        empty,
        notes,
        x_bounds,
        converted: converted.figures,
    }
}

/// "GMV (USD, log scale)", "Downloads, indexed (2023 = 100)".
fn chart_title(metric_name: &str, y_mode: YMode, unit: Unit) -> String {
    use crate::i18n::t_args;
    let name = ("name", metric_name.into());
    match (y_mode, unit) {
        (YMode::Index(year), _) => t_args(
            "chart-title-indexed",
            &[name, ("value", (&year.to_string()).into())],
        ),
        (YMode::Log, Unit::USD) => t_args("chart-title-log-usd", &[name]),
        (YMode::Log, _) => t_args("chart-title-log", &[name]),
        (_, Unit::USD) => t_args("chart-title-usd", &[name]),
        (_, Unit::Currency(c)) => {
            t_args("chart-title-currency", &[name, ("code", c.code().into())])
        }
        _ => metric_name.to_string(),
    }
}

/// Growth computed from the level metric, with the same choices applied: levels are filtered by
/// everything but kind and date range (the year before may lie outside the range), the results by
/// those two.
fn derived_growth(snap: &Snapshot, settings: &Settings, level_metric: &str) -> Vec<DerivedGrowth> {
    let levels: Vec<Observation> = snap
        .observations
        .iter()
        .filter(|o| {
            o.metric == level_metric
                && matches!(
                    exclusion(o, snap, settings),
                    None | Some(Exclusion::Kind | Exclusion::DateRange)
                )
        })
        .cloned()
        .collect();
    derive_yoy(&levels)
        .into_iter()
        .filter(|g| settings.kinds.contains(&g.kind) && in_range(settings, &g.period, &g.period))
        .collect()
}

fn event_marks(snap: &Snapshot, settings: &Settings) -> Vec<EventMark> {
    if !settings.show_events {
        return Vec::new();
    }
    snap.events
        .iter()
        .enumerate()
        .filter(|(_, e)| event_passes(e, snap, settings))
        .map(|(index, e)| {
            let x_start = day_number(e.date.start);
            let last = e.end.unwrap_or(e.date);
            let x_end = if e.end.is_none() && e.date.grain == crate::model::Grain::Day {
                x_start
            } else {
                day_number(last.end())
            };
            EventMark {
                index,
                x_start,
                x_end,
            }
        })
        .collect()
}

fn x_bounds(settings: &Settings, series: &[Series]) -> Option<(f64, f64)> {
    let points = series.iter().flat_map(|s| &s.points);
    let dense: Vec<(f64, f64)> = series
        .iter()
        .flat_map(|s| &s.dense)
        .filter_map(DenseLine::x_extent)
        .collect();
    let data_min = points
        .clone()
        .map(|p| p.x_start)
        .chain(dense.iter().map(|d| d.0))
        .reduce(f64::min);
    let data_max = points
        .map(|p| p.x_end)
        .chain(dense.iter().map(|d| d.1 + 1.0))
        .reduce(f64::max);
    let min = super::selection::range_start(settings)
        .map(day_number)
        .or(data_min)?;
    let max = super::selection::range_end(settings)
        .map(day_number)
        .or(data_max)?;
    // Half a month either side of a long chart; a tenth of the span (at least an hour) either
    // side of a few days of hourly figures, which a fixed margin would squash into a sliver.
    let span = max - min;
    let margin = if span >= 150.0 {
        (span * 0.03).max(15.0)
    } else {
        (span * 0.1).max(1.0 / 24.0)
    };
    Some((min - margin, max + margin))
}

#[cfg(test)]
pub(crate) mod tests;
