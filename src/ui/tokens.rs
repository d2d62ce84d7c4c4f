//! Design tokens: every colour, size and font the dashboard uses, in one place. Platform colours
//! come from the store (one colour-blind-safe palette, the same in every view); the rest is here.

// The one place colours are made (clippy.toml disallows the constructors everywhere else).
#![allow(clippy::disallowed_methods)]

use eframe::egui::{self, Color32, FontId, Stroke, Visuals};
use egui_plot::{LineStyle, MarkerShape};

use crate::dashboard::settings::ThemeChoice;
use crate::model::{EventCategory, Kind, Rgb};

// Window and panels.
pub const WINDOW_SIZE_PX: [f32; 2] = [1440.0, 880.0];
pub const WINDOW_MIN_SIZE_PX: [f32; 2] = [960.0, 600.0];
/// `present --export-dir` opens the window at a slide's size, so every step exports as 1920x1080
/// (where the screen is that large).
pub const EXPORT_WINDOW_SIZE_PX: [f32; 2] = [1920.0, 1080.0];
pub const SIDE_PANEL_WIDTH_PX: f32 = 300.0;
/// The Metrics view's list of metrics, beside its chart.
pub const METRICS_LIST_WIDTH_PX: f32 = 360.0;
/// A display name typed in the Metrics view.
pub const NAME_FIELD_WIDTH_PX: f32 = 180.0;
/// The interactive legend's height before it scrolls: five rows of entries.
pub const LEGEND_MAX_HEIGHT_PX: f32 = 118.0;
/// The pinned figure's window: wide enough for a source title on two lines.
pub const PINNED_WIDTH_PX: f32 = 360.0;
/// Where the pinned figure's window first opens, from the window's bottom-left corner.
pub const PINNED_OFFSET_PX: egui::Vec2 = egui::vec2(8.0, -36.0);
pub const SIDE_PANEL_MIN_WIDTH_PX: f32 = 240.0;
pub const DETAILS_PANEL_WIDTH_PX: f32 = 340.0;
pub const PANEL_GAP_PX: f32 = 8.0;
pub const SECTION_GAP_PX: f32 = 10.0;

// Charts.
/// Fixed, so stacked charts line up whatever their labels.
pub const Y_AXIS_WIDTH_PX: f32 = 72.0;
/// Calendar labels closer than this are dropped for the next coarser unit.
pub const X_LABEL_MIN_SPACING_PX: f32 = 84.0;
pub const GRID_MIN_SPACING_PX: f32 = 8.0;
/// Labelled value ticks of a linear axis are at least this far apart.
pub const Y_LABEL_MIN_SPACING_PX: f32 = 40.0;
pub const GRID_MAX_SPACING_PX: f32 = 300.0;
pub const CHART_MIN_HEIGHT_PX: f32 = 180.0;
pub const LINE_WIDTH_PX: f32 = 2.0;
pub const SPAN_WIDTH_PX: f32 = 2.0;
pub const SPAN_ALPHA: f32 = 0.45;
pub const SPAN_MIN_WIDTH_PX: f32 = 4.0;
pub const MARKER_RADIUS_PX: f32 = 4.5;
pub const REPORTED_MARKER_RADIUS_PX: f32 = 6.0;
pub const HIGHLIGHT_RADIUS_PX: f32 = 8.0;
/// How near the pointer must be to a point (or a period's span) to hover it.
pub const HOVER_RADIUS_PX: f32 = 12.0;
/// Long series are decimated over the view widened by this fraction of its width on each side,
/// so a pan (applied after the line is built) never uncovers an undrawn stretch at the edge.
pub const DENSE_DRAW_MARGIN: f64 = 0.25;
pub const DENSE_LINE_WIDTH_PX: f32 = 1.5;
pub const EVENT_HOVER_PX: f32 = 5.0;
pub const EVENT_LINE_WIDTH_PX: f32 = 1.2;
pub const EVENT_BAND_ALPHA: f32 = 0.10;
pub const EVENT_LINE_ALPHA: f32 = 0.5;
/// The strip at the top of a chart where event flags and period bars sit.
pub const EVENT_LANE_PX: f32 = 7.0;
pub const EVENT_FLAG_SIZE_PX: f32 = 7.0;
pub const MEASURE_LINE_WIDTH_PX: f32 = 2.0;
pub const CURSOR_LINE_WIDTH_PX: f32 = 1.0;
pub const BAR_WIDTH: f64 = 0.6;
/// A bar chart is at least this many bars wide, so one or two bars do not fill the chart.
pub const BAR_MIN_SLOTS: f64 = 5.0;
/// The value axis reaches this far above the tallest bar, for its label.
pub const BAR_HEADROOM: f64 = 1.15;
/// Between a bar's top and its value label.
pub const BAR_LABEL_GAP_PX: f32 = 4.0;
pub const KEY_SAMPLE_WIDTH_PX: f32 = 26.0;
/// The measure bar under the charts, always there so the charts never jump when it fills.
pub const MEASURE_BAR_HEIGHT_PX: f32 = 58.0;

