//! The calendar-aware time axis: x is a day number (days since 1970-01-01), and ticks fall on
//! calendar boundaries (years, quarters, months, weeks of a month, days) as the zoom allows,
//! labelled the way the periods are (`2024`, `Q3 2024`, `Mar 2025`, `12 Mar`).

use chrono::{Datelike, Months, NaiveDate};

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Beyond this many ticks the unit is too fine for the range: a coarser one is taken.
const MAX_TICKS: usize = 400;

/// The x coordinate of a date (the one day arithmetic lives in `model::instant`).
pub fn day_number(date: NaiveDate) -> f64 {
    crate::model::instant::day_number(date) as f64
}

/// The date whose day contains x, or `None` far outside the calendar.
pub fn date_of_day(x: f64) -> Option<NaiveDate> {
    crate::model::instant::date_of_x(x)
}

/// How far apart ticks are, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TickUnit {
    Day,
    /// The 1st, 8th, 15th and 22nd of each month: weeks that never straddle a month label.
    Week,
    Month,
    Quarter,
    Year,
    /// Every k-th year (k = 2, 5, 10...), on years divisible by k.
    Years(u32),
}

impl TickUnit {
    /// Up to millennia: a synthetic or reconstructed daily series can span a thousand years.
    const LADDER: [TickUnit; 14] = [
        TickUnit::Day,
        TickUnit::Week,
        TickUnit::Month,
        TickUnit::Quarter,
        TickUnit::Year,
        TickUnit::Years(2),
        TickUnit::Years(5),
        TickUnit::Years(10),
        TickUnit::Years(20),
        TickUnit::Years(50),
        TickUnit::Years(100),
        TickUnit::Years(200),
        TickUnit::Years(500),
        TickUnit::Years(1000),
    ];

    /// The typical distance between two ticks, in days.
    pub fn nominal_days(self) -> f64 {
        match self {
            TickUnit::Day => 1.0,
            TickUnit::Week => 7.0,
            TickUnit::Month => 365.25 / 12.0,
            TickUnit::Quarter => 365.25 / 4.0,
            TickUnit::Year => 365.25,
            TickUnit::Years(k) => 365.25 * k as f64,
        }
    }

    /// The unit whose nominal length is closest to `days` (how the axis formatter reads a grid mark).
    pub fn from_nominal_days(days: f64) -> TickUnit {
        Self::LADDER
            .into_iter()
            .min_by(|a, b| {
                let da = (a.nominal_days() / days).ln().abs();
                let db = (b.nominal_days() / days).ln().abs();
                da.total_cmp(&db)
            })
            .unwrap_or(TickUnit::Year)
    }

    /// The label of a tick of this unit on `date`.
    pub fn label(self, date: NaiveDate) -> String {
        let month = MONTH_ABBR[date.month0() as usize];
        match self {
            TickUnit::Day | TickUnit::Week => format!("{} {month}", date.day()),
            TickUnit::Month => format!("{month} {}", date.year()),
            TickUnit::Quarter => format!("Q{} {}", date.month0() / 3 + 1, date.year()),
            TickUnit::Year | TickUnit::Years(_) => format!("{}", date.year()),
        }
    }

    fn is_tick(self, date: NaiveDate) -> bool {
        let first_of_month = date.day() == 1;
        match self {
            TickUnit::Day => true,
            TickUnit::Week => matches!(date.day(), 1 | 8 | 15 | 22),
            TickUnit::Month => first_of_month,
            TickUnit::Quarter => first_of_month && date.month0().is_multiple_of(3),
            TickUnit::Year => first_of_month && date.month() == 1,
            TickUnit::Years(k) => {
                first_of_month && date.month() == 1 && date.year().rem_euclid(k as i32) == 0
            }
        }
    }

    /// The next candidate date after `date`: every tick of this unit is among the candidates, and
    /// from a tick the step jumps straight to the next one.
    fn next(self, date: NaiveDate) -> Option<NaiveDate> {
        let months = match self {
            TickUnit::Day | TickUnit::Week => return date.succ_opt(),
            _ if !self.is_tick(date) => 1,
            TickUnit::Month => 1,
            TickUnit::Quarter => 3,
            TickUnit::Year => 12,
            TickUnit::Years(k) => 12 * k,
        };
        date.with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(months)))
    }
}

/// One tick: where, of which unit, and its label (`None` for a minor, unlabelled tick).
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarTick {
    pub day: f64,
    pub unit: TickUnit,
    pub label: Option<String>,
}

