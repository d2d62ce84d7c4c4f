//! A story as a deck: one page per step (its title, the chart, the caption with "3 / 8", the
//! sources footer), laid out as presenter mode lays it out, written as one multi-page PDF or as
//! numbered SVGs or PNGs in a folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::dashboard::settings::Settings;
use crate::dashboard::snapshot::Snapshot;
use crate::model::Story;
use crate::ui::export::step_file_name;
use crate::ui::tokens;

use super::fonts::FontFamilies;
use super::sheet::{Sheet, StepText, lay_out};
use super::view::{Format, RenderOptions, svg_bytes, write};
use super::{RenderError, pdf, svg};

/// What a deck's rendering wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Deck {
    pub pages: usize,
    pub files: Vec<PathBuf>,
}

/// Each step's SVG, in order. A step whose state does not read as settings is an error naming
/// the step (presenter mode falls back to the user's settings so a talk goes on; a file should
/// not silently show something else).
pub fn story_svgs(
    snap: &Snapshot,
    story: &Story,
    options: RenderOptions,
) -> Result<Vec<String>, RenderError> {
    if story.steps.is_empty() {
        return Err(RenderError::Empty {
            what: format!("the story \"{}\"", story.name),
        });
    }
    let fonts = FontFamilies::get();
    story
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let mut settings =
                serde_json::from_value::<Settings>(step.state.clone()).map_err(|e| {
                    RenderError::State {
                        what: step_name(story, i),
                        message: e.to_string(),
                    }
                })?;
            settings.theme = options.theme;
            let page = lay_out(
                Sheet {
                    snap,
                    settings,
                    hidden_series: BTreeSet::new(),
                    highlights: step.highlights.clone(),
                    step: Some(StepText {
                        story: story.clone(),
                        step: i,
                    }),
                    zoom: tokens::PRESENTER_SCALE,
                    theme: options.theme,
                },
                options.size,
            );
            Ok(svg::page_svg(&page, fonts))
        })
        .collect()
}

fn step_name(story: &Story, i: usize) -> String {
    let title = story.steps.get(i).map(|s| s.title.as_str()).unwrap_or("");
    format!(
        "step {} of {} (\"{title}\") of the story \"{}\"",
        i + 1,
        story.steps.len(),
        story.name
    )
}

/// The story as one PDF, a page per step.
pub fn deck_pdf(
    snap: &Snapshot,
    story: &Story,
    options: RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let svgs = story_svgs(snap, story, options)?;
    pdf::svgs_to_pdf(&svgs, &story.name, |i| step_name(story, i))
}

/// Renders the story named `name`: a PDF deck at `out`, or numbered SVGs or PNGs in the folder
/// `out` (made if missing).
pub fn render_story(
    snap: &Snapshot,
    name: &str,
    format: Format,
    options: RenderOptions,
    out: &Path,
) -> Result<Deck, RenderError> {
    let story = snap
        .stories
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| RenderError::Missing {
            what: format!("story \"{name}\""),
            known: snap.stories.iter().map(|s| s.name.clone()).collect(),
        })?;
    if format == Format::Pdf {
        write(out, &deck_pdf(snap, story, options)?)?;
        return Ok(Deck {
            pages: story.steps.len(),
            files: vec![out.to_path_buf()],
        });
    }
    let svgs = story_svgs(snap, story, options)?;
    std::fs::create_dir_all(out).map_err(|source| RenderError::Io {
        path: out.display().to_string(),
        source,
    })?;
    let mut files = Vec::with_capacity(svgs.len());
    for (i, svg) in svgs.into_iter().enumerate() {
        let title = story.steps.get(i).map(|s| s.title.as_str()).unwrap_or("");
        let path = out
            .join(step_file_name(i, story.steps.len(), title))
            .with_extension(format.extension());
        let bytes = svg_bytes(svg, format, options.size, &step_name(story, i))?;
        write(&path, &bytes)?;
        files.push(path);
    }
    Ok(Deck {
        pages: files.len(),
        files,
    })
}
