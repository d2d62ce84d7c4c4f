//! Every event that passes the side panel's filters, in a table: click a title for its details
//! and source.

use eframe::egui::{self, RichText};
use egui_extras::TableBuilder;

use super::{ViewCtx, with_columns};
use crate::dashboard::selection::event_passes;
use crate::i18n::{day_label, t, t_args};
use crate::model::Source;
use crate::ui::tokens;

pub fn events_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let shown: Vec<usize> = cx
        .snap
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| event_passes(e, cx.snap, cx.settings))
        .map(|(i, _)| i)
        .collect();
    events_heading_ui(ui, shown.len(), cx.snap.events.len());
    if shown.is_empty() {
        ui.label(t("events-none-match"));
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + tokens::ROW_PADDING_PX;
    with_columns(
        TableBuilder::new(ui)
            .id_salt("events-table")
            .striped(true)
            .resizable(true),
        &tokens::EVENTS_COLUMNS_PX,
    )
    .header(row_height + tokens::HEADER_PADDING_PX, |mut header| {
        for title in [
            t("events-col-date"),
            t("events-col-title"),
            t("events-col-category"),
            t("events-col-platform"),
            t("events-col-region"),
            t("events-col-source"),
        ] {
            header.col(|ui| {
                ui.strong(title);
            });
        }
    })
    .body(|body| {
        body.rows(row_height, shown.len(), |mut row| {
            let Some(event) = cx.snap.events.get(shown[row.index()]) else {
                return;
            };
            let index = shown[row.index()];
            // A story step's highlighted events stand out as the selected row does.
            row.set_selected(
                cx.inter.explore.selected_event == Some(index)
                    || cx.inter.explore.event_emphasised(&event.title),
            );
            row.col(|ui| {
                let when = match event.end {
                    Some(end) => format!("{}–{}", event.date.label(), end.label()),
                    None => event.date.label(),
                };
                ui.label(when);
            });
            row.col(|ui| {
                if ui
                    .link(&event.title)
                    .on_hover_text(&event.description)
                    .clicked()
                {
                    cx.inter.explore.selected_event = Some(index);
                }
            });
            row.col(|ui| {
                ui.label(
                    RichText::new(t(&format!("event-{}", event.category.as_str())))
                        .color(tokens::event_colour(event.category)),
                );
            });
            row.col(|ui| {
                ui.label(
                    event
                        .platform
                        .as_deref()
                        .map(|p| cx.snap.platform_name(p))
                        .unwrap_or_default(),
                );
            });
            row.col(|ui| {
                ui.label(
                    event
                        .region
                        .as_deref()
                        .map(|r| cx.snap.region_name(r))
                        .unwrap_or_default(),
                );
            });
            row.col(|ui| {
                ui.label(citation(&event.source));
            });
        });
    });
}

/// "Events" and how many of them the filters show.
fn events_heading_ui(ui: &mut egui::Ui, shown: usize, total: usize) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(t("events-title"))
                .font(tokens::heading_font())
                .strong(),
        );
        ui.label(
            RichText::new(t_args(
                "events-shown",
                &[
                    ("count", shown.into()),
                    ("value", (&total.to_string()).into()),
                ],
            ))
            .weak(),
        );
    });
}

/// "Reuters, 3 Mar 2025" (路透社，2025年3月3日): the publisher and, where known, the date.
fn citation(source: &Source) -> String {
    match source.published {
        Some(date) => t_args(
            "events-citation",
            &[
                ("name", (&source.publisher).into()),
                ("value", (&day_label(date)).into()),
            ],
        ),
        None => source.publisher.clone(),
    }
}
