//! Writing an import's figures: each row resolved to a series, a period instant and a publisher,
//! then applied in key order against what the store holds. A new key is inserted; the same key
//! with other content becomes a revision (the later `published` is current, the other is kept in
//! `revisions`); the same content is unchanged. Every error is collected; nothing is written then.

use std::collections::HashMap;

use rusqlite::params;

use super::StoreError;
use super::import::records::{MetricRule, ObservationRecord};
use super::import::{FileReport, SeriesReport};
use super::write::{Outcome, Writer, slug};
use crate::model::{Aggregate, Kind, Period, Unit, instant};

/// From this many rows, an import into an empty store builds the source index after the load.
const BULK_ROWS: usize = 50_000;

/// One row, resolved to integer keys, waiting to be applied.
struct Pending {
    series_id: i64,
    start: i64,
    publisher_id: i64,
    published: i64,
    line: u64,
    figure: Figure,
}

impl Pending {
    /// The row's columns in the order of the `observations` and `revisions` tables.
    fn row<'a>(&'a self, recorded: &'a i64) -> [&'a dyn rusqlite::ToSql; 10] {
        [
            &self.series_id,
            &self.start,
            &self.publisher_id,
            &self.figure.source_id,
            &self.figure.value,
            &self.figure.kind,
            &self.figure.qualifier,
            &self.published,
            recorded,
            &self.figure.note,
        ]
    }
}

/// A figure's content: what decides whether a re-import changed it.
#[derive(Debug, Clone, PartialEq)]
struct Figure {
    source_id: i64,
    value: f64,
    kind: i64,
    qualifier: i64,
    note: String,
}

/// The current figure of a key, as stored or as this import left it.
struct Current {
    published: i64,
    figure: Figure,
}

/// What the last row resolved to: files repeat their platform, metric and source row after row.
#[derive(Default)]
struct LastRow {
    names: Option<(String, String, String, String, String)>,
    metric: String,
    platform: String,
    region: String,
    rule: Option<MetricRule>,
    publisher_id: i64,
    source_id: i64,
    /// The last series resolved: grain code, unit and id.
    series: Option<(i64, Unit, i64)>,
    fiscal: Option<u32>,
    /// The source's own publication date, the fallback for rows that give none.
    source_published: Option<i64>,
}

