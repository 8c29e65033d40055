//! Emission of a request builder's `into_parts`: the HTTP request it describes (path, query,
//! headers, body), checked before anything is sent.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::resources::body_struct;
use super::rust::ident;
use super::types::is_tristate;
use crate::ir::{Api, Body, BodyKind, Method, Param, ParamLocation, QueryStyle, TypeRef};

/// Refuses a string parameter outside its length bounds, before anything is sent.
fn length_check(op: &str, p: &Param) -> TokenStream {
    if !matches!(p.ty, TypeRef::String)
        || (p.schema.min_length.is_none() && p.schema.max_length.is_none())
    {
        return quote!();
    }
    let min = p.schema.min_length.unwrap_or(0);
    let max = p.schema.max_length.unwrap_or(usize::MAX);
    let wire = &p.wire;
    let bounds = super::rust::length_bounds(&p.schema).unwrap_or_default();
    let message = format!("parameter `{wire}` must be {bounds} characters long (got {{}})");
    let min = proc_macro2::Literal::usize_unsuffixed(min);
    let check = if max == usize::MAX {
        quote!(len < #min)
    } else {
        let max = proc_macro2::Literal::usize_unsuffixed(max);
        quote!(!(#min..=#max).contains(&len))
    };
    quote! {
        let len = value.chars().count();
        if #check {
            return Err(crate::Error::InvalidRequest { operation: #op, message: format!(#message, len) });
        }
    }
}

pub(super) fn into_parts_tokens(api: &Api, m: &Method, cp: &proc_macro2::Ident) -> TokenStream {
    let op = &m.operation_id;
    let template = &m.path;
    let http = format_ident!("{}", m.http_method.as_str());
    let path_values = m
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| {
            let n = ident(&p.name);
            let w = &p.wire;
            quote!((#w, crate::runtime::encode::param_string(&self.#n)))
        });
    let mut statements = Vec::new();
    for p in m
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
    {
        let n = ident(&p.name);
        let w = &p.wire;
        let add = match (p.location, &p.ty) {
            (ParamLocation::Query, TypeRef::Array(_)) if !p.json_encoded => {
                let style = match p.style {
                    QueryStyle::Form { explode: true } => quote!(Repeat),
                    QueryStyle::Form { explode: false } => quote!(Comma),
                    QueryStyle::SpaceDelimited => quote!(Space),
                    QueryStyle::PipeDelimited => quote!(Pipe),
                    QueryStyle::DeepObject => quote!(Repeat),
                };
                quote!(request.query_array(#w, value, crate::runtime::ArrayStyle::#style);)
            }
            (ParamLocation::Query, _) if p.style == QueryStyle::DeepObject => {
                quote!(request.query_deep_object(#w, value);)
            }
            (ParamLocation::Query, _) => quote!(request.query(#w, value);),
            (ParamLocation::Header, _) => quote!(request.header(#w, value);),
            (ParamLocation::Cookie, _) => quote!(request.cookie(#w, value);),
            (ParamLocation::Path, _) => quote!(),
        };
        let check = length_check(op, p);
        let add = if p.json_encoded {
            quote!(let value = &crate::runtime::encode::json_text(value); #check #add)
        } else {
            quote!(#check #add)
        };
        if p.required {
            statements.push(quote! { let value = &self.#n; #add });
        } else if p.idempotency_key {
            statements.push(quote! {
                // Unset: a fresh key, sent unchanged on every retry of this call.
                let key = self.#n.clone().unwrap_or_else(crate::runtime::request::new_idempotency_key);
                let value = &key;
                #add
                request.mark_idempotent();
            });
        } else {
            statements.push(quote! { if let Some(value) = &self.#n { #add } });
        }
    }
    if let Some(body) = &m.body {
        let optional = body.is_optional_whole();
        let encode = match body.kind {
            BodyKind::Json => {
                let ct = body
                    .content_type
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .trim();
                if ct == "application/json" || ct == "*/*" {
                    quote!(request.json(body)?;)
                } else {
                    quote!(request.json_as(body, #ct)?;)
                }
            }
            BodyKind::FormUrlEncoded => quote!(request.form(body)?;),
            BodyKind::Multipart => multipart_tokens(api, body),
            BodyKind::Binary => {
                let ct = media_type(&body.content_type);
                quote!(request.raw(body, #ct);)
            }
            BodyKind::Text => {
                let ct = media_type(&body.content_type);
                quote!(request.text(body, #ct);)
            }
        };
        if optional {
            statements.push(quote! { if let Some(body) = &self.body { #encode } });
        } else {
            statements.push(quote! { let body = &self.body; #encode });
        }
    }
    quote! {
        /// The HTTP request this builder describes, checked but not sent.
        fn into_parts(self) -> crate::Result<(#cp, crate::runtime::Request)> {
            let path = crate::runtime::encode::expand_path(#op, #template, &[#(#path_values),*])?;
            let mut request = crate::runtime::Request::new(#op, reqwest::Method::#http, path);
            #(#statements)*
            request.options(self.options)?;
            Ok((self.client, request))
        }
    }
}

/// A content type as sent: wildcards (`image/*`, `*/*`) become `application/octet-stream`.
fn media_type(content_type: &str) -> String {
    let ct = content_type.trim();
    if ct.contains('*') {
        "application/octet-stream".to_string()
    } else {
        ct.to_string()
    }
}

fn multipart_tokens(api: &Api, body: &Body) -> TokenStream {
    let Some((def, fields)) = body_struct(api, body) else {
        // A body that names no parts: one file part.
        return quote! {
            let mut form = crate::runtime::multipart::Multipart::new();
            form.file("file", body.clone());
            request.multipart(form);
        };
    };
    let parts = fields.iter().map(|f| {
        let n = ident(&f.name);
        let w = &f.wire;
        let add = match &f.ty {
            TypeRef::Binary => quote!(form.file(#w, value.clone());),
            TypeRef::String => quote!(form.text(#w, value.clone());),
            _ => quote!(form.text(#w, crate::runtime::encode::param_string(value));),
        };
        if is_tristate(def, f) {
            quote! { if let Some(crate::runtime::Nullable::Value(value)) = &body.#n { #add } }
        } else if !f.required || f.nullable {
            quote! { if let Some(value) = &body.#n { #add } }
        } else {
            quote! { let value = &body.#n; #add }
        }
    });
    quote! {
        let mut form = crate::runtime::multipart::Multipart::new();
        #(#parts)*
        request.multipart(form);
    }
}
