//! The top bar: the seven view tabs, the source filter chip, import, export, shortcuts, the theme toggle
//! and the store indicator (file, figures, read-only or not, a spinner while loading).

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::tokens;
use crate::dashboard::settings::{Settings, ThemeChoice, View};
use crate::dashboard::snapshot::Snapshot;
use crate::i18n::{Lang, t, t_args};

pub struct StoreStatus<'a> {
    pub location: &'a crate::store::Location,
    pub snapshot: Option<&'a Snapshot>,
    /// When the store's server stopped answering, while it does not.
    pub offline_since: Option<chrono::DateTime<chrono::Local>>,
    pub busy: bool,
    /// Figures read so far while a load is in progress.
    pub rows_read: Option<usize>,
    pub failed: bool,
}

pub fn top_bar_ui(
    ui: &mut egui::Ui,
    settings: &Settings,
    status: &StoreStatus<'_>,
    actions: &mut Vec<Action>,
) {
    let wrap_tools = ui
        .horizontal(|ui| {
            ui.label(
                RichText::new(t("app-name"))
                    .font(tokens::title_font())
                    .strong(),
            );
            ui.separator();
            for view in View::all() {
                let action = Action::ShowView(view);
                let tab = ui
                    .selectable_label(settings.view == view, view.label())
                    .on_hover_text(format!("{} ({})", action.label(), action.shortcut_text()));
                if tab.clicked() {
                    actions.push(action);
                }
            }
            // The tools sit at the right when they fit beside the tabs (their width is last frame's);
            // otherwise they wrap onto a row of their own rather than draw over the tabs.
            let tools_width_px: f32 = ui
                .ctx()
                .data(|d| d.get_temp(tools_width_id()))
                .unwrap_or(0.0);
            if ui.available_width() >= tools_width_px {
                let tools = ui
                    .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        tools_ui(ui, settings, status, actions, true)
                    });
                let used_px = tools.inner;
                ui.ctx()
                    .data_mut(|d| d.insert_temp(tools_width_id(), used_px));
                false
            } else {
                true
            }
        })
        .inner;
    if wrap_tools {
        ui.horizontal_wrapped(|ui| {
            // Measured again here, so the single row comes back once the window is wide enough.
            let used_px = tools_ui(ui, settings, status, actions, false);
            ui.ctx()
                .data_mut(|d| d.insert_temp(tools_width_id(), used_px));
        });
    }
}

fn tools_width_id() -> egui::Id {
    egui::Id::unique("marketscope-top-bar-tools-width")
}

/// The parts of the tools group, from the right edge inwards.
#[derive(Clone, Copy)]
enum Tool {
    Store,
    Theme,
    Separator,
    Help,
    Present,
    Export,
    Library,
    Import,
}

/// Import, the saved-view buttons, Export and Present, help, theme and the store's state; right to
/// left (`rtl`) at the right edge, or left to right on a row of their own. Returns the width used.
fn tools_ui(
    ui: &mut egui::Ui,
    settings: &Settings,
    status: &StoreStatus<'_>,
    actions: &mut Vec<Action>,
    rtl: bool,
) -> f32 {
    let mut order = [
        Tool::Store,
        Tool::Separator,
        Tool::Theme,
        Tool::Separator,
        Tool::Help,
        Tool::Present,
        Tool::Export,
        Tool::Library,
        Tool::Import,
    ];
    if !rtl {
        order.reverse();
    }
    for tool in order {
        match tool {
            Tool::Store => store_indicator_ui(ui, status),
            Tool::Theme => theme_toggle_ui(ui, settings.theme, actions),
            Tool::Separator => {
                ui.separator();
            }
            Tool::Help => {
                if ui
                    .button("?")
                    .on_hover_text(t_args(
                        "top-shortcuts",
                        &[("name", (&Action::ToggleShortcuts.shortcut_text()).into())],
                    ))
                    .clicked()
                {
                    actions.push(Action::ToggleShortcuts);
                }
            }
            Tool::Present => present_menu_ui(ui, status.snapshot, actions),
            Tool::Export => export_menu_ui(ui, settings, actions),
            Tool::Library => {
                let mut buttons = [
                    (Action::ShowViews, t("top-views")),
                    (Action::SaveView, t("top-save-view")),
                ];
                if !rtl {
                    buttons.reverse();
                }
                for (action, label) in buttons {
                    if ui
                        .button(label)
                        .on_hover_text(format!("{} ({})", action.label(), action.shortcut_text()))
                        .clicked()
                    {
                        actions.push(action);
                    }
                }
            }
            Tool::Import => import_button_ui(ui, status, actions),
        }
    }
    ui.min_rect().width()
}

fn import_button_ui(ui: &mut egui::Ui, status: &StoreStatus<'_>, actions: &mut Vec<Action>) {
    let read_only = status.snapshot.is_some_and(|s| s.read_only);
    let import = ui
        .add_enabled(
            !read_only && !status.failed,
            egui::Button::new(t("top-import")),
        )
        .on_hover_text(t_args(
            "top-import-tooltip",
            &[("name", (&Action::OpenImport.shortcut_text()).into())],
        ))
        .on_disabled_hover_text(t("top-import-disabled"));
    if import.clicked() {
        actions.push(Action::OpenImport);
    }
}

