//! Draws one time chart from its model: kind-styled lines, period spans and markers per series,
//! event markers, the shared cursor, the measurement, and the hover and click handling that turn
//! a point into its provenance tooltip or one end of a measurement.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{self, Color32, Pos2, Rect, RichText, Shape, Stroke};
use egui_plot::{Line, LineStyle, Plot, PlotPoint, PlotTransform, Points};

use super::axes;
use super::chart_model::{ChartModel, ChartPoint, DenseLine, EmptyState, Mark, Series, YMode};
use super::interaction::{
    DrawnChart, DrawnDense, Emphasis, Interaction, Picked, ScreenEvent, WindowCommand, figure_of,
};
use super::snapshot::Snapshot;
use super::tokens;
use super::tooltip;
use crate::analysis::animate::Window;
use crate::model::Kind;

/// Where and how a chart is laid out in its view.
pub struct ChartFrame<'a> {
    /// Unique per chart; also names the chart in measurements and screen points.
    pub id: &'a str,
    pub height_px: f32,
    /// Charts stacked on one time axis share this group.
    pub link: Option<egui::Id>,
    /// The data bounds shared by a stack; otherwise the model's own.
    pub x_bounds: Option<(f64, f64)>,
    /// The legend the chart draws above it (a stack draws one for both).
    pub legend: Legend,
}

/// A chart's legend: checkboxes that hide and solo series on the dashboard, plain names on a
/// slide or an exported image, where a checkbox is only noise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legend {
    None,
    Toggles,
    Names,
}

impl Legend {
    /// The legend for a chart drawn with or without the view's controls.
    pub fn for_chrome(chrome: bool) -> Legend {
        if chrome {
            Legend::Toggles
        } else {
            Legend::Names
        }
    }
}

/// Zoom resets requested (R) and applied per chart, with the y mode each chart last drew in: a
/// switch to log or index must refit the y axis.
#[derive(Debug, Default)]
pub struct ZoomResets {
    pub requested: u64,
    applied: HashMap<String, (u64, YMode)>,
}

impl ZoomResets {
    fn take(&mut self, chart: &str, mode: YMode) -> bool {
        let wanted = (self.requested, mode);
        let previous = self.applied.insert(chart.to_string(), wanted);
        previous != Some(wanted) && previous.is_some()
    }
}

pub fn plot_id(chart: &str) -> egui::Id {
    egui::Id::unique(("marketscope-chart", chart))
}

/// The chart's title, notes and kind key above the plot.
pub fn chart_header_ui(ui: &mut egui::Ui, model: &ChartModel) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(&model.title)
                .font(tokens::heading_font())
                .strong(),
        );
        if model.empty.is_none() {
            let n = model.point_count();
            let count = crate::model::format::grouped(n);
            let long = if model.dense_count() > 0 {
                " · long series drawn decimated"
            } else {
                ""
            };
            ui.label(
                RichText::new(format!(
                    "{count} figure{}{long}",
                    if n == 1 { "" } else { "s" }
                ))
                .weak(),
            );
        }
    });
    for note in &model.notes {
        ui.label(RichText::new(note).weak().small());
    }
}

/// The legend note that explains line styles and markers, drawn with the real styles.
/// `hint`: the line on hovering and measuring, left off slides and exported images.
pub fn kinds_key_ui(ui: &mut egui::Ui, growth: bool, hint: bool) {
    let colour = ui.visuals().text_color();
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = tokens::SMALL_GAP_PX;
        for kind in Kind::ALL {
            line_sample_ui(ui, tokens::kind_line_style(kind), colour, Some(tokens::kind_marker_filled(kind)));
            ui.label(RichText::new(kind.as_str()).small());
            ui.add_space(tokens::KEY_GAP_PX);
        }
        if growth {
            line_sample_ui(ui, LineStyle::Solid, colour, Some(true));
            ui.label(RichText::new("computed from GMV").small());
            ui.add_space(tokens::KEY_GAP_PX);
            diamond_sample_ui(ui, colour);
            ui.label(RichText::new("reported growth").small());
            ui.add_space(tokens::KEY_GAP_PX);
        }
        if hint {
            ui.label(
                RichText::new("A bar under a point spans its period. Hover a point for its source, click two to measure.")
                    .weak()
                    .small(),
            );
        }
    });
}

