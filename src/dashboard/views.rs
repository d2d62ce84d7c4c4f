//! The views of the dashboard, in one list: each view's title, noun, key, icon, the metrics it
//! charts and what it says when it has nothing to show. Tabs, keys, the `?` overlay, saved views,
//! the side panel's counts and tests all read [`VIEWS`]; adding a view is one entry there (and its
//! drawing function in `ui::views`).

use serde::{Deserialize, Serialize};

use super::metrics::MetricGroup;
use super::settings::Settings;
use super::snapshot::Snapshot;

/// A view of the top bar. Saved views and stories store it by name (`"BrandSales"`), so a variant
/// is never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum View {
    #[default]
    Gmv,
    Growth,
    Downloads,
    BrandSales,
    Metrics,
    Events,
    Table,
    Sources,
}

/// What a view charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewMetrics {
    /// These metrics, the first one the chart's.
    Fixed(&'static [&'static str]),
    /// One metric of this group at a time, chosen with buttons (`Settings::brand_metric`).
    OneOf(MetricGroup),
    /// Any metric of the store, chosen in the list (`Settings::metric`).
    Any,
    /// A list or table, not a chart.
    None,
}

/// One view, as the registry describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewSpec {
    pub view: View,
    /// The tab's label; also what tests click.
    pub title: &'static str,
    /// In sentences: "the GMV view".
    pub noun: &'static str,
    /// The action that opens it, in menus and the `?` overlay.
    pub action_label: &'static str,
    /// The digit key that opens it.
    pub key: u8,
    pub icon: &'static str,
    pub metrics: ViewMetrics,
    /// Said when the store has nothing for it.
    pub empty_text: &'static str,
    /// The status bar's hint while it is shown.
    pub hint: &'static str,
}

const CHART_HINT: &str = "Hover a point for its source · click two points to measure · scroll to zoom, drag to pan, right-drag to zoom a box, double-click to reset · ? for shortcuts";

/// Every view, in the order of the tabs.
pub const VIEWS: [ViewSpec; 8] = [
    ViewSpec {
        view: View::Gmv,
        title: "GMV",
        action_label: "GMV view",
        noun: "GMV",
        key: 1,
        icon: "💰",
        metrics: ViewMetrics::Fixed(&["gmv"]),
        empty_text: "The store has no GMV figures (metric id gmv).",
        hint: CHART_HINT,
    },
    ViewSpec {
        view: View::Growth,
        title: "Growth",
        action_label: "Growth view",
        noun: "Growth",
        key: 2,
        icon: "📈",
        metrics: ViewMetrics::Fixed(&["gmv_yoy", "gmv"]),
        empty_text: "The store has no GMV or GMV growth figures (metric ids gmv, gmv_yoy).",
        hint: CHART_HINT,
    },
    ViewSpec {
        view: View::Downloads,
        title: "Downloads",
        action_label: "Downloads view",
        noun: "Downloads",
        key: 3,
        icon: "⬇",
        metrics: ViewMetrics::Fixed(&["downloads", "downloads_per_day"]),
        empty_text: "The store has no download figures (metric ids downloads, downloads_per_day).",
        hint: CHART_HINT,
    },
    ViewSpec {
        view: View::BrandSales,
        title: "Brand sales",
        action_label: "Brand sales view",
        noun: "Brand sales",
        key: 4,
        icon: "🏷",
        metrics: ViewMetrics::OneOf(MetricGroup::Sellers),
        empty_text: "The store has no seller or brand figures.",
        hint: CHART_HINT,
    },
    ViewSpec {
        view: View::Metrics,
        title: "Metrics",
        action_label: "Metrics view",
        noun: "Metrics",
        key: 8,
        icon: "☰",
        metrics: ViewMetrics::Any,
        empty_text: "The store has no figures yet: import a CSV.",
        hint: "Pick a metric on the left to chart it · name a metric or platform that has only an id · ? for shortcuts",
    },
    ViewSpec {
        view: View::Events,
        title: "Events",
        action_label: "Events view",
        noun: "Events",
        key: 5,
        icon: "🚩",
        metrics: ViewMetrics::None,
        empty_text: "The store has no events.",
        hint: "Click an event's title for its details and source · filter categories under Event markers · ? for shortcuts",
    },
    ViewSpec {
        view: View::Table,
        title: "Table",
        action_label: "Table view",
        noun: "Table",
        key: 6,
        icon: "▦",
        metrics: ViewMetrics::None,
        empty_text: "No figures match the choices on the left.",
        hint: "Click a column title to sort · Copy as CSV (C) gives the importer's columns · ? for shortcuts",
    },
    ViewSpec {
        view: View::Sources,
        title: "Sources",
        action_label: "Sources view",
        noun: "Sources",
        key: 7,
        icon: "📚",
        metrics: ViewMetrics::None,
        empty_text: "The store has no sources.",
        hint: "Click a publisher to chart only its figures · URLs open in the browser · ? for shortcuts",
    },
];

