//! Values and dates as people read them, in the UI's language: `$1.2B`, `340M`, `25%`, `Q3 2025`
//! in English; `1,000亿美元`, `3.2亿次下载`, `25%`, `2025年第3季度` in Chinese; with the source's
//! wording ("about $100B", "约1,000亿美元"). The `_in` functions are pure (the language is an
//! argument); the others take the thread's language ([`crate::i18n::lang`]).

use chrono::Datelike;

use super::{Grain, Period, Qualifier, Unit};
use crate::i18n::{self, Lang};

/// A compact form with three significant figures at most, in the thread's language.
pub fn compact(value: f64, unit: Unit) -> String {
    compact_in(value, unit, i18n::lang())
}

/// A compact form in `lang`: `$100B`, `$1.36B`, `340M`, `12.5%`; `1,000亿美元`, `13.6亿`.
pub fn compact_in(value: f64, unit: Unit, lang: Lang) -> String {
    match lang {
        Lang::En => compact_en(value, unit),
        Lang::Zh => compact_zh(value, unit),
    }
}

fn compact_en(value: f64, unit: Unit) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    if unit == Unit::Percent {
        return format!("{}%", trim_number(value, 1));
    }
    if let Unit::Other(name) = unit {
        return match money_per(name) {
            Some((money, per)) => format!("{}{per}", compact_en(value, money)),
            None => format!("{} {name}", compact_en(value, Unit::Plain)),
        };
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let magnitude = value.abs();
    let (scaled, suffix) = match magnitude {
        m if m >= 1e12 => (m / 1e12, "T"),
        m if m >= 1e9 => (m / 1e9, "B"),
        m if m >= 1e6 => (m / 1e6, "M"),
        m if m >= 1e3 => (m / 1e3, "K"),
        m => (m, ""),
    };
    let decimals = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    let number = trim_number(scaled, decimals);
    match unit.currency() {
        Some(c) => match c.symbol() {
            Some(symbol) => format!("{sign}{symbol}{number}{suffix}"),
            None => format!("{sign}{number}{suffix} {c}"),
        },
        None => format!("{sign}{number}{suffix}"),
    }
}

/// A formula's money per something ("USD per download"): the currency, to format with its symbol,
/// and the rest (" per download"). An exchange rate ("CNY per USD") stays a plain number of its
/// unit: a rate is not an amount of money.
fn money_per(name: &str) -> Option<(Unit, &str)> {
    let (code, noun) = name.split_once(" per ")?;
    let currency = super::Currency::parse(code)?;
    if super::Currency::parse(noun).is_some() {
        return None;
    }
    Some((Unit::Currency(currency), &name[code.len()..]))
}

/// Chinese magnitudes count in 万 (10⁴) and 亿 (10⁸): `1,000亿美元`, `3.2亿次下载`, `4,250万`.
fn compact_zh(value: f64, unit: Unit) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    if unit == Unit::Percent {
        return format!("{}%", trim_number(value, 1));
    }
    if let Unit::Other(name) = unit {
        if let Some((money, per)) = money_per(name) {
            return format!("{}{per}", compact_zh(value, money));
        }
        return match zh_unit_word(name) {
            Some(word) => format!("{}{word}", compact_zh(value, Unit::Plain)),
            None => format!("{} {name}", compact_zh(value, Unit::Plain)),
        };
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let magnitude = value.abs();
    let (scaled, suffix) = match magnitude {
        m if m >= 1e12 => (m / 1e12, "万亿"),
        m if m >= 1e8 => (m / 1e8, "亿"),
        m if m >= 1e4 => (m / 1e4, "万"),
        m => (m, ""),
    };
    let decimals = if scaled >= 100.0 {
        0
    } else if scaled >= 10.0 {
        1
    } else {
        2
    };
    let number = group_integer_part(&trim_number(scaled, decimals));
    match unit.currency() {
        Some(c) => match zh_currency_word(c.code()) {
            Some(word) => format!("{sign}{number}{suffix}{word}"),
            None => format!("{sign}{number}{suffix} {c}"),
        },
        None => format!("{sign}{number}{suffix}"),
    }
}

/// The Chinese word after an amount of a currency: 美元, 元 (RMB), 欧元...
fn zh_currency_word(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "美元",
        "CNY" => "元",
        "EUR" => "欧元",
        "GBP" => "英镑",
        "JPY" => "日元",
        "HKD" => "港元",
        _ => return None,
    })
}

