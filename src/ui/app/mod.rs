//! The eframe app: owns the settings (persisted), the loader handle and the latest snapshot, routes
//! every [`Action`], and lays out the top bar, side panel, view, details panel and status bar.

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

use super::chart::ZoomResets;
use super::dialogs::{ImportDialog, Notice};
use super::export::dialog::ExportDialog;
use super::export::{ExportOutcome, Exporter, StoryExport};
use super::interaction::{Interaction, ScreenPoint};
use super::library::{SaveViewDialog, ViewsWindow};
use super::loader::{Loader, Reply, Request};
use super::presenter::Presenter;
use super::side_panel::SideCounts;
use super::startup::StartupProbe;
use super::views::{ChartCache, NameDrafts};
use super::{fonts, tokens};
use crate::dashboard::details::DetailWindow;
use crate::dashboard::metrics::busiest_metric;
use crate::dashboard::settings::{Settings, ThemeChoice, View};
use crate::dashboard::snapshot::Snapshot;
use crate::dashboard::views::opening_view;
use crate::i18n::Lang;
use crate::store::Location;

mod command_handling;
mod frame;

/// The dashboard's state, kept from frame to frame. What one frame draws is in [`frame`], what
/// an action does in [`command_handling`]; the export flow is `ui::export`'s.
pub struct App {
    pub(crate) settings: Settings,
    /// The UI's language: remembered, else the OS locale's; `--lang` overrides it.
    pub(crate) lang: Lang,
    /// The store's place: a file, or a server's schema.
    pub(crate) location: Location,
    pub(crate) loader: Loader,
    pub(crate) snapshot: Option<Arc<Snapshot>>,
    /// When the store's server stopped answering, while it does not (the figures stay).
    pub(crate) offline_since: Option<chrono::DateTime<chrono::Local>>,
    pub(crate) error: Option<String>,
    pub(crate) notice: Option<Notice>,
    pub(crate) import: ImportDialog,
    pub(crate) show_shortcuts: bool,
    pub(crate) inter: Interaction,
    pub(crate) resets: ZoomResets,
    pub(crate) charts: ChartCache,
    pub(crate) applied_theme: Option<ThemeChoice>,
    pub(crate) side_counts: SideCounts,
    pub(crate) presenter: Option<Presenter>,
    /// The "Present…" chooser, when the store has several stories.
    pub(crate) show_story_chooser: bool,
    pub(crate) save_view: SaveViewDialog,
    pub(crate) views_window: ViewsWindow,
    /// `--exit-after-first-frame`: reports the first frames and closes the window.
    pub(crate) startup_probe: Option<StartupProbe>,
    /// Windows of long series asked of the loader and not yet arrived, and the last ones asked.
    pub(crate) details_in_flight: bool,
    pub(crate) details_sent: Vec<DetailWindow>,
    pub(crate) exporter: Exporter,
    pub(crate) export_dialog: ExportDialog,
    pub(crate) story_export: Option<StoryExport>,
    /// Display names typed in the Metrics view, until saved.
    pub(crate) names: NameDrafts,
    pub(crate) formula: crate::ui::views::FormulaDraft,
    /// What the command line asked to do once the store is read.
    pub(crate) on_load: OnLoad,
    /// What reading the store asked the next frame to do (reading it has no egui context).
    pub(crate) next_frame: NextFrame,
}

/// What the command line asked for, done once the store has been read.
#[derive(Default)]
pub(crate) struct OnLoad {
    /// A story to present (`marketscope present STORY`).
    pub(crate) present: Option<String>,
    /// `marketscope present --export-dir`: the folder, and where to report before closing.
    pub(crate) export: Option<(PathBuf, ExportOutcome)>,
    /// The export's slide-sized window was asked for (eframe restores the last window's size).
    pub(crate) export_window_sized: bool,
}

