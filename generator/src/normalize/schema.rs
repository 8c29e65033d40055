//! One canonical form of every schema, so that lowering sees one shape of each construct:
//!
//! - `$ref` beside other keywords becomes `allOf: [{$ref}]` with the keywords beside it;
//! - `allOf` members that only annotate (`description`, `nullable`, `readOnly`, `example`,
//!   `required`...) are folded into the schema itself; members that only constrain one value
//!   (`{type: string}`, `{format: uuid}`) are merged into one schema;
//! - `properties`/`required`/`additionalProperties` beside `allOf` become one more member,
//!   and beside `oneOf`/`anyOf` an `allOf` of the object and the union;
//! - `type` beside a union moves into the members that lack one;
//! - `required: true` on a property (a Swagger 2 habit) moves to the parent's `required`;
//! - sizes written as floats (`maxLength: 10.0`) become integers, and integer bounds beyond
//!   64 bits are dropped.

use serde_json::{Map, Value, json};

/// Keywords that describe a value without constraining its shape.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "nullable",
    "readOnly",
    "writeOnly",
    "example",
    "examples",
    "default",
    "deprecated",
    "externalDocs",
    "xml",
    "$comment",
];

/// Keywords that give a schema its shape.
const STRUCTURE: &[&str] = &[
    "type",
    "properties",
    "additionalProperties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "$ref",
    "enum",
    "discriminator",
];

/// Keywords of object schemas.
const OBJECT: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
];

/// Keywords whose value is a size (a non-negative integer).
pub(super) const SIZES: &[&str] = &[
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
];

/// Replaces a boolean schema (3.1) with its closest 3.0 form.
pub fn boolean(node: &mut Value) {
    if node.is_boolean() {
        *node = json!({});
    }
}

/// Rewrites one schema object into the canonical form (children first, by the walk).
pub fn canonical(map: &mut Map<String, Value>) {
    super::v31::schema(map);
    ref_siblings(map);
    property_required(map);
    coerce_sizes(map);
    single_member_union(map);
    if map.contains_key("allOf") || map.contains_key("oneOf") || map.contains_key("anyOf") {
        compositions(map);
    }
    if map.contains_key("allOf") {
        fold_all_of(map);
    }
}

fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

/// A union of one member (often what is left of `anyOf: [X, {type: "null"}]`) is that member.
fn single_member_union(map: &mut Map<String, Value>) {
    if map.contains_key("discriminator") || map.contains_key("allOf") {
        return;
    }
    for key in ["oneOf", "anyOf"] {
        let single = map
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|m| m.len() == 1);
        let other = if key == "oneOf" { "anyOf" } else { "oneOf" };
        if single && !map.contains_key(other) {
            let members = map.remove(key).expect("checked above");
            map.insert("allOf".to_string(), members);
            return;
        }
    }
}

/// `{$ref: X, description: ...}`: the description (and the rest) apply to X's use here.
fn ref_siblings(map: &mut Map<String, Value>) {
    if !map.contains_key("$ref") || map.len() == 1 {
        return;
    }
    if map.keys().all(|k| k == "$ref" || is_extension(k)) {
        return;
    }
    let reference = map.remove("$ref").expect("checked above");
    let member = json!({ "$ref": reference });
    match map.get_mut("allOf") {
        Some(Value::Array(members)) => members.insert(0, member),
        _ => {
            map.insert("allOf".to_string(), Value::Array(vec![member]));
        }
    }
}

/// `properties: {a: {required: true}}` means `required: [a]`.
fn property_required(map: &mut Map<String, Value>) {
    let Some(Value::Object(props)) = map.get_mut("properties") else {
        return;
    };
    let mut required = Vec::new();
    for (name, prop) in props.iter_mut() {
        if let Some(obj) = prop.as_object_mut() {
            if let Some(Value::Bool(r)) = obj.get("required") {
                if *r {
                    required.push(name.clone());
                }
                obj.remove("required");
            }
        }
    }
    if required.is_empty() {
        return;
    }
    let list = map.entry("required").or_insert_with(|| json!([]));
    if let Value::Array(list) = list {
        for r in required {
            if !list.iter().any(|v| v.as_str() == Some(&r)) {
                list.push(Value::String(r));
            }
        }
    }
}

fn coerce_sizes(map: &mut Map<String, Value>) {
    for key in SIZES {
        if let Some(Value::Number(n)) = map.get(*key) {
            if n.is_u64() {
                continue;
            }
            match n.as_f64() {
                Some(f) if f >= 0.0 && f.fract() == 0.0 && f < 1e15 => {
                    map.insert(key.to_string(), json!(f as u64));
                }
                _ => {
                    map.remove(*key);
                }
            }
        }
    }
    if map.get("type").and_then(Value::as_str) == Some("integer") {
        for key in ["minimum", "maximum", "multipleOf"] {
            if let Some(Value::Number(n)) = map.get(key) {
                if n.is_i64() {
                    continue;
                }
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e18 => {
                        map.insert(key.to_string(), json!(f as i64));
                    }
                    // Beyond 64 bits: no Rust integer can hold the bound, so it bounds nothing.
                    _ => {
                        map.remove(key);
                    }
                }
            }
        }
    }
}