/// "Present…": the store's stories, each starting presenter mode.
fn present_menu_ui(ui: &mut egui::Ui, snapshot: Option<&Snapshot>, actions: &mut Vec<Action>) {
    let stories = snapshot.map(|s| s.stories.as_slice()).unwrap_or_default();
    ui.add_enabled_ui(!stories.is_empty(), |ui| {
        ui.menu_button(t("top-present"), |ui| {
            for (index, story) in stories.iter().enumerate() {
                let label = t_args(
                    "top-story-steps",
                    &[
                        ("name", (&story.name).into()),
                        ("count", story.steps.len().into()),
                    ],
                );
                if ui.button(label).clicked() {
                    actions.push(Action::PresentStory(index));
                }
            }
        })
        .response
        .on_hover_text(format!(
            "{} ({})",
            Action::Present.label(),
            Action::Present.shortcut_text()
        ))
        .on_disabled_hover_text(t("top-no-stories"));
    });
}

/// "Export…": the chart as an image (clipboard, PNG, SVG or PDF) and its figures as CSV.
fn export_menu_ui(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    let chart = !settings.view.metrics(settings).is_empty();
    ui.menu_button(t("top-export"), |ui| {
        for action in [
            Action::CopyImage,
            Action::ExportImage,
            Action::ExportSvg,
            Action::ExportPdf,
            Action::ExportCsv,
        ] {
            let enabled = chart || action == Action::ExportCsv;
            let item = ui
                .add_enabled(
                    enabled,
                    egui::Button::new(action.label()).shortcut_text(action.shortcut_text()),
                )
                .on_disabled_hover_text(t("top-export-only-charts"));
            if item.clicked() {
                actions.push(action);
                ui.close();
            }
        }
    })
    .response
    .on_hover_text(t("top-export-tooltip"));
}

fn theme_toggle_ui(ui: &mut egui::Ui, theme: ThemeChoice, actions: &mut Vec<Action>) {
    // Right-to-left: Light is drawn first so that Dark reads first.
    for (choice, label) in [
        (ThemeChoice::Light, t("theme-light")),
        (ThemeChoice::Dark, t("theme-dark")),
    ] {
        if ui
            .selectable_label(theme == choice, label)
            .on_hover_text(format!(
                "{} ({})",
                Action::ToggleTheme.label(),
                Action::ToggleTheme.shortcut_text()
            ))
            .clicked()
            && theme != choice
        {
            actions.push(Action::ToggleTheme);
        }
    }
}

/// One button named in the other language ("简体中文" in English, "English" in Chinese), so
/// either reader finds theirs. It sits at the right of the status bar: the top bar is full.
pub fn language_toggle_ui(ui: &mut egui::Ui, lang: Lang, actions: &mut Vec<Action>) {
    if ui
        .button(lang.other().native_name())
        .on_hover_text(format!(
            "{} ({})",
            t("lang-tooltip"),
            Action::ToggleLanguage.shortcut_text()
        ))
        .clicked()
    {
        actions.push(Action::ToggleLanguage);
    }
}

fn store_indicator_ui(ui: &mut egui::Ui, status: &StoreStatus<'_>) {
    let file = status.location.short_name();
    let text = match status.snapshot {
        // Only a read-only store says so: the usual case needs no words (and the tabs the room).
        Some(s) => {
            let summary = t_args(
                "store-summary",
                &[
                    ("name", (&file).into()),
                    (
                        "value",
                        (&crate::model::format::grouped(s.total_figures())).into(),
                    ),
                    ("count", s.events.len().into()),
                ],
            );
            if s.read_only {
                format!("{summary} · {}", t("store-read-only"))
            } else {
                summary
            }
        }
        None if status.failed => t_args("store-not-open", &[("name", (&file).into())]),
        None => t_args("store-loading", &[("name", (&file).into())]),
    };
    let path = status.location.to_string();
    ui.label(RichText::new(text).small())
        .on_hover_text(t_args("store-hover", &[("name", (&path).into())]));
    if let Some(since) = status.offline_since {
        let time = since.format("%H:%M").to_string();
        ui.label(
            RichText::new(t_args("store-offline", &[("time", (&time).into())]))
                .small()
                .color(ui.visuals().warn_fg_color),
        )
        .on_hover_text(t("store-offline-hover"));
    }
    if status.busy {
        ui.spinner();
        if let Some(n) = status.rows_read {
            ui.label(
                RichText::new(t_args(
                    "store-reading",
                    &[("value", (&crate::model::format::grouped(n)).into())],
                ))
                .small(),
            );
        }
    }
}

/// "Only figures from …" with a button to clear it, under the tabs while a source filter is on.
pub fn source_filter_bar_ui(ui: &mut egui::Ui, snap: &Snapshot, settings: &mut Settings) {
    let Some(id) = settings.source_filter else {
        return;
    };
    let name = snap
        .sources
        .iter()
        .find(|s| s.source.id == id)
        .map(|s| s.source.citation())
        .unwrap_or_else(|| t_args("source-unknown", &[("name", (&id.to_string()).into())]));
    egui::Frame::new()
        .fill(tokens::filter_chip_fill(ui.visuals()))
        .corner_radius(tokens::CORNER_RADIUS_PX)
        .inner_margin(egui::Margin::symmetric(
            tokens::CHIP_MARGIN_PX[0],
            tokens::CHIP_MARGIN_PX[1],
        ))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(t_args("source-filter-on", &[("name", (&name).into())]));
                if ui.small_button(t("source-filter-clear")).clicked() {
                    settings.source_filter = None;
                }
            });
        });
}
