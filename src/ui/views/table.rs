//! The observations behind the current selection, with their provenance: sortable columns, and a
//! copy as CSV in the importer's own format (so a copied selection can be imported elsewhere).

use std::cmp::Ordering;

use eframe::egui::{self, RichText};
use egui_extras::TableBuilder;

use super::{ViewCtx, with_columns};
use crate::analysis::HeadlineReason;
use crate::dashboard::line_roles::LineRole;
use crate::dashboard::selection::passes;
use crate::dashboard::settings::{Settings, TableColumn};
use crate::dashboard::snapshot::Snapshot;
use crate::i18n::{day_label, t, t_args};
use crate::model::format::qualified;
use crate::model::{Kind, Observation};
use crate::store::export::{Format, Names, write_observations};
use crate::ui::actions::Action;
use crate::ui::tokens;

/// The rows of the Table view, sorted as it shows them.
pub fn selection_rows<'a>(snap: &'a Snapshot, settings: &Settings) -> Vec<&'a Observation> {
    selection_indices(snap, settings)
        .into_iter()
        .map(|i| &snap.observations[i])
        .collect()
}

/// As [`selection_rows`], as indices into the snapshot's observations.
pub fn selection_indices(snap: &Snapshot, settings: &Settings) -> Vec<usize> {
    let mut rows: Vec<(usize, &Observation)> = snap
        .observations
        .iter()
        .enumerate()
        .filter(|(_, o)| settings.table_metric.is_empty() || o.metric == settings.table_metric)
        .filter(|(_, o)| passes(o, snap, settings))
        .collect();
    let key = settings.table_sort;
    rows.sort_by(|(_, a), (_, b)| {
        let ord = compare(snap, key, a, b)
            .then_with(|| (a.period.start, a.period.grain).cmp(&(b.period.start, b.period.grain)))
            .then_with(|| a.platform.cmp(&b.platform));
        if settings.table_ascending {
            ord
        } else {
            ord.reverse()
        }
    });
    rows.into_iter().map(|(i, _)| i).collect()
}

fn compare(snap: &Snapshot, key: TableColumn, a: &Observation, b: &Observation) -> Ordering {
    match key {
        TableColumn::Platform => snap
            .platform_name(&a.platform)
            .cmp(&snap.platform_name(&b.platform)),
        TableColumn::Metric => a.metric.cmp(&b.metric),
        TableColumn::Region => snap
            .region_name(&a.region)
            .cmp(&snap.region_name(&b.region)),
        TableColumn::Period => {
            (a.period.start, a.period.grain).cmp(&(b.period.start, b.period.grain))
        }
        TableColumn::Value => a.value.total_cmp(&b.value),
        TableColumn::Kind => a.kind.cmp(&b.kind),
        TableColumn::Source => a
            .source
            .publisher
            .to_lowercase()
            .cmp(&b.source.publisher.to_lowercase()),
        TableColumn::Published => a.source.published.cmp(&b.source.published),
    }
}

/// The selection as CSV, with the export's columns.
pub fn selection_csv(snap: &Snapshot, settings: &Settings) -> (usize, String) {
    rows_csv(snap, selection_rows(snap, settings)).unwrap_or_else(|e| (0, e))
}

/// The figures behind the view on screen as CSV: for a chart view, the figures of the metrics it
/// charts that pass the filters (the Table view's selection of each metric, one after another);
/// for the other views, the Table view's selection.
pub fn view_data_csv(snap: &Snapshot, settings: &Settings) -> Result<(usize, String), String> {
    let metrics = settings.view.metrics(settings);
    if metrics.is_empty() {
        return rows_csv(snap, selection_rows(snap, settings));
    }
    let rows = metrics
        .into_iter()
        .flat_map(|metric| {
            let one = Settings {
                table_metric: metric,
                ..settings.clone()
            };
            selection_rows(snap, &one)
        })
        .collect();
    rows_csv(snap, rows)
}

fn rows_csv(snap: &Snapshot, rows: Vec<&Observation>) -> Result<(usize, String), String> {
    let rows: Vec<Observation> = rows.into_iter().cloned().collect();
    let mut out = Vec::new();
    let names = Names::from_lists(&snap.platforms, &snap.metrics, &snap.regions);
    write_observations(&rows, &names, Format::Csv, &mut out)
        .map_err(|e| format!("could not write CSV: {e}"))?;
    Ok((rows.len(), String::from_utf8_lossy(&out).into_owned()))
}

