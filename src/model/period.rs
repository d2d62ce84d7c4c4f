//! A period is a start date and a grain (day, month, quarter, half, year): a yearly GMV figure spans
//! its year, so it is never confused with a figure for its first day. Parses the forms analysts
//! write (`2025`, `Q3 2025`, `Nov 2025`, `Jan 1 2000`, RFC 3339...) and prints each grain its own way.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::VocabularyError;
use super::fiscal::{FiscalPart, FiscalPeriod, parse_fiscal};

/// How long a period lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grain {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

impl Grain {
    pub const ALL: [Grain; 8] = [
        Grain::Minute,
        Grain::Hour,
        Grain::Day,
        Grain::Week,
        Grain::Month,
        Grain::Quarter,
        Grain::Half,
        Grain::Year,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Minute => "minute",
            Grain::Hour => "hour",
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
            Grain::Quarter => "quarter",
            Grain::Half => "half",
            Grain::Year => "year",
        }
    }

    /// The small integer the store keeps: finest first, so an index on it sorts by length.
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "minute" | "minutely" | "min" => Ok(Grain::Minute),
            "hour" | "hourly" | "h" => Ok(Grain::Hour),
            "day" | "daily" | "d" => Ok(Grain::Day),
            "week" | "weekly" | "w" | "iso week" => Ok(Grain::Week),
            "month" | "monthly" | "m" => Ok(Grain::Month),
            "quarter" | "quarterly" | "q" => Ok(Grain::Quarter),
            "half" | "half-year" | "half year" | "semester" => Ok(Grain::Half),
            "year" | "yearly" | "annual" | "y" | "fiscal year" => Ok(Grain::Year),
            _ => Err(VocabularyError {
                expected: "minute, hour, day, week, month, quarter, half or year",
                found: text.to_string(),
            }),
        }
    }

    /// Months in one period; `None` for the grains measured in days or less.
    pub fn months(self) -> Option<u32> {
        match self {
            Grain::Minute | Grain::Hour | Grain::Day | Grain::Week => None,
            Grain::Month => Some(1),
            Grain::Quarter => Some(3),
            Grain::Half => Some(6),
            Grain::Year => Some(12),
        }
    }

    /// The length of one period in minutes, for the grains of fixed length.
    pub fn fixed_minutes(self) -> Option<u32> {
        match self {
            Grain::Minute => Some(1),
            Grain::Hour => Some(60),
            Grain::Day => Some(1440),
            Grain::Week => Some(7 * 1440),
            _ => None,
        }
    }

    /// Whether a period of this grain starts at a time of day, not at midnight.
    pub fn has_time(self) -> bool {
        matches!(self, Grain::Minute | Grain::Hour)
    }

    /// How many periods of this grain make a year: the lag of a year-on-year comparison.
    pub fn per_year(self) -> u32 {
        match self {
            Grain::Minute => 365 * 1440,
            Grain::Hour => 365 * 24,
            Grain::Day => 365,
            Grain::Week => 52,
            Grain::Month => 12,
            Grain::Quarter => 4,
            Grain::Half => 2,
            Grain::Year => 1,
        }
    }
}

impl std::fmt::Display for Grain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a period text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error(
        "not a period: expected a form like 2025, 2025-Q3, Q3 2025, 2025-H1, 2025-11, Nov 2025, 2025-W46, 2025-11-28, 2025-11-11 14:00, FY2025, FY2025-Q2 or an RFC 3339 date-time"
    )]
    Unrecognised,
    #[error("not a period in the format {0:?}")]
    Format(String),
    #[error("no such date")]
    NoSuchDate,
    #[error("no such time of day (hours run 00-23, minutes 00-59)")]
    NoSuchTime,
    #[error("{year} has no ISO week {week} (it has {weeks})")]
    NoSuchWeek { year: i32, week: u32, weeks: u32 },
    #[error("periods are kept to the minute: the seconds would be dropped")]
    Seconds,
    #[error("year {0} is outside 0001-9999")]
    YearOutOfRange(i32),
    #[error("a {grain} cannot start on {start}: it would not be one whole {grain}")]
    Misaligned { grain: Grain, start: NaiveDate },
    #[error("the period text says {text_grain} but the grain column says {column_grain}")]
    GrainMismatch {
        text_grain: Grain,
        column_grain: Grain,
    },
    #[error(
        "{0} is a fiscal period: it needs the platform's fiscal year start (fiscal_year_start in its catalogue row)"
    )]
    FiscalNeedsPlatform(String),
    #[error("a fiscal year starts in a month 1-12, not {0}")]
    BadFiscalStart(u32),
}

