//! A stored formula metric, checked and evaluated: `define` checks a new formula against the
//! catalogue (every metric it names exists, the units combine) and gives its metric row;
//! `evaluate` applies it for each platform and region whose series it names, on one grain at a
//! time, building a coarser period from complete finer ones (`frequency`) where an input has no
//! figure of that grain itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::derived::Point;
use super::formula::{self, Expr, FormulaError, Operand, ParseError, SeriesRef};
use super::frequency::{self, Bucket};
use super::fx::Rates;
use super::recipe::{self, Output, Recipe};
use super::recipe_rows;
use super::unit_algebra::{FormulaUnit, UnitMismatch};
use crate::model::{Aggregate, FormulaMetric, Grain, Metric, Observation, Period, Source, Unit};

/// A formula read once: its text (for the `derived` column), its expression and the series it
/// names, which the caller reads as inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFormula {
    pub text: String,
    pub expr: Expr,
    pub names: BTreeSet<SeriesRef>,
}

impl ParsedFormula {
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let expr = formula::parse(text)?;
        Ok(Self {
            text: text.to_string(),
            names: formula::references(&expr),
            expr,
        })
    }

    /// The metric ids it names, each once.
    pub fn metrics(&self) -> BTreeSet<&str> {
        self.names.iter().map(|n| n.metric.as_str()).collect()
    }
}

/// Why a formula metric cannot be defined.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DefineError {
    #[error("metric id {0:?}: use lower-case letters, digits and _ (such as gmv_per_download)")]
    BadId(String),
    // Not a `source`: the message says it whole, and a chain would say it twice.
    #[error("--formula: {0}")]
    Parse(ParseError),
    #[error("--formula names metric {0:?}, which the store does not have")]
    UnknownMetric(String),
    #[error(
        "--formula names {0:?}, itself a formula metric: name the metrics it is made of instead"
    )]
    FormulaOfFormula(String),
    #[error("--formula names metric {0:?}: a formula cannot use itself")]
    SelfReference(String),
    #[error("--formula: {0}")]
    Units(UnitMismatch),
    #[error("--formula names no metric: it would be a constant, not a series")]
    NoSeries,
    #[error("--unit: {0}")]
    Unit(String),
}

/// The catalogue row of a new formula metric `id`: its unit by the formula's algebra over the
/// catalogue's units (or `unit` when given), its name `name` (or the id).
pub fn define(
    id: &str,
    text: &str,
    name: Option<&str>,
    unit: Option<Unit>,
    catalogue: &[Metric],
    formulas: &BTreeSet<String>,
) -> Result<Metric, DefineError> {
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !id_ok {
        return Err(DefineError::BadId(id.to_string()));
    }
    let parsed = ParsedFormula::parse(text).map_err(DefineError::Parse)?;
    if parsed.names.is_empty() {
        return Err(DefineError::NoSeries);
    }
    for name in &parsed.names {
        if name.metric == id {
            return Err(DefineError::SelfReference(name.metric.clone()));
        }
        if formulas.contains(&name.metric) {
            return Err(DefineError::FormulaOfFormula(name.metric.clone()));
        }
        if !catalogue.iter().any(|m| m.id == name.metric) {
            return Err(DefineError::UnknownMetric(name.metric.clone()));
        }
    }
    let algebra = evaluate_unit(&parsed, catalogue)?;
    let unit = match unit {
        Some(unit) => unit,
        None => model_unit(&algebra).map_err(|e| DefineError::Unit(e.to_string()))?,
    };
    Ok(Metric {
        id: id.to_string(),
        name: name.unwrap_or(id).to_string(),
        name_zh: None,
        unit,
        non_negative: false,
        aggregate: Aggregate::for_unit(unit),
        description: format!("formula: {text}"),
    })
}

