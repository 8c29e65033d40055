//! `Deserialize` for structs, generated lean: one `visit_map` matching each key to its field
//! through the runtime's shared helpers (`runtime::de`), where serde's derive compiles a field
//! enum with its visitor, a sequence visitor and, for `extra_fields`, buffering of every entry.
//! The messages are serde's own (`missing field`, `duplicate field`, `expected struct X`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::rust::ident;
use crate::ir::{Field, Struct, TypeDef};
use crate::lower::scope::type_ident;

/// How a struct keeps what its spec does not name.
pub enum Extra<'a> {
    /// Dropped.
    None,
    /// In a typed map (`additionalProperties`), under this field.
    Typed(&'a Ident),
    /// As JSON in `ExtraFields`, under this field.
    Json(&'a Ident),
}

/// The `impl Deserialize` of struct `def`.
pub fn struct_impl(def: &TypeDef, s: &Struct, extra: Extra<'_>) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let expecting = format!("struct {}", type_ident(&def.name));
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let slot = format_ident!("f{i}");
        let wire = &f.wire;
        let field = ident(&f.name);
        let (read, finish) = read_and_finish(def, f, &slot);
        slots.push(quote!(let mut #slot: Option<#read> = None;));
        arms.push(quote!(#wire => put(&mut map, &mut #slot, #wire)?,));
        inits.push(quote!(#field: #finish,));
    }
    let (extra_init, other, extra_field) = match extra {
        Extra::None => (
            quote!(),
            quote!({
                map.next_value::<serde::de::IgnoredAny>()?;
            }),
            quote!(),
        ),
        Extra::Typed(n) => (
            quote!(let mut extra = std::collections::BTreeMap::new();),
            quote!({
                extra.insert(key.into_string(), map.next_value()?);
            }),
            quote!(#n: extra,),
        ),
        Extra::Json(n) => (
            quote!(let mut extra = crate::runtime::ExtraFields::default();),
            quote!({
                extra.insert(key.into_string(), map.next_value()?);
            }),
            quote!(#n: extra,),
        ),
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    #[allow(unused_imports)]
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        use crate::runtime::de::{put, required};
                        #(#slots)*
                        #extra_init
                        while let Some(key) = map.next_key::<crate::runtime::de::Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                _ => #other
                            }
                        }
                        Ok(#name { #(#inits)* #extra_field })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// The type a field's value is read as, and the expression that makes the field of its slot.
fn read_and_finish(def: &TypeDef, f: &Field, slot: &Ident) -> (TokenStream, TokenStream) {
    let t = super::types::value_type(f);
    let wire = &f.wire;
    if super::types::is_tristate(def, f) {
        // Present `null` is `Some(Nullable::Null)`; absent is `None`.
        (quote!(crate::runtime::Nullable<#t>), quote!(#slot))
    } else if super::types::is_lenient(def, f) {
        (
            quote!(crate::runtime::lenient::Lenient<#t>),
            quote!(#slot.and_then(|v| v.0)),
        )
    } else if !f.required || f.nullable {
        (quote!(Option<#t>), quote!(#slot.flatten()))
    } else {
        (t, quote!(required(#slot, #wire)?))
    }
}
