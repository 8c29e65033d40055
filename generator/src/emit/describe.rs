//! Facts about methods, parameters and types in words, shared by the rustdoc of methods and
//! the API reference (`api.md`): Rust types as a reader writes them, parameters by location
//! with their constraints, and an example JSON value of any type.

use serde_json::{Value, json};

use super::samples::{Samples, sample_string};
use crate::ir::{
    Api, BodyShape, FloatKind, IntKind, Method, Param, ParamLocation, SchemaFacts, TypeKind,
    TypeRef,
};

/// A type as code names it, below the crate: `String`, `Vec<types::customer_v1::Data>`.
pub fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Int(IntKind::I32) => "i32".into(),
        TypeRef::Int(IntKind::I64) => "i64".into(),
        TypeRef::Int(IntKind::U32) => "u32".into(),
        TypeRef::Int(IntKind::U64) => "u64".into(),
        TypeRef::Float(FloatKind::F32) => "f32".into(),
        TypeRef::Float(FloatKind::F64) => "f64".into(),
        TypeRef::Date => "NaiveDate".into(),
        TypeRef::DateTime => "DateTime<Utc>".into(),
        TypeRef::Binary => "FilePart".into(),
        TypeRef::Any => "serde_json::Value".into(),
        TypeRef::Array(t) => format!("Vec<{}>", type_text(t)),
        TypeRef::Map(t) => format!("BTreeMap<String, {}>", type_text(t)),
        TypeRef::Named(n) => format!("types::{n}"),
    }
}

