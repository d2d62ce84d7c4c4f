//! Draws one time chart from its model: kind-styled lines and markers per series, long series
//! decimated to the plot's width, and the hover and click handling that turn a point into its
//! provenance tooltip or one end of a measurement.

use std::sync::Arc;

use eframe::egui::{self, Color32, Pos2, RichText, Shape, Stroke};
use egui_plot::{Line, Plot, PlotPoint, PlotTransform, Points};

use super::geometry::{fit_window, nearest_dense, nearest_event, nearest_point, screen};
use super::marks::{
    event_shapes, measure_marks_ui, measure_segment, range_drag_ui, record_screen_events,
    record_screen_points, span_shapes,
};
use super::{ChartFrame, Legend, ZoomResets, axes, empty_state_ui, legend_entries, legend_ui};
use super::{plot_id, tooltip};
use crate::dashboard::chart_model::{ChartModel, Mark, Series, YMode};
use crate::dashboard::dense::{DETAIL_BUDGET_POINTS, columns_per_line};
use crate::dashboard::details::DetailWindow;
use crate::dashboard::interaction::{Emphasis, Picked, WindowCommand, figure_of};
use crate::dashboard::snapshot::Snapshot;
use crate::model::Kind;
use crate::ui::interaction::{DrawnDense, Interaction};
use crate::ui::tokens;

/// A chart once its plot is drawn: what hover, click and drag handling look at.
struct Plotted<'a> {
    snap: &'a Snapshot,
    model: &'a ChartModel,
    chart: &'a str,
    visible: &'a [&'a Series],
    dense: &'a [DrawnDense],
    transform: &'a PlotTransform,
}

/// Draws the chart; hovering shows provenance, clicking picks points or opens an event.
pub(crate) fn time_chart_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    model: &Arc<ChartModel>,
    frame: &ChartFrame<'_>,
    inter: &mut Interaction,
    resets: &mut ZoomResets,
) {
    if let Some(empty) = &model.empty {
        empty_state_ui(ui, empty, frame.height_px);
        return;
    }
    let mode = model.spec.y_mode;
    let reset = resets.take(frame.id, mode);
    let visuals = ui.visuals().clone();
    let has_dense = model.series.iter().any(|s| !s.dense.is_empty());
    let height = plot_height_ui(ui, model, frame, inter, has_dense);
    let (plot, x_labels) = build_plot(ui, model, frame, height);

    let visible: Vec<&Series> = model
        .series
        .iter()
        .filter(|s| !inter.explore.hidden_series.contains(&s.name))
        .collect();
    let measure_line = measure_segment(model, frame.id, inter);
    let measure_colour = tokens::measure_colour(&visuals);
    let drawn = emphasised(frame.id, &visible, inter);
    let window = window_for(ui, frame, model, &visible, inter);
    let dense_visible = visible.clone();
    let fallback_x = frame.x_bounds.or(model.x_bounds);
    // Reserved before the plot draws, filled after it: behind the grid, the lines and markers.
    let background = ui.painter().add(Shape::Noop);
    let response = plot.show(ui, move |plot_ui| {
        if reset {
            plot_ui.set_auto_bounds(true);
        }
        match window {
            WindowCommand::Keep => {}
            WindowCommand::Fit => plot_ui.set_auto_bounds(true),
            WindowCommand::Set([x0, x1, y0, y1]) => {
                plot_ui.set_plot_bounds(egui_plot::PlotBounds::from_min_max([x0, y0], [x1, y1]))
            }
        }
        let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta.y);
        if plot_ui.response().hovered() && scroll != 0.0 {
            let factor = (scroll * tokens::SCROLL_ZOOM_PER_PX).exp();
            plot_ui.zoom_bounds_around_hovered(egui::vec2(factor, 1.0));
        }
        for (series, emphasis) in &drawn {
            series_ui(plot_ui, series, *emphasis);
        }
        let (dense, wanted) = dense_lines_ui(plot_ui, &dense_visible, fallback_x);
        if let Some([a, b]) = measure_line {
            plot_ui.line(
                Line::new("", vec![a, b])
                    .color(measure_colour)
                    .width(tokens::MEASURE_LINE_WIDTH_PX)
                    .allow_hover(false),
            );
        }
        // A chart with default x bounds starts with x not "auto"; zooming or panning turns y off.
        (plot_ui.auto_bounds().y, dense, wanted)
    });
    let (auto_bounds, dense, wanted) = response.inner;
    inter.detail_wanted.extend(wanted);
    let transform = response.transform;
    let b = transform.bounds();
    inter.explore.record_window(
        frame.id,
        mode,
        [b.min()[0], b.max()[0], b.min()[1], b.max()[1]],
        auto_bounds && window == WindowCommand::Keep,
    );
    let plot_rect = *transform.frame();
    if has_dense {
        ui.label(RichText::new(dense_note(&visible, &dense)).weak().small());
    }

    record_screen_points(inter, frame.id, model, &transform, &visible, &dense);
    inter.record_x_labels(frame.id, x_labels.take_shown(transform.dpos_dvalue_x()));
    record_screen_events(inter, frame.id, snap, model, &transform);
    let behind = shapes_behind(&visuals, snap, model, &transform, &visible, inter);
    ui.painter().set(background, Shape::Vec(behind));
    let painter = ui.painter_at(plot_rect);
    let plotted = Plotted {
        snap,
        model,
        chart: frame.id,
        visible: &visible,
        dense: &dense,
        transform: &transform,
    };
    pointer_ui(
        &painter,
        &plotted,
        &response.response,
        inter,
        measure_colour,
    );
    range_drag_ui(
        ui,
        &response.response,
        &painter,
        frame.id,
        snap,
        model,
        &visible,
        &transform,
        inter,
    );
}

