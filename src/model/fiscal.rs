//! Fiscal periods as filings write them (`FY2025`, `FY2025-Q2`, `Q2 FY25`): read from text, then
//! placed on the calendar by the platform's fiscal year start, since the same words mean other
//! months for Walmart (February) and Alibaba (April).

use chrono::{Months, NaiveDate};

use super::period::{Grain, Period, PeriodError, YEARS, in_range, year_number};

/// Which part of a fiscal year a period text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FiscalPart {
    Year,
    Half(u32),
    Quarter(u32),
}

/// A fiscal period as written (`FY2025`, `FY2025-Q2`, `Q2 FY25`): the fiscal year that *ends* in
/// `year`. Its dates depend on the platform, so it is resolved against the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FiscalPeriod {
    pub year: i32,
    pub part: FiscalPart,
}

impl FiscalPeriod {
    /// The calendar period, for a fiscal year that starts in `start_month` (1 = calendar year).
    pub fn resolve(&self, start_month: u32) -> Result<Period, PeriodError> {
        if !(1..=12).contains(&start_month) {
            return Err(PeriodError::BadFiscalStart(start_month));
        }
        let first_year = if start_month == 1 {
            self.year
        } else {
            self.year - 1
        };
        let year_start =
            NaiveDate::from_ymd_opt(first_year, start_month, 1).ok_or(PeriodError::NoSuchDate)?;
        let (offset_months, grain) = match self.part {
            FiscalPart::Year => (0, Grain::Year),
            FiscalPart::Half(h) if (1..=2).contains(&h) => ((h - 1) * 6, Grain::Half),
            FiscalPart::Quarter(q) if (1..=4).contains(&q) => ((q - 1) * 3, Grain::Quarter),
            _ => return Err(PeriodError::NoSuchDate),
        };
        let start = year_start
            .checked_add_months(Months::new(offset_months))
            .ok_or(PeriodError::NoSuchDate)?;
        in_range(Period::new(start, grain))
    }

    pub fn label(&self) -> String {
        match self.part {
            FiscalPart::Year => format!("FY{:04}", self.year),
            FiscalPart::Half(h) => format!("FY{:04} H{h}", self.year),
            FiscalPart::Quarter(q) => format!("FY{:04} Q{q}", self.year),
        }
    }
}

/// A period as a file writes it: calendar dates, or a fiscal period still to be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodSpec {
    Calendar(Period),
    Fiscal(FiscalPeriod),
}

impl PeriodSpec {
    /// Reads every calendar form [`Period::parse`] reads, and fiscal periods.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        if let Some(fiscal) = parse_fiscal(text.trim()) {
            return fiscal.map(PeriodSpec::Fiscal);
        }
        Period::parse_calendar(text).map(PeriodSpec::Calendar)
    }

    /// The calendar period, given the platform's fiscal year start month if it has one.
    pub fn resolve(&self, fiscal_year_start: Option<u32>) -> Result<Period, PeriodError> {
        match (self, fiscal_year_start) {
            (PeriodSpec::Calendar(p), _) => Ok(*p),
            (PeriodSpec::Fiscal(f), Some(month)) => f.resolve(month),
            (PeriodSpec::Fiscal(f), None) => Err(PeriodError::FiscalNeedsPlatform(f.label())),
        }
    }
}

/// A fiscal year's number as written after FY: `2025`, or `25` for 2025 (`98` for 1998).
fn fiscal_year_number(text: &str) -> Option<i32> {
    let t = text.trim();
    if let Some(year) = year_number(t) {
        return Some(year);
    }
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) {
        let yy: i32 = t.parse().ok()?;
        return Some(if yy < 70 { 2000 + yy } else { 1900 + yy });
    }
    None
}

