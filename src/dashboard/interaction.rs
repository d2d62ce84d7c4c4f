//! The exploring that outlives a frame: the two points of a measurement, the event whose
//! details are open, the series hidden from the legend, a story step's highlights and the window
//! the charts are going to. Where things were drawn on screen is the `ui`'s, frame by frame.

use std::collections::BTreeSet;

use super::chart_model::{ChartModel, ChartPoint, Mark, Origin, YMode};
use super::settings::ChartWindow;
use super::snapshot::Snapshot;
use crate::analysis::animate::{Window, window_at};
use crate::analysis::{DerivedGrowth, Measurement, measure};
use crate::model::{Observation, Period, Unit};

/// A point chosen for measuring, remembered by what it is rather than where it is drawn, so it
/// survives zooming and the log/index toggles.
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    pub chart: String,
    pub series: String,
    pub period: Period,
    pub value: f64,
    pub mark: Mark,
    /// The figure measured from/to (a computed growth becomes a figure of its own).
    pub figure: Observation,
}

/// What the user is exploring, kept from frame to frame.
#[derive(Debug, Default)]
pub struct Exploration {
    pub measure: Vec<Picked>,
    /// The figure last clicked, shown in a window of its own so its text and URL can be selected,
    /// copied and opened.
    pub pinned: Option<Picked>,
    /// Index into the snapshot's events of the one whose details are shown.
    pub selected_event: Option<usize>,
    /// Series hidden from the legend (by name, in every chart); the side panel's choices are apart.
    pub hidden_series: BTreeSet<String>,
    /// A shift-drag in progress: chart id, x where it started, the series under the pointer.
    pub range_drag: Option<(String, f64, Option<String>)>,
    /// Platform ids or event titles the presented step emphasises; empty outside presenter mode.
    pub highlights: Vec<String>,
    /// The window the charts move to (a view opened, a story step shown), until it is reached.
    pub window_goal: Option<WindowGoal>,
    /// The first chart drawn last frame and its visible window (what a saved view captures).
    pub shown_window: Option<ShownWindow>,
    next_shown_window: Option<ShownWindow>,
}

/// A chart's window as drawn: its id and y mode (a window means nothing in another mode).
#[derive(Debug, Clone, PartialEq)]
pub struct ShownWindow {
    pub chart: String,
    pub mode: YMode,
    pub bounds: Window,
    /// Fitted to the data (never zoomed or panned since).
    pub auto: bool,
}

/// Where the charts are going: a saved window (None: fit to the data), animated from where the
/// chart was when the goal was set, if that was the same chart in the same mode.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowGoal {
    pub target: Option<ChartWindow>,
    pub from: Option<ShownWindow>,
    started_s: Option<f64>,
    /// Some chart was still on its way there this frame.
    moving: bool,
    frames: u32,
}

impl WindowGoal {
    pub fn new(target: Option<ChartWindow>, from: Option<ShownWindow>) -> WindowGoal {
        WindowGoal {
            target,
            from,
            started_s: None,
            moving: false,
            frames: 0,
        }
    }
}

/// What a chart does with its bounds this frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WindowCommand {
    /// Whatever the user did last.
    Keep,
    Set(Window),
    /// Fit to the data.
    Fit,
}

/// How a series or event marker stands out: a story step's highlights are drawn strong and, when
/// a chart has highlighted series, its other series dimmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Emphasis {
    Normal,
    Strong,
    Dimmed,
}