/// A span of time that a figure covers: `[start, end)`. `minute` is the minute of the start day
/// where the period starts (hours and minutes); 0 for the grains of a day or longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub start: NaiveDate,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub minute: u16,
    pub grain: Grain,
}

fn is_zero(minute: &u16) -> bool {
    *minute == 0
}

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Period {
    pub fn new(start: NaiveDate, grain: Grain) -> Self {
        Self {
            start,
            minute: 0,
            grain,
        }
    }

    /// A period that starts at a minute of its day (hours and minutes).
    pub fn at(start: NaiveDate, minute: u16, grain: Grain) -> Self {
        Self {
            start,
            minute,
            grain,
        }
    }

    pub fn year(year: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, 1, 1).map(|d| Self::new(d, Grain::Year))
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)
            .map(|d| Self::new(d, Grain::Quarter))
    }

    pub fn half(year: i32, half: u32) -> Option<Self> {
        if !(1..=2).contains(&half) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, (half - 1) * 6 + 1, 1).map(|d| Self::new(d, Grain::Half))
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|d| Self::new(d, Grain::Month))
    }

    /// ISO week `week` of ISO year `year` (Monday to Sunday).
    pub fn iso_week(year: i32, week: u32) -> Result<Self, PeriodError> {
        let weeks = iso_weeks_in(year).ok_or(PeriodError::YearOutOfRange(year))?;
        if week == 0 || week > weeks {
            return Err(PeriodError::NoSuchWeek { year, week, weeks });
        }
        NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)
            .map(|d| Self::new(d, Grain::Week))
            .ok_or(PeriodError::NoSuchDate)
    }

    pub fn day(date: NaiveDate) -> Self {
        Self::new(date, Grain::Day)
    }

    /// Seconds since 1970-01-01T00:00: the store's key for the period's start.
    pub fn start_instant(&self) -> i64 {
        super::instant::instant(self.start, self.minute)
    }

    /// The period of `grain` that starts at `seconds`, as the store keeps it.
    pub fn from_instant(seconds: i64, grain: Grain) -> Option<Self> {
        let (start, minute) = super::instant::split_instant(seconds)?;
        Some(Self::at(start, minute, grain))
    }

    /// The instant just after the period.
    pub fn end_instant(&self) -> i64 {
        match self.grain.fixed_minutes() {
            Some(minutes) => self.start_instant() + i64::from(minutes) * 60,
            None => super::instant::instant(self.end(), 0),
        }
    }

    /// The first day after the period (for hours and minutes, the day they end in or after).
    pub fn end(&self) -> NaiveDate {
        if let Some(months) = self.grain.months() {
            return self
                .start
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX);
        }
        match self.grain {
            Grain::Week => self
                .start
                .checked_add_days(Days::new(7))
                .unwrap_or(NaiveDate::MAX),
            Grain::Day => self.start.succ_opt().unwrap_or(NaiveDate::MAX),
            _ => super::instant::split_instant(self.end_instant())
                .map(|(d, m)| if m == 0 { d } else { d.succ_opt().unwrap_or(d) })
                .unwrap_or(NaiveDate::MAX),
        }
    }

    /// The last day inside the period.
    pub fn last_day(&self) -> NaiveDate {
        if self.grain.has_time() {
            return super::instant::split_instant(self.end_instant() - 60)
                .map(|(d, _)| d)
                .unwrap_or(self.start);
        }
        self.end().pred_opt().unwrap_or(self.start)
    }

    /// The midpoint, where a marker for the whole period is drawn.
    pub fn mid(&self) -> NaiveDate {
        let days = (self.end() - self.start).num_days();
        self.start + chrono::Duration::days(days / 2)
    }

    /// The same period one year earlier, for year-on-year growth: the same ISO week of the year
    /// before for weeks, the same hour of the same day for hours.
    pub fn year_before(&self) -> Option<Period> {
        if self.grain == Grain::Week {
            let iso = self.start.iso_week();
            return Period::iso_week(iso.year() - 1, iso.week()).ok();
        }
        self.start
            .checked_sub_months(Months::new(12))
            .map(|start| Period::at(start, self.minute, self.grain))
    }

    /// Whether the period starts where its grain's calendar periods start (Q3 on 1 July, not 1 Aug).
    pub fn is_calendar_aligned(&self) -> bool {
        let d = self.start;
        match self.grain {
            Grain::Minute => true,
            Grain::Hour => self.minute.is_multiple_of(60),
            Grain::Day => self.minute == 0,
            Grain::Week => d.weekday() == chrono::Weekday::Mon,
            Grain::Month => d.day() == 1,
            Grain::Quarter => d.day() == 1 && (d.month() - 1).is_multiple_of(3),
            Grain::Half => d.day() == 1 && (d.month() - 1).is_multiple_of(6),
            Grain::Year => d.day() == 1 && d.month() == 1,
        }
    }

    /// The fiscal label of a period on a platform whose fiscal year starts in `start_month`
    /// ("FY2025", "FY2025 Q2"); `None` when the period is not a part of that fiscal year.
    pub fn fiscal_label(&self, start_month: u32) -> Option<String> {
        self.fiscal_period(start_month).map(|f| f.label())
    }

    /// The fiscal period this is on a platform whose fiscal year starts in `start_month`.
    pub fn fiscal_period(&self, start_month: u32) -> Option<FiscalPeriod> {
        if !(2..=12).contains(&start_month) || self.start.day() != 1 || self.minute != 0 {
            return None;
        }
        let months_in = (self.start.month() + 12 - start_month) % 12;
        let fiscal_year = if self.start.month() >= start_month {
            self.start.year() + 1
        } else {
            self.start.year()
        };
        let part = match self.grain {
            Grain::Year if months_in == 0 => FiscalPart::Year,
            Grain::Half if months_in.is_multiple_of(6) => FiscalPart::Half(months_in / 6 + 1),
            Grain::Quarter if months_in.is_multiple_of(3) => FiscalPart::Quarter(months_in / 3 + 1),
            _ => return None,
        };
        Some(FiscalPeriod {
            year: fiscal_year,
            part,
        })
    }

    /// The period as people say it in the UI's language ([`super::format::period_label`]).
    pub fn label(&self) -> String {
        super::format::period_label(self)
    }

    /// The period in its own grain, as people say it in English: `2025`, `H1 2025`, `Q3 2025`,
    /// `Nov 2025`, `W46 2025`, `28 Nov 2025`, `11 Nov 2025 14:00`; a fiscal year that starts
    /// mid-year as `FY Apr 2020–Mar 2021`.
    pub fn label_en(&self) -> String {
        let d = self.start;
        let month = MONTH_ABBR[d.month0() as usize];
        match self.grain {
            Grain::Minute | Grain::Hour => {
                return format!(
                    "{} {month} {} {:02}:{:02}",
                    d.day(),
                    year4(d),
                    self.minute / 60,
                    self.minute % 60
                );
            }
            Grain::Week if self.is_calendar_aligned() => {
                let iso = d.iso_week();
                return format!("W{:02} {:04}", iso.week(), iso.year());
            }
            _ => {}
        }
        if !self.is_calendar_aligned() {
            let last = self.last_day();
            let span = format!(
                "{month} {}–{} {}",
                year4(d),
                MONTH_ABBR[last.month0() as usize],
                year4(last)
            );
            return match self.grain {
                Grain::Year => format!("FY {span}"),
                _ if d.day() != 1 => format!(
                    "{} {month} {}–{} {} {}",
                    d.day(),
                    year4(d),
                    last.day(),
                    MONTH_ABBR[last.month0() as usize],
                    year4(last)
                ),
                _ => span,
            };
        }
        match self.grain {
            Grain::Year => year4(d),
            Grain::Half => format!("H{} {}", d.month0() / 6 + 1, year4(d)),
            Grain::Quarter => format!("Q{} {}", d.month0() / 3 + 1, year4(d)),
            Grain::Month => format!("{month} {}", year4(d)),
            _ => format!("{} {month} {}", d.day(), year4(d)),
        }
    }

    /// Reads the calendar forms the importer accepts. The grain follows from the form. A fiscal
    /// form (`FY2025`) is an error here: its dates depend on the platform ([`PeriodSpec`]).
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        match parse_fiscal(text.trim()) {
            Some(Ok(f)) if f.part == FiscalPart::Year && text.trim().len() > 2 => {
                Err(PeriodError::FiscalNeedsPlatform(f.label()))
            }
            Some(Ok(f)) => Err(PeriodError::FiscalNeedsPlatform(f.label())),
            Some(Err(e)) => Err(e),
            None => Self::parse_calendar(text),
        }
    }

    pub(super) fn parse_calendar(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(PeriodError::Unrecognised);
        }
        let parsed = match parse_iso_date(t) {
            Some(result) => result,
            None => parse_year(t)
                .or_else(|| parse_week(t))
                .or_else(|| parse_quarter_or_half(t))
                .or_else(|| parse_month(t))
                .or_else(|| parse_time(t))
                .or_else(|| parse_day(t))
                .ok_or(PeriodError::Unrecognised)?,
        };
        parsed.and_then(in_range)
    }

    /// Reads a period with a chrono format; a format with an hour gives an hour (a minute with
    /// one), without a day a month, without a month a year.
    pub fn parse_with_format(text: &str, format: &str) -> Result<Self, PeriodError> {
        Self::parse_with_format_any_year(text, format).and_then(in_range)
    }

    fn parse_with_format_any_year(text: &str, format: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        let err = || PeriodError::Format(format.to_string());
        let has = |specs: &[&str]| specs.iter().any(|s| format.contains(s));
        if has(&["%H", "%I", "%R", "%T", "%k", "%l"]) {
            let dt = NaiveDateTime::parse_from_str(t, format).map_err(|_| err())?;
            let minute = super::instant::minute_of(dt.time());
            let grain = if has(&["%M", "%R", "%T"]) && !minute.is_multiple_of(60) {
                Grain::Minute
            } else {
                Grain::Hour
            };
            return Ok(Period::at(dt.date(), minute, grain));
        }
        if has(&["%d", "%e", "%j", "%F", "%D", "%x", "%c", "%s", "%+"]) {
            if let Ok(date) = NaiveDate::parse_from_str(t, format) {
                return Ok(Period::day(date));
            }
            return NaiveDateTime::parse_from_str(t, format)
                .map(|dt| Period::day(dt.date()))
                .map_err(|_| err());
        }
        if has(&["%m", "%b", "%B", "%h"]) {
            let date =
                NaiveDate::parse_from_str(&format!("{t}\u{1}01"), &format!("{format}\u{1}%d"))
                    .map_err(|_| err())?;
            return Ok(Period::new(date, Grain::Month));
        }
        let date = NaiveDate::parse_from_str(
            &format!("{t}\u{1}01\u{1}01"),
            &format!("{format}\u{1}%m\u{1}%d"),
        )
        .map_err(|_| err())?;
        Ok(Period::new(date, Grain::Year))
    }

    /// Builds a period from a start date and a grain column, refusing a start that is not a
    /// calendar boundary unless the grain is a month or longer starting on a 1st (fiscal years
    /// and quarters start in any month).
    pub fn from_start(start: NaiveDate, grain: Grain) -> Result<Self, PeriodError> {
        let period = Period::new(start, grain);
        let fiscal_ok = start.day() == 1 && grain.months().is_some();
        if period.is_calendar_aligned() || fiscal_ok {
            Ok(period)
        } else {
            Err(PeriodError::Misaligned { grain, start })
        }
    }

    /// ISO text of the start date, as stored and exported: `2025-11-11`, or `2025-11-11 14:00`
    /// for hours and minutes.
    pub fn start_iso(&self) -> String {
        if self.grain.has_time() {
            format!(
                "{} {:02}:{:02}",
                self.start.format("%Y-%m-%d"),
                self.minute / 60,
                self.minute % 60
            )
        } else {
            self.start.format("%Y-%m-%d").to_string()
        }
    }
}

