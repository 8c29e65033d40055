//! Emission of a request builder's `into_parts`: the HTTP request it describes (path, query,
//! headers, body), checked before anything is sent.
//!
//! It is written as formatted text ([`super::text`]), one level in (an item of the builder's
//! `impl`): each statement on its line where it fits, call lists broken as prettyplease
//! breaks them, and any other statement formatted alone by prettyplease from the tokens of
//! the same text.

use proc_macro2::TokenStream;

use super::resources::body_struct;
use super::text::{Code, fits, string_literal};
use super::text_list::{Piece, layout};
use super::types::is_tristate;
use crate::ir::{Api, Body, BodyKind, Method, Param, ParamLocation, QueryStyle, TypeRef};

/// A statement of `into_parts`.
enum Stmt {
    /// A statement on its line where it fits.
    Line(String),
    /// A statement prettyplease always breaks (a struct literal in it): formatted alone.
    Formatted(String),
    /// A call whose lists break as prettyplease breaks them, and what ends its line.
    List(Piece, &'static str),
    /// `let <binding> = <receiver>.<link>.<link>;`: a chain, each link on its line when it
    /// breaks.
    Chain(String, Vec<String>),
    /// `<receiver>.<call>;`: a method call whose receiver is a name longer than prettyplease's
    /// indentation (4), so that the call goes on a line of its own when it breaks.
    Method(&'static str, Piece),
    /// A block statement: its opening line (up to `{`) and its statements.
    Block(String, Vec<Stmt>),
}

impl Stmt {
    fn line(text: impl Into<String>) -> Stmt {
        Stmt::Line(text.into())
    }

    /// `receiver.method(args);`.
    fn call(receiver: &'static str, method: &str, args: Vec<Piece>) -> Stmt {
        Stmt::Method(
            receiver,
            Piece::List {
                open: format!(".{method}("),
                items: args,
                close: ")",
                tuple: false,
            },
        )
    }

    fn flat(&self) -> String {
        match self {
            Stmt::Line(t) | Stmt::Formatted(t) => t.clone(),
            Stmt::List(piece, end) => format!("{}{end}", piece.flat()),
            Stmt::Chain(head, links) => format!("{head}{};", links.concat()),
            Stmt::Method(receiver, call) => format!("{receiver}{};", call.flat()),
            Stmt::Block(open, body) => {
                let inner: Vec<String> = body.iter().map(Stmt::flat).collect();
                format!("{open} {} }}", inner.join(" "))
            }
        }
    }

    fn write(&self, code: &mut Code, depth: usize) -> Result<(), String> {
        let done = match self {
            Stmt::Line(t) => {
                let fits = fits(depth, t);
                if fits {
                    code.line(depth, t);
                }
                fits
            }
            Stmt::Formatted(_) => false,
            Stmt::List(piece, end) => layout(code, depth, piece, end, ""),
            Stmt::Chain(head, links) => chain(code, depth, head, links),
            Stmt::Method(receiver, call) => {
                let flat = self.flat();
                if fits(depth, &flat) {
                    code.line(depth, &flat);
                    true
                } else {
                    let mark = code.mark();
                    code.line(depth, receiver);
                    let done = layout(code, depth + 1, call, ";", "");
                    if !done {
                        code.rewind(mark);
                    }
                    done
                }
            }
            Stmt::Block(open, body) if fits(depth, open) => {
                code.line(depth, open);
                for s in body {
                    s.write(code, depth + 1)?;
                }
                code.line(depth, "}");
                true
            }
            Stmt::Block(..) => false,
        };
        if !done {
            #[cfg(test)]
            tests::FALLBACKS.with(|f| f.set(f.get() + 1));
            code.formatted(depth, lex(&self.flat())?)?;
        }
        Ok(())
    }
}

/// A chain on one line where it fits; else its head on the first line and each link on a
/// line of its own one level in, as prettyplease breaks a chain (all its links or none).
fn chain(code: &mut Code, depth: usize, head: &str, links: &[String]) -> bool {
    let flat = format!("{head}{};", links.concat());
    if fits(depth, &flat) {
        code.line(depth, &flat);
        return true;
    }
    let last = links.len() - 1;
    let lines: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == last {
                format!("{l};")
            } else {
                l.clone()
            }
        })
        .collect();
    if !fits(depth, head) || lines.iter().any(|l| !fits(depth + 1, l)) {
        return false;
    }
    code.line(depth, head);
    for l in &lines {
        code.line(depth + 1, l);
    }
    true
}

fn atom(text: &str) -> Piece {
    Piece::Atom(text.to_string())
}

fn lex(text: &str) -> Result<TokenStream, String> {
    text.parse()
        .map_err(|e| format!("generated code does not lex: {e}: {text}"))
}

