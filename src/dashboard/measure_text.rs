//! A measurement in words: the change, the change in percent and the CAGR, with the caveats,
//! as one sentence to paste into a memo, naming both figures and their sources.

use super::interaction::Picked;
use crate::analysis::Measurement;
use crate::model::Unit;
use crate::model::format::qualified;

pub fn pct(value: f64) -> String {
    format!("{value:.1}%")
}

pub fn pct_signed(value: f64) -> String {
    format!("{value:+.1}%")
}

/// "+$80B", "-2.5 pp" (percentage points for rates).
pub fn signed(value: f64, unit: Unit) -> String {
    let text = crate::model::format::compact(value.abs(), unit);
    let sign = if value < 0.0 { "-" } else { "+" };
    match unit {
        Unit::Percent => format!("{sign}{} pp", text.trim_end_matches('%')),
        _ => format!("{sign}{text}"),
    }
}

/// "TEMU 2022 (about $17B, estimate, Marketplace Pulse, 3 Mar 2023)".
fn figure_words(p: &Picked) -> String {
    format!(
        "{} {} ({}, {}, {})",
        p.series,
        p.period.label(),
        qualified(p.figure.value, p.figure.unit, p.figure.qualifier),
        p.figure.kind.as_str(),
        p.figure.source.citation()
    )
}

/// A pinned figure as one sentence for a memo: "TEMU 2022: about $17B (estimate). Source:
/// Marketplace Pulse, 3 Mar 2023, "Title", https://…".
pub fn figure_sentence(p: &Picked) -> String {
    let f = &p.figure;
    let mut sentence = format!(
        "{} {}: {} ({}). Source: {}",
        p.series,
        p.period.label(),
        qualified(f.value, f.unit, f.qualifier),
        f.kind.as_str(),
        f.source.citation()
    );
    if !f.source.title.is_empty() {
        sentence.push_str(&format!(", \u{201c}{}\u{201d}", f.source.title));
    }
    if !f.source.url.is_empty() {
        sentence.push_str(&format!(", {}", f.source.url));
    }
    sentence.push('.');
    if !f.note.is_empty() {
        sentence.push_str(&format!(" Note: {}", f.note));
    }
    sentence
}

/// The measurement from `from` to `to` as one sentence, caveats included.
pub fn measure_sentence(from: &Picked, to: &Picked, m: &Measurement) -> String {
    let mut parts = Vec::new();
    if m.change.is_finite() {
        parts.push(format!("a change of {}", signed(m.change, m.unit)));
    }
    if let Some(c) = m.change_pct {
        parts.push(pct_signed(c));
    }
    if let Some(c) = m.cagr_pct {
        parts.push(format!(
            "a CAGR of {} a year over {:.2} years",
            pct(c),
            m.years
        ));
    }
    let what = if parts.is_empty() {
        "no comparable change".to_string()
    } else {
        parts.join(", ")
    };
    let mut sentence = format!(
        "From {} to {}: {what}.",
        figure_words(from),
        figure_words(to)
    );
    if !m.caveats.is_empty() {
        sentence.push_str(&format!(" Note: {}.", m.caveats.join("; ")));
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::measure;
    use crate::dashboard::chart_model::Mark;
    use crate::model::{Kind, Observation, Period, Qualifier, Source};

    fn picked(year: &str, value: f64, kind: Kind, publisher: &str) -> Picked {
        let period = Period::parse(year).expect("a year");
        Picked {
            chart: "gmv".into(),
            series: "TEMU".into(),
            period,
            value,
            mark: Mark::Figure,
            figure: Observation {
                platform: "temu".into(),
                metric: "gmv".into(),
                region: "global".into(),
                period,
                value,
                unit: Unit::USD,
                kind,
                qualifier: Qualifier::None,
                source: Source {
                    id: 1,
                    publisher: publisher.into(),
                    title: String::new(),
                    url: String::new(),
                    published: None,
                },
                note: String::new(),
                published: None,
            },
        }
    }

    #[test]
    fn a_measurement_reads_as_one_sentence_with_both_sources() {
        let a = picked("2022", 20e9, Kind::Estimate, "Research A");
        let b = picked("2024", 80e9, Kind::Actual, "Research B");
        let m = measure(&a.figure, &b.figure);
        let text = measure_sentence(&a, &b, &m);
        assert!(text.starts_with("From TEMU 2022 ($20B, estimate, Research A) to TEMU 2024 ($80B, actual, Research B): "), "{text}");
        assert!(text.contains("a change of +$60B"), "{text}");
        assert!(text.contains("+300.0%"), "{text}");
        // Doubling twice in two years: 100% a year.
        assert!(
            text.contains("a CAGR of 100.0% a year over 2.00 years"),
            "{text}"
        );
        assert_eq!(
            text.matches(" Note: ").count(),
            usize::from(!m.caveats.is_empty())
        );
    }
}
