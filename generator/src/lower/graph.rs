//! Whole-type-graph passes: boxing recursive fields, and marking where types travel.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Resource, TypeDef, TypeKind, TypeRef};

/// Names a type holds by value (not behind a `Vec` or map), which would make it infinitely
/// sized if they led back to it.
fn direct_edges(def: &TypeDef) -> Vec<&str> {
    fn direct(ty: &TypeRef) -> Option<&str> {
        match ty {
            TypeRef::Named(n) => Some(n),
            _ => None,
        }
    }
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
        TypeKind::Union(u) => u.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
        TypeKind::Alias(t) => direct(t).into_iter().collect(),
        TypeKind::Enum(_) => Vec::new(),
    }
}

fn reaches(types: &BTreeMap<String, TypeDef>, from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(def) = types.get(&n) {
            stack.extend(direct_edges(def).into_iter().map(str::to_string));
        }
    }
    false
}

/// Boxes every by-value field or variant that lies on a cycle of types.
pub fn mark_boxes(types: &mut BTreeMap<String, TypeDef>) {
    let mut to_box: Vec<(String, usize)> = Vec::new();
    for (name, def) in types.iter() {
        match &def.kind {
            TypeKind::Struct(s) => {
                for (i, f) in s.fields.iter().enumerate() {
                    if let TypeRef::Named(t) = &f.ty {
                        if reaches(types, t, name) {
                            to_box.push((name.clone(), i));
                        }
                    }
                }
            }
            TypeKind::Union(u) => {
                for (i, v) in u.variants.iter().enumerate() {
                    if let TypeRef::Named(t) = &v.ty {
                        if reaches(types, t, name) {
                            to_box.push((name.clone(), i));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for (name, i) in to_box {
        if let Some(def) = types.get_mut(&name) {
            match &mut def.kind {
                TypeKind::Struct(s) => s.fields[i].boxed = true,
                TypeKind::Union(u) => u.variants[i].boxed = true,
                _ => {}
            }
        }
    }
}

/// The names of the types `def` holds, at any depth.
fn all_edges(def: &TypeDef) -> Vec<String> {
    def.kind
        .refs()
        .iter()
        .flat_map(|t| t.names())
        .map(str::to_string)
        .collect()
}

fn mark(types: &mut BTreeMap<String, TypeDef>, roots: Vec<String>, request: bool) {
    let mut stack = roots;
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(def) = types.get_mut(&n) {
            if request {
                def.in_request = true;
            } else {
                def.in_response = true;
            }
            stack.extend(all_edges(def));
        }
    }
}

/// Marks the types reachable from request parameters and bodies, and from responses.
pub fn mark_usage(types: &mut BTreeMap<String, TypeDef>, resources: &[Resource]) {
    let mut req = Vec::new();
    let mut resp = Vec::new();
    for root in resources {
        for r in root.walk() {
            for m in &r.methods {
                req.extend(
                    m.request_refs()
                        .iter()
                        .flat_map(|t| t.names())
                        .map(str::to_string),
                );
                resp.extend(
                    m.response_refs()
                        .iter()
                        .flat_map(|t| t.names())
                        .map(str::to_string),
                );
            }
        }
    }
    mark(types, req, true);
    mark(types, resp, false);
    let decoded: Vec<String> = types
        .values()
        .filter(|d| d.in_response || !d.in_request)
        .map(|d| d.name.clone())
        .collect();
    let mut stack = decoded;
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(def) = types.get_mut(&n) {
            def.decoded = true;
            stack.extend(all_edges(def));
        }
    }
}

/// Whether `ty` reaches type `target` through aliases, arrays and maps alone (no struct or
/// union, which would give the cycle a name Rust can size).
fn alias_reaches(
    types: &BTreeMap<String, TypeDef>,
    ty: &TypeRef,
    target: &str,
    seen: &mut BTreeSet<String>,
) -> bool {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) => alias_reaches(types, inner, target, seen),
        TypeRef::Named(n) if n == target => true,
        TypeRef::Named(n) => {
            if !seen.insert(n.clone()) {
                return false;
            }
            match types.get(n).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => alias_reaches(types, inner, target, seen),
                _ => false,
            }
        }
        _ => false,
    }
}

/// `type X = Vec<X>` and `A = B, B = A` are cycles no Rust type alias can express: the part of
/// the alias that leads back to itself becomes any JSON value.
pub fn break_alias_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let cyclic: Vec<String> = types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(ty) if alias_reaches(types, ty, name, &mut BTreeSet::new()) => {
                Some(name.clone())
            }
            _ => None,
        })
        .collect();
    fn cut(ty: &mut TypeRef, cyclic: &[String]) {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) => cut(inner, cyclic),
            TypeRef::Named(n) if cyclic.contains(n) => *ty = TypeRef::Any,
            _ => {}
        }
    }
    for name in &cyclic {
        if let Some(TypeDef {
            kind: TypeKind::Alias(ty),
            ..
        }) = types.get_mut(name)
        {
            cut(ty, &cyclic);
        }
    }
}
