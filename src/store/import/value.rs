//! Reading the numbers analysts type: `1,234,567`, `25%`, `1.4B`, `$100 billion`, `~100`,
//! `RMB 393.8 billion`, `3,938.4亿`, `1.2万亿美元`, `(1.2B)`, `−3%`, with a unit column such as
//! `USD billion (about)`, into a value in base units.

use super::number::Decimal;
use crate::model::{Currency, Qualifier, Unit};

/// A number read from a value cell, with what the cell itself said about unit and wording.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueCell {
    pub number: f64,
    pub scale: Option<f64>,
    pub unit: Option<Unit>,
    pub qualifier: Option<Qualifier>,
    /// `¥` was written: CNY or JPY, whichever the metric is in (an error for any other metric).
    pub yen: bool,
}

/// What a unit cell said: the base unit, a scale such as "billion", and a wording such as "(about)".
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct UnitCell {
    pub unit: Option<Unit>,
    pub scale: Option<f64>,
    pub qualifier: Option<Qualifier>,
}

pub const VALUE_EXPECTED: &str = "a finite number such as 1234.5, 1,234,567, -3%, (1.2B), 1.4B, $100 billion, RMB 393.8 billion or 12.5亿元";
pub const UNIT_EXPECTED: &str =
    "a unit such as USD, CNY billion, million, count, percent, or a unit of your own (users, MWh)";

pub(super) fn scale_word(word: &str) -> Option<f64> {
    match word {
        "k" | "thousand" | "thousands" => Some(1e3),
        "m" | "mn" | "mm" | "million" | "millions" => Some(1e6),
        "b" | "bn" | "billion" | "billions" => Some(1e9),
        "t" | "tn" | "trillion" | "trillions" => Some(1e12),
        // Portuguese and Spanish, as Brazilian and Mexican filings print them.
        "mil" => Some(1e3),
        "mi" | "milhões" | "millones" => Some(1e6),
        "bi" | "bilhões" | "mil millones" => Some(1e9),
        _ => None,
    }
}

/// A currency word: `Some(None)` for `¥`, which the metric's unit must decide.
fn currency_word(word: &str) -> Option<Option<Currency>> {
    if matches!(word, "¥" | "￥") {
        return Some(None);
    }
    Currency::parse(word).map(Some)
}

/// Chinese magnitudes and unit words written straight after the number: 亿 1e8, 万 1e4, 万亿 1e12;
/// 元 and 人民币 CNY, 美元 USD, 欧元 EUR; 次, 个, 人, 家, 件, 单 counts.
const CHINESE_TOKENS: [(&str, Option<f64>, Option<Unit>); 16] = [
    ("万亿", Some(1e12), None),
    ("亿", Some(1e8), None),
    ("百万", Some(1e6), None),
    ("万", Some(1e4), None),
    ("千", Some(1e3), None),
    ("美元", None, Some(Unit::USD)),
    ("人民币", None, Some(Unit::CNY)),
    ("欧元", None, Some(Unit::Currency(Currency::EUR))),
    ("元", None, Some(Unit::CNY)),
    ("次", None, Some(Unit::Count)),
    ("个", None, Some(Unit::Count)),
    ("人", None, Some(Unit::Count)),
    ("家", None, Some(Unit::Count)),
    ("件", None, Some(Unit::Count)),
    ("单", None, Some(Unit::Count)),
    ("笔", None, Some(Unit::Count)),
];

pub(super) fn count_word(word: &str) -> bool {
    matches!(
        word,
        "count"
            | "number"
            | "units"
            | "downloads"
            | "installs"
            | "users"
            | "sellers"
            | "merchants"
            | "brands"
            | "shipments"
            | "entries"
            | "orders"
            | "parcels"
            | "items"
            | "people"
            | "buyers"
            | "customers"
    )
}

fn qualifier_words(text: &str) -> Option<Qualifier> {
    match text {
        "about" | "approximately" | "approx" | "approx." | "around" | "roughly" | "circa" | "~" => {
            Some(Qualifier::About)
        }
        "approaching" | "nearly" | "almost" => Some(Qualifier::Approaching),
        "more than" | "over" | "above" | "surpassed" | "exceeded" | "just over" | ">" | "+" => {
            Some(Qualifier::MoreThan)
        }
        "at least" | ">=" => Some(Qualifier::AtLeast),
        "less than" | "under" | "below" | "<" => Some(Qualifier::LessThan),
        "up to" | "at most" | "<=" => Some(Qualifier::UpTo),
        _ => None,
    }
}

/// The word as the cell wrote it (the parser works on lowercase).
fn original_word<'t>(text: &'t str, lower: &str) -> &'t str {
    text.split_whitespace()
        .find(|w| w.to_lowercase() == lower)
        .unwrap_or("")
}

