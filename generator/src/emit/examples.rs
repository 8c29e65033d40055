//! A compiled (`no_run`) example for every method's rustdoc, built from the same sample
//! values as the generated tests.

use quote::quote;

use super::calls::call;
use super::rust::ident;
use super::samples::{Fill, Samples};
use crate::ir::{Api, Method, Resource, ResponseKind, TypeRef};
use crate::lower::names::snake;

/// The doc text of a method's example, or `None` if it cannot be formatted.
pub fn method_example(api: &Api, r: &Resource, m: &Method) -> Option<String> {
    let samples = Samples::new(api);
    let krate = &api.krate.lib_name;
    let c = call(api, &samples, r, m, Fill::Required, false);
    let var = match &m.response.kind {
        ResponseKind::Empty => None,
        ResponseKind::Json(TypeRef::Named(n)) => Some(snake(n)),
        ResponseKind::Json(_) => Some("response".to_string()),
        ResponseKind::Text => Some("text".to_string()),
        ResponseKind::Bytes => Some("bytes".to_string()),
    };
    let body = match &var {
        Some(v) => {
            let v_ident = ident(v);
            let fmt = format!("{{{v}:?}}");
            quote! {
                let #v_ident = #c.await?;
                println!(#fmt);
            }
        }
        None => quote!(#c.await?;),
    };
    let mut out = vec!["# Example".to_string(), String::new()];
    out.extend(code_block(krate, true, &body_lines(body)?));
    Some(out.join("\n"))
}

/// Statements formatted by prettyplease (as the body of a throwaway function), unindented.
pub fn body_lines(body: proc_macro2::TokenStream) -> Option<Vec<String>> {
    let file: syn::File = syn::parse2(quote!(fn example() { #body })).ok()?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines.get(1..lines.len().checked_sub(1)?)?;
    Some(
        inner
            .iter()
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string())
            .collect(),
    )
}

/// A `no_run` doctest around `lines`, inside an async fn returning the crate's `Result` (given
/// a `client` when `with_client`).
pub fn code_block(krate: &str, with_client: bool, lines: &[String]) -> Vec<String> {
    let params = if with_client {
        format!("client: {krate}::Client")
    } else {
        String::new()
    };
    let mut out = vec![
        "```no_run".to_string(),
        format!("# async fn example({params}) -> {krate}::Result<()> {{"),
    ];
    out.extend(lines.iter().cloned());
    out.push("# Ok(())".to_string());
    out.push("# }".to_string());
    out.push("```".to_string());
    out
}

/// The first method (depth first) for which `pick` holds, with its resource.
pub fn find_method(api: &Api, pick: impl Fn(&Method) -> bool) -> Option<(&Resource, &Method)> {
    api.resources
        .iter()
        .flat_map(|root| root.walk())
        .flat_map(|r| r.methods.iter().map(move |m| (r, m)))
        .find(|(_, m)| pick(m))
}

/// A call of `m` with its required arguments.
pub fn sample_call(api: &Api, r: &Resource, m: &Method) -> proc_macro2::TokenStream {
    let samples = Samples::new(api);
    call(api, &samples, r, m, Fill::Required, false)
}
