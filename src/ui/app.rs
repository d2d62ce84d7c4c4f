//! The eframe app: owns the settings (persisted), the loader handle and the latest snapshot, routes
//! every [`Action`], and lays out the top bar, side panel, view, details panel and status bar.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, RichText};

use super::actions::{Action, PresenterAction};
use super::chart::ZoomResets;
use super::dialogs::{ImportDialog, Notice, import_window_ui, notice_ui, shortcuts_window_ui};
use super::export::{ExportOutcome, Exporter, ImageTarget, Scale, StoryExport};
use super::export_dialog::{ExportDialog, ExportKind, export_window_ui};
use super::interaction::{Interaction, ScreenPoint, WindowGoal};
use super::library::{
    LibraryOp, SaveViewDialog, ViewsWindow, save_view_window_ui, views_window_ui,
};
use super::loader::{Loader, Reply, Request};
use super::presenter::{Presenter, blank_screen_ui, presenter_caption_ui, presenter_title_ui};
use super::settings::{ChartWindow, Settings, ThemeChoice, View};
use super::side_panel::{SideCounts, side_panel_ui};
use super::snapshot::Snapshot;
use super::startup::StartupProbe;
use super::states::{empty_store_ui, loading_ui, store_error_ui};
use super::top_bar::{StoreStatus, source_filter_bar_ui, top_bar_ui};
use super::views::{ChartCache, ViewCtx, selection_csv, view_ui};
use super::{fonts, tokens, tooltip};

mod exporting;

pub struct App {
    settings: Settings,
    store_path: PathBuf,
    loader: Loader,
    snapshot: Option<Arc<Snapshot>>,
    error: Option<String>,
    notice: Option<Notice>,
    import: ImportDialog,
    show_shortcuts: bool,
    inter: Interaction,
    resets: ZoomResets,
    charts: ChartCache,
    applied_theme: Option<ThemeChoice>,
    side_counts: SideCounts,
    presenter: Option<Presenter>,
    /// A story to present as soon as the store is read (`marketscope present STORY`).
    present_on_load: Option<String>,
    /// The story index to start presenting on the next frame (poll_loader has no context).
    pending_present: Option<usize>,
    /// The "Present…" chooser, when the store has several stories.
    show_story_chooser: bool,
    save_view: SaveViewDialog,
    views_window: ViewsWindow,
    /// `--exit-after-first-frame`: reports the first frames and closes the window.
    startup_probe: Option<StartupProbe>,
    exporter: Exporter,
    export_dialog: ExportDialog,
    story_export: Option<StoryExport>,
    /// `marketscope present --export-dir`: the folder, and where to report before closing.
    export_on_load: Option<(PathBuf, ExportOutcome)>,
    /// Close the window on the next frame (poll_loader has no context).
    pending_close: bool,
    /// The export's slide-sized window was asked for (eframe restores the last window's size).
    export_window_sized: bool,
}

impl App {
    /// The app as eframe starts it: settings from eframe's storage, fonts and style installed,
    /// the loader thread started on `store_path`.
    pub fn new(cc: &eframe::CreationContext<'_>, store_path: PathBuf) -> App {
        App::with_storage(&cc.egui_ctx, store_path, cc.storage)
    }

    /// As [`App::new`], from any storage (tests pass their own to check persistence).
    pub fn with_storage(
        ctx: &egui::Context,
        store_path: PathBuf,
        storage: Option<&dyn eframe::Storage>,
    ) -> App {
        let loader = Loader::spawn(store_path.clone());
        App::with_loader(ctx, store_path, storage, loader)
    }

    /// As [`App::with_storage`], with a loader started earlier (before the window opened).
    pub fn with_loader(
        ctx: &egui::Context,
        store_path: PathBuf,
        storage: Option<&dyn eframe::Storage>,
        loader: Loader,
    ) -> App {
        fonts::install(ctx);
        tokens::install_style(ctx);
        let settings = Settings::load(storage);
        loader.attach(ctx);
        App {
            settings,
            store_path,
            loader,
            snapshot: None,
            error: None,
            notice: None,
            import: ImportDialog::default(),
            show_shortcuts: false,
            inter: Interaction::default(),
            resets: ZoomResets::default(),
            charts: ChartCache::default(),
            applied_theme: None,
            side_counts: SideCounts::default(),
            presenter: None,
            present_on_load: None,
            pending_present: None,
            show_story_chooser: false,
            save_view: SaveViewDialog::default(),
            views_window: ViewsWindow::default(),
            startup_probe: None,
            exporter: Exporter::default(),
            export_dialog: ExportDialog::default(),
            story_export: None,
            export_on_load: None,
            pending_close: false,
            export_window_sized: false,
        }
    }

