//! The chart model's tests: the sample's charts, growth, empty states, events, negative values
//! and log refusals, grains and region variants.

use super::*;
use crate::model::{Kind, Period, Qualifier};
use crate::store::Store;

/// The sample data as the dashboard sees it.
pub(crate) fn sample() -> Snapshot {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("t.db")).expect("store");
    store.load_sample().expect("sample loads");
    Snapshot::read(&store, 1).expect("snapshot")
}

fn spec(metric: &str) -> ChartSpec {
    ChartSpec {
        metric: metric.into(),
        derived_from: None,
        y_mode: YMode::Linear,
    }
}

fn series<'a>(model: &'a ChartModel, platform: &str) -> &'a Series {
    model
        .series
        .iter()
        .find(|s| s.platform == platform && s.region == "global")
        .unwrap_or_else(|| panic!("no {platform} series"))
}

#[test]
fn gmv_defaults_to_worldwide_platforms_with_every_source() {
    let snap = sample();
    let model = build_chart(&snap, &Settings::default(), &spec("gmv"));
    assert!(model.empty.is_none());
    assert!(model.series.iter().all(|s| s.region == "global"));
    assert!(!model.series.iter().any(|s| s.platform == "sea_ecommerce"));
    let tiktok = series(&model, "tiktok_shop");
    // 2025 is given by two sources at $100B: 56ok's target (a forecast) and Wallstreetcn's
    // estimate, both drawn, each with its kind.
    let y2025: Vec<&ChartPoint> = tiktok
        .points
        .iter()
        .filter(|p| p.period == Period::parse("2025").expect("period"))
        .collect();
    assert_eq!(y2025.len(), 2);
    assert!(y2025.iter().all(|p| p.value == 100e9));
    let mut kinds: Vec<Kind> = y2025.iter().map(|p| p.kind).collect();
    kinds.sort();
    assert_eq!(kinds, vec![Kind::Estimate, Kind::Forecast]);
    // A yearly figure sits mid-year and spans the year.
    assert_eq!(
        y2025[0].x,
        day_number(chrono::NaiveDate::from_ymd_opt(2025, 7, 2).expect("date"))
    );
    assert_eq!(y2025[0].x_end - y2025[0].x_start, 365.0);
    // The yearly line runs 2022-2023-2024-2025 (three segments); quarters form their own.
    let yearly: Vec<&Segment> = tiktok
        .segments
        .iter()
        .filter(|s| s.to[0] - s.from[0] > 300.0)
        .collect();
    assert_eq!(yearly.len(), 3);
    // 2023's headline is the 20B most sources agree on, not EchoTik's 11.09B.
    let x2023 = day_number(chrono::NaiveDate::from_ymd_opt(2023, 7, 2).expect("date"));
    assert!(tiktok.segments.iter().any(|s| s.from == [x2023, 20e9]));
}

#[test]
fn unticking_a_platform_removes_its_series_and_log_and_index_transform() {
    let snap = sample();
    let mut settings = Settings::default();
    settings.platform_choice.insert("temu".into(), false);
    let model = build_chart(&snap, &settings, &spec("gmv"));
    assert!(!model.series.iter().any(|s| s.platform == "temu"));

    let log = build_chart(
        &snap,
        &Settings::default(),
        &ChartSpec {
            y_mode: YMode::Log,
            ..spec("gmv")
        },
    );
    let p = &series(&log, "tiktok_shop").points[0];
    assert!((p.y - p.value.log10()).abs() < 1e-12);

    let index = build_chart(
        &snap,
        &Settings::default(),
        &ChartSpec {
            y_mode: YMode::Index(2023),
            ..spec("gmv")
        },
    );
    let tiktok = series(&index, "tiktok_shop");
    let p2025 = tiktok
        .points
        .iter()
        .find(|p| p.value == 100e9)
        .expect("2025");
    // 100B over the 2023 headline of 20B.
    assert!((p2025.y - 500.0).abs() < 1e-9);
    assert!(index.notes.iter().any(|n| n.contains("Not indexed")));
}

