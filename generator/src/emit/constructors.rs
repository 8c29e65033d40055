//! Emission of constructors: `new` with the required fields (by name, in an `XRequired`
//! struct, when there are two or more), and a fluent setter per optional field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{arg_type, field_init, ident, rust_type};
use super::setter_text::{Setter, Setters, joined};
use super::types::{field_doc, field_doc_text, is_tristate};
use crate::ir::{Field, Struct, TypeDef};
use crate::lower::names::Namer;
use crate::lower::scope::type_ident;

/// `new` with the required fields, and a fluent setter per optional field.
pub(super) fn builder_impl(
    def: &TypeDef,
    s: &Struct,
    extra: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let v = format_ident!("value");
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut plain_inits = Vec::new();
    let mut setters = Setters::default();
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
            let allow = super::rust::trait_name_allow(&setter_name).is_some();
            let setter = ident(&setter_name);
            let (main, facts) = field_doc_text(f);
            let doc = joined(&[&main, facts.as_deref().unwrap_or_default()]);
            let tokens = || {
                let (ty, stored) = setter_parts(def, f, &v);
                quote! {
                    pub fn #setter(mut self, #v: #ty) -> Self {
                        self.#fname = #stored;
                        self
                    }
                }
            };
            match setter_parts_text(def, f) {
                Some((ty, stored)) => {
                    let s = Setter {
                        doc: &doc,
                        allow,
                        name: &setter_name,
                        ty: &ty,
                        field: &f.name,
                        stored: &stored,
                    };
                    setters.push(&s, tokens);
                }
                None => setters.push_tokens(&doc, allow, tokens()),
            }
        }
    }
    let setters = setters.finish();
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
            #setters
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
    setters: &TokenStream,
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
            #setters
        }
    }
}

/// [`setter_parts`] as text (for the parameter `value`), where it is one line of code: not
/// for a boxed tri-state field, whose conversion is a `match`.
pub fn setter_parts_text(def: &TypeDef, f: &Field) -> Option<(String, String)> {
    if is_tristate(def, f) {
        let inner = super::rust::rust_type_text(&f.ty);
        return (!f.boxed).then(|| {
            (
                format!("impl Into<crate::runtime::Nullable<{inner}>>"),
                "Some(value.into())".to_string(),
            )
        });
    }
    let (t, c) = super::rust::arg_type_text(&f.ty);
    let c = if f.boxed { format!("Box::new({c})") } else { c };
    Some((t, format!("Some({c})")))
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
