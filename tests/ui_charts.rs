//! The charts, driven headless: provenance tooltips, measuring, legend and side-panel toggles,
//! computed growth, event markers, log and index.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use eframe::egui;
use egui_kittest::kittest::Queryable;
use marketscope::dashboard::chart_model::Mark;
use marketscope::dashboard::settings::View;
use ui_support::{TempStore, click_at, click_in_side_panel, open, point_pos, points};

#[test]
fn hovering_a_point_shows_value_kind_and_every_source() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    // TikTok Shop's 2025 GMV, $100B from two sources: 56ok's page calls it a target ("aims for",
    // a forecast), the Wallstreetcn article expects it to approach $100B (an estimate).
    let pos = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    h.hover_at(pos);
    h.run();
    assert_eq!(h.query_all_by_label("about $100B · forecast").count(), 1);
    assert_eq!(
        h.query_all_by_label("approaching $100B · estimate").count(),
        1
    );
    h.get_by_label("Source: 56ok");
    h.get_by_label("Source: Wallstreetcn, 9 Jan 2026");
    h.get_by_label("2025 · Gross merchandise value");
    // The line follows the surer kind, and says why.
    h.get_by_label_contains(
        "2 figures for 2025; the line follows Wallstreetcn's approaching $100B",
    );
}

#[test]
fn clicking_two_points_measures_change_and_cagr() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    // 2023: $20B (two sources agree; EchoTik's $11.09B is drawn lower). 2025: about $100B.
    let from = point_pos(&h, "gmv", "TikTok Shop", "2023", 20e9);
    let to = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    click_at(&mut h, from);
    h.get_by_label_contains("click a second point");
    click_at(&mut h, to);
    let m = h.state().measurement().expect("a measurement");
    // (100 / 20)^(1/2) - 1 = 123.6%, +400%, +$80B over exactly two years.
    let cagr = m.cagr_pct.unwrap_or_else(|| panic!("no CAGR: {m:?}"));
    assert!((cagr - 123.6068).abs() < 1e-3, "{cagr}");
    assert_eq!(m.years, 2.0);
    h.get_by_label("change +$80B · +400.0% · CAGR 123.6% a year over 2.00 years");
    // Copy gives one sentence for a memo: both figures with their sources, and the rates.
    h.get_by_label("Copy").click();
    h.step();
    let text = ui_support::copied_text(&h).expect("the measurement was copied");
    assert!(text.starts_with("From TikTok Shop 2023 ($20B, "), "{text}");
    assert!(
        text.contains(" to TikTok Shop 2025 (") && text.contains("$100B, "),
        "{text}"
    );
    assert!(
        text.contains("a change of +$80B, +400.0%, a CAGR of 123.6% a year over 2.00 years."),
        "{text}"
    );
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().measurement().is_none());
}

#[test]
fn a_click_pins_the_figure_so_its_source_can_be_copied_and_opened() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert!(h.query_by_label("Pinned figure").is_none());
    let pos = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    click_at(&mut h, pos);
    // The window stays after the pointer leaves the point.
    h.hover_at(egui::pos2(5.0, 5.0));
    h.run();
    h.get_by_label("Pinned figure");
    let pinned = h.state().pinned().expect("a pinned figure").clone();
    assert_eq!(pinned.value, 100e9);
    assert!(!pinned.figure.source.url.is_empty());
    // Its URL is a link to open.
    h.get_by_label(&pinned.figure.source.url);
    h.get_by_label("Copy figure").click();
    h.step();
    let text = ui_support::copied_text(&h).expect("the figure was copied");
    assert!(text.starts_with("TikTok Shop 2025: "), "{text}");
    assert!(text.contains(&pinned.figure.source.publisher), "{text}");
    assert!(text.contains(&pinned.figure.source.url), "{text}");
    h.run();
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().pinned().is_none());
    assert!(h.query_by_label("Pinned figure").is_none());
}

#[test]
fn unticking_a_platform_or_its_legend_entry_removes_its_series() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert!(!points(&h, "gmv", "TEMU").is_empty());

    // The side panel's checkbox (the legend has an entry of the same name further right).
    click_in_side_panel(&mut h, "TEMU");
    assert!(points(&h, "gmv", "TEMU").is_empty());
    assert!(!points(&h, "gmv", "SHEIN 希音").is_empty());
    assert_eq!(
        h.state().settings().platform_choice.get("temu"),
        Some(&false)
    );

    // The legend entry hides a series without touching the selection.
    let legend = h
        .query_all_by_label("SHEIN 希音")
        .max_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
        .expect("legend entry");
    legend.click();
    h.run();
    assert!(points(&h, "gmv", "SHEIN 希音").is_empty());
    assert!(!h.state().settings().platform_choice.contains_key("shein"));
}

