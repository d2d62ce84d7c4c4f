//! A delimited text file's encoding (UTF-8 with or without BOM, UTF-16 LE/BE, Windows-1252) and
//! delimiter (comma, semicolon, tab, pipe), told from its bytes.

use std::borrow::Cow;

/// How a text file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The file as UTF-8 bytes (borrowed when it already was), and the encoding it was read in.
/// UTF-8 with a stray invalid byte beside valid multi-byte text stays UTF-8, so the row with
/// the bad byte is reported rather than the whole file reinterpreted.
pub fn to_utf8(bytes: &[u8]) -> Result<(Cow<'_, [u8]>, Encoding), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((Cow::Borrowed(rest), Encoding::Utf8));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, Encoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, Encoding::Utf16Be);
    }
    if let Some(encoding) = utf16_by_nuls(bytes) {
        return utf16(bytes, encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => Ok((Cow::Borrowed(bytes), Encoding::Utf8)),
        Err(_) if has_utf8_sequence(bytes) => Ok((Cow::Borrowed(bytes), Encoding::Utf8)),
        Err(_) => windows_1252(bytes),
    }
}

fn utf16(bytes: &[u8], encoding: Encoding) -> Result<(Cow<'_, [u8]>, Encoding), String> {
    let codec = match encoding {
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    match codec.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok((Cow::Owned(text.into_owned().into_bytes()), encoding)),
        None => Err(format!(
            "the file looks like {} text but is not valid {}; save it as UTF-8 CSV",
            encoding.name(),
            encoding.name()
        )),
    }
}

/// UTF-16 without a BOM: ASCII text has a NUL in every other byte, and only there.
fn utf16_by_nuls(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    if even == 0 && odd * 2 >= pairs {
        Some(Encoding::Utf16Le)
    } else if odd == 0 && even * 2 >= pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Whether the bytes hold at least one well-formed multi-byte UTF-8 character.
fn has_utf8_sequence(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// Windows-1252, refusing the five bytes it leaves undefined (they mean another code page).
fn windows_1252(bytes: &[u8]) -> Result<(Cow<'_, [u8]>, Encoding), String> {
    if let Some(position) = bytes
        .iter()
        .position(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
    {
        let line = 1 + bytes[..position].iter().filter(|&&b| b == b'\n').count();
        return Err(format!(
            "line {line}: byte 0x{:02X} is neither UTF-8 nor Windows-1252 text; save the file as UTF-8 CSV",
            bytes[position]
        ));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((
        Cow::Owned(text.into_owned().into_bytes()),
        Encoding::Windows1252,
    ))
}

/// The delimiters looked for, with how messages name them.
const CANDIDATES: [(u8, &str); 4] = [
    (b',', "comma"),
    (b';', "semicolon"),
    (b'\t', "tab"),
    (b'|', "pipe"),
];

/// How many records the delimiter is judged on.
const SAMPLE_RECORDS: usize = 50;

pub fn delimiter_name(delimiter: u8) -> String {
    CANDIDATES
        .iter()
        .find(|(d, _)| *d == delimiter)
        .map(|(_, name)| name.to_string())
        .unwrap_or_else(|| format!("{:?}", char::from(delimiter)))
}

/// The delimiter that splits every sampled record into the same number (> 1) of fields. None
/// doing so falls back to the one splitting the header most (or a comma): the rows' field
/// counts are then reported line by line. Two doing so is an error naming both.
pub fn detect_delimiter(text: &[u8]) -> Result<u8, String> {
    let records = sample_records(text);
    let counts = |delimiter: u8| -> Vec<usize> {
        records
            .iter()
            .map(|record| fields_in(record, delimiter))
            .collect()
    };
    let consistent: Vec<(u8, &str, usize)> = CANDIDATES
        .iter()
        .filter_map(|&(delimiter, name)| {
            let c = counts(delimiter);
            let first = *c.first()?;
            (first > 1 && c.iter().all(|&n| n == first)).then_some((delimiter, name, first))
        })
        .collect();
    match consistent.as_slice() {
        [(delimiter, _, _)] => Ok(*delimiter),
        [] => Ok(CANDIDATES
            .iter()
            .map(|&(delimiter, _)| {
                let on_header = records.first().map_or(0, |r| fields_in(r, delimiter));
                (on_header, delimiter)
            })
            .filter(|&(n, _)| n > 1)
            .max_by_key(|&(n, delimiter)| (n, delimiter == b','))
            .map_or(b',', |(_, delimiter)| delimiter)),
        several => Err(format!(
            "cannot tell the delimiter: {} each split every one of the first {} lines evenly; say which with --delimiter (e.g. --delimiter ';')",
            several
                .iter()
                .map(|(_, name, n)| format!("a {name} ({n} fields)"))
                .collect::<Vec<_>>()
                .join(" and "),
            records.len()
        )),
    }
}

/// The first non-blank records, each whole (a quoted field may hold newlines); a record cut off
/// by the end of a large sample is left out.
fn sample_records(text: &[u8]) -> Vec<&[u8]> {
    let mut records = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                push_record(&mut records, &text[start..i]);
                start = i + 1;
                if records.len() == SAMPLE_RECORDS {
                    return records;
                }
            }
            _ => {}
        }
    }
    push_record(&mut records, &text[start..]);
    records
}

fn push_record<'a>(records: &mut Vec<&'a [u8]>, record: &'a [u8]) {
    if !record.iter().all(u8::is_ascii_whitespace) {
        records.push(record);
    }
}

