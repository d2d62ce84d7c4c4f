//! The views of the dashboard, in one list: each view's title, noun, key, icon, the metrics it
//! charts and what it says when it has nothing to show. Tabs, keys, the `?` overlay, saved views,
//! the side panel's counts and tests all read [`VIEWS`]; adding a view is one entry there (and its
//! drawing function in `ui::views`).

use serde::{Deserialize, Serialize};

use super::metrics::MetricGroup;
use super::settings::Settings;
use super::snapshot::Snapshot;
use crate::i18n::t;

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

/// One view, as the registry describes it. Its words are in the catalogues (`assets/i18n/`),
/// under `view-{slug}`: the tab, `-noun`, `-action`, `-empty` and `-hint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewSpec {
    pub view: View,
    /// The catalogue's name of the view.
    pub slug: &'static str,
    /// The digit key that opens it.
    pub key: u8,
    pub icon: &'static str,
    pub metrics: ViewMetrics,
    /// Whether the status bar gives the chart's hint rather than one of its own.
    pub chart_hint: bool,
}

impl ViewSpec {
    /// The tab's label; also what tests click.
    pub fn title(&self) -> String {
        t(&format!("view-{}", self.slug))
    }

    /// In sentences: "the GMV view".
    pub fn noun(&self) -> String {
        t(&format!("view-{}-noun", self.slug))
    }

    /// The action that opens it, in menus and the `?` overlay.
    pub fn action_label(&self) -> String {
        t(&format!("view-{}-action", self.slug))
    }

    /// Said when the store has nothing for it.
    pub fn empty_text(&self) -> String {
        t(&format!("view-{}-empty", self.slug))
    }

    /// The status bar's hint while it is shown.
    pub fn hint(&self) -> String {
        if self.chart_hint {
            t("view-hint-chart")
        } else {
            t(&format!("view-{}-hint", self.slug))
        }
    }
}

/// Every view, in the order of the tabs.
pub const VIEWS: [ViewSpec; 8] = [
    ViewSpec {
        view: View::Gmv,
        slug: "gmv",
        key: 1,
        icon: "💰",
        metrics: ViewMetrics::Fixed(&["gmv"]),
        chart_hint: true,
    },
    ViewSpec {
        view: View::Growth,
        slug: "growth",
        key: 2,
        icon: "📈",
        metrics: ViewMetrics::Fixed(&["gmv_yoy", "gmv"]),
        chart_hint: true,
    },
    ViewSpec {
        view: View::Downloads,
        slug: "downloads",
        key: 3,
        icon: "⬇",
        metrics: ViewMetrics::Fixed(&["downloads", "downloads_per_day"]),
        chart_hint: true,
    },
    ViewSpec {
        view: View::BrandSales,
        slug: "brands",
        key: 4,
        icon: "🏷",
        metrics: ViewMetrics::OneOf(MetricGroup::Sellers),
        chart_hint: true,
    },
    ViewSpec {
        view: View::Metrics,
        slug: "metrics",
        key: 8,
        icon: "☰",
        metrics: ViewMetrics::Any,
        chart_hint: false,
    },
    ViewSpec {
        view: View::Events,
        slug: "events",
        key: 5,
        icon: "🚩",
        metrics: ViewMetrics::None,
        chart_hint: false,
    },
    ViewSpec {
        view: View::Table,
        slug: "table",
        key: 6,
        icon: "▦",
        metrics: ViewMetrics::None,
        chart_hint: false,
    },
    ViewSpec {
        view: View::Sources,
        slug: "sources",
        key: 7,
        icon: "📚",
        metrics: ViewMetrics::None,
        chart_hint: false,
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

    /// The tab's label in the UI's language; also what tests click.
    pub fn label(self) -> String {
        self.spec().title()
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
                snap.observations.len() + snap.dense.iter().map(|d| d.figures()).sum::<usize>()
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
        // Every view's words are in both catalogues.
        for spec in &VIEWS {
            let mut ids = vec![
                format!("view-{}", spec.slug),
                format!("view-{}-noun", spec.slug),
                format!("view-{}-action", spec.slug),
                format!("view-{}-empty", spec.slug),
            ];
            if !spec.chart_hint {
                ids.push(format!("view-{}-hint", spec.slug));
            }
            for id in ids {
                for lang in crate::i18n::Lang::ALL {
                    assert!(crate::i18n::has_message(lang, &id), "{lang:?} {id}");
                }
            }
        }
        assert_eq!(View::Growth.label(), "Growth");
        assert_eq!(
            crate::i18n::with_lang(crate::i18n::Lang::Zh, || View::Growth.label()),
            "增长"
        );
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
