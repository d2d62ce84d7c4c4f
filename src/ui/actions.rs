//! Every user action is one value here, with its label and keyboard shortcut: menus, buttons, keys
//! and the shortcut overlay all go through [`Action`], and tests drive the app the same way.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::settings::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ShowView(View),
    ResetZoom,
    ToggleLog,
    ToggleIndex,
    ToggleEvents,
    ToggleStack,
    ToggleTheme,
    ToggleShortcuts,
    ClearMeasure,
    CopyCsv,
    OpenImport,
    Reload,
    /// Filters, toggles and zoom back to their defaults (the theme stays).
    ResetView,
    /// Presenter mode: the only story straight away, else the list of stories to choose from.
    Present,
    /// Presenter mode on the snapshot's story at this index (from the "Present…" menu).
    PresentStory(usize),
    /// Name and store what is on screen.
    SaveView,
    /// The saved views: open, rename, delete.
    ShowViews,
    /// The chart on screen, with its title, legend and sources, to the clipboard as an image.
    CopyImage,
    /// The chart as a PNG file (1x or 2x), at a path typed in a dialog.
    ExportImage,
    /// The figures behind the view as a CSV file (the `export` command's columns).
    ExportCsv,
    /// The chart as an SVG file, drawn headless: lines stay lines, text stays text.
    ExportSvg,
    /// The chart as a one-page PDF, drawn headless with its fonts embedded.
    ExportPdf,
}

impl Action {
    /// In the order the shortcut overlay lists them.
    pub const ALL: [Action; 27] = [
        Action::ShowView(View::Gmv),
        Action::ShowView(View::Growth),
        Action::ShowView(View::Downloads),
        Action::ShowView(View::BrandSales),
        Action::ShowView(View::Events),
        Action::ShowView(View::Table),
        Action::ShowView(View::Sources),
        Action::ResetZoom,
        Action::ToggleLog,
        Action::ToggleIndex,
        Action::ToggleEvents,
        Action::ToggleStack,
        Action::ToggleTheme,
        Action::ToggleShortcuts,
        Action::ClearMeasure,
        Action::CopyCsv,
        Action::CopyImage,
        Action::ExportImage,
        Action::ExportSvg,
        Action::ExportPdf,
        Action::ExportCsv,
        Action::OpenImport,
        Action::Reload,
        Action::ResetView,
        Action::Present,
        Action::SaveView,
        Action::ShowViews,
    ];

    pub fn shortcut(self) -> KeyboardShortcut {
        let plain = |key| KeyboardShortcut::new(Modifiers::NONE, key);
        match self {
            Action::ShowView(view) => plain(match view {
                View::Gmv => Key::Num1,
                View::Growth => Key::Num2,
                View::Downloads => Key::Num3,
                View::BrandSales => Key::Num4,
                View::Events => Key::Num5,
                View::Table => Key::Num6,
                View::Sources => Key::Num7,
            }),
            Action::ResetZoom => plain(Key::R),
            Action::ToggleLog => plain(Key::L),
            Action::ToggleIndex => plain(Key::I),
            Action::ToggleEvents => plain(Key::E),
            Action::ToggleStack => plain(Key::S),
            Action::ToggleTheme => plain(Key::T),
            Action::ToggleShortcuts => plain(Key::Questionmark),
            Action::ClearMeasure => plain(Key::Escape),
            Action::CopyCsv => plain(Key::C),
            Action::OpenImport => plain(Key::O),
            // F5 presents, as in slide software; reloading moved to Ctrl+R.
            Action::Reload => KeyboardShortcut::new(Modifiers::COMMAND, Key::R),
            Action::Present | Action::PresentStory(_) => plain(Key::F5),
            // Plain S already stacks the Growth view's charts.
            Action::SaveView => KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
            Action::ShowViews => plain(Key::V),
            // C copies the table as text; Shift+C the chart as a picture.
            Action::CopyImage => KeyboardShortcut::new(Modifiers::SHIFT, Key::C),
            Action::ExportImage => KeyboardShortcut::new(Modifiers::COMMAND, Key::E),
            Action::ExportCsv => KeyboardShortcut::new(Modifiers::SHIFT, Key::E),
            Action::ExportSvg => KeyboardShortcut::new(Modifiers::ALT, Key::E),
            // As printing: the PDF is the document form of the chart.
            Action::ExportPdf => KeyboardShortcut::new(Modifiers::COMMAND, Key::P),
            Action::ResetView => KeyboardShortcut::new(Modifiers::SHIFT, Key::R),
        }
    }

