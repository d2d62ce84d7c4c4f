//! What each command does, over the store's API. Errors go up as `anyhow` with context; `main`
//! prints them and sets the exit status.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::args::{Cli, Command, ExportFormat, ViewsAction};
use super::open::open_existing;
use super::table;
use crate::model::{Kind, Period, format};
use crate::store::export::{self, Format};
use crate::store::import::{ImportError, ImportOptions, Issues, read_path};
use crate::store::{AnyStore, CatalogKind, FigureSource, Location, SeriesQuery, Store};

#[cfg(feature = "gui")]
fn render(db: &Location, command: Command, out: &mut impl Write) -> anyhow::Result<()> {
    // A server's store is copied into memory as of one moment, as the dashboard reads it.
    let store = open_existing(db)?.into_readable()?;
    super::render::render(&store, command, out)
}

#[cfg(not(feature = "gui"))]
fn render(_db: &Location, _command: Command, _out: &mut impl Write) -> anyhow::Result<()> {
    bail!("this build cannot render (built without the `gui` feature, which holds the charts)")
}

/// Where the store lives when neither `--db` nor `MARKETSCOPE_DB` says: the OS data directory.
pub fn default_store_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "Marketscope")
        .context("cannot find a home directory for the default store; pass --db PATH")?;
    Ok(dirs.data_dir().join("marketscope.db"))
}

/// What `main` opens after [`run`]: the dashboard on a store, presenting a story if one is named.
pub struct OpenDashboard {
    pub store: Location,
    pub present: Option<String>,
    /// With `present`: export the story's steps as PNGs into this folder and close.
    pub export_dir: Option<PathBuf>,
}

/// Whether an error is only the reader of stdout going away (`marketscope export | head`): the
/// command then ends quietly with success, as Unix tools do.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return io.kind() == std::io::ErrorKind::BrokenPipe;
        }
        if let Some(export) = cause.downcast_ref::<export::ExportError>() {
            return export.is_broken_pipe();
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe);
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe);
        }
        false
    })
}

