//! `export --transform/--to-grain/--agg/--currency`: reads the options into a recipe, derives the
//! selected series with it (`analysis::recipe`) and writes the derived rows, each naming every
//! input's source. Notes about what was left out go to stderr, the figures to stdout.

use std::collections::HashMap;
use std::io::Write;

use anyhow::bail;

use crate::analysis::formula_series::{self, ParsedFormula};
use crate::analysis::recipe::{self, Recipe, Transform};
use crate::analysis::recipe_rows::{self, FX_METRIC};
use crate::model::{Aggregate, Currency, FormulaMetric, Grain, Source};
use crate::store::export::{self, Format, Names};
use crate::store::{FigureSource, SeriesQuery};

/// The derivation the options ask for; `None` when they ask for none (a plain export).
pub fn recipe_of(
    transform: Option<&str>,
    to_grain: Option<&str>,
    agg: Option<&str>,
    currency: Option<&str>,
) -> anyhow::Result<Option<Recipe>> {
    let transform = match transform {
        None => Transform::Level,
        Some(text) => Transform::parse(text).map_err(|e| anyhow::anyhow!("--transform: {e}"))?,
    };
    let grain = match to_grain {
        None => None,
        Some(text) => match Grain::parse(text) {
            Ok(g) if !matches!(g, Grain::Minute | Grain::Hour) => Some(g),
            Ok(g) => bail!("--to-grain {g}: convert to year, half, quarter, month, week or day"),
            Err(e) => bail!("--to-grain: {e}"),
        },
    };
    let aggregate = match agg {
        None => None,
        Some(text) => Some(Aggregate::parse(text).map_err(|e| anyhow::anyhow!("--agg: {e}"))?),
    };
    let currency = match currency {
        None => None,
        Some(text) => match Currency::parse(text) {
            Some(c) => Some(c),
            None => bail!("--currency {text:?}: not an ISO 4217 currency code (USD, CNY, EUR...)"),
        },
    };
    let recipe = Recipe {
        currency,
        grain,
        aggregate,
        transform,
    };
    Ok((!recipe.is_identity()).then_some(recipe))
}

/// Derives the series `query` selects and writes them: stored metrics by the recipe, and each
/// formula metric from its inputs, each derived by the recipe first (FRED's order: aggregate,
/// transform, then formula). `formulas` are the store's formula metrics. Returns how many rows
/// were written.
pub fn export(
    store: &impl FigureSource,
    query: &SeriesQuery,
    recipe: &Recipe,
    formulas: &[FormulaMetric],
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let metrics = store.metrics()?;
    let aggregates: HashMap<String, Aggregate> = metrics
        .iter()
        .map(|m| (m.id.clone(), m.aggregate))
        .collect();
    let (asked_formulas, stored): (Vec<String>, Vec<String>) = query
        .metrics
        .iter()
        .cloned()
        .partition(|m| formulas.iter().any(|f| f.metric == *m));
    let mut outputs = Vec::new();
    let mut sources: HashMap<i64, Source> = HashMap::new();
    if !stored.is_empty() || asked_formulas.is_empty() {
        let stored_query = SeriesQuery {
            metrics: stored,
            ..query.clone()
        };
        outputs.extend(derive_stored(
            store,
            &stored_query,
            recipe,
            &aggregates,
            &mut sources,
            false,
        )?);
    }
    for formula in formulas
        .iter()
        .filter(|f| asked_formulas.contains(&f.metric))
    {
        let Some(metric) = metrics.iter().find(|m| m.id == formula.metric) else {
            continue;
        };
        let parsed = ParsedFormula::parse(&formula.formula)
            .map_err(|e| anyhow::anyhow!("formula metric {}: {e}", metric.id))?;
        let mut platforms = query.platforms.clone();
        if !platforms.is_empty() {
            // Another platform's series the formula names is read whichever platforms are asked.
            platforms.extend(
                parsed
                    .names
                    .iter()
                    .filter(|n| n.platform.is_some())
                    .map(|n| formula_series::owner(n, "").to_string()),
            );
        }
        // The whole history of every input: a year is built from all of its quarters, and the
        // window applies to the formula's periods.
        let input_query = SeriesQuery {
            metrics: parsed.metrics().into_iter().map(str::to_string).collect(),
            platforms,
            from: None,
            to: None,
            ..query.clone()
        };
        let inputs = derive_stored(store, &input_query, recipe, &aggregates, &mut sources, true)?;
        let aggregate_parts = (recipe.transform == Transform::Level).then_some(&aggregates);
        let run = formula_series::evaluate(metric, &parsed, &inputs, aggregate_parts)
            .map_err(|e| anyhow::anyhow!("formula metric {}: {e}", metric.id))?;
        if !run.left_out.is_empty() {
            eprintln!(
                "{}: not made where an input is missing: {}",
                metric.id,
                run.left_out.join("; ")
            );
        }
        for mut output in run.outputs {
            if !query.platforms.is_empty() && !query.platforms.contains(&output.platform) {
                continue;
            }
            output.points.retain(|p| {
                query.from.is_none_or(|from| p.period.end() > from)
                    && query.to.is_none_or(|to| p.period.start <= to)
            });
            outputs.push(output);
        }
    }
    for output in &outputs {
        for note in &output.notes {
            eprintln!("{} {}: {note}", output.platform, output.metric);
        }
    }
    let rows = recipe_rows::rows(&outputs, &sources);
    export::write_derived(&rows, &Names::from_store(store)?, format, out)?;
    Ok(rows.len())
}

/// The stored series `query` selects, derived by `recipe`; their sources go into `sources`.
/// With `money_only` (a formula's inputs), `--currency` converts money and leaves counts as
/// they are; otherwise a series that is not money is refused.
fn derive_stored(
    store: &impl FigureSource,
    query: &SeriesQuery,
    recipe: &Recipe,
    aggregates: &HashMap<String, Aggregate>,
    sources: &mut HashMap<i64, Source>,
    money_only: bool,
) -> anyhow::Result<Vec<recipe::Output>> {
    let observations = store.series(query)?;
    // Rates as known on the same day as the figures they convert.
    let rate_rows = if recipe.currency.is_some() {
        store.series(&SeriesQuery {
            metrics: vec![FX_METRIC.to_string()],
            as_of: query.as_of,
            ..SeriesQuery::default()
        })?
    } else {
        Vec::new()
    };
    let rates = recipe_rows::rates(&rate_rows);
    for o in observations.iter().chain(&rate_rows) {
        sources
            .entry(o.source.id)
            .or_insert_with(|| o.source.clone());
    }
    let mut outputs = Vec::new();
    for group in recipe_rows::inputs(&observations, aggregates) {
        // Exchange rates are not money: converting them would divide a rate by itself.
        let group: Vec<_> = group
            .into_iter()
            .filter(|i| recipe.currency.is_none() || i.metric != FX_METRIC)
            .collect();
        let is_money = group.iter().all(|i| i.unit.currency().is_some());
        if money_only && !is_money {
            let unconverted = Recipe {
                currency: None,
                ..recipe.clone()
            };
            outputs.extend(recipe::apply(group, &unconverted, &rates)?);
        } else {
            outputs.extend(recipe::apply(group, recipe, &rates)?);
        }
    }
    Ok(outputs)
}
