//! Every source with publisher, date, URL and how many figures and events rely on it; clicking a
//! publisher filters the charts to that source's figures.

use eframe::egui::{self, RichText};
use egui_extras::TableBuilder;

use super::{ViewCtx, with_columns};
use crate::dashboard::settings::View;
use crate::i18n::{day_label, t, t_args};
use crate::store::SourceUsage;
use crate::ui::tokens;

pub fn sources_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let search = search_bar_ui(ui, cx);
    let needle = search.to_lowercase();
    let shown: Vec<&SourceUsage> = cx
        .snap
        .sources
        .iter()
        .filter(|s| {
            needle.is_empty()
                || s.source.publisher.to_lowercase().contains(&needle)
                || s.source.title.to_lowercase().contains(&needle)
                || s.source.url.to_lowercase().contains(&needle)
        })
        .collect();
    ui.add_space(tokens::SMALL_GAP_PX);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + tokens::ROW_PADDING_PX;
    let mut chosen: Option<i64> = None;
    with_columns(
        TableBuilder::new(ui)
            .id_salt("sources-table")
            .striped(true)
            .resizable(true),
        &tokens::SOURCES_COLUMNS_PX,
    )
    .header(row_height + tokens::HEADER_PADDING_PX, |mut header| {
        for title in [
            t("sources-col-publisher"),
            t("sources-col-published"),
            t("sources-col-figures"),
            t("sources-col-events"),
            t("sources-col-url"),
            t("sources-col-title"),
        ] {
            header.col(|ui| {
                ui.strong(title);
            });
        }
    })
    .body(|body| {
        body.rows(row_height, shown.len(), |mut row| {
            let usage = shown[row.index()];
            let s = &usage.source;
            row.set_selected(cx.settings.source_filter == Some(s.id));
            row.col(|ui| {
                if ui
                    .link(&s.publisher)
                    .on_hover_text(t("sources-publisher-tooltip"))
                    .clicked()
                {
                    chosen = Some(s.id);
                }
            });
            row.col(|ui| {
                ui.label(
                    s.published
                        .map(day_label)
                        .unwrap_or_else(|| t("sources-undated")),
                );
            });
            row.col(|ui| {
                ui.label(usage.observations.to_string());
            });
            row.col(|ui| {
                ui.label(usage.events.to_string());
            });
            row.col(|ui| {
                if s.url.is_empty() {
                    ui.label(RichText::new(t("sources-no-url")).weak());
                } else {
                    ui.hyperlink_to(&s.url, &s.url);
                }
            });
            row.col(|ui| {
                ui.label(&s.title).on_hover_text(&s.title);
            });
        });
    });
    if let Some(id) = chosen {
        show_source(cx, id);
    }
}

/// The metric most of a source's figures are of (None: it has only events), so the click lands
/// on the chart where they are.
fn metric_of_source(cx: &ViewCtx<'_>, source_id: i64) -> Option<String> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for o in cx
        .snap
        .observations
        .iter()
        .filter(|o| o.source.id == source_id)
    {
        *counts.entry(&o.metric).or_default() += 1;
    }
    for d in cx
        .snap
        .dense
        .iter()
        .filter(|d| d.source_ids().any(|id| id == source_id))
    {
        *counts.entry(&d.metric).or_default() += d.figures();
    }
    counts
        .into_iter()
        .max_by_key(|&(m, n)| (n, std::cmp::Reverse(m)))
        .map(|(m, _)| m.to_string())
}

/// The title, the count and the search field; returns the text searched for.
fn search_bar_ui(ui: &mut egui::Ui, cx: &ViewCtx<'_>) -> String {
    let search_id = egui::Id::unique("sources-search");
    let mut search: String = ui.data_mut(|d| d.get_temp::<String>(search_id).unwrap_or_default());
    ui.horizontal_wrapped(|ui| {
        ui.label(tokens::heading(t("sources-title")));
        ui.label(
            RichText::new(t_args(
                "sources-count",
                &[("count", cx.snap.sources.len().into())],
            ))
            .weak(),
        );
        let label = ui.label(t("sources-find"));
        ui.add(
            egui::TextEdit::singleline(&mut search)
                .hint_text(t("sources-find-hint"))
                .desired_width(tokens::SEARCH_FIELD_WIDTH_PX),
        )
        .labelled_by(label.id);
    });
    ui.data_mut(|d| d.insert_temp(search_id, search.clone()));
    search
}

/// After a click on a publisher: only its figures, in the view where most of them are.
fn show_source(cx: &mut ViewCtx<'_>, id: i64) {
    cx.settings.source_filter = Some(id);
    cx.inter.explore.measure.clear();
    match metric_of_source(cx, id) {
        Some(metric) => {
            let view = crate::dashboard::views::view_of_metric(&metric);
            if view == View::Metrics {
                cx.settings.metric = metric;
            }
            cx.settings.view = view;
        }
        None => cx.settings.view = View::Events,
    }
}
