//! The loader's writes: CSV imports and the dashboard's edits (views, stories, names, formula
//! metrics), each on whichever engine the store is, with what it did in one sentence.

use std::path::PathBuf;

use super::PresentationEdit;
use crate::store::import::{ImportOptions, read_path};
use crate::store::{AnyStore, Named};

pub(super) fn import_paths(store: &mut AnyStore, paths: &[PathBuf]) -> Result<String, String> {
    let options = ImportOptions::default();
    let files = paths
        .iter()
        .map(|p| read_path(p, &options))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    store
        .import(files, false)
        .map(|report| report.to_string())
        .map_err(|e| e.to_string())
}

pub(super) fn apply_edit(store: &mut AnyStore, edit: PresentationEdit) -> Result<String, String> {
    let done = match &edit {
        PresentationEdit::SaveView(view) => store.save_view(view).map(|replaced| {
            let verb = if replaced { "Replaced" } else { "Saved" };
            format!("{verb} the view \"{}\".", view.name)
        }),
        PresentationEdit::RenameView { from, to } => store.rename_view(from, to).map(|found| {
            if found {
                format!("Renamed the view \"{from}\" to \"{to}\".")
            } else {
                format!("No view named \"{from}\".")
            }
        }),
        PresentationEdit::DeleteView(name) => store
            .delete_view(name)
            .map(|_| format!("Deleted the view \"{name}\".")),
        PresentationEdit::Rename { what, id, name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(format!("The new name of {id} is empty: type a name."));
            }
            let what_text = match what {
                Named::Metric => "metric",
                Named::Platform => "platform",
            };
            store.rename(*what, id, name).map(|found| {
                if found {
                    format!("The {what_text} {id} is now called \"{name}\".")
                } else {
                    format!("No {what_text} {id} in the store.")
                }
            })
        }
        PresentationEdit::AddFormula { metric, formula } => store
            .add_formula_metric(metric, formula)
            .map(|()| format!("Added the formula metric \"{}\" = {formula}.", metric.name)),
        PresentationEdit::SaveStory(story) => store.save_story(story).map(|_| {
            format!(
                "Saved the story \"{}\" ({} steps).",
                story.name,
                story.steps.len()
            )
        }),
    };
    done.map_err(|e| e.to_string())
}
