//! Provenance one hover away: the tooltip of a point lists every figure for its period with value,
//! wording, kind and source; a computed growth names both figures it came from. Events get their
//! title on hover and their details and source in a side panel on click.

use eframe::egui::{self, RichText};

use crate::analysis::DerivedGrowth;
use crate::dashboard::chart_model::{
    ChartModel, ChartPoint, DenseLine, Mark, Origin, Series, YMode, converted_note,
};
use crate::dashboard::snapshot::Snapshot;
use crate::i18n::{t, t_args};
use crate::model::format::qualified;
use crate::model::{Event, Observation, Source, Unit};
use crate::ui::tokens;
use crate::ui::views::kind_word;

pub fn point_tooltip_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    model: &ChartModel,
    series: &Series,
    point: &ChartPoint,
    measure_hint: &str,
) {
    ui.horizontal(|ui| {
        colour_chip_ui(ui, tokens::platform_colour(series.colour));
        ui.label(RichText::new(&series.name).strong());
    });
    let metric = match point.mark {
        Mark::Figure => snap.metric_name(&model.spec.metric),
        Mark::Computed | Mark::Reported => "GMV growth, year on year".to_string(),
    };
    let period = snap.period_heading(&series.platform, &point.period);
    ui.label(format!("{period} · {metric}"));
    ui.separator();

    // The hovered figure first, then every other figure for the same period.
    let mut siblings: Vec<&ChartPoint> = vec![point];
    siblings.extend(
        series
            .points
            .iter()
            .filter(|p| p.period == point.period && !std::ptr::eq(*p, point)),
    );
    for (i, p) in siblings.iter().enumerate() {
        if i > 0 {
            ui.add_space(tokens::SMALL_GAP_PX);
        }
        match p.origin {
            Origin::Observation(o) => {
                if let Some(obs) = snap.observations.get(o) {
                    figure_ui(ui, snap, obs, p, model, p.mark == Mark::Reported);
                }
            }
            Origin::Derived(d) => {
                if let Some(g) = model.derived.get(d) {
                    derived_ui(ui, g);
                }
            }
        }
    }
    if siblings.len() > 1 {
        ui.add_space(tokens::TINY_GAP_PX);
        ui.label(
            RichText::new(line_follows(snap, &siblings, point))
                .weak()
                .small(),
        );
    }
    ui.separator();
    ui.label(RichText::new(measure_hint).weak().small());
}

/// "3 figures for 2023; the line follows Marketplace Pulse's $20B: most sources agree on it."
fn line_follows(snap: &Snapshot, siblings: &[&ChartPoint], point: &ChartPoint) -> String {
    let figures: Vec<&crate::model::Observation> = siblings
        .iter()
        .filter(|p| p.mark != Mark::Reported)
        .filter_map(|p| match p.origin {
            Origin::Observation(o) => snap.observations.get(o),
            Origin::Derived(_) => None,
        })
        .collect();
    let n = siblings.len();
    let period = point.period.label();
    match crate::analysis::headline(&figures) {
        Some(head) => format!(
            "{n} figures for {period}; the line follows {}'s {}: {}.",
            head.source.publisher,
            crate::model::format::qualified(head.value, head.unit, head.qualifier),
            crate::analysis::headline_reason(&figures, head).as_str()
        ),
        None => format!("{n} figures for {period}; the line follows one of them."),
    }
}

/// "Index 142.3 (2023 = 100)".
fn index_line(y: f64, year: i32) -> String {
    t_args(
        "tooltip-index",
        &[
            ("value", (&format_index(y)).into()),
            ("name", (&year.to_string()).into()),
        ],
    )
}

/// Figures of one day a long series' tooltip lists (several sources may give a day).
const DENSE_SAME_DAY_MAX: usize = 6;

