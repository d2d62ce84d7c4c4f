//! Cold start to first frame: the dashboard opening a store that holds the sample and one of ten
//! million rows (and, with `MARKETSCOPE_BENCH_100M=1`, one of a hundred million: 6 GB of disk),
//! against an empty eframe app with the same window, each started as a fresh process, in turn,
//! under the same display. Both print a line when their first frame has been presented (the dashboard also
//! when the first frame with the store's figures has); this times those lines from outside.
//!
//! Needs a display: `xvfb-run -a -s "-screen 0 1600x900x24" cargo bench --bench cold_start`
//! (`.ci/bench` does this). `MARKETSCOPE_BENCH_STARTS` sets the number of starts of each (9).

// A benchmark panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use marketscope::ui::startup::{DATA_FRAME_LINE, FIRST_FRAME_LINE, StartupProbe};

/// Set in the environment of the child that runs the empty app (this same executable).
const EMPTY_APP_ENV: &str = "MARKETSCOPE_BENCH_EMPTY_APP";
/// A start that has not drawn by then is killed and reported.
const START_TIMEOUT: Duration = Duration::from_secs(60);

struct EmptyApp {
    probe: StartupProbe,
}

impl eframe::App for EmptyApp {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        self.probe.begin_frame(ui.ctx());
        self.probe.end_frame(true);
    }
}

fn run_empty_app() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("empty eframe app")
            .with_inner_size(marketscope::ui::tokens::WINDOW_SIZE_PX),
        ..Default::default()
    };
    eframe::run_native(
        "empty",
        options,
        Box::new(|_| {
            Ok(Box::new(EmptyApp {
                probe: StartupProbe::default(),
            }))
        }),
    )
}

/// When each line came, from spawning the process.
#[derive(Debug, Clone, Copy)]
struct Start {
    first_frame: Duration,
    data_frame: Duration,
    exited: Duration,
}

fn time_start(mut command: Command, home: &Path) -> Result<Start, String> {
    let started = Instant::now();
    let mut child = command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    // A start that hangs is killed, but only while it is still ours: the flag is set once it has
    // been waited for, so a reused process id is never touched.
    let pid = child.id();
    let finished = Arc::new(AtomicBool::new(false));
    let watching = Arc::clone(&finished);
    std::thread::Builder::new()
        .name("cold-start-watchdog".into())
        .spawn(move || {
            let deadline = Instant::now() + START_TIMEOUT;
            while Instant::now() < deadline {
                if watching.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            if !watching.load(Ordering::SeqCst) {
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            }
        })
        .map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (mut first, mut data) = (None, None);
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line == FIRST_FRAME_LINE {
            first = Some(started.elapsed());
        } else if line == DATA_FRAME_LINE {
            data = Some(started.elapsed());
        }
    }
    let status = child.wait().map_err(|e| e.to_string());
    finished.store(true, Ordering::SeqCst);
    let status = status?;
    let exited = started.elapsed();
    match (first, data) {
        (Some(first_frame), Some(data_frame)) if status.success() => Ok(Start {
            first_frame,
            data_frame,
            exited,
        }),
        _ => Err(format!(
            "{command:?} exited with {status} without reporting its frames (first {first:?}, data {data:?})"
        )),
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), String> {
    if std::env::var_os(EMPTY_APP_ENV).is_some() {
        return run_empty_app().map_err(|e| e.to_string());
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display: run under xvfb-run (see the first lines of this file)".into());
    }
    let starts: usize = std::env::var("MARKETSCOPE_BENCH_STARTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(9)
        .max(1);
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = dir.path().join("sample.db");
    let bin = env!("CARGO_BIN_EXE_marketscope");
    let init = Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args(["init", "--sample"])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    if !init.success() {
        return Err(format!("marketscope init --sample failed: {init}"));
    }
    let this = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut stores = vec![("sample store".to_string(), db)];
    for (label, series, wanted) in [
        ("10M-row store", 20, true),
        (
            "100M-row store",
            200,
            std::env::var_os("MARKETSCOPE_BENCH_100M").is_some(),
        ),
    ] {
        if wanted {
            stores.push((label.to_string(), big_store(bin, dir.path(), series)?));
        }
    }

    let mut ours: Vec<Vec<Start>> = vec![Vec::new(); stores.len()];
    let mut empty = Vec::new();
    // One of each first, not measured: the page cache and the X server warm up alike, and each
    // large store keeps its overviews on that first start.
    for round in 0..=starts {
        for (i, (_, db)) in stores.iter().enumerate() {
            let mut app = Command::new(bin);
            app.arg("--db").arg(db).arg("--exit-after-first-frame");
            let a = time_start(app, dir.path())?;
            if round > 0 {
                ours[i].push(a);
            }
        }
        let mut bare = Command::new(&this);
        bare.env(EMPTY_APP_ENV, "1");
        let b = time_start(bare, dir.path())?;
        if round > 0 {
            empty.push(b);
        }
    }

    let first = |v: &[Start]| median(v.iter().map(|s| s.first_frame).collect());
    let data = |v: &[Start]| median(v.iter().map(|s| s.data_frame).collect());
    let exited = |v: &[Start]| median(v.iter().map(|s| s.exited).collect());
    println!("Cold start, median of {starts} starts each (ms from spawning the process)");
    println!();
    println!(
        "| | first frame | first frame with the store's figures | process exited | figures frame / sample's |"
    );
    println!("|---|---:|---:|---:|---:|");
    let sample_data = data(&ours[0]).as_secs_f64();
    for ((label, _), runs) in stores.iter().zip(&ours) {
        println!(
            "| Marketscope, {label} | {} | {} | {} | {:.2}x |",
            ms(first(runs)),
            ms(data(runs)),
            ms(exited(runs)),
            data(runs).as_secs_f64() / sample_data
        );
    }
    println!(
        "| empty eframe app | {} | – | {} | – |",
        ms(first(&empty)),
        ms(exited(&empty))
    );
    let ratio = data(&ours[0]).as_secs_f64() / first(&empty).as_secs_f64();
    let ratio_first = first(&ours[0]).as_secs_f64() / first(&empty).as_secs_f64();
    println!();
    println!(
        "sample store against the empty app: {ratio_first:.2}x for the first frame, {ratio:.2}x for the first frame with figures (target: within 1.5x)"
    );
    println!("large stores against the sample store: see the last column (target: within 1.5x)");
    Ok(())
}

/// A store of `series` synthetic daily series of 500,000 figures each (`generate`), in `dir`.
fn big_store(bin: &str, dir: &Path, series: usize) -> Result<std::path::PathBuf, String> {
    let db = dir.join(format!("big-{series}.db"));
    let started = Instant::now();
    let status = Command::new(bin)
        .arg("--db")
        .arg(&db)
        .args([
            "generate",
            "--series",
            &series.to_string(),
            "--points",
            "500000",
        ])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("marketscope generate failed: {status}"));
    }
    eprintln!(
        "generated {} rows in {:.1} s",
        series * 500_000,
        started.elapsed().as_secs_f64()
    );
    Ok(db)
}
