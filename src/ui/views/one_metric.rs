//! One metric charted with everything the curated views have: the header, kinds key, legend,
//! provenance tooltips, events and the measure bar; a bar chart when every figure shown is for
//! one period. The Brand sales and Metrics views draw their chosen metric with it.

use eframe::egui::{self, RichText};

use super::gmv::measure_reserve;
use super::{ViewCtx, chart_height, measure_bar_ui};
use crate::dashboard::chart_model::{ChartSpec, YMode};
use crate::ui::chart::bars::{bar_chart_ui, single_period};
use crate::ui::chart::{ChartFrame, Legend, chart_header_ui, kinds_key_ui, time_chart_ui};
use crate::ui::tokens;

/// `metric` in the chart `chart_id`, on the y axis `y_mode` asks for.
pub(super) fn one_metric_chart_ui(
    ui: &mut egui::Ui,
    cx: &mut ViewCtx<'_>,
    metric: &str,
    chart_id: &str,
    y_mode: YMode,
) {
    let spec = ChartSpec {
        metric: metric.to_string(),
        derived_from: None,
        y_mode,
    };
    let model = cx.charts.get(cx.snap, cx.settings, &spec);
    if let Some(period) = single_period(&model) {
        // A bar's length is its value only from zero: bars are drawn on a linear axis.
        let linear = ChartSpec {
            y_mode: YMode::Linear,
            ..spec
        };
        let model = cx.charts.get(cx.snap, cx.settings, &linear);
        chart_header_ui(ui, &model);
        ui.label(
            RichText::new(format!(
                "Every figure shown is for {}: compared side by side, from zero.",
                period.label()
            ))
            .weak(),
        );
        let height = chart_height(ui, 1, tokens::KEY_GAP_PX);
        bar_chart_ui(
            ui,
            cx.snap,
            &model,
            cx.inter,
            Legend::for_chrome(cx.chrome),
            height,
        );
        return;
    }
    chart_header_ui(ui, &model);
    kinds_key_ui(ui, false, cx.chrome);
    let frame = ChartFrame {
        id: chart_id,
        height_px: chart_height(ui, 1, measure_reserve(cx)),
        link: None,
        x_bounds: None,
        legend: Legend::for_chrome(cx.chrome),
    };
    time_chart_ui(ui, cx.snap, &model, &frame, cx.inter, cx.resets);
    measure_bar_ui(ui, cx);
}