/// Reads a unit cell. Errors carry what was not understood.
pub fn parse_unit(text: &str) -> Result<UnitCell, String> {
    let mut cell = UnitCell::default();
    let lower = text.trim().to_lowercase();
    // A parenthesised wording: "USD billion (about)".
    let (main, paren) = match (lower.find('('), lower.rfind(')')) {
        (Some(open), Some(close)) if close > open => (
            format!("{}{}", &lower[..open], &lower[close + 1..]),
            Some(lower[open + 1..close].trim().to_string()),
        ),
        _ => (lower.clone(), None),
    };
    if let Some(words) = paren {
        cell.qualifier = Some(qualifier_words(&words).ok_or_else(|| format!("({words})"))?);
    }
    let main = main.replace("% yoy", "%").replace("yoy", "");
    for word in main.split_whitespace() {
        if let Some(scale) = scale_word(word) {
            cell.scale = Some(scale);
        } else if let Some(currency) = currency_word(word) {
            match currency {
                Some(c) => cell.unit = Some(Unit::Currency(c)),
                None => return Err("¥ (CNY or JPY? write CNY, RMB or JPY)".into()),
            }
        } else if matches!(word, "%" | "percent" | "pct" | "per cent") {
            cell.unit = Some(Unit::Percent);
        } else if count_word(word) {
            cell.unit = Some(Unit::Count);
        } else if Currency::looks_like_code(original_word(text, word)) {
            return Err(format!(
                "{} is not an ISO 4217 currency code",
                word.to_uppercase()
            ));
        } else {
            // A unit of the user's own: "MWh", "CNY per USD". The whole cell names it.
            return match Unit::parse(text.split('(').next().unwrap_or(text)) {
                Ok(unit @ Unit::Other(_)) => {
                    cell.unit = Some(unit);
                    Ok(cell)
                }
                Ok(_) => Err(word.to_string()),
                Err(e) => Err(e.to_string()),
            };
        }
    }
    Ok(cell)
}

/// Reads a value cell. Errors carry a short reason.
pub fn parse_value(text: &str, decimal: Decimal) -> Result<ValueCell, String> {
    // Machine-made files write plain numbers: read them without the general parser's copies.
    if let Some(number) = plain_number(text).filter(|_| decimal == Decimal::Point) {
        return Ok(ValueCell {
            number,
            scale: None,
            unit: None,
            qualifier: None,
            yen: false,
        });
    }
    let mut rest = text
        .trim()
        .replace(['\u{2212}', '\u{2013}'], "-")
        .to_lowercase();
    if rest.is_empty() {
        return Err("empty".into());
    }
    let mut cell = ValueCell {
        number: 0.0,
        scale: None,
        unit: None,
        qualifier: None,
        yen: false,
    };
    // Accounting negatives: "(8,035)", "(1.2B)".
    let mut negative = false;
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        rest = inner.trim().to_string();
    }
    // Leading wording: "~", "about", "more than", ">".
    for words in [
        "more than",
        "less than",
        "at least",
        "at most",
        "up to",
        "just over",
        "approximately",
        "approaching",
        "approx.",
        "approx",
        "about",
        "around",
        "roughly",
        "nearly",
        "almost",
        "over",
        "under",
        ">=",
        "<=",
        "~",
        ">",
        "<",
    ] {
        if let Some(after) = rest.strip_prefix(words) {
            cell.qualifier = qualifier_words(words);
            rest = after.trim_start().to_string();
            break;
        }
    }
    // "-$1.2B": a sign before the currency.
    if rest.starts_with('-') && !rest[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        negative = !negative;
        rest = rest[1..].trim_start().to_string();
    }
    if let Some((currency, after)) = currency_prefix(&rest) {
        match currency {
            Some(c) => cell.unit = Some(Unit::Currency(c)),
            None => cell.yen = true,
        }
        rest = after.trim_start().to_string();
    }
    let number_end = rest
        .char_indices()
        .find(|&(i, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || c == ','
                || c == '_'
                || ((c == '-' || c == '+') && i == 0)
                || (c == 'e'
                    && i > 0
                    && rest[i + 1..]
                        .starts_with(|d: char| d.is_ascii_digit() || d == '-' || d == '+')))
        })
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let (number_text, suffix) = rest.split_at(number_end);
    let number = parse_number(number_text, decimal)?;
    if negative && number < 0.0 {
        return Err("negative twice (a minus sign inside parentheses)".into());
    }
    cell.number = if negative { -number } else { number };
    let mut suffix = suffix.trim();
    if let Some(after) = suffix.strip_suffix('+') {
        cell.qualifier.get_or_insert(Qualifier::MoreThan);
        suffix = after.trim();
    }
    let suffix = chinese_suffix(suffix, &mut cell, text)?;
    for word in suffix.split_whitespace() {
        let word = word.trim_end_matches('.');
        if let Some(scale) = scale_word(word) {
            set_scale(&mut cell, scale, text)?;
        } else if word == "%" {
            cell.unit = Some(Unit::Percent);
        } else if let Some(currency) = currency_word(word) {
            set_currency(&mut cell, currency, text)?;
        } else if let Some(stripped) = word.strip_suffix('%') {
            // "1.4b%" makes no sense, but "25%" without a space is the common case handled above.
            return Err(format!("unexpected {stripped:?} before %"));
        } else {
            return Err(format!("unexpected {word:?} after the number"));
        }
    }
    Ok(cell)
}

