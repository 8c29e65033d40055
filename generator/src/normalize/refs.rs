//! `$ref`s to any JSON pointer of the document.
//!
//! After this pass a schema `$ref` names a component (`#/components/schemas/<name>`), written
//! canonically: a reference into a path, or into a component's inside, is hoisted into a new
//! component (remembered with where it came from); any other reference that is not to its own
//! component section is replaced by a copy of what it points at. References to other files
//! are refused with their name.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::pointer;
use super::walk::{self, Kind, Visit};
use crate::diag::{Diagnostic, Pointer};
use crate::lower::names::type_name;

/// How many references may be followed from one place before giving up (a cycle of
/// references that never reaches an object).
const MAX_CHAIN: usize = 32;

pub struct Resolved {
    /// New component name -> the pointer it was hoisted from.
    pub hoisted: BTreeMap<String, String>,
}

pub fn resolve(doc: &mut Value, file: &std::path::Path, errors: &mut Vec<Diagnostic>) -> Resolved {
    let original = doc.clone();
    let taken = component_keys(&original);
    let mut pass = RefPass {
        original: &original,
        file,
        errors,
        hoisted_by_target: BTreeMap::new(),
        pending: Vec::new(),
        taken,
    };
    walk::walk_document(doc, &mut pass);
    // Hoisted schemas may themselves refer elsewhere: resolve them until none is left.
    let mut hoisted = Vec::new();
    while let Some((name, from, mut schema)) = pass.pending.pop() {
        let ptr = Pointer::from_ref(&from);
        walk::walk(Kind::Schema, &mut schema, &ptr, &mut pass);
        hoisted.push((name, from, schema));
    }
    let mut out = BTreeMap::new();
    if !hoisted.is_empty() {
        let schemas = schemas_mut(doc);
        for (name, from, schema) in hoisted {
            schemas.insert(name.clone(), schema);
            out.insert(name, from);
        }
    }
    Resolved { hoisted: out }
}

fn component_keys(doc: &Value) -> std::collections::BTreeSet<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn schemas_mut(doc: &mut Value) -> &mut Map<String, Value> {
    let root = doc.as_object_mut().expect("the document is an object");
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let schemas = components
        .as_object_mut()
        .expect("just made an object")
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()));
    if !schemas.is_object() {
        *schemas = Value::Object(Map::new());
    }
    schemas.as_object_mut().expect("just made an object")
}

struct RefPass<'a> {
    original: &'a Value,
    file: &'a std::path::Path,
    errors: &'a mut Vec<Diagnostic>,
    /// Target pointer -> hoisted component name.
    hoisted_by_target: BTreeMap<String, String>,
    /// (name, target pointer, schema) still to be walked.
    pending: Vec<(String, String, Value)>,
    taken: std::collections::BTreeSet<String>,
}

