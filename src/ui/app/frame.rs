//! One frame of the dashboard: the top bar, side panel, view, details panel, status bar and
//! windows, or presenter mode's whole screen. What the user does comes back as [`Action`]s.

use crate::store::Location;

use eframe::egui::{self, RichText};

use super::App;
use crate::dashboard::settings::View;
use crate::dashboard::snapshot::Snapshot;
use crate::ui::actions::{Action, PresenterAction};
use crate::ui::chart::tooltip;
use crate::ui::dialogs::{Notice, import_window_ui, notice_ui, shortcuts_window_ui};
use crate::ui::export::dialog::export_window_ui;
use crate::ui::library::{save_view_window_ui, views_window_ui};
use crate::ui::loader::Request;
use crate::ui::presenter::{Presenter, blank_screen_ui, presenter_caption_ui, presenter_title_ui};
use crate::ui::side_panel::side_panel_ui;
use crate::ui::states::{empty_store_ui, loading_ui, store_error_ui};
use crate::ui::top_bar::{StoreStatus, language_toggle_ui, source_filter_bar_ui, top_bar_ui};
use crate::ui::views::{ViewCtx, view_ui};
use crate::ui::{persistence, tokens};

impl App {
    /// Presenter mode's whole screen: title, chart, caption and counter, or black when blanked.
    pub(crate) fn presenter_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let keys: Vec<PresenterAction> = {
            let mut keys = Vec::new();
            while let Some(action) = ctx.input_mut(PresenterAction::from_input) {
                keys.push(action);
            }
            keys
        };
        for action in keys {
            self.perform_presenter(&ctx, action);
        }
        let Some(p) = self.presenter.as_ref() else {
            return;
        };
        if p.blank {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, blank_screen_ui);
            return;
        }
        egui::Panel::top("presenter-title").show(ui, |ui| presenter_title_ui(ui, p));
        egui::Panel::bottom("presenter-caption").show(ui, |ui| presenter_caption_ui(ui, p, true));
        let mut actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(snap) = self.snapshot.clone() else {
                return;
            };
            self.current_view_ui(ui, &snap, &mut actions, false);
        });
        // The chart's own toggles still work with the mouse; shortcuts are off while presenting.
        for action in actions {
            if !matches!(action, Action::Present | Action::PresentStory(_)) {
                self.perform(&ctx, action);
            }
        }
    }

    pub(crate) fn library_windows_ui(&mut self, ctx: &egui::Context) {
        let Some(snap) = self.snapshot.clone() else {
            return;
        };
        if !self.save_view.open && !self.views_window.open {
            return;
        }
        let state = match self.view_state() {
            Ok(state) => state,
            Err(e) => {
                self.save_view.open = false;
                self.views_window.open = false;
                self.notice = Some(Notice::Failed(format!(
                    "The current view could not be captured: {e}"
                )));
                return;
            }
        };
        let mut ops = Vec::new();
        ops.extend(save_view_window_ui(
            ctx,
            &mut self.save_view,
            &state,
            snap.read_only,
        ));
        ops.extend(views_window_ui(ctx, &mut self.views_window, &snap, &state));
        for op in ops {
            self.library_op(op);
        }
    }

    pub(crate) fn keyboard_actions(ctx: &egui::Context) -> Vec<Action> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let mut actions = Vec::new();
        while let Some(action) = ctx.input_mut(Action::from_input) {
            actions.push(action);
        }
        actions
    }

    pub(crate) fn central_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(snap) = self.snapshot.clone() else {
            match self.error.clone() {
                Some(message) => {
                    if store_error_ui(ui, &self.location, &message) {
                        actions.push(Action::Reload);
                    }
                }
                None => loading_ui(ui, &self.location, self.loader.rows_read()),
            }
            return;
        };
        if snap.is_empty() {
            if empty_store_ui(ui, &self.location, snap.read_only, actions) {
                self.loader.send(Request::LoadSample);
            }
            return;
        }
        source_filter_bar_ui(ui, &snap, &mut self.settings);
        self.current_view_ui(ui, &snap, actions, true);
    }

    /// The selected view over `snap`, for the dashboard and for presenter mode alike.
    pub(crate) fn current_view_ui(
        &mut self,
        ui: &mut egui::Ui,
        snap: &Snapshot,
        actions: &mut Vec<Action>,
        chrome: bool,
    ) {
        let mut cx = ViewCtx {
            snap,
            settings: &mut self.settings,
            inter: &mut self.inter,
            resets: &mut self.resets,
            charts: &mut self.charts,
            actions,
            names: &mut self.names,
            formula: &mut self.formula,
            chrome,
        };
        view_ui(ui, &mut cx);
    }
}

