//! What a chart paints around its series: event lines and bars, period spans, the measurement's
//! marks and the shift-drag range, and where each point and event landed on screen.

use std::sync::Arc;

use eframe::egui::{self, Color32, Pos2, Rect, Shape, Stroke};
use egui_plot::{LineStyle, PlotTransform};

use super::geometry::{nearest_point, nearest_series_by_y, picked_xy, range_ends, screen};
use super::{pct, pct_signed, signed};
use crate::dashboard::chart_model::{ChartModel, Series};
use crate::dashboard::interaction::{Picked, figure_of};
use crate::dashboard::snapshot::Snapshot;
use crate::ui::interaction::{DrawnChart, DrawnDense, Interaction, ScreenEvent};
use crate::ui::tokens;

pub(crate) fn record_screen_points(
    inter: &mut Interaction,
    chart: &str,
    model: &Arc<ChartModel>,
    transform: &PlotTransform,
    visible: &[&Series],
    dense: &[DrawnDense],
) {
    let frame = *transform.frame();
    let mut positions = Vec::new();
    for (s, series) in model.series.iter().enumerate() {
        if inter.explore.hidden_series.contains(&series.name) {
            continue;
        }
        for (i, p) in series.points.iter().enumerate() {
            let pos = screen(transform, p.x, p.y);
            if frame.contains(pos) {
                positions.push((s as u32, i as u32, pos));
            }
        }
    }
    // Long series by their index in the model, as the sparse points are.
    let dense = dense
        .iter()
        .filter_map(|d| {
            let name = &visible.get(d.series)?.name;
            let s = model.series.iter().position(|m| &m.name == name)?;
            let on_screen = d
                .points
                .iter()
                .zip(&d.indices)
                .map(|(p, &i)| (i, screen(transform, p[0], p[1])))
                .filter(|(_, pos)| frame.contains(*pos))
                .collect();
            Some((s as u32, d.line as u32, on_screen))
        })
        .collect();
    inter.drawn.push(DrawnChart {
        chart: chart.to_string(),
        model: Arc::clone(model),
        positions,
        dense,
    });
}

pub(crate) fn record_screen_events(
    inter: &mut Interaction,
    chart: &str,
    snap: &Snapshot,
    model: &ChartModel,
    transform: &PlotTransform,
) {
    let frame = *transform.frame();
    for mark in &model.events {
        let Some(event) = snap.events.get(mark.index) else {
            continue;
        };
        let x = transform.position_from_point_x(mark.x_start);
        if x < frame.left() || x > frame.right() {
            continue;
        }
        let pos = if mark.x_end > mark.x_start {
            Pos2::new(x + 2.0, frame.top() + tokens::EVENT_LANE_PX * 0.5)
        } else {
            Pos2::new(x, frame.center().y)
        };
        inter.screen_events.push(ScreenEvent {
            chart: chart.to_string(),
            title: event.title.clone(),
            x,
            pos,
        });
    }
}

