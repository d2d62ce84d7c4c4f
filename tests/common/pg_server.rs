//! A throwaway PostgreSQL server for one test: `initdb` in a temporary directory (as the
//! unprivileged `postgres` user when the tests run as root, which PostgreSQL refuses), started on
//! a free localhost port, and stopped and removed when dropped, after a failed test too.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The superuser's password: TCP logins need one (scram), the Unix socket trusts.
pub const SUPERUSER_PASSWORD: &str = "harness-superuser-pw";

pub struct PgServer {
    /// Dropped last: the data directory and socket go with it.
    dir: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

/// The server binaries: `MARKETSCOPE_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
fn find_bin() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MARKETSCOPE_PG_BIN") {
        let dir = PathBuf::from(dir);
        return dir.join("initdb").exists().then_some(dir);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("address").port()
}

impl PgServer {
    /// A running server, or `None` (with one line saying why) where PostgreSQL is not installed.
    pub fn start(test: &str) -> Option<PgServer> {
        let Some(bin) = find_bin() else {
            // One write straight to stderr, past the test harness's capture, so the skip is
            // seen, whole, beside the other tests' lines.
            use std::io::Write;
            let line = format!(
                "{test}: skipped: no PostgreSQL server binaries (no initdb in MARKETSCOPE_PG_BIN or /usr/lib/postgresql/*/bin; .ci/run installs Debian's postgresql package)\n"
            );
            let _ = std::io::stderr().write_all(line.as_bytes());
            return None;
        };
        let dir = tempfile::Builder::new()
            .prefix("marketscope-pg-")
            .tempdir()
            .expect("temp dir");
        let as_postgres = is_root();
        let server = PgServer {
            dir,
            bin,
            port: free_port(),
            as_postgres,
        };
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(server.dir.path())
                .status()
                .expect("chown runs");
            assert!(status.success(), "chown the data directory to postgres");
        }
        let pwfile = server.dir.path().join("pw");
        std::fs::write(&pwfile, SUPERUSER_PASSWORD).expect("password file");
        if as_postgres {
            Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&pwfile)
                .status()
                .expect("chown runs");
        }
        let out = server.run(
            "initdb",
            &[
                "-D".as_ref(),
                server.data().as_os_str(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "-E".as_ref(),
                "UTF8".as_ref(),
                "--auth-local=trust".as_ref(),
                "--auth-host=scram-sha-256".as_ref(),
                "--pwfile".as_ref(),
                pwfile.as_os_str(),
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        server.pg_ctl_start();
        Some(server)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The directory of the server's Unix socket.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, tool: &str, args: &[&std::ffi::OsStr]) -> Output {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        command.args(args).output().expect("a PostgreSQL tool runs")
    }

    pub fn pg_ctl_start(&self) {
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off",
            self.port,
            self.socket_dir().display()
        );
        let log = self.dir.path().join("server.log");
        let out = self.run(
            "pg_ctl",
            &[
                "-D".as_ref(),
                self.data().as_os_str(),
                "-l".as_ref(),
                log.as_os_str(),
                "-o".as_ref(),
                options.as_ref(),
                "-w".as_ref(),
                "start".as_ref(),
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Stops the server (fast: sessions are cut off, committed work kept), as a client sees an outage.
    pub fn pg_ctl_stop(&self) {
        let _ = self.run(
            "pg_ctl",
            &[
                "-D".as_ref(),
                self.data().as_os_str(),
                "-m".as_ref(),
                "fast".as_ref(),
                "-w".as_ref(),
                "stop".as_ref(),
            ],
        );
    }

    /// SQL run as the superuser over the Unix socket; panics on failure; returns stdout.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let port = self.port.to_string();
        let out = self.run(
            "psql",
            &[
                "-X".as_ref(),
                "-q".as_ref(),
                "-A".as_ref(),
                "-t".as_ref(),
                "-v".as_ref(),
                "ON_ERROR_STOP=1".as_ref(),
                "-h".as_ref(),
                self.socket_dir().as_os_str(),
                "-p".as_ref(),
                port.as_ref(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "-d".as_ref(),
                db.as_ref(),
                "-c".as_ref(),
                sql.as_ref(),
            ],
        );
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// A new, empty database.
    pub fn create_db(&self, name: &str) {
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
    }

    /// A URL for `user` (the superuser's password unless given) to database `db`.
    pub fn url_as(&self, user: &str, password: &str, db: &str) -> String {
        format!(
            "postgres://{user}:{password}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    pub fn url(&self, db: &str) -> String {
        self.url_as("postgres", SUPERUSER_PASSWORD, db)
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        self.pg_ctl_stop();
    }
}
