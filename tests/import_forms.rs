//! Every period and value form the importer documents, read through a real import into a store.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::{TempStore, opts};
use marketscope::model::{Grain, Kind, Qualifier, Unit};
use marketscope::store::import::Field;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn every_period_form_lands_on_its_start_and_grain() {
    let cases: [(&str, NaiveDate, Grain); 16] = [
        ("2025", ymd(2025, 1, 1), Grain::Year),
        ("2025-Q3", ymd(2025, 7, 1), Grain::Quarter),
        ("Q3 2024", ymd(2024, 7, 1), Grain::Quarter),
        ("2025-H1", ymd(2025, 1, 1), Grain::Half),
        ("H1 2024", ymd(2024, 1, 1), Grain::Half),
        ("2023-11", ymd(2023, 11, 1), Grain::Month),
        ("Nov 2022", ymd(2022, 11, 1), Grain::Month),
        ("November 2021", ymd(2021, 11, 1), Grain::Month),
        ("2025-11-28", ymd(2025, 11, 28), Grain::Day),
        ("2025/11/27", ymd(2025, 11, 27), Grain::Day),
        ("Jan 1 2000", ymd(2000, 1, 1), Grain::Day),
        ("2015/01/01 01:00:00", ymd(2015, 1, 1), Grain::Hour),
        ("2019-03-04T10:00:00Z", ymd(2019, 3, 4), Grain::Hour),
        ("2018-05-06T23:59:00+08:00", ymd(2018, 5, 6), Grain::Minute),
        ("2018-05-06 14:00", ymd(2018, 5, 6), Grain::Hour),
        ("2018-W19", ymd(2018, 5, 7), Grain::Week),
    ];
    let mut csv = String::from("platform,metric,period,value\n");
    for (text, _, _) in &cases {
        csv.push_str(&format!("temu,gmv,\"{text}\",1\n"));
    }
    let mut t = TempStore::new();
    let report = t
        .import("periods.csv", &csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.files[0].inserted, cases.len());
    let stored = t.all();
    for (text, start, grain) in cases {
        assert!(
            stored
                .iter()
                .any(|o| o.period.start == start && o.period.grain == grain),
            "{text:?} should be stored as {start} {grain}"
        );
    }
}

#[test]
fn a_date_format_reads_what_detection_cannot() {
    let mut t = TempStore::new();
    let options = marketscope::store::import::ImportOptions {
        date_format: Some("%d.%m.%Y".into()),
        ..opts()
    };
    t.import(
        "eu.csv",
        "platform,metric,period,value\ntemu,gmv,28.11.2025,5\n",
        &options,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.all()[0].period.start, ymd(2025, 11, 28));
}

