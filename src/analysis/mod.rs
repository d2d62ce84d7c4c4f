//! Pure functions over observations: which figure heads a period, growth (computed and measured),
//! CAGR, index-to-100, the log transform and calendar ticks; and the derived series of issue 12
//! (transforms, frequency conversion, formulas with unit algebra, currency conversion, estimates
//! scored against actuals, alignment by event), each keeping its inputs' sources and weakest kind. No I/O, no egui: each is unit-tested
//! against values computed by hand.

// A function past ~100 lines (clippy.toml) holds more than one concern. Denied here, not yet
// in Cargo.toml: two functions of `store` and one of `cli` are still longer.
#![deny(clippy::too_many_lines)]

pub mod align;
pub mod animate;
pub mod decimate;
pub mod derived;
pub mod formula;
pub mod formula_series;
pub mod frequency;
pub mod fx;
pub mod growth;
pub mod headline;
pub mod index;
pub mod measure;
pub mod overview;
pub mod recipe;
pub mod recipe_rows;
pub mod scale;
pub mod scorecard;
pub mod ticks;
pub mod transform;
pub mod unit_algebra;

pub use decimate::{Decimated, LodSeries};
pub use growth::{DerivedGrowth, derive_yoy, yoy_qualifier};
pub use headline::{HeadlineReason, headline, headline_reason, kind_rank};
pub use index::{index_base, index_value};
pub use measure::{Measurement, cagr_pct, change_pct, measure, years_between};
pub use scale::{from_log10, linear_ticks, log_ticks, nice_step, to_log10};
pub use ticks::{CalendarTick, TickUnit, WeekTicks, calendar_ticks, date_of_day, day_number};
