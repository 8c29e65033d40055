//! Emission of string enums (which keep unknown values) and unions (untagged or by
//! discriminator, which keep unknown shapes as JSON).

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{ident, rust_type};
use super::types::type_doc;
use crate::ir::{Api, StringEnum, TypeDef, TypeKind, TypeRef, Union, UnionVariant};
use crate::lower::scope::type_ident;

pub(super) fn enum_tokens(def: &TypeDef, e: &StringEnum) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let doc = type_doc(def);
    let unknown = ident(&e.unknown_variant);
    let variants = e.variants.iter().map(|v| {
        let n = ident(&v.name);
        let d = if v.wire.is_empty() {
            " The empty string.".to_string()
        } else {
            format!(" `{}`", v.wire.replace('`', "'"))
        };
        quote!(#[doc = #d] #n,)
    });
    let as_str = e.variants.iter().map(|v| {
        let n = ident(&v.name);
        let w = &v.wire;
        quote!(Self::#n => #w,)
    });
    let from = e.variants.iter().map(|v| {
        let n = ident(&v.name);
        let w = &v.wire;
        quote!(#w => Self::#n,)
    });
    let all = e.variants.iter().map(|v| {
        let n = ident(&v.name);
        quote!(Self::#n)
    });
    let count = proc_macro2::Literal::usize_unsuffixed(e.variants.len());
    let keep = format!(
        " Values this version of the SDK does not know are kept in [`{u}`](Self::{u}) and sent back unchanged.",
        u = e.unknown_variant
    );
    quote! {
        #doc
        ///
        #[doc = #keep]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the SDK does not know.
            #unknown(String),
        }

        impl #name {
            /// Every value the spec lists.
            pub const ALL: [Self; #count] = [#(#all),*];

            /// The value as it travels over the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from)*
                    other => Self::#unknown(other.to_string()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// A type reference with aliases followed to the type they name.
fn resolved(api: &Api, ty: &TypeRef) -> TypeRef {
    let mut ty = ty.clone();
    for _ in 0..16 {
        let next = match &ty {
            TypeRef::Named(n) => match api.types.get(n).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) => inner.clone(),
                _ => return ty,
            },
            _ => return ty,
        };
        ty = next;
    }
    ty
}

/// The wire names of the required properties of a variant that is an object type.
fn required_keys(api: &Api, ty: &TypeRef) -> Option<Vec<String>> {
    let s = crate::ir::resolve(&api.types, ty)?.as_struct()?;
    Some(
        s.fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.wire.clone())
            .collect(),
    )
}

/// The `Unknown` variant of `ty`, if it names a union.
fn nested_union_unknown(api: &Api, ty: &TypeRef) -> Option<String> {
    match &crate::ir::resolve(&api.types, ty)?.kind {
        TypeKind::Union(u) => Some(u.unknown_variant.clone()),
        _ => None,
    }
}

/// Deserialize for a union without a discriminator: object variants are tried only when their
/// required properties are present (most required properties first), then the others in order.
fn untagged_deserialize(api: &Api, name: &proc_macro2::Ident, u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let mut objects: Vec<(&UnionVariant, Vec<String>)> = Vec::new();
    let mut others: Vec<&UnionVariant> = Vec::new();
    for v in &u.variants {
        match required_keys(api, &v.ty) {
            Some(keys) => objects.push((v, keys)),
            None => others.push(v),
        }
    }
    objects.sort_by_key(|(_, keys)| std::cmp::Reverse(keys.len()));
    let attempt = |v: &UnionVariant| {
        let n = ident(&v.name);
        let wrap = if v.boxed {
            quote!(Self::#n(Box::new(v)))
        } else {
            quote!(Self::#n(v))
        };
        let t = rust_type(&v.ty);
        match nested_union_unknown(api, &v.ty) {
            // A nested union accepts anything (into its own `Unknown`): that is no match here.
            Some(_) => {
                quote! {
                    if let Ok(v) = serde_json::from_value::<#t>(value.clone()) {
                        if !v.is_unknown() { return Ok(#wrap); }
                    }
                }
            }
            None => {
                quote!(if let Ok(v) = serde_json::from_value::<#t>(value.clone()) { return Ok(#wrap); })
            }
        }
    };
    let object_arms = objects.iter().map(|(v, keys)| {
        let a = attempt(v);
        quote!(if crate::runtime::json::has_keys(&value, &[#(#keys),*]) { #a })
    });
    let other_arms = others.iter().map(|v| attempt(v));
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                #(#object_arms)*
                #(#other_arms)*
                Ok(Self::#unknown(value))
            }
        }
    }
}

pub(super) fn union_tokens(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let doc = type_doc(def);
    let unknown = ident(&u.unknown_variant);
    let variant_ty = |v: &crate::ir::UnionVariant| {
        let t = rust_type(&v.ty);
        if v.boxed { quote!(Box<#t>) } else { t }
    };
    let variants = u.variants.iter().map(|v| {
        let n = ident(&v.name);
        let t = variant_ty(v);
        let d = match &v.ty {
            TypeRef::Named(tn) => format!(" A [`{tn}`](crate::types::{tn})."),
            _ => format!(" A `{}` value.", v.name),
        };
        quote!(#[doc = #d] #n(#t),)
    });
    // `From` for each variant whose type no other variant shares.
    let froms = u
        .variants
        .iter()
        .filter(|v| {
            // Two refs can be one Rust type (an alias and its target): then neither gets `From`.
            let same = |a: &TypeRef, b: &TypeRef| resolved(api, a) == resolved(api, b);
            // A variant of the union itself (`oneOf: [Self, ...]`) is covered by `From<T> for T`.
            let itself = same(&v.ty, &TypeRef::Named(def.name.clone()));
            !itself && u.variants.iter().filter(|w| same(&w.ty, &v.ty)).count() == 1
        })
        .map(|v| {
            let n = ident(&v.name);
            let t = rust_type(&v.ty);
            let wrap = if v.boxed {
                quote!(Box::new(value))
            } else {
                quote!(value)
            };
            // Request fields of union type are often `Option<Nullable<Union>>`: let their setters
            // take a variant directly.
            let nullable = def.in_request.then(|| {
                quote! {
                    impl From<#t> for crate::runtime::Nullable<#name> {
                        fn from(value: #t) -> Self {
                            crate::runtime::Nullable::Value(#name::#n(#wrap))
                        }
                    }
                }
            });
            quote! {
                impl From<#t> for #name {
                    fn from(value: #t) -> Self {
                        Self::#n(#wrap)
                    }
                }
                #nullable
            }
        });
    let deserialize = match &u.discriminator {
        Some(prop) => {
            let arms = u.variants.iter().flat_map(|v| {
                let n = ident(&v.name);
                v.tags.iter().map(move |tag| {
                    quote!(Some(#tag) => serde_json::from_value(value).map(Self::#n).map_err(serde::de::Error::custom),)
                })
            });
            quote! {
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = serde_json::Value::deserialize(deserializer)?;
                        let tag = value.get(#prop).and_then(|t| t.as_str()).map(str::to_string);
                        match tag.as_deref() {
                            #(#arms)*
                            _ => Ok(Self::#unknown(value)),
                        }
                    }
                }
            }
        }
        None => untagged_deserialize(api, &name, u),
    };
    let deserialize = super::types::deserializable(def).then_some(deserialize);
    let derives = quote!(#[derive(Clone, PartialEq)]);
    let serialize = super::serialize::union_impl(&name, u);
    // `Debug` by hand: a value no variant matched is shown with its sensitive properties hidden.
    let debug_arms = u.variants.iter().map(|v| {
        let n = ident(&v.name);
        let label = &v.name;
        quote!(Self::#n(value) => f.debug_tuple(#label).field(value).finish(),)
    });
    let unknown_label = &u.unknown_variant;
    let debug = quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    #(#debug_arms)*
                    Self::#unknown(value) => f
                        .debug_tuple(#unknown_label)
                        .field(&crate::runtime::RedactedJson { value, sensitive: crate::SENSITIVE_FIELDS })
                        .finish(),
                }
            }
        }
    };
    let uv = &u.unknown_variant;
    let how = match &u.discriminator {
        Some(p) => format!(
            " The variant is chosen by the `{p}` property; other values are kept in [`{uv}`](Self::{uv})."
        ),
        None => format!(
            " The first variant whose required properties are present and that the value matches is chosen (objects with the most required properties first); values matching none are kept in [`{uv}`](Self::{uv})."
        ),
    };
    quote! {
        #doc
        ///
        #[doc = #how]
        #derives
        // Variants hold the spec's types by value, as a user matches them; boxing the large
        // ones would make the API depend on type sizes.
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value that matches none of the variants above, kept as JSON.
            #unknown(serde_json::Value),
        }
        impl #name {
            /// Whether the value matched none of the known variants.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::#unknown(_))
            }
        }
        #debug
        #(#froms)*
        #serialize
        #deserialize
    }
}