    /// Closes the window once the store's figures have been drawn, saying when on stdout (the
    /// cold-start benchmark).
    pub fn exit_after_first_frame(mut self) -> App {
        self.startup_probe = Some(StartupProbe::default());
        self
    }

    /// With [`App::present_on_load`]: exports every step of the story as a PNG into `dir`, then
    /// reports to `outcome` and closes the window.
    pub fn export_story_on_load(mut self, dir: PathBuf, outcome: ExportOutcome) -> App {
        self.export_on_load = Some((dir, outcome));
        self
    }

    /// Whether an image is being captured or an export written.
    pub fn is_exporting(&self) -> bool {
        self.exporter.busy() || self.story_export.is_some()
    }

    pub fn export_dialog_open(&self) -> bool {
        self.export_dialog.open
    }

    /// Starts presenting the story named `story` once the store has been read.
    pub fn present_on_load(mut self, story: String) -> App {
        self.present_on_load = Some(story);
        self
    }

    /// Whether presenter mode is on.
    pub fn is_presenting(&self) -> bool {
        self.presenter.is_some()
    }

    /// The presented step (0-based) and whether the screen is blanked.
    pub fn presenter_step(&self) -> Option<(usize, bool)> {
        self.presenter.as_ref().map(|p| (p.step, p.blank))
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether the loader is still working (tests wait for this to turn false).
    pub fn is_busy(&self) -> bool {
        self.loader.is_busy()
    }

    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.snapshot.as_deref()
    }

    /// Where each drawn point was on screen in the last frame.
    pub fn screen_points(&self) -> Vec<ScreenPoint> {
        self.inter.screen_points()
    }

    /// Where each event marker was on screen in the last frame.
    pub fn screen_events(&self) -> &[super::interaction::ScreenEvent] {
        &self.inter.screen_events
    }

    pub fn measurement(&self) -> Option<crate::analysis::Measurement> {
        self.inter.measurement()
    }

    pub fn selected_event(&self) -> Option<&crate::model::Event> {
        let snap = self.snapshot.as_deref()?;
        snap.events.get(self.inter.selected_event?)
    }

