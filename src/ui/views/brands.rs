//! Brand and seller metrics: a time chart, or a bar chart when every figure shown is for one
//! period (AliExpress's count of brands doing twice their Amazon daily sales, say).

use eframe::egui::{self, RichText};

use super::gmv::measure_reserve;
use super::{ViewCtx, chart_height, events_toggle_ui, measure_bar_ui, reset_zoom_ui, toggle_ui};
use crate::dashboard::chart_model::{ChartSpec, YMode};
use crate::dashboard::settings::BRAND_METRICS;
use crate::ui::actions::Action;
use crate::ui::chart::bars::{bar_chart_ui, single_period};
use crate::ui::chart::{ChartFrame, Legend, chart_header_ui, kinds_key_ui, time_chart_ui};
use crate::ui::tokens;

/// The brand metrics, then any other metric with figures that no view charts (a synthetic or an
/// imported metric of its own), so every figure in the store can be charted somewhere.
fn brand_view_metrics(snap: &crate::dashboard::snapshot::Snapshot) -> Vec<String> {
    const CHARTED_ELSEWHERE: [&str; 4] = ["gmv", "gmv_yoy", "downloads", "downloads_per_day"];
    let mut metrics: Vec<String> = BRAND_METRICS.iter().map(|m| m.to_string()).collect();
    for m in &snap.metrics {
        let known =
            BRAND_METRICS.contains(&m.id.as_str()) || CHARTED_ELSEWHERE.contains(&m.id.as_str());
        if !known && snap.figure_count(&m.id) > 0 {
            metrics.push(m.id.clone());
        }
    }
    metrics
}

pub fn brand_sales_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    if cx.chrome {
        brand_toolbar_ui(ui, cx);
    }
    brand_chart_ui(ui, cx);
}

/// The metrics offered: the brand and seller counts, and the one on screen when a saved view or
/// story step chose another (de minimis entries, say), so the buttons always name what is shown.
fn offered_metrics(snap: &crate::dashboard::snapshot::Snapshot, current: &str) -> Vec<String> {
    let mut metrics = brand_view_metrics(snap);
    if !current.is_empty() && !metrics.iter().any(|m| m == current) {
        metrics.push(current.to_string());
    }
    metrics
}

fn brand_toolbar_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Metric:");
        for metric in offered_metrics(cx.snap, &cx.settings.brand_metric) {
            let metric = metric.as_str();
            let n = cx.snap.figure_count(metric);
            let name = cx.snap.metric_name(metric);
            let selected = cx.settings.brand_metric == metric;
            if ui
                .selectable_label(
                    selected,
                    format!("{name} ({})", crate::model::format::grouped(n)),
                )
                .on_hover_text(
                    cx.snap
                        .metric(metric)
                        .map(|m| m.description.as_str())
                        .unwrap_or(""),
                )
                .clicked()
            {
                cx.settings.brand_metric = metric.to_string();
                cx.inter.explore.measure.clear();
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        toggle_ui(
            ui,
            cx.settings.log_scale,
            Action::ToggleLog,
            "Log scale",
            cx.actions,
        );
        ui.separator();
        events_toggle_ui(ui, cx);
        ui.separator();
        reset_zoom_ui(ui, cx.actions);
    });
}

fn brand_chart_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let spec = ChartSpec {
        metric: cx.settings.brand_metric.clone(),
        derived_from: None,
        y_mode: if cx.settings.log_scale {
            YMode::Log
        } else {
            YMode::Linear
        },
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
        id: "brand-sales",
        height_px: chart_height(ui, 1, measure_reserve(cx)),
        link: None,
        x_bounds: None,
        legend: Legend::for_chrome(cx.chrome),
    };
    time_chart_ui(ui, cx.snap, &model, &frame, cx.inter, cx.resets);
    measure_bar_ui(ui, cx);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metric_on_screen_is_always_offered() {
        // A store without figures: only the brand metrics, and the one on screen.
        let snap = crate::dashboard::snapshot::Snapshot::default();
        assert_eq!(offered_metrics(&snap, "sellers").len(), BRAND_METRICS.len());
        let with_entries = offered_metrics(&snap, "de_minimis_entries");
        assert_eq!(with_entries.len(), BRAND_METRICS.len() + 1);
        assert_eq!(
            with_entries.last().map(String::as_str),
            Some("de_minimis_entries")
        );
    }
}
