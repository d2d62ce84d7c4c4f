//! The embedded sample: sourced, complete for the nine platforms, and faithful to the research.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::TempStore;
use marketscope::model::{Grain, Kind, Observation};
use marketscope::store::SeriesQuery;

/// One platform's figures for one metric, all regions and kinds.
fn series(t: &TempStore, platform: &str, metric: &str) -> Vec<Observation> {
    t.store
        .series(&SeriesQuery {
            platforms: vec![platform.into()],
            metrics: vec![metric.into()],
            ..Default::default()
        })
        .expect("query")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

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
fn tiktok_shop_2025_gmv_is_approaching_100_billion_as_an_estimate() {
    let t = TempStore::with_sample();
    let rows = series(&t, "tiktok_shop", "gmv");
    let article = rows
        .iter()
        .find(|o| {
            o.period.grain == Grain::Year
                && o.period.start.to_string() == "2025-01-01"
                && o.source.publisher == "Wallstreetcn"
        })
        .expect("the article's figure");
    assert_eq!(article.value, 100e9);
    assert_eq!(article.kind, Kind::Estimate);
    // Printed "expected to approach $100 billion": the v3 qualifier `approaching`, not `about`.
    assert_eq!(article.qualifier.as_str(), "approaching");
    assert_eq!(
        article.source.published,
        NaiveDate::from_ymd_opt(2026, 1, 9)
    );
    // 56ok's page with the same claim is headlined "aims for": a target.
    let target = rows
        .iter()
        .find(|o| o.period.start.to_string() == "2025-01-01" && o.source.publisher == "56ok")
        .expect("56ok's figure");
    assert_eq!((target.value, target.kind), (100e9, Kind::Forecast));
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
        // The Chinese caption cites its sources too, and keeps the English one's years.
        let zh = step.caption_zh.as_deref().unwrap_or_default();
        assert!(
            step.title_zh.is_some() && zh.contains('（'),
            "every step has a Chinese title and a cited Chinese caption: {}",
            step.title
        );
        for year in ["2015", "2021", "2023", "2024", "2025", "2026"] {
            assert_eq!(
                step.caption.contains(year),
                zh.contains(year),
                "{year} in one caption of {:?} and not the other",
                step.title
            );
        }
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

#[test]
fn walmart_fiscal_2025_revenue_runs_from_february_2024_to_january_2025() {
    let t = TempStore::with_sample();
    let rows = series(&t, "walmart", "revenue_usd");
    let fy2025 = rows
        .iter()
        .find(|o| o.value == 680.985e9)
        .expect("Walmart FY2025 revenue");
    assert_eq!(fy2025.period.grain, Grain::Year);
    assert_eq!(fy2025.period.start, date("2024-02-01"));
    assert_eq!(fy2025.period.last_day(), date("2025-01-31"));
    assert_eq!(fy2025.unit.as_str(), "USD");
    // The growth rates of Q1/Q2 FY2018 are fiscal quarters too (February-April, May-July 2017).
    let growth = series(&t, "walmart", "gmv_yoy");
    let starts: Vec<String> = growth.iter().map(|o| o.period.start.to_string()).collect();
    assert!(starts.contains(&"2017-02-01".to_string()), "{starts:?}");
    assert!(starts.contains(&"2017-05-01".to_string()), "{starts:?}");
    assert!(growth.iter().all(|o| o.period.grain == Grain::Quarter));
}

#[test]
fn pdd_net_income_is_negative_in_cny_for_its_loss_years() {
    let t = TempStore::with_sample();
    let rows = series(&t, "pdd_holdings", "net_income");
    let year = |y: i32| {
        rows.iter()
            .find(|o| {
                o.period.grain == Grain::Year && o.period.start == date(&format!("{y}-01-01"))
            })
            .unwrap_or_else(|| panic!("no PDD net income for {y}"))
    };
    assert_eq!(year(2019).value, -6_967.6e6);
    assert_eq!(year(2020).value, -7_179.74e6);
    assert!(year(2021).value > 0.0);
    assert_eq!(year(2024).value, 112.43e9);
    assert!(rows.iter().all(|o| o.unit.as_str() == "CNY"));
    let revenue = series(&t, "pdd_holdings", "revenue");
    assert!(
        revenue
            .iter()
            .any(|o| o.period.start == date("2024-01-01") && o.value == 393.84e9)
    );
}

#[test]
fn alibaba_fiscal_years_start_in_april_and_losses_are_negative() {
    let t = TempStore::with_sample();
    let ebita = series(&t, "alibaba_aidc", "adjusted_ebita");
    let fy2025 = ebita
        .iter()
        .find(|o| o.value == -15_137e6)
        .expect("AIDC FY2025 Adjusted EBITA, a loss");
    assert_eq!(
        (fy2025.period.start, fy2025.period.grain),
        (date("2024-04-01"), Grain::Year)
    );
    let quarter = series(&t, "alibaba_aidc", "revenue")
        .into_iter()
        .find(|o| o.period.grain == Grain::Quarter)
        .expect("AIDC FY2025-Q2 revenue");
    assert_eq!(
        (quarter.period.start, quarter.value),
        (date("2024-07-01"), 31.7e9)
    );
}

#[test]
fn fx_rates_cover_2015_and_2017_to_2023_but_not_2016() {
    let t = TempStore::with_sample();
    for (currency, unit, rate_2023) in [
        ("cny", "CNY per USD", 7.0809),
        ("brl", "BRL per USD", 4.9946),
    ] {
        let rows = series(&t, currency, "fx_rate");
        let mut years: Vec<i32> = rows
            .iter()
            .map(|o| {
                o.period
                    .start
                    .format("%Y")
                    .to_string()
                    .parse()
                    .expect("year")
            })
            .collect();
        years.sort_unstable();
        assert_eq!(
            years,
            vec![2015, 2017, 2018, 2019, 2020, 2021, 2022, 2023],
            "{currency}"
        );
        assert!(
            rows.iter()
                .all(|o| o.period.grain == Grain::Year && o.unit.as_str() == unit)
        );
        assert!(rows.iter().any(|o| o.value == rate_2023), "{currency} 2023");
        assert!(
            rows.iter()
                .all(|o| o.source.publisher == "Federal Reserve Board")
        );
    }
}

#[test]
fn disagreeing_figures_are_kept_each_with_its_source() {
    let t = TempStore::with_sample();
    let tiktok_2024: Vec<(String, f64)> = series(&t, "tiktok_shop", "gmv")
        .into_iter()
        .filter(|o| o.region == "global" && o.period.start == date("2024-01-01"))
        .map(|o| (o.source.publisher, o.value))
        .collect();
    for (publisher, value) in [("Cube Asia", 42e9), ("Tabcut", 32.6e9), ("LatePost", 40e9)] {
        assert!(
            tiktok_2024.contains(&(publisher.to_string(), value)),
            "{publisher} {value}: {tiktok_2024:?}"
        );
    }
    let temu_2023 = series(&t, "temu", "gmv");
    assert!(temu_2023.iter().any(|o| {
        o.period.start == date("2023-01-01") && o.value == 3e9 && o.kind == Kind::Forecast
    }));
    let amazon = series(&t, "amazon", "sellers");
    assert!(
        amazon
            .iter()
            .any(|o| o.value == 2e6 && o.source.publisher == "Nasdaq")
    );
    // Both Amazon counts of USD 1M+ sellers come from its US reports: one region.
    let over_1m = series(&t, "amazon", "sellers_over_1m");
    assert_eq!(over_1m.len(), 2);
    assert!(over_1m.iter().all(|o| o.region == "us"));
}

#[test]
fn figures_the_article_states_without_a_source_are_not_actual() {
    let t = TempStore::with_sample();
    let rows = series(&t, "us_low_value_shipments", "de_minimis_entries");
    let article: Vec<&Observation> = rows
        .iter()
        .filter(|o| o.source.publisher == "Wallstreetcn")
        .collect();
    assert_eq!(article.len(), 2);
    assert!(article.iter().all(|o| o.kind == Kind::Estimate));
}

#[test]
fn events_are_dated_honestly_and_consistently() {
    let t = TempStore::with_sample();
    let events = t.store.events(&Default::default()).expect("events");
    let find = |title: &str| {
        events
            .iter()
            .find(|e| e.title == title)
            .unwrap_or_else(|| panic!("no event {title:?}"))
    };
    let tariff = find("US sets 34% reciprocal tariff on China");
    assert!(!tariff.description.contains("on top of the 10% baseline"));
    for title in [
        "ECOFIN agrees a flat EUR 3 duty on low-value parcels",
        "EU interim EUR 3 duty on parcels under EUR 150",
    ] {
        let e = find(title);
        assert!(
            e.description.contains("per item category") && e.description.contains("per package")
        );
    }
    // After the US launch of March 2024; dated by the report that lists them, not by 2025.
    for country in ["UK", "France", "Italy", "Mexico"] {
        let e = find(&format!(
            "TEMU local seller programme reported live in {country}"
        ));
        assert_eq!(e.date.start, date("2025-03-04"), "{country}");
    }
    let rank = find("TikTok Shop fifth by GMV, growing fastest (ByteDance view)");
    assert_eq!(rank.platform.as_deref(), Some("tiktok_shop"));
}

#[test]
fn each_revision_pair_is_one_figure_whose_later_print_is_current() {
    // v3 should call the revisions query for the identity (platform, metric, region, period,
    // grain, publisher) and find, for each pair, the later figure current and the earlier one
    // kept as its revision, each with its own source URL and published date:
    //   tiktok_shop / gmv / sea / 2023 / Momentum Works: 15e9 (2023-08-22) -> 16.3e9 (2024-07-16)
    //   temu / gmv / global / 2024 / LatePost: 30e9 (2023-12-31) -> 60e9 (2024-04-29)
    //   alibaba_group / adjusted_ebita / global / FY2025 / Alibaba Group:
    //     179_174e6 (2025-12-31) -> 179_143e6 (2026-05-20)
    // series() gives current figures only: each identity shows its later print.
    let t = TempStore::with_sample();
    let current = |platform: &str, metric: &str, region: &str, start: &str, publisher: &str| {
        let found: Vec<f64> = series(&t, platform, metric)
            .into_iter()
            .filter(|o| {
                o.region == region
                    && o.period.start == date(start)
                    && o.source.publisher == publisher
            })
            .map(|o| o.value)
            .collect();
        found
    };
    assert_eq!(
        current("tiktok_shop", "gmv", "sea", "2023-01-01", "Momentum Works"),
        vec![16.3e9]
    );
    assert_eq!(
        current("temu", "gmv", "global", "2024-01-01", "LatePost"),
        vec![60e9]
    );
    assert_eq!(
        current(
            "alibaba_group",
            "adjusted_ebita",
            "global",
            "2024-04-01",
            "Alibaba Group"
        ),
        vec![179_143e6]
    );
    // The first prints are kept as revisions, each with its own date.
    let revisions = t
        .store
        .revisions(&marketscope::store::SeriesQuery::default())
        .expect("revisions");
    let trail = |platform: &str, publisher: &str| -> Vec<(f64, Option<NaiveDate>)> {
        revisions
            .iter()
            .filter(|(o, _)| o.platform == platform && o.source.publisher == publisher)
            .filter(|(o, _)| o.metric == "gmv" || o.metric == "adjusted_ebita")
            .map(|(o, _)| (o.value, o.published))
            .collect()
    };
    assert_eq!(
        trail("tiktok_shop", "Momentum Works")
            .into_iter()
            .filter(|(v, _)| *v == 15e9 || *v == 16.3e9)
            .collect::<Vec<_>>(),
        vec![
            (15e9, Some(date("2023-08-22"))),
            (16.3e9, Some(date("2024-07-16")))
        ]
    );
    assert_eq!(
        trail("alibaba_group", "Alibaba Group"),
        vec![
            (179_174e6, Some(date("2025-12-31"))),
            (179_143e6, Some(date("2026-05-20")))
        ]
    );
    assert_eq!(t.store.revision_count().expect("count"), 3);
}

#[test]
fn every_figure_carries_the_date_it_became_known_where_the_research_gives_one() {
    // Each observation's own `published` date (falling back to the source's).
    // Expected from the sample: Walmart FY2025 revenue 2025-03-14 (Quartz); PDD 2019 net income
    // 2024-04-26 (Stock Analysis snapshot); the article's figures 2026-01-09; 123 of the 257
    // observations have a date in observations.csv.
    let t = TempStore::with_sample();
    let walmart = series(&t, "walmart", "revenue_usd");
    let fy2025 = walmart
        .iter()
        .find(|o| o.value == 680.985e9)
        .expect("Walmart FY2025 revenue");
    assert_eq!(fy2025.published, Some(date("2025-03-14")));
    assert_eq!(
        fy2025.period.start,
        date("2024-02-01"),
        "Walmart's FY2025 starts in February 2024"
    );
    let article = series(&t, "tiktok_shop", "gmv")
        .into_iter()
        .filter(|o| o.source.publisher == "Wallstreetcn")
        .all(|o| o.published == Some(date("2026-01-09")));
    assert!(article, "the article's figures are known from its date");
}
