//! The Metrics view and a store of the user's own metrics: a new store of monthly share prices
//! opens on their chart, every metric is listed with its counts, negative values draw and a log
//! scale refuses them, and a metric known only by id is given a name.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use std::collections::{BTreeMap, BTreeSet};

use eframe::egui::Key;
use egui_kittest::kittest::Queryable;
use marketscope::dashboard::chart_model::{ChartSpec, YMode, build_chart};
use marketscope::dashboard::settings::View;
use marketscope::model::format::grouped;
use marketscope::store::Store;
use marketscope::store::import::{ImportOptions, read_path};
use ui_support::{TempStore, open, wait_until_idle};

const COMPANIES: [&str; 5] = ["ACME", "Globex", "Initech", "Umbrella", "Hooli"];
const MONTHS: usize = 112;

/// Imports `csv` into the store at `path` through the real importer, as `marketscope import`
/// does.
fn import(path: &std::path::Path, csv_path: &std::path::Path, csv: &str) {
    std::fs::write(csv_path, csv).expect("write csv");
    let file = read_path(csv_path, &ImportOptions::default()).expect("the file reads");
    Store::open(path)
        .expect("store")
        .import(vec![file], false)
        .expect("the file imports");
}

/// 560 monthly share prices of five companies, each dated the first of its month.
fn share_prices() -> String {
    let mut csv = String::from("company,metric,date,price,unit\n");
    for (c, company) in COMPANIES.iter().enumerate() {
        for m in 0..MONTHS {
            let (year, month) = (2000 + m / 12, m % 12 + 1);
            let price = 10.0 + c as f64 * 5.0 + m as f64 * 0.25;
            csv.push_str(&format!(
                "{company},share_price,{year}-{month:02}-01,{price},USD\n"
            ));
        }
    }
    csv
}

#[test]
fn a_store_of_only_share_prices_opens_on_their_chart() {
    let store = TempStore::empty();
    import(
        &store.path,
        &store.dir.path().join("prices.csv"),
        &share_prices(),
    );
    let h = open(&store.path, None);
    let settings = h.state().settings().clone();
    assert_eq!(settings.view, View::Metrics);
    assert_eq!(settings.metric, "share_price");
    assert_eq!(h.query_all_by_label_contains("No GMV figures").count(), 0);
    // The list holds what can be charted; the catalogue's empty metrics are named apart.
    assert_eq!(h.query_all_by_label_contains("· 0 figures").count(), 0);
    h.get_by_label_contains("In the catalogue without figures: Gross merchandise value");
    h.get_by_label("share_price · USD · 560 figures · 5 platforms");
    let points: Vec<_> = h
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == "metrics")
        .collect();
    assert_eq!(points.len(), COMPANIES.len() * MONTHS);
    let series: BTreeSet<&str> = points.iter().map(|p| p.series.as_str()).collect();
    assert_eq!(series.len(), COMPANIES.len());
    // Day figures a month apart are one line each: every neighbour joined, no loose dots.
    let snap = h.state().snapshot().expect("loaded");
    let spec = ChartSpec {
        metric: "share_price".into(),
        derived_from: None,
        y_mode: YMode::Log,
    };
    let model = build_chart(snap, &settings, &spec);
    assert_eq!(model.series.len(), COMPANIES.len());
    for s in &model.series {
        assert_eq!(s.segments.len(), MONTHS - 1, "{} is broken", s.name);
    }
}

#[test]
fn the_metrics_view_lists_every_metric_with_its_counts() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.key_press(Key::Num8);
    h.run();
    assert_eq!(h.state().settings().view, View::Metrics);
    let snap = h.state().snapshot().expect("loaded").clone();
    let mut figures: BTreeMap<&str, usize> = BTreeMap::new();
    let mut platforms: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for o in &snap.observations {
        *figures.entry(&o.metric).or_default() += 1;
        platforms.entry(&o.metric).or_default().insert(&o.platform);
    }
    assert!(figures.len() >= 5, "the sample has several metrics");
    for (metric, n) in &figures {
        let known = snap.metric(metric).expect("catalogued");
        let p = platforms[metric].len();
        let label = format!(
            "{} · {} · {} figure{} · {p} platform{}",
            known.name,
            known.unit.as_str(),
            grouped(*n),
            if *n == 1 { "" } else { "s" },
            if p == 1 { "" } else { "s" }
        );
        assert_eq!(h.query_all_by_label(&label).count(), 1, "{label}");
    }
    for group in ["GMV & sales", "Downloads & users", "Sellers & brands"] {
        h.get_by_label(group);
    }
    // The Growth group's heading beside the Growth tab.
    assert_eq!(h.query_all_by_label("Growth").count(), 2);
    // A click charts that metric.
    let sellers = snap.metric("sellers").expect("sellers").name.clone();
    h.get_by_label_contains(&format!("{sellers} · count"))
        .click();
    h.run();
    assert_eq!(h.state().settings().metric, "sellers");
    assert!(
        h.state()
            .screen_points()
            .iter()
            .any(|p| p.chart == "metrics")
    );
}

