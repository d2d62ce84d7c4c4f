//! The small "Export" window: where to save the chart as PNG, SVG or PDF, its figures as CSV, or a
//! story's steps as numbered PNGs or a PDF deck. A path typed in a field (no native file dialog,
//! to keep the build lean), filled with a sensible default in the Pictures or Documents folder.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use super::{Scale, default_export_path, slug};
use crate::i18n::{t, t_args};
use crate::render::Format;
use crate::ui::tokens;

/// What the window exports.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ExportKind {
    #[default]
    Png,
    Csv,
    /// The story of this name, one PNG per step, into a folder.
    Story(String),
    /// The chart drawn headless as SVG or PDF.
    Vector(Format),
    /// The story of this name as one PDF, a page per step, drawn headless.
    Deck(String),
}

#[derive(Debug, Default)]
pub struct ExportDialog {
    pub open: bool,
    pub kind: ExportKind,
    pub path_text: String,
    pub scale: Scale,
    /// Images have their own theme, light unless this is ticked, whatever the dashboard's.
    pub dark: bool,
    /// Why the last attempt failed, naming the path.
    pub error: Option<String>,
}

/// What the user asked for when pressing Save.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportRequest {
    Png {
        path: PathBuf,
        scale: Scale,
        dark: bool,
    },
    Vector {
        path: PathBuf,
        format: Format,
        dark: bool,
    },
    Deck {
        name: String,
        path: PathBuf,
        dark: bool,
    },
    Csv {
        path: PathBuf,
    },
    Story {
        name: String,
        dir: PathBuf,
    },
}

impl ExportDialog {
    /// Opens the window for `kind`, with a default path named after `what` (the view or story).
    pub fn show(&mut self, kind: ExportKind, what: &str) {
        let date = chrono::Local::now().format("%Y-%m-%d");
        let (name, picture) = match &kind {
            ExportKind::Png => (format!("marketscope-{}-{date}.png", slug(what)), true),
            ExportKind::Csv => (format!("marketscope-{}-{date}.csv", slug(what)), false),
            ExportKind::Story(story) => (slug(story), true),
            ExportKind::Vector(format) => (
                format!("marketscope-{}-{date}.{}", slug(what), format.extension()),
                *format == Format::Svg,
            ),
            ExportKind::Deck(story) => (format!("{}.pdf", slug(story)), false),
        };
        if self.kind != kind || self.path_text.trim().is_empty() {
            self.path_text = default_export_path(&name, picture).display().to_string();
        }
        self.kind = kind;
        self.error = None;
        self.open = true;
    }
}

