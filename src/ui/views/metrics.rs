//! The Metrics view: every metric in the store, grouped, with its unit and how many figures and
//! platforms it has; the one picked is charted with everything the curated views have. A metric
//! or platform known only by its id can be given a name here.

use eframe::egui::{self, RichText};

use super::one_metric::one_metric_chart_ui;
use super::{ViewCtx, level_toolbar_ui};
use crate::dashboard::metrics::{MetricGroup, MetricSummary, metric_catalogue};
use crate::dashboard::settings::View;
use crate::i18n::{t, t_args};
use crate::model::Unit;
use crate::model::format::grouped;
use crate::store::Named;
use crate::ui::actions::Action;
use crate::ui::tokens;

/// Names typed in the Metrics view, until saved; and which one the Save button asked for.
#[derive(Debug, Default)]
pub struct NameDrafts {
    /// (what, id) -> the name typed.
    pub typed: std::collections::BTreeMap<(NamedKey, String), String>,
    /// The name to store on [`Action::SaveName`].
    pub pending: Option<(Named, String)>,
}

/// [`Named`] as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NamedKey {
    Metric,
    Platform,
}

impl NamedKey {
    pub fn of(what: Named) -> NamedKey {
        match what {
            Named::Metric => NamedKey::Metric,
            Named::Platform => NamedKey::Platform,
        }
    }
}

impl NameDrafts {
    /// The typed name of `id`, taken: what [`Action::SaveName`] stores.
    pub fn take_pending(&mut self) -> Option<(Named, String, String)> {
        let (what, id) = self.pending.take()?;
        let name = self.typed.remove(&(NamedKey::of(what), id.clone()))?;
        Some((what, id, name))
    }
}

pub fn metrics_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    let catalogue = metric_catalogue(cx.snap);
    // A metric without figures is never the one shown while another has some.
    if !catalogue
        .iter()
        .any(|m| m.id == cx.settings.metric && m.figures > 0)
        && let Some(first) = catalogue.iter().find(|m| m.figures > 0)
    {
        cx.settings.metric = first.id.clone();
    }
    if cx.chrome {
        egui::Panel::left("metrics-list")
            .resizable(true)
            .default_size(tokens::METRICS_LIST_WIDTH_PX)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        metric_list_ui(ui, cx, &catalogue);
                        super::formula_form::formula_form_ui(ui, cx);
                    });
            });
    }
    let metric = cx.settings.metric.clone();
    let Some(summary) = catalogue.iter().find(|m| m.id == metric) else {
        ui.label(View::Metrics.spec().empty_text());
        return;
    };
    if cx.chrome {
        names_ui(ui, cx, summary);
    }
    level_toolbar_ui(ui, cx, true);
    let mode = cx.level_mode();
    one_metric_chart_ui(ui, cx, &metric, "metrics", mode);
}

/// The groups and their metrics; a click charts one.
fn metric_list_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, catalogue: &[MetricSummary]) {
    for group in MetricGroup::ALL {
        // A catalogued metric without figures (a new store's gmv) has nothing to chart.
        let in_group: Vec<&MetricSummary> = catalogue
            .iter()
            .filter(|m| m.group == group && m.figures > 0)
            .collect();
        if in_group.is_empty() {
            continue;
        }
        ui.label(RichText::new(group_title(group)).strong());
        for m in in_group {
            let selected = cx.settings.metric == m.id;
            let text = format!(
                "{} · {} · {} · {}",
                m.name,
                unit_label(&m.unit),
                t_args(
                    "metrics-figures",
                    &[
                        ("count", m.figures.into()),
                        ("value", (&grouped(m.figures)).into())
                    ],
                ),
                t_args("metrics-platforms", &[("count", m.platforms.into())]),
            );
            let description = cx
                .snap
                .metric(&m.id)
                .map(|d| d.description.as_str())
                .unwrap_or("");
            let id = t_args("metrics-id", &[("name", (&m.id).into())]);
            let hover = if description.is_empty() {
                id
            } else {
                format!("{id} · {description}")
            };
            if ui
                .selectable_label(selected, text)
                .on_hover_text(hover)
                .clicked()
                && !selected
            {
                cx.settings.metric = m.id.clone();
                cx.inter.explore.measure.clear();
                cx.actions.push(Action::ResetZoom);
            }
        }
        ui.add_space(tokens::SMALL_GAP_PX);
    }
    let without: Vec<&str> = catalogue
        .iter()
        .filter(|m| m.figures == 0)
        .map(|m| m.name.as_str())
        .collect();
    if !without.is_empty() {
        ui.label(
            RichText::new(t_args(
                "metrics-without-figures",
                &[("name", (&without.join(", ")).into())],
            ))
            .weak()
            .small(),
        );
    }
}

