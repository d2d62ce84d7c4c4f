//! egui's shapes as SVG: rects (rounded, stroked inside, on or outside the edge), circles,
//! ellipses, paths, line segments, bands, Bézier curves, untextured meshes, and text as `<text>`
//! (see [`super::svg_text`]), each group of shapes under its clip rect's `<clipPath>`. Coordinates
//! are egui points; the `viewBox` maps them onto the page's pixels.

use std::fmt::Write as _;

use eframe::egui::epaint::{
    self, CircleShape, Color32, CornerRadius, EllipseShape, Mesh, PathShape, PathStroke, Pos2,
    Rect, RectShape, Shape, Stroke, StrokeKind,
};

use super::fonts::FontFamilies;
use super::sheet::Page;
use super::svg_text::text_svg;

/// The page as a standalone SVG document.
pub fn page_svg(page: &Page, fonts: &FontFamilies) -> String {
    let mut w = SvgWriter::default();
    let page_rect = Rect::from_min_size(Pos2::ZERO, page.size_pt);
    if let Some(fill) = paint(page.background) {
        let _ = write!(
            w.body,
            r#"<rect width="{}" height="{}" fill="{fill}"/>"#,
            num(page.size_pt.x),
            num(page.size_pt.y)
        );
    }
    for clipped in &page.shapes {
        w.set_clip(clipped.clip_rect, page_rect);
        w.shape(&clipped.shape, fonts);
    }
    w.set_clip(page_rect, page_rect);
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{}" height="{}" "#,
            r#"viewBox="0 0 {} {}" xml:space="preserve">"#,
            "<defs>{}</defs>{}</svg>\n"
        ),
        page.size.width_px,
        page.size.height_px,
        num(page.size_pt.x),
        num(page.size_pt.y),
        w.defs,
        w.body
    )
}

#[derive(Default)]
struct SvgWriter {
    defs: String,
    body: String,
    clips: Vec<Rect>,
    /// The clip of the open `<g>`, if one is open.
    open: Option<Rect>,
}

