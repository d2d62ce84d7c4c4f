//! The eframe dashboard: panels and charts over a view model prepared off the UI thread.
//!
//! The loader thread ([`loader`]) owns the store and sends snapshots; the UI thread builds chart
//! models from them ([`crate::dashboard`], no egui) and draws them (functions ending in
//! `_ui`). Colours, sizes and fonts live in [`tokens`]; every user action is an [`actions::Action`].

// A function past ~100 lines (clippy.toml) holds more than one concern. Denied here, not yet
// in Cargo.toml: two functions of `store` and one of `cli` are still longer.
#![deny(clippy::too_many_lines)]

pub mod actions;
mod app;
pub(crate) mod chart;
mod dialogs;
pub mod export;
pub mod fonts;
pub mod interaction;
mod library;
pub mod loader;
mod persistence;
pub(crate) mod presenter;
mod side_panel;
pub mod startup;
mod states;
pub mod tokens;
mod top_bar;
pub(crate) mod views;

use std::path::PathBuf;

use crate::store::Location;

pub use app::{App, window_title};
pub use dialogs::Notice;

/// How the window is opened.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Present this story full screen from its first step; Esc leaves to the dashboard. The caller
    /// checks that the story exists (the window cannot report it).
    pub present: Option<String>,
    /// With `present`: write every step of the story as a numbered PNG into this folder, then close.
    pub export_dir: Option<PathBuf>,
    /// Close once the store's figures are drawn, saying when on stdout ([`startup`]).
    pub exit_after_first_frame: bool,
    /// `--lang`: the UI's language, over the one remembered and the OS locale's.
    pub lang: Option<crate::i18n::Lang>,
}

/// Opens the dashboard window on the store at `location` and returns when it is closed. With an
/// export folder, the error says which steps failed (or why none could be drawn).
pub fn run(location: Location, launch: Launch) -> anyhow::Result<()> {
    let Some(dir) = launch.export_dir.clone() else {
        return open_window(location, launch, None);
    };
    let outcome: export::ExportOutcome = Default::default();
    open_window(location, launch, Some((dir, outcome.clone())))?;
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
    location: Location,
    launch: Launch,
    export: Option<(PathBuf, export::ExportOutcome)>,
) -> anyhow::Result<()> {
    let title = window_title(&location);
    // The store is read while the window and its GL context are made, not after.
    let loader = loader::Loader::spawn(location.clone());
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
    let result = eframe::run_native(
        "Marketscope",
        options,
        Box::new(move |cc| {
            let mut app = App::with_loader(&cc.egui_ctx, location, cc.storage, loader);
            if let Some(story) = launch.present {
                app = app.present_on_load(story);
            }
            if let Some((dir, outcome)) = export {
                app = app.export_story_on_load(dir, outcome);
            }
            if let Some(lang) = launch.lang {
                app = app.with_language(lang);
            }
            if launch.exit_after_first_frame {
                app = app.exit_after_first_frame();
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the dashboard window could not open: {e}"));
    // A window closed while the loader keeps overviews: let it finish, so the next start is fast.
    loader::wait_for_cache_writes(std::time::Duration::from_secs(10));
    result
}
