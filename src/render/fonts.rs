//! The fonts the SVG is read back with: the very bytes egui lays text out with (its default fonts
//! and the embedded CJK subset, [`crate::ui::fonts`]), in egui's fallback order, and the SVG
//! `font-family` list naming them for each egui family. Nothing comes from the system, so a page
//! looks the same on every machine and its PDF embeds what the app shows.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use eframe::egui::FontFamily;
use svg2pdf::usvg::fontdb;

use crate::ui::fonts::font_definitions;

/// The font database and the family names of egui's families.
pub struct FontFamilies {
    pub db: Arc<fontdb::Database>,
    families: HashMap<FontFamily, String>,
    fallback: String,
}

impl FontFamilies {
    /// Built once: loading the fonts is the slow part of reading an SVG back.
    pub fn get() -> &'static FontFamilies {
        static FONTS: OnceLock<FontFamilies> = OnceLock::new();
        FONTS.get_or_init(FontFamilies::load)
    }

    fn load() -> FontFamilies {
        let definitions = font_definitions();
        let mut db = fontdb::Database::new();
        let mut names: HashMap<String, String> = HashMap::new();
        // The proportional family's order first: a glyph none of the listed fonts has is looked
        // for in load order, as egui looks for it along the family.
        let mut order: Vec<&String> = definitions
            .families
            .get(&FontFamily::Proportional)
            .map(|f| f.iter().collect())
            .unwrap_or_default();
        let mut rest: Vec<&String> = definitions.font_data.keys().collect();
        rest.sort();
        order.extend(rest);
        for name in order {
            if names.contains_key(name) {
                continue;
            }
            let Some(data) = definitions.font_data.get(name) else {
                continue;
            };
            let source = fontdb::Source::Binary(data.font.clone());
            let ids = db.load_font_source(source);
            let family = ids
                .iter()
                .filter_map(|id| db.face(*id))
                .find(|face| face.index == data.index)
                .and_then(|face| face.families.first().map(|(f, _)| f.clone()));
            if let Some(family) = family {
                names.insert(name.clone(), family);
            }
        }
        let family_list = |family: &FontFamily| -> String {
            let mut seen = Vec::new();
            for font in definitions.families.get(family).into_iter().flatten() {
                if let Some(f) = names.get(font)
                    && !seen.contains(f)
                {
                    seen.push(f.clone());
                }
            }
            seen.iter()
                .map(|f| format!("'{}'", f.replace(['\'', '"', '&', '<'], " ")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let families: HashMap<FontFamily, String> = definitions
            .families
            .keys()
            .map(|family| (family.clone(), family_list(family)))
            .collect();
        let fallback = family_list(&FontFamily::Proportional);
        FontFamilies {
            db: Arc::new(db),
            families,
            fallback,
        }
    }

    /// The `font-family` value of an egui family (the proportional one for a family it lacks).
    pub fn css_family(&self, family: &FontFamily) -> &str {
        self.families.get(family).unwrap_or(&self.fallback)
    }

    /// The SVG reader's options, with these fonts.
    pub fn usvg_options(&self) -> svg2pdf::usvg::Options<'static> {
        let mut options = svg2pdf::usvg::Options {
            fontdb: Arc::clone(&self.db),
            ..Default::default()
        };
        if let Some(first) = self.fallback.split(", ").next() {
            options.font_family = first.trim_matches('\'').to_string();
        }
        options
    }
}