/// Each series with its emphasis under a story step's highlights (recorded for tests).
fn emphasised<'a>(
    chart: &str,
    visible: &[&'a Series],
    inter: &mut Interaction,
) -> Vec<(&'a Series, Emphasis)> {
    let emphasis = inter
        .explore
        .series_emphasis(visible.iter().map(|s| s.platform.as_str()));
    for (series, e) in visible.iter().zip(&emphasis) {
        inter
            .drawn_emphasis
            .push((chart.to_string(), series.name.clone(), *e));
    }
    visible.iter().copied().zip(emphasis).collect()
}

/// What the plot does with its bounds this frame: keep them, fit the data, or move towards a
/// saved window (repainting while it moves).
fn window_for(
    ui: &egui::Ui,
    frame: &ChartFrame<'_>,
    model: &ChartModel,
    visible: &[&Series],
    inter: &mut Interaction,
) -> WindowCommand {
    let mode = model.spec.y_mode;
    let fit = fit_window(frame.x_bounds.or(model.x_bounds), visible, mode);
    let (window, moving) = inter.explore.window_command(
        frame.id,
        mode,
        fit,
        ui.input(|i| i.time),
        tokens::WINDOW_ANIMATION_S,
    );
    if moving {
        ui.ctx().request_repaint();
    }
    window
}

/// The plot's background with event markers and period spans, painted behind the series.
fn shapes_behind(
    visuals: &egui::Visuals,
    snap: &Snapshot,
    model: &ChartModel,
    transform: &PlotTransform,
    visible: &[&Series],
    inter: &Interaction,
) -> Vec<Shape> {
    let mut behind = vec![Shape::Rect(egui::epaint::RectShape::new(
        *transform.frame(),
        2,
        visuals.extreme_bg_color,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    ))];
    event_shapes(&mut behind, snap, model, transform, inter);
    span_shapes(&mut behind, visible, transform);
    behind
}

/// Draws the legend (when the frame has one) and returns the height left for the plot.
fn plot_height_ui(
    ui: &mut egui::Ui,
    model: &ChartModel,
    frame: &ChartFrame<'_>,
    inter: &mut Interaction,
    has_dense: bool,
) -> f32 {
    let mut height = frame.height_px;
    if has_dense {
        // Room for the line under the plot that says how the long series are drawn.
        height =
            (height - ui.text_style_height(&egui::TextStyle::Small) - ui.spacing().item_spacing.y)
                .max(tokens::CHART_MIN_HEIGHT_PX);
    }
    if frame.legend != Legend::None {
        let top = ui.cursor().top();
        legend_ui(
            ui,
            &legend_entries(&[model]),
            &mut inter.explore.hidden_series,
            frame.legend,
        );
        height = (height - (ui.cursor().top() - top)).max(tokens::CHART_MIN_HEIGHT_PX);
    }
    height
}

