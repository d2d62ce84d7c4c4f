//! GMV per platform over time, with log scale and index-to-100.

use eframe::egui;

use super::{ViewCtx, chart_height, level_toolbar_ui, measure_bar_ui};
use crate::dashboard::chart_model::ChartSpec;
use crate::ui::chart::{ChartFrame, Legend, chart_header_ui, kinds_key_ui, time_chart_ui};

pub fn gmv_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    level_toolbar_ui(ui, cx, true);
    let spec = ChartSpec {
        metric: "gmv".into(),
        derived_from: None,
        y_mode: cx.level_mode(),
    };
    let model = cx.charts.get(cx.snap, cx.settings, &spec);
    chart_header_ui(ui, &model);
    kinds_key_ui(ui, false, cx.chrome);
    let height = chart_height(ui, 1, measure_reserve(cx));
    let frame = ChartFrame {
        id: "gmv",
        height_px: height,
        link: None,
        x_bounds: None,
        legend: Legend::for_chrome(cx.chrome),
    };
    time_chart_ui(ui, cx.snap, &model, &frame, cx.inter, cx.resets);
    measure_bar_ui(ui, cx);
}

/// Room kept under the charts for the measure bar: always the same, so the charts do not move
/// under the pointer when a measurement starts.
pub(super) fn measure_reserve(cx: &ViewCtx<'_>) -> f32 {
    if cx.chrome {
        crate::ui::tokens::MEASURE_BAR_HEIGHT_PX + crate::ui::tokens::PANEL_GAP_PX
    } else {
        crate::ui::tokens::PANEL_GAP_PX
    }
}
