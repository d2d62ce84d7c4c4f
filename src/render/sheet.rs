//! The export sheet laid out by egui without a window: a context of its own with the app's fonts,
//! style and the export's theme, fed a `RawInput` of the page's size, runs the frames the app would
//! draw (the view's chart, the step's title and caption, the sources footer) and keeps the shapes
//! of the last one.

use std::collections::BTreeSet;

use eframe::egui::epaint::ClippedShape;
use eframe::egui::{self, Color32, Pos2, Rect, Vec2};

use crate::dashboard::interaction::WindowGoal;
use crate::dashboard::settings::{Settings, ThemeChoice};
use crate::dashboard::snapshot::Snapshot;
use crate::model::Story;
use crate::ui::chart::ZoomResets;
use crate::ui::export::sources_footer;
use crate::ui::interaction::Interaction;
use crate::ui::presenter::{Presenter, export_footer_ui, presenter_caption_ui, presenter_title_ui};
use crate::ui::views::{ChartCache, ViewCtx, view_ui};
use crate::ui::{fonts, tokens};

use super::RenderError;

/// The frames drawn at most for the footer (which names what the previous frame drew) and the
/// panels' sizes to settle; three do it unless the chart keeps changing.
const MAX_PASSES: usize = 6;

/// An exported page's size: `width_px` x `height_px` at scale 1, `scale` times the pixels in a PNG.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width_px: u32,
    pub height_px: u32,
    pub scale: f32,
}

impl PageSize {
    /// The slide size presenter exports use.
    pub const SLIDE: PageSize = PageSize {
        width_px: tokens::EXPORT_WINDOW_SIZE_PX[0] as u32,
        height_px: tokens::EXPORT_WINDOW_SIZE_PX[1] as u32,
        scale: 1.0,
    };

    /// The size is refused, not clamped: a 0-pixel or 100,000-pixel page is a typo.
    pub fn check(self) -> Result<PageSize, RenderError> {
        let refuse = |reason| RenderError::Size {
            width_px: self.width_px,
            height_px: self.height_px,
            scale: self.scale,
            reason,
        };
        if !(self.scale.is_finite() && (0.25..=8.0).contains(&self.scale)) {
            return Err(refuse("the scale must be between 0.25 and 8"));
        }
        if !(160..=10_000).contains(&self.width_px) || !(90..=10_000).contains(&self.height_px) {
            return Err(refuse(
                "width must be 160 to 10000 and height 90 to 10000 pixels",
            ));
        }
        let pixels = f64::from(self.width_px) * f64::from(self.height_px) * f64::from(self.scale);
        if pixels * f64::from(self.scale) > 16384.0 * 16384.0 {
            return Err(refuse("the PNG would be larger than 16384x16384 pixels"));
        }
        Ok(self)
    }

    /// The PNG's pixels: the page's times the scale.
    pub fn png_px(self) -> [u32; 2] {
        [
            (self.width_px as f32 * self.scale).round() as u32,
            (self.height_px as f32 * self.scale).round() as u32,
        ]
    }
}

/// A story step's words around its chart.
#[derive(Debug, Clone)]
pub struct StepText {
    pub story: Story,
    pub step: usize,
}

/// What one page shows: a view's settings over the store, and a step's title and caption.
pub struct Sheet<'a> {
    pub snap: &'a Snapshot,
    pub settings: Settings,
    /// Series hidden from the legend, as the user left them.
    pub hidden_series: BTreeSet<String>,
    /// Platform ids and event titles the step emphasises.
    pub highlights: Vec<String>,
    pub step: Option<StepText>,
    /// Page pixels per egui point: 1 for a view, the presenter's scale for a deck (its slides
    /// are laid out as presenter mode lays them out).
    pub zoom: f32,
    pub theme: ThemeChoice,
}

/// A laid-out page: egui's shapes in points, and the size they were laid out in.
pub struct Page {
    pub shapes: Vec<ClippedShape>,
    pub size_pt: Vec2,
    pub size: PageSize,
    pub background: Color32,
    /// The footer's text ("Figures: … · Events: …"), empty when nothing sourced is drawn.
    pub footer: String,
}

