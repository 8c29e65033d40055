//! The path of the field a JSON decoding error is about (`data.items[1].id`), read from the
//! text up to where serde_json stopped: decoding itself stays plain and fast, and no second,
//! path-tracking copy of every type's deserializer is compiled.

enum Frame {
    Object { key: Option<String>, in_value: bool },
    Array { index: usize },
}

/// The path (`data.items[1].id`) of the value a JSON text was being read at when decoding it
/// failed at 1-based `line` and `column`, from what the text says up to there; `.` for the root.
pub(crate) fn path_at(text: &[u8], line: usize, column: usize, missing_field: bool) -> String {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].iter().position(|&b| b == b'\n') {
            Some(n) => start += n + 1,
            None => break,
        }
    }
    // `column` is that of the last character read: for a missing field, the `}` that ended
    // its object, which is left out so that the path is the object's.
    let column = if missing_field {
        column.saturating_sub(1)
    } else {
        column
    };
    let end = (start + column).min(text.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match text[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                in_value: false,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            b'"' => {
                let (s, next) = string(text, i + 1, end);
                if let Some(Frame::Object {
                    key,
                    in_value: false,
                }) = stack.last_mut()
                {
                    *key = Some(s);
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    // Inside the object that lacks a field, the path is the object's, not its last field's.
    if missing_field {
        if let Some(Frame::Object { key, .. }) = stack.last_mut() {
            *key = None;
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
            Frame::Object { key: None, .. } => {}
        }
    }
    if path.is_empty() {
        ".".to_string()
    } else {
        path
    }
}

/// The string starting at `i` (after its opening quote), unescaped, and the index after its
/// closing quote (or `end`).
fn string(text: &[u8], mut i: usize, end: usize) -> (String, usize) {
    let mut out = Vec::new();
    while i < end {
        match text[i] {
            b'"' => return (String::from_utf8_lossy(&out).into_owned(), i + 1),
            b'\\' if i + 1 < end => {
                match text[i + 1] {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'u' if i + 5 < end => {
                        let hex = std::str::from_utf8(&text[i + 2..i + 6]).ok();
                        let c = hex
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32);
                        let mut buf = [0; 4];
                        out.extend_from_slice(
                            c.unwrap_or('\u{fffd}').encode_utf8(&mut buf).as_bytes(),
                        );
                        i += 6;
                        continue;
                    }
                    other => out.push(other),
                }
                i += 2;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&out).into_owned(), end)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path of the error decoding `text` as `T`, as the SDK reports it.
    fn path<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
        let err = serde_json::from_str::<T>(text).unwrap_err();
        let missing = err.to_string().starts_with("missing field");
        path_at(text.as_bytes(), err.line(), err.column(), missing)
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Root {
        data: Data,
        meta: Option<Meta>,
        #[serde(flatten)]
        extra: std::collections::BTreeMap<String, serde_json::Value>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Data {
        id: String,
        created_at: i64,
        items: Vec<Item>,
        status: Option<Status>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        n: Option<u8>,
        tags: Option<std::collections::BTreeMap<String, u8>>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Meta {
        total: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Status {
        Active,
    }

    #[test]
    fn a_wrong_value_is_located_at_its_field() {
        assert_eq!(path::<Root>(r#"{"data":{"id":1}}"#), "data.id");
        assert_eq!(
            path::<Root>(r#"{"x":{"deep":[1,{"a":"}"}]},"data":{"id":"x","created_at":true}}"#),
            "data.created_at"
        );
        assert_eq!(
            path::<Root>(r#"{"data":{"id":"x","created_at":1,"items":[],"status":"gone"}}"#),
            "data.status"
        );
        assert_eq!(
            path::<Root>(r#"{"data":{"id":"x","created_at":1,"items":{}}}"#),
            "data.items"
        );
    }

    #[test]
    fn array_items_are_numbered() {
        let text =
            r#"{"data":{"id":"x","created_at":1,"items":[{"name":"a"},{"name":"b","n":300}]}}"#;
        assert_eq!(path::<Root>(text), "data.items[1].n");
    }

    #[test]
    fn a_missing_field_is_located_at_its_object() {
        assert_eq!(path::<Root>(r#"{"data":{"id":"x","items":[]}}"#), "data");
        assert_eq!(
            path::<Root>(r#"{"data":{"id":"x","created_at":1,"items":[{"n":3}]}}"#),
            "data.items[0]"
        );
        assert_eq!(
            path::<Root>(r#"{"data":{"id":"x","created_at":1,"items":[]},"meta":{}}"#),
            "meta"
        );
        assert_eq!(path::<Root>(r#"{"meta":{"total":1}}"#), ".");
    }

    #[test]
    fn keys_are_unescaped_and_lines_counted() {
        let text = r#"{"data":{"id":"x","created_at":1,"items":[{"name":"a","tags":{"k\"ey\u00e9":"v"}}]}}"#;
        assert_eq!(path::<Root>(text), "data.items[0].tags.k\"eyé");
        let text = "{\n  \"data\": {\n    \"id\": \"x\",\n    \"created_at\": 1.5\n  }\n}";
        assert_eq!(path::<Root>(text), "data.created_at");
        let text = "{\n  \"data\": {\n    \"id\": \"x\",\n    \"items\": []\n  }\n}";
        assert_eq!(path::<Root>(text), "data");
    }

    #[test]
    fn text_that_is_not_the_value_is_at_the_root() {
        assert_eq!(path::<Root>("<html>"), ".");
        assert_eq!(path::<Root>("[1]"), ".");
        assert_eq!(path::<Root>(""), ".");
        // A position past the text (it cannot be, but is no reason to panic).
        assert_eq!(path_at(b"{\"a\":", 9, 99, false), "a");
    }
}
