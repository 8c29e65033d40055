//! A walk over an OpenAPI document that knows what each object is (a schema, a parameter, a
//! response...), so that passes can treat every schema, wherever it sits, the same way.

use serde_json::Value;

use crate::diag::Pointer;

/// Schemas nest at most this deep (counted in schemas, not JSON levels). Deeper nesting is
/// refused: no real API needs it, and it bounds recursion in every later stage.
pub const MAX_SCHEMA_DEPTH: usize = 48;

/// What an object in the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Schema,
    Parameter,
    Header,
    Response,
    RequestBody,
    MediaType,
    PathItem,
    Operation,
    Callback,
    Example,
    Link,
    SecurityScheme,
}

impl Kind {
    /// The `#/components/<section>` that holds reusable objects of this kind.
    pub fn section(self) -> Option<&'static str> {
        Some(match self {
            Kind::Schema => "schemas",
            Kind::Parameter => "parameters",
            Kind::Header => "headers",
            Kind::Response => "responses",
            Kind::RequestBody => "requestBodies",
            Kind::Callback => "callbacks",
            Kind::Example => "examples",
            Kind::Link => "links",
            Kind::SecurityScheme => "securitySchemes",
            Kind::PathItem => "pathItems",
            Kind::MediaType | Kind::Operation => return None,
        })
    }
}

/// A pass over the document. `enter` runs before an object's children are visited and may
/// replace the object; `leave` runs after them.
pub trait Visit {
    fn enter(&mut self, _kind: Kind, _node: &mut Value, _ptr: &Pointer) {}
    fn leave(&mut self, _kind: Kind, _node: &mut Value, _ptr: &Pointer) {}
    /// A schema nested deeper than [`MAX_SCHEMA_DEPTH`]; its children are not visited.
    fn too_deep(&mut self, _ptr: &Pointer) {}
}

/// Keywords whose value is a map of schemas.
pub const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];
/// Keywords whose value is one schema.
pub const SCHEMA_SINGLES: &[&str] = &[
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "additionalItems",
];
/// Keywords whose value is a list of schemas.
pub const SCHEMA_LISTS: &[&str] = &["allOf", "oneOf", "anyOf", "prefixItems"];

