//! The command line as scripts use it: exit status, stdout, stderr, and export/import round trips.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Output};

use common::marketscope;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn init_with_the_sample_then_summary_prints_the_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let init = marketscope(&db, &["init", "--sample"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let summary = marketscope(&db, &["summary"]);
    assert!(summary.status.success(), "{}", stderr(&summary));
    let text = stdout(&summary);
    assert!(text.starts_with("platform"), "{text}");
    let tiktok = text
        .lines()
        .find(|l| l.starts_with("TikTok Shop ") && l.contains(" gmv "))
        .unwrap_or_else(|| panic!("no TikTok Shop gmv row in\n{text}"));
    assert!(tiktok.trim_end().ends_with("$100B"), "{tiktok}");
    let again = marketscope(&db, &["init"]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already there"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn export_then_import_into_a_new_store_gives_the_same_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = dir.path().join("a.db");
    assert!(marketscope(&first, &["init", "--sample"]).status.success());
    let export = marketscope(&first, &["export"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let csv_path = dir.path().join("all.csv");
    std::fs::write(&csv_path, &export.stdout).expect("write export");

    // The catalog travels separately; the rows themselves must come back identical.
    let second = dir.path().join("b.db");
    let import = marketscope(&second, &["import", csv_path.to_str().expect("utf-8 path")]);
    assert!(import.status.success(), "{}", stderr(&import));
    let again = marketscope(&second, &["export"]);
    assert_eq!(stdout(&again), stdout(&export));
}

#[test]
fn a_spreadsheet_with_its_own_columns_imports_with_map_and_set_and_exports_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "Shop,Day,Daily installs,Where\nTEMU,Jan 1 2000,\"1,200\",US\nTEMU,Jan 2 2000,1.3K,US\n",
    )
    .expect("write sheet");
    let import = marketscope(
        &db,
        &[
            "import",
            sheet.to_str().expect("path"),
            "--map",
            "platform=Shop",
            "--map",
            "period=Day",
            "--map",
            "value=Daily installs",
            "--map",
            "region=Where",
            "--set",
            "metric=downloads",
            "--set",
            "source=Store analytics",
        ],
    );
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        stdout(&import).contains("2 inserted"),
        "{}",
        stdout(&import)
    );
    let export = stdout(&marketscope(&db, &["export"]));
    assert_eq!(
        export,
        format!(
            "platform,metric,region,period,grain,value,unit,kind,qualifier,source,source_url,note,\
             platform_name,metric_name,region_name,metric_unit,fiscal_year_start,published,period_end,recorded\n\
             temu,downloads,us,2000-01-01,day,1200,count,actual,,Store analytics,,,TEMU,App downloads,US,count,,{today},2000-01-01,\n\
             temu,downloads,us,2000-01-02,day,1300,count,actual,,Store analytics,,,TEMU,App downloads,US,count,,{today},2000-01-02,\n",
            today = chrono::Utc::now().date_naive()
        )
    );
    // Re-importing the export changes nothing.
    let back = dir.path().join("back.csv");
    std::fs::write(&back, &export).expect("write");
    let reimport = marketscope(&db, &["import", back.to_str().expect("path")]);
    assert!(
        stdout(&reimport).contains("0 inserted, 0 revised, 2 unchanged"),
        "{}",
        stdout(&reimport)
    );
}

#[test]
fn a_bad_file_exits_non_zero_naming_file_line_and_column_and_creates_no_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "platform,metric,period,value\ntemu,gmv,2024,1\ntemu,gmv,2025,lots\n",
    )
    .expect("write");
    let out = marketscope(&db, &["import", bad.to_str().expect("path")]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("bad.csv:3: column \"value\": \"lots\""),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(
        !db.exists(),
        "a failed import must not leave a new empty store behind"
    );
}

