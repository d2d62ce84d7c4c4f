//! The side panel: what the charts and tables show. Platforms (colour chip, name and Chinese name,
//! parent company on hover), regions, kinds, period lengths, a date range and event categories,
//! each with how many figures of the current view it holds.

use std::collections::HashMap;

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::chart::kinds_line_sample_ui;
use super::chart::tooltip::colour_chip_ui;
use super::tokens;
use super::views::data_years;
use crate::dashboard::settings::Settings;
use crate::dashboard::snapshot::{Snapshot, display_name};
use crate::i18n::{t, t_args};
use crate::model::{EventCategory, Grain, Kind, Platform, PlatformType};

/// How many figures of the current view each platform and region has, counted again only when
/// the data, the view or the platform and region choices change.
#[derive(Default)]
pub struct SideCounts {
    key: String,
    per_platform: HashMap<String, usize>,
    per_region: HashMap<String, usize>,
}

impl SideCounts {
    fn update(&mut self, snap: &Snapshot, settings: &Settings) {
        let metrics = settings.view.metrics(settings);
        let key = format!(
            "{}|{metrics:?}|{:?}|{:?}",
            snap.generation, settings.platform_choice, settings.region_choice
        );
        if key == self.key {
            return;
        }
        let relevant = |metric: &str| metrics.is_empty() || metrics.iter().any(|m| m == metric);
        self.per_platform.clear();
        self.per_region.clear();
        for o in snap.observations.iter().filter(|o| relevant(&o.metric)) {
            if settings.region_shown(&o.region) {
                *self.per_platform.entry(o.platform.clone()).or_default() += 1;
            }
            if snap
                .platform(&o.platform)
                .is_none_or(|p| settings.platform_shown(p))
            {
                *self.per_region.entry(o.region.clone()).or_default() += 1;
            }
        }
        for d in snap.dense.iter().filter(|d| relevant(&d.metric)) {
            if settings.region_shown(&d.region) {
                *self.per_platform.entry(d.platform.clone()).or_default() += d.figures();
            }
            if snap
                .platform(&d.platform)
                .is_none_or(|p| settings.platform_shown(p))
            {
                *self.per_region.entry(d.region.clone()).or_default() += d.figures();
            }
        }
        self.key = key;
    }
}

pub fn side_panel_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    settings: &mut Settings,
    counts: &mut SideCounts,
    actions: &mut Vec<Action>,
) {
    counts.update(snap, settings);
    let what = if settings.view.is_chart() {
        t("side-figures-in-view")
    } else {
        t("side-figures")
    };
    let what = what.as_str();

    ui.horizontal(|ui| {
        ui.label(tokens::heading(t("side-show")));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button(t("side-reset-view"))
                .on_hover_text(format!(
                    "{} ({})",
                    Action::ResetView.label(),
                    Action::ResetView.shortcut_text()
                ))
                .clicked()
            {
                actions.push(Action::ResetView);
            }
        });
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            if settings.source_filter.is_some() {
                ui.label(RichText::new(t("side-filter-paused")).color(ui.visuals().warn_fg_color));
                ui.add_space(tokens::SECTION_GAP_PX);
            }
            platforms_section_ui(ui, snap, settings, &counts.per_platform, what);
            regions_section_ui(ui, snap, settings, &counts.per_region, what);
            kinds_and_periods_ui(ui, settings);
            display_currency_ui(ui, snap, settings);
            date_range_ui(ui, snap, settings, actions);
            event_markers_ui(ui, snap, settings);
        });
}

