//! Exporting what is on screen: the chart as an image (to the clipboard, or a PNG at 1x or 2x), the
//! data behind it as CSV, a story as a folder of numbered PNGs.
//!
//! An image is a screenshot of an *export sheet*: for a few frames the app draws only the chart
//! (its title, legend and plot, without the view's controls) over the whole window with a footer
//! naming the sources of the figures on it, then crops the screenshot to that sheet. 2x renders
//! the sheet at twice the pixels per point, so it is laid out in half the window's points and
//! every line and letter is drawn with twice the pixels (not an upscaled 1x image). PNGs are
//! encoded and written on a named thread, so a large image never stalls a frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use eframe::egui::{self, ColorImage, Rect};

use super::interaction::Interaction;
use super::snapshot::Snapshot;
use crate::model::Source;

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
                    return Some(ExportEvent::Failed(
                        "The window sent no screenshot, so no image was made (is a renderer running?)."
                            .into(),
                    ));
                }
            }
        }
        if capture.frames > MAX_WAIT_FRAMES * 2 {
            let capture = self.capture.take()?;
            ctx.set_zoom_factor(capture.zoom_before);
            return Some(ExportEvent::Failed(
                "The chart did not settle for an export; nothing was written.".into(),
            ));
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
            return ExportEvent::Failed(format!(
                "The screenshot ({}x{} pixels) does not contain the chart; nothing was exported.",
                image.width(),
                image.height()
            ));
        };
        match target {
            ImageTarget::Clipboard => {
                let [w, h] = cropped.size;
                ctx.copy_image(cropped);
                ExportEvent::Done(format!(
                    "Copied the chart to the clipboard as an image ({w}x{h} pixels)."
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
        let done = format!("Saved the chart as {} ({w}x{h} pixels).", path.display());
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
            let _ = self.written_tx.send(Err(format!(
                "could not start the export writer thread: {e}"
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
            Ok(format!(
                "Wrote {} PNG{} to {}.",
                self.written,
                if self.written == 1 { "" } else { "s" },
                self.dir.display()
            ))
        } else {
            Err(format!(
                "{} of {} steps were not exported: {}",
                self.failures.len(),
                self.titles.len(),
                self.failures.join("; ")
            ))
        }
    }
}

/// The part of a screenshot inside `rect` (in points), or None when they do not overlap. Unlike
/// [`ColorImage::region`], a rect reaching past the image is clipped, not a panic.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Option<ColorImage> {
    if !rect.is_finite() || pixels_per_point <= 0.0 {
        return None;
    }
    let [width, height] = image.size;
    let to_px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (to_px(rect.min.x, width), to_px(rect.max.x, width));
    let (y0, y1) = (to_px(rect.min.y, height), to_px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    Some(image.region_by_pixels([x0, y0], [x1 - x0, y1 - y0]))
}

/// Why a PNG could not be written, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("could not encode {path} as PNG: {message}")]
    Encode { path: String, message: String },
}

/// The image as an 8-bit RGBA PNG, unpremultiplied as image viewers expect.
pub fn encode_png(image: &ColorImage, out: impl std::io::Write) -> Result<(), png::EncodingError> {
    let [w, h] = image.size;
    let mut encoder = png::Encoder::new(out, w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&rgba)?;
    writer.finish()
}

/// Encodes and writes a PNG at once (the app uses [`Exporter::write_png`], off the UI thread).
pub fn write_png(path: &Path, image: &ColorImage) -> Result<(), String> {
    let shown = path.display().to_string();
    let mut bytes = Vec::new();
    encode_png(image, &mut bytes).map_err(|e| {
        ExportError::Encode {
            path: shown.clone(),
            message: e.to_string(),
        }
        .to_string()
    })?;
    write_file(path, &bytes).map_err(|source| {
        ExportError::Io {
            path: shown,
            source,
        }
        .to_string()
    })
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed when complete, so a
/// failed write leaves no half file under the name asked for.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(".part");
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// The footer of an exported chart: the sources of the figures and events drawn last frame,
/// each once, sorted: "Figures: Marketplace Pulse, 3 Mar 2025; … · Events: CBP, 1 May 2025".
pub fn sources_footer(snap: &Snapshot, inter: &Interaction) -> String {
    let mut figures: Vec<&Source> = Vec::new();
    for drawn in &inter.drawn {
        for &(s, p, _) in &drawn.positions {
            let Some(point) = drawn
                .model
                .series
                .get(s as usize)
                .and_then(|series| series.points.get(p as usize))
            else {
                continue;
            };
            match point.origin {
                super::chart_model::Origin::Observation(i) => {
                    figures.extend(snap.observations.get(i).map(|o| &o.source));
                }
                super::chart_model::Origin::Derived(i) => {
                    if let Some(d) = drawn.model.derived.get(i) {
                        figures.push(&d.current.source);
                        figures.push(&d.previous.source);
                    }
                }
            }
        }
    }
    figures.extend(inter.bar_sources.iter());
    let events: Vec<&Source> = inter
        .screen_events
        .iter()
        .filter_map(|e| snap.events.iter().find(|ev| ev.title == e.title))
        .map(|e| &e.source)
        .collect();
    let list = |sources: Vec<&Source>| citations(&sources).join("; ");
    let mut parts = Vec::new();
    if !figures.is_empty() {
        parts.push(format!("Figures: {}", list(figures)));
    }
    if !events.is_empty() {
        parts.push(format!("Events: {}", list(events)));
    }
    if parts.is_empty() {
        // A table names each row's source in a column of its own.
        return String::new();
    }
    parts.join("  ·  ")
}

/// Each publisher once, sorted, with its publication dates: "ADVFN, 1 May 2024 and 30 Oct 2024".
fn citations(sources: &[&Source]) -> Vec<String> {
    let mut by_publisher: std::collections::BTreeMap<String, (String, Vec<chrono::NaiveDate>)> =
        std::collections::BTreeMap::new();
    for s in sources {
        let entry = by_publisher
            .entry(s.publisher.to_lowercase())
            .or_insert_with(|| (s.publisher.clone(), Vec::new()));
        entry.1.extend(s.published);
    }
    by_publisher
        .into_values()
        .map(|(publisher, mut dates)| {
            dates.sort();
            dates.dedup();
            let dates: Vec<String> = dates
                .iter()
                .map(|d| d.format("%-d %b %Y").to_string())
                .collect();
            match dates.as_slice() {
                [] => publisher,
                [one] => format!("{publisher}, {one}"),
                [rest @ .., last] => format!("{publisher}, {} and {last}", rest.join(", ")),
            }
        })
        .collect()
}

/// Where an exported file goes unless the user types another path: the Pictures folder (PNGs) or
/// the home folder, else the current folder.
pub fn default_export_path(file_name: &str, picture: bool) -> PathBuf {
    let dirs = directories::UserDirs::new();
    let folder = dirs
        .as_ref()
        .and_then(|d| {
            if picture {
                d.picture_dir().map(Path::to_path_buf)
            } else {
                d.document_dir().map(Path::to_path_buf)
            }
        })
        .filter(|p| p.is_dir())
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    folder.join(file_name)
}

/// A file-name part from a title: lowercase letters and digits, words joined by `-`, at most 48
/// characters ("TEMU's turn in Q3 2025" becomes "temu-s-turn-in-q3-2025").
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "chart".into() } else { out }
}

/// `01-a-flood-of-duty-free-parcels.png`: numbered from 1, zero-padded so files sort in order.
pub fn step_file_name(index: usize, count: usize, title: &str) -> String {
    let width = count.to_string().len().max(2);
    format!("{:0width$}-{}.png", index + 1, slug(title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::{Color32, pos2};

    fn gradient(w: usize, h: usize) -> ColorImage {
        let pixels = (0..w * h)
            .map(|i| Color32::from_rgb((i % w) as u8, (i / w) as u8, 7))
            .collect();
        ColorImage::new([w, h], pixels)
    }

    #[test]
    fn crop_takes_the_rect_in_points_at_the_pixel_density() {
        let image = gradient(200, 100);
        let rect = Rect::from_min_max(pos2(10.0, 5.0), pos2(60.0, 30.0));
        let one = crop(&image, rect, 1.0).expect("inside");
        assert_eq!(one.size, [50, 25]);
        assert_eq!(one.pixels[0], Color32::from_rgb(10, 5, 7));
        let two = crop(&image, rect, 2.0).expect("inside");
        assert_eq!(two.size, [100, 50]);
        assert_eq!(two.pixels[0], Color32::from_rgb(20, 10, 7));
    }

    #[test]
    fn crop_clips_at_the_edges_and_refuses_what_is_outside() {
        let image = gradient(100, 80);
        let past = Rect::from_min_max(pos2(-5.0, 70.0), pos2(150.0, 120.0));
        assert_eq!(crop(&image, past, 1.0).expect("overlaps").size, [100, 10]);
        let outside = Rect::from_min_max(pos2(120.0, 0.0), pos2(150.0, 10.0));
        assert!(crop(&image, outside, 1.0).is_none());
        assert!(crop(&image, Rect::NAN, 1.0).is_none());
    }

    #[test]
    fn a_png_decodes_back_to_its_size_and_pixels() {
        let image = gradient(30, 20);
        let mut bytes = Vec::new();
        encode_png(&image, &mut bytes).expect("encodes");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let info = reader.info();
        assert_eq!((info.width, info.height), (30, 20));
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        reader.next_frame(&mut buf).expect("a frame");
        // Second row, fourth pixel: r = x, g = y.
        let at = (30 + 3) * 4;
        assert_eq!(&buf[at..at + 4], &[3, 1, 7, 255]);
    }

    #[test]
    fn a_failed_write_names_the_path() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("no-such-folder").join("chart.png");
        let err = write_png(&path, &gradient(4, 4)).expect_err("no folder");
        assert!(err.contains(&path.display().to_string()), "{err}");
        let ok = dir.path().join("chart.png");
        write_png(&ok, &gradient(4, 4)).expect("writes");
        assert!(ok.is_file());
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn a_publisher_is_named_once_with_its_dates() {
        let source = |publisher: &str, date: Option<(i32, u32, u32)>| Source {
            id: 0,
            publisher: publisher.into(),
            title: String::new(),
            url: String::new(),
            published: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
        };
        let a = source("ADVFN", Some((2024, 10, 30)));
        let b = source("ADVFN", Some((2024, 5, 1)));
        let c = source("36Kr", None);
        let d = source("advfn", Some((2024, 5, 1)));
        assert_eq!(
            citations(&[&a, &b, &c, &d, &c]),
            vec![
                "36Kr".to_string(),
                "ADVFN, 1 May 2024 and 30 Oct 2024".to_string()
            ]
        );
    }

    #[test]
    fn step_files_sort_in_story_order() {
        assert_eq!(
            step_file_name(0, 8, "A flood of duty-free parcels"),
            "01-a-flood-of-duty-free-parcels.png"
        );
        assert_eq!(
            step_file_name(11, 120, "TEMU's turn"),
            "012-temu-s-turn.png"
        );
        assert_eq!(step_file_name(2, 3, "  ?? "), "03-chart.png");
        assert_eq!(slug("速卖通 AliExpress"), "速卖通-aliexpress");
    }
}
