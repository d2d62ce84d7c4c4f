//! What the central area shows when there is no chart to show: loading, an empty store (with the
//! two ways to fill it), or a store that could not be opened (what happened, what to do).

use eframe::egui::{self, RichText};

use super::actions::Action;
use super::tokens;
use crate::i18n::{t, t_args};
use crate::store::Location;

/// The first load of a store; a big one says how many figures it has read so far.
pub fn loading_ui(ui: &mut egui::Ui, location: &Location, rows_read: Option<usize>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * tokens::STATE_TOP_FRACTION);
        ui.spinner();
        let path = location.to_string();
        ui.label(t_args("state-loading", &[("name", (&path).into())]));
        if let Some(n) = rows_read {
            let n = crate::model::format::grouped(n);
            ui.label(RichText::new(t_args("state-figures-read", &[("value", (&n).into())])).weak());
        }
    });
}

/// Returns true when the user asks to load the sample.
pub fn empty_store_ui(
    ui: &mut egui::Ui,
    location: &Location,
    read_only: bool,
    actions: &mut Vec<Action>,
) -> bool {
    let mut load_sample = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * tokens::STATE_TOP_FRACTION);
        ui.set_max_width(tokens::EMPTY_STATE_WIDTH_PX);
        ui.label(
            RichText::new(t("state-empty"))
                .font(tokens::title_font())
                .strong(),
        );
        ui.label(RichText::new(location.to_string()).weak());
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.label(t("state-empty-body"));
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.horizontal(|ui| {
            ui.add_enabled_ui(!read_only, |ui| {
                if ui.button(t("state-load-sample")).clicked() {
                    load_sample = true;
                }
                if ui.button(t("state-import")).clicked() {
                    actions.push(Action::OpenImport);
                }
            });
        });
        if read_only {
            ui.label(RichText::new(t("state-read-only")).color(ui.visuals().warn_fg_color));
        }
    });
    load_sample
}

/// Returns true when the user asks to try again.
pub fn store_error_ui(ui: &mut egui::Ui, location: &Location, message: &str) -> bool {
    let mut retry = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * tokens::STATE_TOP_FRACTION);
        ui.set_max_width(tokens::ERROR_STATE_WIDTH_PX);
        ui.label(
            RichText::new(t("state-error"))
                .font(tokens::title_font())
                .strong()
                .color(tokens::error_colour(ui.visuals())),
        );
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.label(message);
        ui.add_space(tokens::SECTION_GAP_PX);
        ui.label(RichText::new(t("state-what-to-do")).strong());
        let path = location.to_string();
        ui.label(t_args("state-error-body", &[("name", (&path).into())]));
        ui.add_space(tokens::SECTION_GAP_PX);
        retry = ui.button(t("state-retry")).clicked();
    });
    retry
}
