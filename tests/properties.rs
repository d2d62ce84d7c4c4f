//! Properties over random input: periods survive print-and-parse for every grain, and random valid
//! rows survive import-then-export unchanged.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::{TempStore, opts};
use marketscope::model::{Grain, Kind, Period, Qualifier};
use marketscope::store::export::{self, Format};
use proptest::prelude::*;

fn grain() -> impl Strategy<Value = Grain> {
    prop::sample::select(Grain::ALL.to_vec())
}

/// A calendar-aligned period of any grain between 1900 and 2100.
fn period() -> impl Strategy<Value = Period> {
    (1900i32..2100, 1u32..=12, 1u32..=31, 0u16..1440, grain()).prop_map(
        |(year, month, day, minute, grain)| {
            let start = match grain {
                Grain::Minute => {
                    let date =
                        NaiveDate::from_ymd_opt(year, month, day.min(28)).unwrap_or(NaiveDate::MIN);
                    // On the hour a minute reads as an hour; files say which with a grain column.
                    return Period::at(date, minute | 1, grain);
                }
                Grain::Hour => {
                    let date =
                        NaiveDate::from_ymd_opt(year, month, day.min(28)).unwrap_or(NaiveDate::MIN);
                    return Period::at(date, minute / 60 * 60, grain);
                }
                Grain::Week => {
                    let week = (day % 52).max(1);
                    return Period::iso_week(year, week).unwrap_or(Period::day(NaiveDate::MIN));
                }
                Grain::Day => NaiveDate::from_ymd_opt(year, month, day.min(28)),
                Grain::Month => NaiveDate::from_ymd_opt(year, month, 1),
                Grain::Quarter => NaiveDate::from_ymd_opt(year, (month - 1) / 3 * 3 + 1, 1),
                Grain::Half => NaiveDate::from_ymd_opt(year, (month - 1) / 6 * 6 + 1, 1),
                Grain::Year => NaiveDate::from_ymd_opt(year, 1, 1),
            };
            Period::new(start.unwrap_or(NaiveDate::MIN), grain)
        },
    )
}

proptest! {
    #[test]
    fn a_period_label_parses_back_to_the_period(p in period()) {
        prop_assert_eq!(Period::parse(&p.label()), Ok(p));
    }

    #[test]
    fn a_start_date_and_grain_give_back_the_period(p in period()) {
        let start = Period::parse(&p.start_iso()).expect("ISO date");
        if p.grain.has_time() {
            // An hour on the hour reads back as an hour, whatever its grain column says.
            let read = if p.grain == Grain::Minute { Period::at(start.start, start.minute, Grain::Minute) } else { start };
            prop_assert_eq!(read, p);
        } else {
            prop_assert_eq!(Period::from_start(start.start, p.grain), Ok(p));
        }
    }

    #[test]
    fn the_period_parser_never_panics(text in "\\PC{0,40}") {
        let _ = Period::parse(&text);
    }
}

#[derive(Debug, Clone)]
struct Row {
    platform: String,
    metric: &'static str,
    region: &'static str,
    period: Period,
    value: f64,
    kind: Kind,
    qualifier: Qualifier,
    source: String,
    url: String,
    note: String,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(vec!["temu", "shein", "tiktok_shop", "x'); DROP TABLE t;--"]),
        prop::sample::select(vec![
            ("gmv", false),
            ("downloads", false),
            ("gmv_yoy", true),
        ]),
        prop::sample::select(vec!["global", "us", "eu"]),
        period(),
        (0u64..1_000_000_000_000u64, 0u32..3),
        prop::sample::select(Kind::ALL.to_vec()),
        prop::sample::select(vec![
            Qualifier::None,
            Qualifier::About,
            Qualifier::MoreThan,
            Qualifier::LessThan,
        ]),
        "[A-Za-z][A-Za-z ,\"'.]{0,20}",
        prop::option::of("https://example\\.org/[a-z0-9]{1,8}"),
        "[A-Za-z0-9 ,\"'\n.%$]{0,30}",
        any::<bool>(),
    )
        .prop_map(
            |(
                platform,
                (metric, signed),
                region,
                period,
                (mantissa, decimals),
                kind,
                qualifier,
                source,
                url,
                note,
                negative,
            )| {
                let magnitude = mantissa as f64 / 10f64.powi(decimals as i32);
                Row {
                    platform: platform.to_string(),
                    metric,
                    region,
                    period,
                    value: if signed && negative {
                        -magnitude
                    } else {
                        magnitude
                    },
                    kind,
                    qualifier,
                    source: source.trim().to_string(),
                    url: url.unwrap_or_default(),
                    // Cells are trimmed on import, so a stored note never starts or ends with white space.
                    note: note.trim().to_string(),
                }
            },
        )
        .prop_filter("a source needs a letter", |r| !r.source.is_empty())
}

fn to_csv(rows: &[Row]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "platform",
            "metric",
            "region",
            "period",
            "grain",
            "value",
            "kind",
            "qualifier",
            "source",
            "source_url",
            "note",
        ])
        .expect("header");
    for r in rows {
        writer
            .write_record([
                r.platform.as_str(),
                r.metric,
                r.region,
                &r.period.start_iso(),
                r.period.grain.as_str(),
                &r.value.to_string(),
                r.kind.as_str(),
                r.qualifier.as_str(),
                &r.source,
                &r.url,
                &r.note,
            ])
            .expect("row");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("utf-8")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_rows_survive_import_then_export(rows in prop::collection::vec(row(), 1..12)) {
        // One row per key: the last one, as the importer keeps it.
        let mut unique: Vec<Row> = Vec::new();
        for r in rows {
            unique.retain(|u| !(u.platform == r.platform && u.metric == r.metric && u.region == r.region && u.period == r.period && u.source == r.source && u.url == r.url));
            unique.push(r);
        }
        let mut t = TempStore::new();
        t.import("random.csv", &to_csv(&unique), &opts()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut exported = Vec::new();
        export::write(&t.store, &Default::default(), Format::Csv, &mut exported).expect("export");
        let mut reader = csv::Reader::from_reader(exported.as_slice());
        let mut back: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");
        prop_assert_eq!(back.len(), unique.len());
        for r in &unique {
            let position = back.iter().position(|b| {
                b.get(3) == Some(r.period.start_iso().as_str())
                    && b.get(4) == Some(r.period.grain.as_str())
                    && b.get(1) == Some(r.metric)
                    && b.get(2) == Some(r.region)
                    && b.get(9) == Some(r.source.as_str())
                    && b.get(10) == Some(r.url.as_str())
                    && t.store.resolve(marketscope::store::CatalogKind::Platform, &r.platform).ok().flatten().as_deref() == b.get(0)
            });
            let b = back.remove(position.ok_or_else(|| TestCaseError::fail(format!("row not exported: {r:?}")))?);
            prop_assert_eq!(b.get(5).and_then(|v| v.parse::<f64>().ok()), Some(r.value));
            prop_assert_eq!(b.get(7), Some(r.kind.as_str()));
            prop_assert_eq!(b.get(8), Some(r.qualifier.as_str()));
            prop_assert_eq!(b.get(11), Some(r.note.as_str()));
        }
    }
}
