//! Saved views and stories in the store: list, save, rename, delete, and the JSON file that
//! shares them without the data.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::model::{
    PRESENTATIONS_FORMAT, Presentations, SavedView, Story, StoryStep, StoryVersion,
};

// The statements that write views and stories, shared with PostgreSQL (`store/pg/presentation.rs`),
// which numbers the same placeholders its own way (`dialect::translate`).
pub(super) const VIEW_EXISTS: &str = "SELECT EXISTS (SELECT 1 FROM saved_views WHERE name = ?1)";
pub(super) const UPSERT_VIEW: &str = "INSERT INTO saved_views (name, caption, state) VALUES (?1, ?2, ?3) \
     ON CONFLICT (name) DO UPDATE SET caption = excluded.caption, state = excluded.state";
pub(super) const RENAME_VIEW: &str = "UPDATE saved_views SET name = ?2 WHERE name = ?1";
pub(super) const DELETE_VIEW: &str = "DELETE FROM saved_views WHERE name = ?1";
pub(super) const STORY_HEAD: &str =
    "SELECT id, revision, changed_by, changed_at FROM stories WHERE name = ?1";
/// Only at the save it was read at (`?5`): of two saves racing from one version, one wins.
pub(super) const UPDATE_STORY: &str = "UPDATE stories \
     SET description = ?2, revision = revision + 1, changed_by = ?3, changed_at = ?4 \
     WHERE id = ?1 AND revision = ?5";
pub(super) const DELETE_STEPS: &str = "DELETE FROM story_steps WHERE story_id = ?1";
pub(super) const INSERT_STORY: &str = "INSERT INTO stories \
     (name, description, revision, changed_by, changed_at) VALUES (?1, ?2, 1, ?3, ?4) RETURNING id";
pub(super) const INSERT_STEP: &str = "INSERT INTO story_steps \
     (story_id, position, title, caption, state, highlights, title_zh, caption_zh) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// What importing a presentations file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PresentationsReport {
    pub views_added: usize,
    pub views_replaced: usize,
    pub stories_added: usize,
    pub stories_replaced: usize,
}

impl std::fmt::Display for PresentationsReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "views: {} added, {} replaced; stories: {} added, {} replaced",
            self.views_added, self.views_replaced, self.stories_added, self.stories_replaced
        )
    }
}

/// Why a presentations file was refused.
#[derive(Debug, thiserror::Error)]
pub enum PresentationsError {
    #[error("{file}: not a Marketscope views file: {detail}")]
    Invalid { file: String, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(super) fn state_text(state: &serde_json::Value) -> String {
    state.to_string()
}

/// A stored story's id and the save it is at.
pub(super) struct StoryHead {
    pub id: i64,
    pub version: StoryVersion,
}

/// Whether a save of `story` may replace what the store holds (`head`): a copy read at an
/// earlier save than the store's, or a new story whose name has been stored meanwhile, may not.
/// A story read from no store (a presentations file) replaces whatever is there.
pub(super) fn check_unchanged(story: &Story, head: Option<&StoryHead>) -> Result<(), StoreError> {
    match (head, &story.version) {
        (Some(head), Some(read)) if head.version.revision != read.revision => {
            Err(changed(story, Some(head)))
        }
        _ => Ok(()),
    }
}

/// The refusal of a save: who saved the story since, and when (as far as the store says).
pub(super) fn changed(story: &Story, head: Option<&StoryHead>) -> StoreError {
    let (by, at) = head.map_or_else(
        || ("a colleague".to_string(), "a moment ago".to_string()),
        |h| (h.version.changed_by.clone(), h.version.changed_at.clone()),
    );
    StoreError::StoryChanged {
        name: story.name.clone(),
        by,
        at,
    }
}

/// Who saves, as a story's `changed_by` shows it: the login on this computer.
pub(super) fn local_author() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "someone on this computer".to_string())
}

/// When, as a story's `changed_at` shows it.
pub(super) fn save_time() -> String {
    chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string()
}

