//! The calendar-aware time axis: x is a day number (days since 1970-01-01, fractional inside a
//! day), and ticks fall on calendar boundaries (years, quarters, months, weeks, days, hours,
//! minutes) as the zoom allows, labelled the way the periods are (`2024`, `Q3 2024`, `Mar 2025`,
//! `12 Mar`, `W46 2025`, `14:00`), in English or Chinese.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};

use crate::i18n::Lang;

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAY_ABBR: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAY_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/// Beyond this many ticks the unit is too fine for the range: a coarser one is taken.
const MAX_TICKS: usize = 400;
const MINUTES_PER_DAY: f64 = 1440.0;

/// The x coordinate of a date (the one day arithmetic lives in `model::instant`).
pub fn day_number(date: NaiveDate) -> f64 {
    crate::model::instant::day_number(date) as f64
}

/// The date whose day contains x, or `None` far outside the calendar.
pub fn date_of_day(x: f64) -> Option<NaiveDate> {
    crate::model::instant::date_of_x(x)
}

/// The date and time of x, to the nearest minute (a tick at 14:00 is not 13:59:59.99).
fn datetime_of_x(x: f64) -> Option<NaiveDateTime> {
    if !x.is_finite() || x.abs() > 3.0e6 {
        return None;
    }
    let minutes = (x * MINUTES_PER_DAY).round() as i64;
    crate::model::instant::datetime_of_instant(minutes * 60)
}

/// How weeks are ticked: on the 1st, 8th, 15th and 22nd under month labels, or on ISO Mondays
/// labelled `W46 2025` when the chart holds weekly figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeekTicks {
    #[default]
    OfMonth,
    Iso,
}

/// How far apart ticks are, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TickUnit {
    /// Every k minutes (k divides an hour).
    Minutes(u32),
    /// Every k hours (k divides a day).
    Hours(u32),
    Day,
    /// The 1st, 8th, 15th and 22nd of each month (weeks that never straddle a month label), or
    /// ISO weeks with [`WeekTicks::Iso`].
    Week,
    Month,
    Quarter,
    Year,
    /// Every k-th year (k = 2, 5, 10...), on years divisible by k.
    Years(u32),
}

