//! Presenter mode, driven headless with the keys a clicker sends: stepping, blanking, leaving
//! back to the user's own settings; saving and opening views; a story built in the store.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marketscope::dashboard::settings::View;
use marketscope::model::Story;
use marketscope::store::Store;
use marketscope::ui::App;
use ui_support::{TempStore, open};

const SAMPLE_STORY: &str = "Cross-border e-commerce in 2025";

fn story(path: &std::path::Path, name: &str) -> Story {
    Store::open(path)
        .expect("store")
        .story(name)
        .expect("story reads")
        .expect("story exists")
}

fn press(h: &mut Harness<'static, App>, key: Key) {
    h.key_press(key);
    h.run();
}

fn shows(h: &Harness<'static, App>, text: &str) -> bool {
    h.query_by_label(text).is_some()
}

#[test]
fn a_clicker_walks_the_sample_story_and_esc_restores_the_view() {
    let store = TempStore::sample();
    let sample = story(&store.path, SAMPLE_STORY);
    assert_eq!(sample.steps.len(), 8);
    let mut h = open(&store.path, None);
    press(&mut h, Key::Num6);
    assert_eq!(h.state().settings().view, View::Table);
    let before = h.state().settings().clone();

    press(&mut h, Key::F5);
    assert!(h.state().is_presenting());
    assert!(shows(&h, &sample.steps[0].title));
    assert!(shows(&h, "1 / 8"));
    // The dashboard's chrome is gone.
    assert!(h.query_by_label("Import CSV…").is_none());

    press(&mut h, Key::ArrowRight);
    assert!(shows(&h, &sample.steps[1].title));
    assert!(shows(&h, "2 / 8"));
    assert!(!shows(&h, &sample.steps[0].title));
    let step_two: marketscope::dashboard::settings::Settings =
        serde_json::from_value(sample.steps[1].state.clone()).expect("step state");
    assert_eq!(h.state().settings().view, step_two.view);

    press(&mut h, Key::PageUp);
    assert!(shows(&h, &sample.steps[0].title));
    assert!(shows(&h, "1 / 8"));

    for key in [Key::Space, Key::PageDown, Key::Enter, Key::ArrowDown] {
        press(&mut h, key);
    }
    assert!(shows(&h, "5 / 8"));
    press(&mut h, Key::Backspace);
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::ArrowLeft);
    assert!(shows(&h, "2 / 8"));

    press(&mut h, Key::End);
    assert!(shows(&h, "8 / 8"));
    assert!(shows(&h, &sample.steps[7].title));
    // Past the end stays on the last step.
    press(&mut h, Key::ArrowRight);
    assert!(shows(&h, "8 / 8"));
    press(&mut h, Key::Home);
    assert!(shows(&h, "1 / 8"));

    press(&mut h, Key::B);
    assert_eq!(h.state().presenter_step(), Some((0, true)));
    assert!(!shows(&h, &sample.steps[0].title));
    assert!(!shows(&h, "1 / 8"));
    press(&mut h, Key::B);
    assert!(shows(&h, &sample.steps[0].title));

    press(&mut h, Key::Escape);
    assert!(!h.state().is_presenting());
    assert!(!shows(&h, &sample.steps[0].title));
    assert!(!shows(&h, "1 / 8"));
    assert_eq!(h.state().settings(), &before);
    assert!(shows(&h, "Import CSV…"));
    assert_eq!(h.ctx.zoom_factor(), 1.0);
}

#[test]
fn the_present_menu_lists_the_stories_and_starts_one() {
    let store = TempStore::sample();
    let sample = story(&store.path, SAMPLE_STORY);
    let mut h = open(&store.path, None);
    h.get_by_label("Present…").click();
    h.run();
    h.get_by_label(&format!("{SAMPLE_STORY} (8 steps)")).click();
    h.run();
    assert!(h.state().is_presenting());
    assert!(shows(&h, &sample.steps[0].title));
}

#[test]
fn a_three_step_story_from_the_store_is_presented_in_order() {
    let store = TempStore::sample();
    let sample = story(&store.path, SAMPLE_STORY);
    let mut short = sample.clone();
    short.name = "Three charts".into();
    short.steps.truncate(3);
    for (i, step) in short.steps.iter_mut().enumerate() {
        step.title = format!("Chart number {}", i + 1);
    }
    Store::open(&store.path)
        .expect("store")
        .save_story(&short)
        .expect("story saved");
    let mut h = open(&store.path, None);
    // Two stories now: F5 asks which.
    press(&mut h, Key::F5);
    assert!(!h.state().is_presenting());
    h.get_by_label("Three charts (3 steps)").click();
    h.run();
    assert!(shows(&h, "Chart number 1"));
    assert!(shows(&h, "1 / 3"));
    press(&mut h, Key::ArrowRight);
    assert!(shows(&h, "Chart number 2"));
    press(&mut h, Key::ArrowRight);
    assert!(shows(&h, "Chart number 3"));
    assert!(shows(&h, "3 / 3"));
    press(&mut h, Key::ArrowLeft);
    assert!(shows(&h, "Chart number 2"));
    press(&mut h, Key::Escape);
    assert!(!h.state().is_presenting());
}