// Text.
pub const TOOLTIP_WIDTH_PX: f32 = 400.0;
pub const NOTE_MAX_CHARS: usize = 300;
pub const CHIP_SIZE_PX: f32 = 11.0;
pub const TITLE_SIZE_PT: f32 = 16.0;
pub const HEADING_SIZE_PT: f32 = 15.0;
pub const BODY_SIZE_PT: f32 = 13.5;
pub const SMALL_SIZE_PT: f32 = 12.0;
pub const EMPTY_STATE_WIDTH_PX: f32 = 560.0;
pub const ERROR_STATE_WIDTH_PX: f32 = 680.0;

// Spacing and shapes.
pub const TINY_GAP_PX: f32 = 2.0;
pub const SMALL_GAP_PX: f32 = 4.0;
pub const ITEM_GAP_PX: f32 = 6.0;
pub const KEY_GAP_PX: f32 = 8.0;
pub const CORNER_RADIUS_PX: f32 = 3.0;
pub const CHIP_MARGIN_PX: [i8; 2] = [8, 3];
pub const SAMPLE_MARKER_RADIUS_PX: f32 = 3.5;
pub const SAMPLE_DIAMOND_RADIUS_PX: f32 = 5.0;
pub const HIGHLIGHT_STROKE_PX: f32 = 2.0;
/// How far above the middle of a measurement its label sits.
pub const MEASURE_LABEL_LIFT_PX: f32 = 14.0;
pub const MEASURE_LABEL_PADDING_PX: f32 = 4.0;
/// A marker beats a period span at the same distance by this much.
pub const SPAN_HOVER_PENALTY_PX: f32 = 3.0;
pub const EVENT_BAR_ALPHA: f32 = 0.45;
pub const EVENT_BAR_SELECTED_ALPHA: f32 = 0.9;
pub const EVENT_DASH_PX: [f32; 2] = [5.0, 4.0];
pub const RANGE_DRAG_ALPHA: f32 = 0.25;
/// Scroll points to zoom factor: one wheel notch (about 50 points) zooms time by about 16%.
pub const SCROLL_ZOOM_PER_PX: f32 = 0.003;
pub const DROP_OVERLAY_ALPHA: u8 = 160;

// Widgets and windows.
pub const YEAR_COMBO_WIDTH_PX: f32 = 64.0;
pub const BASE_YEAR_COMBO_WIDTH_PX: f32 = 70.0;
pub const SEARCH_FIELD_WIDTH_PX: f32 = 220.0;
pub const IMPORT_WINDOW_WIDTH_PX: f32 = 520.0;
pub const IMPORT_WINDOW_TOP_PX: f32 = 90.0;
pub const SHORTCUT_GRID_SPACING_PX: [f32; 2] = [24.0, 6.0];
pub const NOTICE_MAX_HEIGHT_PX: f32 = 120.0;
/// Added to the text height for a table row, and again for its header.
pub const ROW_PADDING_PX: f32 = 4.0;
pub const HEADER_PADDING_PX: f32 = 4.0;
/// A frame's own margins, taken off the height it is given.
pub const GROUP_FRAME_MARGINS_PX: f32 = 16.0;
/// Where a centred state message starts, as a fraction of the height.
pub const STATE_TOP_FRACTION: f32 = 0.25;
pub const EMPTY_CHART_TOP_FRACTION: f32 = 0.15;
/// Heights a chart header takes beyond its text (spacing, notes).
pub const CHART_HEADER_EXTRA_PX: f32 = 12.0;
/// Initial column widths of the tables; the last column takes the rest (at least its width).
pub const EVENTS_COLUMNS_PX: [f32; 6] = [130.0, 380.0, 90.0, 150.0, 120.0, 120.0];
pub const FIGURES_COLUMNS_PX: [f32; 10] = [
    150.0, 110.0, 110.0, 110.0, 110.0, 70.0, 170.0, 90.0, 220.0, 160.0,
];
pub const SOURCES_COLUMNS_PX: [f32; 6] = [230.0, 90.0, 60.0, 60.0, 360.0, 200.0];

