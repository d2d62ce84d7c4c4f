//! The chart model's types: what a chart draws (series of points, their headline segments, long
//! series as decimated lines, event marks) and what it says (notes, the empty state).

use std::collections::HashMap;
use std::sync::Arc;

use super::super::dense::DenseSeries;
use super::super::snapshot::Snapshot;
use crate::analysis::{DerivedGrowth, index_value, to_log10};
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
