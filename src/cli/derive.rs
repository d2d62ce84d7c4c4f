//! `export --transform/--to-grain/--agg/--currency`: reads the options into a recipe, derives the
//! selected series with it (`analysis::recipe`) and writes the derived rows, each naming every
//! input's source. Notes about what was left out go to stderr, the figures to stdout.

use std::collections::HashMap;
use std::io::Write;

use anyhow::bail;

use crate::analysis::recipe::{self, Recipe, Transform};
use crate::analysis::recipe_rows::{self, FX_METRIC};
use crate::model::{Aggregate, Currency, Grain, Source};
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

/// Derives the series `query` selects and writes them. Returns how many rows were written.
pub fn export(
    store: &impl FigureSource,
    query: &SeriesQuery,
    recipe: &Recipe,
    format: Format,
    out: &mut impl Write,
) -> anyhow::Result<usize> {
    let observations = store.series(query)?;
    let aggregates: HashMap<String, Aggregate> = store
        .metrics()?
        .into_iter()
        .map(|m| (m.id, m.aggregate))
        .collect();
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
    let mut sources: HashMap<i64, Source> = HashMap::new();
    for o in observations.iter().chain(&rate_rows) {
        sources
            .entry(o.source.id)
            .or_insert_with(|| o.source.clone());
    }
    let mut outputs = Vec::new();
    for group in recipe_rows::inputs(&observations, &aggregates) {
        // Exchange rates are not money: converting them would divide a rate by itself.
        let group: Vec<_> = group
            .into_iter()
            .filter(|i| recipe.currency.is_none() || i.metric != FX_METRIC)
            .collect();
        outputs.extend(recipe::apply(group, recipe, &rates)?);
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
