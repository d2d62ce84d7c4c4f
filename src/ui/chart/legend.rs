//! What sits above and beside a chart: its title and counts, the key of kinds and marks drawn
//! with the real styles, the legend that hides and solos series, and the empty state.

use crate::i18n::{t, t_args};
use eframe::egui::{self, Color32, Pos2, RichText, Shape, Stroke};
use egui_plot::LineStyle;

use super::{Legend, tooltip};
use crate::dashboard::chart_model::{ChartModel, EmptyState};
use crate::model::Kind;
use crate::ui::tokens;

/// The chart's title, notes and kind key above the plot.
pub fn chart_header_ui(ui: &mut egui::Ui, model: &ChartModel) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tokens::heading(&model.title));
        if model.empty.is_none() {
            let (n, estimated) = model.point_count();
            let count = crate::model::format::grouped(n);
            let count = if estimated {
                format!("~{count}")
            } else {
                count
            };
            let mut text = t_args(
                "legend-figures",
                &[("value", (&count).into()), ("count", n.into())],
            );
            if model.dense_count() > 0 {
                text = format!("{text} · {}", t("legend-decimated"));
            }
            ui.label(RichText::new(text).weak());
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
            line_sample_ui(
                ui,
                tokens::kind_line_style(kind),
                colour,
                Some(tokens::kind_marker_filled(kind)),
            );
            ui.label(RichText::new(t(&format!("legend-{}", kind.as_str()))).small());
            ui.add_space(tokens::KEY_GAP_PX);
        }
        if growth {
            line_sample_ui(ui, LineStyle::Solid, colour, Some(true));
            ui.label(RichText::new(t("legend-computed")).small());
            ui.add_space(tokens::KEY_GAP_PX);
            diamond_sample_ui(ui, colour);
            ui.label(RichText::new(t("legend-reported-growth")).small());
            ui.add_space(tokens::KEY_GAP_PX);
        }
        if hint {
            ui.label(RichText::new(t("legend-hint")).weak().small());
        }
    });
}

pub(crate) fn line_sample_ui(
    ui: &mut egui::Ui,
    style: LineStyle,
    colour: Color32,
    marker: Option<bool>,
) {
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

pub(crate) fn diamond_sample_ui(ui: &mut egui::Ui, colour: Color32) {
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
            ui.label(tokens::heading(&empty.headline));
            ui.add_space(tokens::SECTION_GAP_PX);
            for reason in &empty.reasons {
                ui.label(reason);
            }
        });
    });
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

/// One series in a legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub name: String,
    pub colour: crate::model::Rgb,
    /// A region of its platform (see `Series::variant`): its marker glyph beside the chip.
    pub variant: usize,
}

/// The series of some charts, once each, in their order.
pub fn legend_entries(models: &[&ChartModel]) -> Vec<LegendEntry> {
    let mut out: Vec<LegendEntry> = Vec::new();
    for model in models {
        for s in &model.series {
            if !out.iter().any(|e| e.name == s.name) {
                out.push(LegendEntry {
                    name: s.name.clone(),
                    colour: s.colour,
                    variant: s.variant,
                });
            }
        }
    }
    out
}

/// The colour chip, and for a region of a platform the marker its points are drawn with.
fn entry_key_ui(ui: &mut egui::Ui, entry: &LegendEntry) {
    tooltip::colour_chip_ui(ui, tokens::platform_colour(entry.colour));
    if entry.variant > 0 {
        let glyph = tokens::variant_marker(entry.variant).1;
        ui.label(RichText::new(glyph).color(tokens::platform_colour(entry.colour)))
            .on_hover_text(
                "The platform's colour, in a region: this marker and a thinner line tell it from the worldwide series",
            );
    }
}

/// The legend, above the chart so it never covers a figure: click hides a series, Alt-click shows
/// it alone (Alt-click it again to show all).
pub fn legend_ui(
    ui: &mut egui::Ui,
    entries: &[LegendEntry],
    hidden: &mut std::collections::BTreeSet<String>,
    legend: Legend,
) {
    if legend == Legend::None || (entries.len() < 2 && hidden.is_empty()) {
        return;
    }
    if legend == Legend::Names {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = tokens::ITEM_GAP_PX;
            for entry in entries.iter().filter(|e| !hidden.contains(&e.name)) {
                entry_key_ui(ui, entry);
                ui.label(entry.name.as_str());
                ui.add_space(tokens::ITEM_GAP_PX);
            }
        });
        return;
    }
    // Past a few rows (a store of hundreds of series) the legend scrolls, so the chart stays on
    // screen under it.
    egui::ScrollArea::vertical()
        .id_salt(ui.next_auto_id())
        .max_height(tokens::LEGEND_MAX_HEIGHT_PX)
        .auto_shrink([false, true])
        .show(ui, |ui| checkbox_entries_ui(ui, entries, hidden));
}

/// The legend's entries as checkboxes, wrapped in rows.
fn checkbox_entries_ui(
    ui: &mut egui::Ui,
    entries: &[LegendEntry],
    hidden: &mut std::collections::BTreeSet<String>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = tokens::ITEM_GAP_PX;
        for entry in entries {
            let name = &entry.name;
            let mut shown = !hidden.contains(name);
            entry_key_ui(ui, entry);
            let response = ui
                .checkbox(&mut shown, name.as_str())
                .on_hover_text("Click hides this series; Alt-click shows it alone");
            if response.clicked() {
                if ui.input(|i| i.modifiers.alt) {
                    let others = entries.iter().filter(|e| &e.name != name);
                    let others_hidden = others.clone().all(|e| hidden.contains(&e.name));
                    hidden.clear();
                    if !others_hidden {
                        hidden.extend(others.map(|e| e.name.clone()));
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
