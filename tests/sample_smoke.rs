use marketscope::store::{SeriesQuery, Store};

#[test]
fn sample_loads_into_a_new_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("s.db")).expect("new store");
    let report = store.load_sample().unwrap_or_else(|e| panic!("{e}"));
    println!("{report}");
    let all = store.series(&SeriesQuery::default()).expect("query");
    assert!(all.len() > 150, "{}", all.len());
}