fn line_sample_ui(ui: &mut egui::Ui, style: LineStyle, colour: Color32, marker: Option<bool>) {
    let height = ui.text_style_height(&egui::TextStyle::Small);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(tokens::KEY_SAMPLE_WIDTH_PX, height),
        egui::Sense::hover(),
    );
    let y = rect.center().y;
    let path = [Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)];
    let stroke = Stroke::new(tokens::LINE_WIDTH_PX, colour);
    let painter = ui.painter();
    match style {
        LineStyle::Solid => {
            painter.line_segment(path, stroke);
        }
        LineStyle::Dashed { length } => {
            painter.extend(Shape::dashed_line(
                &path,
                stroke,
                length * 0.6,
                length * 0.4,
            ));
        }
        LineStyle::Dotted { spacing } => {
            painter.extend(Shape::dotted_line(&path, colour, spacing * 0.7, 1.2));
        }
    }
    if let Some(filled) = marker {
        let c = rect.center();
        if filled {
            painter.circle_filled(c, tokens::SAMPLE_MARKER_RADIUS_PX, colour);
        } else {
            painter.circle(
                c,
                tokens::SAMPLE_MARKER_RADIUS_PX,
                ui.visuals().extreme_bg_color,
                stroke,
            );
        }
    }
}

fn diamond_sample_ui(ui: &mut egui::Ui, colour: Color32) {
    let height = ui.text_style_height(&egui::TextStyle::Small);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(height, height), egui::Sense::hover());
    let c = rect.center();
    let r = tokens::SAMPLE_DIAMOND_RADIUS_PX;
    ui.painter().add(Shape::convex_polygon(
        vec![
            c + egui::vec2(0.0, -r),
            c + egui::vec2(r, 0.0),
            c + egui::vec2(0.0, r),
            c + egui::vec2(-r, 0.0),
        ],
        colour,
        Stroke::NONE,
    ));
}

pub fn empty_state_ui(ui: &mut egui::Ui, empty: &EmptyState, height_px: f32) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_min_height(height_px.min(ui.available_height()) - tokens::GROUP_FRAME_MARGINS_PX);
        ui.set_width(ui.available_width());
        ui.vertical_centered(|ui| {
            ui.add_space(height_px * tokens::EMPTY_CHART_TOP_FRACTION);
            ui.set_max_width(tokens::EMPTY_STATE_WIDTH_PX);
            ui.label(
                RichText::new(&empty.headline)
                    .font(tokens::heading_font())
                    .strong(),
            );
            ui.add_space(tokens::SECTION_GAP_PX);
            for reason in &empty.reasons {
                ui.label(reason);
            }
        });
    });
}

