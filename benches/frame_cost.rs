//! Frame CPU cost of a chart at 1e4..1e7 points, panning every frame with the pointer hovering:
//! egui `run_ui` + `tessellate` at 1280x720, Marketscope's level-of-detail line (M4 decimation
//! from a min/max pyramid) against egui_plot's default line fed every point. Prints medians and
//! ratios, and the peak RSS with ten million points loaded. Then the frame at 1e8 figures as the
//! dashboard draws a store of that size: 200 series of 500,000 days, each held as its stored
//! overview (`analysis::overview`), never as every figure.
//!
//! Run: `cargo bench --bench frame_cost`

// A benchmark panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use egui::{Pos2, RawInput, Rect, Vec2};
use egui_plot::{Line, Plot, PlotPoint, PlotPoints};
use marketscope::analysis::LodSeries;
use marketscope::analysis::overview::{OVERVIEW_BUCKETS, overview_indices};
use marketscope::dashboard::dense::columns_per_line;

const WIDTH_PX: f32 = 1280.0;
const HEIGHT_PX: f32 = 720.0;
const WARM_UP_FRAMES: usize = 3;
const MEASURED_FRAMES: usize = 15;
/// The default line is not run beyond this: at 1e7 points a frame takes most of a second.
const NAIVE_LIMIT: usize = 5_000_000;

/// A deterministic random walk with rare spikes (SplitMix64), one point a day.
fn walk(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut state = 0x1234_5678_u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut level = 1000.0;
    let xs: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let ys: Vec<f64> = (0..n)
        .map(|_| {
            level = (level * (1.0 + 0.02 * (next() - 0.5))).max(1.0);
            if next() < 0.001 { level * 5.0 } else { level }
        })
        .collect();
    (xs, ys)
}

fn input(frame: usize) -> RawInput {
    let mut input = RawInput {
        screen_rect: Some(Rect::from_min_size(
            Pos2::ZERO,
            Vec2::new(WIDTH_PX, HEIGHT_PX),
        )),
        ..RawInput::default()
    };
    // Hover on: the pointer sits over the plot and moves a little each frame.
    input.events.push(egui::Event::PointerMoved(Pos2::new(
        WIDTH_PX / 2.0 + (frame % 7) as f32,
        HEIGHT_PX / 2.0,
    )));
    input
}

