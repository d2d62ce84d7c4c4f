//! Marketscope: a sourced store of cross-border e-commerce figures and the dashboard that charts them.
//!
//! Layers, each testable alone: [`model`] (plain types), [`store`] (SQLite, the only module that
//! speaks SQL), [`analysis`] (pure functions), [`dashboard`] (the view model, no egui) and `ui`
//! (egui panels drawing that view model).

pub mod analysis;
pub mod cli;
pub mod dashboard;
pub mod i18n;
pub mod model;
#[cfg(feature = "gui")]
pub mod render;
pub mod store;
#[cfg(feature = "gui")]
pub mod ui;