/// The Chinese measure word of a named unit: "3.2亿次下载" for 320 million downloads.
fn zh_unit_word(name: &str) -> Option<&'static str> {
    Some(match name {
        "downloads" | "installs" => "次下载",
        "users" => "用户",
        "orders" => "单",
        "sellers" => "个卖家",
        "parcels" | "packages" => "个包裹",
        _ => return None,
    })
}

/// "1000.5" -> "1,000.5": thousands separators in the whole part only.
fn group_integer_part(number: &str) -> String {
    let (whole, rest) = match number.find('.') {
        Some(at) => number.split_at(at),
        None => (number, ""),
    };
    match whole.parse::<usize>() {
        Ok(n) => format!("{}{rest}", grouped(n)),
        Err(_) => number.to_string(),
    }
}

/// `compact` with the qualifier's words in front: "about $100B", "more than 300"; "约1,000亿美元".
pub fn qualified(value: f64, unit: Unit, qualifier: Qualifier) -> String {
    qualified_in(value, unit, qualifier, i18n::lang())
}

pub fn qualified_in(value: f64, unit: Unit, qualifier: Qualifier, lang: Lang) -> String {
    let prefix = match lang {
        Lang::En => qualifier.prefix(),
        Lang::Zh => match qualifier {
            Qualifier::None => "",
            Qualifier::About => "约",
            Qualifier::MoreThan => "超过",
            Qualifier::LessThan => "不足",
            Qualifier::Approaching => "接近",
            Qualifier::UpTo => "最多",
            Qualifier::AtLeast => "至少",
        },
    };
    format!("{prefix}{}", compact_in(value, unit, lang))
}

/// A period as people say it, in the thread's language ([`period_label_in`]).
pub fn period_label(period: &Period) -> String {
    period_label_in(period, i18n::lang())
}

/// A period in `lang`: `Q3 2025`, `Nov 2025` ([`Period::label_en`]); `2025年第3季度`,
/// `2025年11月`, `2025年上半年`, `2025年第46周`, `2025年11月28日`.
pub fn period_label_in(period: &Period, lang: Lang) -> String {
    if lang == Lang::En {
        return period.label_en();
    }
    let d = period.start;
    let day = |d: chrono::NaiveDate| day_in(d, lang);
    let month = |d: chrono::NaiveDate| format!("{}年{}月", d.year(), d.month());
    match period.grain {
        Grain::Minute | Grain::Hour => {
            return format!(
                "{} {:02}:{:02}",
                day(d),
                period.minute / 60,
                period.minute % 60
            );
        }
        Grain::Week if period.is_calendar_aligned() => {
            let iso = d.iso_week();
            return format!("{}年第{}周", iso.year(), iso.week());
        }
        _ => {}
    }
    if !period.is_calendar_aligned() {
        let last = period.last_day();
        return match period.grain {
            Grain::Year => format!("财年 {}–{}", month(d), month(last)),
            _ if d.day() != 1 => format!("{}–{}", day(d), day(last)),
            _ => format!("{}–{}", month(d), month(last)),
        };
    }
    match period.grain {
        Grain::Year => format!("{}年", d.year()),
        Grain::Half if d.month0() < 6 => format!("{}年上半年", d.year()),
        Grain::Half => format!("{}年下半年", d.year()),
        Grain::Quarter => format!("{}年第{}季度", d.year(), d.month0() / 3 + 1),
        Grain::Month => month(d),
        _ => day(d),
    }
}

/// A calendar day: `3 Mar 2025`, `2025年3月3日`.
pub fn day_in(date: chrono::NaiveDate, lang: Lang) -> String {
    let pattern = match lang {
        Lang::En => "%-d %b %Y",
        Lang::Zh => "%Y年%-m月%-d日",
    };
    date.format(pattern).to_string()
}

/// A day of the week as dates are headed: `Tue`, `周二`.
pub fn weekday_abbr(date: chrono::NaiveDate, lang: Lang) -> &'static str {
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let i = date.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => EN[i],
        Lang::Zh => ZH[i],
    }
}

/// A period as a tooltip heads it, in the thread's language ([`period_heading_in`]).
pub fn period_heading(period: &Period, fiscal_year_start: Option<u32>) -> String {
    period_heading_in(period, fiscal_year_start, i18n::lang())
}