/// Runs a command. `Some` means "open the dashboard", which `main` does after this returns.
pub fn run(cli: Cli) -> anyhow::Result<Option<OpenDashboard>> {
    let explicit = cli.db.is_some();
    let db = match cli.db {
        Some(path) => path,
        None => default_store_path()?,
    };
    // The default store is made on first use by any command but `init`, which makes it itself.
    if !explicit && !db.exists() && !matches!(cli.command, Some(Command::Init { .. })) {
        create_default_store(&db)?;
    }
    let pg_schema = cli.pg_schema.as_deref();
    let location = Location::from_path(&db)
        .map_err(|e| anyhow::anyhow!("--db: {e}"))?
        .with_schema(pg_schema);
    let Some(command) = cli.command else {
        return Ok(Some(OpenDashboard {
            store: location,
            present: None,
            export_dir: None,
        }));
    };
    let db = location;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Init { sample } => init(&db, sample, &mut out)?,
        Command::Import {
            files,
            map,
            set,
            wide,
            date_format,
            delimiter,
            sheet,
            decimal_comma,
            scale,
            dry_run,
        } => {
            let options = ImportOptions {
                map,
                set,
                wide,
                date_format,
                delimiter,
                sheet,
                decimal_comma,
                scale,
                today: None,
            };
            import(&db, &files, &options, dry_run, &mut out)?
        }
        Command::Export {
            platform,
            metric,
            region,
            kind,
            from,
            to,
            format,
            as_of,
            revisions,
            transform,
            to_grain,
            agg,
            currency,
        } => {
            let recipe = super::derive::recipe_of(
                transform.as_deref(),
                to_grain.as_deref(),
                agg.as_deref(),
                currency.as_deref(),
            )?;
            let store = open_existing(&db)?;
            let as_of = match as_of.as_deref() {
                None => None,
                Some(text) => match Period::parse(text) {
                    Ok(p) if p.grain == crate::model::Grain::Day => Some(p.start),
                    Ok(p) => bail!(
                        "--as-of {text:?}: give a day such as 2024-06-30, not a {}",
                        p.grain
                    ),
                    Err(e) => bail!("--as-of {text:?}: {e}"),
                },
            };
            let query = SeriesQuery {
                platforms: resolve_all(&store, CatalogKind::Platform, &platform)?,
                metrics: resolve_all(&store, CatalogKind::Metric, &metric)?,
                regions: resolve_all(&store, CatalogKind::Region, &region)?,
                kinds: kind
                    .iter()
                    .map(|k| Kind::parse(k).map_err(|e| anyhow::anyhow!("--kind: {e}")))
                    .collect::<anyhow::Result<_>>()?,
                from: parse_bound(from.as_deref(), "--from")?.map(|p| p.start),
                to: parse_bound(to.as_deref(), "--to")?.map(|p| p.last_day()),
                source_id: None,
                as_of,
            };
            let format = match format {
                ExportFormat::Csv => Format::Csv,
                ExportFormat::Json => Format::Json,
            };
            let formulas = store.formulas()?;
            let asks_formula = query
                .metrics
                .iter()
                .any(|m| formulas.iter().any(|f| f.metric == *m));
            if asks_formula && revisions {
                bail!(
                    "--revisions: a formula metric has no revisions of its own; export its inputs' revisions"
                );
            }
            let recipe =
                recipe.or_else(|| asks_formula.then(crate::analysis::recipe::Recipe::level));
            if let Some(recipe) = recipe {
                super::derive::export(&store, &query, &recipe, &formulas, format, &mut out)?;
            } else if revisions {
                export::write_revisions(&store, &query, format, &mut out)?;
            } else {
                export::write(&store, &query, format, &mut out)?;
            }
        }
        Command::Catalog { format } => {
            let store = open_existing(&db)?;
            let format = match format {
                ExportFormat::Csv => Format::Csv,
                ExportFormat::Json => Format::Json,
            };
            super::catalog::write(&store, format, &mut out)?;
        }
        Command::Estimates {
            metric,
            platform,
            region,
            format,
            publishers,
        } => {
            let store = open_existing(&db)?;
            let query = SeriesQuery {
                platforms: resolve_all(&store, CatalogKind::Platform, &[platform])?,
                metrics: resolve_all(&store, CatalogKind::Metric, &[metric])?,
                regions: resolve_all(&store, CatalogKind::Region, region.as_slice())?,
                ..SeriesQuery::default()
            };
            super::estimates::write(&store, &query, format, publishers, &mut out)?;
        }
        Command::Summary => {
            let store = open_existing(&db)?;
            write!(out, "{}", summary(&store)?)?;
        }
        Command::Views { action } => views(&db, action, &mut out)?,
        Command::Metrics { action } => super::metrics::metrics(&db, action, &mut out)?,
        command @ Command::Render { .. } => render(&db, command, &mut out)?,
        Command::Present { story, export_dir } => {
            // Checked here, before a window opens, so a typo fails with the names to choose from.
            let names = open_existing(&db)?.story_names()?;
            if !names.contains(&story) {
                if names.is_empty() {
                    bail!("no story named \"{story}\": {db} has no stories");
                }
                bail!(
                    "no story named \"{story}\" in {db}; its stories:\n  {}",
                    names.join("\n  ")
                );
            }
            if let Some(dir) = &export_dir {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot make the folder {}", dir.display()))?;
            }
            return Ok(Some(OpenDashboard {
                store: db,
                present: Some(story),
                export_dir,
            }));
        }
        Command::Generate {
            series,
            points,
            seed,
            grain,
        } => {
            let grain =
                crate::model::Grain::parse(&grain).map_err(|e| anyhow::anyhow!("--grain: {e}"))?;
            let mut store = AnyStore::open(&db)?;
            let started = std::time::Instant::now();
            let report = store.generate(series, points, seed, grain)?;
            writeln!(
                out,
                "generated {} series x {} {} points ({} to {}) in {:.1} s into {}",
                report.series,
                report.points_per_series,
                grain,
                report.first_day,
                report.last_day,
                started.elapsed().as_secs_f64(),
                db
            )?;
        }
        Command::Copy { from, to } => {
            let parse = |p: &Path| {
                Location::from_path(p)
                    .map(|l| l.with_schema(pg_schema))
                    .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
            };
            let (from, to) = (parse(&from)?, parse(&to)?);
            let source = open_existing(&from)?;
            let mut target = AnyStore::open(&to)?;
            let report = crate::store::engine::copy(&source, &mut target)?;
            writeln!(
                out,
                "copied {} figures, {} revisions, {} views and {} stories from {from} to {to}",
                report.figures, report.revisions, report.views, report.stories
            )?;
        }
    }
    out.flush()?;
    Ok(None)
}

