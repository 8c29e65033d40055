//! The `Debug` impl of a struct with secrets or personal data, which prints them redacted,
//! written as formatted text ([`super::text`]): a chain of `.field(..)` calls, one line each.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::ident;
use super::text::{Code, fits, string_literal};
use crate::ir::{Struct, TypeDef};
use crate::lower::scope::type_ident;

/// The impl as text, or as tokens where a line of it does not fit.
pub fn redacting_debug(
    def: &TypeDef,
    s: &Struct,
    extra: Option<&proc_macro2::Ident>,
) -> Result<TokenStream, String> {
    let name = type_ident(&def.name);
    let mut calls = vec![format!("debug_struct({})", string_literal(name))];
    for f in &s.fields {
        let value = match f.sensitive {
            true => "&crate::runtime::redact::Redacted".to_string(),
            false => format!("&self.{}", f.name),
        };
        calls.push(format!("field({}, {value})", string_literal(&f.name)));
    }
    if let Some(n) = extra {
        calls.push(format!(
            "field({}, &self.{n})",
            string_literal(&n.to_string())
        ));
    }
    calls.push("finish()".to_string());
    let header = format!("impl std::fmt::Debug for {name} {{");
    let flat = format!("f.{}", calls.join("."));
    let mut code = Code::default();
    code.lines(&[
        (0, &header),
        (
            1,
            "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
        ),
    ]);
    let one_line = fits(2, &flat);
    let one_call_a_line =
        calls.iter().all(|c| fits(3, &format!(".{c}"))) && fits(2, &format!("f.{}", calls[0]));
    if !fits(0, &header) || !(one_line || one_call_a_line) {
        return Ok(tokens(def, s, extra));
    }
    if one_line {
        code.line(2, &flat);
    } else {
        code.line(2, &format!("f.{}", calls[0]));
        for c in &calls[1..] {
            code.line(3, &format!(".{c}"));
        }
    }
    code.lines(&[(1, "}"), (0, "}")]);
    Ok(code.item())
}

/// [`redacting_debug`] as tokens.
pub fn tokens(def: &TypeDef, s: &Struct, extra: Option<&proc_macro2::Ident>) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let entries = s.fields.iter().map(|f| {
        let n = ident(&f.name);
        let w = &f.name;
        if f.sensitive {
            quote!(.field(#w, &crate::runtime::redact::Redacted))
        } else {
            quote!(.field(#w, &self.#n))
        }
    });
    let extra_entry = extra.map(|n| {
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
}