/// The tooltip of a long series' figure: the real figure under the pointer (not a merged
/// column), with its value, wording, kind and source like any other, and how the line is drawn.
#[allow(clippy::too_many_arguments)]
pub fn dense_tooltip_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    model: &ChartModel,
    series: &Series,
    line: &DenseLine,
    index: usize,
    (drawn, decimated): (usize, bool),
    measure_hint: &str,
) {
    let data = &line.data;
    ui.horizontal(|ui| {
        colour_chip_ui(ui, tokens::platform_colour(series.colour));
        ui.label(RichText::new(&series.name).strong());
    });
    let day = data
        .date(index)
        .map(|d| snap.period_heading(&series.platform, &crate::model::Period::day(d)))
        .unwrap_or_default();
    ui.label(format!("{day} · {}", snap.metric_name(&data.metric)));
    ui.separator();
    let same_day = data.same_day(index);
    let others = same_day.clone().filter(|&i| i != index);
    for (n, i) in std::iter::once(index).chain(others).enumerate() {
        if n >= DENSE_SAME_DAY_MAX {
            break;
        }
        if n > 0 {
            ui.add_space(tokens::SMALL_GAP_PX);
        }
        let Some([_, value]) = data.lod.point(i) else {
            continue;
        };
        let value_text = qualified(value, data.unit, data.qualifier(i));
        ui.label(RichText::new(format!("{value_text} · {}", kind_word(data.kind))).strong());
        if let (YMode::Index(year), Some(y)) = (model.spec.y_mode, line.scale.apply(value)) {
            ui.label(index_line(y, year));
        }
        match data.provenance(i).and_then(|r| snap.source(r.source_id)) {
            Some(source) => source_ui(ui, source),
            None => {
                ui.label(
                    RichText::new(t("tooltip-source-missing")).color(ui.visuals().warn_fg_color),
                );
            }
        }
        if let Some(note) = data.note(i) {
            ui.label(
                RichText::new(truncate(note, tokens::NOTE_MAX_CHARS))
                    .weak()
                    .small(),
            );
        }
    }
    if same_day.len() > 1 {
        ui.add_space(tokens::TINY_GAP_PX);
        ui.label(
            RichText::new(format!("{} figures for {day}.", same_day.len()))
                .weak()
                .small(),
        );
    }
    ui.separator();
    let total = crate::model::format::grouped(data.figures());
    let drawn = crate::model::format::grouped(drawn);
    let how = t_args(
        if decimated {
            "tooltip-dense-decimated"
        } else {
            "tooltip-dense-all"
        },
        &[("name", (&total).into()), ("value", (&drawn).into())],
    );
    ui.label(RichText::new(how).weak().small());
    ui.label(RichText::new(measure_hint).weak().small());
}

fn figure_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    obs: &Observation,
    point: &ChartPoint,
    model: &ChartModel,
    reported: bool,
) {
    let converted = match point.origin {
        Origin::Observation(i) => model.converted.get(&i),
        Origin::Derived(_) => None,
    };
    let value = match converted {
        Some(c) => qualified(c.point.value, model.unit, obs.qualifier),
        None => qualified(obs.value, obs.unit, obs.qualifier),
    };
    let what = if reported {
        format!(" · {}", t("tooltip-reported-growth"))
    } else {
        String::new()
    };
    let kind = kind_word(obs.kind);
    ui.label(RichText::new(format!("{value} · {kind}{what}")).strong());
    if let Some(c) = converted {
        ui.label(converted_note(c, obs.unit));
        for rate in &c.rates {
            for id in &rate.rate.sources {
                if let Some(source) = snap.source(*id) {
                    let name = source.citation();
                    ui.label(
                        RichText::new(t_args("tooltip-rate-source", &[("name", (&name).into())]))
                            .weak()
                            .small(),
                    );
                }
            }
        }
    }
    match model.spec.y_mode {
        YMode::Index(year) if !reported => {
            ui.label(index_line(point.y, year));
        }
        _ => {}
    }
    source_ui(ui, &obs.source);
    if !obs.note.is_empty() {
        ui.label(
            RichText::new(truncate(&obs.note, tokens::NOTE_MAX_CHARS))
                .weak()
                .small(),
        );
    }
}

