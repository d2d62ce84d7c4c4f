//! Why a chart is empty, in words a user can act on: what is not ticked, what lies outside the
//! date range, and how many figures each choice hides.

use std::collections::BTreeMap;

use super::{ChartSpec, EmptyState, YMode};
use crate::dashboard::selection::{Exclusion, dense_exclusion, exclusion};
use crate::dashboard::settings::Settings;
use crate::dashboard::snapshot::Snapshot;
use crate::model::{Grain, Kind};

/// A figure (or a long series) the empty state accounts for.
struct Hidden<'a> {
    platform: &'a str,
    region: &'a str,
    kind: Kind,
    grain: Grain,
    count: usize,
}

pub(super) fn empty_state(
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
                        count: d.figures(),
                    };
                    (hidden, dense_exclusion(d, snap, settings))
                }),
        )
        .collect();
    if of_metric.is_empty() {
        reasons.push(format!("The store has no {noun} figures at all."));
    }
    reasons.extend(exclusion_reasons(snap, &of_metric));
    reasons.push(
        "To add figures, import a CSV: Import CSV… in the top bar, or drop CSV files onto the window."
            .to_string(),
    );
    EmptyState { headline, reasons }
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

/// One sentence per reason figures are hidden: how many, whose, and what to tick.
fn exclusion_reasons(snap: &Snapshot, of_metric: &[(Hidden, Option<Exclusion>)]) -> Vec<String> {
    let mut out = Vec::new();
    let mut hidden: BTreeMap<Exclusion, Vec<&Hidden>> = BTreeMap::new();
    for (h, why) in of_metric {
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
        out.push(match why {
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
    out
}
