//! The seven views of the top bar. Each draws from the snapshot and the settings; what the user
//! asks for goes back to the app as [`Action`]s or direct setting changes.

mod brands;
mod downloads;
mod events;
mod formula_form;
mod gmv;
mod growth;
mod metrics;
mod one_metric;
mod sources;
mod table;

use crate::i18n::{t, t_args};
use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::chart::{self, ZoomResets};
use super::interaction::Interaction;
use super::tokens;
use crate::dashboard::chart_model::{ChartModel, ChartSpec, YMode, build_chart};
use crate::dashboard::line_roles::{LineRole, line_roles};
use crate::dashboard::settings::{Settings, View};
use crate::dashboard::snapshot::Snapshot;

pub use brands::brand_sales_ui;
pub use downloads::downloads_ui;
pub use events::events_ui;
pub use formula_form::FormulaDraft;
pub use gmv::gmv_ui;
pub use growth::growth_ui;
pub use metrics::{NameDrafts, metrics_ui};
pub use sources::sources_ui;
pub use table::{kind_word, selection_csv, table_ui, view_data_csv};

/// Chart models and the table's rows, rebuilt only when the data or the settings change.
#[derive(Default)]
pub struct ChartCache {
    generation: u64,
    entries: HashMap<String, Arc<ChartModel>>,
    rows: Option<(String, TableRows)>,
}

/// The Table view's rows (indices into the snapshot's observations), sorted, and the part each
/// plays in its period's line.
pub type TableRows = (Arc<Vec<usize>>, Arc<Vec<Option<LineRole>>>);

impl ChartCache {
    pub fn get(
        &mut self,
        snap: &Snapshot,
        settings: &Settings,
        spec: &ChartSpec,
    ) -> Arc<ChartModel> {
        if snap.generation != self.generation || self.entries.len() > 64 {
            self.entries.clear();
            self.generation = snap.generation;
        }
        // Per language too: a model holds its series' display names and its axis labels.
        let key = format!(
            "{:?}|{}|{spec:?}",
            crate::i18n::lang(),
            serde_json::to_string(settings).unwrap_or_default()
        );
        Arc::clone(
            self.entries
                .entry(key)
                .or_insert_with(|| Arc::new(build_chart(snap, settings, spec))),
        )
    }
}

impl ChartCache {
    /// The Table view's rows (indices into the snapshot's observations), sorted.
    /// With each row's [`LineRole`].
    pub fn table_rows(&mut self, snap: &Snapshot, settings: &Settings) -> TableRows {
        let key = format!(
            "{}|{}",
            snap.generation,
            serde_json::to_string(settings).unwrap_or_default()
        );
        match &self.rows {
            Some((k, (rows, roles))) if *k == key => (Arc::clone(rows), Arc::clone(roles)),
            _ => {
                let rows = table::selection_indices(snap, settings);
                let roles = Arc::new(line_roles(snap, &rows));
                let rows = Arc::new(rows);
                self.rows = Some((key, (Arc::clone(&rows), Arc::clone(&roles))));
                (rows, roles)
            }
        }
    }
}

/// What a view needs from the app for one frame.
pub struct ViewCtx<'a> {
    pub snap: &'a Snapshot,
    pub settings: &'a mut Settings,
    pub inter: &'a mut Interaction,
    pub resets: &'a mut ZoomResets,
    pub charts: &'a mut ChartCache,
    pub actions: &'a mut Vec<Action>,
    /// Display names typed in the Metrics view.
    pub names: &'a mut NameDrafts,
    pub formula: &'a mut FormulaDraft,
    /// The view's own controls (toggles, metric buttons, reset zoom, the measure bar): off while
    /// presenting and in an exported image, where only the chart belongs.
    pub chrome: bool,
}

impl ViewCtx<'_> {
    /// The y mode the GMV-like charts use, from the log and index toggles.
    pub fn level_mode(&self) -> YMode {
        if self.settings.index_to_100 {
            YMode::Index(self.settings.index_base_year)
        } else if self.settings.log_scale {
            YMode::Log
        } else {
            YMode::Linear
        }
    }
}

pub fn view_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    match cx.settings.view {
        View::Gmv => gmv_ui(ui, cx),
        View::Growth => growth_ui(ui, cx),
        View::Downloads => downloads_ui(ui, cx),
        View::BrandSales => brand_sales_ui(ui, cx),
        View::Metrics => metrics_ui(ui, cx),
        View::Events => events_ui(ui, cx),
        View::Table => table_ui(ui, cx),
        View::Sources => sources_ui(ui, cx),
    }
}

