//! The store on a real PostgreSQL server (started per test by `common/pg_server.rs`): the same
//! commands as on SQLite with the same output, `copy` both ways, two writers at once, a
//! read-only role, a newer schema refused untouched, a stopped server, and passwords never shown.
//! Where PostgreSQL is not installed, each test prints one line saying it was skipped.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pg_server.rs"]
mod pg_server;

use std::path::Path;
use std::process::{Command, Output};

use marketscope::store::import::{ImportOptions, read_file};
use marketscope::store::{AnyStore, FigureSource, Location, SeriesQuery, StoreError};
use pg_server::PgServer;

fn marketscope(db: &str, args: &[&str]) -> Output {
    marketscope_env(db, args, &[])
}

fn marketscope_env(db: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_marketscope"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MARKETSCOPE_DB")
        .env_remove("PGPASSWORD")
        .env_remove("MARKETSCOPE_PG_SCHEMA");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("the binary runs")
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn all_output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Summary without its last line, which names the store.
fn summary_table(db: &str) -> String {
    let text = ok(marketscope(db, &["summary"]));
    let mut lines: Vec<&str> = text.lines().collect();
    lines.pop();
    lines.join("\n")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn sqlite_to_postgres_to_sqlite_gives_identical_exports() {
    let Some(pg) = PgServer::start("sqlite_to_postgres_to_sqlite_gives_identical_exports") else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let back = dir.path().join("back.db");
    let (first, back) = (path_str(&first), path_str(&back));
    ok(marketscope(first, &["init", "--sample"]));
    // A revision too, so revisions travel.
    let revised = dir.path().join("revised.csv");
    std::fs::write(
        &revised,
        "platform,metric,region,period,value,unit,kind,source,published\n\
         temu,gmv,global,2023,19000000000,USD,estimate,NSN Asia,2024-08-01\n",
    )
    .unwrap();
    ok(marketscope(first, &["import", path_str(&revised)]));
    let copied = ok(marketscope(first, &["copy", first, &url]));
    assert!(copied.contains("copied"), "{copied}");
    assert!(copied.contains("postgres postgres@127.0.0.1"), "{copied}");
    ok(marketscope(first, &["copy", &url, back]));
    for args in [
        vec!["export"],
        vec!["export", "--revisions"],
        vec!["export", "--as-of", "2024-06-30"],
        vec![
            "export",
            "--platform",
            "temu",
            "--from",
            "2023",
            "--format",
            "json",
        ],
        vec!["catalog"],
        vec!["views", "export"],
        // Derived series and scorecards read through the same API on either engine.
        vec![
            "export",
            "--platform",
            "pdd_holdings",
            "--metric",
            "revenue",
            "--currency",
            "USD",
            "--transform",
            "yoy",
        ],
        vec![
            "estimates",
            "--metric",
            "gmv",
            "--platform",
            "tiktok_shop",
            "--region",
            "global",
            "--format",
            "json",
        ],
    ] {
        let original = ok(marketscope(first, &args));
        assert!(original.lines().count() > 1, "{args:?} exported something");
        assert_eq!(
            original,
            ok(marketscope(&url, &args)),
            "{args:?} on PostgreSQL"
        );
        assert_eq!(
            original,
            ok(marketscope(back, &args)),
            "{args:?} after the round trip"
        );
    }
    assert_eq!(summary_table(first), summary_table(&url));
    // A copy never lands on a store that already holds figures.
    let again = marketscope(first, &["copy", first, &url]);
    assert!(!again.status.success());
    assert!(
        all_output(&again).contains("already holds figures"),
        "{}",
        all_output(&again)
    );
}

#[test]
fn imports_on_postgres_count_and_report_as_on_sqlite() {
    let Some(pg) = PgServer::start("imports_on_postgres_count_and_report_as_on_sqlite") else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lite.db");
    let sqlite = path_str(&file);
    let csv = dir.path().join("figures.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,source,published\n\
         Acme Shop,gmv,global,2024-Q1,1.5B,USD,estimate,Analyst A,2024-05-01\n\
         Acme Shop,gmv,global,2024-Q2,1.7B,USD,estimate,Analyst A,2024-08-01\n\
         Acme Shop,orders,global,2024-Q2,12000000,count,actual,Analyst A,2024-08-01\n",
    )
    .unwrap();
    let csv = path_str(&csv);
    for db in [sqlite, url.as_str()] {
        ok(marketscope(db, &["init"]));
        let dry = ok(marketscope(db, &["import", csv, "--dry-run"]));
        assert!(dry.contains("dry run: nothing was written"), "{dry}");
        let first = ok(marketscope(db, &["import", csv]));
        assert!(
            first.contains("3 inserted, 0 revised, 0 unchanged"),
            "{db}: {first}"
        );
        let again = ok(marketscope(db, &["import", csv]));
        assert!(
            again.contains("0 inserted, 0 revised, 3 unchanged"),
            "{db}: {again}"
        );
    }
    assert_eq!(
        ok(marketscope(sqlite, &["export"])),
        ok(marketscope(&url, &["export"]))
    );
    // A bad row: the same message, with file and line, and nothing written on either engine.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "platform,metric,region,period,value,unit,kind,source\n\
         Acme Shop,gmv,global,2024-Q3,2.0B,USD,estimate,Analyst A\n\
         Acme Shop,gmv,global,FY2024,2.0B,USD,estimate,Analyst A\n",
    )
    .unwrap();
    let bad = path_str(&bad);
    let on_sqlite = marketscope(sqlite, &["import", bad]);
    let on_pg = marketscope(&url, &["import", bad]);
    assert!(!on_sqlite.status.success() && !on_pg.status.success());
    assert_eq!(all_output(&on_sqlite), all_output(&on_pg));
    assert!(
        all_output(&on_pg).contains("bad.csv:3"),
        "{}",
        all_output(&on_pg)
    );
    assert_eq!(
        ok(marketscope(sqlite, &["export"])),
        ok(marketscope(&url, &["export"]))
    );
}

