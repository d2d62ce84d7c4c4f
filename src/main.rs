//! The `marketscope` binary: parses the command line and hands over to the CLI or the dashboard.

use clap::Parser;
use marketscope::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let outcome = cli::run(Cli::parse()).and_then(|to_open| match to_open {
        Some(open) => open_dashboard(open.store, open.present),
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
fn open_dashboard(store_path: std::path::PathBuf, story: Option<String>) -> anyhow::Result<()> {
    match story {
        Some(story) => marketscope::ui::present(store_path, story),
        None => marketscope::ui::run(store_path),
    }
}

#[cfg(not(feature = "gui"))]
fn open_dashboard(_store_path: std::path::PathBuf, _story: Option<String>) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no dashboard (built without the `gui` feature); use a command such as `summary`"
    )
}
