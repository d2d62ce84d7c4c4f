//! The pinned figure: the last point clicked, in a small window that stays while the pointer
//! moves on, so its value, source title and URL can be selected, copied and opened (a hover
//! tooltip vanishes as soon as the pointer heads for it).

use eframe::egui::{self, RichText};

use crate::dashboard::interaction::Picked;
use crate::dashboard::snapshot::Snapshot;
use crate::i18n::{day_label, t};
use crate::model::format::qualified;
use crate::ui::actions::Action;
use crate::ui::tokens;

pub fn pinned_figure_ui(
    ctx: &egui::Context,
    snap: &Snapshot,
    pinned: &Picked,
    actions: &mut Vec<Action>,
) {
    let f = &pinned.figure;
    egui::Window::new(t("pinned-title"))
        .id(egui::Id::unique("pinned-figure"))
        .collapsible(false)
        .resizable(false)
        // Over the foot of the side panel, never over the chart it was pinned from (where the
        // next click goes); the user can drag it elsewhere.
        .pivot(egui::Align2::LEFT_BOTTOM)
        .default_pos(ctx.content_rect().left_bottom() + tokens::PINNED_OFFSET_PX)
        .show(ctx, |ui| {
            ui.set_max_width(tokens::PINNED_WIDTH_PX);
            let heading = format!(
                "{} · {}",
                pinned.series,
                snap.period_heading(&f.platform, &pinned.period)
            );
            ui.add(egui::Label::new(RichText::new(heading).strong()).selectable(true));
            let value = format!(
                "{} · {}",
                qualified(f.value, f.unit, f.qualifier),
                crate::ui::views::kind_word(f.kind)
            );
            ui.add(egui::Label::new(value).selectable(true));
            ui.separator();
            let mut source = format!("{} {}", t("pinned-source"), f.source.publisher);
            if let Some(date) = f.source.published {
                source.push_str(&format!(" · {}", day_label(date)));
            }
            ui.add(egui::Label::new(source).selectable(true));
            if !f.source.title.is_empty() {
                ui.add(egui::Label::new(RichText::new(&f.source.title).italics()).selectable(true));
            }
            if !f.source.url.is_empty() {
                ui.hyperlink_to(&f.source.url, &f.source.url);
            }
            if !f.note.is_empty() {
                ui.add(egui::Label::new(RichText::new(&f.note).small()).selectable(true));
            }
            ui.add_space(tokens::SMALL_GAP_PX);
            ui.horizontal(|ui| {
                for (action, label) in [
                    (Action::CopyPinned, "pinned-copy"),
                    (Action::Unpin, "pinned-close"),
                ] {
                    let hint = format!("{} ({})", action.label(), action.shortcut_text());
                    if ui.button(t(label)).on_hover_text(hint).clicked() {
                        actions.push(action);
                    }
                }
            });
            ui.label(RichText::new(t("pinned-hint")).weak().small());
        });
}
