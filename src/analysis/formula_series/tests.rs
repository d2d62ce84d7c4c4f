//! Formula metrics defined and evaluated, against values worked out by hand.

use super::*;
use crate::model::Kind;

fn metric(id: &str, unit: Unit, aggregate: Aggregate) -> Metric {
    Metric {
        id: id.into(),
        name: id.into(),
        name_zh: None,
        unit,
        non_negative: true,
        aggregate,
        description: String::new(),
    }
}

fn parsed(text: &str) -> ParsedFormula {
    ParsedFormula::parse(text).expect("parses")
}

fn catalogue() -> Vec<Metric> {
    vec![
        metric("gmv", Unit::USD, Aggregate::Sum),
        metric("downloads", Unit::Count, Aggregate::Sum),
        metric("sellers", Unit::Count, Aggregate::Last),
    ]
}

fn series(platform: &str, metric: &str, unit: Unit, points: Vec<Point>) -> Output {
    Output {
        platform: platform.into(),
        metric: metric.into(),
        region: "global".into(),
        unit,
        points,
        notes: Vec::new(),
    }
}

fn year(y: i32, value: f64, kind: Kind, source: i64) -> Point {
    Point::stored(Period::year(y).expect("year"), value, kind, source)
}

fn quarter(y: i32, q: u32, value: f64, source: i64) -> Point {
    Point::stored(
        Period::quarter(y, q).expect("quarter"),
        value,
        Kind::Actual,
        source,
    )
}

#[test]
fn a_formula_is_defined_with_its_unit_by_algebra_and_refused_with_the_reason() {
    let none = BTreeSet::new();
    let defined = define(
        "gmv_per_download",
        "gmv / downloads",
        None,
        None,
        &catalogue(),
        &none,
    )
    .expect("defined");
    assert_eq!(defined.unit.as_str(), "USD per download");
    assert_eq!(defined.aggregate, Aggregate::Mean);
    assert_eq!(defined.name, "gmv_per_download");
    assert_eq!(defined.description, "formula: gmv / downloads");
    let named = define(
        "x",
        "sellers / downloads",
        Some("Sellers per download"),
        None,
        &catalogue(),
        &none,
    )
    .expect("count ÷ count");
    assert_eq!(named.unit, Unit::Plain, "count ÷ count is a ratio");
    assert_eq!(named.name, "Sellers per download");

    let err = |id: &str, text: &str| {
        define(
            id,
            text,
            None,
            None,
            &catalogue(),
            &BTreeSet::from(["margin".to_string()]),
        )
        .expect_err("refused")
    };
    assert_eq!(
        err("x", "gmv / orders"),
        DefineError::UnknownMetric("orders".into())
    );
    assert!(matches!(err("x", "gmv + downloads"), DefineError::Units(_)));
    assert_eq!(
        err("gmv2", "gmv2 * 2"),
        DefineError::SelfReference("gmv2".into())
    );
    assert_eq!(
        err("x", "margin * 2"),
        DefineError::FormulaOfFormula("margin".into())
    );
    assert_eq!(err("GMV per", "gmv"), DefineError::BadId("GMV per".into()));
    assert_eq!(err("x", "2 * 3"), DefineError::NoSeries);
    assert!(matches!(err("x", "gmv /"), DefineError::Parse(_)));
}