/// Object keywords and `type` beside compositions.
fn compositions(map: &mut Map<String, Value>) {
    let has_union = map.contains_key("oneOf") || map.contains_key("anyOf");
    // Forbidding extra properties constrains nothing a composition's type can express, and
    // `items` beside object keywords or a composition is a copy-paste slip.
    if map.get("additionalProperties") == Some(&Value::Bool(false)) {
        map.remove("additionalProperties");
    }
    if map.get("type").and_then(Value::as_str) != Some("array") {
        map.remove("items");
    }
    let has_object_keywords = OBJECT.iter().any(|k| {
        map.contains_key(*k) && !(*k == "required" && !map.contains_key("allOf") && has_union)
    });
    if has_object_keywords {
        let mut own = Map::new();
        own.insert("type".to_string(), json!("object"));
        for k in OBJECT {
            if let Some(v) = map.remove(*k) {
                own.insert(k.to_string(), v);
            }
        }
        map.remove("type");
        let members = all_of_members(map);
        members.push(Value::Object(own));
    }
    if map.contains_key("allOf") && has_union {
        // allOf beside a union: the union is one more member.
        for key in ["oneOf", "anyOf"] {
            if let Some(union) = map.remove(key) {
                let mut member = Map::new();
                member.insert(key.to_string(), union);
                if let Some(d) = map.remove("discriminator") {
                    member.insert("discriminator".to_string(), d);
                }
                all_of_members(map).push(Value::Object(member));
            }
        }
    }
    // A union's `type` belongs to its members.
    if let Some(t) = map.get("type").cloned() {
        if has_union && !map.contains_key("allOf") {
            map.remove("type");
            for key in ["oneOf", "anyOf"] {
                if let Some(Value::Array(members)) = map.get_mut(key) {
                    for m in members.iter_mut().filter_map(Value::as_object_mut) {
                        if !m.contains_key("type") && !m.contains_key("$ref") && t != "object" {
                            m.insert("type".to_string(), t.clone());
                        }
                    }
                }
            }
        } else if map.contains_key("allOf") && t == "object" {
            map.remove("type");
        }
    }
    // A union's members never need `required` from the parent to type them.
    if has_union && !map.contains_key("allOf") {
        map.remove("required");
    }
}

fn all_of_members(map: &mut Map<String, Value>) -> &mut Vec<Value> {
    let entry = map.entry("allOf").or_insert_with(|| json!([]));
    if !entry.is_array() {
        *entry = json!([]);
    }
    entry.as_array_mut().expect("just made an array")
}

/// Whether a member has nothing that shapes a value.
fn only_annotates(member: &Map<String, Value>) -> bool {
    member
        .keys()
        .all(|k| ANNOTATIONS.contains(&k.as_str()) || k == "required" || is_extension(k))
}

/// Whether a member constrains a single value without giving it a shape of its own.
fn only_constrains(member: &Map<String, Value>) -> bool {
    !member.is_empty()
        && member.keys().all(|k| {
            !STRUCTURE.contains(&k.as_str()) && !OBJECT.contains(&k.as_str()) || k == "enum"
        })
        && !member.contains_key("required")
}

/// Whether a member is a value of one primitive type (no object or array shape).
fn is_primitive(member: &Map<String, Value>) -> bool {
    match member.get("type").and_then(Value::as_str) {
        Some("string" | "integer" | "number" | "boolean") => !member.keys().any(|k| {
            OBJECT.contains(&k.as_str()) || STRUCTURE[1..].contains(&k.as_str()) && k != "enum"
        }),
        _ => false,
    }
}

