//! The shape check: every keyword `openapiv3` reads has the JSON type it expects, or the
//! document is refused with the pointer of the deepest wrong node, all of them at once.
//!
//! Done before deserializing because `openapiv3`'s untagged enums lose the pointer of an
//! error (it is reported at `#/paths`), and retry every variant of every level on failure,
//! which takes exponential time on deeply nested invalid schemas.

use serde_json::{Map, Value};

use super::walk::{Kind, MAX_SCHEMA_DEPTH, Visit};
use crate::diag::{Diagnostic, Pointer};

pub struct Check<'a> {
    pub file: &'a std::path::Path,
    pub errors: Vec<Diagnostic>,
}

#[derive(Clone, Copy)]
enum Want {
    Str,
    Bool,
    Size,
    Number,
    Object,
    Array,
    Strings,
    ObjectOrBool,
}

impl Want {
    fn ok(self, v: &Value) -> bool {
        match self {
            Want::Str => v.is_string(),
            Want::Bool => v.is_boolean(),
            Want::Size => v.is_u64(),
            Want::Number => v.is_number(),
            Want::Object => v.is_object(),
            Want::Array => v.is_array(),
            Want::Strings => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Want::ObjectOrBool => v.is_object() || v.is_boolean(),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Want::Str => "a string",
            Want::Bool => "a boolean",
            Want::Size => "a non-negative integer",
            Want::Number => "a number",
            Want::Object => "an object",
            Want::Array => "an array",
            Want::Strings => "an array of strings",
            Want::ObjectOrBool => "an object or a boolean",
        }
    }
}

fn describe(v: &Value) -> String {
    let text = v.to_string();
    let short: String = text.chars().take(40).collect();
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    if short.len() < text.len() {
        format!("{kind} ({short}...)")
    } else {
        format!("{kind} ({short})")
    }
}

const SCHEMA_KEYS: &[(&str, Want)] = &[
    ("title", Want::Str),
    ("description", Want::Str),
    ("format", Want::Str),
    ("pattern", Want::Str),
    ("type", Want::Str),
    ("$ref", Want::Str),
    ("nullable", Want::Bool),
    ("readOnly", Want::Bool),
    ("writeOnly", Want::Bool),
    ("deprecated", Want::Bool),
    ("exclusiveMinimum", Want::Bool),
    ("exclusiveMaximum", Want::Bool),
    ("uniqueItems", Want::Bool),
    ("minLength", Want::Size),
    ("maxLength", Want::Size),
    ("minItems", Want::Size),
    ("maxItems", Want::Size),
    ("minProperties", Want::Size),
    ("maxProperties", Want::Size),
    ("minimum", Want::Number),
    ("maximum", Want::Number),
    ("multipleOf", Want::Number),
    ("required", Want::Strings),
    ("enum", Want::Array),
    ("properties", Want::Object),
    ("items", Want::Object),
    ("not", Want::Object),
    ("additionalProperties", Want::ObjectOrBool),
    ("allOf", Want::Array),
    ("oneOf", Want::Array),
    ("anyOf", Want::Array),
    ("discriminator", Want::Object),
    ("externalDocs", Want::Object),
];

const PARAMETER_KEYS: &[(&str, Want)] = &[
    ("name", Want::Str),
    ("in", Want::Str),
    ("description", Want::Str),
    ("required", Want::Bool),
    ("deprecated", Want::Bool),
    ("allowEmptyValue", Want::Bool),
    ("explode", Want::Bool),
    ("allowReserved", Want::Bool),
    ("style", Want::Str),
    ("schema", Want::Object),
    ("content", Want::Object),
    ("examples", Want::Object),
];

const OPERATION_KEYS: &[(&str, Want)] = &[
    ("operationId", Want::Str),
    ("summary", Want::Str),
    ("description", Want::Str),
    ("deprecated", Want::Bool),
    ("tags", Want::Strings),
    ("parameters", Want::Array),
    ("requestBody", Want::Object),
    ("responses", Want::Object),
    ("callbacks", Want::Object),
    ("security", Want::Array),
    ("servers", Want::Array),
];

