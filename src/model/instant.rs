//! The one day and instant arithmetic: a day number is days since 1970-01-01 (the charts' x axis),
//! an instant is seconds since 1970-01-01T00:00 in the figure's own calendar (no time zone: a
//! Singles' Day hour is the hour the source printed).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE)
}

/// The date of a day number; `None` outside chrono's calendar.
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    let days = i32::try_from(day).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(UNIX_EPOCH_DAYS_FROM_CE)?)
}

/// The day number of a chart's x coordinate (which may fall inside a day).
pub fn date_of_x(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x.abs() > 3.0e6 {
        return None;
    }
    date_of_day(x.floor() as i64)
}

/// The chart's x coordinate of an instant: its day number, with the time of day as a fraction.
pub fn x_of_instant(seconds: i64) -> f64 {
    seconds as f64 / SECONDS_PER_DAY as f64
}

/// Seconds since 1970-01-01T00:00 of a date and a minute of its day.
pub fn instant(date: NaiveDate, minute_of_day: u16) -> i64 {
    day_number(date) * SECONDS_PER_DAY + i64::from(minute_of_day) * 60
}

/// The date and minute of day of an instant; seconds within the minute are dropped.
pub fn split_instant(seconds: i64) -> Option<(NaiveDate, u16)> {
    let day = seconds.div_euclid(SECONDS_PER_DAY);
    let minute = (seconds.rem_euclid(SECONDS_PER_DAY) / 60) as u16;
    Some((date_of_day(day)?, minute))
}

/// A date-time as an instant.
pub fn instant_of_datetime(dt: NaiveDateTime) -> i64 {
    instant(dt.date(), minute_of(dt.time()))
}

/// The date-time of an instant (to the minute).
pub fn datetime_of_instant(seconds: i64) -> Option<NaiveDateTime> {
    let (date, minute) = split_instant(seconds)?;
    let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
    Some(date.and_time(time))
}

pub fn minute_of(time: NaiveTime) -> u16 {
    (time.hour() * 60 + time.minute()) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_and_instants_round_trip() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 11).expect("date");
        assert_eq!(
            day_number(NaiveDate::from_ymd_opt(1970, 1, 2).expect("date")),
            1
        );
        assert_eq!(date_of_day(day_number(d)), Some(d));
        let t = instant(d, 14 * 60);
        assert_eq!(split_instant(t), Some((d, 840)));
        let early = NaiveDate::from_ymd_opt(1, 1, 1).expect("date");
        assert_eq!(split_instant(instant(early, 5)), Some((early, 5)));
        assert_eq!(date_of_x(day_number(d) as f64 + 0.75), Some(d));
        assert_eq!(x_of_instant(t), day_number(d) as f64 + 14.0 / 24.0);
        let dt = datetime_of_instant(t).expect("date-time");
        assert_eq!(instant_of_datetime(dt), t);
    }
}
