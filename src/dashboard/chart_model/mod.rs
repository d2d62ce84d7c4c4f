//! The prepared view model of one time chart: series of figures placed at their periods (x is a
//! day number, a figure sits mid-period and spans its period), the headline line through them,
//! growth computed from levels, event markers, and the empty state that says why nothing shows.
//! Built from a snapshot and the settings, without egui, so it is unit-tested like `analysis`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::dense::DenseSeries;
mod currency;
mod empty;
mod lines;

pub use currency::{Converted, converted_note};
use currency::{choose_currency, convert_figures, currency_note};

use empty::empty_state;
pub use empty::{list_phrase, metric_noun};
use lines::{headline_points, segments_through};

use super::selection::{
    Exclusion, dense_exclusion, dense_x_range, event_passes, exclusion, in_range, passes,
};
use super::settings::Settings;
use super::snapshot::Snapshot;
use crate::analysis::{DerivedGrowth, day_number, derive_yoy, index_base, index_value, to_log10};
use crate::model::instant::x_of_instant;
use crate::model::{Grain, Kind, Observation, Period, Qualifier, Rgb, Unit};

/// How values map to the y axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YMode {
    Linear,
    Log,
    /// Each series divided by its first figure in this year, times 100.
    Index(i32),
}

/// What a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub metric: String,
    /// Growth computed from this level metric (GMV) beside the reported `metric`.
    pub derived_from: Option<String>,
    pub y_mode: YMode,
}

/// How a point is drawn: a published figure, a growth rate computed here, or a published rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Figure,
    Computed,
    Reported,
}

/// Where a point's figure lives: an observation of the snapshot, or a derived growth of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Observation(usize),
    Derived(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// Mid-period, where the marker is.
    pub x: f64,
    pub x_start: f64,
    pub x_end: f64,
    /// The plotted value (log10 or indexed when the chart says so).
    pub y: f64,
    /// The figure in its unit, as published or computed.
    pub value: f64,
    pub period: Period,
    pub kind: Kind,
    pub qualifier: Qualifier,
    pub origin: Origin,
    pub mark: Mark,
}

/// A piece of the headline line between two consecutive periods of the same grain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub from: [f64; 2],
    pub to: [f64; 2],
    /// The less sure kind of its two ends: the line is as sure as its weakest figure.
    pub kind: Kind,
}

/// One platform in one region: one colour, one legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub platform: String,
    pub region: String,
    pub name: String,
    pub colour: Rgb,
    /// 0 for a platform's worldwide series, 1, 2... for its regions: drawn in the platform's
    /// colour with a marker and line of their own, so "SHEIN" and "SHEIN · United States" differ.
    pub variant: usize,
    pub points: Vec<ChartPoint>,
    pub segments: Vec<Segment>,
    /// Long daily series of this platform and region (one per kind), drawn decimated.
    pub dense: Vec<DenseLine>,
}

/// How a long series' values map to y; applied to the few points drawn, never to the series
/// (log and a positive scale keep each column's lowest and highest point where they were).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum YScale {
    Linear,
    Log,
    /// Divided by the base, times 100.
    Index(f64),
}

impl YScale {
    /// The plotted y, or `None` where the scale cannot show the value (zero on a log scale).
    pub fn apply(self, value: f64) -> Option<f64> {
        match self {
            YScale::Linear => Some(value),
            YScale::Log => to_log10(value),
            YScale::Index(base) => Some(index_value(value, base)),
        }
    }
}

/// A long series in a chart: the shared series, its y scale, and the days the date range lets
/// through.
#[derive(Debug, Clone)]
pub struct DenseLine {
    pub data: Arc<DenseSeries>,
    pub scale: YScale,
    /// First and last day number shown (infinite without a date range).
    pub x_range: (f64, f64),
}

impl PartialEq for DenseLine {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
            && self.scale == other.scale
            && self.x_range == other.x_range
    }
}

impl DenseLine {
    /// The indices of the figures inside the date range.
    pub fn index_range(&self) -> std::ops::Range<usize> {
        let lod = &self.data.lod;
        let start = lod.first_at_or_after(self.x_range.0);
        let end = if self.x_range.1.is_finite() {
            lod.first_at_or_after(self.x_range.1 + 0.5)
        } else {
            lod.len()
        };
        start..end.max(start)
    }

