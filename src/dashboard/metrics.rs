//! Every metric in the store, grouped for the Metrics view: GMV and sales, growth, downloads and
//! users, sellers and brands, prices and money, and the rest. The group is read from the metric's
//! id, name and unit (a pure function), so a user's own metrics land somewhere sensible.

use std::collections::{BTreeMap, BTreeSet};

use super::snapshot::Snapshot;
use crate::model::Unit;

/// A group of the Metrics view's list, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricGroup {
    Sales,
    Growth,
    Users,
    Sellers,
    Money,
    Other,
}

impl MetricGroup {
    pub const ALL: [MetricGroup; 6] = [
        MetricGroup::Sales,
        MetricGroup::Growth,
        MetricGroup::Users,
        MetricGroup::Sellers,
        MetricGroup::Money,
        MetricGroup::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            MetricGroup::Sales => "GMV & sales",
            MetricGroup::Growth => "Growth",
            MetricGroup::Users => "Downloads & users",
            MetricGroup::Sellers => "Sellers & brands",
            MetricGroup::Money => "Prices & money",
            MetricGroup::Other => "Other",
        }
    }
}

/// Words that place a metric, checked in this order (growth first: "gmv_yoy" is growth, not
/// GMV; sellers before sales: "brand_sales" counts brands).
const GROUP_WORDS: [(MetricGroup, &[&str]); 5] = [
    (
        MetricGroup::Growth,
        &["yoy", "growth", "cagr", "change", "qoq", "mom"],
    ),
    (
        MetricGroup::Sellers,
        &["seller", "brand", "merchant", "vendor", "shops", "stores"],
    ),
    (
        MetricGroup::Users,
        &[
            "download",
            "install",
            "user",
            "mau",
            "dau",
            "wau",
            "visit",
            "traffic",
            "buyer",
            "customer",
            "shopper",
            "member",
            "subscriber",
        ],
    ),
    (
        MetricGroup::Money,
        &[
            "price",
            "share",
            "take_rate",
            "take rate",
            "fee",
            "margin",
            "profit",
            "income",
            "ebit",
            "cost",
            "refund",
            "cash",
            "market_cap",
            "market cap",
            "valuation",
            "aov",
            "basket",
            "spend",
            "loss",
            "capex",
            "dividend",
        ],
    ),
    (
        MetricGroup::Sales,
        &[
            "gmv", "sales", "revenue", "turnover", "orders", "order", "parcels", "volume",
        ],
    ),
];

/// The group of a metric, from its id, name and unit: the first group one of whose words the id
/// or name contains; an amount of money no word places is money, anything else other.
pub fn metric_group(id: &str, name: &str, unit: Unit) -> MetricGroup {
    let text = format!("{} {}", id.to_lowercase(), name.to_lowercase());
    // Whole words or id parts, so "mom" is not found in "moment" nor "share" in "shareholders".
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |needle: &str| {
        if needle.contains(['_', ' ']) {
            text.contains(needle) || text.contains(&needle.replace('_', " "))
        } else {
            words
                .iter()
                .any(|w| *w == needle || w.strip_suffix('s') == Some(needle))
        }
    };
    for (group, needles) in GROUP_WORDS {
        if needles.iter().any(|n| has(n)) {
            return group;
        }
    }
    if unit.currency().is_some() || unit == Unit::AnyCurrency {
        MetricGroup::Money
    } else {
        MetricGroup::Other
    }
}

/// One metric as the Metrics view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSummary {
    pub id: String,
    /// The catalogue's name; the id when it has none of its own.
    pub name: String,
    /// Whether the catalogue names it (a metric imported with only an id does not).
    pub named: bool,
    pub unit: Unit,
    pub figures: usize,
    pub platforms: usize,
    pub group: MetricGroup,
}

