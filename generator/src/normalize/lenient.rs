//! Sloppiness real specs have, read the way their authors meant it, each noted: a `pattern`
//! written as a number, `"true"` for `true`, a `type` that is an object, a property given as a
//! bare type name, a request body with no media type, a path key with a query string. What
//! cannot be read is dropped (with a note), so that one slip does not refuse a whole spec.

use serde_json::{Map, Value, json};

use super::schema::SIZES;
use super::walk::{Kind, Visit};
use crate::diag::{Diagnostic, Pointer};

pub struct Lenient<'a> {
    pub file: &'a std::path::Path,
    pub notes: Vec<Diagnostic>,
}

const STRINGS: &[&str] = &["title", "description", "format", "pattern"];
const BOOLS: &[&str] = &[
    "nullable",
    "readOnly",
    "writeOnly",
    "deprecated",
    "uniqueItems",
];
/// Bounds, besides the sizes of [`SIZES`].
const BOUNDS: &[&str] = &["minimum", "maximum", "multipleOf"];
const PRIMITIVES: &[&str] = &["string", "integer", "number", "boolean", "object", "array"];

impl Lenient<'_> {
    fn note(&mut self, at: Pointer, message: String) {
        self.notes
            .push(Diagnostic::at(self.file, at.as_str(), message));
    }

    fn schema(&mut self, map: &mut Map<String, Value>, ptr: &Pointer) {
        for key in STRINGS {
            match map.get(*key) {
                Some(Value::String(_)) | None => {}
                Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                    let text = v.to_string();
                    self.note(
                        ptr.push(key),
                        format!("`{key}` is not a string; read as \"{text}\""),
                    );
                    map.insert(key.to_string(), Value::String(text));
                }
                Some(_) => self.drop(map, ptr, key, "a string"),
            }
        }
        for key in BOOLS {
            match map.get(*key) {
                Some(Value::Bool(_)) | None => {}
                Some(Value::String(s)) if s == "true" || s == "false" => {
                    let b = s == "true";
                    self.note(
                        ptr.push(key),
                        format!("`{key}` is the string \"{s}\"; read as {b}"),
                    );
                    map.insert(key.to_string(), Value::Bool(b));
                }
                Some(_) => self.drop(map, ptr, key, "a boolean"),
            }
        }
        for key in BOUNDS.iter().chain(SIZES) {
            match map.get(*key) {
                Some(Value::Number(_)) | None => {}
                Some(Value::String(s)) if s.trim().parse::<f64>().is_ok_and(f64::is_finite) => {
                    let n: f64 = s.trim().parse().unwrap_or_default();
                    let v = if n.fract() == 0.0 && n.abs() < 9e15 {
                        json!(n as i64)
                    } else {
                        json!(n)
                    };
                    self.note(
                        ptr.push(key),
                        format!("`{key}` is the string \"{s}\"; read as {v}"),
                    );
                    map.insert(key.to_string(), v);
                }
                Some(_) => self.drop(map, ptr, key, "a number"),
            }
        }
        match map.get("type") {
            Some(Value::String(_) | Value::Array(_)) | None => {}
            Some(_) => self.drop(map, ptr, "type", "a type name"),
        }
        match map.get_mut("required") {
            Some(Value::Array(items)) => {
                let before = items.len();
                items.retain(Value::is_string);
                if items.len() < before {
                    self.note(
                        ptr.push("required"),
                        "`required` lists names that are not strings; they are ignored".into(),
                    );
                }
            }
            Some(_) => self.drop(map, ptr, "required", "a list of property names"),
            None => {}
        }
        if map.get("enum").is_some_and(|e| !e.is_array()) {
            self.drop(map, ptr, "enum", "a list of values");
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            match map.get_mut(key) {
                Some(Value::Array(members)) => {
                    let before = members.len();
                    members.retain(|m| m.is_object() || m.is_boolean());
                    if members.len() < before {
                        self.note(
                            ptr.push(key),
                            format!("`{key}` has members that are not schemas; they are ignored"),
                        );
                    }
                }
                Some(Value::Object(_)) => {
                    let one = map.remove(key).unwrap_or_default();
                    self.note(
                        ptr.push(key),
                        format!("`{key}` is one schema, not a list; read as a list of it"),
                    );
                    map.insert(key.to_string(), Value::Array(vec![one]));
                }
                Some(_) => self.drop(map, ptr, key, "a list of schemas"),
                None => {}
            }
        }
        match map.get_mut("properties") {
            Some(Value::Object(props)) => {
                let mut notes = Vec::new();
                for (name, p) in props.iter_mut() {
                    match p {
                        Value::Object(_) | Value::Bool(_) => {}
                        Value::String(t) if PRIMITIVES.contains(&t.as_str()) => {
                            notes.push((name.clone(), format!("property given as the type name \"{t}\"; read as `{{type: {t}}}`")));
                            *p = json!({ "type": t.clone() });
                        }
                        _ => {
                            notes.push((
                                name.clone(),
                                "property is not a schema; typed as any value".to_string(),
                            ));
                            *p = json!({});
                        }
                    }
                }
                for (name, n) in notes {
                    self.note(ptr.push("properties").push(name), n);
                }
            }
            Some(_) => self.drop(map, ptr, "properties", "a map of schemas"),
            None => {}
        }
        for key in ["items", "not", "discriminator", "externalDocs"] {
            if map.get(key).is_some_and(|v| {
                !v.is_object() && !(key == "items" && (v.is_array() || v.is_boolean()))
            }) {
                self.drop(map, ptr, key, "an object");
            }
        }
        if let Some(Value::Object(d)) = map.get("discriminator") {
            let valid = d.get("propertyName").is_some_and(Value::is_string)
                && d.get("mapping").is_none_or(|m| {
                    m.as_object()
                        .is_some_and(|m| m.values().all(Value::is_string))
                });
            if !valid {
                self.drop(map, ptr, "discriminator", "`{propertyName, mapping}`");
            }
        }
    }

    fn drop(&mut self, map: &mut Map<String, Value>, ptr: &Pointer, key: &str, wanted: &str) {
        if let Some(v) = map.remove(key) {
            let shown: String = v.to_string().chars().take(40).collect();
            self.note(
                ptr.push(key),
                format!("`{key}` must be {wanted}, not `{shown}`; ignored"),
            );
        }
    }
}

