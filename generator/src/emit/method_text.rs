//! A resource's method (which makes the request builder) written as formatted text
//! ([`super::text`]): its signature, on one line or one parameter a line, and the builder's
//! struct literal, one field a line. Its docs and attributes stay the placeholder's.

use proc_macro2::TokenStream;

use super::resources::body_struct;
use super::rust::{arg_type_text, rust_type_text};
use super::text::{Code, fits};
use crate::ir::{Api, BodyShape, Method};

/// The method's arguments after `&self` (required path, query and header params, then the
/// body) and the builder's fields after `client` and `options`, as text.
fn arguments_text(api: &Api, m: &Method) -> (Vec<String>, Vec<String>) {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in m.params.iter().filter(|p| p.required) {
        let (t, conv) = arg_type_text(&p.ty);
        let conv = conv.replacen("value", &p.name, 1);
        args.push(format!("{}: {t}", p.name));
        inits.push(match conv == p.name {
            true => p.name.clone(),
            false => format!("{}: {conv}", p.name),
        });
    }
    for p in m.params.iter().filter(|p| !p.required) {
        inits.push(format!("{}: None", p.name));
    }
    if let Some(body) = &m.body {
        let body_ty = rust_type_text(&body.ty);
        match &body.shape {
            BodyShape::Flattened { required } => {
                let fields = body_struct(api, body).map(|(_, f)| f).unwrap_or_default();
                let mut ctor_args = Vec::new();
                for f in fields.iter().filter(|f| required.contains(&f.name)) {
                    args.push(format!("{}: {}", f.name, arg_type_text(&f.ty).0));
                    ctor_args.push(f.name.clone());
                }
                inits.push(format!("body: {body_ty}::new({})", ctor_args.join(", ")));
            }
            BodyShape::Params => {
                // The params, or just their required fields (`TRequired { .. }`).
                args.push(format!("params: impl Into<{body_ty}>"));
                inits.push("body: params.into()".to_string());
            }
            BodyShape::Whole if body.required => {
                args.push(format!("body: {body_ty}"));
                inits.push("body".to_string());
            }
            BodyShape::Whole => inits.push("body: None".to_string()),
        }
    }
    (args, inits)
}

/// The method, and how many arguments it takes after `&self`: as text, one level in, or as
/// the tokens of the same code (for prettyplease) where a line of it does not fit.
pub fn method(api: &Api, m: &Method, client: &str) -> Result<(TokenStream, usize), String> {
    let (args, inits) = arguments_text(api, m);
    let count = args.len();
    if let Some(text) = method_text(m, client, &args, &inits) {
        return Ok((text, count));
    }
    let fields: Vec<String> = ["client: self.client.clone()", "options: Default::default()"]
        .into_iter()
        .map(str::to_string)
        .chain(inits)
        .collect();
    let code = format!(
        "pub fn {}(&self, {}) -> {b}<{client}> {{ {b} {{ {} }} }}",
        m.name,
        args.join(", "),
        fields.join(", "),
        b = m.builder
    );
    let tokens = code
        .parse()
        .map_err(|e| format!("method `{}` does not lex: {e}", m.name))?;
    Ok((tokens, count))
}

fn method_text(m: &Method, client: &str, args: &[String], inits: &[String]) -> Option<TokenStream> {
    let builder = &m.builder;
    let returns = format!(") -> {builder}<{client}> {{");
    let params: Vec<String> = std::iter::once("&self".to_string())
        .chain(args.iter().cloned())
        .collect();
    let flat = format!("pub fn {}({}{returns}", m.name, params.join(", "));
    let mut code = Code::default();
    if fits(1, &flat) {
        code.line(0, &flat);
    } else {
        let open = format!("pub fn {}(", m.name);
        if !fits(1, &open)
            || !fits(1, &returns)
            || params.iter().any(|p| !fits(2, &format!("{p},")))
        {
            return None;
        }
        code.line(0, &open);
        for p in &params {
            code.line(1, &format!("{p},"));
        }
        code.line(0, &returns);
    }
    let open = format!("{builder} {{");
    let fields = [
        "client: self.client.clone()".to_string(),
        "options: Default::default()".to_string(),
    ];
    let lines: Vec<String> = fields
        .iter()
        .chain(inits)
        .map(|i| format!("{i},"))
        .collect();
    if !fits(2, &open) || lines.iter().any(|l| !fits(3, l)) {
        return None;
    }
    code.line(1, &open);
    for l in &lines {
        code.line(2, l);
    }
    code.lines(&[(1, "}"), (0, "}")]);
    Some(code.item())
}