/// A period as a tooltip heads it: days and hours with their day of the week (`Tue 11 Nov 2025
/// 14:00`), a fiscal period as the platform names it with its calendar dates (`FY2025 Q2 · 1
/// Jul–30 Sep 2024`), anything else as [`period_label_in`] says it.
pub fn period_heading_in(period: &Period, fiscal_year_start: Option<u32>, lang: Lang) -> String {
    if let Some(name) = fiscal_name_in(period, fiscal_year_start, lang) {
        return format!("{name} · {}", calendar_span_in(period, lang));
    }
    let weekday = weekday_abbr(period.start, lang);
    let time = format!("{:02}:{:02}", period.minute / 60, period.minute % 60);
    match (period.grain, lang) {
        (Grain::Minute | Grain::Hour | Grain::Day, Lang::En) => {
            format!("{weekday} {}", period.label_en())
        }
        (Grain::Minute | Grain::Hour, Lang::Zh) => {
            format!("{} {weekday} {time}", day_in(period.start, lang))
        }
        (Grain::Day, Lang::Zh) => format!("{} {weekday}", day_in(period.start, lang)),
        _ => period_label_in(period, lang),
    }
}

/// A period as the platform names it when its fiscal year starts mid-year (`FY2025 Q2`,
/// `2025财年第2季度`); `None` for calendar-year platforms and periods that are no fiscal part.
pub fn fiscal_name_in(
    period: &Period,
    fiscal_year_start: Option<u32>,
    lang: Lang,
) -> Option<String> {
    let fiscal = period.fiscal_period(fiscal_year_start?)?;
    Some(match lang {
        Lang::En => fiscal.label(),
        Lang::Zh => match fiscal.part {
            super::fiscal::FiscalPart::Year => format!("{}财年", fiscal.year),
            super::fiscal::FiscalPart::Half(1) => format!("{}财年上半年", fiscal.year),
            super::fiscal::FiscalPart::Half(_) => format!("{}财年下半年", fiscal.year),
            super::fiscal::FiscalPart::Quarter(q) => format!("{}财年第{q}季度", fiscal.year),
        },
    })
}

/// A period's first and last day: `1 Jul–30 Sep 2024`, `1 Feb 2024–31 Jan 2025`.
pub fn calendar_span_in(period: &Period, lang: Lang) -> String {
    let (a, b) = (period.start, period.last_day());
    match lang {
        Lang::En if a.year() == b.year() => {
            format!("{}–{}", a.format("%-d %b"), b.format("%-d %b %Y"))
        }
        _ => format!("{}–{}", day_in(a, lang), day_in(b, lang)),
    }
}

