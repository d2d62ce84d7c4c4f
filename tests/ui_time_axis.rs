//! The time axis of hourly and weekly figures, driven headless: a Singles' Day ticker draws its
//! 24 hours apart, joined, under hour ticks with the day at midnight; weekly downloads get ISO
//! week ticks.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use marketscope::store::Store;
use marketscope::store::import::{ImportOptions, read_path};
use ui_support::{TempStore, open};

fn import(store: &TempStore, name: &str, csv: &str) {
    let csv_path = store.dir.path().join(name);
    std::fs::write(&csv_path, csv).expect("write csv");
    let file = read_path(&csv_path, &ImportOptions::default()).expect("the file reads");
    Store::open(&store.path)
        .expect("store")
        .import(vec![file], false)
        .expect("the file imports");
}

fn labels_of<'a>(h: &'a egui_kittest::Harness<'static, marketscope::ui::App>) -> Vec<&'a str> {
    h.state()
        .x_tick_labels()
        .iter()
        .flat_map(|(_, labels)| labels.iter().map(String::as_str))
        .collect()
}

#[test]
fn an_hourly_ticker_draws_each_hour_apart_under_hour_ticks() {
    let store = TempStore::empty();
    let mut csv = String::from("platform,metric,period,value,unit\n");
    for hour in 0..24 {
        csv.push_str(&format!(
            "Tmall,gmv_ticker,2025-11-11 {hour:02}:00,{},CNY billion\n",
            10 + hour
        ));
    }
    import(&store, "ticker.csv", &csv);
    let h = open(&store.path, None);
    let mut points = h.state().screen_points();
    assert_eq!(points.len(), 24, "every hour drawn");
    points.sort_by(|a, b| a.value.total_cmp(&b.value));
    // Hour by hour to the right, each its own x (not 24 figures stacked on one day).
    for w in points.windows(2) {
        assert!(w[1].pos.x > w[0].pos.x + 5.0, "{:?} then {:?}", w[0], w[1]);
    }
    assert_eq!(points[14].period, "11 Nov 2025 14:00");
    let labels = labels_of(&h);
    assert!(
        labels.contains(&"Tue 11 Nov"),
        "the day at midnight: {labels:?}"
    );
    let hours: Vec<&&str> = labels
        .iter()
        .filter(|l| l.len() == 5 && l.as_bytes()[2] == b':')
        .collect();
    assert!(hours.len() >= 3, "hour ticks: {labels:?}");
    assert!(
        !labels.iter().any(|l| l.contains("2025")),
        "no year ticks on one day: {labels:?}"
    );
}

#[test]
fn weekly_downloads_get_iso_week_ticks() {
    let store = TempStore::empty();
    let mut csv = String::from("platform,metric,period,value\n");
    for week in 44..50 {
        csv.push_str(&format!("TEMU,weekly_installs,2025-W{week},1.{week}M\n"));
    }
    import(&store, "weekly.csv", &csv);
    let h = open(&store.path, None);
    assert_eq!(h.state().screen_points().len(), 6);
    let labels = labels_of(&h);
    assert!(labels.contains(&"W46 2025"), "ISO weeks: {labels:?}");
    assert!(!labels.iter().any(|l| l.contains("Nov 2025")), "{labels:?}");
}
