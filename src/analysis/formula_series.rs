//! A stored formula metric, checked and evaluated: `define` checks a new formula against the
//! catalogue (every metric it names exists, the units combine) and gives its metric row;
//! `evaluate` applies it for each platform and region whose series it names, on one grain at a
//! time, building a coarser period from complete finer ones (`frequency`) where an input has no
//! figure of that grain itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::derived::Point;
use super::formula::{self, Expr, FormulaError, Operand, ParseError, SeriesRef};
use super::frequency::{self, Bucket};
use super::recipe::Output;
use super::unit_algebra::{FormulaUnit, UnitMismatch};
use crate::model::{Aggregate, Grain, Metric, Period, Unit};

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
    let expr = formula::parse(text).map_err(DefineError::Parse)?;
    let names = formula::references(&expr);
    if names.is_empty() {
        return Err(DefineError::NoSeries);
    }
    for name in &names {
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
    let algebra = evaluate_unit(&expr, text, catalogue)?;
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
fn evaluate_unit(
    expr: &Expr,
    text: &str,
    catalogue: &[Metric],
) -> Result<FormulaUnit, DefineError> {
    let resolve = |name: &SeriesRef| -> Option<Operand<'_>> {
        let metric = catalogue.iter().find(|m| m.id == name.metric)?;
        Some(Operand {
            points: &[],
            unit: FormulaUnit::Of(metric.unit),
            noun: noun(&metric.id, metric.unit),
        })
    };
    match formula::evaluate(expr, text, &resolve) {
        Ok(evaluated) => Ok(evaluated.unit),
        Err(FormulaError::Units(e)) => Err(DefineError::Units(e)),
        Err(FormulaError::NoSeries) => Err(DefineError::NoSeries),
        Err(FormulaError::UnknownSeries(name)) => Err(DefineError::UnknownMetric(name)),
        Err(FormulaError::Parse(e)) => Err(DefineError::Parse(e)),
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

/// Evaluates formula metric `metric` (`text`) over `inputs`, the series of the metrics it names
/// (already converted and transformed by the recipe). A bare metric is each platform's own; a
/// platform's series is evaluated in each region where it has every bare metric. A formula that
/// names only other platforms' series (`temu:gmv / shein:gmv`) is one series, under its first
/// platform. A `market:` before a platform id is optional. `aggregates` (metric id to its rule)
/// builds a coarser period from finer figures; `None` when the inputs were transformed, as a sum
/// of growth rates means nothing.
pub fn evaluate(
    metric: &Metric,
    text: &str,
    inputs: &[Output],
    aggregates: Option<&HashMap<String, Aggregate>>,
) -> Result<Run, FormulaError> {
    let expr = formula::parse(text).map_err(FormulaError::Parse)?;
    let names = formula::references(&expr);
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
        let platform = platform_id(first);
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
        for name in &names {
            let owner = name
                .platform
                .as_ref()
                .map_or(platform, |_| platform_id(name));
            match by_key.get(&(owner, region, name.metric.as_str())) {
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
            .extend(evaluate_one(metric, text, &expr, &series, aggregates)?);
    }
    Ok(run)
}

/// A platform id as a reference writes it: `market:china_cross_border_ecommerce` or without
/// `market:`.
fn platform_id(name: &SeriesRef) -> &str {
    let platform = name.platform.as_deref().unwrap_or_default();
    platform.strip_prefix("market:").unwrap_or(platform)
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
    text: &str,
    expr: &Expr,
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
        let evaluated = formula::evaluate(expr, text, &resolve)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn metric(id: &str, unit: Unit, aggregate: Aggregate) -> Metric {
        Metric {
            id: id.into(),
            name: id.into(),
            name_zh: None,
            unit,
            non_negative: true,
            aggregate,
            description: String::new(),
        }
    }

    fn catalogue() -> Vec<Metric> {
        vec![
            metric("gmv", Unit::USD, Aggregate::Sum),
            metric("downloads", Unit::Count, Aggregate::Sum),
            metric("sellers", Unit::Count, Aggregate::Last),
        ]
    }

    fn series(platform: &str, metric: &str, unit: Unit, points: Vec<Point>) -> Output {
        Output {
            platform: platform.into(),
            metric: metric.into(),
            region: "global".into(),
            unit,
            points,
            notes: Vec::new(),
        }
    }

    fn year(y: i32, value: f64, kind: Kind, source: i64) -> Point {
        Point::stored(Period::year(y).expect("year"), value, kind, source)
    }

    fn quarter(y: i32, q: u32, value: f64, source: i64) -> Point {
        Point::stored(
            Period::quarter(y, q).expect("quarter"),
            value,
            Kind::Actual,
            source,
        )
    }

    #[test]
    fn a_formula_is_defined_with_its_unit_by_algebra_and_refused_with_the_reason() {
        let none = BTreeSet::new();
        let defined = define(
            "gmv_per_download",
            "gmv / downloads",
            None,
            None,
            &catalogue(),
            &none,
        )
        .expect("defined");
        assert_eq!(defined.unit.as_str(), "USD per download");
        assert_eq!(defined.aggregate, Aggregate::Mean);
        assert_eq!(defined.name, "gmv_per_download");
        assert_eq!(defined.description, "formula: gmv / downloads");
        let named = define(
            "x",
            "sellers / downloads",
            Some("Sellers per download"),
            None,
            &catalogue(),
            &none,
        )
        .expect("count ÷ count");
        assert_eq!(named.unit, Unit::Plain, "count ÷ count is a ratio");
        assert_eq!(named.name, "Sellers per download");

        let err = |id: &str, text: &str| {
            define(
                id,
                text,
                None,
                None,
                &catalogue(),
                &BTreeSet::from(["margin".to_string()]),
            )
            .expect_err("refused")
        };
        assert_eq!(
            err("x", "gmv / orders"),
            DefineError::UnknownMetric("orders".into())
        );
        assert!(matches!(err("x", "gmv + downloads"), DefineError::Units(_)));
        assert_eq!(
            err("gmv2", "gmv2 * 2"),
            DefineError::SelfReference("gmv2".into())
        );
        assert_eq!(
            err("x", "margin * 2"),
            DefineError::FormulaOfFormula("margin".into())
        );
        assert_eq!(err("GMV per", "gmv"), DefineError::BadId("GMV per".into()));
        assert_eq!(err("x", "2 * 3"), DefineError::NoSeries);
        assert!(matches!(err("x", "gmv /"), DefineError::Parse(_)));
    }

    #[test]
    fn per_platform_with_a_year_built_from_complete_quarters_and_every_source_kept() {
        let per_download = define(
            "gmv_per_download",
            "gmv / downloads",
            None,
            None,
            &catalogue(),
            &BTreeSet::new(),
        )
        .expect("defined");
        let inputs = vec![
            series(
                "temu",
                "gmv",
                Unit::USD,
                vec![
                    year(2022, 800.0, Kind::Estimate, 1),
                    year(2023, 900.0, Kind::Actual, 2),
                ],
            ),
            // 2022 complete (10 + 20 + 30 + 40 = 100); 2023 lacks Q4.
            series(
                "temu",
                "downloads",
                Unit::Count,
                vec![
                    quarter(2022, 1, 10.0, 3),
                    quarter(2022, 2, 20.0, 4),
                    quarter(2022, 3, 30.0, 5),
                    quarter(2022, 4, 40.0, 6),
                    quarter(2023, 1, 10.0, 7),
                    quarter(2023, 2, 10.0, 7),
                    quarter(2023, 3, 10.0, 7),
                ],
            ),
            series(
                "shein",
                "gmv",
                Unit::USD,
                vec![year(2022, 1.0, Kind::Actual, 8)],
            ),
        ];
        let aggregates: HashMap<String, Aggregate> = catalogue()
            .into_iter()
            .map(|m| (m.id, m.aggregate))
            .collect();
        let run = evaluate(&per_download, "gmv / downloads", &inputs, Some(&aggregates))
            .expect("evaluates");
        assert_eq!(run.left_out, vec!["shein (global): no downloads series"]);
        assert_eq!(run.outputs.len(), 1, "only the year: gmv has no quarters");
        let temu = &run.outputs[0];
        assert_eq!(
            (temu.platform.as_str(), temu.metric.as_str()),
            ("temu", "gmv_per_download")
        );
        assert_eq!(temu.unit.as_str(), "USD per download");
        assert_eq!(temu.points.len(), 1);
        let p = &temu.points[0];
        assert_eq!(p.period, Period::year(2022).expect("year"));
        assert_eq!(p.value, 8.0, "800 / (10 + 20 + 30 + 40)");
        assert_eq!(
            p.kind,
            Kind::Estimate,
            "an estimate ÷ actuals is an estimate"
        );
        assert_eq!(
            p.sources,
            vec![1, 3, 4, 5, 6],
            "the GMV's source and every quarter's"
        );
        assert_eq!(temu.notes, vec!["no downloads figure for 2023"]);

        // Untransformed inputs only: with no aggregates, quarters build no year.
        let run = evaluate(&per_download, "gmv / downloads", &inputs, None).expect("evaluates");
        assert!(run.outputs.iter().all(|o| o.points.is_empty()), "{run:?}");
    }

    #[test]
    fn another_platforms_series_is_named_with_or_without_market() {
        let share = define(
            "share",
            "gmv / market:total:gmv * 100",
            None,
            Some(Unit::Percent),
            &catalogue(),
            &BTreeSet::new(),
        )
        .expect("defined");
        assert_eq!(
            share.unit,
            Unit::Percent,
            "--unit overrides the algebra's plain ratio"
        );
        let inputs = vec![
            series(
                "temu",
                "gmv",
                Unit::USD,
                vec![year(2024, 50.0, Kind::Actual, 1)],
            ),
            series(
                "total",
                "gmv",
                Unit::USD,
                vec![year(2024, 200.0, Kind::Forecast, 2)],
            ),
        ];
        for text in ["gmv / market:total:gmv * 100", "gmv / total:gmv * 100"] {
            let run = evaluate(&share, text, &inputs, None).expect("evaluates");
            let temu = run
                .outputs
                .iter()
                .find(|o| o.platform == "temu")
                .expect("temu");
            assert_eq!(temu.points[0].value, 25.0);
            assert_eq!(temu.points[0].kind, Kind::Forecast);
            let total = run
                .outputs
                .iter()
                .find(|o| o.platform == "total")
                .expect("total");
            assert_eq!(total.points[0].value, 100.0, "the total's own share is 100");
        }
    }
}
