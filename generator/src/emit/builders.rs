//! Emission of request builders: one per method, with a setter per optional parameter and
//! body field, per-call options, and the `send`s.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::constructors::{setter_parts, setter_parts_text};
use super::resources::{
    body_struct, client_param, has_setters, length_doc, output_type, param_doc_text,
};
use super::rust::{arg_type, docs_text, ident, rust_type, rust_type_text};
use super::setter_text::{Setter, Setters, joined};
use super::text::{Code, fits, string_literal};
use crate::ir::{Api, Method, Resource, ResponseKind};

pub(super) fn builder_tokens(api: &Api, r: &Resource, m: &Method) -> Result<TokenStream, String> {
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
    let v = format_ident!("value");

    // Fields.
    let mut fields = vec![
        format!("client: {cp},"),
        "options: crate::runtime::RequestOptions,".to_string(),
    ];
    for p in &m.params {
        let t = rust_type_text(&p.ty);
        fields.push(match p.required {
            true => format!("{}: {t},", p.name),
            false => format!("{}: Option<{t}>,", p.name),
        });
    }
    if let Some(b) = &m.body {
        let t = rust_type_text(&b.ty);
        fields.push(match b.is_optional_whole() {
            true => format!("body: Option<{t}>,"),
            false => format!("body: {t},"),
        });
    }
    let definition = struct_text(&doc, &builder.to_string(), &cp.to_string(), &fields)?;

    // Setters for optional params and optional body fields.
    let mut setters = Setters::default();
    for p in m.params.iter().filter(|p| !p.required) {
        let n = ident(&p.name);
        let (t, conv) = arg_type(&p.ty, &v);
        let idempotency = match p.idempotency_key {
            true => {
                "\nWhen unset, the SDK sends a generated key (a UUID), the same on every retry of this call."
            }
            false => "",
        };
        let length = length_doc(&p.schema)
            .map(|text| format!("\n{text}"))
            .unwrap_or_default();
        let doc = joined(&[&param_doc_text(p), idempotency, &length]);
        let (ty, stored) = super::rust::arg_type_text(&p.ty);
        let setter = Setter {
            doc: &doc,
            allow: super::rust::trait_name_allow(&p.name).is_some(),
            name: &p.name,
            ty: &ty,
            field: &p.name,
            stored: &format!("Some({stored})"),
        };
        setters.push(&setter, || {
            quote! {
                pub fn #n(mut self, #v: #t) -> Self {
                    self.#n = Some(#conv);
                    self
                }
            }
        });
    }
    let mut whole_body = None;
    if let Some(body) = &m.body {
        if let Some((def, fields)) = body_struct(api, body) {
            for f in fields.iter().filter(|f| body.setters.contains(&f.name)) {
                let n = ident(&f.name);
                let fallback = format!("The `{}` body field.", f.wire);
                let doc = docs_text(&[Some(f.doc.as_deref().unwrap_or(&fallback))]);
                let allow = super::rust::trait_name_allow(&f.name).is_some();
                let tokens = || {
                    let (t, stored) = setter_parts(def, f, &v);
                    quote! {
                        pub fn #n(mut self, #v: #t) -> Self {
                            self.body.#n = #stored;
                            self
                        }
                    }
                };
                let field = format!("body.{}", f.name);
                match setter_parts_text(def, f) {
                    Some((ty, stored)) => {
                        let setter = Setter {
                            doc: &doc,
                            allow,
                            name: &f.name,
                            ty: &ty,
                            field: &field,
                            stored: &stored,
                        };
                        setters.push(&setter, tokens);
                    }
                    None => setters.push_tokens(&doc, allow, tokens()),
                }
            }
        }
        if body.is_optional_whole() {
            let t = rust_type(&body.ty);
            whole_body = Some(quote! {
                /// The request body.
                pub fn body(mut self, #v: #t) -> Self {
                    self.body = Some(#v);
                    self
                }
            });
        }
    }
    let setters = setters.finish();

    let into_parts = super::request_parts::into_parts_tokens(api, m, &cp.to_string())?;
    let sender = match &m.response.kind {
        ResponseKind::Empty => "empty",
        ResponseKind::Json(_) => "json",
        ResponseKind::Text => "text",
        ResponseKind::Bytes => "bytes",
    };
    let execute = match &m.response.kind {
        ResponseKind::Empty => "execute_empty",
        ResponseKind::Json(_) => "execute_json",
        ResponseKind::Text => "execute_text",
        ResponseKind::Bytes => "execute_bytes",
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
                type Fetch = crate::ResponseFuture<Self::Response>;
                fn fetch(self) -> Self::Fetch {
                    self.send()
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
    let blocking = super::blocking::builder_impl(m, &builder, execute)?;
    let out_text = super::resources::output_type_text(m);
    let options = super::builder_text::option_setters();
    let raw_sends = super::builder_text::raw_sends();
    let sends = super::builder_text::decoding_sends(&out_text, sender)?;
    let into_future = super::builder_text::into_future(&builder.to_string(), &out_text)?;
    Ok(quote! {
        #definition

        impl<#cp> #builder<#cp> {
            #setters
            #whole_body

            #options

            #into_parts
            #with_client
            #page_number
        }

        impl #builder {
            #sends
            #raw_sends

            #stream
        }

        #paged_impl
        #blocking

        #into_future
    })
}

/// The builder's struct, written as text where each field fits its line, else lexed from
/// the same text for prettyplease.
fn struct_text(
    doc: &str,
    builder: &str,
    cp: &str,
    fields: &[String],
) -> Result<TokenStream, String> {
    const ATTRS: &str = "#[derive(Debug, Clone)]\n#[must_use = \"a request does nothing until it is awaited or sent\"]\n";
    let open = format!("pub struct {builder}<{cp} = crate::Client> {{");
    if fits(0, &open) && fields.iter().all(|f| fits(1, f)) {
        let mut code = Code::default();
        code.doc(0, doc.strip_prefix(' ').unwrap_or(doc));
        let mut text = code.text().to_string();
        text.push_str(ATTRS);
        text.push_str(&open);
        text.push('\n');
        for f in fields {
            text.push_str("    ");
            text.push_str(f);
            text.push('\n');
        }
        text.push_str("}\n");
        return Ok(super::blocks::code(text));
    }
    format!(
        "#[doc = {}] {ATTRS} {open} {} }}",
        string_literal(doc),
        fields.concat()
    )
    .parse()
    .map_err(|e| format!("builder `{builder}` does not lex: {e}"))
}
