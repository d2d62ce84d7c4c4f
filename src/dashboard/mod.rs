//! The dashboard's view model, without egui: what the loader reads from the store
//! ([`snapshot`]), what the user chose ([`settings`], [`selection`]), the views there are
//! ([`views`]) and the store's metrics by group ([`metrics`]), the chart models built from those ([`chart_model`], [`dense`]) and the exploring
//! that outlives a frame ([`interaction`]). The `ui` module draws it; everything here is
//! unit-tested like `analysis`.

// A function past ~100 lines (clippy.toml) holds more than one concern. Denied here, not yet
// in Cargo.toml: two functions of `store` and one of `cli` are still longer.
#![deny(clippy::too_many_lines)]

pub mod chart_model;
pub mod dense;
pub mod details;
pub mod interaction;
pub mod line_roles;
pub mod measure_text;
pub mod metrics;
pub mod ranges;
pub mod selection;
pub mod settings;
pub mod snapshot;
pub mod views;
