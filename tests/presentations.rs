//! Saved views and stories: round trips through the store and through the JSON file, and the
//! migration that added them keeps an older store's data.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::TempStore;
use marketscope::model::{SavedView, Story, StoryStep};
use marketscope::store::{Store, StoreError, schema};
use serde_json::json;

fn view(name: &str, year: i32) -> SavedView {
    SavedView {
        name: name.into(),
        caption: format!("{name}: from {year}"),
        state: json!({"view": "Gmv", "from_year": year, "platform_choice": {"temu": true, "shein": false}}),
    }
}

fn story(name: &str, titles: &[&str]) -> Story {
    Story {
        name: name.into(),
        description: "test".into(),
        steps: titles
            .iter()
            .enumerate()
            .map(|(i, t)| StoryStep {
                title: t.to_string(),
                caption: format!("caption {i}"),
                state: json!({"view": "Growth", "step": i}),
                highlights: vec!["temu".into()],
                // Every other step in Chinese too: both kinds survive the store.
                title_zh: (i % 2 == 0).then(|| format!("第{i}步")),
                caption_zh: None,
            })
            .collect(),
        version: None,
    }
}

#[test]
fn views_save_list_rename_and_delete() {
    let mut t = TempStore::new();
    assert!(
        !t.store
            .save_view(&view("TEMU vs SHEIN", 2022))
            .expect("save")
    );
    assert!(
        t.store
            .save_view(&view("TEMU vs SHEIN", 2023))
            .expect("replace"),
        "same name replaces"
    );
    t.store.save_view(&view("Downloads", 2021)).expect("save");
    let views = t.store.saved_views().expect("list");
    assert_eq!(
        views.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
        ["Downloads", "TEMU vs SHEIN"]
    );
    assert_eq!(views[1].state["from_year"], 2023);
    assert!(matches!(
        t.store.rename_view("Downloads", "TEMU vs SHEIN"),
        Err(StoreError::NameTaken(_))
    ));
    assert!(
        t.store
            .rename_view("Downloads", "App downloads")
            .expect("rename")
    );
    assert!(t.store.delete_view("TEMU vs SHEIN").expect("delete"));
    let names: Vec<String> = t
        .store
        .saved_views()
        .expect("list")
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert_eq!(names, ["App downloads"]);
}

#[test]
fn a_story_keeps_its_steps_in_order_and_a_resave_replaces_them() {
    let mut t = TempStore::new();
    t.store
        .save_story(&story("2025", &["One", "Two", "Three"]))
        .expect("save");
    let back = t.store.story("2025").expect("query").expect("found");
    assert_eq!(back, story("2025", &["One", "Two", "Three"]));
    t.store
        .save_story(&story("2025", &["Three", "One"]))
        .expect("reorder and remove");
    let titles: Vec<String> = t
        .store
        .story("2025")
        .expect("query")
        .expect("found")
        .steps
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, ["Three", "One"]);
    assert!(t.store.story("nope").expect("query").is_none());
    assert!(t.store.delete_story("2025").expect("delete"));
    assert!(t.store.story_names().expect("names").is_empty());
}

#[test]
fn views_and_stories_travel_as_json_without_the_data() {
    let mut a = TempStore::with_sample();
    a.store.save_view(&view("Mine", 2024)).expect("save");
    a.store
        .save_story(&story("Pitch", &["Open", "Close"]))
        .expect("save");
    let exported =
        serde_json::to_string(&a.store.export_presentations().expect("export")).expect("json");
    assert!(!exported.contains("observations"), "no data in the file");

    let mut b = TempStore::new();
    let report = b
        .store
        .import_presentations("shared.json", &exported)
        .expect("import");
    assert_eq!(
        report.views_added,
        a.store.saved_views().expect("views").len()
    );
    assert_eq!(
        b.store.saved_views().expect("views"),
        a.store.saved_views().expect("views")
    );
    assert_eq!(
        b.store.stories().expect("stories"),
        a.store.stories().expect("stories")
    );
    let again = b
        .store
        .import_presentations("shared.json", &exported)
        .expect("import again");
    assert_eq!(again.views_added, 0);
    assert_eq!(
        again.stories_replaced,
        b.store.story_names().expect("names").len()
    );
    assert_eq!(b.count(), 0);
}

#[test]
fn a_broken_views_file_is_refused_whole() {
    let mut t = TempStore::new();
    let err = t
        .store
        .import_presentations("x.json", "{\"views\": [{\"name\": \"a\"}]}")
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.starts_with("x.json: not a Marketscope views file")),
        "{err:?}"
    );
    let err = t
        .store
        .import_presentations("y.json", "{\"format\": \"something-else\"}")
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("something-else")),
        "{err:?}"
    );
    assert!(t.store.saved_views().expect("views").is_empty());
}

#[test]
fn migrating_a_version_1_store_keeps_its_data_and_copies_it_aside_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("open");
        schema::create_at_version(&mut conn, 1).expect("a version 1 store");
        conn.execute_batch(
            "INSERT INTO platforms (id, name, colour) VALUES ('temu', 'TEMU', '#E69F00');
             INSERT INTO sources (publisher) VALUES ('Old research');
             INSERT INTO observations (platform, metric, region, period_start, grain, value, unit, kind, source_id)
             VALUES ('temu', 'gmv', 'global', '2024-01-01', 'year', 7e10, 'USD', 'estimate', 1);",
        )
        .expect("version 1 data");
    }
    let mut store = Store::open(&path).expect("migrates");
    assert_eq!(store.observation_count().expect("count"), 1);
    assert_eq!(
        store.series(&Default::default()).expect("rows")[0].value,
        7e10
    );
    store
        .save_view(&view("after", 2024))
        .expect("the new tables work");
    let backup = dir.path().join("old.db.bak-v1");
    assert!(
        backup.exists(),
        "the version 1 file is kept beside the store"
    );
    let conn = rusqlite::Connection::open(&backup).expect("open backup");
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1);
}

#[test]
fn a_read_only_store_refuses_to_save_a_view() {
    let t = TempStore::new();
    let path = t.path();
    drop(t.store);
    let mut store = Store::open_read_only(&path).expect("read-only");
    assert!(matches!(
        store.save_view(&view("x", 2020)),
        Err(StoreError::ReadOnly(_))
    ));
}