/// Rows of one series (one per day) from one analyst, plus one shared key with their own value.
fn analyst_file(name: &str, platform: &str, days: usize, shared: f64) -> Vec<u8> {
    let mut text = String::from("platform,metric,region,period,value,unit,kind,source,published\n");
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for i in 0..days {
        let day = start + chrono::Days::new(i as u64);
        text.push_str(&format!(
            "{platform},gmv,global,{day},{},USD,estimate,{name},2025-01-01\n",
            1000 + i
        ));
    }
    text.push_str(&format!(
        "Shared Co,gmv,global,2024,{shared},USD,estimate,Team,2025-01-01\n"
    ));
    text.into_bytes()
}

#[test]
fn two_concurrent_imports_lose_nothing() {
    let Some(pg) = PgServer::start("two_concurrent_imports_lose_nothing") else {
        return;
    };
    pg.create_db("team");
    let location = Location::parse(&pg.url("team")).unwrap();
    AnyStore::create(&location).unwrap();
    let days = 5000;
    let handles: Vec<_> = [("Ana", "Alpha Mart", 1e9), ("Bo", "Beta Bazaar", 2e9)]
        .into_iter()
        .map(|(name, platform, shared)| {
            let location = location.clone();
            std::thread::Builder::new()
                .name(format!("import-{name}"))
                .spawn(move || {
                    let bytes = analyst_file(name, platform, days, shared);
                    let file = read_file(&format!("{name}.csv"), &bytes, &ImportOptions::default())
                        .unwrap();
                    let mut store = AnyStore::open(&location).unwrap();
                    store.import(vec![file], false).unwrap()
                })
                .unwrap()
        })
        .collect();
    let reports: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let store = AnyStore::open_read_only(&location).unwrap();
    let figures = store.series(&SeriesQuery::default()).unwrap();
    assert_eq!(
        figures.len(),
        2 * days + 1,
        "every row of both lands; the shared key once"
    );
    assert_eq!(
        store.revision_count().unwrap(),
        1,
        "the other value of the shared key"
    );
    let shared: Vec<_> = figures
        .iter()
        .filter(|o| o.platform == "shared_co")
        .collect();
    assert_eq!(shared.len(), 1);
    let inserted: usize = reports.iter().map(|r| r.files[0].inserted).sum();
    let revised: usize = reports.iter().map(|r| r.files[0].revised).sum();
    assert_eq!((inserted, revised), (2 * days + 1, 1));
}