impl Check<'_> {
    fn fail(&mut self, at: Pointer, message: String) {
        self.errors
            .push(Diagnostic::at(self.file, at.as_str(), message));
    }

    fn keys(&mut self, map: &Map<String, Value>, ptr: &Pointer, keys: &[(&str, Want)]) {
        // An object has fewer keys than the keywords checked: look each of its keys up in the
        // list (no hashing), and report in the list's order.
        let mut wrong: Vec<(usize, &str, &Want, &Value)> = Vec::new();
        for (key, v) in map {
            if let Some(i) = keys.iter().position(|(k, _)| k == key) {
                let want = &keys[i].1;
                if !want.ok(v) {
                    wrong.push((i, keys[i].0, want, v));
                }
            }
        }
        wrong.sort_by_key(|w| w.0);
        for (_, key, want, v) in wrong {
            let msg = format!("`{key}` must be {}, not {}", want.what(), describe(v));
            self.fail(ptr.push(key), msg);
        }
    }

    fn schema(&mut self, map: &Map<String, Value>, ptr: &Pointer) {
        self.keys(map, ptr, SCHEMA_KEYS);
        for key in ["allOf", "oneOf", "anyOf"] {
            if let Some(Value::Array(members)) = map.get(key) {
                for (i, m) in members.iter().enumerate() {
                    if !m.is_object() {
                        let msg = format!("a schema must be an object, not {}", describe(m));
                        self.fail(ptr.push(key).push(i), msg);
                    }
                }
            }
        }
        if let Some(Value::Object(props)) = map.get("properties") {
            for (name, p) in props {
                if !p.is_object() {
                    let msg = format!("a schema must be an object, not {}", describe(p));
                    self.fail(ptr.push("properties").push(name), msg);
                }
            }
        }
        if let Some(Value::Object(d)) = map.get("discriminator") {
            let at = ptr.push("discriminator");
            match d.get("propertyName") {
                Some(Value::String(_)) => {}
                Some(v) => {
                    let msg = format!("`propertyName` must be a string, not {}", describe(v));
                    self.fail(at.push("propertyName"), msg);
                }
                None => self.fail(at, "a discriminator needs a `propertyName`".to_string()),
            }
            if let Some(m) = d.get("mapping") {
                let strings = m
                    .as_object()
                    .is_some_and(|m| m.values().all(Value::is_string));
                if !strings {
                    let msg = format!(
                        "`mapping` must map values to schema references, not {}",
                        describe(m)
                    );
                    self.fail(ptr.push("discriminator").push("mapping"), msg);
                }
            }
        }
    }

    fn parameter(&mut self, kind: Kind, map: &Map<String, Value>, ptr: &Pointer) {
        self.keys(map, ptr, PARAMETER_KEYS);
        if kind == Kind::Header {
            return;
        }
        if !map.contains_key("name") {
            self.fail(ptr.clone(), "a parameter needs a `name`".to_string());
        }
        let location = map.get("in").and_then(Value::as_str);
        let styles: &[&str] = match location {
            Some("query") => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            Some("path") => &["simple", "label", "matrix"],
            Some("header") => &["simple"],
            Some("cookie") => &["form"],
            Some(other) => {
                let msg = format!("`in` must be query, header, path or cookie, not `{other}`");
                self.fail(ptr.push("in"), msg);
                return;
            }
            None => {
                self.fail(
                    ptr.clone(),
                    "a parameter needs `in` (query, header, path or cookie)".to_string(),
                );
                return;
            }
        };
        if let Some(Value::String(style)) = map.get("style") {
            if !styles.contains(&style.as_str()) {
                let msg = format!(
                    "style `{style}` is not one of {} for a {} parameter",
                    styles.join(", "),
                    location.unwrap_or_default()
                );
                self.fail(ptr.push("style"), msg);
            }
        }
    }

    fn content(&mut self, map: &Map<String, Value>, ptr: &Pointer) {
        if let Some(Value::Object(content)) = map.get("content") {
            for (mt, media) in content {
                if !media.is_object() {
                    let msg = format!(
                        "a media type object must be an object, not {}",
                        describe(media)
                    );
                    self.fail(ptr.push("content").push(mt), msg);
                }
            }
        }
    }
}

