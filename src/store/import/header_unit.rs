//! Units and scale written in a column's header — `GMV (USD bn)`, `Revenue (RMB mn)`,
//! `Downloads (m)`, `营收（亿元）`, `GMV, $B`, `Umsatz (Mio. EUR)` — and applying them (or
//! `--scale`) to every value of that column, as a unit column would.

use super::ImportOptions;
use super::fields::{self, ColumnMap, Field, FileKind};
use super::records::ObservationRecord;
use super::value::{count_word, scale_word};
use crate::model::Unit;

/// What a header said besides the column's name.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderUnit {
    /// The header without its unit part: `GMV`, `Revenue`, `营收`.
    pub name: String,
    /// An ISO currency code (`USD`, `CNY`, `EUR`), `count` or `percent`.
    pub unit: Option<String>,
    /// The multiplier from the written number to base units: bn 1e9, mn 1e6, 亿 1e8.
    pub scale: Option<f64>,
}

/// Reads a header's unit part. `Ok(None)`: the header has none (or its brackets hold something
/// else, such as `Note (internal)`). An error: the part reads as a unit but means two things.
pub fn header_unit(header: &str) -> Result<Option<HeaderUnit>, String> {
    let Some((name, suffix)) = split_suffix(header.trim()) else {
        return Ok(None);
    };
    let (name, suffix) = (name.trim(), suffix.trim());
    if name.is_empty() || suffix.is_empty() {
        return Ok(None);
    }
    let mut found = HeaderUnit {
        name: name.to_string(),
        unit: None,
        scale: None,
    };
    let lower = suffix.to_lowercase();
    for token in lower
        .split([' ', '\u{3000}', '/'])
        .filter(|t| !t.is_empty())
    {
        let token = token.trim_end_matches('.');
        let Some(parts) = token_parts(token)? else {
            return Ok(None);
        };
        for part in parts {
            let clash = match part {
                Part::Scale(scale) => found.scale.replace(scale).is_some(),
                Part::Unit(unit) => found.unit.replace(unit.to_string()).is_some(),
            };
            if clash {
                return Err(format!(
                    "the header {header:?} gives two units or two scales; give each once"
                ));
            }
        }
    }
    if found.unit.is_none()
        && name
            .to_lowercase()
            .split_whitespace()
            .last()
            .is_some_and(count_word)
    {
        found.unit = Some("count".into());
    }
    Ok(Some(found))
}

/// `NAME (SUFFIX)`, `NAME（SUFFIX）`, `NAME [SUFFIX]` or `NAME, SUFFIX`.
fn split_suffix(header: &str) -> Option<(&str, &str)> {
    for (open, close) in [('(', ')'), ('（', '）'), ('[', ']')] {
        if let Some(inner) = header.strip_suffix(close) {
            let at = inner.rfind(open)?;
            return Some((&inner[..at], &inner[at + open.len_utf8()..]));
        }
    }
    header.rsplit_once(',')
}

enum Part {
    Scale(f64),
    Unit(&'static str),
}

/// One word of a unit part; `Ok(None)` when it is not a unit word at all.
fn token_parts(token: &str) -> Result<Option<Vec<Part>>, String> {
    if token == "¥" || token == "￥" {
        return Err(
            "\"¥\" is both yuan (CNY) and yen (JPY); write CNY or JPY in the header".into(),
        );
    }
    if let Some(part) = word_part(token) {
        return Ok(Some(vec![part]));
    }
    // A symbol glued to a scale: `$B`, `€m`, `US$bn`.
    for symbol in ["us$", "$", "€", "£"] {
        if let Some(rest) = token.strip_prefix(symbol)
            && let (Some(unit), Some(scale)) = (currency(symbol), header_scale(rest))
        {
            return Ok(Some(vec![Part::Unit(unit), Part::Scale(scale)]));
        }
    }
    Ok(chinese_parts(token))
}

fn word_part(word: &str) -> Option<Part> {
    if let Some(scale) = header_scale(word) {
        return Some(Part::Scale(scale));
    }
    if let Some(unit) = currency(word) {
        return Some(Part::Unit(unit));
    }
    if matches!(word, "%" | "percent" | "pct") {
        return Some(Part::Unit("percent"));
    }
    count_word(word).then_some(Part::Unit("count"))
}

/// Scale words of headers: those value cells take, and the German and Italian abbreviations.
fn header_scale(word: &str) -> Option<f64> {
    scale_word(word).or(match word {
        "tsd" => Some(1e3),
        "mio" | "mln" => Some(1e6),
        "mrd" | "md" => Some(1e9),
        _ => None,
    })
}

fn currency(word: &str) -> Option<&'static str> {
    Some(match word {
        "usd" | "us$" | "$" | "dollar" | "dollars" | "美元" => "USD",
        "eur" | "€" | "euro" | "euros" | "欧元" => "EUR",
        "cny" | "rmb" | "yuan" | "元" | "人民币" | "人民币元" => "CNY",
        "gbp" | "£" => "GBP",
        "jpy" | "yen" | "円" | "日元" => "JPY",
        "brl" | "r$" => "BRL",
        "krw" | "₩" => "KRW",
        _ => return None,
    })
}

