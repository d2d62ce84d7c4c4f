//! A long series opens as its stored overview and a zoomed view reads its window whole, driven
//! headless: a generated store opens on the overview `generate` kept, and "last 3 years" then
//! draws each of those days' figures, not the overview's.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use marketscope::model::Grain;
use marketscope::store::Store;
use ui_support::{TempStore, click_in_side_panel, click_label, open, wait_until_idle};

const POINTS: usize = 70_000;

#[test]
fn a_long_series_opens_as_its_overview_and_a_zoomed_view_reads_every_figure() {
    let store = TempStore::empty();
    Store::open(&store.path)
        .expect("store")
        .generate(1, POINTS, 11, Grain::Day)
        .expect("generate");
    let mut h = open(&store.path, None);
    let d = &h.state().snapshot().expect("loaded").dense[0];
    assert!(d.overview.is_some(), "the start reads the overview");
    assert_eq!(d.figures(), POINTS);
    assert!(d.len() < POINTS / 4, "{} figures held", d.len());
    // Synthetic series sit in a region of their own, unticked at first.
    click_in_side_panel(&mut h, "Synthetic region");
    let before = h.state().screen_points().len();
    assert!(before > 100, "the overview is drawn: {before} points");

    click_label(&mut h, "last 3 years");
    wait_until_idle(&mut h);
    let d = &h.state().snapshot().expect("loaded").dense[0];
    assert!(d.detail.is_some(), "the zoomed window was read");
    // Every day of the window is drawn, one figure a day, in order, each its own.
    let mut days: Vec<String> = h
        .state()
        .screen_points()
        .into_iter()
        .map(|p| p.period)
        .collect();
    days.dedup();
    assert!(days.len() >= 3 * 365, "{} days drawn", days.len());
    assert!(d.len() > 1_095 && d.len() < POINTS, "{} held", d.len());
}