/// `FY2025`, `FY25`, `FY 2025`, `fiscal 2025`, `FY2025-Q2`, `FY2025 Q2`, `FY25Q2`, `Q2 FY25`,
/// `Q2-FY2025`, `FY2025-H1`, `H1 FY25`. `None` when the text is no fiscal form at all.
pub(super) fn parse_fiscal(t: &str) -> Option<Result<FiscalPeriod, PeriodError>> {
    // Most periods are dates: no F, no fiscal form, and no allocation to find that out.
    if !t.bytes().any(|b| b == b'F' || b == b'f') {
        return None;
    }
    let upper = t
        .to_ascii_uppercase()
        .replace("FISCAL YEAR", "FY")
        .replace("FISCAL", "FY");
    if !upper.contains("FY") {
        return None;
    }
    let spaced = upper.replace("FY", " FY ");
    let words: Vec<&str> = spaced
        .split([' ', '-', '/', '_'])
        .filter(|w| !w.is_empty())
        .collect();
    let fy_at = words.iter().position(|w| *w == "FY")?;
    let (year_text, part_text) = match (fy_at, words.len()) {
        (0, 2) => (words[1], None),
        (0, 3) => (words[1], Some(words[2])),
        (1, 3) => (words[2], Some(words[0])),
        _ => return Some(Err(PeriodError::Unrecognised)),
    };
    // FY25Q2: the part follows the year without a separator.
    let (year_text, part_text) = match (part_text, year_text.find(['Q', 'H'])) {
        (None, Some(i)) => (&year_text[..i], Some(&year_text[i..])),
        (p, _) => (year_text, p),
    };
    let Some(year) = fiscal_year_number(year_text) else {
        return Some(Err(PeriodError::Unrecognised));
    };
    let part = match part_text {
        None => FiscalPart::Year,
        Some(p) => {
            let (letter, number) = p.split_at(1);
            let Ok(n) = number.parse::<u32>() else {
                return Some(Err(PeriodError::Unrecognised));
            };
            match (letter, n) {
                ("Q", 1..=4) => FiscalPart::Quarter(n),
                ("H", 1..=2) => FiscalPart::Half(n),
                ("Q" | "H", _) => return Some(Err(PeriodError::NoSuchDate)),
                _ => return Some(Err(PeriodError::Unrecognised)),
            }
        }
    };
    if !YEARS.contains(&year) {
        return Some(Err(PeriodError::YearOutOfRange(year)));
    }
    Some(Ok(FiscalPeriod { year, part }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn fiscal_periods_are_placed_by_the_platforms_fiscal_year() {
        let spec = |t: &str| PeriodSpec::parse(t).unwrap_or_else(|e| panic!("{t:?}: {e}"));
        // Walmart: the fiscal year starts in February; FY2025 ends in January 2025.
        let walmart = spec("FY2025").resolve(Some(2)).expect("placed");
        assert_eq!(
            (walmart.start, walmart.grain),
            (ymd(2024, 2, 1), Grain::Year)
        );
        assert_eq!(walmart.last_day(), ymd(2025, 1, 31));
        assert_eq!(walmart.fiscal_label(2).as_deref(), Some("FY2025"));
        // Alibaba: April; FY2025 Q2 is July to September 2024.
        let q2 = spec("FY2025-Q2").resolve(Some(4)).expect("placed");
        assert_eq!((q2.start, q2.grain), (ymd(2024, 7, 1), Grain::Quarter));
        assert_eq!(q2.fiscal_label(4).as_deref(), Some("FY2025 Q2"));
        for text in [
            "Q2 FY25",
            "FY25 Q2",
            "FY2025 Q2",
            "Q2-FY2025",
            "FY25Q2",
            "fiscal 2025 Q2",
        ] {
            assert_eq!(spec(text).resolve(Some(4)), Ok(q2), "{text}");
        }
        assert_eq!(
            spec("FY2025").resolve(Some(1)),
            Ok(Period::year(2025).expect("year"))
        );
        assert!(matches!(
            spec("FY2025").resolve(None),
            Err(PeriodError::FiscalNeedsPlatform(_))
        ));
        assert!(matches!(
            Period::parse("FY2024"),
            Err(PeriodError::FiscalNeedsPlatform(_))
        ));
        assert_eq!(PeriodSpec::parse("FY2025-Q5"), Err(PeriodError::NoSuchDate));
        assert_eq!(
            PeriodSpec::parse("2025-Q3"),
            Ok(PeriodSpec::Calendar(Period::quarter(2025, 3).expect("q3")))
        );
    }
}