/// What the next frame must do with its context.
#[derive(Default)]
pub(crate) struct NextFrame {
    /// The story index to start presenting.
    pub(crate) present: Option<usize>,
    /// Close the window.
    pub(crate) close: bool,
}

impl App {
    /// The app as eframe starts it: settings from eframe's storage, fonts and style installed,
    /// the loader thread started on the store.
    pub fn new(cc: &eframe::CreationContext<'_>, store: impl Into<Location>) -> App {
        App::with_storage(&cc.egui_ctx, store, cc.storage)
    }

    /// As [`App::new`], from any storage (tests pass their own to check persistence).
    pub fn with_storage(
        ctx: &egui::Context,
        store: impl Into<Location>,
        storage: Option<&dyn eframe::Storage>,
    ) -> App {
        let location = store.into();
        let loader = Loader::spawn(location.clone());
        App::with_loader(ctx, location, storage, loader)
    }

    /// As [`App::with_storage`], with a loader started earlier (before the window opened).
    pub fn with_loader(
        ctx: &egui::Context,
        location: Location,
        storage: Option<&dyn eframe::Storage>,
        loader: Loader,
    ) -> App {
        fonts::install(ctx);
        tokens::install_style(ctx);
        let settings = super::persistence::load_settings(storage);
        let lang = super::persistence::load_language(storage).unwrap_or_else(Lang::from_env);
        crate::i18n::set_lang(lang);
        loader.attach(ctx);
        App {
            settings,
            lang,
            location,
            loader,
            snapshot: None,
            offline_since: None,
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
            show_story_chooser: false,
            save_view: SaveViewDialog::default(),
            views_window: ViewsWindow::default(),
            startup_probe: None,
            details_in_flight: false,
            details_sent: Vec::new(),
            exporter: Exporter::default(),
            export_dialog: ExportDialog::default(),
            story_export: None,
            names: NameDrafts::default(),
            formula: Default::default(),
            on_load: OnLoad::default(),
            next_frame: NextFrame::default(),
        }
    }

    /// Shows the UI in `lang` (`--lang`), whatever was remembered or the OS locale says.
    pub fn with_language(mut self, lang: Lang) -> App {
        self.lang = lang;
        crate::i18n::set_lang(lang);
        self
    }

    /// The UI's language.
    pub fn language(&self) -> Lang {
        self.lang
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
        self.on_load.export = Some((dir, outcome));
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
        self.on_load.present = Some(story);
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
        self.loader.is_busy() || self.details_in_flight
    }

    /// The figure last clicked, shown in its own window.
    pub fn pinned(&self) -> Option<&crate::dashboard::interaction::Picked> {
        self.inter.explore.pinned.as_ref()
    }

    /// When the store's server stopped answering, while it does not.
    pub fn offline_since(&self) -> Option<chrono::DateTime<chrono::Local>> {
        self.offline_since
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
        self.inter.explore.measurement()
    }

    pub fn selected_event(&self) -> Option<&crate::model::Event> {
        let snap = self.snapshot.as_deref()?;
        snap.events.get(self.inter.explore.selected_event?)
    }