/// Refuses a string parameter outside its length bounds, before anything is sent.
fn length_check(op: &str, p: &Param, out: &mut Vec<Stmt>) {
    if !matches!(p.ty, TypeRef::String)
        || (p.schema.min_length.is_none() && p.schema.max_length.is_none())
    {
        return;
    }
    let min = p.schema.min_length.unwrap_or(0);
    let check = match p.schema.max_length.filter(|&max| max != usize::MAX) {
        None => format!("if len < {min} {{"),
        Some(max) => format!("if !({min}..={max}).contains(&len) {{"),
    };
    let bounds = super::rust::length_bounds(&p.schema).unwrap_or_default();
    let message = string_literal(&format!(
        "parameter `{}` must be {bounds} characters long (got {{}})",
        p.wire
    ));
    out.push(Stmt::line("let len = value.chars().count();"));
    out.push(Stmt::Block(
        check,
        vec![Stmt::Formatted(format!(
            "return Err(crate::Error::InvalidRequest {{ operation: {op}, message: format!({message}, len) }});"
        ))],
    ));
}

/// The statements that add one parameter to the request.
fn param_stmts(op: &str, p: &Param) -> Vec<Stmt> {
    let n = &p.name;
    let w = string_literal(&p.wire);
    let atoms = |items: &[&str]| items.iter().map(|i| Piece::Atom(i.to_string())).collect();
    let add = match (p.location, &p.ty) {
        (ParamLocation::Query, TypeRef::Array(_)) if !p.json_encoded => {
            let style = match p.style {
                QueryStyle::Form { explode: true } | QueryStyle::DeepObject => "Repeat",
                QueryStyle::Form { explode: false } => "Comma",
                QueryStyle::SpaceDelimited => "Space",
                QueryStyle::PipeDelimited => "Pipe",
            };
            let style = format!("crate::runtime::ArrayStyle::{style}");
            Stmt::call("request", "query_array", atoms(&[&w, "value", &style]))
        }
        (ParamLocation::Query, _) if p.style == QueryStyle::DeepObject => {
            Stmt::call("request", "query_deep_object", atoms(&[&w, "value"]))
        }
        (ParamLocation::Query, _) => Stmt::call("request", "query", atoms(&[&w, "value"])),
        (ParamLocation::Header, _) => Stmt::call("request", "header", atoms(&[&w, "value"])),
        (ParamLocation::Cookie, _) => Stmt::call("request", "cookie", atoms(&[&w, "value"])),
        // Path parameters are part of the path.
        (ParamLocation::Path, _) => return Vec::new(),
    };
    let mut adds = Vec::new();
    if p.json_encoded {
        adds.push(Stmt::line(
            "let value = &crate::runtime::encode::json_text(value);",
        ));
    }
    length_check(op, p, &mut adds);
    adds.push(add);
    if p.required {
        let mut out = vec![Stmt::line(format!("let value = &self.{n};"))];
        out.extend(adds);
        out
    } else if p.idempotency_key {
        // Unset: a fresh key, sent unchanged on every retry of this call.
        let mut out = vec![
            Stmt::Chain(
                "let key = self".to_string(),
                vec![
                    format!(".{n}"),
                    ".clone()".to_string(),
                    ".unwrap_or_else(crate::runtime::request::new_idempotency_key)".to_string(),
                ],
            ),
            Stmt::line("let value = &key;"),
        ];
        out.extend(adds);
        out.push(Stmt::line("request.mark_idempotent();"));
        out
    } else {
        vec![Stmt::Block(
            format!("if let Some(value) = &self.{n} {{"),
            adds,
        )]
    }
}

/// The statements that encode the body.
fn body_stmts(api: &Api, body: &Body) -> Vec<Stmt> {
    let encode = match body.kind {
        BodyKind::Json => {
            let ct = body
                .content_type
                .split(';')
                .next()
                .unwrap_or_default()
                .trim();
            if ct == "application/json" || ct == "*/*" {
                vec![Stmt::line("request.json(body)?;")]
            } else {
                vec![Stmt::Line(format!(
                    "request.json_as(body, {})?;",
                    string_literal(ct)
                ))]
            }
        }
        BodyKind::FormUrlEncoded => vec![Stmt::line("request.form(body)?;")],
        BodyKind::Multipart => multipart_stmts(api, body),
        BodyKind::Binary => vec![Stmt::Line(format!(
            "request.raw(body, {});",
            string_literal(&media_type(&body.content_type))
        ))],
        BodyKind::Text => vec![Stmt::Line(format!(
            "request.text(body, {});",
            string_literal(&media_type(&body.content_type))
        ))],
    };
    if body.is_optional_whole() {
        vec![Stmt::Block(
            "if let Some(body) = &self.body {".to_string(),
            encode,
        )]
    } else {
        let mut out = vec![Stmt::line("let body = &self.body;")];
        out.extend(encode);
        out
    }
}