#[test]
fn growth_combines_computed_and_reported() {
    let snap = sample();
    let model = build_chart(
        &snap,
        &Settings::default(),
        &ChartSpec {
            metric: "gmv_yoy".into(),
            derived_from: Some("gmv".into()),
            y_mode: YMode::Index(2023),
        },
    );
    assert_eq!(model.unit, Unit::Percent);
    assert_eq!(
        model.spec.y_mode,
        YMode::Linear,
        "no index for growth rates"
    );
    // Reported and computed growth of every grain (each grain is a series of its own).
    let tiktok: Vec<&ChartPoint> = model
        .series
        .iter()
        .filter(|s| s.platform == "tiktok_shop" && s.region == "global")
        .flat_map(|s| &s.points)
        .collect();
    assert!(tiktok.iter().any(|p| p.mark == Mark::Reported));
    let computed: Vec<&ChartPoint> = tiktok
        .iter()
        .copied()
        .filter(|p| p.mark == Mark::Computed)
        .collect();
    assert!(!computed.is_empty());
    // 2024 over 2023 comes from different sources: said so.
    let across = computed
        .iter()
        .find(|p| p.period == Period::parse("2024").expect("p"))
        .expect("2024 growth");
    let Origin::Derived(d) = across.origin else {
        panic!("computed points are derived")
    };
    assert!(model.derived[d].across_sources);
}

#[test]
fn empty_state_says_why_and_how() {
    let snap = sample();
    let mut settings = Settings::default();
    for p in &snap.platforms {
        settings
            .platform_choice
            .insert(p.id.clone(), p.id == "shein");
    }
    settings.region_choice.insert("global".into(), false);
    settings.region_choice.insert("europe".into(), true);
    let model = build_chart(&snap, &settings, &spec("downloads"));
    let empty = model.empty.expect("empty");
    assert_eq!(empty.headline, "No downloads figures for SHEIN in Europe");
    assert!(
        empty
            .reasons
            .iter()
            .any(|r| r.contains("in other regions") && r.contains("Worldwide"))
    );
    assert!(empty.reasons.iter().any(|r| r.contains("import a CSV")));
}

#[test]
fn events_follow_categories_and_toggle() {
    let snap = sample();
    let mut settings = Settings::default();
    let all = build_chart(&snap, &settings, &spec("gmv")).events.len();
    assert!(all > 0);
    settings
        .event_categories
        .remove(&crate::model::EventCategory::Policy);
    let fewer = build_chart(&snap, &settings, &spec("gmv")).events.len();
    assert!(fewer < all);
    settings.show_events = false;
    assert!(
        build_chart(&snap, &settings, &spec("gmv"))
            .events
            .is_empty()
    );
}

/// A store's worth of one metric for one platform, values as given (USD, yearly).
fn one_series(values: &[f64]) -> Snapshot {
    let mut snap = Snapshot::default();
    for (i, &value) in values.iter().enumerate() {
        snap.observations.push(Observation {
            platform: "acme".into(),
            metric: "profit".into(),
            region: "global".into(),
            period: Period::parse(&(2020 + i).to_string()).expect("a year"),
            value,
            unit: Unit::USD,
            kind: Kind::Actual,
            qualifier: Qualifier::None,
            source: crate::model::Source {
                id: 1,
                publisher: "Test".into(),
                title: String::new(),
                url: String::new(),
                published: None,
            },
            note: String::new(),
            published: None,
        });
    }
    snap
}

fn all_platforms() -> Settings {
    let mut settings = Settings::default();
    settings.platform_choice.insert("acme".into(), true);
    settings
}

#[test]
fn negative_values_plot_at_their_value_on_a_linear_axis() {
    let snap = one_series(&[5e9, -2e9, 3e9]);
    let mut linear = spec("profit");
    linear.y_mode = YMode::Linear;
    let model = build_chart(&snap, &all_platforms(), &linear);
    assert!(model.empty.is_none(), "{:?}", model.empty);
    let ys: Vec<f64> = model.series[0].points.iter().map(|p| p.y).collect();
    assert_eq!(ys, vec![5e9, -2e9, 3e9]);
    assert_eq!(model.series[0].segments.len(), 2);
}

#[test]
fn a_log_scale_refuses_a_series_that_crosses_zero_and_says_why() {
    let snap = one_series(&[5e9, -2e9, 3e9]);
    let mut log = spec("profit");
    log.y_mode = YMode::Log;
    let model = build_chart(&snap, &all_platforms(), &log);
    assert!(model.series.is_empty());
    let empty = model.empty.expect("an empty state");
    assert!(empty.headline.contains("log scale"), "{}", empty.headline);
    assert!(
        empty.reasons[0].contains("1 figure of zero or less"),
        "{:?}",
        empty.reasons
    );
    // All positive: drawn in log10.
    let positive = build_chart(&one_series(&[1e9, 1e10]), &all_platforms(), &log);
    let ys: Vec<f64> = positive.series[0].points.iter().map(|p| p.y).collect();
    assert_eq!(ys, vec![9.0, 10.0]);
}

