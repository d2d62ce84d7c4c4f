//! Exporting what is on screen: the chart as an image to the clipboard, the data behind it as CSV,
//! a story as a folder of numbered PNGs. (PNG, SVG and PDF files of the chart and PDF decks are
//! drawn without the window, by [`crate::render`]; this module writes them on its thread.)
//!
//! A clipboard image is a screenshot of an *export sheet*: for a few frames the app draws only the chart
//! (its title, legend and plot, without the view's controls) over the whole window with a footer
//! naming the sources of the figures on it, then crops the screenshot to that sheet. 2x renders
//! the sheet at twice the pixels per point, so it is laid out in half the window's points and
//! every line and letter is drawn with twice the pixels (not an upscaled 1x image). PNGs are
//! encoded and written on a named thread, so a large image never stalls a frame.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use eframe::egui::{self, ColorImage, Rect};

use crate::i18n::{t, t_args};

pub mod dialog;
mod files;
mod flow;
mod footer;

pub use files::{
    ExportError, crop, default_export_path, encode_png, slug, step_file_name, write_file, write_png,
};
pub use footer::sources_footer;

/// Pixel density of an exported image relative to the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    #[default]
    One,
    Two,
}

impl Scale {
    pub fn factor(self) -> f32 {
        match self {
            Scale::One => 1.0,
            Scale::Two => 2.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scale::One => "1x",
            Scale::Two => "2x",
        }
    }
}

/// Where a captured image goes.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageTarget {
    Clipboard,
    Png(PathBuf),
}

/// How far a capture has got. The zoom set for 2x takes effect a frame later; a screenshot asked
/// for in one frame is taken after the next one is painted, so the sheet is drawn until it comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for the zoom to apply.
    Zooming,
    /// Drawing the sheet until its footer (which names what the previous frame drew) is stable.
    Settling,
    /// The screenshot is asked for.
    Waiting,
}

/// Frames a capture may wait for the window's screenshot before it gives up (a headless test
/// harness without a renderer never sends one).
const MAX_WAIT_FRAMES: u32 = 30;

struct Capture {
    target: ImageTarget,
    zoom_before: f32,
    zoom: f32,
    phase: Phase,
    frames: u32,
    footer: Option<String>,
    rect: Option<Rect>,
    pixels_per_point: f32,
    images: Receiver<Arc<ColorImage>>,
    images_tx: Sender<Arc<ColorImage>>,
}

/// What a finished capture or write did, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportEvent {
    /// A capture is complete: copied, or handed to the writer thread.
    Captured,
    Done(String),
    Failed(String),
}

/// Captures in progress and PNG writes on their way to disk.
pub struct Exporter {
    capture: Option<Capture>,
    written_tx: Sender<Result<String, String>>,
    written: Receiver<Result<String, String>>,
    pending_writes: usize,
}

impl Default for Exporter {
    fn default() -> Self {
        let (written_tx, written) = mpsc::channel();
        Exporter {
            capture: None,
            written_tx,
            written,
            pending_writes: 0,
        }
    }
}

