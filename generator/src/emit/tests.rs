//! Emission of per-endpoint tests: for every method, a call with only the required
//! parameters and one with every parameter, both against a mock server, and a call that
//! must be refused before anything is sent.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::calls::call;
use super::rust::ident;
use super::samples::{Fill, Samples};
use crate::ir::{Api, Method, ParamLocation, Resource, TypeRef};

/// The test module of one resource (with methods), when the config asks for tests.
pub fn resource_test_file(api: &Api, r: &Resource) -> Option<(String, TokenStream)> {
    api.tests.as_ref()?;
    if r.methods.is_empty() {
        return None;
    }
    let samples = Samples::new(api);
    let m = r.path.join("_");
    let tests = r.methods.iter().map(|m| method_tests(api, &samples, r, m));
    let doc = format!(" Tests of `{}` against the mock server.", r.path.join("."));
    let file = quote! {
        #![doc = #doc]
        #(#tests)*
    };
    Some((format!("tests/api_resources/{m}.rs"), file))
}

/// The tests' crate root with its helpers, when the config asks for tests.
pub fn test_main(api: &Api) -> Option<TokenStream> {
    let settings = api.tests.as_ref()?;
    let mut mods = Vec::new();
    for root in &api.resources {
        for r in root.walk().into_iter().filter(|r| !r.methods.is_empty()) {
            let m = ident(&r.path.join("_"));
            let gate = super::features::resource_gate(root);
            mods.push(quote!(#gate mod #m;));
        }
    }
    let krate = ident(&api.krate.lib_name);
    let var = &settings.mock_url_env;
    let skip = format!(
        "skipping {{test}}: {var} is not set (scripts/test starts a mock server and sets it)"
    );
    let main_doc = format!(
        " Per-endpoint tests, generated from the spec. Each endpoint is called with its required\n parameters and with all of them against the mock server at `{var}` (requests the mock\n finds invalid fail the test), and once with input that must be refused before sending."
    );
    let (ok_violations, err_violations) = match &settings.violations_header {
        Some(h) => (
            quote! {
                if let Some(violations) = raw.header(#h) {
                    panic!("{operation}: the mock server reported violations: {violations}");
                }
            },
            quote! {
                let violations = e.headers.get(#h).and_then(|v| v.to_str().ok()).unwrap_or("none");
                panic!("{e}\n  violations: {violations}");
            },
        ),
        None => (quote!(), quote!(panic!("{e}");)),
    };
    Some(quote! {
        #![doc = #main_doc]
        #(#mods)*

        /// A client for the mock server, or `None` (saying why) when its URL is not set.
        pub fn mock_client(test: &str) -> Option<#krate::Client> {
            let Ok(url) = std::env::var(#var) else {
                println!(#skip);
                return None;
            };
            let client = #krate::Client::builder()
                .api_key("My API Key")
                .base_url(url)
                .max_retries(0)
                .build()
                .expect("a client for the mock server");
            Some(client)
        }

        /// A client for a closed local port: any request it sends fails to connect.
        pub fn offline_client() -> #krate::Client {
            #krate::Client::builder()
                .api_key("My API Key")
                .base_url("http://127.0.0.1:9")
                .max_retries(0)
                .build()
                .expect("an offline client")
        }

        /// Checks a mock server's answer: the spec's success status and no reported violations.
        pub fn check<T: std::fmt::Debug>(
            operation: &str,
            status: Option<u16>,
            result: #krate::Result<(T, #krate::RawResponse)>,
        ) -> T {
            match result {
                Ok((value, raw)) => {
                    #ok_violations
                    if let Some(status) = status {
                        assert_eq!(raw.status().as_u16(), status, "{operation}: unexpected status");
                    }
                    value
                }
                Err(#krate::Error::Api(e)) => {
                    #err_violations
                }
                Err(e) => panic!("{e}"),
            }
        }
    })
}

fn method_tests(api: &Api, samples: &Samples<'_>, r: &Resource, m: &Method) -> TokenStream {
    let op = &m.operation_id;
    let status = match m.response.status {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };
    let required_name = format_ident!("{}_with_required_params", m.name.trim_end_matches('_'));
    let all_name = format_ident!("{}_with_all_params", m.name.trim_end_matches('_'));
    let required_call = call(api, samples, r, m, Fill::Required, false);
    let all_call = call(api, samples, r, m, Fill::All, false);
    let test_label = |n: &proc_macro2::Ident| format!("{}::{}", r.path.join("_"), n);
    let (required_label, all_label) = (test_label(&required_name), test_label(&all_name));
    let mut out = vec![
        quote! {
            #[tokio::test]
            async fn #required_name() {
                let Some(client) = crate::mock_client(#required_label) else { return };
                let result = #required_call.send_with_response().await;
                crate::check(#op, #status, result);
            }
        },
        quote! {
            #[tokio::test]
            async fn #all_name() {
                let Some(client) = crate::mock_client(#all_label) else { return };
                let result = #all_call.send_with_response().await;
                crate::check(#op, #status, result);
            }
        },
    ];
    let has_string_path = m
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Path && matches!(p.ty, TypeRef::String));
    let header = m.params.iter().find(|p| {
        p.location == ParamLocation::Header && !p.required && matches!(p.ty, TypeRef::String)
    });
    if has_string_path {
        let p = m
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && matches!(p.ty, TypeRef::String));
        let wire = p.map(|p| p.wire.clone()).unwrap_or_default();
        let name = format_ident!("{}_refuses_empty_path_param", m.name.trim_end_matches('_'));
        let c = call(api, samples, r, m, Fill::Required, true);
        let expected = format!("{op}: invalid request: path parameter `{wire}` must not be empty");
        out.push(quote! {
            #[tokio::test]
            async fn #name() {
                let client = crate::offline_client();
                let error = #c.send().await.expect_err("an empty path parameter must be refused");
                assert_eq!(error.to_string(), #expected);
            }
        });
    } else if let Some(h) = header {
        // No path parameter to leave empty: an unsendable header value must be refused instead.
        let name = format_ident!("{}_refuses_invalid_header", m.name.trim_end_matches('_'));
        let c = call(api, samples, r, m, Fill::Required, false);
        let setter = ident(&h.name);
        let expected = format!(
            "{op}: invalid request: invalid value for header `{}`",
            h.wire
        );
        let set = quote!(.#setter("line\nbreak"));
        out.push(quote! {
            #[tokio::test]
            async fn #name() {
                let client = crate::offline_client();
                let error = #c #set.send().await.expect_err("an invalid header value must be refused");
                assert_eq!(error.to_string(), #expected);
            }
        });
    }
    if m.pagination.is_some() {
        let name = format_ident!("{}_streams_pages", m.name.trim_end_matches('_'));
        let label = test_label(&name);
        let c = call(api, samples, r, m, Fill::Required, false);
        out.push(quote! {
            #[tokio::test]
            async fn #name() {
                use futures_util::StreamExt;
                let Some(client) = crate::mock_client(#label) else { return };
                let mut stream = std::pin::pin!(#c.into_stream());
                let mut items = 0;
                // The mock answers every page with the same example, so take a few pages' worth.
                while items < 3 {
                    match stream.next().await {
                        Some(Ok(_)) => items += 1,
                        Some(Err(e)) => panic!("{}: {e}", #op),
                        None => break,
                    }
                }
            }
        });
    }
    quote!(#(#out)*)
}