    /// The key as shown in menus and the overlay: `1`, `R`, `?`, `Shift+R`.
    pub fn shortcut_text(self) -> String {
        let s = self.shortcut();
        let key = match s.logical_key {
            Key::Questionmark => "?".to_string(),
            Key::Escape => "Esc".to_string(),
            other => other.symbol_or_name().to_string(),
        };
        if s.modifiers.shift {
            format!("Shift+{key}")
        } else if s.modifiers.command {
            format!("Ctrl+{key}")
        } else if s.modifiers.alt {
            format!("Alt+{key}")
        } else {
            key
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::ShowView(View::Gmv) => "GMV view",
            Action::ShowView(View::Growth) => "Growth view",
            Action::ShowView(View::Downloads) => "Downloads view",
            Action::ShowView(View::BrandSales) => "Brand sales view",
            Action::ShowView(View::Events) => "Events view",
            Action::ShowView(View::Table) => "Table view",
            Action::ShowView(View::Sources) => "Sources view",
            Action::ResetZoom => "Reset zoom to the data",
            Action::ToggleLog => "Log scale",
            Action::ToggleIndex => "Index to 100",
            Action::ToggleEvents => "Show events on charts",
            Action::ToggleStack => "Stack GMV above growth",
            Action::ToggleTheme => "Dark / light theme",
            Action::ToggleShortcuts => "Show this list of shortcuts",
            Action::ClearMeasure => "Clear the measurement / close",
            Action::CopyCsv => "Copy the selection as CSV",
            Action::OpenImport => "Import CSV…",
            Action::Reload => "Reload the store",
            Action::ResetView => "Reset view (filters, toggles, zoom)",
            Action::Present | Action::PresentStory(_) => "Present a story (full screen)",
            Action::SaveView => "Save view…",
            Action::ShowViews => "Saved views and stories",
            Action::CopyImage => "Copy the chart as an image",
            Action::ExportImage => "Save the chart as PNG…",
            Action::ExportCsv => "Save the chart's figures as CSV…",
            Action::ExportSvg => "Save the chart as SVG…",
            Action::ExportPdf => "Save the chart as PDF…",
        }
    }

    /// The action whose shortcut was pressed this frame, consuming the key. More specific
    /// shortcuts (Shift+R, Ctrl+R) are tried before the plain ones they contain (R).
    pub fn from_input(input: &mut egui::InputState) -> Option<Action> {
        let mut ordered = Action::ALL;
        ordered.sort_by_key(|a| a.shortcut().modifiers.is_none());
        ordered
            .into_iter()
            .find(|a| input.consume_shortcut(&a.shortcut()))
    }
}

/// What the keys do in presenter mode, where the dashboard's own shortcuts are off. Each has
/// several keys because clickers send different ones (Right, PageDown, Space...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresenterAction {
    Next,
    Previous,
    First,
    Last,
    /// Black screen, and back.
    Blank,
    /// Back to the dashboard as it was before presenting.
    Leave,
}

impl PresenterAction {
    pub const ALL: [PresenterAction; 6] = [
        PresenterAction::Next,
        PresenterAction::Previous,
        PresenterAction::First,
        PresenterAction::Last,
        PresenterAction::Blank,
        PresenterAction::Leave,
    ];

    pub fn keys(self) -> &'static [Key] {
        match self {
            PresenterAction::Next => &[
                Key::ArrowRight,
                Key::ArrowDown,
                Key::PageDown,
                Key::Space,
                Key::Enter,
            ],
            PresenterAction::Previous => {
                &[Key::ArrowLeft, Key::ArrowUp, Key::PageUp, Key::Backspace]
            }
            PresenterAction::First => &[Key::Home],
            PresenterAction::Last => &[Key::End],
            PresenterAction::Blank => &[Key::B],
            PresenterAction::Leave => &[Key::Escape],
        }
    }

    /// The first presenter key pressed this frame, consuming it.
    pub fn from_input(input: &mut egui::InputState) -> Option<PresenterAction> {
        PresenterAction::ALL.into_iter().find(|a| {
            a.keys()
                .iter()
                .any(|key| input.consume_key(Modifiers::NONE, *key))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_distinct_and_views_are_numbered() {
        for (i, a) in Action::ALL.iter().enumerate() {
            for b in &Action::ALL[i + 1..] {
                assert_ne!(a.shortcut(), b.shortcut(), "{a:?} and {b:?}");
            }
        }
        let keys: Vec<String> = View::ALL
            .iter()
            .map(|v| Action::ShowView(*v).shortcut_text())
            .collect();
        assert_eq!(keys, ["1", "2", "3", "4", "5", "6", "7"]);
        assert_eq!(Action::ToggleShortcuts.shortcut_text(), "?");
        assert_eq!(Action::ResetView.shortcut_text(), "Shift+R");
    }
}