/// `let path = ...expand_path(..)?;` and `let mut request = ...;`, for the path parameters
/// given by wire name and field.
fn request_stmts(op: &str, template: &str, http: &str, path: &[(&str, &str)]) -> Vec<Stmt> {
    let path_values: Vec<Piece> = path
        .iter()
        .map(|(wire, name)| Piece::List {
            open: "(".to_string(),
            items: vec![
                Piece::Atom(string_literal(wire)),
                Piece::atoms(
                    "crate::runtime::encode::param_string(",
                    vec![format!("&self.{name}")],
                    ")",
                ),
            ],
            close: ")",
            tuple: true,
        })
        .collect();
    vec![
        Stmt::List(
            Piece::List {
                open: "let path = crate::runtime::encode::expand_path(".to_string(),
                items: vec![
                    Piece::Atom(op.to_string()),
                    Piece::Atom(string_literal(template)),
                    Piece::List {
                        open: "&[".to_string(),
                        items: path_values,
                        close: "]",
                        tuple: false,
                    },
                ],
                close: ")",
                tuple: false,
            },
            "?;",
        ),
        Stmt::List(
            Piece::atoms(
                "let mut request = crate::runtime::Request::new(",
                vec![
                    op.to_string(),
                    format!("reqwest::Method::{http}"),
                    "path".to_string(),
                ],
                ")",
            ),
            ";",
        ),
    ]
}

/// `into_parts`, as an item of the builder's `impl` (one level in).
pub(super) fn into_parts_tokens(api: &Api, m: &Method, cp: &str) -> Result<TokenStream, String> {
    let op = string_literal(&m.operation_id);
    let path: Vec<(&str, &str)> = m
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path)
        .map(|p| (p.wire.as_str(), p.name.as_str()))
        .collect();
    let mut stmts = request_stmts(&op, &m.path, m.http_method.as_str(), &path);
    for p in m
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
    {
        stmts.extend(param_stmts(&op, p));
    }
    if let Some(body) = &m.body {
        stmts.extend(body_stmts(api, body));
    }
    stmts.push(Stmt::line("request.options(self.options)?;"));
    stmts.push(Stmt::line("Ok((self.client, request))"));
    function(cp, &stmts)
}

const DOC: &str = "The HTTP request this builder describes, checked but not sent.";

/// The function of `stmts`: text, or the tokens of its text where its signature does not fit.
fn function(cp: &str, stmts: &[Stmt]) -> Result<TokenStream, String> {
    let signature =
        format!("fn into_parts(self) -> crate::Result<({cp}, crate::runtime::Request)> {{");
    if !fits(1, &signature) {
        let body: Vec<String> = stmts.iter().map(Stmt::flat).collect();
        return lex(&format!("/// {DOC}\n{signature} {} }}", body.join(" ")));
    }
    let mut code = Code::nested(1);
    code.doc(1, DOC);
    code.line(1, &signature);
    for s in stmts {
        s.write(&mut code, 2)?;
    }
    code.line(1, "}");
    Ok(code.item())
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

fn multipart_stmts(api: &Api, body: &Body) -> Vec<Stmt> {
    let mut out = vec![Stmt::line(
        "let mut form = crate::runtime::multipart::Multipart::new();",
    )];
    let Some((def, fields)) = body_struct(api, body) else {
        // A body that names no parts: one file part.
        out.push(Stmt::line("form.file(\"file\", body.clone());"));
        out.push(Stmt::line("request.multipart(form);"));
        return out;
    };
    for f in fields {
        let n = &f.name;
        let w = string_literal(&f.wire);
        let add = match &f.ty {
            TypeRef::Binary => {
                Stmt::call("form", "file", vec![Piece::Atom(w), atom("value.clone()")])
            }
            TypeRef::String => {
                Stmt::call("form", "text", vec![Piece::Atom(w), atom("value.clone()")])
            }
            _ => Stmt::call(
                "form",
                "text",
                vec![
                    Piece::Atom(w),
                    Piece::atoms(
                        "crate::runtime::encode::param_string(",
                        vec!["value".to_string()],
                        ")",
                    ),
                ],
            ),
        };
        let stmt = if is_tristate(def, f) {
            Stmt::Block(
                format!("if let Some(crate::runtime::Nullable::Value(value)) = &body.{n} {{"),
                vec![add],
            )
        } else if !f.required || f.nullable {
            Stmt::Block(format!("if let Some(value) = &body.{n} {{"), vec![add])
        } else {
            out.push(Stmt::line(format!("let value = &body.{n};")));
            add
        };
        out.push(stmt);
    }
    out.push(Stmt::line("request.multipart(form);"));
    out
}

#[cfg(test)]
#[path = "request_parts_tests.rs"]
mod tests;
