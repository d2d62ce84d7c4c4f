//! Where each drawn point and event marker was on screen last frame (for hit tests, and for the
//! headless tests that hover known points), beside the exploring that outlives a frame
//! ([`crate::dashboard::interaction::Exploration`]).

use std::sync::Arc;

use eframe::egui::Pos2;

use crate::dashboard::chart_model::{ChartModel, Mark};
use crate::dashboard::interaction::{Emphasis, Exploration};
use crate::model::{Kind, Period};

/// One drawn point, where it was on screen last frame.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenPoint {
    pub chart: String,
    pub series: String,
    pub platform: String,
    pub region: String,
    pub metric: String,
    pub period: String,
    pub value: f64,
    pub kind: Kind,
    pub mark: Mark,
    pub pos: Pos2,
}

/// A chart as drawn: its model, and for each point on screen (series index, point index, position).
#[derive(Debug, Clone)]
pub struct DrawnChart {
    pub chart: String,
    pub model: Arc<ChartModel>,
    pub positions: Vec<(u32, u32, Pos2)>,
    pub dense: Vec<DenseOnScreen>,
}

/// A long series' drawn figures on screen: (series index, long line index, each figure's index
/// in the series and its position).
pub type DenseOnScreen = (u32, u32, Vec<(u32, Pos2)>);

/// One long series as drawn this frame, in plot coordinates: the real figures the decimation
/// kept (their indices in the series), for hover and the note under the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnDense {
    /// Index among the chart's visible series.
    pub series: usize,
    /// Index in that series' long lines.
    pub line: usize,
    pub points: Vec<[f64; 2]>,
    pub indices: Vec<u32>,
    pub decimated: bool,
    /// Figures of the line inside the date range.
    pub total: usize,
}

/// One event marker, where it was on screen last frame: its line (dated events) or the start of
/// its bar in the lane at the top (events known to a month, a year or a span).
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenEvent {
    pub chart: String,
    pub title: String,
    pub x: f32,
    /// Where to point at it: halfway down a line, in the lane for a bar.
    pub pos: Pos2,
}

/// The exploring (kept) and where things were drawn (refreshed every frame).
#[derive(Debug, Default)]
pub struct Interaction {
    pub explore: Exploration,
    /// The hovered x of the previous frame, drawn in every chart of a stack.
    pub cursor_x: Option<f64>,
    pub next_cursor_x: Option<f64>,
    /// The charts drawn last frame and where their points were; [`Interaction::screen_points`]
    /// describes them on demand (naming 20,000 points every frame would cost milliseconds).
    pub drawn: Vec<DrawnChart>,
    /// Bars of the bar chart, described as they are drawn (there are few).
    pub bar_points: Vec<ScreenPoint>,
    /// The sources of the bars drawn, for an exported chart's footer.
    pub bar_sources: Vec<crate::model::Source>,
    pub screen_events: Vec<ScreenEvent>,
    /// How each series was drawn last frame (chart id, series name, emphasis), for tests.
    pub drawn_emphasis: Vec<(String, String, Emphasis)>,
    /// The labels each chart's time axis drew last frame (chart id, labels), for tests.
    pub x_tick_labels: Vec<(String, Vec<String>)>,
    /// Windows of long series drawn this frame from overviews too coarse for the zoom.
    pub detail_wanted: Vec<crate::dashboard::details::DetailWindow>,
}

impl Interaction {
    pub fn begin_frame(&mut self) {
        self.cursor_x = self.next_cursor_x.take();
        self.drawn.clear();
        self.bar_points.clear();
        self.bar_sources.clear();
        self.screen_events.clear();
        self.drawn_emphasis.clear();
        self.x_tick_labels.clear();
        self.detail_wanted.clear();
        self.explore.begin_frame();
    }

    pub fn record_x_labels(&mut self, chart: &str, labels: Vec<String>) {
        self.x_tick_labels.push((chart.to_string(), labels));
    }

    /// Every point drawn last frame, described.
    pub fn screen_points(&self) -> Vec<ScreenPoint> {
        let mut out = self.bar_points.clone();
        for drawn in &self.drawn {
            for &(s, p, pos) in &drawn.positions {
                let Some(series) = drawn.model.series.get(s as usize) else {
                    continue;
                };
                let Some(point) = series.points.get(p as usize) else {
                    continue;
                };
                out.push(ScreenPoint {
                    chart: drawn.chart.clone(),
                    series: series.name.clone(),
                    platform: series.platform.clone(),
                    region: series.region.clone(),
                    metric: match point.mark {
                        Mark::Computed => format!("{} (computed)", drawn.model.spec.metric),
                        _ => drawn.model.spec.metric.clone(),
                    },
                    period: point.period.label(),
                    value: point.value,
                    kind: point.kind,
                    mark: point.mark,
                    pos,
                });
            }
            for (s, l, points) in &drawn.dense {
                let Some(series) = drawn.model.series.get(*s as usize) else {
                    continue;
                };
                let Some(line) = series.dense.get(*l as usize) else {
                    continue;
                };
                for &(i, pos) in points {
                    let (Some(date), Some([_, value])) =
                        (line.data.date(i as usize), line.data.lod.point(i as usize))
                    else {
                        continue;
                    };
                    out.push(ScreenPoint {
                        chart: drawn.chart.clone(),
                        series: series.name.clone(),
                        platform: series.platform.clone(),
                        region: series.region.clone(),
                        metric: drawn.model.spec.metric.clone(),
                        period: Period::new(date, crate::model::Grain::Day).label(),
                        value,
                        kind: line.data.kind,
                        mark: Mark::Figure,
                        pos,
                    });
                }
            }
        }
        out
    }
}
