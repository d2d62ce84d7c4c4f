//! Units a metric's values are stored in: any ISO 4217 currency, counts, percent, a plain number,
//! or a unit of the user's own ("users", "MWh", "CNY per USD"). Known families format well; the rest
//! print their name after the number.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

/// The ISO 4217 active codes (2024 list), so a typo such as `USS` is refused rather than stored.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB \
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP \
DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK \
JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP \
MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD \
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD \
TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XCD XDR XOF XPF XSU XUA YER \
ZAR ZMW ZWG ZWL";

/// A currency by its ISO 4217 code, e.g. `CNY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");
    pub const CNY: Currency = Currency(*b"CNY");
    pub const EUR: Currency = Currency(*b"EUR");
    pub const BRL: Currency = Currency(*b"BRL");
    pub const JPY: Currency = Currency(*b"JPY");
    pub const GBP: Currency = Currency(*b"GBP");

    /// An ISO code in any case (`cny`), or a name or alias that means one currency only
    /// (`RMB`, `元`, `yuan`, `US$`, `R$`, `€`, `£`, `美元`). `¥` is refused: it is CNY or JPY.
    pub fn parse(text: &str) -> Option<Currency> {
        let t = text.trim();
        // The common case first, without allocating: every row of a file names its unit.
        if let Ok(bytes) = <[u8; 3]>::try_from(t.as_bytes()) {
            let upper = bytes.map(|b| b.to_ascii_uppercase());
            if iso_codes().binary_search(&upper).is_ok() {
                return Some(Currency(upper));
            }
        }
        let alias = match t.to_lowercase().as_str() {
            "rmb" | "元" | "人民币" | "yuan" | "renminbi" | "cn¥" | "rmb¥" => Some(Self::CNY),
            "$" | "us$" | "dollar" | "dollars" | "美元" => Some(Self::USD),
            "€" | "euro" | "euros" | "欧元" => Some(Self::EUR),
            "r$" | "reais" | "real" => Some(Self::BRL),
            "£" | "pound" | "pounds" => Some(Self::GBP),
            "円" | "yen" | "日元" => Some(Self::JPY),
            _ => None,
        };
        if alias.is_some() {
            return alias;
        }
        None
    }

    /// Whether `text` looks like a currency code but is not one (`USS`, `RMX`): worth its own error.
    pub fn looks_like_code(text: &str) -> bool {
        let t = text.trim();
        t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase())
    }

    pub fn code(&self) -> &str {
        // Only ever built from ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The symbol written before a compact value; the code itself where no symbol is unambiguous.
    pub fn symbol(&self) -> Option<&'static str> {
        match &self.0 {
            b"USD" => Some("$"),
            b"CNY" => Some("¥"),
            b"EUR" => Some("€"),
            b"BRL" => Some("R$"),
            b"GBP" => Some("£"),
            b"JPY" => Some("JP¥"),
            _ => None,
        }
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The ISO 4217 codes, sorted, read once from the list above.
fn iso_codes() -> &'static [[u8; 3]] {
    static CODES: std::sync::OnceLock<Vec<[u8; 3]>> = std::sync::OnceLock::new();
    CODES.get_or_init(|| {
        let mut codes: Vec<[u8; 3]> = ISO_4217
            .split_ascii_whitespace()
            .filter_map(|code| code.as_bytes().try_into().ok())
            .collect();
        codes.sort_unstable();
        codes
    })
}

/// The unit a metric's values are stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Currency(Currency),
    /// A metric whose series each name their own currency (revenue in CNY for one platform and in
    /// USD for another). Only a metric has it; every stored figure has a real currency.
    AnyCurrency,
    Count,
    Percent,
    /// A plain number: a ratio, an index, a score.
    Plain,
    /// Any other unit, by name: `users`, `MWh`, `CNY per USD`.
    Other(&'static str),
}

/// Why a unit text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error("{0:?} is not an ISO 4217 currency code")]
    NoSuchCurrency(String),
    #[error("\"¥\" can mean CNY or JPY; write CNY (or RMB, 元) or JPY")]
    AmbiguousYen,
    #[error("a unit name must be at most 40 characters of text")]
    BadName,
}

impl Unit {
    pub const USD: Unit = Unit::Currency(Currency::USD);
    pub const CNY: Unit = Unit::Currency(Currency::CNY);

