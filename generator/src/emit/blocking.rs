//! Emission for the `blocking` cargo feature: the same request builders, for the blocking
//! client, finished by a `send()` that blocks; paginated lists iterate.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust::rust_type;
use crate::ir::Method;

/// The blocking `send`s of one request builder, and `IntoIterator` for a paginated list.
pub fn builder_impl(m: &Method, builder: &Ident, execute: &str) -> Result<TokenStream, String> {
    let iterate = m.pagination.as_ref().map(|pg| {
        let item = rust_type(&pg.item_ty);
        quote! {
            /// Every item of every page, fetched page by page as the iterator advances.
            #[cfg(feature = "blocking")]
            impl IntoIterator for #builder<crate::blocking::Client> {
                type Item = crate::Result<#item>;
                type IntoIter = crate::blocking::Items<#item>;

                fn into_iter(self) -> Self::IntoIter {
                    let client = self.client.clone();
                    let stream = self.with_client(client.inner().clone()).into_stream();
                    client.items(stream)
                }
            }
        }
    });
    let out_text = super::resources::output_type_text(m);
    let sends = super::builder_text::blocking_sends(&out_text, execute)?;
    let raw_send = super::builder_text::blocking_raw_send();
    Ok(quote! {
        #[cfg(feature = "blocking")]
        impl #builder<crate::blocking::Client> {
            #sends
            #raw_send
        }
        #iterate
    })
}
