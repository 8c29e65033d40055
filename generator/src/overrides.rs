//! `schema_overrides` from the config: corrections to the spec, applied before anything reads it.
//!
//! Each entry maps a JSON pointer into the spec to a JSON merge patch (RFC 7396) for the node
//! there: members given replace the node's, `null` removes one. A spec that says `format: date`
//! for a value the API sends masked (`****-**-**`) is fixed with `{ format: null }`.

use std::path::Path;

use indexmap::IndexMap;
use serde_json::Value;

use crate::diag::{Diagnostic, Pointer};

/// Applies every override to `doc`; a pointer that names no node is an error at its key.
pub fn apply(
    doc: &mut Value,
    overrides: &IndexMap<String, Value>,
    config_file: &Path,
) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for (pointer, patch) in overrides {
        let at = Pointer::root().push("schema_overrides").push(pointer);
        let path = pointer.strip_prefix('#').unwrap_or(pointer);
        if !path.is_empty() && !path.starts_with('/') {
            errors.push(
                Diagnostic::at(
                    config_file,
                    at.as_str(),
                    format!("`{pointer}` is not a JSON pointer"),
                )
                .with_hint(
                    "write it as in a $ref, e.g. `#/components/schemas/Customer/properties/dob`",
                ),
            );
            continue;
        }
        match doc.pointer_mut(path) {
            Some(node) => merge(node, patch),
            None => errors.push(
                Diagnostic::at(
                    config_file,
                    at.as_str(),
                    format!("the spec has no node at `{pointer}`"),
                )
                .with_hint(
                    "point at a node of the spec as it is written, before any `$ref` is followed",
                ),
            ),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// RFC 7396: objects merge member by member, `null` removes, anything else replaces.
fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(map) = target {
        for (k, v) in patch {
            if v.is_null() {
                map.remove(k);
            } else {
                merge(map.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_merge_patch_replaces_removes_and_adds() {
        let mut doc = json!({ "a": { "type": "string", "format": "date", "x": [1] } });
        let overrides: IndexMap<String, Value> = [(
            "#/a".to_string(),
            json!({ "format": null, "x": { "y": 1 }, "description": "d" }),
        )]
        .into_iter()
        .collect();
        apply(&mut doc, &overrides, Path::new("c.yaml")).unwrap();
        assert_eq!(
            doc,
            json!({ "a": { "type": "string", "x": { "y": 1 }, "description": "d" } })
        );
    }

    #[test]
    fn a_pointer_to_nothing_names_its_key() {
        let mut doc = json!({ "a": {} });
        let overrides: IndexMap<String, Value> =
            [("#/b/c".to_string(), json!({}))].into_iter().collect();
        let errors = apply(&mut doc, &overrides, Path::new("c.yaml")).unwrap_err();
        assert_eq!(
            errors[0].to_string().lines().next().unwrap(),
            "c.yaml: #/schema_overrides/#~1b~1c: the spec has no node at `#/b/c`"
        );
    }
}
