//! Values as people read them: `$1.2B`, `340M`, `25%`, with the source's wording ("about $100B").

use super::{Qualifier, Unit};

/// A compact form with three significant figures at most: `$100B`, `$1.36B`, `340M`, `12.5%`.
pub fn compact(value: f64, unit: Unit) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    if unit == Unit::Percent {
        return format!("{}%", trim_number(value, 1));
    }
    if let Unit::Other(name) = unit {
        return format!("{} {name}", compact(value, Unit::Plain));
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

/// `compact` with the qualifier's words in front: "about $100B", "more than 300".
pub fn qualified(value: f64, unit: Unit, qualifier: Qualifier) -> String {
    format!("{}{}", qualifier.prefix(), compact(value, unit))
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
}