impl Exporter {
    /// Starts capturing the next frames' sheet into `target`, at `scale` times the zoom `base_zoom`
    /// (the zoom the sheet is meant to be seen at, restored afterwards); a capture already running
    /// is replaced.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        target: ImageTarget,
        scale: Scale,
        base_zoom: f32,
    ) {
        let zoom = base_zoom * scale.factor();
        ctx.set_zoom_factor(zoom);
        ctx.request_repaint();
        let (images_tx, images) = mpsc::channel();
        self.capture = Some(Capture {
            target,
            zoom_before: base_zoom,
            zoom,
            phase: Phase::Zooming,
            frames: 0,
            footer: None,
            rect: None,
            pixels_per_point: ctx.pixels_per_point(),
            images,
            images_tx,
        });
    }

    /// Whether this frame draws the export sheet instead of the dashboard.
    pub fn capturing(&self) -> bool {
        self.capture.is_some()
    }

    /// Whether anything is still to be captured or written.
    pub fn busy(&self) -> bool {
        self.capture.is_some() || self.pending_writes > 0
    }

    /// The footer to draw under this frame's sheet: the sources of what the last frame drew.
    pub fn footer(&self) -> Option<&str> {
        self.capture.as_ref().and_then(|c| c.footer.as_deref())
    }

    /// After the sheet is drawn at `rect`, with `footer` naming what it drew: moves the capture
    /// on, and crops and delivers the screenshot once it has arrived.
    pub fn after_sheet(
        &mut self,
        ctx: &egui::Context,
        rect: Rect,
        footer: String,
    ) -> Option<ExportEvent> {
        let capture = self.capture.as_mut()?;
        capture.frames += 1;
        ctx.request_repaint();
        if let Ok(image) = capture.images.try_recv() {
            let ppp = capture.pixels_per_point;
            let rect = capture.rect.unwrap_or(rect);
            let capture = self.capture.take()?;
            ctx.set_zoom_factor(capture.zoom_before);
            return Some(self.deliver(ctx, capture.target, &image, rect, ppp));
        }
        match capture.phase {
            Phase::Zooming => {
                if (ctx.zoom_factor() - capture.zoom).abs() < 1e-4 || capture.frames > 3 {
                    capture.phase = Phase::Settling;
                }
                capture.footer = Some(footer);
            }
            Phase::Settling => {
                let stable = capture.footer.as_deref() == Some(footer.as_str())
                    && capture.rect == Some(rect);
                capture.footer = Some(footer);
                capture.rect = Some(rect);
                if stable {
                    capture.pixels_per_point = ctx.pixels_per_point();
                    let tx = capture.images_tx.clone();
                    let repaint = ctx.clone();
                    ctx.request_screenshot(move |image| {
                        let _ = tx.send(image);
                        repaint.request_repaint();
                    });
                    capture.phase = Phase::Waiting;
                    capture.frames = 0;
                }
            }
            Phase::Waiting => {
                capture.rect = Some(rect);
                if capture.frames > MAX_WAIT_FRAMES {
                    let capture = self.capture.take()?;
                    ctx.set_zoom_factor(capture.zoom_before);
                    return Some(ExportEvent::Failed(t("export-no-screenshot")));
                }
            }
        }
        if capture.frames > MAX_WAIT_FRAMES * 2 {
            let capture = self.capture.take()?;
            ctx.set_zoom_factor(capture.zoom_before);
            return Some(ExportEvent::Failed(t("export-not-settled")));
        }
        None
    }

    fn deliver(
        &mut self,
        ctx: &egui::Context,
        target: ImageTarget,
        image: &ColorImage,
        rect: Rect,
        pixels_per_point: f32,
    ) -> ExportEvent {
        let Some(cropped) = crop(image, rect, pixels_per_point) else {
            return ExportEvent::Failed(t_args(
                "export-screenshot-misses-chart",
                &[("value", (&pixels(image.width(), image.height())).into())],
            ));
        };
        match target {
            ImageTarget::Clipboard => {
                let [w, h] = cropped.size;
                ctx.copy_image(cropped);
                ExportEvent::Done(t_args(
                    "export-copied",
                    &[("value", (&pixels(w, h)).into())],
                ))
            }
            ImageTarget::Png(path) => {
                self.write_png(ctx, path, cropped);
                ExportEvent::Captured
            }
        }
    }

    /// Encodes and writes `image` on a named thread; [`Exporter::poll`] reports the outcome.
    pub fn write_png(&mut self, ctx: &egui::Context, path: PathBuf, image: ColorImage) {
        let [w, h] = image.size;
        let done = saved_png_message(&path, w, h);
        let shown = path.display().to_string();
        self.write_in_background(
            ctx,
            path,
            move || {
                let mut bytes = Vec::new();
                encode_png(&image, &mut bytes).map_err(|e| {
                    ExportError::Encode {
                        path: shown,
                        message: e.to_string(),
                    }
                    .to_string()
                })?;
                Ok(bytes)
            },
            done,
        );
    }

    /// Makes the bytes and writes them to `path` on a named thread; [`Exporter::poll`] reports
    /// `done`, or the error naming the path.
    pub fn write_in_background(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
        done: String,
    ) {
        let tx = self.written_tx.clone();
        let repaint = ctx.clone();
        let job = move || {
            let outcome = make().and_then(|bytes| {
                write_file(&path, &bytes).map_err(|source| {
                    ExportError::Io {
                        path: path.display().to_string(),
                        source,
                    }
                    .to_string()
                })
            });
            let _ = tx.send(outcome.map(|()| done));
            repaint.request_repaint();
        };
        self.pending_writes += 1;
        if let Err(e) = std::thread::Builder::new()
            .name("marketscope-export-writer".into())
            .spawn(job)
        {
            let _ = self.written_tx.send(Err(t_args(
                "export-no-thread",
                &[("name", (&e.to_string()).into())],
            )));
        }
    }

    /// The writes finished since the last call.
    pub fn poll(&mut self) -> Vec<Result<String, String>> {
        let done: Vec<Result<String, String>> = self.written.try_iter().collect();
        self.pending_writes = self.pending_writes.saturating_sub(done.len());
        done
    }
}