/// Long daily series are charted, not listed: a table of millions of rows helps nobody and would
/// cost seconds to sort. Says how many figures that leaves out, and where they are.
fn long_series_note_ui(ui: &mut egui::Ui, snap: &Snapshot, settings: &Settings) {
    let long: Vec<usize> = snap
        .dense
        .iter()
        .filter(|d| settings.table_metric.is_empty() || d.metric == settings.table_metric)
        .filter(|d| crate::dashboard::selection::dense_exclusion(d, snap, settings).is_none())
        .map(|d| d.figures())
        .collect();
    if long.is_empty() {
        return;
    }
    let figures: usize = long.iter().sum();
    ui.label(
        RichText::new(t_args(
            "table-long-series",
            &[
                ("value", (&crate::model::format::grouped(figures)).into()),
                ("count", long.len().into()),
            ],
        ))
        .weak(),
    );
}

/// The sortable columns, each with the message id of its title.
const COLUMNS: [(TableColumn, &str); 8] = [
    (TableColumn::Platform, "table-col-platform"),
    (TableColumn::Metric, "table-col-metric"),
    (TableColumn::Region, "table-col-region"),
    (TableColumn::Period, "table-col-period"),
    (TableColumn::Value, "table-col-value"),
    (TableColumn::Kind, "table-col-kind"),
    (TableColumn::Source, "table-col-source"),
    (TableColumn::Published, "table-col-published"),
];

/// The message id of a column's "Sort by …" hover text.
fn sort_tooltip_id(column: TableColumn) -> &'static str {
    match column {
        TableColumn::Platform => "table-sort-platform",
        TableColumn::Metric => "table-sort-metric",
        TableColumn::Region => "table-sort-region",
        TableColumn::Period => "table-sort-period",
        TableColumn::Value => "table-sort-value",
        TableColumn::Kind => "table-sort-kind",
        TableColumn::Source => "table-sort-source",
        TableColumn::Published => "table-sort-published",
    }
}

/// Why the line follows a figure, in the UI's language.
fn reason_text(reason: HeadlineReason) -> String {
    t(match reason {
        HeadlineReason::Only => "line-reason-only",
        HeadlineReason::EverySource => "line-reason-every",
        HeadlineReason::SurestKind => "line-reason-surest",
        HeadlineReason::MostAgree => "line-reason-agree",
        HeadlineReason::Exact => "line-reason-exact",
        HeadlineReason::Latest => "line-reason-latest",
    })
}

/// A figure's kind in one word, as the Kind column, the tooltips and the pinned figure show it.
pub fn kind_word(kind: Kind) -> String {
    t(match kind {
        Kind::Actual => "table-kind-actual",
        Kind::Estimate => "table-kind-estimate",
        Kind::Forecast => "table-kind-forecast",
    })
}

pub fn table_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let (indices, roles) = cx.charts.table_rows(cx.snap, cx.settings);
    let rows: Vec<&Observation> = indices.iter().map(|&i| &cx.snap.observations[i]).collect();
    table_toolbar_ui(ui, cx, rows.len());
    ui.add_space(tokens::SMALL_GAP_PX);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + tokens::ROW_PADDING_PX;
    let mut clicked_column = None;
    // Ten columns are wider than a laptop: the table scrolls sideways as well.
    egui::ScrollArea::horizontal()
        .id_salt("figures-table-scroll")
        .show(ui, |ui| {
            with_columns(
                TableBuilder::new(ui)
                    .id_salt("figures-table")
                    .striped(true)
                    .resizable(true),
                &tokens::FIGURES_COLUMNS_PX,
            )
            .header(row_height + tokens::HEADER_PADDING_PX, |mut header| {
                for (column, title_id) in COLUMNS {
                    let title = t(title_id);
                    header.col(|ui| {
                        let arrow = match (
                            cx.settings.table_sort == column,
                            cx.settings.table_ascending,
                        ) {
                            (true, true) => " ▲",
                            (true, false) => " ▼",
                            _ => "",
                        };
                        if ui
                            .button(RichText::new(format!("{title}{arrow}")).strong())
                            .on_hover_text(t(sort_tooltip_id(column)))
                            .clicked()
                        {
                            clicked_column = Some(column);
                        }
                    });
                }
                header.col(|ui| {
                    ui.strong(t("table-col-url"));
                });
                header.col(|ui| {
                    ui.strong(t("table-col-note"));
                });
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let (o, role) = (rows[row.index()], roles.get(row.index()).copied().flatten());
                    figure_row_ui(&mut row, cx.snap, o, role);
                });
            });
        });
    if let Some(column) = clicked_column {
        if cx.settings.table_sort == column {
            cx.settings.table_ascending = !cx.settings.table_ascending;
        } else {
            cx.settings.table_sort = column;
            cx.settings.table_ascending = true;
        }
    }
}

