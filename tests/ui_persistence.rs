//! Settings survive a restart: what eframe saves is what the next app starts with.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use egui_kittest::kittest::Queryable;
use marketscope::dashboard::settings::{ThemeChoice, View};
use ui_support::{MemoryStorage, TempStore, click_in_side_panel, open};

#[test]
fn view_selections_toggles_and_theme_round_trip() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    click_in_side_panel(&mut h, "TEMU");
    click_in_side_panel(&mut h, "United States");
    h.get_by_label("Log scale").click();
    h.get_by_label("Light").click();
    h.get_by_label("Growth").click();
    h.run();
    let chosen = h.state().settings().clone();
    assert_eq!(chosen.view, View::Growth);
    assert_eq!(chosen.theme, ThemeChoice::Light);
    assert!(!chosen.log_scale);

    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    drop(h);

    let reopened = open(&store.path, Some(&storage));
    let restored = reopened.state().settings();
    assert_eq!(restored, &chosen);
    assert_eq!(restored.platform_choice.get("temu"), Some(&false));
    assert_eq!(restored.region_choice.get("us"), Some(&true));
    // And the restored app shows it: the Growth view, US series included, no TEMU.
    let drawn = reopened.state().screen_points();
    assert!(
        drawn
            .iter()
            .any(|p| p.chart == "growth" && p.region == "us")
    );
    assert!(!drawn.iter().any(|p| p.platform == "temu"));
    assert_eq!(reopened.ctx.theme(), eframe::egui::Theme::Light);
}

#[test]
fn a_fresh_start_uses_the_defaults() {
    let store = TempStore::sample();
    let h = open(&store.path, Some(&MemoryStorage::default()));
    assert_eq!(
        h.state().settings(),
        &marketscope::dashboard::settings::Settings::default()
    );
}