impl View {
    /// Every view, in the order of the tabs.
    pub fn all() -> impl Iterator<Item = View> {
        VIEWS.iter().map(|s| s.view)
    }

    pub fn spec(self) -> &'static ViewSpec {
        // Every variant has its entry (a unit test checks); the first is a harmless fallback.
        VIEWS.iter().find(|s| s.view == self).unwrap_or(&VIEWS[0])
    }

    /// The tab's label; also what tests click.
    pub fn label(self) -> &'static str {
        self.spec().title
    }

    /// Whether the view draws a chart (and so can be exported as an image).
    pub fn is_chart(self) -> bool {
        self.spec().metrics != ViewMetrics::None
    }

    /// The metrics the view charts with these settings, for the counts in the side panel.
    pub fn metrics(self, settings: &Settings) -> Vec<String> {
        match self.spec().metrics {
            ViewMetrics::Fixed(ids) => ids.iter().map(|m| m.to_string()).collect(),
            ViewMetrics::OneOf(_) => vec![settings.brand_metric.clone()],
            ViewMetrics::Any => vec![settings.metric.clone()],
            ViewMetrics::None => Vec::new(),
        }
    }

    /// How many figures the view could chart in this store, whatever is ticked: a view whose
    /// metrics have none is not one to open a store on.
    pub fn figures_in(self, snap: &Snapshot) -> usize {
        match self.spec().metrics {
            ViewMetrics::Fixed(ids) => ids.iter().map(|m| snap.figure_count(m)).sum(),
            ViewMetrics::OneOf(group) => snap
                .metrics
                .iter()
                .filter(|m| super::metrics::metric_group(&m.id, &m.name, m.unit) == group)
                .map(|m| snap.figure_count(&m.id))
                .sum(),
            ViewMetrics::Any => {
                snap.observations.len() + snap.dense.iter().map(|d| d.len()).sum::<usize>()
            }
            ViewMetrics::None => 0,
        }
    }
}

/// The view a store opens on when the one remembered shows nothing of it: the first curated
/// chart with figures, else the Metrics view (charting the metric with most figures). None keeps
/// the remembered view: it has figures, or is not a chart (Events, Table, Sources show all).
pub fn opening_view(snap: &Snapshot, remembered: View) -> Option<View> {
    if !remembered.is_chart() || remembered == View::Metrics || remembered.figures_in(snap) > 0 {
        return None;
    }
    VIEWS
        .iter()
        .map(|s| s.view)
        .filter(|v| {
            matches!(
                v.spec().metrics,
                ViewMetrics::Fixed(_) | ViewMetrics::OneOf(_)
            )
        })
        .find(|v| v.figures_in(snap) > 0)
        .or(Some(View::Metrics))
}

/// The curated view that charts `metric` first, else the Metrics view.
pub fn view_of_metric(metric: &str) -> View {
    VIEWS
        .iter()
        .find(|s| matches!(s.metrics, ViewMetrics::Fixed(ids) if ids.first() == Some(&metric)))
        .map(|s| s.view)
        .unwrap_or(View::Metrics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_has_one_entry_and_a_key_of_its_own() {
        let all = [
            View::Gmv,
            View::Growth,
            View::Downloads,
            View::BrandSales,
            View::Metrics,
            View::Events,
            View::Table,
            View::Sources,
        ];
        for view in all {
            assert_eq!(
                VIEWS.iter().filter(|s| s.view == view).count(),
                1,
                "{view:?}"
            );
            assert_eq!(view.spec().view, view);
        }
        let mut keys: Vec<u8> = VIEWS.iter().map(|s| s.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), VIEWS.len());
        assert!(keys.iter().all(|k| (1..=9).contains(k)));
    }

    #[test]
    fn saved_views_keep_their_names() {
        // The sample story and saved views store views by these names.
        for (view, name) in [(View::BrandSales, "\"BrandSales\""), (View::Gmv, "\"Gmv\"")] {
            assert_eq!(serde_json::to_string(&view).ok().as_deref(), Some(name));
            assert_eq!(serde_json::from_str::<View>(name).ok(), Some(view));
        }
    }
}
