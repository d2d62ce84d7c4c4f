//! Writing an import into the store: names resolved against the catalog (by id or display name,
//! case-insensitively; unknown ones added), rows upserted and counted, all in one transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};

use super::import::records::{EventRecord, ObservationRecord, SourceRef};
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
struct Names {
    by_key: HashMap<String, String>,
}

impl Names {
    fn add(&mut self, id: &str, name: &str) {
        self.by_key.insert(id.to_lowercase(), id.to_string());
        self.by_key
            .entry(name.to_lowercase())
            .or_insert_with(|| id.to_string());
    }

    fn find(&self, text: &str) -> Option<String> {
        self.by_key.get(&text.trim().to_lowercase()).cloned()
    }
}

struct Catalog {
    platforms: Names,
    regions: Names,
    metrics: Names,
    metric_units: HashMap<String, Unit>,
    used_colours: Vec<Rgb>,
    sources: HashMap<(String, String), i64>,
}

fn load_catalog(tx: &Transaction<'_>) -> Result<Catalog, StoreError> {
    let mut catalog = Catalog {
        platforms: Names::default(),
        regions: Names::default(),
        metrics: Names::default(),
        metric_units: HashMap::new(),
        used_colours: Vec::new(),
        sources: HashMap::new(),
    };
    let mut stmt = tx.prepare("SELECT id, name, colour FROM platforms")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, name, colour): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        catalog.platforms.add(&id, &name);
        catalog.used_colours.extend(Rgb::parse_hex(&colour).ok());
    }
    let mut stmt = tx.prepare("SELECT id, name FROM regions")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        catalog
            .regions
            .add(&row.get::<_, String>(0)?, &row.get::<_, String>(1)?);
    }
    let mut stmt = tx.prepare("SELECT id, name, unit FROM metrics")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, name, unit): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        catalog.metrics.add(&id, &name);
        if let Ok(unit) = Unit::parse(&unit) {
            catalog.metric_units.insert(id, unit);
        }
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
enum Outcome {
    Inserted,
    Replaced,
    Unchanged,
}

