//! Any bytes as a CSV file (or, with a workbook's magic bytes, a workbook): the importer reads them
//! and a dry-run import writes them, and neither may panic. Options come from the first byte, so
//! `--wide`, `--set`, `--date-format`, `--decimal-comma`, `--scale` and `--delimiter` are fuzzed too.
#![no_main]

use std::sync::Mutex;

use libfuzzer_sys::fuzz_target;
use marketscope::store::Store;
use marketscope::store::import::{Field, ImportOptions, read_file};

static STORE: Mutex<Option<(tempfile_dir::Dir, Store)>> = Mutex::new(None);

mod tempfile_dir {
    /// A directory removed when the fuzzer exits normally.
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn options(flags: u8) -> ImportOptions {
    let mut options = ImportOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        ..ImportOptions::default()
    };
    if flags & 1 != 0 {
        options.wide = Some(Field::Platform);
        options.set.push((Field::Metric, "gmv".into()));
    }
    if flags & 2 != 0 {
        options.date_format = Some("%d.%m.%Y".into());
    }
    if flags & 4 != 0 {
        options.set.push((Field::Source, "fuzz".into()));
    }
    if flags & 8 != 0 {
        options.map.push((Field::Value, "amount".into()));
    }
    if flags & 16 != 0 {
        options.decimal_comma = true;
    }
    if flags & 32 != 0 {
        options.scale = Some(1e9);
    }
    if flags & 64 != 0 {
        options.delimiter = Some(b';');
    }
    options
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, csv)) = data.split_first() else {
        return;
    };
    let mut guard = STORE.lock().unwrap_or_else(|e| e.into_inner());
    if guard.is_none() {
        let dir = std::env::temp_dir().join(format!("marketscope-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let mut store = Store::open(&dir.join("fuzz.db")).expect("a fresh store opens");
        store.load_sample().expect("the sample imports");
        *guard = Some((tempfile_dir::Dir(dir), store));
    }
    let Some((_, store)) = guard.as_mut() else {
        return;
    };
    if let Ok(parsed) = read_file("fuzz.csv", csv, &options(flags)) {
        // A dry run writes inside a transaction and rolls back, so the store stays the sample.
        let _ = store.import(vec![parsed], true);
    }
});
