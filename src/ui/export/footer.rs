//! The footer of an exported chart: who published each figure and event drawn on it, and when.

use crate::dashboard::snapshot::Snapshot;
use crate::i18n::{day_label, t, t_args};
use crate::model::Source;
use crate::ui::interaction::Interaction;

/// The footer of an exported chart: the sources of the figures and events drawn last frame,
/// each once, sorted: "Figures: Marketplace Pulse, 3 Mar 2025; … · Events: CBP, 1 May 2025".
pub fn sources_footer(snap: &Snapshot, inter: &Interaction) -> String {
    let mut figures: Vec<&Source> = Vec::new();
    for drawn in &inter.drawn {
        for &(s, p, _) in &drawn.positions {
            let Some(point) = drawn
                .model
                .series
                .get(s as usize)
                .and_then(|series| series.points.get(p as usize))
            else {
                continue;
            };
            match point.origin {
                crate::dashboard::chart_model::Origin::Observation(i) => {
                    figures.extend(snap.observations.get(i).map(|o| &o.source));
                }
                crate::dashboard::chart_model::Origin::Derived(i) => {
                    if let Some(d) = drawn.model.derived.get(i) {
                        figures.push(&d.current.source);
                        figures.push(&d.previous.source);
                    }
                }
            }
        }
    }
    figures.extend(inter.bar_sources.iter());
    let events: Vec<&Source> = inter
        .screen_events
        .iter()
        .filter_map(|e| snap.events.iter().find(|ev| ev.title == e.title))
        .map(|e| &e.source)
        .collect();
    let list = |id: &str, sources: Vec<&Source>| {
        let list = citations(&sources).join(&t("footer-separator"));
        t_args(id, &[("name", (&list).into())])
    };
    let mut parts = Vec::new();
    if !figures.is_empty() {
        parts.push(list("footer-figures", figures));
    }
    if !events.is_empty() {
        parts.push(list("footer-events", events));
    }
    if parts.is_empty() {
        // A table names each row's source in a column of its own.
        return String::new();
    }
    parts.join("  ·  ")
}

/// Each publisher once, sorted, with its publication dates: "ADVFN, 1 May 2024 and 30 Oct 2024".
fn citations(sources: &[&Source]) -> Vec<String> {
    let mut by_publisher: std::collections::BTreeMap<String, (String, Vec<chrono::NaiveDate>)> =
        std::collections::BTreeMap::new();
    for s in sources {
        let entry = by_publisher
            .entry(s.publisher.to_lowercase())
            .or_insert_with(|| (s.publisher.clone(), Vec::new()));
        entry.1.extend(s.published);
    }
    by_publisher
        .into_values()
        .map(|(publisher, mut dates)| {
            dates.sort();
            dates.dedup();
            let dates: Vec<String> = dates.into_iter().map(day_label).collect();
            let dated = |dates: &str| {
                t_args(
                    "footer-citation",
                    &[("name", (&publisher).into()), ("value", dates.into())],
                )
            };
            match dates.as_slice() {
                [] => publisher.clone(),
                [one] => dated(one),
                [rest @ .., last] => dated(&t_args(
                    "footer-dates",
                    &[
                        ("name", (&rest.join(&t("footer-date-separator"))).into()),
                        ("value", last.into()),
                    ],
                )),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publisher_is_named_once_with_its_dates() {
        let source = |publisher: &str, date: Option<(i32, u32, u32)>| Source {
            id: 0,
            publisher: publisher.into(),
            title: String::new(),
            url: String::new(),
            published: date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
        };
        let a = source("ADVFN", Some((2024, 10, 30)));
        let b = source("ADVFN", Some((2024, 5, 1)));
        let c = source("36Kr", None);
        let d = source("advfn", Some((2024, 5, 1)));
        assert_eq!(
            citations(&[&a, &b, &c, &d, &c]),
            vec![
                "36Kr".to_string(),
                "ADVFN, 1 May 2024 and 30 Oct 2024".to_string()
            ]
        );
    }
}
