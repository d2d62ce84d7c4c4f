//! Everything the dashboard shows, read from the store in one go on the loader thread: the UI
//! thread only ever reads this, never the store.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Datelike;

use super::dense::{DENSE_MIN_POINTS, DenseSeries};
use crate::analysis::formula_series;
use crate::analysis::overview::{OVERVIEW_BUCKETS, overview_indices};
use crate::i18n::{self, Lang, t};
use crate::model::{Event, Metric, Observation, Platform, Region, Source};
use crate::model::{SavedView, Story};
use crate::store::live::LiveStore;
use crate::store::overview::OVERVIEW_MIN_POINTS;
use crate::store::{EventQuery, Location, SeriesColumns, SourceUsage, Store, StoreError};

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Where the store is (a file, or `postgres user@host/db`), as shown to people.
    pub location: Location,
    pub read_only: bool,
    /// Increases with every load, so caches know when to rebuild.
    pub generation: u64,
    pub platforms: Vec<Platform>,
    pub regions: Vec<Region>,
    pub metrics: Vec<Metric>,
    /// Every figure except those of long daily series, which are in `dense`.
    pub observations: Vec<Observation>,
    /// Long daily series (at least [`DENSE_MIN_POINTS`] figures), drawn decimated.
    pub dense: Vec<Arc<DenseSeries>>,
    pub events: Vec<Event>,
    pub sources: Vec<SourceUsage>,
    /// Years with any figure or event, for the year choosers.
    pub years: Vec<i32>,
    /// Regions that have at least one figure (the side panel lists only these).
    pub regions_with_figures: std::collections::HashSet<String>,
    /// The `fx_rate` series by currency, for charts converted to a display currency.
    pub rates: crate::analysis::fx::Rates,
    /// The store's stories, for presenter mode, and its saved views.
    pub stories: Vec<Story>,
    pub views: Vec<SavedView>,
    /// Formula metrics by id: their formula, and why one could not be computed.
    pub formulas: HashMap<String, FormulaState>,
    platform_index: HashMap<String, usize>,
    region_index: HashMap<String, usize>,
    metric_index: HashMap<String, usize>,
    source_index: HashMap<i64, usize>,
}

/// A formula metric as the chart explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaState {
    pub formula: String,
    /// Why it could not be computed at all (a unit mismatch in the store's current figures).
    pub problem: Option<String>,
}

impl Snapshot {
    pub fn read(store: &Store, generation: u64) -> Result<Snapshot, StoreError> {
        Self::read_with_progress(store, generation, &mut |_| {})
    }