#[test]
fn export_filters_by_name_kind_and_period_and_writes_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    assert!(marketscope(&db, &["init", "--sample"]).status.success());
    let out = marketscope(
        &db,
        &[
            "export",
            "--platform",
            "TikTok Shop",
            "--metric",
            "GMV",
            "--kind",
            "estimate",
            "--from",
            "2025",
            "--to",
            "2025",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let rows = rows.as_array().expect("an array");
    assert!(!rows.is_empty());
    for row in rows {
        assert_eq!(row["platform"], "tiktok_shop");
        assert_eq!(row["kind"], "estimate");
        assert!(
            row["period"]
                .as_str()
                .is_some_and(|p| p.starts_with("2025")),
            "{row}"
        );
    }
    let unknown = marketscope(&db, &["export", "--platform", "Nope"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("no platform named \"Nope\""));
}

#[test]
fn the_store_path_can_come_from_the_environment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("env.db");
    let out = Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .args(["init", "--sample"])
        .env("MARKETSCOPE_DB", &db)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
}

#[test]
fn summary_of_a_missing_store_says_how_to_make_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = marketscope(&dir.path().join("none.db"), &["summary"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("marketscope init --sample"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_default_store_is_created_with_the_sample_on_first_use() {
    let home = tempfile::tempdir().expect("temp home");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_marketscope"))
            .args(args)
            .env_remove("MARKETSCOPE_DB")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .output()
            .expect("runs")
    };
    let first = run(&["summary"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stdout(&first).contains("TikTok Shop"), "{}", stdout(&first));
    let store = home.path().join("data/marketscope/marketscope.db");
    assert!(
        store.exists(),
        "the default store lives in the OS data directory"
    );
    // A store that exists is never reseeded: an import's rows survive the next start.
    let extra = home.path().join("extra.csv");
    std::fs::write(&extra, "platform,metric,period,value\nmy_shop,gmv,2024,1\n").expect("write");
    assert!(
        run(&["import", extra.to_str().expect("path")])
            .status
            .success()
    );
    let again = run(&["summary"]);
    assert!(stdout(&again).contains("my_shop"), "{}", stdout(&again));
}

#[test]
fn views_export_and_import_share_stories_between_stores() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let file = dir.path().join("views.json");
    std::fs::write(
        &file,
        r#"{"format":"marketscope-presentations-1","views":[{"name":"GMV since 2022","caption":"c","state":{"view":"Gmv","from_year":2022}}],
            "stories":[{"name":"Pitch","steps":[{"title":"One","state":{"view":"Gmv"}},{"title":"Two","state":{"view":"Growth"}}]}]}"#,
    )
    .expect("write");
    let import = marketscope(&a, &["views", "import", file.to_str().expect("path")]);
    assert!(import.status.success(), "{}", stderr(&import));
    assert!(
        stdout(&import).contains("views: 1 added"),
        "{}",
        stdout(&import)
    );
    let export = marketscope(&a, &["views", "export"]);
    assert!(export.status.success(), "{}", stderr(&export));
    let shared = dir.path().join("shared.json");
    std::fs::write(&shared, &export.stdout).expect("write");
    assert!(
        marketscope(&b, &["views", "import", shared.to_str().expect("path")])
            .status
            .success()
    );
    let list = stdout(&marketscope(&b, &["views", "list"]));
    assert!(
        list.contains("view   GMV since 2022") && list.contains("story  Pitch (2 steps)"),
        "{list}"
    );
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "not json").expect("write");
    let out = marketscope(&b, &["views", "import", bad.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("not a Marketscope views file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn present_with_an_unknown_story_fails_listing_the_stories_before_any_window_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    assert!(marketscope(&db, &["init", "--sample"]).status.success());
    let out = marketscope(&db, &["present", "Nope"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("no story named \"Nope\""), "{err}");
    assert!(err.contains("Cross-border e-commerce in 2025"), "{err}");
}

#[test]
fn present_export_dir_that_cannot_be_made_fails_naming_it_before_any_window_opens() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    assert!(marketscope(&db, &["init", "--sample"]).status.success());
    // A folder cannot be made under a file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").expect("file");
    let target = file.join("slides");
    let target_text = target.display().to_string();
    let out = marketscope(
        &db,
        &[
            "present",
            "--export-dir",
            &target_text,
            "Cross-border e-commerce in 2025",
        ],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&target_text), "{err}");
    // An unknown story is refused before the folder is made.
    let fresh = dir.path().join("fresh");
    let fresh_text = fresh.display().to_string();
    let out = marketscope(&db, &["present", "--export-dir", &fresh_text, "Nope"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no story named \"Nope\""));
    assert!(!fresh.exists());
}
