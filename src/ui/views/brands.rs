//! Brand and seller metrics: a time chart, or a bar chart when every figure shown is for one
//! period (AliExpress's count of brands doing twice their Amazon daily sales, say).

use eframe::egui;

use super::one_metric::one_metric_chart_ui;
use super::{ViewCtx, events_toggle_ui, quick_ranges_ui, reset_zoom_ui, toggle_ui};
use crate::dashboard::chart_model::YMode;
use crate::dashboard::metrics::{MetricGroup, metric_catalogue};
use crate::dashboard::settings::BRAND_METRICS;
use crate::dashboard::snapshot::Snapshot;
use crate::ui::actions::Action;

/// The brand and seller metrics: the sample's, then any other of the sellers group with figures.
fn brand_view_metrics(snap: &Snapshot) -> Vec<String> {
    let mut metrics: Vec<String> = BRAND_METRICS.iter().map(|m| m.to_string()).collect();
    for m in metric_catalogue(snap) {
        if m.group == MetricGroup::Sellers && m.figures > 0 && !metrics.contains(&m.id) {
            metrics.push(m.id);
        }
    }
    metrics
}

pub fn brand_sales_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    // Never a metric without figures while another has some (a new store's default is one).
    if cx.snap.figure_count(&cx.settings.brand_metric) == 0
        && let Some(with_figures) = brand_view_metrics(cx.snap)
            .into_iter()
            .find(|m| cx.snap.figure_count(m) > 0)
    {
        cx.settings.brand_metric = with_figures;
    }
    if cx.chrome {
        brand_toolbar_ui(ui, cx);
    }
    brand_chart_ui(ui, cx);
}

/// The metrics offered: the brand and seller counts, and the one on screen when a saved view or
/// story step chose another (de minimis entries, say), so the buttons always name what is shown.
fn offered_metrics(snap: &Snapshot, current: &str) -> Vec<String> {
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
    quick_ranges_ui(ui, cx);
}

fn brand_chart_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let y_mode = if cx.settings.log_scale {
        YMode::Log
    } else {
        YMode::Linear
    };
    let metric = cx.settings.brand_metric.clone();
    one_metric_chart_ui(ui, cx, &metric, "brand-sales", y_mode);
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