fn fold_all_of(map: &mut Map<String, Value>) {
    let Some(Value::Array(members)) = map.remove("allOf") else {
        return;
    };
    let mut kept = Vec::new();
    let mut required: Vec<Value> = Vec::new();
    let mut annotations = Map::new();
    for member in members {
        match member {
            Value::Object(m) if only_annotates(&m) => {
                for (k, v) in m {
                    if k == "required" {
                        if let Value::Array(r) = v {
                            required.extend(r);
                        }
                    } else {
                        annotations.entry(k).or_insert(v);
                    }
                }
            }
            other => kept.push(other),
        }
    }
    // Members that are all one primitive value (a type here, a format or bound there) are
    // one schema.
    let all_primitive = !kept.is_empty()
        && kept.iter().all(|m| {
            m.as_object()
                .is_some_and(|m| is_primitive(m) || only_constrains(m))
        })
        && kept
            .iter()
            .any(|m| m.as_object().is_some_and(|m| m.contains_key("type")));
    if all_primitive {
        let mut merged = Map::new();
        let members = std::mem::take(&mut kept);
        for m in members {
            if let Value::Object(m) = m {
                for (k, v) in m {
                    if k == "type" {
                        if let Some(existing) = merged.get("type") {
                            if *existing != v {
                                // Contradictory: keep both so that lowering names the conflict.
                                kept.push(json!({ "type": v }));
                                continue;
                            }
                        }
                    }
                    merged.entry(k).or_insert(v);
                }
            }
        }
        if kept.is_empty() {
            for (k, v) in merged {
                map.entry(k).or_insert(v);
            }
        } else {
            kept.insert(0, Value::Object(merged));
        }
    } else {
        // Constraints beside a referenced or structured member apply to the whole value.
        let mut rest = Vec::new();
        for m in kept {
            match m {
                Value::Object(o) if only_constrains(&o) && !o.contains_key("enum") => {
                    for (k, v) in o {
                        map.entry(k).or_insert(v);
                    }
                }
                other => rest.push(other),
            }
        }
        kept = rest;
    }
    for (k, v) in annotations {
        map.entry(k).or_insert(v);
    }
    if !required.is_empty() {
        if kept.is_empty() {
            map.insert("type".to_string(), json!("object"));
            map.insert("required".to_string(), Value::Array(required));
        } else {
            kept.push(json!({ "type": "object", "required": required }));
        }
    }
    if !kept.is_empty() {
        map.insert("allOf".to_string(), Value::Array(kept));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(v: Value) -> Value {
        let Value::Object(mut m) = v else { panic!() };
        canonical(&mut m);
        Value::Object(m)
    }

    const X: &str = "#/components/schemas/X";

    #[test]
    fn annotation_members_fold_into_the_schema() {
        assert_eq!(
            norm(json!({"allOf": [{"$ref": X}, {"description": "d", "nullable": true}]})),
            json!({"allOf": [{"$ref": X}], "description": "d", "nullable": true})
        );
        assert_eq!(
            norm(json!({"allOf": [{"$ref": X}, {"required": ["a"]}]})),
            json!({"allOf": [{"$ref": X}, {"type": "object", "required": ["a"]}]})
        );
    }

    #[test]
    fn primitive_members_merge_into_one_schema() {
        assert_eq!(
            norm(json!({"allOf": [{"type": "string"}, {"format": "uuid"}]})),
            json!({"type": "string", "format": "uuid"})
        );
        assert_eq!(
            norm(json!({"allOf": [{"$ref": X}, {"maxLength": 5}]})),
            json!({"allOf": [{"$ref": X}], "maxLength": 5})
        );
    }

    #[test]
    fn ref_siblings_wrap_the_ref() {
        assert_eq!(
            norm(json!({"$ref": X, "description": "d"})),
            json!({"allOf": [{"$ref": X}], "description": "d"})
        );
        assert_eq!(
            norm(json!({"$ref": X, "x-a": 1})),
            json!({"$ref": X, "x-a": 1})
        );
    }

    #[test]
    fn object_keywords_beside_compositions_become_a_member() {
        assert_eq!(
            norm(
                json!({"type": "object", "allOf": [{"$ref": X}], "properties": {"a": {}}, "required": ["a"]})
            ),
            json!({"allOf": [{"$ref": X}, {"type": "object", "properties": {"a": {}}, "required": ["a"]}]})
        );
        assert_eq!(
            norm(json!({"oneOf": [{"$ref": X}, {"type": "object"}], "properties": {"a": {}}})),
            json!({"allOf": [{"type": "object", "properties": {"a": {}}}, {"oneOf": [{"$ref": X}, {"type": "object"}]}]})
        );
        assert_eq!(
            norm(json!({"type": "string", "oneOf": [{"enum": ["a"]}, {"pattern": "b"}]})),
            json!({"oneOf": [{"enum": ["a"], "type": "string"}, {"pattern": "b", "type": "string"}]})
        );
    }

    #[test]
    fn a_union_of_one_member_is_that_member() {
        assert_eq!(
            norm(json!({"anyOf": [{"$ref": X}], "nullable": true})),
            json!({"allOf": [{"$ref": X}], "nullable": true})
        );
    }

    #[test]
    fn property_required_flags_move_to_the_parent() {
        assert_eq!(
            norm(json!({"properties": {"a": {"type": "string", "required": true}}})),
            json!({"properties": {"a": {"type": "string"}}, "required": ["a"]})
        );
    }

    #[test]
    fn sizes_and_integer_bounds_are_coerced() {
        assert_eq!(
            norm(json!({"type": "integer", "maxLength": 3.0, "minimum": -9.3e18, "maximum": 5.0})),
            json!({"type": "integer", "maxLength": 3, "maximum": 5})
        );
    }
}
