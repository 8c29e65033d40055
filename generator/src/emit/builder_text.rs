//! The parts of a request builder that every builder has, written as formatted text
//! ([`super::text`]): the per-call option setters, the raw and streaming sends, and the
//! sends that decode, where their lines are known to print as written.

use proc_macro2::TokenStream;

use super::blocks::code;
use super::text::{Code, fits};

/// The per-call option setters of every builder, as prettyplease prints them.
const OPTION_SETTERS: &str = "\
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
pub fn extra_header(
    mut self,
    name: impl Into<String>,
    value: impl Into<String>,
) -> Self {
    self.options.extra_headers.push((name.into(), value.into()));
    self
}
/// Sends one more query parameter with this call.
pub fn extra_query(
    mut self,
    name: impl Into<String>,
    value: impl Into<String>,
) -> Self {
    self.options.extra_query.push((name.into(), value.into()));
    self
}
/// Adds a top-level field to this call's body, or replaces one (for fields the spec
/// does not describe yet).
pub fn extra_body_field(
    mut self,
    name: impl Into<String>,
    value: impl Into<serde_json::Value>,
) -> Self {
    self.options.extra_body.insert(name.into(), value.into());
    self
}
";

/// The sends of the async client that return the body undecoded.
const RAW_SENDS: &str = "\
/// Sends the request and returns the response body undecoded, as bytes, with its
/// status and headers (errors and retries as for [`send`](Self::send)).
pub fn send_raw(self) -> crate::ResponseFuture<(bytes::Bytes, crate::RawResponse)> {
    crate::runtime::send::bytes(self.into_parts())
}
/// Sends the request and returns the response body undecoded, as a stream of
/// chunks read as they arrive, with its status and headers (for large bodies; an
/// error status is still an error, with the start of its body).
pub fn send_streaming(
    self,
) -> crate::ResponseFuture<
    crate::runtime::send::Streamed,
    crate::runtime::send::Streamed,
> {
    crate::runtime::send::streaming(self.into_parts())
}
";

/// The send of the blocking client that returns the body undecoded.
const BLOCKING_RAW_SEND: &str = "\
/// Sends the request and returns the response body undecoded, blocking until it
/// is read.
pub fn send_raw(self) -> crate::Result<(bytes::Bytes, crate::RawResponse)> {
    let (client, request) = self.into_parts()?;
    client.block_on(client.inner().execute(request))
}
";

/// The option setters, as items of the builder's `impl`.
pub fn option_setters() -> TokenStream {
    code(OPTION_SETTERS.to_string())
}

/// The raw and streaming sends, as items of the builder's `impl`.
pub fn raw_sends() -> TokenStream {
    code(RAW_SENDS.to_string())
}

/// The blocking raw send, as an item of the blocking builder's `impl`.
pub fn blocking_raw_send() -> TokenStream {
    code(BLOCKING_RAW_SEND.to_string())
}

/// A function of an `impl` that takes `self` alone: its docs, name, return type and body.
struct SendFn<'a> {
    doc: &'a str,
    name: &'a str,
    output: String,
    body: Vec<String>,
}

/// Writes `f` one level in, its parameter list broken as prettyplease breaks it when the
/// signature does not fit; `None` where the broken signature does not fit either.
fn send_fn(code: &mut Code, f: &SendFn<'_>) -> Option<()> {
    let flat = format!("pub fn {}(self) -> {} {{", f.name, f.output);
    let close = format!(") -> {} {{", f.output);
    code.doc(0, f.doc);
    if fits(1, &flat) {
        code.line(0, &flat);
    } else if fits(1, &close) {
        code.lines(&[
            (0, &format!("pub fn {}(", f.name)),
            (1, "self,"),
            (0, &close),
        ]);
    } else {
        return None;
    }
    for line in &f.body {
        if !fits(2, line) {
            return None;
        }
        code.line(1, line);
    }
    code.line(0, "}");
    Some(())
}

