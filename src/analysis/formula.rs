//! Formula metrics: a small recursive-descent parser for `+ − × ÷` (also `- * /`), constants,
//! parentheses, metric ids (`gmv / downloads`) and references to another platform's series
//! (`PLATFORM:METRIC`, e.g. `market:china_cross_border_export:gmv`), and their evaluation period
//! by period with units by algebra and every input's provenance.

use std::collections::{BTreeMap, BTreeSet};

use super::derived::Point;
use super::unit_algebra::{FormulaUnit, UnitMismatch};
use crate::model::Period;

/// A series named in a formula: a bare metric is the formula's own platform's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeriesRef {
    pub platform: Option<String>,
    pub metric: String,
}

impl std::fmt::Display for SeriesRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.platform {
            Some(platform) => write!(f, "{platform}:{}", self.metric),
            None => f.write_str(&self.metric),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Series(SeriesRef),
    Negate(Box<Expr>),
    Binary(Box<Expr>, Op, Box<Expr>),
}

/// A parse failure, at a character position counted from 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at character {at}: {message}")]
pub struct ParseError {
    pub at: usize,
    pub message: String,
}

/// Parses a formula such as `gmv / downloads` or `(temu:gmv + shein:gmv) × 100`.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    let expr = parser.expr()?;
    parser.skip_space();
    match parser.peek() {
        None => Ok(expr),
        Some(c) => Err(parser.error(format!("expected an operator, found {c:?}"))),
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn error(&self, message: String) -> ParseError {
        ParseError {
            at: self.at + 1,
            message,
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.term()?;
        loop {
            self.skip_space();
            let op = match self.peek() {
                Some('+') => Op::Add,
                Some('-' | '−') => Op::Subtract,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Binary(Box::new(left), op, Box::new(self.term()?));
        }
    }

    fn term(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.factor()?;
        loop {
            self.skip_space();
            let op = match self.peek() {
                Some('*' | '×') => Op::Multiply,
                Some('/' | '÷') => Op::Divide,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Binary(Box::new(left), op, Box::new(self.factor()?));
        }
    }

    fn factor(&mut self) -> Result<Expr, ParseError> {
        self.skip_space();
        match self.peek() {
            Some('-' | '−') => {
                self.at += 1;
                Ok(Expr::Negate(Box::new(self.factor()?)))
            }
            Some('(') => {
                self.at += 1;
                let inner = self.expr()?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(self.error("expected \")\"".to_string()));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => self.number(),
            Some(c) if c.is_alphabetic() || c == '_' => Ok(Expr::Series(self.reference()?)),
            _ => Err(self.error("expected a metric or a number".to_string())),
        }
    }

    fn number(&mut self) -> Result<Expr, ParseError> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            self.at += 1;
        }
        let text: String = self.chars[start..self.at].iter().collect();
        text.parse::<f64>()
            .map(Expr::Number)
            .map_err(|_| ParseError {
                at: start + 1,
                message: format!("{text:?} is not a number"),
            })
    }

    /// `metric`, or `platform:metric` where the platform may itself hold colons: the metric is
    /// the part after the last one.
    fn reference(&mut self) -> Result<SeriesRef, ParseError> {
        let mut names = vec![self.name()];
        while self.peek() == Some(':') {
            self.at += 1;
            if !self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return Err(self.error("expected a metric after \":\"".to_string()));
            }
            names.push(self.name());
        }
        let metric = names.pop().unwrap_or_default();
        Ok(SeriesRef {
            platform: (!names.is_empty()).then(|| names.join(":")),
            metric,
        })
    }

    fn name(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }
}

/// One input series of a formula, as the caller found it.
pub struct Operand<'a> {
    pub points: &'a [Point],
    pub unit: FormulaUnit,
    /// What one of its figures counts, for "USD per download"; empty for the unit's own name.
    pub noun: &'a str,
}

/// Why a formula cannot be evaluated at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FormulaError {
    #[error("no series {0} for this formula")]
    UnknownSeries(String),
    #[error(transparent)]
    Units(#[from] UnitMismatch),
    #[error("the inputs are on different grains ({0} and {1}): convert them to one grain first")]
    MixedGrains(String, String),
    #[error("the formula names no series: it would be a constant, not a metric")]
    NoSeries,
}

/// A formula's figures, their unit, and each period that has none with the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    pub points: Vec<Point>,
    pub unit: FormulaUnit,
    pub no_figure: Vec<(Period, String)>,
}

