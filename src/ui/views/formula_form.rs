//! "New formula metric" under the Metrics view's list: an id, a formula and a name, checked as
//! they are typed against the catalogue in hand (`analysis::formula_series::define`), stored by
//! the loader thread on Add ([`Action::AddFormula`]).

use std::collections::BTreeSet;

use eframe::egui::{self, RichText};

use super::ViewCtx;
use crate::analysis::formula_series;
use crate::i18n::{t, t_args};
use crate::model::Metric;
use crate::ui::actions::Action;
use crate::ui::tokens;

/// What is typed in the form, and the metric the Add button asked to store.
#[derive(Debug, Default)]
pub struct FormulaDraft {
    pub id: String,
    pub formula: String,
    pub name: String,
    /// The metric and formula to store on [`Action::AddFormula`].
    pub pending: Option<(Metric, String)>,
}

impl FormulaDraft {
    /// The metric to store, taken; the form is cleared for the next one.
    pub fn take_pending(&mut self) -> Option<(Metric, String)> {
        let pending = self.pending.take()?;
        *self = FormulaDraft::default();
        Some(pending)
    }
}

pub fn formula_form_ui(ui: &mut egui::Ui, cx: &mut ViewCtx<'_>) {
    if cx.snap.read_only {
        return;
    }
    egui::CollapsingHeader::new(t("formula-new"))
        .id_salt("formula-new")
        .show(ui, |ui| {
            ui.label(RichText::new(t("formula-help")).weak().small());
            let draft = &mut cx.formula;
            field_ui(ui, &t("formula-id"), &mut draft.id, "gmv_per_download");
            field_ui(
                ui,
                &t("formula-formula"),
                &mut draft.formula,
                "gmv / downloads",
            );
            field_ui(ui, &t("formula-name"), &mut draft.name, "GMV per download");
            let formulas: BTreeSet<String> = cx.snap.formulas.keys().cloned().collect();
            let name = draft.name.trim();
            let checked =
                (!draft.id.trim().is_empty() && !draft.formula.trim().is_empty()).then(|| {
                    formula_series::define(
                        draft.id.trim(),
                        draft.formula.trim(),
                        (!name.is_empty()).then_some(name),
                        None,
                        &cx.snap.metrics,
                        &formulas,
                    )
                });
            let taken = cx.snap.metric(draft.id.trim()).is_some();
            match &checked {
                Some(Ok(metric)) if !taken => {
                    ui.label(
                        RichText::new(t_args(
                            "formula-unit",
                            &[("name", (&metric.unit.to_string()).into())],
                        ))
                        .small(),
                    );
                }
                Some(Ok(_)) => {
                    ui.label(
                        RichText::new(t_args("formula-taken", &[("name", draft.id.trim().into())]))
                            .color(ui.visuals().warn_fg_color)
                            .small(),
                    );
                }
                Some(Err(e)) => {
                    ui.label(
                        RichText::new(e.to_string())
                            .color(ui.visuals().warn_fg_color)
                            .small(),
                    );
                }
                None => {}
            }
            let ready = matches!(checked, Some(Ok(_))) && !taken;
            if ui
                .add_enabled(ready, egui::Button::new(t("formula-add")))
                .clicked()
                && let Some(Ok(metric)) = checked
            {
                draft.pending = Some((metric, draft.formula.trim().to_string()));
                cx.actions.push(Action::AddFormula);
            }
        });
}

fn field_ui(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(tokens::NAME_FIELD_WIDTH_PX),
        )
        .labelled_by(label.id);
    });
}
