//! Single-period bar charts: when every figure shown is for one period (AliExpress's count of
//! brands doing twice their Amazon daily sales, say), one bar per figure from zero, each
//! labelled with its figure as the source words it.

use eframe::egui;
use egui_plot::{Bar, BarChart, GridMark, Plot, PlotPoint, PlotTransform};

use super::{Legend, axes, empty_state_ui, legend_entries, legend_ui, tooltip};
use crate::dashboard::chart_model::{ChartModel, Series};
use crate::dashboard::snapshot::Snapshot;
use crate::ui::interaction::{Interaction, ScreenPoint};
use crate::ui::tokens;

/// The one period every figure of the model is for, when there is one (and no long series).
pub(crate) fn single_period(model: &ChartModel) -> Option<crate::model::Period> {
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
pub(crate) fn bar_chart_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    model: &ChartModel,
    inter: &mut Interaction,
    legend: Legend,
    height: f32,
) {
    if let Some(empty) = &model.empty {
        empty_state_ui(ui, empty, height);
        return;
    }
    let top = ui.cursor().top();
    legend_ui(
        ui,
        &legend_entries(&[model]),
        &mut inter.explore.hidden_series,
        legend,
    );
    let height = (height - (ui.cursor().top() - top)).max(tokens::CHART_MIN_HEIGHT_PX);
    let shown: Vec<&Series> = model
        .series
        .iter()
        .filter(|s| !inter.explore.hidden_series.contains(&s.name))
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
    record_bar_points(snap, model, inter, &response.transform, &shown);
    bar_labels_ui(ui, &response.transform, &shown, unit);
    bar_hover_ui(snap, model, &response, &shown);
}

/// Each bar's figure above it, as the source words it ("more than 300"): a bar chart is read
/// from across a room, where the axis is too small to read values off.
fn bar_labels_ui(
    ui: &egui::Ui,
    transform: &PlotTransform,
    shown: &[&Series],
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

/// Each bar, described where it landed (for tests), and its source (for an export's footer).
fn record_bar_points(
    snap: &Snapshot,
    model: &ChartModel,
    inter: &mut Interaction,
    transform: &PlotTransform,
    shown: &[&Series],
) {
    let mut x = 0.0;
    for series in shown {
        for p in &series.points {
            if let Some(o) = model.observation(snap, p.origin) {
                inter.bar_sources.push(o.source.clone());
            }
            let pos = transform.position_from_point(&PlotPoint::new(x, p.y));
            inter.bar_points.push(ScreenPoint {
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
}

/// The tooltip of the bar under the pointer.
fn bar_hover_ui(
    snap: &Snapshot,
    model: &ChartModel,
    response: &egui_plot::PlotResponse<()>,
    shown: &[&Series],
) {
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
                        snap,
                        model,
                        series,
                        point,
                        "One period: nothing to measure.",
                    )
                });
        }
    }
}
