//! Emission of resources: a handle type per resource with a method per endpoint (the request
//! builders are in [`super::builders`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::examples;
use super::rust::{doc_raw, docs, ident, rust_type};
use crate::ir::{
    Api, Body, Field, Method, Param, ParamLocation, Resource, ResponseKind, TypeDef, TypeRef,
};

/// The name of the client type parameter in a resource's file: `C`, unless a type the file
/// names unqualified is called that.
pub fn client_param(r: &Resource) -> proc_macro2::Ident {
    let taken: std::collections::BTreeSet<&str> = std::iter::once(r.type_name.as_str())
        .chain(r.methods.iter().map(|m| m.builder.as_str()))
        .collect();
    let mut name = "C".to_string();
    while taken.contains(name.as_str()) {
        name.push('l');
    }
    ident(&name)
}

/// The file of one resource (its sub-resources live in files of their own).
pub fn resource_file(api: &Api, r: &Resource) -> Result<TokenStream, String> {
    let cp = client_param(r);
    let name = ident(&r.type_name);
    let dotted = r.path.join(".");
    let module_doc = format!(" The `{dotted}` resource: [`{}`].", r.type_name);
    let mods = r.children.iter().map(|c| {
        let m = ident(c.accessor());
        quote!(pub mod #m;)
    });
    let accessors = r.children.iter().map(|c| {
        let m = ident(c.accessor());
        let t = ident(&c.type_name);
        let d = format!(" The `{}` resource.", c.path.join("."));
        quote! {
            #[doc = #d]
            pub fn #m(&self) -> #m::#t<'a, #cp> {
                #m::#t::new(self.client)
            }
        }
    });
    let methods = r
        .methods
        .iter()
        .map(|m| method_tokens(api, r, m))
        .collect::<Result<Vec<_>, String>>()?;
    let builders = r
        .methods
        .iter()
        .map(|m| super::builders::builder_tokens(api, r, m))
        .collect::<Result<Vec<_>, String>>()?;
    let handle_doc = format!(
        " Operations on `{dotted}`. Get one from the client, e.g. `client.{}()`.",
        r.path.join("().")
    );
    Ok(quote! {
        #![doc = #module_doc]
        #(#mods)*

        #[doc = #handle_doc]
        ///
        /// `C` is the client: [`Client`](crate::Client), or with the `blocking` feature
        /// `blocking::Client`, whose request builders finish with a blocking `send()`.
        #[derive(Debug)]
        pub struct #name<'a, #cp = crate::Client> {
            client: &'a #cp,
        }

        impl<#cp> Clone for #name<'_, #cp> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<#cp> Copy for #name<'_, #cp> {}

        impl<'a, #cp: Clone> #name<'a, #cp> {
            pub(crate) fn new(client: &'a #cp) -> Self {
                Self { client }
            }
            #(#accessors)*
            #(#methods)*
        }
        #(#builders)*
    })
}

/// The struct fields of a body type, if it is a struct.
pub(super) fn body_struct<'a>(api: &'a Api, body: &Body) -> Option<(&'a TypeDef, &'a [Field])> {
    let def = crate::ir::resolve(&api.types, &body.ty)?;
    Some((def, &def.as_struct()?.fields))
}

pub(super) fn output_type(m: &Method) -> TokenStream {
    match &m.response.kind {
        ResponseKind::Empty => quote!(()),
        ResponseKind::Json(t) => rust_type(t),
        ResponseKind::Text => quote!(String),
        ResponseKind::Bytes => quote!(bytes::Bytes),
    }
}

/// [`output_type`] as text.
pub(super) fn output_type_text(m: &Method) -> String {
    match &m.response.kind {
        ResponseKind::Empty => "()".to_string(),
        ResponseKind::Json(t) => super::rust::rust_type_text(t),
        ResponseKind::Text => "String".to_string(),
        ResponseKind::Bytes => "bytes::Bytes".to_string(),
    }
}