fn platforms_section_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    settings: &mut Settings,
    per_platform: &HashMap<String, usize>,
    what: &str,
) {
    section_header_ui(ui, &t("side-platforms"), what);
    ui.horizontal(|ui| {
        if ui.small_button(t("side-all")).clicked() {
            for p in snap
                .platforms
                .iter()
                .filter(|p| p.platform_type == PlatformType::Platform)
            {
                settings.platform_choice.insert(p.id.clone(), true);
            }
        }
        if ui.small_button(t("side-none")).clicked() {
            for p in &snap.platforms {
                settings.platform_choice.insert(p.id.clone(), false);
            }
        }
        if ui.small_button(t("side-default")).clicked() {
            settings.platform_choice.clear();
        }
    });
    for p in snap
        .platforms
        .iter()
        .filter(|p| p.platform_type == PlatformType::Platform)
    {
        platform_row_ui(ui, p, settings, per_platform.get(&p.id).copied());
    }
    let aggregates: Vec<&Platform> = snap
        .platforms
        .iter()
        .filter(|p| p.platform_type == PlatformType::Aggregate)
        .collect();
    if !aggregates.is_empty() {
        egui::CollapsingHeader::new(t("side-aggregates"))
            .id_salt("aggregates")
            .default_open(false)
            .show(ui, |ui| {
                for p in aggregates {
                    platform_row_ui(ui, p, settings, per_platform.get(&p.id).copied());
                }
            });
    }
}

fn regions_section_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    settings: &mut Settings,
    per_region: &HashMap<String, usize>,
    what: &str,
) {
    ui.add_space(tokens::SECTION_GAP_PX);
    section_header_ui(ui, &t("side-regions"), what);
    ui.horizontal(|ui| {
        if ui.small_button(t("side-all")).clicked() {
            for r in &snap.regions {
                settings.region_choice.insert(r.id.clone(), true);
            }
        }
        if ui.small_button(t("side-worldwide-only")).clicked() {
            settings.region_choice.clear();
        }
    });
    let mut any_unused = false;
    for r in &snap.regions {
        let used = snap.regions_with_figures.contains(&r.id);
        if !used {
            any_unused = true;
            continue;
        }
        let mut shown = settings.region_shown(&r.id);
        ui.horizontal(|ui| {
            let label = if r.id == "global" {
                t("side-worldwide")
            } else {
                crate::i18n::catalogue_name("region", &r.id).unwrap_or_else(|| r.name.clone())
            };
            if ui.checkbox(&mut shown, label).changed() {
                settings.region_choice.insert(r.id.clone(), shown);
            }
            count_ui(ui, per_region.get(&r.id).copied());
        });
    }
    if any_unused {
        ui.label(RichText::new(t("side-regions-unlisted")).weak().small());
    }
}

fn kinds_and_periods_ui(ui: &mut egui::Ui, settings: &mut Settings) {
    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(RichText::new(t("side-kinds")).strong());
    for kind in Kind::ALL {
        let mut on = settings.kinds.contains(&kind);
        ui.horizontal(|ui| {
            if ui.checkbox(&mut on, kind_label(kind)).changed() {
                if on {
                    settings.kinds.insert(kind);
                } else {
                    settings.kinds.remove(&kind);
                }
            }
            kinds_line_sample_ui(ui, kind);
        });
    }

    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(RichText::new(t("side-periods")).strong());
    ui.horizontal_wrapped(|ui| {
        for grain in Grain::ALL.into_iter().rev() {
            let mut on = settings.grains.contains(&grain);
            if ui.checkbox(&mut on, grain_label(grain)).changed() {
                if on {
                    settings.grains.insert(grain);
                } else {
                    settings.grains.remove(&grain);
                }
            }
        }
    });
}

/// As published, or converted into a currency the store has `fx_rate` figures for (and USD).
/// Shown only where there are rates to convert with.
fn display_currency_ui(ui: &mut egui::Ui, snap: &Snapshot, settings: &mut Settings) {
    let currencies = snap.rates.currencies();
    if currencies.len() < 2 {
        return;
    }
    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(RichText::new(t("side-currency")).strong())
        .on_hover_text(t("side-currency-hover"));
    ui.horizontal_wrapped(|ui| {
        let current = settings.display_currency();
        if ui
            .selectable_label(current.is_none(), t("side-currency-as-published"))
            .clicked()
        {
            settings.display_currency = None;
        }
        for c in currencies {
            if ui
                .selectable_label(current == Some(c), c.code())
                .on_hover_text(t("side-currency-hover"))
                .clicked()
            {
                settings.display_currency = Some(c.code().to_string());
            }
        }
    });
}

