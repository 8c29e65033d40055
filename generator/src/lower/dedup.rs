//! Merging identical inline types: a spec often repeats the same inline enum (a sort order, a
//! status) or object (an error body) in many places. One shared type per shape is easier to
//! use (values from different responses compare equal) and faster to compile; each old name
//! stays as an alias.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::ir::{Resource, TypeDef, TypeKind, TypeRef};

/// The words of an UpperCamelCase name.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() || out.is_empty() {
            out.push(c.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

/// Words that say where a schema sits, not what it is; a shared name does not start with them.
fn is_container_word(word: &str) -> bool {
    let version =
        word.len() > 1 && word.starts_with('V') && word[1..].chars().all(|c| c.is_ascii_digit());
    version
        || matches!(
            word,
            "Data" | "Config" | "List" | "Params" | "Item" | "Items"
        )
}

/// The longest run of words every name ends with, without leading container words.
fn common_suffix(names: &[&str]) -> String {
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
    let shortest = split.iter().map(Vec::len).min().unwrap_or(0);
    let mut n = 0;
    while n < shortest {
        let w = &split[0][split[0].len() - 1 - n];
        if split.iter().all(|s| &s[s.len() - 1 - n] == w) {
            n += 1;
        } else {
            break;
        }
    }
    let first = &split[0];
    let mut suffix = &first[first.len() - n..];
    while suffix.first().is_some_and(|w| is_container_word(w)) {
        suffix = &suffix[1..];
    }
    // As a type name: `Self` would be a keyword, `Result` would shadow the prelude's.
    let name = suffix.concat().to_upper_camel_case();
    if name.is_empty() {
        name
    } else {
        super::names::type_name(&name)
    }
}

/// What makes two inline types the same: enum values in order, or an object's fields (names,
/// types, requiredness, docs) and extra properties. `None` for types never merged.
fn signature(def: &TypeDef) -> Option<String> {
    if !def.inline {
        return None;
    }
    match &def.kind {
        TypeKind::Enum(e) => {
            let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
            Some(format!("enum {values:?}"))
        }
        TypeKind::Struct(st) => {
            let fields: Vec<String> = st
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}:{:?}:{}{}{}{}{}:{:?}",
                        f.wire,
                        f.ty,
                        f.required,
                        f.nullable,
                        f.read_only,
                        f.sensitive,
                        f.boxed,
                        f.doc
                    )
                })
                .collect();
            Some(format!("struct {fields:?} {:?}", st.additional))
        }
        _ => None,
    }
}

/// Merges identical inline types until none are left to merge (merging the types of fields
/// can make their objects identical in turn). Returns the old name -> shared name map.
pub fn merge_identical(
    types: &mut BTreeMap<String, TypeDef>,
    resources: &mut [Resource],
) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    for _ in 0..8 {
        let renames = merge_once(types, resources);
        if renames.is_empty() {
            break;
        }
        all.extend(renames);
    }
    all
}

fn merge_once(
    types: &mut BTreeMap<String, TypeDef>,
    resources: &mut [Resource],
) -> BTreeMap<String, String> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, def) in types.iter() {
        if let Some(key) = signature(def) {
            groups.entry(key).or_default().push(name.clone());
        }
    }
    groups.retain(|_, members| members.len() > 1);

    // A shared name: the words all members end with, if no other group or type wants it;
    // else the shortest member name.
    let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
    let suffixes: Vec<String> = groups
        .values()
        .map(|members| {
            let refs: Vec<&str> = members.iter().map(String::as_str).collect();
            common_suffix(&refs)
        })
        .collect();
    for s in &suffixes {
        *wanted.entry(s.clone()).or_default() += 1;
    }
    let mut renames = BTreeMap::new();
    let mut taken: BTreeSet<String> = types.keys().cloned().collect();
    for ((_, members), suffix) in groups.iter().zip(&suffixes) {
        let usable = suffix.len() > 2
            && wanted[suffix] == 1
            && !taken.contains(suffix)
            && !super::names::is_reserved_type(suffix);
        let shared = if usable {
            suffix.clone()
        } else {
            members
                .iter()
                .min_by_key(|m| (m.len(), (*m).clone()))
                .cloned()
                .unwrap_or_default()
        };
        taken.insert(shared.clone());
        // The shared type: the first member's definition under the shared name.
        let Some(first) = types.get(&members[0]).cloned() else {
            continue;
        };
        let docs: BTreeSet<Option<String>> = members
            .iter()
            .map(|m| types.get(m).and_then(|d| d.doc.clone()))
            .collect();
        let values: Vec<String> = match &first.kind {
            TypeKind::Enum(e) => e.variants.iter().map(|v| format!("`{}`", v.wire)).collect(),
            _ => Vec::new(),
        };
        let doc = if docs.len() == 1 || values.is_empty() {
            first.doc.clone()
        } else {
            Some(format!("One of {}.", values.join(", ")))
        };
        let what = if values.is_empty() {
            "object of this shape"
        } else {
            "enum of these values"
        };
        let mut aliases = Vec::new();
        for m in members {
            if *m != shared {
                renames.insert(m.clone(), shared.clone());
                aliases.push(m.clone());
            }
        }
        types.insert(
            shared.clone(),
            TypeDef {
                name: shared.clone(),
                doc,
                ..first.clone()
            },
        );
        for alias in aliases {
            if let Some(def) = types.get_mut(&alias) {
                def.kind = TypeKind::Alias(TypeRef::Named(shared.clone()));
                def.doc = Some(format!(
                    "Another name for `{shared}`, which every inline {what} shares."
                ));
            }
        }
    }
    // Point every use at the shared types (aliases keep the old names working).
    for def in types.values_mut() {
        if matches!(def.kind, TypeKind::Alias(_)) && renames.contains_key(&def.name) {
            continue;
        }
        def.kind
            .refs_mut()
            .into_iter()
            .for_each(|t| t.rename(&renames));
    }
    for root in resources.iter_mut() {
        rename_in_resource(root, &renames);
    }
    renames
}

fn rename_in_resource(r: &mut Resource, renames: &BTreeMap<String, String>) {
    for m in &mut r.methods {
        m.refs_mut().into_iter().for_each(|t| t.rename(renames));
    }
    for c in &mut r.children {
        rename_in_resource(c, renames);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_suffix_of_camel_names() {
        assert_eq!(
            common_suffix(&["CustomersListSortOrder", "AccountsListSortOrder"]),
            "SortOrder"
        );
        assert_eq!(
            common_suffix(&["ChargeV1ResponseType", "CustomerV1ResponseType"]),
            "ResponseType"
        );
        assert_eq!(common_suffix(&["AStatus", "BStatusItem"]), "");
        assert_eq!(
            common_suffix(&["ChargeV1DataPaymentRail", "PayoutV1DataPaymentRail"]),
            "PaymentRail"
        );
    }
}
