//! One published figure: a value for a platform, metric, region and period, with its provenance.

use serde::{Deserialize, Serialize};

use super::{Kind, Period, Qualifier, Source, Unit};

/// A figure as stored, with everything needed to show where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub platform: String,
    pub metric: String,
    pub region: String,
    pub period: Period,
    /// In the metric's base unit: USD, a count, or a number of percent.
    pub value: f64,
    pub unit: Unit,
    pub kind: Kind,
    pub qualifier: Qualifier,
    pub source: Source,
    pub note: String,
    /// When the figure became known (its source's date where the row gave none).
    #[serde(default)]
    pub published: Option<chrono::NaiveDate>,
}