impl Exploration {
    /// The emphasis of each of `platforms` (one per series) under the current highlights.
    pub fn series_emphasis<'a>(
        &self,
        platforms: impl Iterator<Item = &'a str> + Clone,
    ) -> Vec<Emphasis> {
        let any = platforms
            .clone()
            .any(|p| self.highlights.iter().any(|h| h == p));
        platforms
            .map(|p| {
                if !any {
                    Emphasis::Normal
                } else if self.highlights.iter().any(|h| h == p) {
                    Emphasis::Strong
                } else {
                    Emphasis::Dimmed
                }
            })
            .collect()
    }

    pub fn event_emphasised(&self, title: &str) -> bool {
        self.highlights.iter().any(|h| h == title)
    }

    /// The bounds `chart` (drawn in `mode`, fitting its data at `fit`) takes at time `now_s`, and
    /// whether it is still moving. The saved window applies to the chart it was saved from; the
    /// others fit their data.
    pub fn window_command(
        &mut self,
        chart: &str,
        mode: YMode,
        fit: Option<Window>,
        now_s: f64,
        duration_s: f64,
    ) -> (WindowCommand, bool) {
        let Some(goal) = self.window_goal.as_mut() else {
            return (WindowCommand::Keep, false);
        };
        let started = *goal.started_s.get_or_insert(now_s);
        let t = if duration_s > 0.0 {
            (now_s - started) / duration_s
        } else {
            1.0
        };
        let to = goal
            .target
            .as_ref()
            .filter(|w| w.chart == chart)
            .map(ChartWindow::bounds);
        let from = goal
            .from
            .as_ref()
            .filter(|f| f.chart == chart && f.mode == mode)
            .map(|f| f.bounds);
        if let (Some(from), Some(end)) = (from, to.or(fit))
            && t < 1.0
        {
            goal.moving = true;
            return (WindowCommand::Set(window_at(from, end, t)), true);
        }
        (
            to.map(WindowCommand::Set).unwrap_or(WindowCommand::Fit),
            false,
        )
    }

    /// Called by each chart after drawing; the first one of a frame is the view's window.
    pub fn record_window(&mut self, chart: &str, mode: YMode, bounds: Window, auto: bool) {
        if self.next_shown_window.is_none() {
            self.next_shown_window = Some(ShownWindow {
                chart: chart.to_string(),
                mode,
                bounds,
                auto,
            });
        }
    }

    /// The window to save with a view: None when the chart fits its data.
    pub fn saved_window(&self) -> Option<ChartWindow> {
        let shown = self.shown_window.as_ref().filter(|w| !w.auto)?;
        let [x0, x1, y0, y1] = shown.bounds;
        Some(ChartWindow {
            chart: shown.chart.clone(),
            x: [x0, x1],
            y: [y0, y1],
        })
    }
}

impl Exploration {
    /// At the start of a frame: last frame's window becomes the shown one, and a goal reached
    /// (or taken up by no chart) is dropped.
    pub fn begin_frame(&mut self) {
        self.shown_window = self.next_shown_window.take();
        if let Some(goal) = &mut self.window_goal {
            goal.frames += 1;
            // Reached, or no chart took it up (the step shows a table): it is not kept for later.
            let reached = goal.started_s.is_some() && !goal.moving;
            if reached || (goal.started_s.is_none() && goal.frames > 2) {
                self.window_goal = None;
            } else {
                goal.moving = false;
            }
        }
    }

    /// A click on a point: the first starts a measurement, the second completes it, a third
    /// starts over.
    /// A click on a figure: it is pinned, and measured from (or to).
    pub fn pick(&mut self, picked: Picked) {
        self.pinned = Some(picked.clone());
        if self.measure.len() >= 2 {
            self.measure.clear();
        }
        if self.measure.first() == Some(&picked) {
            return;
        }
        self.measure.push(picked);
    }

    pub fn measurement(&self) -> Option<Measurement> {
        match self.measure.as_slice() {
            [a, b] => Some(measure(&a.figure, &b.figure)),
            _ => None,
        }
    }
}

/// The figure behind a point: the observation itself, or for computed growth a figure that
/// carries the rate with the later input's provenance.
pub fn figure_of(snap: &Snapshot, model: &ChartModel, point: &ChartPoint) -> Option<Observation> {
    match point.origin {
        // A figure converted into the display currency is measured as drawn.
        Origin::Observation(i) => snap
            .observations
            .get(i)
            .map(|o| match model.converted.get(&i) {
                Some(c) => Observation {
                    value: c.point.value,
                    unit: model.unit,
                    kind: c.point.kind,
                    note: super::chart_model::converted_note(c, o.unit),
                    ..o.clone()
                },
                None => o.clone(),
            }),
        Origin::Derived(d) => model.derived.get(d).map(derived_figure),
    }
}

pub fn derived_figure(g: &DerivedGrowth) -> Observation {
    Observation {
        platform: g.platform.clone(),
        metric: "gmv_yoy".into(),
        region: g.region.clone(),
        period: g.period,
        value: g.value_pct,
        unit: Unit::Percent,
        kind: g.kind,
        qualifier: g.qualifier,
        source: g.current.source.clone(),
        note: "computed from GMV".into(),
        published: g.current.published,
    }
}