fn date_range_ui(
    ui: &mut egui::Ui,
    snap: &Snapshot,
    settings: &mut Settings,
    actions: &mut Vec<Action>,
) {
    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(RichText::new(t("side-date-range")).strong());
    let years = data_years(snap);
    ui.horizontal(|ui| {
        // A new range refits the charts to it (it used to wait for R).
        let from = year_choice_ui(
            ui,
            "from-year",
            &t("side-from"),
            &mut settings.from_year,
            &years,
        );
        let to = year_choice_ui(ui, "to-year", &t("side-to"), &mut settings.to_year, &years);
        if from || to {
            settings.from_date = None;
            actions.push(Action::ResetZoom);
        }
    });
    if let Some(start) = settings.from_date {
        ui.label(
            RichText::new(t_args(
                "side-starts",
                &[(
                    "name",
                    (&crate::model::Period::new(start, Grain::Day).label()).into(),
                )],
            ))
            .weak()
            .small(),
        );
    }
    if let (Some(a), Some(b)) = (settings.from_year, settings.to_year)
        && a > b
    {
        ui.label(RichText::new(t("side-range-empty")).color(ui.visuals().warn_fg_color));
    }
}

fn event_markers_ui(ui: &mut egui::Ui, snap: &Snapshot, settings: &mut Settings) {
    ui.add_space(tokens::SECTION_GAP_PX);
    ui.label(RichText::new(t("side-event-markers")).strong());
    ui.checkbox(&mut settings.show_events, t("side-show-events"));
    for category in EventCategory::ALL {
        let n = snap
            .events
            .iter()
            .filter(|e| e.category == category)
            .count();
        if n == 0 {
            continue;
        }
        let mut on = settings.event_categories.contains(&category);
        ui.horizontal(|ui| {
            colour_chip_ui(ui, tokens::event_colour(category));
            if ui
                .checkbox(&mut on, t(&format!("event-{}", category.as_str())))
                .changed()
            {
                if on {
                    settings.event_categories.insert(category);
                } else {
                    settings.event_categories.remove(&category);
                }
            }
            count_ui(ui, Some(n));
        });
    }
}

fn section_header_ui(ui: &mut egui::Ui, title: &str, counts: &str) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong());
        ui.label(
            RichText::new(t_args("side-count", &[("name", counts.into())]))
                .weak()
                .small(),
        );
    });
}

fn platform_row_ui(ui: &mut egui::Ui, p: &Platform, settings: &mut Settings, count: Option<usize>) {
    let mut shown = settings.platform_shown(p);
    ui.horizontal(|ui| {
        colour_chip_ui(ui, tokens::platform_colour(p.colour));
        let hover = match (p.parent_label(), p.platform_type) {
            (Some(parent), _) => t_args("side-parent", &[("name", (&parent).into())]),
            (None, PlatformType::Aggregate) => t("side-market-scope"),
            (None, PlatformType::Platform) => t("side-parent-unknown"),
        };
        if ui
            .checkbox(&mut shown, display_name(p))
            .on_hover_text(hover)
            .changed()
        {
            settings.platform_choice.insert(p.id.clone(), shown);
        }
        count_ui(ui, count);
    });
}

fn count_ui(ui: &mut egui::Ui, count: Option<usize>) {
    if let Some(n) = count.filter(|n| *n > 0) {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(
                RichText::new(crate::model::format::grouped(n))
                    .weak()
                    .small(),
            );
        });
    }
}

fn year_choice_ui(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<i32>,
    years: &[i32],
) -> bool {
    let before = *value;
    let label = ui.label(label);
    let any = t("side-any-year");
    let text = value.map(|y| y.to_string()).unwrap_or_else(|| any.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(text)
        .width(tokens::YEAR_COMBO_WIDTH_PX)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, any);
            for y in years {
                ui.selectable_value(value, Some(*y), y.to_string());
            }
        })
        .response
        .labelled_by(label.id);
    *value != before
}

pub fn kind_label(kind: Kind) -> String {
    t(match kind {
        Kind::Actual => "kind-actual",
        Kind::Estimate => "kind-estimate",
        Kind::Forecast => "kind-forecast",
    })
}

fn grain_label(grain: Grain) -> String {
    t(&format!("grains-{}", grain.as_str()))
}