/// Draws the chart; hovering shows provenance, clicking picks points or opens an event.
pub fn time_chart_ui(
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
    let id = plot_id(frame.id);
    let mode = model.spec.y_mode;
    let shift = ui.input(|i| i.modifiers.shift);
    let reset = resets.take(frame.id, mode);
    let visuals = ui.visuals().clone();

    let mut height = frame.height_px;
    let has_dense = model.series.iter().any(|s| !s.dense.is_empty());
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
            &mut inter.hidden_series,
            frame.legend,
        );
        height = (height - (ui.cursor().top() - top)).max(tokens::CHART_MIN_HEIGHT_PX);
    }
    let mut plot = Plot::new(frame.id)
        .id(id)
        .height(height)
        .show_x(false)
        .show_y(false)
        // The background is painted below, with event markers and period spans on it.
        .show_background(false)
        .allow_scroll(false)
        .allow_drag(!shift)
        .allow_boxed_zoom(true)
        .allow_double_click_reset(true)
        .custom_x_axes(vec![axes::x_axis()])
        .custom_y_axes(vec![axes::y_axis(model.unit, mode)])
        .x_grid_spacer(axes::calendar_spacer)
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

    let visible: Vec<&Series> = model
        .series
        .iter()
        .filter(|s| !inter.hidden_series.contains(&s.name))
        .collect();
    let measure_line = measure_segment(model, frame.id, inter);
    let measure_colour = tokens::measure_colour(&visuals);
    let emphasis = inter.series_emphasis(visible.iter().map(|s| s.platform.as_str()));
    for (series, e) in visible.iter().zip(&emphasis) {
        inter
            .drawn_emphasis
            .push((frame.id.to_string(), series.name.clone(), *e));
    }
    let drawn: Vec<(&Series, Emphasis)> = visible.iter().copied().zip(emphasis).collect();
    let fit = fit_window(frame.x_bounds.or(model.x_bounds), &visible, mode);
    let (window, moving) = inter.window_command(
        frame.id,
        mode,
        fit,
        ui.input(|i| i.time),
        tokens::WINDOW_ANIMATION_S,
    );
    if moving {
        ui.ctx().request_repaint();
    }
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
        let dense = dense_lines_ui(plot_ui, &dense_visible, fallback_x);
        if let Some([a, b]) = measure_line {
            plot_ui.line(
                Line::new("", vec![a, b])
                    .color(measure_colour)
                    .width(tokens::MEASURE_LINE_WIDTH_PX)
                    .allow_hover(false),
            );
        }
        // A chart with default x bounds starts with x not "auto"; zooming or panning turns y off.
        (plot_ui.auto_bounds().y, dense)
    });
    let (auto_bounds, dense) = response.inner;
    let transform = response.transform;
    let b = transform.bounds();
    inter.record_window(
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
    record_screen_events(inter, frame.id, snap, model, &transform);
    let mut behind = vec![Shape::Rect(egui::epaint::RectShape::new(
        plot_rect,
        2,
        visuals.extreme_bg_color,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    ))];
    event_shapes(&mut behind, snap, model, &transform, inter);
    span_shapes(&mut behind, &visible, &transform);
    ui.painter().set(background, Shape::Vec(behind));
    let painter = ui.painter_at(plot_rect);

    let pointer = response.response.hover_pos();
    let hit = pointer.and_then(|p| nearest_point(&visible, &transform, p));
    // A long series' nearest drawn point is a real figure; it wins when nearer than any marker.
    let dense_hit = pointer
        .and_then(|p| nearest_dense(&dense, &transform, p))
        .filter(|&(_, _, d)| {
            hit.is_none_or(|(s, i)| {
                let point = &visible[s].points[i];
                screen(&transform, point.x, point.y).distance(pointer.unwrap_or_default()) > d
            })
        });
    let hit = if dense_hit.is_some() { None } else { hit };
    let event_hit = if hit.is_none() && dense_hit.is_none() {
        pointer.and_then(|p| nearest_event(model, &transform, p))
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
                tokens::cursor_colour(&visuals),
            ),
        );
    }
    measure_marks_ui(&painter, model, frame.id, inter, &transform, measure_colour);

    let measure_hint = match inter.measure.len() {
        1 => "Click another point to measure the change and CAGR.",
        _ => "Click to measure from this point.",
    };
    if let Some((s, p)) = hit {
        let series = visible[s];
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
        egui::Tooltip::for_widget(&response.response)
            .at_pointer()
            .show(|ui| tooltip::point_tooltip_ui(ui, snap, model, series, point, measure_hint));
        if response.response.clicked()
            && let Some(figure) = figure_of(snap, model, point)
        {
            inter.pick(Picked {
                chart: frame.id.to_string(),
                series: series.name.clone(),
                period: point.period,
                value: point.value,
                mark: point.mark,
                figure,
            });
        }
    } else if let Some((d, k, _)) = dense_hit {
        let drawn = &dense[d];
        let series = visible[drawn.series];
        let line = &series.dense[drawn.line];
        let index = drawn.indices[k] as usize;
        let [x, y] = drawn.points[k];
        painter.circle_stroke(
            screen(&transform, x, y),
            tokens::HIGHLIGHT_RADIUS_PX,
            Stroke::new(
                tokens::HIGHLIGHT_STROKE_PX,
                tokens::platform_colour(series.colour),
            ),
        );
        let shown = (drawn.points.len(), drawn.decimated);
        egui::Tooltip::for_widget(&response.response)
            .at_pointer()
            .show(|ui| {
                tooltip::dense_tooltip_ui(ui, snap, model, series, line, index, shown, measure_hint)
            });
        if response.response.clicked()
            && let Some(figure) = line.data.observation(index, |id| snap.source(id).cloned())
        {
            inter.pick(Picked {
                chart: frame.id.to_string(),
                series: series.name.clone(),
                period: figure.period,
                value: figure.value,
                mark: Mark::Figure,
                figure,
            });
        }
    } else if let Some(e) = event_hit
        && let Some(event) = snap.events.get(model.events[e].index)
    {
        egui::Tooltip::for_widget(&response.response)
            .at_pointer()
            .show(|ui| tooltip::event_tooltip_ui(ui, snap, event));
        if response.response.clicked() {
            inter.selected_event = Some(model.events[e].index);
        }
    }
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

