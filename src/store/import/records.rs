//! Typed rows read from a file, before they meet the store. Names (platform, metric, region)
//! are still as written: the store resolves them against its catalog.

use chrono::NaiveDate;

use crate::model::{
    Aggregate, EventCategory, Kind, Period, PeriodSpec, PlatformType, Qualifier, Rgb, Unit,
};

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
    /// As written: a fiscal period is placed once the platform's fiscal year is known.
    pub period: PeriodSpec,
    pub value: ValueCell,
    pub unit: UnitCell,
    pub kind: Kind,
    /// Whether the kind came from the file or `--set` (else it is the default, actual).
    pub kind_given: bool,
    pub qualifier: Option<Qualifier>,
    pub source: SourceRef,
    /// When the figure became known, if the row says.
    pub published: Option<NaiveDate>,
    pub note: String,
    /// Catalogue facts an export carries, used when the import creates the entry.
    pub hints: CatalogHints,
    /// The column the value came from, for messages about it.
    pub value_column: String,
    pub value_text: String,
}

/// Names and properties a row may give for the catalogue entries it refers to (an export's
/// `platform_name`, `fiscal_year_start`...; `--set non_negative=true`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogHints {
    pub platform_name: Option<String>,
    pub metric_name: Option<String>,
    pub region_name: Option<String>,
    /// The metric's own unit where it differs from the figures' (`per USD` for exchange rates).
    pub metric_unit: Option<Unit>,
    pub fiscal_year_start: Option<u32>,
    pub non_negative: Option<bool>,
    pub aggregate: Option<Aggregate>,
}

/// What the store knows of a metric that decides whether a figure fits it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricRule {
    pub unit: Unit,
    pub non_negative: bool,
}

impl ObservationRecord {
    /// The value in base units and its unit, given the metric's rule if the store knows it.
    pub fn resolve_value(
        &self,
        metric: Option<MetricRule>,
    ) -> Result<(f64, Unit, Qualifier), String> {
        let metric_unit = metric.map(|m| m.unit).or(self.hints.metric_unit);
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
        // "¥" is CNY or JPY: only a metric in one of them decides which.
        let stated = match (v.yen, stated, metric_unit) {
            (false, s, _) => s,
            (true, Some(s), _)
                if matches!(
                    s.currency().map(|c| c.code().to_string()).as_deref(),
                    Some("CNY" | "JPY")
                ) =>
            {
                Some(s)
            }
            (true, None, Some(m))
                if matches!(
                    m.currency().map(|c| c.code().to_string()).as_deref(),
                    Some("CNY" | "JPY")
                ) =>
            {
                Some(m)
            }
            (true, _, _) => {
                return Err("\"¥\" can mean CNY or JPY; write CNY (or RMB, 元) or JPY, or import into a metric in one of them".into());
            }
        };
        let unit = match (stated, metric_unit) {
            (Some(s), Some(m)) if !s.fits(m) => {
                return Err(format!(
                    "the value is in {s}, but metric {:?} is in {m}",
                    self.metric
                ));
            }
            (Some(s), _) => s,
            (None, Some(Unit::AnyCurrency)) => {
                return Err(format!(
                    "metric {:?} takes figures in any currency, and this row names none; add a unit column or --set unit=CNY",
                    self.metric
                ));
            }
            (None, Some(m)) => m,
            // A new metric whose rows name no unit holds plain numbers; the report says so.
            (None, None) => Unit::Plain,
        };
        if unit == Unit::Percent && scale != 1.0 {
            return Err("a percentage cannot have a scale such as million".into());
        }
        let value = v.number * scale;
        if !value.is_finite() {
            return Err("the scaled value is beyond the range of a 64-bit float".into());
        }
        let non_negative = self
            .hints
            .non_negative
            .or(metric.map(|m| m.non_negative))
            .unwrap_or(false);
        if non_negative && value < 0.0 {
            return Err(format!(
                "metric {:?} cannot be negative (it is declared non-negative)",
                self.metric
            ));
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
    pub fiscal_year_start: Option<u32>,
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
    pub name_zh: Option<String>,
    pub unit: Unit,
    /// `None` when the file does not say: the default depends on the unit.
    pub non_negative: Option<bool>,
    pub aggregate: Option<Aggregate>,
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
