//! OpenAPI 3.1 (JSON Schema 2020-12) keywords rewritten into their OpenAPI 3.0 equivalents, so
//! that `openapiv3`'s 3.0 model, and everything after it, sees one form of each construct.
//!
//! Applied to every schema of every document: 3.0 documents that use a 3.1 spelling by
//! mistake (a numeric `exclusiveMinimum`, `examples` in a schema) are common.

use serde_json::{Map, Value, json};

/// Rewrites one schema object in place (its children are already rewritten).
pub fn schema(map: &mut Map<String, Value>) {
    type_array(map);
    if let Some(c) = map.remove("const") {
        map.entry("enum").or_insert_with(|| json!([c]));
    }
    if let Some(Value::Array(examples)) = map.remove("examples") {
        if let Some(first) = examples.into_iter().next() {
            map.entry("example").or_insert(first);
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(n @ Value::Number(_)) = map.get(exclusive).cloned() {
            map.insert(bound.to_string(), n);
            map.insert(exclusive.to_string(), Value::Bool(true));
        }
    }
    match map.get("contentEncoding").and_then(Value::as_str) {
        Some("base64") | Some("base64url") => {
            map.entry("format").or_insert_with(|| json!("byte"));
        }
        _ => {}
    }
    if map.contains_key("contentMediaType") && !map.contains_key("contentEncoding") {
        let binary = map
            .get("contentMediaType")
            .and_then(Value::as_str)
            .is_some_and(|m| !m.starts_with("text/") && !m.contains("json"));
        if binary {
            map.entry("format").or_insert_with(|| json!("binary"));
        }
    }
    // Tuples: the SDK types them as arrays of any value.
    if map.remove("prefixItems").is_some() && !map.get("items").is_some_and(Value::is_object) {
        map.insert("items".to_string(), json!({}));
    }
    if map
        .get("items")
        .is_some_and(|i| i.is_array() || i.is_boolean())
    {
        map.insert("items".to_string(), json!({}));
    }
    null_members(map, "oneOf");
    null_members(map, "anyOf");
}

/// `type: [string, "null"]` is a nullable string; several non-null types are a `oneOf`.
fn type_array(map: &mut Map<String, Value>) {
    let types: Vec<String> = match map.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(t)) if t == "null" => vec!["null".to_string()],
        _ => return,
    };
    map.remove("type");
    let non_null: Vec<&String> = types.iter().filter(|t| *t != "null").collect();
    if non_null.len() < types.len() {
        map.insert("nullable".to_string(), Value::Bool(true));
    }
    match non_null.as_slice() {
        [] => {}
        [one] => {
            map.insert("type".to_string(), json!(one));
        }
        many => {
            if !map.contains_key("oneOf") && !map.contains_key("anyOf") {
                let members: Vec<Value> = many.iter().map(|t| json!({ "type": t })).collect();
                map.insert("oneOf".to_string(), Value::Array(members));
            }
        }
    }
}

/// `anyOf: [X, {type: "null"}]` is a nullable X.
fn null_members(map: &mut Map<String, Value>, key: &str) {
    let Some(Value::Array(members)) = map.get_mut(key) else {
        return;
    };
    let before = members.len();
    members.retain(|m| !is_null_schema(m));
    if members.len() < before {
        map.insert("nullable".to_string(), Value::Bool(true));
        if map
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            map.remove(key);
        }
    }
}

fn is_null_schema(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    let null_type = m.get("type").and_then(Value::as_str) == Some("null");
    let null_enum = m
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|e| e.len() == 1 && e[0].is_null());
    // `{type: "null"}` itself becomes `{nullable: true}` first (members are rewritten before
    // their union).
    let only_null = m.get("nullable") == Some(&Value::Bool(true))
        && !m.contains_key("type")
        && !m.contains_key("enum");
    (null_type || null_enum || only_null)
        && m.keys().all(|k| {
            matches!(
                k.as_str(),
                "type" | "enum" | "description" | "title" | "nullable"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(v: Value) -> Value {
        let Value::Object(mut m) = v else { panic!() };
        schema(&mut m);
        Value::Object(m)
    }

    #[test]
    fn type_arrays_become_nullable_or_one_of() {
        assert_eq!(
            norm(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            norm(json!({"type": ["string", "integer"]})),
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}]})
        );
        assert_eq!(norm(json!({"type": "null"})), json!({"nullable": true}));
    }

    #[test]
    fn const_examples_and_exclusive_bounds() {
        assert_eq!(
            norm(json!({"const": "a", "examples": ["x", "y"], "exclusiveMinimum": 0})),
            json!({"enum": ["a"], "example": "x", "minimum": 0, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn null_members_of_unions_make_them_nullable() {
        assert_eq!(
            norm(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})),
            json!({"anyOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
        );
    }
}
