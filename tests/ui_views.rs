//! The dashboard's views, driven headless: every tab, the empty and error states, the side panel.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use egui_kittest::kittest::Queryable;
use marketscope::dashboard::settings::View;
use ui_support::{TempStore, open};

#[test]
fn opens_on_gmv_with_the_sample_and_every_tab_switches_its_view() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert_eq!(h.state().settings().view, View::Gmv);
    h.get_by_label_contains("Gross merchandise value");
    assert!(!ui_support::points(&h, "gmv", "TikTok Shop").is_empty());
    let views: Vec<View> = View::all().collect();
    for view in views.into_iter().rev() {
        h.get_by_label(&view.label()).click();
        h.run();
        assert_eq!(
            h.state().settings().view,
            view,
            "after clicking {}",
            view.label()
        );
    }
}

#[test]
fn an_empty_store_offers_the_sample_and_import() {
    let store = TempStore::empty();
    let mut h = open(&store.path, None);
    h.get_by_label("This store is empty");
    // In the top bar and in the empty state.
    assert_eq!(h.query_all_by_label("Import CSV…").count(), 2);
    h.get_by_label("Load the sample data").click();
    ui_support::wait_until_idle(&mut h);
    let sample = TempStore::sample();
    let expected = marketscope::store::Store::open(&sample.path)
        .expect("store")
        .observation_count()
        .expect("count");
    assert_eq!(
        h.state().snapshot().map(|s| s.observations.len()),
        Some(expected)
    );
    h.get_by_label_contains("Loaded the sample data.");
    assert!(!ui_support::points(&h, "gmv", "TikTok Shop").is_empty());
}

#[test]
fn a_broken_store_says_what_happened_and_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, b"these are my notes, not a database").expect("write");
    let mut h = open(&path, None);
    h.get_by_label("The store could not be opened");
    h.get_by_label_contains("not a SQLite database");
    h.get_by_label_contains("marketscope --db OTHER.db");
    h.get_by_label("Try again").click();
    ui_support::wait_until_idle(&mut h);
    h.get_by_label("The store could not be opened");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"these are my notes, not a database",
        "the file is left as it was"
    );
}

#[test]
fn an_empty_chart_says_why_and_how_to_get_figures() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    ui_support::click_in_side_panel(&mut h, "None");
    ui_support::click_in_side_panel(&mut h, "SHEIN 希音");
    ui_support::click_in_side_panel(&mut h, "Worldwide (or not specified)");
    ui_support::click_in_side_panel(&mut h, "Europe");
    h.get_by_label("Downloads").click();
    h.run();
    h.get_by_label("No downloads figures for SHEIN in Europe");
    h.get_by_label_contains("6 figures in other regions: United States (3), Worldwide (3)");
    h.get_by_label_contains("import a CSV");
}

#[test]
fn clicking_a_source_charts_only_its_figures() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.get_by_label("Sources").click();
    h.run();
    h.get_by_label("Cube Asia").click();
    h.run();
    let settings = h.state().settings();
    assert!(settings.source_filter.is_some());
    assert_eq!(
        settings.view,
        View::Gmv,
        "its figures are GMV: the GMV view opens"
    );
    h.get_by_label_contains("Only figures and events from Cube Asia");
    let drawn: Vec<_> = h
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == "gmv")
        .collect();
    assert!(!drawn.is_empty());
    assert!(
        drawn.iter().all(|p| p.platform == "tiktok_shop"),
        "Cube Asia only gives TikTok Shop"
    );
    h.get_by_label("Show all sources").click();
    h.run();
    assert!(h.state().settings().source_filter.is_none());
}

#[test]
fn the_events_view_lists_events_with_details_on_click() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.get_by_label("Events").click();
    h.run();
    let n = h
        .state()
        .snapshot()
        .map(|s| s.events.len())
        .expect("loaded");
    h.get_by_label_contains(&format!("{n} of {n} "));
    h.get_by_label("US raises de minimis threshold to USD 800")
        .click();
    h.run();
    assert_eq!(
        h.state().selected_event().map(|e| e.title.as_str()),
        Some("US raises de minimis threshold to USD 800")
    );
    h.get_by_label("Mar 2016 · policy · United States");
    // The source in the details panel (and in the table's source column).
    h.get_by_label("The US de minimis threshold for duty-free low-value imports was raised to USD 800 in March 2016.");
    assert_eq!(h.query_all_by_label("Red Stag Fulfillment").count(), 2);
}

#[test]
fn the_table_sorts_and_copies_the_selection_as_csv() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.get_by_label("Table").click();
    h.run();
    h.get_by_label_contains("rows match the side panel");
    h.get_by_label("Value").click();
    h.run();
    let s = h.state().settings();
    assert_eq!(
        (s.table_sort, s.table_ascending),
        (marketscope::dashboard::settings::TableColumn::Value, true)
    );
    h.get_by_label("Value ▲").click();
    h.run();
    assert!(!h.state().settings().table_ascending);

    h.get_by_label("Copy as CSV").click();
    h.step();
    let copied = ui_support::copied_text(&h).expect("text copied");
    let mut lines = copied.lines();
    assert_eq!(
        lines.next(),
        Some(
            "platform,metric,region,period,grain,value,unit,kind,qualifier,source,source_url,note,\
             platform_name,metric_name,region_name,metric_unit,fiscal_year_start,published,period_end,recorded"
        )
    );
    // Worldwide figures of platforms (not aggregates), largest first: Amazon's 2023 estimate.
    assert!(
        lines
            .next()
            .expect("a row")
            .starts_with("amazon,gmv,global,2023-01-01,year,729000000000,")
    );
    h.run();
    h.get_by_label_contains("rows as CSV");
}

#[test]
fn in_a_narrow_window_the_top_bar_tools_wrap_instead_of_covering_the_tabs() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let overlaps = |h: &egui_kittest::Harness<'static, marketscope::ui::App>| {
        let tab = h.get_by_label("Sources").rect();
        let import = h
            .query_all_by_label("Import CSV…")
            .map(|n| n.rect())
            .min_by(|a, b| a.top().total_cmp(&b.top()))
            .expect("the Import button");
        (tab.intersects(import), tab, import)
    };
    let (overlap, tab, import) = overlaps(&h);
    assert!(!overlap, "wide window: {tab:?} and {import:?}");
    assert!(
        (import.center().y - tab.center().y).abs() < 4.0,
        "one row when it fits"
    );
    // The window's minimum width: the tools need a second row.
    h.set_size(eframe::egui::vec2(960.0, 700.0));
    for _ in 0..3 {
        h.run();
    }
    let (overlap, tab, import) = overlaps(&h);
    assert!(!overlap, "narrow window: {tab:?} and {import:?}");
    assert!(
        import.top() >= tab.bottom(),
        "the tools wrapped under the tabs"
    );
    // Wide again: back on one row.
    h.set_size(ui_support::SIZE);
    for _ in 0..3 {
        h.run();
    }
    let (_, tab, import) = overlaps(&h);
    assert!((import.center().y - tab.center().y).abs() < 4.0);
}
