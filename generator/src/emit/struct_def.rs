//! A struct's definition (docs, derives, fields) written as formatted text ([`super::text`]),
//! with its tokens kept for the one case text does not cover (a name too long for its line)
//! and for the test that holds the text to prettyplease's output.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust::{ident, rust_type, rust_type_text};
use super::text::{Code, fits};
use super::text_list::{Piece, layout};
use super::types::{field_doc, field_doc_text, field_type, is_tristate, type_doc, type_doc_text};
use crate::ir::{Field, Struct, TypeDef, TypeRef};
use crate::lower::scope::type_ident;

/// The field a struct keeps what its spec does not name in.
pub enum ExtraField<'a> {
    /// `additionalProperties`: a typed map.
    Typed(&'a Ident, &'a TypeRef),
    /// A response's unknown fields, as JSON.
    Json(&'a Ident),
}

/// What the definition derives and says.
pub struct Shape<'a> {
    pub debug: bool,
    pub default: bool,
    pub non_exhaustive: bool,
    pub extra: Option<ExtraField<'a>>,
}

const TYPED_DOC: &str = "Properties not named in the spec, kept as they were received.";
const JSON_DOC: &str = "Fields the server sent that this version of the SDK does not know, kept\nas JSON and written back when the value is serialized.";

/// The definition of struct `def` as formatted text.
pub fn definition(def: &TypeDef, s: &Struct, shape: &Shape<'_>) -> Result<TokenStream, String> {
    let name = type_ident(&def.name);
    let open = format!("pub struct {name} {{");
    if !fits(0, &open) {
        return Ok(definition_tokens(def, s, shape));
    }
    let mut code = Code::default();
    code.doc(0, &type_doc_text(def));
    let derives: Vec<&str> = [
        shape.debug.then_some("Debug"),
        Some("Clone"),
        Some("PartialEq"),
        shape.default.then_some("Default"),
    ]
    .into_iter()
    .flatten()
    .collect();
    code.line(0, &format!("#[derive({})]", derives.join(", ")));
    if shape.non_exhaustive {
        code.line(0, "#[non_exhaustive]");
    }
    if s.fields.is_empty() && shape.extra.is_none() {
        code.line(0, &format!("pub struct {name} {{}}"));
        return Ok(code.item());
    }
    code.line(0, &open);
    for f in &s.fields {
        let (main, facts) = field_doc_text(f);
        code.doc(1, &main);
        if let Some(facts) = facts {
            code.doc(1, &facts);
        }
        let line = prefixed(&format!("pub {}: ", f.name), field_piece(def, f));
        if !layout(&mut code, 1, &line, ",", "") {
            return Ok(definition_tokens(def, s, shape));
        }
    }
    match &shape.extra {
        Some(ExtraField::Typed(n, t)) => {
            code.doc(1, TYPED_DOC);
            let map = map_piece(type_piece(t));
            if !layout(&mut code, 1, &prefixed(&format!("pub {n}: "), map), ",", "") {
                return Ok(definition_tokens(def, s, shape));
            }
        }
        Some(ExtraField::Json(n)) => {
            code.doc(1, JSON_DOC);
            code.line(1, &format!("pub {n}: crate::runtime::ExtraFields,"));
        }
        None => {}
    }
    code.line(0, "}");
    Ok(code.item())
}

/// [`definition`] as tokens.
pub fn definition_tokens(def: &TypeDef, s: &Struct, shape: &Shape<'_>) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let doc = type_doc(def);
    let fields = s.fields.iter().map(|f| {
        let fname = ident(&f.name);
        let ty = field_type(def, f);
        // Reading and writing are the generated impls' (`super::deserialize`,
        // `super::serialize`): fields carry no serde attributes.
        let fdoc = field_doc(f);
        quote! { #fdoc pub #fname: #ty, }
    });
    let extra = match &shape.extra {
        Some(ExtraField::Typed(n, t)) => {
            let t = rust_type(t);
            quote! {
                /// Properties not named in the spec, kept as they were received.
                pub #n: std::collections::BTreeMap<String, #t>,
            }
        }
        Some(ExtraField::Json(n)) => quote! {
            /// Fields the server sent that this version of the SDK does not know, kept
            /// as JSON and written back when the value is serialized.
            pub #n: crate::runtime::ExtraFields,
        },
        None => quote!(),
    };
    let debug = shape.debug.then(|| quote!(Debug,));
    let default = shape.default.then(|| quote!(Default,));
    let non_exhaustive = shape.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    quote! {
        #doc
        #[derive(#debug Clone, PartialEq, #default)]
        #non_exhaustive
        pub struct #name {
            #(#fields)*
            #extra
        }
    }
}

/// `prefix` put before a piece's first line.
fn prefixed(prefix: &str, piece: Piece) -> Piece {
    match piece {
        Piece::Atom(text) => Piece::Atom(format!("{prefix}{text}")),
        Piece::List {
            open,
            items,
            close,
            tuple,
        } => Piece::List {
            open: format!("{prefix}{open}"),
            items,
            close,
            tuple,
        },
    }
}

/// `wrapper<inner>`, which prettyplease breaks as a list of one generic argument.
fn generic(wrapper: &str, inner: Piece) -> Piece {
    Piece::List {
        open: format!("{wrapper}<"),
        items: vec![inner],
        close: ">",
        tuple: false,
    }
}

fn map_piece(value: Piece) -> Piece {
    Piece::List {
        open: "std::collections::BTreeMap<".to_string(),
        items: vec![Piece::Atom("String".to_string()), value],
        close: ">",
        tuple: false,
    }
}

/// A type as a piece whose generic arguments break as prettyplease breaks them.
fn type_piece(ty: &TypeRef) -> Piece {
    match ty {
        TypeRef::Array(t) => generic("Vec", type_piece(t)),
        TypeRef::Map(t) => map_piece(type_piece(t)),
        other => Piece::Atom(rust_type_text(other)),
    }
}

/// The stored type of a field ([`field_type`]) as a piece.
fn field_piece(def: &TypeDef, f: &Field) -> Piece {
    let t = type_piece(&f.ty);
    let t = if f.boxed { generic("Box", t) } else { t };
    if is_tristate(def, f) {
        generic("Option", generic("crate::runtime::Nullable", t))
    } else if !f.required || f.nullable {
        generic("Option", t)
    } else {
        t
    }
}
