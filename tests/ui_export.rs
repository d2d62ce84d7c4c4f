//! Exporting, driven headless: the chart to the clipboard and as PNG (1x and 2x), SVG and PDF,
//! its figures as CSV, a story as numbered PNGs or a PDF deck; the story editor (captions, highlights) and what presenting
//! hides and emphasises.
//!
//! egui_kittest renders nothing without a GPU renderer, so it cannot answer the app's screenshot
//! request itself. These tests take the request from the frame's output, as eframe does, and
//! answer it with an image of the window's size in pixels; everything after that (cropping,
//! encoding, writing, naming, the notices) is the app's own path.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use std::path::Path;

use eframe::egui::{self, ColorImage, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marketscope::dashboard::interaction::Emphasis;
use marketscope::store::Store;
use marketscope::ui::actions::Action;
use marketscope::ui::{App, Notice};
use ui_support::{SIZE, TempStore, open};

const SAMPLE_STORY: &str = "Cross-border e-commerce in 2025";

/// Replaces the text of the one-line field labelled `label`.
fn replace_text(h: &mut Harness<'static, App>, label: &str, text: &str) {
    replace_in(h, egui::accesskit::Role::TextInput, label, text);
}

fn replace_in(h: &mut Harness<'static, App>, role: egui::accesskit::Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

/// The screenshot requests of the last frame.
fn screenshot_requests(h: &Harness<'static, App>) -> Vec<egui::ScreenshotCallback> {
    h.output()
        .viewport_output
        .values()
        .flat_map(|v| v.commands.iter())
        .filter_map(|c| match c {
            egui::ViewportCommand::Screenshot(cb) => Some(cb.clone()),
            _ => None,
        })
        .collect()
}

/// A screenshot as the window would send it: the whole window at its pixels per point, each
/// pixel coloured by its position so a crop can be checked.
// Arbitrary pixels, not the dashboard's colours.
#[allow(clippy::disallowed_methods)]
fn window_image(h: &Harness<'static, App>) -> ColorImage {
    let ppp = h.ctx.pixels_per_point();
    let w = (SIZE.x * ppp).round() as usize;
    let hgt = (SIZE.y * ppp).round() as usize;
    let pixels = (0..w * hgt)
        .map(|i| egui::Color32::from_rgb((i % w % 256) as u8, (i / w % 256) as u8, 40))
        .collect();
    ColorImage::new([w, hgt], pixels)
}

/// Steps frame by frame until the app asks for a screenshot, answers it, and steps until the
/// export is done (the PNG writer runs on its own thread). Returns the pixels per point of the
/// frame captured.
fn answer_captures(h: &mut Harness<'static, App>, captures: usize) -> Vec<f32> {
    let mut ppps = Vec::new();
    for _ in 0..2000 {
        h.step();
        let requests = screenshot_requests(h);
        if !requests.is_empty() {
            ppps.push(h.ctx.pixels_per_point());
            let image = std::sync::Arc::new(window_image(h));
            for r in requests {
                r.complete(std::sync::Arc::clone(&image));
            }
        }
        if ppps.len() >= captures && !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(!h.state().is_exporting(), "the export never finished");
    assert_eq!(ppps.len(), captures, "screenshots asked for");
    h.run();
    ppps
}

fn notice(h: &Harness<'static, App>) -> Notice {
    h.state().notice().cloned().expect("a notice")
}

fn png_size(path: &Path) -> (u32, u32) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decoder = png::Decoder::new(std::io::BufReader::new(file));
    let reader = decoder.read_info().expect("a PNG");
    (reader.info().width, reader.info().height)
}

#[test]
fn copying_the_chart_sends_the_sheet_to_the_clipboard() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.key_press_modifiers(Modifiers::SHIFT, Key::C);
    let ppp = answer_captures(&mut h, 1);
    assert_eq!(ppp, vec![1.0]);
    match notice(&h) {
        Notice::Done(text) => assert!(text.contains("Copied the chart"), "{text}"),
        other => panic!("{other:?}"),
    }
    // The sheet covers the window: the image handed to the clipboard is the window's size.
    assert!(
        h.ctx.pixels_per_point() == 1.0,
        "the zoom is restored after a capture"
    );
}

/// Steps until the headless render on the writer thread is done (bounded; the sleep only yields).
fn wait_for_render(h: &mut Harness<'static, App>) {
    for _ in 0..5000 {
        h.step();
        if !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(!h.state().is_exporting(), "the export never finished");
    h.run();
}

#[test]
fn a_png_at_2x_has_twice_the_pixels_of_the_window_drawn_without_it() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("gmv.png");
    let mut h = open(&store.path, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().export_dialog_open());
    replace_text(&mut h, "File", &path.display().to_string());
    h.get_by_label("2x").click();
    h.run();
    h.get_by_label("Save").click();
    h.step();
    // Drawn headless: the window asks for no screenshot and never leaves the dashboard.
    assert!(screenshot_requests(&h).is_empty());
    assert!(h.query_by_label("Import CSV…").is_some());
    wait_for_render(&mut h);
    let (w, hgt) = ((SIZE.x * 2.0) as u32, (SIZE.y * 2.0) as u32);
    match notice(&h) {
        Notice::Done(text) => {
            assert!(text.contains(&path.display().to_string()), "{text}");
            assert!(text.contains(&format!("{w}x{hgt} pixels")), "{text}");
        }
        other => panic!("{other:?}"),
    }
    // The window's layout at twice the pixels, not a cramped plot under doubled fonts.
    assert_eq!(png_size(&path), (w, hgt));
    assert_eq!(
        h.ctx.pixels_per_point(),
        1.0,
        "the window's zoom is untouched"
    );
}

#[test]
fn the_chart_saves_as_svg_and_pdf_with_its_text_as_text() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let mut h = open(&store.path, None);
    for (shortcut, name) in [
        (Action::ExportSvg.shortcut(), "gmv.svg"),
        (Action::ExportPdf.shortcut(), "gmv.pdf"),
    ] {
        let path = dir.path().join(name);
        h.key_press_modifiers(shortcut.modifiers, shortcut.logical_key);
        h.run();
        assert!(h.state().export_dialog_open(), "{name}");
        replace_text(&mut h, "File", &path.display().to_string());
        h.get_by_label("Save").click();
        wait_for_render(&mut h);
        match notice(&h) {
            Notice::Done(text) => assert!(text.contains(name), "{text}"),
            other => panic!("{other:?}"),
        }
        let bytes = std::fs::read(&path).expect("written");
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".svg") {
            assert!(
                text.contains(&format!(r#"width="{}""#, SIZE.x)),
                "the window's size"
            );
            // Each word is a <tspan> where egui placed it.
            assert!(
                text.contains(">Gross ") && text.contains(">merchandise "),
                "the chart's title as text"
            );
            assert!(text.contains("Sources."), "the sources footer");
        } else {
            assert!(text.starts_with("%PDF-"));
            assert!(text.contains("/FontFile"), "fonts embedded");
        }
    }
}

#[test]
fn a_story_exports_as_a_pdf_deck_from_the_views_window() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("talk.pdf");
    let mut h = open(&store.path, None);
    h.key_press(Key::V);
    h.run();
    h.get_by_label(&format!("{SAMPLE_STORY} (8 steps)")).click();
    h.run();
    h.get_by_label("Export story as PDF deck…").click();
    h.run();
    replace_text(&mut h, "File", &path.display().to_string());
    h.get_by_label("Save").click();
    h.step();
    assert!(
        !h.state().is_presenting(),
        "a deck is drawn without presenting"
    );
    wait_for_render(&mut h);
    match notice(&h) {
        Notice::Done(text) => assert!(text.contains("PDF deck of 8 pages"), "{text}"),
        other => panic!("{other:?}"),
    }
    let bytes = std::fs::read(&path).expect("the deck");
    let text = String::from_utf8_lossy(&bytes);
    let pages = text
        .match_indices("/Type /Page")
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count();
    assert_eq!(pages, 8);
}

