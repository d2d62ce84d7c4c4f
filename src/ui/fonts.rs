//! Chinese names render everywhere: egui's fonts have no CJK glyphs, so an 18.6 KB subset of Noto
//! Sans CJK SC (the sample's platform and parent names plus a few dozen likely ones, see
//! `assets/fonts/README.md`) is embedded as the last fallback. On a machine with a CJK font, eframe's
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