/// ISO weeks in an ISO year: 52 or 53.
fn iso_weeks_in(year: i32) -> Option<u32> {
    let dec28 = NaiveDate::from_ymd_opt(year, 12, 28)?;
    Some(dec28.iso_week().week())
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// A year as four digits, so year 258 prints as `0258` and parses back as a year, not a number.
fn year4(date: NaiveDate) -> String {
    format!("{:04}", date.year())
}

/// Years a period may start in: four-digit years, as every accepted form writes them.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

fn month_from_name(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    FULL.iter()
        .position(|full| full.starts_with(&lower) || (lower == "sept" && *full == "september"))
        .map(|i| i as u32 + 1)
}

/// `YYYY-MM-DD`, the form exports and most machine-made files use, read without allocating.
fn parse_iso_date(t: &str) -> Parsed {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(
        NaiveDate::from_ymd_opt(year as i32, month, day)
            .map(Period::day)
            .ok_or(PeriodError::NoSuchDate),
    )
}

pub(super) fn year_number(text: &str) -> Option<i32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

type Parsed = Option<Result<Period, PeriodError>>;

pub(super) fn in_range(period: Period) -> Result<Period, PeriodError> {
    if YEARS.contains(&period.start.year()) {
        Ok(period)
    } else {
        Err(PeriodError::YearOutOfRange(period.start.year()))
    }
}

fn exists(period: Option<Period>) -> Result<Period, PeriodError> {
    period.ok_or(PeriodError::NoSuchDate)
}

fn parse_year(t: &str) -> Parsed {
    year_number(t).map(|y| exists(Period::year(y)))
}

/// `2025-W46`, `2025W46`, `W46 2025`, `2025-W46-1` is not taken (that is a day).
fn parse_week(t: &str) -> Parsed {
    let upper = t.to_ascii_uppercase();
    let (year, week) = if let Some((y, w)) = upper.split_once("-W").or_else(|| {
        (upper.len() == 7 && upper.as_bytes().get(4) == Some(&b'W')).then(|| upper.split_at(4))
    }) {
        (y.to_string(), w.trim_start_matches('W').to_string())
    } else if let Some(rest) = upper.strip_prefix('W') {
        let (w, y) = rest.split_once([' ', '-', '/'])?;
        (y.trim().to_string(), w.to_string())
    } else {
        return None;
    };
    let year = year_number(&year)?;
    if week.is_empty() || week.len() > 2 || !week.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let week: u32 = week.parse().ok()?;
    Some(Period::iso_week(year, week))
}

/// `2025-11-11 14:00`, `2025-11-11T14:00:00`, RFC 3339 with an offset (the time as written, in
/// its own offset): an hour on the hour, a minute otherwise. Seconds other than :00 are refused:
/// periods are kept to the minute.
/// The label form, "11 Nov 2025 14:00", so every label reads back.
fn parse_time_label(t: &str) -> Parsed {
    let dt = NaiveDateTime::parse_from_str(t, "%d %b %Y %H:%M").ok()?;
    let minute = super::instant::minute_of(dt.time());
    let grain = if minute.is_multiple_of(60) {
        Grain::Hour
    } else {
        Grain::Minute
    };
    Some(Ok(Period::at(dt.date(), minute, grain)))
}

fn parse_time(t: &str) -> Parsed {
    let b = t.as_bytes();
    if b.len() < 16 || !(b[10] == b' ' || b[10] == b'T') || b[13] != b':' || !t.is_char_boundary(10)
    {
        return parse_time_label(t);
    }
    let date_part = &t[..10];
    let Some(date) = parse_iso_date(date_part).or_else(|| {
        NaiveDate::parse_from_str(date_part, "%Y/%m/%d")
            .ok()
            .map(|d| Ok(Period::day(d)))
    }) else {
        return parse_time_label(t);
    };
    let date = match date {
        Ok(p) => p.start,
        Err(e) => return Some(Err(e)),
    };
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (hour, minute) = (digits(11..13)?, digits(14..16)?);
    let mut rest = &t[16..];
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        second = digits(17..19)?;
        rest = &after[2.min(after.len())..];
        if let Some(fraction) = rest.strip_prefix('.') {
            let end = fraction
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(fraction.len());
            if fraction[..end].bytes().any(|c| c != b'0') {
                second = 1;
            }
            rest = &fraction[end..];
        }
    }
    // An offset (Z, +08:00) is accepted and the local time kept: the source's own clock.
    let offset_ok = rest.is_empty()
        || rest == "Z"
        || ((rest.starts_with('+') || rest.starts_with('-'))
            && rest.len() == 6
            && chrono::FixedOffset::east_opt(0).is_some());
    if !offset_ok {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Some(Err(PeriodError::NoSuchTime));
    }
    if second != 0 {
        return Some(Err(PeriodError::Seconds));
    }
    let minute_of_day = (hour * 60 + minute) as u16;
    let grain = if minute == 0 {
        Grain::Hour
    } else {
        Grain::Minute
    };
    Some(Ok(Period::at(date, minute_of_day, grain)))
}