#[test]
fn marketscope_present_starts_on_the_named_story() {
    let store = TempStore::sample();
    let sample = story(&store.path, SAMPLE_STORY);
    let path = store.path.clone();
    let mut h = Harness::builder()
        .with_size(ui_support::SIZE)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            App::with_storage(&cc.egui_ctx, path, None).present_on_load(SAMPLE_STORY.into())
        });
    ui_support::wait_until_idle(&mut h);
    assert!(h.state().is_presenting());
    assert!(shows(&h, &sample.steps[0].title));
    assert!(shows(&h, "1 / 8"));
    press(&mut h, Key::Escape);
    assert!(!h.state().is_presenting());
}

#[test]
fn a_saved_view_brings_the_selection_back() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let log_at_start = h.state().settings().log_scale;
    press(&mut h, Key::Num3);
    press(&mut h, Key::L);
    let saved = h.state().settings().clone();
    assert_eq!(saved.view, View::Downloads);
    assert_eq!(saved.log_scale, !log_at_start);

    h.get_by_label("Save view…").click();
    h.run();
    h.get_by_label("Name").click();
    h.run();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Downloads, log");
    h.run();
    h.get_by_label("Save").click();
    h.step();
    ui_support::wait_until_idle(&mut h);
    let views = Store::open(&store.path)
        .expect("store")
        .saved_views()
        .expect("views");
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].name, "Downloads, log");

    // Change the selection, then open the saved view from the Views window.
    press(&mut h, Key::Num1);
    press(&mut h, Key::L);
    assert_eq!(h.state().settings().view, View::Gmv);
    assert_eq!(h.state().settings().log_scale, log_at_start);
    press(&mut h, Key::V);
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(h.state().settings(), &saved);
}

/// Types into the text field labelled `label` (not the label itself).
fn type_into(h: &mut Harness<'static, App>, label: &str, text: &str) {
    let role = egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(role, label).click();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

fn add_step(h: &mut Harness<'static, App>, title: &str) {
    type_into(h, "Step title", title);
    h.get_by_label("Add step").click();
    h.step();
    ui_support::wait_until_idle(h);
}

#[test]
fn a_story_built_in_the_views_window_is_reordered_and_presented() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    press(&mut h, Key::Num1);
    press(&mut h, Key::V);
    type_into(&mut h, "New story's name", "My talk");
    add_step(&mut h, "GMV first");
    press(&mut h, Key::Num2);
    add_step(&mut h, "Then growth");
    press(&mut h, Key::Num3);
    add_step(&mut h, "Downloads last");
    let talk = story(&store.path, "My talk");
    let titles: Vec<&str> = talk.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["GMV first", "Then growth", "Downloads last"]);

    // Move the second step up, then remove the (new) last one... and add it back.
    h.get_by_label("My talk (3 steps)").click();
    h.run();
    h.get_all_by_label("Up")
        .nth(1)
        .expect("second step's Up")
        .click();
    h.step();
    ui_support::wait_until_idle(&mut h);
    let talk = story(&store.path, "My talk");
    let titles: Vec<&str> = talk.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Then growth", "GMV first", "Downloads last"]);

    press(&mut h, Key::V);
    press(&mut h, Key::Num7);
    press(&mut h, Key::F5);
    h.get_by_label("My talk (3 steps)").click();
    h.run();
    assert!(h.state().is_presenting());
    assert!(shows(&h, "Then growth"));
    assert_eq!(h.state().settings().view, View::Growth);
    press(&mut h, Key::Space);
    assert!(shows(&h, "GMV first"));
    assert_eq!(h.state().settings().view, View::Gmv);
    press(&mut h, Key::PageDown);
    assert!(shows(&h, "Downloads last"));
    assert!(shows(&h, "3 / 3"));
    press(&mut h, Key::Escape);
    assert_eq!(h.state().settings().view, View::Sources);
}

#[test]
fn hover_tooltips_work_while_presenting() {
    let store = TempStore::sample();
    let sample = story(&store.path, SAMPLE_STORY);
    let mut h = open(&store.path, None);
    press(&mut h, Key::F5);
    for _ in 0..4 {
        press(&mut h, Key::ArrowRight);
    }
    assert!(shows(&h, "5 / 8"));
    assert_eq!(sample.steps[4].title, "TikTok Shop approaches $100 billion");
    let pos = ui_support::point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    h.hover_at(pos);
    h.run();
    h.get_by_label("Source: 56ok");
    h.get_by_label("2025 · Gross merchandise value");
}