#[test]
fn negative_values_draw_and_a_log_scale_refuses_them_saying_why() {
    let store = TempStore::empty();
    import(
        &store.path,
        &store.dir.path().join("profit.csv"),
        "platform,metric,period,value,unit\n\
         ACME,operating_margin,2020,5,percent\n\
         ACME,operating_margin,2021,-2,percent\n\
         ACME,operating_margin,2022,3,percent\n",
    );
    let mut h = open(&store.path, None);
    assert_eq!(h.state().settings().view, View::Metrics);
    assert!(h.state().settings().log_scale, "log is the default");
    h.get_by_label_contains("Not drawn on a log scale");
    h.get_by_label_contains("ACME (1 figure of zero or less)");
    assert!(h.state().screen_points().is_empty());
    h.key_press(Key::L);
    h.run();
    let points: Vec<_> = h
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == "metrics")
        .collect();
    assert_eq!(points.len(), 3);
    let at = |value: f64| {
        points
            .iter()
            .find(|p| p.value == value)
            .unwrap_or_else(|| panic!("no point of {value}"))
            .pos
    };
    // Screen y grows downwards: the loss sits below both profits.
    assert!(at(-2.0).y > at(3.0).y && at(3.0).y > at(5.0).y);
    assert_eq!(
        h.query_all_by_label_contains("Not drawn on a log scale")
            .count(),
        0
    );
}

#[test]
fn a_metric_known_only_by_id_is_named_from_the_metrics_view() {
    let store = TempStore::empty();
    import(
        &store.path,
        &store.dir.path().join("prices.csv"),
        &share_prices(),
    );
    let mut h = open(&store.path, None);
    h.get_by_label_contains("known only by id").click();
    h.run();
    let role = eframe::egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(role, "Metric share_price:").focus();
    h.run();
    h.get_by_role_and_label(role, "Metric share_price:")
        .type_text("Share price");
    h.run();
    h.query_all_by_label("Save name")
        .next()
        .expect("a save button")
        .click();
    wait_until_idle(&mut h);
    let snap = h.state().snapshot().expect("loaded");
    assert_eq!(
        snap.metric("share_price").map(|m| m.name.as_str()),
        Some("Share price")
    );
    assert!(h.query_all_by_label_contains("Share price · USD").count() >= 1);
}

#[test]
fn a_formula_metric_is_listed_and_charted_from_its_inputs() {
    let store = TempStore::sample();
    let catalogue = Store::open(&store.path)
        .expect("store")
        .metrics()
        .expect("metrics");
    let metric = marketscope::analysis::formula_series::define(
        "gmv_per_download",
        "gmv / downloads",
        Some("GMV per download"),
        None,
        &catalogue,
        &BTreeSet::new(),
    )
    .expect("defined");
    Store::open(&store.path)
        .expect("store")
        .add_formula_metric(&metric, "gmv / downloads")
        .expect("added");
    let mut h = open(&store.path, None);
    h.key_press(Key::Num8);
    h.run();
    h.get_by_label_contains("GMV per download · USD per download · 3 figures · 2 platforms")
        .click();
    h.run();
    wait_until_idle(&mut h);
    assert_eq!(h.state().settings().metric, "gmv_per_download");
    h.get_by_label_contains("A formula metric: gmv / downloads");
    let points: Vec<_> = h
        .state()
        .screen_points()
        .into_iter()
        .filter(|p| p.chart == "metrics")
        .collect();
    assert_eq!(points.len(), 3, "{points:?}");
    // Each drawn figure is its period's headline GMV over its headline downloads.
    let snap = h.state().snapshot().expect("loaded");
    let one = |metric: &str, platform: &str, year: i32| {
        let found: Vec<_> = snap
            .observations
            .iter()
            .filter(|o| {
                o.metric == metric
                    && o.platform == platform
                    && o.period == marketscope::model::Period::year(year).unwrap()
            })
            .collect();
        // The figure the line follows when sources disagree (here an estimate over a forecast).
        marketscope::analysis::headline(&found)
            .unwrap_or_else(|| panic!("no {metric} {platform} {year}"))
            .clone()
    };
    let derived = one("gmv_per_download", "shein", 2022);
    let (gmv, downloads) = (one("gmv", "shein", 2022), one("downloads", "shein", 2022));
    assert!((derived.value - gmv.value / downloads.value).abs() < 1e-9);
    assert!(derived.source.publisher.contains(&gmv.source.publisher));
    assert!(
        derived
            .source
            .publisher
            .contains(&downloads.source.publisher)
    );
    // The tooltip's note: the formula, then each input's figure and publisher.
    assert!(
        derived
            .note
            .starts_with("formula gmv / downloads · downloads "),
        "{}",
        derived.note
    );
    assert!(
        derived
            .note
            .contains(&format!("({})", gmv.source.publisher)),
        "{}",
        derived.note
    );
}

