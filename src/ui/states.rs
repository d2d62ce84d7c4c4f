//! What the central area shows when there is no chart to show: loading, an empty store (with the
//! two ways to fill it), or a store that could not be opened (what happened, what to do).

use std::path::Path;

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::tokens;

/// The first load of a store; a big one says how many figures it has read so far.
pub fn loading_ui(ui: &mut egui::Ui, path: &Path, rows_read: Option<usize>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * tokens::STATE_TOP_FRACTION);
        ui.spinner();
        ui.label(format!("Loading {}…", path.display()));
        if let Some(n) = rows_read {
            ui.label(
                RichText::new(format!("{} figures read", crate::model::format::grouped(n))).weak(),
            );
        }
    });
}

/// Returns true when the user asks to load the sample.
pub fn empty_store_ui(
    ui: &mut egui::Ui,
    path: &Path,
    read_only: bool,
    actions: &mut Vec<Action>,
) -> bool {
    let mut load_sample = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * tokens::STATE_TOP_FRACTION);
        ui.set_max_width(tokens::EMPTY_STATE_WIDTH_PX);
        ui.label(
            RichText::new("This store is empty")
                .font(tokens::title_font())
                .strong(),
        );
        ui.label(RichText::new(path.display().to_string()).weak());
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.label(
            "Load the curated sample (sourced figures and dated events on TEMU, SHEIN, AliExpress, \
             TikTok Shop, Amazon and others), or import your own CSV files.",
        );
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.horizontal(|ui| {
            ui.add_enabled_ui(!read_only, |ui| {
                if ui.button("Load the sample data").clicked() {
                    load_sample = true;
                }
                if ui.button("Import CSV…").clicked() {
                    actions.push(Action::OpenImport);
                }
            });
        });
        if read_only {
            ui.label(
                RichText::new("The store is read-only: open a writable file to import into it.")
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
    load_sample
}

/// Returns true when the user asks to try again.
pub fn store_error_ui(ui: &mut egui::Ui, path: &Path, message: &str) -> bool {
    let mut retry = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * tokens::STATE_TOP_FRACTION);
        ui.set_max_width(tokens::ERROR_STATE_WIDTH_PX);
        ui.label(
            RichText::new("The store could not be opened")
                .font(tokens::title_font())
                .strong()
                .color(tokens::error_colour(ui.visuals())),
        );
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.label(message);
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.label(RichText::new("What to do").strong());
        ui.label(format!(
            "Nothing was changed in {}. Start Marketscope on another store with `marketscope --db OTHER.db` \
             (a new file is created empty), or move this file aside and start again: a new, empty store is made \
             in its place. If another program is writing to it, wait and try again.",
            path.display()
        ));
        ui.add_space(tokens::SECTION_GAP_PX);
        retry = ui.button("Try again").clicked();
    });
    retry
}