fn method_doc(m: &Method) -> TokenStream {
    let head = docs(&[m.summary.as_deref(), m.description.as_deref()]);
    let sig = format!(
        "`{} {}` (operation `{}`).",
        m.http_method.as_str(),
        m.path,
        m.operation_id
    );
    let sig = if m.summary.is_none() && m.description.is_none() {
        doc_raw(&sig)
    } else {
        doc_raw(&format!("\n{sig}"))
    };
    let deprecated = m
        .deprecated
        .then(|| quote!(#[deprecated = "deprecated in the API spec"]));
    quote!(#head #sig #deprecated)
}

/// Whether a method's request builder has any optional setter.
pub(super) fn has_setters(m: &Method) -> bool {
    m.params.iter().any(|p| !p.required)
        || m.body
            .as_ref()
            .is_some_and(|b| !b.setters.is_empty() || b.is_optional_whole())
}

fn method_tokens(api: &Api, r: &Resource, m: &Method) -> Result<TokenStream, String> {
    let cp = client_param(r);
    let doc = method_doc(m);
    let (body, args) = super::method_text::method(api, m, &cp.to_string())?;
    let has_setters = has_setters(m);
    let see = if has_setters {
        format!(
            "\nSet optional parameters on the returned [`{}`], then `.await` it.",
            m.builder
        )
    } else {
        format!(
            "\nReturns a [`{}`]: `.await` it to send the request.",
            m.builder
        )
    };
    let returns = match &m.response.kind {
        ResponseKind::Json(TypeRef::Named(n)) => {
            format!("\nResponds with a [`{n}`](crate::types::{n}).")
        }
        ResponseKind::Json(TypeRef::Array(item)) => match item.as_ref() {
            TypeRef::Named(n) => format!("\nResponds with a list of [`{n}`](crate::types::{n})."),
            _ => "\nResponds with a JSON array.".to_string(),
        },
        ResponseKind::Json(_) => "\nResponds with JSON.".to_string(),
        ResponseKind::Text => "\nResponds with text.".to_string(),
        ResponseKind::Bytes => "\nResponds with raw bytes.".to_string(),
        ResponseKind::Empty => "\nResponds with no body.".to_string(),
    };
    let see = doc_raw(&format!("{see}\n{returns}"));
    let params = parameters_doc(api, m);
    let example = examples::method_example(api, r, m).map(|text| doc_raw(&format!("\n{text}")));
    let response = example_response_doc(api, m);
    // Path parameters are arguments, however many the path has (`&self` counts as one).
    let allow = (args >= 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Ok(quote! {
        #doc
        #see
        #params
        #example
        #response
        #allow
        #body
    })
}

/// `# Parameters`: every parameter with where it goes, and the body's fields.
fn parameters_doc(api: &Api, m: &Method) -> Option<TokenStream> {
    let mut lines: Vec<String> = m
        .params
        .iter()
        .map(|p| format!("- {}", super::describe::param_line(api, p)))
        .collect();
    lines.extend(
        super::describe::body_lines(api, m)
            .into_iter()
            .map(|l| format!("- {l}")),
    );
    if lines.is_empty() {
        return None;
    }
    Some(doc_raw(&format!("\n# Parameters\n\n{}", lines.join("\n"))))
}

/// `# Example response`: a JSON body of the success type, from the spec's examples.
fn example_response_doc(api: &Api, m: &Method) -> Option<TokenStream> {
    let ResponseKind::Json(ty) = &m.response.kind else {
        return None;
    };
    let value = super::describe::example_json(api, ty);
    let text = serde_json::to_string_pretty(&value).ok()?;
    Some(doc_raw(&format!(
        "\n# Example response\n\n```json\n{text}\n```"
    )))
}

/// "Length: 10 to 40." and the like, for a parameter's string bounds.
pub(super) fn length_doc(facts: &crate::ir::SchemaFacts) -> Option<String> {
    super::rust::length_bounds(facts)
        .map(|b| format!("Length: {b} characters (checked before sending)."))
}

/// A parameter's docs: its description (or what it is), and where it is sent.
pub(super) fn param_doc_text(p: &Param) -> String {
    let fallback = format!("The `{}` {} parameter.", p.wire, location_word(p.location));
    let doc = p.doc.as_deref().filter(|d| !d.trim().is_empty());
    let d = super::rust::docs_text(&[Some(doc.unwrap_or(&fallback))]);
    // Where it goes, when the description does not say.
    let place = match (doc.is_some(), p.location) {
        (true, ParamLocation::Header) => format!("\nSent as the `{}` header.", p.wire),
        (true, ParamLocation::Query) => format!("\nSent as the `{}` query parameter.", p.wire),
        (true, ParamLocation::Cookie) => format!("\nSent as the `{}` cookie.", p.wire),
        _ => String::new(),
    };
    super::setter_text::joined(&[&d, &place])
}

fn location_word(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}