/// A checkbox bound to a toggle action, its shortcut on hover.
fn toggle_ui(
    ui: &mut egui::Ui,
    value: bool,
    action: Action,
    label: &str,
    actions: &mut Vec<Action>,
) {
    let mut v = value;
    let response = ui.checkbox(&mut v, label).on_hover_text(format!(
        "{} ({})",
        action.label(),
        action.shortcut_text()
    ));
    if response.changed() {
        actions.push(action);
    }
}

/// Log, index (with its base year), events and reset zoom, above level charts.
fn level_toolbar_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, with_index: bool) {
    if !cx.chrome {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        toggle_ui(
            ui,
            cx.settings.log_scale,
            Action::ToggleLog,
            &t("chart-log"),
            cx.actions,
        );
        if with_index {
            toggle_ui(
                ui,
                cx.settings.index_to_100,
                Action::ToggleIndex,
                &t("chart-index"),
                cx.actions,
            );
            let years = data_years(cx.snap);
            ui.add_enabled_ui(cx.settings.index_to_100, |ui| {
                let label = ui.label(t("chart-base-year"));
                egui::ComboBox::from_id_salt("index-base-year")
                    .selected_text(cx.settings.index_base_year.to_string())
                    .width(tokens::BASE_YEAR_COMBO_WIDTH_PX)
                    .show_ui(ui, |ui| {
                        for y in years {
                            if ui
                                .selectable_value(
                                    &mut cx.settings.index_base_year,
                                    y,
                                    y.to_string(),
                                )
                                .clicked()
                            {
                                cx.resets.requested += 1;
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
        ui.separator();
        events_toggle_ui(ui, cx);
        ui.separator();
        reset_zoom_ui(ui, cx.actions);
    });
    quick_ranges_ui(ui, cx);
}

/// Since 2020, the last 3 years, the last 12 quarters, all: above the chart, one click each (the
/// side panel's years are the fine control).
pub(super) fn quick_ranges_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    if !cx.chrome {
        return;
    }
    let latest = crate::dashboard::ranges::latest_figure(cx.snap);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t("chart-range")).weak());
        for range in crate::dashboard::ranges::QuickRange::ALL {
            let action = Action::QuickRange(range);
            if ui
                .selectable_label(range.is_on(cx.settings, latest), range.label())
                .on_hover_text(format!("{} ({})", action.label(), action.shortcut_text()))
                .clicked()
            {
                cx.actions.push(action);
            }
        }
        ui.separator();
        grain_choice_ui(ui, cx);
    });
}

/// One grain, or all: annual and quarterly figures are series of their own, and this shows one
/// kind alone (the side panel's Periods tick them one by one).
fn grain_choice_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let metrics = cx.settings.view.metrics(cx.settings);
    let mut present: Vec<crate::model::Grain> = cx
        .snap
        .observations
        .iter()
        .filter(|o| metrics.contains(&o.metric))
        .map(|o| o.period.grain)
        .collect();
    if cx.snap.dense.iter().any(|d| metrics.contains(&d.metric)) {
        present.push(crate::model::Grain::Day);
    }
    present.sort();
    present.dedup();
    if present.len() < 2 {
        return;
    }
    ui.label(RichText::new(t("chart-grain")).weak());
    let all = crate::model::Grain::ALL
        .iter()
        .all(|g| cx.settings.grains.contains(g));
    if ui.selectable_label(all, t("chart-all-grains")).clicked() {
        cx.settings.grains = crate::model::Grain::ALL.into_iter().collect();
        cx.actions.push(Action::ResetZoom);
    }
    for grain in present.into_iter().rev() {
        let only = cx.settings.grains.len() == 1 && cx.settings.grains.contains(&grain);
        let label = crate::dashboard::chart_model::grain_adjective(grain);
        if ui
            .selectable_label(only, label)
            .on_hover_text(t("chart-grain-tooltip"))
            .clicked()
        {
            cx.settings.grains = std::iter::once(grain).collect();
            cx.actions.push(Action::ResetZoom);
        }
    }
}

fn events_toggle_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    toggle_ui(
        ui,
        cx.settings.show_events,
        Action::ToggleEvents,
        &t("chart-show-events"),
        cx.actions,
    );
}