/// The formula's unit over the catalogue's units, found by evaluating it on no figures.
fn evaluate_unit(parsed: &ParsedFormula, catalogue: &[Metric]) -> Result<FormulaUnit, DefineError> {
    let resolve = |name: &SeriesRef| -> Option<Operand<'_>> {
        let metric = catalogue.iter().find(|m| m.id == name.metric)?;
        Some(Operand {
            points: &[],
            unit: FormulaUnit::Of(metric.unit),
            noun: noun(&metric.id, metric.unit),
        })
    };
    match formula::evaluate(&parsed.expr, &parsed.text, &resolve) {
        Ok(evaluated) => Ok(evaluated.unit),
        Err(FormulaError::Units(e)) => Err(DefineError::Units(e)),
        Err(FormulaError::NoSeries) => Err(DefineError::NoSeries),
        Err(FormulaError::UnknownSeries(name)) => Err(DefineError::UnknownMetric(name)),
        // No figures, so no grains to mix.
        Err(FormulaError::MixedGrains(..)) => Err(DefineError::NoSeries),
    }
}

/// A formula's unit as the catalogue stores it: a plain ratio is a plain number, "USD per
/// download" a unit by name.
fn model_unit(unit: &FormulaUnit) -> Result<Unit, crate::model::UnitError> {
    match unit {
        FormulaUnit::Constant => Ok(Unit::Plain),
        FormulaUnit::Of(unit) => Ok(*unit),
        per => Unit::parse(&per.name()),
    }
}

/// What one figure of a count metric counts, for "USD per download": the id's last word,
/// singular. Other units name themselves.
fn noun(metric: &str, unit: Unit) -> &str {
    if unit != Unit::Count {
        return "";
    }
    let last = metric.rsplit('_').next().unwrap_or(metric);
    last.strip_suffix('s').unwrap_or(last)
}

/// A formula's series, and the platforms and regions it could not be made for, with why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub outputs: Vec<Output>,
    /// "aliexpress (global): no gmv series", one per platform and region.
    pub left_out: Vec<String>,
}

/// Evaluates formula metric `metric` (`formula`) over `inputs`, the series of the metrics it names
/// (already converted and transformed by the recipe). A bare metric is each platform's own; a
/// platform's series is evaluated in each region where it has every bare metric. A formula that
/// names only other platforms' series (`temu:gmv / shein:gmv`) is one series, under its first
/// platform. A `market:` before a platform id is optional. `aggregates` (metric id to its rule)
/// builds a coarser period from finer figures; `None` when the inputs were transformed, as a sum
/// of growth rates means nothing.
pub fn evaluate(
    metric: &Metric,
    formula: &ParsedFormula,
    inputs: &[Output],
    aggregates: Option<&HashMap<String, Aggregate>>,
) -> Result<Run, FormulaError> {
    let names = &formula.names;
    let bare: BTreeSet<&str> = names
        .iter()
        .filter(|n| n.platform.is_none())
        .map(|n| n.metric.as_str())
        .collect();
    let by_key: BTreeMap<(&str, &str, &str), &Output> = inputs
        .iter()
        .map(|o| {
            (
                (o.platform.as_str(), o.region.as_str(), o.metric.as_str()),
                o,
            )
        })
        .collect();
    let mut targets: BTreeSet<(&str, &str)> = BTreeSet::new();
    if bare.is_empty() {
        let first = names.first().ok_or(FormulaError::NoSeries)?;
        let platform = owner(first, "");
        for o in inputs.iter().filter(|o| o.platform == platform) {
            targets.insert((o.platform.as_str(), o.region.as_str()));
        }
    } else {
        for o in inputs.iter().filter(|o| bare.contains(o.metric.as_str())) {
            targets.insert((o.platform.as_str(), o.region.as_str()));
        }
    }
    let mut run = Run::default();
    for (platform, region) in targets {
        let mut operands: BTreeMap<SeriesRef, &Output> = BTreeMap::new();
        let mut missing = Vec::new();
        for name in names {
            match by_key.get(&(owner(name, platform), region, name.metric.as_str())) {
                Some(o) => {
                    operands.insert(name.clone(), o);
                }
                None => missing.push(name.to_string()),
            }
        }
        if !missing.is_empty() {
            run.left_out.push(format!(
                "{platform} ({region}): no {} series",
                missing.join(", ")
            ));
            continue;
        }
        let series = Series {
            platform,
            region,
            operands,
        };
        run.outputs
            .extend(evaluate_one(metric, formula, &series, aggregates)?);
    }
    Ok(run)
}

