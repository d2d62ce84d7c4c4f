//! The sample story's eight-step deck rendered without a display, timed: laying each step out
//! with egui, writing its SVG, and the multi-page PDF; then the same steps as 2x PNGs. Prints the
//! median of a few runs against the 5 s target.
//!
//! Run: `cargo bench --bench render_deck` (`MARKETSCOPE_BENCH_RUNS` sets the runs, default 5).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use marketscope::dashboard::snapshot::Snapshot;
use marketscope::render::{Format, PageSize, RenderOptions, render_story};
use marketscope::store::Store;

const TARGET: Duration = Duration::from_secs(5);

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("MARKETSCOPE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("store");
    store.load_sample().expect("sample");
    let snap = Snapshot::read(&store, 1).expect("snapshot");
    let story = snap
        .stories
        .first()
        .expect("the sample has a story")
        .name
        .clone();
    let steps = snap.stories[0].steps.len();
    let cases = [
        ("PDF deck", Format::Pdf, 1.0, dir.path().join("deck.pdf")),
        ("2x PNGs", Format::Png, 2.0, dir.path().join("png")),
        ("SVGs", Format::Svg, 1.0, dir.path().join("svg")),
    ];
    println!("render_deck: the sample story, {steps} steps at 1920x1080, {runs} runs");
    for (label, format, scale, out) in cases {
        let options = RenderOptions {
            size: PageSize {
                scale,
                ..PageSize::SLIDE
            },
            ..RenderOptions::default()
        };
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                let deck = render_story(&snap, &story, format, options, &out).expect("renders");
                assert_eq!(deck.pages, steps);
                started.elapsed()
            })
            .collect();
        let first = times[0];
        let median = median(times);
        let verdict = if median < TARGET { "met" } else { "MISSED" };
        println!(
            "  {label:<9} first {:>6.0} ms, median {:>6.0} ms (target < {} s: {verdict})",
            first.as_secs_f64() * 1000.0,
            median.as_secs_f64() * 1000.0,
            TARGET.as_secs()
        );
    }
}
