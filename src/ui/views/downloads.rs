//! App downloads per platform, by region, with average daily downloads below when there are any.

use eframe::egui;

use super::gmv::measure_reserve;
use super::{ViewCtx, chart_height, level_toolbar_ui, measure_bar_ui};
use crate::dashboard::chart_model::ChartSpec;
use crate::ui::chart::{ChartFrame, Legend, chart_header_ui, kinds_key_ui, time_chart_ui};

pub fn downloads_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    level_toolbar_ui(ui, cx, false);
    let mode = if cx.settings.log_scale {
        crate::dashboard::chart_model::YMode::Log
    } else {
        crate::dashboard::chart_model::YMode::Linear
    };
    let downloads = cx.charts.get(
        cx.snap,
        cx.settings,
        &ChartSpec {
            metric: "downloads".into(),
            derived_from: None,
            y_mode: mode,
        },
    );
    let per_day = cx.charts.get(
        cx.snap,
        cx.settings,
        &ChartSpec {
            metric: "downloads_per_day".into(),
            derived_from: None,
            y_mode: mode,
        },
    );
    kinds_key_ui(ui, false, cx.chrome);
    // Two charts only when the second has something to show; the first always says why if not.
    let both = per_day.empty.is_none();
    let reserve = measure_reserve(cx) + if both { 30.0 } else { 0.0 };
    let height = chart_height(ui, if both { 2 } else { 1 }, reserve);
    chart_header_ui(ui, &downloads);
    let frame = ChartFrame {
        id: "downloads",
        height_px: height,
        link: None,
        x_bounds: None,
        legend: Legend::for_chrome(cx.chrome),
    };
    time_chart_ui(ui, cx.snap, &downloads, &frame, cx.inter, cx.resets);
    if both {
        chart_header_ui(ui, &per_day);
        let frame = ChartFrame {
            id: "downloads-per-day",
            height_px: height,
            link: None,
            x_bounds: None,
            legend: Legend::for_chrome(cx.chrome),
        };
        time_chart_ui(ui, cx.snap, &per_day, &frame, cx.inter, cx.resets);
    }
    measure_bar_ui(ui, cx);
}
