//! Where a store lives: a SQLite file or a PostgreSQL database, told apart from the `--db` text
//! in this one place. A PostgreSQL target shows as `user@host/db`: its password is kept in a
//! [`Secret`] that neither `Display` nor `Debug` prints.

use std::fmt;
use std::path::{Path, PathBuf};

/// The schema a PostgreSQL store lives in unless `--pg-schema` or `?options=` says otherwise.
pub const DEFAULT_PG_SCHEMA: &str = "marketscope";

/// A store's place, as the command line or `MARKETSCOPE_DB` gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(PgTarget),
}

/// A password, printed by nothing: `Debug` shows a mask and there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The password itself, for the connection only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How much TLS a connection asks for, with libpq's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    Disable,
    /// TLS if the server offers it (libpq's default), without checking the certificate.
    #[default]
    Prefer,
    /// TLS or no connection; the certificate is checked only against an `sslrootcert`.
    Require,
    /// TLS with a certificate signed by a trusted root, for any host name.
    VerifyCa,
    /// TLS with a trusted certificate for the host connected to.
    VerifyFull,
}

impl SslMode {
    fn parse(text: &str) -> Result<Self, String> {
        match text {
            "disable" => Ok(SslMode::Disable),
            "allow" | "prefer" => Ok(SslMode::Prefer),
            "require" => Ok(SslMode::Require),
            "verify-ca" => Ok(SslMode::VerifyCa),
            "verify-full" => Ok(SslMode::VerifyFull),
            other => Err(format!(
                "sslmode {other:?}: expected disable, prefer, require, verify-ca or verify-full"
            )),
        }
    }
}

/// A PostgreSQL database to connect to, parsed from a URL or a libpq `key=value` string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PgTarget {
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// A host name, an address, or a Unix socket directory (starting with `/`).
    pub host: Option<String>,
    pub port: Option<u16>,
    pub dbname: Option<String>,
    pub sslmode: SslMode,
    /// PEM roots to trust; `system` for the operating system's.
    pub sslrootcert: Option<PathBuf>,
    /// Server options (`-c key=value ...`), sent as given.
    pub options: Option<String>,
    /// The schema the store's tables live in.
    pub schema: String,
    pub connect_timeout: Option<u64>,
}

impl Location {
    /// Classifies `--db`: a `postgres://` or `postgresql://` URL, a libpq string such as
    /// `host=db dbname=team`, or else a SQLite path.
    pub fn parse(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        if trimmed.starts_with("postgres://") || trimmed.starts_with("postgresql://") {
            return PgTarget::from_url(trimmed).map(Location::Postgres);
        }
        if looks_like_keywords(trimmed) {
            return PgTarget::from_keywords(trimmed).map(Location::Postgres);
        }
        Ok(Location::Sqlite(PathBuf::from(text)))
    }

    /// As [`Location::parse`], for a path the command line gave.
    pub fn from_path(path: &Path) -> Result<Self, String> {
        match path.to_str() {
            Some(text) => Self::parse(text),
            None => Ok(Location::Sqlite(path.to_path_buf())),
        }
    }

    /// Sets the PostgreSQL schema (`--pg-schema`); a SQLite path has none.
    pub fn with_schema(mut self, schema: Option<&str>) -> Self {
        if let (Location::Postgres(target), Some(schema)) = (&mut self, schema) {
            target.schema = schema.to_string();
        }
        self
    }

    /// The store's name in a title or status line: a file's name, or `postgres user@host/db`.
    pub fn short_name(&self) -> String {
        match self {
            Location::Sqlite(path) => path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            Location::Postgres(target) => target.to_string(),
        }
    }

    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Location::Sqlite(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            Location::Postgres(target) => write!(f, "{target}"),
        }
    }
}

impl Default for Location {
    /// No place yet (an empty snapshot's): an empty path.
    fn default() -> Self {
        Location::Sqlite(PathBuf::new())
    }
}

impl From<PathBuf> for Location {
    /// A path as a SQLite file, whatever its text (the dashboard's tests and embedders).
    fn from(path: PathBuf) -> Self {
        Location::Sqlite(path)
    }
}

/// `user@host/db`, never the password; the port when it is not 5432, the schema when it is not
/// the default.
impl fmt::Display for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "postgres {}@{}",
            self.effective_user(),
            self.effective_host()
        )?;
        match self.port {
            Some(port) if port != 5432 => write!(f, ":{port}")?,
            _ => {}
        }
        write!(f, "/{}", self.effective_dbname())?;
        if self.schema != DEFAULT_PG_SCHEMA {
            write!(f, " (schema {})", self.schema)?;
        }
        Ok(())
    }
}

