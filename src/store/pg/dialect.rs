//! The few places SQLite's SQL and PostgreSQL's differ, for statements both engines share (the
//! figure filter of `store/filter.rs`, saved views and stories): placeholders, SQLite's planner hints, and parameters.

use postgres::types::ToSql;
use rusqlite::types::Value;

/// A statement written for SQLite, as PostgreSQL reads it: `?` become `$1, $2, ...`, the
/// `CROSS JOIN ... ON` that fixes SQLite's join order is a plain join, and the unary `+` that
/// keeps SQLite off an index is dropped. The filter writes no `?` inside string literals.
pub(super) fn translate(sql: &str) -> String {
    let sql = sql.replace("CROSS JOIN", "JOIN").replace("+se.", "se.");
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '?' {
            out.push(c);
            continue;
        }
        // SQLite's numbered `?2` keeps its number; a bare `?` takes the next one.
        let mut digits = String::new();
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            digits.push(d);
        }
        if digits.is_empty() {
            n += 1;
            digits = n.to_string();
        }
        out.push('$');
        out.push_str(&digits);
    }
    out
}

/// SQLite parameter values as PostgreSQL parameters of the same types.
pub(super) fn params(values: Vec<Value>) -> Vec<Box<dyn ToSql + Sync>> {
    values
        .into_iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Value::Null => Box::new(Option::<i64>::None),
                Value::Integer(i) => Box::new(i),
                Value::Real(r) => Box::new(r),
                Value::Text(t) => Box::new(t),
                Value::Blob(b) => Box::new(b),
            }
        })
        .collect()
}

/// Borrowed views of boxed parameters, as `query` takes them.
pub(super) fn refs(params: &[Box<dyn ToSql + Sync>]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_and_sqlite_hints_dropped() {
        assert_eq!(
            translate(
                "FROM series se CROSS JOIN observations o ON o.series_id = se.id WHERE +se.metric IN (?, ?) AND o.kind = ?"
            ),
            "FROM series se JOIN observations o ON o.series_id = se.id WHERE se.metric IN ($1, $2) AND o.kind = $3"
        );
        assert_eq!(
            translate("UPDATE views SET name = ?2 WHERE name = ?1"),
            "UPDATE views SET name = $2 WHERE name = $1"
        );
    }
}
