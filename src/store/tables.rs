//! The store's tables (version 7) as data: each table's columns and their types, in the order foreign keys
//! allow them to be filled. `copy` and the PostgreSQL import move whole tables between the two
//! engines with this one list, so a column added to the schema is added here once.

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use rusqlite::types::{ToSqlOutput, Value};

use super::StoreError;

/// A column's type, the same on both engines: BIGINT / INTEGER, DOUBLE PRECISION / REAL, TEXT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    Int,
    Real,
    Text,
}

impl Ty {
    pub(super) fn pg_type(self) -> Type {
        match self {
            Ty::Int => Type::INT8,
            Ty::Real => Type::FLOAT8,
            Ty::Text => Type::TEXT,
        }
    }
}

pub(super) struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Ty)],
    /// The key an upsert matches on.
    pub key: &'static [&'static str],
}

use Ty::{Int, Real, Text};

const FIGURE: &[(&str, Ty)] = &[
    ("series_id", Int),
    ("period_start", Int),
    ("publisher_id", Int),
    ("source_id", Int),
    ("value", Real),
    ("kind", Int),
    ("qualifier", Int),
    ("published", Int),
    ("recorded", Int),
    ("note", Text),
];

pub(super) const PLATFORMS: Table = Table {
    name: "platforms",
    columns: &[
        ("id", Text),
        ("name", Text),
        ("name_zh", Text),
        ("parent", Text),
        ("parent_zh", Text),
        ("colour", Text),
        ("type", Text),
        ("fiscal_year_start", Int),
    ],
    key: &["id"],
};
pub(super) const REGIONS: Table = Table {
    name: "regions",
    columns: &[("id", Text), ("name", Text)],
    key: &["id"],
};
pub(super) const METRICS: Table = Table {
    name: "metrics",
    columns: &[
        ("id", Text),
        ("name", Text),
        ("name_zh", Text),
        ("unit", Text),
        ("non_negative", Int),
        ("aggregate", Text),
        ("description", Text),
    ],
    key: &["id"],
};
pub(super) const FORMULAS: Table = Table {
    name: "formulas",
    columns: &[("metric", Text), ("formula", Text)],
    key: &["metric"],
};
pub(super) const PUBLISHERS: Table = Table {
    name: "publishers",
    columns: &[("id", Int), ("name", Text)],
    key: &["id"],
};
pub(super) const SOURCES: Table = Table {
    name: "sources",
    columns: &[
        ("id", Int),
        ("publisher", Text),
        ("title", Text),
        ("url", Text),
        ("published", Text),
    ],
    key: &["id"],
};
pub(super) const SERIES: Table = Table {
    name: "series",
    columns: &[
        ("id", Int),
        ("metric", Text),
        ("platform", Text),
        ("region", Text),
        ("grain", Int),
        ("unit", Text),
        ("points", Int),
        ("first_start", Int),
        ("last_start", Int),
        ("abs_min", Real),
        ("abs_max", Real),
    ],
    key: &["id"],
};
pub(super) const OBSERVATIONS: Table = Table {
    name: "observations",
    columns: FIGURE,
    key: &["series_id", "period_start", "publisher_id"],
};
pub(super) const REVISIONS: Table = Table {
    name: "revisions",
    columns: FIGURE,
    key: &[
        "series_id",
        "period_start",
        "publisher_id",
        "published",
        "recorded",
        "source_id",
    ],
};
pub(super) const EVENTS: Table = Table {
    name: "events",
    columns: &[
        ("id", Int),
        ("date_start", Text),
        ("date_grain", Text),
        ("end_start", Text),
        ("end_grain", Text),
        ("title", Text),
        ("category", Text),
        ("platform", Text),
        ("region", Text),
        ("description", Text),
        ("source_id", Int),
    ],
    key: &["id"],
};
pub(super) const SAVED_VIEWS: Table = Table {
    name: "saved_views",
    columns: &[
        ("id", Int),
        ("name", Text),
        ("caption", Text),
        ("state", Text),
    ],
    key: &["id"],
};
pub(super) const STORIES: Table = Table {
    name: "stories",
    columns: &[
        ("id", Int),
        ("name", Text),
        ("description", Text),
        ("revision", Int),
        ("changed_by", Text),
        ("changed_at", Text),
    ],
    key: &["id"],
};
pub(super) const STORY_STEPS: Table = Table {
    name: "story_steps",
    columns: &[
        ("story_id", Int),
        ("position", Int),
        ("title", Text),
        ("caption", Text),
        ("state", Text),
        ("highlights", Text),
        ("title_zh", Text),
        ("caption_zh", Text),
    ],
    key: &["story_id", "position"],
};

/// Every table, parents before children.
pub(super) const ALL: [&Table; 13] = [
    &PLATFORMS,
    &REGIONS,
    &METRICS,
    &FORMULAS,
    &PUBLISHERS,
    &SOURCES,
    &SERIES,
    &OBSERVATIONS,
    &REVISIONS,
    &EVENTS,
    &SAVED_VIEWS,
    &STORIES,
    &STORY_STEPS,
];

