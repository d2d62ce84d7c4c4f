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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub steps: Vec<StoryStep>,
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
