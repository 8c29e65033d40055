//! Merging identical inline types: a spec often repeats the same inline enum (a sort order, a
//! status) or object (an error body) in many places. One shared type per shape is easier to
//! use (values from different responses compare equal) and faster to compile. The merged names
//! go: one name per shape.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::ir::{Resource, TypeDef, TypeKind, TypeRef};

/// The words of an UpperCamelCase name, compared in a canonical form: singular (`Types` is
/// `Type`), and without a trailing `Item` (an array's items are named after the array).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() || out.is_empty() {
            out.push(c.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    if out.len() > 1 && out.last().is_some_and(|w| w == "Item" || w == "Items") {
        out.pop();
    }
    out.into_iter().map(|w| singular(&w)).collect()
}

/// A word's singular, for the plurals names are made of.
fn singular(word: &str) -> String {
    if word.len() <= 3 || word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        return word.to_string();
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = word.strip_suffix("sses") {
        return format!("{stem}ss");
    }
    word.strip_suffix('s').unwrap_or(word).to_string()
}

/// Words that say where a schema sits, not what it is; a shared name does not start with them.
fn is_container_word(word: &str) -> bool {
    let version =
        word.len() > 1 && word.starts_with('V') && word[1..].chars().all(|c| c.is_ascii_digit());
    version
        || matches!(
            word,
            "Data" | "Config" | "List" | "Params" | "Item" | "Items" | "Paged" | "Summary"
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

/// The longest run of leading words more than half the names start with, up to the last one
/// that is not a container word: the owner most members share (`Customer` for
/// `CustomerCreateParamsType`, `CustomerV1DataType` and `CustomersListTypesItem`).
fn common_prefix(names: &[&str]) -> String {
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
    let mut best: &[String] = &[];
    for s in &split {
        // The longest prefix of `s` that a majority shares.
        let mut n = 0;
        while n < s.len().saturating_sub(1) {
            let sharing = split
                .iter()
                .filter(|o| o.len() > n + 1 && o[..=n] == s[..=n])
                .count();
            if sharing * 2 <= split.len() {
                break;
            }
            n += 1;
        }
        if n > best.len() {
            best = &s[..n];
        }
    }
    while best.last().is_some_and(|w| is_container_word(w)) {
        best = &best[..best.len() - 1];
    }
    best.concat()
}

/// The shared name's candidates, best first: the common suffix (`SortOrder`), then the common
/// owner and suffix (`CustomerType`), so that a name made for a response never names a
/// request's field just for being the shortest.
fn candidates(members: &[&str]) -> Vec<String> {
    let suffix = common_suffix(members);
    let mut out = Vec::new();
    if suffix.len() > 2 {
        out.push(suffix.clone());
    }
    let prefix = common_prefix(members);
    if !suffix.is_empty() && !prefix.is_empty() {
        let owned = super::names::type_name(&format!("{prefix}{suffix}"));
        if !members.contains(&owned.as_str()) || out.is_empty() {
            out.push(owned);
        }
    }
    out
}

/// One field as a signature compares it: wire name, type, requiredness, nullability,
/// read-only, sensitivity, boxing, and its doc.
type FieldKey<'a> = (&'a str, &'a TypeRef, [bool; 5], Option<&'a str>);

/// What makes two inline types the same: enum values in order, or an object's fields (names,
/// types, requiredness, docs) and extra properties. Compared in place, without formatting.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Signature<'a> {
    Enum(Vec<&'a str>),
    Struct(Vec<FieldKey<'a>>, Option<&'a TypeRef>),
}

/// The signature of a type that may merge; `None` for types never merged.
fn signature(def: &TypeDef) -> Option<Signature<'_>> {
    if !def.inline {
        return None;
    }
    match &def.kind {
        TypeKind::Enum(e) => Some(Signature::Enum(
            e.variants.iter().map(|v| v.wire.as_str()).collect(),
        )),
        TypeKind::Struct(st) => Some(Signature::Struct(
            st.fields
                .iter()
                .map(|f| {
                    (
                        f.wire.as_str(),
                        &f.ty,
                        [f.required, f.nullable, f.read_only, f.sensitive, f.boxed],
                        f.doc.as_deref(),
                    )
                })
                .collect(),
            st.additional.as_ref(),
        )),
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
    let mut by_signature: BTreeMap<Signature<'_>, Vec<String>> = BTreeMap::new();
    for (name, def) in types.iter() {
        if let Some(key) = signature(def) {
            by_signature.entry(key).or_default().push(name.clone());
        }
    }
    let groups: Vec<Vec<String>> = by_signature
        .into_values()
        .filter(|members| members.len() > 1)
        .collect();

    // A shared name: the first candidate no other group wants and no type has; else the
    // shortest member name.
    let options: Vec<Vec<String>> = groups
        .iter()
        .map(|members| {
            let refs: Vec<&str> = members.iter().map(String::as_str).collect();
            candidates(&refs)
        })
        .collect();
    let mut wanted: BTreeMap<&str, usize> = BTreeMap::new();
    for c in options.iter().flatten() {
        *wanted.entry(c.as_str()).or_default() += 1;
    }
    let mut renames = BTreeMap::new();
    let mut taken: BTreeSet<String> = types.keys().cloned().collect();
    let shortest = |members: &[String]| {
        members
            .iter()
            .min_by_key(|m| (m.len(), (*m).clone()))
            .cloned()
            .unwrap_or_default()
    };
    let mut merges: Vec<(Vec<String>, String)> = Vec::new();
    for (members, options) in groups.iter().zip(&options) {
        let usable = options.iter().find(|c| {
            wanted[c.as_str()] == 1
                && (!taken.contains(*c) || members.contains(c))
                && !super::names::is_reserved_type(c)
        });
        if let Some(c) = usable {
            taken.insert(c.clone());
            merges.push((members.clone(), c.clone()));
            continue;
        }
        // Numbered repeats of one name (`DiskFilesystem`, `DiskFilesystem2`) are one schema
        // met twice: one type under the first name.
        let base = |m: &String| m.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
        if members.iter().all(|m| base(m) == base(&members[0])) {
            merges.push((members.clone(), shortest(members)));
            continue;
        }
        // No neutral name: requests' and responses' members merge apart, so that an input
        // never carries a response's name (nor the reverse).
        let (req, resp): (Vec<String>, Vec<String>) = members
            .iter()
            .cloned()
            .partition(|m| types.get(m).is_some_and(|d| d.in_request));
        for side in [req, resp] {
            if side.len() > 1 {
                let name = shortest(&side);
                merges.push((side, name));
            }
        }
    }
    for (members, shared) in &merges {
        let (members, shared) = (members, shared.clone());
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
        let mut merged = Vec::new();
        for m in members {
            if *m != shared {
                renames.insert(m.clone(), shared.clone());
                merged.push(m.clone());
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
        // One name per shape: the merged names go, every use points at the shared type.
        for m in merged {
            types.remove(&m);
        }
    }
    for def in types.values_mut() {
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
        assert_eq!(common_suffix(&["AStatus", "BStatusItem"]), "Status");
        assert_eq!(common_suffix(&["ATypesItem", "BType"]), "Type");
        assert_eq!(common_suffix(&["AStatus", "BStatuses"]), "");
    }

    #[test]
    fn a_request_and_a_response_share_the_owner_s_name() {
        assert_eq!(
            candidates(&["CustomerCreateParamsType", "CustomerV1DataType"]),
            ["Type", "CustomerType"]
        );
        assert_eq!(
            candidates(&["ChargeV1DataStatus", "ChargeV1DataStatus2"]),
            Vec::<String>::new()
        );
        assert_eq!(
            common_suffix(&["ChargeV1DataPaymentRail", "PayoutV1DataPaymentRail"]),
            "PaymentRail"
        );
    }
}