    /// The series' figures inside the date range, and whether that is an estimate (an overview
    /// cut by the range: its whole count times the share of its days the range keeps).
    pub fn figure_count(&self) -> (usize, bool) {
        let range = self.index_range();
        if self.data.holds_every_figure(self.x_range.0, self.x_range.1) {
            return (range.len(), false);
        }
        if range.len() == self.data.len() {
            return (self.data.figures(), false);
        }
        let share = match (self.x_extent(), self.data.x_extent()) {
            (Some((a, b)), Some((first, last))) if last > first => (b - a) / (last - first),
            _ => 0.0,
        };
        ((self.data.figures() as f64 * share).round() as usize, true)
    }

    /// The first and last day drawn.
    pub fn x_extent(&self) -> Option<(f64, f64)> {
        let range = self.index_range();
        let first = self.data.lod.point(range.start)?[0];
        let last = self.data.lod.point(range.end.checked_sub(1)?)?[0];
        Some((first, last))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventMark {
    /// Index into the snapshot's events.
    pub index: usize,
    pub x_start: f64,
    /// The end of a dated period or a span; equal to `x_start` for a single day.
    pub x_end: f64,
}

/// Why a chart has nothing to show, and what would change that.
#[derive(Debug, Clone, PartialEq)]
pub struct EmptyState {
    pub headline: String,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartModel {
    pub spec: ChartSpec,
    pub title: String,
    pub unit: Unit,
    pub series: Vec<Series>,
    pub derived: Vec<DerivedGrowth>,
    pub events: Vec<EventMark>,
    pub empty: Option<EmptyState>,
    /// What the chart left out and why (non-positive values on a log scale, series without a base).
    pub notes: Vec<String>,
    /// The x range of the data (or of the date range), with a small margin.
    pub x_bounds: Option<(f64, f64)>,
    /// Figures converted into the display currency, by observation index (see `currency`).
    pub converted: HashMap<usize, crate::analysis::fx::ConvertedPoint>,
}

impl ChartModel {
    /// Figures in the chart, and whether that is an estimate: a long series held as its overview
    /// and cut by the date range counts the figures its span of days would hold.
    pub fn point_count(&self) -> (usize, bool) {
        let mut estimated = false;
        let n = self
            .series
            .iter()
            .map(|s| {
                let long = s.dense.iter().map(|d| {
                    let (n, estimate) = d.figure_count();
                    estimated |= estimate;
                    n
                });
                s.points.len() + long.sum::<usize>()
            })
            .sum();
        (n, estimated)
    }

    /// ISO week ticks (`W46 2025`) when every figure drawn is a week's; calendar weeks otherwise.
    pub fn week_ticks(&self) -> crate::analysis::WeekTicks {
        let mut points = self.series.iter().flat_map(|s| &s.points).peekable();
        let weekly = points.peek().is_some()
            && self.series.iter().all(|s| s.dense.is_empty())
            && points.all(|p| p.period.grain == Grain::Week);
        if weekly {
            crate::analysis::WeekTicks::Iso
        } else {
            crate::analysis::WeekTicks::OfMonth
        }
    }

    /// Figures in long series, drawn decimated.
    pub fn dense_count(&self) -> usize {
        self.series
            .iter()
            .flat_map(|s| &s.dense)
            .map(|d| d.index_range().len())
            .sum()
    }

    /// The observation behind a point, if it is a published figure.
    pub fn observation<'a>(&self, snap: &'a Snapshot, origin: Origin) -> Option<&'a Observation> {
        match origin {
            Origin::Observation(i) => snap.observations.get(i),
            Origin::Derived(_) => None,
        }
    }
}

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

/// Each platform's regions in their order get variants 1, 2...; its worldwide series keeps 0.
fn number_region_variants(series: &mut [Series]) {
    let mut regions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in series.iter_mut() {
        if s.region == "global" {
            continue;
        }
        let seen = regions.entry(s.platform.clone()).or_default();
        let at = match seen.iter().position(|r| *r == s.region) {
            Some(at) => at,
            None => {
                seen.push(s.region.clone());
                seen.len() - 1
            }
        };
        s.variant = at + 1;
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

/// The figures of the chart's metric (and its computed growth) that pass the settings, by series.
fn collect_series(
    snap: &Snapshot,
    settings: &Settings,
    spec: &ChartSpec,
    derived: &[DerivedGrowth],
    (only_unit, converted): (Option<Unit>, &Converted),
) -> BTreeMap<SeriesKey, Parts> {
    // When figures come in several currencies, only the drawn one's (see `currency`), and those
    // converted into it.
    let keeps = |unit: Unit| only_unit.is_none_or(|u| u == unit);
    let mut by_series: BTreeMap<SeriesKey, Parts> = BTreeMap::new();
    let key = |platform: &str, region: &str, grain: Grain| {
        (
            snap.platform_order(platform),
            platform.to_string(),
            region.to_string(),
            std::cmp::Reverse(grain),
        )
    };
    for d in &snap.dense {
        if d.metric == spec.metric && keeps(d.unit) && dense_exclusion(d, snap, settings).is_none()
        {
            by_series
                .entry(key(&d.platform, &d.region, Grain::Day))
                .or_default()
                .1
                .push(Arc::clone(d));
        }
    }
    let mark = if spec.derived_from.is_some() {
        Mark::Reported
    } else {
        Mark::Figure
    };
    for (i, o) in snap.observations.iter().enumerate() {
        let as_drawn = match converted.figures.get(&i) {
            Some(c) => Some((c.point.value, c.point.kind)),
            None => keeps(o.unit).then_some((o.value, o.kind)),
        };
        let Some((value, kind)) = as_drawn else {
            continue;
        };
        if o.metric == spec.metric && passes(o, snap, settings) {
            let point = point_at(
                &o.period,
                value,
                kind,
                o.qualifier,
                Origin::Observation(i),
                mark,
            );
            by_series
                .entry(key(&o.platform, &o.region, o.period.grain))
                .or_default()
                .0
                .push(point);
        }
    }
    for (i, g) in derived.iter().enumerate() {
        let point = point_at(
            &g.period,
            g.value_pct,
            g.kind,
            g.qualifier,
            Origin::Derived(i),
            Mark::Computed,
        );
        by_series
            .entry(key(&g.platform, &g.region, g.period.grain))
            .or_default()
            .0
            .push(point);
    }
    by_series
}

/// Each series' name: the platform (and region), and the grain after all but the coarsest when a
/// platform has figures of several grains ("TikTok Shop", "TikTok Shop · quarterly").
fn series_names<'a>(snap: &Snapshot, keys: impl Iterator<Item = &'a SeriesKey>) -> Vec<String> {
    let keys: Vec<&SeriesKey> = keys.collect();
    keys.iter()
        .enumerate()
        .map(|(i, (_, platform, region, grain))| {
            let name = series_name(snap, platform, region);
            let coarsest = i == 0 || {
                let (_, p, r, _) = keys[i - 1];
                p != platform || r != region
            };
            if coarsest {
                name
            } else {
                format!("{name} · {}", grain_adjective(grain.0))
            }
        })
        .collect()
}

/// "yearly", "quarterly", "daily": how a series of one grain is named beside another.
pub fn grain_adjective(grain: Grain) -> String {
    crate::i18n::t(&format!("grain-{}", grain.as_str()))
}

/// One series in the chart's y mode, or why it cannot be drawn in it.
fn scale_series(
    snap: &Snapshot,
    key: SeriesKey,
    name: String,
    (mut points, dense): Parts,
    y_mode: YMode,
    derived: &[DerivedGrowth],
    x_range: (f64, f64),
) -> Result<Series, Refusal> {
    let (_, platform, region, _) = key;
    points.sort_by_key(|p| (p.period.start, p.period.grain));
    let heads = headline_points(snap, &points, derived);
    let scale = match y_mode {
        YMode::Linear => YScale::Linear,
        YMode::Log => {
            // A log axis has no zero: a series that touches or crosses it is refused whole, not
            // drawn with holes that would read as a different curve.
            let not_positive = points
                .iter()
                .filter(|p| to_log10(p.value).is_none())
                .count()
                + dense
                    .iter()
                    .filter(|d| d.lod.y_range().is_some_and(|(lo, _)| lo <= 0.0))
                    .count();
            if not_positive > 0 {
                return Err(Refusal::NotPositive(name, not_positive));
            }
            for p in &mut points {
                p.y = to_log10(p.value).unwrap_or(p.value);
            }
            YScale::Log
        }
        YMode::Index(year) => {
            let base = index_base(
                heads.iter().map(|&i| (&points[i].period, points[i].value)),
                year,
            )
            .or_else(|| dense_index_base(&dense, year));
            let Some(base) = base else {
                return Err(Refusal::NoBase(name));
            };
            points
                .iter_mut()
                .for_each(|p| p.y = index_value(p.value, base));
            YScale::Index(base)
        }
    };
    let segments = segments_through(&points, derived, snap);
    let colour = snap
        .platform(&platform)
        .map(|p| p.colour)
        .unwrap_or(Rgb([0x99, 0x99, 0x99]));
    Ok(Series {
        platform,
        region,
        name,
        colour,
        variant: 0,
        points,
        segments,
        dense: dense
            .into_iter()
            .map(|data| DenseLine {
                data,
                scale,
                x_range,
            })
            .collect(),
    })
}

/// What the chart left out, said above it.
fn refusal_notes(y_mode: YMode, unindexed: &[String], refused: &[(String, usize)]) -> Vec<String> {
    use crate::i18n::t_args;
    let mut notes = Vec::new();
    if !refused.is_empty() {
        notes.push(t_args(
            "chart-log-refused-note",
            &[("names", (&refused_names(refused)).into())],
        ));
    }
    if let YMode::Index(year) = y_mode
        && !unindexed.is_empty()
    {
        notes.push(t_args(
            "chart-not-indexed",
            &[
                ("value", (&year.to_string()).into()),
                ("names", (&unindexed.join(", ")).into()),
            ],
        ));
    }
    notes
}

/// Every series refused by the log scale: nothing else to show, and why.
fn log_refusal_state(refused: &[(String, usize)]) -> EmptyState {
    use crate::i18n::t;
    EmptyState {
        headline: t("chart-log-refused-headline"),
        reasons: vec![
            format!("{}.", refused_names(refused)),
            t("chart-log-refused-turn-off"),
        ],
    }
}

/// "ACME (1 figure of zero or less), Globex (3 figures of zero or less)".
fn refused_names(refused: &[(String, usize)]) -> String {
    refused
        .iter()
        .map(|(name, n)| {
            crate::i18n::t_args(
                "chart-log-refused-name",
                &[("name", name.into()), ("count", (*n).into())],
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first daily figure of the base year across a series' long parts, as [`index_base`] picks.
fn dense_index_base(dense: &[Arc<DenseSeries>], year: i32) -> Option<f64> {
    let jan1 = chrono::NaiveDate::from_ymd_opt(year, 1, 1)?;
    let day = day_number(jan1);
    dense
        .iter()
        .filter_map(|d| {
            let i = d.first_from(day)?;
            let [x, value] = d.lod.point(i)?;
            (x < day + 366.0
                && d.date(i)
                    .is_some_and(|date| chrono::Datelike::year(&date) == year))
            .then_some((x, value))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, v)| v)
        .filter(|v| *v > 0.0 && v.is_finite())
}

fn point_at(
    period: &Period,
    value: f64,
    kind: Kind,
    qualifier: Qualifier,
    origin: Origin,
    mark: Mark,
) -> ChartPoint {
    let (x_start, x_end) = (
        x_of_instant(period.start_instant()),
        x_of_instant(period.end_instant()),
    );
    // An hour's figure sits mid-hour; a day's or longer on its middle day, as the axis labels it.
    let x = if period.grain.has_time() {
        (x_start + x_end) / 2.0
    } else {
        day_number(period.mid())
    };
    ChartPoint {
        x,
        x_start,
        x_end,
        y: value,
        value,
        period: *period,
        kind,
        qualifier,
        origin,
        mark,
    }
}

/// "TEMU", or "TikTok Shop · United States" outside the worldwide figures.
pub fn series_name(snap: &Snapshot, platform: &str, region: &str) -> String {
    let name = snap.platform_name(platform);
    if region == "global" {
        name
    } else {
        format!("{name} · {}", snap.region_name(region))
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
