//! The files of an export: cropping a screenshot to the sheet, PNG encoding, writing through a
//! temporary file, and the names and default places of exported files.

use std::path::{Path, PathBuf};

use eframe::egui::{ColorImage, Rect};

/// The part of a screenshot inside `rect` (in points), or None when they do not overlap. Unlike
/// [`ColorImage::region`], a rect reaching past the image is clipped, not a panic.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Option<ColorImage> {
    if !rect.is_finite() || pixels_per_point <= 0.0 {
        return None;
    }
    let [width, height] = image.size;
    let to_px = |v: f32, max: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(max);
    let (x0, x1) = (to_px(rect.min.x, width), to_px(rect.max.x, width));
    let (y0, y1) = (to_px(rect.min.y, height), to_px(rect.max.y, height));
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    Some(image.region_by_pixels([x0, y0], [x1 - x0, y1 - y0]))
}

/// Why a PNG could not be written, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("could not encode {path} as PNG: {message}")]
    Encode { path: String, message: String },
}

/// The image as an 8-bit RGBA PNG, unpremultiplied as image viewers expect.
pub fn encode_png(image: &ColorImage, out: impl std::io::Write) -> Result<(), png::EncodingError> {
    let [w, h] = image.size;
    let mut encoder = png::Encoder::new(out, w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    writer.write_image_data(&rgba)?;
    writer.finish()
}

/// Encodes and writes a PNG at once (the app uses [`Exporter::write_png`], off the UI thread).
pub fn write_png(path: &Path, image: &ColorImage) -> Result<(), String> {
    let shown = path.display().to_string();
    let mut bytes = Vec::new();
    encode_png(image, &mut bytes).map_err(|e| {
        ExportError::Encode {
            path: shown.clone(),
            message: e.to_string(),
        }
        .to_string()
    })?;
    write_file(path, &bytes).map_err(|source| {
        ExportError::Io {
            path: shown,
            source,
        }
        .to_string()
    })
}

/// Writes `bytes` to `path` through a temporary file beside it, renamed when complete, so a
/// failed write leaves no half file under the name asked for.
pub fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file_name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(".part");
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Where an exported file goes unless the user types another path: the Pictures folder (PNGs) or
/// the home folder, else the current folder.
pub fn default_export_path(file_name: &str, picture: bool) -> PathBuf {
    let dirs = directories::UserDirs::new();
    let folder = dirs
        .as_ref()
        .and_then(|d| {
            if picture {
                d.picture_dir().map(Path::to_path_buf)
            } else {
                d.document_dir().map(Path::to_path_buf)
            }
        })
        .filter(|p| p.is_dir())
        .or_else(|| dirs.as_ref().map(|d| d.home_dir().to_path_buf()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default();
    folder.join(file_name)
}

/// A file-name part from a title: lowercase letters and digits, words joined by `-`, at most 48
/// characters ("TEMU's turn in Q3 2025" becomes "temu-s-turn-in-q3-2025").
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 48 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "chart".into() } else { out }
}

/// `01-a-flood-of-duty-free-parcels.png`: numbered from 1, zero-padded so files sort in order.
pub fn step_file_name(index: usize, count: usize, title: &str) -> String {
    let width = count.to_string().len().max(2);
    format!("{:0width$}-{}.png", index + 1, slug(title))
}

#[cfg(test)]
// Test images are made of arbitrary pixels, not the dashboard's colours.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;
    use eframe::egui::{Color32, pos2};

    fn gradient(w: usize, h: usize) -> ColorImage {
        let pixels = (0..w * h)
            .map(|i| Color32::from_rgb((i % w) as u8, (i / w) as u8, 7))
            .collect();
        ColorImage::new([w, h], pixels)
    }

    #[test]
    fn crop_takes_the_rect_in_points_at_the_pixel_density() {
        let image = gradient(200, 100);
        let rect = Rect::from_min_max(pos2(10.0, 5.0), pos2(60.0, 30.0));
        let one = crop(&image, rect, 1.0).expect("inside");
        assert_eq!(one.size, [50, 25]);
        assert_eq!(one.pixels[0], Color32::from_rgb(10, 5, 7));
        let two = crop(&image, rect, 2.0).expect("inside");
        assert_eq!(two.size, [100, 50]);
        assert_eq!(two.pixels[0], Color32::from_rgb(20, 10, 7));
    }

    #[test]
    fn crop_clips_at_the_edges_and_refuses_what_is_outside() {
        let image = gradient(100, 80);
        let past = Rect::from_min_max(pos2(-5.0, 70.0), pos2(150.0, 120.0));
        assert_eq!(crop(&image, past, 1.0).expect("overlaps").size, [100, 10]);
        let outside = Rect::from_min_max(pos2(120.0, 0.0), pos2(150.0, 10.0));
        assert!(crop(&image, outside, 1.0).is_none());
        assert!(crop(&image, Rect::NAN, 1.0).is_none());
    }

    #[test]
    fn a_png_decodes_back_to_its_size_and_pixels() {
        let image = gradient(30, 20);
        let mut bytes = Vec::new();
        encode_png(&image, &mut bytes).expect("encodes");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let info = reader.info();
        assert_eq!((info.width, info.height), (30, 20));
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        reader.next_frame(&mut buf).expect("a frame");
        // Second row, fourth pixel: r = x, g = y.
        let at = (30 + 3) * 4;
        assert_eq!(&buf[at..at + 4], &[3, 1, 7, 255]);
    }

    #[test]
    fn a_failed_write_names_the_path() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("no-such-folder").join("chart.png");
        let err = write_png(&path, &gradient(4, 4)).expect_err("no folder");
        assert!(err.contains(&path.display().to_string()), "{err}");
        let ok = dir.path().join("chart.png");
        write_png(&ok, &gradient(4, 4)).expect("writes");
        assert!(ok.is_file());
        // Nothing left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn step_files_sort_in_story_order() {
        assert_eq!(
            step_file_name(0, 8, "A flood of duty-free parcels"),
            "01-a-flood-of-duty-free-parcels.png"
        );
        assert_eq!(
            step_file_name(11, 120, "TEMU's turn"),
            "012-temu-s-turn.png"
        );
        assert_eq!(step_file_name(2, 3, "  ?? "), "03-chart.png");
        assert_eq!(slug("速卖通 AliExpress"), "速卖通-aliexpress");
    }
}
