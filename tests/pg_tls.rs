//! TLS to a real PostgreSQL server with a certificate signed by a test CA: `require` encrypts
//! without checking, `verify-full` with `sslrootcert` checks the chain and the host, and
//! `verify-full` against the system's roots refuses a certificate they did not sign.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pg_server.rs"]
mod pg_server;

use std::path::Path;
use std::process::Command;

use marketscope::store::{AnyStore, Location};
use pg_server::{PgServer, SUPERUSER_PASSWORD};

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA and a server certificate for 127.0.0.1 and localhost, in `dir`.
fn certificates(dir: &Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=marketscope test CA",
    ]);
    openssl(dir, &ca);
    let mut csr = vec!["req"];
    csr.extend(ec);
    csr.extend([
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    openssl(dir, &csr);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n\
         keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    );
}

fn url(pg: &PgServer, query: &str) -> Location {
    Location::parse(&format!(
        "postgres://postgres:{SUPERUSER_PASSWORD}@127.0.0.1:{}/postgres?{query}",
        pg.port
    ))
    .unwrap()
}

#[test]
fn tls_encrypts_and_verify_full_checks_the_certificate() {
    let Some(pg) = PgServer::start("tls_encrypts_and_verify_full_checks_the_certificate") else {
        return;
    };
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!(
            "tls_encrypts_and_verify_full_checks_the_certificate: skipped: no openssl to make certificates"
        );
        return;
    }
    let certs = tempfile::tempdir().unwrap();
    certificates(certs.path());
    // The server reads its key from its data directory, owned by it and private.
    let data = pg.socket_dir().join("data");
    for name in ["server.crt", "server.key"] {
        std::fs::copy(certs.path().join(name), data.join(name)).unwrap();
        std::fs::set_permissions(
            data.join(name),
            std::os::unix::fs::PermissionsExt::from_mode(0o600),
        )
        .unwrap();
        let _ = Command::new("chown")
            .arg("postgres:postgres")
            .arg(data.join(name))
            .status();
    }
    pg.psql("postgres", "ALTER SYSTEM SET ssl = on");
    pg.psql("postgres", "SELECT pg_reload_conf()");
    let ca = certs.path().join("ca.crt");
    let ca = ca.to_str().unwrap();
    for query in [
        "sslmode=require".to_string(),
        format!("sslmode=verify-full&sslrootcert={ca}"),
        format!("sslmode=verify-ca&sslrootcert={ca}"),
    ] {
        let store = AnyStore::open(&url(&pg, &query)).unwrap_or_else(|e| panic!("{query}: {e}"));
        let encrypted = pg.psql(
            "postgres",
            "SELECT COUNT(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
             WHERE a.application_name = 'marketscope' AND s.ssl",
        );
        assert_eq!(encrypted, "1", "{query}: the connection is encrypted");
        drop(store);
        // Let the server see the session end before the next one is counted.
        for _ in 0..50 {
            let open = pg.psql(
                "postgres",
                "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'marketscope'",
            );
            if open == "0" {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    // The system's roots did not sign the test CA: verify-full refuses, and says why.
    let refused = AnyStore::open(&url(&pg, "sslmode=verify-full"));
    let message = match refused {
        Ok(_) => panic!("a certificate no trusted root signed was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(message.contains("cannot reach the server"), "{message}");
    assert!(
        message.to_lowercase().contains("certificate") || message.contains("no trusted root"),
        "{message}"
    );
    assert!(!message.contains(SUPERUSER_PASSWORD), "{message}");
}