/// "`a`, `b`" for an enum type's values (following aliases), if `ty` is one.
pub fn enum_values(api: &Api, ty: &TypeRef) -> Option<String> {
    let def = crate::ir::resolve(&api.types, ty)?;
    match &def.kind {
        TypeKind::Enum(e) => Some(
            e.variants
                .iter()
                .map(|v| format!("`{}`", v.wire))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// A schema's constraints in words: "format `uuid`; 10 to 40 characters; at least 1".
pub fn constraints(facts: &SchemaFacts) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = &facts.format {
        out.push(format!("format `{f}`"));
    }
    if let Some(b) = super::rust::length_bounds(facts) {
        out.push(format!("{b} characters"));
    }
    if let Some(p) = &facts.pattern {
        out.push(format!("pattern `{p}`"));
    }
    match (facts.minimum, facts.maximum) {
        (Some(a), Some(b)) => out.push(format!("{a} to {b}")),
        (Some(a), None) => out.push(format!("at least {a}")),
        (None, Some(b)) => out.push(format!("at most {b}")),
        (None, None) => {}
    }
    if let Some(n) = facts.min_items {
        out.push(format!("at least {n} items"));
    }
    if !facts.int_values.is_empty() {
        let v: Vec<String> = facts.int_values.iter().map(|v| format!("`{v}`")).collect();
        out.push(format!("one of {}", v.join(", ")));
    }
    out
}

/// One line of a parameter list: "`name` (`String`, header `Idempotency-Key`, optional): ...".
pub fn param_line(api: &Api, p: &Param) -> String {
    let place = match p.location {
        ParamLocation::Path => "path".to_string(),
        ParamLocation::Query => format!("query `{}`", p.wire),
        ParamLocation::Header => format!("header `{}`", p.wire),
        ParamLocation::Cookie => format!("cookie `{}`", p.wire),
    };
    let need = if p.required { "required" } else { "optional" };
    let mut facts = value_facts(api, &p.ty, &p.schema);
    if p.idempotency_key {
        facts.push("a generated key when unset, the same on every retry".to_string());
    }
    item(
        &format!("`{}`", p.name),
        &format!("`{}`, {place}, {need}", type_text(&p.ty)),
        &facts,
        p.doc.as_deref(),
    )
}

/// The lines of a body's fields, when the body is an object: how each is passed.
pub fn body_lines(api: &Api, m: &Method) -> Vec<String> {
    let Some(body) = &m.body else {
        return Vec::new();
    };
    let Some(def) = crate::ir::resolve(&api.types, &body.ty) else {
        return vec![format!(
            "the body (`{}`, {}, {})",
            type_text(&body.ty),
            body.content_type,
            if body.required {
                "required"
            } else {
                "optional"
            }
        )];
    };
    let Some(s) = def.as_struct() else {
        return vec![format!(
            "the body (`{}`, {})",
            type_text(&body.ty),
            body.content_type
        )];
    };
    s.fields
        .iter()
        .filter(|f| !f.read_only)
        .map(|f| {
            let how = match &body.shape {
                BodyShape::Flattened { required } if required.contains(&f.name) => "argument",
                BodyShape::Params if f.is_argument() => "in the `Required` struct",
                _ => "setter",
            };
            let need = if f.is_argument() {
                "required"
            } else {
                "optional"
            };
            let mut facts = value_facts(api, &f.ty, &f.schema);
            if f.nullable {
                facts.push("nullable".to_string());
            }
            item(
                &format!("`{}`", f.name),
                &format!("`{}`, body, {need}, {how}", type_text(&f.ty)),
                &facts,
                f.doc.as_deref(),
            )
        })
        .collect()
}

/// What a value may be: its enum's values, then its schema's constraints.
pub fn value_facts(api: &Api, ty: &TypeRef, schema: &SchemaFacts) -> Vec<String> {
    let mut facts = constraints(schema);
    if let Some(v) = enum_values(api, ty) {
        facts.insert(0, format!("one of {v}"));
    }
    facts
}

/// One list item: "head (details; fact; fact): description".
pub fn item(head: &str, details: &str, facts: &[String], doc: Option<&str>) -> String {
    let facts: String = facts.iter().map(|f| format!("; {f}")).collect();
    let doc = doc.map(prose).unwrap_or_default();
    let sep = if doc.is_empty() { "" } else { ": " };
    format!("{head} ({details}{facts}){sep}{doc}")
}

/// Spec prose on one line (so that it stays inside its list item), made safe for Markdown.
pub fn prose(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    super::rust::sanitize_doc(&line).trim().to_string()
}

/// An example JSON value of `ty`, from the spec's examples where it gives them.
pub fn example_json(api: &Api, ty: &TypeRef) -> Value {
    let samples = Samples::new(api);
    let mut path = Vec::new();
    example(api, &samples, ty, &SchemaFacts::default(), &mut path, false)
}

/// A request value of `ty` with its required fields alone, each within its constraints
/// (what a mock server validating requests accepts).
pub fn minimal_json(api: &Api, ty: &TypeRef) -> Value {
    let samples = Samples::new(api);
    let mut path = Vec::new();
    example(api, &samples, ty, &SchemaFacts::default(), &mut path, true)
}

fn example(
    api: &Api,
    samples: &Samples<'_>,
    ty: &TypeRef,
    facts: &SchemaFacts,
    path: &mut Vec<String>,
    minimal: bool,
) -> Value {
    if let Some(e) = &facts.example {
        return e.clone();
    }
    match ty {
        TypeRef::String => Value::String(sample_string(facts)),
        TypeRef::Bool => Value::Bool(true),
        TypeRef::Int(_) => json!(facts.minimum.map(|m| m as i64).unwrap_or(0)),
        TypeRef::Float(_) => json!(facts.minimum.unwrap_or(0.0)),
        TypeRef::Date => json!("2024-01-15"),
        TypeRef::DateTime => json!("2024-01-15T10:30:00Z"),
        TypeRef::Binary => json!("<bytes>"),
        TypeRef::Any => json!({}),
        TypeRef::Array(t) => {
            let item = facts.items.as_deref().cloned().unwrap_or_default();
            Value::Array(vec![example(api, samples, t, &item, path, minimal)])
        }
        TypeRef::Map(t) => {
            json!({ "key": example(api, samples, t, &SchemaFacts::default(), path, minimal) })
        }
        TypeRef::Named(n) => {
            // A type met again on the way down is a cycle: cut it.
            if path.contains(n) || path.len() > 6 {
                return Value::Null;
            }
            let Some(def) = api.types.get(n) else {
                return Value::Null;
            };
            path.push(n.clone());
            let v = match &def.kind {
                TypeKind::Alias(inner) => example(api, samples, inner, facts, path, minimal),
                TypeKind::Enum(e) => e
                    .variants
                    .first()
                    .map(|v| Value::String(v.wire.clone()))
                    .unwrap_or(Value::Null),
                TypeKind::Union(u) => u
                    .variants
                    .first()
                    .map(|v| example(api, samples, &v.ty, &SchemaFacts::default(), path, minimal))
                    .unwrap_or(Value::Null),
                TypeKind::Struct(s) => {
                    let mut map = serde_json::Map::new();
                    for f in &s.fields {
                        if minimal && (!f.required || f.read_only) {
                            continue;
                        }
                        // Required but nullable: present, as `null`.
                        if minimal && !f.is_argument() {
                            map.insert(f.wire.clone(), Value::Null);
                            continue;
                        }
                        let facts = samples.field_facts(f);
                        map.insert(
                            f.wire.clone(),
                            example(api, samples, &f.ty, &facts, path, minimal),
                        );
                    }
                    Value::Object(map)
                }
            };
            path.pop();
            v
        }
    }
}
