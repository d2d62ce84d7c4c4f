//! Writing an import into the store: names resolved against the catalog (by id or display name,
//! case-insensitively; unknown ones added), rows upserted and counted, all in one transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::import::records::{EventRecord, MetricRecord, MetricRule, SourceRef};
use super::import::{
    FileReport, ImportError, ImportIssue, ImportReport, Issues, ParsedFile, Records,
};
use super::{Store, StoreError};
use crate::model::{Rgb, Unit};

/// Colours given to platforms an import adds without one: Okabe–Ito, then Paul Tol's muted set,
/// all distinguishable with the common colour-vision deficiencies.
const NEW_PLATFORM_COLOURS: [Rgb; 14] = [
    Rgb([0xE6, 0x9F, 0x00]),
    Rgb([0x56, 0xB4, 0xE9]),
    Rgb([0x00, 0x9E, 0x73]),
    Rgb([0xF0, 0xE4, 0x42]),
    Rgb([0x00, 0x72, 0xB2]),
    Rgb([0xD5, 0x5E, 0x00]),
    Rgb([0xCC, 0x79, 0xA7]),
    Rgb([0x88, 0xCC, 0xEE]),
    Rgb([0x44, 0xAA, 0x99]),
    Rgb([0x99, 0x99, 0x33]),
    Rgb([0xDD, 0xCC, 0x77]),
    Rgb([0xCC, 0x66, 0x77]),
    Rgb([0xAA, 0x44, 0x99]),
    Rgb([0xA0, 0xA0, 0xA0]),
];

/// An id made from a name: lowercase letters and digits joined by underscores.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// A platform's columns after its id, as compared to tell a replacement from no change.
type PlatformRow = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<u32>,
);

/// An event's columns besides its key (date, title, source).
type EventRow = (
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
);

/// Maps names as written (lowercased id or display name) to catalog ids.
#[derive(Default)]
pub(super) struct Names {
    by_key: HashMap<String, String>,
}

impl Names {
    pub(super) fn add(&mut self, id: &str, name: &str) {
        self.by_key.insert(id.to_lowercase(), id.to_string());
        self.by_key
            .entry(name.to_lowercase())
            .or_insert_with(|| id.to_string());
    }

    pub(super) fn find(&self, text: &str) -> Option<String> {
        self.by_key.get(&text.trim().to_lowercase()).cloned()
    }
}

pub(super) struct Catalog {
    pub(super) platforms: Names,
    pub(super) regions: Names,
    pub(super) metrics: Names,
    pub(super) metric_rules: HashMap<String, MetricRule>,
    /// Formula metrics: computed when read, so a file's figures for one are refused.
    pub(super) formulas: HashSet<String>,
    /// Platform id to the month its fiscal year starts in.
    pub(super) fiscal: HashMap<String, u32>,
    used_colours: Vec<Rgb>,
    sources: HashMap<(String, String), i64>,
    pub(super) publishers: HashMap<String, i64>,
    /// (metric, platform, region, grain code, unit) to series id.
    pub(super) series: HashMap<(String, String, String, i64, String), i64>,
}

fn load_catalog(tx: &Transaction<'_>) -> Result<Catalog, StoreError> {
    let mut catalog = Catalog {
        platforms: Names::default(),
        regions: Names::default(),
        metrics: Names::default(),
        metric_rules: HashMap::new(),
        formulas: HashSet::new(),
        fiscal: HashMap::new(),
        used_colours: Vec::new(),
        sources: HashMap::new(),
        publishers: HashMap::new(),
        series: HashMap::new(),
    };
    let mut stmt = tx.prepare("SELECT id, name, colour, fiscal_year_start FROM platforms")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, name, colour): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        if let Some(month) = row.get::<_, Option<u32>>(3)? {
            catalog.fiscal.insert(id.clone(), month);
        }
        catalog.platforms.add(&id, &name);
        catalog.used_colours.extend(Rgb::parse_hex(&colour).ok());
    }
    let mut stmt = tx.prepare("SELECT id, name FROM publishers")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        catalog.publishers.insert(row.get(1)?, row.get(0)?);
    }
    let mut stmt = tx.prepare("SELECT id, metric, platform, region, grain, unit FROM series")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        catalog.series.insert(
            (
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ),
            row.get(0)?,
        );
    }
    let mut stmt = tx.prepare("SELECT id, name FROM regions")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        catalog
            .regions
            .add(&row.get::<_, String>(0)?, &row.get::<_, String>(1)?);
    }
    let mut stmt = tx.prepare("SELECT id, name, unit, non_negative FROM metrics")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, name, unit): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        catalog.metrics.add(&id, &name);
        if let Ok(unit) = Unit::parse(&unit) {
            let non_negative = row.get(3)?;
            catalog
                .metric_rules
                .insert(id, MetricRule { unit, non_negative });
        }
    }
    let mut stmt = tx.prepare("SELECT metric FROM formulas")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        catalog.formulas.insert(row.get(0)?);
    }
    let mut stmt = tx.prepare("SELECT id, publisher, url FROM sources")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        catalog
            .sources
            .insert((row.get(1)?, row.get(2)?), row.get(0)?);
    }
    Ok(catalog)
}

