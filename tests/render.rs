//! `marketscope render` without a display: a saved view and the sample story as SVG, PDF and PNG
//! in a temporary folder, checked for what a reader gets: the pages, the text (read back out of
//! the PDF with poppler's `pdftotext`), the embedded fonts and the pixels.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TempStore;
use marketscope::dashboard::snapshot::Snapshot;
use marketscope::model::SavedView;
use marketscope::render::{
    Format, PageSize, RenderError, RenderOptions, render_story, render_view,
};

/// The sample store with one saved view: the state of the sample story's third step.
fn store_with_view() -> (TempStore, Snapshot, SavedView) {
    let mut store = TempStore::with_sample();
    let story = store.store.stories().expect("stories").remove(0);
    let view = SavedView {
        name: "Growth of the four".into(),
        caption: String::new(),
        state: story.steps[2].state.clone(),
    };
    store.store.save_view(&view).expect("view saved");
    let snap = Snapshot::read(&store.store, 1).expect("snapshot");
    (store, snap, view)
}

fn marketscope(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MARKETSCOPE_DB")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the binary runs")
}

/// The PDF's text as poppler reads it (`.ci/run` installs poppler-utils).
fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Pages of a PDF: its `/Type /Page` objects (the page tree is `/Type /Pages`).
fn pdf_pages(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("/Type /Page")
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count()
}

/// Embedded font programs: TrueType (`/FontFile2`) or CFF (`/FontFile3`) streams.
fn embedded_fonts(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.matches("/FontFile2").count() + text.matches("/FontFile3").count()
}

/// A PNG's width and height from its IHDR chunk.
fn png_size(bytes: &[u8]) -> [u32; 2] {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    [be(16), be(20)]
}