#[test]
fn a_select_only_role_reads_and_cannot_write() {
    let Some(pg) = PgServer::start("a_select_only_role_reads_and_cannot_write") else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    ok(marketscope(&url, &["init", "--sample"]));
    // The README's lines for a presenter.
    pg.psql(
        "team",
        "CREATE ROLE presenter LOGIN PASSWORD 'presenter-pw'",
    );
    pg.psql("team", "GRANT CONNECT ON DATABASE team TO presenter");
    pg.psql("team", "GRANT USAGE ON SCHEMA marketscope TO presenter");
    pg.psql(
        "team",
        "GRANT SELECT ON ALL TABLES IN SCHEMA marketscope TO presenter",
    );
    let presenter = pg.url_as("presenter", "presenter-pw", "team");
    assert_eq!(
        ok(marketscope(&url, &["export"])),
        ok(marketscope(&presenter, &["export"]))
    );
    let store = AnyStore::open(&Location::parse(&presenter).unwrap()).unwrap();
    assert!(store.is_read_only());
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("x.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,source\ntemu,gmv,global,2030,1,USD,forecast,Me\n",
    )
    .unwrap();
    let refused = marketscope(&presenter, &["import", path_str(&csv)]);
    assert!(!refused.status.success());
    let message = all_output(&refused);
    assert!(message.contains("may only read the store"), "{message}");
    assert!(message.contains("presenter@127.0.0.1"), "{message}");
    let views = dir.path().join("v.json");
    std::fs::write(&views, ok(marketscope(&url, &["views", "export"]))).unwrap();
    let refused = marketscope(&presenter, &["views", "import", path_str(&views)]);
    assert!(all_output(&refused).contains("may only read the store"));
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let Some(pg) = PgServer::start("a_newer_schema_is_refused_untouched") else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    ok(marketscope(&url, &["init", "--sample"]));
    pg.psql("team", "UPDATE marketscope.store_version SET version = 99");
    let before = pg.psql(
        "team",
        "SELECT (SELECT COUNT(*) FROM marketscope.observations) || ' ' || \
         (SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'marketscope')",
    );
    for args in [vec!["summary"], vec!["export"]] {
        let refused = marketscope(&url, &args);
        assert!(!refused.status.success());
        let message = all_output(&refused);
        assert!(
            message.contains("schema version 99, newer than"),
            "{message}"
        );
    }
    let location = Location::parse(&url).unwrap();
    assert!(matches!(
        AnyStore::open(&location),
        Err(StoreError::PgNewerVersion { found: 99, .. })
    ));
    let after = pg.psql(
        "team",
        "SELECT (SELECT COUNT(*) FROM marketscope.observations) || ' ' || \
         (SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'marketscope')",
    );
    assert_eq!(before, after);
    assert_eq!(
        pg.psql("team", "SELECT version FROM marketscope.store_version"),
        "99"
    );
}

