//! Presenter mode: one story's steps full screen, driven by the keys a clicker sends. The steps'
//! states are the dashboard's own [`Settings`], so the chart is the ordinary view drawn bigger.

use eframe::egui::{self, RichText};

use super::tokens;
use crate::dashboard::settings::Settings;
use crate::model::Story;

/// A presentation in progress, with what to restore when it ends.
pub struct Presenter {
    pub story: Story,
    pub step: usize,
    pub blank: bool,
    /// The user's settings before presenting: Esc brings exactly these back.
    pub before: Settings,
    pub zoom_before: f32,
    /// Series the user hid from the legend: shown again while presenting, hidden again after.
    pub hidden_before: std::collections::BTreeSet<String>,
    /// The chart's zoom before presenting (None: fitted to the data), restored on leaving.
    pub window_before: Option<crate::dashboard::settings::ChartWindow>,
}

impl Presenter {
    /// The settings a step shows. A state that no longer parses falls back to the user's own
    /// settings rather than ending the talk; the theme stays the user's, it is not part of a view.
    pub fn step_settings(&self, step: usize) -> Settings {
        let theme = self.before.theme;
        let mut settings = self
            .story
            .steps
            .get(step)
            .and_then(|s| serde_json::from_value::<Settings>(s.state.clone()).ok())
            .unwrap_or_else(|| self.before.clone());
        settings.theme = theme;
        settings
    }

    /// The platform ids and event titles the current step emphasises.
    pub fn step_highlights(&self) -> Vec<String> {
        self.story
            .steps
            .get(self.step)
            .map(|s| s.highlights.clone())
            .unwrap_or_default()
    }

    pub fn step_count(&self) -> usize {
        self.story.steps.len()
    }

    /// "3 / 8".
    pub fn counter_text(&self) -> String {
        format!("{} / {}", self.step + 1, self.step_count())
    }
}

/// The step's title above the chart (the chart is drawn by the caller in the central panel).
pub fn presenter_title_ui(ui: &mut egui::Ui, presenter: &Presenter) {
    let title = presenter
        .story
        .steps
        .get(presenter.step)
        .map(|s| s.title_in(crate::i18n::lang()))
        .unwrap_or_default();
    ui.add_space(tokens::PRESENTER_MARGIN_PX);
    ui.label(
        RichText::new(title)
            .font(tokens::presenter_title_font())
            .strong(),
    );
    ui.add_space(tokens::SMALL_GAP_PX);
}

/// The caption under the chart and, with `counter`, the discreet "3 / 8" at its right (an
/// exported step has no counter).
pub fn presenter_caption_ui(ui: &mut egui::Ui, presenter: &Presenter, counter: bool) {
    let caption = presenter
        .story
        .steps
        .get(presenter.step)
        .map(|s| s.caption_in(crate::i18n::lang()))
        .unwrap_or_default();
    ui.add_space(tokens::SMALL_GAP_PX);
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if counter {
                ui.label(
                    RichText::new(presenter.counter_text())
                        .font(tokens::presenter_counter_font())
                        .weak(),
                );
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
                ui.add(
                    egui::Label::new(RichText::new(caption).font(tokens::presenter_caption_font()))
                        .wrap(),
                );
            });
        });
    });
    ui.add_space(tokens::PRESENTER_MARGIN_PX);
}

/// A black screen (the `B` key): nothing of the dashboard shows through.
pub fn blank_screen_ui(ui: &mut egui::Ui) {
    let rect = ui.max_rect();
    ui.painter()
        .rect_filled(rect, 0.0, tokens::presenter_blank_colour());
    ui.allocate_rect(rect, egui::Sense::hover());
}

/// Under an exported chart: the sources of the figures and events on it.
pub fn export_footer_ui(ui: &mut egui::Ui, sources: &str) {
    if sources.is_empty() {
        return;
    }
    ui.add_space(tokens::SMALL_GAP_PX);
    ui.add(
        egui::Label::new(
            RichText::new(crate::i18n::t_args(
                "export-sources",
                &[("name", sources.into())],
            ))
            .font(tokens::export_footer_font())
            .weak(),
        )
        .wrap(),
    );
    ui.add_space(tokens::SMALL_GAP_PX);
}