#[test]
fn a_saved_view_renders_as_svg_pdf_and_png() {
    let (store, snap, view) = store_with_view();
    let dir = store.dir.path();
    let size = PageSize {
        width_px: 1600,
        height_px: 900,
        scale: 2.0,
    };
    let options = RenderOptions {
        size,
        ..RenderOptions::default()
    };

    let svg_path = dir.join("view.svg");
    render_view(&snap, &view.name, Format::Svg, options, &svg_path).expect("svg");
    let svg = std::fs::read_to_string(&svg_path).expect("read svg");
    assert!(svg.starts_with("<svg") && svg.contains(r#"width="1600" height="900""#));
    // The text is text, in the app's fonts, not outlines.
    assert!(
        svg.contains("<text") && svg.contains("font-family=\"'Ubuntu"),
        "{}",
        &svg[..400]
    );
    assert!(
        svg.contains("Sources."),
        "the footer names the figures' sources"
    );

    let pdf_path = dir.join("view.pdf");
    render_view(&snap, &view.name, Format::Pdf, options, &pdf_path).expect("pdf");
    let pdf = std::fs::read(&pdf_path).expect("read pdf");
    assert_eq!(pdf_pages(&pdf), 1);
    assert!(embedded_fonts(&pdf) >= 1, "no embedded font program");
    let text = pdf_text(&pdf_path);
    assert!(text.contains("Sources."), "{text}");

    let png_path = dir.join("view.png");
    render_view(&snap, &view.name, Format::Png, options, &png_path).expect("png");
    let png = std::fs::read(&png_path).expect("read png");
    // 2x is twice the pixels of the page, not the page with doubled fonts.
    assert_eq!(png_size(&png), [3200, 1800]);
}

#[test]
fn the_sample_story_renders_as_a_pdf_deck_with_one_page_per_step() {
    let (store, snap, _) = store_with_view();
    let story = snap.stories[0].clone();
    let path = store.dir.path().join("deck.pdf");
    let deck = render_story(
        &snap,
        &story.name,
        Format::Pdf,
        RenderOptions::default(),
        &path,
    )
    .expect("deck");
    assert_eq!(deck.pages, story.steps.len());
    let pdf = std::fs::read(&path).expect("read deck");
    assert_eq!(pdf_pages(&pdf), story.steps.len());
    assert!(
        embedded_fonts(&pdf) >= story.steps.len(),
        "each page embeds its fonts"
    );
    let text = pdf_text(&path);
    // pdftotext joins the small counter's "1 / 8" into "1/8": its spaces are not compared.
    let unspaced: String = text.split_whitespace().collect();
    for (i, step) in story.steps.iter().enumerate() {
        assert!(
            text.contains(&step.title),
            "step title {:?} not in the PDF's text",
            step.title
        );
        let counter = format!("{}/{}", i + 1, story.steps.len());
        assert!(
            unspaced.contains(&counter),
            "no {counter:?} in the PDF's text"
        );
    }
    // The Chinese platform names are drawn in the embedded CJK font.
    let cjk = snap
        .platforms
        .iter()
        .filter_map(|p| p.name_zh.clone())
        .find(|zh| text.contains(zh.as_str()));
    assert!(cjk.is_some(), "no Chinese name in the deck's text");
    assert!(
        String::from_utf8_lossy(&pdf).contains("NotoSansCJK"),
        "CJK font not embedded"
    );
}

#[test]
fn the_sample_story_renders_as_numbered_svgs_and_pngs() {
    let (store, snap, _) = store_with_view();
    let story = snap.stories[0].clone();
    let n = story.steps.len();
    let svg_dir = store.dir.path().join("svg");
    let deck = render_story(
        &snap,
        &story.name,
        Format::Svg,
        RenderOptions::default(),
        &svg_dir,
    )
    .expect("svgs");
    assert_eq!(deck.files.len(), n);
    let first = std::fs::read_to_string(&deck.files[0]).expect("first svg");
    assert!(deck.files[0].ends_with("01-a-flood-of-duty-free-parcels.svg"));
    assert!(
        first.contains("tspan") && first.contains("flood"),
        "the title is text"
    );

    let png_dir = store.dir.path().join("png");
    let options = RenderOptions {
        size: PageSize {
            width_px: 960,
            height_px: 540,
            scale: 1.5,
        },
        ..RenderOptions::default()
    };
    let deck = render_story(&snap, &story.name, Format::Png, options, &png_dir).expect("pngs");
    assert_eq!(deck.files.len(), n);
    for file in &deck.files {
        let png = std::fs::read(file).expect("png");
        assert_eq!(png_size(&png), [1440, 810], "{}", file.display());
    }
}

#[test]
fn the_command_renders_without_a_display_and_names_what_it_cannot_find() {
    let (store, _, view) = store_with_view();
    let db = store.path();
    let out = store.dir.path().join("cli.png");
    let ran = marketscope(
        &db,
        &[
            "render",
            "--view",
            &view.name,
            "--format",
            "png",
            "--out",
            out.to_str().expect("utf-8 path"),
            "--width",
            "800",
            "--height",
            "450",
            "--scale",
            "2",
        ],
    );
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert_eq!(png_size(&std::fs::read(&out).expect("png")), [1600, 900]);

    let missing = marketscope(
        &db,
        &[
            "render", "--view", "Nope", "--format", "svg", "--out", "x.svg",
        ],
    );
    assert!(!missing.status.success());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("\"Nope\"") && stderr.contains(&view.name),
        "{stderr}"
    );

    // A scale for a vector format would be silently ignored: it is refused instead.
    let scaled = marketscope(
        &db,
        &[
            "render", "--view", &view.name, "--format", "pdf", "--out", "x.pdf", "--scale", "2",
        ],
    );
    assert!(!scaled.status.success());
    assert!(String::from_utf8_lossy(&scaled.stderr).contains("--scale"));
}

#[test]
fn a_step_that_does_not_read_as_settings_is_an_error_naming_it() {
    let (mut store, _, _) = store_with_view();
    let mut story = store.store.stories().expect("stories").remove(0);
    story.steps[1].state = serde_json::json!({ "view": "no such view" });
    story.name = "Broken".into();
    store.store.save_story(&story).expect("saved");
    let snap = Snapshot::read(&store.store, 2).expect("snapshot");
    let path = store.dir.path().join("broken.pdf");
    let err = render_story(
        &snap,
        "Broken",
        Format::Pdf,
        RenderOptions::default(),
        &path,
    )
    .expect_err("a broken step is not drawn as something else");
    assert!(matches!(err, RenderError::State { .. }), "{err}");
    assert!(err.to_string().contains("step 2 of 8"), "{err}");
    assert!(!path.exists(), "no half deck is written");
}

#[test]
fn the_story_renders_in_chinese_with_lang_zh() {
    let (store, snap, _) = store_with_view();
    let story = snap.stories[0].clone();
    let out = store.dir.path().join("zh.pdf");
    let ran = marketscope(
        &store.path(),
        &[
            "render",
            "--story",
            &story.name,
            "--format",
            "pdf",
            "--out",
            out.to_str().expect("utf-8 path"),
            "--lang",
            "zh",
        ],
    );
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    let text = pdf_text(&out);
    // pdftotext may break a line inside a title: compare without whitespace.
    let unspaced: String = text.split_whitespace().collect();
    for step in &story.steps {
        let zh: String = step
            .title_zh
            .as_deref()
            .expect("the sample has Chinese titles")
            .split_whitespace()
            .collect();
        assert!(unspaced.contains(&zh), "{zh:?} not in the deck's text");
        assert!(
            !text.contains(&step.title),
            "the English title {:?} is drawn too",
            step.title
        );
    }
    // The labels and the numbers are Chinese: the sources footer, and amounts in 亿.
    assert!(unspaced.contains("来源："), "no Chinese sources footer");
    assert!(unspaced.contains("亿"), "no number in Chinese form");
    assert!(!text.contains("Sources."), "the English footer is drawn");
}