#[test]
fn a_grain_column_turns_a_start_date_into_a_fiscal_period() {
    let mut t = TempStore::new();
    t.import(
        "fy.csv",
        "platform,metric,period,grain,value\nalibaba,gmv,2020-04-01,year,1144000000000\n",
        &opts(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = &t.all()[0];
    assert_eq!(
        (o.period.start, o.period.grain),
        (ymd(2020, 4, 1), Grain::Year)
    );
    assert_eq!(o.period.label(), "FY Apr 2020–Mar 2021");
}

#[test]
fn every_value_form_is_normalised_to_base_units() {
    let csv = "platform,metric,period,value,unit\n\
               a,gmv,2001,1234567,USD\n\
               a,gmv,2002,\"1,234,567\",USD\n\
               a,gmv,2003,1.4B,USD\n\
               a,gmv,2004,100,USD billion\n\
               a,gmv,2005,$2.5 billion,\n\
               a,downloads,2006,340,million\n\
               a,downloads,2007,12K,\n\
               a,gmv_yoy,2008,25%,\n\
               a,gmv_yoy,2009,-3.5,percent\n\
               a,gmv,2010,1T,USD\n";
    let mut t = TempStore::new();
    t.import("values.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let value = |year: i32| {
        let o = t
            .all()
            .into_iter()
            .find(|o| o.period.start == ymd(year, 1, 1))
            .unwrap_or_else(|| panic!("no row for {year}"));
        (o.value, o.unit)
    };
    assert_eq!(value(2001), (1_234_567.0, Unit::USD));
    assert_eq!(value(2002), (1_234_567.0, Unit::USD));
    assert_eq!(value(2003), (1.4e9, Unit::USD));
    assert_eq!(value(2004), (100e9, Unit::USD));
    assert_eq!(value(2005), (2.5e9, Unit::USD));
    assert_eq!(value(2006), (340e6, Unit::Count));
    assert_eq!(value(2007), (12e3, Unit::Count));
    assert_eq!(value(2008), (25.0, Unit::Percent));
    assert_eq!(value(2009), (-3.5, Unit::Percent));
    assert_eq!(value(2010), (1e12, Unit::USD));
}

#[test]
fn wording_in_the_value_or_unit_becomes_the_qualifier() {
    let csv = "platform,metric,period,value,unit,kind\n\
               a,gmv,2021,~100,USD billion,estimate\n\
               a,gmv,2022,>300,USD,forecast\n\
               a,gmv,2023,100,USD billion (about),\n";
    let mut t = TempStore::new();
    t.import("q.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = t.all();
    let at = |y: i32| {
        rows.iter()
            .find(|o| o.period.start == ymd(y, 1, 1))
            .expect("row")
    };
    assert_eq!(
        (at(2021).qualifier, at(2021).kind),
        (Qualifier::About, Kind::Estimate)
    );
    assert_eq!(
        (at(2022).qualifier, at(2022).kind),
        (Qualifier::MoreThan, Kind::Forecast)
    );
    assert_eq!(
        (at(2023).qualifier, at(2023).kind),
        (Qualifier::About, Kind::Actual)
    );
}

#[test]
fn headers_are_recognised_by_synonym_and_defaults_fill_the_rest() {
    let csv = "Company,KPI,Country,Month,Amount,Publisher,Link,Comment\n\
               TEMU,GMV,United States,2025-03,2.5B,Example Research,https://example.org/r,first\n";
    let mut t = TempStore::new();
    t.import("syn.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let o = &t.all()[0];
    assert_eq!((o.platform.as_str(), o.metric.as_str()), ("temu", "gmv"));
    assert_eq!(o.region, "united_states");
    assert_eq!(o.source.publisher, "Example Research");
    assert_eq!(o.source.url, "https://example.org/r");
    assert_eq!(o.note, "first");
    assert_eq!(o.kind, Kind::Actual);
}

#[test]
fn a_file_without_a_source_is_its_own_source() {
    let mut t = TempStore::new();
    t.import(
        "mine/analyst-table.csv",
        "platform,metric,period,value\ntemu,gmv,2024,1\n",
        &opts(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o = &t.all()[0];
    assert_eq!(o.source.publisher, "analyst-table.csv");
    assert_eq!(o.source.published, NaiveDate::from_ymd_opt(2026, 11, 25));
    assert!(
        o.source.title.contains("names no source"),
        "{}",
        o.source.title
    );
    assert_eq!(o.region, "global");
}

#[test]
fn set_supplies_constants_and_map_names_columns() {
    let csv = "Shop,When,Sales\nTEMU,Jan 1 2000,5\n";
    let options = marketscope::store::import::ImportOptions {
        map: vec![
            (Field::Platform, "Shop".into()),
            (Field::Period, "When".into()),
            (Field::Value, "Sales".into()),
        ],
        set: vec![
            (Field::Metric, "gmv".into()),
            (Field::Source, "My desk".into()),
            (Field::Kind, "estimate".into()),
        ],
        ..opts()
    };
    let mut t = TempStore::new();
    t.import("sheet.csv", csv, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    let o = &t.all()[0];
    assert_eq!(
        (o.period.start, o.period.grain),
        (ymd(2000, 1, 1), Grain::Day)
    );
    assert_eq!(
        (o.source.publisher.as_str(), o.kind),
        ("My desk", Kind::Estimate)
    );
}

#[test]
fn a_wide_file_makes_one_series_per_column() {
    let csv = "date,TEMU,SHEIN\n2025-01,10M,\n2025-02,11M,7M\n";
    let options = marketscope::store::import::ImportOptions {
        wide: Some(Field::Platform),
        set: vec![
            (Field::Metric, "downloads".into()),
            (Field::Region, "us".into()),
        ],
        ..opts()
    };
    let mut t = TempStore::new();
    let report = t
        .import("wide.csv", csv, &options)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.files[0].inserted, 3,
        "the empty cell is a gap, not a row"
    );
    let rows = t.all();
    assert!(
        rows.iter()
            .any(|o| o.platform == "shein" && o.value == 7e6 && o.region == "us")
    );
    assert_eq!(rows.iter().filter(|o| o.platform == "temu").count(), 2);
}

#[test]
fn events_files_are_told_apart_by_their_header() {
    let csv = "date,end_date,title,category,platform,region,description,source,source_url\n\
               2025-08-29,,US ends de minimis for all countries,policy,,us,Duty-free entry ended,CBP,https://example.org/cbp\n\
               2025-11,2026-01,Postal MoUs,logistics,temu,,Several MoUs,Wallstreetcn,\n";
    let mut t = TempStore::new();
    let report = t
        .import("events.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.files[0].kind, "events");
    let events = t.store.events(&Default::default()).expect("events");
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].date.start, ymd(2025, 8, 29));
    assert_eq!(events[1].date.grain, Grain::Month);
    assert_eq!(events[1].end.map(|e| e.grain), Some(Grain::Month));
    assert_eq!(events[1].platform.as_deref(), Some("temu"));
}

#[test]
fn reimporting_counts_inserted_revised_and_unchanged() {
    let mut t = TempStore::new();
    let first = "platform,metric,period,value\ntemu,gmv,2024,1\ntemu,gmv,2025,2\n";
    let second =
        "platform,metric,period,value\ntemu,gmv,2024,1\ntemu,gmv,2025,3\ntemu,gmv,2026,4\n";
    t.import("a.csv", first, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let report = t
        .import("a.csv", second, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let f = &report.files[0];
    assert_eq!((f.inserted, f.revised, f.unchanged), (1, 1, 1));
    assert_eq!(t.count(), 3, "a revision replaces the current figure");
    assert_eq!(
        t.store.revision_count().expect("revisions"),
        1,
        "and keeps the old one"
    );
}

#[test]
fn two_sources_for_one_period_are_both_kept() {
    let csv = "platform,metric,period,value,source\n\
               tiktok_shop,gmv,2023,20B,Mint\n\
               tiktok_shop,gmv,2023,11.09B,EchoTik\n";
    let mut t = TempStore::new();
    t.import("two.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut values: Vec<f64> = t.all().iter().map(|o| o.value).collect();
    values.sort_by(f64::total_cmp);
    assert_eq!(values, vec![11.09e9, 20e9]);
}

#[test]
fn a_repeated_key_in_one_file_keeps_the_later_row_and_says_so() {
    let csv = "platform,metric,period,value\ntemu,gmv,2024,1\ntemu,gmv,2024,2\n";
    let mut t = TempStore::new();
    let report = t
        .import("dup.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.all()[0].value, 2.0);
    assert!(
        report.files[0]
            .warnings
            .iter()
            .any(|w| w.contains("line 3") && w.contains("line 2")),
        "{:?}",
        report.files[0].warnings
    );
}

#[test]
fn bom_crlf_and_quoted_fields_are_read() {
    let csv = "\u{feff}platform,metric,period,value,note\r\ntemu,gmv,2024,1,\"commas, \"\"quotes\"\"\nand a newline\"\r\n";
    let mut t = TempStore::new();
    t.import("bom.csv", csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.all()[0].note, "commas, \"quotes\"\nand a newline");
}

#[test]
fn names_with_sql_in_them_are_stored_and_matched_literally() {
    let evil = "x'); DROP TABLE observations;--";
    let csv = format!("platform,metric,period,value\n\"{evil}\",gmv,2024,1\n");
    let mut t = TempStore::new();
    t.import("evil.csv", &csv, &opts())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = t
        .store
        .resolve(marketscope::store::CatalogKind::Platform, evil)
        .expect("query")
        .expect("found by its display name");
    let rows = t
        .store
        .series(&marketscope::store::SeriesQuery {
            platforms: vec![id],
            ..Default::default()
        })
        .expect("query");
    assert_eq!(rows.len(), 1);
    assert!(
        t.store
            .platforms()
            .expect("platforms")
            .iter()
            .any(|p| p.name == evil)
    );
}