/// Evaluates `expr` period by period. `resolve` finds each named series. A period missing from
/// any input has no figure (never zero); a division by zero has none either, and says so.
pub fn evaluate<'a>(
    expr: &Expr,
    text: &str,
    resolve: &dyn Fn(&SeriesRef) -> Option<Operand<'a>>,
) -> Result<Evaluated, FormulaError> {
    let names = references(expr);
    let mut operands: BTreeMap<SeriesRef, Operand<'a>> = BTreeMap::new();
    for name in names {
        let operand =
            resolve(&name).ok_or_else(|| FormulaError::UnknownSeries(name.to_string()))?;
        operands.insert(name, operand);
    }
    check_one_grain(&operands)?;
    let unit = unit_of(expr, &operands)?;
    let by_series: BTreeMap<&SeriesRef, BTreeMap<Period, &Point>> = operands
        .iter()
        .map(|(name, o)| (name, o.points.iter().map(|p| (p.period, p)).collect()))
        .collect();
    let periods: BTreeSet<Period> = by_series.values().flat_map(|m| m.keys().copied()).collect();
    if periods.is_empty() && operands.is_empty() {
        return Err(FormulaError::NoSeries);
    }
    let derived = format!("formula {text}");
    let mut out = Evaluated {
        points: Vec::new(),
        unit,
        no_figure: Vec::new(),
    };
    for period in periods {
        let mut inputs = Vec::new();
        match value_at(expr, &period, &by_series, &mut inputs) {
            Ok(value) => out
                .points
                .push(Point::combine(period, value, &inputs, &derived)),
            Err(reason) => out.no_figure.push((period, reason)),
        }
    }
    Ok(out)
}

/// Every series `expr` names, each once.
pub fn references(expr: &Expr) -> BTreeSet<SeriesRef> {
    let mut names = BTreeSet::new();
    collect_refs(expr, &mut names);
    names
}

fn collect_refs(expr: &Expr, into: &mut BTreeSet<SeriesRef>) {
    match expr {
        Expr::Number(_) => {}
        Expr::Series(name) => {
            into.insert(name.clone());
        }
        Expr::Negate(inner) => collect_refs(inner, into),
        Expr::Binary(a, _, b) => {
            collect_refs(a, into);
            collect_refs(b, into);
        }
    }
}

fn check_one_grain(operands: &BTreeMap<SeriesRef, Operand>) -> Result<(), FormulaError> {
    let mut grains = operands
        .values()
        .flat_map(|o| o.points.iter().map(|p| p.period.grain));
    if let Some(first) = grains.next()
        && let Some(other) = grains.find(|g| *g != first)
    {
        return Err(FormulaError::MixedGrains(
            first.to_string(),
            other.to_string(),
        ));
    }
    if operands.is_empty() {
        return Err(FormulaError::NoSeries);
    }
    Ok(())
}

fn unit_of(
    expr: &Expr,
    operands: &BTreeMap<SeriesRef, Operand>,
) -> Result<FormulaUnit, FormulaError> {
    Ok(match expr {
        Expr::Number(_) => FormulaUnit::Constant,
        Expr::Series(name) => operands
            .get(name)
            .map(|o| o.unit.clone())
            .ok_or_else(|| FormulaError::UnknownSeries(name.to_string()))?,
        Expr::Negate(inner) => unit_of(inner, operands)?,
        Expr::Binary(a, op, b) => {
            let (left, right) = (unit_of(a, operands)?, unit_of(b, operands)?);
            match op {
                Op::Add | Op::Subtract => left.add(&right)?,
                Op::Multiply => left.multiply(&right)?,
                Op::Divide => {
                    let noun = match b.as_ref() {
                        Expr::Series(name) => operands.get(name).map_or("", |o| o.noun),
                        _ => "",
                    };
                    left.divide(&right, noun)?
                }
            }
        }
    })
}

