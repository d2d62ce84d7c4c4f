//! Importing from the dashboard: a path typed into the import window, a good file and a bad one.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use marketscope::ui::Notice;
use ui_support::{TempStore, open, wait_until_idle};

const FIELD: &str = "CSV file path (several: separate with ;)";

fn import(h: &mut egui_kittest::Harness<'static, marketscope::ui::App>, path: &std::path::Path) {
    h.key_press(Key::O);
    h.run();
    h.get_by_label(FIELD).focus();
    h.run();
    h.get_by_label(FIELD).type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Import").click();
    // The loader is busy now (a spinner keeps repainting): step until it answers.
    wait_until_idle(h);
}

#[test]
fn a_good_csv_is_imported_and_charted() {
    let store = TempStore::sample();
    let csv = store.dir.path().join("extra.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,qualifier,source,source_url,note\n\
         temu,gmv,global,2025,70000000000,USD,estimate,about,Example Research,https://example.com/temu,Test figure\n",
    )
    .expect("write csv");
    let mut h = open(&store.path, None);
    let before = h
        .state()
        .snapshot()
        .map(|s| s.observations.len())
        .expect("loaded");
    import(&mut h, &csv);
    assert!(
        matches!(h.state().notice(), Some(Notice::Done(_))),
        "{:?}",
        h.state().notice()
    );
    assert_eq!(
        h.state().snapshot().map(|s| s.observations.len()),
        Some(before + 1)
    );
    // The chart may still settle its bounds around the new figure for a frame or two (more under
    // load): point at the figure where it is drawn now, as a person follows it with the mouse.
    for _ in 0..20 {
        let pos = ui_support::point_pos(&h, "gmv", "TEMU", "2025", 70e9);
        h.hover_at(pos);
        h.run();
        if h.query_by_label("about $70B · estimate").is_some() {
            break;
        }
    }
    h.get_by_label("about $70B · estimate");
    h.get_by_label("Source: Example Research");
}

#[test]
fn a_bad_csv_imports_nothing_and_says_where() {
    let store = TempStore::sample();
    let csv = store.dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,qualifier,source,source_url,note\n\
         temu,gmv,global,sometime,lots,USD,estimate,,Example,https://example.com,\n",
    )
    .expect("write csv");
    let mut h = open(&store.path, None);
    let before = h
        .state()
        .snapshot()
        .map(|s| s.observations.len())
        .expect("loaded");
    import(&mut h, &csv);
    match h.state().notice() {
        Some(Notice::Failed(message)) => {
            assert!(message.contains("nothing was imported"), "{message}");
            assert!(message.contains("bad.csv:2"), "{message}");
        }
        other => panic!("expected a failure notice, got {other:?}"),
    }
    h.get_by_label_contains("nothing was imported");
    assert_eq!(
        h.state().snapshot().map(|s| s.observations.len()),
        Some(before)
    );
}

#[test]
fn figures_another_program_writes_appear_without_a_restart() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let before = h
        .state()
        .snapshot()
        .map(|s| s.observations.len())
        .expect("loaded");
    // The command line (or any other connection) imports into the same file.
    let mut other = marketscope::store::Store::open(&store.path).expect("second connection");
    let csv = "platform,metric,region,period,value,unit,kind,qualifier,source,source_url,note\n\
               shein,gmv,global,2024,38000000000,USD,estimate,,Other Writer,https://example.com/w,\n";
    let parsed = marketscope::store::import::read_file(
        "other.csv",
        csv.as_bytes(),
        &marketscope::store::import::ImportOptions::default(),
    )
    .expect("parses");
    other.import(vec![parsed], false).expect("imports");
    // The loader polls the store's data version every two seconds; wait for it, boundedly.
    for _ in 0..1000 {
        h.step();
        if h.state().snapshot().map(|s| s.observations.len()) == Some(before + 1) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(
        h.state().snapshot().map(|s| s.observations.len()),
        Some(before + 1)
    );
    h.run();
    ui_support::point_pos(&h, "gmv", "SHEIN 希音", "2024", 38e9);
}
