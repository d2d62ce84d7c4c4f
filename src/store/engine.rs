//! One store API over two engines: [`AnyStore`] is a SQLite file or a PostgreSQL schema, and the
//! command line calls it without knowing which. [`FigureSource`] is what an export reads, from
//! either. `copy` moves a whole store between them.

use std::cell::RefCell;

use super::CatalogKind;
use super::import::{ImportError, ImportReport, ParsedFile};
use super::location::Location;
use super::pg::PgStore;
use super::tables::{self, Cell, Table};
use super::{PresentationsError, PresentationsReport, SeriesQuery, Store, StoreError, SummaryRow};
use crate::model::{FormulaMetric, Metric, Observation, Platform, Presentations, Region};

/// What an export reads: figures, their revisions and the catalogue's names.
pub trait FigureSource {
    fn series(&self, query: &SeriesQuery) -> Result<Vec<Observation>, StoreError>;
    fn revisions(&self, query: &SeriesQuery) -> Result<Vec<(Observation, String)>, StoreError>;
    fn platforms(&self) -> Result<Vec<Platform>, StoreError>;
    fn metrics(&self) -> Result<Vec<Metric>, StoreError>;
    fn regions(&self) -> Result<Vec<Region>, StoreError>;
    fn formulas(&self) -> Result<Vec<FormulaMetric>, StoreError>;
}

impl FigureSource for Store {
    fn series(&self, query: &SeriesQuery) -> Result<Vec<Observation>, StoreError> {
        Store::series(self, query)
    }
    fn revisions(&self, query: &SeriesQuery) -> Result<Vec<(Observation, String)>, StoreError> {
        Store::revisions(self, query)
    }
    fn platforms(&self) -> Result<Vec<Platform>, StoreError> {
        Store::platforms(self)
    }
    fn metrics(&self) -> Result<Vec<Metric>, StoreError> {
        Store::metrics(self)
    }
    fn regions(&self) -> Result<Vec<Region>, StoreError> {
        Store::regions(self)
    }
    fn formulas(&self) -> Result<Vec<FormulaMetric>, StoreError> {
        Store::formulas(self)
    }
}

/// A store on either engine. A PostgreSQL client needs `&mut` to query; reads take `&self`, as
/// SQLite's do, so the client sits in a `RefCell` (one store per thread, as for SQLite).
pub enum AnyStore {
    Sqlite(Store),
    Postgres(Box<RefCell<PgStore>>),
}

impl AnyStore {
    /// Opens the store, creating an empty one where none is (a new file, a new schema).
    pub fn open(location: &Location) -> Result<Self, StoreError> {
        Ok(match location {
            Location::Sqlite(path) => AnyStore::Sqlite(Store::open(path)?),
            Location::Postgres(t) => AnyStore::pg(PgStore::open(t)?),
        })
    }

    /// Opens an existing store without ever writing to it.
    pub fn open_read_only(location: &Location) -> Result<Self, StoreError> {
        Ok(match location {
            Location::Sqlite(path) => AnyStore::Sqlite(Store::open_read_only(path)?),
            Location::Postgres(t) => AnyStore::pg(PgStore::open_read_only(t)?),
        })
    }

    /// Creates a new, empty store; refuses where one already is.
    pub fn create(location: &Location) -> Result<Self, StoreError> {
        Ok(match location {
            Location::Sqlite(path) => AnyStore::Sqlite(Store::create(path)?),
            Location::Postgres(t) => AnyStore::pg(PgStore::create(t)?),
        })
    }

    fn pg(store: PgStore) -> Self {
        AnyStore::Postgres(Box::new(RefCell::new(store)))
    }

    /// Where the store is, as shown to people: a path, or `postgres user@host/db`.
    pub fn location(&self) -> Location {
        match self {
            AnyStore::Sqlite(s) => Location::Sqlite(s.path().to_path_buf()),
            AnyStore::Postgres(p) => Location::Postgres(p.borrow().target().clone()),
        }
    }

    pub fn is_read_only(&self) -> bool {
        match self {
            AnyStore::Sqlite(s) => s.is_read_only(),
            AnyStore::Postgres(p) => p.borrow().is_read_only(),
        }
    }

    pub fn import(
        &mut self,
        files: Vec<ParsedFile>,
        dry_run: bool,
    ) -> Result<ImportReport, ImportError> {
        match self {
            AnyStore::Sqlite(s) => s.import(files, dry_run),
            AnyStore::Postgres(p) => p.get_mut().import(files, dry_run),
        }
    }

