//! The app's side of exporting: starting captures and story exports, drawing the export sheet,
//! and turning what the exporter reports into notices (or the command line's exit status).

use std::path::PathBuf;

use eframe::egui;

use super::dialog::{ExportRequest, check_file_path};
use crate::dashboard::settings::ThemeChoice;
use crate::i18n::{t, t_args};
use crate::render::{self, Format, PageSize, RenderOptions};
use crate::ui::actions::PresenterAction;
use crate::ui::app::App;
use crate::ui::dialogs::Notice;
use crate::ui::export::{
    ExportEvent, ExportOutcome, ImageTarget, Scale, StoryExport, saved_png_message, sources_footer,
};
use crate::ui::presenter::{export_footer_ui, presenter_caption_ui, presenter_title_ui};
use crate::ui::tokens;
use crate::ui::views::view_data_csv;

/// Exports are light unless asked: documents and projectors are white.
fn export_theme(dark: bool) -> ThemeChoice {
    if dark {
        ThemeChoice::Dark
    } else {
        ThemeChoice::Light
    }
}

/// Why a story export stopped before it began: the story was renamed or deleted meanwhile.
fn story_gone(name: &str) -> String {
    t_args("export-story-gone", &[("name", name.into())])
}

impl App {
    /// Images are of charts: the table views say so instead.
    pub(crate) fn can_export_image(&mut self) -> bool {
        let chart = !self.settings.view.metrics(&self.settings).is_empty();
        if !chart || self.snapshot.as_ref().is_none_or(|s| s.is_empty()) {
            self.notice = Some(Notice::Failed(t("export-only-charts")));
        }
        chart && self.snapshot.as_ref().is_some_and(|s| !s.is_empty())
    }

    /// The zoom an exported sheet is seen at: the presenter's while presenting (its zoom may not
    /// have applied yet in the frame presenting starts), else the user's.
    pub(crate) fn sheet_zoom(&self, ctx: &egui::Context) -> f32 {
        match &self.presenter {
            Some(p) => p.zoom_before * tokens::PRESENTER_SCALE,
            None => ctx.zoom_factor(),
        }
    }

    /// Does what the Export window asked for, or shows why not in it.
    pub(crate) fn export(&mut self, ctx: &egui::Context, request: ExportRequest) {
        let refused = match request {
            ExportRequest::Png { path, scale, dark } => check_file_path(&path)
                .map(|()| self.render_chart(ctx, path, Format::Png, scale.factor(), dark)),
            ExportRequest::Vector { path, format, dark } => {
                check_file_path(&path).map(|()| self.render_chart(ctx, path, format, 1.0, dark))
            }
            ExportRequest::Deck { name, path, dark } => {
                check_file_path(&path).and_then(|()| self.render_deck(ctx, &name, path, dark))
            }
            ExportRequest::Csv { path } => check_file_path(&path).and_then(|()| {
                let snap = self.snapshot.clone().ok_or_else(|| t("export-not-read"))?;
                let (rows, csv) = view_data_csv(&snap, &self.settings)?;
                let done = t_args(
                    "export-saved-csv",
                    &[
                        ("count", rows.into()),
                        ("name", (&self.settings.view.label()).into()),
                        ("value", (&path.display().to_string()).into()),
                    ],
                );
                self.exporter
                    .write_in_background(ctx, path, move || Ok(csv.into_bytes()), done);
                Ok(())
            }),
            ExportRequest::Story { name, dir } => {
                let index = self
                    .snapshot
                    .as_ref()
                    .and_then(|s| s.stories.iter().position(|st| st.name == name));
                match index {
                    None => Err(story_gone(&name)),
                    Some(index) => std::fs::create_dir_all(&dir)
                        .map_err(|e| {
                            t_args(
                                "export-no-mkdir",
                                &[
                                    ("name", (&dir.display().to_string()).into()),
                                    ("value", (&e.to_string()).into()),
                                ],
                            )
                        })
                        .map(|()| self.start_story_export(ctx, index, dir, None)),
                }
            }
        };
        if let Err(message) = refused {
            self.export_dialog.error = Some(message);
            self.export_dialog.open = true;
        }
    }

    /// The chart as on screen (its window, hidden series, the window's size in points) drawn
    /// headless into `path` on the writer thread: `scale` times the pixels in a PNG, in the
    /// export's own theme.
    pub(crate) fn render_chart(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        format: Format,
        scale: f32,
        dark: bool,
    ) {
        let Some(snap) = self.snapshot.clone() else {
            return;
        };
        let mut settings = self.settings.clone();
        settings.window = self.inter.explore.saved_window();
        let hidden = self.inter.explore.hidden_series.clone();
        let size_pt = ctx.content_rect().size();
        let size = PageSize {
            width_px: size_pt.x.round() as u32,
            height_px: size_pt.y.round() as u32,
            scale,
        };
        let options = RenderOptions {
            size,
            theme: export_theme(dark),
        };
        let [w, h] = size.png_px();
        let done = match format {
            Format::Png => saved_png_message(&path, w, h),
            _ => t_args(
                "export-saved-chart",
                &[("name", (&path.display().to_string()).into())],
            ),
        };
        let what = format!("the {} chart", self.settings.view.label());
        self.exporter.write_in_background(
            ctx,
            path,
            move || {
                let size = options.size.check().map_err(|e| e.to_string())?;
                let svg = render::settings_svg(&snap, settings, hidden, options);
                render::svg_bytes(svg, format, size, &what).map_err(|e| e.to_string())
            },
            done,
        );
    }

