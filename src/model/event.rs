//! Something that happened on a date and may move the figures: a tariff, a de minimis change, a
//! platform's strategy shift.

use serde::{Deserialize, Serialize};

use super::{Period, Source, VocabularyError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventCategory {
    Policy,
    Strategy,
    Logistics,
    Promotion,
    Corporate,
    Other,
}

impl EventCategory {
    pub const ALL: [EventCategory; 6] = [
        EventCategory::Policy,
        EventCategory::Strategy,
        EventCategory::Logistics,
        EventCategory::Promotion,
        EventCategory::Corporate,
        EventCategory::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventCategory::Policy => "policy",
            EventCategory::Strategy => "strategy",
            EventCategory::Logistics => "logistics",
            EventCategory::Promotion => "promotion",
            EventCategory::Corporate => "corporate",
            EventCategory::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Result<Self, VocabularyError> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.is_empty() {
            return Ok(EventCategory::Other);
        }
        EventCategory::ALL
            .into_iter()
            .find(|c| c.as_str() == lower)
            .ok_or(VocabularyError {
                expected: "policy, strategy, logistics, promotion, corporate or other",
                found: text.to_string(),
            })
    }
}

impl std::fmt::Display for EventCategory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: i64,
    /// When it happened, as precisely as the source says (`2025-11` is "some day in November").
    pub date: Period,
    pub end: Option<Period>,
    pub title: String,
    pub category: EventCategory,
    pub platform: Option<String>,
    pub region: Option<String>,
    pub description: String,
    pub source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_round_trip() {
        for c in EventCategory::ALL {
            assert_eq!(EventCategory::parse(c.as_str()), Ok(c));
        }
        assert_eq!(EventCategory::parse("Policy"), Ok(EventCategory::Policy));
        assert!(EventCategory::parse("gossip").is_err());
    }
}