fn derived_ui(ui: &mut egui::Ui, g: &DerivedGrowth) {
    let value = qualified(g.value_pct, Unit::Percent, g.qualifier);
    let computed = t("tooltip-computed-from-gmv");
    ui.label(RichText::new(format!("{value} · {} · {computed}", kind_word(g.kind))).strong());
    let side = |o: &Observation| {
        format!(
            "{} {} ({})",
            o.period.label(),
            qualified(o.value, o.unit, o.qualifier),
            o.source.citation()
        )
    };
    ui.label(format!("{} over {}", side(&g.current), side(&g.previous)));
    if g.across_sources {
        ui.label(
            RichText::new(t_args(
                "tooltip-derived-across",
                &[
                    ("name", (&g.current.source.citation()).into()),
                    ("value", (&g.previous.source.citation()).into()),
                ],
            ))
            .color(ui.visuals().warn_fg_color),
        );
    } else {
        ui.label(t_args(
            "tooltip-derived-one",
            &[("name", (&g.current.source.citation()).into())],
        ));
    }
}

pub fn source_ui(ui: &mut egui::Ui, source: &Source) {
    ui.label(t_args(
        "tooltip-source",
        &[("name", (&source.citation()).into())],
    ));
    if !source.title.is_empty() {
        ui.label(RichText::new(&source.title).weak().small());
    }
    if !source.url.is_empty() {
        ui.label(RichText::new(&source.url).weak().small());
    }
}

pub fn event_tooltip_ui(ui: &mut egui::Ui, snap: &Snapshot, event: &Event) {
    ui.label(RichText::new(&event.title).strong());
    ui.label(event_when_where(snap, event));
    ui.label(RichText::new(t("tooltip-event-click")).weak().small());
}

/// "2 May 2025 · policy · United States".
pub fn event_when_where(snap: &Snapshot, event: &Event) -> String {
    let mut parts = vec![match event.end {
        Some(end) => format!("{} to {}", event.date.label(), end.label()),
        None => event.date.label(),
    }];
    parts.push(event.category.to_string());
    if let Some(p) = &event.platform {
        parts.push(snap.platform_name(p));
    }
    if let Some(r) = &event.region {
        parts.push(snap.region_name(r));
    }
    parts.join(" · ")
}

/// The event details panel; returns true when the user closes it.
pub fn event_details_ui(ui: &mut egui::Ui, snap: &Snapshot, event: &Event) -> bool {
    let mut close = false;
    ui.horizontal(|ui| {
        ui.label(tokens::heading(t("event-details-title")));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            close = ui.button(t("event-details-close")).clicked();
        });
    });
    ui.separator();
    ui.label(RichText::new(&event.title).strong());
    ui.label(event_when_where(snap, event));
    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(&event.description);
    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(RichText::new(t("event-details-source")).strong());
    ui.label(event.source.citation());
    if !event.source.title.is_empty() {
        ui.label(RichText::new(&event.source.title).weak());
    }
    if !event.source.url.is_empty() {
        ui.hyperlink_to(&event.source.url, &event.source.url);
    }
    close
}

pub fn colour_chip_ui(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(tokens::CHIP_SIZE_PX, tokens::CHIP_SIZE_PX),
        egui::Sense::hover(),
    );
    ui.painter()
        .rect_filled(rect, tokens::CORNER_RADIUS_PX, colour);
}

fn format_index(y: f64) -> String {
    if y.abs() >= 100.0 {
        format!("{y:.0}")
    } else {
        format!("{y:.1}")
    }
}

/// Cuts long notes at a word boundary, with an ellipsis.
pub fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_notes_are_cut_at_a_word() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("one two three four", 10), "one two…");
    }
}