/// The window; returns the request when the user presses Save (or Enter in the path field).
pub fn export_window_ui(ctx: &egui::Context, dialog: &mut ExportDialog) -> Option<ExportRequest> {
    let mut request = None;
    let mut open = dialog.open;
    let title = match &dialog.kind {
        ExportKind::Png => t("export-png-title"),
        ExportKind::Csv => t("export-csv-title"),
        ExportKind::Story(name) => t_args("export-story-title", &[("name", name.into())]),
        ExportKind::Vector(format) => t_args(
            "export-vector-title",
            &[("name", (&format.extension().to_uppercase()).into())],
        ),
        ExportKind::Deck(name) => t_args("export-deck-title", &[("name", name.into())]),
    };
    crate::ui::dialogs::file_dialog_window(&t("export-window"))
        // The same window whatever the language its title is in.
        .id(egui::Id::unique("export-window"))
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(RichText::new(title).strong());
            ui.label(t(match &dialog.kind {
                ExportKind::Png => "export-png-body",
                ExportKind::Csv => "export-csv-body",
                ExportKind::Story(_) => "export-story-body",
                ExportKind::Vector(_) => "export-vector-body",
                ExportKind::Deck(_) => "export-deck-body",
            }));
            ui.add_space(tokens::SECTION_GAP_PX);
            let label = ui.label(match dialog.kind {
                ExportKind::Story(_) => t("export-folder"),
                _ => t("export-file"),
            });
            let field = ui
                .add(egui::TextEdit::singleline(&mut dialog.path_text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if dialog.kind == ExportKind::Png {
                ui.horizontal(|ui| {
                    ui.label(t("export-density"));
                    for scale in [Scale::One, Scale::Two] {
                        ui.radio_value(&mut dialog.scale, scale, scale.label())
                            .on_hover_text(match scale {
                                Scale::One => t("export-density-1x"),
                                Scale::Two => t("export-density-2x"),
                            });
                    }
                });
            }
            if dialog.kind != ExportKind::Csv && !matches!(dialog.kind, ExportKind::Story(_)) {
                ui.checkbox(&mut dialog.dark, t("export-dark"))
                    .on_hover_text(t("export-dark-tooltip"));
            }
            if let Some(error) = &dialog.error {
                ui.label(RichText::new(error).color(tokens::error_colour(ui.visuals())));
            }
            ui.add_space(tokens::SECTION_GAP_PX);
            let path = PathBuf::from(dialog.path_text.trim().trim_matches('"'));
            let can = !path.as_os_str().is_empty();
            let save = ui.add_enabled(can, egui::Button::new(t("export-save")));
            if can && (save.clicked() || enter) {
                request = Some(match &dialog.kind {
                    ExportKind::Png => ExportRequest::Png {
                        path,
                        scale: dialog.scale,
                        dark: dialog.dark,
                    },
                    ExportKind::Vector(format) => ExportRequest::Vector {
                        path,
                        format: *format,
                        dark: dialog.dark,
                    },
                    ExportKind::Deck(name) => ExportRequest::Deck {
                        name: name.clone(),
                        path,
                        dark: dialog.dark,
                    },
                    ExportKind::Csv => ExportRequest::Csv { path },
                    ExportKind::Story(name) => ExportRequest::Story {
                        name: name.clone(),
                        dir: path,
                    },
                });
            }
        });
    dialog.open = open && request.is_none();
    request
}

/// Checks a file path before anything is drawn or encoded: its folder must exist and it must not
/// be a folder itself. The error names the path.
pub fn check_file_path(path: &std::path::Path) -> Result<(), String> {
    if path.is_dir() {
        return Err(t_args(
            "export-path-is-folder",
            &[("name", (&path.display().to_string()).into())],
        ));
    }
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => Err(t_args(
            "export-no-folder",
            &[
                ("name", (&path.display().to_string()).into()),
                ("value", (&parent.display().to_string()).into()),
            ],
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_needs_an_existing_folder_and_a_file_name() {
        let dir = tempfile::tempdir().expect("dir");
        let err = check_file_path(dir.path()).expect_err("a folder");
        assert!(err.contains(&dir.path().display().to_string()), "{err}");
        let missing = dir.path().join("nope").join("a.png");
        let err = check_file_path(&missing).expect_err("no folder");
        assert!(
            err.contains("does not exist") && err.contains("nope"),
            "{err}"
        );
        assert!(check_file_path(&dir.path().join("a.png")).is_ok());
        assert!(check_file_path(std::path::Path::new("a.png")).is_ok());
    }

    #[test]
    fn opening_fills_a_default_name_for_what_is_exported() {
        let mut dialog = ExportDialog::default();
        dialog.show(ExportKind::Csv, "Brand sales");
        assert!(dialog.open);
        assert!(
            dialog.path_text.contains("marketscope-brand-sales-"),
            "{}",
            dialog.path_text
        );
        assert!(dialog.path_text.ends_with(".csv"));
        dialog.path_text = "/tmp/mine.csv".into();
        // Reopened for the same kind, the typed path stays.
        dialog.show(ExportKind::Csv, "Brand sales");
        assert_eq!(dialog.path_text, "/tmp/mine.csv");
        dialog.show(ExportKind::Story("My talk".into()), "My talk");
        assert!(
            dialog.path_text.ends_with("my-talk"),
            "{}",
            dialog.path_text
        );
    }
}