impl Writer<'_, '_> {
    pub(super) fn observations(
        &mut self,
        file: &str,
        rows: &[ObservationRecord],
        report: &mut FileReport,
    ) -> Result<(), StoreError> {
        let mut pending = Vec::with_capacity(rows.len());
        let mut last = LastRow::default();
        let mut series_info: HashMap<i64, SeriesReport> = HashMap::new();
        let mut kinds_given = false;
        let today_end = instant::instant(self.now.date(), 0) + instant::SECONDS_PER_DAY;
        let recorded = instant::instant_of_datetime(self.now);
        for r in rows {
            kinds_given |= r.kind_given;
            if let Some(p) = self.resolve_row(file, r, &mut last, today_end, &mut series_info)? {
                pending.push(p);
            }
        }
        if !self.issues.is_empty() {
            return Ok(());
        }
        pending.sort_by_key(|p| (p.series_id, p.start, p.publisher_id, p.published, p.line));
        // A bulk load into an empty store builds the source index once, after the rows: cheaper
        // than keeping it sorted row by row. Same transaction, so still all or nothing.
        let bulk = pending.len() >= BULK_ROWS
            && self.tx.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM observations)",
                [],
                |row| row.get::<_, bool>(0),
            )?;
        if bulk {
            self.tx
                .execute_batch("DROP INDEX IF EXISTS observations_by_source")?;
        }
        self.apply(&pending, recorded, report)?;
        if bulk {
            self.tx
                .execute_batch("CREATE INDEX observations_by_source ON observations (source_id)")?;
        }
        let mut series: Vec<SeriesReport> = series_info.into_values().collect();
        series.sort_by(|a, b| {
            (&a.metric, &a.platform, &a.region, a.grain).cmp(&(
                &b.metric,
                &b.platform,
                &b.region,
                b.grain,
            ))
        });
        for s in &mut series {
            if let Some(warning) = self.magnitude_warning(s)? {
                report.warnings.push(warning);
            }
        }
        if !kinds_given && !rows.is_empty() {
            report.warnings.push(format!(
                "kind: actual (the default) for all {} rows — add --set kind=estimate if these are estimates",
                rows.len()
            ));
        }
        report.series = series;
        self.update_series_stats(&pending)?;
        Ok(())
    }

    /// Resolves one row's names, value, period, series and source; records problems as issues.
    fn resolve_row(
        &mut self,
        file: &str,
        r: &ObservationRecord,
        last: &mut LastRow,
        today_end: i64,
        series_info: &mut HashMap<i64, SeriesReport>,
    ) -> Result<Option<Pending>, StoreError> {
        let same_names = last
            .names
            .as_ref()
            .is_some_and(|(p, m, g, publisher, url)| {
                *p == r.platform
                    && *m == r.metric
                    && *g == r.region
                    && *publisher == r.source.publisher
                    && *url == r.source.url
            })
            && r.source.title.is_none()
            && r.source.published.is_none();
        if !same_names {
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
            last.metric = self.catalog.metrics.find(&r.metric).unwrap_or_default();
            if self.catalog.formulas.contains(&last.metric) {
                let message = format!(
                    "metric {:?} is a formula metric: its figures are computed from its inputs, not imported; import these under another metric",
                    last.metric
                );
                last.names = None;
                self.issue(file, r.line, "metric", &r.metric, message);
                return Ok(None);
            }
            if let (false, Some(name)) = (last.metric.is_empty(), r.hints.metric_name.as_deref()) {
                let id = last.metric.clone();
                self.name_unused("metrics", "metric", &id, name)?;
            }
            last.rule = self.catalog.metric_rules.get(&last.metric).copied();
            last.platform = self.platform_id_named(
                &r.platform,
                r.hints.platform_name.as_deref(),
                r.hints.fiscal_year_start,
            )?;
            last.region = self.region_id_named(&r.region, r.hints.region_name.as_deref())?;
            let (source_id, _) = self.upsert_source(&r.source)?;
            last.source_id = source_id;
            last.publisher_id = self.publisher_id(&r.source.publisher)?;
            last.series = None;
            last.fiscal = self.catalog.fiscal.get(&last.platform).copied();
            last.source_published = self.source_published(last.source_id)?;
            last.names = Some((
                r.platform.clone(),
                r.metric.clone(),
                r.region.clone(),
                r.source.publisher.clone(),
                r.source.url.clone(),
            ));
        }
        let (value, unit, qualifier) = match r.resolve_value(last.rule) {
            Ok(v) => v,
            Err(message) => {
                self.issue(file, r.line, "value", &r.value_text, message);
                return Ok(None);
            }
        };
        if last.metric.is_empty() || last.rule.is_none() {
            last.metric = self.create_metric(r, unit)?;
            last.rule = self.catalog.metric_rules.get(&last.metric).copied();
        }
        let period = match r.period.resolve(last.fiscal) {
            Ok(p) => p,
            Err(e) => {
                let message = match e {
                    crate::model::PeriodError::FiscalNeedsPlatform(label) => format!(
                        "{label} is a fiscal period, but platform {:?} has no fiscal year; give its fiscal_year_start (month 1-12) in a platforms file or a fiscal_year_start column",
                        last.platform
                    ),
                    other => other.to_string(),
                };
                self.issue(file, r.line, "period", "", message);
                return Ok(None);
            }
        };
        let published = match r.published.or(r.source.published) {
            Some(date) => instant::instant(date, 0),
            None => last
                .source_published
                .unwrap_or(instant::instant(self.now.date(), 0)),
        };
        if published >= today_end {
            let text = r.published.map(|d| d.to_string()).unwrap_or_default();
            self.issue(
                file,
                r.line,
                "published",
                &text,
                format!(
                    "published after today ({}): a figure cannot be known before it is published",
                    self.now.date()
                ),
            );
            return Ok(None);
        }
        let series_id = match last.series {
            Some((grain, u, id)) if grain == period.grain.code() && u == unit => id,
            _ => {
                let id =
                    self.series_id(&last.metric, &last.platform, &last.region, period, unit)?;
                last.series = Some((period.grain.code(), unit, id));
                id
            }
        };
        let entry = series_info.entry(series_id).or_insert_with(|| {
            SeriesReport::new(&last.metric, &last.platform, &last.region, period, unit)
        });
        entry.add(period, value, r.kind);
        Ok(Some(Pending {
            series_id,
            start: period.start_instant(),
            publisher_id: last.publisher_id,
            published,
            line: r.line,
            figure: Figure {
                source_id: last.source_id,
                value,
                kind: r.kind.code(),
                qualifier: qualifier.code(),
                note: r.note.clone(),
            },
        }))
    }

    fn source_published(&self, source_id: i64) -> Result<Option<i64>, StoreError> {
        let text: Option<String> = self
            .tx
            .prepare_cached("SELECT published FROM sources WHERE id = ?1")?
            .query_row([source_id], |row| row.get(0))?;
        Ok(text
            .and_then(|t| chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
            .map(|d| instant::instant(d, 0)))
    }

    /// A metric the store has not seen: its unit is the row's, and it may be negative unless the
    /// row says otherwise.
    fn create_metric(&mut self, r: &ObservationRecord, unit: Unit) -> Result<String, StoreError> {
        let id = slug(&r.metric);
        let name = r.hints.metric_name.as_deref().unwrap_or(r.metric.trim());
        let non_negative = r.hints.non_negative.unwrap_or(false);
        // An export says the metric's own unit (`per USD`) where its figures' (`CNY per USD`)
        // would be narrower; a file without one gives the metric its first row's unit.
        let unit = r.hints.metric_unit.unwrap_or(unit);
        let aggregate = r.hints.aggregate.unwrap_or(Aggregate::for_unit(unit));
        self.tx.execute(
            "INSERT INTO metrics (id, name, unit, non_negative, aggregate, description) VALUES (?1, ?2, ?3, ?4, ?5, '')",
            params![id, name, unit.as_str(), non_negative, aggregate.as_str()],
        )?;
        self.catalog.metrics.add(&id, name);
        self.catalog.metrics.add(&id, r.metric.trim());
        self.catalog
            .metric_rules
            .insert(id.clone(), MetricRule { unit, non_negative });
        let what = if unit == Unit::Plain {
            "plain numbers: no unit given".to_string()
        } else {
            unit.to_string()
        };
        self.created.push(format!("metric {id:?} ({what})"));
        Ok(id)
    }

    fn publisher_id(&mut self, name: &str) -> Result<i64, StoreError> {
        if let Some(id) = self.catalog.publishers.get(name) {
            return Ok(*id);
        }
        self.tx
            .execute("INSERT INTO publishers (name) VALUES (?1)", [name])?;
        let id = self.tx.last_insert_rowid();
        self.catalog.publishers.insert(name.to_string(), id);
        Ok(id)
    }

    fn series_id(
        &mut self,
        metric: &str,
        platform: &str,
        region: &str,
        period: Period,
        unit: Unit,
    ) -> Result<i64, StoreError> {
        let key = (
            metric.to_string(),
            platform.to_string(),
            region.to_string(),
            period.grain.code(),
            unit.as_str().to_string(),
        );
        if let Some(id) = self.catalog.series.get(&key) {
            return Ok(*id);
        }
        self.tx.execute(
            "INSERT INTO series (metric, platform, region, grain, unit) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![key.0, key.1, key.2, key.3, key.4],
        )?;
        let id = self.tx.last_insert_rowid();
        self.catalog.series.insert(key, id);
        self.created_series.insert(id);
        Ok(id)
    }

    /// Applies the sorted rows: one pass per series over the keys it already holds. Rows of one
    /// key are adjacent, oldest published first, so each key folds its rows into what the store
    /// holds without a lookup table of the import's own keys.
    fn apply(
        &mut self,
        pending: &[Pending],
        recorded: i64,
        report: &mut FileReport,
    ) -> Result<(), StoreError> {
        let mut insert = self.tx.prepare_cached(
            "INSERT OR REPLACE INTO observations (series_id, period_start, publisher_id, source_id, \
             value, kind, qualifier, published, recorded, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut revise = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO revisions (series_id, period_start, publisher_id, source_id, \
             value, kind, qualifier, published, recorded, note) \
             SELECT series_id, period_start, publisher_id, source_id, value, kind, qualifier, \
             published, recorded, note FROM observations \
             WHERE series_id = ?1 AND period_start = ?2 AND publisher_id = ?3",
        )?;
        let mut keep_old = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO revisions (series_id, period_start, publisher_id, source_id, \
             value, kind, qualifier, published, recorded, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut duplicate_lines = Vec::new();
        for group in pending.chunk_by(|a, b| a.series_id == b.series_id) {
            let stored = if self.created_series.contains(&group[0].series_id) {
                HashMap::new()
            } else {
                let (first, last) = (group[0].start, group[group.len() - 1].start);
                self.current_figures(group[0].series_id, first, last)?
            };
            for rows in
                group.chunk_by(|a, b| (a.start, a.publisher_id) == (b.start, b.publisher_id))
            {
                let mut current: Option<(i64, &Figure)> = stored
                    .get(&(rows[0].start, rows[0].publisher_id))
                    .map(|c| (c.published, &c.figure));
                for (i, p) in rows.iter().enumerate() {
                    if i > 0
                        && rows[i - 1].published == p.published
                        && rows[i - 1].figure != p.figure
                    {
                        duplicate_lines.push((rows[i - 1].line, p.line));
                    }
                    let outcome = match current {
                        None => Outcome::Inserted,
                        Some((_, figure)) if *figure == p.figure => Outcome::Unchanged,
                        Some((published, _)) if p.published >= published => Outcome::Revised,
                        // An older vintage of a figure that has been revised since: history.
                        Some(_) => {
                            keep_old.execute(p.row(&recorded))?;
                            report.count(Outcome::Revised);
                            continue;
                        }
                    };
                    if outcome == Outcome::Revised {
                        revise.execute(params![p.series_id, p.start, p.publisher_id])?;
                    }
                    if outcome != Outcome::Unchanged {
                        insert.execute(p.row(&recorded))?;
                        current = Some((p.published, &p.figure));
                    }
                    report.count(outcome);
                }
            }
        }
        for (earlier, later) in duplicate_lines {
            report.warnings.push(format!(
                "line {later} gives the same platform, metric, region, period, publisher and published date as line {earlier}, with another value; line {later} is current and line {earlier} is kept as a revision"
            ));
        }
        Ok(())
    }

    /// Keeps each touched series' counts, span and magnitudes: from the rows themselves for a
    /// series this import created, by one pass over its figures otherwise.
    fn update_series_stats(&mut self, pending: &[Pending]) -> Result<(), StoreError> {
        let mut recount = self.tx.prepare_cached(
            "UPDATE series SET (points, first_start, last_start, abs_min, abs_max) = \
             (SELECT COUNT(*), MIN(period_start), MAX(period_start), MIN(ABS(NULLIF(value, 0))), \
             MAX(ABS(value)) FROM observations WHERE series_id = ?1) WHERE id = ?1",
        )?;
        let mut set = self.tx.prepare_cached(
            "UPDATE series SET points = ?2, first_start = ?3, last_start = ?4, abs_min = ?5, \
             abs_max = ?6 WHERE id = ?1",
        )?;
        for group in pending.chunk_by(|a, b| a.series_id == b.series_id) {
            let id = group[0].series_id;
            // The series' figures change: its stored overview no longer stands for them.
            super::overview::drop_overview(self.tx, id)?;
            if !self.created_series.contains(&id) {
                recount.execute([id])?;
                continue;
            }
            let same_key =
                |a: &Pending, b: &Pending| (a.start, a.publisher_id) == (b.start, b.publisher_id);
            let keys = group.chunk_by(same_key).count();
            let (mut low, mut high) = (f64::INFINITY, 0.0f64);
            // The current figure of each key is its last row (latest published).
            for p in group.chunk_by(same_key).filter_map(|rows| rows.last()) {
                let magnitude = p.figure.value.abs();
                if magnitude > 0.0 {
                    low = low.min(magnitude);
                }
                high = high.max(magnitude);
            }
            set.execute(params![
                id,
                keys as i64,
                group[0].start,
                group[group.len() - 1].start,
                low.is_finite().then_some(low),
                high
            ])?;
        }
        Ok(())
    }

    /// The current figures of one series between two period starts, keyed by start and publisher.
    fn current_figures(
        &self,
        series_id: i64,
        first: i64,
        last: i64,
    ) -> Result<HashMap<(i64, i64), Current>, StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT period_start, publisher_id, published, source_id, value, kind, qualifier, note \
             FROM observations WHERE series_id = ?1 AND period_start BETWEEN ?2 AND ?3",
        )?;
        let mut rows = stmt.query(params![series_id, first, last])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            out.insert(
                (row.get(0)?, row.get(1)?),
                Current {
                    published: row.get(2)?,
                    figure: Figure {
                        source_id: row.get(3)?,
                        value: row.get(4)?,
                        kind: row.get(5)?,
                        qualifier: row.get(6)?,
                        note: row.get(7)?,
                    },
                },
            );
        }
        Ok(out)
    }

    /// A series whose values sit 1,000x or more away from its metric's other figures in the same
    /// unit: most often a missing "billion".
    fn magnitude_warning(&self, s: &SeriesReport) -> Result<Option<String>, StoreError> {
        // Other series of the metric as the store held them before this import.
        let (low, high): (Option<f64>, Option<f64>) = self.tx.query_row(
            "SELECT MIN(abs_min), MAX(abs_max) FROM series WHERE metric = ?1 AND unit = ?2 \
             AND NOT (platform = ?3 AND region = ?4) AND points > 0",
            params![s.metric, s.unit.as_str(), s.platform, s.region],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let (Some(low), Some(high)) = (low, high) else {
            return Ok(None);
        };
        let (mine_low, mine_high) = (s.min.abs().min(s.max.abs()), s.min.abs().max(s.max.abs()));
        if mine_high > 0.0 && mine_high * 1000.0 <= low {
            return Ok(Some(format!(
                "{} {}: values up to {} sit 1,000x or more below the metric's other figures (from {}): a missing \"billion\" or \"million\"? Give the scale in the value, the unit column or --scale",
                s.platform,
                s.metric,
                crate::model::format::compact(mine_high, s.unit),
                crate::model::format::compact(low, s.unit)
            )));
        }
        if mine_low >= high * 1000.0 {
            return Ok(Some(format!(
                "{} {}: values from {} sit 1,000x or more above the metric's other figures (up to {}): a scale given twice?",
                s.platform,
                s.metric,
                crate::model::format::compact(mine_low, s.unit),
                crate::model::format::compact(high, s.unit)
            )));
        }
        Ok(None)
    }
}

impl SeriesReport {
    fn new(metric: &str, platform: &str, region: &str, period: Period, unit: Unit) -> Self {
        SeriesReport {
            metric: metric.to_string(),
            platform: platform.to_string(),
            region: region.to_string(),
            grain: period.grain,
            unit,
            rows: 0,
            first: period,
            last: period,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            kinds: Vec::new(),
        }
    }

    fn add(&mut self, period: Period, value: f64, kind: Kind) {
        self.rows += 1;
        self.first = self.first.min(period);
        self.last = self.last.max(period);
        self.min = self.min.min(value);
        self.max = self.max.max(value);
        match self.kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => self.kinds.push((kind, 1)),
        }
    }
}