fn reset_zoom_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    if ui
        .button(t("chart-reset-zoom"))
        .on_hover_text(t("chart-reset-zoom-tooltip"))
        .clicked()
    {
        actions.push(Action::ResetZoom);
    }
}

/// Years with any figure, for the base-year and date-range choosers.
pub fn data_years(snap: &Snapshot) -> Vec<i32> {
    snap.years.clone()
}

/// The measurement of the two picked points, or how to make one, in a bar of fixed height.
fn measure_bar_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    if !cx.chrome {
        return;
    }
    let picked = cx.inter.explore.measure.clone();
    let size = egui::vec2(ui.available_width(), tokens::MEASURE_BAR_HEIGHT_PX);
    ui.allocate_ui_with_layout(size, egui::Layout::top_down(egui::Align::Min), |ui| {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.set_min_height(tokens::MEASURE_BAR_HEIGHT_PX - tokens::GROUP_FRAME_MARGINS_PX);
            measure_text_ui(ui, cx, &picked);
        });
    });
}

fn measure_text_ui(
    ui: &mut egui::Ui,
    cx: &mut ViewCtx<'_>,
    picked: &[crate::dashboard::interaction::Picked],
) {
    let describe = |p: &crate::dashboard::interaction::Picked| {
        format!(
            "{} {} ({})",
            p.series,
            p.period.label(),
            crate::model::format::qualified(p.figure.value, p.figure.unit, p.figure.qualifier)
        )
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(t("measure")).strong());
        match (picked, cx.inter.explore.measurement()) {
            ([a, b], Some(m)) => {
                let (from, to) = if m.from == a.period && m.from_value == a.figure.value {
                    (a, b)
                } else {
                    (b, a)
                };
                ui.label(format!("{} → {}:", describe(from), describe(to)));
                let mut parts = Vec::new();
                if m.change.is_finite() {
                    parts.push(format!("change {}", chart::signed(m.change, m.unit)));
                }
                if let Some(c) = m.change_pct {
                    parts.push(chart::pct_signed(c));
                }
                if let Some(c) = m.cagr_pct {
                    parts.push(format!(
                        "CAGR {} a year over {:.2} years",
                        chart::pct(c),
                        m.years
                    ));
                }
                ui.label(RichText::new(parts.join(" · ")).strong());
                if ui
                    .small_button(t("measure-copy"))
                    .on_hover_text(format!(
                        "{} ({})",
                        Action::CopyMeasurement.label(),
                        Action::CopyMeasurement.shortcut_text()
                    ))
                    .clicked()
                {
                    cx.actions.push(Action::CopyMeasurement);
                }
                if ui
                    .small_button(t("measure-clear"))
                    .on_hover_text("Esc")
                    .clicked()
                {
                    cx.actions.push(Action::ClearMeasure);
                }
            }
            ([a], _) => {
                ui.label(t_args("measure-from", &[("name", (&describe(a)).into())]));
                if ui
                    .small_button(t("measure-clear"))
                    .on_hover_text("Esc")
                    .clicked()
                {
                    cx.actions.push(Action::ClearMeasure);
                }
            }
            _ => {
                ui.label(RichText::new(t("measure-hint")).weak());
            }
        }
    });
    if let Some(m) = cx.inter.explore.measurement()
        && !m.caveats.is_empty()
    {
        ui.label(
            RichText::new(t_args(
                "measure-note",
                &[("name", (&m.caveats.join("; ")).into())],
            ))
            .color(ui.visuals().warn_fg_color)
            .small(),
        );
    }
}

/// A table's columns from their widths in the tokens: resizable and clipped, the last one taking
/// the rest of the width.
fn with_columns<'a>(
    mut builder: egui_extras::TableBuilder<'a>,
    widths_px: &[f32],
) -> egui_extras::TableBuilder<'a> {
    let last = widths_px.len().saturating_sub(1);
    for (i, width) in widths_px.iter().enumerate() {
        let column = if i == last {
            egui_extras::Column::remainder().at_least(*width)
        } else {
            egui_extras::Column::initial(*width).at_least(width * 0.5)
        };
        builder = builder.column(column.clip(true));
    }
    builder
}

/// The height left for `charts` charts after what is drawn below them.
fn chart_height(ui: &egui::Ui, charts: usize, reserve_px: f32) -> f32 {
    let n = charts.max(1) as f32;
    ((ui.available_height() - reserve_px) / n - tokens::PANEL_GAP_PX)
        .max(tokens::CHART_MIN_HEIGHT_PX)
}