/// Whose series `name` is: the platform it names (`market:china_cross_border_ecommerce` or
/// without `market:`), or for a bare metric `own`, the platform the formula is evaluated for.
pub fn owner<'a>(name: &'a SeriesRef, own: &'a str) -> &'a str {
    match name.platform.as_deref() {
        Some(platform) => platform.strip_prefix("market:").unwrap_or(platform),
        None => own,
    }
}

/// One platform and region's inputs, by the name the formula gives each.
struct Series<'a> {
    platform: &'a str,
    region: &'a str,
    operands: BTreeMap<SeriesRef, &'a Output>,
}

/// One platform and region: the formula on every grain all its inputs have figures of.
fn evaluate_one(
    metric: &Metric,
    formula: &ParsedFormula,
    series: &Series<'_>,
    aggregates: Option<&HashMap<String, Aggregate>>,
) -> Result<Vec<Output>, FormulaError> {
    let operands = &series.operands;
    let grains: BTreeSet<Grain> = operands
        .values()
        .flat_map(|o| o.points.iter().map(|p| p.period.grain))
        .collect();
    let mut outputs = Vec::new();
    for grain in grains {
        let at_grain: BTreeMap<&SeriesRef, Vec<Point>> = operands
            .iter()
            .map(|(name, o)| {
                let aggregate = aggregates.and_then(|a| a.get(&o.metric)).copied();
                (name, points_at(&o.points, grain, aggregate))
            })
            .collect();
        if at_grain.values().any(Vec::is_empty) {
            continue;
        }
        let resolve = |name: &SeriesRef| -> Option<Operand<'_>> {
            let output = operands.get(name)?;
            Some(Operand {
                points: at_grain.get(name)?,
                unit: FormulaUnit::Of(output.unit),
                noun: noun(&output.metric, output.unit),
            })
        };
        let evaluated = formula::evaluate(&formula.expr, &formula.text, &resolve)?;
        if evaluated.points.is_empty() && evaluated.no_figure.is_empty() {
            continue;
        }
        // A ratio takes the unit the metric declares (percent for a share times 100); money and
        // per-units follow the inputs, as a CNY series gives "CNY per download".
        let unit = match model_unit(&evaluated.unit) {
            Ok(Unit::Plain) | Err(_) => metric.unit,
            Ok(unit) => unit,
        };
        outputs.push(Output {
            platform: series.platform.to_string(),
            metric: metric.id.clone(),
            region: series.region.to_string(),
            unit,
            points: evaluated.points,
            notes: evaluated
                .no_figure
                .into_iter()
                .map(|(_, why)| why)
                .collect(),
        });
    }
    Ok(outputs)
}

/// An input's figures of `grain`: its own, and where it has none for a period (and `aggregate`
/// says how), the period built from a complete set of finer calendar figures. Fiscal periods
/// match only themselves.
fn points_at(points: &[Point], grain: Grain, aggregate: Option<Aggregate>) -> Vec<Point> {
    let mut out: BTreeMap<Period, Point> = points
        .iter()
        .filter(|p| p.period.grain == grain)
        .map(|p| (p.period, p.clone()))
        .collect();
    let finer: Vec<Point> = points
        .iter()
        .filter(|p| p.period.grain < grain && p.period.is_calendar_aligned())
        .filter(|p| p.period.grain != Grain::Week || grain == Grain::Week)
        .cloned()
        .collect();
    if let Some(aggregate) = aggregate
        && !finer.is_empty()
        && !matches!(grain, Grain::Minute | Grain::Hour)
        && let Ok(buckets) = frequency::to_grain(&finer, grain, aggregate, "input")
    {
        for bucket in buckets {
            if let Bucket::Value(p) = bucket {
                out.entry(p.period).or_insert(p);
            }
        }
    }
    out.into_values().collect()
}

