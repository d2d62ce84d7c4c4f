//! What the dashboard remembers between runs (saved by `ui::persistence`): the view, the selections, the
//! chart toggles and the theme. Selections are stored as the user's explicit choices over
//! defaults, so platforms imported later still get a sensible default.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use super::views::View;
use crate::model::{EventCategory, Grain, Kind, Platform, PlatformType};

/// The key under which the settings are saved in the window's storage.
pub const STORAGE_KEY: &str = "marketscope.settings.v1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Dark,
    Light,
}

/// The brand and seller metrics the Brand sales view offers, in its order.
pub const BRAND_METRICS: [&str; 4] = [
    "sellers",
    "sellers_over_1m",
    "sellers_over_100k",
    "brands_2x_amazon",
];

/// Columns of the Table view, which it can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TableColumn {
    Platform,
    Metric,
    Region,
    #[default]
    Period,
    Value,
    Kind,
    Source,
    Published,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub view: View,
    pub theme: ThemeChoice,
    /// Platform id -> shown, where the user chose; otherwise platforms shown, aggregates hidden.
    pub platform_choice: BTreeMap<String, bool>,
    /// Region id -> shown, where the user chose; otherwise only `global` shown.
    pub region_choice: BTreeMap<String, bool>,
    pub kinds: BTreeSet<Kind>,
    pub grains: BTreeSet<Grain>,
    pub from_year: Option<i32>,
    /// A start finer than a year (a quick range of quarters); when set it, not `from_year`, starts
    /// the range. The year choosers clear it.
    pub from_date: Option<chrono::NaiveDate>,
    pub to_year: Option<i32>,
    pub show_events: bool,
    pub event_categories: BTreeSet<EventCategory>,
    pub log_scale: bool,
    pub index_to_100: bool,
    pub index_base_year: i32,
    pub stack_gmv_with_growth: bool,
    pub brand_metric: String,
    /// The Metrics view's metric; empty until one is picked (or a store opens on it).
    pub metric: String,
    /// Only this source's figures, after a click in the Sources view.
    pub source_filter: Option<i64>,
    /// The Table view's metric; empty means all metrics.
    pub table_metric: String,
    pub table_sort: TableColumn,
    pub table_ascending: bool,
    /// Money charts converted into this currency (ISO code) at each period's average rate;
    /// `None` draws figures as published (the larger currency group, the rest said left out).
    pub display_currency: Option<String>,
    /// The chart's visible window when a view or story step was saved; None fits the data. Kept
    /// None in the live settings (the chart holds its own zoom), filled only in a saved state.
    pub window: Option<ChartWindow>,
}

/// A chart's visible window: which chart, the time range (days) and the value range (in the
/// chart's plot units: log10 of the value on a log scale, the index when indexed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartWindow {
    pub chart: String,
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl ChartWindow {
    pub fn bounds(&self) -> crate::analysis::animate::Window {
        [self.x[0], self.x[1], self.y[0], self.y[1]]
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            view: View::Gmv,
            theme: ThemeChoice::Dark,
            platform_choice: BTreeMap::new(),
            region_choice: BTreeMap::new(),
            kinds: Kind::ALL.into_iter().collect(),
            grains: Grain::ALL.into_iter().collect(),
            from_year: None,
            from_date: None,
            to_year: None,
            show_events: true,
            event_categories: EventCategory::ALL.into_iter().collect(),
            // Amazon's GMV is ten times the cross-border platforms': on a linear axis TEMU, SHEIN
            // and TikTok Shop would be a flat line at the bottom.
            log_scale: true,
            index_to_100: false,
            index_base_year: 2023,
            stack_gmv_with_growth: false,
            brand_metric: BRAND_METRICS[0].to_string(),
            metric: String::new(),
            source_filter: None,
            table_metric: String::new(),
            table_sort: TableColumn::Period,
            table_ascending: true,
            display_currency: None,
            window: None,
        }
    }
}

impl Settings {
    /// The currency money charts are converted into, if one is picked (and readable).
    pub fn display_currency(&self) -> Option<crate::model::Currency> {
        self.display_currency
            .as_deref()
            .and_then(crate::model::Currency::parse)
    }

    pub fn platform_shown(&self, platform: &Platform) -> bool {
        self.platform_choice
            .get(&platform.id)
            .copied()
            .unwrap_or(platform.platform_type == PlatformType::Platform)
    }

    pub fn region_shown(&self, region_id: &str) -> bool {
        self.region_choice
            .get(region_id)
            .copied()
            .unwrap_or(region_id == "global")
    }

    /// Everything back to the defaults except the theme, which is a preference, not a view.
    pub fn reset_view(&mut self) {
        let theme = self.theme;
        *self = Settings {
            theme,
            ..Settings::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rgb;

    fn platform(id: &str, platform_type: PlatformType) -> Platform {
        Platform {
            id: id.into(),
            name: id.into(),
            name_zh: None,
            parent: None,
            parent_zh: None,
            colour: Rgb([0, 0, 0]),
            platform_type,
            fiscal_year_start: None,
        }
    }

    #[test]
    fn defaults_show_platforms_and_worldwide_figures() {
        let mut s = Settings::default();
        assert!(s.platform_shown(&platform("temu", PlatformType::Platform)));
        assert!(!s.platform_shown(&platform("sea_ecommerce", PlatformType::Aggregate)));
        assert!(s.region_shown("global"));
        assert!(!s.region_shown("us"));
        s.platform_choice.insert("temu".into(), false);
        assert!(!s.platform_shown(&platform("temu", PlatformType::Platform)));
    }

    #[test]
    fn reset_keeps_the_theme_and_json_round_trips() {
        let mut s = Settings {
            theme: ThemeChoice::Light,
            view: View::Sources,
            log_scale: false,
            ..Settings::default()
        };
        let json = serde_json::to_string(&s).expect("serialises");
        let back: Settings = serde_json::from_str(&json).expect("parses");
        assert_eq!(back, s);
        // An older file without newer fields still loads, with defaults for the rest.
        let partial: Settings = serde_json::from_str(r#"{"view":"Growth"}"#).expect("parses");
        assert_eq!(partial.view, View::Growth);
        assert!(partial.show_events);
        assert_eq!(partial.window, None);
        let windowed = Settings {
            window: Some(ChartWindow {
                chart: "gmv".into(),
                x: [19000.0, 20000.0],
                y: [9.5, 11.2],
            }),
            ..Settings::default()
        };
        let json = serde_json::to_value(&windowed).expect("serialises");
        let back: Settings = serde_json::from_value(json).expect("parses");
        assert_eq!(back.window, windowed.window);
        s.log_scale = false;
        s.reset_view();
        assert_eq!(s.view, View::Gmv);
        assert!(s.log_scale);
        assert_eq!(s.theme, ThemeChoice::Light);
    }
}