#[test]
fn a_password_never_appears_in_any_output() {
    let Some(pg) = PgServer::start("a_password_never_appears_in_any_output") else {
        return;
    };
    pg.create_db("team");
    let secret = "Zq7-very-secret-pw";
    pg.psql(
        "team",
        &format!("CREATE ROLE ana LOGIN CREATEDB PASSWORD '{secret}'"),
    );
    pg.psql("team", "GRANT CREATE ON DATABASE team TO ana");
    let in_url = pg.url_as("ana", secret, "team");
    let no_password = format!("postgres://ana@127.0.0.1:{}/team?sslmode=disable", pg.port);
    let home = tempfile::tempdir().unwrap();
    let pgpass = home.path().join("pgpass");
    std::fs::write(
        &pgpass,
        format!("127.0.0.1:{}:team:ana:{secret}\n", pg.port),
    )
    .unwrap();
    std::fs::set_permissions(&pgpass, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let pgpass = path_str(&pgpass);
    let mut outputs = vec![
        marketscope(&in_url, &["init", "--sample"]),
        marketscope(&in_url, &["summary"]),
        marketscope(&in_url, &["export", "--platform", "no such platform"]),
        marketscope_env(&no_password, &["summary"], &[("PGPASSWORD", secret)]),
        marketscope_env(&no_password, &["catalog"], &[("PGPASSFILE", pgpass)]),
        marketscope(&pg.url_as("ana", "wrong-pw", "team"), &["summary"]),
        marketscope(&in_url, &["init"]),
    ];
    let summary = ok(outputs.remove(1));
    assert!(summary.contains("postgres ana@127.0.0.1"), "{summary}");
    assert!(!summary.contains(secret));
    for (i, o) in outputs.iter().enumerate() {
        let text = all_output(o);
        assert!(
            !text.contains(secret),
            "output {i} shows the password: {text}"
        );
    }
    assert!(
        outputs[2].status.success(),
        "PGPASSWORD logs in: {}",
        all_output(&outputs[2])
    );
    assert!(
        outputs[3].status.success(),
        "~/.pgpass logs in: {}",
        all_output(&outputs[3])
    );
    let wrong = all_output(&outputs[4]);
    assert!(wrong.contains("password authentication failed"), "{wrong}");
}

#[test]
fn a_stopped_server_is_a_clear_error_and_a_restarted_one_serves_again() {
    let Some(pg) =
        PgServer::start("a_stopped_server_is_a_clear_error_and_a_restarted_one_serves_again")
    else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    ok(marketscope(&url, &["init", "--sample"]));
    let before = ok(marketscope(&url, &["export"]));
    pg.pg_ctl_stop();
    let down = marketscope(&url, &["summary"]);
    assert!(!down.status.success());
    let message = all_output(&down);
    assert!(message.contains("cannot reach the server"), "{message}");
    assert!(message.contains("postgres postgres@127.0.0.1"), "{message}");
    pg.pg_ctl_start();
    assert_eq!(before, ok(marketscope(&url, &["export"])));
}

#[test]
fn a_store_lives_in_the_schema_it_is_given() {
    let Some(pg) = PgServer::start("a_store_lives_in_the_schema_it_is_given") else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    // A name with a quote and a semicolon is one schema's name, never SQL.
    let odd = "q4\"; DROP TABLE x; --";
    ok(marketscope(&url, &["--pg-schema", odd, "init", "--sample"]));
    let via_options = format!("{url}&options=-c%20search_path%3Dq3");
    ok(marketscope(&via_options, &["init"]));
    let schemas = pg.psql(
        "team",
        "SELECT string_agg(schema_name, ',' ORDER BY schema_name) FROM information_schema.schemata \
         WHERE schema_name LIKE 'q%'",
    );
    assert_eq!(schemas, format!("q3,{odd}"));
    let summary = ok(marketscope(&url, &["--pg-schema", odd, "summary"]));
    assert!(summary.to_lowercase().contains("temu"), "{summary}");
    let empty = marketscope(&url, &["summary"]);
    assert!(
        all_output(&empty).contains("no Marketscope store"),
        "{}",
        all_output(&empty)
    );
}

#[test]
fn a_formula_metric_on_an_upgraded_store_exports_as_on_sqlite() {
    let Some(pg) = PgServer::start("a_formula_metric_on_an_upgraded_store_exports_as_on_sqlite")
    else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    ok(marketscope(&url, &["init", "--sample"]));
    // As an older Marketscope left it: version 5, no formulas table, stories without saves.
    pg.psql(
        "team",
        "DROP TABLE marketscope.formulas; UPDATE marketscope.store_version SET version = 5; \
         ALTER TABLE marketscope.stories DROP COLUMN revision, DROP COLUMN changed_by, \
         DROP COLUMN changed_at",
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.db");
    let sqlite = path_str(&file);
    ok(marketscope(sqlite, &["init", "--sample"]));
    let add = [
        "metrics",
        "add",
        "gmv_per_download",
        "--formula",
        "gmv / downloads",
    ];
    ok(marketscope(sqlite, &add));
    ok(marketscope(&url, &add));
    assert_eq!(
        pg.psql("team", "SELECT MAX(version) FROM marketscope.store_version"),
        marketscope::store::schema::CURRENT_VERSION.to_string()
    );
    // The stories already there are at their first save.
    assert_eq!(
        pg.psql(
            "team",
            "SELECT string_agg(DISTINCT revision::text, ',') FROM marketscope.stories"
        ),
        "1"
    );
    let export = ["export", "--metric", "gmv_per_download"];
    let from_pg = ok(marketscope(&url, &export));
    assert!(from_pg.lines().count() > 3, "{from_pg}");
    assert_eq!(from_pg, ok(marketscope(sqlite, &export)));
    assert_eq!(
        ok(marketscope(&url, &["metrics", "list"])),
        ok(marketscope(sqlite, &["metrics", "list"]))
    );
    ok(marketscope(
        &url,
        &["metrics", "remove", "gmv_per_download"],
    ));
    assert_eq!(
        pg.psql("team", "SELECT COUNT(*) FROM marketscope.formulas"),
        "0"
    );
}

#[test]
fn views_stories_and_names_are_edited_on_the_server_as_in_a_file() {
    let Some(pg) = PgServer::start("views_stories_and_names_are_edited_on_the_server_as_in_a_file")
    else {
        return;
    };
    use marketscope::model::{SavedView, Story, StoryStep};
    use marketscope::store::Named;
    pg.create_db("team");
    let dir = tempfile::tempdir().unwrap();
    let file = Location::Sqlite(dir.path().join("f.db"));
    let server = Location::parse(&pg.url("team")).unwrap();
    let view = SavedView {
        name: "TEMU 2024".into(),
        caption: "GMV".into(),
        state: serde_json::json!({"view": "gmv"}),
    };
    let step = |title: &str| StoryStep {
        title: title.into(),
        caption: "c".into(),
        state: serde_json::json!({"view": "growth"}),
        highlights: vec!["temu".into()],
        title_zh: Some("标题".into()),
        caption_zh: None,
    };
    let story = |steps: Vec<StoryStep>| Story {
        name: "Board".into(),
        description: "Q4".into(),
        steps,
        version: None,
    };
    let mut results = Vec::new();
    for location in [&file, &server] {
        let mut store = AnyStore::open(location).unwrap();
        store.load_sample().unwrap();
        assert!(!store.save_view(&view).unwrap(), "a new view");
        assert!(store.save_view(&view).unwrap(), "the same name replaces");
        assert!(store.rename_view("TEMU 2024", "TEMU, 2024").unwrap());
        let other = SavedView {
            name: "Other".into(),
            ..view.clone()
        };
        store.save_view(&other).unwrap();
        let taken = store.rename_view("TEMU, 2024", "Other");
        assert!(matches!(taken, Err(StoreError::NameTaken(_))), "{taken:?}");
        assert!(store.delete_view("Other").unwrap());
        assert!(!store.delete_view("Other").unwrap(), "gone already");
        assert!(
            !store
                .save_story(&story(vec![step("a"), step("b")]))
                .unwrap()
        );
        assert!(store.save_story(&story(vec![step("only")])).unwrap());
        assert!(
            store
                .rename(Named::Metric, "downloads", "App installs")
                .unwrap()
        );
        let refused = store.rename(Named::Platform, "temu", "shein");
        assert!(
            matches!(refused, Err(StoreError::NameTaken(_))),
            "{refused:?}"
        );
        results.push((
            store.saved_views().unwrap(),
            store.stories().unwrap(),
            store.metrics().unwrap(),
        ));
    }
    assert_eq!(results[0], results[1], "the file and the server agree");
    let board = results[1].1.iter().find(|s| s.name == "Board").unwrap();
    assert_eq!(board.steps.len(), 1);
    assert_eq!(board.steps[0].title_zh.as_deref(), Some("标题"));
}

#[test]
fn a_story_renders_from_the_server_as_from_a_file() {
    let Some(pg) = PgServer::start("a_story_renders_from_the_server_as_from_a_file") else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f.db");
    let file = file.to_str().unwrap();
    ok(marketscope(&url, &["init", "--sample"]));
    ok(marketscope(file, &["init", "--sample"]));
    let story = AnyStore::open(&Location::parse(&url).unwrap())
        .unwrap()
        .story_names()
        .unwrap()
        .remove(0);
    let deck = |db: &str, name: &str| {
        let out = dir.path().join(name);
        ok(marketscope(
            db,
            &[
                "render",
                "--story",
                &story,
                "--format",
                "svg",
                "--out",
                path_str(&out),
            ],
        ));
        let mut pages: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        pages.sort();
        pages
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect::<Vec<_>>()
    };
    let from_server = deck(&url, "server");
    assert!(from_server.len() > 1, "a page per step");
    assert!(from_server[0].contains("<svg"));
    assert_eq!(from_server, deck(file, "file"), "the same deck");
}

#[test]
fn a_story_a_colleague_saved_since_it_was_read_is_refused_naming_them() {
    let Some(pg) =
        PgServer::start("a_story_a_colleague_saved_since_it_was_read_is_refused_naming_them")
    else {
        return;
    };
    pg.create_db("team");
    let url = pg.url("team");
    ok(marketscope(&url, &["init", "--sample"]));
    pg.psql("team", "CREATE ROLE bo LOGIN PASSWORD 'bo-pw'");
    for grant in [
        "GRANT USAGE ON SCHEMA marketscope TO bo",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA marketscope TO bo",
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA marketscope TO bo",
    ] {
        pg.psql("team", grant);
    }
    let mut mine = AnyStore::open(&Location::parse(&url).unwrap()).unwrap();
    let mut bos =
        AnyStore::open(&Location::parse(&pg.url_as("bo", "bo-pw", "team")).unwrap()).unwrap();
    let read_by_me = mine.stories().unwrap().remove(0);
    let mut bo_edit = bos
        .stories()
        .unwrap()
        .into_iter()
        .find(|s| s.name == read_by_me.name)
        .unwrap();
    bo_edit.description = "Bo's cut".into();
    bo_edit.steps.truncate(2);
    assert!(bos.save_story(&bo_edit).unwrap());
    let mut my_edit = read_by_me.clone();
    my_edit.description = "Mine".into();
    let refused = mine.save_story(&my_edit);
    let Err(StoreError::StoryChanged { by, at, .. }) = refused else {
        panic!("not refused: {refused:?}");
    };
    assert_eq!(by, "bo");
    assert!(at.ends_with(" UTC"), "{at}");
    let stored = mine
        .stories()
        .unwrap()
        .into_iter()
        .find(|s| s.name == read_by_me.name)
        .unwrap();
    assert_eq!(stored.description, "Bo's cut", "Bo's save stands");
    assert_eq!(stored.steps.len(), 2);
    // Saved again on top of Bo's version, it goes through.
    let mut again = stored.clone();
    again.description = "Mine, on Bo's".into();
    assert!(mine.save_story(&again).unwrap());
    let message = mine.save_story(&my_edit).unwrap_err().to_string();
    assert!(message.contains("was saved by postgres at"), "{message}");
}
