//! The charts' axes: a calendar x axis (ticks from `analysis::ticks`) and a value y axis in the
//! metric's unit (`$1.2B`, `340M`, `25%`), in log or index form when the chart is.

use egui_plot::{AxisHints, GridInput, GridMark, HPlacement};

use crate::analysis::{
    TickUnit, WeekTicks, calendar_ticks, from_log10, linear_ticks, log_ticks, nice_step,
};
use crate::dashboard::chart_model::YMode;
use crate::model::Unit;
use crate::model::format::compact;
use crate::ui::tokens;

/// Grid marks on calendar boundaries; a mark's `step_size` is its unit's nominal length in days,
/// which is how [`x_label`] knows how to label it.
pub fn calendar_spacer(input: GridInput, weeks: WeekTicks) -> Vec<GridMark> {
    if input.base_step_size <= 0.0 {
        return Vec::new();
    }
    let px_per_day = tokens::GRID_MIN_SPACING_PX as f64 / input.base_step_size;
    calendar_ticks(
        input.bounds.0,
        input.bounds.1,
        px_per_day,
        tokens::X_LABEL_MIN_SPACING_PX as f64,
        weeks,
    )
    .into_iter()
    .map(|t| GridMark {
        value: t.day,
        step_size: if t.label.is_some() {
            t.unit.nominal_days()
        } else {
            // Minor marks: the finer unit's length keeps them fainter and unlabelled.
            t.unit.nominal_days().min(input.base_step_size * 2.0)
        },
    })
    .collect()
}

/// `2024`, `Q3 2024`, `Mar 2025`, `12 Mar`, `W46 2025`, `14:00`, in the UI's language.
pub fn x_label(mark: GridMark, weeks: WeekTicks) -> String {
    TickUnit::from_nominal_days(mark.step_size)
        .label_of_x(mark.value, weeks, crate::i18n::lang())
        .unwrap_or_default()
}

/// The labels an x axis drew this frame, kept so tests can read what the axis says (egui_plot
/// paints them as text, outside the accessibility tree).
#[derive(Debug, Clone, Default)]
pub struct LabelSink(std::sync::Arc<std::sync::Mutex<Vec<(String, f64)>>>);

impl LabelSink {
    fn push(&self, label: &str, step_size: f64) {
        if let Ok(mut labels) = self.0.lock() {
            labels.push((label.to_string(), step_size));
        }
    }

    /// The labels egui_plot showed at `px_per_day`: it formats every mark, then shows the text
    /// of those at least the label spacing apart.
    pub fn take_shown(&self, px_per_day: f64) -> Vec<String> {
        let min_px = f64::from(tokens::X_LABEL_MIN_SPACING_PX - 1.0);
        self.0
            .lock()
            .map(|mut labels| std::mem::take(&mut *labels))
            .unwrap_or_default()
            .into_iter()
            .filter(|(label, step)| !label.is_empty() && step * px_per_day.abs() > min_px)
            .map(|(label, _)| label)
            .collect()
    }
}

pub fn x_axis<'a>(weeks: WeekTicks, sink: LabelSink) -> AxisHints<'a> {
    AxisHints::new_x()
        .formatter(move |mark, _range| {
            let label = x_label(mark, weeks);
            sink.push(&label, mark.step_size);
            label
        })
        .label_spacing(tokens::X_LABEL_MIN_SPACING_PX - 1.0..=tokens::X_LABEL_MIN_SPACING_PX)
}

/// A value as the y axis shows it.
pub fn y_label(value: f64, unit: Unit, mode: YMode) -> String {
    match mode {
        YMode::Linear => {
            if value.abs() < 1e-9 * (1.0 + value.abs()) {
                // Not "-0%" or "$0.00".
                return compact(0.0, unit);
            }
            compact(value, unit)
        }
        YMode::Log => compact(from_log10(value), unit),
        YMode::Index(_) => {
            let rounded = (value * 10.0).round() / 10.0;
            if rounded.fract() == 0.0 {
                format!("{rounded:.0}")
            } else {
                format!("{rounded:.1}")
            }
        }
    }
}

pub fn y_axis<'a>(unit: Unit, mode: YMode) -> AxisHints<'a> {
    AxisHints::new_y()
        .formatter(move |mark, _range| y_label(mark.value, unit, mode))
        .min_thickness(tokens::Y_AXIS_WIDTH_PX)
        .placement(HPlacement::Left)
}

/// Linear charts: a labelled mark every 1, 2 or 5 times a power of ten, as many as fit with
/// [`tokens::Y_LABEL_MIN_SPACING_PX`] between them. (egui_plot's decimal spacer jumps by powers
/// of ten: for 0 to 1.4 billion it labels only 0 and 1B.) No minor marks: egui_plot labels any
/// mark whose step is wide enough, so minor marks would come back as labels on a tall chart.
pub fn linear_spacer(input: GridInput) -> Vec<GridMark> {
    if input.base_step_size <= 0.0 {
        return Vec::new();
    }
    let per_point = input.base_step_size / tokens::GRID_MIN_SPACING_PX as f64;
    let Some(step) = nice_step(per_point * tokens::Y_LABEL_MIN_SPACING_PX as f64) else {
        return Vec::new();
    };
    let (lo, hi) = input.bounds;
    linear_ticks(lo, hi, step, 1000)
        .into_iter()
        .map(|value| GridMark {
            value,
            step_size: step,
        })
        .collect()
}

/// Log charts: marks at 1, 2 and 5 of each decade (in log10 space).
pub fn log_spacer(input: GridInput) -> Vec<GridMark> {
    log_ticks(input.bounds.0, input.bounds.1)
        .into_iter()
        .map(|(value, decade)| GridMark {
            value,
            step_size: if decade { 1.0 } else { 0.3 },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_labels_carry_units() {
        assert_eq!(y_label(1.2e9, Unit::USD, YMode::Linear), "$1.2B");
        assert_eq!(y_label(340e6, Unit::Count, YMode::Linear), "340M");
        assert_eq!(y_label(25.0, Unit::Percent, YMode::Linear), "25%");
        assert_eq!(y_label(-1e-12, Unit::Percent, YMode::Linear), "0%");
        assert_eq!(y_label(11.0, Unit::USD, YMode::Log), "$100B");
        assert_eq!(y_label(150.0, Unit::USD, YMode::Index(2023)), "150");
    }

    #[test]
    fn x_marks_label_back_to_their_calendar_unit() {
        let day =
            crate::analysis::day_number(chrono::NaiveDate::from_ymd_opt(2024, 7, 1).expect("date"));
        let mark = |unit: TickUnit| GridMark {
            value: day,
            step_size: unit.nominal_days(),
        };
        let label = |unit| x_label(mark(unit), WeekTicks::OfMonth);
        assert_eq!(label(TickUnit::Year), "2024");
        assert_eq!(label(TickUnit::Quarter), "Q3 2024");
        assert_eq!(label(TickUnit::Month), "Jul 2024");
        assert_eq!(label(TickUnit::Day), "1 Jul");
        assert_eq!(label(TickUnit::Hours(3)), "Mon 1 Jul");
        let afternoon = GridMark {
            value: day + 14.0 / 24.0,
            step_size: TickUnit::Hours(1).nominal_days(),
        };
        assert_eq!(x_label(afternoon, WeekTicks::OfMonth), "14:00");
        assert_eq!(x_label(mark(TickUnit::Week), WeekTicks::Iso), "W27 2024");
    }
}
