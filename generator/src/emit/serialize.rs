//! `Serialize` for structs and unions, generated lean: a struct writes one map entry per field
//! that is set, then the fields it keeps beyond the spec's, through the runtime's
//! `ser::Object` (one plain call per field); a union writes its variant's value.
//! What serde's derive would write, byte for byte in JSON, without needing `serde_derive` (a
//! proc-macro build on the cold build's critical path) or its per-field attribute machinery.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust::ident;
use super::text::{Code, fits, string_literal};
use super::text_list::{Piece, layout};
use crate::ir::{Struct, TypeDef, Union};
use crate::lower::scope::type_ident;

/// The `impl Serialize` of struct `def` as formatted text (see [`super::text`]): the tokens
/// of [`struct_impl_tokens`], printed as prettyplease prints them.
pub fn struct_impl(
    def: &TypeDef,
    s: &Struct,
    extra: Option<&Ident>,
) -> Result<TokenStream, String> {
    let name = type_ident(&def.name);
    let header = format!("impl serde::Serialize for {name} {{");
    if !fits(0, &header) {
        return Ok(struct_impl_tokens(def, s, extra));
    }
    let mut code = Code::default();
    code.lines(&[
        (0, &header),
        (
            1,
            "fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
        ),
        (
            2,
            "let mut o = crate::runtime::ser::Object::start(serializer)?;",
        ),
    ]);
    for f in &s.fields {
        let how = if f.required { "field" } else { "optional" };
        let call = Piece::atoms(
            format!("o.{how}("),
            vec![string_literal(&f.wire), format!("&self.{}", f.name)],
            ")",
        );
        if !layout(&mut code, 2, &call, ";", "") {
            code.formatted(2, entry(f))?;
        }
    }
    if let Some(n) = extra {
        code.stmt(
            2,
            &format!("o.extra(self.{n}.iter());"),
            || quote!(o.extra(self.#n.iter());),
        )?;
    }
    code.lines(&[(2, "o.end()"), (1, "}"), (0, "}")]);
    Ok(code.item())
}

/// The statement that writes field `f`.
fn entry(f: &crate::ir::Field) -> TokenStream {
    let field = ident(&f.name);
    let wire = &f.wire;
    if f.required {
        // Required, nullable or not: always written (`null` for a nullable one unset).
        quote!(o.field(#wire, &self.#field);)
    } else {
        // Optional: written only when set (a tri-state `Some(Nullable::Null)` as `null`).
        quote!(o.optional(#wire, &self.#field);)
    }
}

/// The `impl Serialize` of struct `def`; `extra` names the map field it keeps unnamed
/// properties in, written after the named ones.
pub fn struct_impl_tokens(def: &TypeDef, s: &Struct, extra: Option<&Ident>) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let entries = s.fields.iter().map(entry);
    let extra = extra.map(|n| quote!(o.extra(self.#n.iter());));
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut o = crate::runtime::ser::Object::start(serializer)?;
                #(#entries)*
                #extra
                o.end()
            }
        }
    }
}

/// The `impl Serialize` of union `name`: the value of whichever variant it holds, untagged
/// (a tagged variant's value carries its own tag property).
pub fn union_impl(name: &Ident, u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let n = ident(&v.name);
        quote!(Self::#n(value) => serde::Serialize::serialize(value, serializer),)
    });
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#arms)*
                    Self::#unknown(value) => serde::Serialize::serialize(value, serializer),
                }
            }
        }
    }
}