impl FileReport {
    fn count(&mut self, outcome: Outcome) {
        self.rows += 1;
        match outcome {
            Outcome::Inserted => self.inserted += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

struct Writer<'t, 'c> {
    tx: &'t Transaction<'c>,
    catalog: Catalog,
    created: Vec<String>,
    new_sources: usize,
    issues: Issues,
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
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let catalog = load_catalog(&tx)?;
        let mut writer = Writer {
            tx: &tx,
            catalog,
            created: Vec::new(),
            new_sources: 0,
            issues: Issues::default(),
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
    fn issue(&mut self, file: &str, line: u64, field: &'static str, text: &str, message: String) {
        self.issues.push(ImportIssue {
            file: file.to_string(),
            line: Some(line),
            column: None,
            field: Some(field),
            text: Some(text.to_string()),
            message,
        });
    }

    fn write_file(&mut self, file: &ParsedFile, report: &mut FileReport) -> Result<(), StoreError> {
        match &file.records {
            Records::Platforms(rows) => {
                for r in rows {
                    let existing: Option<PlatformRow> = self
                        .tx
                        .query_row(
                            "SELECT name, name_zh, parent, parent_zh, colour, type FROM platforms WHERE id = ?1",
                            [&r.id],
                            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?)),
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
                    );
                    let outcome = match &existing {
                        None => Outcome::Inserted,
                        Some(e) if *e == new => Outcome::Unchanged,
                        Some(_) => Outcome::Replaced,
                    };
                    if outcome != Outcome::Unchanged {
                        self.tx.execute(
                            "INSERT INTO platforms (id, name, name_zh, parent, parent_zh, colour, type) \
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET \
                             name = excluded.name, name_zh = excluded.name_zh, parent = excluded.parent, \
                             parent_zh = excluded.parent_zh, colour = excluded.colour, type = excluded.type",
                            params![r.id, new.0, new.1, new.2, new.3, new.4, new.5],
                        )?;
                    }
                    self.catalog.platforms.add(&r.id, &r.name);
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
                    let existing: Option<(String, String, String)> = self
                        .tx
                        .query_row(
                            "SELECT name, unit, description FROM metrics WHERE id = ?1",
                            [&r.id],
                            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                        )
                        .optional()?;
                    if let Some((_, old_unit, _)) = &existing {
                        let used: bool = self.tx.query_row(
                            "SELECT EXISTS (SELECT 1 FROM observations WHERE metric = ?1)",
                            [&r.id],
                            |row| row.get(0),
                        )?;
                        if used && old_unit != r.unit.as_str() {
                            self.issue(
                                &file.name,
                                r.line,
                                "unit",
                                r.unit.as_str(),
                                format!("metric {:?} already has figures in {old_unit}; its unit cannot change", r.id),
                            );
                            continue;
                        }
                    }
                    let new = (
                        r.name.clone(),
                        r.unit.as_str().to_string(),
                        r.description.clone(),
                    );
                    let outcome = upsert_outcome(existing.as_ref(), &new);
                    if outcome != Outcome::Unchanged {
                        self.tx.execute(
                            "INSERT INTO metrics (id, name, unit, description) VALUES (?1, ?2, ?3, ?4) \
                             ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit = excluded.unit, \
                             description = excluded.description",
                            params![r.id, new.0, new.1, new.2],
                        )?;
                    }
                    self.catalog.metrics.add(&r.id, &r.name);
                    self.catalog.metric_units.insert(r.id.clone(), r.unit);
                    report.count(outcome);
                }
            }
            Records::Sources(rows) => {
                for r in rows {
                    let outcome = self.upsert_source(&r.source)?.1;
                    report.count(outcome);
                }
            }
            Records::Observations(rows) => {
                for r in rows {
                    if let Some(outcome) = self.observation(&file.name, r)? {
                        report.count(outcome);
                    }
                }
            }
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
    fn upsert_source(&mut self, source: &SourceRef) -> Result<(i64, Outcome), StoreError> {
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
    fn platform_id(&mut self, text: &str) -> Result<String, StoreError> {
        if let Some(id) = self.catalog.platforms.find(text) {
            return Ok(id);
        }
        let id = slug(text);
        let colour = self.next_colour();
        self.tx.execute(
            "INSERT INTO platforms (id, name, colour, type) VALUES (?1, ?2, ?3, 'platform')",
            params![id, text.trim(), colour.to_hex()],
        )?;
        self.catalog.platforms.add(&id, text.trim());
        self.catalog.used_colours.push(colour);
        self.created.push(format!("platform {id:?}"));
        Ok(id)
    }

    fn region_id(&mut self, text: &str) -> Result<String, StoreError> {
        if let Some(id) = self.catalog.regions.find(text) {
            return Ok(id);
        }
        let id = slug(text);
        self.tx.execute(
            "INSERT INTO regions (id, name) VALUES (?1, ?2)",
            params![id, text.trim()],
        )?;
        self.catalog.regions.add(&id, text.trim());
        self.created.push(format!("region {id:?}"));
        Ok(id)
    }

    fn observation(
        &mut self,
        file: &str,
        r: &ObservationRecord,
    ) -> Result<Option<Outcome>, StoreError> {
        let metric = self.catalog.metrics.find(&r.metric);
        let metric_unit = metric
            .as_ref()
            .and_then(|m| self.catalog.metric_units.get(m).copied());
        let (value, unit, qualifier) = match r.resolve_value(metric_unit) {
            Ok(v) => v,
            Err(message) => {
                self.issue(file, r.line, "value", &r.value_text, message);
                return Ok(None);
            }
        };
        // What `slug` keeps; checked without building three strings for every row.
        let nameable = |text: &str| text.chars().any(char::is_alphanumeric);
        if !(nameable(&r.platform) && nameable(&r.region) && nameable(&r.metric)) {
            self.issue(
                file,
                r.line,
                "platform",
                &r.platform,
                "platform, metric and region need a letter or digit".into(),
            );
            return Ok(None);
        }
        let metric = match metric {
            Some(id) => id,
            None => {
                let id = slug(&r.metric);
                self.tx.execute(
                    "INSERT INTO metrics (id, name, unit, description) VALUES (?1, ?2, ?3, '')",
                    params![id, r.metric.trim(), unit.as_str()],
                )?;
                self.catalog.metrics.add(&id, r.metric.trim());
                self.catalog.metric_units.insert(id.clone(), unit);
                self.created.push(format!("metric {id:?} ({unit})"));
                id
            }
        };
        let platform = self.platform_id(&r.platform)?;
        let region = self.region_id(&r.region)?;
        let (source_id, _) = self.upsert_source(&r.source)?;
        let start = r.period.start_iso();
        let grain = r.period.grain.as_str();
        let existing: Option<(f64, String, String, String, String)> = self
            .tx
            .prepare_cached(
                "SELECT value, unit, kind, qualifier, note FROM observations WHERE platform = ?1 \
                 AND metric = ?2 AND region = ?3 AND period_start = ?4 AND grain = ?5 AND source_id = ?6",
            )?
            .query_row(params![platform, metric, region, start, grain, source_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
            })
            .optional()?;
        let new = (
            value,
            unit.as_str().to_string(),
            r.kind.as_str().to_string(),
            qualifier.as_str().to_string(),
            r.note.clone(),
        );
        let outcome = upsert_outcome(existing.as_ref(), &new);
        if outcome != Outcome::Unchanged {
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO observations (platform, metric, region, period_start, grain, \
                     value, unit, kind, qualifier, source_id, note) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    platform, metric, region, start, grain, value, new.1, new.2, new.3, source_id, new.4
                ])?;
        }
        Ok(Some(outcome))
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

fn upsert_outcome<T: PartialEq>(existing: Option<&T>, new: &T) -> Outcome {
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
