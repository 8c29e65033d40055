//! Emission of resources: a handle type per resource with a method per endpoint, and a
//! request builder per method.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::examples;
use super::rust::{arg_type, doc_raw, docs, field_init, ident, rust_type};
use super::types::{is_tristate, setter_parts};
use crate::ir::{
    Api, Body, BodyKind, BodyShape, Field, Method, Param, ParamLocation, QueryStyle, Resource,
    ResponseKind, TypeDef, TypeRef,
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
pub fn resource_file(api: &Api, r: &Resource) -> TokenStream {
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
    let methods = r.methods.iter().map(|m| method_tokens(api, r, m));
    let builders = r.methods.iter().map(|m| builder_tokens(api, r, m));
    let handle_doc = format!(
        " Operations on `{dotted}`. Get one from the client, e.g. `client.{}()`.",
        r.path.join("().")
    );
    quote! {
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
    }
}

/// The struct fields of a body type, if it is a struct.
fn body_struct<'a>(api: &'a Api, body: &Body) -> Option<(&'a TypeDef, &'a [Field])> {
    let def = crate::ir::resolve(&api.types, &body.ty)?;
    Some((def, &def.as_struct()?.fields))
}

/// The method's arguments: required path, query, header params, then the body.
fn arguments(api: &Api, m: &Method) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in m.params.iter().filter(|p| p.required) {
        let n = ident(&p.name);
        let (t, conv) = arg_type(&p.ty, &n);
        args.push(quote!(#n: #t));
        inits.push(field_init(&n, &conv));
    }
    for p in m.params.iter().filter(|p| !p.required) {
        let n = ident(&p.name);
        inits.push(quote!(#n: None));
    }
    if let Some(body) = &m.body {
        let body_ty = rust_type(&body.ty);
        match &body.shape {
            BodyShape::Flattened { required } => {
                let fields = body_struct(api, body).map(|(_, f)| f).unwrap_or_default();
                let mut ctor_args = Vec::new();
                for f in fields.iter().filter(|f| required.contains(&f.name)) {
                    let n = ident(&f.name);
                    let t = arg_type(&f.ty, &n).0;
                    args.push(quote!(#n: #t));
                    ctor_args.push(quote!(#n));
                }
                inits.push(quote!(body: #body_ty::new(#(#ctor_args),*)));
            }
            BodyShape::Params => {
                // The params, or just their required fields (`TRequired { .. }`).
                args.push(quote!(params: impl Into<#body_ty>));
                inits.push(quote!(body: params.into()));
            }
            BodyShape::Whole if body.required => {
                args.push(quote!(body: #body_ty));
                inits.push(quote!(body));
            }
            BodyShape::Whole => inits.push(quote!(body: None)),
        }
    }
    (args, inits)
}

fn output_type(m: &Method) -> TokenStream {
    match &m.response.kind {
        ResponseKind::Empty => quote!(()),
        ResponseKind::Json(t) => rust_type(t),
        ResponseKind::Text => quote!(String),
        ResponseKind::Bytes => quote!(bytes::Bytes),
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
fn has_setters(m: &Method) -> bool {
    m.params.iter().any(|p| !p.required)
        || m.body
            .as_ref()
            .is_some_and(|b| !b.setters.is_empty() || b.is_optional_whole())
}

fn method_tokens(api: &Api, r: &Resource, m: &Method) -> TokenStream {
    let cp = client_param(r);
    let name = ident(&m.name);
    let builder = ident(&m.builder);
    let doc = method_doc(m);
    let (args, inits) = arguments(api, m);
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
    let example = examples::method_example(api, r, m).map(|text| doc_raw(&format!("\n{text}")));
    // Path parameters are arguments, however many the path has (`&self` counts as one).
    let allow = (args.len() >= 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #doc
        #see
        #example
        #allow
        pub fn #name(&self, #(#args),*) -> #builder<#cp> {
            #builder {
                client: self.client.clone(),
                options: Default::default(),
                #(#inits,)*
            }
        }
    }
}

/// "Length: 10 to 40." and the like, for a parameter's string bounds.
fn length_doc(facts: &crate::ir::SchemaFacts) -> Option<String> {
    super::rust::length_bounds(facts)
        .map(|b| format!("Length: {b} characters (checked before sending)."))
}

fn param_doc(p: &Param) -> TokenStream {
    let fallback = format!("The `{}` {} parameter.", p.wire, location_word(p.location));
    let doc = p.doc.as_deref().filter(|d| !d.trim().is_empty());
    docs(&[Some(doc.unwrap_or(&fallback))])
}

fn location_word(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

fn builder_tokens(api: &Api, r: &Resource, m: &Method) -> TokenStream {
    let cp = client_param(r);
    let builder = ident(&m.builder);
    let handle = &r.type_name;
    let has_setters = has_setters(m);
    let doc = if has_setters {
        format!(
            " Request builder for [`{handle}::{}`]: set optional parameters, then `.await` it (or call [`send`](Self::send) / [`send_with_response`](Self::send_with_response)).",
            m.name
        )
    } else {
        format!(
            " Request for [`{handle}::{}`]: `.await` it (or call [`send`](Self::send) / [`send_with_response`](Self::send_with_response)).",
            m.name
        )
    };
    let out = output_type(m);
    let v = format_ident!("value");

    // Fields.
    let mut fields = Vec::new();
    for p in &m.params {
        let n = ident(&p.name);
        let t = rust_type(&p.ty);
        let t = if p.required { t } else { quote!(Option<#t>) };
        fields.push(quote!(#n: #t,));
    }
    let body_field = m.body.as_ref().map(|b| {
        let t = rust_type(&b.ty);
        if b.is_optional_whole() {
            quote!(body: Option<#t>,)
        } else {
            quote!(body: #t,)
        }
    });

    // Setters for optional params and optional body fields.
    let mut setters = Vec::new();
    for p in m.params.iter().filter(|p| !p.required) {
        let n = ident(&p.name);
        let (t, conv) = arg_type(&p.ty, &v);
        let d = param_doc(p);
        let d = if p.idempotency_key {
            let note = doc_raw(
                "\nWhen unset, the SDK sends a generated key (a UUID), the same on every retry of this call.",
            );
            quote!(#d #note)
        } else {
            d
        };
        let d = match length_doc(&p.schema) {
            Some(text) => {
                let note = doc_raw(&format!("\n{text}"));
                quote!(#d #note)
            }
            None => d,
        };
        let allow = super::rust::trait_name_allow(&p.name);
        setters.push(quote! {
            #d
            #allow
            pub fn #n(mut self, #v: #t) -> Self {
                self.#n = Some(#conv);
                self
            }
        });
    }
    if let Some(body) = &m.body {
        if let Some((def, fields)) = body_struct(api, body) {
            for f in fields.iter().filter(|f| body.setters.contains(&f.name)) {
                let n = ident(&f.name);
                let (t, stored) = setter_parts(def, f, &v);
                let fallback = format!("The `{}` body field.", f.wire);
                let d = docs(&[Some(f.doc.as_deref().unwrap_or(&fallback))]);
                let allow = super::rust::trait_name_allow(&f.name);
                setters.push(quote! {
                    #d
                    #allow
                    pub fn #n(mut self, #v: #t) -> Self {
                        self.body.#n = #stored;
                        self
                    }
                });
            }
        }
        if body.is_optional_whole() {
            let t = rust_type(&body.ty);
            setters.push(quote! {
                /// The request body.
                pub fn body(mut self, #v: #t) -> Self {
                    self.body = Some(#v);
                    self
                }
            });
        }
    }

    let into_parts = into_parts_tokens(api, m, &cp);
    let sender = match &m.response.kind {
        ResponseKind::Empty => quote!(empty),
        ResponseKind::Json(_) => quote!(json),
        ResponseKind::Text => quote!(text),
        ResponseKind::Bytes => quote!(bytes),
    };
    let execute = match &m.response.kind {
        ResponseKind::Empty => quote!(execute_empty),
        ResponseKind::Json(_) => quote!(execute_json),
        ResponseKind::Text => quote!(execute_text),
        ResponseKind::Bytes => quote!(execute_bytes),
    };
    let out_ty = output_type(m);
    let stream = m.pagination.as_ref().map(|pg| {
        let item = rust_type(&pg.item_ty);
        let first = pg.first_page;
        let last = if pg.total_pages.is_some() {
            "the last page (as the response's page count says)"
        } else {
            "a page comes back empty"
        };
        let d = format!(
            " Streams every item of every page, from the page set with [`{p}`](Self::{p}) (default {first}) until {last}.",
            p = pg.page_param
        );
        let dp = format!(
            " Streams every page, from the page set with [`{p}`](Self::{p}) (default {first}) until {last}.",
            p = pg.page_param
        );
        let df = format!(
            " The page set with [`{p}`](Self::{p}) (default {first}), with [`has_next_page`](crate::runtime::pagination::Page::has_next_page) and [`next_page`](crate::runtime::pagination::Page::next_page).",
            p = pg.page_param
        );
        quote! {
            #[doc = #df]
            pub async fn first_page(self) -> crate::Result<crate::runtime::pagination::Page<Self>> {
                let first = self.first_page_number();
                crate::runtime::pagination::Page::fetch(self, first).await
            }

            #[doc = #dp]
            pub fn into_pages(self) -> crate::runtime::pagination::PageStream<crate::runtime::pagination::Page<Self>> {
                let first = self.first_page_number();
                crate::runtime::pagination::pages(self, first)
            }

            #[doc = #d]
            pub fn into_stream(self) -> crate::runtime::pagination::PageStream<#item> {
                let first = self.first_page_number();
                crate::runtime::pagination::items(self, first)
            }
        }
    });
    let paged_impl = m.pagination.as_ref().map(|pg| {
        let item = rust_type(&pg.item_ty);
        let page = ident(&pg.page_param);
        let items = ident(&pg.items_field);
        let total = pg.total_pages.as_ref().map(|steps| {
            let mut expr = quote!(response);
            for (i, (name, optional)) in steps.iter().enumerate() {
                let n = ident(name);
                let last = i + 1 == steps.len();
                // Objects on the way are borrowed; the integer at the end is copied.
                expr = match (*optional, last) {
                    (true, false) => quote!(#expr.#n.as_ref()?),
                    (true, true) => quote!(#expr.#n?),
                    (false, _) => quote!(#expr.#n),
                };
            }
            quote! {
                fn total_pages(response: &Self::Response) -> Option<u64> {
                    u64::try_from(#expr).ok()
                }
            }
        });
        quote! {
            impl crate::runtime::pagination::PagedRequest for #builder {
                type Response = #out_ty;
                type Item = #item;
                fn at_page(self, number: u64) -> Self {
                    self.#page(number as _)
                }
                fn fetch(self) -> std::pin::Pin<Box<dyn std::future::Future<Output = crate::Result<Self::Response>> + Send>> {
                    Box::pin(self.send())
                }
                fn items(response: &Self::Response) -> &[Self::Item] {
                    &response.#items
                }
                fn into_items(response: Self::Response) -> Vec<Self::Item> {
                    response.#items
                }
                #total
            }
        }
    });

    let page_number = m.pagination.as_ref().map(|pg| {
        let page = ident(&pg.page_param);
        let first = pg.first_page;
        quote! {
            fn first_page_number(&self) -> u64 {
                self.#page.and_then(|p| u64::try_from(p).ok()).unwrap_or(#first)
            }
        }
    });
    // The same request for another client (a blocking list is iterated through the async one).
    let with_client = m.pagination.as_ref().map(|_| {
        let names: Vec<proc_macro2::Ident> = m
            .params
            .iter()
            .map(|p| ident(&p.name))
            .chain(m.body.as_ref().map(|_| format_ident!("body")))
            .collect();
        quote! {
            #[cfg(feature = "blocking")]
            fn with_client<D>(self, client: D) -> #builder<D> {
                #builder { client, options: self.options, #(#names: self.#names,)* }
            }
        }
    });
    let blocking = super::blocking::builder_impl(m, &builder, &out, &execute);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until it is awaited or sent"]
        pub struct #builder<#cp = crate::Client> {
            client: #cp,
            options: crate::runtime::RequestOptions,
            #(#fields)*
            #body_field
        }

        impl<#cp> #builder<#cp> {
            #(#setters)*

            /// Overrides the client's timeout (per attempt) for this call.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options.timeout = Some(timeout);
                self
            }

            /// Overrides the client's maximum number of retries for this call.
            pub fn max_retries(mut self, max_retries: u32) -> Self {
                self.options.max_retries = Some(max_retries);
                self
            }

            /// Sends one more header with this call, replacing one of the same name (for
            /// headers the spec does not describe yet).
            pub fn extra_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.extra_headers.push((name.into(), value.into()));
                self
            }

            /// Sends one more query parameter with this call.
            pub fn extra_query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
                self.options.extra_query.push((name.into(), value.into()));
                self
            }

            /// Adds a top-level field to this call's body, or replaces one (for fields the spec
            /// does not describe yet).
            pub fn extra_body_field(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
                self.options.extra_body.insert(name.into(), value.into());
                self
            }

            #into_parts
            #with_client
            #page_number
        }

        impl #builder {
            /// Sends the request and decodes the response.
            pub fn send(self) -> impl std::future::Future<Output = crate::Result<#out>> + Send + 'static {
                crate::runtime::send::value(crate::runtime::send::#sender(self.into_parts()))
            }

            /// Sends the request and returns the decoded response with its status and headers.
            pub fn send_with_response(self) -> impl std::future::Future<Output = crate::Result<(#out, crate::RawResponse)>> + Send + 'static {
                crate::runtime::send::#sender(self.into_parts())
            }

            /// Sends the request and returns the response body undecoded, as bytes, with its
            /// status and headers (errors and retries as for [`send`](Self::send)).
            pub fn send_raw(self) -> impl std::future::Future<Output = crate::Result<(bytes::Bytes, crate::RawResponse)>> + Send + 'static {
                crate::runtime::send::bytes(self.into_parts())
            }

            /// Sends the request and returns the response body undecoded, as a stream of
            /// chunks read as they arrive, with its status and headers (for large bodies; an
            /// error status is still an error, with the start of its body).
            pub fn send_streaming(self) -> impl std::future::Future<Output = crate::Result<(crate::runtime::ByteStream, crate::RawResponse)>> + Send + 'static {
                crate::runtime::send::streaming(self.into_parts())
            }

            #stream
        }

        #paged_impl
        #blocking

        impl std::future::IntoFuture for #builder {
            type Output = crate::Result<#out>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

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

fn into_parts_tokens(api: &Api, m: &Method, cp: &proc_macro2::Ident) -> TokenStream {
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
