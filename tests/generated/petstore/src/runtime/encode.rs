//! Turning parameter values into path segments, query strings and header values.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;

use super::error::{Error, Result};

/// Characters escaped in a path segment: everything but RFC 3986 unreserved characters and a
/// few sub-delimiters that are safe inside a segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'[')
    .add(b']');

/// Characters escaped in a query key, value or array item: all but RFC 3986 unreserved
/// characters. (Commas inside an item are escaped, so that the commas delimiting a
/// `style: form, explode: false` array stay unambiguous.)
const COMPONENT: &AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one query key, value or array item.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// Joins already-encoded `key=value` pairs into a query string.
pub fn join_query<'a>(pairs: impl IntoIterator<Item = &'a (String, String)>) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.into_iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// The text form of a scalar parameter value: strings as they are, numbers and booleans
/// as JSON writes them, anything else as compact JSON.
pub fn param_string<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => String::new(),
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// A parameter's value as JSON text, for parameters the spec describes with
/// `content: {application/json: ...}`.
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Fills a path template such as `/v1/customers/{id}` with percent-encoded values, refusing
/// empty values before any request is sent.
pub fn expand_path(
    operation: &'static str,
    template: &str,
    values: &[(&str, String)],
) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = &after[..end];
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .ok_or_else(|| {
                Error::invalid(operation, format!("path parameter `{name}` has no value"))
            })?;
        if value.is_empty() {
            return Err(Error::invalid(
                operation,
                format!("path parameter `{name}` must not be empty"),
            ));
        }
        if value == "." || value == ".." {
            // URL parsers resolve these (even percent-encoded), which would change the path.
            return Err(Error::invalid(
                operation,
                format!("path parameter `{name}` must not be `{value}`"),
            ));
        }
        out.extend(utf8_percent_encode(value, SEGMENT));
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_and_encodes() {
        let path = expand_path(
            "op",
            "/v1/a/{id}/b/{n}",
            &[("id", "x/y z".into()), ("n", "7".into())],
        )
        .unwrap();
        assert_eq!(path, "/v1/a/x%2Fy%20z/b/7");
    }

    #[test]
    fn refuses_empty_values() {
        let err = expand_path("GetThing", "/v1/a/{id}", &[("id", String::new())]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "GetThing: invalid request: path parameter `id` must not be empty"
        );
    }

    #[test]
    fn refuses_dot_segments() {
        let err = expand_path("DeleteThing", "/v1/a/{id}", &[("id", "..".into())]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "DeleteThing: invalid request: path parameter `id` must not be `..`"
        );
    }

    #[test]
    fn encodes_query_components() {
        assert_eq!(encode_component("x y&z,+"), "x%20y%26z%2C%2B");
        let pairs = [
            ("status".to_string(), "a,b".to_string()),
            ("q".to_string(), encode_component("x y")),
        ];
        assert_eq!(join_query(&pairs), "status=a,b&q=x%20y");
    }

    #[test]
    fn param_strings() {
        assert_eq!(param_string("a b"), "a b");
        assert_eq!(param_string(&5_i32), "5");
        assert_eq!(param_string(&true), "true");
        assert_eq!(param_string(&1.5_f64), "1.5");
    }
}
