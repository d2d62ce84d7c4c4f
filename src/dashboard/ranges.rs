//! The quick date ranges above the charts: since 2020, the last three years, the last twelve
//! quarters, all. Each is a choice of the settings' range, relative to the store's latest figure.

use chrono::{Datelike, NaiveDate};

use super::settings::Settings;
use super::snapshot::Snapshot;

/// A quick range, in the order of its buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuickRange {
    Since2020,
    LastThreeYears,
    LastTwelveQuarters,
    All,
}

impl QuickRange {
    pub const ALL: [QuickRange; 4] = [
        QuickRange::Since2020,
        QuickRange::LastThreeYears,
        QuickRange::LastTwelveQuarters,
        QuickRange::All,
    ];

    /// The button's label in the UI's language.
    pub fn label(self) -> String {
        crate::i18n::t(match self {
            QuickRange::Since2020 => "range-2020",
            QuickRange::LastThreeYears => "range-3y",
            QuickRange::LastTwelveQuarters => "range-12q",
            QuickRange::All => "range-all",
        })
    }

    /// Sets the range of `settings`, the last three years and twelve quarters ending with the
    /// year or quarter of `latest` (the store's latest figure; None: nothing to count back from,
    /// so those two leave the range as it is).
    pub fn apply(self, settings: &mut Settings, latest: Option<NaiveDate>) {
        match (self, latest) {
            (QuickRange::Since2020, _) => set(settings, Some(2020), None, None),
            (QuickRange::All, _) => set(settings, None, None, None),
            (QuickRange::LastThreeYears, Some(latest)) => {
                set(settings, Some(latest.year() - 2), None, None)
            }
            (QuickRange::LastTwelveQuarters, Some(latest)) => {
                let start = quarters_back(latest, 11);
                set(settings, Some(start.year()), None, Some(start))
            }
            (_, None) => {}
        }
    }

    /// Whether `settings` are this range now (its button shows as selected).
    pub fn is_on(self, settings: &Settings, latest: Option<NaiveDate>) -> bool {
        let mut probe = settings.clone();
        self.apply(&mut probe, latest);
        (probe.from_year, probe.to_year, probe.from_date)
            == (settings.from_year, settings.to_year, settings.from_date)
    }
}

fn set(settings: &mut Settings, from: Option<i32>, to: Option<i32>, from_date: Option<NaiveDate>) {
    settings.from_year = from;
    settings.to_year = to;
    settings.from_date = from_date;
}

/// The first day of the quarter `n` quarters before the one `date` is in.
pub fn quarters_back(date: NaiveDate, n: u32) -> NaiveDate {
    let index = date.year() * 4 + date.month0() as i32 / 3 - n as i32;
    let (year, quarter) = (index.div_euclid(4), index.rem_euclid(4) as u32);
    NaiveDate::from_ymd_opt(year, quarter * 3 + 1, 1).unwrap_or(date)
}

/// The start of the store's latest figure (long series included).
pub fn latest_figure(snap: &Snapshot) -> Option<NaiveDate> {
    let short = snap.observations.iter().map(|o| o.period.start).max();
    let long = snap
        .dense
        .iter()
        .filter_map(|d| d.date(d.len().checked_sub(1)?))
        .max();
    short.max(long)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn twelve_quarters_end_with_the_latest_figures_quarter() {
        assert_eq!(quarters_back(ymd(2025, 8, 15), 11), ymd(2022, 10, 1));
        assert_eq!(quarters_back(ymd(2025, 1, 1), 0), ymd(2025, 1, 1));
        assert_eq!(quarters_back(ymd(2025, 3, 31), 4), ymd(2024, 1, 1));
    }

    #[test]
    fn each_range_sets_the_settings_and_knows_when_it_is_on() {
        let latest = Some(ymd(2025, 8, 15));
        let mut s = Settings::default();
        QuickRange::LastThreeYears.apply(&mut s, latest);
        assert_eq!(
            (s.from_year, s.to_year, s.from_date),
            (Some(2023), None, None)
        );
        assert!(QuickRange::LastThreeYears.is_on(&s, latest));
        assert!(!QuickRange::All.is_on(&s, latest));
        QuickRange::LastTwelveQuarters.apply(&mut s, latest);
        assert_eq!(s.from_date, Some(ymd(2022, 10, 1)));
        assert_eq!(s.from_year, Some(2022));
        QuickRange::All.apply(&mut s, latest);
        assert_eq!((s.from_year, s.to_year, s.from_date), (None, None, None));
        // Nothing to count back from: the range stays.
        QuickRange::Since2020.apply(&mut s, None);
        QuickRange::LastThreeYears.apply(&mut s, None);
        assert_eq!(s.from_year, Some(2020));
    }
}