impl Visit for Check<'_> {
    fn enter(&mut self, kind: Kind, node: &mut Value, ptr: &Pointer) {
        let Value::Object(map) = node else {
            let what = format!("{kind:?}").to_lowercase();
            let msg = format!("a {what} must be an object, not {}", describe(node));
            self.fail(ptr.clone(), msg);
            return;
        };
        if map.contains_key("x-unresolved") {
            return;
        }
        if let Some(r) = map.get("$ref") {
            if !r.is_string() {
                self.fail(
                    ptr.push("$ref"),
                    format!("`$ref` must be a string, not {}", describe(r)),
                );
            }
            if kind != Kind::Schema {
                return;
            }
        }
        match kind {
            Kind::Schema => self.schema(map, ptr),
            Kind::Parameter | Kind::Header => {
                self.parameter(kind, map, ptr);
                self.content(map, ptr);
            }
            Kind::Operation => self.keys(map, ptr, OPERATION_KEYS),
            Kind::Response => {
                self.keys(
                    map,
                    ptr,
                    &[
                        ("description", Want::Str),
                        ("headers", Want::Object),
                        ("content", Want::Object),
                        ("links", Want::Object),
                    ],
                );
                self.content(map, ptr);
            }
            Kind::RequestBody => {
                self.keys(
                    map,
                    ptr,
                    &[
                        ("description", Want::Str),
                        ("required", Want::Bool),
                        ("content", Want::Object),
                    ],
                );
                if !map.contains_key("content") {
                    self.fail(ptr.clone(), "a request body needs `content`".to_string());
                }
                self.content(map, ptr);
            }
            Kind::MediaType => self.keys(
                map,
                ptr,
                &[
                    ("schema", Want::Object),
                    ("examples", Want::Object),
                    ("encoding", Want::Object),
                ],
            ),
            Kind::PathItem => self.keys(
                map,
                ptr,
                &[
                    ("parameters", Want::Array),
                    ("summary", Want::Str),
                    ("description", Want::Str),
                ],
            ),
            Kind::Callback | Kind::Example | Kind::Link | Kind::SecurityScheme => {}
        }
    }

    fn too_deep(&mut self, ptr: &Pointer) {
        self.fail(
            ptr.clone(),
            format!("schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here"),
        );
    }
}

/// The document's own top-level shape: `info`, `paths`, `components`, `servers`, `tags`.
pub fn document(doc: &Value, file: &std::path::Path, errors: &mut Vec<Diagnostic>) {
    let root = Pointer::root();
    let mut check = Check {
        file,
        errors: Vec::new(),
    };
    let Value::Object(map) = doc else {
        errors.push(Diagnostic::at(
            file,
            "#",
            format!(
                "an OpenAPI document must be an object, not {}",
                describe(doc)
            ),
        ));
        return;
    };
    check.keys(
        map,
        &root,
        &[
            ("info", Want::Object),
            ("paths", Want::Object),
            ("components", Want::Object),
            ("servers", Want::Array),
            ("tags", Want::Array),
            ("security", Want::Array),
        ],
    );
    match map.get("info") {
        Some(Value::Object(info)) => check.keys(
            info,
            &root.push("info"),
            &[
                ("title", Want::Str),
                ("version", Want::Str),
                ("description", Want::Str),
            ],
        ),
        Some(_) => {}
        None => check.fail(
            root.clone(),
            "the document needs an `info` object (with `title` and `version`)".to_string(),
        ),
    }
    if let Some(Value::Array(servers)) = map.get("servers") {
        for (i, s) in servers.iter().enumerate() {
            match s.get("url") {
                Some(Value::String(_)) => {}
                _ => check.fail(
                    root.push("servers").push(i),
                    "a server needs a `url` string".to_string(),
                ),
            }
        }
    }
    if let Some(Value::Object(components)) = map.get("components") {
        for (section, v) in components {
            if !section.starts_with("x-") && !v.is_object() {
                let msg = format!("`{section}` must be an object, not {}", describe(v));
                check.fail(root.push("components").push(section), msg);
            }
        }
    }
    if let Some(Value::Object(paths)) = map.get("paths") {
        for (p, item) in paths.iter().filter(|(p, _)| !p.starts_with("x-")) {
            if !p.starts_with('/') {
                check.fail(
                    root.push("paths").push(p),
                    format!("path `{p}` must start with `/`"),
                );
            }
            if !item.is_object() {
                let msg = format!("a path item must be an object, not {}", describe(item));
                check.fail(root.push("paths").push(p), msg);
            }
        }
    }
    errors.extend(check.errors);
}