/// `亿元`, `万亿元`, `亿美元`, `万人`, `万`: a Chinese magnitude, then a currency or counter.
fn chinese_parts(token: &str) -> Option<Vec<Part>> {
    let mut parts = Vec::new();
    let mut rest = token;
    for (magnitude, scale) in [
        ("万亿", 1e12),
        ("千万", 1e7),
        ("百万", 1e6),
        ("亿", 1e8),
        ("万", 1e4),
        ("千", 1e3),
    ] {
        if let Some(after) = rest.strip_prefix(magnitude) {
            parts.push(Part::Scale(scale));
            rest = after;
            break;
        }
    }
    match rest {
        "" => {}
        "人" | "次" | "个" | "家" | "件" | "单" | "户" => parts.push(Part::Unit("count")),
        other => parts.push(Part::Unit(currency(other)?)),
    }
    (!parts.is_empty()).then_some(parts)
}

/// A unit's text as the store keeps it: any ISO currency, counts, percent.
pub fn stored_unit(text: &str) -> Result<Unit, String> {
    Unit::parse(text).map_err(|e| e.to_string())
}

/// The file's options as the header completes them: a value column found by its unit suffix
/// (the only header with one, when no column is called value or a synonym), and the metric
/// named by that header (`GMV (USD bn)` -> `GMV`) when no metric column or `--set metric` exists.
pub fn complete_options(header: &[String], options: &ImportOptions) -> ImportOptions {
    let mut options = options.clone();
    if options.wide.is_some() {
        return options;
    }
    let Ok(map) = fields::map_columns(FileKind::Observations, header, &options.map) else {
        return options;
    };
    let value_column = match map.columns.get(&Field::Value) {
        Some(&i) => i,
        None => {
            let suffixed: Vec<usize> = header
                .iter()
                .enumerate()
                .filter(|&(i, h)| {
                    !map.columns.values().any(|&c| c == i)
                        && matches!(header_unit(h), Ok(Some(_)) | Err(_))
                })
                .map(|(i, _)| i)
                .collect();
            let [only] = suffixed.as_slice() else {
                return options;
            };
            options
                .map
                .push((Field::Value, header[*only].trim().to_string()));
            *only
        }
    };
    let has_metric = map.columns.contains_key(&Field::Metric)
        || options.set.iter().any(|(f, _)| *f == Field::Metric);
    if !has_metric
        && let Ok(Some(unit)) = header_unit(&header[value_column])
        && !is_value_word(&unit.name)
    {
        options.set.push((Field::Metric, unit.name));
    }
    options
}

/// Whether a header's name part only says "value" (`Value (USD bn)`), naming no metric.
fn is_value_word(name: &str) -> bool {
    fields::map_columns(FileKind::Observations, &[name.to_string()], &[])
        .is_ok_and(|map| map.columns.contains_key(&Field::Value))
}

/// A unit and scale every value of a column takes: from its header or from `--scale`.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnUnit {
    /// Where it was written, for messages: `the header "GMV (USD bn)"` or `--scale 1000000000`.
    pub origin: String,
    pub unit: Option<String>,
    pub scale: Option<f64>,
}

/// The value column's unit, from its header and `--scale`; `None` when neither gives one.
pub fn value_column_unit(
    header: &[String],
    map: &ColumnMap,
    scale: Option<f64>,
) -> Result<Option<ColumnUnit>, String> {
    let column = map.columns.get(&Field::Value).and_then(|&i| header.get(i));
    let from_header = match column {
        Some(text) => header_unit(text)?,
        None => None,
    };
    let origin = column.map(|c| format!("the header {:?}", c.trim()));
    match (from_header, scale) {
        (Some(found), Some(by_hand)) if found.scale.is_some() => Err(format!(
            "{} gives a scale and --scale {by_hand} gives another; give it once",
            origin.unwrap_or_default()
        )),
        (Some(found), by_hand)
            if found.unit.is_some() || found.scale.is_some() || by_hand.is_some() =>
        {
            Ok(Some(ColumnUnit {
                origin: origin.unwrap_or_default(),
                unit: found.unit,
                scale: found.scale.or(by_hand),
            }))
        }
        (_, Some(by_hand)) => Ok(Some(ColumnUnit {
            origin: format!("--scale {by_hand}"),
            unit: None,
            scale: Some(by_hand),
        })),
        _ => Ok(None),
    }
}

impl ColumnUnit {
    /// What the column's unit does, shown with the first row (a dry run shows no values, and a
    /// figure 1e9 off must not pass unseen).
    pub fn describe(&self, first: &ObservationRecord) -> String {
        let unit = self.unit.as_deref().unwrap_or("the metric's unit");
        let scale = self.scale.unwrap_or(1.0);
        let times = if scale >= 1e3 {
            format!("{scale:e}")
        } else {
            format!("{scale}")
        };
        format!(
            "{} reads values as {unit} x {times}: the first, {:?}, is stored as {}",
            self.origin,
            first.value_text,
            first.value.number * scale
        )
    }

