//! How sure a figure is (actual / estimate / forecast) and how it was worded ("about", "more than").

use serde::{Deserialize, Serialize};

use super::VocabularyError;

/// Whether a figure was reported, estimated by someone else, or projected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Reported by the company or an official statistic.
    Actual,
    /// A media or analyst estimate.
    Estimate,
    /// A target, guidance or projection.
    Forecast,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Actual, Kind::Estimate, Kind::Forecast];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actual => "actual",
            Kind::Estimate => "estimate",
            Kind::Forecast => "forecast",
        }
    }

    /// The small integer the store keeps.
    pub fn code(self) -> i64 {
        self as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "actual" | "actuals" | "reported" => Ok(Kind::Actual),
            "estimate" | "estimated" | "est" | "est." | "e" => Ok(Kind::Estimate),
            "forecast" | "projection" | "projected" | "guidance" | "target" | "f" => {
                Ok(Kind::Forecast)
            }
            _ => Err(VocabularyError {
                expected: "actual, estimate or forecast",
                found: text.to_string(),
            }),
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the source worded the figure: a bound or an approximation is not a measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    None,
    About,
    MoreThan,
    LessThan,
    /// "approaching $100B": an upper bound the figure nears.
    Approaching,
    /// "up to": an upper bound.
    UpTo,
    /// "at least": a lower bound, inclusive.
    AtLeast,
}

impl Qualifier {
    /// The form stored and exported; empty for an exact figure.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::About => "about",
            Qualifier::MoreThan => "more than",
            Qualifier::LessThan => "less than",
            Qualifier::Approaching => "approaching",
            Qualifier::UpTo => "up to",
            Qualifier::AtLeast => "at least",
        }
    }

    pub const ALL: [Qualifier; 7] = [
        Qualifier::None,
        Qualifier::About,
        Qualifier::MoreThan,
        Qualifier::LessThan,
        Qualifier::Approaching,
        Qualifier::UpTo,
        Qualifier::AtLeast,
    ];

    /// The small integer the store keeps.
    pub fn code(self) -> i64 {
        Self::ALL.iter().position(|q| *q == self).unwrap_or(0) as i64
    }

    pub fn from_code(code: i64) -> Option<Self> {
        usize::try_from(code)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }

    /// The words put before a value when it is shown, e.g. "about $100B".
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::About => "about ",
            Qualifier::MoreThan => "more than ",
            Qualifier::LessThan => "less than ",
            Qualifier::Approaching => "approaching ",
            Qualifier::UpTo => "up to ",
            Qualifier::AtLeast => "at least ",
        }
    }

    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        let lower = text.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        match lower.as_str() {
            "" | "none" | "exact" | "=" => Ok(Qualifier::None),
            "about" | "approximately" | "approx" | "approx." | "around" | "roughly" | "~"
            | "circa" | "c." => Ok(Qualifier::About),
            "more than" | "over" | "above" | ">" | "exceeded" => Ok(Qualifier::MoreThan),
            "less than" | "under" | "below" | "<" => Ok(Qualifier::LessThan),
            "approaching" | "nearly" | "almost" | "close to" | "near" => Ok(Qualifier::Approaching),
            "up to" | "at most" | "<=" => Ok(Qualifier::UpTo),
            "at least" | ">=" | "no less than" => Ok(Qualifier::AtLeast),
            _ => Err(VocabularyError {
                expected: "about, more than, less than, approaching, up to, at least or empty",
                found: text.to_string(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_round_trips_and_defaults_to_actual() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Ok(kind));
        }
        assert_eq!(Kind::parse(""), Ok(Kind::Actual));
        assert_eq!(Kind::parse(" Estimate "), Ok(Kind::Estimate));
        assert!(Kind::parse("rumour").is_err());
    }

    #[test]
    fn qualifier_accepts_the_research_wordings() {
        assert_eq!(Qualifier::parse("about"), Ok(Qualifier::About));
        assert_eq!(Qualifier::parse("More than"), Ok(Qualifier::MoreThan));
        assert_eq!(Qualifier::parse("more_than"), Ok(Qualifier::MoreThan));
        assert_eq!(Qualifier::parse("less than"), Ok(Qualifier::LessThan));
        assert_eq!(Qualifier::parse(""), Ok(Qualifier::None));
        assert!(Qualifier::parse("maybe").is_err());
        for q in [
            Qualifier::None,
            Qualifier::About,
            Qualifier::MoreThan,
            Qualifier::LessThan,
        ] {
            assert_eq!(Qualifier::parse(q.as_str()), Ok(q));
        }
    }
}