impl Visit for Lenient<'_> {
    fn enter(&mut self, kind: Kind, node: &mut Value, ptr: &Pointer) {
        let Value::Object(map) = node else { return };
        if map.contains_key("$ref") && kind != Kind::Schema {
            return;
        }
        match kind {
            Kind::Schema => self.schema(map, ptr),
            Kind::Operation => {
                let empty = map
                    .get("requestBody")
                    .and_then(|b| b.get("content"))
                    .and_then(Value::as_object)
                    .is_some_and(Map::is_empty);
                if empty {
                    map.remove("requestBody");
                    self.note(
                        ptr.push("requestBody"),
                        "a request body with no media type sends nothing; left out".into(),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Path keys with a query string or a fragment (`/uploads?convert={convert}`,
/// `/analyze#overload=stream`): the path is the part before it, and its operations join that
/// path's (when the methods do not clash).
pub fn path_keys(doc: &mut Value, file: &std::path::Path, notes: &mut Vec<Diagnostic>) {
    let Some(Value::Object(paths)) = doc.get_mut("paths") else {
        return;
    };
    let odd: Vec<String> = paths
        .keys()
        .filter(|k| k.contains(['?', '#']))
        .cloned()
        .collect();
    for key in odd {
        let clean = key.split(['?', '#']).next().unwrap_or_default().to_string();
        let Some(Value::Object(item)) = paths.get(&key).cloned() else {
            continue;
        };
        let at = Pointer::root().push("paths").push(&key);
        match paths.get_mut(&clean) {
            None => {
                paths.insert(clean.clone(), Value::Object(item));
                paths.shift_remove(&key);
                notes.push(Diagnostic::at(
                    file,
                    at.as_str(),
                    format!("a path key holds a query string or fragment; read as `{clean}`"),
                ));
            }
            Some(Value::Object(existing))
                if item
                    .keys()
                    .all(|m| !existing.contains_key(m) || m == "parameters") =>
            {
                for (m, op) in item {
                    if m != "parameters" {
                        existing.insert(m, op);
                    }
                }
                paths.shift_remove(&key);
                notes.push(Diagnostic::at(
                    file,
                    at.as_str(),
                    format!(
                        "a path key holds a query string or fragment; its operations join `{clean}`"
                    ),
                ));
            }
            Some(_) => {}
        }
    }
}
