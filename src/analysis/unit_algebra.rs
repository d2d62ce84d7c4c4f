//! The unit of a formula's result, by algebra: USD ÷ downloads = "USD per download", X ÷ X a plain
//! ratio, USD + USD = USD, constant × unit = unit, and USD + count an error that says so.

use crate::model::Unit;

/// The unit of a formula or of one of its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormulaUnit {
    /// A constant written in the formula: it takes the unit of what it meets.
    Constant,
    /// A unit of the model; `Unit::Plain` is a plain ratio.
    Of(Unit),
    /// One unit per another, with the noun a denominator figure counts ("download").
    Per {
        numerator: Unit,
        denominator: Unit,
        noun: String,
    },
}

/// Two units that cannot be combined by an operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {verb} {left} and {right}: the units do not combine")]
pub struct UnitMismatch {
    pub verb: &'static str,
    pub left: String,
    pub right: String,
}

impl FormulaUnit {
    /// How the unit reads: "USD", "USD per download", "plain ratio".
    pub fn name(&self) -> String {
        match self {
            FormulaUnit::Constant => "plain number".to_string(),
            FormulaUnit::Of(Unit::Plain) => "plain ratio".to_string(),
            FormulaUnit::Of(unit) => unit.as_str().to_string(),
            FormulaUnit::Per {
                numerator, noun, ..
            } => format!("{} per {noun}", numerator.as_str()),
        }
    }

    /// `a + b` and `a − b`: the same unit on both sides (a constant counts as a plain number).
    pub fn add(&self, other: &FormulaUnit) -> Result<FormulaUnit, UnitMismatch> {
        match (self.plain_if_constant(), other.plain_if_constant()) {
            (a, b) if a == b => Ok(if *self == FormulaUnit::Constant {
                other.clone()
            } else {
                self.clone()
            }),
            _ => Err(self.mismatch("add", other)),
        }
    }

    /// `a × b`: a constant or a plain ratio keeps the other's unit; a per-unit times its
    /// denominator gives back the numerator (USD per download × downloads = USD).
    pub fn multiply(&self, other: &FormulaUnit) -> Result<FormulaUnit, UnitMismatch> {
        use FormulaUnit::{Constant, Of, Per};
        match (self, other) {
            (Constant, x) | (x, Constant) => Ok(x.clone()),
            (Of(Unit::Plain), x) | (x, Of(Unit::Plain)) => Ok(x.clone()),
            (
                Per {
                    numerator,
                    denominator,
                    ..
                },
                Of(d),
            )
            | (
                Of(d),
                Per {
                    numerator,
                    denominator,
                    ..
                },
            ) if d == denominator => Ok(Of(*numerator)),
            _ => Err(self.mismatch("multiply", other)),
        }
    }

    /// `a ÷ b`: X ÷ X is a plain ratio, X ÷ constant is X, N ÷ D is "N per noun".
    pub fn divide(&self, other: &FormulaUnit, noun: &str) -> Result<FormulaUnit, UnitMismatch> {
        use FormulaUnit::{Constant, Of, Per};
        match (self, other) {
            (x, Constant) => Ok(x.clone()),
            (Constant, Of(Unit::Plain)) => Ok(Of(Unit::Plain)),
            (x, Of(Unit::Plain)) => Ok(x.clone()),
            (a, b) if a == b => Ok(Of(Unit::Plain)),
            (Of(n), Of(d)) => Ok(Per {
                numerator: *n,
                denominator: *d,
                noun: if noun.is_empty() {
                    d.as_str().to_string()
                } else {
                    noun.to_string()
                },
            }),
            (
                Per {
                    numerator,
                    denominator,
                    ..
                },
                Per {
                    numerator: n2,
                    denominator: d2,
                    ..
                },
            ) if numerator == n2 && denominator == d2 => Ok(Of(Unit::Plain)),
            _ => Err(self.mismatch("divide", other)),
        }
    }

    fn plain_if_constant(&self) -> FormulaUnit {
        match self {
            FormulaUnit::Constant => FormulaUnit::Of(Unit::Plain),
            other => other.clone(),
        }
    }

    fn mismatch(&self, verb: &'static str, other: &FormulaUnit) -> UnitMismatch {
        UnitMismatch {
            verb,
            left: self.name(),
            right: other.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USD: FormulaUnit = FormulaUnit::Of(Unit::USD);
    const COUNT: FormulaUnit = FormulaUnit::Of(Unit::Count);

    #[test]
    fn the_unit_algebra_of_the_issue() {
        let per_download = USD.divide(&COUNT, "download").expect("USD ÷ count");
        assert_eq!(per_download.name(), "USD per download");
        assert_eq!(USD.divide(&COUNT, "").expect("ok").name(), "USD per count");
        assert_eq!(
            COUNT.divide(&COUNT, "download"),
            Ok(FormulaUnit::Of(Unit::Plain))
        );
        assert_eq!(USD.divide(&USD, ""), Ok(FormulaUnit::Of(Unit::Plain)));
        assert_eq!(USD.add(&USD), Ok(USD));
        let err = USD.add(&COUNT).expect_err("USD + count");
        assert_eq!(
            err.to_string(),
            "cannot add USD and count: the units do not combine"
        );
        assert_eq!(FormulaUnit::Constant.multiply(&USD), Ok(USD));
        assert_eq!(USD.multiply(&FormulaUnit::Constant), Ok(USD));
        assert_eq!(per_download.multiply(&COUNT), Ok(USD));
        assert!(USD.multiply(&COUNT).is_err());
        assert!(
            FormulaUnit::Of(Unit::CNY).add(&USD).is_err(),
            "two currencies do not add"
        );
    }
}
