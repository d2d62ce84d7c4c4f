//! A galley as SVG `<text>`: each row's runs of one style become a `<text>`, each word of it a
//! `<tspan>` starting where egui placed it, so the text is real (selectable and searchable in a
//! PDF) and still sits where the app draws it.

use std::fmt::Write as _;

use eframe::egui::epaint::{Color32, TextShape, text::LayoutJob, text::TextFormat};

use super::fonts::FontFamilies;
use super::svg::{num, paint};

/// Writes `shape`'s text into `out`.
pub fn text_svg(out: &mut String, shape: &TextShape, fonts: &FontFamilies) {
    if shape.opacity_factor <= 0.0 {
        return;
    }
    let galley = &shape.galley;
    let transform = if shape.angle == 0.0 {
        String::new()
    } else {
        format!(
            r#" transform="rotate({} {} {})""#,
            num(shape.angle.to_degrees()),
            num(shape.pos.x),
            num(shape.pos.y)
        )
    };
    let mut walker = SectionWalker::new(&galley.job);
    for row in &galley.rows {
        let mut run = Run::default();
        for glyph in &row.row.glyphs {
            let format = walker.format_of(glyph.chr);
            let style = Style::of(format, shape);
            if run.style.as_ref() != Some(&style) {
                run.write(out, fonts, &transform);
                run = Run {
                    style: Some(style),
                    y: shape.pos.y + row.pos.y + glyph.pos.y,
                    ..Run::default()
                };
            }
            run.text.push(glyph.chr);
            run.xs.push(shape.pos.x + row.pos.x + glyph.pos.x);
        }
        run.write(out, fonts, &transform);
        if row.ends_with_newline {
            walker.format_of('\n');
        }
    }
}

/// What one `<text>` element shares.
#[derive(Debug, Clone, PartialEq)]
struct Style {
    family: eframe::egui::FontFamily,
    size_pt: f32,
    colour: Color32,
    italics: bool,
}

impl Style {
    /// The glyphs' colour as the tessellator picks it: the override, else the section's (the
    /// shape's fallback for a placeholder), faded by the shape's opacity.
    fn of(format: &TextFormat, shape: &TextShape) -> Style {
        let mut colour = match shape.override_text_color {
            Some(c) => c,
            None if format.color == Color32::PLACEHOLDER => shape.fallback_color,
            None => format.color,
        };
        if shape.opacity_factor < 1.0 {
            colour = colour.gamma_multiply(shape.opacity_factor);
        }
        Style {
            family: format.font_id.family.clone(),
            size_pt: format.font_id.size,
            colour,
            italics: format.italics,
        }
    }
}

#[derive(Default)]
struct Run {
    style: Option<Style>,
    text: String,
    xs: Vec<f32>,
    y: f32,
}

impl Run {
    fn write(&self, out: &mut String, fonts: &FontFamilies, transform: &str) {
        let Some(style) = &self.style else {
            return;
        };
        if self.text.trim().is_empty() {
            return;
        }
        let Some(fill) = paint(style.colour) else {
            return;
        };
        let italic = if style.italics {
            r#" font-style="italic""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<text y="{}" font-family="{}" font-size="{}" fill="{fill}"{italic}{transform}>"#,
            num(self.y),
            fonts.css_family(&style.family),
            num(style.size_pt)
        );
        // Each word starts where egui put it; within a word the font's own shaping places the
        // letters (a position per letter would break ligatures such as "fl" apart).
        let mut word_open = false;
        let mut after_space = true;
        for (c, x) in self.text.chars().zip(&self.xs) {
            let space = c.is_whitespace();
            if !space && after_space {
                if word_open {
                    out.push_str("</tspan>");
                }
                let _ = write!(out, r#"<tspan x="{}">"#, num(*x));
                word_open = true;
            }
            after_space = space;
            escape_into(out, c.encode_utf8(&mut [0; 4]));
        }
        if word_open {
            out.push_str("</tspan>");
        }
        out.push_str("</text>");
    }
}

/// Finds each glyph's section of the layout job by walking the job's text alongside the rows:
/// egui keeps a glyph's section to itself, but the rows hold the job's characters in order (less
/// the newlines that end rows, plus an elision mark that matches nothing and keeps the section).
struct SectionWalker<'a> {
    job: &'a LayoutJob,
    chars: std::str::CharIndices<'a>,
    section: usize,
}

/// How far ahead a glyph's character is looked for (a wrapped row may drop a space).
const LOOKAHEAD_CHARS: usize = 4;

impl<'a> SectionWalker<'a> {
    fn new(job: &'a LayoutJob) -> SectionWalker<'a> {
        SectionWalker {
            job,
            chars: job.text.char_indices(),
            section: 0,
        }
    }

    fn format_of(&mut self, chr: char) -> &'a TextFormat {
        let mut probe = self.chars.clone();
        for _ in 0..LOOKAHEAD_CHARS {
            match probe.next() {
                Some((byte, c)) if c == chr => {
                    self.chars = probe;
                    while self
                        .job
                        .sections
                        .get(self.section)
                        .is_some_and(|s| s.byte_range.end.0 <= byte)
                        && self.section + 1 < self.job.sections.len()
                    {
                        self.section += 1;
                    }
                    break;
                }
                Some(_) => {}
                None => break,
            }
        }
        static DEFAULT: std::sync::OnceLock<TextFormat> = std::sync::OnceLock::new();
        self.job
            .sections
            .get(self.section)
            .map(|s| &s.format)
            .unwrap_or_else(|| DEFAULT.get_or_init(TextFormat::default))
    }
}

/// XML text: the five special characters escaped, control characters (which XML forbids) left out.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_keeps_one_position_per_character() {
        let mut out = String::new();
        escape_into(&mut out, "A&B <\"x\">\u{7}");
        assert_eq!(out, "A&amp;B &lt;&quot;x&quot;&gt; ");
        assert_eq!(out.matches(' ').count(), 2);
    }
}
