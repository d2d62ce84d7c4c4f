//! The command line: argument parsing (clap) and wiring of the store's commands. A contract other
//! tools script against: data on stdout, messages on stderr, non-zero exit on failure.

mod args;
mod catalog;
mod commands;
mod derive;
mod estimates;
mod metrics;
mod open;
#[cfg(feature = "gui")]
mod render;
mod table;

pub use args::{Cli, Command, RenderFormat, RenderLang, RenderTheme};
pub use commands::{default_store_path, is_broken_pipe, run};
