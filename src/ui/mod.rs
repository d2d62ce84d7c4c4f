//! The eframe dashboard: panels and charts over a view model prepared off the UI thread.

use std::path::PathBuf;

/// Opens the dashboard window on the store at `store_path` and returns when it is closed.
pub fn run(store_path: PathBuf) -> anyhow::Result<()> {
    anyhow::bail!("the dashboard is not built yet (store: {})", store_path.display())
}
