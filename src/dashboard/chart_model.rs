//! The prepared view model of one time chart: series of figures placed at their periods (x is a
//! day number, a figure sits mid-period and spans its period), the headline line through them,
//! growth computed from levels, event markers, and the empty state that says why nothing shows.
//! Built from a snapshot and the settings, without egui, so it is unit-tested like `analysis`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::dense::DenseSeries;
use super::selection::{
    Exclusion, dense_exclusion, dense_x_range, event_passes, exclusion, in_range, passes,
};
use super::settings::Settings;
use super::snapshot::Snapshot;
use crate::analysis::{
    DerivedGrowth, day_number, derive_yoy, headline, index_base, index_value, kind_rank, to_log10,
};
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
}

impl ChartModel {
    pub fn point_count(&self) -> usize {
        self.series
            .iter()
            .map(|s| s.points.len() + s.dense.iter().map(|d| d.index_range().len()).sum::<usize>())
            .sum()
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

/// A noun for sentences: "GMV", "downloads".
pub fn metric_noun(snap: &Snapshot, metric: &str) -> String {
    match metric {
        "gmv" => "GMV".to_string(),
        "gmv_yoy" => "GMV growth".to_string(),
        "downloads" => "downloads".to_string(),
        "downloads_per_day" => "downloads-per-day".to_string(),
        other => lower_first(&snap.metric_name(other)),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "TEMU", "TEMU and SHEIN", "TEMU, SHEIN and Amazon", "12 platforms".
pub fn list_phrase(names: &[String], plural: &str) -> String {
    match names {
        [] => format!("no {plural}"),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        more => format!("{} {plural}", more.len()),
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

pub fn build_chart(snap: &Snapshot, settings: &Settings, spec: &ChartSpec) -> ChartModel {
    let unit = unit_of(snap, &spec.metric);
    let y_mode = if unit == Unit::Percent {
        YMode::Linear
    } else {
        spec.y_mode
    };
    let derived = match &spec.derived_from {
        Some(level_metric) => derived_growth(snap, settings, level_metric),
        None => Vec::new(),
    };

    // Raw points and long series keyed by series, before the y transform.
    type Parts = (Vec<ChartPoint>, Vec<Arc<DenseSeries>>);
    let mut by_series: BTreeMap<(usize, String, String), Parts> = BTreeMap::new();
    let key = |platform: &str, region: &str| {
        (
            snap.platform_order(platform),
            platform.to_string(),
            region.to_string(),
        )
    };
    for d in &snap.dense {
        if d.metric == spec.metric && dense_exclusion(d, snap, settings).is_none() {
            by_series
                .entry(key(&d.platform, &d.region))
                .or_default()
                .1
                .push(Arc::clone(d));
        }
    }
    let mut add = |platform: &str, region: &str, point: ChartPoint| {
        by_series
            .entry(key(platform, region))
            .or_default()
            .0
            .push(point);
    };
    let mark = if spec.derived_from.is_some() {
        Mark::Reported
    } else {
        Mark::Figure
    };
    for (i, o) in snap.observations.iter().enumerate() {
        if o.metric == spec.metric && passes(o, snap, settings) {
            add(
                &o.platform,
                &o.region,
                point_at(
                    &o.period,
                    o.value,
                    o.kind,
                    o.qualifier,
                    Origin::Observation(i),
                    mark,
                ),
            );
        }
    }
    for (i, g) in derived.iter().enumerate() {
        add(
            &g.platform,
            &g.region,
            point_at(
                &g.period,
                g.value_pct,
                g.kind,
                g.qualifier,
                Origin::Derived(i),
                Mark::Computed,
            ),
        );
    }

    let mut notes = Vec::new();
    let mut unindexed = Vec::new();
    let mut non_positive = 0usize;
    let mut series = Vec::new();
    let x_range = dense_x_range(settings);
    for ((_, platform, region), (mut points, dense)) in by_series {
        points.sort_by(|a, b| {
            (a.period.start, a.period.grain).cmp(&(b.period.start, b.period.grain))
        });
        let name = series_name(snap, &platform, &region);
        let heads = headline_points(snap, &points, &derived);
        let mut scale = YScale::Linear;
        match y_mode {
            YMode::Linear => {}
            YMode::Log => {
                scale = YScale::Log;
                let before = points.len();
                points.retain_mut(|p| match to_log10(p.value) {
                    Some(y) => {
                        p.y = y;
                        true
                    }
                    None => false,
                });
                non_positive += before - points.len();
            }
            YMode::Index(year) => {
                let base = index_base(
                    heads.iter().map(|&i| (&points[i].period, points[i].value)),
                    year,
                )
                .or_else(|| dense_index_base(&dense, year));
                match base {
                    Some(base) => {
                        scale = YScale::Index(base);
                        points
                            .iter_mut()
                            .for_each(|p| p.y = index_value(p.value, base))
                    }
                    None => {
                        unindexed.push(name);
                        continue;
                    }
                }
            }
        }
        let segments = segments_through(&points, &derived, snap);
        let colour = snap
            .platform(&platform)
            .map(|p| p.colour)
            .unwrap_or(Rgb([0x99, 0x99, 0x99]));
        series.push(Series {
            platform,
            region,
            name,
            colour,
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
        });
    }
    if non_positive > 0 {
        notes.push(format!(
            "{non_positive} figure(s) of zero or less cannot be drawn on a log scale and are left out."
        ));
    }
    if let YMode::Index(year) = y_mode
        && !unindexed.is_empty()
    {
        notes.push(format!(
            "Not indexed, no figure in {year}: {}. Choose another base year to include them.",
            unindexed.join(", ")
        ));
    }

    let metric_name = snap.metric_name(&spec.metric);
    let title = match (y_mode, unit) {
        (YMode::Index(year), _) => format!("{metric_name}, indexed ({year} = 100)"),
        (YMode::Log, Unit::Usd) => format!("{metric_name} (USD, log scale)"),
        (YMode::Log, _) => format!("{metric_name} (log scale)"),
        (_, Unit::Usd) => format!("{metric_name} (USD)"),
        _ => metric_name,
    };
    let empty = series
        .is_empty()
        .then(|| empty_state(snap, settings, spec, !unindexed.is_empty()));
    let x_bounds = x_bounds(settings, &series);
    ChartModel {
        spec: ChartSpec {
            y_mode,
            ..spec.clone()
        },
        title,
        unit,
        series,
        derived,
        events: event_marks(snap, settings),
        empty,
        notes,
        x_bounds,
    }
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
    ChartPoint {
        x: day_number(period.mid()),
        x_start: day_number(period.start),
        x_end: day_number(period.end()),
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

/// Indices of the points that carry the line: one per period and mark, the headline figure.
fn headline_points(
    snap: &Snapshot,
    points: &[ChartPoint],
    derived: &[DerivedGrowth],
) -> Vec<usize> {
    let mut by_period: BTreeMap<(Period, bool), Vec<usize>> = BTreeMap::new();
    for (i, p) in points.iter().enumerate() {
        if p.mark != Mark::Reported {
            by_period
                .entry((p.period, p.mark == Mark::Computed))
                .or_default()
                .push(i);
        }
    }
    by_period
        .into_values()
        .filter_map(|idx| {
            let observations: Vec<&Observation> = idx
                .iter()
                .filter_map(|&i| match points[i].origin {
                    Origin::Observation(o) => snap.observations.get(o),
                    Origin::Derived(_) => None,
                })
                .collect();
            if let Some(head) = headline(&observations) {
                return idx.iter().copied().find(|&i| {
                    matches!(points[i].origin, Origin::Observation(o) if std::ptr::eq(&snap.observations[o], head))
                });
            }
            // Computed growth: a same-source pair first, then the surer kind.
            idx.iter().copied().min_by_key(|&i| match points[i].origin {
                Origin::Derived(d) => derived
                    .get(d)
                    .map(|g| (g.across_sources, kind_rank(g.kind), g.current.source.id))
                    .unwrap_or((true, u8::MAX, i64::MAX)),
                Origin::Observation(_) => (true, u8::MAX, i64::MAX),
            })
        })
        .collect()
}

/// The headline line: consecutive periods of one grain are joined; a gap breaks the line, since
/// nothing is interpolated.
fn segments_through(
    points: &[ChartPoint],
    derived: &[DerivedGrowth],
    snap: &Snapshot,
) -> Vec<Segment> {
    let mut heads: Vec<&ChartPoint> = headline_points(snap, points, derived)
        .into_iter()
        .map(|i| &points[i])
        .collect();
    heads.sort_by_key(|p| (p.period.grain, p.period.start));
    heads
        .windows(2)
        .filter(|w| {
            w[0].period.grain == w[1].period.grain && w[0].period.end() == w[1].period.start
        })
        .map(|w| Segment {
            from: [w[0].x, w[0].y],
            to: [w[1].x, w[1].y],
            kind: if kind_rank(w[0].kind) >= kind_rank(w[1].kind) {
                w[0].kind
            } else {
                w[1].kind
            },
        })
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
    let margin = ((max - min) * 0.03).max(15.0);
    Some((min - margin, max + margin))
}

/// A figure (or a long series) the empty state accounts for.
struct Hidden<'a> {
    platform: &'a str,
    region: &'a str,
    kind: Kind,
    grain: Grain,
    count: usize,
}

fn empty_state(
    snap: &Snapshot,
    settings: &Settings,
    spec: &ChartSpec,
    unindexed: bool,
) -> EmptyState {
    let noun = metric_noun(snap, &spec.metric);
    let platforms: Vec<String> = snap
        .platforms
        .iter()
        .filter(|p| settings.platform_shown(p))
        .map(|p| p.name.clone())
        .collect();
    let regions: Vec<String> = snap
        .regions
        .iter()
        .filter(|r| settings.region_shown(&r.id))
        .map(|r| snap.region_name(&r.id))
        .collect();
    let headline = if platforms.is_empty() {
        "No platform is ticked: tick one under Platforms.".to_string()
    } else if regions.is_empty() {
        "No region is ticked: tick one under Regions.".to_string()
    } else {
        format!(
            "No {noun} figures for {} in {}",
            list_phrase(&platforms, "platforms"),
            list_phrase(&regions, "regions")
        )
    };

    let mut reasons = Vec::new();
    if unindexed {
        reasons.push(format!(
            "No series has a figure in the index base year {}: choose another base year or turn off Index to 100 (I).",
            match spec.y_mode {
                YMode::Index(y) => y,
                _ => settings.index_base_year,
            }
        ));
    }
    let metrics: Vec<&str> = std::iter::once(spec.metric.as_str())
        .chain(spec.derived_from.as_deref())
        .collect();
    // Each hidden figure as what the reasons name, with how many figures it stands for (a long
    // series counts all of its figures at once).
    let of_metric: Vec<(Hidden, Option<Exclusion>)> = snap
        .observations
        .iter()
        .filter(|o| metrics.contains(&o.metric.as_str()))
        .map(|o| {
            let hidden = Hidden {
                platform: &o.platform,
                region: &o.region,
                kind: o.kind,
                grain: o.period.grain,
                count: 1,
            };
            (hidden, exclusion(o, snap, settings))
        })
        .chain(
            snap.dense
                .iter()
                .filter(|d| metrics.contains(&d.metric.as_str()))
                .map(|d| {
                    let hidden = Hidden {
                        platform: &d.platform,
                        region: &d.region,
                        kind: d.kind,
                        grain: Grain::Day,
                        count: d.len(),
                    };
                    (hidden, dense_exclusion(d, snap, settings))
                }),
        )
        .collect();
    if of_metric.is_empty() {
        reasons.push(format!("The store has no {noun} figures at all."));
    }
    let mut hidden: BTreeMap<Exclusion, Vec<&Hidden>> = BTreeMap::new();
    for (h, why) in &of_metric {
        if let Some(why) = why {
            hidden.entry(*why).or_default().push(h);
        }
    }
    for (why, obs) in hidden {
        let n: usize = obs.iter().map(|h| h.count).sum();
        let figures = if n == 1 { "figure" } else { "figures" };
        let named = |names: Vec<(String, usize)>| {
            let mut counted: BTreeMap<String, usize> = BTreeMap::new();
            for (name, count) in names {
                *counted.entry(name).or_default() += count;
            }
            let mut list: Vec<(String, usize)> = counted.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let shown: Vec<String> = list
                .iter()
                .take(4)
                .map(|(k, c)| format!("{k} ({c})"))
                .collect();
            let more = list.len().saturating_sub(4);
            if more > 0 {
                format!("{} and {more} more", shown.join(", "))
            } else {
                shown.join(", ")
            }
        };
        let by = |name: &dyn Fn(&Hidden) -> String| -> String {
            named(obs.iter().map(|h| (name(h), h.count)).collect())
        };
        reasons.push(match why {
            Exclusion::Source => format!(
                "{n} {figures} come from other sources: the charts show one source only (clear the source filter in the top bar)."
            ),
            Exclusion::Platform => format!(
                "{n} {figures} for platforms that are not ticked: {}. Tick them under Platforms.",
                by(&|h| snap.platform_name(h.platform))
            ),
            Exclusion::Region => format!(
                "{n} {figures} in other regions: {}. Tick them under Regions.",
                by(&|h| snap.region_name(h.region))
            ),
            Exclusion::Kind => format!(
                "{n} {figures} of a kind that is not ticked ({}). Tick it under Kinds.",
                by(&|h| h.kind.to_string())
            ),
            Exclusion::Grain => format!(
                "{n} {figures} for periods that are not ticked ({}). Tick them under Periods.",
                by(&|h| format!("{}s", h.grain))
            ),
            Exclusion::DateRange => format!("{n} {figures} outside the date range. Widen it under Date range."),
        });
    }
    reasons.push(
        "To add figures, import a CSV: Import CSV… in the top bar, or drop CSV files onto the window."
            .to_string(),
    );
    EmptyState { headline, reasons }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::Store;

    /// The sample data as the dashboard sees it.
    pub(crate) fn sample() -> Snapshot {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("t.db")).expect("store");
        store.load_sample().expect("sample loads");
        Snapshot::read(&store, 1).expect("snapshot")
    }

    fn spec(metric: &str) -> ChartSpec {
        ChartSpec {
            metric: metric.into(),
            derived_from: None,
            y_mode: YMode::Linear,
        }
    }

    fn series<'a>(model: &'a ChartModel, platform: &str) -> &'a Series {
        model
            .series
            .iter()
            .find(|s| s.platform == platform && s.region == "global")
            .unwrap_or_else(|| panic!("no {platform} series"))
    }

    #[test]
    fn gmv_defaults_to_worldwide_platforms_with_every_source() {
        let snap = sample();
        let model = build_chart(&snap, &Settings::default(), &spec("gmv"));
        assert!(model.empty.is_none());
        assert!(model.series.iter().all(|s| s.region == "global"));
        assert!(!model.series.iter().any(|s| s.platform == "sea_ecommerce"));
        let tiktok = series(&model, "tiktok_shop");
        // 2025 is given by two sources (56ok and Wallstreetcn), both about $100B: both drawn.
        let y2025: Vec<&ChartPoint> = tiktok
            .points
            .iter()
            .filter(|p| p.period == Period::parse("2025").expect("period"))
            .collect();
        assert_eq!(y2025.len(), 2);
        assert!(
            y2025
                .iter()
                .all(|p| p.value == 100e9 && p.kind == Kind::Estimate)
        );
        // A yearly figure sits mid-year and spans the year.
        assert_eq!(
            y2025[0].x,
            day_number(chrono::NaiveDate::from_ymd_opt(2025, 7, 2).expect("date"))
        );
        assert_eq!(y2025[0].x_end - y2025[0].x_start, 365.0);
        // The yearly line runs 2022-2023-2024-2025 (three segments); quarters form their own.
        let yearly: Vec<&Segment> = tiktok
            .segments
            .iter()
            .filter(|s| s.to[0] - s.from[0] > 300.0)
            .collect();
        assert_eq!(yearly.len(), 3);
        // 2023's headline is the 20B most sources agree on, not EchoTik's 11.09B.
        let x2023 = day_number(chrono::NaiveDate::from_ymd_opt(2023, 7, 2).expect("date"));
        assert!(tiktok.segments.iter().any(|s| s.from == [x2023, 20e9]));
    }

    #[test]
    fn unticking_a_platform_removes_its_series_and_log_and_index_transform() {
        let snap = sample();
        let mut settings = Settings::default();
        settings.platform_choice.insert("temu".into(), false);
        let model = build_chart(&snap, &settings, &spec("gmv"));
        assert!(!model.series.iter().any(|s| s.platform == "temu"));

        let log = build_chart(
            &snap,
            &Settings::default(),
            &ChartSpec {
                y_mode: YMode::Log,
                ..spec("gmv")
            },
        );
        let p = &series(&log, "tiktok_shop").points[0];
        assert!((p.y - p.value.log10()).abs() < 1e-12);

        let index = build_chart(
            &snap,
            &Settings::default(),
            &ChartSpec {
                y_mode: YMode::Index(2023),
                ..spec("gmv")
            },
        );
        let tiktok = series(&index, "tiktok_shop");
        let p2025 = tiktok
            .points
            .iter()
            .find(|p| p.value == 100e9)
            .expect("2025");
        // 100B over the 2023 headline of 20B.
        assert!((p2025.y - 500.0).abs() < 1e-9);
        assert!(index.notes.iter().any(|n| n.contains("Not indexed")));
    }

    #[test]
    fn growth_combines_computed_and_reported() {
        let snap = sample();
        let model = build_chart(
            &snap,
            &Settings::default(),
            &ChartSpec {
                metric: "gmv_yoy".into(),
                derived_from: Some("gmv".into()),
                y_mode: YMode::Index(2023),
            },
        );
        assert_eq!(model.unit, Unit::Percent);
        assert_eq!(
            model.spec.y_mode,
            YMode::Linear,
            "no index for growth rates"
        );
        let tiktok = series(&model, "tiktok_shop");
        assert!(tiktok.points.iter().any(|p| p.mark == Mark::Reported));
        let computed: Vec<&ChartPoint> = tiktok
            .points
            .iter()
            .filter(|p| p.mark == Mark::Computed)
            .collect();
        assert!(!computed.is_empty());
        // 2024 over 2023 comes from different sources: said so.
        let across = computed
            .iter()
            .find(|p| p.period == Period::parse("2024").expect("p"))
            .expect("2024 growth");
        let Origin::Derived(d) = across.origin else {
            panic!("computed points are derived")
        };
        assert!(model.derived[d].across_sources);
    }

    #[test]
    fn empty_state_says_why_and_how() {
        let snap = sample();
        let mut settings = Settings::default();
        for p in &snap.platforms {
            settings
                .platform_choice
                .insert(p.id.clone(), p.id == "shein");
        }
        settings.region_choice.insert("global".into(), false);
        settings.region_choice.insert("europe".into(), true);
        let model = build_chart(&snap, &settings, &spec("downloads"));
        let empty = model.empty.expect("empty");
        assert_eq!(empty.headline, "No downloads figures for SHEIN in Europe");
        assert!(
            empty
                .reasons
                .iter()
                .any(|r| r.contains("in other regions") && r.contains("Worldwide"))
        );
        assert!(empty.reasons.iter().any(|r| r.contains("import a CSV")));
    }

    #[test]
    fn events_follow_categories_and_toggle() {
        let snap = sample();
        let mut settings = Settings::default();
        let all = build_chart(&snap, &settings, &spec("gmv")).events.len();
        assert!(all > 0);
        settings
            .event_categories
            .remove(&crate::model::EventCategory::Policy);
        let fewer = build_chart(&snap, &settings, &spec("gmv")).events.len();
        assert!(fewer < all);
        settings.show_events = false;
        assert!(
            build_chart(&snap, &settings, &spec("gmv"))
                .events
                .is_empty()
        );
    }
}
