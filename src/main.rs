//! The `marketscope` binary: parses the command line and hands over to the CLI or the dashboard.

use clap::Parser;
use marketscope::cli::{self, Cli};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let exit_after_first_frame = cli.exit_after_first_frame;
    let lang = cli.lang.map(marketscope::i18n::Lang::from);
    let outcome = cli::run(cli).and_then(|to_open| match to_open {
        Some(open) => open_dashboard(
            open.store,
            (open.present, open.export_dir),
            lang,
            exit_after_first_frame,
        ),
        None => Ok(()),
    });
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if cli::is_broken_pipe(&e) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marketscope: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_dashboard(
    store: marketscope::store::Location,
    (present, export_dir): (Option<String>, Option<std::path::PathBuf>),
    lang: Option<marketscope::i18n::Lang>,
    exit_after_first_frame: bool,
) -> anyhow::Result<()> {
    let launch = marketscope::ui::Launch {
        present,
        export_dir,
        exit_after_first_frame,
        lang,
    };
    marketscope::ui::run(store, launch)
}

#[cfg(not(feature = "gui"))]
fn open_dashboard(
    _store: marketscope::store::Location,
    _to_present: (Option<String>, Option<std::path::PathBuf>),
    _lang: Option<marketscope::i18n::Lang>,
    _exit_after_first_frame: bool,
) -> anyhow::Result<()> {
    anyhow::bail!(
        "this build has no dashboard (built without the `gui` feature); use a command such as `summary`"
    )
}