pub fn drop_overlay_colour() -> Color32 {
    Color32::from_black_alpha(DROP_OVERLAY_ALPHA)
}

pub fn drop_overlay_text_colour() -> Color32 {
    Color32::WHITE
}

pub fn title_font() -> FontId {
    FontId::proportional(TITLE_SIZE_PT)
}

pub fn heading_font() -> FontId {
    FontId::proportional(HEADING_SIZE_PT)
}

/// A view's or a panel's heading: the heading font, strong.
pub fn heading(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text.into())
        .font(heading_font())
        .strong()
}

pub fn small_font() -> FontId {
    FontId::proportional(SMALL_SIZE_PT)
}

pub fn platform_colour(rgb: Rgb) -> Color32 {
    let [r, g, b] = rgb.0;
    Color32::from_rgb(r, g, b)
}

/// Actuals solid, estimates dashed, forecasts dotted.
pub fn kind_line_style(kind: Kind) -> LineStyle {
    match kind {
        Kind::Actual => LineStyle::Solid,
        Kind::Estimate => LineStyle::Dashed { length: 8.0 },
        Kind::Forecast => LineStyle::Dotted { spacing: 6.0 },
    }
}

/// Forecasts are hollow markers, so a single forecast is told apart from an estimate.
pub fn kind_marker_filled(kind: Kind) -> bool {
    kind != Kind::Forecast
}

pub const FIGURE_MARKER: MarkerShape = MarkerShape::Circle;
pub const COMPUTED_MARKER: MarkerShape = MarkerShape::Circle;
pub const REPORTED_MARKER: MarkerShape = MarkerShape::Diamond;
/// A platform's series in a region: its colour, and the marker (with the legend's glyph for it) of
/// its variant, 1, 2... (0, worldwide, keeps [`FIGURE_MARKER`]).
pub const REGION_MARKERS: [(MarkerShape, &str); 5] = [
    (MarkerShape::Square, "■"),
    (MarkerShape::Up, "▲"),
    (MarkerShape::Down, "▼"),
    (MarkerShape::Asterisk, "✱"),
    (MarkerShape::Cross, "✕"),
];
/// A region's line beside its platform's worldwide one: thinner, so the two read apart.
pub const REGION_LINE_WIDTH_FACTOR: f32 = 0.55;

/// The figure marker of a series variant (see [`REGION_MARKERS`]), and its legend glyph.
pub fn variant_marker(variant: usize) -> (MarkerShape, &'static str) {
    match variant.checked_sub(1) {
        None => (FIGURE_MARKER, "●"),
        Some(i) => REGION_MARKERS[i % REGION_MARKERS.len()],
    }
}

/// Event markers use Paul Tol's muted palette: distinct from the platforms' Okabe-Ito colours.
pub fn event_colour(category: EventCategory) -> Color32 {
    match category {
        EventCategory::Policy => Color32::from_rgb(0xCC, 0x66, 0x77),
        EventCategory::Strategy => Color32::from_rgb(0xAA, 0x44, 0x99),
        EventCategory::Logistics => Color32::from_rgb(0x44, 0xAA, 0x99),
        EventCategory::Promotion => Color32::from_rgb(0xDD, 0xCC, 0x77),
        EventCategory::Corporate => Color32::from_rgb(0x88, 0xCC, 0xEE),
        EventCategory::Other => Color32::from_rgb(0x9A, 0x9A, 0x9A),
    }
}

pub fn measure_colour(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0xF5, 0xF5, 0xF5)
    } else {
        Color32::from_rgb(0x20, 0x20, 0x20)
    }
}

pub fn cursor_colour(visuals: &Visuals) -> Color32 {
    visuals.weak_text_color().gamma_multiply(0.8)
}

pub fn error_colour(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}

