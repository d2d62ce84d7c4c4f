//! Plain data types shared by every layer: what a platform, metric, region, period, observation,
//! source and event are. No I/O here, so the store, the analysis and the UI can all be tested alone.

mod catalog;
mod event;
mod fiscal;
pub mod format;
pub mod instant;
mod kind;
mod observation;
mod period;
mod presentation;
mod unit;

pub use catalog::{Aggregate, FormulaMetric, Metric, Platform, PlatformType, Region, Rgb, Source};
pub use event::{Event, EventCategory};
pub use fiscal::{FiscalPart, FiscalPeriod, PeriodSpec};
pub use kind::{Kind, Qualifier};
pub use observation::Observation;
pub use period::{Grain, Period, PeriodError};
pub use presentation::{
    PRESENTATIONS_FORMAT, Presentations, SavedView, Story, StoryStep, StoryVersion,
};
pub use unit::{Currency, Unit, UnitError};

/// A parse failure of one of the model's closed vocabularies (kind, grain, unit...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}")]
pub struct VocabularyError {
    pub expected: &'static str,
    pub found: String,
}
