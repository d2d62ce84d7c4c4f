//! A derivation as `export` (and later the chart) asks for it: `--currency`, `--to-grain` with
//! `--agg`, and `--transform`, applied in one fixed order: currency first, at each figure's own
//! period rate (a yearly sum of converted quarters, not a converted sum); then frequency
//! (`frequency`); then the transform (`transform`), as FRED orders aggregation before transforms.

use chrono::NaiveDate;

use super::derived::Point;
use super::frequency::{self, Bucket, FrequencyError};
use super::fx::{self, Rates};
use super::transform::{self, ShareOf, TransformError};
use crate::model::{Aggregate, Currency, Grain, Period, Unit};

/// What each figure becomes.
#[derive(Debug, Clone, PartialEq)]
pub enum Transform {
    Level,
    Change,
    PctChange,
    /// The same period a year earlier, at any grain.
    Yoy,
    /// The compounded annual rate from the series' first figure to its last: one figure.
    Cagr,
    Cumulative,
    /// 100 at the figure whose period holds this date.
    Index(NaiveDate),
    /// % of the total of the series derived together, or of the named platform's series.
    Share(Option<String>),
}

impl Transform {
    /// Reads `level`, `change`, `pct_change`, `yoy`, `cagr`, `cumulative`, `index=2024-01-01`,
    /// `share` or `share=PLATFORM`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (word, arg) = match text.split_once('=') {
            Some((w, a)) => (w.trim(), Some(a.trim())),
            None => (text.trim(), None),
        };
        let plain = |t: Transform| match arg {
            None => Ok(t),
            Some(_) => Err(format!("{word} takes no value (write {word}, not {text})")),
        };
        match word.to_ascii_lowercase().as_str() {
            "level" => plain(Self::Level),
            "change" => plain(Self::Change),
            "pct_change" | "pct-change" => plain(Self::PctChange),
            "yoy" => plain(Self::Yoy),
            "cagr" => plain(Self::Cagr),
            "cumulative" => plain(Self::Cumulative),
            "index" => match arg.map(|a| NaiveDate::parse_from_str(a, "%Y-%m-%d")) {
                Some(Ok(date)) => Ok(Self::Index(date)),
                Some(Err(_)) => Err(format!(
                    "index={}: expected a day such as index=2024-01-01",
                    arg.unwrap_or("")
                )),
                None => Err("index needs its base day: index=2024-01-01".into()),
            },
            "share" => Ok(Self::Share(
                arg.filter(|a| !a.is_empty()).map(str::to_string),
            )),
            _ => Err(format!(
                "{text:?} is not a transform; expected level, change, pct_change, yoy, cagr, cumulative, index=DATE or share[=PLATFORM]"
            )),
        }
    }

    /// The unit of the derived figures, given the input's.
    pub fn unit(&self, input: Unit) -> Unit {
        match self {
            Self::Level | Self::Change | Self::Cumulative => input,
            Self::PctChange | Self::Yoy | Self::Cagr | Self::Share(_) => Unit::Percent,
            Self::Index(_) => Unit::Plain,
        }
    }
}

/// The whole derivation: each step optional but the transform (level by default).
#[derive(Debug, Clone, PartialEq)]
pub struct Recipe {
    pub currency: Option<Currency>,
    pub grain: Option<Grain>,
    /// How to aggregate; the metric's own declaration when `None`.
    pub aggregate: Option<Aggregate>,
    pub transform: Transform,
}

impl Recipe {
    /// Nothing changed: each series as stored (what a formula metric's inputs get by default).
    pub fn level() -> Self {
        Self {
            currency: None,
            grain: None,
            aggregate: None,
            transform: Transform::Level,
        }
    }

    /// Whether the recipe changes anything: a plain export keeps its stored figures as they are.
    pub fn is_identity(&self) -> bool {
        self.currency.is_none() && self.grain.is_none() && self.transform == Transform::Level
    }
}

