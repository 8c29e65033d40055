//! Emission of the client module: environments, defaults, and the resource accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::{doc_raw, docs, ident};
use crate::ir::{Api, Auth};

pub fn client_file(api: &Api) -> TokenStream {
    let typed_error = typed_error(api);
    let c = &api.client;
    let title = &api.krate.title;
    let variants = c.environments.iter().map(|e| {
        let v = ident(&e.variant);
        let d = format!("`{}`: {}", e.name, e.base_url);
        let d = docs(&[Some(&d), e.doc.as_deref()]);
        let default = e.is_default.then(|| quote!(#[default]));
        quote!(#d #default #v,)
    });
    let urls = c.environments.iter().map(|e| {
        let v = ident(&e.variant);
        let u = &e.base_url;
        quote!(Self::#v => #u,)
    });
    let names = c.environments.iter().map(|e| {
        let v = ident(&e.variant);
        let n = &e.name;
        quote!(Self::#v => #n,)
    });
    let default_url = c
        .environments
        .iter()
        .find(|e| e.is_default)
        .map(|e| e.base_url.clone())
        .unwrap_or_default();
    let opt = |s: &Option<String>| match s {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let api_key_env = opt(&c.api_key_env);
    let base_url_env = opt(&c.base_url_env);
    let auth = match &c.auth {
        None => quote!(crate::runtime::AuthScheme::None),
        Some(Auth::Bearer) => quote!(crate::runtime::AuthScheme::Bearer),
        Some(Auth::Basic) => quote!(crate::runtime::AuthScheme::Basic),
        Some(Auth::Header(h)) => quote!(crate::runtime::AuthScheme::Header(#h)),
        Some(Auth::Query(q)) => quote!(crate::runtime::AuthScheme::Query(#q)),
    };
    let timeout = proc_macro2::Literal::u64_unsuffixed(c.timeout_seconds);
    let connect = proc_macro2::Literal::u64_unsuffixed(c.connect_timeout_seconds);
    let retries = proc_macro2::Literal::u32_unsuffixed(c.max_retries);
    let initial = proc_macro2::Literal::u64_unsuffixed(c.retry_initial_delay_ms);
    let max_delay = proc_macro2::Literal::u64_unsuffixed(c.retry_max_delay_ms);
    let agent = format!("{}-rust/", api.krate.name);
    let retry_statuses = c
        .retry_statuses
        .iter()
        .map(|s| proc_macro2::Literal::u16_unsuffixed(*s));
    let request_id_headers = &c.request_id_headers;
    let request_id_pointer = match &c.request_id_pointer {
        Some(p) => quote!(Some(#p)),
        None => quote!(None),
    };
    let accessors = api.resources.iter().map(|r| {
        let m = ident(r.accessor());
        let t = ident(&r.type_name);
        let d = format!(" The `{}` resource.", r.path.join("."));
        let gate = super::features::resource_gate(r);
        quote! {
            #[doc = #d]
            #gate
            pub fn #m(&self) -> crate::resources::#m::#t<'_> {
                crate::resources::#m::#t::new(self)
            }
        }
    });
    let blocking_accessors = api.resources.iter().map(|r| {
        let m = ident(r.accessor());
        let t = ident(&r.type_name);
        let d = format!(" The `{}` resource, whose calls block.", r.path.join("."));
        let gate = super::features::resource_gate(r);
        quote! {
            #[doc = #d]
            #gate
            pub fn #m(&self) -> crate::resources::#m::#t<'_, crate::blocking::Client> {
                crate::resources::#m::#t::new(self)
            }
        }
    });
    let key_doc = match &c.api_key_env {
        Some(var) => format!(
            "The API key comes from [`ClientBuilder::api_key`](crate::ClientBuilder::api_key), else from `{var}`."
        ),
        None => "The API key comes from [`ClientBuilder::api_key`](crate::ClientBuilder::api_key)."
            .to_string(),
    };
    let url_doc = match &c.base_url_env {
        Some(var) => format!("The base URL is, in order: [`ClientBuilder::base_url`](crate::ClientBuilder::base_url), [`ClientBuilder::environment`](crate::ClientBuilder::environment), `{var}`, then the default environment."),
        None => "The base URL is, in order: [`ClientBuilder::base_url`](crate::ClientBuilder::base_url), [`ClientBuilder::environment`](crate::ClientBuilder::environment), then the default environment.".to_string(),
    };
    let builder_doc = doc_raw(&format!(
        "A builder for a {title} client.\n\n{key_doc}\n{url_doc}"
    ));
    let env_doc = format!(" Where requests are sent: one of the {title} API's environments.");
    quote! {
        //! The client, its environments and its defaults.

        #[doc = #env_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub enum Environment {
            #(#variants)*
        }

        impl Environment {
            /// The environment's base URL.
            pub fn base_url(self) -> &'static str {
                match self {
                    #(#urls)*
                }
            }

            /// The environment's name.
            pub fn name(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }
        }

        /// The defaults of this SDK, from its generator config.
        pub(crate) static DEFAULTS: crate::runtime::ClientDefaults = crate::runtime::ClientDefaults {
            api_key_env: #api_key_env,
            base_url_env: #base_url_env,
            base_url: #default_url,
            auth: #auth,
            timeout: std::time::Duration::from_secs(#timeout),
            connect_timeout: std::time::Duration::from_secs(#connect),
            max_retries: #retries,
            initial_retry_delay: std::time::Duration::from_millis(#initial),
            max_retry_delay: std::time::Duration::from_millis(#max_delay),
            user_agent: concat!(#agent, env!("CARGO_PKG_VERSION")),
            retry_statuses: &[#(#retry_statuses),*],
            request_id_headers: &[#(#request_id_headers),*],
            request_id_pointer: #request_id_pointer,
        };

        impl crate::Client {
            #builder_doc
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&DEFAULTS)
            }

            /// A client configured from the environment variables alone.
            pub fn from_env() -> crate::Result<Self> {
                Self::builder().build()
            }

            #(#accessors)*
        }

        #[cfg(feature = "blocking")]
        impl crate::blocking::Client {
            /// A builder for a client; finish it with
            /// [`build_blocking`](crate::ClientBuilder::build_blocking).
            pub fn builder() -> crate::ClientBuilder {
                crate::ClientBuilder::new(&DEFAULTS)
            }

            /// A blocking client configured from the environment variables alone.
            pub fn from_env() -> crate::Result<Self> {
                Self::builder().build_blocking()
            }

            #(#blocking_accessors)*
        }

        impl crate::ClientBuilder {
            /// Sends requests to this environment (unless a base URL is set explicitly).
            pub fn environment(self, environment: Environment) -> Self {
                self.environment_url(environment.base_url())
            }
        }

        #typed_error
    }
}

/// The error body most operations document, if any: `ApiError::error()` decodes it.
fn typed_error(api: &Api) -> Option<TokenStream> {
    let name = typed_error_name(api)?;
    let t = super::rust::type_path(name);
    let doc = format!(
        " The error body decoded as [`{name}`](crate::types::{name}), the error type the spec documents most; `None` when the body is not one."
    );
    Some(quote! {
        impl crate::ApiError {
            #[doc = #doc]
            pub fn error(&self) -> Option<crate::types::#t> {
                self.body_as()
            }
        }
    })
}

/// The name of the error type the most operations document.
pub fn typed_error_name(api: &Api) -> Option<&str> {
    let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for root in &api.resources {
        for r in root.walk() {
            for m in &r.methods {
                let named: std::collections::BTreeSet<&str> = m
                    .errors
                    .iter()
                    .filter_map(|e| match &e.ty {
                        Some(crate::ir::TypeRef::Named(n)) => Some(n.as_str()),
                        _ => None,
                    })
                    .collect();
                for n in named {
                    *counts.entry(n).or_default() += 1;
                }
            }
        }
    }
    // The most documented; the first name on a tie.
    let (name, _) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    Some(name)
}