fn state_value(text: &str) -> rusqlite::Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    /// Saved views, by name.
    pub fn saved_views(&self) -> Result<Vec<SavedView>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, caption, state FROM saved_views ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| {
            Ok(SavedView {
                name: r.get(0)?,
                caption: r.get(1)?,
                state: state_value(&r.get::<_, String>(2)?)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Saves a view under its name, replacing one of the same name. Returns whether it replaced.
    pub fn save_view(&mut self, view: &SavedView) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        save_view_in(&self.conn, view)
    }

    fn view_exists(&self, name: &str) -> Result<bool, StoreError> {
        view_exists_in(&self.conn, name)
    }

    /// Renames a view; refuses a name another view has. Returns whether the view existed.
    pub fn rename_view(&mut self, from: &str, to: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        if from != to && self.view_exists(to)? {
            return Err(StoreError::NameTaken(to.to_string()));
        }
        Ok(self.conn.execute(RENAME_VIEW, params![from, to])? > 0)
    }

    pub fn delete_view(&mut self, name: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        Ok(self.conn.execute(DELETE_VIEW, [name])? > 0)
    }

    /// Story names, in order.
    pub fn story_names(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM stories ORDER BY name COLLATE NOCASE")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A story with its steps, matched by name case-insensitively.
    pub fn story(&self, name: &str) -> Result<Option<Story>, StoreError> {
        let head: Option<(i64, String, String, StoryVersion)> = self
            .conn
            .query_row(
                "SELECT id, name, description, revision, changed_by, changed_at FROM stories \
                 WHERE name = ?1 COLLATE NOCASE ORDER BY name = ?1 DESC LIMIT 1",
                [name],
                |r| {
                    let version = StoryVersion {
                        revision: r.get(3)?,
                        changed_by: r.get(4)?,
                        changed_at: r.get(5)?,
                    };
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, version))
                },
            )
            .optional()?;
        let Some((id, name, description, version)) = head else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT title, caption, state, highlights, title_zh, caption_zh FROM story_steps \
             WHERE story_id = ?1 ORDER BY position",
        )?;
        let steps = stmt
            .query_map([id], |r| {
                let highlights: String = r.get(3)?;
                Ok(StoryStep {
                    title: r.get(0)?,
                    caption: r.get(1)?,
                    state: state_value(&r.get::<_, String>(2)?)?,
                    highlights: serde_json::from_str(&highlights).unwrap_or_default(),
                    title_zh: r.get(4)?,
                    caption_zh: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(Story {
            name,
            description,
            steps,
            version: Some(version),
        }))
    }

    pub fn stories(&self) -> Result<Vec<Story>, StoreError> {
        let mut out = Vec::new();
        for name in self.story_names()? {
            out.extend(self.story(&name)?);
        }
        Ok(out)
    }

    /// Saves a story with all its steps in one transaction, replacing one of the same name
    /// unless that one was saved after this copy was read ([`StoreError::StoryChanged`]).
    /// Returns whether it replaced.
    pub fn save_story(&mut self, story: &Story) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let tx = self.conn.transaction()?;
        let replaced = save_story_in(&tx, story)?;
        tx.commit()?;
        Ok(replaced)
    }

    pub fn rename_story(&mut self, from: &str, to: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let taken: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM stories WHERE name = ?1)",
            [to],
            |r| r.get(0),
        )?;
        if from != to && taken {
            return Err(StoreError::NameTaken(to.to_string()));
        }
        Ok(self.conn.execute(
            "UPDATE stories SET name = ?2 WHERE name = ?1",
            params![from, to],
        )? > 0)
    }

    pub fn delete_story(&mut self, name: &str) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        Ok(self
            .conn
            .execute("DELETE FROM stories WHERE name = ?1", [name])?
            > 0)
    }

    /// Every view and story, as the shareable JSON file.
    pub fn export_presentations(&self) -> Result<Presentations, StoreError> {
        Ok(Presentations {
            format: PRESENTATIONS_FORMAT.to_string(),
            views: self.saved_views()?,
            stories: self.stories()?,
        })
    }

    /// Reads a presentations file and saves its views and stories in one transaction.
    pub fn import_presentations(
        &mut self,
        file: &str,
        json: &str,
    ) -> Result<PresentationsReport, PresentationsError> {
        let invalid = |detail: String| PresentationsError::Invalid {
            file: file.to_string(),
            detail,
        };
        let parsed: Presentations =
            serde_json::from_str(json).map_err(|e| invalid(e.to_string()))?;
        if !parsed.format.is_empty() && parsed.format != PRESENTATIONS_FORMAT {
            return Err(invalid(format!(
                "format {:?}, this program reads {PRESENTATIONS_FORMAT:?}",
                parsed.format
            )));
        }
        if let Some(empty) = parsed.stories.iter().find(|s| s.name.trim().is_empty()) {
            return Err(invalid(format!(
                "a story has no name ({} steps)",
                empty.steps.len()
            )));
        }
        if parsed.views.iter().any(|v| v.name.trim().is_empty()) {
            return Err(invalid("a view has no name".into()));
        }
        self.ensure_writable()?;
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let mut report = PresentationsReport::default();
        for view in &parsed.views {
            if save_view_in(&tx, view)? {
                report.views_replaced += 1;
            } else {
                report.views_added += 1;
            }
        }
        for story in &parsed.stories {
            if save_story_in(&tx, story)? {
                report.stories_replaced += 1;
            } else {
                report.stories_added += 1;
            }
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(report)
    }
}

