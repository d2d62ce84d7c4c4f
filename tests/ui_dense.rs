//! A store with long daily series, driven headless: the chart draws each series decimated (a
//! bounded number of points, whatever its length), says so, and hovering finds a real figure
//! with its source.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use egui_kittest::kittest::Queryable;
use marketscope::model::Unit;
use marketscope::model::format::compact;
use marketscope::store::{SeriesQuery, Store};
use ui_support::{SIZE, click_in_side_panel, open, points};

/// Synthetic series sit in a region of their own, which the side panel leaves unticked at first.
const SERIES: &str = "Synthetic 001 · Synthetic region";

const POINTS: usize = 200_000;

#[test]
fn a_long_series_is_drawn_decimated_and_hover_names_a_real_figure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.db");
    Store::open(&path)
        .expect("store")
        .generate(2, POINTS, 11, marketscope::model::Grain::Day)
        .expect("generate");
    let mut h = open(&path, None);

    // No curated view charts the synthetic metric: the store opens on the Metrics view, on it.
    assert_eq!(
        h.state().settings().view,
        marketscope::dashboard::settings::View::Metrics
    );
    h.get_by_label_contains(&format!(
        "Synthetic count · count · {} figures",
        marketscope::model::format::grouped(2 * POINTS)
    ));
    click_in_side_panel(&mut h, "Synthetic region");

    let drawn = points(&h, "metrics", SERIES);
    assert!(!drawn.is_empty(), "the long series is drawn");
    // At most four points a pixel column over the view and its margins, never the 200,000.
    let bound = (4.0 * SIZE.x * (1.0 + 2.0 * 0.25)) as usize + 4;
    assert!(
        drawn.len() <= bound,
        "{} points drawn for one series",
        drawn.len()
    );
    // Under the chart: how many points, how many drawn, that they are merged.
    h.get_by_label_contains(&format!(
        "{} points, drawn at ~",
        marketscope::model::format::grouped(2 * POINTS)
    ));
    h.get_by_label_contains("(decimated: each pixel column keeps");
    // And in the header, beside the count of figures.
    h.get_by_label(&format!(
        "{} figures · long series drawn decimated",
        marketscope::model::format::grouped(2 * POINTS)
    ));

    // The highest drawn point is a spike: it stands alone, so hovering it names that figure.
    let spike = drawn
        .iter()
        .max_by(|a, b| a.value.total_cmp(&b.value))
        .expect("a point")
        .clone();
    h.hover_at(spike.pos);
    h.run();
    h.get_by_label(&format!("{} · actual", compact(spike.value, Unit::Count)));
    h.get_by_label("Source: synthetic generator");
    h.get_by_label_contains("This is the real figure nearest the pointer");

    // And the figure is the store's: same platform, day and value.
    let store = Store::open(&path).expect("store");
    let rows = store
        .series(&SeriesQuery {
            platforms: vec!["synthetic_001".into()],
            ..SeriesQuery::default()
        })
        .expect("rows");
    let real = rows
        .iter()
        .find(|o| o.period.label() == spike.period)
        .expect("the hovered day is stored");
    assert_eq!(real.value, spike.value);
    assert_eq!(real.source.publisher, "synthetic generator");
}