/// The title, the metric chooser, the row count and Copy as CSV.
fn table_toolbar_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, n_rows: usize) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tokens::heading(t("table-title")));
        let label = ui.label(t("table-metric"));
        let current = if cx.settings.table_metric.is_empty() {
            t("table-all-metrics")
        } else {
            cx.snap.metric_name(&cx.settings.table_metric)
        };
        egui::ComboBox::from_id_salt("table-metric")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut cx.settings.table_metric,
                    String::new(),
                    t("table-all-metrics"),
                );
                for m in &cx.snap.metrics {
                    ui.selectable_value(&mut cx.settings.table_metric, m.id.clone(), &m.name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.label(RichText::new(t_args("table-rows", &[("count", n_rows.into())])).weak());
        long_series_note_ui(ui, cx.snap, cx.settings);
        if ui
            .button(t("table-copy-csv"))
            .on_hover_text(t_args(
                "table-copy-csv-tooltip",
                &[
                    ("name", (&Action::CopyCsv.label()).into()),
                    ("value", (&Action::CopyCsv.shortcut_text()).into()),
                ],
            ))
            .clicked()
        {
            cx.actions.push(Action::CopyCsv);
        }
    });
}

/// One figure's cells, in [`COLUMNS`] order, then its URL and note.
fn figure_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    snap: &Snapshot,
    o: &Observation,
    role: Option<LineRole>,
) {
    row.col(|ui| {
        ui.label(snap.platform_name(&o.platform));
    });
    row.col(|ui| {
        ui.label(snap.metric_name(&o.metric));
    });
    row.col(|ui| {
        ui.label(snap.region_name(&o.region));
    });
    row.col(|ui| {
        let lang = crate::i18n::lang();
        let fiscal = snap.fiscal_year_start(&o.platform);
        match crate::model::format::fiscal_name_in(&o.period, fiscal, lang) {
            // As the platform names it; the calendar dates on hover.
            Some(name) => {
                ui.label(name).on_hover_text(format!(
                    "{} ({})",
                    o.period.label(),
                    crate::model::format::calendar_span_in(&o.period, lang)
                ));
            }
            None => {
                ui.label(o.period.label());
            }
        }
    });
    row.col(|ui| {
        let value = qualified(o.value, o.unit, o.qualifier);
        let exact = format!("{} {}", o.value, o.unit);
        match role {
            None => {
                ui.label(value).on_hover_text(exact);
            }
            // Several figures for this period: the one the line follows is marked, and says why.
            Some(LineRole::Follows { reason, of }) => {
                let why = t_args(
                    "table-line-follows",
                    &[
                        ("count", of.into()),
                        ("value", (&reason_text(reason)).into()),
                    ],
                );
                ui.label(RichText::new(format!("● {value}")).strong())
                    .on_hover_text(format!("{exact}\n{why}"));
            }
            Some(LineRole::Beside { head }) => {
                let other = snap.observations.get(head).map(|h| {
                    t_args(
                        "table-line-beside",
                        &[
                            ("name", (&h.source.publisher).into()),
                            ("value", (&qualified(h.value, h.unit, h.qualifier)).into()),
                        ],
                    )
                });
                ui.label(format!("○ {value}"))
                    .on_hover_text(format!("{exact}\n{}", other.unwrap_or_default()));
            }
        }
    });
    row.col(|ui| {
        ui.label(kind_word(o.kind));
    });
    row.col(|ui| {
        ui.label(&o.source.publisher).on_hover_text(&o.source.title);
    });
    row.col(|ui| {
        ui.label(o.source.published.map(day_label).unwrap_or_default());
    });
    row.col(|ui| {
        if !o.source.url.is_empty() {
            ui.hyperlink_to(&o.source.url, &o.source.url);
        }
    });
    row.col(|ui| {
        ui.label(RichText::new(&o.note).small())
            .on_hover_text(&o.note);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, has_message};

    #[test]
    fn every_column_title_and_sort_hint_is_in_both_catalogues() {
        let ids = COLUMNS
            .iter()
            .flat_map(|&(column, title)| [title, sort_tooltip_id(column)]);
        for id in ids {
            for lang in Lang::ALL {
                assert!(has_message(lang, id), "{id} is not in {lang:?}");
            }
        }
    }
}
