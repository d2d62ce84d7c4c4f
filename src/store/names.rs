//! Display names for metrics and platforms that arrived with only an id (`share_price`): the
//! dashboard's Metrics view renames them in the catalogue.

use rusqlite::params;

use super::{Store, StoreError};

/// A display name another metric already has (`?` the name, then the metric's own id), whatever
/// its case: an import finds metrics by name too. Written so both engines run it as it is.
pub(super) const METRIC_NAME_TAKEN: &str =
    "SELECT EXISTS (SELECT 1 FROM metrics WHERE LOWER(name) = LOWER(?) AND id <> ?)";

/// What is renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Metric,
    Platform,
}

/// A platform's display name another platform already has, whatever its case.
const PLATFORM_NAME_TAKEN: &str =
    "SELECT EXISTS (SELECT 1 FROM platforms WHERE LOWER(name) = LOWER(?) AND id <> ?)";

impl Named {
    /// Whether the name is taken (`?` the name, then the id), and the update (`?1` the id, `?2`
    /// the name): one text for both engines.
    pub(super) fn statements(self) -> (&'static str, &'static str) {
        match self {
            Named::Metric => (
                METRIC_NAME_TAKEN,
                "UPDATE metrics SET name = ?2 WHERE id = ?1",
            ),
            Named::Platform => (
                PLATFORM_NAME_TAKEN,
                "UPDATE platforms SET name = ?2 WHERE id = ?1",
            ),
        }
    }
}

impl Store {
    /// Gives the metric or platform `id` the display name `name`. Refuses a name another one
    /// already has: an import finds metrics and platforms by name too, and two of one name would
    /// make its rows mean either. Returns whether `id` exists.
    pub fn rename(&mut self, what: Named, id: &str, name: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let (taken, update) = what.statements();
        let is_taken: bool = self
            .conn
            .query_row(taken, params![name, id], |r| r.get(0))?;
        if is_taken {
            return Err(StoreError::NameTaken(name.to_string()));
        }
        Ok(self.conn.execute(update, params![id, name])? > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_metric_is_renamed_and_a_taken_name_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("t.db")).expect("store");
        store.load_sample().expect("sample");
        assert!(
            store
                .rename(Named::Metric, "downloads", "App installs")
                .expect("renamed")
        );
        let metrics = store.metrics().expect("metrics");
        let downloads = metrics
            .iter()
            .find(|m| m.id == "downloads")
            .expect("downloads");
        assert_eq!(downloads.name, "App installs");
        // GMV's name is taken (whatever its case): refused, nothing changed.
        let err = store.rename(Named::Metric, "downloads", "gross merchandise value");
        assert!(matches!(err, Err(StoreError::NameTaken(_))), "{err:?}");
        assert!(
            !store
                .rename(Named::Platform, "no_such_platform", "X")
                .expect("ran")
        );
    }
}