#[test]
fn growth_is_computed_across_sources_beside_reported_growth() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.get_by_label("Growth").click();
    h.run();
    // Each grain is a series of its own: "TikTok Shop" (yearly), "TikTok Shop · half-yearly"...
    let tiktok: Vec<_> = h
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == "growth" && p.platform == "tiktok_shop" && p.region == "global")
        .collect();
    assert!(
        tiktok
            .iter()
            .any(|p| p.series == "TikTok Shop · half-yearly")
    );
    assert!(tiktok.iter().any(|p| p.mark == Mark::Reported));
    // 2024 over 2023: Cube Asia's $42B over the $20B two other sources give: +110%.
    let computed = tiktok
        .iter()
        .find(|p| p.mark == Mark::Computed && p.period == "2024")
        .expect("computed 2024 growth");
    assert!((computed.value - 110.0).abs() < 1e-9);
    let pos = computed.pos;
    h.hover_at(pos);
    h.run();
    h.get_by_label("110% · estimate · computed from GMV");
    h.get_by_label_contains("Derived across sources: Cube Asia");
}

#[test]
fn stacked_gmv_and_growth_share_one_time_axis() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.key_press(egui::Key::Num2);
    h.key_press(egui::Key::S);
    h.run();
    assert!(h.state().settings().stack_gmv_with_growth);
    let gmv = point_pos(&h, "growth-stack-gmv", "TikTok Shop", "2024", 42e9);
    let growth = points(&h, "growth", "TikTok Shop")
        .into_iter()
        .find(|p| p.mark == Mark::Computed && p.period == "2024")
        .expect("2024 growth")
        .pos;
    // Same period, same x: the axes are linked.
    assert!((gmv.x - growth.x).abs() < 1.0, "{} vs {}", gmv.x, growth.x);
    assert!(gmv.y < growth.y, "GMV is drawn above growth");
}

#[test]
fn event_markers_show_their_title_and_open_details_on_click() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let title = "US ends de minimis for China/HK parcels";
    let marker = h
        .state()
        .screen_events()
        .iter()
        .find(|e| e.chart == "gmv" && e.title == title)
        .expect("the de minimis event is on the GMV chart")
        .pos;
    // Move a little below the middle, away from any point.
    let pos = marker + egui::vec2(0.0, 1.0);
    h.hover_at(pos);
    h.run();
    h.get_by_label(title);
    click_at(&mut h, pos);
    assert_eq!(
        h.state().selected_event().map(|e| e.title.as_str()),
        Some(title)
    );
    h.get_by_label("Source");
    h.get_by_label("Close").click();
    h.run();
    assert!(h.state().selected_event().is_none());

    // Unticking the policy category takes it off the chart.
    click_in_side_panel(&mut h, "policy");
    assert!(!h.state().screen_events().iter().any(|e| e.title == title));
}

#[test]
fn log_and_index_change_the_axis_and_say_so() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert!(h.state().settings().log_scale, "GMV starts on a log scale");
    h.get_by_label("Gross merchandise value (USD, log scale)");
    h.key_press(egui::Key::L);
    h.run();
    assert!(!h.state().settings().log_scale);
    h.get_by_label("Gross merchandise value (USD)");
    h.key_press(egui::Key::I);
    h.run();
    assert!(h.state().settings().index_to_100);
    h.get_by_label("Gross merchandise value, indexed (2023 = 100)");
    // TikTok Shop 2025 over its 2023 headline of $20B: 500.
    let pos = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    h.hover_at(pos);
    h.run();
    assert_eq!(h.query_all_by_label("Index 500 (2023 = 100)").count(), 2);
    assert_eq!(h.state().settings().view, View::Gmv);
}

#[test]
fn shift_dragging_across_a_range_measures_its_first_and_last_years() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let from = point_pos(&h, "gmv", "TikTok Shop", "2023", 20e9);
    let to = point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    h.hover_at(from);
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::SHIFT,
    });
    for i in 1..=10 {
        h.hover_at(from + (to - from) * (i as f32 / 10.0));
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::SHIFT,
    });
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
    // The yearly figures in the range: 2023 ($20B) to 2025 ($100B); quarters are left aside.
    let m = h.state().measurement().expect("a measurement");
    assert_eq!(
        (m.from.label(), m.to.label()),
        ("2023".to_string(), "2025".to_string())
    );
    let cagr = m.cagr_pct.expect("a CAGR");
    assert!((cagr - 123.6068).abs() < 1e-3, "{cagr}");
    // Dragging with Shift measured; it did not pan the chart.
    assert_eq!(point_pos(&h, "gmv", "TikTok Shop", "2023", 20e9), from);
}

