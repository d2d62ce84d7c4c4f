//! Writing a PostgreSQL store. An import is resolved by the SQLite importer itself, in an
//! in-memory store holding the server's catalogue (same ids): names, units, periods, fiscal
//! years, sources and every error with its file and line come from the one importer. Its figures
//! then go to the server by binary COPY into a staging table, and one set-based merge applies
//! them, keeping revisions, all in one transaction under an advisory lock: two analysts
//! importing at once are applied one after the other, and neither loses a row.

use super::super::import::{FileReport, ImportError, ImportReport, ParsedFile};
use super::super::tables::{self, CATALOGUE, OBSERVATIONS, REVISIONS, Table};
use super::super::{Store, StoreError};
use super::{PgStore, schema};

/// The merge of staged figures (`stage_figures`, `current` false for an older vintage that the
/// file itself superseded) into `observations` and `revisions`. Each current row is classified
/// against the stored figure of its key: 0 new, 1 unchanged, 2 newer (the stored one becomes a
/// revision), 3 older than the stored one (kept as a revision).
const MERGE: &str = r#"
INSERT INTO revisions SELECT series_id, period_start, publisher_id, source_id, value, kind,
    qualifier, published, recorded, note FROM stage_figures WHERE NOT current
    ON CONFLICT DO NOTHING;
CREATE TEMP TABLE merge_plan ON COMMIT DROP AS
SELECT s.series_id, s.period_start, s.publisher_id, s.source_id, s.value, s.kind, s.qualifier,
       s.published, s.recorded, s.note,
       CASE WHEN o.series_id IS NULL THEN 0
            WHEN o.source_id = s.source_id AND o.value = s.value AND o.kind = s.kind
                 AND o.qualifier = s.qualifier AND o.note = s.note THEN 1
            WHEN s.published >= o.published THEN 2
            ELSE 3 END AS action
FROM stage_figures s
LEFT JOIN observations o ON o.series_id = s.series_id AND o.period_start = s.period_start
    AND o.publisher_id = s.publisher_id
WHERE s.current;
INSERT INTO revisions SELECT o.* FROM observations o JOIN merge_plan p
    ON o.series_id = p.series_id AND o.period_start = p.period_start
    AND o.publisher_id = p.publisher_id WHERE p.action = 2 ON CONFLICT DO NOTHING;
UPDATE observations o SET source_id = p.source_id, value = p.value, kind = p.kind,
    qualifier = p.qualifier, published = p.published, recorded = p.recorded, note = p.note
FROM merge_plan p WHERE o.series_id = p.series_id AND o.period_start = p.period_start
    AND o.publisher_id = p.publisher_id AND p.action = 2;
INSERT INTO observations SELECT series_id, period_start, publisher_id, source_id, value, kind,
    qualifier, published, recorded, note FROM merge_plan WHERE action = 0;
INSERT INTO revisions SELECT series_id, period_start, publisher_id, source_id, value, kind,
    qualifier, published, recorded, note FROM merge_plan WHERE action = 3 ON CONFLICT DO NOTHING;
UPDATE series se SET points = st.points, first_start = st.first_start,
    last_start = st.last_start, abs_min = st.abs_min, abs_max = st.abs_max
FROM (SELECT series_id, COUNT(*) AS points, MIN(period_start) AS first_start,
             MAX(period_start) AS last_start, MIN(ABS(NULLIF(value, 0))) AS abs_min,
             MAX(ABS(value)) AS abs_max
      FROM observations WHERE series_id IN (SELECT series_id FROM stage_figures)
      GROUP BY series_id) st
WHERE se.id = st.series_id;
"#;

/// The upsert of one catalogue table from its staging copy: same id, the import's columns.
fn upsert_sql(table: &Table) -> String {
    let columns = table.column_list();
    let key = table.key.join(", ");
    let updates: Vec<String> = table
        .columns
        .iter()
        .filter(|(c, _)| !table.key.contains(c))
        .map(|(c, _)| format!("\"{c}\" = EXCLUDED.\"{c}\""))
        .collect();
    format!(
        "INSERT INTO {name} ({columns}) SELECT {columns} FROM stage_{name} \
         ON CONFLICT ({key}) DO UPDATE SET {updates}",
        name = table.name,
        updates = updates.join(", ")
    )
}

