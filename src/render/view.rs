//! One page in one format: a saved view (or the dashboard's current settings) laid out and
//! written as SVG, PDF or PNG.

use std::collections::BTreeSet;
use std::path::Path;

use crate::dashboard::settings::{Settings, ThemeChoice};
use crate::dashboard::snapshot::Snapshot;
use crate::model::SavedView;
use crate::ui::export::write_file;

use super::fonts::FontFamilies;
use super::sheet::{PageSize, Sheet, lay_out};
use super::{RenderError, pdf, png, svg};

/// The file formats a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Pdf,
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Pdf => "pdf",
            Format::Png => "png",
        }
    }
}

/// How a page is drawn: its size and the export's own theme (light by default: documents are
/// printed and projected on white, whatever the dashboard's theme).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderOptions {
    pub size: PageSize,
    pub theme: ThemeChoice,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            size: PageSize::SLIDE,
            theme: ThemeChoice::Light,
        }
    }
}

/// A saved view's settings; a state that does not read as settings is an error naming the view,
/// not the dashboard's defaults drawn under its name.
pub fn view_settings(view: &SavedView) -> Result<Settings, RenderError> {
    serde_json::from_value::<Settings>(view.state.clone()).map_err(|e| RenderError::State {
        what: format!("the saved view \"{}\"", view.name),
        message: e.to_string(),
    })
}

/// The SVG of `settings` drawn over `snap`, with `hidden_series` left out of the legend.
pub fn settings_svg(
    snap: &Snapshot,
    mut settings: Settings,
    hidden_series: BTreeSet<String>,
    options: RenderOptions,
) -> String {
    settings.theme = options.theme;
    let page = lay_out(
        Sheet {
            snap,
            settings,
            hidden_series,
            highlights: Vec::new(),
            step: None,
            zoom: 1.0,
            theme: options.theme,
        },
        options.size,
    );
    svg::page_svg(&page, FontFamilies::get())
}

/// The page's SVG as a file of `format`; `what` names it in errors.
pub fn svg_bytes(
    svg: String,
    format: Format,
    size: PageSize,
    what: &str,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Svg => Ok(svg.into_bytes()),
        Format::Pdf => pdf::svg_to_pdf(&svg, what),
        Format::Png => png::svg_to_png(&svg, size, what),
    }
}

/// Writes `bytes` to `path` through a temporary file, so a failed write leaves no half file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), RenderError> {
    write_file(path, bytes).map_err(|source| RenderError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Renders the saved view named `name` into `out`.
pub fn render_view(
    snap: &Snapshot,
    name: &str,
    format: Format,
    options: RenderOptions,
    out: &Path,
) -> Result<(), RenderError> {
    let view = snap
        .views
        .iter()
        .find(|v| v.name == name)
        .ok_or_else(|| RenderError::Missing {
            what: format!("saved view \"{name}\""),
            known: snap.views.iter().map(|v| v.name.clone()).collect(),
        })?;
    let settings = view_settings(view)?;
    let svg = settings_svg(snap, settings, BTreeSet::new(), options);
    let bytes = svg_bytes(svg, format, options.size, &format!("the view \"{name}\""))?;
    write(out, &bytes)
}
