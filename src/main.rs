//! The `marketscope` binary: parses the command line and hands over to the CLI or the dashboard.

use clap::Parser;
use marketscope::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let outcome = cli::run(Cli::parse()).and_then(|dashboard| match dashboard {
        Some(store_path) => marketscope::ui::run(store_path),
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
