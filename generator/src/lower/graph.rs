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

/// The strongly connected component of every type in the graph of by-value edges (Tarjan's
/// algorithm, iterative): a by-value field from `a` to `b` closes a cycle exactly when `a`
/// and `b` are in one component.
fn components(types: &BTreeMap<String, TypeDef>) -> BTreeMap<&str, usize> {
    let names: Vec<&str> = types.keys().map(String::as_str).collect();
    let index_of: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = types
        .values()
        .map(|def| {
            direct_edges(def)
                .into_iter()
                .filter_map(|n| index_of.get(n).copied())
                .collect()
        })
        .collect();
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; names.len()];
    let mut low = vec![0; names.len()];
    let mut on_stack = vec![false; names.len()];
    let mut component = vec![UNSEEN; names.len()];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut count = 0;
    for root in 0..names.len() {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, how many of its edges were followed)
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut followed)) = work.last_mut() {
            if let Some(&w) = edges[v].get(*followed) {
                *followed += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = count;
                    if w == v {
                        break;
                    }
                }
                count += 1;
            }
        }
    }
    names.into_iter().zip(component).collect()
}

/// Boxes every by-value field or variant that lies on a cycle of types.
pub fn mark_boxes(types: &mut BTreeMap<String, TypeDef>) {
    let component = components(types);
    let cycle = |from: &str, to: &TypeRef| match to {
        TypeRef::Named(t) => component.get(t.as_str()) == component.get(from),
        _ => false,
    };
    let mut to_box: Vec<(String, usize)> = Vec::new();
    for (name, def) in types.iter() {
        let targets: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            _ => Vec::new(),
        };
        for (i, ty) in targets.into_iter().enumerate() {
            if cycle(name, ty) {
                to_box.push((name.clone(), i));
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, Struct};

    fn object(name: &str, fields: &[TypeRef]) -> (String, TypeDef) {
        let fields = fields
            .iter()
            .enumerate()
            .map(|(i, ty)| Field {
                name: format!("f{i}"),
                wire: format!("f{i}"),
                doc: None,
                ty: ty.clone(),
                required: true,
                nullable: false,
                boxed: false,
                read_only: false,
                sensitive: false,
                schema: Default::default(),
            })
            .collect();
        let def = TypeDef {
            name: name.to_string(),
            doc: None,
            origin: String::new(),
            kind: TypeKind::Struct(Struct {
                fields,
                additional: None,
            }),
            in_request: false,
            in_response: true,
            decoded: true,
            inline: false,
        };
        (name.to_string(), def)
    }

    fn boxed(types: &BTreeMap<String, TypeDef>, name: &str) -> Vec<bool> {
        types[name]
            .as_struct()
            .map(|s| s.fields.iter().map(|f| f.boxed).collect())
            .unwrap_or_default()
    }

    #[test]
    fn only_the_fields_that_close_a_cycle_of_by_value_types_are_boxed() {
        let named = |n: &str| TypeRef::Named(n.to_string());
        let mut types: BTreeMap<String, TypeDef> = [
            // A -> B -> C -> A is a cycle; A -> D leads out of it.
            object("A", &[named("B"), named("D"), TypeRef::String]),
            object("B", &[named("C")]),
            object("C", &[named("A"), named("Missing")]),
            object("D", &[named("G")]),
            object("G", &[TypeRef::Bool]),
            // E holds itself; F holds E, and itself only through a Vec.
            object("E", &[named("E")]),
            object("F", &[named("E"), TypeRef::Array(Box::new(named("F")))]),
        ]
        .into_iter()
        .collect();
        mark_boxes(&mut types);
        assert_eq!(boxed(&types, "A"), [true, false, false]);
        assert_eq!(boxed(&types, "B"), [true]);
        assert_eq!(boxed(&types, "C"), [true, false]);
        assert_eq!(boxed(&types, "D"), [false]);
        assert_eq!(boxed(&types, "G"), [false]);
        assert_eq!(boxed(&types, "E"), [true]);
        assert_eq!(boxed(&types, "F"), [false, false]);
    }
}