/// Roughly where egui_plot's fit to the data lands (its 5% margin on y; x from the data bounds):
/// the end of an animation towards "fit to data", which then hands over to the real fit.
fn fit_window(x_bounds: Option<(f64, f64)>, visible: &[&Series], mode: YMode) -> Option<Window> {
    let (x0, x1) = x_bounds?;
    let ys = visible.iter().flat_map(|s| s.points.iter().map(|p| p.y));
    let (mut lo, mut hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    if mode == YMode::Linear {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return None;
    }
    let margin = (hi - lo) * 0.05;
    Some([x0, x1, lo - margin, hi + margin])
}

/// The series of some charts, once each, in their order: name and colour.
pub fn legend_entries(models: &[&ChartModel]) -> Vec<(String, crate::model::Rgb)> {
    let mut out: Vec<(String, crate::model::Rgb)> = Vec::new();
    for model in models {
        for s in &model.series {
            if !out.iter().any(|(n, _)| n == &s.name) {
                out.push((s.name.clone(), s.colour));
            }
        }
    }
    out
}

/// The legend, above the chart so it never covers a figure: click hides a series, Alt-click shows
/// it alone (Alt-click it again to show all).
pub fn legend_ui(
    ui: &mut egui::Ui,
    entries: &[(String, crate::model::Rgb)],
    hidden: &mut std::collections::BTreeSet<String>,
    legend: Legend,
) {
    if legend == Legend::None || (entries.len() < 2 && hidden.is_empty()) {
        return;
    }
    if legend == Legend::Names {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = tokens::ITEM_GAP_PX;
            for (name, colour) in entries.iter().filter(|(n, _)| !hidden.contains(n)) {
                tooltip::colour_chip_ui(ui, tokens::platform_colour(*colour));
                ui.label(name.as_str());
                ui.add_space(tokens::ITEM_GAP_PX);
            }
        });
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = tokens::ITEM_GAP_PX;
        for (name, colour) in entries {
            let mut shown = !hidden.contains(name);
            tooltip::colour_chip_ui(ui, tokens::platform_colour(*colour));
            let response = ui
                .checkbox(&mut shown, name.as_str())
                .on_hover_text("Click hides this series; Alt-click shows it alone");
            if response.clicked() {
                if ui.input(|i| i.modifiers.alt) {
                    let others_hidden = entries
                        .iter()
                        .filter(|(n, _)| n != name)
                        .all(|(n, _)| hidden.contains(n));
                    hidden.clear();
                    if !others_hidden {
                        hidden.extend(
                            entries
                                .iter()
                                .filter(|(n, _)| n != name)
                                .map(|(n, _)| n.clone()),
                        );
                    }
                } else if shown {
                    hidden.remove(name);
                } else {
                    hidden.insert(name.clone());
                }
            }
            ui.add_space(tokens::ITEM_GAP_PX);
        }
    });
}

