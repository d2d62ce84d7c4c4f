//! What store v3 takes that v2 refused, each through the real importer and store: other
//! currencies, losses, hours, weeks, fiscal years, revisions with "as known on", and the errors
//! that name the file, line and field and write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::{TempStore, issues, opts};
use marketscope::model::{Grain, Kind, Unit};
use marketscope::store::SeriesQuery;
use marketscope::store::import::ImportIssue;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The issues of a failed import into a store that is then checked to be unchanged.
fn refused(store: &mut TempStore, csv: &str) -> Vec<ImportIssue> {
    let before = store.all();
    let found = issues(store.import("bad.csv", csv, &opts()));
    assert_eq!(store.all(), before, "a failed import writes nothing");
    found
}

#[test]
fn pdds_rmb_revenue_imports_in_cny() {
    let mut store = TempStore::new();
    let csv = "platform,metric,period,value\n\
               PDD Holdings,revenue,2024,RMB 393.84 billion\n\
               PDD Holdings,revenue,2023,\"2,476.39亿元\"\n\
               PDD Holdings,revenue,2022,¥130.558B\n";
    let mut options = opts();
    options.set = vec![(marketscope::store::import::Field::Unit, "CNY".into())];
    let report = store
        .import("pdd.csv", csv, &options)
        .expect("RMB figures import");
    assert_eq!(report.files[0].inserted, 3);
    let rows = store.all();
    assert!(rows.iter().all(|o| o.unit == Unit::CNY), "{rows:#?}");
    let value = |year: i32| {
        rows.iter()
            .find(|o| o.period.start == ymd(year, 1, 1))
            .map(|o| o.value)
            .expect("a year")
    };
    assert!((value(2024) - 393.84e9).abs() < 1.0);
    assert!((value(2023) - 247.639e9).abs() < 1.0);
    assert!((value(2022) - 130.558e9).abs() < 1.0);
    assert!(
        report.to_string().contains("¥131B … ¥394B (CNY)"),
        "the report says what is stored: {report}"
    );
}

#[test]
fn a_net_loss_imports_as_a_negative_figure() {
    let mut store = TempStore::new();
    let csv = "platform,metric,period,value,unit\n\
               PDD Holdings,net_income,2019,\"(6,967.6)\",CNY million\n\
               PDD Holdings,net_income,2021,\"7,769\",CNY million\n";
    store
        .import("loss.csv", csv, &opts())
        .expect("losses import");
    let rows = store.all();
    assert_eq!(rows.len(), 2);
    assert!((rows[0].value + 6_967.6e6).abs() < 1.0, "{:?}", rows[0]);
    assert_eq!(rows[0].unit, Unit::CNY);
}

#[test]
fn an_hourly_singles_day_ticker_and_weekly_downloads() {
    let mut store = TempStore::new();
    let mut csv = String::from("platform,metric,period,value,unit\n");
    for hour in 0..24 {
        csv.push_str(&format!(
            "Tmall,gmv_ticker,2025-11-11 {hour:02}:00,{},CNY billion\n",
            10 + hour
        ));
    }
    store
        .import("ticker.csv", &csv, &opts())
        .expect("hours import");
    let weekly = "platform,metric,period,value\nTEMU,downloads,2025-W45,1.2M\nTEMU,downloads,2025-W46,1.3M\n";
    store
        .import("weekly.csv", weekly, &opts())
        .expect("weeks import");
    let rows = store.all();
    let hours: Vec<_> = rows
        .iter()
        .filter(|o| o.period.grain == Grain::Hour)
        .collect();
    assert_eq!(hours.len(), 24);
    assert_eq!(hours[14].period.minute, 14 * 60);
    assert_eq!(hours[14].period.label(), "11 Nov 2025 14:00");
    let weeks: Vec<_> = rows
        .iter()
        .filter(|o| o.period.grain == Grain::Week)
        .collect();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[1].period.start, ymd(2025, 11, 10));
    assert_eq!(weeks[1].value, 1.3e6);
}

