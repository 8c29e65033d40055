//! Emission of named types: the modules of root types, structs and aliases (constructors are
//! in [`super::constructors`], string enums and unions in [`super::enums`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{doc_raw, docs_text, ident, rust_type};
use crate::ir::{Api, Field, Struct, TypeDef, TypeKind, TypeRef};
use crate::lower::names::Namer;
use crate::lower::scope::type_ident;

/// The file of a root type's module: the root type and the inline types that belong to it.
pub fn module_file(
    api: &Api,
    root: &TypeDef,
    children: &[&TypeDef],
) -> Result<TokenStream, String> {
    let types = std::iter::once(root)
        .chain(children.iter().copied())
        .map(|def| type_tokens(api, def))
        .collect::<Result<Vec<_>, String>>()?;
    let origin = format!("`{}` in the spec", root.origin);
    let module_doc = if children.is_empty() {
        format!(" The [`{}`] type, from {origin}.", root.name)
    } else {
        format!(
            " The [`{}`] type, from {origin}, and the types of its parts.",
            root.name
        )
    };
    Ok(quote! {
        #![doc = #module_doc]
        #(#types)*
    })
}

/// Each root type's module: the root and the types placed in it, by module name.
pub fn modules(api: &Api) -> Result<Modules<'_>, String> {
    let mut out: Modules<'_> = std::collections::BTreeMap::new();
    for def in api.types.values() {
        if crate::lower::scope::root_module(&def.name).is_none() {
            let module = module_name(&def.name);
            if let Some((other, _)) = out.insert(module.clone(), (def, Vec::new())) {
                return Err(format!(
                    "types `{}` and `{}` would share the module `{module}`",
                    other.name, def.name
                ));
            }
        }
    }
    for def in api.types.values() {
        if let Some(module) = crate::lower::scope::root_module(&def.name) {
            match out.get_mut(module) {
                Some((_, children)) => children.push(def),
                None => return Err(format!("type `{}` has no root type", def.name)),
            }
        }
    }
    Ok(out)
}

/// Root types' modules: module name -> (root type, the types inside it).
pub type Modules<'a> = std::collections::BTreeMap<String, (&'a TypeDef, Vec<&'a TypeDef>)>;

