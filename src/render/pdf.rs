//! Pages' SVGs as PDF with svg2pdf: text stays text (fonts subset and embedded, with the maps
//! that make it searchable), lines stay lines. A deck is one PDF of many pages: svg2pdf turns each
//! page into a form XObject (`to_chunk`), and pdf-writer puts each on a page of its own.

use std::collections::HashMap;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg;

use super::RenderError;
use super::fonts::FontFamilies;

/// Page pixels per inch in a PDF: a 1920x1080 page is a 13.33 x 7.5 inch slide, the size slide
/// programs use for 16:9.
pub const PDF_DPI: f32 = 144.0;

fn tree(svg: &str, what: &str) -> Result<usvg::Tree, RenderError> {
    let fonts = FontFamilies::get();
    usvg::Tree::from_str(svg, &fonts.usvg_options()).map_err(|e| RenderError::Svg {
        what: what.to_string(),
        message: e.to_string(),
    })
}

fn conversion_failed(what: &str, e: svg2pdf::ConversionError) -> RenderError {
    RenderError::Pdf {
        what: what.to_string(),
        message: e.to_string(),
    }
}

/// A one-page PDF of `svg`.
pub fn svg_to_pdf(svg: &str, what: &str) -> Result<Vec<u8>, RenderError> {
    let tree = tree(svg, what)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions { dpi: PDF_DPI },
    )
    .map_err(|e| conversion_failed(what, e))
}

/// A PDF with one page per SVG, in order, titled `title`. `what(i)` names page `i` in errors.
pub fn svgs_to_pdf(
    svgs: &[String],
    title: &str,
    what: impl Fn(usize) -> String,
) -> Result<Vec<u8>, RenderError> {
    let mut alloc = Ref::new(1);
    let catalog_id = alloc.bump();
    let page_tree_id = alloc.bump();
    let info_id = alloc.bump();
    let mut pdf = Pdf::new();
    let mut page_ids = Vec::with_capacity(svgs.len());
    let to_pt = 72.0 / PDF_DPI;
    for (i, svg) in svgs.iter().enumerate() {
        let name = what(i);
        let tree = tree(svg, &name)?;
        let (chunk, svg_id) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| conversion_failed(&name, e))?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let svg_id = *map.get(&svg_id).ok_or_else(|| RenderError::Pdf {
            what: name.clone(),
            message: "svg2pdf's chunk lost its form XObject".into(),
        })?;
        let (w_pt, h_pt) = (tree.size().width() * to_pt, tree.size().height() * to_pt);
        let page_id = alloc.bump();
        let content_id = alloc.bump();
        page_ids.push(page_id);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, w_pt, h_pt));
        page.parent(page_tree_id);
        page.contents(content_id);
        page.resources().x_objects().pair(Name(b"S1"), svg_id);
        page.finish();
        // The XObject is one point square: scaled to the page, it fills it.
        let mut content = Content::new();
        content
            .save_state()
            .transform([w_pt, 0.0, 0.0, h_pt, 0.0, 0.0])
            .x_object(Name(b"S1"))
            .restore_state();
        pdf.stream(content_id, &content.finish());
        pdf.extend(&chunk);
    }
    pdf.catalog(catalog_id).pages(page_tree_id);
    pdf.pages(page_tree_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    pdf.document_info(info_id)
        .title(TextStr(title))
        .producer(TextStr("Marketscope"));
    Ok(pdf.finish())
}