/// `2025-Q3`, `2025 Q3`, `2025Q3`, `Q3 2025`, `Q3-2025`, and the same with H for halves.
fn parse_quarter_or_half(t: &str) -> Parsed {
    let upper = t.to_ascii_uppercase();
    let parts: Vec<&str> = upper
        .split(['-', ' ', '/', '_'])
        .filter(|p| !p.is_empty())
        .collect();
    let (year_text, tag) = match parts.as_slice() {
        [a, b] if year_number(a).is_some() => (*a, *b),
        [a, b] if year_number(b).is_some() => (*b, *a),
        [single] if single.len() == 6 && single.is_ascii() => (&single[..4], &single[4..]),
        _ => return None,
    };
    let year = year_number(year_text)?;
    let mut chars = tag.chars();
    let letter = chars.next()?;
    let number: u32 = chars.as_str().parse().ok()?;
    match letter {
        'Q' => Some(exists(Period::quarter(year, number))),
        'H' => Some(exists(Period::half(year, number))),
        _ => None,
    }
}

/// `2025-11`, `2025/11`, `Nov 2025`, `November 2025`, `Nov-2025`.
fn parse_month(t: &str) -> Parsed {
    let parts: Vec<&str> = t
        .split(['-', ' ', '/', ','])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m] if year_number(y).is_some() && m.len() <= 2 => {
            let month: u32 = m.parse().ok()?;
            Some(exists(Period::month(year_number(y)?, month)))
        }
        [m, y] if year_number(y).is_some() => {
            let month = month_from_name(m)?;
            Some(exists(Period::month(year_number(y)?, month)))
        }
        _ => None,
    }
}

