//! Alignment by event: each platform's series on an axis of time since its own event (months
//! since its launch), optionally cumulative, so launches years apart can be compared. A platform
//! without that event is listed as left out, never silently dropped.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::derived::Point;
use super::transform::cumulative;

/// What the x axis counts from the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Whole calendar months from the event's month to the period's start month.
    Months,
    /// Days from the event date to the period's start.
    Days,
}

/// One platform's series and its event date, if it has the event.
pub struct AlignInput<'a> {
    pub platform: &'a str,
    pub points: &'a [Point],
    pub event: Option<NaiveDate>,
}

/// A figure placed at its offset from the platform's event.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedPoint {
    pub offset: i64,
    pub point: Point,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlignedSeries {
    pub platform: String,
    pub event: NaiveDate,
    pub points: Vec<AlignedPoint>,
}

/// The aligned series and the platforms left out, each with why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    pub series: Vec<AlignedSeries>,
    pub left_out: Vec<(String, String)>,
}

/// Places every input on one axis of `since` units after its event, keeping offsets in `window`
/// (e.g. `0..24` for the first 24 months). With `cumulative_total` the running total is taken
/// from the first figure in the window, so each platform starts counting at its own event.
pub fn align(
    inputs: &[AlignInput],
    event_name: &str,
    since: Since,
    window: Range<i64>,
    cumulative_total: bool,
) -> Alignment {
    let mut out = Alignment::default();
    for input in inputs {
        let Some(event) = input.event else {
            out.left_out.push((
                input.platform.to_string(),
                format!("{} has no {event_name} event", input.platform),
            ));
            continue;
        };
        let in_window: Vec<Point> = input
            .points
            .iter()
            .filter(|p| window.contains(&offset(event, p.period.start, since)))
            .cloned()
            .collect();
        let shown = if cumulative_total {
            cumulative(&in_window, event_name)
        } else {
            in_window
        };
        if shown.is_empty() {
            out.left_out.push((
                input.platform.to_string(),
                format!(
                    "{} has no figure in the window after its {event_name}",
                    input.platform
                ),
            ));
            continue;
        }
        out.series.push(AlignedSeries {
            platform: input.platform.to_string(),
            event,
            points: shown
                .into_iter()
                .map(|point| AlignedPoint {
                    offset: offset(event, point.period.start, since),
                    point,
                })
                .collect(),
        });
    }
    out
}

fn offset(event: NaiveDate, start: NaiveDate, since: Since) -> i64 {
    match since {
        Since::Months => {
            i64::from(start.year() - event.year()) * 12 + i64::from(start.month())
                - i64::from(event.month())
        }
        Since::Days => (start - event).num_days(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Period};

    fn monthly(from_year: i32, from_month: u32, count: u32, source: i64) -> Vec<Point> {
        (0..count)
            .map(|i| {
                let month0 = from_month - 1 + i;
                let period = Period::month(from_year + (month0 / 12) as i32, month0 % 12 + 1)
                    .expect("month");
                Point::stored(period, f64::from(i + 1), Kind::Actual, source)
            })
            .collect()
    }

    #[test]
    fn two_platforms_first_24_months_on_one_axis_and_one_left_out() {
        let temu = monthly(2022, 9, 36, 1);
        let tiktok = monthly(2023, 6, 30, 2);
        let shein = monthly(2020, 1, 12, 3);
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let inputs = [
            AlignInput {
                platform: "temu",
                points: &temu,
                event: Some(date(2022, 9, 1)),
            },
            AlignInput {
                platform: "tiktok_shop",
                points: &tiktok,
                event: Some(date(2023, 9, 12)),
            },
            AlignInput {
                platform: "shein",
                points: &shein,
                event: None,
            },
        ];
        let aligned = align(&inputs, "US launch", Since::Months, 0..24, false);
        assert_eq!(aligned.series.len(), 2);
        let offsets = |s: &AlignedSeries| s.points.iter().map(|p| p.offset).collect::<Vec<_>>();
        assert_eq!(offsets(&aligned.series[0]), (0..24).collect::<Vec<_>>());
        // TikTok Shop's series starts three months before its launch: those are outside 0..24,
        // and its 30 months run out at month 26, so months 0..=23 are all there.
        assert_eq!(offsets(&aligned.series[1]), (0..24).collect::<Vec<_>>());
        assert_eq!(
            aligned.series[1].points[0].point.value, 4.0,
            "Sep 2023 is its 4th month"
        );
        assert_eq!(
            aligned.left_out,
            vec![(
                "shein".to_string(),
                "shein has no US launch event".to_string()
            )]
        );
        let total = align(&inputs, "US launch", Since::Months, 0..24, true);
        let temu_total = &total.series[0].points;
        assert_eq!(temu_total[23].point.value, (1..=24).sum::<u32>() as f64);
        assert_eq!(temu_total[23].offset, 23);
    }
}