/// The plot with its axes, grid, zoom behaviour and bounds, before anything is drawn in it.
fn build_plot<'a>(
    ui: &egui::Ui,
    model: &'a ChartModel,
    frame: &ChartFrame<'a>,
    height_px: f32,
) -> (Plot<'a>, axes::LabelSink) {
    let x_labels = axes::LabelSink::default();
    let mode = model.spec.y_mode;
    let weeks = model.week_ticks();
    let shift = ui.input(|i| i.modifiers.shift);
    let mut plot = Plot::new(frame.id)
        .id(plot_id(frame.id))
        .height(height_px)
        .show_x(false)
        .show_y(false)
        // The background is painted below, with event markers and period spans on it.
        .show_background(false)
        .allow_scroll(false)
        .allow_drag(!shift)
        .allow_boxed_zoom(true)
        .allow_double_click_reset(true)
        .custom_x_axes(vec![axes::x_axis(weeks, x_labels.clone())])
        .custom_y_axes(vec![axes::y_axis(model.unit, mode)])
        .x_grid_spacer(move |input| axes::calendar_spacer(input, weeks))
        .grid_spacing(tokens::GRID_MIN_SPACING_PX..=tokens::GRID_MAX_SPACING_PX);
    plot = match mode {
        YMode::Log => plot.y_grid_spacer(axes::log_spacer),
        _ => plot.y_grid_spacer(axes::linear_spacer),
    };
    if mode == YMode::Linear {
        plot = plot.include_y(0.0);
    }
    if let Some((min, max)) = frame.x_bounds.or(model.x_bounds)
        && min < max
    {
        plot = plot.default_x_bounds(min, max);
    }
    if let Some(group) = frame.link {
        plot = plot.link_axis(group, [true, false]);
    }
    (plot, x_labels)
}

/// The pointer over the plot: the shared cursor, the measurement's marks, and the tooltip and
/// click of the point, long series' figure or event under it.
fn pointer_ui(
    painter: &egui::Painter,
    plotted: &Plotted<'_>,
    response: &egui::Response,
    inter: &mut Interaction,
    measure_colour: Color32,
) {
    let Plotted {
        snap,
        model,
        chart,
        visible,
        dense,
        transform,
    } = *plotted;
    let plot_rect = *transform.frame();
    let pointer = response.hover_pos();
    let hit = pointer.and_then(|p| nearest_point(visible, transform, p));
    // A long series' nearest drawn point is a real figure; it wins when nearer than any marker.
    let dense_hit = pointer
        .and_then(|p| nearest_dense(dense, transform, p))
        .filter(|&(_, _, d)| {
            hit.is_none_or(|(s, i)| {
                let point = &visible[s].points[i];
                screen(transform, point.x, point.y).distance(pointer.unwrap_or_default()) > d
            })
        });
    let hit = if dense_hit.is_some() { None } else { hit };
    let event_hit = if hit.is_none() && dense_hit.is_none() {
        pointer.and_then(|p| nearest_event(model, transform, p))
    } else {
        None
    };
    if let Some(p) = pointer {
        inter.next_cursor_x = Some(transform.value_from_position(p).x);
    }
    if let Some(x) = inter.cursor_x {
        let sx = transform.position_from_point_x(x);
        painter.line_segment(
            [
                Pos2::new(sx, plot_rect.top()),
                Pos2::new(sx, plot_rect.bottom()),
            ],
            Stroke::new(
                tokens::CURSOR_LINE_WIDTH_PX,
                tokens::cursor_colour(&painter.ctx().global_style().visuals),
            ),
        );
    }
    measure_marks_ui(painter, model, chart, inter, transform, measure_colour);
    if let Some((s, p)) = hit {
        point_hover_ui(painter, plotted, response, inter, visible[s], p);
    } else if let Some((d, k, _)) = dense_hit {
        dense_hover_ui(painter, plotted, response, inter, d, k);
    } else if let Some(e) = event_hit
        && let Some(event) = snap.events.get(model.events[e].index)
    {
        egui::Tooltip::for_widget(response)
            .at_pointer()
            .show(|ui| tooltip::event_tooltip_ui(ui, snap, event));
        if response.clicked() {
            inter.explore.selected_event = Some(model.events[e].index);
        }
    }
}

fn measure_hint(inter: &Interaction) -> String {
    crate::i18n::t(match inter.explore.measure.len() {
        1 => "tooltip-measure-second",
        _ => "tooltip-measure-first",
    })
}

/// The hovered figure of a series: a ring, its provenance tooltip, a click picks it.
fn point_hover_ui(
    painter: &egui::Painter,
    plotted: &Plotted<'_>,
    response: &egui::Response,
    inter: &mut Interaction,
    series: &Series,
    p: usize,
) {
    let (snap, model, transform) = (plotted.snap, plotted.model, plotted.transform);
    let point = &series.points[p];
    let pos = transform.position_from_point(&PlotPoint::new(point.x, point.y));
    painter.circle_stroke(
        pos,
        tokens::HIGHLIGHT_RADIUS_PX,
        Stroke::new(
            tokens::HIGHLIGHT_STROKE_PX,
            tokens::platform_colour(series.colour),
        ),
    );
    let hint = measure_hint(inter);
    egui::Tooltip::for_widget(response)
        .at_pointer()
        .show(|ui| tooltip::point_tooltip_ui(ui, snap, model, series, point, &hint));
    if response.clicked()
        && let Some(figure) = figure_of(snap, model, point)
    {
        inter.explore.pick(Picked {
            chart: plotted.chart.to_string(),
            series: series.name.clone(),
            period: point.period,
            value: point.value,
            mark: point.mark,
            figure,
        });
    }
}