    pub fn shortcuts_shown(&self) -> bool {
        self.show_shortcuts
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The first chart drawn last frame and its visible window.
    pub fn chart_window(&self) -> Option<&super::interaction::ShownWindow> {
        self.inter.shown_window.as_ref()
    }

    /// How each series was drawn last frame: (chart id, series name, emphasis).
    pub fn drawn_emphasis(&self) -> &[(String, String, super::interaction::Emphasis)] {
        &self.inter.drawn_emphasis
    }

    /// Does what a menu item, button, key or test asks.
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::ShowView(view) => {
                self.settings.view = view;
                self.inter.range_drag = None;
            }
            Action::ResetZoom => self.resets.requested += 1,
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
            Action::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::ClearMeasure => {
                if self.show_shortcuts {
                    self.show_shortcuts = false;
                } else if !self.inter.measure.is_empty() {
                    self.inter.measure.clear();
                } else {
                    self.inter.selected_event = None;
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
                        .show(ExportKind::Png, self.settings.view.label());
                }
            }
            Action::ExportCsv => self
                .export_dialog
                .show(ExportKind::Csv, self.settings.view.label()),
            Action::ExportSvg | Action::ExportPdf => {
                if self.can_export_image() {
                    let format = if action == Action::ExportSvg {
                        crate::render::Format::Svg
                    } else {
                        crate::render::Format::Pdf
                    };
                    self.export_dialog
                        .show(ExportKind::Vector(format), self.settings.view.label());
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
            Action::ResetView => {
                self.settings.reset_view();
                self.inter.measure.clear();
                self.inter.selected_event = None;
                self.resets.requested += 1;
                self.inter.hidden_series.clear();
            }
        }
    }

    /// Presents the story at `index`; an export presents it in the window as it is, not full
    /// screen, so every step is captured at one size.
    fn start_presenting(&mut self, ctx: &egui::Context, index: usize, fullscreen: bool) {
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
                std::mem::take(&mut self.inter.hidden_series),
                ctx.zoom_factor(),
                self.inter.saved_window(),
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

    fn show_step(&mut self, step: usize, animate: bool) {
        let Some(p) = self.presenter.as_mut() else {
            return;
        };
        p.step = step.min(p.step_count().saturating_sub(1));
        self.settings = p.step_settings(p.step);
        self.inter.measure.clear();
        self.inter.selected_event = None;
        self.inter.range_drag = None;
        // The chart moves to the step's window from where it is; no reset, which would jump.
        let window = self.settings.window.take();
        self.go_to_window(window, animate);
    }

    /// Sends the charts to `window` (None: fit to the data), animated from the current window
    /// when `animate` and the chart and its y mode stay the same.
    fn go_to_window(&mut self, window: Option<ChartWindow>, animate: bool) {
        let from = if animate {
            self.inter.shown_window.clone()
        } else {
            None
        };
        self.inter.window_goal = Some(WindowGoal::new(window, from));
    }

    /// The settings with the chart's visible window, as a saved view or story step stores them.
    fn view_state(&self) -> Result<serde_json::Value, serde_json::Error> {
        let mut settings = self.settings.clone();
        settings.window = self.inter.saved_window();
        serde_json::to_value(&settings)
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
                    self.inter.hidden_series = p.hidden_before;
                    ctx.set_zoom_factor(p.zoom_before);
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
                    self.inter.measure.clear();
                    self.inter.range_drag = None;
                    self.go_to_window(p.window_before, false);
                }
            }
        }
    }

    /// Presenter mode's whole screen: title, chart, caption and counter, or black when blanked.
    fn presenter_ui(&mut self, ui: &mut egui::Ui) {
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

    fn library_op(&mut self, op: LibraryOp) {
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
                        self.inter.measure.clear();
                        self.inter.range_drag = None;
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

    fn library_windows_ui(&mut self, ctx: &egui::Context) {
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

    fn poll_loader(&mut self) {
        for reply in self.loader.poll() {
            match reply {
                Reply::Loaded(snapshot) => {
                    let changed = self
                        .snapshot
                        .as_ref()
                        .is_none_or(|old| old.observations != snapshot.observations);
                    if changed {
                        self.inter.measure.clear();
                    }
                    if self
                        .inter
                        .selected_event
                        .is_some_and(|i| i >= snapshot.events.len())
                    {
                        self.inter.selected_event = None;
                    }
                    self.snapshot = Some(snapshot);
                    self.error = None;
                    if let Some(name) = self.present_on_load.take() {
                        match self
                            .snapshot
                            .as_ref()
                            .and_then(|s| s.stories.iter().position(|st| st.name == name))
                        {
                            Some(index) => self.pending_present = Some(index),
                            None => self.fail_export_on_load(format!(
                                "no story named \"{name}\" in the store"
                            )),
                        }
                    }
                }
                Reply::Failed(message) => {
                    // With figures already on screen, keep them and say what went wrong.
                    if self.snapshot.is_some() {
                        self.notice = Some(Notice::Failed(format!(
                            "The store could not be read again: {message}. The figures shown are from the last good read."
                        )));
                    }
                    self.fail_export_on_load(format!("the store could not be read: {message}"));
                    self.error = Some(message);
                }
                Reply::Imported(Ok(report)) => self.notice = Some(Notice::Done(report)),
                Reply::Imported(Err(message)) | Reply::Edited(Err(message)) => {
                    self.notice = Some(Notice::Failed(message))
                }
                Reply::Edited(Ok(report)) => self.notice = Some(Notice::Done(report)),
            }
        }
    }

    /// `present --export-dir` cannot go on: report and close the window.
    fn fail_export_on_load(&mut self, message: String) {
        if let Some((_, outcome)) = self.export_on_load.take() {
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(Err(message));
            }
            self.pending_close = true;
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        if self.snapshot.as_ref().is_some_and(|s| s.read_only) {
            self.notice = Some(Notice::Failed(
                "The store is read-only: the dropped files were not imported.".into(),
            ));
            return;
        }
        self.loader.send(Request::Import(dropped));
        self.import.open = false;
    }

    fn keyboard_actions(ctx: &egui::Context) -> Vec<Action> {
        if ctx.egui_wants_keyboard_input() {
            return Vec::new();
        }
        let mut actions = Vec::new();
        while let Some(action) = ctx.input_mut(Action::from_input) {
            actions.push(action);
        }
        actions
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(snap) = self.snapshot.clone() else {
            match self.error.clone() {
                Some(message) => {
                    if store_error_ui(ui, &self.store_path, &message) {
                        actions.push(Action::Reload);
                    }
                }
                None => loading_ui(ui, &self.store_path, self.loader.rows_read()),
            }
            return;
        };
        if snap.is_empty() {
            if empty_store_ui(ui, &self.store_path, snap.read_only, actions) {
                self.loader.send(Request::LoadSample);
            }
            return;
        }
        source_filter_bar_ui(ui, &snap, &mut self.settings);
        self.current_view_ui(ui, &snap, actions, true);
    }

    /// The selected view over `snap`, for the dashboard and for presenter mode alike.
    fn current_view_ui(
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
            chrome,
        };
        view_ui(ui, &mut cx);
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if let Some(probe) = &mut self.startup_probe {
            probe.begin_frame(&ctx);
        }
        self.poll_loader();
        self.handle_dropped_files(&ctx);
        self.inter.begin_frame();
        if self.applied_theme != Some(self.settings.theme) {
            tokens::apply_theme(&ctx, self.settings.theme);
            self.applied_theme = Some(self.settings.theme);
        }
        self.poll_exports();
        if self.export_on_load.is_some() && !self.export_window_sized {
            self.export_window_sized = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(
                tokens::EXPORT_WINDOW_SIZE_PX.into(),
            ));
        }
        if std::mem::take(&mut self.pending_close) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if let Some(index) = self.pending_present.take() {
            match self.export_on_load.take() {
                Some((dir, outcome)) => self.start_story_export(&ctx, index, dir, Some(outcome)),
                None => self.start_presenting(&ctx, index, true),
            }
        }
        self.drive_story_export(&ctx);
        self.inter.highlights = self
            .presenter
            .as_ref()
            .map(Presenter::step_highlights)
            .unwrap_or_default();
        if self.exporter.capturing() {
            self.sheet_ui(ui);
            return;
        }
        if self.presenter.is_some() {
            self.presenter_ui(ui);
            return;
        }
        let mut actions = Self::keyboard_actions(&ctx);

        egui::Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(tokens::SMALL_GAP_PX);
            let status = StoreStatus {
                path: &self.store_path,
                snapshot: self.snapshot.as_deref(),
                busy: self.loader.is_busy(),
                rows_read: self.loader.rows_read(),
                failed: self.error.is_some() && self.snapshot.is_none(),
            };
            top_bar_ui(ui, &self.settings, &status, &mut actions);
            ui.add_space(tokens::TINY_GAP_PX);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            if let Some(notice) = &self.notice {
                if notice_ui(ui, notice) {
                    self.notice = None;
                }
            } else {
                status_hint_ui(ui, self.settings.view, &self.store_path);
            }
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
                        &mut actions,
                    )
                });
            if let Some(event) = self.inter.selected_event.and_then(|i| snap.events.get(i)) {
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
                    self.inter.selected_event = None;
                }
            }
        }
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
        }
        drop_hint_ui(&ctx);

        for action in actions {
            self.perform(&ctx, action);
        }
        if let Some(probe) = &mut self.startup_probe {
            probe.end_frame(self.snapshot.is_some() || self.error.is_some());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
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

fn status_hint_ui(ui: &mut egui::Ui, view: View, path: &Path) {
    let hint = match view {
        View::Gmv | View::Growth | View::Downloads | View::BrandSales => {
            "Hover a point for its source · click two points to measure · scroll to zoom, drag to pan, right-drag to zoom a box, double-click to reset · ? for shortcuts"
        }
        View::Events => {
            "Click an event's title for its details and source · filter categories under Event markers · ? for shortcuts"
        }
        View::Table => {
            "Click a column title to sort · Copy as CSV (C) gives the importer's columns · ? for shortcuts"
        }
        View::Sources => {
            "Click a publisher to chart only its figures · URLs open in the browser · ? for shortcuts"
        }
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(hint).weak().small());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(path.display().to_string()).weak().small());
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

/// "Marketscope — sample.db".
pub fn window_title(store_path: &Path) -> String {
    let file = store_path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| store_path.display().to_string());
    format!("Marketscope — {file}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_store_file() {
        assert_eq!(
            window_title(Path::new("/home/ana/data/marketscope.db")),
            "Marketscope — marketscope.db"
        );
        assert_eq!(window_title(Path::new("/")), "Marketscope — /");
    }
}