    /// The embedded sample: on PostgreSQL, built in memory by the same importer, then copied.
    pub fn load_sample(&mut self) -> Result<ImportReport, ImportError> {
        match self {
            AnyStore::Sqlite(s) => s.load_sample(),
            AnyStore::Postgres(p) => {
                let mut scratch = Store::scratch()?;
                let report = scratch.load_sample()?;
                let contents = read_all(&AnyStore::Sqlite(scratch))?;
                p.get_mut().replace_all(&contents)?;
                Ok(report)
            }
        }
    }

    pub fn summary(&self) -> Result<Vec<SummaryRow>, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.summary(),
            AnyStore::Postgres(p) => p.borrow_mut().summary(),
        }
    }

    pub fn observation_count(&self) -> Result<usize, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.observation_count(),
            AnyStore::Postgres(p) => p.borrow_mut().observation_count(),
        }
    }

    pub fn event_count(&self) -> Result<usize, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.event_count(),
            AnyStore::Postgres(p) => p.borrow_mut().event_count(),
        }
    }

    pub fn source_count(&self) -> Result<usize, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.source_count(),
            AnyStore::Postgres(p) => p.borrow_mut().source_count(),
        }
    }

    pub fn revision_count(&self) -> Result<usize, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.revision_count(),
            AnyStore::Postgres(p) => p.borrow_mut().revision_count(),
        }
    }

    pub fn resolve(&self, kind: CatalogKind, text: &str) -> Result<Option<String>, StoreError> {
        self.with_catalogue(|s| s.resolve(kind, text))
    }

    pub fn add_formula_metric(&mut self, metric: &Metric, formula: &str) -> Result<(), StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.add_formula_metric(metric, formula),
            AnyStore::Postgres(p) => p.get_mut().add_formula_metric(metric, formula),
        }
    }

    pub fn remove_formula_metric(&mut self, id: &str) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.remove_formula_metric(id),
            AnyStore::Postgres(p) => p.get_mut().remove_formula_metric(id),
        }
    }

    /// Saves a view under its name; returns whether it replaced one.
    pub fn save_view(&mut self, view: &crate::model::SavedView) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.save_view(view),
            AnyStore::Postgres(p) => p.get_mut().save_view(view),
        }
    }

    pub fn rename_view(&mut self, from: &str, to: &str) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.rename_view(from, to),
            AnyStore::Postgres(p) => p.get_mut().rename_view(from, to),
        }
    }

    pub fn delete_view(&mut self, name: &str) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.delete_view(name),
            AnyStore::Postgres(p) => p.get_mut().delete_view(name),
        }
    }

    /// Saves a story with all its steps; returns whether it replaced one.
    pub fn save_story(&mut self, story: &crate::model::Story) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.save_story(story),
            AnyStore::Postgres(p) => p.get_mut().save_story(story),
        }
    }

    /// A metric's or platform's display name; returns whether `id` exists.
    pub fn rename(&mut self, what: super::Named, id: &str, name: &str) -> Result<bool, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.rename(what, id, name),
            AnyStore::Postgres(p) => p.get_mut().rename(what, id, name),
        }
    }

    pub fn story_names(&self) -> Result<Vec<String>, StoreError> {
        self.with_presentations(|s| s.story_names())
    }

    pub fn saved_views(&self) -> Result<Vec<crate::model::SavedView>, StoreError> {
        self.with_presentations(|s| s.saved_views())
    }

    pub fn stories(&self) -> Result<Vec<crate::model::Story>, StoreError> {
        self.with_presentations(|s| s.stories())
    }

    pub fn export_presentations(&self) -> Result<Presentations, StoreError> {
        self.with_presentations(|s| s.export_presentations())
    }

    /// Adds a presentations file's views and stories; on PostgreSQL they are merged by the SQLite
    /// code into a copy of the server's, then written back in one transaction.
    pub fn import_presentations(
        &mut self,
        file: &str,
        json: &str,
    ) -> Result<PresentationsReport, PresentationsError> {
        match self {
            AnyStore::Sqlite(s) => s.import_presentations(file, json),
            AnyStore::Postgres(p) => {
                let pg = p.get_mut();
                pg.ensure_writable()?;
                let mut scratch = pg.presentations()?;
                let report = scratch.import_presentations(file, json)?;
                let mut contents = Vec::new();
                for table in [&tables::SAVED_VIEWS, &tables::STORIES, &tables::STORY_STEPS] {
                    contents.push((table, tables::read_sqlite(scratch.connection(), table)?));
                }
                pg.replace_presentations(&contents)?;
                Ok(report)
            }
        }
    }

    /// Synthetic data for benchmarks: SQLite stores only, for now.
    pub fn generate(
        &mut self,
        series: usize,
        points: usize,
        seed: u64,
        grain: crate::model::Grain,
    ) -> Result<super::synthetic::GenerateReport, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.generate(series, points, seed, grain),
            AnyStore::Postgres(_) => Err(StoreError::Unsupported(
                "generate into a PostgreSQL store (generate into a SQLite file, then `marketscope copy` it)".into(),
            )),
        }
    }

    /// The store as a SQLite store to read: itself, or a server's copied into memory as of one
    /// moment (what the dashboard reads, without the revisions), for code that reads SQLite.
    pub fn into_readable(self) -> Result<Store, StoreError> {
        match self {
            AnyStore::Sqlite(s) => Ok(s),
            AnyStore::Postgres(p) => p.into_inner().dashboard_copy(),
        }
    }

    fn with_catalogue<T>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match self {
            AnyStore::Sqlite(s) => read(s),
            AnyStore::Postgres(p) => read(&p.borrow_mut().catalogue()?),
        }
    }

    fn with_presentations<T>(
        &self,
        read: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        match self {
            AnyStore::Sqlite(s) => read(s),
            AnyStore::Postgres(p) => read(&p.borrow_mut().presentations()?),
        }
    }
}