/// Dated events are dashed lines across the chart with a flag in the lane at the top; events known
/// only to a month, a year or a span are bars in that lane, so an undated "2024" event does not
/// paint over a whole year of figures.
pub(crate) fn event_shapes(
    shapes: &mut Vec<Shape>,
    snap: &Snapshot,
    model: &ChartModel,
    transform: &PlotTransform,
    inter: &Interaction,
) {
    let selected = inter.explore.selected_event;
    let frame = *transform.frame();
    let lane_top = frame.top() + 1.0;
    for mark in &model.events {
        let Some(event) = snap.events.get(mark.index) else {
            continue;
        };
        let colour = tokens::event_colour(event.category);
        let is_selected =
            selected == Some(mark.index) || inter.explore.event_emphasised(&event.title);
        let width = if is_selected {
            tokens::EVENT_LINE_WIDTH_PX * 2.0
        } else {
            tokens::EVENT_LINE_WIDTH_PX
        };
        // Painted behind the plot, so clipped here by hand.
        let x0 = transform.position_from_point_x(mark.x_start);
        let x1 = transform.position_from_point_x(mark.x_end);
        if x1 < frame.left() || x0 > frame.right() {
            continue;
        }
        if mark.x_end > mark.x_start {
            let (l, r) = (x0.max(frame.left()), x1.max(x0 + 2.0).min(frame.right()));
            let bar = Rect::from_x_y_ranges(l..=r, lane_top..=lane_top + tokens::EVENT_LANE_PX);
            shapes.push(Shape::rect_filled(
                bar,
                2.0,
                colour.gamma_multiply(if is_selected {
                    tokens::EVENT_BAR_SELECTED_ALPHA
                } else {
                    tokens::EVENT_BAR_ALPHA
                }),
            ));
            if is_selected {
                shapes.push(Shape::rect_filled(
                    Rect::from_x_y_ranges(l..=r, frame.y_range()),
                    0.0,
                    colour.gamma_multiply(tokens::EVENT_BAND_ALPHA),
                ));
            }
            continue;
        }
        let path = [Pos2::new(x0, frame.top()), Pos2::new(x0, frame.bottom())];
        shapes.extend(Shape::dashed_line(
            &path,
            Stroke::new(
                width,
                colour.gamma_multiply(if is_selected {
                    1.0
                } else {
                    tokens::EVENT_LINE_ALPHA
                }),
            ),
            tokens::EVENT_DASH_PX[0],
            tokens::EVENT_DASH_PX[1],
        ));
        let flag = tokens::EVENT_FLAG_SIZE_PX;
        shapes.push(Shape::convex_polygon(
            vec![
                Pos2::new(x0, lane_top),
                Pos2::new(x0 + flag, lane_top + flag * 0.5),
                Pos2::new(x0, lane_top + flag),
            ],
            colour,
            Stroke::NONE,
        ));
    }
}

/// The bar under each figure that spans its period, behind everything; spans narrower than a few
/// pixels are left out (the marker says it all, and thousands of them would cost frames).
pub(crate) fn span_shapes(shapes: &mut Vec<Shape>, visible: &[&Series], transform: &PlotTransform) {
    let frame = *transform.frame();
    for series in visible {
        let colour = tokens::platform_colour(series.colour).gamma_multiply(tokens::SPAN_ALPHA);
        let stroke = Stroke::new(tokens::SPAN_WIDTH_PX, colour);
        for p in &series.points {
            let x0 = transform.position_from_point_x(p.x_start).max(frame.left());
            let x1 = transform.position_from_point_x(p.x_end).min(frame.right());
            let y = transform.position_from_point_y(p.y);
            if x1 - x0 < tokens::SPAN_MIN_WIDTH_PX || !frame.y_range().contains(y) {
                continue;
            }
            let path = [Pos2::new(x0, y), Pos2::new(x1, y)];
            match tokens::kind_line_style(p.kind) {
                LineStyle::Solid => shapes.push(Shape::line_segment(path, stroke)),
                LineStyle::Dashed { length } => {
                    shapes.extend(Shape::dashed_line(&path, stroke, length, length * 0.6))
                }
                LineStyle::Dotted { spacing } => shapes.extend(Shape::dotted_line(
                    &path,
                    colour,
                    spacing,
                    tokens::SPAN_WIDTH_PX * 0.6,
                )),
            }
        }
    }
}

/// The two picked points of this chart, in plot coordinates, found again in the current model.
pub(crate) fn measure_segment(
    model: &ChartModel,
    chart: &str,
    inter: &Interaction,
) -> Option<[[f64; 2]; 2]> {
    let [a, b] = inter.explore.measure.as_slice() else {
        return None;
    };
    Some([picked_xy(model, chart, a)?, picked_xy(model, chart, b)?])
}

