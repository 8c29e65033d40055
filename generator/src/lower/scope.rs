//! Where each type lives: an inline type belongs with the type it came from.
//!
//! Lowering names an inline schema after its parent (`CustomerCreateParams` +
//! `ComplianceProfile` + `IndividualComplianceProfile`), which makes names unique but long.
//! Here every type that one type alone refers to, and whose name continues that type's name
//! (an inline schema, or a component named as a part of its only user), moves into its root type's module
//! under the short name it adds to its parent: `customer_create_params::IndividualComplianceProfile`.
//! A short name that would clash in its module (or shadow the prelude) gets the longer name
//! relative to the module's root instead. Root types stay at `crate::types::Name`.
//!
//! After this pass a type's key is its path below `crate::types`: `Name` or `module::Name`.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Resource, TypeDef};

/// The module of the root type `root`.
pub fn module_of(root: &str) -> String {
    super::names::snake(root)
}

/// `name` without `parent` in front, if `name` continues `parent` with a new word.
fn tail<'a>(name: &'a str, parent: &str) -> Option<&'a str> {
    let rest = name.strip_prefix(parent)?;
    rest.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(rest)
}

/// Moves inline types into their roots' modules; returns the old name -> path map.
pub fn place_types(
    types: &mut BTreeMap<String, TypeDef>,
    resources: &mut [Resource],
) -> BTreeMap<String, String> {
    // Who refers to each type: other types, and operations (which make a type a root).
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for def in types.values() {
        for t in def.kind.refs() {
            for n in t.names() {
                if n != def.name {
                    parents
                        .entry(n.to_string())
                        .or_default()
                        .insert(def.name.clone());
                }
            }
        }
    }
    let mut used_by_operations = BTreeSet::new();
    for root in resources.iter() {
        for r in root.walk() {
            for m in &r.methods {
                for t in m.request_refs().into_iter().chain(m.response_refs()) {
                    used_by_operations.extend(t.names().into_iter().map(str::to_string));
                }
            }
        }
    }
    // The parent of each inline type that has exactly one, and continues the parent's name.
    let mut parent_of: BTreeMap<String, String> = BTreeMap::new();
    for name in types.keys() {
        // A component named as a part of its only user (`PetCategory` inside `Pet` alone) is
        // an inline type the spec happened to hoist: it moves too.
        if used_by_operations.contains(name) {
            continue;
        }
        let Some(ps) = parents.get(name) else {
            continue;
        };
        if let Some(p) = ps.first()
            && ps.len() == 1
            && tail(name, p).is_some()
        {
            parent_of.insert(name.clone(), p.clone());
        }
    }
    let root_of = |name: &str| -> String {
        // Names get strictly shorter going up, so this ends.
        let mut name = name.to_string();
        while let Some(p) = parent_of.get(&name) {
            name = p.clone();
        }
        name
    };
    // Candidates per module: the part added to the parent, else the part added to the root.
    let mut modules: BTreeMap<String, Vec<(&str, &str, &str)>> = BTreeMap::new();
    for (name, parent) in &parent_of {
        let root = root_of(name);
        let short = tail(name, parent).unwrap_or(name);
        let long = tail(name, &root).unwrap_or(name);
        modules.entry(root).or_default().push((name, short, long));
    }
    let mut renames = BTreeMap::new();
    for (root, members) in &modules {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        taken.insert(root.to_string());
        taken.insert(format!("{root}Required"));
        let mut chosen: BTreeMap<&str, String> = BTreeMap::new();
        // Three rounds: short names, longer ones for clashes, then the full name.
        for round in 0..3 {
            let mut want: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for &(name, short, long) in members {
                if chosen.contains_key(name) {
                    continue;
                }
                let pick = match round {
                    0 => short,
                    1 => long,
                    _ => name,
                };
                want.entry(pick.to_string()).or_default().push(name);
            }
            for (pick, names) in want {
                // `XRequired` may be a struct's required fields: neither name may be taken.
                let clash = names.len() > 1
                    || taken.contains(&pick)
                    || taken.contains(&format!("{pick}Required"))
                    || super::names::is_reserved_type(&pick);
                if !clash || round == 2 {
                    for n in names {
                        taken.insert(pick.clone());
                        taken.insert(format!("{pick}Required"));
                        chosen.insert(n, pick.clone());
                    }
                }
            }
        }
        let module = module_of(root);
        for (name, short) in chosen {
            renames.insert(name.to_string(), format!("{module}::{short}"));
        }
    }
    rekey(types, resources, &renames);
    renames
}

/// Renames the types and every reference to them.
fn rekey(
    types: &mut BTreeMap<String, TypeDef>,
    resources: &mut [Resource],
    renames: &BTreeMap<String, String>,
) {
    let old = std::mem::take(types);
    for (name, mut def) in old {
        def.kind
            .refs_mut()
            .into_iter()
            .for_each(|t| t.rename(renames));
        let key = renames.get(&name).cloned().unwrap_or(name);
        def.name = key.clone();
        types.insert(key, def);
    }
    fn walk(r: &mut Resource, renames: &BTreeMap<String, String>) {
        for m in &mut r.methods {
            m.refs_mut().into_iter().for_each(|t| t.rename(renames));
        }
        for c in &mut r.children {
            walk(c, renames);
        }
    }
    for r in resources {
        walk(r, renames);
    }
}

/// The last segment of a type's path: the identifier it is defined under.
pub fn type_ident(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// The root type whose module holds the type at `path` (the type itself for a root).
pub fn root_module(path: &str) -> Option<&str> {
    path.split_once("::").map(|(m, _)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tail_starts_a_new_word() {
        assert_eq!(tail("CustomerV1Data", "CustomerV1"), Some("Data"));
        assert_eq!(tail("CustomerV10", "CustomerV1"), None);
        assert_eq!(tail("Customer", "Customer"), None);
    }
}
