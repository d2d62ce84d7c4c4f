//! The dashboard on a team store on a real PostgreSQL server (started per test by
//! `common/pg_server.rs`): it charts what the server holds, shows a colleague's import without
//! being asked (LISTEN/NOTIFY) and keeps the user's view, writes a formula metric through to the server,
//! keeps its figures through an outage labelled as one and reconnects by itself, and is
//! read-only for a SELECT-only login. Where PostgreSQL is not installed, each test says so and
//! passes.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pg_server.rs"]
mod pg_server;
mod ui_support;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use eframe::egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use marketscope::dashboard::settings::View;
use marketscope::store::{AnyStore, FigureSource, Location};
use marketscope::ui::App;
use pg_server::PgServer;
use ui_support::{click_label, open_store, wait_until_idle};

fn marketscope(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .env("MARKETSCOPE_DB", db)
        .env_remove("PGPASSWORD")
        .args(args)
        .output()
        .expect("marketscope runs")
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "marketscope failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A server with database `team` holding the sample, and its superuser's URL.
fn team_store(test: &str) -> Option<(PgServer, String)> {
    let pg = PgServer::start(test)?;
    pg.create_db("team");
    let url = pg.url("team");
    ok(marketscope(&url, &["init", "--sample"]));
    Some((pg, url))
}

/// Steps the app (the loader works on its own thread) until `done` holds; fails after `limit`.
/// A bound on waiting, not a timing assertion.
fn step_until(
    h: &mut Harness<'static, App>,
    limit: Duration,
    what: &str,
    done: impl Fn(&App) -> bool,
) {
    let until = Instant::now() + limit;
    while !done(h.state()) {
        assert!(Instant::now() < until, "{what}: not within {limit:?}");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run();
}

fn figures(h: &Harness<'static, App>) -> usize {
    h.state().snapshot().expect("loaded").total_figures()
}

#[test]
fn the_dashboard_charts_a_team_store_and_shows_a_colleagues_import() {
    let Some((pg, url)) =
        team_store("the_dashboard_charts_a_team_store_and_shows_a_colleagues_import")
    else {
        return;
    };
    let location = Location::parse(&url).unwrap();
    let server_figures = AnyStore::open(&location)
        .unwrap()
        .observation_count()
        .unwrap();
    let mut h = open_store(location, None);
    assert_eq!(figures(&h), server_figures);
    let snap = h.state().snapshot().unwrap();
    assert!(!snap.read_only);
    assert!(!snap.stories.is_empty(), "the sample's stories came along");
    // The store is named by user, host and database, never with its password.
    let shown = format!("postgres postgres@127.0.0.1:{}/team", pg.port);
    assert!(h.query_all_by_label_contains(&shown).count() >= 1);
    assert_eq!(
        h.query_all_by_label_contains(pg_server::SUPERUSER_PASSWORD)
            .count(),
        0
    );
    // The user looks at downloads; a colleague imports a GMV figure meanwhile.
    click_label(&mut h, "Downloads");
    assert_eq!(h.state().settings().view, View::Downloads);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("colleague.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,source,source_url\n\
         temu,gmv,global,2031,123000000000,USD,forecast,Colleague's model,https://example.org/model\n",
    )
    .unwrap();
    ok(marketscope(&url, &["import", csv.to_str().unwrap()]));
    step_until(
        &mut h,
        Duration::from_secs(20),
        "the colleague's import",
        |app| {
            app.snapshot()
                .is_some_and(|s| s.total_figures() == server_figures + 1)
        },
    );
    let snap = h.state().snapshot().unwrap();
    assert!(
        snap.observations.iter().any(|o| o.platform == "temu"
            && o.value == 123e9
            && o.period.start.to_string().starts_with("2031")),
        "the new figure is in the dashboard"
    );
    assert_eq!(
        h.state().settings().view,
        View::Downloads,
        "the view is kept"
    );
}

#[test]
fn a_formula_metric_added_in_the_dashboard_is_written_to_the_server() {
    let Some((_pg, url)) =
        team_store("a_formula_metric_added_in_the_dashboard_is_written_to_the_server")
    else {
        return;
    };
    let location = Location::parse(&url).unwrap();
    let mut h = open_store(location.clone(), None);
    h.key_press(Key::Num8);
    h.run();
    h.get_by_label("New formula metric").click();
    h.run();
    let role = eframe::egui::accesskit::Role::TextInput;
    for (field, text) in [
        ("Id", "per_dl"),
        ("Formula", "gmv / downloads"),
        ("Name", "GMV per download"),
    ] {
        h.get_by_role_and_label(role, field).focus();
        h.run();
        h.get_by_role_and_label(role, field).type_text(text);
        h.run();
    }
    // The form is below the list: scrolled to, as a person would.
    h.get_by_label("Add formula metric").scroll_to_me();
    h.run_steps(30);
    h.get_by_label("Add formula metric").click();
    wait_until_idle(&mut h);
    let formulas = AnyStore::open(&location).unwrap().formulas().unwrap();
    assert_eq!(formulas.len(), 1, "on the server: {formulas:?}");
    assert_eq!(formulas[0].metric, "per_dl");
    assert_eq!(formulas[0].formula, "gmv / downloads");
    let snap = h.state().snapshot().unwrap();
    assert!(snap.formulas.contains_key("per_dl"), "and in the dashboard");
    assert!(
        snap.observations.iter().any(|o| o.metric == "per_dl"),
        "computed from the server's figures"
    );
}

#[test]
fn an_outage_keeps_the_figures_says_so_and_reconnects() {
    let Some((pg, url)) = team_store("an_outage_keeps_the_figures_says_so_and_reconnects") else {
        return;
    };
    let mut h = open_store(Location::parse(&url).unwrap(), None);
    let before = figures(&h);
    pg.pg_ctl_stop();
    step_until(
        &mut h,
        Duration::from_secs(30),
        "the outage noticed",
        |app| app.offline_since().is_some(),
    );
    assert_eq!(figures(&h), before, "the figures stay on screen");
    assert!(h.query_all_by_label_contains("offline since").count() >= 1);
    assert!(h.query_all_by_label_contains("retrying").count() >= 1);
    pg.pg_ctl_start();
    step_until(&mut h, Duration::from_secs(30), "the reconnection", |app| {
        app.offline_since().is_none()
    });
    assert_eq!(figures(&h), before);
    assert_eq!(h.query_all_by_label_contains("offline since").count(), 0);
    // Listening again: a colleague's import arrives as before the outage.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("after.csv");
    std::fs::write(
        &csv,
        "platform,metric,region,period,value,unit,kind,source\n\
         shein,gmv,global,2032,99000000000,USD,forecast,Colleague's model\n",
    )
    .unwrap();
    ok(marketscope(&url, &["import", csv.to_str().unwrap()]));
    step_until(
        &mut h,
        Duration::from_secs(20),
        "an import after the outage",
        |app| {
            app.snapshot()
                .is_some_and(|s| s.total_figures() == before + 1)
        },
    );
}

#[test]
fn a_select_only_login_gets_a_read_only_dashboard() {
    let Some((pg, _url)) = team_store("a_select_only_login_gets_a_read_only_dashboard") else {
        return;
    };
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
    let h = open_store(Location::parse(&presenter).unwrap(), None);
    let snap = h.state().snapshot().expect("loaded");
    assert!(snap.read_only);
    assert!(snap.total_figures() > 0);
    assert!(h.query_all_by_label_contains("read-only").count() >= 1);
    assert_eq!(h.query_all_by_label_contains("presenter-pw").count(), 0);
}