/// First run: the default store is created and seeded with the sample, through the importer.
fn create_default_store(db: &Path) -> anyhow::Result<()> {
    if let Some(dir) = db.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    }
    let mut store = Store::create(db)?;
    store
        .load_sample()
        .context("the embedded sample data did not import")?;
    Ok(())
}

fn init(db: &Location, sample: bool, out: &mut impl Write) -> anyhow::Result<()> {
    let mut store = AnyStore::create(db)?;
    if sample {
        let report = store.load_sample()?;
        write!(out, "{report}")?;
    }
    writeln!(out, "created {db}")?;
    Ok(())
}

fn import(
    db: &Location,
    files: &[PathBuf],
    options: &ImportOptions,
    dry_run: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    // Every file is read before anything is written, so all their problems are listed at once.
    let mut parsed = Vec::new();
    let mut issues = Issues::default();
    for file in files {
        match read_path(file, options) {
            Ok(p) => parsed.push(p),
            Err(ImportError::Invalid { issues: list, more }) => {
                list.into_iter().for_each(|i| issues.push(i));
                issues.more += more;
            }
            Err(other) => return Err(other.into()),
        }
    }
    if !issues.is_empty() {
        return Err(issues.into_error().into());
    }
    let existed = db.sqlite_path().is_none_or(Path::exists);
    let mut store = AnyStore::open(db)?;
    match store.import(parsed, dry_run) {
        Ok(report) => {
            write!(out, "{report}")?;
            Ok(())
        }
        Err(e) => {
            drop(store);
            if let (false, Some(path)) = (existed, db.sqlite_path()) {
                // A store this command created for a failed import would only be an empty file.
                remove_store_files(path);
            }
            Err(e.into())
        }
    }
}

fn views(db: &Location, action: ViewsAction, out: &mut impl Write) -> anyhow::Result<()> {
    match action {
        ViewsAction::Export => {
            let store = open_existing(db)?;
            serde_json::to_writer_pretty(&mut *out, &store.export_presentations()?)?;
            writeln!(out)?;
        }
        ViewsAction::Import { file } => {
            let json = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let mut store = AnyStore::open(db)?;
            let report = store.import_presentations(&file.display().to_string(), &json)?;
            write!(out, "{report}")?;
        }
        ViewsAction::List => {
            let store = open_existing(db)?;
            for view in store.saved_views()? {
                writeln!(out, "view   {}", view.name)?;
            }
            for story in store.stories()? {
                writeln!(out, "story  {} ({} steps)", story.name, story.steps.len())?;
            }
        }
    }
    Ok(())
}

fn remove_store_files(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
}

fn resolve_all(
    store: &AnyStore,
    kind: CatalogKind,
    names: &[String],
) -> anyhow::Result<Vec<String>> {
    names
        .iter()
        .map(|name| {
            store.resolve(kind, name)?.ok_or_else(|| {
                anyhow::anyhow!(
                    "no {} named {name:?} in {} (by id or display name)",
                    kind.as_str(),
                    store.location()
                )
            })
        })
        .collect()
}

fn parse_bound(text: Option<&str>, flag: &str) -> anyhow::Result<Option<Period>> {
    text.map(|t| Period::parse(t).map_err(|e| anyhow::anyhow!("{flag} {t:?}: {e}")))
        .transpose()
}

fn summary(store: &AnyStore) -> anyhow::Result<String> {
    use crate::store::FigureSource;
    let names: std::collections::HashMap<String, String> = store
        .platforms()?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut summary = store.summary()?;
    summary.sort_by_cached_key(|r| {
        let name = names.get(&r.platform).unwrap_or(&r.platform);
        (name.to_lowercase(), r.metric.clone())
    });
    let rows: Vec<Vec<String>> = summary
        .into_iter()
        .map(|r| {
            vec![
                names.get(&r.platform).cloned().unwrap_or(r.platform),
                r.metric,
                r.points.to_string(),
                r.first.label(),
                r.last.label(),
                format::qualified(r.latest_value, r.unit, r.latest_qualifier),
            ]
        })
        .collect();
    let mut text = table::render(
        &["platform", "metric", "points", "first", "last", "latest"],
        &rows,
        &[2, 5],
    );
    text.push_str(&format!(
        "\n{} observations, {} events, {} sources in {}\n",
        store.observation_count()?,
        store.event_count()?,
        store.source_count()?,
        store.location()
    ));
    Ok(text)
}
