//! Fluent setters (`pub fn name(mut self, value: T) -> Self`) written as formatted text
//! ([`super::text`]), docs and attributes included, a run of them in one placeholder.

use proc_macro2::TokenStream;
use quote::quote;

use super::text::{Code, fits};

/// One setter: what it is called, what it takes and stores where.
pub struct Setter<'a> {
    /// The doc block's text (lines written as `///`).
    pub doc: &'a str,
    /// `#[allow(clippy::should_implement_trait)]` before it.
    pub allow: bool,
    pub name: &'a str,
    pub ty: &'a str,
    /// The field of `self` it sets (`name`, `body.name`).
    pub field: &'a str,
    /// The expression stored (`Some(value)`).
    pub stored: &'a str,
}

/// A setter's lines (relative to an item of an `impl`, one level in), its parameters broken
/// one a line where the signature does not fit; `None` where a line does not fit either way.
fn lines(s: &Setter<'_>) -> Option<Vec<(usize, String)>> {
    let flat = format!("pub fn {}(mut self, value: {}) -> Self {{", s.name, s.ty);
    let mut out = Vec::new();
    if fits(1, &flat) {
        out.push((0, flat));
    } else {
        out.push((0, format!("pub fn {}(", s.name)));
        out.push((1, "mut self,".to_string()));
        out.push((1, format!("value: {},", s.ty)));
        out.push((0, ") -> Self {".to_string()));
    }
    out.push((1, format!("self.{} = {};", s.field, s.stored)));
    out.push((1, "self".to_string()));
    out.push((0, "}".to_string()));
    out.iter()
        .all(|(depth, line)| fits(depth + 1, line))
        .then_some(out)
}

/// Setters of one `impl`, in order: consecutive ones that are text share a placeholder.
#[derive(Default)]
pub struct Setters {
    code: Code,
    items: Vec<TokenStream>,
}

impl Setters {
    /// Adds `s`, as text, or (where a line of it does not fit) as its docs, its attribute
    /// and `tokens` for prettyplease.
    pub fn push(&mut self, s: &Setter<'_>, tokens: impl FnOnce() -> TokenStream) {
        if let Some(lines) = lines(s) {
            self.code.doc(0, s.doc);
            if s.allow {
                self.code
                    .line(0, "#[allow(clippy::should_implement_trait)]");
            }
            for (depth, line) in &lines {
                self.code.line(*depth, line);
            }
            return;
        }
        self.push_tokens(s.doc, s.allow, tokens());
    }

    /// Adds a setter written as tokens, after its docs and attribute.
    pub fn push_tokens(&mut self, doc: &str, allow: bool, tokens: TokenStream) {
        self.flush();
        let doc = super::blocks::block(doc);
        let allow = allow.then(|| quote!(#[allow(clippy::should_implement_trait)]));
        self.items.push(quote!(#doc #allow #tokens));
    }

    fn flush(&mut self) {
        let code = std::mem::take(&mut self.code);
        if !code.text().is_empty() {
            self.items.push(code.item());
        }
    }

    /// The setters, as items of the `impl`.
    pub fn finish(mut self) -> TokenStream {
        self.flush();
        let items = self.items;
        quote!(#(#items)*)
    }
}

/// Doc blocks' texts as one block: the non-empty ones, one after the other.
pub fn joined(parts: &[&str]) -> String {
    let parts: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::super::builder_text::tests::assert_fixed_point;
    use super::*;

    #[test]
    fn setters_print_as_prettyplease_prints_them_on_one_line_or_broken() {
        let mut written = (0, 0);
        for len in 1..90 {
            let ty = format!("Vec<crate::types::{}>", "T".repeat(len));
            let name = "n".repeat(len / 4 + 1);
            let field = format!("body.{name}");
            let mut setters = Setters::default();
            for allow in [false, true] {
                let s = Setter {
                    doc: "A setter.\n\nIts second paragraph.",
                    allow,
                    name: &name,
                    ty: &ty,
                    field: &field,
                    stored: "Some(value.into_iter().collect())",
                };
                match lines(&s) {
                    Some(l) if l.len() == 4 => written.0 += 1,
                    Some(_) => written.1 += 1,
                    None => {}
                }
                let n = super::super::rust::ident(&name);
                let t: TokenStream = ty.parse().unwrap();
                setters.push(&s, || {
                    quote! {
                        pub fn #n(mut self, value: #t) -> Self {
                            self.body.#n = Some(value.into_iter().collect());
                            self
                        }
                    }
                });
            }
            let setters = setters.finish();
            assert_fixed_point(quote! {
                impl<C> R<C> {
                    #setters
                }
            });
        }
        // Both layouts are written, and the longest types are left to prettyplease.
        assert!(written.0 >= 40 && written.1 >= 20, "{written:?}");
    }
}
