//! The digits of a value cell as a number, with a decimal point (`1,234,567.8`) or, for files from
//! a European Excel, a decimal comma (`1.234.567,8`); a number that could be read either way is
//! refused with both readings.

/// Which mark a file writes decimals with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decimal {
    /// `1,234,567.8`: commas only group thousands.
    #[default]
    Point,
    /// `1.234.567,8`: points only group thousands (`--decimal-comma`, or a semicolon file).
    Comma,
}

impl Decimal {
    /// The mark the options say a file's numbers use.
    pub fn of(options: &super::ImportOptions) -> Self {
        if options.decimal_comma {
            Decimal::Comma
        } else {
            Decimal::Point
        }
    }
}

/// Reads `text` (digits, separators, a sign, an exponent; no unit or scale words) as a finite number.
pub fn parse_number(text: &str, decimal: Decimal) -> Result<f64, String> {
    if text.is_empty() {
        return Err("not a number".into());
    }
    // The exponent (`1.5e9`, `1,5e9`) is plain digits: only the mantissa has separators.
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => text.split_at(i),
        None => (text, ""),
    };
    let plain = match decimal {
        Decimal::Point => point_mantissa(mantissa)?,
        Decimal::Comma => comma_mantissa(mantissa)?,
    };
    let number: f64 = format!("{plain}{exponent}")
        .parse()
        .map_err(|_| "not a number".to_string())?;
    if !number.is_finite() {
        return Err("beyond the range of a 64-bit float".into());
    }
    Ok(number)
}

/// `1,234,567.8` -> `1234567.8`; `1,5` (a decimal comma) is refused, not misread.
fn point_mantissa(text: &str) -> Result<String, String> {
    if !text.contains(',') {
        return Ok(text.replace('_', ""));
    }
    let (integer, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.contains(',') || !thousands_grouped(integer, ',') {
        return Err(
            "commas are only read as thousands separators (1,234,567); write decimals with a point, or give --decimal-comma"
                .into(),
        );
    }
    Ok(text.replace(',', ""))
}

/// `1.234.567,8` -> `1234567.8`, `5,3` -> `5.3`, `1,234` -> `1.234`. A lone point that could
/// group thousands (`1.234`) is ambiguous; one that cannot (`14.5`) is a decimal point.
fn comma_mantissa(text: &str) -> Result<String, String> {
    let (integer, fraction) = text.split_once(',').unwrap_or((text, ""));
    if fraction.contains([',', '.']) {
        return Err(format!(
            "{text:?} has a point or a second comma after the decimal comma; in this file the comma is the decimal mark (1.234,5)"
        ));
    }
    let decimals = if fraction.is_empty() {
        String::new()
    } else {
        format!(".{fraction}")
    };
    if !integer.contains('.') {
        return Ok(format!("{integer}{decimals}"));
    }
    let grouped = thousands_grouped(integer, '.');
    let points = integer.matches('.').count();
    if grouped && (points > 1 || !fraction.is_empty()) {
        return Ok(format!("{}{decimals}", integer.replace('.', "")));
    }
    if grouped {
        let as_thousands = integer.replace('.', "");
        return Err(format!(
            "{text:?} could be {as_thousands} (a point grouping thousands, as decimal commas imply) or {integer} (a decimal point); write {as_thousands} or {}",
            integer.replace('.', ",")
        ));
    }
    if points == 1 && fraction.is_empty() {
        // `14.5` cannot be a grouping of thousands: only a decimal point reads it.
        return Ok(integer.to_string());
    }
    Err(format!(
        "{text:?} mixes points and commas in a way that reads neither as 1.234,5 nor as 1,234.5"
    ))
}

/// Whether `integer` (an optional sign, then digits) groups its digits by threes with `mark`.
fn thousands_grouped(integer: &str, mark: char) -> bool {
    let digits = integer.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = digits.split(mark).collect();
    !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(text: &str) -> Result<f64, String> {
        parse_number(text, Decimal::Point)
    }

    fn comma(text: &str) -> Result<f64, String> {
        parse_number(text, Decimal::Comma)
    }

    #[test]
    fn decimal_points_with_comma_thousands() {
        assert_eq!(point("1,234,567.8"), Ok(1_234_567.8));
        assert_eq!(point("1234.5"), Ok(1234.5));
        assert_eq!(point("-12,345"), Ok(-12_345.0));
        assert_eq!(point("1_000"), Ok(1000.0));
        assert_eq!(point("1.5e9"), Ok(1.5e9));
        assert!(point("1,5").is_err());
        assert!(point("12,34,567").is_err());
        // A European number must not lose its decimal comma into 1.2345.
        assert!(point("1.234,5").is_err());
    }

    #[test]
    fn decimal_commas_with_point_thousands() {
        assert_eq!(comma("1.234,5"), Ok(1234.5));
        assert_eq!(comma("5,3"), Ok(5.3));
        assert_eq!(comma("1,234"), Ok(1.234));
        assert_eq!(comma("1.234.567"), Ok(1_234_567.0));
        assert_eq!(comma("1.234.567,89"), Ok(1_234_567.89));
        assert_eq!(comma("-0,5"), Ok(-0.5));
        assert_eq!(comma("1234"), Ok(1234.0));
        assert_eq!(comma("14.5"), Ok(14.5));
        assert_eq!(comma("1,5e9"), Ok(1.5e9));
    }

    #[test]
    fn a_number_read_two_ways_is_an_error_naming_both() {
        let err = comma("1.234").expect_err("ambiguous");
        assert!(err.contains("1234") && err.contains("1.234"), "{err}");
        assert!(comma("1,234.5").is_err());
        assert!(comma("1,2,3").is_err());
        assert!(comma("12.34.5").is_err());
    }
}
