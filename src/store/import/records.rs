//! Typed rows read from a file, before they meet the store. Names (platform, metric, region)
//! are still as written: the store resolves them against its catalog.

use chrono::NaiveDate;

use crate::model::{EventCategory, Kind, Period, PlatformType, Qualifier, Rgb, Unit};

use super::value::{UnitCell, ValueCell};

/// Who published a row's figure, as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceRef {
    pub publisher: String,
    pub url: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObservationRecord {
    pub line: u64,
    pub platform: String,
    pub metric: String,
    pub region: String,
    pub period: Period,
    pub value: ValueCell,
    pub unit: UnitCell,
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    pub source: SourceRef,
    pub note: String,
    /// The column the value came from, for messages about it.
    pub value_column: String,
    pub value_text: String,
}

impl ObservationRecord {
    /// The value in base units and its unit, given the metric's unit if the store knows it.
    pub fn resolve_value(
        &self,
        metric_unit: Option<Unit>,
    ) -> Result<(f64, Unit, Qualifier), String> {
        let v = &self.value;
        let u = &self.unit;
        let scale = match (v.scale, u.scale) {
            (Some(_), Some(_)) => {
                return Err("both the value and the unit column give a scale (e.g. 1.4B with \"USD billion\"); give it once".into());
            }
            (a, b) => a.or(b).unwrap_or(1.0),
        };
        let stated = match (v.unit, u.unit) {
            (Some(a), Some(b)) if a != b => {
                return Err(format!("the value says {a} but the unit column says {b}"));
            }
            (a, b) => a.or(b),
        };
        let unit = match (stated, metric_unit) {
            (Some(s), Some(m)) if s != m => {
                return Err(format!(
                    "metric {:?} is stored in {m}, but this value is in {s}",
                    self.metric
                ));
            }
            (Some(s), _) => s,
            (None, Some(m)) => m,
            (None, None) => {
                return Err(format!(
                    "metric {:?} is new to the store and the row gives no unit; add a unit column (USD, count or percent) or --set unit=...",
                    self.metric
                ));
            }
        };
        if unit == Unit::Percent && scale != 1.0 {
            return Err("a percentage cannot have a scale such as million".into());
        }
        let value = v.number * scale;
        if !value.is_finite() {
            return Err("the scaled value is beyond the range of a 64-bit float".into());
        }
        if unit.is_non_negative() && value < 0.0 {
            return Err(format!("a value in {unit} cannot be negative"));
        }
        let qualifier = match (self.qualifier, v.qualifier.or(u.qualifier)) {
            (Some(col), Some(text)) if col != Qualifier::None && col != text => {
                return Err(format!(
                    "the qualifier column says {:?} but the value is worded {:?}",
                    col.as_str(),
                    text.as_str()
                ));
            }
            (Some(col), _) if col != Qualifier::None => col,
            (_, text) => text.unwrap_or_default(),
        };
        Ok((value, unit, qualifier))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub line: u64,
    pub date: Period,
    pub end: Option<Period>,
    pub title: String,
    pub category: EventCategory,
    pub platform: Option<String>,
    pub region: Option<String>,
    pub description: String,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlatformRecord {
    pub line: u64,
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub parent: Option<String>,
    pub parent_zh: Option<String>,
    pub colour: Option<Rgb>,
    pub platform_type: PlatformType,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RegionRecord {
    pub line: u64,
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MetricRecord {
    pub line: u64,
    pub id: String,
    pub name: String,
    pub unit: Unit,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceRecord {
    pub line: u64,
    pub source: SourceRef,
}

/// Everything read from one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    Observations(Vec<ObservationRecord>),
    Events(Vec<EventRecord>),
    Platforms(Vec<PlatformRecord>),
    Regions(Vec<RegionRecord>),
    Metrics(Vec<MetricRecord>),
    Sources(Vec<SourceRecord>),
}

impl Records {
    pub fn len(&self) -> usize {
        match self {
            Records::Observations(r) => r.len(),
            Records::Events(r) => r.len(),
            Records::Platforms(r) => r.len(),
            Records::Regions(r) => r.len(),
            Records::Metrics(r) => r.len(),
            Records::Sources(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