    pub fn shortcuts_shown(&self) -> bool {
        self.show_shortcuts
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The first chart drawn last frame and its visible window.
    pub fn chart_window(&self) -> Option<&crate::dashboard::interaction::ShownWindow> {
        self.inter.explore.shown_window.as_ref()
    }

    /// The labels each chart's time axis drew last frame: (chart id, labels).
    pub fn x_tick_labels(&self) -> &[(String, Vec<String>)] {
        &self.inter.x_tick_labels
    }

    /// How each series was drawn last frame: (chart id, series name, emphasis).
    pub fn drawn_emphasis(&self) -> &[(String, String, crate::dashboard::interaction::Emphasis)] {
        &self.inter.drawn_emphasis
    }

    /// The settings with the chart's visible window, as a saved view or story step stores them.
    pub(crate) fn view_state(&self) -> Result<serde_json::Value, serde_json::Error> {
        let mut settings = self.settings.clone();
        settings.window = self.inter.explore.saved_window();
        serde_json::to_value(&settings)
    }

    pub(crate) fn poll_loader(&mut self) {
        for reply in self.loader.poll() {
            match reply {
                Reply::Loaded(snapshot) => {
                    let changed = self
                        .snapshot
                        .as_ref()
                        .is_none_or(|old| old.observations != snapshot.observations);
                    if changed {
                        self.inter.explore.measure.clear();
                    }
                    if self
                        .inter
                        .explore
                        .selected_event
                        .is_some_and(|i| i >= snapshot.events.len())
                    {
                        self.inter.explore.selected_event = None;
                    }
                    let had_figures = self.snapshot.as_ref().is_some_and(|s| has_figures(s));
                    if !had_figures {
                        self.open_on_figures(&snapshot);
                    }
                    self.snapshot = Some(snapshot);
                    self.offline_since = None;
                    self.error = None;
                    if let Some(name) = self.on_load.present.take() {
                        match self
                            .snapshot
                            .as_ref()
                            .and_then(|s| s.stories.iter().position(|st| st.name == name))
                        {
                            Some(index) => self.next_frame.present = Some(index),
                            None => self.fail_export_on_load(format!(
                                "no story named \"{name}\" in the store"
                            )),
                        }
                    }
                }
                Reply::Detailed(snapshot) => {
                    self.snapshot = Some(snapshot);
                    self.details_in_flight = false;
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
                Reply::Offline(since) => self.offline_since = Some(since),
                Reply::Imported(Ok(report)) => self.notice = Some(Notice::Done(report)),
                Reply::Imported(Err(message)) | Reply::Edited(Err(message)) => {
                    self.notice = Some(Notice::Failed(message))
                }
                Reply::Edited(Ok(report)) => self.notice = Some(Notice::Done(report)),
            }
        }
    }

    /// Asks the loader for the windows the charts drew from overviews too coarse for their
    /// zoom: one request at a time, and never the same one twice in a row.
    pub(crate) fn request_details(&mut self) {
        let wanted = std::mem::take(&mut self.inter.detail_wanted);
        if wanted.is_empty() || self.details_in_flight || wanted == self.details_sent {
            return;
        }
        if self.loader.request_details(wanted.clone()) {
            self.details_in_flight = true;
            self.details_sent = wanted;
        }
    }

    /// `present --export-dir` cannot go on: report and close the window.
    pub(crate) fn fail_export_on_load(&mut self, message: String) {
        if let Some((_, outcome)) = self.on_load.export.take() {
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(Err(message));
            }
            self.next_frame.close = true;
        }
    }

    pub(crate) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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
}

fn has_figures(snap: &Snapshot) -> bool {
    !snap.observations.is_empty() || !snap.dense.is_empty()
}

impl App {
    /// A store's first figures open on a view that shows them: the remembered view if it has
    /// figures here, else the first curated chart with some, else the Metrics view on the metric
    /// with most figures (a store of only `share_price` opens on its chart).
    fn open_on_figures(&mut self, snap: &Snapshot) {
        if !has_figures(snap) {
            return;
        }
        let Some(view) = opening_view(snap, self.settings.view) else {
            return;
        };
        self.settings.view = view;
        if view == View::Metrics
            && let Some(metric) = busiest_metric(snap)
        {
            self.settings.metric = metric;
        }
    }
}

/// "Marketscope — sample.db", "Marketscope — postgres ana@db.example/team".
pub fn window_title(location: &Location) -> String {
    format!("Marketscope — {}", location.short_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_store_file() {
        assert_eq!(
            window_title(&PathBuf::from("/home/ana/data/marketscope.db").into()),
            "Marketscope — marketscope.db"
        );
        assert_eq!(window_title(&PathBuf::from("/").into()), "Marketscope — /");
    }
}
