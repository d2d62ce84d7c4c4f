//! Pure functions over observations: growth, CAGR, indexing, resampling. No I/O, no egui.
