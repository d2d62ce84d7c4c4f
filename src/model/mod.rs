//! Plain data types shared by every layer: what a platform, metric, region, period, observation,
//! source and event are. No I/O here, so the store, the analysis and the UI can all be tested alone.

mod catalog;
mod event;
pub mod format;
mod kind;
mod observation;
mod period;
mod presentation;

pub use catalog::{Metric, Platform, PlatformType, Region, Rgb, Source, Unit};
pub use event::{Event, EventCategory};
pub use kind::{Kind, Qualifier};
pub use observation::Observation;
pub use period::{Grain, Period, PeriodError};
pub use presentation::{PRESENTATIONS_FORMAT, Presentations, SavedView, Story, StoryStep};

/// A parse failure of one of the model's closed vocabularies (kind, grain, unit...).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}")]
pub struct VocabularyError {
    pub expected: &'static str,
    pub found: String,
}