    /// As [`Snapshot::read`], telling `progress` how many figures have been read so far. The
    /// long series' pyramids are built here too, on the caller's (the loader's) thread.
    pub fn read_with_progress(
        store: &Store,
        generation: u64,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Snapshot, StoreError> {
        let shown = Location::Sqlite(store.path().to_path_buf());
        let access = (shown, store.is_read_only());
        Ok(Self::read_parts(store, access, generation, progress, false)?.0)
    }

    /// As [`Snapshot::read_with_progress`], from a store a dashboard keeps open, with the
    /// overviews of the long series that were read whole and have none stored yet, for the
    /// caller to keep ([`LiveStore::keep_overviews`]) so the next start reads those instead.
    pub fn read_live(
        live: &mut LiveStore,
        generation: u64,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(Snapshot, Vec<SeriesColumns>), StoreError> {
        // A store that cannot keep them does not make them.
        let make_overviews = live.keeps_overviews();
        let access = (live.location(), live.is_read_only());
        let store = live.read()?;
        Self::read_parts(store, access, generation, progress, make_overviews)
    }

    /// Reads `store`, shown as `location` (a server's copy is not where the store is).
    fn read_parts(
        store: &Store,
        (location, read_only): (Location, bool),
        generation: u64,
        progress: &mut dyn FnMut(usize),
        make_overviews: bool,
    ) -> Result<(Snapshot, Vec<SeriesColumns>), StoreError> {
        let split = store.read_split(DENSE_MIN_POINTS, progress)?;
        let overviews: Vec<SeriesColumns> = split
            .columns
            .iter()
            .filter(|c| make_overviews && c.overview.is_none() && c.len() >= OVERVIEW_MIN_POINTS)
            .map(|c| c.subset(&overview_indices(&c.days, &c.values, OVERVIEW_BUCKETS)))
            .collect();
        let dense = split
            .columns
            .into_iter()
            .map(|c| Arc::new(DenseSeries::from_columns(c)))
            .collect();
        let metrics = store.metrics()?;
        let formulas = store.formulas()?;
        let mut observations = split.observations;
        // Computed from the figures in hand (long daily series are not inputs of formulas).
        let (derived, problems) = formula_series::figures(&formulas, &metrics, &observations);
        observations.extend(derived);
        let mut snapshot = Snapshot::new(
            location,
            read_only,
            generation,
            store.platforms()?,
            store.regions()?,
            metrics,
            observations,
            store.events(&EventQuery::default())?,
            store.sources_cited_by_events()?,
        );
        snapshot.set_dense(dense);
        snapshot.count_source_figures();
        snapshot.formulas = formulas
            .into_iter()
            .map(|f| {
                let problem = problems
                    .iter()
                    .find(|(id, _)| *id == f.metric)
                    .map(|(_, why)| why.clone());
                (
                    f.metric,
                    FormulaState {
                        formula: f.formula,
                        problem,
                    },
                )
            })
            .collect();
        // Every `fx_rate` series, for charts converted to a display currency.
        snapshot.rates = crate::analysis::recipe_rows::rates(&snapshot.observations);
        snapshot.stories = store.stories()?;
        snapshot.views = store.saved_views()?;
        Ok((snapshot, overviews))
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        location: Location,
        read_only: bool,
        generation: u64,
        platforms: Vec<Platform>,
        regions: Vec<Region>,
        metrics: Vec<Metric>,
        observations: Vec<Observation>,
        events: Vec<Event>,
        sources: Vec<SourceUsage>,
    ) -> Snapshot {
        let index = |ids: Vec<&String>| {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.clone(), i))
                .collect::<HashMap<_, _>>()
        };
        let source_index = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.source.id, i))
            .collect();
        let platform_index = index(platforms.iter().map(|p| &p.id).collect());
        let region_index = index(regions.iter().map(|r| &r.id).collect());
        let metric_index = index(metrics.iter().map(|m| &m.id).collect());
        let years: std::collections::BTreeSet<i32> = observations
            .iter()
            .map(|o| o.period.start.year())
            .chain(events.iter().map(|e| e.date.start.year()))
            .collect();
        let regions_with_figures = observations.iter().map(|o| o.region.clone()).collect();
        Snapshot {
            years: years.into_iter().collect(),
            regions_with_figures,
            stories: Vec::new(),
            views: Vec::new(),
            formulas: HashMap::new(),
            rates: Default::default(),
            location,
            read_only,
            generation,
            platforms,
            regions,
            metrics,
            observations,
            dense: Vec::new(),
            events,
            sources,
            platform_index,
            region_index,
            metric_index,
            source_index,
        }
    }

    /// Adds the long series, with their years and regions.
    pub fn set_dense(&mut self, dense: Vec<Arc<DenseSeries>>) {
        let mut years: std::collections::BTreeSet<i32> = self.years.iter().copied().collect();
        for d in &dense {
            self.regions_with_figures.insert(d.region.clone());
            if let Some((first, last)) = d.x_extent()
                && let (Some(a), Some(b)) = (
                    crate::analysis::date_of_day(first),
                    crate::analysis::date_of_day(last),
                )
            {
                years.extend(a.year()..=b.year());
            }
        }
        self.years = years.into_iter().collect();
        self.dense = dense;
    }

    /// Each source's number of figures, from the figures held (an overview knows its series'):
    /// the store would count them by reading an index entry per figure.
    fn count_source_figures(&mut self) {
        let mut counts: HashMap<i64, usize> = HashMap::new();
        for o in &self.observations {
            *counts.entry(o.source.id).or_default() += 1;
        }
        for d in &self.dense {
            for (id, n) in d.source_counts() {
                *counts.entry(id).or_default() += n;
            }
        }
        for usage in &mut self.sources {
            usage.observations = counts.get(&usage.source.id).copied().unwrap_or(0);
        }
    }

    pub fn source(&self, id: i64) -> Option<&Source> {
        self.source_index.get(&id).map(|&i| &self.sources[i].source)
    }

    /// Figures of a metric, in short and long series.
    pub fn figure_count(&self, metric: &str) -> usize {
        let short = self
            .observations
            .iter()
            .filter(|o| o.metric == metric)
            .count();
        let long: usize = self
            .dense
            .iter()
            .filter(|d| d.metric == metric)
            .map(|d| d.figures())
            .sum();
        short + long
    }

    /// Every figure, short and long series.
    pub fn total_figures(&self) -> usize {
        self.observations.len() + self.dense.iter().map(|d| d.figures()).sum::<usize>()
    }

    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platform_index.get(id).map(|&i| &self.platforms[i])
    }

    /// The platform's order in the catalog (platforms first, then aggregates), for stable legends.
    pub fn platform_order(&self, id: &str) -> usize {
        self.platform_index.get(id).copied().unwrap_or(usize::MAX)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.region_index.get(id).map(|&i| &self.regions[i])
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metric_index.get(id).map(|&i| &self.metrics[i])
    }

    /// The platform's fiscal year start month, when it is not January.
    pub fn fiscal_year_start(&self, platform: &str) -> Option<u32> {
        self.platform(platform)
            .and_then(|p| p.fiscal_year_start)
            .filter(|m| *m != 1)
    }

    /// A period as a tooltip heads it for `platform`: with its weekday, or as the platform's
    /// fiscal period with its calendar dates.
    pub fn period_heading(&self, platform: &str, period: &crate::model::Period) -> String {
        crate::model::format::period_heading(period, self.fiscal_year_start(platform))
    }

    /// "AliExpress 速卖通" (in Chinese 速卖通), or the id when the catalog does not know it.
    pub fn platform_name(&self, id: &str) -> String {
        self.platform(id)
            .map(display_name)
            .unwrap_or_else(|| id.to_string())
    }

    /// Short region names for sentences: "Worldwide" rather than the catalog's long form; in
    /// Chinese the catalogue's name (美国) where it has one.
    pub fn region_name(&self, id: &str) -> String {
        if id == "global" {
            return t("region-short-global");
        }
        if let Some(zh) = i18n::catalogue_name("region", id) {
            return zh;
        }
        self.region(id)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The metric's name in the UI's language: in Chinese the store's `name_zh`, else the
    /// catalogue's, else the English one.
    pub fn metric_name(&self, id: &str) -> String {
        match self.metric(id) {
            Some(m) => metric_display_name(m),
            None => id.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.observations.is_empty() && self.dense.is_empty() && self.events.is_empty()
    }
}

/// The platform's name in the UI's language. English: with its Chinese name, except where that
/// only repeats the Latin name (the sample gives TEMU's as "Temu"). Chinese: the Chinese name,
/// else the catalogue's, else the English one.
pub fn display_name(platform: &Platform) -> String {
    let zh = platform
        .name_zh
        .as_deref()
        .filter(|zh| !zh.trim().is_empty() && !zh.eq_ignore_ascii_case(&platform.name));
    if i18n::lang() == Lang::Zh {
        return zh
            .map(str::to_string)
            .or_else(|| i18n::catalogue_name("platform", &platform.id))
            .unwrap_or_else(|| platform.name.clone());
    }
    match zh {
        Some(_) => platform.full_name(),
        None => platform.name.clone(),
    }
}

/// A metric's name in the UI's language ([`Snapshot::metric_name`]).
pub fn metric_display_name(metric: &Metric) -> String {
    if i18n::lang() == Lang::Zh {
        if let Some(zh) = metric.name_zh.as_deref().filter(|zh| !zh.trim().is_empty()) {
            return zh.to_string();
        }
        if let Some(zh) = i18n::catalogue_name("metric", &metric.id) {
            return zh;
        }
    }
    metric.name.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_sources_figure_count_is_the_stores_when_long_series_come_as_overviews() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).expect("store");
        let points = crate::store::overview::OVERVIEW_MIN_POINTS + 10;
        store
            .generate(2, points, 5, crate::model::Grain::Day)
            .expect("generate");
        store
            .load_sample()
            .expect("sample beside the synthetic series");
        let counted: Vec<(i64, usize)> = store
            .sources()
            .expect("sources")
            .iter()
            .map(|u| (u.source.id, u.observations))
            .collect();
        let mut live = LiveStore::open(&Location::Sqlite(path)).expect("opened again");
        let (whole, overviews) = Snapshot::read_live(&mut live, 1, &mut |_| {}).expect("read");
        // `generate` kept its series' overviews: nothing is read whole, nothing left to keep.
        assert!(overviews.is_empty());
        assert!(whole.dense.iter().all(|d| d.overview.is_some()));
        let of = |s: &Snapshot| -> Vec<(i64, usize)> {
            s.sources
                .iter()
                .map(|u| (u.source.id, u.observations))
                .collect()
        };
        assert_eq!(of(&whole), counted);
        assert_eq!(
            whole.total_figures(),
            store.observation_count().expect("count")
        );
    }
}