impl App {
    /// Before anything is drawn: the loader's replies, dropped files, the theme, exports and what
    /// the last frame asked of this one.
    fn begin_frame(&mut self, ctx: &egui::Context) {
        if let Some(probe) = &mut self.startup_probe {
            probe.begin_frame(ctx);
        }
        // Every string of this frame in the chosen language: a switch shows on the next frame.
        crate::i18n::set_lang(self.lang);
        self.poll_loader();
        self.handle_dropped_files(ctx);
        self.inter.begin_frame();
        if self.applied_theme != Some(self.settings.theme) {
            tokens::apply_theme(ctx, self.settings.theme);
            self.applied_theme = Some(self.settings.theme);
        }
        self.poll_exports();
        if self.on_load.export.is_some() && !self.on_load.export_window_sized {
            self.on_load.export_window_sized = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(
                tokens::EXPORT_WINDOW_SIZE_PX.into(),
            ));
        }
        if std::mem::take(&mut self.next_frame.close) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(index) = self.next_frame.present.take() {
            match self.on_load.export.take() {
                Some((dir, outcome)) => self.start_story_export(ctx, index, dir, Some(outcome)),
                None => self.start_presenting(ctx, index, true),
            }
        }
        self.drive_story_export(ctx);
        self.inter.explore.highlights = self
            .presenter
            .as_ref()
            .map(Presenter::step_highlights)
            .unwrap_or_default();
    }

    /// The top bar, status bar, side panel and event details around the view.
    fn panels_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(tokens::SMALL_GAP_PX);
            let status = StoreStatus {
                location: &self.location,
                offline_since: self.offline_since,
                snapshot: self.snapshot.as_deref(),
                busy: self.loader.is_busy(),
                rows_read: self.loader.rows_read(),
                failed: self.error.is_some() && self.snapshot.is_none(),
            };
            top_bar_ui(ui, &self.settings, &status, actions);
            ui.add_space(tokens::TINY_GAP_PX);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            // The language switch at the right, whatever the status bar says beside it.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                language_toggle_ui(ui, self.lang, actions);
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    if let Some(notice) = &self.notice {
                        if notice_ui(ui, notice) {
                            self.notice = None;
                        }
                    } else {
                        status_hint_ui(ui, self.settings.view, &self.location);
                    }
                });
            });
        });
        if let Some(snap) = self.snapshot.clone()
            && !snap.is_empty()
        {
            egui::Panel::left("side-panel")
                .resizable(true)
                .default_size(tokens::SIDE_PANEL_WIDTH_PX)
                .min_size(tokens::SIDE_PANEL_MIN_WIDTH_PX)
                .show(ui, |ui| {
                    side_panel_ui(
                        ui,
                        &snap,
                        &mut self.settings,
                        &mut self.side_counts,
                        actions,
                    )
                });
            if let Some(event) = self
                .inter
                .explore
                .selected_event
                .and_then(|i| snap.events.get(i))
            {
                let mut close = false;
                egui::Panel::right("event-details")
                    .resizable(true)
                    .default_size(tokens::DETAILS_PANEL_WIDTH_PX)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            close = tooltip::event_details_ui(ui, &snap, event);
                        });
                    });
                if close {
                    self.inter.explore.selected_event = None;
                }
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.begin_frame(&ctx);
        if self.exporter.capturing() {
            self.sheet_ui(ui);
            return;
        }
        if self.presenter.is_some() {
            self.presenter_ui(ui);
            return;
        }
        let mut actions = Self::keyboard_actions(&ctx);

        self.panels_ui(ui, &mut actions);
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &mut actions));

        let read_only = self.snapshot.as_ref().is_some_and(|s| s.read_only);
        if let Some(paths) = import_window_ui(&ctx, &mut self.import, read_only) {
            self.loader.send(Request::Import(paths));
        }
        shortcuts_window_ui(&ctx, &mut self.show_shortcuts);
        self.library_windows_ui(&ctx);
        if let Some(request) = export_window_ui(&ctx, &mut self.export_dialog) {
            self.export(&ctx, request);
        }
        if let Some(snap) = self.snapshot.clone() {
            story_chooser_ui(&ctx, &snap, &mut self.show_story_chooser, &mut actions);
            if let Some(pinned) = &self.inter.explore.pinned
                && self.presenter.is_none()
            {
                crate::ui::chart::pinned::pinned_figure_ui(&ctx, &snap, pinned, &mut actions);
            }
        }
        drop_hint_ui(&ctx);

        for action in actions {
            self.perform(&ctx, action);
        }
        self.request_details();
        if let Some(probe) = &mut self.startup_probe {
            probe.end_frame(self.snapshot.is_some() || self.error.is_some());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        persistence::save_settings(&self.settings, storage);
        persistence::save_language(self.lang, storage);
    }

    /// While an image is captured the pointer is kept out, so no tooltip, hover ring or cursor
    /// line ends up in it.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.exporter.capturing() {
            raw_input.events.retain(|e| {
                !matches!(
                    e,
                    egui::Event::PointerMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                        | egui::Event::Touch { .. }
                )
            });
            raw_input.events.push(egui::Event::PointerGone);
        }
    }
}

fn status_hint_ui(ui: &mut egui::Ui, view: View, location: &Location) {
    let hint = view.spec().hint();
    ui.horizontal(|ui| {
        ui.label(RichText::new(hint).weak().small());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(location.to_string()).weak().small());
        });
    });
}

/// "Present…" with several stories: pick one.
fn story_chooser_ui(
    ctx: &egui::Context,
    snap: &Snapshot,
    open: &mut bool,
    actions: &mut Vec<Action>,
) {
    egui::Window::new("Present a story")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            for (index, story) in snap.stories.iter().enumerate() {
                let label = format!("{} ({} steps)", story.name, story.steps.len());
                if ui
                    .button(label)
                    .on_hover_text(story.description.as_str())
                    .clicked()
                {
                    actions.push(Action::PresentStory(index));
                }
            }
        });
}

/// While files are dragged over the window: say what dropping them does.
fn drop_hint_ui(ctx: &egui::Context) {
    let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
    if !hovering {
        return;
    }
    let screen = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop-hint"),
    ));
    painter.rect_filled(screen, 0.0, tokens::drop_overlay_colour());
    painter.text(
        screen.center(),
        egui::Align2::CENTER_CENTER,
        "Drop CSV files to import them into the store",
        tokens::title_font(),
        tokens::drop_overlay_text_colour(),
    );
}