    /// The story named `name` as a PDF deck on slides, drawn headless on the writer thread.
    pub(crate) fn render_deck(
        &mut self,
        ctx: &egui::Context,
        name: &str,
        path: PathBuf,
        dark: bool,
    ) -> Result<(), String> {
        let snap = self.snapshot.clone().ok_or_else(|| t("export-not-read"))?;
        let story = snap
            .stories
            .iter()
            .find(|s| s.name == name)
            .cloned()
            .ok_or_else(|| story_gone(name))?;
        let done = t_args(
            "export-saved-deck",
            &[
                ("name", name.into()),
                ("count", story.steps.len().into()),
                ("value", (&path.display().to_string()).into()),
            ],
        );
        let options = RenderOptions {
            size: PageSize::SLIDE,
            theme: export_theme(dark),
        };
        self.views_window.open = false;
        self.exporter.write_in_background(
            ctx,
            path,
            move || render::deck_pdf(&snap, &story, options).map_err(|e| e.to_string()),
            done,
        );
        Ok(())
    }

    pub(crate) fn start_story_export(
        &mut self,
        ctx: &egui::Context,
        index: usize,
        dir: PathBuf,
        outcome: Option<ExportOutcome>,
    ) {
        let titles: Vec<String> = self
            .snapshot
            .as_ref()
            .and_then(|s| s.stories.get(index))
            .map(|st| st.steps.iter().map(|step| step.title.clone()).collect())
            .unwrap_or_default();
        self.views_window.open = false;
        self.start_presenting(ctx, index, false);
        let job = StoryExport::new(dir, titles, outcome);
        if self.presenter.is_none() {
            self.finish_story_export(ctx, job);
            return;
        }
        self.story_export = Some(job);
    }

    /// Between captures: shows the next step and captures it; after the last, waits for the
    /// writes, then leaves presenter mode and reports.
    pub(crate) fn drive_story_export(&mut self, ctx: &egui::Context) {
        if self.exporter.capturing() {
            return;
        }
        let Some(job) = self.story_export.as_mut() else {
            return;
        };
        if let Some((step, path)) = job.next_file() {
            // No animation: the capture must show where the step ends, not the way there.
            self.show_step(step, false);
            let zoom = self.sheet_zoom(ctx);
            self.exporter
                .start(ctx, ImageTarget::Png(path), Scale::One, zoom);
            return;
        }
        if self.exporter.busy() {
            return;
        }
        if let Some(job) = self.story_export.take() {
            self.perform_presenter(ctx, PresenterAction::Leave);
            self.finish_story_export(ctx, job);
        }
    }

    pub(crate) fn finish_story_export(&mut self, ctx: &egui::Context, job: StoryExport) {
        let result = if job.titles.is_empty() {
            Err(t("export-story-empty"))
        } else {
            job.result()
        };
        self.notice = Some(match &result {
            Ok(message) => Notice::Done(message.clone()),
            Err(message) => Notice::Failed(message.clone()),
        });
        if let Some(outcome) = job.outcome {
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(result);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The end of a capture or a write: into the story being exported, else the status bar.
    pub(crate) fn export_event(&mut self, event: ExportEvent) {
        match (event, self.story_export.as_mut()) {
            (ExportEvent::Captured, _) => {}
            (ExportEvent::Done(_), Some(job)) => job.written += 1,
            (ExportEvent::Failed(message), Some(job)) => job.failures.push(message),
            (ExportEvent::Done(message), None) => self.notice = Some(Notice::Done(message)),
            (ExportEvent::Failed(message), None) => self.notice = Some(Notice::Failed(message)),
        }
    }

    pub(crate) fn poll_exports(&mut self) {
        for written in self.exporter.poll() {
            self.export_event(match written {
                Ok(message) => ExportEvent::Done(message),
                Err(message) => ExportEvent::Failed(message),
            });
        }
    }

    /// The export sheet: only the chart (the step's title and caption too while presenting) over
    /// the whole window, with the footer naming its sources; the capture crops to it.
    pub(crate) fn sheet_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let Some(snap) = self.snapshot.clone() else {
            return;
        };
        self.inter.cursor_x = None;
        let footer = self.exporter.footer().unwrap_or_default().to_string();
        let mut rect = egui::Rect::NOTHING;
        let presenter = self.presenter.take();
        if let Some(p) = &presenter {
            rect |= egui::Panel::top("presenter-title")
                .show(ui, |ui| presenter_title_ui(ui, p))
                .response
                .rect;
        }
        rect |= egui::Panel::bottom("export-footer")
            .show(ui, |ui| {
                if let Some(p) = &presenter {
                    presenter_caption_ui(ui, p, false);
                }
                export_footer_ui(ui, &footer);
            })
            .response
            .rect;
        self.presenter = presenter;
        rect |= egui::CentralPanel::default()
            .show(ui, |ui| {
                // Clicks cannot reach a sheet: whatever its toggles ask is dropped.
                self.current_view_ui(ui, &snap, &mut Vec::new(), false);
            })
            .response
            .rect;
        let drawn = sources_footer(&snap, &self.inter);
        // A wide label can make a panel report more than the window: the image is the window.
        let rect = rect.intersect(ctx.content_rect());
        if let Some(event) = self.exporter.after_sheet(&ctx, rect, drawn) {
            self.export_event(event);
        }
    }
}