/// Every formula metric's figures from `observations` (the stored figures in hand), as rows the
/// chart draws like stored ones: kind the weakest input's, source every input's publisher, note
/// how it was made. Returns the rows and, per formula that could not be evaluated, its metric id
/// and why.
pub fn figures(
    formulas: &[FormulaMetric],
    metrics: &[Metric],
    observations: &[Observation],
) -> (Vec<Observation>, Vec<(String, String)>) {
    let aggregates: HashMap<String, Aggregate> = metrics
        .iter()
        .map(|m| (m.id.clone(), m.aggregate))
        .collect();
    let sources: HashMap<i64, Source> = observations
        .iter()
        .map(|o| (o.source.id, o.source.clone()))
        .collect();
    let (mut rows, mut problems) = (Vec::new(), Vec::new());
    for formula in formulas {
        let Some(metric) = metrics.iter().find(|m| m.id == formula.metric) else {
            continue;
        };
        let parsed = match ParsedFormula::parse(&formula.formula) {
            Ok(parsed) => parsed,
            Err(e) => {
                problems.push((metric.id.clone(), e.to_string()));
                continue;
            }
        };
        let named = parsed.metrics();
        let wanted = observations
            .iter()
            .filter(|o| named.contains(o.metric.as_str()));
        let mut inputs = Vec::new();
        for group in recipe_rows::inputs(wanted, &aggregates) {
            match recipe::apply(group, &Recipe::level(), &Rates::default()) {
                Ok(outputs) => inputs.extend(outputs),
                Err(e) => problems.push((metric.id.clone(), e.to_string())),
            }
        }
        match evaluate(metric, &parsed, &inputs, Some(&aggregates)) {
            Ok(run) => {
                let mut notes = Vec::new();
                for o in &run.outputs {
                    for p in &o.points {
                        notes.push(inputs_note(o, p, &parsed.names, &inputs, &sources));
                    }
                }
                let made = recipe_rows::rows(&run.outputs, &sources);
                rows.extend(made.into_iter().zip(notes).map(|((mut row, _), note)| {
                    row.note = note;
                    row
                }));
            }
            Err(e) => problems.push((metric.id.clone(), e.to_string())),
        }
    }
    (rows, problems)
}

/// How a derived figure was made, with each input's figure and publisher: "formula gmv /
/// downloads · gmv $30B (ChinaTalk) · downloads 170M (Marketplace Pulse)". An input built from
/// finer periods says so.
fn inputs_note(
    output: &Output,
    point: &Point,
    names: &BTreeSet<SeriesRef>,
    inputs: &[Output],
    sources: &HashMap<i64, Source>,
) -> String {
    let mut parts = vec![point.derived.clone()];
    for name in names {
        let owner = owner(name, &output.platform);
        let figure = inputs
            .iter()
            .filter(|i| i.platform == owner && i.region == output.region && i.metric == name.metric)
            .find_map(|i| {
                i.points
                    .iter()
                    .find(|p| p.period == point.period)
                    .map(|p| (i, p))
            });
        parts.push(match figure {
            Some((input, p)) => {
                let publishers: Vec<&str> = p
                    .sources
                    .iter()
                    .filter_map(|id| sources.get(id).map(|s| s.publisher.as_str()))
                    .collect();
                format!(
                    "{name} {} ({})",
                    crate::model::format::compact(p.value, input.unit),
                    publishers.join("; ")
                )
            }
            None => format!(
                "{name} built from its finer figures of {}",
                point.period.label()
            ),
        });
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests;
