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
    for mut entry in entries(doc) {
        entry.walk(v);
    }
}

/// One top-level object of the document: a path item of `paths` or `webhooks`, or an entry
/// of a `components` section. Entries do not overlap, so that threads may walk them at once.
pub struct Entry<'d> {
    kind: Kind,
    node: &'d mut Value,
    ptr: Pointer,
}

impl Entry<'_> {
    /// Walks this entry and all it holds.
    pub fn walk(&mut self, v: &mut dyn Visit) {
        visit(self.kind, self.node, &self.ptr, 0, v);
    }
}

/// The document's top-level objects in the order of [`walk_document`]: the path items of
/// `paths`, then of `webhooks` (whatever the document's order), then each `components`
/// section's entries.
pub fn entries(doc: &mut Value) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let Value::Object(map) = doc else {
        return out;
    };
    let root = Pointer::root();
    let mut paths = Vec::new();
    let mut components = None;
    for (key, value) in map.iter_mut() {
        match key.as_str() {
            "paths" => paths.push(("paths", value)),
            "webhooks" => paths.push(("webhooks", value)),
            "components" => components = Some(value),
            _ => {}
        }
    }
    paths.sort_by_key(|(key, _)| *key != "paths");
    for (key, value) in paths {
        section_entries(value, Kind::PathItem, &root.push(key), &mut out);
    }
    let Some(Value::Object(components)) = components else {
        return out;
    };
    let base = root.push("components");
    let mut sections: Vec<(Kind, &mut Value)> = Vec::new();
    for (key, value) in components.iter_mut() {
        let kind = SECTIONS.iter().copied().find(|k| k.section() == Some(key));
        if let Some(kind) = kind {
            sections.push((kind, value));
        }
    }
    sections.sort_by_key(|(kind, _)| SECTIONS.iter().position(|k| k == kind));
    for (kind, entries) in sections {
        let section = kind.section().unwrap_or_default();
        section_entries(entries, kind, &base.push(section), &mut out);
    }
    out
}

/// The sections of `components`, in the order they are walked.
const SECTIONS: [Kind; 10] = [
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
];

/// The entries of a map of objects of one kind (a `components` section, `paths`, a
/// response's `headers`), in order.
fn section_entries<'d>(map: &'d mut Value, kind: Kind, ptr: &Pointer, out: &mut Vec<Entry<'d>>) {
    if let Value::Object(entries) = map {
        for (key, node) in entries.iter_mut() {
            // `x-...` keys are extensions, not entries (`paths` and `responses` may have them).
            if key.starts_with("x-") && kind != Kind::Schema {
                continue;
            }
            out.push(Entry {
                kind,
                node,
                ptr: ptr.push(key),
            });
        }
    }
}

/// Walks one object of a known kind (e.g. a hoisted schema).
pub fn walk(kind: Kind, node: &mut Value, ptr: &Pointer, v: &mut dyn Visit) {
    visit(kind, node, ptr, 0, v);
}

fn each_entry(map: &mut Value, kind: Kind, ptr: &Pointer, v: &mut dyn Visit) {
    let mut entries = Vec::new();
    section_entries(map, kind, ptr, &mut entries);
    for mut entry in entries {
        entry.walk(v);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_paths_then_webhooks_then_components_in_section_order() {
        let mut doc = serde_json::json!({
            "webhooks": {"hook": {}},
            "components": {
                "responses": {"NotFound": {}},
                "x-vendor": {"ignored": {}},
                "schemas": {"Pet": {}, "x-schema-named-so": {}},
                "parameters": {"x-not-an-entry": {}, "limit": {}},
            },
            "info": {},
            "paths": {"/pets": {}, "x-extension": {}},
        });
        let kinds_and_pointers: Vec<(Kind, String)> = entries(&mut doc)
            .into_iter()
            .map(|e| (e.kind, e.ptr.as_str().to_string()))
            .collect();
        assert_eq!(
            kinds_and_pointers,
            [
                (Kind::PathItem, "#/paths/~1pets"),
                (Kind::PathItem, "#/webhooks/hook"),
                (Kind::Schema, "#/components/schemas/Pet"),
                (Kind::Schema, "#/components/schemas/x-schema-named-so"),
                (Kind::Parameter, "#/components/parameters/limit"),
                (Kind::Response, "#/components/responses/NotFound"),
            ]
            .map(|(k, p)| (k, p.to_string()))
        );
    }
}