/// ISO dates, `2025/11/28`, `Jan 1 2000`, `Jan 1, 2000`, `1 Jan 2000`, date-times with or
/// without seconds, and RFC 3339 (the date as written, in its own offset).
fn parse_day(t: &str) -> Parsed {
    const DATE_FORMATS: [&str; 8] = [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%b %d %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%B %d, %Y",
        "%d %b %Y",
    ];
    for format in DATE_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(t, format) {
            return Some(Ok(Period::day(date)));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(t, "%d %B %Y") {
        return Some(Ok(Period::day(date)));
    }
    // A well-formed but impossible ISO date (2025-02-30) is a date error, not an unknown form.
    let digits: Vec<&str> = t.split(['-', '/']).collect();
    if digits.len() == 3
        && digits[0].len() == 4
        && digits
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(Err(PeriodError::NoSuchDate));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn parsed(text: &str) -> (NaiveDate, Grain) {
        let p = Period::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        (p.start, p.grain)
    }

    #[test]
    fn every_documented_form_parses_to_its_grain() {
        assert_eq!(parsed("2025"), (ymd(2025, 1, 1), Grain::Year));
        assert_eq!(parsed("2025-Q3"), (ymd(2025, 7, 1), Grain::Quarter));
        assert_eq!(parsed("Q3 2025"), (ymd(2025, 7, 1), Grain::Quarter));
        assert_eq!(parsed("q4-2024"), (ymd(2024, 10, 1), Grain::Quarter));
        assert_eq!(parsed("2025Q1"), (ymd(2025, 1, 1), Grain::Quarter));
        assert_eq!(parsed("2025-H1"), (ymd(2025, 1, 1), Grain::Half));
        assert_eq!(parsed("H1 2024"), (ymd(2024, 1, 1), Grain::Half));
        assert_eq!(parsed("H2 2024"), (ymd(2024, 7, 1), Grain::Half));
        assert_eq!(parsed("2025-11"), (ymd(2025, 11, 1), Grain::Month));
        assert_eq!(parsed("2025/02"), (ymd(2025, 2, 1), Grain::Month));
        assert_eq!(parsed("Nov 2025"), (ymd(2025, 11, 1), Grain::Month));
        assert_eq!(parsed("November 2025"), (ymd(2025, 11, 1), Grain::Month));
        assert_eq!(parsed("Sept 2025"), (ymd(2025, 9, 1), Grain::Month));
        assert_eq!(parsed("2025-11-28"), (ymd(2025, 11, 28), Grain::Day));
        assert_eq!(parsed("2025/11/28"), (ymd(2025, 11, 28), Grain::Day));
        assert_eq!(parsed("Jan 1 2000"), (ymd(2000, 1, 1), Grain::Day));
        assert_eq!(parsed("Jan 1, 2000"), (ymd(2000, 1, 1), Grain::Day));
        assert_eq!(parsed("January 15 2000"), (ymd(2000, 1, 15), Grain::Day));
        assert_eq!(parsed("15 Jan 2000"), (ymd(2000, 1, 15), Grain::Day));
        assert_eq!(
            parsed("2015/01/01 01:00:00"),
            (ymd(2015, 1, 1), Grain::Hour)
        );
        assert_eq!(parsed("2015-01-01 01:00"), (ymd(2015, 1, 1), Grain::Hour));
        assert_eq!(
            parsed("2025-11-28T23:30:00Z"),
            (ymd(2025, 11, 28), Grain::Minute)
        );
        assert_eq!(
            parsed("2025-11-28T23:30:00-05:00"),
            (ymd(2025, 11, 28), Grain::Minute)
        );
        assert_eq!(parsed("2025-W46"), (ymd(2025, 11, 10), Grain::Week));
        assert_eq!(parsed("W46 2025"), (ymd(2025, 11, 10), Grain::Week));
    }

    #[test]
    fn hours_minutes_and_weeks() {
        let p = Period::parse("2025-11-11 14:00").expect("an hour");
        assert_eq!(
            (p.start, p.minute, p.grain),
            (ymd(2025, 11, 11), 840, Grain::Hour)
        );
        assert_eq!(p.label(), "11 Nov 2025 14:00");
        assert_eq!(p.end_instant() - p.start_instant(), 3600);
        assert_eq!(Period::parse(&p.label()), Ok(p));
        assert_eq!(Period::parse(&p.start_iso()), Ok(p));
        let m = Period::parse("2025-11-11T14:05:00+08:00").expect("a minute");
        assert_eq!((m.minute, m.grain), (845, Grain::Minute));
        assert_eq!(
            Period::parse("2025-11-11 24:00"),
            Err(PeriodError::NoSuchTime)
        );
        assert_eq!(
            Period::parse("2025-11-11 14:60"),
            Err(PeriodError::NoSuchTime)
        );
        assert_eq!(
            Period::parse("2025-11-28T23:30:00.123+08:00"),
            Err(PeriodError::Seconds)
        );
        assert_eq!(
            Period::parse("2025-11-11 14:00:30"),
            Err(PeriodError::Seconds)
        );
        let w = Period::parse("2025-W46").expect("a week");
        assert_eq!(w.end(), ymd(2025, 11, 17));
        assert_eq!(w.label(), "W46 2025");
        assert_eq!(Period::parse(&w.label()), Ok(w));
        assert_eq!(
            Period::parse("2025-W53"),
            Err(PeriodError::NoSuchWeek {
                year: 2025,
                week: 53,
                weeks: 52
            })
        );
        assert!(Period::parse("2026-W53").is_ok(), "2026 has 53 ISO weeks");
        assert_eq!(w.year_before(), Period::parse("2024-W46").ok());
    }

    #[test]
    fn impossible_and_unknown_forms_are_errors() {
        assert_eq!(Period::parse("2025-Q5"), Err(PeriodError::NoSuchDate));
        assert_eq!(Period::parse("2025-13"), Err(PeriodError::NoSuchDate));
        assert_eq!(Period::parse("2025-02-30"), Err(PeriodError::NoSuchDate));
        assert_eq!(Period::parse("H3 2025"), Err(PeriodError::NoSuchDate));
        assert_eq!(Period::parse("last year"), Err(PeriodError::Unrecognised));
        assert_eq!(Period::parse(""), Err(PeriodError::Unrecognised));
        assert_eq!(Period::parse("202"), Err(PeriodError::Unrecognised));
        assert_eq!(Period::parse("Foo 2025"), Err(PeriodError::Unrecognised));
        // Found by cargo fuzz: year 258 printed as "258" and did not parse back.
        let early = Period::parse("0258").expect("a four-digit year");
        assert_eq!(early.label(), "0258");
        assert_eq!(Period::parse(&early.label()), Ok(early));
        assert_eq!(Period::parse("0000"), Err(PeriodError::YearOutOfRange(0)));
        assert!(Period::parse_with_format("+12345-01-01", "%Y-%m-%d").is_err());
        // Found by proptest: six bytes that are not six ASCII characters once crashed the parser.
        assert_eq!(Period::parse("?🕴Q"), Err(PeriodError::Unrecognised));
    }

    #[test]
    fn custom_formats_give_the_grain_of_their_fields() {
        let p = Period::parse_with_format("28.11.2025", "%d.%m.%Y").expect("day format");
        assert_eq!((p.start, p.grain), (ymd(2025, 11, 28), Grain::Day));
        let p = Period::parse_with_format("11|2025", "%m|%Y").expect("month format");
        assert_eq!((p.start, p.grain), (ymd(2025, 11, 1), Grain::Month));
        let p = Period::parse_with_format("CY25", "CY%y").expect("year format");
        assert_eq!((p.start, p.grain), (ymd(2025, 1, 1), Grain::Year));
        assert!(Period::parse_with_format("2025-11-28", "%d.%m.%Y").is_err());
    }

    #[test]
    fn labels_follow_the_grain() {
        let label = |t: &str| Period::parse(t).expect("valid").label();
        assert_eq!(label("2025"), "2025");
        assert_eq!(label("2025-H2"), "H2 2025");
        assert_eq!(label("2025-Q3"), "Q3 2025");
        assert_eq!(label("2025-03"), "Mar 2025");
        assert_eq!(label("2025-03-12"), "12 Mar 2025");
        let fiscal = Period::from_start(ymd(2020, 4, 1), Grain::Year).expect("fiscal year");
        assert_eq!(fiscal.label(), "FY Apr 2020–Mar 2021");
    }

    #[test]
    fn spans_ends_and_midpoints() {
        let q3 = Period::parse("2025-Q3").expect("valid");
        assert_eq!(q3.end(), ymd(2025, 10, 1));
        assert_eq!(q3.last_day(), ymd(2025, 9, 30));
        assert_eq!(q3.mid(), ymd(2025, 8, 16));
        let year = Period::parse("2024").expect("valid");
        assert_eq!(year.mid(), ymd(2024, 7, 2));
        assert_eq!(year.year_before(), Period::parse("2023").ok());
        let day = Period::parse("2024-02-29").expect("valid");
        assert_eq!(day.end(), ymd(2024, 3, 1));
    }

    #[test]
    fn starts_from_a_grain_column_must_be_whole_periods() {
        assert!(Period::from_start(ymd(2025, 7, 1), Grain::Quarter).is_ok());
        assert!(Period::from_start(ymd(2025, 10, 1), Grain::Year).is_ok());
        assert!(matches!(
            Period::from_start(ymd(2025, 7, 15), Grain::Month),
            Err(PeriodError::Misaligned { .. })
        ));
    }

    #[test]
    fn grain_names_round_trip() {
        for grain in Grain::ALL {
            assert_eq!(Grain::parse(grain.as_str()), Ok(grain));
        }
        assert!(Grain::parse("fortnight").is_err());
    }
}
