//! Saved views and stories in the dashboard: the "Save view" dialog and the "Views" window
//! (open, rename, delete a view). They only describe what the user asked for; the app sends the
//! changes to the loader thread, which owns the store.

use eframe::egui::{self, RichText};

use super::loader::PresentationEdit;
use super::tokens;
use crate::dashboard::snapshot::Snapshot;
use crate::model::{SavedView, Story, StoryStep};

/// What the user asked for in these windows this frame.
pub enum LibraryOp {
    Edit(PresentationEdit),
    /// Show the saved view at this index of the snapshot's views.
    Open(usize),
    /// Export the story of this name as numbered PNGs (opens the Export window).
    ExportStory(String),
    /// Export the story of this name as a PDF deck, one page per step (opens the Export window).
    ExportDeck(String),
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
    /// "Add current view to story…": the story (None: a new one) and the step's text.
    story_choice: Option<String>,
    new_story_name: String,
    step_title: String,
    step_caption: String,
    /// The step being edited in the story editor.
    editing: Option<StepEdit>,
}

/// A step's text as typed so far in the story editor.
#[derive(Debug, Clone, PartialEq)]
struct StepEdit {
    story: String,
    index: usize,
    title: String,
    caption: String,
    /// One platform id or event title a line.
    highlights: String,
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
    state: &serde_json::Value,
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
            ui.separator();
            ui.add_enabled_ui(!snap.read_only, |ui| {
                egui::CollapsingHeader::new("Add current view to story…")
                    .default_open(true)
                    .show(ui, |ui| add_to_story_ui(ui, window, snap, state, &mut ops));
            });
            ui.separator();
            ui.label(RichText::new("Stories").strong());
            for story in &snap.stories {
                story_steps_ui(ui, window, story, snap.read_only, &mut ops);
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

fn add_to_story_ui(
    ui: &mut egui::Ui,
    window: &mut ViewsWindow,
    snap: &Snapshot,
    state: &serde_json::Value,
    ops: &mut Vec<LibraryOp>,
) {
    // A story chosen earlier may have been renamed or deleted since.
    if let Some(name) = &window.story_choice
        && !snap.stories.iter().any(|s| &s.name == name)
    {
        window.story_choice = None;
    }
    let shown = window.story_choice.as_deref().unwrap_or("New story");
    egui::ComboBox::from_label("Story")
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut window.story_choice, None, "New story");
            for story in &snap.stories {
                ui.selectable_value(
                    &mut window.story_choice,
                    Some(story.name.clone()),
                    story.name.as_str(),
                );
            }
        });
    if window.story_choice.is_none() {
        let label = ui.label("New story's name");
        ui.text_edit_singleline(&mut window.new_story_name)
            .labelled_by(label.id);
    }
    let label = ui.label("Step title");
    ui.text_edit_singleline(&mut window.step_title)
        .labelled_by(label.id);
    let label = ui.label("Step caption");
    ui.add(egui::TextEdit::multiline(&mut window.step_caption).desired_rows(2))
        .labelled_by(label.id);
    let story_name = window
        .story_choice
        .clone()
        .unwrap_or_else(|| window.new_story_name.trim().to_string());
    let title = window.step_title.trim().to_string();
    let can = !story_name.is_empty() && !title.is_empty();
    if ui
        .add_enabled(can, egui::Button::new("Add step"))
        .on_disabled_hover_text("Name the story and the step")
        .clicked()
    {
        let mut story = snap
            .stories
            .iter()
            .find(|s| s.name == story_name)
            .cloned()
            .unwrap_or_else(|| Story {
                name: story_name.clone(),
                description: String::new(),
                steps: Vec::new(),
            });
        story.steps.push(StoryStep {
            title,
            caption: window.step_caption.trim().to_string(),
            state: state.clone(),
            highlights: Vec::new(),
            title_zh: None,
            caption_zh: None,
        });
        ops.push(LibraryOp::Edit(PresentationEdit::SaveStory(story)));
        // The next step goes to the same story.
        window.story_choice = Some(story_name);
        window.step_title.clear();
        window.step_caption.clear();
    }
}

/// A story's steps, each movable up or down, editable and removable; every change rewrites the
/// story.
fn story_steps_ui(
    ui: &mut egui::Ui,
    window: &mut ViewsWindow,
    story: &Story,
    read_only: bool,
    ops: &mut Vec<LibraryOp>,
) {
    egui::CollapsingHeader::new(format!("{} ({} steps)", story.name, story.steps.len()))
        .id_salt(("story-steps", &story.name))
        .show(ui, |ui| {
            if ui
                .add_enabled(!story.steps.is_empty(), egui::Button::new("Export PNGs…"))
                .on_hover_text("Every step as presented, one numbered PNG each, into a folder")
                .clicked()
            {
                ops.push(LibraryOp::ExportStory(story.name.clone()));
            }
            if ui
                .add_enabled(
                    !story.steps.is_empty(),
                    egui::Button::new("Export story as PDF deck…"),
                )
                .on_hover_text(
                    "One PDF, a page per step (title, chart, caption, sources, \"3 / 8\"), drawn without the window",
                )
                .clicked()
            {
                ops.push(LibraryOp::ExportDeck(story.name.clone()));
            }
            // Exporting reads the store; editing the steps needs a writable one.
            ui.add_enabled_ui(!read_only, |ui| steps_list_ui(ui, window, story, ops));
        });
}