/// Whether a schema's keyword `key` holds schemas.
fn holds_schemas(key: &str) -> bool {
    SCHEMA_MAPS.contains(&key) || SCHEMA_SINGLES.contains(&key) || SCHEMA_LISTS.contains(&key)
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Walks the whole document: paths, webhooks and components.
pub fn walk_document(doc: &mut Value, v: &mut dyn Visit) {
    let (mut paths, components) = parts(doc);
    walk_paths(&mut paths, v);
    if let Some(components) = components {
        walk_components(components, v);
    }
}

/// The document's `paths` and `webhooks`, and its `components`: parts that the walk visits
/// apart (so that two threads may walk them at once).
pub fn parts(doc: &mut Value) -> (Vec<(&'static str, &mut Value)>, Option<&mut Value>) {
    let mut paths = Vec::new();
    let mut components = None;
    if let Value::Object(map) = doc {
        for (key, value) in map.iter_mut() {
            match key.as_str() {
                "paths" => paths.push(("paths", value)),
                "webhooks" => paths.push(("webhooks", value)),
                "components" => components = Some(value),
                _ => {}
            }
        }
    }
    // `paths` before `webhooks`, whatever the document's order.
    paths.sort_by_key(|(key, _)| *key != "paths");
    (paths, components)
}

/// Walks the path items of `paths` and `webhooks` (from [`parts`]).
pub fn walk_paths(paths: &mut [(&'static str, &mut Value)], v: &mut dyn Visit) {
    let root = Pointer::root();
    for (key, value) in paths {
        each_entry(value, Kind::PathItem, &root.push(key), v);
    }
}

/// Walks every section of `components` (from [`parts`]).
pub fn walk_components(components: &mut Value, v: &mut dyn Visit) {
    let Value::Object(components) = components else {
        return;
    };
    let base = Pointer::root().push("components");
    for kind in [
        Kind::Schema,
        Kind::Parameter,
        Kind::Header,
        Kind::Response,
        Kind::RequestBody,
        Kind::Callback,
        Kind::Example,
        Kind::Link,
        Kind::SecurityScheme,
        Kind::PathItem,
    ] {
        let section = kind.section().unwrap_or_default();
        if let Some(entries) = components.get_mut(section) {
            each_entry(entries, kind, &base.push(section), v);
        }
    }
}

/// Walks one object of a known kind (e.g. a hoisted schema).
pub fn walk(kind: Kind, node: &mut Value, ptr: &Pointer, v: &mut dyn Visit) {
    visit(kind, node, ptr, 0, v);
}

fn each_entry(map: &mut Value, kind: Kind, ptr: &Pointer, v: &mut dyn Visit) {
    if let Value::Object(entries) = map {
        for (key, node) in entries.iter_mut() {
            // `x-...` keys are extensions, not entries (`paths` and `responses` may have them).
            if key.starts_with("x-") && kind != Kind::Schema {
                continue;
            }
            visit(kind, node, &ptr.push(key), 0, v);
        }
    }
}

fn each_item(list: &mut Value, kind: Kind, ptr: &Pointer, depth: usize, v: &mut dyn Visit) {
    if let Value::Array(items) = list {
        for (i, node) in items.iter_mut().enumerate() {
            visit(kind, node, &ptr.push(i), depth, v);
        }
    }
}

fn visit(kind: Kind, node: &mut Value, ptr: &Pointer, depth: usize, v: &mut dyn Visit) {
    if kind == Kind::Schema && depth > MAX_SCHEMA_DEPTH {
        v.too_deep(ptr);
        return;
    }
    v.enter(kind, node, ptr);
    let Value::Object(map) = node else {
        return;
    };
    if map.contains_key("$ref") && kind != Kind::Schema {
        return;
    }
    let child = |map: &mut serde_json::Map<String, Value>,
                 key: &str,
                 kind: Kind,
                 v: &mut dyn Visit,
                 depth: usize| {
        if let Some(c) = map.get_mut(key) {
            visit(kind, c, &ptr.push(key), depth, v);
        }
    };
    let entries =
        |map: &mut serde_json::Map<String, Value>, key: &str, kind: Kind, v: &mut dyn Visit| {
            if let Some(c) = map.get_mut(key) {
                each_entry(c, kind, &ptr.push(key), v);
            }
        };
    match kind {
        // Most schemas are leaves: one pass over their few keys spares looking up each of the
        // twenty keywords that may hold schemas.
        Kind::Schema if !map.keys().any(|k| holds_schemas(k)) => {}
        Kind::Schema => {
            for key in SCHEMA_MAPS {
                if let Some(Value::Object(props)) = map.get_mut(*key) {
                    let at = ptr.push(key);
                    for (name, s) in props.iter_mut() {
                        visit(Kind::Schema, s, &at.push(name), depth + 1, v);
                    }
                }
            }
            for key in SCHEMA_SINGLES {
                match map.get_mut(*key) {
                    // `items: [..]` (a tuple, in older drafts) holds schemas too.
                    Some(list @ Value::Array(_)) => {
                        each_item(list, Kind::Schema, &ptr.push(key), depth + 1, v)
                    }
                    Some(_) => child(map, key, Kind::Schema, v, depth + 1),
                    None => {}
                }
            }
            for key in SCHEMA_LISTS {
                if let Some(list) = map.get_mut(*key) {
                    each_item(list, Kind::Schema, &ptr.push(key), depth + 1, v);
                }
            }
        }
        Kind::PathItem => {
            if let Some(list) = map.get_mut("parameters") {
                each_item(list, Kind::Parameter, &ptr.push("parameters"), 0, v);
            }
            for m in METHODS {
                child(map, m, Kind::Operation, v, 0);
            }
        }
        Kind::Operation => {
            if let Some(list) = map.get_mut("parameters") {
                each_item(list, Kind::Parameter, &ptr.push("parameters"), 0, v);
            }
            child(map, "requestBody", Kind::RequestBody, v, 0);
            entries(map, "responses", Kind::Response, v);
            entries(map, "callbacks", Kind::Callback, v);
        }
        Kind::Callback => {
            for (key, item) in map.iter_mut() {
                if !key.starts_with("x-") {
                    visit(Kind::PathItem, item, &ptr.push(key), 0, v);
                }
            }
        }
        Kind::Parameter | Kind::Header => {
            child(map, "schema", Kind::Schema, v, 0);
            entries(map, "content", Kind::MediaType, v);
            entries(map, "examples", Kind::Example, v);
        }
        Kind::Response => {
            entries(map, "headers", Kind::Header, v);
            entries(map, "content", Kind::MediaType, v);
            entries(map, "links", Kind::Link, v);
        }
        Kind::RequestBody => entries(map, "content", Kind::MediaType, v),
        Kind::MediaType => {
            child(map, "schema", Kind::Schema, v, 0);
            entries(map, "examples", Kind::Example, v);
            if let Some(Value::Object(enc)) = map.get_mut("encoding") {
                let at = ptr.push("encoding");
                for (name, e) in enc.iter_mut() {
                    if let Value::Object(e) = e {
                        if let Some(h) = e.get_mut("headers") {
                            each_entry(h, Kind::Header, &at.push(name).push("headers"), v);
                        }
                    }
                }
            }
        }
        Kind::Example | Kind::Link | Kind::SecurityScheme => {}
    }
    v.leave(kind, node, ptr);
}
