//! libpq's password file (`~/.pgpass`, or `PGPASSFILE`): `host:port:db:user:password` lines,
//! `*` matching anything, the first match winning.

/// The password of the first `host:port:db:user:password` line matching, `*` matching anything.
pub(super) fn lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split(line);
        if fields.len() != 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(wanted)
            .all(|(field, want)| field == "*" || field == want)
        {
            return fields.into_iter().nth(4);
        }
    }
    None
}

/// A `.pgpass` line's fields: `:` separates, `\:` and `\\` are literal.
fn split(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let file =
            "# team\nother:5432:*:ana:wrong\ndb.example.com:*:team:ana:pa\\:ss\n*:*:*:*:fallback\n";
        assert_eq!(
            lookup(file, ["db.example.com", "5432", "team", "ana"]).as_deref(),
            Some("pa:ss")
        );
        assert_eq!(
            lookup(file, ["elsewhere", "1", "x", "y"]).as_deref(),
            Some("fallback")
        );
        assert_eq!(lookup("h:1:d:u:p", ["h", "2", "d", "u"]), None);
    }
}