fn looks_like_keywords(text: &str) -> bool {
    const KEYS: [&str; 6] = ["host", "hostaddr", "dbname", "user", "port", "service"];
    text.split_whitespace().any(|word| {
        word.split_once('=')
            .is_some_and(|(key, _)| KEYS.contains(&key.trim()))
    })
}

impl PgTarget {
    fn empty() -> Self {
        PgTarget {
            schema: DEFAULT_PG_SCHEMA.to_string(),
            ..PgTarget::default()
        }
    }

    /// `postgres://[user[:password]@][host][:port][/dbname][?key=value&...]`.
    pub fn from_url(text: &str) -> Result<Self, String> {
        let rest = text
            .split_once("://")
            .map(|(_, rest)| rest)
            .ok_or_else(|| "not a postgres:// URL".to_string())?;
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, Some(query)),
            None => (rest, None),
        };
        let (authority, path) = match rest.split_once('/') {
            Some((authority, path)) => (authority, Some(path)),
            None => (rest, None),
        };
        let mut target = PgTarget::empty();
        let host_port = match authority.rsplit_once('@') {
            Some((userinfo, host_port)) => {
                let (user, password) = match userinfo.split_once(':') {
                    Some((user, password)) => (user, Some(password)),
                    None => (userinfo, None),
                };
                target.user = non_empty(decode(user)?);
                target.password = password.map(decode).transpose()?.map(Secret);
                host_port
            }
            None => authority,
        };
        let (host, port) = split_host_port(host_port)?;
        target.host = non_empty(decode(host)?);
        target.port = port;
        target.dbname = path.map(decode).transpose()?.and_then(non_empty);
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            target.set(&decode(key)?, decode(value)?)?;
        }
        Ok(target)
    }

    /// libpq's `key=value key='quoted value'` form.
    pub fn from_keywords(text: &str) -> Result<Self, String> {
        let mut target = PgTarget::empty();
        let mut chars = text.chars().peekable();
        loop {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.peek().is_none() {
                break;
            }
            let key: String =
                std::iter::from_fn(|| chars.next_if(|c| *c != '=' && !c.is_whitespace())).collect();
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.next() != Some('=') {
                return Err(format!("{key:?}: expected key=value"));
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            let mut value = String::new();
            if chars.next_if_eq(&'\'').is_some() {
                loop {
                    match chars.next() {
                        Some('\\') => value.extend(chars.next()),
                        Some('\'') => break,
                        Some(c) => value.push(c),
                        None => return Err(format!("{key}: unterminated quoted value")),
                    }
                }
            } else {
                while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                    if c == '\\' {
                        value.extend(chars.next());
                    } else {
                        value.push(c);
                    }
                }
            }
            target.set(&key, value)?;
        }
        Ok(target)
    }

    /// One connection parameter, by its libpq name.
    fn set(&mut self, key: &str, value: String) -> Result<(), String> {
        match key {
            "host" | "hostaddr" => self.host = non_empty(value),
            "port" => {
                self.port = Some(
                    value
                        .parse()
                        .map_err(|_| format!("port {value:?}: expected a number"))?,
                )
            }
            "user" => self.user = non_empty(value),
            "password" => self.password = Some(Secret(value)),
            "dbname" => self.dbname = non_empty(value),
            "sslmode" => self.sslmode = SslMode::parse(&value)?,
            "sslrootcert" => self.sslrootcert = Some(PathBuf::from(value)),
            "connect_timeout" => {
                self.connect_timeout = Some(
                    value
                        .parse()
                        .map_err(|_| format!("connect_timeout {value:?}: expected seconds"))?,
                )
            }
            "options" => {
                if let Some(schema) = search_path_of(&value) {
                    self.schema = schema;
                }
                self.options = non_empty(value);
            }
            // Accepted and ignored, as libpq's own clients do with what they do not use.
            "application_name"
            | "fallback_application_name"
            | "keepalives"
            | "target_session_attrs" => {}
            other => return Err(format!("unknown connection parameter {other:?}")),
        }
        Ok(())
    }

    /// The login: given, else `PGUSER`, else the operating system's user (libpq's order).
    pub fn effective_user(&self) -> String {
        self.user
            .clone()
            .or_else(|| std::env::var("PGUSER").ok().and_then(non_empty))
            .or_else(|| std::env::var("USER").ok().and_then(non_empty))
            .unwrap_or_else(|| "postgres".to_string())
    }

    pub fn effective_host(&self) -> String {
        self.host
            .clone()
            .or_else(|| std::env::var("PGHOST").ok().and_then(non_empty))
            .unwrap_or_else(|| "localhost".to_string())
    }

    pub fn effective_port(&self) -> u16 {
        self.port
            .or_else(|| std::env::var("PGPORT").ok().and_then(|p| p.parse().ok()))
            .unwrap_or(5432)
    }

    pub fn effective_dbname(&self) -> String {
        self.dbname
            .clone()
            .or_else(|| std::env::var("PGDATABASE").ok().and_then(non_empty))
            .unwrap_or_else(|| self.effective_user())
    }

    /// The password: from the URL, else `PGPASSWORD`, else the first matching `~/.pgpass` line.
    pub fn effective_password(&self) -> Option<Secret> {
        if let Some(password) = &self.password {
            return Some(password.clone());
        }
        if let Some(password) = std::env::var("PGPASSWORD").ok().and_then(non_empty) {
            return Some(Secret(password));
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
        let text = std::fs::read_to_string(file).ok()?;
        // A socket directory counts as `localhost`, as in libpq.
        let host = self.effective_host();
        let host = if host.starts_with('/') {
            "localhost".to_string()
        } else {
            host
        };
        super::pgpass::lookup(
            &text,
            [
                host.as_str(),
                &self.effective_port().to_string(),
                &self.effective_dbname(),
                &self.effective_user(),
            ],
        )
        .map(Secret)
    }
}