impl TickUnit {
    /// From minutes (hourly tickers, live-stream GMV) up to millennia (a synthetic or
    /// reconstructed daily series can span a thousand years).
    const LADDER: [TickUnit; 22] = [
        TickUnit::Minutes(1),
        TickUnit::Minutes(5),
        TickUnit::Minutes(15),
        TickUnit::Minutes(30),
        TickUnit::Hours(1),
        TickUnit::Hours(3),
        TickUnit::Hours(6),
        TickUnit::Hours(12),
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
            TickUnit::Minutes(k) => f64::from(k) / MINUTES_PER_DAY,
            TickUnit::Hours(k) => f64::from(k) / 24.0,
            TickUnit::Day => 1.0,
            TickUnit::Week => 7.0,
            TickUnit::Month => 365.25 / 12.0,
            TickUnit::Quarter => 365.25 / 4.0,
            TickUnit::Year => 365.25,
            TickUnit::Years(k) => 365.25 * k as f64,
        }
    }

    /// Minutes between ticks of a unit finer than a day.
    fn sub_day_minutes(self) -> Option<u32> {
        match self {
            TickUnit::Minutes(k) => Some(k),
            TickUnit::Hours(k) => Some(60 * k),
            _ => None,
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

    /// The English label of a tick of this unit on `date` (at midnight).
    pub fn label(self, date: NaiveDate) -> String {
        self.label_at(
            date.and_time(chrono::NaiveTime::MIN),
            WeekTicks::OfMonth,
            Lang::En,
        )
    }

    /// The label of a tick at x: an hour tick reads `14:00`, or the day (`Tue 11 Nov`) at
    /// midnight, so a day boundary is never lost on an hourly axis.
    pub fn label_of_x(self, x: f64, weeks: WeekTicks, lang: Lang) -> Option<String> {
        Some(self.label_at(datetime_of_x(x)?, weeks, lang))
    }

    fn label_at(self, at: NaiveDateTime, weeks: WeekTicks, lang: Lang) -> String {
        let date = at.date();
        let month = MONTH_ABBR[date.month0() as usize];
        let weekday = date.weekday().num_days_from_monday() as usize;
        let (y, m, d) = (date.year(), date.month(), date.day());
        match (self, lang) {
            (TickUnit::Minutes(_) | TickUnit::Hours(_), _)
                if at.time() != chrono::NaiveTime::MIN =>
            {
                at.format("%H:%M").to_string()
            }
            (TickUnit::Minutes(_) | TickUnit::Hours(_), Lang::En) => {
                format!("{} {d} {month}", WEEKDAY_ABBR[weekday])
            }
            (TickUnit::Minutes(_) | TickUnit::Hours(_), Lang::Zh) => {
                format!("{m}月{d}日 {}", WEEKDAY_ZH[weekday])
            }
            (TickUnit::Week, _) if weeks == WeekTicks::Iso => {
                let iso = date.iso_week();
                match lang {
                    Lang::En => format!("W{:02} {}", iso.week(), iso.year()),
                    Lang::Zh => format!("{}年第{}周", iso.year(), iso.week()),
                }
            }
            (TickUnit::Day | TickUnit::Week, Lang::En) => format!("{d} {month}"),
            (TickUnit::Day | TickUnit::Week, Lang::Zh) => format!("{m}月{d}日"),
            (TickUnit::Month, Lang::En) => format!("{month} {y}"),
            (TickUnit::Month, Lang::Zh) => format!("{y}年{m}月"),
            (TickUnit::Quarter, Lang::En) => format!("Q{} {y}", date.month0() / 3 + 1),
            (TickUnit::Quarter, Lang::Zh) => format!("{y}年Q{}", date.month0() / 3 + 1),
            (TickUnit::Year | TickUnit::Years(_), Lang::En) => format!("{y}"),
            (TickUnit::Year | TickUnit::Years(_), Lang::Zh) => format!("{y}年"),
        }
    }

    fn is_tick(self, at: NaiveDateTime, weeks: WeekTicks) -> bool {
        let minute_of_day = crate::model::instant::minute_of(at.time());
        if let Some(step) = self.sub_day_minutes() {
            return u32::from(minute_of_day).is_multiple_of(step);
        }
        let date = at.date();
        let first_of_month = minute_of_day == 0 && date.day() == 1;
        match self {
            TickUnit::Day => minute_of_day == 0,
            TickUnit::Week if weeks == WeekTicks::Iso => {
                minute_of_day == 0 && date.weekday() == chrono::Weekday::Mon
            }
            TickUnit::Week => minute_of_day == 0 && matches!(date.day(), 1 | 8 | 15 | 22),
            TickUnit::Month => first_of_month,
            TickUnit::Quarter => first_of_month && date.month0().is_multiple_of(3),
            TickUnit::Year => first_of_month && date.month() == 1,
            TickUnit::Years(k) => {
                first_of_month && date.month() == 1 && date.year().rem_euclid(k as i32) == 0
            }
            TickUnit::Minutes(_) | TickUnit::Hours(_) => false,
        }
    }

    /// The next candidate date after `date` for units of a day or more: every tick of this unit
    /// is among the candidates, and from a tick the step jumps straight to the next one.
    fn next_date(self, date: NaiveDate, weeks: WeekTicks) -> Option<NaiveDate> {
        let at = date.and_time(chrono::NaiveTime::MIN);
        let months = match self {
            TickUnit::Minutes(_) | TickUnit::Hours(_) | TickUnit::Day => return date.succ_opt(),
            TickUnit::Week if weeks == WeekTicks::Iso && self.is_tick(at, weeks) => {
                return date.checked_add_days(chrono::Days::new(7));
            }
            TickUnit::Week => return date.succ_opt(),
            _ if !self.is_tick(at, weeks) => 1,
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
/// Labels are in English; the axis relabels a tick in the UI's language from its unit.
pub fn calendar_ticks(
    min_day: f64,
    max_day: f64,
    px_per_day: f64,
    min_label_px: f64,
    weeks: WeekTicks,
) -> Vec<CalendarTick> {
    let (Some(first), Some(last)) = (datetime_of_x(min_day), datetime_of_x(max_day)) else {
        return Vec::new();
    };
    if last < first || px_per_day.is_nan() || px_per_day <= 0.0 {
        return Vec::new();
    }
    let span_days = max_day - min_day + 1.0 / MINUTES_PER_DAY;
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
        .filter(|u| *u < label_unit && !matches!(u, TickUnit::Years(_)))
        .rev()
        .find(|u| fits(*u, 6.0));
    let step_unit = minor_unit.unwrap_or(label_unit);
    let candidates = match step_unit.sub_day_minutes() {
        Some(step) => minute_candidates(min_day, max_day, step),
        None => date_candidates(first.date(), last.date(), step_unit, weeks),
    };
    let mut out = Vec::new();
    for (x, at) in candidates {
        if out.len() > 2 * MAX_TICKS {
            break;
        }
        if label_unit.is_tick(at, weeks) {
            out.push(CalendarTick {
                day: x,
                unit: label_unit,
                label: Some(label_unit.label_at(at, weeks, Lang::En)),
            });
        } else if minor_unit.is_some_and(|u| u.is_tick(at, weeks)) {
            out.push(CalendarTick {
                day: x,
                unit: step_unit,
                label: None,
            });
        }
    }
    out
}

/// Every `step` minutes of the day from `min_day` to `max_day`, as (x, date-time).
fn minute_candidates(min_day: f64, max_day: f64, step: u32) -> Vec<(f64, NaiveDateTime)> {
    let step = i64::from(step.max(1));
    // A hair of slack: x = 12:00 computed in days may land a rounding error short of it.
    let first = ((min_day * MINUTES_PER_DAY - 1e-6) / step as f64).ceil() as i64 * step;
    let last = (max_day * MINUTES_PER_DAY + 1e-6).floor() as i64;
    (0..=2 * MAX_TICKS as i64)
        .map(|i| first + i * step)
        .take_while(|m| *m <= last)
        .filter_map(|m| {
            let at = crate::model::instant::datetime_of_instant(m * 60)?;
            Some((m as f64 / MINUTES_PER_DAY, at))
        })
        .collect()
}

/// The candidate midnights of `unit` from `first` to `last`, as (x, date-time).
fn date_candidates(
    first: NaiveDate,
    last: NaiveDate,
    unit: TickUnit,
    weeks: WeekTicks,
) -> Vec<(f64, NaiveDateTime)> {
    // Start at the first candidate on or after `first`, aligned to the unit's candidates.
    let mut date = match unit {
        TickUnit::Day | TickUnit::Week => Some(first),
        _ if first.day() == 1 => Some(first),
        _ => first
            .with_day(1)
            .and_then(|d| d.checked_add_months(Months::new(1))),
    };
    let mut out = Vec::new();
    while let Some(d) = date {
        if d > last || out.len() > 8 * MAX_TICKS {
            break;
        }
        out.push((day_number(d), d.and_time(chrono::NaiveTime::MIN)));
        date = unit.next_date(d, weeks);
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
        let ticks = calendar_ticks(a, b, 600.0 / (b - a), 70.0, WeekTicks::OfMonth);
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
        let quarters = calendar_ticks(a, b, 80.0 / 91.0, 70.0, WeekTicks::OfMonth);
        assert_eq!(labels(&quarters), ["Q3 2024", "Q4 2024", "Q1 2025"]);

        let months = calendar_ticks(a, b, 80.0 / 30.0, 70.0, WeekTicks::OfMonth);
        assert_eq!(labels(&months)[..3], ["Jun 2024", "Jul 2024", "Aug 2024"]);
        assert_eq!(*labels(&months).last().expect("some"), "Mar 2025");

        let (c, d) = (day_number(ymd(2025, 3, 10)), day_number(ymd(2025, 3, 14)));
        let days = calendar_ticks(c, d, 100.0, 70.0, WeekTicks::OfMonth);
        assert_eq!(
            labels(&days),
            ["10 Mar", "11 Mar", "12 Mar", "13 Mar", "14 Mar"]
        );

        let weeks = calendar_ticks(
            day_number(ymd(2025, 2, 20)),
            day_number(ymd(2025, 3, 20)),
            12.0,
            70.0,
            WeekTicks::OfMonth,
        );
        assert_eq!(labels(&weeks), ["22 Feb", "1 Mar", "8 Mar", "15 Mar"]);
    }

    #[test]
    fn decades_when_far_out_and_nothing_for_nonsense() {
        let (a, b) = (day_number(ymd(1900, 1, 1)), day_number(ymd(2100, 1, 1)));
        // 20 years would be 60 px apart, 50 years 150 px.
        let ticks = calendar_ticks(a, b, 600.0 / (b - a), 70.0, WeekTicks::OfMonth);
        assert_eq!(labels(&ticks), ["1900", "1950", "2000", "2050", "2100"]);
        assert!(ticks.iter().all(|t| t.unit == TickUnit::Years(50)));
        assert!(calendar_ticks(f64::NAN, 3.0, 1.0, 70.0, WeekTicks::OfMonth).is_empty());
        assert!(calendar_ticks(10.0, 3.0, 1.0, 70.0, WeekTicks::OfMonth).is_empty());
    }

    #[test]
    fn centuries_over_a_thousand_years() {
        // Twenty synthetic series of 500,000 days reach back to the year 657.
        let (a, b) = (day_number(ymd(657, 1, 1)), day_number(ymd(2026, 1, 1)));
        let ticks = calendar_ticks(a, b, 950.0 / (b - a), 84.0, WeekTicks::OfMonth);
        assert_eq!(
            labels(&ticks),
            ["800", "1000", "1200", "1400", "1600", "1800", "2000"]
        );
    }

    fn at(y: i32, m: u32, d: u32, hour: u32) -> f64 {
        day_number(ymd(y, m, d)) + f64::from(hour) / 24.0
    }

    #[test]
    fn hours_on_an_hourly_axis_with_the_day_at_midnight() {
        // Singles' Day, 10 Nov 18:00 to 11 Nov 12:00 over 900 px: three hours are ~140 px.
        let (a, b) = (at(2025, 11, 10, 18), at(2025, 11, 11, 12));
        let ticks = calendar_ticks(a, b, 900.0 / (b - a), 84.0, WeekTicks::OfMonth);
        let labelled: Vec<&CalendarTick> = ticks.iter().filter(|t| t.label.is_some()).collect();
        assert_eq!(labelled[0].unit, TickUnit::Hours(3));
        assert_eq!(
            labels(&ticks),
            [
                "18:00",
                "21:00",
                "Tue 11 Nov",
                "03:00",
                "06:00",
                "09:00",
                "12:00"
            ]
        );
        assert!((labelled[2].day - day_number(ymd(2025, 11, 11))).abs() < 1e-9);
        // Hours in between, unlabelled.
        assert!(
            ticks
                .iter()
                .any(|t| t.label.is_none() && t.unit == TickUnit::Hours(1))
        );
        let zh = labelled[2]
            .unit
            .label_of_x(labelled[2].day, WeekTicks::OfMonth, Lang::Zh);
        assert_eq!(zh.as_deref(), Some("11月11日 周二"));
        let zh = labelled[3]
            .unit
            .label_of_x(labelled[3].day, WeekTicks::OfMonth, Lang::Zh);
        assert_eq!(zh.as_deref(), Some("03:00"));
    }

    #[test]
    fn minutes_when_zoomed_into_an_hour() {
        let (a, b) = (at(2025, 11, 11, 14), at(2025, 11, 11, 15));
        let ticks = calendar_ticks(a, b, 900.0 / (b - a), 84.0, WeekTicks::OfMonth);
        assert_eq!(
            labels(&ticks),
            ["14:00", "14:15", "14:30", "14:45", "15:00"]
        );
    }

    #[test]
    fn iso_weeks_on_a_weekly_chart() {
        // Mondays 3 Nov 2025 (W45) onwards, at ~20 px a day.
        let (a, b) = (day_number(ymd(2025, 11, 1)), day_number(ymd(2025, 12, 1)));
        let ticks = calendar_ticks(a, b, 20.0, 84.0, WeekTicks::Iso);
        assert_eq!(
            labels(&ticks),
            ["W45 2025", "W46 2025", "W47 2025", "W48 2025", "W49 2025"]
        );
        let first = ticks
            .iter()
            .find(|t| t.label.is_some())
            .expect("a labelled tick");
        assert_eq!(
            first
                .unit
                .label_of_x(first.day, WeekTicks::Iso, Lang::Zh)
                .as_deref(),
            Some("2025年第45周")
        );
        assert_eq!(
            TickUnit::Quarter
                .label_of_x(day_number(ymd(2024, 7, 1)), WeekTicks::OfMonth, Lang::Zh)
                .as_deref(),
            Some("2024年Q3")
        );
    }

    #[test]
    fn formatter_reads_the_unit_back_from_the_mark() {
        for unit in TickUnit::LADDER {
            assert_eq!(TickUnit::from_nominal_days(unit.nominal_days()), unit);
        }
    }
}