pub(crate) fn measure_marks_ui(
    painter: &egui::Painter,
    model: &ChartModel,
    chart: &str,
    inter: &Interaction,
    transform: &PlotTransform,
    colour: Color32,
) {
    let positions: Vec<Pos2> = inter
        .explore
        .measure
        .iter()
        .filter_map(|p| picked_xy(model, chart, p))
        .map(|[x, y]| screen(transform, x, y))
        .collect();
    for pos in &positions {
        painter.circle_stroke(
            *pos,
            tokens::HIGHLIGHT_RADIUS_PX,
            Stroke::new(tokens::HIGHLIGHT_STROKE_PX, colour),
        );
    }
    if let ([a, b], Some(m)) = (positions.as_slice(), inter.explore.measurement()) {
        let text = match (m.change_pct, m.cagr_pct) {
            (_, Some(cagr)) => format!("CAGR {}", pct(cagr)),
            (Some(change), None) => pct_signed(change),
            (None, None) => signed(m.change, m.unit),
        };
        let mid = Pos2::new(
            (a.x + b.x) / 2.0,
            (a.y + b.y) / 2.0 - tokens::MEASURE_LABEL_LIFT_PX,
        );
        let galley = painter.layout_no_wrap(text, tokens::small_font(), colour);
        let pad = tokens::MEASURE_LABEL_PADDING_PX;
        let rect = Rect::from_center_size(mid, galley.size()).expand(pad);
        painter.rect_filled(
            rect,
            tokens::CORNER_RADIUS_PX,
            painter.ctx().global_style().visuals.extreme_bg_color,
        );
        painter.galley(rect.min + egui::vec2(pad, pad), galley, colour);
    }
}

/// Shift-drag across a range measures the series under the pointer from its first to its last
/// figure in that range.
#[allow(clippy::too_many_arguments)]
pub(crate) fn range_drag_ui(
    ui: &egui::Ui,
    response: &egui::Response,
    painter: &egui::Painter,
    chart: &str,
    snap: &Snapshot,
    model: &ChartModel,
    visible: &[&Series],
    transform: &PlotTransform,
    inter: &mut Interaction,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    if shift
        && response.drag_started()
        // Where the button went down, not where the drag was first noticed.
        && let Some(p) = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos())
    {
        let series = nearest_point(visible, transform, p)
            .map(|(s, _)| visible[s].name.clone())
            .or_else(|| nearest_series_by_y(visible, transform, p));
        inter.explore.range_drag = Some((
            chart.to_string(),
            transform.value_from_position(p).x,
            series,
        ));
    }
    let Some((drag_chart, x0, series_name)) = inter.explore.range_drag.clone() else {
        return;
    };
    if drag_chart != chart {
        return;
    }
    let current = response
        .interact_pointer_pos()
        .or(response.hover_pos())
        .map(|p| transform.value_from_position(p).x);
    if let Some(x1) = current {
        let sx0 = transform.position_from_point_x(x0);
        let sx1 = transform.position_from_point_x(x1);
        let frame = transform.frame();
        painter.rect_filled(
            Rect::from_x_y_ranges(sx0.min(sx1)..=sx0.max(sx1), frame.y_range()),
            0.0,
            ui.visuals()
                .selection
                .bg_fill
                .gamma_multiply(tokens::RANGE_DRAG_ALPHA),
        );
    }
    if response.drag_stopped() || !ui.input(|i| i.pointer.any_down()) {
        inter.explore.range_drag = None;
        let (Some(x1), Some(name)) = (current, series_name) else {
            return;
        };
        // The pointer may start or end on a marker's edge: widen by the hover radius.
        let slack = transform.dvalue_dpos()[0].abs() * tokens::HOVER_RADIUS_PX as f64;
        let (lo, hi) = (x0.min(x1) - slack, x0.max(x1) + slack);
        let Some(series) = visible.iter().find(|s| s.name == name) else {
            return;
        };
        if let Some((first, last)) = range_ends(snap, series, lo, hi) {
            inter.explore.measure.clear();
            for p in [first, last] {
                if let Some(figure) = figure_of(snap, model, p) {
                    inter.explore.measure.push(Picked {
                        chart: chart.to_string(),
                        series: series.name.clone(),
                        period: p.period,
                        value: p.value,
                        mark: p.mark,
                        figure,
                    });
                }
            }
        }
    }
}