/// Every metric with figures (and every catalogued one), grouped, most figures first in a group.
pub fn metric_catalogue(snap: &Snapshot) -> Vec<MetricSummary> {
    let mut platforms: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut figures: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &snap.observations {
        platforms.entry(&o.metric).or_default().insert(&o.platform);
        *figures.entry(&o.metric).or_default() += 1;
    }
    for d in &snap.dense {
        platforms.entry(&d.metric).or_default().insert(&d.platform);
        *figures.entry(&d.metric).or_default() += d.figures();
    }
    let mut ids: BTreeSet<&str> = figures.keys().copied().collect();
    ids.extend(snap.metrics.iter().map(|m| m.id.as_str()));
    let mut out: Vec<MetricSummary> = ids
        .into_iter()
        .map(|id| {
            let metric = snap.metric(id);
            let name = metric
                .map(|m| m.name.clone())
                .filter(|n| !n.is_empty() && n != id);
            let unit = metric
                .map(|m| m.unit)
                .or_else(|| {
                    snap.observations
                        .iter()
                        .find(|o| o.metric == id)
                        .map(|o| o.unit)
                })
                .unwrap_or(Unit::Count);
            MetricSummary {
                id: id.to_string(),
                named: name.is_some(),
                name: name.clone().unwrap_or_else(|| id.to_string()),
                unit,
                figures: figures.get(id).copied().unwrap_or(0),
                platforms: platforms.get(id).map_or(0, BTreeSet::len),
                group: metric_group(id, name.as_deref().unwrap_or(""), unit),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.group, std::cmp::Reverse(a.figures), &a.id).cmp(&(
            b.group,
            std::cmp::Reverse(b.figures),
            &b.id,
        ))
    });
    out
}

/// The metric with most figures, for a store that opens on the Metrics view.
pub fn busiest_metric(snap: &Snapshot) -> Option<String> {
    metric_catalogue(snap)
        .into_iter()
        .filter(|m| m.figures > 0)
        .max_by(|a, b| a.figures.cmp(&b.figures).then_with(|| b.id.cmp(&a.id)))
        .map(|m| m.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(id: &str) -> MetricGroup {
        metric_group(id, "", Unit::Count)
    }

    #[test]
    fn the_samples_metrics_land_in_their_groups() {
        assert_eq!(group("gmv"), MetricGroup::Sales);
        assert_eq!(
            metric_group("gmv_yoy", "GMV growth", Unit::Percent),
            MetricGroup::Growth
        );
        assert_eq!(group("downloads"), MetricGroup::Users);
        assert_eq!(group("downloads_per_day"), MetricGroup::Users);
        assert_eq!(group("sellers"), MetricGroup::Sellers);
        assert_eq!(group("sellers_over_1m"), MetricGroup::Sellers);
        assert_eq!(group("brands_2x_amazon"), MetricGroup::Sellers);
    }

    #[test]
    fn a_users_own_metrics_land_where_a_reader_would_look() {
        assert_eq!(
            metric_group("share_price", "", Unit::USD),
            MetricGroup::Money
        );
        assert_eq!(metric_group("revenue", "", Unit::USD), MetricGroup::Sales);
        assert_eq!(group("orders"), MetricGroup::Sales);
        assert_eq!(group("mau"), MetricGroup::Users);
        assert_eq!(
            metric_group("take_rate", "", Unit::Percent),
            MetricGroup::Money
        );
        assert_eq!(metric_group("refunds", "", Unit::USD), MetricGroup::Money);
        assert_eq!(
            metric_group("x1", "Monthly active users", Unit::Count),
            MetricGroup::Users
        );
        // Parts of words do not count: "moment" is not month-on-month, "shareholders" no share.
        assert_eq!(group("moment_count"), MetricGroup::Other);
        assert_eq!(group("shareholders"), MetricGroup::Other);
        assert_eq!(
            metric_group("conversion", "", Unit::Percent),
            MetricGroup::Other
        );
        assert_eq!(metric_group("ebitda", "", Unit::USD), MetricGroup::Money);
    }

    #[test]
    fn brand_sales_count_brands_not_sales() {
        assert_eq!(group("brand_sales"), MetricGroup::Sellers);
        assert_eq!(group("revenue_growth"), MetricGroup::Growth);
    }
}