/// Every item of a series carries its name, so tests and tools can tell them apart.
fn series_ui(plot_ui: &mut egui_plot::PlotUi<'_>, series: &Series, emphasis: Emphasis) {
    let (width, alpha) = tokens::emphasis_style(emphasis);
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
                Mark::Figure => (tokens::FIGURE_MARKER, tokens::MARKER_RADIUS_PX),
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
fn dense_lines_ui(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    visible: &[&Series],
    fallback_x: Option<(f64, f64)>,
) -> Vec<DrawnDense> {
    let mut out = Vec::new();
    if visible.iter().all(|s| s.dense.is_empty()) {
        return out;
    }
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
            let decimated = line.data.lod.decimate(lo, hi, columns);
            let mut drawn = DrawnDense {
                series: s,
                line: l,
                points: Vec::with_capacity(decimated.points.len()),
                indices: Vec::with_capacity(decimated.points.len()),
                decimated: decimated.decimated,
                total: line.index_range().len(),
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
    out
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

/// The drawn point of a long series nearest the pointer, within the hover radius: drawn points
/// are real figures in x order, so a binary search finds the few near the pointer's column.
fn nearest_dense(
    drawn: &[DrawnDense],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<(usize, usize, f32)> {
    let radius = tokens::HOVER_RADIUS_PX;
    let left = transform
        .value_from_position(Pos2::new(pointer.x - radius, pointer.y))
        .x;
    let right = transform
        .value_from_position(Pos2::new(pointer.x + radius, pointer.y))
        .x;
    let mut best: Option<(usize, usize, f32)> = None;
    for (d, line) in drawn.iter().enumerate() {
        let from = line.points.partition_point(|p| p[0] < left);
        for (k, p) in line.points.iter().enumerate().skip(from) {
            if p[0] > right {
                break;
            }
            let dist = screen(transform, p[0], p[1]).distance(pointer);
            if dist <= radius && best.is_none_or(|(_, _, b)| dist < b) {
                best = Some((d, k, dist));
            }
        }
    }
    best
}

fn screen(transform: &PlotTransform, x: f64, y: f64) -> Pos2 {
    transform.position_from_point(&PlotPoint::new(x, y))
}

/// The point nearest the pointer: its marker, or the span of its period (markers win ties).
fn nearest_point(
    visible: &[&Series],
    transform: &PlotTransform,
    pointer: Pos2,
) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    for (s, series) in visible.iter().enumerate() {
        for (i, p) in series.points.iter().enumerate() {
            let pos = screen(transform, p.x, p.y);
            let mut d = pos.distance(pointer);
            let (left, right) = (
                transform.position_from_point_x(p.x_start),
                transform.position_from_point_x(p.x_end),
            );
            if pointer.x >= left.min(right) && pointer.x <= left.max(right) {
                d = d.min((pos.y - pointer.y).abs() + tokens::SPAN_HOVER_PENALTY_PX);
            }
            if d <= tokens::HOVER_RADIUS_PX && best.is_none_or(|(bd, _, _)| d < bd) {
                best = Some((d, s, i));
            }
        }
    }
    best.map(|(_, s, i)| (s, i))
}

/// The event under the pointer: a dated event's line anywhere in the chart, a period event's bar in
/// the lane at the top (the shortest one when bars overlap).
fn nearest_event(model: &ChartModel, transform: &PlotTransform, pointer: Pos2) -> Option<usize> {
    let frame = transform.frame();
    let in_lane = pointer.y <= frame.top() + tokens::EVENT_LANE_PX + tokens::EVENT_HOVER_PX;
    model
        .events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let x0 = transform.position_from_point_x(e.x_start);
            if e.x_end > e.x_start {
                let x1 = transform.position_from_point_x(e.x_end);
                let inside = pointer.x >= x0 - tokens::EVENT_HOVER_PX
                    && pointer.x <= x1 + tokens::EVENT_HOVER_PX;
                // Rank period bars after lines, shorter bars first.
                (in_lane && inside).then_some((i, tokens::EVENT_HOVER_PX + (x1 - x0) / 1000.0))
            } else {
                let d = (x0 - pointer.x).abs();
                (d <= tokens::EVENT_HOVER_PX).then_some((i, d))
            }
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn record_screen_points(
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
        if inter.hidden_series.contains(&series.name) {
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

fn record_screen_events(
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
fn event_shapes(
    shapes: &mut Vec<Shape>,
    snap: &Snapshot,
    model: &ChartModel,
    transform: &PlotTransform,
    inter: &Interaction,
) {
    let selected = inter.selected_event;
    let frame = *transform.frame();
    let lane_top = frame.top() + 1.0;
    for mark in &model.events {
        let Some(event) = snap.events.get(mark.index) else {
            continue;
        };
        let colour = tokens::event_colour(event.category);
        let is_selected = selected == Some(mark.index) || inter.event_emphasised(&event.title);
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
fn span_shapes(shapes: &mut Vec<Shape>, visible: &[&Series], transform: &PlotTransform) {
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
fn measure_segment(model: &ChartModel, chart: &str, inter: &Interaction) -> Option<[[f64; 2]; 2]> {
    let [a, b] = inter.measure.as_slice() else {
        return None;
    };
    Some([picked_xy(model, chart, a)?, picked_xy(model, chart, b)?])
}

/// Where a picked point is drawn now: a figure's marker, or its day on a long series.
fn picked_xy(model: &ChartModel, chart: &str, picked: &Picked) -> Option<[f64; 2]> {
    if let Some(p) = find_picked(model, chart, picked) {
        return Some([p.x, p.y]);
    }
    if picked.chart != chart || picked.period.grain != crate::model::Grain::Day {
        return None;
    }
    let day = crate::analysis::day_number(picked.period.start);
    model
        .series
        .iter()
        .filter(|s| s.name == picked.series)
        .flat_map(|s| &s.dense)
        .find_map(|line: &DenseLine| {
            let first = line.data.first_from(day)?;
            line.data.same_day(first).find_map(|i| {
                let [x, value] = line.data.lod.point(i)?;
                (x == day && value == picked.value)
                    .then(|| line.scale.apply(value).map(|y| [x, y]))
                    .flatten()
            })
        })
}

fn find_picked<'a>(model: &'a ChartModel, chart: &str, picked: &Picked) -> Option<&'a ChartPoint> {
    if picked.chart != chart {
        return None;
    }
    model
        .series
        .iter()
        .filter(|s| s.name == picked.series)
        .flat_map(|s| &s.points)
        .find(|p| p.period == picked.period && p.value == picked.value && p.mark == picked.mark)
}

fn measure_marks_ui(
    painter: &egui::Painter,
    model: &ChartModel,
    chart: &str,
    inter: &Interaction,
    transform: &PlotTransform,
    colour: Color32,
) {
    let positions: Vec<Pos2> = inter
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
    if let ([a, b], Some(m)) = (positions.as_slice(), inter.measurement()) {
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
fn range_drag_ui(
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
        inter.range_drag = Some((
            chart.to_string(),
            transform.value_from_position(p).x,
            series,
        ));
    }
    let Some((drag_chart, x0, series_name)) = inter.range_drag.clone() else {
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
        inter.range_drag = None;
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
            inter.measure.clear();
            for p in [first, last] {
                if let Some(figure) = figure_of(snap, model, p) {
                    inter.measure.push(Picked {
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

/// The first and last headline figures of a series within `[lo, hi]`, of one grain: the coarsest
/// that has two periods there (a CAGR needs periods of one length).
fn range_ends<'a>(
    snap: &Snapshot,
    series: &'a Series,
    lo: f64,
    hi: f64,
) -> Option<(&'a ChartPoint, &'a ChartPoint)> {
    let inside: Vec<&ChartPoint> = series
        .points
        .iter()
        .filter(|p| p.x >= lo && p.x <= hi && p.mark != Mark::Reported)
        .collect();
    let mut grains: Vec<crate::model::Grain> = inside.iter().map(|p| p.period.grain).collect();
    grains.sort();
    grains.dedup();
    for grain in grains.into_iter().rev() {
        let mut periods: Vec<crate::model::Period> = inside
            .iter()
            .filter(|p| p.period.grain == grain)
            .map(|p| p.period)
            .collect();
        periods.sort();
        periods.dedup();
        if let (Some(first), Some(last)) = (periods.first(), periods.last())
            && first != last
        {
            let pick = |period: crate::model::Period| {
                let candidates: Vec<&ChartPoint> = inside
                    .iter()
                    .copied()
                    .filter(|p| p.period == period)
                    .collect();
                let observations: Vec<&crate::model::Observation> = candidates
                    .iter()
                    .filter_map(|p| match p.origin {
                        super::chart_model::Origin::Observation(i) => snap.observations.get(i),
                        super::chart_model::Origin::Derived(_) => None,
                    })
                    .collect();
                let head = crate::analysis::headline(&observations);
                candidates
                    .iter()
                    .copied()
                    .find(|p| match (p.origin, head) {
                        (super::chart_model::Origin::Observation(i), Some(h)) => {
                            std::ptr::eq(&snap.observations[i], h)
                        }
                        _ => false,
                    })
                    .or_else(|| candidates.first().copied())
            };
            return Some((pick(*first)?, pick(*last)?));
        }
    }
    None
}

fn nearest_series_by_y(visible: &[&Series], transform: &PlotTransform, p: Pos2) -> Option<String> {
    visible
        .iter()
        .flat_map(|s| s.points.iter().map(move |pt| (s, pt)))
        .min_by(|a, b| {
            let da = screen(transform, a.1.x, a.1.y).distance(p);
            let db = screen(transform, b.1.x, b.1.y).distance(p);
            da.total_cmp(&db)
        })
        .map(|(s, _)| s.name.clone())
}

pub fn pct(value: f64) -> String {
    format!("{value:.1}%")
}

pub fn pct_signed(value: f64) -> String {
    format!("{value:+.1}%")
}

/// "+$80B", "-2.5%" (percentage points for rates).
pub fn signed(value: f64, unit: crate::model::Unit) -> String {
    let text = crate::model::format::compact(value.abs(), unit);
    let sign = if value < 0.0 { "-" } else { "+" };
    match unit {
        crate::model::Unit::Percent => format!("{sign}{} pp", text.trim_end_matches('%')),
        _ => format!("{sign}{text}"),
    }
}

/// The line-and-marker sample of a kind, as the charts draw it.
pub fn kinds_line_sample_ui(ui: &mut egui::Ui, kind: Kind) {
    let colour = ui.visuals().text_color();
    line_sample_ui(
        ui,
        tokens::kind_line_style(kind),
        colour,
        Some(tokens::kind_marker_filled(kind)),
    );
}