fn view_exists_in(conn: &rusqlite::Connection, name: &str) -> Result<bool, StoreError> {
    Ok(conn.query_row(VIEW_EXISTS, [name], |r| r.get(0))?)
}

/// Saves a view in an open connection or transaction; returns whether it replaced one.
fn save_view_in(conn: &rusqlite::Connection, view: &SavedView) -> Result<bool, StoreError> {
    let existed = view_exists_in(conn, &view.name)?;
    conn.execute(
        UPSERT_VIEW,
        params![view.name, view.caption, state_text(&view.state)],
    )?;
    Ok(existed)
}

fn save_story_in(tx: &rusqlite::Transaction<'_>, story: &Story) -> Result<bool, StoreError> {
    let head = story_head(tx, &story.name)?;
    check_unchanged(story, head.as_ref())?;
    let (by, at) = (local_author(), save_time());
    let id = match &head {
        Some(head) => {
            let updated = tx.execute(
                UPDATE_STORY,
                params![head.id, story.description, by, at, head.version.revision],
            )?;
            if updated == 0 {
                // Saved by another connection between the read and the update.
                return Err(changed(story, story_head(tx, &story.name)?.as_ref()));
            }
            tx.execute(DELETE_STEPS, [head.id])?;
            head.id
        }
        None => tx.query_row(
            INSERT_STORY,
            params![story.name, story.description, by, at],
            |r| r.get(0),
        )?,
    };
    for (position, step) in story.steps.iter().enumerate() {
        tx.execute(
            INSERT_STEP,
            params![
                id,
                position as i64,
                step.title,
                step.caption,
                state_text(&step.state),
                highlights_text(step),
                step.title_zh,
                step.caption_zh
            ],
        )?;
    }
    Ok(head.is_some())
}

fn story_head(tx: &rusqlite::Transaction<'_>, name: &str) -> Result<Option<StoryHead>, StoreError> {
    Ok(tx
        .query_row(STORY_HEAD, [name], |r| {
            Ok(StoryHead {
                id: r.get(0)?,
                version: StoryVersion {
                    revision: r.get(1)?,
                    changed_by: r.get(2)?,
                    changed_at: r.get(3)?,
                },
            })
        })
        .optional()?)
}

/// A step's highlighted series, as the JSON list the store keeps.
pub(super) fn highlights_text(step: &StoryStep) -> String {
    serde_json::to_string(&step.highlights).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(title: &str) -> StoryStep {
        StoryStep {
            title: title.into(),
            caption: String::new(),
            state: serde_json::json!({"view": "gmv"}),
            highlights: Vec::new(),
            title_zh: None,
            caption_zh: None,
        }
    }

    #[test]
    fn a_story_saved_by_someone_else_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.db");
        let mut mine = Store::open(&path).expect("store");
        let mut theirs = Store::open(&path).expect("a second connection");
        let new = Story {
            name: "Board".into(),
            description: String::new(),
            steps: vec![step("one")],
            version: Some(StoryVersion::new_story()),
        };
        assert!(!mine.save_story(&new).expect("a new story"));
        let read_by_me = mine.story("Board").expect("read").expect("stored");
        let read_by_them = theirs.story("Board").expect("read").expect("stored");
        assert_eq!(read_by_me.version.as_ref().map(|v| v.revision), Some(1));
        let mut their_edit = read_by_them.clone();
        their_edit.steps.push(step("theirs"));
        assert!(theirs.save_story(&their_edit).expect("their save"));
        let mut my_edit = read_by_me.clone();
        my_edit.steps.push(step("mine"));
        let refused = mine.save_story(&my_edit);
        let Err(StoreError::StoryChanged { name, by, at }) = refused else {
            panic!("not refused: {refused:?}");
        };
        assert_eq!(name, "Board");
        assert_eq!(by, local_author());
        assert!(at.ends_with(" UTC"), "{at}");
        let stored = mine.story("Board").expect("read").expect("stored");
        assert_eq!(stored.steps, their_edit.steps, "their save stands");
        assert_eq!(stored.version.map(|v| v.revision), Some(2));
        // A second new story of a stored name is refused too; one from a file replaces it.
        assert!(matches!(
            mine.save_story(&new),
            Err(StoreError::StoryChanged { .. })
        ));
        let from_file = Story {
            version: None,
            ..my_edit
        };
        assert!(mine.save_story(&from_file).expect("replaced"));
    }
}
