//! `marketscope render`: a saved view as one image, or a story as a deck, drawn without a window.

use std::io::Write;

use anyhow::{Context, bail};

use super::args::{Command, RenderFormat, RenderTheme};
use crate::dashboard::settings::ThemeChoice;
use crate::dashboard::snapshot::Snapshot;
use crate::i18n::Lang;
use crate::render::{self, Format, PageSize, RenderOptions};
use crate::store::Store;

/// Renders what `command` (a [`Command::Render`]) names from `store`, saying on `out` what it wrote.
/// The labels, numbers, names and story captions are in `--lang`'s language.
pub fn render(store: &Store, command: Command, out: &mut impl Write) -> anyhow::Result<()> {
    let lang = match &command {
        Command::Render { lang, .. } => Lang::from(*lang),
        _ => Lang::En,
    };
    crate::i18n::with_lang(lang, || render_in_lang(store, command, out))
}

fn render_in_lang(store: &Store, command: Command, out: &mut impl Write) -> anyhow::Result<()> {
    let Command::Render {
        view,
        story,
        format,
        out: path,
        width,
        height,
        scale,
        lang: _,
        theme,
    } = command
    else {
        bail!("not a render command");
    };
    let size = PageSize {
        width_px: width,
        height_px: height,
        scale,
    }
    .check()?;
    let options = RenderOptions {
        size,
        theme: match theme {
            RenderTheme::Light => ThemeChoice::Light,
            RenderTheme::Dark => ThemeChoice::Dark,
        },
    };
    let format = match format {
        RenderFormat::Svg => Format::Svg,
        RenderFormat::Pdf => Format::Pdf,
        RenderFormat::Png => Format::Png,
    };
    if format != Format::Png && scale != 1.0 {
        bail!("--scale {scale} is for PNGs: an SVG or PDF is vector and has no pixels to multiply");
    }
    let started = std::time::Instant::now();
    let snap = Snapshot::read(store, 1)
        .with_context(|| format!("cannot read {}", store.path().display()))?;
    match (view, story) {
        (Some(name), None) => {
            render::render_view(&snap, &name, format, options, &path)?;
            let [w, h] = size.png_px();
            let pixels = if format == Format::Png {
                format!(" ({w}x{h} pixels)")
            } else {
                String::new()
            };
            writeln!(
                out,
                "rendered the view \"{name}\" to {}{pixels} in {:.2} s",
                path.display(),
                started.elapsed().as_secs_f64()
            )?;
        }
        (None, Some(name)) => {
            let deck = render::render_story(&snap, &name, format, options, &path)?;
            writeln!(
                out,
                "rendered the story \"{name}\": {} page{} to {} in {:.2} s",
                deck.pages,
                if deck.pages == 1 { "" } else { "s" },
                path.display(),
                started.elapsed().as_secs_f64()
            )?;
        }
        _ => bail!("name either --view or --story"),
    }
    Ok(())
}