/// The functions as text where every line is known, else the tokens of the same code.
fn send_fns(fns: &[SendFn<'_>]) -> Result<TokenStream, String> {
    let mut code = Code::default();
    if fns.iter().all(|f| send_fn(&mut code, f).is_some()) {
        return Ok(code.item());
    }
    let source: String = fns
        .iter()
        .map(|f| {
            let doc: String = f.doc.lines().map(|l| format!("/// {l}\n")).collect();
            format!(
                "{doc}pub fn {}(self) -> {} {{ {} }}\n",
                f.name,
                f.output,
                f.body.join(" ")
            )
        })
        .collect();
    parsed(&source)
}

fn parsed(source: &str) -> Result<TokenStream, String> {
    source
        .parse()
        .map_err(|e| format!("a request builder's code does not lex: {e}"))
}

/// `send` and `send_with_response` of the async builder, decoding `out` through the runtime's
/// `sender`.
pub fn decoding_sends(out: &str, sender: &str) -> Result<TokenStream, String> {
    send_fns(&[
        SendFn {
            doc: "Sends the request and decodes the response.",
            name: "send",
            output: format!("crate::ResponseFuture<{out}>"),
            body: vec![format!(
                "crate::runtime::send::{sender}_value(self.into_parts())"
            )],
        },
        SendFn {
            doc: "Sends the request and returns the decoded response with its status and headers.",
            name: "send_with_response",
            output: format!("crate::ResponseFuture<({out}, crate::RawResponse)>"),
            body: vec![format!("crate::runtime::send::{sender}(self.into_parts())")],
        },
    ])
}

/// `send` and `send_with_response` of the blocking builder, executing through `execute`.
pub fn blocking_sends(out: &str, execute: &str) -> Result<TokenStream, String> {
    send_fns(&[
        SendFn {
            doc: "Sends the request and decodes the response, blocking until it is done.",
            name: "send",
            output: format!("crate::Result<{out}>"),
            body: vec!["self.send_with_response().map(|(value, _)| value)".to_string()],
        },
        SendFn {
            doc: "Sends the request and returns the decoded response with its status and\nheaders, blocking until it is done.",
            name: "send_with_response",
            output: format!("crate::Result<({out}, crate::RawResponse)>"),
            body: vec![
                "let (client, request) = self.into_parts()?;".to_string(),
                format!("client.block_on(client.inner().{execute}(request))"),
            ],
        },
    ])
}

/// `IntoFuture` for the builder: text where every line fits, else the tokens of the same code.
pub fn into_future(builder: &str, out: &str) -> Result<TokenStream, String> {
    let lines = [
        (0, format!("impl std::future::IntoFuture for {builder} {{")),
        (1, format!("type Output = crate::Result<{out}>;")),
        (
            1,
            format!("type IntoFuture = crate::ResponseFuture<{out}>;"),
        ),
        (1, "fn into_future(self) -> Self::IntoFuture {".to_string()),
        (2, "self.send()".to_string()),
        (1, "}".to_string()),
        (0, "}".to_string()),
    ];
    if lines.iter().any(|(depth, line)| !fits(*depth, line)) {
        let source: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        return parsed(&source.join(" "));
    }
    let mut code = Code::default();
    for (depth, line) in &lines {
        code.line(*depth, line);
    }
    Ok(code.item())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use quote::quote;

    /// `tokens` formatted, and the same text parsed and printed again by prettyplease: the
    /// text written is what prettyplease prints for its own code.
    pub(in crate::emit) fn assert_fixed_point(tokens: TokenStream) {
        let text = super::super::rust::format_file(tokens).unwrap();
        let body = text.strip_prefix(super::super::rust::HEADER).unwrap();
        let again = prettyplease::unparse(&syn::parse_file(body).unwrap());
        assert_eq!(body, again);
    }

    #[test]
    fn the_fixed_parts_print_as_prettyplease_prints_them() {
        let (options, raw, blocking) = (option_setters(), raw_sends(), blocking_raw_send());
        assert_fixed_point(quote! {
            impl<C> R<C> {
                #options
            }
            impl R {
                #raw
            }
            impl R<crate::blocking::Client> {
                #blocking
            }
        });
    }

    #[test]
    fn the_sends_print_as_prettyplease_prints_them_for_any_output_type() {
        let mut written = 0;
        for len in 1..90 {
            let out = format!("crate::types::{}", "T".repeat(len));
            let builder = format!("B{}", "b".repeat(len));
            let sends = decoding_sends(&out, "json").unwrap();
            let blocking = blocking_sends(&out, "execute_json").unwrap();
            let future = into_future(&builder, &out).unwrap();
            let as_text = |t: &TokenStream| t.to_string().contains("__sdk_generator_block");
            written += [&sends, &blocking, &future]
                .iter()
                .filter(|t| as_text(t))
                .count();
            assert_fixed_point(quote! {
                impl R {
                    #sends
                }
                impl R<crate::blocking::Client> {
                    #blocking
                }
                #future
            });
        }
        // Most lengths are written as text; the longest are left to prettyplease.
        assert!(written >= 70, "{written}");
    }
}
