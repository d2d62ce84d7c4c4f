//! Index-to-100: each series divided by its own figure in a chosen base year, so platforms of very
//! different size can be compared by growth. A series without a figure in the base year is not
//! indexed at all, rather than indexed to some other year without saying so.

use chrono::Datelike;

use crate::model::Period;

/// The base of a series: the value of its earliest period starting in `base_year` (for a
/// quarterly series, its first quarter of that year). `None` if it has none, or it is not positive.
pub fn index_base<'a>(
    points: impl IntoIterator<Item = (&'a Period, f64)>,
    base_year: i32,
) -> Option<f64> {
    points
        .into_iter()
        .filter(|(p, _)| p.start.year() == base_year)
        .min_by_key(|(p, _)| (p.start, p.grain))
        .map(|(_, v)| v)
        .filter(|v| *v > 0.0 && v.is_finite())
}

/// `value` on a scale where the base is 100.
pub fn index_value(value: f64, base: f64) -> f64 {
    value / base * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_to_the_first_period_of_the_base_year() {
        let p = |t: &str| Period::parse(t).expect("period");
        let (q1, q2, y22) = (p("2024-Q1"), p("2024-Q2"), p("2022"));
        let points = [(&q2, 25.0), (&q1, 20.0), (&y22, 10.0)];
        let base = index_base(points, 2024).expect("has 2024");
        assert_eq!(base, 20.0);
        assert_eq!(index_value(25.0, base), 125.0);
        assert_eq!(index_value(10.0, base), 50.0);
        assert_eq!(index_base(points, 2023), None);
        assert_eq!(index_base([(&q1, 0.0)], 2024), None);
    }
}