fn steps_list_ui(
    ui: &mut egui::Ui,
    window: &mut ViewsWindow,
    story: &Story,
    ops: &mut Vec<LibraryOp>,
) {
    let last = story.steps.len().saturating_sub(1);
    for (i, step) in story.steps.iter().enumerate() {
        let editing_this = window
            .editing
            .as_ref()
            .is_some_and(|e| e.story == story.name && e.index == i);
        if editing_this {
            step_editor_ui(ui, window, story, ops);
            continue;
        }
        ui.horizontal(|ui| {
            let mut changed: Option<Story> = None;
            if ui.add_enabled(i > 0, egui::Button::new("Up")).clicked() {
                let mut s = story.clone();
                s.steps.swap(i, i - 1);
                changed = Some(s);
            }
            if ui
                .add_enabled(i < last, egui::Button::new("Down"))
                .clicked()
            {
                let mut s = story.clone();
                s.steps.swap(i, i + 1);
                changed = Some(s);
            }
            if ui.button("Remove").clicked() {
                let mut s = story.clone();
                s.steps.remove(i);
                changed = Some(s);
            }
            if ui
                .button("Edit")
                .on_hover_text("Title, caption and highlights of this step")
                .clicked()
            {
                window.editing = Some(StepEdit {
                    story: story.name.clone(),
                    index: i,
                    title: step.title.clone(),
                    caption: step.caption.clone(),
                    highlights: step.highlights.join("\n"),
                });
            }
            ui.label(format!("{}. {}", i + 1, step.title))
                .on_hover_text(step.caption.as_str());
            if let Some(s) = changed {
                ops.push(LibraryOp::Edit(PresentationEdit::SaveStory(s)));
            }
        });
    }
}

/// The story editor for one step: its title, caption and highlights (series or events drawn
/// emphasised while presenting), saved together.
fn step_editor_ui(
    ui: &mut egui::Ui,
    window: &mut ViewsWindow,
    story: &Story,
    ops: &mut Vec<LibraryOp>,
) {
    let Some(edit) = window.editing.as_mut() else {
        return;
    };
    let Some(step) = story.steps.get(edit.index) else {
        window.editing = None;
        return;
    };
    let mut done = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(format!("Step {}", edit.index + 1)).strong());
        let label = ui.label("Title");
        ui.add(egui::TextEdit::singleline(&mut edit.title).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        let label = ui.label("Caption");
        ui.add(
            egui::TextEdit::multiline(&mut edit.caption)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let label = ui.label("Highlights (platform ids or event titles, one a line)");
        ui.add(
            egui::TextEdit::multiline(&mut edit.highlights)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui
                .button("Highlight the series shown")
                .on_hover_text("The platforms this step shows, from its saved view")
                .clicked()
            {
                edit.highlights = shown_platforms(&step.state).join("\n");
            }
            if ui.button("No highlights").clicked() {
                edit.highlights.clear();
            }
        });
        ui.horizontal(|ui| {
            let title = edit.title.trim();
            if ui
                .add_enabled(!title.is_empty(), egui::Button::new("Save step"))
                .on_disabled_hover_text("A step needs a title")
                .clicked()
            {
                let mut s = story.clone();
                if let Some(target) = s.steps.get_mut(edit.index) {
                    target.title = title.to_string();
                    target.caption = edit.caption.trim().to_string();
                    target.highlights = parse_highlights(&edit.highlights);
                }
                ops.push(LibraryOp::Edit(PresentationEdit::SaveStory(s)));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    if done {
        window.editing = None;
    }
}

/// The platforms a saved view state chose to show (its explicit choices; the defaults are not
/// named in the state).
fn shown_platforms(state: &serde_json::Value) -> Vec<String> {
    state
        .get("platform_choice")
        .and_then(|c| c.as_object())
        .map(|choices| {
            choices
                .iter()
                .filter(|(_, shown)| shown.as_bool() == Some(true))
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// One highlight a line, trimmed, without blanks or repeats.
fn parse_highlights(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.iter().any(|h| h == line) {
            out.push(line.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_lines_and_the_shown_series_come_from_the_state() {
        assert_eq!(
            parse_highlights(" temu \n\nshein\ntemu\n"),
            vec!["temu".to_string(), "shein".to_string()]
        );
        let state =
            serde_json::json!({"platform_choice": {"temu": true, "amazon": false, "shein": true}});
        assert_eq!(
            shown_platforms(&state),
            vec!["shein".to_string(), "temu".to_string()]
        );
        assert!(shown_platforms(&serde_json::json!({"view": "Gmv"})).is_empty());
    }
}