#[test]
fn walmart_fiscal_quarters_land_in_walmarts_fiscal_year() {
    let mut store = TempStore::new();
    store
        .import(
            "platforms.csv",
            "id,name,colour,type,fiscal_year_start\nwalmart,Walmart,#0071CE,platform,2\n",
            &opts(),
        )
        .expect("platform with a fiscal year");
    let csv = "platform,metric,period,value,unit\n\
               walmart,revenue,FY2025,680.985,USD billion\n\
               walmart,revenue,FY2025-Q1,161.5,USD billion\n\
               walmart,revenue,Q2 FY25,169.3,USD billion\n";
    store
        .import("walmart.csv", csv, &opts())
        .expect("fiscal periods import");
    let rows = store.all();
    let year = rows
        .iter()
        .find(|o| o.period.grain == Grain::Year)
        .expect("FY2025");
    assert_eq!(
        year.period.start,
        ymd(2024, 2, 1),
        "FY2025 starts in February 2024"
    );
    assert_eq!(year.period.last_day(), ymd(2025, 1, 31));
    let mut quarters: Vec<_> = rows
        .iter()
        .filter(|o| o.period.grain == Grain::Quarter)
        .collect();
    quarters.sort_by_key(|o| o.period.start);
    assert_eq!(quarters[0].period.start, ymd(2024, 2, 1));
    assert_eq!(quarters[1].period.start, ymd(2024, 5, 1));
    assert_eq!(
        quarters[1].period.fiscal_label(2).as_deref(),
        Some("FY2025 Q2")
    );
}

#[test]
fn a_fiscal_period_on_a_platform_without_a_fiscal_year_names_the_platform() {
    let mut store = TempStore::new();
    let found = refused(
        &mut store,
        "platform,metric,period,value\ntemu,gmv,FY2025,1B\n",
    );
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].line, found[0].field), (Some(2), Some("period")));
    assert!(
        found[0]
            .message
            .contains("FY2025 is a fiscal period, but platform \"temu\" has no fiscal year"),
        "{}",
        found[0]
    );
}

#[test]
fn impossible_weeks_hours_and_currencies_are_errors() {
    let mut store = TempStore::new();
    let found = refused(
        &mut store,
        "platform,metric,period,value,unit\n\
         temu,downloads,2025-W53,1,\n\
         temu,downloads,2025-11-11 24:00,1,\n\
         temu,revenue,2025,5,XYZ billion\n",
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0]
            .message
            .contains("2025 has no ISO week 53 (it has 52)"),
        "{}",
        found[0]
    );
    assert_eq!(found[0].line, Some(2));
    assert!(
        found[1].message.contains("no such time of day"),
        "{}",
        found[1]
    );
    assert_eq!(found[1].line, Some(3));
    assert!(
        found[2]
            .message
            .contains("XYZ is not an ISO 4217 currency code"),
        "{}",
        found[2]
    );
    assert_eq!((found[2].line, found[2].field), (Some(4), Some("unit")));
}

#[test]
fn a_negative_value_on_a_non_negative_metric_is_an_error() {
    let mut store = TempStore::new();
    let found = refused(
        &mut store,
        "platform,metric,period,value\ntemu,gmv,2024,-1.2B\n",
    );
    assert_eq!(found.len(), 1);
    assert!(
        found[0].message.contains("cannot be negative"),
        "{}",
        found[0]
    );
    // A user's own metric may be negative unless the row says otherwise.
    let found = refused(
        &mut store,
        "platform,metric,period,value,non_negative\ntemu,orders,2024,-5,true\n",
    );
    assert!(
        found[0].message.contains("cannot be negative"),
        "{}",
        found[0]
    );
}

#[test]
fn a_published_date_after_today_is_an_error() {
    let mut store = TempStore::new();
    let found = refused(
        &mut store,
        "platform,metric,period,value,published\ntemu,gmv,2024,1B,2999-01-01\n",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].field, Some("published"));
    assert!(
        found[0].message.contains("published after today"),
        "{}",
        found[0]
    );
}

#[test]
fn fifty_rows_with_one_problem_give_one_message_with_the_line_ranges() {
    let mut store = TempStore::new();
    let mut csv = String::from("platform,metric,period,value\n");
    for year in 1970..2020 {
        csv.push_str(&format!("temu,gmv,{year},-1\n"));
    }
    csv.push_str("temu,gmv,2025,1\n");
    for year in 2021..2024 {
        csv.push_str(&format!("temu,gmv,{year},-1\n"));
    }
    let found = refused(&mut store, &csv);
    assert_eq!(found.len(), 1, "{found:#?}");
    let shown = found[0].to_string();
    assert!(
        shown.starts_with("bad.csv: lines 2-51, 53-55 (53 rows):"),
        "{shown}"
    );
}