#[test]
fn a_png_in_a_missing_folder_is_refused_naming_the_path() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("missing").join("gmv.png");
    let mut h = open(&store.path, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    replace_text(&mut h, "File", &path.display().to_string());
    h.get_by_label("Save").click();
    h.run();
    assert!(!h.state().is_exporting());
    let folder = path.parent().expect("parent").display().to_string();
    assert!(
        h.query_all_by_label_contains(&folder).next().is_some(),
        "the error names the folder"
    );
}

/// Shift+E, the path typed, Save: steps until the writer thread is done (bounded; the sleep only
/// yields to it).
fn save_chart_csv(h: &mut Harness<'static, App>, path: &Path) {
    h.key_press_modifiers(Modifiers::SHIFT, Key::E);
    h.run();
    replace_text(h, "File", &path.display().to_string());
    h.get_by_label("Save").click();
    for _ in 0..500 {
        h.step();
        if !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    h.run();
}

#[test]
fn the_csv_file_holds_the_figures_copied_from_the_table() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("figures.csv");
    let mut h = open(&store.path, None);
    h.key_press(Key::Num6);
    h.run();
    h.get_by_label("Copy as CSV").click();
    h.step();
    let copied = ui_support::copied_text(&h).expect("the selection was copied");
    save_chart_csv(&mut h, &path);
    let written = std::fs::read_to_string(&path).expect("the CSV was written");
    assert_eq!(written, copied);
    assert!(written.starts_with("platform,metric,region,period,grain,value,unit,kind"));
    assert!(written.lines().count() > 10);
}

