//! Calls of a method with sample arguments, for generated tests and doc examples.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::ident;
use super::samples::{Fill, Samples};
use crate::ir::{Api, BodyShape, Method, ParamLocation, Resource, SchemaFacts, TypeRef};

/// `client.a().b().method(args...)` with required arguments (and, for `Fill::All`, every
/// optional setter). `empty_path` blanks the first path parameter.
pub fn call(
    api: &Api,
    samples: &Samples<'_>,
    r: &Resource,
    m: &Method,
    fill: Fill,
    empty_path: bool,
) -> TokenStream {
    let accessors = r.path.iter().map(|s| {
        let s = ident(s);
        quote!(.#s())
    });
    let name = ident(&m.name);
    let mut args = Vec::new();
    let mut blanked = false;
    for p in m.params.iter().filter(|p| p.required) {
        if empty_path
            && !blanked
            && p.location == ParamLocation::Path
            && matches!(p.ty, TypeRef::String)
        {
            args.push(quote!(""));
            blanked = true;
        } else if p.location == ParamLocation::Path {
            let facts = path_param_facts(api, m, p);
            args.push(samples.arg(&p.ty, &facts, fill));
        } else {
            args.push(samples.arg(&p.ty, &p.schema, fill));
        }
    }
    let mut setters = Vec::new();
    if fill == Fill::All {
        for p in m.params.iter().filter(|p| !p.required) {
            let n = ident(&p.name);
            let v = samples.arg(&p.ty, &p.schema, fill);
            setters.push(quote!(.#n(#v)));
        }
    }
    if let Some(body) = &m.body {
        let fields = body_fields(api, &body.ty);
        let whole = |samples: &Samples<'_>| match body.kind {
            // Raw bytes go with the spec's media type; a sample must not pick another.
            crate::ir::BodyKind::Binary => {
                let k = ident(&api.krate.lib_name);
                quote!(#k::FilePart::new(b"file contents".to_vec()))
            }
            _ => samples.value(&body.ty, &SchemaFacts::default(), fill, 0),
        };
        match &body.shape {
            BodyShape::Flattened { required } => {
                for f in fields.iter().filter(|f| required.contains(&f.name)) {
                    args.push(samples.arg(&f.ty, &samples.field_facts(f), fill));
                }
            }
            BodyShape::Params => {
                // The required fields alone, by name, when the rest is left unset.
                let required = crate::ir::resolve(&api.types, &body.ty)
                    .filter(|d| fill != Fill::All && super::constructors::has_required_struct(d));
                match required.and_then(|d| d.as_struct().map(|s| (d, s))) {
                    Some((d, s)) => args.push(samples.required_literal(&d.name, s, fill, 0)),
                    None => args.push(samples.value(&body.ty, &SchemaFacts::default(), fill, 0)),
                }
            }
            BodyShape::Whole if body.required => args.push(whole(samples)),
            BodyShape::Whole => {
                if fill == Fill::All {
                    let v = whole(samples);
                    setters.push(quote!(.body(#v)));
                }
            }
        }
        if fill == Fill::All {
            for f in fields.iter().filter(|f| body.setters.contains(&f.name)) {
                let n = ident(&f.name);
                let v = samples.arg(&f.ty, &samples.field_facts(f), fill);
                setters.push(quote!(.#n(#v)));
            }
        }
    }
    quote!(client #(#accessors)* .#name(#(#args),*) #(#setters)*)
}

fn body_fields(api: &Api, ty: &TypeRef) -> Vec<crate::ir::Field> {
    crate::ir::resolve(&api.types, ty)
        .and_then(|d| d.as_struct())
        .map(|s| s.fields.clone())
        .unwrap_or_default()
}

/// A path parameter's sample facts: its own when it has an example or a format, else those of
/// the response field it names (`id`, or a field of its own name), breadth first, so that an
/// example reads `get("182bd5e5-...")` rather than `get("sample")`.
pub(super) fn path_param_facts(api: &Api, m: &Method, p: &crate::ir::Param) -> SchemaFacts {
    if p.schema.example.is_some() || p.schema.format.is_some() {
        return p.schema.clone();
    }
    let crate::ir::ResponseKind::Json(ty) = &m.response.kind else {
        return p.schema.clone();
    };
    let names_id = p.wire == "id" || p.wire.ends_with("_id") || p.wire.ends_with("Id");
    let mut queue = vec![ty.clone()];
    let mut seen = std::collections::BTreeSet::new();
    let mut depth = 0;
    while !queue.is_empty() && depth < 4 {
        let mut next = Vec::new();
        for t in queue {
            let Some(def) = crate::ir::resolve(&api.types, &t) else {
                continue;
            };
            if !seen.insert(def.name.clone()) {
                continue;
            }
            for f in def
                .as_struct()
                .map(|s| s.fields.as_slice())
                .unwrap_or_default()
            {
                let named = f.wire == p.wire || (names_id && f.wire == "id");
                let useful = f.schema.example.is_some() || f.schema.format.is_some();
                if named && useful && f.ty == TypeRef::String {
                    return f.schema.clone();
                }
            }
            next.extend(def.kind.refs().into_iter().cloned());
        }
        queue = next;
        depth += 1;
    }
    // An identifier the response does not show: an id-shaped sample all the same.
    let mut facts = p.schema.clone();
    if names_id && p.ty == TypeRef::String {
        facts.format = Some("uuid".to_string());
    }
    facts
}
