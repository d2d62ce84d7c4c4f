//! Charts: time series ([`time_series`]) and single-period bars ([`bars`]) drawn from their
//! models, with their axes ([`axes`]), what sits around them ([`legend`], [`marks`]), where things
//! are on screen ([`geometry`], pure) and the provenance tooltips ([`tooltip`]).

pub(crate) mod axes;
pub(crate) mod bars;
pub(crate) mod geometry;
pub(crate) mod legend;
pub(crate) mod marks;
pub(crate) mod pinned;
pub(crate) mod time_series;
pub(crate) mod tooltip;

use std::collections::HashMap;

use eframe::egui;

use crate::dashboard::chart_model::YMode;

pub(crate) use crate::dashboard::measure_text::{pct, pct_signed, signed};
pub(crate) use legend::{
    chart_header_ui, empty_state_ui, kinds_key_ui, kinds_line_sample_ui, legend_entries, legend_ui,
};
pub(crate) use time_series::time_chart_ui;

/// Where and how a chart is laid out in its view.
pub struct ChartFrame<'a> {
    /// Unique per chart; also names the chart in measurements and screen points.
    pub id: &'a str,
    pub height_px: f32,
    /// Charts stacked on one time axis share this group.
    pub link: Option<egui::Id>,
    /// The data bounds shared by a stack; otherwise the model's own.
    pub x_bounds: Option<(f64, f64)>,
    /// The legend the chart draws above it (a stack draws one for both).
    pub legend: Legend,
}

/// A chart's legend: checkboxes that hide and solo series on the dashboard, plain names on a
/// slide or an exported image, where a checkbox is only noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legend {
    None,
    Toggles,
    Names,
}

impl Legend {
    /// The legend for a chart drawn with or without the view's controls.
    pub fn for_chrome(chrome: bool) -> Legend {
        if chrome {
            Legend::Toggles
        } else {
            Legend::Names
        }
    }
}

/// Zoom resets requested (R) and applied per chart, with the y mode each chart last drew in: a
/// switch to log or index must refit the y axis.
#[derive(Debug, Default)]
pub struct ZoomResets {
    pub requested: u64,
    applied: HashMap<String, (u64, YMode)>,
}

impl ZoomResets {
    pub(crate) fn take(&mut self, chart: &str, mode: YMode) -> bool {
        let wanted = (self.requested, mode);
        let previous = self.applied.insert(chart.to_string(), wanted);
        previous != Some(wanted) && previous.is_some()
    }
}

pub fn plot_id(chart: &str) -> egui::Id {
    egui::Id::unique(("marketscope-chart", chart))
}
