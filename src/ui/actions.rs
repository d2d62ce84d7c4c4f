//! Every user action is one value here, with its label and keyboard shortcut: menus, buttons, keys
//! and the shortcut overlay all go through [`Action`], and tests drive the app the same way.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use crate::dashboard::ranges::QuickRange;
use crate::dashboard::settings::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ShowView(View),
    ResetZoom,
    ToggleLog,
    ToggleIndex,
    ToggleEvents,
    ToggleStack,
    ToggleTheme,
    /// English and 简体中文, switched at once (the setting is remembered).
    ToggleLanguage,
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
    /// Store the display name typed in the Metrics view (from its Save button or Enter).
    SaveName,
    /// Store the formula metric typed in the Metrics view (its Add button).
    AddFormula,
    /// A quick date range above the charts.
    QuickRange(QuickRange),
    /// The measurement as one sentence (both figures, their sources, the caveats) to the clipboard.
    CopyMeasurement,
    /// The chart as an SVG file, drawn headless: lines stay lines, text stays text.
    ExportSvg,
    /// The chart as a one-page PDF, drawn headless with its fonts embedded.
    ExportPdf,
    /// The pinned figure (the last one clicked) as one sentence with its source and URL.
    CopyPinned,
    /// Closes the pinned figure's window.
    Unpin,
}

impl Action {
    /// In the order the shortcut overlay lists them.
    /// Every action, in the order the shortcut overlay lists them: the views (by key), then these.
    pub fn all() -> Vec<Action> {
        let mut views: Vec<View> = View::all().collect();
        views.sort_by_key(|v| v.spec().key);
        views
            .into_iter()
            .map(Action::ShowView)
            .chain(QuickRange::ALL.map(Action::QuickRange))
            .chain(Action::OTHERS)
            .collect()
    }

    /// The actions that are not a view, in the overlay's order.
    const OTHERS: [Action; 24] = [
        Action::ResetZoom,
        Action::ToggleLog,
        Action::ToggleIndex,
        Action::ToggleEvents,
        Action::ToggleStack,
        Action::ToggleTheme,
        Action::ToggleLanguage,
        Action::ToggleShortcuts,
        Action::ClearMeasure,
        Action::CopyCsv,
        Action::CopyMeasurement,
        Action::CopyPinned,
        Action::Unpin,
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
            Action::ShowView(view) => plain(digit_key(view.spec().key)),
            Action::ResetZoom => plain(Key::R),
            Action::ToggleLog => plain(Key::L),
            Action::ToggleIndex => plain(Key::I),
            Action::ToggleEvents => plain(Key::E),
            Action::ToggleStack => plain(Key::S),
            Action::ToggleTheme => plain(Key::T),
            // Beside T for the theme, the other preference; plain L is the log scale.
            Action::ToggleLanguage => KeyboardShortcut::new(Modifiers::SHIFT, Key::L),
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
            // Enter in the name field; not a shortcut of its own (not in [`Action::all`]).
            Action::SaveName | Action::AddFormula => plain(Key::Enter),
            Action::CopyMeasurement => plain(Key::M),
            // P for pinned; Shift+P lets it go.
            Action::CopyPinned => plain(Key::P),
            Action::Unpin => KeyboardShortcut::new(Modifiers::SHIFT, Key::P),
            // Shift and the digit of its place: beside the digits that switch views.
            Action::QuickRange(range) => KeyboardShortcut::new(
                Modifiers::SHIFT,
                match range {
                    QuickRange::Since2020 => Key::Num1,
                    QuickRange::LastThreeYears => Key::Num2,
                    QuickRange::LastTwelveQuarters => Key::Num3,
                    QuickRange::All => Key::Num4,
                },
            ),
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

    /// The label in the UI's language (menus, tooltips, the `?` overlay).
    pub fn label(self) -> String {
        let id = match self {
            Action::ShowView(view) => return view.spec().action_label(),
            Action::ResetZoom => "action-reset-zoom",
            Action::ToggleLog => "action-log",
            Action::ToggleIndex => "action-index",
            Action::ToggleEvents => "action-events",
            Action::ToggleStack => "action-stack",
            Action::ToggleTheme => "action-theme",
            Action::ToggleLanguage => "action-language",
            Action::ToggleShortcuts => "action-shortcuts",
            Action::ClearMeasure => "action-clear-measure",
            Action::CopyCsv => "action-copy-csv",
            Action::OpenImport => "action-import",
            Action::Reload => "action-reload",
            Action::ResetView => "action-reset-view",
            Action::Present | Action::PresentStory(_) => "action-present",
            Action::SaveView => "action-save-view",
            Action::ShowViews => "action-views",
            Action::SaveName => "action-save-name",
            Action::AddFormula => "action-add-formula",
            Action::CopyMeasurement => "action-copy-measurement",
            Action::CopyPinned => "action-copy-pinned",
            Action::Unpin => "action-unpin",
            Action::QuickRange(QuickRange::Since2020) => "action-range-2020",
            Action::QuickRange(QuickRange::LastThreeYears) => "action-range-3y",
            Action::QuickRange(QuickRange::LastTwelveQuarters) => "action-range-12q",
            Action::QuickRange(QuickRange::All) => "action-range-all",
            Action::CopyImage => "action-copy-image",
            Action::ExportImage => "action-export-png",
            Action::ExportCsv => "action-export-csv",
            Action::ExportSvg => "action-export-svg",
            Action::ExportPdf => "action-export-pdf",
        };
        crate::i18n::t(id)
    }

    /// The action whose shortcut was pressed this frame, consuming the key. More specific
    /// shortcuts (Shift+R, Ctrl+R) are tried before the plain ones they contain (R).
    pub fn from_input(input: &mut egui::InputState) -> Option<Action> {
        let mut ordered = Action::all();
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

/// The key of a digit 1-9 (a view's key in the registry).
fn digit_key(digit: u8) -> Key {
    match digit {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        8 => Key::Num8,
        _ => Key::Num9,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shortcut_is_distinct_and_views_are_numbered() {
        let all = Action::all();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a.shortcut(), b.shortcut(), "{a:?} and {b:?}");
            }
        }
        let mut keys: Vec<String> = View::all()
            .map(|v| Action::ShowView(v).shortcut_text())
            .collect();
        keys.sort();
        assert_eq!(keys, ["1", "2", "3", "4", "5", "6", "7", "8"]);
        assert_eq!(Action::ToggleShortcuts.shortcut_text(), "?");
        assert_eq!(Action::ResetView.shortcut_text(), "Shift+R");
        // Every label is in both catalogues (a missing one would show its id).
        for lang in crate::i18n::Lang::ALL {
            crate::i18n::with_lang(lang, || {
                for a in Action::all() {
                    let label = a.label();
                    assert!(
                        !label.starts_with("action-") && !label.starts_with("view-"),
                        "{lang:?} {a:?}"
                    );
                }
            });
        }
        assert_eq!(
            crate::i18n::with_lang(crate::i18n::Lang::Zh, || Action::ToggleLog.label()),
            "对数刻度"
        );
    }
}