/// A count with thousands separators: 10000000 -> "10,000,000".
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rounds to `decimals` and drops trailing zeros: 1.50 -> "1.5", 100.0 -> "100".
fn trim_number(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_forms_by_unit_and_magnitude() {
        assert_eq!(compact(100e9, Unit::USD), "$100B");
        assert_eq!(compact(1.36e9, Unit::Count), "1.36B");
        assert_eq!(compact(1.2e9, Unit::USD), "$1.2B");
        assert_eq!(compact(340e6, Unit::Count), "340M");
        assert_eq!(compact(42.5e6, Unit::Count), "42.5M");
        assert_eq!(compact(25.0, Unit::Percent), "25%");
        assert_eq!(compact(-12.34, Unit::Percent), "-12.3%");
        assert_eq!(compact(950.0, Unit::Count), "950");
        assert_eq!(compact(-2.5e12, Unit::USD), "-$2.5T");
        assert_eq!(compact(f64::NAN, Unit::USD), "–");
        assert_eq!(compact(393.84e9, Unit::CNY), "¥394B");
        assert_eq!(compact(-6.97e9, Unit::CNY), "-¥6.97B");
        let idr = Unit::parse("IDR").expect("currency");
        assert_eq!(compact(5e12, idr), "5T IDR");
        let users = Unit::parse("users").expect("unit");
        assert_eq!(compact(1.2e6, users), "1.2M users");
        assert_eq!(compact(0.42, Unit::Plain), "0.42");
        // A formula's money per something keeps the currency's symbol; a rate stays a number.
        let per_download = Unit::parse("USD per download").expect("unit");
        assert_eq!(
            compact_in(4054.05, per_download, Lang::En),
            "$4.05K per download"
        );
        assert_eq!(
            compact_in(176.47, per_download, Lang::Zh),
            "176美元 per download"
        );
        let rate = Unit::parse("CNY per USD").expect("unit");
        assert_eq!(compact_in(7.08, rate, Lang::En), "7.08 CNY per USD");
    }

    #[test]
    fn chinese_counts_in_wan_and_yi() {
        let zh = |v, u| compact_in(v, u, Lang::Zh);
        assert_eq!(zh(100e9, Unit::USD), "1,000亿美元");
        assert_eq!(zh(1.36e9, Unit::Count), "13.6亿");
        assert_eq!(zh(340e6, Unit::Count), "3.4亿");
        assert_eq!(zh(42.5e6, Unit::Count), "4,250万");
        assert_eq!(zh(25.0, Unit::Percent), "25%");
        assert_eq!(zh(-12.34, Unit::Percent), "-12.3%");
        assert_eq!(zh(950.0, Unit::Count), "950");
        assert_eq!(zh(-2.5e12, Unit::USD), "-2.5万亿美元");
        assert_eq!(zh(393.84e9, Unit::CNY), "3,938亿元");
        assert_eq!(zh(-6.97e9, Unit::CNY), "-69.7亿元");
        assert_eq!(zh(f64::NAN, Unit::USD), "–");
        let downloads = Unit::parse("downloads").expect("unit");
        assert_eq!(zh(3.2e8, downloads), "3.2亿次下载");
        let idr = Unit::parse("IDR").expect("currency");
        assert_eq!(zh(5e12, idr), "5万亿 IDR");
        assert_eq!(
            qualified_in(100e9, Unit::USD, Qualifier::About, Lang::Zh),
            "约1,000亿美元"
        );
        // The thread's language picks the form; English stays as it was.
        assert_eq!(
            i18n::with_lang(Lang::Zh, || compact(1e8, Unit::USD)),
            "1亿美元"
        );
        assert_eq!(compact(1e8, Unit::USD), "$100M");
    }

    #[test]
    fn chinese_dates_by_grain() {
        let zh = |p: Option<Period>| p.map(|p| period_label_in(&p, Lang::Zh));
        assert_eq!(zh(Period::month(2025, 11)).as_deref(), Some("2025年11月"));
        assert_eq!(
            zh(Period::quarter(2025, 3)).as_deref(),
            Some("2025年第3季度")
        );
        assert_eq!(zh(Period::year(2025)).as_deref(), Some("2025年"));
        assert_eq!(zh(Period::half(2025, 2)).as_deref(), Some("2025年下半年"));
        let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 28).map(Period::day);
        assert_eq!(zh(day).as_deref(), Some("2025年11月28日"));
        let week = Period::iso_week(2025, 46).ok();
        assert_eq!(zh(week).as_deref(), Some("2025年第46周"));
        let q3 = Period::quarter(2025, 3).expect("quarter");
        assert_eq!(period_label_in(&q3, Lang::En), "Q3 2025");
        assert_eq!(i18n::with_lang(Lang::Zh, || q3.label()), "2025年第3季度");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(10_000_000), "10,000,000");
    }

    #[test]
    fn qualified_values_say_their_wording() {
        assert_eq!(qualified(100e9, Unit::USD, Qualifier::About), "about $100B");
        assert_eq!(
            qualified(300.0, Unit::Count, Qualifier::MoreThan),
            "more than 300"
        );
        assert_eq!(qualified(5e9, Unit::USD, Qualifier::None), "$5B");
    }

    #[test]
    fn headings_name_the_weekday_and_the_fiscal_period_with_its_dates() {
        let hour = Period::at(
            chrono::NaiveDate::from_ymd_opt(2025, 11, 11).expect("date"),
            14 * 60,
            Grain::Hour,
        );
        assert_eq!(
            period_heading_in(&hour, None, Lang::En),
            "Tue 11 Nov 2025 14:00"
        );
        assert_eq!(
            period_heading_in(&hour, None, Lang::Zh),
            "2025年11月11日 周二 14:00"
        );
        // Alibaba's fiscal year starts in April: July to September 2024 is its FY2025 Q2.
        let q = Period::quarter(2024, 3).expect("quarter");
        assert_eq!(
            period_heading_in(&q, Some(4), Lang::En),
            "FY2025 Q2 · 1 Jul–30 Sep 2024"
        );
        assert_eq!(
            period_heading_in(&q, Some(4), Lang::Zh),
            "2025财年第2季度 · 2024年7月1日–2024年9月30日"
        );
        assert_eq!(period_heading_in(&q, None, Lang::En), "Q3 2024");
        // Walmart's FY2025 runs from February 2024 to January 2025.
        let fy = Period::new(
            chrono::NaiveDate::from_ymd_opt(2024, 2, 1).expect("date"),
            Grain::Year,
        );
        assert_eq!(
            period_heading_in(&fy, Some(2), Lang::En),
            "FY2025 · 1 Feb 2024–31 Jan 2025"
        );
    }
}