#[test]
fn each_grain_of_a_platform_is_a_series_of_its_own() {
    let snap = sample();
    let model = build_chart(&snap, &Settings::default(), &spec("gmv"));
    let tiktok: Vec<&Series> = model
        .series
        .iter()
        .filter(|s| s.platform == "tiktok_shop" && s.region == "global")
        .collect();
    assert!(
        tiktok.len() >= 2,
        "{:?}",
        tiktok.iter().map(|s| &s.name).collect::<Vec<_>>()
    );
    assert_eq!(tiktok[0].name, "TikTok Shop");
    for s in &tiktok {
        let grains: std::collections::BTreeSet<Grain> =
            s.points.iter().map(|p| p.period.grain).collect();
        assert_eq!(grains.len(), 1, "{} mixes grains", s.name);
    }
    assert!(tiktok.iter().any(|s| s.name == "TikTok Shop · quarterly"));
}

#[test]
fn a_platforms_regions_are_variants_of_its_colour() {
    let snap = sample();
    let mut settings = Settings::default();
    for r in &snap.regions {
        settings.region_choice.insert(r.id.clone(), true);
    }
    let model = build_chart(&snap, &settings, &spec("gmv"));
    let tiktok: Vec<&Series> = model
        .series
        .iter()
        .filter(|s| s.platform == "tiktok_shop")
        .collect();
    let worldwide = tiktok
        .iter()
        .find(|s| s.region == "global")
        .expect("worldwide");
    assert_eq!(worldwide.variant, 0);
    let us: Vec<&&Series> = tiktok.iter().filter(|s| s.region == "us").collect();
    assert!(!us.is_empty());
    assert!(
        us.iter()
            .all(|s| s.variant > 0 && s.colour == worldwide.colour)
    );
    // One variant per region, whatever its grains.
    let uk = tiktok.iter().find(|s| s.region == "uk").expect("uk");
    assert_ne!(uk.variant, us[0].variant);
}

#[test]
fn figures_in_two_currencies_draw_the_larger_group_and_say_what_was_left_out() {
    let mut snap = one_series(&[5e9, 6e9, 7e9]);
    for o in &mut snap.observations {
        o.region = "us".into();
    }
    let mut rmb = one_series(&[30e9, 40e9]);
    for o in &mut rmb.observations {
        o.platform = "pdd".into();
        o.unit = Unit::CNY;
    }
    snap.observations.append(&mut rmb.observations);
    let mut settings = all_platforms();
    settings.region_choice.insert("us".into(), true);
    let model = build_chart(&snap, &settings, &spec("profit"));
    assert_eq!(model.unit, Unit::USD);
    assert_eq!(model.series.len(), 1, "only the USD series is drawn");
    assert_eq!(model.series[0].platform, "acme");
    let note = model.notes.join(" ");
    assert!(note.contains("Drawn in USD"), "{note}");
    assert!(note.contains("2 figures in CNY (pdd)"), "{note}");
    // Unticking the larger group's region leaves one currency: drawn in CNY, with no note.
    settings.region_choice.insert("us".into(), false);
    let model = build_chart(&snap, &settings, &spec("profit"));
    assert_eq!(model.unit, Unit::CNY);
    assert_eq!(model.series[0].platform, "pdd");
    assert!(model.notes.is_empty(), "{:?}", model.notes);
}

#[test]
fn the_log_refusal_reads_in_chinese_too() {
    use crate::i18n::{Lang, translate};
    let name = translate(
        Lang::Zh,
        "chart-log-refused-name",
        &[("name", "ACME".into()), ("count", 3usize.into())],
    );
    assert_eq!(name, "ACME（3 个数据小于或等于零）");
    let note = translate(
        Lang::Zh,
        "chart-log-refused-note",
        &[("names", (&name).into())],
    );
    assert!(note.contains("对数坐标") && note.contains(&name), "{note}");
    let english = translate(
        Lang::En,
        "chart-log-refused-name",
        &[("name", "ACME".into()), ("count", 1usize.into())],
    );
    assert_eq!(english, "ACME (1 figure of zero or less)");
}
