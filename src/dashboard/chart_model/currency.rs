//! One currency per chart: a metric that takes figures in any currency may hold USD and CNY
//! figures side by side, and one y axis cannot carry both, so the chart draws the larger group
//! and says what it left out. Converting them is the derived series' job (`export --currency`).

use std::collections::BTreeMap;

use super::super::selection::{dense_exclusion, passes};
use super::super::settings::Settings;
use super::super::snapshot::Snapshot;
use crate::i18n::t_args;
use crate::model::{Currency, Unit};

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
