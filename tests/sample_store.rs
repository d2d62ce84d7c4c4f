//! The embedded sample: sourced, complete for the nine platforms, and faithful to the research.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::TempStore;
use marketscope::model::{Grain, Kind, Qualifier};
use marketscope::store::SeriesQuery;

#[test]
fn every_observation_and_event_has_a_source() {
    let t = TempStore::with_sample();
    let rows = t.all();
    assert!(rows.len() >= 200, "{}", rows.len());
    for o in &rows {
        assert!(!o.source.publisher.trim().is_empty(), "{o:?}");
        // Only the article itself has no URL in the research.
        assert!(
            !o.source.url.is_empty() || o.source.publisher == "Wallstreetcn",
            "{o:?}"
        );
    }
    for e in t.store.events(&Default::default()).expect("events") {
        assert!(!e.source.publisher.trim().is_empty(), "{e:?}");
    }
}

#[test]
fn each_of_the_nine_platforms_has_points() {
    let t = TempStore::with_sample();
    let rows = t.all();
    for platform in [
        "temu",
        "shein",
        "aliexpress",
        "tiktok_shop",
        "amazon",
        "walmart",
        "shopee",
        "ebay",
        "mercado_libre",
    ] {
        assert!(
            rows.iter().any(|o| o.platform == platform),
            "no points for {platform}"
        );
    }
    let aliexpress = t
        .store
        .platforms()
        .expect("platforms")
        .into_iter()
        .find(|p| p.id == "aliexpress")
        .expect("aliexpress");
    assert_eq!(aliexpress.full_name(), "AliExpress 速卖通");
}

#[test]
fn tiktok_shop_2025_gmv_is_about_100_billion_as_an_estimate() {
    let t = TempStore::with_sample();
    let rows = t
        .store
        .series(&SeriesQuery {
            platforms: vec!["tiktok_shop".into()],
            metrics: vec!["gmv".into()],
            ..Default::default()
        })
        .expect("query");
    let article = rows
        .iter()
        .find(|o| {
            o.period.grain == Grain::Year
                && o.period.start.to_string() == "2025-01-01"
                && o.source.publisher == "Wallstreetcn"
        })
        .expect("the article's figure");
    assert_eq!(article.value, 100e9);
    assert_eq!(
        (article.kind, article.qualifier),
        (Kind::Estimate, Qualifier::About)
    );
    assert_eq!(
        article.source.published,
        NaiveDate::from_ymd_opt(2026, 1, 9)
    );
}

#[test]
fn us_de_minimis_entries_for_2015_and_2024_match_the_research() {
    let t = TempStore::with_sample();
    let rows = t
        .store
        .series(&SeriesQuery {
            metrics: vec!["de_minimis_entries".into()],
            regions: vec!["us".into()],
            ..Default::default()
        })
        .expect("query");
    let value = |start: &str, publisher: &str| {
        rows.iter()
            .find(|o| {
                o.period.start.to_string() == start
                    && o.period.grain == Grain::Year
                    && o.source.publisher == publisher
            })
            .map(|o| o.value)
            .unwrap_or_else(|| panic!("no {start} figure from {publisher}"))
    };
    // The article's rounded figures, and US Customs' fiscal-year counts, each with its source.
    assert_eq!(value("2015-01-01", "Wallstreetcn"), 139e6);
    assert_eq!(value("2024-01-01", "Wallstreetcn"), 1.4e9);
    assert_eq!(value("2023-10-01", "Retail Insight Network"), 1.36e9);
    assert!(
        rows.iter()
            .any(|o| o.period.start.to_string() == "2014-10-01" && o.value == 140e6)
    );
}

#[test]
fn dated_events_include_the_policy_turns_and_platform_moves() {
    let t = TempStore::with_sample();
    let events = t.store.events(&Default::default()).expect("events");
    assert!(events.len() >= 30, "{}", events.len());
    let has = |needle: &str| {
        events
            .iter()
            .any(|e| e.title.to_lowercase().contains(needle))
    };
    assert!(has("de minimis"), "a de minimis event");
    assert!(has("la poste") || events.iter().any(|e| e.description.contains("La Poste")));
    let la_poste = events
        .iter()
        .find(|e| e.description.contains("La Poste") || e.title.contains("La Poste"))
        .expect("La Poste MoU");
    assert_eq!(
        la_poste.date.start,
        NaiveDate::from_ymd_opt(2025, 10, 15).expect("date")
    );
}

#[test]
fn loading_the_sample_twice_changes_nothing() {
    let mut t = TempStore::with_sample();
    let before = t.all();
    let report = t.store.load_sample().expect("second load");
    assert!(
        report
            .files
            .iter()
            .all(|f| f.inserted == 0 && f.replaced == 0),
        "{report}"
    );
    assert_eq!(t.all(), before);
}

#[test]
fn the_sample_story_has_eight_steps_over_data_the_store_holds() {
    let t = TempStore::with_sample();
    let story = t
        .store
        .story("Cross-border e-commerce in 2025")
        .expect("query")
        .expect("the sample story");
    assert_eq!(story.steps.len(), 8);
    let platforms: Vec<String> = t
        .store
        .platforms()
        .expect("platforms")
        .into_iter()
        .map(|p| p.id)
        .collect();
    let regions: Vec<String> = t
        .store
        .regions()
        .expect("regions")
        .into_iter()
        .map(|r| r.id)
        .collect();
    let events: Vec<String> = t
        .store
        .events(&Default::default())
        .expect("events")
        .into_iter()
        .map(|e| e.title)
        .collect();
    for step in &story.steps {
        assert!(
            !step.caption.is_empty() && step.caption.contains('('),
            "every caption cites its source: {}",
            step.title
        );
        if let Some(choice) = step.state["platform_choice"].as_object() {
            for id in choice.keys() {
                assert!(
                    platforms.contains(id),
                    "step {:?} names an unknown platform {id}",
                    step.title
                );
            }
        }
        if let Some(choice) = step.state["region_choice"].as_object() {
            for id in choice.keys() {
                assert!(
                    regions.contains(id),
                    "step {:?} names an unknown region {id}",
                    step.title
                );
            }
        }
        for highlight in &step.highlights {
            assert!(
                platforms.contains(highlight) || events.contains(highlight),
                "step {:?} highlights {highlight:?}, which is neither a platform nor an event title",
                step.title
            );
        }
    }
}

#[test]
fn a_from_bound_keeps_every_period_that_ends_after_it_even_a_fiscal_year() {
    let t = TempStore::with_sample();
    let fy2024 = |from: &str| {
        let rows = t
            .store
            .series(&SeriesQuery {
                metrics: vec!["de_minimis_entries".into()],
                from: NaiveDate::parse_from_str(from, "%Y-%m-%d").ok(),
                ..Default::default()
            })
            .expect("query");
        rows.iter()
            .any(|o| o.period.start.to_string() == "2023-10-01" && o.period.grain == Grain::Year)
    };
    // US Customs' fiscal 2024 runs from 1 October 2023 to 30 September 2024.
    assert!(fy2024("2024-09-30"));
    assert!(!fy2024("2024-10-01"));
}
