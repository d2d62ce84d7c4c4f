//! What a presenter prepares: saved views (a named snapshot of what is on screen) and stories (an
//! ordered list of steps, each a view with a title and a caption). The view state is the
//! dashboard's own JSON, kept opaque here so the store never depends on the UI.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    #[serde(default)]
    pub caption: String,
    /// The dashboard's view state (view, selections, time window, y mode, measure) as JSON.
    pub state: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryStep {
    pub title: String,
    #[serde(default)]
    pub caption: String,
    pub state: serde_json::Value,
    /// Series (platform ids) or event titles to emphasise in this step.
    #[serde(default)]
    pub highlights: Vec<String>,
    /// The title in Chinese, where the story has one (`title` is shown where not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_zh: Option<String>,
    /// The caption in Chinese, where the story has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption_zh: Option<String>,
}

impl StoryStep {
    /// The title in `lang`, falling back to the English one where it has no translation.
    pub fn title_in(&self, lang: crate::i18n::Lang) -> &str {
        localized(&self.title, self.title_zh.as_deref(), lang)
    }

    /// The caption in `lang`, falling back to the English one where it has no translation.
    pub fn caption_in(&self, lang: crate::i18n::Lang) -> &str {
        localized(&self.caption, self.caption_zh.as_deref(), lang)
    }
}

fn localized<'a>(en: &'a str, zh: Option<&'a str>, lang: crate::i18n::Lang) -> &'a str {
    match (lang, zh) {
        (crate::i18n::Lang::Zh, Some(zh)) if !zh.trim().is_empty() => zh,
        _ => en,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Story {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub steps: Vec<StoryStep>,
    /// The stored save this copy was read from (`None`: not read from a store, so a save
    /// replaces whatever is there, as a presentations file's import does). Not in the file.
    #[serde(skip)]
    pub version: Option<StoryVersion>,
}

/// Which save of a stored story a copy was read from, and who made that save and when. Saving
/// the copy again is refused once the store's story has been saved since: two presenters editing
/// one story never overwrite each other unknowingly (optimistic locking).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoryVersion {
    /// Counts the saves; 0 for a story that is not stored yet (its save is refused if one of
    /// the same name has been stored meanwhile).
    pub revision: i64,
    pub changed_by: String,
    pub changed_at: String,
}

impl StoryVersion {
    /// What a new story expects: no story of its name in the store.
    pub fn new_story() -> Self {
        StoryVersion::default()
    }
}

/// Two stories are the same story when their contents are: where each was read from is not
/// part of it (a copy read from a file and one read from a server are equal).
impl PartialEq for Story {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.description == other.description
            && self.steps == other.steps
    }
}

/// The file `marketscope views export` writes and `views import` reads: views and stories
/// without any data, so a colleague can share a story without sharing a store.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Presentations {
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub views: Vec<SavedView>,
    #[serde(default)]
    pub stories: Vec<Story>,
}

/// The `format` tag of an exported presentations file.
pub const PRESENTATIONS_FORMAT: &str = "marketscope-presentations-1";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_step_speaks_chinese_where_it_can_and_english_elsewhere() {
        let json = r#"{"title":"The exemption ends","caption":"It ended.","state":{},
                       "title_zh":"豁免结束"}"#;
        let step: StoryStep = serde_json::from_str(json).expect("a step");
        assert_eq!(step.title_in(Lang::Zh), "豁免结束");
        assert_eq!(step.title_in(Lang::En), "The exemption ends");
        // No Chinese caption: the English one, not an empty line.
        assert_eq!(step.caption_in(Lang::Zh), "It ended.");
        // A step without translations writes no empty fields.
        let plain = StoryStep {
            title_zh: None,
            ..step
        };
        let text = serde_json::to_string(&plain).expect("json");
        assert!(!text.contains("_zh"), "{text}");
    }
}
