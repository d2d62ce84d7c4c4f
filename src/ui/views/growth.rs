//! Year-on-year growth: computed from GMV (same platform, region and grain) beside the growth
//! figures sources published, optionally stacked under GMV on one time axis with a shared cursor.

use eframe::egui;

use super::gmv::measure_reserve;
use super::{
    ViewCtx, chart_height, events_toggle_ui, measure_bar_ui, quick_ranges_ui, reset_zoom_ui,
    toggle_ui,
};
use crate::dashboard::chart_model::{ChartSpec, YMode};
use crate::ui::actions::Action;
use crate::ui::chart::{
    ChartFrame, Legend, chart_header_ui, kinds_key_ui, legend_entries, legend_ui, time_chart_ui,
};
use crate::ui::tokens;

pub fn growth_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    if cx.chrome {
        growth_toolbar_ui(ui, cx);
    }
    growth_charts_ui(ui, cx);
    measure_bar_ui(ui, cx);
}

fn growth_toolbar_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    ui.horizontal_wrapped(|ui| {
        toggle_ui(
            ui,
            cx.settings.stack_gmv_with_growth,
            Action::ToggleStack,
            "Stack GMV above",
            cx.actions,
        );
        ui.separator();
        events_toggle_ui(ui, cx);
        ui.separator();
        reset_zoom_ui(ui, cx.actions);
    });
    quick_ranges_ui(ui, cx);
}

fn growth_charts_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let growth = cx.charts.get(
        cx.snap,
        cx.settings,
        &ChartSpec {
            metric: "gmv_yoy".into(),
            derived_from: Some("gmv".into()),
            y_mode: YMode::Linear,
        },
    );
    kinds_key_ui(ui, true, cx.chrome);
    let reserve = measure_reserve(cx);
    if cx.settings.stack_gmv_with_growth {
        let gmv = cx.charts.get(
            cx.snap,
            cx.settings,
            &ChartSpec {
                metric: "gmv".into(),
                derived_from: None,
                y_mode: cx.level_mode(),
            },
        );
        // One time axis: both charts start from the union of their data.
        let bounds = match (gmv.x_bounds, growth.x_bounds) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        let link = Some(egui::Id::unique("gmv-growth-stack"));
        let height = chart_height(
            ui,
            2,
            reserve
                + 2.0
                    * (ui.text_style_height(&egui::TextStyle::Heading)
                        + tokens::CHART_HEADER_EXTRA_PX),
        );
        legend_ui(
            ui,
            &legend_entries(&[&gmv, &growth]),
            &mut cx.inter.explore.hidden_series,
            Legend::for_chrome(cx.chrome),
        );
        chart_header_ui(ui, &gmv);
        let top = ChartFrame {
            id: "growth-stack-gmv",
            height_px: height,
            link,
            x_bounds: bounds,
            legend: Legend::None,
        };
        time_chart_ui(ui, cx.snap, &gmv, &top, cx.inter, cx.resets);
        chart_header_ui(ui, &growth);
        let bottom = ChartFrame {
            id: "growth",
            height_px: height,
            link,
            x_bounds: bounds,
            legend: Legend::None,
        };
        time_chart_ui(ui, cx.snap, &growth, &bottom, cx.inter, cx.resets);
    } else {
        chart_header_ui(ui, &growth);
        let frame = ChartFrame {
            id: "growth",
            height_px: chart_height(ui, 1, reserve),
            link: None,
            x_bounds: None,
            legend: Legend::for_chrome(cx.chrome),
        };
        time_chart_ui(ui, cx.snap, &growth, &frame, cx.inter, cx.resets);
    }
}