/// `1234`, `-12.5`: digits with at most one point and a leading minus, nothing else (no comma,
/// so no thousands-or-decimal question arises).
fn plain_number(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let digits = b.strip_prefix(b"-").unwrap_or(b);
    let ok = !digits.is_empty()
        && digits.iter().filter(|&&c| c == b'.').count() <= 1
        && digits.iter().all(|&c| c.is_ascii_digit() || c == b'.')
        && digits.iter().any(u8::is_ascii_digit);
    if !ok {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn set_scale(cell: &mut ValueCell, scale: f64, text: &str) -> Result<(), String> {
    if cell.scale.replace(scale).is_some() {
        return Err(format!("two scales in {text:?}"));
    }
    Ok(())
}

fn set_currency(
    cell: &mut ValueCell,
    currency: Option<Currency>,
    text: &str,
) -> Result<(), String> {
    let unit = currency.map(Unit::Currency);
    match (cell.unit, unit) {
        (Some(a), Some(b)) if a != b => Err(format!("two currencies in {text:?}: {a} and {b}")),
        (_, Some(b)) => {
            cell.unit = Some(b);
            Ok(())
        }
        (_, None) => {
            cell.yen = true;
            Ok(())
        }
    }
}

/// A currency written before the number: `$`, `US$`, `R$`, `€`, `£`, `¥`, or a code or alias
/// followed by a space or digit (`RMB 393.8`, `CNY393.8`).
fn currency_prefix(text: &str) -> Option<(Option<Currency>, &str)> {
    for symbol in ["us$", "r$", "cn¥", "$", "€", "£"] {
        if let Some(after) = text.strip_prefix(symbol) {
            return Some((currency_word(symbol)?, after));
        }
    }
    for symbol in ["¥", "￥"] {
        if let Some(after) = text.strip_prefix(symbol) {
            return Some((None, after));
        }
    }
    let word_end = text
        .find(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '-' || c == '.')
        .unwrap_or(text.len());
    let (word, after) = text.split_at(word_end);
    if word.is_empty() || after.is_empty() {
        return None;
    }
    Currency::parse(word).map(|c| (Some(c), after))
}

/// Takes the Chinese magnitudes and unit words off the front of a suffix ("亿元", "万亿美元").
fn chinese_suffix<'s>(
    mut suffix: &'s str,
    cell: &mut ValueCell,
    text: &str,
) -> Result<&'s str, String> {
    'tokens: loop {
        suffix = suffix.trim_start();
        for (token, scale, unit) in CHINESE_TOKENS {
            if let Some(after) = suffix.strip_prefix(token) {
                if let Some(scale) = scale {
                    set_scale(cell, scale, text)?;
                }
                if let Some(unit) = unit {
                    match unit.currency() {
                        Some(c) => set_currency(cell, Some(c), text)?,
                        None => cell.unit = Some(unit),
                    }
                }
                suffix = after;
                continue 'tokens;
            }
        }
        return Ok(suffix);
    }
}

