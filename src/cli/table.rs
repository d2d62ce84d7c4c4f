//! Plain-text tables for the terminal, aligned by character count.

/// Renders rows under a header, columns padded to their widest cell; numeric columns right-aligned.
pub fn render(header: &[&str], rows: &[Vec<String>], right_aligned: &[usize]) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(width(cell));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let pad = " ".repeat(widths[i].saturating_sub(width(cell)));
                if right_aligned.contains(&i) {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_line_up() {
        let out = super::render(
            &["name", "n"],
            &[
                vec!["TikTok Shop".into(), "7".into()],
                vec!["eBay".into(), "12".into()],
            ],
            &[1],
        );
        assert_eq!(
            out,
            "name          n\n-----------  --\nTikTok Shop   7\neBay         12\n"
        );
    }
}