/// An image's size for a message: "1280x720".
fn pixels(width: impl std::fmt::Display, height: impl std::fmt::Display) -> String {
    format!("{width}x{height}")
}

/// "Saved the chart as PATH (1280x720 pixels).", in the UI's language.
pub(crate) fn saved_png_message(
    path: &std::path::Path,
    width: impl std::fmt::Display,
    height: impl std::fmt::Display,
) -> String {
    t_args(
        "export-saved-png",
        &[
            ("name", (&path.display().to_string()).into()),
            ("value", (&pixels(width, height)).into()),
        ],
    )
}

/// How a story export ended, for `marketscope present --export-dir`, which exits with it.
pub type ExportOutcome = Arc<std::sync::Mutex<Option<Result<String, String>>>>;

/// A story being exported step by step: each step is shown, captured and written in turn.
#[derive(Debug)]
pub struct StoryExport {
    pub dir: PathBuf,
    pub titles: Vec<String>,
    /// The next step to capture.
    pub next: usize,
    pub written: usize,
    pub failures: Vec<String>,
    /// Set when the command line asked for it: report here and close the window at the end.
    pub outcome: Option<ExportOutcome>,
}

impl StoryExport {
    pub fn new(dir: PathBuf, titles: Vec<String>, outcome: Option<ExportOutcome>) -> StoryExport {
        StoryExport {
            dir,
            titles,
            next: 0,
            written: 0,
            failures: Vec::new(),
            outcome,
        }
    }

    /// The file of the next step, advancing to it; None when every step has been captured.
    pub fn next_file(&mut self) -> Option<(usize, PathBuf)> {
        let i = self.next;
        let title = self.titles.get(i)?;
        self.next += 1;
        Some((
            i,
            self.dir.join(step_file_name(i, self.titles.len(), title)),
        ))
    }

    /// What the export did, once every step is written or has failed.
    pub fn result(&self) -> Result<String, String> {
        if self.failures.is_empty() {
            Ok(t_args(
                "export-story-done",
                &[
                    ("count", self.written.into()),
                    ("name", (&self.dir.display().to_string()).into()),
                ],
            ))
        } else {
            Err(t_args(
                "export-story-failed",
                &[
                    ("count", self.failures.len().into()),
                    ("value", (&self.titles.len().to_string()).into()),
                    ("name", (&self.failures.join("; ")).into()),
                ],
            ))
        }
    }
}