#[test]
fn a_revised_estimate_keeps_its_first_print_and_as_of_shows_what_was_known() {
    let mut store = TempStore::new();
    let first = "platform,metric,region,period,value,kind,source,published\n\
                 tiktok_shop,gmv,sea,2023,15B,forecast,Momentum Works,2023-08-22\n";
    store
        .import("first.csv", first, &opts())
        .expect("first print");
    let later = "platform,metric,region,period,value,kind,source,published\n\
                 tiktok_shop,gmv,sea,2023,16.3B,estimate,Momentum Works,2024-07-16\n";
    let report = store.import("later.csv", later, &opts()).expect("revision");
    assert_eq!((report.files[0].inserted, report.files[0].revised), (0, 1));
    let current = store.all();
    assert_eq!(current.len(), 1);
    assert_eq!(
        (current[0].value, current[0].kind),
        (16.3e9, Kind::Estimate)
    );
    assert_eq!(current[0].published, Some(ymd(2024, 7, 16)));
    let as_of = |date: NaiveDate| {
        store
            .store
            .series(&SeriesQuery {
                as_of: Some(date),
                ..SeriesQuery::default()
            })
            .expect("as of")
    };
    assert!(as_of(ymd(2023, 8, 21)).is_empty(), "not yet published");
    assert_eq!(
        as_of(ymd(2023, 8, 22))[0].value,
        15e9,
        "known at the end of the day"
    );
    assert_eq!(as_of(ymd(2024, 7, 15))[0].value, 15e9);
    assert_eq!(as_of(ymd(2024, 7, 16))[0].value, 16.3e9);
    let revisions = store
        .store
        .revisions(&SeriesQuery::default())
        .expect("revisions");
    let values: Vec<f64> = revisions.iter().map(|(o, _)| o.value).collect();
    assert_eq!(values, vec![15e9, 16.3e9], "oldest first");
    // The same file again changes nothing.
    let again = store.import("later.csv", later, &opts()).expect("again");
    assert_eq!(again.files[0].unchanged, 1);
}

#[test]
fn an_older_vintage_imported_late_is_kept_as_history_not_made_current() {
    let mut store = TempStore::new();
    let csv = |value: &str, date: &str| {
        format!(
            "platform,metric,period,value,kind,source,published\ntemu,gmv,2024,{value},forecast,LatePost,{date}\n"
        )
    };
    store
        .import("new.csv", &csv("60B", "2024-04-29"), &opts())
        .expect("new");
    let report = store
        .import("old.csv", &csv("30B", "2023-12-31"), &opts())
        .expect("old");
    assert_eq!(report.files[0].revised, 1);
    assert_eq!(store.all()[0].value, 60e9, "the later print stays current");
    let known = store
        .store
        .series(&SeriesQuery {
            as_of: Some(ymd(2024, 1, 31)),
            ..SeriesQuery::default()
        })
        .expect("as of");
    assert_eq!(known[0].value, 30e9);
}

#[test]
fn a_store_survives_a_round_trip_through_csv_with_its_names_and_fiscal_years() {
    let mut first = TempStore::new();
    first
        .import(
            "platforms.csv",
            "id,name,colour,type,fiscal_year_start\nacme_inc,\"Acme, Inc\",#123456,platform,4\n",
            &opts(),
        )
        .expect("platform");
    first
        .import(
            "f.csv",
            "platform,metric,period,value,unit\nacme_inc,revenue,FY2025,(1.5B),CNY\n",
            &opts(),
        )
        .expect("figure");
    let export = |store: &TempStore| {
        let mut csv = Vec::new();
        marketscope::store::export::write(
            &store.store,
            &SeriesQuery::default(),
            marketscope::store::export::Format::Csv,
            &mut csv,
        )
        .expect("export");
        String::from_utf8(csv).expect("utf-8")
    };
    let csv = export(&first);
    let mut second = TempStore::new();
    second
        .import("export.csv", &csv, &opts())
        .expect("re-import");
    let platform = second
        .store
        .platforms()
        .expect("platforms")
        .into_iter()
        .find(|p| p.id == "acme_inc")
        .expect("acme");
    assert_eq!(platform.name, "Acme, Inc");
    assert_eq!(platform.fiscal_year_start, Some(4));
    assert_eq!(
        export(&second),
        csv,
        "the same figures, names and fiscal year"
    );
    assert!(
        csv.contains(",\"Acme, Inc\",revenue,Worldwide,CNY,4,"),
        "{csv}"
    );
}