/// The hovered figure of a long series (`d`: its drawn line, `k`: the point in it).
fn dense_hover_ui(
    painter: &egui::Painter,
    plotted: &Plotted<'_>,
    response: &egui::Response,
    inter: &mut Interaction,
    d: usize,
    k: usize,
) {
    let (snap, model, transform) = (plotted.snap, plotted.model, plotted.transform);
    let drawn = &plotted.dense[d];
    let series = plotted.visible[drawn.series];
    let line = &series.dense[drawn.line];
    let index = drawn.indices[k] as usize;
    let [x, y] = drawn.points[k];
    painter.circle_stroke(
        screen(transform, x, y),
        tokens::HIGHLIGHT_RADIUS_PX,
        Stroke::new(
            tokens::HIGHLIGHT_STROKE_PX,
            tokens::platform_colour(series.colour),
        ),
    );
    let shown = (drawn.points.len(), drawn.decimated);
    let hint = measure_hint(inter);
    egui::Tooltip::for_widget(response)
        .at_pointer()
        .show(|ui| tooltip::dense_tooltip_ui(ui, snap, model, series, line, index, shown, &hint));
    if response.clicked()
        && let Some(figure) = line.data.observation(index, |id| snap.source(id).cloned())
    {
        inter.explore.pick(Picked {
            chart: plotted.chart.to_string(),
            series: series.name.clone(),
            period: figure.period,
            value: figure.value,
            mark: Mark::Figure,
            figure,
        });
    }
}

/// Every item of a series carries its name, so tests and tools can tell them apart.
fn series_ui(plot_ui: &mut egui_plot::PlotUi<'_>, series: &Series, emphasis: Emphasis) {
    let (mut width, alpha) = tokens::emphasis_style(emphasis);
    if series.variant > 0 {
        width *= tokens::REGION_LINE_WIDTH_FACTOR;
    }
    let colour = tokens::platform_colour(series.colour).gamma_multiply(alpha);
    // Segments that continue each other with one kind are one polyline: one plot item, not many.
    let mut runs: Vec<(Kind, Vec<[f64; 2]>)> = Vec::new();
    for seg in &series.segments {
        match runs.last_mut() {
            Some((kind, path)) if *kind == seg.kind && path.last() == Some(&seg.from) => {
                path.push(seg.to);
            }
            _ => runs.push((seg.kind, vec![seg.from, seg.to])),
        }
    }
    for (kind, path) in runs {
        plot_ui.line(
            Line::new(series.name.clone(), path)
                .color(colour)
                .width(tokens::LINE_WIDTH_PX * width)
                .style(tokens::kind_line_style(kind))
                .allow_hover(false),
        );
    }
    for mark in [Mark::Figure, Mark::Computed, Mark::Reported] {
        for filled in [true, false] {
            let pts: Vec<[f64; 2]> = series
                .points
                .iter()
                .filter(|p| p.mark == mark && tokens::kind_marker_filled(p.kind) == filled)
                .map(|p| [p.x, p.y])
                .collect();
            if pts.is_empty() {
                continue;
            }
            let (shape, radius) = match mark {
                Mark::Reported => (tokens::REPORTED_MARKER, tokens::REPORTED_MARKER_RADIUS_PX),
                Mark::Computed => (tokens::COMPUTED_MARKER, tokens::MARKER_RADIUS_PX),
                Mark::Figure => (
                    tokens::variant_marker(series.variant).0,
                    tokens::MARKER_RADIUS_PX,
                ),
            };
            plot_ui.points(
                Points::new(series.name.clone(), pts)
                    .shape(shape)
                    .radius(radius * width.sqrt())
                    .filled(filled)
                    .color(colour)
                    .allow_hover(false),
            );
        }
    }
}