/// A name for the metric, and for each of its platforms known only by id.
fn names_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, summary: &MetricSummary) {
    if cx.snap.read_only {
        return;
    }
    let mut unnamed: Vec<(Named, String, String)> = Vec::new();
    if !summary.named {
        unnamed.push((Named::Metric, summary.id.clone(), t("metrics-name-metric")));
    }
    let mut platforms: Vec<&str> = cx
        .snap
        .observations
        .iter()
        .filter(|o| o.metric == summary.id)
        .map(|o| o.platform.as_str())
        .chain(
            cx.snap
                .dense
                .iter()
                .filter(|d| d.metric == summary.id)
                .map(|d| d.platform.as_str()),
        )
        .collect();
    platforms.sort_unstable();
    platforms.dedup();
    for p in platforms {
        let named = cx.snap.platform(p).is_some_and(|pl| pl.name != pl.id);
        if !named {
            unnamed.push((Named::Platform, p.to_string(), t("metrics-name-platform")));
        }
    }
    if unnamed.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(t_args("metrics-names", &[("count", unnamed.len().into())]))
        .id_salt("metric-names")
        .show(ui, |ui| {
            for (what, id, label) in unnamed {
                name_row_ui(ui, cx, what, &id, &label);
            }
        });
}

fn name_row_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, what: Named, id: &str, label: &str) {
    ui.horizontal(|ui| {
        let label = ui.label(t_args(
            "metrics-name-label",
            &[("name", label.into()), ("value", id.into())],
        ));
        let key = (NamedKey::of(what), id.to_string());
        let text = cx.names.typed.entry(key).or_default();
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(t("metrics-display-name"))
                    .desired_width(tokens::NAME_FIELD_WIDTH_PX),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !text.trim().is_empty();
        let save = ui
            .add_enabled(ready, egui::Button::new(t("metrics-save-name")))
            .on_hover_text(t("metrics-save-name-tooltip"));
        if ready && (save.clicked() || enter) {
            cx.names.pending = Some((what, id.to_string()));
            cx.actions.push(Action::SaveName);
        }
    });
}

/// A unit as the metric list names it: the words translated, currency codes as they are.
fn unit_label(unit: &Unit) -> String {
    match unit {
        Unit::Count => t("metrics-unit-count"),
        Unit::Percent => t("metrics-unit-percent"),
        Unit::AnyCurrency => t("metrics-unit-currency"),
        other => other.as_str().to_string(),
    }
}

/// A group's title in the UI's language (the dashboard's [`MetricGroup::title`] is English).
fn group_title(group: MetricGroup) -> String {
    t(match group {
        MetricGroup::Sales => "metrics-group-sales",
        MetricGroup::Growth => "metrics-group-growth",
        MetricGroup::Users => "metrics-group-users",
        MetricGroup::Sellers => "metrics-group-sellers",
        MetricGroup::Money => "metrics-group-money",
        MetricGroup::Other => "metrics-group-other",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn every_group_has_a_title_in_both_languages() {
        for group in MetricGroup::ALL {
            assert_eq!(with_lang(Lang::En, || group_title(group)), group.title());
            let zh = with_lang(Lang::Zh, || group_title(group));
            assert!(
                zh != group.title() && !zh.starts_with("metrics-"),
                "{group:?}: {zh}"
            );
        }
    }
}
