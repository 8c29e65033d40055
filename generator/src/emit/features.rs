//! Cargo features per top-level resource: a user who needs two resources of a large API
//! compiles those two, and the types they reach, alone. Every feature is on by default.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Resource, TypeDef};

/// Feature names the crate already uses for something else.
const TAKEN: &[&str] = &["default", "blocking"];

/// The cargo feature of a top-level resource: its module name (`funding_events`).
pub fn feature(root: &Resource) -> String {
    let name = root.accessor();
    if TAKEN.contains(&name) {
        format!("{name}_api")
    } else {
        name.to_string()
    }
}

/// The `[features]` lines of the resources, and `default` turning them all on.
pub fn cargo_lines(api: &Api) -> String {
    let names: Vec<String> = api.resources.iter().map(feature).collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let mut out = format!(
        "# Every resource is on by default; `default-features = false` with a list of them\n\
         # compiles those resources and the types they reach alone.\n\
         default = [{}]\n",
        quoted.join(", ")
    );
    for root in &api.resources {
        out.push_str(&format!(
            "# The `{}` resource.\n{} = []\n",
            root.path.join("."),
            feature(root)
        ));
    }
    out
}

/// `[[example]]` sections naming the features each example program needs: the resources
/// it calls (`.customers()`) and the blocking client if it uses it.
pub fn example_sections(api: &Api, programs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (file, text) in programs {
        let Some(name) = file.strip_suffix(".rs") else {
            continue;
        };
        let mut needs: Vec<String> = api
            .resources
            .iter()
            .filter(|r| text.contains(&format!(".{}()", r.accessor())))
            .map(|r| format!("\"{}\"", feature(r)))
            .collect();
        if text.contains("blocking::") {
            needs.push("\"blocking\"".to_string());
        }
        out.push_str(&format!(
            "\n[[example]]\nname = \"{name}\"\nrequired-features = [{}]\n",
            needs.join(", ")
        ));
    }
    out
}

/// `#[cfg(feature = "...")]` for a top-level resource's module, accessor and tests.
pub fn resource_gate(root: &Resource) -> TokenStream {
    let f = feature(root);
    quote!(#[cfg(feature = #f)])
}

/// For each type, the features of the resources that reach it. A type outside the map is
/// always compiled: no resource reaches it, or the client itself uses it (the error body).
pub struct TypeGates {
    features: BTreeMap<String, BTreeSet<String>>,
    all: usize,
}

impl TypeGates {
    pub fn new(api: &Api) -> Self {
        let mut features: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for root in &api.resources {
            let f = feature(root);
            let mut stack: Vec<String> = Vec::new();
            for r in root.walk() {
                for m in &r.methods {
                    let refs = m
                        .request_refs()
                        .into_iter()
                        .chain(m.response_refs())
                        .chain(m.pagination.as_ref().map(|p| &p.item_ty));
                    stack.extend(refs.flat_map(|t| t.names()).map(str::to_string));
                }
            }
            for n in reached(api, stack) {
                features.entry(n).or_default().insert(f.clone());
            }
        }
        // The client decodes the error body itself: it and all it holds stay. So does every
        // type no resource reaches (a webhook payload, say), and all it holds.
        let mut always: Vec<String> = api
            .types
            .keys()
            .filter(|n| !features.contains_key(*n))
            .cloned()
            .collect();
        always.extend(super::client::typed_error_name(api).map(str::to_string));
        for n in reached(api, always) {
            features.remove(&n);
        }
        TypeGates {
            features,
            all: api.resources.len(),
        }
    }

    /// The `#[cfg(any(...))]` of a type module holding `defs`; nothing when every resource
    /// reaches it (or none does, or the client needs it).
    pub fn module_gate(&self, defs: &[&TypeDef]) -> TokenStream {
        let mut set = BTreeSet::new();
        for def in defs {
            match self.features.get(&def.name) {
                Some(f) => set.extend(f.iter().map(String::as_str)),
                None => return quote!(),
            }
        }
        if set.is_empty() || set.len() == self.all {
            return quote!();
        }
        if set.len() == 1 {
            let name = set.into_iter().next();
            return quote!(#[cfg(feature = #name)]);
        }
        let names = set.into_iter();
        quote!(#[cfg(any(#(feature = #names),*))])
    }
}

/// The types `roots` name and every type they hold, at any depth.
fn reached(api: &Api, mut stack: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n.clone()) {
            continue;
        }
        if let Some(def) = api.types.get(&n) {
            stack.extend(
                def.kind
                    .refs()
                    .iter()
                    .flat_map(|t| t.names())
                    .map(str::to_string),
            );
        }
    }
    seen
}