#[test]
fn per_platform_with_a_year_built_from_complete_quarters_and_every_source_kept() {
    let per_download = define(
        "gmv_per_download",
        "gmv / downloads",
        None,
        None,
        &catalogue(),
        &BTreeSet::new(),
    )
    .expect("defined");
    let inputs = vec![
        series(
            "temu",
            "gmv",
            Unit::USD,
            vec![
                year(2022, 800.0, Kind::Estimate, 1),
                year(2023, 900.0, Kind::Actual, 2),
            ],
        ),
        // 2022 complete (10 + 20 + 30 + 40 = 100); 2023 lacks Q4.
        series(
            "temu",
            "downloads",
            Unit::Count,
            vec![
                quarter(2022, 1, 10.0, 3),
                quarter(2022, 2, 20.0, 4),
                quarter(2022, 3, 30.0, 5),
                quarter(2022, 4, 40.0, 6),
                quarter(2023, 1, 10.0, 7),
                quarter(2023, 2, 10.0, 7),
                quarter(2023, 3, 10.0, 7),
            ],
        ),
        series(
            "shein",
            "gmv",
            Unit::USD,
            vec![year(2022, 1.0, Kind::Actual, 8)],
        ),
    ];
    let aggregates: HashMap<String, Aggregate> = catalogue()
        .into_iter()
        .map(|m| (m.id, m.aggregate))
        .collect();
    let run = evaluate(
        &per_download,
        &parsed("gmv / downloads"),
        &inputs,
        Some(&aggregates),
    )
    .expect("evaluates");
    assert_eq!(run.left_out, vec!["shein (global): no downloads series"]);
    assert_eq!(run.outputs.len(), 1, "only the year: gmv has no quarters");
    let temu = &run.outputs[0];
    assert_eq!(
        (temu.platform.as_str(), temu.metric.as_str()),
        ("temu", "gmv_per_download")
    );
    assert_eq!(temu.unit.as_str(), "USD per download");
    assert_eq!(temu.points.len(), 1);
    let p = &temu.points[0];
    assert_eq!(p.period, Period::year(2022).expect("year"));
    assert_eq!(p.value, 8.0, "800 / (10 + 20 + 30 + 40)");
    assert_eq!(
        p.kind,
        Kind::Estimate,
        "an estimate ÷ actuals is an estimate"
    );
    assert_eq!(
        p.sources,
        vec![1, 3, 4, 5, 6],
        "the GMV's source and every quarter's"
    );
    assert_eq!(temu.notes, vec!["no downloads figure for 2023"]);

    // Untransformed inputs only: with no aggregates, quarters build no year.
    let run =
        evaluate(&per_download, &parsed("gmv / downloads"), &inputs, None).expect("evaluates");
    assert!(run.outputs.iter().all(|o| o.points.is_empty()), "{run:?}");
}

#[test]
fn another_platforms_series_is_named_with_or_without_market() {
    let share = define(
        "share",
        "gmv / market:total:gmv * 100",
        None,
        Some(Unit::Percent),
        &catalogue(),
        &BTreeSet::new(),
    )
    .expect("defined");
    assert_eq!(
        share.unit,
        Unit::Percent,
        "--unit overrides the algebra's plain ratio"
    );
    let inputs = vec![
        series(
            "temu",
            "gmv",
            Unit::USD,
            vec![year(2024, 50.0, Kind::Actual, 1)],
        ),
        series(
            "total",
            "gmv",
            Unit::USD,
            vec![year(2024, 200.0, Kind::Forecast, 2)],
        ),
    ];
    for text in ["gmv / market:total:gmv * 100", "gmv / total:gmv * 100"] {
        let run = evaluate(&share, &parsed(text), &inputs, None).expect("evaluates");
        let temu = run
            .outputs
            .iter()
            .find(|o| o.platform == "temu")
            .expect("temu");
        assert_eq!(temu.points[0].value, 25.0);
        assert_eq!(temu.points[0].kind, Kind::Forecast);
        let total = run
            .outputs
            .iter()
            .find(|o| o.platform == "total")
            .expect("total");
        assert_eq!(total.points[0].value, 100.0, "the total's own share is 100");
    }
}

#[test]
fn a_dashboard_figure_notes_each_input_and_a_year_built_from_quarters() {
    use crate::model::{Observation, Qualifier, Source};
    let source = |id: i64, publisher: &str| Source {
        id,
        publisher: publisher.into(),
        title: String::new(),
        url: String::new(),
        published: None,
    };
    let obs = |metric: &str, period: Period, value: f64, unit: Unit, src: &Source| Observation {
        platform: "acme".into(),
        metric: metric.into(),
        region: "global".into(),
        period,
        value,
        unit,
        kind: Kind::Actual,
        qualifier: Qualifier::None,
        source: src.clone(),
        note: String::new(),
        published: None,
    };
    let (filing, tracker) = (source(1, "Filing"), source(2, "App tracker"));
    let mut observations = vec![obs(
        "gmv",
        Period::year(2023).expect("year"),
        1000.0,
        Unit::USD,
        &filing,
    )];
    for q in 1..=4 {
        observations.push(obs(
            "downloads",
            Period::quarter(2023, q).expect("quarter"),
            25.0,
            Unit::Count,
            &tracker,
        ));
    }
    let formulas = [FormulaMetric {
        metric: "per_dl".into(),
        formula: "gmv / downloads".into(),
    }];
    let mut metrics = catalogue();
    metrics.push(
        define(
            "per_dl",
            "gmv / downloads",
            None,
            None,
            &catalogue(),
            &BTreeSet::new(),
        )
        .expect("defined"),
    );
    let (rows, problems) = figures(&formulas, &metrics, &observations);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].value, 10.0, "1000 / (4 × 25)");
    assert_eq!(rows[0].source.publisher, "Filing; App tracker");
    assert_eq!(
        rows[0].note,
        "formula gmv / downloads · downloads built from its finer figures of 2023 · gmv $1K (Filing)"
    );
}
