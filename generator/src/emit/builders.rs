//! Emission of request builders: one per method, with a setter per optional parameter and
//! body field, per-call options, and the `send`s.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::constructors::{setter_parts, setter_parts_text};
use super::resources::{
    body_struct, client_param, has_setters, length_doc, output_type, param_doc,
};
use super::rust::{arg_type, doc_raw, docs, ident, rust_type};
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
        let (ty, stored) = super::rust::arg_type_text(&p.ty);
        let body = super::builder_text::setter(&p.name, &ty, &p.name, &format!("Some({stored})"))
            .unwrap_or_else(|| {
                quote! {
                    pub fn #n(mut self, #v: #t) -> Self {
                        self.#n = Some(#conv);
                        self
                    }
                }
            });
        setters.push(quote! {
            #d
            #allow
            #body
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
                let text = setter_parts_text(def, f).and_then(|(ty, stored)| {
                    let field = format!("body.{}", f.name);
                    super::builder_text::setter(&f.name, &ty, &field, &stored)
                });
                let body = text.unwrap_or_else(|| {
                    quote! {
                        pub fn #n(mut self, #v: #t) -> Self {
                            self.body.#n = #stored;
                            self
                        }
                    }
                });
                setters.push(quote! {
                    #d
                    #allow
                    #body
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

    let into_parts = super::request_parts::into_parts_tokens(api, m, &cp);
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
