//! The one SQL filter builder: a [`SeriesQuery`] as a WHERE clause over `series se` and its
//! figures `o`, every value bound. Charts, exports and column reads all call it, so a filter means
//! the same thing everywhere; with `as_of`, `o` is the figures as they were known that day.

use chrono::{Months, NaiveDate};
use rusqlite::types::Value;

use super::SeriesQuery;
use crate::model::instant;

/// A FROM ... WHERE ... fragment and its parameters, in order.
pub(super) struct Filter {
    pub sql: String,
    pub params: Vec<Value>,
}

/// `FROM series se JOIN <figures> o ... WHERE ...` for the query. `o` has the columns of the
/// `observations` table. With `daily_only`, only day-grain series.
pub(super) fn figures(query: &SeriesQuery, daily_only: bool) -> Filter {
    let mut params: Vec<Value> = Vec::new();
    let relation = match query.as_of {
        None => "observations".to_string(),
        Some(date) => {
            // The end of the day: what was published by then, each key at its latest revision.
            // The derived tables are named, as PostgreSQL requires.
            let end = instant::instant(date, 0) + instant::SECONDS_PER_DAY;
            params.push(Value::Integer(end));
            params.push(Value::Integer(end));
            "(SELECT series_id, period_start, publisher_id, source_id, value, kind, qualifier, \
             published, recorded, note FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY series_id, \
             period_start, publisher_id ORDER BY published DESC, recorded DESC) AS vintage FROM \
             (SELECT * FROM observations WHERE published < ? UNION ALL \
             SELECT * FROM revisions WHERE published < ?) AS known) AS ranked WHERE vintage = 1)"
                .to_string()
        }
    };
    let mut sql = format!(
        "FROM series se CROSS JOIN {relation} o ON o.series_id = se.id \
         JOIN sources s ON s.id = o.source_id WHERE 1 = 1"
    );
    if daily_only {
        sql.push_str(" AND se.grain = 2");
    }
    // The series table is small: scanned in id order (the unary + keeps its indexes out), each
    // series' figures are then a range of the primary key, already in the order wanted.
    push_in(&mut sql, &mut params, "+se.metric", &query.metrics);
    push_in(&mut sql, &mut params, "+se.platform", &query.platforms);
    push_in(&mut sql, &mut params, "+se.region", &query.regions);
    if !query.kinds.is_empty() {
        let marks = vec!["?"; query.kinds.len()].join(", ");
        sql.push_str(&format!(" AND o.kind IN ({marks})"));
        params.extend(query.kinds.iter().map(|k| Value::Integer(k.code())));
    }
    if let Some(to) = query.to {
        // Periods that start on or before the day `to` (hours of that day included).
        sql.push_str(" AND o.period_start < ?");
        params.push(Value::Integer(
            instant::instant(to, 0) + instant::SECONDS_PER_DAY,
        ));
    }
    if let Some(from) = query.from {
        // No period is longer than a year, so one that ends after `from` starts after `from`
        // less a year; for days exactly, and for the rest the caller tests each period's end.
        let earliest = if daily_only {
            from
        } else {
            from.checked_sub_months(Months::new(12))
                .unwrap_or(NaiveDate::MIN)
        };
        let op = if daily_only { ">=" } else { ">" };
        sql.push_str(&format!(" AND o.period_start {op} ?"));
        params.push(Value::Integer(instant::instant(earliest, 0)));
    }
    if let Some(id) = query.source_id {
        sql.push_str(" AND o.source_id = ?");
        params.push(Value::Integer(id));
    }
    Filter { sql, params }
}

/// Appends `AND column IN (?, ?, ...)` for a non-empty list, binding every value.
pub(super) fn push_in(sql: &mut String, params: &mut Vec<Value>, column: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    let marks = vec!["?"; values.len()].join(", ");
    sql.push_str(&format!(" AND {column} IN ({marks})"));
    params.extend(values.iter().cloned().map(Value::Text));
}
