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

#[cfg(test)]
mod tests {
    use super::*;

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
