//! JSON pointers as `$ref`s write them: `#/a/b~1c/%7Bid%7D`, decoded and looked up.

use serde_json::Value;

/// The segments of a local reference (`#/...`), percent-decoded and `~`-unescaped; `None`
/// when it is not a local reference.
pub fn segments(reference: &str) -> Option<Vec<String>> {
    let rest = reference.strip_prefix('#')?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|s| percent_decode(s).replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Escapes segments back into a canonical local reference.
pub fn join(segments: &[String]) -> String {
    let mut out = String::from("#");
    for s in segments {
        out.push('/');
        if s.contains(['~', '/']) {
            out.push_str(&s.replace('~', "~0").replace('/', "~1"));
        } else {
            out.push_str(s);
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The value at `segments` in `doc`.
pub fn lookup<'v>(doc: &'v Value, segments: &[String]) -> Option<&'v Value> {
    segments.iter().try_fold(doc, |target, s| match target {
        Value::Object(map) => map.get(s),
        Value::Array(list) => index(s).and_then(|i| list.get(i)),
        _ => None,
    })
}

/// The value at `segments` in `doc`, to change.
pub fn lookup_mut<'v>(doc: &'v mut Value, segments: &[String]) -> Option<&'v mut Value> {
    segments.iter().try_fold(doc, |target, s| match target {
        Value::Object(map) => map.get_mut(s),
        Value::Array(list) => index(s).and_then(|i| list.get_mut(i)),
        _ => None,
    })
}

/// An array index as a JSON pointer writes it (RFC 6901: no sign, no leading zero), as
/// `serde_json::Value::pointer` reads it.
fn index(segment: &str) -> Option<usize> {
    if segment.starts_with('+') || (segment.starts_with('0') && segment.len() != 1) {
        return None;
    }
    segment.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_percent_encoding() {
        assert_eq!(
            segments("#/paths/~1pets~1%7Bid%7D/get").unwrap(),
            vec!["paths", "/pets/{id}", "get"]
        );
        assert_eq!(join(&segments("#/a/b~0c~1d").unwrap()), "#/a/b~0c~1d");
        assert_eq!(segments("other.yaml#/a"), None);
        assert_eq!(segments("#").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn looks_into_objects_and_arrays() {
        let doc = serde_json::json!({"a": [{"b": 1}]});
        let segs = segments("#/a/0/b").unwrap();
        assert_eq!(lookup(&doc, &segs), Some(&serde_json::json!(1)));
        assert_eq!(lookup(&doc, &segments("#/a/9").unwrap()), None);
    }

    #[test]
    fn lookups_find_what_serde_jsons_pointer_finds() {
        let doc = serde_json::json!({
            "a/b": {"c~d": [10, 11, {"": "empty key"}]},
            "": {"x": true},
            "list": ["zero", "one"],
            "0": "a key like an index",
        });
        let cases: &[&[&str]] = &[
            &[],
            &["a/b"],
            &["a/b", "c~d"],
            &["a/b", "c~d", "1"],
            &["a/b", "c~d", "2", ""],
            &["", "x"],
            &["list", "0"],
            &["list", "1"],
            &["list", "01"],
            &["list", "+1"],
            &["list", "-1"],
            &["list", "2"],
            &["list", ""],
            &["0"],
            &["list", "0", "deeper"],
            &["missing"],
        ];
        for case in cases {
            let segs: Vec<String> = case.iter().map(|s| s.to_string()).collect();
            let expected = doc.pointer(&join(&segs)[1..]);
            assert_eq!(lookup(&doc, &segs), expected, "{case:?}");
            let mut copy = doc.clone();
            let found = lookup_mut(&mut copy, &segs).map(|v| v.clone());
            assert_eq!(found.as_ref(), expected, "{case:?}");
        }
    }
}
