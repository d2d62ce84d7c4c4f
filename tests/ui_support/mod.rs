//! Shared by the headless UI tests: temporary stores, the real app in an egui_kittest harness,
//! waiting for the loader thread, finding widgets and drawn points.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

use eframe::egui;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, Node};
use marketscope::store::Store;
use marketscope::ui::App;
use marketscope::ui::interaction::ScreenPoint;

/// Where the app keeps its language in eframe's storage (`ui::persistence`).
pub const LANGUAGE_KEY: &str = "marketscope.language.v1";

pub const SIZE: egui::Vec2 = egui::vec2(1440.0, 900.0);

/// A store file in its own temporary directory.
pub struct TempStore {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempStore {
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.db");
        Store::open(&path).expect("new store");
        Self { dir, path }
    }

    pub fn sample() -> Self {
        let s = Self::empty();
        Store::open(&s.path)
            .expect("store")
            .load_sample()
            .expect("sample loads");
        s
    }
}

/// eframe's storage, in memory.
#[derive(Default)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// The real app on `path`, loaded and settled.
pub fn open(path: &std::path::Path, storage: Option<&MemoryStorage>) -> Harness<'static, App> {
    open_store(path.to_path_buf().into(), storage)
}

/// The real app on a store on either engine, loaded and settled.
pub fn open_store(
    location: marketscope::store::Location,
    storage: Option<&MemoryStorage>,
) -> Harness<'static, App> {
    let path = location;
    let storage: Option<MemoryStorage> = storage.map(|s| MemoryStorage(s.0.clone()));
    let mut harness = Harness::builder()
        .with_size(SIZE)
        .with_max_steps(12)
        .build_eframe(move |cc| {
            let remembered = storage
                .as_ref()
                .is_some_and(|s| s.0.contains_key(LANGUAGE_KEY));
            let app = App::with_storage(
                &cc.egui_ctx,
                path,
                storage.as_ref().map(|s| s as &dyn eframe::Storage),
            );
            // English whatever the machine's locale, unless a test stored a language.
            if remembered {
                app
            } else {
                app.with_language(marketscope::i18n::Lang::En)
            }
        });
    wait_until_idle(&mut harness);
    harness
}

/// Steps until the loader thread has answered everything asked so far. The loop is bounded; the
/// sleep only yields to the loader thread, and no assertion depends on timing.
pub fn wait_until_idle(harness: &mut Harness<'static, App>) {
    for _ in 0..2000 {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(!harness.state().is_busy(), "the loader never finished");
    harness.run();
}

/// The node with this exact label whose widget is furthest left (the side panel, not a legend).
pub fn leftmost<'t>(harness: &'t Harness<'static, App>, label: &'t str) -> Node<'t> {
    harness
        .query_all_by_label(label)
        .min_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .unwrap_or_else(|| panic!("no widget labelled {label:?}"))
}

/// Clicks the side panel's widget with this label, scrolling the panel to it first.
pub fn click_in_side_panel(harness: &mut Harness<'static, App>, label: &str) {
    leftmost(harness, label).scroll_to_me();
    harness.run();
    leftmost(harness, label).click();
    harness.run();
}

/// The points drawn for a series in a chart, as of the last frame.
pub fn points(harness: &Harness<'static, App>, chart: &str, series: &str) -> Vec<ScreenPoint> {
    harness
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == chart && p.series == series)
        .collect()
}

pub fn click_label(harness: &mut Harness<'static, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// A primary click at a screen position, as a mouse does it: move, press, release.
pub fn click_at(harness: &mut Harness<'static, App>, pos: egui::Pos2) {
    click_at_with(harness, pos, egui::Modifiers::NONE);
}

pub fn click_at_with(
    harness: &mut Harness<'static, App>,
    pos: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    harness.hover_at(pos);
    harness.event(egui::Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run();
}

/// The drawn point of `series` for the period labelled `period` (the first one, when several
/// sources give that period: they are drawn at the same place when they agree).
pub fn point_pos(
    harness: &Harness<'static, App>,
    chart: &str,
    series: &str,
    period: &str,
    value: f64,
) -> egui::Pos2 {
    points(harness, chart, series)
        .into_iter()
        .find(|p| p.period == period && p.value == value)
        .unwrap_or_else(|| panic!("{series} {period} = {value} is not drawn in {chart}"))
        .pos
}

/// The text the last frame copied to the clipboard, if it copied any.
pub fn copied_text(h: &Harness<'static, App>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}
