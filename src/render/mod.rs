//! Rendering without a window or display (`marketscope render`, the Export menu's SVG, PDF and
//! PNG): egui lays out the same export sheet the app draws ([`sheet`]), its shapes are written as
//! SVG with the text kept as text ([`svg`]), and the SVG becomes a PDF ([`pdf`], fonts embedded) or
//! a PNG ([`png`]). A story becomes a deck: one page per step ([`deck`]).

pub mod deck;
mod fonts;
pub mod pdf;
pub mod png;
pub mod sheet;
pub mod svg;
mod svg_text;
pub mod view;

pub use deck::{Deck, deck_pdf, render_story, story_svgs};
pub use sheet::{PageSize, Sheet, StepText};
pub use view::{Format, RenderOptions, render_view, settings_svg, svg_bytes};

/// Why an image or deck could not be made. Each names what it was making.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the SVG of {what} could not be read back: {message}")]
    Svg { what: String, message: String },
    #[error("{what} could not be turned into PDF: {message}")]
    Pdf { what: String, message: String },
    #[error("{what} could not be drawn as PNG: {message}")]
    Png { what: String, message: String },
    #[error("the page size {width_px}x{height_px} at scale {scale} is not drawable: {reason}")]
    Size {
        width_px: u32,
        height_px: u32,
        scale: f32,
        reason: &'static str,
    },
    #[error("{what} does not read as the dashboard's settings: {message}")]
    State { what: String, message: String },
    #[error("no {what} in the store (it has: {})", if known.is_empty() { "none".to_string() } else { known.join(", ") })]
    Missing { what: String, known: Vec<String> },
    #[error("{what} has no steps: there is nothing to render")]
    Empty { what: String },
    #[error("could not write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}
