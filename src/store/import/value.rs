//! Reading the numbers analysts type: `1,234,567`, `25%`, `1.4B`, `$100 billion`, `~100`, with a
//! unit column such as `USD billion (about)`, into a value in base units.

use super::number::Decimal;
use crate::model::{Qualifier, Unit};

/// A number read from a value cell, with what the cell itself said about unit and wording.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueCell {
    pub number: f64,
    pub scale: Option<f64>,
    pub unit: Option<Unit>,
    pub qualifier: Option<Qualifier>,
}

/// What a unit cell said: the base unit, a scale such as "billion", and a wording such as "(about)".
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct UnitCell {
    pub unit: Option<Unit>,
    pub scale: Option<f64>,
    pub qualifier: Option<Qualifier>,
}

pub const VALUE_EXPECTED: &str =
    "a finite number such as 1234.5, 1,234,567, 25%, 1.4B or $100 billion";
pub const UNIT_EXPECTED: &str = "a unit such as USD, USD billion, million, count or percent (values are stored in USD, counts or percent)";

pub(super) fn scale_word(word: &str) -> Option<f64> {
    match word {
        "k" | "thousand" | "thousands" => Some(1e3),
        "m" | "mn" | "mm" | "million" | "millions" => Some(1e6),
        "b" | "bn" | "billion" | "billions" => Some(1e9),
        "t" | "tn" | "trillion" | "trillions" => Some(1e12),
        _ => None,
    }
}

fn currency_word(word: &str) -> Option<Result<Unit, String>> {
    match word {
        "usd" | "us$" | "$" | "dollars" | "dollar" => Some(Ok(Unit::Usd)),
        "eur" | "€" | "cny" | "rmb" | "¥" | "gbp" | "£" | "jpy" | "brl" | "yuan" | "euro"
        | "euros" => Some(Err(word.to_uppercase())),
        _ => None,
    }
}

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
        "about" | "approximately" | "approx" | "approx." | "around" | "roughly" | "circa" | "~"
        | "approaching" | "nearly" | "almost" => Some(Qualifier::About),
        "more than" | "over" | "above" | "at least" | "surpassed" | "exceeded" | "just over"
        | ">" | ">=" | "+" => Some(Qualifier::MoreThan),
        "less than" | "under" | "below" | "at most" | "<" | "<=" => Some(Qualifier::LessThan),
        _ => None,
    }
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
                Ok(unit) => cell.unit = Some(unit),
                Err(other) => {
                    return Err(format!("{other} (only USD is stored; convert it first)"));
                }
            }
        } else if matches!(word, "%" | "percent" | "pct" | "per cent") {
            cell.unit = Some(Unit::Percent);
        } else if count_word(word) {
            cell.unit = Some(Unit::Count);
        } else {
            return Err(word.to_string());
        }
    }
    Ok(cell)
}

/// Reads a value cell. Errors carry a short reason.
pub fn parse_value(text: &str, decimal: Decimal) -> Result<ValueCell, String> {
    let mut rest = text.trim().to_lowercase();
    if rest.is_empty() {
        return Err("empty".into());
    }
    let mut cell = ValueCell {
        number: 0.0,
        scale: None,
        unit: None,
        qualifier: None,
    };
    // Leading wording: "~", "about", "more than", ">".
    for words in [
        "more than",
        "less than",
        "at least",
        "at most",
        "just over",
        "approximately",
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
    for prefix in ["us$", "usd", "$"] {
        if let Some(after) = rest.strip_prefix(prefix) {
            cell.unit = Some(Unit::Usd);
            rest = after.trim_start().to_string();
            break;
        }
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
    cell.number = parse_number(number_text, decimal)?;
    let mut suffix = suffix.trim();
    if let Some(after) = suffix.strip_suffix('+') {
        cell.qualifier.get_or_insert(Qualifier::MoreThan);
        suffix = after.trim();
    }
    for word in suffix.split_whitespace() {
        let word = word.trim_end_matches('.');
        if let Some(scale) = scale_word(word) {
            if cell.scale.replace(scale).is_some() {
                return Err(format!("two scales in {text:?}"));
            }
        } else if word == "%" {
            cell.unit = Some(Unit::Percent);
        } else if let Some(currency) = currency_word(word) {
            match currency {
                Ok(unit) => cell.unit = Some(unit),
                Err(other) => {
                    return Err(format!("{other} is not stored; convert it to USD first"));
                }
            }
        } else if let Some(stripped) = word.strip_suffix('%') {
            // "1.4b%" makes no sense, but "25%" without a space is the common case handled above.
            return Err(format!("unexpected {stripped:?} before %"));
        } else {
            return Err(format!("unexpected {word:?} after the number"));
        }
    }
    Ok(cell)
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
            (100.0, Some(1e9), Some(Unit::Usd))
        );
        let v = value("US$1.2bn");
        assert_eq!(
            (v.number, v.scale, v.unit),
            (1.2, Some(1e9), Some(Unit::Usd))
        );
        let v = value("12 K");
        assert_eq!((v.number, v.scale), (12.0, Some(1e3)));
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
            "€5",
            "5 EUR",
            "--5",
        ] {
            assert!(
                parse_value(bad, Decimal::Point).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn unit_cells() {
        let u = parse_unit("USD billion").expect("valid");
        assert_eq!((u.unit, u.scale), (Some(Unit::Usd), Some(1e9)));
        let u = parse_unit("USD billion (about)").expect("valid");
        assert_eq!(u.qualifier, Some(Qualifier::About));
        let u = parse_unit("million").expect("valid");
        assert_eq!((u.unit, u.scale), (None, Some(1e6)));
        let u = parse_unit("% YoY").expect("valid");
        assert_eq!(u.unit, Some(Unit::Percent));
        let u = parse_unit("million downloads").expect("valid");
        assert_eq!((u.unit, u.scale), (Some(Unit::Count), Some(1e6)));
        assert_eq!(parse_unit("").expect("empty is fine"), UnitCell::default());
        assert!(parse_unit("EUR billion").is_err());
        assert!(parse_unit("furlongs").is_err());
    }
}
