//! The `marketscope` binary: parses the command line and hands over to the CLI or the dashboard.

use clap::Parser;
use marketscope::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let outcome = cli::run(Cli::parse()).and_then(|to_open| match to_open {
        Some(open) => open_dashboard(open.store, open.present, open.export_dir),
        None => Ok(()),
    });
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marketscope: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_dashboard(
    store_path: std::path::PathBuf,
    story: Option<String>,
    export_dir: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    match (story, export_dir) {
        (Some(story), Some(dir)) => marketscope::ui::export_story(store_path, story, dir),
        (Some(story), None) => marketscope::ui::present(store_path, story),
        (None, _) => marketscope::ui::run(store_path),
    }
}

#[cfg(not(feature = "gui"))]
fn open_dashboard(
    _store_path: std::path::PathBuf,
    _story: Option<String>,
    _export_dir: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no dashboard (built without the `gui` feature); use a command such as `summary`"
    )
}
