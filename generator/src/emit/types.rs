//! Emission of named types: structs, string enums, unions and aliases.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{arg_type, doc_raw, docs, field_init, ident, rust_type};
use crate::ir::{Api, Field, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Union, UnionVariant};
use crate::lower::names::Namer;
use crate::lower::scope::type_ident;

/// The file of a root type's module: the root type and the inline types that belong to it.
pub fn module_file(api: &Api, root: &TypeDef, children: &[&TypeDef]) -> TokenStream {
    let types = std::iter::once(root)
        .chain(children.iter().copied())
        .map(|def| type_tokens(api, def));
    let origin = format!("`{}` in the spec", root.origin);
    let module_doc = if children.is_empty() {
        format!(
            " The [`{}`](crate::types::{}) type, from {origin}.",
            root.name, root.name
        )
    } else {
        format!(
            " The [`{}`](crate::types::{}) type, from {origin}, and the types of its parts.",
            root.name, root.name
        )
    };
    quote! {
        #![doc = #module_doc]
        #(#types)*
    }
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
fn type_tokens(api: &Api, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => struct_tokens(def, s),
        TypeKind::Enum(e) => enum_tokens(def, e),
        TypeKind::Union(u) => union_tokens(api, def, u),
        TypeKind::Alias(t) => {
            let name = ident(type_ident(&def.name));
            let doc = type_doc(def);
            let t = rust_type(t);
            quote! { #doc pub type #name = #t; }
        }
    }
}

fn type_doc(def: &TypeDef) -> TokenStream {
    match &def.doc {
        Some(d) => docs(&[Some(d)]),
        None => {
            // Named after the property or component it came from, where the pointer says.
            let last = def.origin.rsplit('/').next().unwrap_or(&def.name);
            let what =
                if matches!(last, "schema" | "items") || last.chars().all(|c| c.is_ascii_digit()) {
                    def.name.as_str()
                } else {
                    last
                };
            doc_raw(&format!("The `{what}` schema."))
        }
    }
}

/// Whether the field is `Option<Nullable<T>>` (omit vs null) rather than `Option<T>`.
pub fn is_tristate(def: &TypeDef, f: &Field) -> bool {
    def.in_request && !f.required && f.nullable
}

/// The stored type of a field.
pub fn field_type(def: &TypeDef, f: &Field) -> TokenStream {
    let mut t = rust_type(&f.ty);
    if f.boxed {
        t = quote!(Box<#t>);
    }
    if is_tristate(def, f) {
        quote!(Option<crate::runtime::Nullable<#t>>)
    } else if !f.required || f.nullable {
        quote!(Option<#t>)
    } else {
        t
    }
}

fn struct_tokens(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let doc = type_doc(def);
    let mut fields = Vec::new();
    for f in &s.fields {
        let fname = ident(&f.name);
        let ty = field_type(def, f);
        let rename = (f.name != f.wire).then(|| {
            let w = &f.wire;
            quote!(#[serde(rename = #w)])
        });
        // An optional date or time of a response that does not parse is `None`, not an
        // error that would fail its parent (`crate::runtime::lenient`).
        let lenient = def.in_response
            && !is_tristate(def, f)
            && (!f.required || f.nullable)
            && !f.boxed
            && matches!(f.ty, TypeRef::Date | TypeRef::DateTime);
        let serde_attr = if lenient && !f.required {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::runtime::lenient::parsed_or_none")])
        } else if lenient {
            quote!(#[serde(default, deserialize_with = "crate::runtime::lenient::parsed_or_none")])
        } else if is_tristate(def, f) {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::runtime::nullable::deserialize_some")])
        } else if !f.required {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
        } else if f.nullable {
            quote!(#[serde(default)])
        } else {
            quote!()
        };
        let fdoc = field_doc(f);
        fields.push(quote! { #fdoc #rename #serde_attr pub #fname: #ty, });
    }
    let mut names = Namer::new();
    for f in &s.fields {
        names.reserve(&f.name);
    }
    let extra = match &s.additional {
        Some(t) => {
            let extra_name = ident(&names.unique("additional_properties"));
            let t = rust_type(t);
            Some((
                extra_name.clone(),
                quote! {
                    /// Properties not named in the spec, kept as they were received.
                    #[serde(flatten)]
                    pub #extra_name: std::collections::BTreeMap<String, #t>,
                },
            ))
        }
        // A response may carry fields this SDK does not know yet: kept, and written back.
        None if def.in_response => {
            let extra_name = ident(&names.unique("extra_fields"));
            Some((
                extra_name.clone(),
                quote! {
                    /// Fields the server sent that this version of the SDK does not know, kept
                    /// as JSON and written back when the value is serialized.
                    #[serde(flatten)]
                    pub #extra_name: crate::runtime::ExtraFields,
                },
            ))
        }
        None => None,
    };
    let extra_field = extra.as_ref().map(|(_, t)| t.clone());
    let derive_default = s.fields.iter().all(|f| !f.is_argument());
    let redacts = s.fields.iter().any(|f| f.sensitive);
    let debug = (!redacts).then(|| quote!(Debug,));
    let default = derive_default.then(|| quote!(Default,));
    let derives =
        quote!(#[derive(#debug Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]);
    // A response may gain fields: code outside the crate builds values with `new` and setters.
    let non_exhaustive = def.in_response.then(|| quote!(#[non_exhaustive]));
    let debug_impl = redacts.then(|| {
        // Secrets and personal data never reach logs through `{:?}`.
        let entries = s.fields.iter().map(|f| {
            let n = ident(&f.name);
            let w = &f.name;
            if f.sensitive {
                quote!(.field(#w, &crate::runtime::redact::Redacted))
            } else {
                quote!(.field(#w, &self.#n))
            }
        });
        let extra_entry = extra.as_ref().map(|(n, _)| {
            let w = n.to_string();
            quote!(.field(#w, &self.#n))
        });
        let label = type_ident(&def.name).to_string();
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#entries)* #extra_entry .finish()
                }
            }
        }
    });
    let constructors = if def.in_request {
        builder_impl(def, s, extra.as_ref().map(|(n, _)| n))
    } else {
        quote!()
    };
    quote! {
        #doc
        #derives
        #non_exhaustive
        pub struct #name {
            #(#fields)*
            #extra_field
        }
        #debug_impl
        #constructors
    }
}

fn field_doc(f: &Field) -> TokenStream {
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
    let d = docs(&[Some(main)]);
    if facts.is_empty() {
        d
    } else {
        let extra = doc_raw(&format!("\n{facts}"));
        quote!(#d #extra)
    }
}

/// `new` with the required fields, and a fluent setter per optional field.
fn builder_impl(def: &TypeDef, s: &Struct, extra: Option<&proc_macro2::Ident>) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let v = format_ident!("value");
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut plain_inits = Vec::new();
    let mut setters = Vec::new();
    let mut method_names = Namer::new();
    method_names.reserve("new");
    for f in &s.fields {
        let fname = ident(&f.name);
        if f.is_argument() {
            let arg = ident(&f.name);
            let (ty, conv) = {
                let (t, c) = arg_type(&f.ty, &arg);
                if f.boxed {
                    (t, quote!(Box::new(#c)))
                } else {
                    (t, c)
                }
            };
            args.push(quote!(#arg: #ty));
            inits.push(field_init(&fname, &conv));
            let plain = if f.boxed {
                quote!(Box::new(#arg))
            } else {
                quote!(#arg)
            };
            plain_inits.push(field_init(&fname, &plain));
        } else {
            inits.push(quote!(#fname: None));
            plain_inits.push(quote!(#fname: None));
            if f.read_only {
                continue;
            }
            let setter_name = method_names.unique(&f.name);
            let allow = super::rust::trait_name_allow(&setter_name);
            let setter = ident(&setter_name);
            let fdoc = field_doc(f);
            let (ty, stored) = setter_parts(def, f, &v);
            setters.push(quote! {
                #fdoc
                #allow
                pub fn #setter(mut self, #v: #ty) -> Self {
                    self.#fname = #stored;
                    self
                }
            });
        }
    }
    let extra_init = extra.map(|e| quote!(#e: Default::default(),));
    if has_required_struct(def) {
        return required_struct_impl(def, s, &plain_inits, extra_init, &setters);
    }
    let new_doc = format!(
        " A `{}` with the required fields set and the others unset (required nullable fields start as `null`).",
        type_ident(&def.name)
    );
    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* #extra_init }
            }
            #(#setters)*
        }
    }
}

/// Whether a type's `new` takes a struct of its required fields: two or more of them, which
/// positional arguments would let a caller swap unnoticed.
pub fn has_required_struct(def: &TypeDef) -> bool {
    def.in_request
        && def
            .as_struct()
            .is_some_and(|s| s.fields.iter().filter(|f| f.is_argument()).count() >= 2)
}

/// `XRequired { .. }`: the required fields by name, checked by the compiler, then `X::new`.
fn required_struct_impl(
    def: &TypeDef,
    s: &Struct,
    inits: &[TokenStream],
    extra_init: Option<TokenStream>,
    setters: &[TokenStream],
) -> TokenStream {
    let short = type_ident(&def.name);
    let name = ident(short);
    let req = format_ident!("{short}Required");
    let v = format_ident!("required");
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.is_argument()).collect();
    let fields = required.iter().map(|f| {
        let n = ident(&f.name);
        let t = rust_type(&f.ty);
        let d = field_doc(f);
        quote!(#d pub #n: #t,)
    });
    let bindings = required.iter().map(|f| ident(&f.name));
    let redacts = required.iter().any(|f| f.sensitive);
    let derives = if redacts {
        quote!(#[derive(Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let req_doc = format!(
        " The required fields of a [`{short}`], by name: `{short}::new({short}Required {{ .. }})`."
    );
    let new_doc = format!(
        " A `{short}` with the required fields set and the others unset (required nullable fields start as `null`)."
    );
    quote! {
        #[doc = #req_doc]
        #derives
        pub struct #req {
            #(#fields)*
        }
        impl From<#req> for #name {
            fn from(#v: #req) -> Self {
                Self::new(#v)
            }
        }
        impl #name {
            #[doc = #new_doc]
            pub fn new(#v: #req) -> Self {
                let #req { #(#bindings),* } = #v;
                Self { #(#inits,)* #extra_init }
            }
            #(#setters)*
        }
    }
}

/// The parameter type of an optional field's setter and the stored expression.
pub fn setter_parts(
    def: &TypeDef,
    f: &Field,
    v: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
    let inner = rust_type(&f.ty);
    let boxed = |e: TokenStream| if f.boxed { quote!(Box::new(#e)) } else { e };
    if is_tristate(def, f) {
        let conv = if f.boxed {
            quote!(Some(match #v.into() {
                crate::runtime::Nullable::Null => crate::runtime::Nullable::Null,
                crate::runtime::Nullable::Value(x) => crate::runtime::Nullable::Value(Box::new(x)),
            }))
        } else {
            quote!(Some(#v.into()))
        };
        (quote!(impl Into<crate::runtime::Nullable<#inner>>), conv)
    } else {
        let (t, c) = arg_type(&f.ty, v);
        let c = boxed(c);
        (t, quote!(Some(#c)))
    }
}

fn enum_tokens(def: &TypeDef, e: &StringEnum) -> TokenStream {
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

fn union_tokens(api: &Api, def: &TypeDef, u: &Union) -> TokenStream {
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
    let derives = quote!(#[derive(Clone, PartialEq, serde::Serialize)]);
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
        #[serde(untagged)]
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
        #deserialize
    }
}

/// The module (and file) name of a root type.
pub fn module_name(type_name: &str) -> String {
    crate::lower::scope::module_of(type_name)
}