/// One series to derive: its platform (for shares and messages), metric, unit, aggregate and
/// figures, one per period.
#[derive(Debug, Clone)]
pub struct Input {
    pub platform: String,
    pub metric: String,
    pub region: String,
    pub unit: Unit,
    pub aggregate: Aggregate,
    pub points: Vec<Point>,
}

/// A derived series and what the reader should know about what is not in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub platform: String,
    pub metric: String,
    pub region: String,
    pub unit: Unit,
    pub points: Vec<Point>,
    /// "3 figures in CNY not converted: no CNY rate for 2019", "2019 not drawn: Q4 2019 missing".
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecipeError {
    #[error("{platform} {metric}: {source}")]
    Frequency {
        platform: String,
        metric: String,
        source: FrequencyError,
    },
    #[error("{platform} {metric}: {source}")]
    Transform {
        platform: String,
        metric: String,
        source: TransformError,
    },
    #[error("{platform} {metric} is in {unit}, not a currency: --currency converts money only")]
    NotMoney {
        platform: String,
        metric: String,
        unit: String,
    },
    #[error("share={0}: no series of that platform among those derived together")]
    NoShareBase(String),
}

/// Derives every input by `recipe`. Shares are taken among `inputs` together, so the caller passes
/// one metric and region at a time.
pub fn apply(
    inputs: Vec<Input>,
    recipe: &Recipe,
    rates: &Rates,
) -> Result<Vec<Output>, RecipeError> {
    let mut stage = Vec::with_capacity(inputs.len());
    for input in inputs {
        stage.push(convert_and_aggregate(input, recipe, rates)?);
    }
    match &recipe.transform {
        Transform::Share(base) => share(stage, base.as_deref()),
        transform => stage
            .into_iter()
            .map(|s| transform_one(s, transform))
            .collect(),
    }
}

fn convert_and_aggregate(
    input: Input,
    recipe: &Recipe,
    rates: &Rates,
) -> Result<Output, RecipeError> {
    let Input {
        platform,
        metric,
        region,
        mut unit,
        aggregate,
        mut points,
    } = input;
    let mut notes = Vec::new();
    if let Some(to) = recipe.currency {
        let Some(from) = unit.currency() else {
            return Err(RecipeError::NotMoney {
                platform,
                metric,
                unit: unit.to_string(),
            });
        };
        if from != to {
            let conversion = fx::convert(&points, from, to, rates);
            notes.extend(conversion.left_out_notes(from));
            points = conversion.points.into_iter().map(|c| c.point).collect();
            unit = Unit::Currency(to);
        }
    }
    if let Some(grain) = recipe.grain {
        let aggregate = recipe.aggregate.unwrap_or(aggregate);
        let buckets =
            frequency::to_grain(&points, grain, aggregate, &metric).map_err(|source| {
                RecipeError::Frequency {
                    platform: platform.clone(),
                    metric: metric.clone(),
                    source,
                }
            })?;
        if let Some(note) = frequency::incomplete_note(&buckets) {
            notes.push(note);
        }
        points = buckets
            .into_iter()
            .filter_map(|b| match b {
                Bucket::Value(p) => Some(p),
                Bucket::Incomplete { .. } => None,
            })
            .collect();
    }
    Ok(Output {
        platform,
        metric,
        region,
        unit,
        points,
        notes,
    })
}

fn transform_one(mut s: Output, transform: &Transform) -> Result<Output, RecipeError> {
    let err = |source| RecipeError::Transform {
        platform: s.platform.clone(),
        metric: s.metric.clone(),
        source,
    };
    transform::check_unique(&s.points).map_err(err)?;
    let metric = s.metric.as_str();
    let points = match transform {
        Transform::Level => transform::level(&s.points, metric),
        Transform::Change => transform::change(&s.points, metric),
        Transform::PctChange => transform::pct_change(&s.points, metric),
        Transform::Yoy => transform::yoy_pct(&s.points, metric),
        Transform::Cumulative => transform::cumulative(&s.points, metric),
        Transform::Index(date) => transform::index_to_100(&s.points, *date, metric).map_err(err)?,
        Transform::Cagr => cagr_first_to_last(&s.points, metric).map_err(err)?,
        Transform::Share(_) => s.points.clone(),
    };
    s.unit = transform.unit(s.unit);
    s.points = points;
    Ok(s)
}