impl RefPass<'_> {
    fn error(&mut self, at: &Pointer, message: String, hint: &str) {
        self.errors
            .push(Diagnostic::at(self.file, at.as_str(), message).with_hint(hint));
    }

    /// A component of `kind`'s own section that exists: the canonical reference to it.
    fn component_ref(&self, kind: Kind, segs: &[String]) -> Option<String> {
        let section = kind.section()?;
        if segs.len() == 3 && segs[0] == "components" && segs[1] == section {
            pointer::lookup(self.original, segs)?;
            return Some(pointer::join(segs));
        }
        None
    }

    /// Follows references from `segs` until an object that is not one; `None` (and an error)
    /// when the chain breaks.
    fn follow(&mut self, reference: &str, at: &Pointer) -> Option<(Vec<String>, Value)> {
        let mut current = reference.to_string();
        for _ in 0..MAX_CHAIN {
            let segs = self.local(&current, at)?;
            let Some(target) = pointer::lookup(self.original, &segs) else {
                let hint = unresolved_hint(&segs, self.original);
                self.error(at, format!("unresolvable $ref `{current}`"), &hint);
                return None;
            };
            match target.get("$ref").and_then(Value::as_str) {
                Some(next) => current = next.to_string(),
                None => return Some((segs, target.clone())),
            }
        }
        self.error(
            at,
            format!("$ref `{reference}` starts a chain of references that never ends"),
            "make the chain end at an object",
        );
        None
    }

    /// The segments of a local reference, or an error naming the other document.
    fn local(&mut self, reference: &str, at: &Pointer) -> Option<Vec<String>> {
        match pointer::segments(reference) {
            Some(segs) => Some(segs),
            None => {
                let file = reference.split('#').next().unwrap_or(reference);
                self.error(
                    at,
                    format!("$ref `{reference}` refers to another document, `{file}`"),
                    "bundle the spec into one document first (e.g. `redocly bundle` or `swagger-cli bundle`)",
                );
                None
            }
        }
    }

    fn hoist(&mut self, segs: &[String], reference: &str, at: &Pointer) -> Option<String> {
        let canonical = pointer::join(segs);
        if let Some(name) = self.hoisted_by_target.get(&canonical) {
            return Some(name.clone());
        }
        let Some(target) = pointer::lookup(self.original, segs) else {
            let hint = unresolved_hint(segs, self.original);
            self.error(at, format!("unresolvable $ref `{reference}`"), &hint);
            return None;
        };
        let name = self.fresh_name(segs);
        self.hoisted_by_target
            .insert(canonical.clone(), name.clone());
        self.pending.push((name.clone(), canonical, target.clone()));
        Some(name)
    }

    /// A component name for a schema hoisted from `segs`: its meaningful words.
    fn fresh_name(&mut self, segs: &[String]) -> String {
        const STRUCTURE: &[&str] = &[
            "paths",
            "components",
            "schemas",
            "properties",
            "items",
            "content",
            "schema",
            "responses",
            "parameters",
            "requestBody",
            "requestBodies",
            "allOf",
            "oneOf",
            "anyOf",
            "additionalProperties",
            "$defs",
            "definitions",
            "headers",
        ];
        let words: Vec<&str> = segs
            .iter()
            .map(String::as_str)
            .filter(|s| !STRUCTURE.contains(s) && !s.contains('/') || s.starts_with('/'))
            .collect();
        let base = type_name(&words.join(" "));
        let base = if base.is_empty() {
            "Schema".to_string()
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// What stands in for a reference that could not be resolved (already reported): later
/// passes skip it rather than report it again.
fn unresolved() -> Value {
    serde_json::json!({ "x-unresolved": true })
}

fn unresolved_hint(segs: &[String], doc: &Value) -> String {
    if segs.len() >= 2 && segs[0] == "components" {
        let section = &segs[1];
        let count = doc
            .pointer(&format!("/components/{section}"))
            .and_then(Value::as_object)
            .map_or(0, |m| m.len());
        if segs.len() == 3 {
            return format!(
                "no entry of that name under #/components/{section} ({count} entries there); check the spelling"
            );
        }
        if pointer::lookup(doc, &segs[..3]).is_some() {
            return format!(
                "#/components/{section}/{} exists, but has nothing at the rest of this pointer",
                segs[2]
            );
        }
    }
    "nothing in this document is at that pointer".to_string()
}

impl Visit for RefPass<'_> {
    fn enter(&mut self, kind: Kind, node: &mut Value, ptr: &Pointer) {
        let Some(reference) = node.get("$ref").and_then(Value::as_str).map(str::to_string) else {
            return;
        };
        let at = ptr.push("$ref");
        let Some(segs) = self.local(&reference, &at) else {
            *node = unresolved();
            return;
        };
        if kind == Kind::Schema {
            let canonical = match self.component_ref(kind, &segs) {
                Some(c) => Some(c),
                None => self
                    .hoist(&segs, &reference, &at)
                    .map(|name| pointer::join(&["components".into(), "schemas".into(), name])),
            };
            match canonical {
                Some(c) => {
                    node["$ref"] = Value::String(c);
                }
                None => *node = unresolved(),
            }
            return;
        }
        // Path items and callbacks are always inlined (`openapiv3` takes no reference for a
        // callback, and the SDK has no use for the reference itself).
        if kind != Kind::PathItem && kind != Kind::Callback {
            if let Some(c) = self.component_ref(kind, &segs) {
                node["$ref"] = Value::String(c);
                return;
            }
        }
        if let Some(section) = kind.section() {
            let elsewhere = segs.len() == 3 && segs[0] == "components" && segs[1] != section;
            if elsewhere && pointer::lookup(self.original, &segs).is_none() {
                self.error(
                    &ptr.clone(),
                    format!("unresolvable $ref `{reference}`"),
                    &format!("expected a reference to an entry of #/components/{section}"),
                );
                *node = unresolved();
                return;
            }
        }
        match self.follow(&reference, &at) {
            Some((_, target)) => *node = target,
            None => *node = unresolved(),
        }
    }
}
