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
    let krate = &api.krate.name;
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
    // Formatted as the body of a throwaway function, then unindented.
    let file: syn::File = syn::parse2(quote!(fn example() { #body })).ok()?;
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let inner = lines.get(1..lines.len().checked_sub(1)?)?;
    let mut out = vec![
        "# Example".to_string(),
        String::new(),
        "```no_run".to_string(),
        format!("# async fn example(client: {krate}::Client) -> {krate}::Result<()> {{"),
    ];
    out.extend(
        inner
            .iter()
            .map(|l| l.strip_prefix("    ").unwrap_or(l).to_string()),
    );
    out.push("# Ok(())".to_string());
    out.push("# }".to_string());
    out.push("```".to_string());
    Some(out.join("\n"))
}