/// Draws every long series of the visible series, decimated to the plot's width over the view
/// (widened a little, see [`tokens::DENSE_DRAW_MARGIN`]): a few thousand points each, whatever
/// the series' length. Markers only once the view is zoomed in far enough to show raw points.
/// Also says which overviews are too coarse for the view, for the loader to read whole.
fn dense_lines_ui(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    visible: &[&Series],
    fallback_x: Option<(f64, f64)>,
) -> (Vec<DrawnDense>, Vec<DetailWindow>) {
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    if visible.iter().all(|s| s.dense.is_empty()) {
        return (out, wanted);
    }
    let overviews = visible
        .iter()
        .flat_map(|s| &s.dense)
        .filter(|l| l.data.overview.is_some())
        .count();
    let share = DETAIL_BUDGET_POINTS / overviews.max(1);
    let lines = visible.iter().map(|s| s.dense.len()).sum();
    let bounds = plot_ui.plot_bounds();
    let width_px = f64::from(plot_ui.response().rect.width()).max(1.0);
    let (mut x_min, mut x_max) = (bounds.min()[0], bounds.max()[0]);
    // Before the first frame the plot has no bounds of its own yet.
    if !(x_min.is_finite() && x_max.is_finite() && x_max > x_min)
        && let Some((a, b)) = fallback_x
    {
        (x_min, x_max) = (a, b);
    }
    let margin = (x_max - x_min) * tokens::DENSE_DRAW_MARGIN;
    let per_px = (x_max - x_min) / width_px;
    for (s, series) in visible.iter().enumerate() {
        let colour = tokens::platform_colour(series.colour);
        for (l, line) in series.dense.iter().enumerate() {
            let lo = (x_min - margin).max(line.x_range.0);
            let hi = (x_max + margin).min(line.x_range.1);
            if hi <= lo || per_px <= 0.0 {
                continue;
            }
            let columns = ((hi - lo) / per_px).ceil().clamp(1.0, 1e5) as usize;
            let columns = columns_per_line(columns, lines);
            if let Some((from, to)) = line.data.wants_detail(lo, hi, columns, share) {
                wanted.push(DetailWindow {
                    series_id: line.data.series_id,
                    kind: line.data.kind,
                    from,
                    to,
                });
            }
            let decimated = line.data.lod.decimate(lo, hi, columns);
            // An overview shows some of the figures: never drawn as if it were each of them.
            let every = line.data.holds_every_figure(lo, hi);
            let mut drawn = DrawnDense {
                series: s,
                line: l,
                points: Vec::with_capacity(decimated.points.len()),
                indices: Vec::with_capacity(decimated.points.len()),
                decimated: decimated.decimated || !every,
                total: line.figure_count().0,
            };
            for (p, &i) in decimated.points.iter().zip(&decimated.indices) {
                // The neighbours beyond the date range stay out; zero stays off a log scale.
                let inside = p[0] >= line.x_range.0 && p[0] <= line.x_range.1;
                if let (true, Some(y)) = (inside, line.scale.apply(p[1])) {
                    drawn.points.push([p[0], y]);
                    drawn.indices.push(i);
                }
            }
            let style = tokens::kind_line_style(line.data.kind);
            plot_ui.line(
                Line::new(series.name.clone(), drawn.points.clone())
                    .color(colour)
                    .width(tokens::DENSE_LINE_WIDTH_PX)
                    .style(style)
                    .allow_hover(false),
            );
            if !drawn.decimated {
                plot_ui.points(
                    Points::new(series.name.clone(), drawn.points.clone())
                        .shape(tokens::FIGURE_MARKER)
                        .radius(tokens::MARKER_RADIUS_PX)
                        .filled(tokens::kind_marker_filled(line.data.kind))
                        .color(colour)
                        .allow_hover(false),
                );
            }
            out.push(drawn);
        }
    }
    (out, wanted)
}

/// Under a chart with long series: how many figures, how many points drawn, and whether merged.
fn dense_note(visible: &[&Series], drawn: &[DrawnDense]) -> String {
    let total: usize = drawn.iter().map(|d| d.total).sum();
    let points: usize = drawn.iter().map(|d| d.points.len()).sum();
    let decimated = drawn.iter().any(|d| d.decimated);
    let names: Vec<&str> = {
        let mut names: Vec<&str> = drawn
            .iter()
            .map(|d| visible[d.series].name.as_str())
            .collect();
        names.dedup();
        names
    };
    let what = match names.as_slice() {
        [] => return "Long series: none in view.".to_string(),
        [one] => (*one).to_string(),
        more => format!("{} long series", more.len()),
    };
    let total = crate::model::format::grouped(total);
    let points = crate::model::format::grouped(points);
    if decimated {
        format!(
            "{what} · {total} points, drawn at ~{points} (decimated: each pixel column keeps its first, lowest, highest and last figure; hover finds the real figures)"
        )
    } else {
        format!("{what} · {total} points, {points} in view, every one drawn")
    }
}