/// The small tables an import resolves names against (and may add to).
pub(super) const CATALOGUE: [&Table; 8] = [
    &PLATFORMS,
    &REGIONS,
    &METRICS,
    &FORMULAS,
    &PUBLISHERS,
    &SOURCES,
    &SERIES,
    &EVENTS,
];

impl Table {
    pub(super) fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(c, _)| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) fn pg_types(&self) -> Vec<Type> {
        self.columns.iter().map(|(_, t)| t.pg_type()).collect()
    }
}

/// One value of a row, as either engine stores it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Cell {
    /// A SQLite value read for a column of type `ty`.
    pub(super) fn from_sqlite(value: Value, ty: Ty) -> Result<Cell, StoreError> {
        Ok(match (value, ty) {
            (Value::Null, _) => Cell::Null,
            (Value::Integer(i), Ty::Int) => Cell::Int(i),
            (Value::Integer(i), Ty::Real) => Cell::Real(i as f64),
            (Value::Real(r), Ty::Real) => Cell::Real(r),
            (Value::Text(t), Ty::Text) => Cell::Text(t),
            (other, ty) => {
                return Err(StoreError::Corrupt(format!(
                    "{other:?} in a column of type {ty:?}"
                )));
            }
        })
    }

    /// A PostgreSQL row's column `i` of type `ty`.
    pub(super) fn from_pg(row: &postgres::Row, i: usize, ty: Ty) -> Result<Cell, StoreError> {
        Ok(match ty {
            Ty::Int => row
                .try_get::<_, Option<i64>>(i)?
                .map_or(Cell::Null, Cell::Int),
            Ty::Real => row
                .try_get::<_, Option<f64>>(i)?
                .map_or(Cell::Null, Cell::Real),
            Ty::Text => row
                .try_get::<_, Option<String>>(i)?
                .map_or(Cell::Null, Cell::Text),
        })
    }
}

impl rusqlite::ToSql for Cell {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Owned(match self {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::Integer(*i),
            Cell::Real(r) => Value::Real(*r),
            Cell::Text(t) => Value::Text(t.clone()),
        }))
    }
}

impl ToSql for Cell {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Cell::Null => Ok(IsNull::Yes),
            Cell::Int(i) => i.to_sql(ty, out),
            Cell::Real(r) => r.to_sql(ty, out),
            Cell::Text(t) => t.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        <i64 as ToSql>::accepts(ty) || <f64 as ToSql>::accepts(ty) || <String as ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

/// A table's rows from SQLite, in key order.
pub(super) fn read_sqlite(
    conn: &rusqlite::Connection,
    table: &Table,
) -> Result<Vec<Vec<Cell>>, StoreError> {
    // Names are literals of this program, never user text.
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.column_list(),
        table.name,
        table.key.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut cells = Vec::with_capacity(table.columns.len());
        for (i, (_, ty)) in table.columns.iter().enumerate() {
            cells.push(Cell::from_sqlite(row.get::<_, Value>(i)?, *ty)?);
        }
        out.push(cells);
    }
    Ok(out)
}

/// Inserts rows into a SQLite table (inside the caller's transaction).
pub(super) fn write_sqlite(
    conn: &rusqlite::Connection,
    table: &Table,
    rows: &[Vec<Cell>],
) -> Result<(), StoreError> {
    let marks = vec!["?"; table.columns.len()].join(", ");
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({marks})",
        table.name,
        table.column_list()
    );
    let mut stmt = conn.prepare(&sql)?;
    for row in rows {
        stmt.execute(rusqlite::params_from_iter(row.iter()))?;
    }
    Ok(())
}

/// A table's rows from PostgreSQL, in key order.
pub(super) fn read_pg(
    client: &mut impl postgres::GenericClient,
    table: &Table,
) -> Result<Vec<Vec<Cell>>, StoreError> {
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        table.column_list(),
        table.name,
        table.key.join(", ")
    );
    let mut out = Vec::new();
    for row in client.query(sql.as_str(), &[])? {
        let mut cells = Vec::with_capacity(table.columns.len());
        for (i, (_, ty)) in table.columns.iter().enumerate() {
            cells.push(Cell::from_pg(&row, i, *ty)?);
        }
        out.push(cells);
    }
    Ok(out)
}

/// Streams rows into a PostgreSQL table (or a staging table of the same columns) with binary COPY.
pub(super) fn copy_into_pg(
    client: &mut impl postgres::GenericClient,
    into: &str,
    table: &Table,
    rows: &[Vec<Cell>],
) -> Result<(), StoreError> {
    let sql = format!(
        "COPY {into} ({}) FROM STDIN (FORMAT binary)",
        table.column_list()
    );
    let writer = client.copy_in(sql.as_str())?;
    let types = table.pg_types();
    let mut writer = postgres::binary_copy::BinaryCopyInWriter::new(writer, &types);
    for row in rows {
        let values: Vec<&(dyn ToSql + Sync)> =
            row.iter().map(|c| c as &(dyn ToSql + Sync)).collect();
        writer.write(&values)?;
    }
    writer.finish()?;
    Ok(())
}
