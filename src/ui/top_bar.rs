//! The top bar: the seven view tabs, the source filter chip, import, export, shortcuts, the theme toggle
//! and the store indicator (file, figures, read-only or not, a spinner while loading).

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::tokens;
use crate::dashboard::settings::{Settings, ThemeChoice, View};
use crate::dashboard::snapshot::Snapshot;

pub struct StoreStatus<'a> {
    pub path: &'a std::path::Path,
    pub snapshot: Option<&'a Snapshot>,
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
                RichText::new("Marketscope")
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
                    .on_hover_text(format!(
                        "Keyboard shortcuts ({})",
                        Action::ToggleShortcuts.shortcut_text()
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
                    (Action::ShowViews, "Views"),
                    (Action::SaveView, "Save view…"),
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
            egui::Button::new("Import CSV…"),
        )
        .on_hover_text(format!(
            "Import CSV files into the store ({})",
            Action::OpenImport.shortcut_text()
        ))
        .on_disabled_hover_text(
            "The store is read-only or could not be opened: nothing can be imported",
        );
    if import.clicked() {
        actions.push(Action::OpenImport);
    }
}

/// "Present…": the store's stories, each starting presenter mode.
fn present_menu_ui(ui: &mut egui::Ui, snapshot: Option<&Snapshot>, actions: &mut Vec<Action>) {
    let stories = snapshot.map(|s| s.stories.as_slice()).unwrap_or_default();
    ui.add_enabled_ui(!stories.is_empty(), |ui| {
        ui.menu_button("Present…", |ui| {
            for (index, story) in stories.iter().enumerate() {
                let label = format!("{} ({} steps)", story.name, story.steps.len());
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
        .on_disabled_hover_text("The store has no stories");
    });
}

/// "Export…": the chart as an image (clipboard, PNG, SVG or PDF) and its figures as CSV.
fn export_menu_ui(ui: &mut egui::Ui, settings: &Settings, actions: &mut Vec<Action>) {
    let chart = !settings.view.metrics(settings).is_empty();
    ui.menu_button("Export…", |ui| {
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
                .on_disabled_hover_text("Only charts export as images");
            if item.clicked() {
                actions.push(action);
                ui.close();
            }
        }
    })
    .response
    .on_hover_text("Copy or save the chart as an image, or its figures as CSV");
}

fn theme_toggle_ui(ui: &mut egui::Ui, theme: ThemeChoice, actions: &mut Vec<Action>) {
    // Right-to-left: Light is drawn first so that Dark reads first.
    for (choice, label) in [(ThemeChoice::Light, "Light"), (ThemeChoice::Dark, "Dark")] {
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

fn store_indicator_ui(ui: &mut egui::Ui, status: &StoreStatus<'_>) {
    let file = status
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| status.path.display().to_string());
    let text = match status.snapshot {
        // Only a read-only store says so: the usual case needs no words (and the tabs the room).
        Some(s) => format!(
            "{file} · {} figures · {} events{}",
            crate::model::format::grouped(s.total_figures()),
            s.events.len(),
            if s.read_only { " · read-only" } else { "" }
        ),
        None if status.failed => format!("{file} · not open"),
        None => format!("{file} · loading"),
    };
    ui.label(RichText::new(text).small())
        .on_hover_text(format!("Store: {}", status.path.display()));
    if status.busy {
        ui.spinner();
        if let Some(n) = status.rows_read {
            ui.label(
                RichText::new(format!(
                    "reading · {} figures",
                    crate::model::format::grouped(n)
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
        .unwrap_or_else(|| format!("source {id}"));
    egui::Frame::new()
        .fill(tokens::filter_chip_fill(ui.visuals()))
        .corner_radius(tokens::CORNER_RADIUS_PX)
        .inner_margin(egui::Margin::symmetric(
            tokens::CHIP_MARGIN_PX[0],
            tokens::CHIP_MARGIN_PX[1],
        ))
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "Only figures and events from {name}; other filters are paused."
                ));
                if ui.small_button("Show all sources").clicked() {
                    settings.source_filter = None;
                }
            });
        });
}