/// The compounded annual rate between the first and the last figure, as one figure at the last.
fn cagr_first_to_last(points: &[Point], metric: &str) -> Result<Vec<Point>, TransformError> {
    let (Some(first), Some(last)) = (
        points.iter().min_by_key(|p| p.period),
        points.iter().max_by_key(|p| p.period),
    ) else {
        return Ok(Vec::new());
    };
    if first.period == last.period {
        return Ok(Vec::new());
    }
    let (from, to): (Period, Period) = (first.period, last.period);
    Ok(transform::cagr(points, &from, &to, metric)?
        .into_iter()
        .collect())
}

fn share(stage: Vec<Output>, base: Option<&str>) -> Result<Vec<Output>, RecipeError> {
    for s in &stage {
        transform::check_unique(&s.points).map_err(|source| RecipeError::Transform {
            platform: s.platform.clone(),
            metric: s.metric.clone(),
            source,
        })?;
    }
    let base_points: Option<Vec<Point>> = match base {
        None => None,
        Some(name) => Some(
            stage
                .iter()
                .find(|s| s.platform == name)
                .map(|s| s.points.clone())
                .ok_or_else(|| RecipeError::NoShareBase(name.to_string()))?,
        ),
    };
    let of = match (&base_points, base) {
        (Some(points), Some(name)) => ShareOf::Aggregate(points, name),
        _ => ShareOf::Shown,
    };
    let named: Vec<(&str, &[Point])> = stage
        .iter()
        .map(|s| (s.platform.as_str(), s.points.as_slice()))
        .collect();
    let shares = transform::share_of_total(&named, &of);
    Ok(stage
        .into_iter()
        .zip(shares)
        .map(|(mut s, points)| {
            s.points = points;
            s.unit = Unit::Percent;
            s
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::model::Kind;

    fn year(y: i32, value: f64, source: i64) -> Point {
        Point::stored(Period::year(y).unwrap(), value, Kind::Actual, source)
    }

    fn quarter(y: i32, q: u32, value: f64) -> Point {
        Point::stored(Period::quarter(y, q).unwrap(), value, Kind::Estimate, 7)
    }

    fn input(platform: &str, unit: Unit, points: Vec<Point>) -> Input {
        Input {
            platform: platform.into(),
            metric: "gmv".into(),
            region: "global".into(),
            unit,
            aggregate: Aggregate::Sum,
            points,
        }
    }

    fn recipe(transform: Transform) -> Recipe {
        Recipe {
            currency: None,
            grain: None,
            aggregate: None,
            transform,
        }
    }

    #[test]
    fn transforms_parse_with_their_arguments_and_refuse_the_rest() {
        assert_eq!(Transform::parse("yoy"), Ok(Transform::Yoy));
        assert_eq!(
            Transform::parse("index=2024-01-01"),
            Ok(Transform::Index(
                NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
            ))
        );
        assert_eq!(
            Transform::parse("share=temu"),
            Ok(Transform::Share(Some("temu".into())))
        );
        assert_eq!(Transform::parse("share"), Ok(Transform::Share(None)));
        assert!(Transform::parse("index").unwrap_err().contains("base day"));
        assert!(
            Transform::parse("yoy=2")
                .unwrap_err()
                .contains("takes no value")
        );
        assert!(
            Transform::parse("growth")
                .unwrap_err()
                .contains("not a transform")
        );
    }

    #[test]
    fn quarters_are_summed_to_years_before_the_yoy_is_taken() {
        let mut points = Vec::new();
        for (y, base) in [(2023, 10.0), (2024, 15.0)] {
            for q in 1..=4 {
                points.push(quarter(y, q, base + f64::from(q)));
            }
        }
        let r = Recipe {
            grain: Some(Grain::Year),
            ..recipe(Transform::Yoy)
        };
        let out = apply(
            vec![input("temu", Unit::USD, points)],
            &r,
            &Rates::default(),
        )
        .unwrap();
        // 2023: 11+12+13+14 = 50; 2024: 16+17+18+19 = 70; +40 %.
        assert_eq!(out[0].points.len(), 1);
        assert!((out[0].points[0].value - 40.0).abs() < 1e-9);
        assert_eq!(out[0].points[0].kind, Kind::Estimate);
        assert_eq!(out[0].unit, Unit::Percent);
    }

    #[test]
    fn an_incomplete_year_is_left_out_with_a_note() {
        let points = vec![quarter(2024, 1, 1.0), quarter(2024, 2, 1.0)];
        let r = Recipe {
            grain: Some(Grain::Year),
            ..recipe(Transform::Level)
        };
        let out = apply(
            vec![input("temu", Unit::USD, points)],
            &r,
            &Rates::default(),
        )
        .unwrap();
        assert!(out[0].points.is_empty());
        assert_eq!(out[0].notes.len(), 1, "{:?}", out[0].notes);
    }

    #[test]
    fn currency_is_converted_at_each_year_rate_and_missing_rates_are_said() {
        let mut rates = Rates::default();
        rates.insert(Currency::CNY, &[year(2023, 7.0, 50)]);
        let points = vec![year(2023, 70.0, 1), year(2024, 80.0, 1)];
        let r = Recipe {
            currency: Some(Currency::USD),
            ..recipe(Transform::Level)
        };
        let out = apply(vec![input("pdd", Unit::CNY, points)], &r, &rates).unwrap();
        assert_eq!(out[0].unit, Unit::USD);
        assert_eq!(out[0].points.len(), 1);
        assert!((out[0].points[0].value - 10.0).abs() < 1e-9);
        assert_eq!(out[0].points[0].sources, vec![1, 50]);
        assert!(out[0].notes[0].contains("2024"), "{:?}", out[0].notes);
    }

    #[test]
    fn currency_of_a_count_is_refused() {
        let r = Recipe {
            currency: Some(Currency::USD),
            ..recipe(Transform::Level)
        };
        let err = apply(
            vec![input("temu", Unit::Count, vec![year(2024, 1.0, 1)])],
            &r,
            &Rates::default(),
        );
        assert!(matches!(err, Err(RecipeError::NotMoney { .. })));
    }

    #[test]
    fn shares_of_the_shown_and_of_a_named_base() {
        let a = input("a", Unit::USD, vec![year(2024, 30.0, 1)]);
        let b = input("b", Unit::USD, vec![year(2024, 10.0, 2)]);
        let out = apply(
            vec![a.clone(), b.clone()],
            &recipe(Transform::Share(None)),
            &Rates::default(),
        )
        .unwrap();
        assert!((out[0].points[0].value - 75.0).abs() < 1e-9);
        assert!((out[1].points[0].value - 25.0).abs() < 1e-9);
        let out = apply(
            vec![a.clone(), b.clone()],
            &recipe(Transform::Share(Some("a".into()))),
            &Rates::default(),
        )
        .unwrap();
        assert!((out[1].points[0].value - 100.0 / 3.0).abs() < 1e-9);
        let err = apply(
            vec![a, b],
            &recipe(Transform::Share(Some("zz".into()))),
            &Rates::default(),
        );
        assert_eq!(err, Err(RecipeError::NoShareBase("zz".into())));
    }

    #[test]
    fn cagr_runs_from_the_first_figure_to_the_last() {
        let points = vec![
            year(2020, 100.0, 1),
            year(2021, 150.0, 1),
            year(2022, 121.0, 1),
        ];
        let out = apply(
            vec![input("a", Unit::USD, points)],
            &recipe(Transform::Cagr),
            &Rates::default(),
        )
        .unwrap();
        assert_eq!(out[0].points.len(), 1);
        // (121 / 100) ^ (1/2) - 1 = 10 %.
        assert!((out[0].points[0].value - 10.0).abs() < 1e-9);
    }
}