/// Counts what an upsert did.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Inserted,
    Replaced,
    Revised,
    Unchanged,
}

impl FileReport {
    pub(super) fn count(&mut self, outcome: Outcome) {
        self.rows += 1;
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Revised => self.revised += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

pub(super) struct Writer<'t, 'c> {
    pub(super) tx: &'t Transaction<'c>,
    pub(super) catalog: Catalog,
    pub(super) created: Vec<String>,
    new_sources: usize,
    pub(super) issues: Issues,
    /// When this import runs: every figure's `recorded`, and the latest `published` allowed.
    pub(super) now: chrono::NaiveDateTime,
    /// Catalogue entries whose display name this import has already considered.
    named: std::collections::HashSet<(&'static str, String)>,
    /// Series this import created: nothing of theirs is in the store to compare against.
    pub(super) created_series: std::collections::HashSet<i64>,
}

impl Store {
    /// Writes parsed files in one transaction: catalog files first, then observations and
    /// events. With any problem nothing is written; a dry run rolls back after counting.
    pub fn import(
        &mut self,
        mut files: Vec<ParsedFile>,
        dry_run: bool,
    ) -> Result<ImportReport, ImportError> {
        self.ensure_writable()?;
        files.sort_by_key(|f| f.kind);
        let now = self.now();
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let catalog = load_catalog(&tx)?;
        let mut writer = Writer {
            tx: &tx,
            catalog,
            created: Vec::new(),
            new_sources: 0,
            issues: Issues::default(),
            now,
            named: Default::default(),
            created_series: Default::default(),
        };
        let mut report = ImportReport {
            dry_run,
            ..ImportReport::default()
        };
        for file in &files {
            let mut file_report = FileReport {
                file: file.name.clone(),
                kind: file.kind.as_str().to_string(),
                warnings: file.warnings.clone(),
                ..FileReport::default()
            };
            writer.write_file(file, &mut file_report)?;
            report.files.push(file_report);
        }
        report.created = std::mem::take(&mut writer.created);
        if writer.new_sources > 0 {
            report
                .created
                .push(format!("{} sources", writer.new_sources));
        }
        let issues = std::mem::take(&mut writer.issues);
        drop(writer);
        if !issues.is_empty() {
            // Dropping the transaction rolls it back.
            return Err(issues.into_error());
        }
        if dry_run {
            tx.rollback().map_err(StoreError::from)?;
        } else {
            tx.commit().map_err(StoreError::from)?;
        }
        Ok(report)
    }
}

impl Writer<'_, '_> {
    pub(super) fn issue(
        &mut self,
        file: &str,
        line: u64,
        field: &'static str,
        text: &str,
        message: String,
    ) {
        self.issues.push(ImportIssue {
            file: file.to_string(),
            line: Some(line),
            column: None,
            field: Some(field),
            text: Some(text.to_string()),
            message,
            also: Vec::new(),
        });
    }

    fn write_file(&mut self, file: &ParsedFile, report: &mut FileReport) -> Result<(), StoreError> {
        match &file.records {
            Records::Platforms(rows) => {
                for r in rows {
                    let existing: Option<PlatformRow> = self
                        .tx
                        .query_row(
                            "SELECT name, name_zh, parent, parent_zh, colour, type, fiscal_year_start FROM platforms WHERE id = ?1",
                            [&r.id],
                            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?)),
                        )
                        .optional()?;
                    let colour = match (r.colour, &existing) {
                        (Some(c), _) => c,
                        (None, Some(e)) => {
                            Rgb::parse_hex(&e.4).unwrap_or_else(|_| self.next_colour())
                        }
                        (None, None) => self.next_colour(),
                    };
                    let new = (
                        r.name.clone(),
                        r.name_zh.clone(),
                        r.parent.clone(),
                        r.parent_zh.clone(),
                        colour.to_hex(),
                        r.platform_type.as_str().to_string(),
                        r.fiscal_year_start,
                    );
                    let outcome = match &existing {
                        None => Outcome::Inserted,
                        Some(e) if *e == new => Outcome::Unchanged,
                        Some(_) => Outcome::Replaced,
                    };
                    if outcome != Outcome::Unchanged {
                        self.tx.execute(
                            "INSERT INTO platforms (id, name, name_zh, parent, parent_zh, colour, type, fiscal_year_start) \
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET \
                             name = excluded.name, name_zh = excluded.name_zh, parent = excluded.parent, \
                             parent_zh = excluded.parent_zh, colour = excluded.colour, type = excluded.type, \
                             fiscal_year_start = excluded.fiscal_year_start",
                            params![r.id, new.0, new.1, new.2, new.3, new.4, new.5, new.6],
                        )?;
                    }
                    self.catalog.platforms.add(&r.id, &r.name);
                    match r.fiscal_year_start {
                        Some(month) => self.catalog.fiscal.insert(r.id.clone(), month),
                        None => self.catalog.fiscal.remove(&r.id),
                    };
                    self.catalog.used_colours.push(colour);
                    report.count(outcome);
                }
            }
            Records::Regions(rows) => {
                for r in rows {
                    let existing: Option<String> = self
                        .tx
                        .query_row("SELECT name FROM regions WHERE id = ?1", [&r.id], |row| {
                            row.get(0)
                        })
                        .optional()?;
                    let outcome = upsert_outcome(existing.as_ref(), &r.name);
                    if outcome != Outcome::Unchanged {
                        self.tx.execute(
                            "INSERT INTO regions (id, name) VALUES (?1, ?2) \
                             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                            params![r.id, r.name],
                        )?;
                    }
                    self.catalog.regions.add(&r.id, &r.name);
                    report.count(outcome);
                }
            }
            Records::Metrics(rows) => {
                for r in rows {
                    if let Some(outcome) = self.metric(&file.name, r)? {
                        report.count(outcome);
                    }
                }
            }
            Records::Sources(rows) => {
                for r in rows {
                    let outcome = self.upsert_source(&r.source)?.1;
                    report.count(outcome);
                }
            }
            Records::Observations(rows) => self.observations(&file.name, rows, report)?,
            Records::Events(rows) => {
                for r in rows {
                    if let Some(outcome) = self.event(&file.name, r)? {
                        report.count(outcome);
                    }
                }
            }
        }
        Ok(())
    }

    /// A metrics-file row: its unit can change only while it has no figures.
    fn metric(&mut self, file: &str, r: &MetricRecord) -> Result<Option<Outcome>, StoreError> {
        type MetricRow = (String, Option<String>, String, bool, String, String);
        let existing: Option<MetricRow> = self
            .tx
            .query_row(
                "SELECT name, name_zh, unit, non_negative, aggregate, description FROM metrics WHERE id = ?1",
                [&r.id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)),
            )
            .optional()?;
        if let Some((_, _, old_unit, _, _, _)) = &existing {
            let used: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM series WHERE metric = ?1)",
                [&r.id],
                |row| row.get(0),
            )?;
            if used && old_unit != r.unit.as_str() {
                self.issue(
                    file,
                    r.line,
                    "unit",
                    r.unit.as_str(),
                    format!(
                        "metric {:?} already has figures in {old_unit}; its unit cannot change",
                        r.id
                    ),
                );
                return Ok(None);
            }
        }
        let non_negative = r
            .non_negative
            .or(existing.as_ref().map(|e| e.3))
            .unwrap_or(matches!(r.unit, Unit::Count) || r.unit.currency().is_some());
        let aggregate = r
            .aggregate
            .or_else(|| {
                existing
                    .as_ref()
                    .and_then(|e| crate::model::Aggregate::parse(&e.4).ok())
            })
            .unwrap_or(crate::model::Aggregate::for_unit(r.unit));
        let new: MetricRow = (
            r.name.clone(),
            r.name_zh.clone(),
            r.unit.as_str().to_string(),
            non_negative,
            aggregate.as_str().to_string(),
            r.description.clone(),
        );
        let outcome = upsert_outcome(existing.as_ref(), &new);
        if outcome != Outcome::Unchanged {
            self.tx.execute(
                "INSERT INTO metrics (id, name, name_zh, unit, non_negative, aggregate, description) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
                 name_zh = excluded.name_zh, unit = excluded.unit, non_negative = excluded.non_negative, \
                 aggregate = excluded.aggregate, description = excluded.description",
                params![r.id, new.0, new.1, new.2, new.3, new.4, new.5],
            )?;
        }
        self.catalog.metrics.add(&r.id, &r.name);
        self.catalog.metric_rules.insert(
            r.id.clone(),
            MetricRule {
                unit: r.unit,
                non_negative,
            },
        );
        Ok(Some(outcome))
    }

    /// Gives a catalogue entry the display name an export carried, if the store has no figures
    /// for it yet (a new store's seeded `global` region, say): a store that holds figures keeps
    /// the names its user chose. Checked once per entry and import.
    pub(super) fn name_unused(
        &mut self,
        table: &'static str,
        column: &'static str,
        id: &str,
        name: &str,
    ) -> Result<(), StoreError> {
        if !self.named.insert((table, id.to_string())) {
            return Ok(());
        }
        // Both identifiers are literals of this program; the values are bound.
        let used: bool = self.tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM series WHERE {column} = ?1 AND points > 0)"),
            [id],
            |row| row.get(0),
        )?;
        if !used {
            self.tx.execute(
                &format!("UPDATE {table} SET name = ?1 WHERE id = ?2"),
                params![name, id],
            )?;
        }
        Ok(())
    }

    fn next_colour(&self) -> Rgb {
        NEW_PLATFORM_COLOURS
            .iter()
            .copied()
            .find(|c| !self.catalog.used_colours.contains(c))
            .unwrap_or(
                NEW_PLATFORM_COLOURS[self.catalog.used_colours.len() % NEW_PLATFORM_COLOURS.len()],
            )
    }

    /// The source's id, adding it (or its newly given title and date) to the store.
    pub(super) fn upsert_source(
        &mut self,
        source: &SourceRef,
    ) -> Result<(i64, Outcome), StoreError> {
        let key = (source.publisher.clone(), source.url.clone());
        let known = self.catalog.sources.get(&key).copied();
        // Most rows name a known source and say nothing new about it.
        if let (Some(id), None, None) = (known, &source.title, source.published) {
            return Ok((id, Outcome::Unchanged));
        }
        let published = source.published.map(|d| d.format("%Y-%m-%d").to_string());
        if let Some(id) = known {
            let (title, old_published): (String, Option<String>) = self.tx.query_row(
                "SELECT title, published FROM sources WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            let new_title = source.title.clone().unwrap_or_else(|| title.clone());
            let new_published = published.or(old_published.clone());
            if new_title == title && new_published == old_published {
                return Ok((id, Outcome::Unchanged));
            }
            self.tx.execute(
                "UPDATE sources SET title = ?1, published = ?2 WHERE id = ?3",
                params![new_title, new_published, id],
            )?;
            return Ok((id, Outcome::Replaced));
        }
        self.tx.execute(
            "INSERT INTO sources (publisher, title, url, published) VALUES (?1, ?2, ?3, ?4)",
            params![
                source.publisher,
                source.title.clone().unwrap_or_default(),
                source.url,
                published
            ],
        )?;
        let id = self.tx.last_insert_rowid();
        self.catalog.sources.insert(key, id);
        self.new_sources += 1;
        Ok((id, Outcome::Inserted))
    }

    /// The platform's id for a name as written, adding an unknown one with a palette colour.
    pub(super) fn platform_id(&mut self, text: &str) -> Result<String, StoreError> {
        self.platform_id_named(text, None, None)
    }

    /// As [`Self::platform_id`]; a new platform takes the display name and fiscal year an export
    /// gave for it.
    pub(super) fn platform_id_named(
        &mut self,
        text: &str,
        name: Option<&str>,
        fiscal_year_start: Option<u32>,
    ) -> Result<String, StoreError> {
        if let Some(id) = self.catalog.platforms.find(text) {
            if let Some(name) = name {
                self.name_unused("platforms", "platform", &id, name)?;
            }
            return Ok(id);
        }
        let id = slug(text);
        let colour = self.next_colour();
        let name = name.unwrap_or(text.trim());
        self.tx.execute(
            "INSERT INTO platforms (id, name, colour, type, fiscal_year_start) VALUES (?1, ?2, ?3, 'platform', ?4)",
            params![id, name, colour.to_hex(), fiscal_year_start],
        )?;
        if let Some(month) = fiscal_year_start {
            self.catalog.fiscal.insert(id.clone(), month);
        }
        self.catalog.platforms.add(&id, name);
        self.catalog.platforms.add(&id, text.trim());
        self.catalog.used_colours.push(colour);
        self.created.push(format!("platform {id:?}"));
        Ok(id)
    }

    pub(super) fn region_id(&mut self, text: &str) -> Result<String, StoreError> {
        self.region_id_named(text, None)
    }

    pub(super) fn region_id_named(
        &mut self,
        text: &str,
        name: Option<&str>,
    ) -> Result<String, StoreError> {
        if let Some(id) = self.catalog.regions.find(text) {
            if let Some(name) = name {
                self.name_unused("regions", "region", &id, name)?;
            }
            return Ok(id);
        }
        let id = slug(text);
        let name = name.unwrap_or(text.trim());
        self.tx.execute(
            "INSERT INTO regions (id, name) VALUES (?1, ?2)",
            params![id, name],
        )?;
        self.catalog.regions.add(&id, name);
        self.catalog.regions.add(&id, text.trim());
        self.created.push(format!("region {id:?}"));
        Ok(id)
    }

    fn event(&mut self, _file: &str, r: &EventRecord) -> Result<Option<Outcome>, StoreError> {
        let platform = match &r.platform {
            Some(p) => Some(self.platform_id(p)?),
            None => None,
        };
        let region = match &r.region {
            Some(p) => Some(self.region_id(p)?),
            None => None,
        };
        let (source_id, _) = self.upsert_source(&r.source)?;
        let start = r.date.start_iso();
        let existing: Option<EventRow> = self
            .tx
            .query_row(
                "SELECT date_grain, end_start, end_grain, category, platform, region, description \
                 FROM events WHERE date_start = ?1 AND title = ?2 AND source_id = ?3",
                params![start, r.title, source_id],
                |row| {
                    Ok((
                        row.get(0)?,
                        row.get(1)?,
                        row.get(2)?,
                        row.get(3)?,
                        row.get(4)?,
                        row.get(5)?,
                        row.get(6)?,
                    ))
                },
            )
            .optional()?;
        let new: EventRow = (
            r.date.grain.as_str().to_string(),
            r.end.map(|e| e.start_iso()),
            r.end.map(|e| e.grain.as_str().to_string()),
            r.category.as_str().to_string(),
            platform,
            region,
            r.description.clone(),
        );
        let outcome = upsert_outcome(existing.as_ref(), &new);
        if outcome != Outcome::Unchanged {
            self.tx.execute(
                "INSERT INTO events (date_start, date_grain, end_start, end_grain, title, category, \
                 platform, region, description, source_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
                 ON CONFLICT (date_start, title, source_id) DO UPDATE SET date_grain = excluded.date_grain, \
                 end_start = excluded.end_start, end_grain = excluded.end_grain, category = excluded.category, \
                 platform = excluded.platform, region = excluded.region, description = excluded.description",
                params![start, new.0, new.1, new.2, r.title, new.3, new.4, new.5, new.6, source_id],
            )?;
        }
        Ok(Some(outcome))
    }
}

pub(super) fn upsert_outcome<T: PartialEq>(existing: Option<&T>, new: &T) -> Outcome {
    match existing {
        None => Outcome::Inserted,
        Some(e) if e == new => Outcome::Unchanged,
        Some(_) => Outcome::Replaced,
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_lowercase_words_joined_by_underscores() {
        assert_eq!(slug("TikTok Shop"), "tiktok_shop");
        assert_eq!(slug("  Mercado-Libre! "), "mercado_libre");
        assert_eq!(slug("速卖通"), "速卖通");
        assert_eq!(
            slug("x'); DROP TABLE observations;--"),
            "x_drop_table_observations"
        );
        assert_eq!(slug("!!!"), "");
    }
}
