//! Which figures and events the side panel's choices let through, and, for an empty chart, which
//! choice hid each figure (so the empty state can say why and what to tick).

use chrono::NaiveDate;

use super::dense::DenseSeries;
use super::settings::Settings;
use super::snapshot::Snapshot;
use crate::model::{Event, Grain, Observation, Period};

/// The first side-panel choice that hides a figure, in the order they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exclusion {
    Source,
    Platform,
    Region,
    Kind,
    Grain,
    DateRange,
}

/// The first day the date range lets through, if it starts somewhere.
pub fn range_start(settings: &Settings) -> Option<NaiveDate> {
    settings.from_date.or_else(|| {
        settings
            .from_year
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
    })
}

/// The first day after the date range, if it ends somewhere.
pub fn range_end(settings: &Settings) -> Option<NaiveDate> {
    settings
        .to_year
        .and_then(|y| NaiveDate::from_ymd_opt(y.saturating_add(1), 1, 1))
}

/// Whether a period overlaps the date range.
pub fn in_range(settings: &Settings, start: &Period, end: &Period) -> bool {
    let after_start = range_start(settings).is_none_or(|from| end.end() > from);
    let before_end = range_end(settings).is_none_or(|to| start.start < to);
    after_start && before_end
}

/// With a source filter on (a click in the Sources view), only the source counts: its figures show
/// whatever platforms, regions or kinds are ticked, since that is what the click asked to see.
pub fn exclusion(o: &Observation, snap: &Snapshot, settings: &Settings) -> Option<Exclusion> {
    if let Some(id) = settings.source_filter {
        return (id != o.source.id).then_some(Exclusion::Source);
    }
    let platform_shown = snap
        .platform(&o.platform)
        .is_none_or(|p| settings.platform_shown(p));
    if !platform_shown {
        return Some(Exclusion::Platform);
    }
    if !settings.region_shown(&o.region) {
        return Some(Exclusion::Region);
    }
    if !settings.kinds.contains(&o.kind) {
        return Some(Exclusion::Kind);
    }
    if !settings.grains.contains(&o.period.grain) {
        return Some(Exclusion::Grain);
    }
    if !in_range(settings, &o.period, &o.period) {
        return Some(Exclusion::DateRange);
    }
    None
}

/// As [`exclusion`], for a whole long series (one kind, daily): under a source filter it shows
/// only when every figure is from that source, so a filtered chart never shows another's.
pub fn dense_exclusion(d: &DenseSeries, snap: &Snapshot, settings: &Settings) -> Option<Exclusion> {
    if let Some(id) = settings.source_filter {
        return (!d.source_ids().all(|s| s == id)).then_some(Exclusion::Source);
    }
    let platform_shown = snap
        .platform(&d.platform)
        .is_none_or(|p| settings.platform_shown(p));
    if !platform_shown {
        return Some(Exclusion::Platform);
    }
    if !settings.region_shown(&d.region) {
        return Some(Exclusion::Region);
    }
    if !settings.kinds.contains(&d.kind) {
        return Some(Exclusion::Kind);
    }
    if !settings.grains.contains(&Grain::Day) {
        return Some(Exclusion::Grain);
    }
    let (lo, hi) = dense_x_range(settings);
    let overlaps = d
        .x_extent()
        .is_some_and(|(first, last)| last >= lo && first <= hi);
    if !overlaps {
        return Some(Exclusion::DateRange);
    }
    None
}

/// The date range as day numbers for daily figures: the first and the last day it lets through.
pub fn dense_x_range(settings: &Settings) -> (f64, f64) {
    let lo = range_start(settings).map_or(f64::NEG_INFINITY, crate::analysis::day_number);
    let hi = range_end(settings).map_or(f64::INFINITY, |d| crate::analysis::day_number(d) - 1.0);
    (lo, hi)
}

pub fn passes(o: &Observation, snap: &Snapshot, settings: &Settings) -> bool {
    exclusion(o, snap, settings).is_none()
}

/// Events drawn on the charts and listed in the Events view: by category, by platform (an event
/// of no particular platform always shows), and by date range.
pub fn event_passes(e: &Event, snap: &Snapshot, settings: &Settings) -> bool {
    if let Some(id) = settings.source_filter {
        return id == e.source.id && settings.event_categories.contains(&e.category);
    }
    let platform_ok = match &e.platform {
        None => true,
        Some(id) => snap.platform(id).is_none_or(|p| settings.platform_shown(p)),
    };
    settings.event_categories.contains(&e.category)
        && platform_ok
        && in_range(settings, &e.date, &e.end.unwrap_or(e.date))
}
