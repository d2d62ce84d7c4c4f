//! One currency per chart: a metric that takes figures in any currency may hold USD and CNY
//! figures side by side, and one y axis cannot carry both. As published, the chart draws the
//! larger group and says what it left out; with a display currency picked, every figure is
//! converted at its own period's average rate (`analysis::fx`), and one with no rate is left
//! out, saying which rate was missing.

use std::collections::{BTreeMap, HashMap};

use super::super::selection::{dense_exclusion, passes};
use super::super::settings::Settings;
use super::super::snapshot::Snapshot;
use crate::analysis::derived::Point;
use crate::analysis::fx::{self, ConvertedPoint};
use crate::i18n::t_args;
use crate::model::format::compact;
use crate::model::{Currency, Unit};

/// A chart's figures converted into a display currency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Converted {
    /// By the snapshot's observation index: each converted figure, with its original and the
    /// rates used. A figure already in the display currency is not here: it is drawn as it is.
    pub figures: HashMap<usize, ConvertedPoint>,
    /// Observations that could not be converted (no rate for their period).
    pub left_out: Vec<usize>,
    /// "Converted to USD at each period's average rate: 14 figures in CNY", "2 figures in CNY
    /// not converted: no CNY rate for 2024".
    pub notes: Vec<String>,
}

/// "Converted from ¥394B at 7.08 CNY per USD (2023)": the figure as published and each rate,
/// for the tooltip and a measured figure's note.
pub fn converted_note(c: &ConvertedPoint, published: Unit) -> String {
    let rates: Vec<String> = c
        .rates
        .iter()
        .map(|r| {
            let unit = Unit::parse(&format!("{} per USD", r.currency.code()));
            let rate = unit.map_or_else(
                |_| format!("{:.4} {} per USD", r.rate.value, r.currency.code()),
                |u| compact(r.rate.value, u),
            );
            let period = r.fallback.clone().unwrap_or_else(|| r.rate.period.label());
            format!("{rate} ({period})")
        })
        .collect();
    t_args(
        "tooltip-converted",
        &[
            ("value", (&compact(c.original.value, published)).into()),
            ("rates", (&rates.join(" · ")).into()),
        ],
    )
}

/// Converts the figures of `metric` that pass the settings into `to`. Long daily series in
/// another currency are not converted (their figures would each need a rate): said in a note.
pub fn convert_figures(
    snap: &Snapshot,
    settings: &Settings,
    metric: &str,
    to: Currency,
) -> Converted {
    let mut out = Converted::default();
    let mut by_currency: BTreeMap<Currency, (Vec<usize>, Vec<Point>)> = BTreeMap::new();
    for (i, o) in snap.observations.iter().enumerate() {
        if o.metric != metric || !passes(o, snap, settings) {
            continue;
        }
        if let Some(from) = o.unit.currency().filter(|c| *c != to) {
            let entry = by_currency.entry(from).or_default();
            entry.0.push(i);
            entry.1.push(Point::from_observation(o));
        }
    }
    for (from, (indices, points)) in by_currency {
        let mut conversion = fx::convert(&points, from, to, &snap.rates);
        let left_out_notes = conversion.left_out_notes(from);
        let mut converted = std::mem::take(&mut conversion.points)
            .into_iter()
            .peekable();
        for (i, p) in indices.into_iter().zip(&points) {
            match converted.next_if(|c| c.original == *p) {
                Some(c) => {
                    out.figures.insert(i, c);
                }
                None => out.left_out.push(i),
            }
        }
        let n = points.len() - conversion.left_out.len();
        if n > 0 {
            out.notes.push(t_args(
                "chart-converted-note",
                &[
                    ("code", to.code().into()),
                    ("count", n.into()),
                    ("from", from.code().into()),
                ],
            ));
        }
        out.notes.extend(left_out_notes);
    }
    let long = snap
        .dense
        .iter()
        .filter(|d| d.metric == metric && d.unit.currency().is_some_and(|c| c != to))
        .filter(|d| dense_exclusion(d, snap, settings).is_none())
        .count();
    if long > 0 {
        out.notes.push(t_args(
            "chart-converted-long-left-out",
            &[("count", long.into()), ("code", to.code().into())],
        ));
    }
    out
}

/// The currency a chart draws, and the currencies it leaves out (none when all its figures
/// share one).
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyChoice {
    pub drawn: Unit,
    pub drawn_figures: usize,
    /// Each currency left out: how many figures, and whose (platform names, in store order).
    pub left_out: Vec<(Currency, usize, Vec<String>)>,
}

/// Figures (passing the settings) by currency, and whose they are, for `metric`.
fn groups(snap: &Snapshot, settings: &Settings, metric: &str) -> BTreeMap<Currency, Group> {
    let mut groups: BTreeMap<Currency, Group> = BTreeMap::new();
    let mut add = |unit: Unit, platform: &str, figures: usize| {
        if let Some(c) = unit.currency() {
            let g = groups.entry(c).or_default();
            g.figures += figures;
            if !g.platforms.iter().any(|p| p == platform) {
                g.platforms.push(platform.to_string());
            }
        }
    };
    for o in &snap.observations {
        if o.metric == metric && passes(o, snap, settings) {
            add(o.unit, &o.platform, 1);
        }
    }
    for d in &snap.dense {
        if d.metric == metric && dense_exclusion(d, snap, settings).is_none() {
            add(d.unit, &d.platform, d.figures());
        }
    }
    groups
}

#[derive(Debug, Default)]
struct Group {
    figures: usize,
    platforms: Vec<String>,
}

/// Which currency to draw, if the chart's figures are money: the one with the most figures; on
/// a tie USD, then the first code, so the choice never flickers between frames.
pub fn choose_currency(
    snap: &Snapshot,
    settings: &Settings,
    metric: &str,
) -> Option<CurrencyChoice> {
    let groups = groups(snap, settings, metric);
    let (&drawn, _) = groups.iter().max_by(|(a, ga), (b, gb)| {
        ga.figures
            .cmp(&gb.figures)
            .then_with(|| (**a == Currency::USD).cmp(&(**b == Currency::USD)))
            .then_with(|| b.cmp(a))
    })?;
    let drawn_figures = groups.get(&drawn).map_or(0, |g| g.figures);
    let left_out = groups
        .into_iter()
        .filter(|(c, _)| *c != drawn)
        .map(|(c, mut g)| {
            g.platforms.sort_by_key(|p| snap.platform_order(p));
            let names = g.platforms.iter().map(|p| snap.platform_name(p)).collect();
            (c, g.figures, names)
        })
        .collect();
    Some(CurrencyChoice {
        drawn: Unit::Currency(drawn),
        drawn_figures,
        left_out,
    })
}

/// "Drawn in USD (120 figures), the larger group. Left out: 40 figures in CNY (Alibaba, PDD).
/// One axis cannot carry two currencies; export with --currency USD to convert them."
pub fn currency_note(choice: &CurrencyChoice) -> Option<String> {
    if choice.left_out.is_empty() {
        return None;
    }
    let drawn = choice.drawn.as_str();
    let left_out = choice
        .left_out
        .iter()
        .map(|(c, n, names)| {
            t_args(
                "chart-currency-group",
                &[
                    ("count", (*n).into()),
                    ("code", c.code().into()),
                    ("names", (&names.join(", ")).into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(t_args(
        "chart-currency-note",
        &[
            ("code", drawn.into()),
            ("count", choice.drawn_figures.into()),
            ("left", (&left_out).into()),
        ],
    ))
}
