//! Small windows over the dashboard: importing CSV files (a path field, or files dropped onto the
//! window: no native file dialog, to keep the build lean), the keyboard shortcut overlay, and the
//! notice that reports what an import did.

use crate::i18n::t;
use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::tokens;

#[derive(Debug, Default)]
pub struct ImportDialog {
    pub open: bool,
    pub path_text: String,
}

/// The fixed, centred window in which a file path is typed (import, export).
pub fn file_dialog_window(title: &str) -> egui::Window<'_> {
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .default_width(tokens::IMPORT_WINDOW_WIDTH_PX)
        .anchor(
            egui::Align2::CENTER_TOP,
            egui::vec2(0.0, tokens::IMPORT_WINDOW_TOP_PX),
        )
}

/// The paths to import, when the user presses Import.
pub fn import_window_ui(
    ctx: &egui::Context,
    dialog: &mut ImportDialog,
    read_only: bool,
) -> Option<Vec<PathBuf>> {
    let mut chosen = None;
    let mut open = dialog.open;
    let title = t("import-title");
    file_dialog_window(&title)
        // The same window whatever the language its title is in.
        .id(egui::Id::unique("import-window"))
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(t("import-body"));
            ui.add_space(tokens::SECTION_GAP_PX);
            let label = ui.label(t("import-path"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut dialog.path_text)
                        .hint_text("/path/to/observations.csv")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.label(RichText::new(t("import-drop")).weak());
            ui.add_space(tokens::SECTION_GAP_PX);
            ui.horizontal(|ui| {
                let paths = parse_paths(&dialog.path_text);
                let can = !read_only && !paths.is_empty();
                let button = ui.add_enabled(can, egui::Button::new(t("import-button")));
                if (button.clicked() || (enter && can)) && !paths.is_empty() {
                    chosen = Some(paths);
                }
                if read_only {
                    ui.label(
                        RichText::new(t("import-read-only")).color(ui.visuals().warn_fg_color),
                    );
                }
            });
        });
    dialog.open = open && chosen.is_none();
    chosen
}

fn parse_paths(text: &str) -> Vec<PathBuf> {
    text.split(';')
        .map(|p| p.trim().trim_matches('"'))
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .collect()
}

pub fn shortcuts_window_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new(t("shortcuts-title"))
        .id(egui::Id::unique("shortcuts-window"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts-grid")
                .num_columns(2)
                .spacing(tokens::SHORTCUT_GRID_SPACING_PX)
                .striped(true)
                .show(ui, |ui| {
                    for action in Action::all() {
                        ui.label(RichText::new(action.shortcut_text()).monospace().strong());
                        ui.label(action.label());
                        ui.end_row();
                    }
                });
            ui.add_space(tokens::SECTION_GAP_PX);
            ui.label(RichText::new(t("shortcuts-chart")).strong());
            for line in [
                "shortcuts-hover",
                "shortcuts-measure",
                "shortcuts-range",
                "shortcuts-zoom",
                "shortcuts-legend",
                "shortcuts-event",
            ] {
                ui.label(t(line));
            }
        });
}

/// What the last import or sample load did.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

/// Returns true when the user dismisses it.
pub fn notice_ui(ui: &mut egui::Ui, notice: &Notice) -> bool {
    let (text, colour) = match notice {
        Notice::Done(t) => (t.as_str(), tokens::ok_colour(ui.visuals())),
        Notice::Failed(t) => (t.as_str(), tokens::error_colour(ui.visuals())),
    };
    let mut dismiss = false;
    ui.horizontal(|ui| {
        if ui.small_button(t("notice-dismiss")).clicked() {
            dismiss = true;
        }
        egui::ScrollArea::vertical()
            .max_height(tokens::NOTICE_MAX_HEIGHT_PX)
            .id_salt("notice-scroll")
            .show(ui, |ui| {
                ui.label(RichText::new(text.trim_end()).color(colour));
            });
    });
    dismiss
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_on_semicolons_and_lose_quotes() {
        assert_eq!(
            parse_paths(r#" "/a b/x.csv" ; /c.csv;; "#),
            vec![PathBuf::from("/a b/x.csv"), PathBuf::from("/c.csv")]
        );
        assert!(parse_paths("  ").is_empty());
    }
}
