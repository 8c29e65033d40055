//! `--format yaml`: JSON values written as YAML. Strings and keys are written as JSON
//! strings, which YAML reads as double-quoted scalars, so nothing needs escaping rules of
//! its own.

use serde_json::Value;

/// `value` as a YAML document (ending with a newline).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => map(m, 0, &mut out),
        Value::Array(a) if !a.is_empty() => list(a, 0, &mut out),
        other => {
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
        other => other.to_string(),
    }
}

fn is_nested(v: &Value) -> bool {
    matches!(v, Value::Object(m) if !m.is_empty()) || matches!(v, Value::Array(a) if !a.is_empty())
}

fn map(m: &serde_json::Map<String, Value>, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for (k, v) in m {
        let key = Value::String(k.clone()).to_string();
        if is_nested(v) {
            out.push_str(&format!("{pad}{key}:\n"));
            nested(v, indent + 2, out);
        } else {
            out.push_str(&format!("{pad}{key}: {}\n", scalar(v)));
        }
    }
}

fn list(a: &[Value], indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    for v in a {
        if is_nested(v) {
            out.push_str(&format!("{pad}-\n"));
            nested(v, indent + 2, out);
        } else {
            out.push_str(&format!("{pad}- {}\n", scalar(v)));
        }
    }
}

fn nested(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) => map(m, indent, out),
        Value::Array(a) => list(a, indent, out),
        other => out.push_str(&format!("{}{}\n", " ".repeat(indent), scalar(other))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn nested_values_become_indented_yaml() {
        // Keys in sorted order: the same output whether or not serde_json keeps insertion order.
        let v = json!({ "data": { "empty": {}, "id": "c1", "tags": ["a", 1] }, "n": null });
        assert_eq!(
            super::to_yaml(&v),
            "\"data\":\n  \"empty\": {}\n  \"id\": \"c1\"\n  \"tags\":\n    - \"a\"\n    - 1\n\"n\": null\n"
        );
        assert_eq!(
            super::to_yaml(&json!([{ "a": true }])),
            "-\n  \"a\": true\n"
        );
    }
}
