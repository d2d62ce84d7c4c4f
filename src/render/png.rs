//! A page's SVG drawn as a PNG with resvg: the page's pixels times the scale, every line and
//! letter drawn at that size (not an upscaled image).

use svg2pdf::usvg;

use super::RenderError;
use super::fonts::FontFamilies;
use super::sheet::PageSize;

/// The PNG bytes of `svg`, `size.png_px()` pixels.
pub fn svg_to_png(svg: &str, size: PageSize, what: &str) -> Result<Vec<u8>, RenderError> {
    let fonts = FontFamilies::get();
    let tree = usvg::Tree::from_str(svg, &fonts.usvg_options()).map_err(|e| RenderError::Svg {
        what: what.to_string(),
        message: e.to_string(),
    })?;
    let [width_px, height_px] = size.png_px();
    let failed = |message: String| RenderError::Png {
        what: what.to_string(),
        message,
    };
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width_px, height_px)
        .ok_or_else(|| failed(format!("no {width_px}x{height_px} pixel canvas")))?;
    // The tree is in page pixels (the SVG's width and height); the PNG has `scale` times those.
    let sx = width_px as f32 / tree.size().width();
    let sy = height_px as f32 / tree.size().height();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(sx, sy),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| failed(e.to_string()))
}