fn parse_number(text: &str, decimal: Decimal) -> Result<f64, String> {
    super::number::parse_number(text, decimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> ValueCell {
        parse_value(text, Decimal::Point).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn plain_numbers_and_separators() {
        assert_eq!(value("1234.5").number, 1234.5);
        assert_eq!(value("1,234,567").number, 1_234_567.0);
        assert_eq!(value("-12.5").number, -12.5);
        assert_eq!(value("1e9").number, 1e9);
        assert_eq!(value(" 42 ").number, 42.0);
        assert!(parse_value("1,5", Decimal::Point).is_err());
        assert!(parse_value("12,34,567", Decimal::Point).is_err());
    }

    #[test]
    fn suffixes_percent_and_currency() {
        let v = value("1.4B");
        assert_eq!((v.number, v.scale), (1.4, Some(1e9)));
        let v = value("340m");
        assert_eq!((v.number, v.scale), (340.0, Some(1e6)));
        let v = value("25%");
        assert_eq!((v.number, v.unit), (25.0, Some(Unit::Percent)));
        let v = value("$100 billion");
        assert_eq!(
            (v.number, v.scale, v.unit),
            (100.0, Some(1e9), Some(Unit::USD))
        );
        let v = value("US$1.2bn");
        assert_eq!(
            (v.number, v.scale, v.unit),
            (1.2, Some(1e9), Some(Unit::USD))
        );
        let v = value("12 K");
        assert_eq!((v.number, v.scale), (12.0, Some(1e3)));
    }

    #[test]
    fn chinese_magnitudes_currencies_and_negatives() {
        let v = value("3,938.4亿");
        assert_eq!((v.number, v.scale, v.unit), (3938.4, Some(1e8), None));
        let v = value("1.2万亿美元");
        assert_eq!(
            (v.number, v.scale, v.unit),
            (1.2, Some(1e12), Some(Unit::USD))
        );
        let v = value("3000万");
        assert_eq!((v.number, v.scale), (3000.0, Some(1e4)));
        let v = value("12.5亿元");
        assert_eq!(
            (v.number, v.scale, v.unit),
            (12.5, Some(1e8), Some(Unit::CNY))
        );
        let v = value("RMB 393.8 billion");
        assert_eq!(
            (v.number, v.scale, v.unit),
            (393.8, Some(1e9), Some(Unit::CNY))
        );
        let v = value("¥1.2B");
        assert_eq!((v.number, v.scale, v.yen), (1.2, Some(1e9), true));
        let v = value("€5");
        assert_eq!(v.unit, Some(Unit::Currency(Currency::EUR)));
        let v = value("5 EUR");
        assert_eq!(v.unit, Some(Unit::Currency(Currency::EUR)));
        assert_eq!(value("-1.2B").number, -1.2);
        assert_eq!(value("(1.2B)").number, -1.2);
        assert_eq!(value("(8,035)").number, -8035.0);
        let v = value("\u{2212}3%");
        assert_eq!((v.number, v.unit), (-3.0, Some(Unit::Percent)));
        assert_eq!(value("-$1.2B").number, -1.2);
        assert!(
            parse_value("$5 CNY", Decimal::Point).is_err(),
            "two currencies"
        );
        assert!(parse_value("3亿万", Decimal::Point).is_err(), "two scales");
    }

    #[test]
    fn wording_becomes_a_qualifier() {
        assert_eq!(value("~100").qualifier, Some(Qualifier::About));
        assert_eq!(value("about 100").qualifier, Some(Qualifier::About));
        assert_eq!(value(">300").qualifier, Some(Qualifier::MoreThan));
        assert_eq!(value("300+").qualifier, Some(Qualifier::MoreThan));
        assert_eq!(value("less than 5").qualifier, Some(Qualifier::LessThan));
        assert_eq!(value("100").qualifier, None);
    }

    #[test]
    fn non_numbers_and_non_finite_values_are_errors() {
        for bad in [
            "",
            "abc",
            "NaN",
            "nan",
            "inf",
            "-infinity",
            "1e400",
            "12x",
            "1.2.3",
            "--5",
            "(-5)",
            "5 furlongs",
        ] {
            assert!(
                parse_value(bad, Decimal::Point).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn unit_cells() {
        let u = parse_unit("CNY billion").expect("valid");
        assert_eq!((u.unit, u.scale), (Some(Unit::CNY), Some(1e9)));
        let u = parse_unit("RMB million").expect("valid");
        assert_eq!((u.unit, u.scale), (Some(Unit::CNY), Some(1e6)));
        let u = parse_unit("CNY per USD").expect("a unit of its own");
        assert_eq!(u.unit.map(|u| u.as_str()), Some("CNY per USD"));
        let u = parse_unit("USD billion").expect("valid");
        assert_eq!((u.unit, u.scale), (Some(Unit::USD), Some(1e9)));
        let u = parse_unit("USD billion (about)").expect("valid");
        assert_eq!(u.qualifier, Some(Qualifier::About));
        let u = parse_unit("million").expect("valid");
        assert_eq!((u.unit, u.scale), (None, Some(1e6)));
        let u = parse_unit("% YoY").expect("valid");
        assert_eq!(u.unit, Some(Unit::Percent));
        let u = parse_unit("million downloads").expect("valid");
        assert_eq!((u.unit, u.scale), (Some(Unit::Count), Some(1e6)));
        assert_eq!(parse_unit("").expect("empty is fine"), UnitCell::default());
        assert!(parse_unit("USS billion").is_err());
        assert!(parse_unit("¥ billion").is_err());
    }
}