impl PgStore {
    /// Imports parsed files: all of them or, on any error, nothing.
    pub fn import(
        &mut self,
        mut files: Vec<ParsedFile>,
        dry_run: bool,
    ) -> Result<ImportReport, ImportError> {
        self.ensure_writable()?;
        files.sort_by_key(|f| f.kind);
        let schema_name = self.target.schema.clone();
        let mut tx = self.client.transaction().map_err(StoreError::from)?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext('marketscope import ' || $1))",
            &[&schema_name],
        )
        .map_err(StoreError::from)?;
        let mut scratch = Store::scratch()?;
        {
            let conn = scratch
                .connection()
                .transaction()
                .map_err(StoreError::from)?;
            for table in CATALOGUE {
                let rows = tables::read_pg(&mut tx, table)?;
                tables::write_sqlite(&conn, table, &rows)?;
            }
            conn.commit().map_err(StoreError::from)?;
        }
        let mut report = ImportReport {
            dry_run,
            ..ImportReport::default()
        };
        // One file at a time, so each file's counts are its own against what the server holds.
        for file in files {
            let mut part = scratch.import(vec![file], false)?;
            push_catalogue(&mut tx, &mut scratch)?;
            for file_report in &mut part.files {
                if file_report.kind == "observations" {
                    merge_figures(&mut tx, &mut scratch, file_report)?;
                }
            }
            report.files.extend(part.files);
            report.created.extend(part.created);
        }
        tx.batch_execute(schema::SYNC_IDENTITIES)
            .map_err(StoreError::from)?;
        // A colleague's dashboard hears of the import when it commits.
        tx.execute("SELECT pg_notify('marketscope', $1)", &[&schema_name])
            .map_err(StoreError::from)?;
        if dry_run {
            tx.rollback().map_err(StoreError::from)?;
        } else {
            tx.commit().map_err(StoreError::from)?;
        }
        Ok(report)
    }

    /// Replaces the whole store's contents with `rows` per table (a `copy`), in one transaction.
    pub(in crate::store) fn replace_all(
        &mut self,
        contents: &[(&Table, Vec<Vec<tables::Cell>>)],
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut tx = self.client.transaction()?;
        let holds: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM series) OR EXISTS (SELECT 1 FROM saved_views) \
                 OR EXISTS (SELECT 1 FROM stories)",
                &[],
            )?
            .get(0);
        if holds {
            return Err(StoreError::CopyTargetNotEmpty(self.target.to_string()));
        }
        for (table, _) in contents.iter().rev() {
            tx.batch_execute(&format!("DELETE FROM {}", table.name))?;
        }
        for (table, rows) in contents {
            tables::copy_into_pg(&mut tx, table.name, table, rows)?;
        }
        tx.batch_execute(schema::SYNC_IDENTITIES)?;
        tx.execute(
            "SELECT pg_notify('marketscope', $1)",
            &[&self.target.schema],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// The scratch store's catalogue, which the import may have added to, upserted on the server.
fn push_catalogue(
    tx: &mut postgres::Transaction<'_>,
    scratch: &mut Store,
) -> Result<(), StoreError> {
    for table in CATALOGUE {
        let rows = tables::read_sqlite(scratch.connection(), table)?;
        tx.batch_execute(&format!(
            "CREATE TEMP TABLE IF NOT EXISTS stage_{name} (LIKE {name}) ON COMMIT DROP; \
             TRUNCATE stage_{name}",
            name = table.name
        ))?;
        tables::copy_into_pg(tx, &format!("stage_{}", table.name), table, &rows)?;
        tx.batch_execute(&upsert_sql(table))?;
    }
    Ok(())
}

/// The figures one file left in the scratch store, merged on the server; the file's counts are
/// then those against the server's figures.
fn merge_figures(
    tx: &mut postgres::Transaction<'_>,
    scratch: &mut Store,
    report: &mut FileReport,
) -> Result<(), StoreError> {
    tx.batch_execute(
        "CREATE TEMP TABLE IF NOT EXISTS stage_figures (LIKE observations, current BOOLEAN NOT NULL) \
         ON COMMIT DROP; TRUNCATE stage_figures; DROP TABLE IF EXISTS merge_plan",
    )?;
    for (table, current) in [(&OBSERVATIONS, true), (&REVISIONS, false)] {
        let mut rows = tables::read_sqlite(scratch.connection(), table)?;
        for row in &mut rows {
            row.push(tables::Cell::Int(i64::from(current)));
        }
        let sql = format!(
            "COPY stage_figures ({}, current) FROM STDIN (FORMAT binary)",
            table.column_list()
        );
        let writer = tx.copy_in(sql.as_str())?;
        let mut types = table.pg_types();
        types.push(postgres::types::Type::BOOL);
        let mut writer = postgres::binary_copy::BinaryCopyInWriter::new(writer, &types);
        for row in &rows {
            let (flag, cells) = row.split_last().unwrap_or((&tables::Cell::Null, &[]));
            let mut values: Vec<&(dyn postgres::types::ToSql + Sync)> = cells
                .iter()
                .map(|c| c as &(dyn postgres::types::ToSql + Sync))
                .collect();
            let is_current = matches!(flag, tables::Cell::Int(1));
            values.push(if is_current { &true } else { &false });
            writer.write(&values)?;
        }
        writer.finish()?;
    }
    // One statement at a time: the server's log then times each of them.
    for statement in MERGE.split(";\n").filter(|s| !s.trim().is_empty()) {
        tx.batch_execute(statement)?;
    }
    let mut counts = [0usize; 4];
    for row in tx.query(
        "SELECT action, COUNT(*) FROM merge_plan GROUP BY action",
        &[],
    )? {
        let (action, n): (i32, i64) = (row.try_get(0)?, row.try_get(1)?);
        if let Some(slot) = counts.get_mut(action as usize) {
            *slot = n as usize;
        }
    }
    // The scratch store counted every key as new; the server knows better.
    report.inserted = counts[0];
    report.unchanged += counts[1];
    report.revised += counts[2] + counts[3];
    // The next file starts from the server's figures, not this one's.
    let conn = scratch.connection();
    conn.execute_batch("DELETE FROM observations; DELETE FROM revisions;")?;
    let stats = tx.query(
        "SELECT id, points, first_start, last_start, abs_min, abs_max FROM series \
         WHERE id IN (SELECT series_id FROM stage_figures)",
        &[],
    )?;
    for row in stats {
        conn.execute(
            "UPDATE series SET points = ?2, first_start = ?3, last_start = ?4, abs_min = ?5, \
             abs_max = ?6 WHERE id = ?1",
            rusqlite::params![
                row.try_get::<_, i64>(0)?,
                row.try_get::<_, i64>(1)?,
                row.try_get::<_, Option<i64>>(2)?,
                row.try_get::<_, Option<i64>>(3)?,
                row.try_get::<_, Option<f64>>(4)?,
                row.try_get::<_, Option<f64>>(5)?
            ],
        )?;
    }
    Ok(())
}

impl PgStore {
    /// Replaces the saved views and stories with `contents` in one transaction.
    pub(in crate::store) fn replace_presentations(
        &mut self,
        contents: &[(&Table, Vec<Vec<tables::Cell>>)],
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let mut tx = self.client.transaction()?;
        for (table, _) in contents.iter().rev() {
            tx.batch_execute(&format!("DELETE FROM {}", table.name))?;
        }
        for (table, rows) in contents {
            tables::copy_into_pg(&mut tx, table.name, table, rows)?;
        }
        tx.batch_execute(schema::SYNC_IDENTITIES)?;
        tx.commit()?;
        Ok(())
    }
}
