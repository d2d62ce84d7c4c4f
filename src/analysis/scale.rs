//! The log scale: egui_plot has none, so values are plotted as log10 and the axis is labelled
//! back in the original unit, with grid lines at 1, 2 and 5 of each decade.

/// log10 of a positive value; `None` for zero, negatives and non-finite values (not drawable).
pub fn to_log10(value: f64) -> Option<f64> {
    (value > 0.0 && value.is_finite()).then(|| value.log10())
}

pub fn from_log10(y: f64) -> f64 {
    10f64.powf(y)
}

/// Grid positions (in log10 space) between `min` and `max`: `(y, is_decade)`, at 1, 2 and 5 of
/// each decade when few decades are shown, at decades only when many are.
pub fn log_ticks(min: f64, max: f64) -> Vec<(f64, bool)> {
    if !(min.is_finite() && max.is_finite()) || max <= min {
        return Vec::new();
    }
    let decades = max - min;
    let first = min.floor() as i32;
    let last = max.ceil() as i32;
    let step = if decades > 12.0 { 3 } else { 1 };
    let mut out = Vec::new();
    for exponent in (first..=last).filter(|e| e.rem_euclid(step) == 0) {
        let e = exponent as f64;
        let mantissas: &[f64] = if decades <= 4.0 {
            &[1.0, 2.0, 5.0]
        } else {
            &[1.0]
        };
        for &m in mantissas {
            let y = e + m.log10();
            if (min..=max).contains(&y) {
                out.push((y, m == 1.0));
            }
        }
    }
    out
}

/// The step of a linear axis: the smallest 1, 2 or 5 times a power of ten that is at least
/// `min_step` (so labels keep their spacing), or None for a degenerate input.
pub fn nice_step(min_step: f64) -> Option<f64> {
    if !(min_step.is_finite() && min_step > 0.0) {
        return None;
    }
    let power = 10f64.powf(min_step.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= min_step * (1.0 - 1e-9))
}

/// Multiples of `step` between `min` and `max`, at most `limit` of them (none when more would
/// be needed: the caller asked for a step too fine for the range).
pub fn linear_ticks(min: f64, max: f64, step: f64, limit: usize) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite() && step.is_finite()) || max < min || step <= 0.0 {
        return Vec::new();
    }
    let first = (min / step).ceil();
    let last = (max / step).floor();
    if last - first + 1.0 > limit as f64 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut k = first;
    while k <= last {
        out.push(k * step);
        k += 1.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_steps_are_one_two_five_and_cover_the_range() {
        assert_eq!(nice_step(0.3), Some(0.5));
        assert_eq!(nice_step(1.0), Some(1.0));
        assert_eq!(nice_step(1.2e8), Some(2e8));
        assert_eq!(nice_step(6e8), Some(1e9));
        assert_eq!(nice_step(0.0), None);
        // De minimis entries, 0 to 1.4 billion, on a chart of about 500 px with labels at
        // least 48 px apart: ten steps of 200M, not the two ticks 0 and 1B.
        let step = nice_step(1.4e9 / 500.0 * 48.0).expect("a step");
        assert_eq!(step, 2e8);
        let ticks = linear_ticks(0.0, 1.4e9, step, 100);
        assert_eq!(ticks.len(), 8);
        assert_eq!(ticks[0], 0.0);
        assert!((ticks[7] - 1.4e9).abs() < 1.0);
        assert!(linear_ticks(0.0, 1e9, 1.0, 100).is_empty());
        assert!(linear_ticks(5.0, 1.0, 1.0, 100).is_empty());
    }

    #[test]
    fn log_round_trip_and_refusals() {
        assert_eq!(to_log10(1000.0), Some(3.0));
        assert_eq!(to_log10(0.0), None);
        assert_eq!(to_log10(-5.0), None);
        assert!((from_log10(to_log10(42e9).expect("positive")) - 42e9).abs() < 1.0);
    }

    #[test]
    fn ticks_at_one_two_five() {
        // 1e9 .. 1e11: 1B, 2B, 5B, 10B, 20B, 50B, 100B.
        let ticks = log_ticks(9.0, 11.0);
        let values: Vec<f64> = ticks.iter().map(|(y, _)| from_log10(*y)).collect();
        let expected = [1e9, 2e9, 5e9, 1e10, 2e10, 5e10, 1e11];
        assert_eq!(values.len(), expected.len());
        for (v, e) in values.iter().zip(expected) {
            assert!((v / e - 1.0).abs() < 1e-9);
        }
        assert_eq!(ticks.iter().filter(|(_, decade)| *decade).count(), 3);
        // Many decades: decades only.
        assert_eq!(log_ticks(0.0, 8.0).len(), 9);
        assert!(log_ticks(3.0, 3.0).is_empty());
    }
}