pub fn ok_colour(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(0x7F, 0xD1, 0x8B)
    } else {
        Color32::from_rgb(0x1E, 0x7B, 0x34)
    }
}

pub fn filter_chip_fill(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.6)
}

pub fn chip_stroke(visuals: &Visuals) -> Stroke {
    Stroke::new(
        1.0,
        visuals
            .widgets
            .noninteractive
            .fg_stroke
            .color
            .gamma_multiply(0.5),
    )
}

/// egui's visuals for the theme, with a little more air for a presenter's screen.
pub fn visuals(theme: ThemeChoice) -> Visuals {
    let mut v = match theme {
        ThemeChoice::Dark => Visuals::dark(),
        ThemeChoice::Light => Visuals::light(),
    };
    v.striped = true;
    v.slider_trailing_fill = true;
    v
}

/// Installs sizes and both themes' visuals once; [`apply_theme`] then only switches between them.
pub fn install_style(ctx: &egui::Context) {
    ctx.set_visuals_of(egui::Theme::Dark, visuals(ThemeChoice::Dark));
    ctx.set_visuals_of(egui::Theme::Light, visuals(ThemeChoice::Light));
    ctx.all_styles_mut(|style| {
        use egui::TextStyle;
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
        style.spacing.tooltip_width = TOOLTIP_WIDTH_PX;
        for (text_style, size) in [
            (TextStyle::Body, BODY_SIZE_PT),
            (TextStyle::Button, BODY_SIZE_PT),
            (TextStyle::Small, SMALL_SIZE_PT),
            (TextStyle::Heading, TITLE_SIZE_PT + 2.0),
        ] {
            style
                .text_styles
                .insert(text_style, FontId::proportional(size));
        }
    });
}

pub fn apply_theme(ctx: &egui::Context, theme: ThemeChoice) {
    ctx.set_theme(match theme {
        ThemeChoice::Dark => egui::Theme::Dark,
        ThemeChoice::Light => egui::Theme::Light,
    });
}

/// Presenter mode scales the whole UI (fonts, line widths, markers) by this: at 1920x1080 the
/// dashboard's 13.5 pt body text becomes about 20 pt, readable from the back of a room.
pub const PRESENTER_SCALE: f32 = 1.5;
/// Before scaling, like the rest; the title is the largest text on screen.
pub const PRESENTER_TITLE_SIZE_PT: f32 = 26.0;
pub const PRESENTER_CAPTION_SIZE_PT: f32 = 16.0;
pub const PRESENTER_COUNTER_SIZE_PT: f32 = 11.0;
pub const PRESENTER_MARGIN_PX: f32 = 10.0;

pub fn presenter_title_font() -> FontId {
    FontId::proportional(PRESENTER_TITLE_SIZE_PT)
}

pub fn presenter_caption_font() -> FontId {
    FontId::proportional(PRESENTER_CAPTION_SIZE_PT)
}

pub fn presenter_counter_font() -> FontId {
    FontId::proportional(PRESENTER_COUNTER_SIZE_PT)
}

pub fn presenter_blank_colour() -> Color32 {
    Color32::BLACK
}

/// The sources line under an exported chart: small, but readable on a slide.
pub const EXPORT_FOOTER_SIZE_PT: f32 = 10.0;

pub fn export_footer_font() -> FontId {
    FontId::proportional(EXPORT_FOOTER_SIZE_PT)
}

/// A highlighted series' line width and marker size, as a multiple of the ordinary ones.
pub const HIGHLIGHT_WIDTH_FACTOR: f32 = 2.0;
/// The opacity of the series and event markers a step does not highlight.
pub const DIMMED_ALPHA: f32 = 0.3;

/// Line width factor and opacity of a series drawn with this emphasis.
pub fn emphasis_style(emphasis: crate::dashboard::interaction::Emphasis) -> (f32, f32) {
    use crate::dashboard::interaction::Emphasis;
    match emphasis {
        Emphasis::Normal => (1.0, 1.0),
        Emphasis::Strong => (HIGHLIGHT_WIDTH_FACTOR, 1.0),
        Emphasis::Dimmed => (1.0, DIMMED_ALPHA),
    }
}

/// How long a chart takes to move to the next story step's window (ease in, ease out).
pub const WINDOW_ANIMATION_S: f64 = 0.4;
