//! Saved views and stories in the dashboard: the "Save view" dialog and the "Views" window
//! (open, rename, delete a view). They only describe what the user asked for; the app sends the
//! changes to the loader thread, which owns the store.

use eframe::egui::{self, RichText};

use super::loader::PresentationEdit;
use super::snapshot::Snapshot;
use super::tokens;
use crate::model::SavedView;

/// What the user asked for in these windows this frame.
pub enum LibraryOp {
    Edit(PresentationEdit),
    /// Show the saved view at this index of the snapshot's views.
    Open(usize),
}

#[derive(Debug, Default)]
pub struct SaveViewDialog {
    pub open: bool,
    pub name: String,
    pub caption: String,
}

#[derive(Debug, Default)]
pub struct ViewsWindow {
    pub open: bool,
    /// The view being renamed and the name typed so far.
    renaming: Option<(String, String)>,
}

/// "Save view": a name and a caption for the current settings (`state`).
pub fn save_view_window_ui(
    ctx: &egui::Context,
    dialog: &mut SaveViewDialog,
    state: &serde_json::Value,
    read_only: bool,
) -> Option<LibraryOp> {
    let mut op = None;
    let mut open = dialog.open;
    egui::Window::new("Save view")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(tokens::IMPORT_WINDOW_WIDTH_PX)
        .show(ctx, |ui| {
            let label = ui.label("Name");
            ui.add(
                egui::TextEdit::singleline(&mut dialog.name)
                    .hint_text("TEMU in 2025")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let label = ui.label("Caption");
            ui.add(
                egui::TextEdit::multiline(&mut dialog.caption)
                    .hint_text("A sentence or two on what the chart shows")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.add_space(tokens::SECTION_GAP_PX);
            let name = dialog.name.trim();
            let can = !read_only && !name.is_empty();
            let save = ui
                .add_enabled(can, egui::Button::new("Save"))
                .on_disabled_hover_text("Give the view a name (and a writable store)");
            if save.clicked() {
                op = Some(LibraryOp::Edit(PresentationEdit::SaveView(SavedView {
                    name: name.to_string(),
                    caption: dialog.caption.trim().to_string(),
                    state: state.clone(),
                })));
            }
        });
    dialog.open = open && op.is_none();
    op
}

/// "Views": the store's saved views, each with Open, Rename and Delete.
pub fn views_window_ui(
    ctx: &egui::Context,
    window: &mut ViewsWindow,
    snap: &Snapshot,
) -> Vec<LibraryOp> {
    let mut ops = Vec::new();
    let mut open = window.open;
    egui::Window::new("Views")
        .open(&mut open)
        .collapsible(false)
        .default_width(tokens::IMPORT_WINDOW_WIDTH_PX)
        .show(ctx, |ui| {
            if snap.views.is_empty() {
                ui.label(
                    RichText::new("No saved views yet: Save view stores what is on screen.").weak(),
                );
            }
            for (index, view) in snap.views.iter().enumerate() {
                saved_view_row_ui(ui, window, index, view, snap.read_only, &mut ops);
            }
        });
    window.open = open;
    ops
}

fn saved_view_row_ui(
    ui: &mut egui::Ui,
    window: &mut ViewsWindow,
    index: usize,
    view: &SavedView,
    read_only: bool,
    ops: &mut Vec<LibraryOp>,
) {
    ui.horizontal(|ui| {
        let renaming_this = window
            .renaming
            .as_ref()
            .is_some_and(|(from, _)| *from == view.name);
        if renaming_this {
            let mut done = false;
            if let Some((from, to)) = window.renaming.as_mut() {
                ui.add(egui::TextEdit::singleline(to).desired_width(tokens::SEARCH_FIELD_WIDTH_PX));
                if ui.button("OK").clicked() && !to.trim().is_empty() {
                    ops.push(LibraryOp::Edit(PresentationEdit::RenameView {
                        from: from.clone(),
                        to: to.trim().to_string(),
                    }));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            }
            if done {
                window.renaming = None;
            }
            return;
        }
        ui.label(RichText::new(&view.name).strong())
            .on_hover_text(view.caption.as_str());
        if ui.button("Open").clicked() {
            ops.push(LibraryOp::Open(index));
        }
        ui.add_enabled_ui(!read_only, |ui| {
            if ui.button("Rename").clicked() {
                window.renaming = Some((view.name.clone(), view.name.clone()));
            }
            if ui.button("Delete").clicked() {
                ops.push(LibraryOp::Edit(PresentationEdit::DeleteView(
                    view.name.clone(),
                )));
            }
        });
    });
}