/// One type's definition and impls.
fn type_tokens(api: &Api, def: &TypeDef) -> Result<TokenStream, String> {
    Ok(match &def.kind {
        TypeKind::Struct(s) => struct_tokens(def, s)?,
        TypeKind::Enum(e) => super::enum_text::enum_item(def, e)?,
        TypeKind::Union(u) => super::enums::union_tokens(api, def, u),
        TypeKind::Alias(t) => {
            let name = ident(type_ident(&def.name));
            let doc = type_doc(def);
            let t = rust_type(t);
            quote! { #doc pub type #name = #t; }
        }
    })
}

pub(super) fn type_doc(def: &TypeDef) -> TokenStream {
    doc_raw(&type_doc_text(def))
}

/// The text of [`type_doc`].
pub(super) fn type_doc_text(def: &TypeDef) -> String {
    match &def.doc {
        Some(d) => docs_text(&[Some(d)]),
        None => {
            // Named after the property or component it came from, where the pointer says.
            let last = def.origin.rsplit('/').next().unwrap_or(&def.name);
            let what =
                if matches!(last, "schema" | "items") || last.chars().all(|c| c.is_ascii_digit()) {
                    def.name.as_str()
                } else {
                    last
                };
            format!("The `{what}` schema.")
        }
    }
}

/// Whether the field is `Option<Nullable<T>>` (omit vs null) rather than `Option<T>`.
pub fn is_tristate(def: &TypeDef, f: &Field) -> bool {
    def.in_request && !f.required && f.nullable
}

/// Whether an optional date or time of a response that does not parse is `None`, not an
/// error that would fail its parent (`crate::runtime::lenient`).
pub fn is_lenient(def: &TypeDef, f: &Field) -> bool {
    def.in_response
        && !is_tristate(def, f)
        && (!f.required || f.nullable)
        && !f.boxed
        && matches!(f.ty, TypeRef::Date | TypeRef::DateTime)
}

/// The type of a field's value, boxed where it recurses (before `Option` and `Nullable`).
pub fn value_type(f: &Field) -> TokenStream {
    let t = rust_type(&f.ty);
    if f.boxed { quote!(Box<#t>) } else { t }
}

/// The stored type of a field.
pub fn field_type(def: &TypeDef, f: &Field) -> TokenStream {
    let t = value_type(f);
    if is_tristate(def, f) {
        quote!(Option<crate::runtime::Nullable<#t>>)
    } else if !f.required || f.nullable {
        quote!(Option<#t>)
    } else {
        t
    }
}

fn struct_tokens(def: &TypeDef, s: &Struct) -> Result<TokenStream, String> {
    let mut names = Namer::new();
    for f in &s.fields {
        names.reserve(&f.name);
    }
    let extra_name = match &s.additional {
        Some(_) => Some(ident(&names.unique("additional_properties"))),
        // A response may carry fields this SDK does not know yet: kept, and written back.
        None if def.in_response => Some(ident(&names.unique("extra_fields"))),
        None => None,
    };
    let redacts = s.fields.iter().any(|f| f.sensitive);
    let shape = super::struct_def::Shape {
        debug: !redacts,
        default: s.fields.iter().all(|f| !f.is_argument()),
        // A response may gain fields: code outside the crate builds values with `new` and
        // setters.
        non_exhaustive: def.in_response,
        extra: extra_name.as_ref().map(|n| match &s.additional {
            Some(t) => super::struct_def::ExtraField::Typed(n, t),
            None => super::struct_def::ExtraField::Json(n),
        }),
    };
    let definition = super::struct_def::definition(def, s, &shape)?;
    let serialize = super::serialize::struct_impl(def, s, extra_name.as_ref())?;
    let deserialize = match deserializable(def) {
        true => {
            let how = match (&s.additional, &extra_name) {
                (Some(_), Some(n)) => super::deserialize::Extra::Typed(n),
                (None, Some(n)) => super::deserialize::Extra::Json(n),
                _ => super::deserialize::Extra::None,
            };
            Some(super::deserialize::struct_impl(def, s, how)?)
        }
        false => None,
    };
    let debug_impl = match redacts {
        // Secrets and personal data never reach logs through `{:?}`.
        true => Some(super::debug_text::redacting_debug(
            def,
            s,
            extra_name.as_ref(),
        )?),
        false => None,
    };
    let constructors = if def.in_request {
        super::constructors::builder_impl(def, s, extra_name.as_ref())
    } else {
        quote!()
    };
    Ok(quote! {
        #definition
        #debug_impl
        #serialize
        #deserialize
        #constructors
    })
}

/// Whether values of the type are ever read from JSON ([`TypeDef::decoded`]): a type only
/// ever sent has no `Deserialize` (its code would be a third of the type's, compiled for
/// nothing).
pub(super) fn deserializable(def: &TypeDef) -> bool {
    def.decoded
}

pub(super) fn field_doc(f: &Field) -> TokenStream {
    let (main, facts) = field_doc_text(f);
    let facts = facts.map(|facts| doc_raw(&facts));
    let main = doc_raw(&main);
    quote!(#main #facts)
}

/// The text of [`field_doc`]: its description, and the schema's facts as a block of their own.
pub(super) fn field_doc_text(f: &Field) -> (String, Option<String>) {
    let mut facts = Vec::new();
    if let Some(fmt) = &f.schema.format {
        facts.push(format!("Format: `{fmt}`."));
    }
    if let Some(p) = &f.schema.pattern {
        facts.push(format!("Pattern: `{p}`."));
    }
    if let Some(bounds) = super::rust::length_bounds(&f.schema) {
        facts.push(format!("Length: {bounds}."));
    }
    if !f.schema.int_values.is_empty() {
        let vals: Vec<String> = f
            .schema
            .int_values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect();
        facts.push(format!("One of {}.", vals.join(", ")));
    }
    let fallback = format!("The `{}` field.", f.wire);
    let main = f.doc.as_deref().unwrap_or(&fallback);
    let facts = facts.join(" ");
    let d = docs_text(&[Some(main)]);
    (d, (!facts.is_empty()).then(|| format!("\n{facts}")))
}

/// The module (and file) name of a root type.
pub fn module_name(type_name: &str) -> String {
    crate::lower::scope::module_of(type_name)
}