#[test]
fn the_gmv_view_exports_only_its_gmv_figures() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("gmv.csv");
    let mut h = open(&store.path, None);
    save_chart_csv(&mut h, &path);
    let written = std::fs::read_to_string(&path).expect("the CSV was written");
    let rows: Vec<&str> = written.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.split(',').nth(1) == Some("gmv")),
        "{written}"
    );
    match notice(&h) {
        Notice::Done(text) => assert!(
            text.contains(&format!("Saved {} figures", rows.len())),
            "{text}"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_story_exports_as_numbered_pngs_one_per_step() {
    let store = TempStore::sample();
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("talk");
    let mut h = open(&store.path, None);
    h.key_press(Key::V);
    h.run();
    h.get_by_label(&format!("{SAMPLE_STORY} (8 steps)")).click();
    h.run();
    h.get_by_label("Export PNGs…").click();
    h.run();
    replace_text(&mut h, "Folder", &out.display().to_string());
    h.get_by_label("Save").click();
    let ppps = answer_captures(&mut h, 8);
    assert!(ppps.iter().all(|p| *p == 1.5), "as presented: {ppps:?}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 8, "{names:?}");
    assert_eq!(names[0], "01-a-flood-of-duty-free-parcels.png");
    assert!(names[7].starts_with("08-"));
    for name in &names {
        assert_eq!(png_size(&out.join(name)), (SIZE.x as u32, SIZE.y as u32));
    }
    // Presenting ended and the notice says where the files went.
    assert!(!h.state().is_presenting());
    match notice(&h) {
        Notice::Done(text) => assert!(text.contains("Wrote 8 PNGs"), "{text}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_steps_caption_edited_in_the_views_window_is_stored() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.key_press(Key::V);
    h.run();
    h.get_by_label(&format!("{SAMPLE_STORY} (8 steps)")).click();
    h.run();
    h.query_all_by_label("Edit")
        .next()
        .expect("an Edit button")
        .click();
    h.run();
    assert!(
        h.query_by_label("Save step").is_some(),
        "the step editor is open"
    );
    let multiline = egui::accesskit::Role::MultilineTextInput;
    replace_in(
        &mut h,
        multiline,
        "Caption",
        "A new caption for the first step.",
    );
    replace_in(
        &mut h,
        multiline,
        "Highlights (platform ids or event titles, one a line)",
        "temu\nshein",
    );
    h.get_by_label("Save step").click();
    h.step();
    ui_support::wait_until_idle(&mut h);
    let story = Store::open(&store.path)
        .expect("store")
        .story(SAMPLE_STORY)
        .expect("reads")
        .expect("exists");
    assert_eq!(story.steps[0].caption, "A new caption for the first step.");
    assert_eq!(story.steps[0].highlights, vec!["temu", "shein"]);
    assert_eq!(story.steps[0].title, "A flood of duty-free parcels");
    assert_eq!(story.steps.len(), 8);
}

#[test]
fn presenting_hides_the_views_controls_and_draws_highlights() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert!(h.query_by_label("Reset zoom").is_some());
    assert!(h.query_by_label("Log scale").is_some());
    // On the dashboard nothing is emphasised.
    assert!(
        h.state()
            .drawn_emphasis()
            .iter()
            .all(|(_, _, e)| *e == Emphasis::Normal)
    );
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().is_presenting());
    assert!(h.query_by_label("Reset zoom").is_none());
    assert!(h.query_by_label("Log scale").is_none());
    // Step 3 highlights SHEIN and TEMU: they are strong, the other platforms dimmed.
    h.key_press(Key::ArrowRight);
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    let drawn = h.state().drawn_emphasis().to_vec();
    let of = |name: &str| {
        drawn
            .iter()
            .find(|(_, n, _)| n == name)
            .map(|(_, _, e)| *e)
            .unwrap_or_else(|| panic!("{name} not drawn: {drawn:?}"))
    };
    assert_eq!(of("SHEIN 希音"), Emphasis::Strong);
    assert_eq!(of("TEMU"), Emphasis::Strong);
    assert_eq!(of("TikTok Shop"), Emphasis::Dimmed);
    // The legend names the series without checkboxes: a slide has nothing to tick.
    h.get_by_label("TikTok Shop");
    assert_eq!(
        h.query_all_by_role(egui::accesskit::Role::CheckBox).count(),
        0
    );
    h.key_press(Key::Escape);
    h.run();
    // Back on the dashboard: the side panel's platform and the legend's entry are checkboxes.
    assert_eq!(
        h.query_all_by_role_and_label(egui::accesskit::Role::CheckBox, "TikTok Shop")
            .count(),
        2
    );
    h.run();
    assert!(
        h.state()
            .drawn_emphasis()
            .iter()
            .all(|(_, _, e)| *e == Emphasis::Normal)
    );
}

/// A story of two GMV steps (the sample's third step twice), the second zoomed to 2023–2025 on
/// a log axis from $10B to $100B.
fn zoomed_story(path: &Path) -> [f64; 4] {
    let sample = Store::open(path)
        .expect("store")
        .story(SAMPLE_STORY)
        .expect("reads")
        .expect("exists");
    let mut story = sample.clone();
    story.name = "Zoom".into();
    story.steps = vec![sample.steps[2].clone(), sample.steps[2].clone()];
    story.steps[1].title = "Zoomed in".into();
    let day = |y: i32| {
        marketscope::analysis::day_number(chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("date"))
    };
    let target = [day(2023), day(2025), 10.0, 11.0];
    story.steps[1].state["window"] = serde_json::json!({
        "chart": "gmv",
        "x": [target[0], target[1]],
        "y": [target[2], target[3]],
    });
    Store::open(path)
        .expect("store")
        .save_story(&story)
        .expect("saved");
    target
}

#[test]
fn the_next_step_moves_the_chart_to_its_window_and_ends_exactly_there() {
    let store = TempStore::sample();
    let target = zoomed_story(&store.path);
    let mut h = open(&store.path, None);
    h.key_press(Key::F5);
    h.run();
    h.get_by_label("Zoom (2 steps)").click();
    h.run();
    let fitted = h.state().chart_window().expect("a chart").bounds;
    assert!(
        fitted[0] < target[0],
        "the first step fits the data: {fitted:?}"
    );
    h.key_press(Key::ArrowRight);
    // Frame by frame (kittest advances a quarter of a second a frame): on the way, the window
    // is between the two; at the end, exactly the step's.
    let mut path = Vec::new();
    for _ in 0..10 {
        h.step();
        path.push(h.state().chart_window().expect("a chart").bounds);
    }
    let between = |w: &[f64; 4]| {
        (0..4).all(|i| {
            let (lo, hi) = (fitted[i].min(target[i]), fitted[i].max(target[i]));
            w[i] >= lo - 1e-9 && w[i] <= hi + 1e-9
        })
    };
    assert!(path.iter().all(between), "{path:?}");
    assert!(
        path.iter().any(|w| *w != fitted && *w != target),
        "an intermediate window: {path:?}"
    );
    let last = path.last().expect("frames");
    for i in 0..4 {
        assert!((last[i] - target[i]).abs() < 1e-6, "{last:?} vs {target:?}");
    }
    h.run();
    // Esc gives back the dashboard's own window (fitted to the data).
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().is_presenting());
    let back = h.state().chart_window().expect("a chart");
    assert!(back.bounds[0] < target[0], "{back:?}");
}

#[test]
fn a_saved_view_keeps_its_window_and_a_fitted_one_saves_none() {
    let store = TempStore::sample();
    let target = zoomed_story(&store.path);
    let zoomed = Store::open(&store.path)
        .expect("store")
        .story("Zoom")
        .expect("reads")
        .expect("exists")
        .steps[1]
        .state
        .clone();
    Store::open(&store.path)
        .expect("store")
        .save_view(&marketscope::model::SavedView {
            name: "Zoomed".into(),
            caption: String::new(),
            state: zoomed,
        })
        .expect("saved");
    let mut h = open(&store.path, None);
    // Untouched, the chart fits its data: saving it stores no window.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    replace_text(&mut h, "Name", "Fitted");
    h.get_by_label("Save").click();
    h.step();
    ui_support::wait_until_idle(&mut h);
    // Opening the zoomed view shows its window; saving it again keeps that window.
    h.key_press(Key::V);
    h.run();
    // The views are listed by name: Fitted, then Zoomed; each row's Open is beside its name.
    let row_y = h.get_by_label("Zoomed").rect().center().y;
    h.query_all_by_label("Open")
        .min_by(|a, b| {
            let da = (a.rect().center().y - row_y).abs();
            let db = (b.rect().center().y - row_y).abs();
            da.total_cmp(&db)
        })
        .expect("Open")
        .click();
    h.run();
    let shown = h.state().chart_window().expect("a chart").bounds;
    for i in 0..4 {
        assert!(
            (shown[i] - target[i]).abs() < 1e-6,
            "{shown:?} vs {target:?}"
        );
    }
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    replace_text(&mut h, "Name", "Again");
    h.get_by_label("Save").click();
    h.step();
    ui_support::wait_until_idle(&mut h);
    let views = Store::open(&store.path)
        .expect("store")
        .saved_views()
        .expect("views");
    let state = |name: &str| {
        views
            .iter()
            .find(|v| v.name == name)
            .unwrap_or_else(|| panic!("{name} saved: {views:?}"))
            .state
            .clone()
    };
    assert!(state("Fitted")["window"].is_null(), "{}", state("Fitted"));
    let again = &state("Again")["window"];
    assert_eq!(again["chart"], "gmv");
    let x0 = again["x"][0].as_f64().expect("x");
    assert!((x0 - target[0]).abs() < 1e-6, "{again}");
}
