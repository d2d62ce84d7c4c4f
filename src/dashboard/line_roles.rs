//! Which listed figure a chart's line follows: where several sources give one platform's period,
//! the chart draws all of them and its line through one (`analysis::headline`: the surest kind,
//! then agreement, then the latest). The Table marks that one and says why, so the table and the
//! chart never seem to disagree.

use std::collections::HashMap;

use super::snapshot::Snapshot;
use crate::analysis::{HeadlineReason, headline, headline_reason};
use crate::model::{Grain, Observation};

/// A listed figure's part in its period's line, when its period has more than one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    /// The line follows this figure, for this reason, among `of` figures for the period.
    Follows { reason: HeadlineReason, of: usize },
    /// The line follows another figure of the period: this observation (index in the snapshot).
    Beside { head: usize },
}

/// The line role of each of `rows` (indices into the snapshot's observations), among the rows
/// of its platform, metric, region and period: the figures that pass the same filters the chart
/// applies, so the role is the chart's.
pub fn line_roles(snap: &Snapshot, rows: &[usize]) -> Vec<Option<LineRole>> {
    type Key<'a> = (&'a str, &'a str, &'a str, i64, Grain);
    let mut groups: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
    for &i in rows {
        if let Some(o) = snap.observations.get(i) {
            let key = (
                o.platform.as_str(),
                o.metric.as_str(),
                o.region.as_str(),
                o.period.start_instant(),
                o.period.grain,
            );
            groups.entry(key).or_default().push(i);
        }
    }
    let mut role: HashMap<usize, LineRole> = HashMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let figures: Vec<&Observation> = members
            .iter()
            .filter_map(|&i| snap.observations.get(i))
            .collect();
        let Some(head) = headline(&figures) else {
            continue;
        };
        let Some(head_index) = members.iter().copied().find(|&i| {
            snap.observations
                .get(i)
                .is_some_and(|o| std::ptr::eq(o, head))
        }) else {
            continue;
        };
        let reason = headline_reason(&figures, head);
        for &i in members {
            let r = if i == head_index {
                LineRole::Follows {
                    reason,
                    of: members.len(),
                }
            } else {
                LineRole::Beside { head: head_index }
            };
            role.insert(i, r);
        }
    }
    rows.iter().map(|i| role.get(i).copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::settings::Settings;

    #[test]
    fn the_table_marks_the_figure_tiktok_shops_2023_line_follows() {
        let snap = crate::dashboard::chart_model::tests::sample();
        let settings = Settings::default();
        let rows: Vec<usize> = (0..snap.observations.len())
            .filter(|&i| {
                crate::dashboard::selection::passes(&snap.observations[i], &snap, &settings)
            })
            .collect();
        let roles = line_roles(&snap, &rows);
        let is_2023_tiktok = |i: usize| {
            let o = &snap.observations[i];
            o.platform == "tiktok_shop"
                && o.metric == "gmv"
                && o.region == "global"
                && o.period.label() == "2023"
        };
        let of_2023: Vec<(usize, Option<LineRole>)> = rows
            .iter()
            .zip(&roles)
            .filter(|(i, _)| is_2023_tiktok(**i))
            .map(|(i, r)| (*i, *r))
            .collect();
        assert!(of_2023.len() >= 2, "several sources give 2023");
        let heads: Vec<usize> = of_2023
            .iter()
            .filter(|(_, r)| matches!(r, Some(LineRole::Follows { .. })))
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(heads.len(), 1, "exactly one figure is followed");
        // The line follows the $20B most sources agree on, as the chart's does.
        assert_eq!(snap.observations[heads[0]].value, 20e9);
        assert!(
            of_2023
                .iter()
                .all(|(i, r)| *i == heads[0] || *r == Some(LineRole::Beside { head: heads[0] }))
        );
    }
}
