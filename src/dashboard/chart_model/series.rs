//! A chart's series: the figures of its metric that pass the settings, grouped by platform,
//! region and grain, named, placed at their periods and scaled to the chart's y mode.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::lines::{headline_points, segments_through};
use super::{
    ChartPoint, ChartSpec, Converted, DenseLine, EmptyState, Mark, Origin, Parts, Refusal, Series,
    SeriesKey, YMode, YScale,
};
use crate::analysis::{DerivedGrowth, day_number, index_base, index_value, to_log10};
use crate::dashboard::dense::DenseSeries;
use crate::dashboard::selection::{dense_exclusion, passes};
use crate::dashboard::settings::Settings;
use crate::dashboard::snapshot::Snapshot;
use crate::model::instant::x_of_instant;
use crate::model::{Grain, Kind, Period, Qualifier, Rgb, Unit};

/// Each platform's regions in their order get variants 1, 2...; its worldwide series keeps 0.
pub(super) fn number_region_variants(series: &mut [Series]) {
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

/// The figures of the chart's metric (and its computed growth) that pass the settings, by series.
pub(super) fn collect_series(
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
pub(super) fn series_names<'a>(
    snap: &Snapshot,
    keys: impl Iterator<Item = &'a SeriesKey>,
) -> Vec<String> {
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
pub(super) fn scale_series(
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
pub(super) fn refusal_notes(
    y_mode: YMode,
    unindexed: &[String],
    refused: &[(String, usize)],
) -> Vec<String> {
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
pub(super) fn log_refusal_state(refused: &[(String, usize)]) -> EmptyState {
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
pub(super) fn refused_names(refused: &[(String, usize)]) -> String {
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
pub(super) fn dense_index_base(dense: &[Arc<DenseSeries>], year: i32) -> Option<f64> {
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

pub(super) fn point_at(
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
