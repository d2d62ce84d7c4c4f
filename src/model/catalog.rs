//! The reference tables: platforms, regions, metrics with their units, and sources.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Unit, VocabularyError};

/// An sRGB colour, stored in the store as `#RRGGBB` so a platform looks the same in every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    pub fn parse_hex(text: &str) -> Result<Self, VocabularyError> {
        let err = || VocabularyError {
            expected: "a colour like #E69F00",
            found: text.to_string(),
        };
        let hex = text.trim().strip_prefix('#').ok_or_else(err)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(err());
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| err());
        Ok(Rgb([byte(0)?, byte(2)?, byte(4)?]))
    }

    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02X}{g:02X}{b:02X}")
    }
}

/// A company's marketplace, or an aggregate scope (a whole market) that figures are given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlatformType {
    #[default]
    Platform,
    Aggregate,
}

impl PlatformType {
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformType::Platform => "platform",
            PlatformType::Aggregate => "aggregate",
        }
    }

    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "platform" => Ok(PlatformType::Platform),
            "aggregate" | "market" => Ok(PlatformType::Aggregate),
            _ => Err(VocabularyError {
                expected: "platform or aggregate",
                found: text.to_string(),
            }),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Platform {
    pub id: String,
    pub name: String,
    /// The Chinese name where one is used, e.g. 速卖通 for AliExpress.
    pub name_zh: Option<String>,
    pub parent: Option<String>,
    pub parent_zh: Option<String>,
    pub colour: Rgb,
    pub platform_type: PlatformType,
    /// The month (1-12) its fiscal year starts in; `None` for the calendar year.
    pub fiscal_year_start: Option<u32>,
}

impl Platform {
    /// "AliExpress 速卖通": the display name with the Chinese name where there is one.
    pub fn full_name(&self) -> String {
        match &self.name_zh {
            Some(zh) if !zh.is_empty() => format!("{} {zh}", self.name),
            _ => self.name.clone(),
        }
    }

    /// "PDD Holdings 拼多多", or `None` when the parent is unknown.
    pub fn parent_label(&self) -> Option<String> {
        let parent = self.parent.as_deref().filter(|p| !p.is_empty())?;
        Some(match self.parent_zh.as_deref().filter(|p| !p.is_empty()) {
            Some(zh) => format!("{parent} {zh}"),
            None => parent.to_string(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub unit: Unit,
    /// Whether a negative figure is meaningless (GMV, downloads) rather than a loss or a decline.
    pub non_negative: bool,
    pub aggregate: Aggregate,
    pub description: String,
}

/// A metric whose figures are computed when read, from the formula over other series
/// (`gmv / downloads`). Its name and unit are in its [`Metric`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulaMetric {
    pub metric: String,
    pub formula: String,
}

/// How a metric's figures combine over time: the rule that builds a year from its quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// A flow, summed: GMV, revenue, downloads.
    #[default]
    Sum,
    /// A stock, its value at the end of the period: sellers, MAU.
    Last,
    /// A rate, averaged: growth %, take rate, exchange rates.
    Mean,
}

impl Aggregate {
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Last => "last",
            Aggregate::Mean => "mean",
        }
    }

    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "sum" | "flow" | "total" => Ok(Aggregate::Sum),
            "last" | "stock" | "end" | "end of period" => Ok(Aggregate::Last),
            "mean" | "average" | "avg" | "rate" => Ok(Aggregate::Mean),
            _ => Err(VocabularyError {
                expected: "sum (a flow), last (a stock) or mean (a rate)",
                found: text.to_string(),
            }),
        }
    }

    /// The default for a metric of `unit`: rates average, everything else sums.
    pub fn for_unit(unit: Unit) -> Self {
        match unit {
            Unit::Percent | Unit::Plain => Aggregate::Mean,
            Unit::Other(name) if name.contains(" per ") => Aggregate::Mean,
            _ => Aggregate::Sum,
        }
    }
}

/// Who published a figure. Identified by publisher and URL (empty when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Source {
    pub id: i64,
    pub publisher: String,
    pub title: String,
    pub url: String,
    pub published: Option<NaiveDate>,
}

impl Source {
    /// "Wallstreetcn, 9 Jan 2026", the short form shown beside a figure.
    pub fn citation(&self) -> String {
        match self.published {
            Some(date) => format!("{}, {}", self.publisher, date.format("%-d %b %Y")),
            None => self.publisher.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_as_hex() {
        let c = Rgb::parse_hex("#e69f00").expect("valid hex");
        assert_eq!(c, Rgb([0xE6, 0x9F, 0x00]));
        assert_eq!(c.to_hex(), "#E69F00");
        assert!(Rgb::parse_hex("E69F00").is_err());
        assert!(Rgb::parse_hex("#E69F0").is_err());
        assert!(Rgb::parse_hex("#GG9F00").is_err());
        assert!(Rgb::parse_hex("#é9F00").is_err());
    }

    #[test]
    fn names_show_chinese_and_parent_where_known() {
        let p = Platform {
            id: "aliexpress".into(),
            name: "AliExpress".into(),
            name_zh: Some("速卖通".into()),
            parent: Some("Alibaba Group".into()),
            parent_zh: Some("阿里巴巴".into()),
            colour: Rgb([0, 0, 0]),
            platform_type: PlatformType::Platform,
            fiscal_year_start: None,
        };
        assert_eq!(p.full_name(), "AliExpress 速卖通");
        assert_eq!(p.parent_label().as_deref(), Some("Alibaba Group 阿里巴巴"));
        let bare = Platform {
            name_zh: None,
            parent: None,
            ..p
        };
        assert_eq!(bare.full_name(), "AliExpress");
        assert_eq!(bare.parent_label(), None);
    }
}