#[test]
fn a_formula_metric_is_typed_checked_and_added_in_the_metrics_view() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.key_press(Key::Num8);
    h.run();
    h.get_by_label("New formula metric").click();
    h.run();
    let role = eframe::egui::accesskit::Role::TextInput;
    let type_into =
        |h: &mut egui_kittest::Harness<'static, marketscope::ui::App>, field: &str, text: &str| {
            h.get_by_role_and_label(role, field).focus();
            h.run();
            h.get_by_role_and_label(role, field).type_text(text);
            h.run();
        };
    type_into(&mut h, "Id", "per_dl");
    type_into(&mut h, "Formula", "gmv + downloads");
    h.run();
    // Checked as typed: the units do not combine, and Add stays off.
    h.get_by_label_contains("cannot add USD and count");
    // The form is below the list: scrolled to, as a person would.
    h.get_by_label("Add formula metric").scroll_to_me();
    h.run_steps(30);
    h.get_by_label("Add formula metric").click();
    h.run();
    wait_until_idle(&mut h);
    assert!(h.state().snapshot().expect("loaded").formulas.is_empty());

    h.get_by_role_and_label(role, "Formula").focus();
    h.run();
    for _ in 0.."gmv + downloads".len() {
        h.key_press(Key::Backspace);
    }
    h.run();
    type_into(&mut h, "Formula", "gmv / downloads");
    type_into(&mut h, "Name", "GMV per download");
    h.get_by_label_contains("Its unit: USD per download");
    // The form is below the list: scrolled to, as a person would.
    h.get_by_label("Add formula metric").scroll_to_me();
    h.run_steps(30);
    h.get_by_label("Add formula metric").click();
    wait_until_idle(&mut h);
    let snap = h.state().snapshot().expect("loaded").clone();
    assert_eq!(
        snap.formulas.get("per_dl").map(|f| f.formula.as_str()),
        Some("gmv / downloads")
    );
    assert!(snap.observations.iter().any(|o| o.metric == "per_dl"));
    h.get_by_label_contains("GMV per download · USD per download · 3 figures");
    // Kept in the store, as `metrics add` would have.
    let stored = Store::open(&store.path)
        .expect("store")
        .formulas()
        .expect("read");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].metric, "per_dl");
}

#[test]
fn a_cny_chart_converts_to_usd_at_each_years_rate_and_says_which_years_have_none() {
    use marketscope::dashboard::settings::{STORAGE_KEY, Settings};
    let store = TempStore::sample();
    let mut storage = ui_support::MemoryStorage::default();
    let settings = Settings {
        view: View::Metrics,
        metric: "revenue".into(),
        log_scale: false,
        ..Settings::default()
    };
    eframe::set_value(&mut storage, STORAGE_KEY, &settings);
    let mut h = open(&store.path, Some(&storage));
    let snap = h.state().snapshot().expect("loaded").clone();
    let figure = |metric: &str, platform: &str, period: &str| {
        snap.observations
            .iter()
            .find(|o| o.metric == metric && o.platform == platform && o.period.label() == period)
            .unwrap_or_else(|| panic!("no {platform} {metric} {period} in the sample"))
            .value
    };
    let drawn = |h: &egui_kittest::Harness<'static, marketscope::ui::App>, period: &str| {
        h.state()
            .screen_points()
            .into_iter()
            .find(|p| p.chart == "metrics" && p.platform == "pdd_holdings" && p.period == period)
            .map(|p| p.value)
    };
    let revenue_2023_cny = figure("revenue", "pdd_holdings", "2023");
    assert_eq!(
        drawn(&h, "2023"),
        Some(revenue_2023_cny),
        "as published: CNY"
    );
    assert!(drawn(&h, "2024").is_some());

    ui_support::click_in_side_panel(&mut h, "USD");
    assert_eq!(
        h.state().settings().display_currency.as_deref(),
        Some("USD")
    );
    let rate_2023 = figure("fx_rate", "cny", "2023");
    let usd = drawn(&h, "2023").expect("2023 converted");
    assert!(
        (usd - revenue_2023_cny / rate_2023).abs() < 1e-6 * usd,
        "{usd} = {revenue_2023_cny} / {rate_2023}"
    );
    assert_eq!(drawn(&h, "2024"), None, "no CNY rate for 2024: left out");
    h.get_by_label_contains("Converted to USD at each period's average rate");
    h.get_by_label_contains("not converted: no CNY rate for 2024");
    h.get_by_label_contains("Revenue (CNY), converted to USD");
    // The tooltip gives the figure as published, the rate and the rate's source.
    let at = h
        .state()
        .screen_points()
        .into_iter()
        .find(|p| p.chart == "metrics" && p.platform == "pdd_holdings" && p.period == "2023")
        .expect("drawn")
        .pos;
    h.hover_at(at);
    h.run();
    h.get_by_label_contains("Published as ¥");
    h.get_by_label_contains("CNY per USD (2023)");
    assert!(h.query_all_by_label_contains("Rate: ").count() >= 1);

    ui_support::click_in_side_panel(&mut h, "As published");
    assert_eq!(drawn(&h, "2023"), Some(revenue_2023_cny), "back to CNY");
}
