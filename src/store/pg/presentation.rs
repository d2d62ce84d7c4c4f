//! Saved views, stories and display names written on PostgreSQL: the statements of
//! `store/presentation.rs` and `store/names.rs`, each change in one transaction that tells the
//! team's dashboards when it commits.

use super::super::presentation::{
    DELETE_STEPS, DELETE_VIEW, INSERT_STEP, INSERT_STORY, RENAME_VIEW, STORY_HEAD, StoryHead,
    UPDATE_STORY, UPSERT_VIEW, VIEW_EXISTS, changed, check_unchanged, highlights_text, save_time,
    state_text,
};
use super::super::{Named, StoreError};
use super::{PgStore, dialect};
use crate::model::{SavedView, Story, StoryVersion};

/// Runs `sql` (written for SQLite) with these parameters; returns the rows it changed.
fn run(
    tx: &mut postgres::Transaction<'_>,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<u64, StoreError> {
    Ok(tx.execute(dialect::translate(sql).as_str(), params)?)
}

fn flag(
    tx: &mut postgres::Transaction<'_>,
    sql: &str,
    params: &[&(dyn postgres::types::ToSql + Sync)],
) -> Result<bool, StoreError> {
    Ok(tx
        .query_one(dialect::translate(sql).as_str(), params)?
        .get(0))
}

impl PgStore {
    /// One change in one transaction, with `pg_notify` before the commit so a colleague's
    /// dashboard reloads once it is visible, never before.
    fn change<T>(
        &mut self,
        write: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.ensure_writable()?;
        let schema_name = self.target.schema.clone();
        let mut tx = self.client.transaction()?;
        let out = write(&mut tx)?;
        tx.execute("SELECT pg_notify('marketscope', $1)", &[&schema_name])?;
        tx.commit()?;
        Ok(out)
    }

    /// As [`crate::store::Store::save_view`].
    pub fn save_view(&mut self, view: &SavedView) -> Result<bool, StoreError> {
        let state = state_text(&view.state);
        self.change(|tx| {
            let existed = flag(tx, VIEW_EXISTS, &[&view.name])?;
            run(tx, UPSERT_VIEW, &[&view.name, &view.caption, &state])?;
            Ok(existed)
        })
    }

    /// As [`crate::store::Store::rename_view`].
    pub fn rename_view(&mut self, from: &str, to: &str) -> Result<bool, StoreError> {
        self.change(|tx| {
            if from != to && flag(tx, VIEW_EXISTS, &[&to])? {
                return Err(StoreError::NameTaken(to.to_string()));
            }
            Ok(run(tx, RENAME_VIEW, &[&from, &to])? > 0)
        })
    }

    /// As [`crate::store::Store::delete_view`].
    pub fn delete_view(&mut self, name: &str) -> Result<bool, StoreError> {
        self.change(|tx| Ok(run(tx, DELETE_VIEW, &[&name])? > 0))
    }

    /// As [`crate::store::Store::save_story`]: the story and all its steps, or nothing; refused
    /// when a colleague saved it after this copy was read.
    pub fn save_story(&mut self, story: &Story) -> Result<bool, StoreError> {
        let (by, at) = (self.target.effective_user(), save_time());
        self.change(|tx| {
            let head = story_head(tx, &story.name)?;
            check_unchanged(story, head.as_ref())?;
            let id = match &head {
                Some(head) => {
                    let updated = run(
                        tx,
                        UPDATE_STORY,
                        &[
                            &head.id,
                            &story.description,
                            &by,
                            &at,
                            &head.version.revision,
                        ],
                    )?;
                    if updated == 0 {
                        // A colleague's save committed between the read and the update.
                        return Err(changed(story, story_head(tx, &story.name)?.as_ref()));
                    }
                    run(tx, DELETE_STEPS, &[&head.id])?;
                    head.id
                }
                None => tx
                    .query_one(
                        dialect::translate(INSERT_STORY).as_str(),
                        &[&story.name, &story.description, &by, &at],
                    )?
                    .get(0),
            };
            for (position, step) in story.steps.iter().enumerate() {
                let position = position as i64;
                let (state, highlights) = (state_text(&step.state), highlights_text(step));
                run(
                    tx,
                    INSERT_STEP,
                    &[
                        &id,
                        &position,
                        &step.title,
                        &step.caption,
                        &state,
                        &highlights,
                        &step.title_zh,
                        &step.caption_zh,
                    ],
                )?;
            }
            Ok(head.is_some())
        })
    }

    /// As [`crate::store::Store::rename`].
    pub fn rename(&mut self, what: Named, id: &str, name: &str) -> Result<bool, StoreError> {
        let (taken, update) = what.statements();
        self.change(|tx| {
            if flag(tx, taken, &[&name, &id])? {
                return Err(StoreError::NameTaken(name.to_string()));
            }
            Ok(run(tx, update, &[&id, &name])? > 0)
        })
    }
}

/// The stored story of this name: its id and the save it is at.
fn story_head(
    tx: &mut postgres::Transaction<'_>,
    name: &str,
) -> Result<Option<StoryHead>, StoreError> {
    Ok(tx
        .query_opt(dialect::translate(STORY_HEAD).as_str(), &[&name])?
        .map(|r| StoryHead {
            id: r.get(0),
            version: StoryVersion {
                revision: r.get(1),
                changed_by: r.get(2),
                changed_at: r.get(3),
            },
        }))
}
