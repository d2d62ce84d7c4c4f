//! Everything the dashboard shows, read from the store in one go on the loader thread: the UI
//! thread only ever reads this, never the store.

use std::collections::HashMap;

use chrono::Datelike;
use std::path::PathBuf;

use crate::model::{Event, Metric, Observation, Platform, Region};
use crate::model::{SavedView, Story};
use crate::store::{EventQuery, SeriesQuery, SourceUsage, Store, StoreError};

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub store_path: PathBuf,
    pub read_only: bool,
    /// Increases with every load, so caches know when to rebuild.
    pub generation: u64,
    pub platforms: Vec<Platform>,
    pub regions: Vec<Region>,
    pub metrics: Vec<Metric>,
    pub observations: Vec<Observation>,
    pub events: Vec<Event>,
    pub sources: Vec<SourceUsage>,
    /// Years with any figure or event, for the year choosers.
    pub years: Vec<i32>,
    /// Regions that have at least one figure (the side panel lists only these).
    pub regions_with_figures: std::collections::HashSet<String>,
    /// The store's stories, for presenter mode, and its saved views.
    pub stories: Vec<Story>,
    pub views: Vec<SavedView>,
    platform_index: HashMap<String, usize>,
    region_index: HashMap<String, usize>,
    metric_index: HashMap<String, usize>,
}

impl Snapshot {
    pub fn read(store: &Store, generation: u64) -> Result<Snapshot, StoreError> {
        let mut snapshot = Snapshot::new(
            store.path().to_path_buf(),
            store.is_read_only(),
            generation,
            store.platforms()?,
            store.regions()?,
            store.metrics()?,
            store.series(&SeriesQuery::default())?,
            store.events(&EventQuery::default())?,
            store.sources()?,
        );
        snapshot.stories = store.stories()?;
        snapshot.views = store.saved_views()?;
        Ok(snapshot)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn new(
        store_path: PathBuf,
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
            store_path,
            read_only,
            generation,
            platforms,
            regions,
            metrics,
            observations,
            events,
            sources,
            platform_index,
            region_index,
            metric_index,
        }
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

    /// "AliExpress 速卖通", or the id when the catalog does not know it.
    pub fn platform_name(&self, id: &str) -> String {
        self.platform(id)
            .map(display_name)
            .unwrap_or_else(|| id.to_string())
    }

    /// Short region names for sentences: "Worldwide" rather than the catalog's long form.
    pub fn region_name(&self, id: &str) -> String {
        if id == "global" {
            return "Worldwide".to_string();
        }
        self.region(id)
            .map(|r| r.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn metric_name(&self, id: &str) -> String {
        self.metric(id)
            .map(|m| m.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn is_empty(&self) -> bool {
        self.observations.is_empty() && self.events.is_empty()
    }
}

/// The platform's name with its Chinese name, except where that only repeats the Latin name
/// (the sample gives TEMU's as "Temu").
pub fn display_name(platform: &Platform) -> String {
    match &platform.name_zh {
        Some(zh) if zh.eq_ignore_ascii_case(&platform.name) => platform.name.clone(),
        _ => platform.full_name(),
    }
}
