//! Moving a chart's visible window from one story step to the next: an ease-in-out curve and the
//! window between two others. Pure, so the animation's path is tested without a frame clock.

/// A window as `[x_min, x_max, y_min, y_max]` in plot units (days; values, log10 values or index).
pub type Window = [f64; 4];

/// Slow, fast, slow: the cubic ease-in-out of `t` in 0..=1 (clamped), 0 at 0 and 1 at 1.
pub fn ease_in_out(t: f64) -> f64 {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// The window a fraction `t` of the way (eased) from `from` to `to`: exactly `from` at 0 and
/// exactly `to` at 1 and after.
pub fn window_at(from: Window, to: Window, t: f64) -> Window {
    let e = ease_in_out(t);
    if e >= 1.0 {
        return to;
    }
    let mut out = from;
    for (o, (a, b)) in out.iter_mut().zip(from.iter().zip(to.iter())) {
        *o = a + (b - a) * e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_curve_starts_slow_ends_slow_and_is_symmetric() {
        assert_eq!(ease_in_out(0.0), 0.0);
        assert_eq!(ease_in_out(1.0), 1.0);
        assert_eq!(ease_in_out(0.5), 0.5);
        assert!(ease_in_out(0.1) < 0.1 && ease_in_out(0.9) > 0.9);
        assert!((ease_in_out(0.25) + ease_in_out(0.75) - 1.0).abs() < 1e-12);
        assert_eq!(ease_in_out(-3.0), 0.0);
        assert_eq!(ease_in_out(7.0), 1.0);
        assert_eq!(ease_in_out(f64::NAN), 1.0);
        let mut last = 0.0;
        for i in 0..=100 {
            let v = ease_in_out(i as f64 / 100.0);
            assert!(v >= last, "monotonic at {i}");
            last = v;
        }
    }

    #[test]
    fn the_window_goes_from_one_to_the_other_and_ends_exactly_there() {
        let from = [0.0, 100.0, 1.0, 2.0];
        let to = [50.0, 70.0, 10.0, 20.0];
        assert_eq!(window_at(from, to, 0.0), from);
        assert_eq!(window_at(from, to, 1.0), to);
        assert_eq!(window_at(from, to, 1.5), to);
        let mid = window_at(from, to, 0.5);
        assert_eq!(mid, [25.0, 85.0, 5.5, 11.0]);
        let early = window_at(from, to, 0.1);
        assert!(early[0] > 0.0 && early[0] < 5.0, "{early:?}");
    }
}