/// Draws `sheet` on a page of `size` and returns the shapes of the settled frame.
pub fn lay_out(sheet: Sheet<'_>, size: PageSize) -> Page {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    tokens::install_style(&ctx);
    tokens::apply_theme(&ctx, sheet.theme);
    let size_pt = Vec2::new(size.width_px as f32, size.height_px as f32) / sheet.zoom;
    let mut state = SheetState::new(sheet);
    let mut footer = String::new();
    let mut shapes = Vec::new();
    let mut settled = 0;
    for pass in 0..MAX_PASSES {
        let mut output = ctx.run_ui(raw_input(size_pt, sheet_ppp(&state, size), pass), |ui| {
            state.draw_ui(ui, &footer);
        });
        shapes = std::mem::take(&mut output.shapes);
        // The font atlas is for a GPU; the SVG has the text as text.
        output.drop_without_applying_deltas();
        let drawn = sources_footer(state.sheet.snap, &state.inter);
        // The first frame moves the chart to its window and names what it drew; a frame drawn
        // under that footer sizes the bottom panel to it, and the next one lays the chart out in
        // the room left: two frames in a row under the footer they name make the page.
        if drawn == footer {
            settled += 1;
            if settled == 2 {
                break;
            }
        } else {
            settled = 0;
            footer = drawn;
        }
    }
    let background = ctx.global_style().visuals.panel_fill;
    Page {
        shapes,
        size_pt,
        size,
        background,
        footer,
    }
}

fn sheet_ppp(state: &SheetState<'_>, size: PageSize) -> f32 {
    state.sheet.zoom * size.scale
}

fn raw_input(size_pt: Vec2, pixels_per_point: f32, pass: usize) -> egui::RawInput {
    let mut input = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size_pt)),
        // Time stands still a second apart: nothing animates into the image.
        time: Some(pass as f64 * 1000.0),
        ..Default::default()
    };
    input
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .native_pixels_per_point = Some(pixels_per_point);
    input.events.push(egui::Event::PointerGone);
    input
}

/// What the app's views keep between frames, made for one page.
struct SheetState<'a> {
    sheet: Sheet<'a>,
    inter: Interaction,
    resets: ZoomResets,
    charts: ChartCache,
    presenter: Option<Presenter>,
}

impl<'a> SheetState<'a> {
    fn new(mut sheet: Sheet<'a>) -> SheetState<'a> {
        let mut inter = Interaction::default();
        inter.explore.hidden_series = std::mem::take(&mut sheet.hidden_series);
        inter.explore.highlights = std::mem::take(&mut sheet.highlights);
        inter.explore.window_goal = Some(WindowGoal::new(sheet.settings.window.take(), None));
        let presenter = sheet.step.take().map(|step| Presenter {
            story: step.story,
            step: step.step,
            blank: false,
            before: sheet.settings.clone(),
            zoom_before: 1.0,
            hidden_before: BTreeSet::new(),
            window_before: None,
        });
        SheetState {
            sheet,
            inter,
            resets: ZoomResets::default(),
            charts: ChartCache::default(),
            presenter,
        }
    }

    /// The app's export sheet (`App::sheet_ui`): the step's title on top, its caption with the
    /// "3 / 8" counter and the sources footer at the bottom, the chart without its controls
    /// in between.
    fn draw_ui(&mut self, ui: &mut egui::Ui, footer: &str) {
        self.inter.begin_frame();
        self.inter.cursor_x = None;
        if let Some(p) = &self.presenter {
            egui::Panel::top("presenter-title").show(ui, |ui| presenter_title_ui(ui, p));
        }
        egui::Panel::bottom("export-footer").show(ui, |ui| {
            if let Some(p) = &self.presenter {
                presenter_caption_ui(ui, p, true);
            }
            export_footer_ui(ui, footer);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            let mut cx = ViewCtx {
                snap: self.sheet.snap,
                settings: &mut self.sheet.settings,
                inter: &mut self.inter,
                resets: &mut self.resets,
                charts: &mut self.charts,
                // Nothing can click a page: whatever its toggles ask is dropped.
                actions: &mut Vec::new(),
                names: &mut Default::default(),
                formula: &mut Default::default(),
                chrome: false,
            };
            view_ui(ui, &mut cx);
        });
    }
}