/// Ticks for the visible range `[min_day, max_day]` at `px_per_day`: labelled ticks of the finest
/// unit at least `min_label_px` apart, and minor ticks of the next finer unit at least 6 px apart.
pub fn calendar_ticks(
    min_day: f64,
    max_day: f64,
    px_per_day: f64,
    min_label_px: f64,
) -> Vec<CalendarTick> {
    let (Some(first), Some(last)) = (date_of_day(min_day), date_of_day(max_day)) else {
        return Vec::new();
    };
    if last < first || px_per_day.is_nan() || px_per_day <= 0.0 {
        return Vec::new();
    }
    let span_days = (last - first).num_days() as f64 + 1.0;
    let fits = |unit: TickUnit, min_px: f64| {
        unit.nominal_days() * px_per_day >= min_px
            && span_days / unit.nominal_days() <= MAX_TICKS as f64
    };
    let Some(label_unit) = TickUnit::LADDER
        .into_iter()
        .find(|u| fits(*u, min_label_px))
    else {
        return Vec::new();
    };
    let minor_unit = TickUnit::LADDER
        .into_iter()
        .filter(|u| {
            *u < label_unit
                && matches!(
                    u,
                    TickUnit::Day
                        | TickUnit::Week
                        | TickUnit::Month
                        | TickUnit::Quarter
                        | TickUnit::Year
                )
        })
        .rev()
        .find(|u| fits(*u, 6.0));

    let mut out = Vec::new();
    let step_unit = minor_unit.unwrap_or(label_unit);
    // Start at the first candidate on or after `first`, aligned to the step unit's candidates.
    let mut date = match step_unit {
        TickUnit::Day | TickUnit::Week => Some(first),
        _ if first.day() == 1 => Some(first),
        _ => first
            .with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(1))),
    };
    while let Some(d) = date {
        if d > last || out.len() > 2 * MAX_TICKS {
            break;
        }
        if label_unit.is_tick(d) {
            out.push(CalendarTick {
                day: day_number(d),
                unit: label_unit,
                label: Some(label_unit.label(d)),
            });
        } else if minor_unit.is_some_and(|u| u.is_tick(d)) {
            out.push(CalendarTick {
                day: day_number(d),
                unit: step_unit,
                label: None,
            });
        }
        date = step_unit.next(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn labels(ticks: &[CalendarTick]) -> Vec<&str> {
        ticks.iter().filter_map(|t| t.label.as_deref()).collect()
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(ymd(1970, 1, 1)), 0.0);
        assert_eq!(day_number(ymd(1970, 1, 2)), 1.0);
        assert_eq!(day_number(ymd(2024, 1, 1)), 19723.0);
        assert_eq!(date_of_day(19723.7), Some(ymd(2024, 1, 1)));
        assert_eq!(date_of_day(f64::NAN), None);
        assert_eq!(date_of_day(1e12), None);
    }

    #[test]
    fn years_when_zoomed_out() {
        // 2020..2026 over 600 px: a year is ~100 px, a quarter ~25 px.
        let (a, b) = (day_number(ymd(2020, 1, 1)), day_number(ymd(2026, 1, 1)));
        let ticks = calendar_ticks(a, b, 600.0 / (b - a), 70.0);
        assert_eq!(
            labels(&ticks),
            ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]
        );
        // Quarters in between, unlabelled: 6 years x 3 inner quarters.
        assert_eq!(ticks.iter().filter(|t| t.label.is_none()).count(), 18);
        assert!(
            ticks
                .iter()
                .all(|t| t.label.is_some() || t.unit == TickUnit::Quarter)
        );
    }

    #[test]
    fn quarters_months_and_days_as_the_zoom_allows() {
        let (a, b) = (day_number(ymd(2024, 5, 15)), day_number(ymd(2025, 3, 1)));
        let quarters = calendar_ticks(a, b, 80.0 / 91.0, 70.0);
        assert_eq!(labels(&quarters), ["Q3 2024", "Q4 2024", "Q1 2025"]);

        let months = calendar_ticks(a, b, 80.0 / 30.0, 70.0);
        assert_eq!(labels(&months)[..3], ["Jun 2024", "Jul 2024", "Aug 2024"]);
        assert_eq!(*labels(&months).last().expect("some"), "Mar 2025");

        let (c, d) = (day_number(ymd(2025, 3, 10)), day_number(ymd(2025, 3, 14)));
        let days = calendar_ticks(c, d, 100.0, 70.0);
        assert_eq!(
            labels(&days),
            ["10 Mar", "11 Mar", "12 Mar", "13 Mar", "14 Mar"]
        );

        let weeks = calendar_ticks(
            day_number(ymd(2025, 2, 20)),
            day_number(ymd(2025, 3, 20)),
            12.0,
            70.0,
        );
        assert_eq!(labels(&weeks), ["22 Feb", "1 Mar", "8 Mar", "15 Mar"]);
    }

    #[test]
    fn decades_when_far_out_and_nothing_for_nonsense() {
        let (a, b) = (day_number(ymd(1900, 1, 1)), day_number(ymd(2100, 1, 1)));
        // 20 years would be 60 px apart, 50 years 150 px.
        let ticks = calendar_ticks(a, b, 600.0 / (b - a), 70.0);
        assert_eq!(labels(&ticks), ["1900", "1950", "2000", "2050", "2100"]);
        assert!(ticks.iter().all(|t| t.unit == TickUnit::Years(50)));
        assert!(calendar_ticks(f64::NAN, 3.0, 1.0, 70.0).is_empty());
        assert!(calendar_ticks(10.0, 3.0, 1.0, 70.0).is_empty());
    }

    #[test]
    fn centuries_over_a_thousand_years() {
        // Twenty synthetic series of 500,000 days reach back to the year 657.
        let (a, b) = (day_number(ymd(657, 1, 1)), day_number(ymd(2026, 1, 1)));
        let ticks = calendar_ticks(a, b, 950.0 / (b - a), 84.0);
        assert_eq!(
            labels(&ticks),
            ["800", "1000", "1200", "1400", "1600", "1800", "2000"]
        );
    }

    #[test]
    fn formatter_reads_the_unit_back_from_the_mark() {
        for unit in TickUnit::LADDER {
            assert_eq!(TickUnit::from_nominal_days(unit.nominal_days()), unit);
        }
    }
}
