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
    let mut required = (Vec::new(), Vec::new());
    for (i, f) in s.fields.iter().enumerate() {
        let slot = format_ident!("f{i}");
        let wire = &f.wire;
        let field = ident(&f.name);
        let (read, finish) = read_and_finish(def, f, &slot);
        if finish.is_none() {
            required.0.push(slot.clone());
            required.1.push(wire);
        }
        let finish = finish.unwrap_or_else(|| quote!(#slot));
        slots.push(quote!(let mut #slot: Option<#read> = None;));
        arms.push(quote!(#wire => put(&mut map, &mut #slot, #wire),));
        inits.push(quote!(#field: #finish,));
    }
    // Every required field checked at once: one branch, and serde's message for the first
    // one missing in the spec's order.
    let check = (!required.0.is_empty()).then(|| {
        let (slots, wires) = &required;
        quote! {
            let present = [#(#slots.is_some()),*];
            let (#(Some(#slots),)*) = (#(#slots,)*) else {
                return Err(crate::runtime::de::missing(&present, &[#(#wires),*]));
            };
        }
    });
    let (extra_init, other, extra_field) = match extra {
        Extra::None => (quote!(), quote!(skip(&mut map)), quote!()),
        Extra::Typed(n) => (
            quote!(let mut extra = std::collections::BTreeMap::new();),
            quote!(keep(&mut map, &mut extra, key)),
            quote!(#n: extra,),
        ),
        Extra::Json(n) => (
            quote!(let mut extra = crate::runtime::ExtraFields::default();),
            quote!(keep(&mut map, &mut extra, key)),
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
                        use crate::runtime::de::{keep, put, skip};
                        #(#slots)*
                        #extra_init
                        while let Some(key) = map.next_key::<crate::runtime::de::Key<'de>>()? {
                            // One `?` for every key, not one per field.
                            match key.as_str() {
                                #(#arms)*
                                _ => #other,
                            }?;
                        }
                        #check
                        Ok(#name { #(#inits)* #extra_field })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// The type a field's value is read as, and the expression that makes the field of its slot
/// (none for a required field: its slot is checked with the others, then is the value).
fn read_and_finish(def: &TypeDef, f: &Field, slot: &Ident) -> (TokenStream, Option<TokenStream>) {
    let t = super::types::value_type(f);
    if super::types::is_tristate(def, f) {
        // Present `null` is `Some(Nullable::Null)`; absent is `None`.
        (quote!(crate::runtime::Nullable<#t>), Some(quote!(#slot)))
    } else if super::types::is_lenient(def, f) {
        (
            quote!(crate::runtime::lenient::Lenient<#t>),
            Some(quote!(#slot.and_then(|v| v.0))),
        )
    } else if !f.required || f.nullable {
        (quote!(Option<#t>), Some(quote!(#slot.flatten())))
    } else {
        (t, None)
    }
}
