//! Reading model types out of SQL rows: a value the store cannot read is reported, never unwrapped.

use chrono::NaiveDate;
use rusqlite::Row;

use crate::model::{
    Aggregate, Event, EventCategory, Grain, Kind, Metric, Period, Platform, PlatformType,
    Qualifier, Region, Rgb, Source, Unit,
};

/// A row that the schema's CHECKs should have kept out; reported as a conversion failure so a
/// hand-edited store shows an error instead of crashing the app.
fn bad(column: usize, detail: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, detail.into())
}

pub fn date(row: &Row<'_>, column: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(column)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| bad(column, format!("{text:?}: {e}")))
}

pub fn optional_date(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(column)?;
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|e| bad(column, format!("{t:?}: {e}"))),
    }
}

fn vocab<T, E: std::fmt::Display>(
    row: &Row<'_>,
    column: usize,
    parse: impl Fn(&str) -> Result<T, E>,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).map_err(|e| bad(column, e.to_string()))
}

/// An event's period: its start as ISO text and its grain by name (events keep v1's columns).
pub fn period(row: &Row<'_>, start: usize, grain: usize) -> rusqlite::Result<Period> {
    Ok(Period::new(
        date(row, start)?,
        vocab(row, grain, Grain::parse)?,
    ))
}

/// A figure's period: its start instant and its grain code.
pub fn instant_period(row: &Row<'_>, start: usize, grain: usize) -> rusqlite::Result<Period> {
    let seconds: i64 = row.get(start)?;
    let code: i64 = row.get(grain)?;
    let grain = Grain::from_code(code).ok_or_else(|| bad(grain, format!("grain code {code}")))?;
    Period::from_instant(seconds, grain).ok_or_else(|| bad(start, format!("instant {seconds}")))
}

pub fn kind(row: &Row<'_>, column: usize) -> rusqlite::Result<Kind> {
    let code: i64 = row.get(column)?;
    Kind::from_code(code).ok_or_else(|| bad(column, format!("kind code {code}")))
}

pub fn qualifier(row: &Row<'_>, column: usize) -> rusqlite::Result<Qualifier> {
    let code: i64 = row.get(column)?;
    Qualifier::from_code(code).ok_or_else(|| bad(column, format!("qualifier code {code}")))
}

/// A date stored as an instant (seconds since 1970), such as `published`.
pub fn instant_date(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let seconds: Option<i64> = row.get(column)?;
    Ok(seconds
        .and_then(crate::model::instant::split_instant)
        .map(|(d, _)| d))
}

pub fn unit(row: &Row<'_>, column: usize) -> rusqlite::Result<Unit> {
    vocab(row, column, Unit::parse)
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// Columns: id, name, name_zh, parent, parent_zh, colour, type, fiscal_year_start.
pub const PLATFORM_COLUMNS: &str =
    "id, name, name_zh, parent, parent_zh, colour, type, fiscal_year_start";

pub fn platform(row: &Row<'_>) -> rusqlite::Result<Platform> {
    Ok(Platform {
        id: row.get(0)?,
        name: row.get(1)?,
        name_zh: non_empty(row.get(2)?),
        parent: non_empty(row.get(3)?),
        parent_zh: non_empty(row.get(4)?),
        colour: vocab(row, 5, Rgb::parse_hex)?,
        platform_type: vocab(row, 6, PlatformType::parse)?,
        fiscal_year_start: row.get(7)?,
    })
}

pub fn region(row: &Row<'_>) -> rusqlite::Result<Region> {
    Ok(Region {
        id: row.get(0)?,
        name: row.get(1)?,
    })
}

/// Columns: id, name, name_zh, unit, non_negative, aggregate, description.
pub const METRIC_COLUMNS: &str = "id, name, name_zh, unit, non_negative, aggregate, description";

pub fn metric(row: &Row<'_>) -> rusqlite::Result<Metric> {
    Ok(Metric {
        id: row.get(0)?,
        name: row.get(1)?,
        name_zh: non_empty(row.get(2)?),
        unit: unit(row, 3)?,
        non_negative: row.get(4)?,
        aggregate: vocab(row, 5, Aggregate::parse)?,
        description: row.get(6)?,
    })
}

/// Columns from `offset`: id, publisher, title, url, published.
pub fn source(row: &Row<'_>, offset: usize) -> rusqlite::Result<Source> {
    Ok(Source {
        id: row.get(offset)?,
        publisher: row.get(offset + 1)?,
        title: row.get(offset + 2)?,
        url: row.get(offset + 3)?,
        published: optional_date(row, offset + 4)?,
    })
}

/// Columns: id, date_start, date_grain, end_start, end_grain, title, category, platform, region,
/// description, then the source from column 10.
pub const EVENT_COLUMNS: &str = "e.id, e.date_start, e.date_grain, e.end_start, e.end_grain, e.title, e.category, \
     e.platform, e.region, e.description, s.id, s.publisher, s.title, s.url, s.published";

pub fn event(row: &Row<'_>) -> rusqlite::Result<Event> {
    let end_start: Option<String> = row.get(3)?;
    let end = match end_start {
        Some(_) => Some(period(row, 3, 4)?),
        None => None,
    };
    Ok(Event {
        id: row.get(0)?,
        date: period(row, 1, 2)?,
        end,
        title: row.get(5)?,
        category: vocab(row, 6, EventCategory::parse)?,
        platform: non_empty(row.get(7)?),
        region: non_empty(row.get(8)?),
        description: row.get(9)?,
        source: source(row, 10)?,
    })
}