    /// The stored name: the ISO code, `currency`, `count`, `percent`, `` (plain) or the unit's own.
    pub fn as_str(&self) -> &'static str {
        match self {
            Unit::Currency(c) => intern(c.code()),
            Unit::AnyCurrency => "currency",
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::Plain => "",
            Unit::Other(name) => name,
        }
    }

    /// Reads a unit as the catalogue, a unit column or `--set unit=` gives it. Unknown words are a
    /// unit of their own; a three-capital word that is no currency is refused as a likely typo.
    pub fn parse(text: &str) -> Result<Unit, UnitError> {
        let t = text.trim();
        let lower = t.to_lowercase();
        match lower.as_str() {
            "" | "number" | "plain" | "none" | "ratio" | "index" => return Ok(Unit::Plain),
            "count" | "#" | "units" => return Ok(Unit::Count),
            "percent" | "%" | "pct" | "per cent" => return Ok(Unit::Percent),
            "currency" | "money" => return Ok(Unit::AnyCurrency),
            "¥" | "yen/yuan" => return Err(UnitError::AmbiguousYen),
            _ => {}
        }
        if let Some(c) = Currency::parse(t) {
            return Ok(Unit::Currency(c));
        }
        if Currency::looks_like_code(t) {
            return Err(UnitError::NoSuchCurrency(t.to_string()));
        }
        if t.chars().count() > 40 || t.chars().any(char::is_control) {
            return Err(UnitError::BadName);
        }
        Ok(Unit::Other(intern(t)))
    }

    pub fn currency(&self) -> Option<Currency> {
        match self {
            Unit::Currency(c) => Some(*c),
            _ => None,
        }
    }

    /// Whether a figure in `self` may be stored under a metric in `metric`: the same unit, any
    /// currency for a `currency` metric, and any `CNY per USD` for a `per USD` metric (exchange
    /// rates: one series per currency).
    pub fn fits(&self, metric: Unit) -> bool {
        if *self == metric || (metric == Unit::AnyCurrency && self.currency().is_some()) {
            return true;
        }
        match (self, metric) {
            (Unit::Other(mine), Unit::Other(base)) if base.starts_with("per ") => mine
                .strip_suffix(base)
                .is_some_and(|c| Currency::parse(c.trim()).is_some()),
            _ => false,
        }
    }

    /// How the unit reads after a number in a table or axis: "users", "MWh"; empty for the
    /// families that format with a symbol or none.
    pub fn suffix(&self) -> &'static str {
        match self {
            Unit::Other(name) => name,
            _ => "",
        }
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unit::Plain => f.write_str("plain number"),
            other => f.write_str(other.as_str()),
        }
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Unit::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Unit names live as long as the program: there are a handful per store, and a `Copy` unit keeps
/// every figure's unit a plain value.
fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let names = NAMES.get_or_init(|| Mutex::new(HashSet::new()));
    let mut guard = match names.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(known) = guard.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    guard.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_by_code_and_alias() {
        assert_eq!(Unit::parse("CNY"), Ok(Unit::CNY));
        assert_eq!(Unit::parse("rmb"), Ok(Unit::CNY));
        assert_eq!(Unit::parse("元"), Ok(Unit::CNY));
        assert_eq!(Unit::parse("usd"), Ok(Unit::USD));
        assert_eq!(Unit::parse("IDR").map(|u| u.as_str()), Ok("IDR"));
        assert_eq!(Unit::parse("KRW").map(|u| u.as_str()), Ok("KRW"));
        assert_eq!(
            Unit::parse("USS"),
            Err(UnitError::NoSuchCurrency("USS".into()))
        );
        assert_eq!(Unit::parse("¥"), Err(UnitError::AmbiguousYen));
    }

    #[test]
    fn families_and_units_of_ones_own() {
        assert_eq!(Unit::parse(""), Ok(Unit::Plain));
        assert_eq!(Unit::parse("count"), Ok(Unit::Count));
        assert_eq!(Unit::parse("%"), Ok(Unit::Percent));
        let users = Unit::parse("users").expect("a unit of its own");
        assert_eq!(users.as_str(), "users");
        assert_eq!(Unit::parse("users"), Ok(users), "interned: equal and Copy");
        let rate = Unit::parse("CNY per USD").expect("a rate unit");
        assert_eq!(rate.suffix(), "CNY per USD");
        for unit in [Unit::USD, Unit::Count, Unit::Percent, Unit::Plain, users] {
            assert_eq!(Unit::parse(unit.as_str()), Ok(unit));
        }
    }

    #[test]
    fn any_currency_metrics_take_every_currency() {
        assert!(Unit::CNY.fits(Unit::AnyCurrency));
        assert!(Unit::USD.fits(Unit::USD));
        assert!(!Unit::CNY.fits(Unit::USD));
        assert!(!Unit::Count.fits(Unit::AnyCurrency));
        let per_usd = Unit::parse("per USD").expect("unit");
        assert!(Unit::parse("CNY per USD").expect("unit").fits(per_usd));
        assert!(!Unit::parse("apples per USD").expect("unit").fits(per_usd));
    }

    #[test]
    fn serde_uses_the_stored_name() {
        let json = serde_json::to_string(&Unit::CNY).expect("serialise");
        assert_eq!(json, "\"CNY\"");
        let back: Unit = serde_json::from_str("\"MWh\"").expect("deserialise");
        assert_eq!(back.as_str(), "MWh");
    }
}