    /// Gives the record the column's unit and scale, as a unit column would; a scale or unit
    /// the row states as well is an error, never a guess.
    pub fn apply(&self, record: &mut ObservationRecord) -> Result<(), String> {
        if let Some(scale) = self.scale {
            if record.value.scale.is_some() || record.unit.scale.is_some() {
                return Err(format!(
                    "{} gives a scale (×{scale}) and the row gives one too (e.g. 1.2B, or a unit column's \"billion\"); give it once",
                    self.origin
                ));
            }
            record.unit.scale = Some(scale);
        }
        if let Some(text) = &self.unit {
            let unit =
                stored_unit(text).map_err(|e| format!("{} says {text}: {e}", self.origin))?;
            if let Some(stated) = record.value.unit.or(record.unit.unit)
                && stated != unit
            {
                return Err(format!(
                    "{} says {unit} but the row says {stated}",
                    self.origin
                ));
            }
            record.unit.unit = Some(unit);
        }
        match record.value.unit.or(record.unit.unit) {
            Some(unit) => record
                .resolve_value(Some(super::records::MetricRule {
                    unit,
                    non_negative: false,
                }))
                .map(|_| ()),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(header: &str) -> (String, Option<String>, Option<f64>) {
        let found = header_unit(header)
            .unwrap_or_else(|e| panic!("{header}: {e}"))
            .unwrap_or_else(|| panic!("{header}: no unit read"));
        (found.name, found.unit, found.scale)
    }

    fn is(
        name: &str,
        unit: Option<&str>,
        scale: Option<f64>,
    ) -> (String, Option<String>, Option<f64>) {
        (name.to_string(), unit.map(str::to_string), scale)
    }

    #[test]
    fn headers_name_metric_unit_and_scale() {
        assert_eq!(read("GMV (USD bn)"), is("GMV", Some("USD"), Some(1e9)));
        assert_eq!(
            read("Revenue (RMB mn)"),
            is("Revenue", Some("CNY"), Some(1e6))
        );
        assert_eq!(
            read("Downloads (m)"),
            is("Downloads", Some("count"), Some(1e6))
        );
        assert_eq!(read("营收（亿元）"), is("营收", Some("CNY"), Some(1e8)));
        assert_eq!(read("GMV, $B"), is("GMV", Some("USD"), Some(1e9)));
        assert_eq!(
            read("Sales (€ million)"),
            is("Sales", Some("EUR"), Some(1e6))
        );
        assert_eq!(
            read("Umsatz (Mio. EUR)"),
            is("Umsatz", Some("EUR"), Some(1e6))
        );
        assert_eq!(read("GMV [万亿元]"), is("GMV", Some("CNY"), Some(1e12)));
        assert_eq!(
            read("卖家数（万家）"),
            is("卖家数", Some("count"), Some(1e4))
        );
        assert_eq!(read("Share (%)"), is("Share", Some("percent"), None));
        assert_eq!(read("Sellers (k)"), is("Sellers", Some("count"), Some(1e3)));
    }

    #[test]
    fn other_brackets_and_commas_are_not_units() {
        for header in [
            "GMV",
            "Note (internal)",
            "Platform, name",
            "(USD)",
            "Period (quarter)",
            "value",
        ] {
            assert_eq!(header_unit(header), Ok(None), "{header}");
        }
    }

    #[test]
    fn a_unit_part_meaning_two_things_is_an_error() {
        assert!(
            header_unit("Revenue (¥ bn)")
                .expect_err("yen or yuan")
                .contains("CNY or JPY")
        );
        assert!(header_unit("GMV (bn mn)").is_err());
        assert!(header_unit("GMV (USD EUR)").is_err());
    }

    #[test]
    fn the_value_column_is_found_by_its_unit_and_names_the_metric() {
        let header: Vec<String> = ["Platform", "Quarter", "GMV (USD bn)", "Note (internal)"]
            .map(String::from)
            .to_vec();
        let options = complete_options(&header, &ImportOptions::default());
        assert_eq!(
            options.map,
            vec![(Field::Value, "GMV (USD bn)".to_string())]
        );
        assert_eq!(options.set, vec![(Field::Metric, "GMV".to_string())]);
        let map = fields::map_columns(FileKind::Observations, &header, &options.map).expect("maps");
        let unit = value_column_unit(&header, &map, None)
            .expect("reads")
            .expect("a unit");
        assert_eq!((unit.unit.as_deref(), unit.scale), (Some("USD"), Some(1e9)));
        assert!(value_column_unit(&header, &map, Some(1e6)).is_err());
        let two: Vec<String> = ["Quarter", "GMV (USD bn)", "Orders (m)"]
            .map(String::from)
            .to_vec();
        assert!(
            complete_options(&two, &ImportOptions::default())
                .map
                .is_empty()
        );
    }
}
