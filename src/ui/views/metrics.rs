//! The Metrics view: every metric in the store, grouped, with its unit and how many figures and
//! platforms it has; the one picked is charted with everything the curated views have. A metric
//! or platform known only by its id can be given a name here.

use eframe::egui::{self, RichText};

use super::one_metric::one_metric_chart_ui;
use super::{ViewCtx, level_toolbar_ui};
use crate::dashboard::metrics::{MetricGroup, MetricSummary, metric_catalogue};
use crate::dashboard::settings::View;
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
                    .show(ui, |ui| metric_list_ui(ui, cx, &catalogue));
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
        ui.label(RichText::new(group.title()).strong());
        for m in in_group {
            let selected = cx.settings.metric == m.id;
            let text = format!(
                "{} · {} · {} figure{} · {} platform{}",
                m.name,
                m.unit.as_str(),
                grouped(m.figures),
                if m.figures == 1 { "" } else { "s" },
                m.platforms,
                if m.platforms == 1 { "" } else { "s" }
            );
            let description = cx
                .snap
                .metric(&m.id)
                .map(|d| d.description.as_str())
                .unwrap_or("");
            let hover = if description.is_empty() {
                format!("id {}", m.id)
            } else {
                format!("id {} · {description}", m.id)
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
            RichText::new(format!(
                "In the catalogue without figures: {}.",
                without.join(", ")
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
        unnamed.push((Named::Metric, summary.id.clone(), "Metric".to_string()));
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
            unnamed.push((Named::Platform, p.to_string(), "Platform".to_string()));
        }
    }
    if unnamed.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Names ({} known only by id)", unnamed.len()))
        .id_salt("metric-names")
        .show(ui, |ui| {
            for (what, id, label) in unnamed {
                name_row_ui(ui, cx, what, &id, &label);
            }
        });
}

fn name_row_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>, what: Named, id: &str, label: &str) {
    ui.horizontal(|ui| {
        let label = ui.label(format!("{label} {id}:"));
        let key = (NamedKey::of(what), id.to_string());
        let text = cx.names.typed.entry(key).or_default();
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text("display name")
                    .desired_width(tokens::NAME_FIELD_WIDTH_PX),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !text.trim().is_empty();
        let save = ui
            .add_enabled(ready, egui::Button::new("Save name"))
            .on_hover_text("Stored in the store's catalogue: every view and export shows it");
        if ready && (save.clicked() || enter) {
            cx.names.pending = Some((what, id.to_string()));
            cx.actions.push(Action::SaveName);
        }
    });
}
