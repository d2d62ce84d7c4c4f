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
pub mod dense;
mod dialogs;
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
    open_window(store_path, None)
}

/// Opens the dashboard presenting `story` full screen from its first step; Esc leaves to the
/// dashboard. The caller checks that the story exists (the window cannot report it).
pub fn present(store_path: PathBuf, story: String) -> anyhow::Result<()> {
    open_window(store_path, Some(story))
}

fn open_window(store_path: PathBuf, story: Option<String>) -> anyhow::Result<()> {
    let title = window_title(&store_path);
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(title.clone())
            .with_app_id("marketscope")
            .with_inner_size(tokens::WINDOW_SIZE_PX)
            .with_min_inner_size(tokens::WINDOW_MIN_SIZE_PX)
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Marketscope",
        options,
        Box::new(move |cc| {
            let app = App::new(cc, store_path);
            Ok(Box::new(match story {
                Some(story) => app.present_on_load(story),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the dashboard window could not open: {e}"))
}