/// Fields of one record split by `delimiter` outside quotes.
fn fields_in(record: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    let mut fields = 1;
    for &b in record {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            fields += 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Encoding) {
        let (utf8, encoding) = to_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        (
            String::from_utf8(utf8.into_owned()).expect("utf-8"),
            encoding,
        )
    }

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn encodings_are_told_by_bom_nuls_and_validity() {
        assert_eq!(text(b"\xEF\xBB\xBFa,b"), ("a,b".into(), Encoding::Utf8));
        let mut bom = b"\xFF\xFE".to_vec();
        bom.extend(utf16le("Plattform\tWert\n€"));
        assert_eq!(text(&bom), ("Plattform\tWert\n€".into(), Encoding::Utf16Le));
        assert_eq!(
            text(&utf16le("a,b\n1,2\n")),
            ("a,b\n1,2\n".into(), Encoding::Utf16Le)
        );
        let be: Vec<u8> = "a;b\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(text(&be), ("a;b\n".into(), Encoding::Utf16Be));
        assert_eq!(
            text(b"caf\xE9,\x80 5"),
            ("café,€ 5".into(), Encoding::Windows1252)
        );
        // Broken UTF-8 beside real UTF-8 stays UTF-8: the bad row is reported, not guessed at.
        assert_eq!(to_utf8("é,1\n".as_bytes()).map(|r| r.1), Ok(Encoding::Utf8));
        assert_eq!(to_utf8(b"\xC3\xA9\n\xFF").map(|r| r.1), Ok(Encoding::Utf8));
        assert!(to_utf8(b"a\n\x81").is_err());
    }

    #[test]
    fn the_delimiter_splits_every_line_evenly() {
        assert_eq!(detect_delimiter(b"a,b,c\n1,2,3\n"), Ok(b','));
        assert_eq!(
            detect_delimiter(b"Plataforma;Periodo;Valor\nTEMU;2024;1.234,5\nSHEIN;2024;5,3\n"),
            Ok(b';')
        );
        assert_eq!(detect_delimiter(b"a\tb\n1\t2"), Ok(b'\t'));
        assert_eq!(detect_delimiter(b"a|b\n\"x|y\"|2\n"), Ok(b'|'));
        // Ragged rows: the header decides, and the rows' counts are reported later.
        assert_eq!(detect_delimiter(b"a;b;c\n1;2\n"), Ok(b';'));
        assert_eq!(detect_delimiter(b"value\n1\n"), Ok(b','));
        let err = detect_delimiter(b"a,b;c\n1,2;3\n").expect_err("ambiguous");
        assert!(err.contains("comma") && err.contains("semicolon"), "{err}");
        assert!(err.contains("--delimiter"), "{err}");
    }
}