/// What a frame draws: Marketscope's level-of-detail line, or egui_plot's line fed every point.
#[derive(Clone, Copy)]
enum Chart<'p> {
    Lod(&'p LodSeries),
    Default(&'p [PlotPoint]),
    /// Several series, each decimated to the plot's width (overviews of a large store).
    Many(&'p [LodSeries]),
}

/// Median time of a frame drawing `chart`, the view panned by 0.1% each frame; also returns how
/// many points the last frame drew.
fn median_frame(n: usize, chart: Chart<'_>) -> (Duration, usize) {
    let ctx = egui::Context::default();
    let span = n as f64;
    let mut times = Vec::new();
    let drawn = std::cell::Cell::new(0);
    for frame in 0..WARM_UP_FRAMES + MEASURED_FRAMES {
        let shift = span * 0.001 * frame as f64;
        let (x_min, x_max) = (shift - span * 0.01, shift + span * 1.01);
        let started = Instant::now();
        let output = ctx.run_ui(input(frame), |ui| {
            Plot::new("bench")
                .width(WIDTH_PX)
                .height(HEIGHT_PX)
                .show(ui, |plot_ui| {
                    plot_ui.set_plot_bounds_x(x_min..=x_max);
                    match chart {
                        Chart::Lod(lod) => {
                            let decimated = lod.decimate(x_min, x_max, WIDTH_PX as usize);
                            drawn.set(decimated.points.len());
                            plot_ui.line(Line::new("series", PlotPoints::from(decimated.points)));
                        }
                        Chart::Default(points) => {
                            drawn.set(points.len());
                            plot_ui.line(Line::new("series", PlotPoints::Borrowed(points)));
                        }
                        Chart::Many(series) => {
                            let mut n = 0;
                            let columns = columns_per_line(WIDTH_PX as usize, series.len());
                            for (i, lod) in series.iter().enumerate() {
                                let decimated = lod.decimate(x_min, x_max, columns);
                                n += decimated.points.len();
                                let line = PlotPoints::from(decimated.points);
                                plot_ui.line(Line::new(format!("series {i}"), line));
                            }
                            drawn.set(n);
                        }
                    }
                });
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(primitives);
        if frame >= WARM_UP_FRAMES {
            times.push(started.elapsed());
        }
    }
    times.sort();
    (times[times.len() / 2], drawn.get())
}

/// The decimation alone, outside egui: median of 51 calls over a panning window.
fn decimate_only(lod: &LodSeries, n: usize) -> Duration {
    let span = n as f64;
    let mut times: Vec<Duration> = (0..51)
        .map(|i| {
            let shift = span * 0.001 * i as f64;
            let started = Instant::now();
            std::hint::black_box(lod.decimate(
                shift - span * 0.01,
                shift + span * 1.01,
                WIDTH_PX as usize,
            ));
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    println!(
        "Frame CPU cost, run_ui + tessellate, {WIDTH_PX}x{HEIGHT_PX}, hovering, panning every frame; median of {MEASURED_FRAMES} frames"
    );
    println!(
        "{:>10}  {:>14}  {:>14}  {:>8}  {:>12}  {:>14}",
        "points", "LOD line (ms)", "default (ms)", "ratio", "drawn points", "decimate (µs)"
    );
    let mut lod_ms = Vec::new();
    let mut rss_line = String::from("peak RSS: /proc/self/status not readable here");
    for n in [10_000usize, 100_000, 1_000_000, 5_000_000, 10_000_000] {
        let (xs, ys) = walk(n);
        let lod = LodSeries::new(xs.clone(), ys.clone());
        let (ours, drawn) = median_frame(n, Chart::Lod(&lod));
        let decimate_us = decimate_only(&lod, n).as_secs_f64() * 1e6;
        lod_ms.push((n, ms(ours)));
        if n == 10_000_000 {
            let raw_mb = (n * 16) as f64 / (1024.0 * 1024.0);
            if let Some(peak) = peak_rss_mb() {
                rss_line = format!(
                    "peak RSS with 1e7 points loaded (series, pyramid, frames drawn; before any default-line run at this size): {peak:.0} MiB = {:.2}x the raw data ({raw_mb:.0} MiB at 16 bytes a point)",
                    peak / raw_mb
                );
            }
        }
        if n <= NAIVE_LIMIT {
            let points: Vec<PlotPoint> = xs
                .iter()
                .zip(&ys)
                .map(|(&x, &y)| PlotPoint::new(x, y))
                .collect();
            let (naive, _) = median_frame(n, Chart::Default(&points));
            println!(
                "{n:>10}  {:>14.2}  {:>14.2}  {:>7.0}x  {drawn:>12}  {decimate_us:>14.0}",
                ms(ours),
                ms(naive),
                naive.as_secs_f64() / ours.as_secs_f64()
            );
        } else {
            println!(
                "{n:>10}  {:>14.2}  {:>14}  {:>8}  {drawn:>12}  {decimate_us:>14.0}",
                ms(ours),
                "not run",
                "-"
            );
        }
    }
    if let (Some(first), Some(last)) = (lod_ms.first(), lod_ms.last()) {
        println!(
            "LOD frame cost at {} points / at {} points: {:.2}x (target: within 2x)",
            last.0,
            first.0,
            last.1 / first.1
        );
    }
    println!("{rss_line}");
    overview_frame(lod_ms.first().map(|f| f.1));
}

/// The frame at 1e8 figures: 200 series of 500,000 days, each as its overview, over the whole
/// span (the zoomed-out view, where most figures are in view), against the 1e4 frame.
fn overview_frame(frame_1e4_ms: Option<f64>) {
    const SERIES: usize = 200;
    const DAYS: usize = 500_000;
    let (xs, ys) = walk(DAYS);
    let kept = overview_indices(&xs, &ys, OVERVIEW_BUCKETS);
    // Each series its own level, the same shape: the frame's cost does not depend on the values.
    let overviews: Vec<LodSeries> = (0..SERIES)
        .map(|s| {
            let scale = 1.0 + s as f64;
            LodSeries::new(
                kept.iter().map(|&i| xs[i]).collect(),
                kept.iter().map(|&i| ys[i] * scale).collect(),
            )
        })
        .collect();
    let (frame, drawn) = median_frame(DAYS, Chart::Many(&overviews));
    let held: usize = overviews.iter().map(LodSeries::len).sum();
    println!(
        "1e8 figures ({SERIES} series x {DAYS} days) drawn from their overviews ({held} figures held): {:.2} ms a frame, {drawn} points drawn",
        ms(frame)
    );
    if let Some(base) = frame_1e4_ms {
        println!(
            "frame at 1e8 (overviews) / frame at 1e4: {:.2}x (target: within 2x)",
            ms(frame) / base
        );
    }
}