impl SvgWriter {
    /// Opens a group clipped to `clip` (none when it holds the whole page) unless one is open.
    fn set_clip(&mut self, clip: Rect, page: Rect) {
        let clip = if clip.contains_rect(page) { page } else { clip };
        if self.open == Some(clip) {
            return;
        }
        if self.open.take().is_some() {
            self.body.push_str("</g>");
        }
        if clip == page {
            return;
        }
        let id = match self.clips.iter().position(|c| *c == clip) {
            Some(i) => i,
            None => {
                let i = self.clips.len();
                self.clips.push(clip);
                let _ = write!(
                    self.defs,
                    r#"<clipPath id="c{i}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath>"#,
                    num(clip.min.x),
                    num(clip.min.y),
                    num(clip.width().max(0.0)),
                    num(clip.height().max(0.0))
                );
                i
            }
        };
        let _ = write!(self.body, r#"<g clip-path="url(#c{id})">"#);
        self.open = Some(clip);
    }

    fn shape(&mut self, shape: &Shape, fonts: &FontFamilies) {
        match shape {
            Shape::Noop | Shape::Callback(_) => {}
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s, fonts)),
            Shape::Circle(c) => self.circle(c),
            Shape::Ellipse(e) => self.ellipse(e),
            Shape::LineSegment { points, stroke } => {
                let d = polyline_d(points, false);
                self.path_element(&d, Color32::TRANSPARENT, stroke_attrs(*stroke));
            }
            Shape::Path(p) => self.path(p),
            Shape::Band(band) => {
                let top = band.points.iter().map(|p| Pos2::new(p.x, p.y.min));
                let bottom = band.points.iter().rev().map(|p| Pos2::new(p.x, p.y.max));
                let outline: Vec<Pos2> = top.chain(bottom).collect();
                let d = polyline_d(&outline, true);
                self.path_element(&d, band.fill, stroke_attrs(band.stroke));
            }
            Shape::Rect(r) => self.rect(r),
            Shape::Text(t) => text_svg(&mut self.body, t, fonts),
            Shape::Mesh(mesh) => self.mesh(mesh),
            Shape::QuadraticBezier(q) => {
                let [a, b, c] = q.points;
                let mut d = format!("M{} {}Q{} {} {} {}", a.x, a.y, b.x, b.y, c.x, c.y);
                if q.closed {
                    d.push('Z');
                }
                self.path_element(&d, q.fill, path_stroke_attrs(&q.stroke));
            }
            Shape::CubicBezier(cb) => {
                let [a, b, c, e] = cb.points;
                let mut d = format!(
                    "M{} {}C{} {} {} {} {} {}",
                    a.x, a.y, b.x, b.y, c.x, c.y, e.x, e.y
                );
                if cb.closed {
                    d.push('Z');
                }
                self.path_element(&d, cb.fill, path_stroke_attrs(&cb.stroke));
            }
        }
    }

    fn path_element(&mut self, d: &str, fill: Color32, stroke: String) {
        let fill = fill_attr(fill);
        if fill.is_empty() && stroke.is_empty() {
            return;
        }
        let fill = if fill.is_empty() {
            r#" fill="none""#.to_string()
        } else {
            fill
        };
        let _ = write!(self.body, r#"<path d="{d}"{fill}{stroke}/>"#);
    }

    fn path(&mut self, p: &PathShape) {
        if p.points.len() < 2 {
            return;
        }
        let d = polyline_d(&p.points, p.closed);
        let fill = if p.closed {
            p.fill
        } else {
            Color32::TRANSPARENT
        };
        self.path_element(&d, fill, path_stroke_attrs(&p.stroke));
    }

    fn circle(&mut self, c: &CircleShape) {
        let (fill, stroke) = (fill_attr(c.fill), stroke_attrs(c.stroke));
        if fill.is_empty() && stroke.is_empty() {
            return;
        }
        let fill = if fill.is_empty() {
            r#" fill="none""#.into()
        } else {
            fill
        };
        let _ = write!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}"{fill}{stroke}/>"#,
            num(c.center.x),
            num(c.center.y),
            num(c.radius)
        );
    }

    fn ellipse(&mut self, e: &EllipseShape) {
        let (fill, stroke) = (fill_attr(e.fill), stroke_attrs(e.stroke));
        if fill.is_empty() && stroke.is_empty() {
            return;
        }
        let fill = if fill.is_empty() {
            r#" fill="none""#.into()
        } else {
            fill
        };
        let rotate = if e.angle == 0.0 {
            String::new()
        } else {
            format!(
                r#" transform="rotate({} {} {})""#,
                num(e.angle.to_degrees()),
                num(e.center.x),
                num(e.center.y)
            )
        };
        let _ = write!(
            self.body,
            r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}"{fill}{stroke}{rotate}/>"#,
            num(e.center.x),
            num(e.center.y),
            num(e.radius.x),
            num(e.radius.y)
        );
    }

    fn rect(&mut self, r: &RectShape) {
        // A shadow (blurred) or an image (textured) has no vector form worth writing.
        if r.blur_width > 0.0 || r.brush.is_some() {
            return;
        }
        let fill = fill_attr(r.fill);
        if !fill.is_empty() {
            self.rect_element(r.rect, r.corner_radius, &fill, r.angle);
        }
        let stroke = stroke_attrs(r.stroke);
        if !stroke.is_empty() {
            let half = r.stroke.width / 2.0;
            let rect = match r.stroke_kind {
                StrokeKind::Inside => r.rect.shrink(half),
                StrokeKind::Middle => r.rect,
                StrokeKind::Outside => r.rect.expand(half),
            };
            let stroke = format!(r#" fill="none"{stroke}"#);
            self.rect_element(rect, r.corner_radius, &stroke, r.angle);
        }
    }

    fn rect_element(&mut self, rect: Rect, radius: CornerRadius, paint: &str, angle: f32) {
        if !rect.is_positive() {
            return;
        }
        let rotate = if angle == 0.0 {
            String::new()
        } else {
            let c = rect.center();
            format!(
                r#" transform="rotate({} {} {})""#,
                num(angle.to_degrees()),
                num(c.x),
                num(c.y)
            )
        };
        let max_r = rect.width().min(rect.height()) / 2.0;
        let [nw, ne, sw, se] =
            [radius.nw, radius.ne, radius.sw, radius.se].map(|r| f32::from(r).min(max_r));
        if nw == ne && ne == sw && sw == se {
            let rx = if nw > 0.0 {
                format!(r#" rx="{}""#, num(nw))
            } else {
                String::new()
            };
            let _ = write!(
                self.body,
                r#"<rect x="{}" y="{}" width="{}" height="{}"{rx}{paint}{rotate}/>"#,
                num(rect.min.x),
                num(rect.min.y),
                num(rect.width()),
                num(rect.height())
            );
            return;
        }
        let (l, t, r, b) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
        let d = format!(
            "M{} {}H{}A{ne} {ne} 0 0 1 {r} {}V{}A{se} {se} 0 0 1 {} {b}H{}A{sw} {sw} 0 0 1 {l} {}V{}A{nw} {nw} 0 0 1 {} {t}Z",
            l + nw,
            t,
            r - ne,
            t + ne,
            b - se,
            r - se,
            l + sw,
            b - sw,
            t + nw,
            l + nw,
        );
        let _ = write!(self.body, r#"<path d="{d}"{paint}{rotate}/>"#);
    }

    /// An untextured mesh (plot fills egui tessellated itself) as its triangles, those of one
    /// colour in one path.
    fn mesh(&mut self, mesh: &Mesh) {
        if mesh.texture_id != epaint::TextureId::default() {
            return;
        }
        let mut colour = None;
        let mut d = String::new();
        for tri in mesh.indices.chunks_exact(3) {
            let vertex = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (vertex(tri[0]), vertex(tri[1]), vertex(tri[2]))
            else {
                continue;
            };
            if colour != Some(a.color) {
                if let Some(previous) = colour {
                    self.path_element(&d, previous, String::new());
                }
                d.clear();
                colour = Some(a.color);
            }
            let _ = write!(
                d,
                "M{} {}L{} {}L{} {}Z",
                num(a.pos.x),
                num(a.pos.y),
                num(b.pos.x),
                num(b.pos.y),
                num(c.pos.x),
                num(c.pos.y)
            );
        }
        if let Some(previous) = colour {
            self.path_element(&d, previous, String::new());
        }
    }
}

fn polyline_d(points: &[Pos2], closed: bool) -> String {
    let mut d = String::with_capacity(points.len() * 14);
    for (i, p) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        let _ = write!(d, "{} {}", num(p.x), num(p.y));
    }
    if closed {
        d.push('Z');
    }
    d
}

/// The value of a `fill` attribute, `#rrggbb`, followed for a translucent colour by the closing
/// quote and a `fill-opacity` attribute (so `fill="{paint}"` writes both); None for a colour that
/// paints nothing.
pub(super) fn paint(colour: Color32) -> Option<String> {
    let [r, g, b, a] = colour.to_srgba_unmultiplied();
    if a == 0 {
        return None;
    }
    let hex = format!("#{r:02x}{g:02x}{b:02x}");
    Some(if a == 255 {
        hex
    } else {
        format!("{hex}\" fill-opacity=\"{}", num(f32::from(a) / 255.0))
    })
}

fn fill_attr(colour: Color32) -> String {
    paint(colour)
        .map(|p| format!(r#" fill="{p}""#))
        .unwrap_or_default()
}

fn stroke_attrs(stroke: Stroke) -> String {
    let [r, g, b, a] = stroke.color.to_srgba_unmultiplied();
    if a == 0 || stroke.width <= 0.0 {
        return String::new();
    }
    let opacity = if a == 255 {
        String::new()
    } else {
        format!(r#" stroke-opacity="{}""#, num(f32::from(a) / 255.0))
    };
    format!(
        r##" stroke="#{r:02x}{g:02x}{b:02x}"{opacity} stroke-width="{}" stroke-linejoin="round""##,
        num(stroke.width)
    )
}

/// A path's stroke; a gradient stroke (`ColorMode::UV`) is drawn in its colour at the middle.
fn path_stroke_attrs(stroke: &PathStroke) -> String {
    let colour = match &stroke.color {
        epaint::ColorMode::Solid(c) => *c,
        epaint::ColorMode::UV(f) => {
            let unit = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            f(unit, unit.center())
        }
    };
    stroke_attrs(Stroke::new(stroke.width, colour))
}

/// A coordinate with at most two decimals: a hundredth of a point is below any pixel.
pub(super) fn num(v: f32) -> impl std::fmt::Display {
    Num(v)
}

struct Num(f32);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let rounded = (v * 100.0).round() / 100.0;
        if rounded == rounded.trunc() {
            write!(f, "{}", rounded as i64)
        } else {
            write!(f, "{rounded}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(1.0).to_string(), "1");
        assert_eq!(num(1.256).to_string(), "1.26");
        assert_eq!(num(-0.5).to_string(), "-0.5");
        assert_eq!(num(f32::NAN).to_string(), "0");
    }

    #[test]
    // Test colours, not design tokens: the constructors the lint keeps in ui/tokens.rs.
    #[allow(clippy::disallowed_methods)]
    fn colours_keep_their_opacity() {
        assert_eq!(
            paint(Color32::from_rgb(255, 0, 16)).as_deref(),
            Some("#ff0010")
        );
        assert_eq!(paint(Color32::TRANSPARENT), None);
        let half = paint(Color32::from_rgba_unmultiplied(0, 0, 255, 128)).unwrap_or_default();
        assert!(half.starts_with("#0000ff") && half.contains("fill-opacity=\"0.5"));
    }
}
