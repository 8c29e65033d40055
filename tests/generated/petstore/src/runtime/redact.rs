//! Keeping secrets and personal data out of everything that becomes a string: `Debug`,
//! `Display`, error messages and logs.

use std::fmt;

/// Stands in for a secret or personal value in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A URL as it may be shown: user name and password replaced.
pub(crate) fn display_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("redacted");
            let _ = u.set_password(None);
            u.to_string().trim_end_matches('/').to_string()
        }
        _ => url.to_string(),
    }
}

/// A decoding error's message without the value it quotes: serde says
/// `invalid type: string "123-45-6789", expected i64`, and the value may be an SSN.
pub(crate) fn decode_message(message: &str) -> String {
    const QUOTING: &[&str] = &["invalid type: ", "invalid value: ", "unknown variant "];
    if !QUOTING.iter().any(|p| message.starts_with(p)) {
        return message.to_string();
    }
    // The first quoted (`"..."`) or backticked value is the one received.
    let open = message.find(['"', '`']);
    let Some(open) = open else {
        return message.to_string();
    };
    let quote = message[open..].chars().next().unwrap_or('"');
    let rest = &message[open + 1..];
    // A string value may contain escaped quotes; its closing quote is followed by `,` or the end.
    let close = if quote == '"' {
        rest.rfind("\", expected")
            .or_else(|| rest.rfind("\" at line"))
            .or_else(|| rest.rfind('"'))
    } else {
        rest.find('`')
    };
    match close {
        Some(close) => format!("{}<redacted>{}", &message[..open], &rest[close + 1..]),
        None => format!("{}<redacted>", &message[..open]),
    }
}

/// A JSON value the SDK could not type, for `Debug`: the values of sensitive properties (at
/// any depth) are replaced.
pub struct RedactedJson<'a> {
    /// The value.
    pub value: &'a serde_json::Value,
    /// Property names whose values are hidden.
    pub sensitive: &'a [&'a str],
}

impl fmt::Debug for RedactedJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut masked = self.value.clone();
        mask(&mut masked, self.sensitive, 0);
        fmt::Debug::fmt(&masked, f)
    }
}

fn mask(value: &mut serde_json::Value, sensitive: &[&str], depth: usize) {
    if depth > 128 {
        *value = serde_json::Value::String("<redacted>".to_string());
        return;
    }
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if sensitive.iter().any(|s| s.eq_ignore_ascii_case(k)) {
                    *v = serde_json::Value::String("<redacted>".to_string());
                } else {
                    mask(v, sensitive, depth + 1);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                mask(v, sensitive, depth + 1);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_credentials() {
        assert_eq!(
            display_url("https://user:s3cret@api.example.com/v1"),
            "https://redacted@api.example.com/v1"
        );
        assert_eq!(
            display_url("https://api.example.com"),
            "https://api.example.com"
        );
    }

    #[test]
    fn decode_messages_lose_the_values_they_quote() {
        assert_eq!(
            decode_message(
                "invalid type: string \"123-45-6789\", expected i64 at line 1 column 20"
            ),
            "invalid type: string <redacted>, expected i64 at line 1 column 20"
        );
        assert_eq!(
            decode_message("invalid value: integer `123456789`, expected u8"),
            "invalid value: integer <redacted>, expected u8"
        );
        assert_eq!(
            decode_message("invalid type: string \"a \\\"quoted\\\" one\", expected a date"),
            "invalid type: string <redacted>, expected a date"
        );
        assert_eq!(decode_message("missing field `ssn`"), "missing field `ssn`");
    }

    #[test]
    fn json_debug_hides_sensitive_values_at_any_depth() {
        let v = serde_json::json!({"a": {"ssn": "123-45-6789", "list": [{"SSN": 1}]}, "b": 2});
        let shown = format!(
            "{:?}",
            RedactedJson {
                value: &v,
                sensitive: &["ssn"]
            }
        );
        assert!(
            !shown.contains("6789") && !shown.contains(": Number(1)"),
            "{shown}"
        );
        assert!(
            shown.contains("<redacted>") && shown.contains("Number(2)"),
            "{shown}"
        );
    }
}