#[test]
fn a_single_period_metric_is_a_bar_chart_with_provenance() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.get_by_label("Brand sales").click();
    h.run();
    h.get_by_label_contains("Brands with daily sales over 2x Amazon")
        .click();
    h.run();
    h.get_by_label("Every figure shown is for Nov 2025: compared side by side, from zero.");
    // Bars are drawn from zero even with the log scale on (the default): a bar's length is its value.
    assert!(h.state().settings().log_scale);
    assert!(h.query_by_label_contains("(log scale)").is_none());
    h.get_by_label("Brands with daily sales over 2x Amazon");
    let bar = point_pos(&h, "brand-bars", "AliExpress 速卖通", "Nov 2025", 300.0);
    // Hover inside the bar, a little under its top.
    h.hover_at(bar + egui::vec2(0.0, 20.0));
    h.run();
    h.get_by_label("more than 300 · actual");
    h.get_by_label_contains("Source: Wallstreetcn");
}

#[test]
fn alt_clicking_a_legend_entry_shows_that_series_alone() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let legend = |h: &egui_kittest::Harness<'static, marketscope::ui::App>| {
        h.query_all_by_label("TEMU")
            .max_by(|a, b| a.rect().left().total_cmp(&b.rect().left()))
            .expect("legend entry")
            .rect()
            .center()
    };
    let pos = legend(&h);
    ui_support::click_at_with(&mut h, pos, egui::Modifiers::ALT);
    let drawn: std::collections::BTreeSet<String> = h
        .state()
        .screen_points()
        .iter()
        .filter(|p| p.chart == "gmv")
        .map(|p| p.series.clone())
        .collect();
    assert_eq!(drawn.into_iter().collect::<Vec<_>>(), ["TEMU"]);
    // Alt-click again: everything is back.
    let pos = legend(&h);
    ui_support::click_at_with(&mut h, pos, egui::Modifiers::ALT);
    assert!(!points(&h, "gmv", "TikTok Shop").is_empty());
}

#[test]
fn the_parent_company_shows_on_hover_in_the_side_panel() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    ui_support::leftmost(&h, "AliExpress 速卖通").hover();
    h.run();
    h.get_by_label("Parent company: Alibaba Group 阿里巴巴");
}

#[test]
fn a_quick_range_above_the_chart_sets_the_range_and_refits_the_axis() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let start = |h: &egui_kittest::Harness<'static, marketscope::ui::App>| {
        h.state().chart_window().expect("a chart is drawn").bounds[0]
    };
    let latest_year = h
        .state()
        .snapshot()
        .and_then(|s| s.observations.iter().map(|o| o.period.start).max())
        .map(|d| chrono::Datelike::year(&d))
        .expect("figures");
    let first_day = marketscope::analysis::day_number(
        chrono::NaiveDate::from_ymd_opt(latest_year - 2, 1, 1).expect("a date"),
    );
    assert!(
        start(&h) < first_day - 365.0,
        "the sample starts years earlier"
    );
    h.get_by_label("last 3 years").click();
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(h.state().settings().from_year, Some(latest_year - 2));
    // Refitted at once (no R): the axis starts at the range, less the chart's small margin.
    let now = start(&h);
    assert!(
        now > first_day - 120.0 && now <= first_day,
        "axis starts at day {now}, the range at {first_day}"
    );
    h.get_by_label("all").click();
    for _ in 0..3 {
        h.run();
    }
    assert_eq!(h.state().settings().from_year, None);
    assert!(start(&h) < first_day - 365.0);
}

#[test]
fn the_grain_choice_shows_one_grain_alone_or_all() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    let grains = |h: &egui_kittest::Harness<'static, marketscope::ui::App>| {
        let mut labels: Vec<String> = h
            .state()
            .screen_points()
            .into_iter()
            .filter(|p| p.chart == "gmv")
            .map(|p| p.series)
            .collect();
        labels.sort();
        labels.dedup();
        labels
    };
    // Yearly and quarterly TikTok Shop are two series (two legend entries).
    assert!(grains(&h).iter().any(|s| s == "TikTok Shop"));
    assert!(grains(&h).iter().any(|s| s == "TikTok Shop · quarterly"));
    h.get_by_label("quarterly").click();
    h.run();
    let only: std::collections::BTreeSet<_> =
        [marketscope::model::Grain::Quarter].into_iter().collect();
    assert_eq!(h.state().settings().grains, only);
    let points: Vec<_> = h
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == "gmv")
        .collect();
    assert!(!points.is_empty());
    assert!(
        points.iter().all(|p| p.period.contains('Q')),
        "only quarters drawn"
    );
    h.get_by_label("all grains").click();
    h.run();
    assert_eq!(
        h.state().settings().grains.len(),
        marketscope::model::Grain::ALL.len()
    );
}
