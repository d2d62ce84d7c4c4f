//! The eframe dashboard: panels and charts over a view model prepared off the UI thread.
//!
//! The loader thread ([`loader`]) owns the store and sends [`snapshot::Snapshot`]s; the UI thread
//! builds chart models from them ([`chart_model`], no egui) and draws them (functions ending in
//! `_ui`). Colours, sizes and fonts live in [`tokens`]; every user action is an [`actions::Action`].

pub mod actions;
mod app;
mod axes;
mod chart;
pub mod chart_model;
mod dialogs;
pub mod export;
mod export_dialog;
pub mod export_files;
mod export_footer;
pub mod fonts;
pub mod interaction;
mod library;
pub mod loader;
mod presenter;
pub mod selection;
pub mod settings;
mod side_panel;
pub mod snapshot;
mod states;
pub mod tokens;
mod tooltip;
mod top_bar;
mod views;

use std::path::PathBuf;

pub use app::{App, window_title};
pub use dialogs::Notice;

/// Opens the dashboard window on the store at `store_path` and returns when it is closed.
pub fn run(store_path: PathBuf) -> anyhow::Result<()> {
    open_window(store_path, None, None)
}

/// Opens the dashboard presenting `story` full screen from its first step; Esc leaves to the
/// dashboard. The caller checks that the story exists (the window cannot report it).
pub fn present(store_path: PathBuf, story: String) -> anyhow::Result<()> {
    open_window(store_path, Some(story), None)
}

/// Opens the dashboard, writes every step of `story` as a numbered PNG into `dir`, and closes;
/// an error says which steps failed (or why none could be drawn).
pub fn export_story(store_path: PathBuf, story: String, dir: PathBuf) -> anyhow::Result<()> {
    let outcome: export::ExportOutcome = Default::default();
    open_window(store_path, Some(story), Some((dir, outcome.clone())))?;
    let result = outcome.lock().ok().and_then(|mut slot| slot.take());
    match result {
        Some(Ok(message)) => {
            eprintln!("{message}");
            Ok(())
        }
        Some(Err(message)) => Err(anyhow::anyhow!(message)),
        None => Err(anyhow::anyhow!(
            "the window closed before the story was exported"
        )),
    }
}

fn open_window(
    store_path: PathBuf,
    story: Option<String>,
    export: Option<(PathBuf, export::ExportOutcome)>,
) -> anyhow::Result<()> {
    let title = window_title(&store_path);
    let size = if export.is_some() {
        tokens::EXPORT_WINDOW_SIZE_PX
    } else {
        tokens::WINDOW_SIZE_PX
    };
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(title.clone())
            .with_app_id("marketscope")
            .with_inner_size(size)
            .with_min_inner_size(tokens::WINDOW_MIN_SIZE_PX)
            .with_drag_and_drop(true),
        // An export's slide-sized window is not the user's window: it is not remembered.
        persist_window: export.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "Marketscope",
        options,
        Box::new(move |cc| {
            let app = App::new(cc, store_path);
            let app = match story {
                Some(story) => app.present_on_load(story),
                None => app,
            };
            Ok(Box::new(match export {
                Some((dir, outcome)) => app.export_story_on_load(dir, outcome),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the dashboard window could not open: {e}"))
}