/// The value at `period`, collecting the figures used; `Err` says why there is none.
fn value_at<'p>(
    expr: &Expr,
    period: &Period,
    series: &BTreeMap<&SeriesRef, BTreeMap<Period, &'p Point>>,
    inputs: &mut Vec<&'p Point>,
) -> Result<f64, String> {
    match expr {
        Expr::Number(n) => Ok(*n),
        Expr::Series(name) => {
            let point = series
                .get(name)
                .and_then(|m| m.get(period))
                .ok_or_else(|| format!("no {name} figure for {}", period.label()))?;
            inputs.push(point);
            Ok(point.value)
        }
        Expr::Negate(inner) => value_at(inner, period, series, inputs).map(|v| -v),
        Expr::Binary(a, op, b) => {
            let left = value_at(a, period, series, inputs)?;
            let right = value_at(b, period, series, inputs)?;
            match op {
                Op::Add => Ok(left + right),
                Op::Subtract => Ok(left - right),
                Op::Multiply => Ok(left * right),
                Op::Divide if right == 0.0 => {
                    Err(format!("division by zero in {}", period.label()))
                }
                Op::Divide => Ok(left / right),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Unit};

    fn y(year: i32, value: f64, kind: Kind, source: i64) -> Point {
        Point::stored(Period::year(year).expect("year"), value, kind, source)
    }

    fn reference(platform: Option<&str>, metric: &str) -> Expr {
        Expr::Series(SeriesRef {
            platform: platform.map(str::to_string),
            metric: metric.to_string(),
        })
    }

    #[test]
    fn parses_the_operators_and_references() {
        let expr = parse("gmv / downloads").expect("parses");
        assert_eq!(
            expr,
            Expr::Binary(
                Box::new(reference(None, "gmv")),
                Op::Divide,
                Box::new(reference(None, "downloads"))
            )
        );
        let market =
            parse("temu:gmv ÷ market:china_cross_border_export:gmv × 100").expect("parses");
        let Expr::Binary(left, Op::Multiply, hundred) = market else {
            panic!("× binds left to right after ÷: {market:?}");
        };
        assert_eq!(*hundred, Expr::Number(100.0));
        let Expr::Binary(temu, Op::Divide, export) = *left else {
            panic!("a division");
        };
        assert_eq!(*temu, reference(Some("temu"), "gmv"));
        assert_eq!(
            *export,
            reference(Some("market:china_cross_border_export"), "gmv")
        );
        assert_eq!(
            parse("2 − 3 * 4").expect("parses"),
            parse("2 - (3 × 4)").expect("parses")
        );
    }

    #[test]
    fn a_parse_error_says_where() {
        let err = parse("gmv / (* 2)").expect_err("a star where a metric goes");
        assert_eq!(
            err.to_string(),
            "at character 8: expected a metric or a number"
        );
        assert_eq!(parse("gmv +").expect_err("nothing after +").at, 6);
        assert_eq!(
            parse("(gmv").expect_err("unclosed").message,
            "expected \")\""
        );
        assert_eq!(parse("gmv gmv").expect_err("two names").at, 5);
    }

    #[test]
    fn evaluates_with_units_provenance_and_missing_inputs() {
        let gmv = [
            y(2023, 100.0, Kind::Actual, 1),
            y(2024, 300.0, Kind::Estimate, 2),
            y(2025, 50.0, Kind::Actual, 5),
        ];
        let downloads = [
            y(2023, 10.0, Kind::Actual, 3),
            y(2024, 20.0, Kind::Actual, 4),
            y(2026, 5.0, Kind::Actual, 6),
        ];
        let resolve = |name: &SeriesRef| -> Option<Operand> {
            match name.metric.as_str() {
                "gmv" => Some(Operand {
                    points: &gmv,
                    unit: FormulaUnit::Of(Unit::USD),
                    noun: "",
                }),
                "downloads" => Some(Operand {
                    points: &downloads,
                    unit: FormulaUnit::Of(Unit::Count),
                    noun: "download",
                }),
                _ => None,
            }
        };
        let text = "gmv / downloads";
        let result = evaluate(&parse(text).expect("parses"), text, &resolve).expect("evaluates");
        assert_eq!(result.unit.name(), "USD per download");
        let values: Vec<f64> = result.points.iter().map(|p| p.value).collect();
        assert_eq!(values, vec![10.0, 15.0]);
        assert_eq!(
            result.points[1].kind,
            Kind::Estimate,
            "an estimate ÷ an actual is an estimate"
        );
        assert_eq!(result.points[1].sources, vec![2, 4]);
        assert_eq!(result.points[0].derived, "formula gmv / downloads");
        let missing: Vec<String> = result
            .no_figure
            .iter()
            .map(|(_, why)| why.clone())
            .collect();
        assert_eq!(
            missing,
            vec!["no downloads figure for 2025", "no gmv figure for 2026"]
        );

        let bad = "gmv + downloads";
        assert!(matches!(
            evaluate(&parse(bad).expect("parses"), bad, &resolve),
            Err(FormulaError::Units(_))
        ));
        let unknown = "gmv / sellers";
        assert_eq!(
            evaluate(&parse(unknown).expect("parses"), unknown, &resolve),
            Err(FormulaError::UnknownSeries("sellers".into()))
        );
    }

    #[test]
    fn division_by_zero_gives_no_figure_and_says_so() {
        let gmv = [y(2024, 100.0, Kind::Actual, 1)];
        let zero = [y(2024, 0.0, Kind::Actual, 2)];
        let resolve = |name: &SeriesRef| -> Option<Operand> {
            let points: &[Point] = if name.platform.is_some() { &zero } else { &gmv };
            Some(Operand {
                points,
                unit: FormulaUnit::Of(Unit::USD),
                noun: "",
            })
        };
        let text = "gmv / shein:gmv * 2";
        let result = evaluate(&parse(text).expect("parses"), text, &resolve).expect("evaluates");
        assert!(result.points.is_empty());
        assert_eq!(
            result.no_figure,
            vec![(
                Period::year(2024).expect("y"),
                "division by zero in 2024".to_string()
            )]
        );
        assert_eq!(result.unit, FormulaUnit::Of(Unit::Plain));
    }
}