impl FigureSource for AnyStore {
    fn series(&self, query: &SeriesQuery) -> Result<Vec<Observation>, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.series(query),
            AnyStore::Postgres(p) => p.borrow_mut().series(query),
        }
    }
    fn revisions(&self, query: &SeriesQuery) -> Result<Vec<(Observation, String)>, StoreError> {
        match self {
            AnyStore::Sqlite(s) => s.revisions(query),
            AnyStore::Postgres(p) => p.borrow_mut().revisions(query),
        }
    }
    fn platforms(&self) -> Result<Vec<Platform>, StoreError> {
        self.with_catalogue(|s| s.platforms())
    }
    fn metrics(&self) -> Result<Vec<Metric>, StoreError> {
        self.with_catalogue(|s| s.metrics())
    }
    fn regions(&self) -> Result<Vec<Region>, StoreError> {
        self.with_catalogue(|s| s.regions())
    }
    fn formulas(&self) -> Result<Vec<FormulaMetric>, StoreError> {
        self.with_catalogue(|s| s.formulas())
    }
}

/// A store's contents: each table with its rows, parents first.
type Contents = Vec<(&'static Table, Vec<Vec<Cell>>)>;

/// Every table of a store, parents first.
fn read_all(store: &AnyStore) -> Result<Contents, StoreError> {
    let mut out = Vec::new();
    for table in tables::ALL {
        let rows = match store {
            AnyStore::Sqlite(s) => tables::read_sqlite(&s.conn, table)?,
            AnyStore::Postgres(p) => tables::read_pg(p.borrow_mut().client(), table)?,
        };
        out.push((table, rows));
    }
    Ok(out)
}

/// What a copy moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub figures: usize,
    pub revisions: usize,
    pub stories: usize,
    pub views: usize,
}

/// Copies a whole store (catalogue, figures, revisions, events, views, stories, with their ids)
/// into another that holds no figures, views or stories yet; either engine to either.
pub fn copy(from: &AnyStore, to: &mut AnyStore) -> Result<CopyReport, StoreError> {
    let contents = read_all(from)?;
    let count = |name: &str| {
        contents
            .iter()
            .find(|(t, _)| t.name == name)
            .map_or(0, |(_, rows)| rows.len())
    };
    let report = CopyReport {
        figures: count("observations"),
        revisions: count("revisions"),
        stories: count("stories"),
        views: count("saved_views"),
    };
    match to {
        AnyStore::Postgres(p) => p.get_mut().replace_all(&contents)?,
        AnyStore::Sqlite(s) => {
            if s.is_read_only() {
                return Err(StoreError::ReadOnly(s.path().to_path_buf()));
            }
            let target = s.path().display().to_string();
            let tx = s.conn.transaction()?;
            let holds: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM series) OR EXISTS (SELECT 1 FROM saved_views) \
                 OR EXISTS (SELECT 1 FROM stories)",
                [],
                |r| r.get(0),
            )?;
            if holds {
                return Err(StoreError::CopyTargetNotEmpty(target));
            }
            // Overviews stand for the figures being replaced.
            tx.execute_batch("DELETE FROM overviews")?;
            for (table, _) in contents.iter().rev() {
                tx.execute_batch(&format!("DELETE FROM {}", table.name))?;
            }
            for (table, rows) in &contents {
                tables::write_sqlite(&tx, table, rows)?;
            }
            tx.commit()?;
        }
    }
    Ok(report)
}
