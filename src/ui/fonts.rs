//! Chinese renders everywhere: egui's fonts have no CJK glyphs, so an 84 KB subset of Noto Sans
//! CJK SC (every CJK character of the code's strings, the UI's Chinese catalogue and the sample,
//! plus the words of Chinese number formats and likely names, see `assets/fonts/README.md`) is
//! embedded as the last fallback. On a machine with a CJK font, eframe's
//! system-font fallback covers every other character too.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

const CJK_SUBSET_NAME: &str = "noto-sans-cjk-sc-subset";
const CJK_SUBSET: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");

/// egui's default fonts with the CJK subset appended to both families, and the bundled Hack font
/// behind Ubuntu in the proportional family for the arrows and shapes Ubuntu lacks (→ ▲ ▼ ● ◆).
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    if fonts.font_data.contains_key("Hack") {
        let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
        let at = proportional
            .iter()
            .position(|f| f == "Ubuntu-Light")
            .map_or(0, |i| i + 1);
        proportional.insert(at, "Hack".to_owned());
    }
    fonts.font_data.insert(
        CJK_SUBSET_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_SUBSET)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(CJK_SUBSET_NAME.to_owned());
    }
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every CJK character of the code (its messages), of the UI's catalogues (every zh string)
    /// and of the sample's files (names, the story's Chinese titles and captions).
    fn cjk_characters_in_use() -> std::collections::BTreeSet<char> {
        let is_cjk = |c: &char| matches!(u32::from(*c), 0x3000..=0x303F | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF);
        let mut texts: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![
            root.join("src"),
            root.join("assets/sample"),
            root.join("assets/i18n"),
        ];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("readable folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        texts
            .iter()
            .flat_map(|t| t.chars())
            .filter(is_cjk)
            .collect()
    }

    #[test]
    fn every_cjk_character_of_the_code_and_the_sample_is_in_the_embedded_font() {
        let ctx = egui::Context::default();
        install(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        // No renderer here: the font atlas' upload is not needed.
        output.textures_delta.clear();
        let needed = cjk_characters_in_use();
        assert!(
            needed.contains(&'亿') && needed.contains(&'拼') && needed.contains(&'滚'),
            "the importer's magnitudes, the sample's names and the zh catalogue are found"
        );
        let missing: String = ctx.fonts_mut(|fonts| {
            needed
                .iter()
                .filter(|c| !fonts.has_glyph(&egui::FontId::proportional(14.0), **c))
                .collect()
        });
        assert_eq!(
            missing, "",
            "regenerate the subset (assets/fonts/README.md)"
        );
    }
}
