//! Keyboard shortcuts, driven headless: views, toggles, the overlay, reset, and that typing in a
//! text field never triggers them.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use marketscope::dashboard::settings::{ThemeChoice, View};
use marketscope::ui::actions::Action;
use ui_support::{TempStore, open, point_pos};

#[test]
fn number_keys_switch_views() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let keys = [
        (Key::Num1, View::Gmv),
        (Key::Num2, View::Growth),
        (Key::Num3, View::Downloads),
        (Key::Num4, View::BrandSales),
        (Key::Num5, View::Events),
        (Key::Num6, View::Table),
        (Key::Num7, View::Sources),
        (Key::Num8, View::Metrics),
    ];
    for (key, view) in keys.into_iter().rev() {
        h.key_press(key);
        h.run();
        assert_eq!(h.state().settings().view, view, "{key:?}");
    }
}

#[test]
fn toggles_overlay_and_theme_by_key() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let before = h.state().settings().clone();
    for key in [Key::L, Key::E, Key::T] {
        h.key_press(key);
    }
    h.run();
    let s = h.state().settings();
    assert_eq!(s.log_scale, !before.log_scale);
    assert_eq!(s.show_events, !before.show_events);
    assert_eq!(s.theme, ThemeChoice::Light);
    assert_eq!(h.ctx.theme(), egui::Theme::Light);

    let count = |h: &egui_kittest::Harness<'static, marketscope::ui::App>, a: Action| {
        h.query_all_by_label(&a.label()).count()
    };
    let before: Vec<usize> = Action::all().iter().map(|a| count(&h, *a)).collect();
    h.key_press(Key::Questionmark);
    h.run();
    assert!(h.state().shortcuts_shown());
    h.get_by_label("Keyboard shortcuts");
    // Every action is listed by the overlay (some labels also appear elsewhere).
    for (action, was) in Action::all().iter().zip(before) {
        assert_eq!(count(&h, *action), was + 1, "{action:?}");
    }
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().shortcuts_shown());
}

#[test]
fn r_resets_the_zoom_and_shift_r_the_whole_view() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let home = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    // Scroll over the chart: zooms in time around the pointer.
    h.hover_at(home + egui::vec2(-200.0, 0.0));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let zoomed = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    assert!((zoomed.x - home.x).abs() > 5.0, "scrolling zoomed");
    h.remove_cursor();
    h.key_press(Key::R);
    h.run();
    let back = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    assert!((back.x - home.x).abs() < 0.5, "{back:?} vs {home:?}");

    h.key_press(Key::Num3);
    h.key_press(Key::L);
    h.run();
    h.key_press_modifiers(Modifiers::SHIFT, Key::R);
    h.run();
    let s = h.state().settings();
    assert_eq!((s.view, s.log_scale), (View::Gmv, true));

    // The same from the side panel's button.
    h.key_press(Key::L);
    h.run();
    h.get_by_label("Reset view").click();
    h.run();
    assert!(h.state().settings().log_scale);
}

#[test]
fn typing_in_a_text_field_does_not_trigger_shortcuts() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.key_press(Key::O);
    h.run();
    let field = h.get_by_label("CSV file path (several: separate with ;)");
    field.focus();
    h.run();
    h.get_by_label("CSV file path (several: separate with ;)")
        .type_text("l2");
    h.run();
    let s = h.state().settings();
    assert_eq!(s.view, View::Gmv);
    assert!(s.log_scale);
    assert_eq!(
        h.get_by_label("CSV file path (several: separate with ;)")
            .value()
            .as_deref(),
        Some("l2")
    );
}
