//! Doing what an [`Action`] asks: every menu item, button, key and test goes through
//! [`App::perform`] (or [`App::perform_presenter`] in presenter mode).

use eframe::egui;

use super::App;
use crate::dashboard::interaction::WindowGoal;
use crate::dashboard::measure_text::measure_sentence;
use crate::dashboard::ranges::latest_figure;
use crate::dashboard::settings::{ChartWindow, Settings, ThemeChoice};
use crate::ui::actions::{Action, PresenterAction};
use crate::ui::dialogs::Notice;
use crate::ui::export::dialog::ExportKind;
use crate::ui::export::{ImageTarget, Scale};
use crate::ui::library::LibraryOp;
use crate::ui::loader::{PresentationEdit, Request};
use crate::ui::presenter::Presenter;
use crate::ui::tokens;
use crate::ui::views::selection_csv;

impl App {
    /// Does what a menu item, button, key or test asks.
    /// What the Metrics view typed and asked to store: a display name or a formula metric.
    fn send_catalogue_edit(&mut self, action: Action) {
        let edit = match action {
            Action::AddFormula => self
                .formula
                .take_pending()
                .map(|(metric, formula)| PresentationEdit::AddFormula { metric, formula }),
            Action::SaveName => self
                .names
                .take_pending()
                .map(|(what, id, name)| PresentationEdit::Rename { what, id, name }),
            _ => None,
        };
        if let Some(edit) = edit {
            self.loader.send(Request::Edit(edit));
        }
    }

    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::ShowView(view) => {
                self.settings.view = view;
                self.inter.explore.range_drag = None;
            }
            Action::ResetZoom => self.resets.requested += 1,
            Action::ToggleLog
            | Action::ToggleIndex
            | Action::ToggleEvents
            | Action::ToggleStack
            | Action::ToggleTheme => self.toggle(action),
            Action::ToggleLanguage => {
                self.lang = self.lang.other();
                crate::i18n::set_lang(self.lang);
            }
            Action::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::ClearMeasure => {
                if self.show_shortcuts {
                    self.show_shortcuts = false;
                } else if !self.inter.explore.measure.is_empty() {
                    self.inter.explore.measure.clear();
                } else {
                    self.inter.explore.selected_event = None;
                    self.import.open = false;
                    self.save_view.open = false;
                    self.views_window.open = false;
                    self.export_dialog.open = false;
                    self.show_story_chooser = false;
                }
            }
            Action::CopyCsv => {
                if let Some(snap) = &self.snapshot {
                    let (rows, csv) = selection_csv(snap, &self.settings);
                    ctx.copy_text(csv);
                    self.notice = Some(Notice::Done(format!(
                        "Copied {rows} rows as CSV (the Table view's selection) to the clipboard."
                    )));
                }
            }
            Action::CopyImage => {
                if self.can_export_image() {
                    let zoom = self.sheet_zoom(ctx);
                    self.exporter
                        .start(ctx, ImageTarget::Clipboard, Scale::One, zoom);
                }
            }
            Action::ExportImage => {
                if self.can_export_image() {
                    self.export_dialog
                        .show(ExportKind::Png, &self.settings.view.label());
                }
            }
            Action::ExportCsv => self
                .export_dialog
                .show(ExportKind::Csv, &self.settings.view.label()),
            Action::ExportSvg | Action::ExportPdf => {
                if self.can_export_image() {
                    let format = if action == Action::ExportSvg {
                        crate::render::Format::Svg
                    } else {
                        crate::render::Format::Pdf
                    };
                    self.export_dialog
                        .show(ExportKind::Vector(format), &self.settings.view.label());
                }
            }
            Action::OpenImport => self.import.open = true,
            Action::Reload => self.loader.send(Request::Reload),
            Action::Present => match self.snapshot.as_ref().map(|s| s.stories.len()) {
                Some(1) => self.start_presenting(ctx, 0, true),
                Some(0) => {
                    self.notice = Some(Notice::Failed("The store has no story to present.".into()))
                }
                _ => self.show_story_chooser = true,
            },
            Action::PresentStory(index) => self.start_presenting(ctx, index, true),
            Action::SaveView => self.save_view.open = true,
            Action::ShowViews => self.views_window.open = !self.views_window.open,
            Action::CopyMeasurement => self.copy_measurement(ctx),
            Action::CopyPinned => self.copy_pinned(ctx),
            Action::Unpin => self.inter.explore.pinned = None,
            Action::QuickRange(range) => {
                let latest = self.snapshot.as_deref().and_then(latest_figure);
                range.apply(&mut self.settings, latest);
                self.resets.requested += 1;
            }
            Action::AddFormula | Action::SaveName => self.send_catalogue_edit(action),
            Action::ResetView => {
                self.settings.reset_view();
                self.inter.explore.measure.clear();
                self.inter.explore.selected_event = None;
                self.resets.requested += 1;
                self.inter.explore.hidden_series.clear();
            }
        }
    }

    /// The chart toggles and the theme; log and index exclude each other.
    fn toggle(&mut self, action: Action) {
        match action {
            Action::ToggleLog => {
                self.settings.log_scale = !self.settings.log_scale;
                if self.settings.log_scale {
                    self.settings.index_to_100 = false;
                }
                self.resets.requested += 1;
            }
            Action::ToggleIndex => {
                self.settings.index_to_100 = !self.settings.index_to_100;
                if self.settings.index_to_100 {
                    self.settings.log_scale = false;
                }
                self.resets.requested += 1;
            }
            Action::ToggleEvents => self.settings.show_events = !self.settings.show_events,
            Action::ToggleStack => {
                self.settings.stack_gmv_with_growth = !self.settings.stack_gmv_with_growth;
                self.resets.requested += 1;
            }
            Action::ToggleTheme => {
                self.settings.theme = match self.settings.theme {
                    ThemeChoice::Dark => ThemeChoice::Light,
                    ThemeChoice::Light => ThemeChoice::Dark,
                };
            }
            _ => {}
        }
    }

    /// The measurement on screen, as one sentence for a memo, to the clipboard.
    fn copy_pinned(&mut self, ctx: &egui::Context) {
        if let Some(p) = &self.inter.explore.pinned {
            ctx.copy_text(crate::dashboard::measure_text::figure_sentence(p));
            self.notice = Some(Notice::Done(crate::i18n::t("pinned-copied")));
        }
    }

    fn copy_measurement(&mut self, ctx: &egui::Context) {
        if let ([a, b], Some(m)) = (
            self.inter.explore.measure.as_slice(),
            self.inter.explore.measurement(),
        ) {
            let (from, to) = if m.from == a.period && m.from_value == a.figure.value {
                (a, b)
            } else {
                (b, a)
            };
            ctx.copy_text(measure_sentence(from, to, &m));
            self.notice = Some(Notice::Done(
                "Copied the measurement as a sentence to the clipboard.".into(),
            ));
        }
    }

    /// Presents the story at `index`; an export presents it in the window as it is, not full
    /// screen, so every step is captured at one size.
    pub(crate) fn start_presenting(&mut self, ctx: &egui::Context, index: usize, fullscreen: bool) {
        self.show_story_chooser = false;
        let Some(story) = self
            .snapshot
            .as_ref()
            .and_then(|s| s.stories.get(index))
            .cloned()
        else {
            return;
        };
        if story.steps.is_empty() {
            self.notice = Some(Notice::Failed(format!(
                "The story \"{}\" has no steps yet.",
                story.name
            )));
            return;
        }
        // Leaving restores exactly this, even if presenting was started twice.
        let (before, hidden_before, zoom_before, window_before) = match self.presenter.take() {
            Some(p) => (p.before, p.hidden_before, p.zoom_before, p.window_before),
            None => (
                self.settings.clone(),
                std::mem::take(&mut self.inter.explore.hidden_series),
                ctx.zoom_factor(),
                self.inter.explore.saved_window(),
            ),
        };
        self.presenter = Some(Presenter {
            story,
            step: 0,
            blank: false,
            before,
            zoom_before,
            hidden_before,
            window_before,
        });
        if fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        ctx.set_zoom_factor(zoom_before * tokens::PRESENTER_SCALE);
        self.show_step(0, false);
    }

    pub(crate) fn show_step(&mut self, step: usize, animate: bool) {
        let Some(p) = self.presenter.as_mut() else {
            return;
        };
        p.step = step.min(p.step_count().saturating_sub(1));
        self.settings = p.step_settings(p.step);
        self.inter.explore.measure.clear();
        self.inter.explore.selected_event = None;
        self.inter.explore.range_drag = None;
        // The chart moves to the step's window from where it is; no reset, which would jump.
        let window = self.settings.window.take();
        self.go_to_window(window, animate);
    }

    /// Sends the charts to `window` (None: fit to the data), animated from the current window
    /// when `animate` and the chart and its y mode stay the same.
    pub(crate) fn go_to_window(&mut self, window: Option<ChartWindow>, animate: bool) {
        let from = if animate {
            self.inter.explore.shown_window.clone()
        } else {
            None
        };
        self.inter.explore.window_goal = Some(WindowGoal::new(window, from));
    }

    /// Does what a key means in presenter mode.
    pub fn perform_presenter(&mut self, ctx: &egui::Context, action: PresenterAction) {
        let Some(p) = self.presenter.as_mut() else {
            return;
        };
        let last = p.step_count().saturating_sub(1);
        match action {
            PresenterAction::Next => {
                let step = (p.step + 1).min(last);
                self.show_step(step, true);
            }
            PresenterAction::Previous => {
                let step = p.step.saturating_sub(1);
                self.show_step(step, true);
            }
            PresenterAction::First => self.show_step(0, true),
            PresenterAction::Last => self.show_step(last, true),
            PresenterAction::Blank => p.blank = !p.blank,
            PresenterAction::Leave => {
                if let Some(p) = self.presenter.take() {
                    self.settings = p.before;
                    self.inter.explore.hidden_series = p.hidden_before;
                    ctx.set_zoom_factor(p.zoom_before);
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    self.inter.explore.measure.clear();
                    self.inter.explore.range_drag = None;
                    self.go_to_window(p.window_before, false);
                }
            }
        }
    }

    pub(crate) fn library_op(&mut self, op: LibraryOp) {
        match op {
            LibraryOp::Edit(edit) => self.loader.send(Request::Edit(edit)),
            LibraryOp::ExportStory(name) => self
                .export_dialog
                .show(ExportKind::Story(name.clone()), &name),
            LibraryOp::ExportDeck(name) => self
                .export_dialog
                .show(ExportKind::Deck(name.clone()), &name),
            LibraryOp::Open(index) => {
                let Some(view) = self.snapshot.as_ref().and_then(|s| s.views.get(index)) else {
                    return;
                };
                match serde_json::from_value::<Settings>(view.state.clone()) {
                    Ok(mut settings) => {
                        // The theme is the user's preference, not part of a view.
                        settings.theme = self.settings.theme;
                        let window = settings.window.take();
                        self.settings = settings;
                        self.inter.explore.measure.clear();
                        self.inter.explore.range_drag = None;
                        self.go_to_window(window, true);
                    }
                    Err(e) => {
                        self.notice = Some(Notice::Failed(format!(
                            "The view \"{}\" could not be read: {e}",
                            view.name
                        )))
                    }
                }
            }
        }
    }
}
