//! Saved views and stories in the dashboard: the "Save view" dialog and the "Views" window
//! (open, rename, delete a view). They only describe what the user asked for; the app sends the
//! changes to the loader thread, which owns the store.

use eframe::egui::{self, RichText};

use super::loader::PresentationEdit;
use super::tokens;
use crate::dashboard::snapshot::Snapshot;
use crate::i18n::{t, t_args};
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
    egui::Window::new(t("library-save-title"))
        // The same window whatever the language its title is in.
        .id(egui::Id::unique("save-view-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(tokens::IMPORT_WINDOW_WIDTH_PX)
        .show(ctx, |ui| {
            let label = ui.label(t("library-name"));
            ui.add(
                egui::TextEdit::singleline(&mut dialog.name)
                    .hint_text(t("library-name-hint"))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            let label = ui.label(t("library-caption"));
            ui.add(
                egui::TextEdit::multiline(&mut dialog.caption)
                    .hint_text(t("library-caption-hint"))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            ui.add_space(tokens::SECTION_GAP_PX);
            let name = dialog.name.trim();
            let can = !read_only && !name.is_empty();
            let save = ui
                .add_enabled(can, egui::Button::new(t("library-save")))
                .on_disabled_hover_text(t("library-save-disabled"));
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
    egui::Window::new(t("library-views-title"))
        .id(egui::Id::unique("views-window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(tokens::IMPORT_WINDOW_WIDTH_PX)
        .show(ctx, |ui| {
            if snap.views.is_empty() {
                ui.label(RichText::new(t("library-no-views")).weak());
            }
            for (index, view) in snap.views.iter().enumerate() {
                saved_view_row_ui(ui, window, index, view, snap.read_only, &mut ops);
            }
            ui.separator();
            ui.add_enabled_ui(!snap.read_only, |ui| {
                egui::CollapsingHeader::new(t("library-add-to-story"))
                    .id_salt("add-to-story")
                    .default_open(true)
                    .show(ui, |ui| add_to_story_ui(ui, window, snap, state, &mut ops));
            });
            ui.separator();
            ui.label(RichText::new(t("library-stories")).strong());
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
                if ui.button(t("library-ok")).clicked() && !to.trim().is_empty() {
                    ops.push(LibraryOp::Edit(PresentationEdit::RenameView {
                        from: from.clone(),
                        to: to.trim().to_string(),
                    }));
                    done = true;
                }
                if ui.button(t("library-cancel")).clicked() {
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
        if ui.button(t("library-open")).clicked() {
            ops.push(LibraryOp::Open(index));
        }
        ui.add_enabled_ui(!read_only, |ui| {
            if ui.button(t("library-rename")).clicked() {
                window.renaming = Some((view.name.clone(), view.name.clone()));
            }
            if ui.button(t("library-delete")).clicked() {
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
    let new_story = t("library-new-story");
    let shown = window.story_choice.as_deref().unwrap_or(&new_story);
    egui::ComboBox::new("story-choice", t("library-story"))
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut window.story_choice, None, &new_story);
            for story in &snap.stories {
                ui.selectable_value(
                    &mut window.story_choice,
                    Some(story.name.clone()),
                    story.name.as_str(),
                );
            }
        });
    if window.story_choice.is_none() {
        let label = ui.label(t("library-new-story-name"));
        ui.text_edit_singleline(&mut window.new_story_name)
            .labelled_by(label.id);
    }
    let label = ui.label(t("library-step-title"));
    ui.text_edit_singleline(&mut window.step_title)
        .labelled_by(label.id);
    let label = ui.label(t("library-step-caption"));
    ui.add(egui::TextEdit::multiline(&mut window.step_caption).desired_rows(2))
        .labelled_by(label.id);
    let story_name = window
        .story_choice
        .clone()
        .unwrap_or_else(|| window.new_story_name.trim().to_string());
    let title = window.step_title.trim().to_string();
    let can = !story_name.is_empty() && !title.is_empty();
    if ui
        .add_enabled(can, egui::Button::new(t("library-add-step")))
        .on_disabled_hover_text(t("library-add-step-disabled"))
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
                // Refused if a colleague stores a story of this name first.
                version: Some(crate::model::StoryVersion::new_story()),
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
    egui::CollapsingHeader::new(t_args(
        "top-story-steps",
        &[
            ("name", (&story.name).into()),
            ("count", story.steps.len().into()),
        ],
    ))
    .id_salt(("story-steps", &story.name))
    .show(ui, |ui| {
        let exports = [
            (
                "library-export-pngs",
                LibraryOp::ExportStory(story.name.clone()),
            ),
            (
                "library-export-deck",
                LibraryOp::ExportDeck(story.name.clone()),
            ),
        ];
        for (key, op) in exports {
            if ui
                .add_enabled(!story.steps.is_empty(), egui::Button::new(t(key)))
                .on_hover_text(t(&format!("{key}-tooltip")))
                .clicked()
            {
                ops.push(op);
            }
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
            if ui
                .add_enabled(i > 0, egui::Button::new(t("library-up")))
                .clicked()
            {
                let mut s = story.clone();
                s.steps.swap(i, i - 1);
                changed = Some(s);
            }
            if ui
                .add_enabled(i < last, egui::Button::new(t("library-down")))
                .clicked()
            {
                let mut s = story.clone();
                s.steps.swap(i, i + 1);
                changed = Some(s);
            }
            if ui.button(t("library-remove")).clicked() {
                let mut s = story.clone();
                s.steps.remove(i);
                changed = Some(s);
            }
            if ui
                .button(t("library-edit"))
                .on_hover_text(t("library-edit-tooltip"))
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
        ui.label(
            RichText::new(t_args(
                "library-step",
                &[("value", (&(edit.index + 1).to_string()).into())],
            ))
            .strong(),
        );
        let label = ui.label(t("library-title"));
        ui.add(egui::TextEdit::singleline(&mut edit.title).desired_width(f32::INFINITY))
            .labelled_by(label.id);
        let label = ui.label(t("library-caption"));
        ui.add(
            egui::TextEdit::multiline(&mut edit.caption)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let label = ui.label(t("library-highlights"));
        ui.add(
            egui::TextEdit::multiline(&mut edit.highlights)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            if ui
                .button(t("library-highlight-shown"))
                .on_hover_text(t("library-highlight-shown-tooltip"))
                .clicked()
            {
                edit.highlights = shown_platforms(&step.state).join("\n");
            }
            if ui.button(t("library-no-highlights")).clicked() {
                edit.highlights.clear();
            }
        });
        ui.horizontal(|ui| {
            let title = edit.title.trim();
            if ui
                .add_enabled(!title.is_empty(), egui::Button::new(t("library-save-step")))
                .on_disabled_hover_text(t("library-save-step-disabled"))
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
            if ui.button(t("library-cancel")).clicked() {
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
