//! Brand and seller metrics: a time chart, or a bar chart when every figure shown is for one
//! period (AliExpress's count of brands doing twice their Amazon daily sales, say).

use eframe::egui::{self, RichText};
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotPoint};

use super::gmv::measure_reserve;
use super::{ViewCtx, chart_height, events_toggle_ui, measure_bar_ui, reset_zoom_ui, toggle_ui};
use crate::ui::actions::Action;
use crate::ui::chart::{
    ChartFrame, Legend, chart_header_ui, empty_state_ui, kinds_key_ui, time_chart_ui,
};
use crate::ui::chart_model::{ChartModel, ChartSpec, YMode};
use crate::ui::interaction::ScreenPoint;
use crate::ui::settings::BRAND_METRICS;
use crate::ui::{axes, tokens, tooltip};

/// The brand metrics, then any other metric with figures that no view charts (a synthetic or an
/// imported metric of its own), so every figure in the store can be charted somewhere.
fn brand_view_metrics(snap: &crate::ui::snapshot::Snapshot) -> Vec<String> {
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
fn offered_metrics(snap: &crate::ui::snapshot::Snapshot, current: &str) -> Vec<String> {
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
                cx.inter.measure.clear();
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
        bar_chart_ui(ui, cx, &model, height);
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

fn single_period(model: &ChartModel) -> Option<crate::model::Period> {
    if model.series.iter().any(|s| !s.dense.is_empty()) {
        return None;
    }
    let mut periods = model
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period));
    let first = periods.next()?;
    periods.all(|p| p == first).then_some(first)
}

/// One bar per figure, grouped by series, labelled with the series name.
fn bar_chart_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, model: &ChartModel, height: f32) {
    if let Some(empty) = &model.empty {
        empty_state_ui(ui, empty, height);
        return;
    }
    let top = ui.cursor().top();
    crate::ui::chart::legend_ui(
        ui,
        &crate::ui::chart::legend_entries(&[model]),
        &mut cx.inter.hidden_series,
        Legend::for_chrome(cx.chrome),
    );
    let height = (height - (ui.cursor().top() - top)).max(tokens::CHART_MIN_HEIGHT_PX);
    let shown: Vec<&crate::ui::chart_model::Series> = model
        .series
        .iter()
        .filter(|s| !cx.inter.hidden_series.contains(&s.name))
        .collect();
    // (series index, point index) per bar, in x order.
    let bars: Vec<(usize, usize)> = shown
        .iter()
        .enumerate()
        .flat_map(|(s, series)| (0..series.points.len()).map(move |p| (s, p)))
        .collect();
    let names: Vec<String> = bars.iter().map(|&(s, _)| shown[s].name.clone()).collect();
    let unit = model.unit;
    let mode = model.spec.y_mode;
    // Centred, and never wider than a few bars' slots each.
    let centre = (bars.len() as f64 - 1.0) / 2.0;
    let half_width = (bars.len() as f64).max(tokens::BAR_MIN_SLOTS) / 2.0;
    // Room above the tallest bar for its label.
    let top = shown
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.y))
        .fold(0.0, f64::max);
    let response = Plot::new("brand-bars")
        .id(egui::Id::unique("marketscope-brand-bars"))
        .height(height)
        .show_x(false)
        .show_y(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(top * tokens::BAR_HEADROOM)
        .include_x(centre - half_width)
        .include_x(centre + half_width)
        .custom_y_axes(vec![axes::y_axis(unit, mode)])
        .x_grid_spacer(move |_input| {
            (0..bars.len())
                .map(|i| GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .x_axis_formatter(move |mark, _range| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot_ui| {
            let mut x = 0usize;
            for series in &shown {
                let colour = tokens::platform_colour(series.colour);
                let bars: Vec<Bar> = series
                    .points
                    .iter()
                    .map(|p| {
                        let bar = Bar::new(x as f64, p.y)
                            .width(tokens::BAR_WIDTH)
                            .fill(colour);
                        x += 1;
                        bar
                    })
                    .collect();
                plot_ui.bar_chart(
                    BarChart::new(series.name.clone(), bars)
                        .color(colour)
                        .allow_hover(false),
                );
            }
        });
    let mut x = 0.0;
    for series in &shown {
        for p in &series.points {
            if let Some(o) = model.observation(cx.snap, p.origin) {
                cx.inter.bar_sources.push(o.source.clone());
            }
            let pos = response
                .transform
                .position_from_point(&PlotPoint::new(x, p.y));
            cx.inter.bar_points.push(ScreenPoint {
                chart: "brand-bars".into(),
                series: series.name.clone(),
                platform: series.platform.clone(),
                region: series.region.clone(),
                metric: model.spec.metric.clone(),
                period: p.period.label(),
                value: p.value,
                kind: p.kind,
                mark: p.mark,
                pos,
            });
            x += 1.0;
        }
    }
    bar_labels_ui(ui, &response.transform, &shown, unit);
    let Some(pointer) = response.response.hover_pos() else {
        return;
    };
    let at = response.transform.value_from_position(pointer);
    let i = at.x.round();
    if (at.x - i).abs() > tokens::BAR_WIDTH / 2.0 || i < 0.0 {
        return;
    }
    let mut flat = shown
        .iter()
        .flat_map(|s| s.points.iter().map(move |p| (*s, p)));
    if let Some((series, point)) = flat.nth(i as usize) {
        let top = response
            .transform
            .position_from_point(&PlotPoint::new(i, point.y));
        if pointer.y >= top.y - tokens::HOVER_RADIUS_PX {
            egui::Tooltip::for_widget(&response.response)
                .at_pointer()
                .show(|ui| {
                    tooltip::point_tooltip_ui(
                        ui,
                        cx.snap,
                        model,
                        series,
                        point,
                        "One period: nothing to measure.",
                    )
                });
        }
    }
}

/// Each bar's figure above it, as the source words it ("more than 300"): a bar chart is read
/// from across a room, where the axis is too small to read values off.
fn bar_labels_ui(
    ui: &egui::Ui,
    transform: &egui_plot::PlotTransform,
    shown: &[&crate::ui::chart_model::Series],
    unit: crate::model::Unit,
) {
    let painter = ui.painter_at(*transform.frame());
    let colour = ui.visuals().strong_text_color();
    let points = shown.iter().flat_map(|s| s.points.iter());
    for (x, p) in points.enumerate() {
        let top = transform.position_from_point(&PlotPoint::new(x as f64, p.y));
        painter.text(
            top - egui::vec2(0.0, tokens::BAR_LABEL_GAP_PX),
            egui::Align2::CENTER_BOTTOM,
            crate::model::format::qualified(p.value, unit, p.qualifier),
            tokens::heading_font(),
            colour,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metric_on_screen_is_always_offered() {
        // A store without figures: only the brand metrics, and the one on screen.
        let snap = crate::ui::snapshot::Snapshot::default();
        assert_eq!(offered_metrics(&snap, "sellers").len(), BRAND_METRICS.len());
        let with_entries = offered_metrics(&snap, "de_minimis_entries");
        assert_eq!(with_entries.len(), BRAND_METRICS.len() + 1);
        assert_eq!(
            with_entries.last().map(String::as_str),
            Some("de_minimis_entries")
        );
    }
}
