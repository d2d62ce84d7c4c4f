//! Killing the importer with SIGKILL in the middle of a multi-million-row import leaves the store
//! exactly as it was before the import.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ROWS: usize = 2_000_000;

fn export(db: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .arg("--db")
        .arg(db)
        .arg("export")
        .output()
        .expect("export runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 export")
}

fn wal_len(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map(|m| m.len()).unwrap_or(0)
}

#[test]
fn sigkill_mid_import_leaves_the_store_as_before() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("s.db");
    let init = Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .arg("--db")
        .arg(&db)
        .args(["init", "--sample"])
        .output()
        .expect("init runs");
    assert!(init.status.success());
    let before = export(&db);

    let csv = dir.path().join("big.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&csv).expect("create csv"));
    writeln!(file, "platform,metric,region,period,value,source").expect("write");
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date");
    for i in 0..ROWS {
        let day = start + chrono::Duration::days((i / 50) as i64);
        writeln!(
            file,
            "synthetic_{},downloads,us,{day},{i},synthetic generator",
            i % 50
        )
        .expect("write");
    }
    file.flush().expect("flush");
    drop(file);

    let mut child = Command::new(env!("CARGO_BIN_EXE_marketscope"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&csv)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("import starts");
    // Wait until the import is writing its transaction (the WAL grows), then kill it.
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut killed_mid_write = false;
    while Instant::now() < deadline {
        if child.try_wait().expect("poll child").is_some() {
            break;
        }
        if wal_len(&db) > 8 * 1024 * 1024 {
            child.kill().expect("SIGKILL");
            killed_mid_write = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = child.wait().expect("reap child");
    assert!(
        killed_mid_write,
        "the import finished ({status}) before it could be killed mid-write"
    );
    assert!(!status.success());
    assert_eq!(
        export(&db),
        before,
        "the store must be exactly as before the killed import"
    );
}