/// The schema of `-c search_path=NAME` (or `-csearch_path=NAME`) in libpq's `options`.
fn search_path_of(options: &str) -> Option<String> {
    let at = options.find("search_path=")?;
    let value = &options[at + "search_path=".len()..];
    let first = value
        .split([' ', ','])
        .next()
        .map(|s| s.trim_matches('"'))?;
    non_empty(first.to_string())
}

fn split_host_port(text: &str) -> Result<(&str, Option<u16>), String> {
    // `[::1]:5432`: an IPv6 address in brackets.
    if let Some(inner) = text.strip_prefix('[') {
        let (host, after) = inner
            .split_once(']')
            .ok_or_else(|| format!("{text:?}: unclosed [ in the host"))?;
        let port = after.strip_prefix(':').map(parse_port).transpose()?;
        return Ok((host, port));
    }
    match text.rsplit_once(':') {
        Some((host, port)) => Ok((host, Some(parse_port(port)?))),
        None => Ok((text, None)),
    }
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.parse()
        .map_err(|_| format!("port {text:?}: expected a number"))
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// Percent-decoding of a URL part (`%40` is `@`); `+` stays a `+`, as libpq reads it.
fn decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| "a % in the URL is not followed by two hex digits".to_string())?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the URL decodes to invalid UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn pg(text: &str) -> PgTarget {
        match Location::parse(text).expect("parses") {
            Location::Postgres(t) => t,
            other => panic!("not postgres: {other:?}"),
        }
    }

    #[test]
    fn paths_urls_and_keyword_strings_are_told_apart() {
        assert_eq!(
            Location::parse("stores/team.db").expect("path"),
            Location::Sqlite(PathBuf::from("stores/team.db"))
        );
        // A file whose name merely contains '=' is still a file.
        assert!(matches!(
            Location::parse("a=b.db").expect("path"),
            Location::Sqlite(_)
        ));
        let t = pg("postgres://ana:s%40cret@db.example.com:6432/team?sslmode=require");
        assert_eq!(t.user.as_deref(), Some("ana"));
        assert_eq!(t.password, Some(Secret::new("s@cret")));
        assert_eq!(t.host.as_deref(), Some("db.example.com"));
        assert_eq!(t.port, Some(6432));
        assert_eq!(t.dbname.as_deref(), Some("team"));
        assert_eq!(t.sslmode, SslMode::Require);
        let t = pg(
            "host=/run/pg port=5433 dbname='team store' user=bo sslmode=verify-full sslrootcert=/etc/ca.pem",
        );
        assert_eq!(t.host.as_deref(), Some("/run/pg"));
        assert_eq!(t.dbname.as_deref(), Some("team store"));
        assert_eq!(t.sslmode, SslMode::VerifyFull);
        assert_eq!(t.sslrootcert, Some(PathBuf::from("/etc/ca.pem")));
        let t = pg("postgresql://bo@[::1]/x?options=-c%20search_path%3Dteam_a");
        assert_eq!(t.host.as_deref(), Some("::1"));
        assert_eq!(t.schema, "team_a");
        assert!(Location::parse("postgres://h/db?sslmode=sometimes").is_err());
        assert!(Location::parse("host=h port=many").is_err());
    }

    #[test]
    fn no_display_or_debug_shows_the_password() {
        let text = "postgresql://ana:hunter2-PW@db.example.com/team?password=alsohunter2";
        let location = Location::parse(text).expect("parses");
        let shown = location.to_string();
        assert_eq!(shown, "postgres ana@db.example.com/team");
        let debug = format!("{location:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        let schema = location.with_schema(Some("q4"));
        assert_eq!(
            schema.to_string(),
            "postgres ana@db.example.com/team (schema q4)"
        );
    }
}
