//! `Deserialize` for structs, generated lean: one `visit_map` matching each key to its field
//! through the runtime's shared helpers (`runtime::de`), where serde's derive compiles a field
//! enum with its visitor, a sequence visitor and, for `extra_fields`, buffering of every entry.
//! The messages are serde's own (`missing field`, `duplicate field`, `expected struct X`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::rust::{ident, rust_type_text};
use super::text::{Code, fits, room, string_literal};
use super::text_list::{Piece, arm, layout};
use crate::ir::{Field, Struct, TypeDef};
use crate::lower::scope::type_ident;

/// How a struct keeps what its spec does not name.
pub enum Extra<'a> {
    /// Dropped.
    None,
    /// In a typed map (`additionalProperties`), under this field.
    Typed(&'a Ident),
    /// As JSON in `ExtraFields`, under this field.
    Json(&'a Ident),
}

/// The `impl Deserialize` of struct `def` as formatted text (see [`super::text`]): the tokens
/// of [`struct_impl_tokens`], printed as prettyplease prints them.
pub fn struct_impl(def: &TypeDef, s: &Struct, extra: Extra<'_>) -> Result<TokenStream, String> {
    let name = type_ident(&def.name);
    let expecting = string_literal(&format!("struct {name}"));
    let named = [
        (
            0,
            format!("impl<'de> serde::Deserialize<'de> for {name} {{"),
        ),
        (3, format!("type Value = {name};")),
        (4, format!("f.write_str({expecting})")),
        (3, format!(") -> Result<{name}, A::Error> {{")),
    ];
    if named.iter().any(|(depth, line)| !fits(*depth, line)) {
        return Ok(struct_impl_tokens(def, s, extra));
    }
    let [header, value, write, returns] = named.map(|(_, line)| line);
    let mut code = Code::default();
    code.lines(&[
        (0, &header),
        (1, "fn deserialize<D: serde::Deserializer<'de>>("),
        (2, "deserializer: D,"),
        (1, ") -> Result<Self, D::Error> {"),
        (2, "struct Visitor;"),
        (2, "impl<'de> serde::de::Visitor<'de> for Visitor {"),
        (3, &value),
        (
            3,
            "fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
        ),
        (4, &write),
        (3, "}"),
        (3, "#[allow(unused_imports)]"),
        (3, "fn visit_map<A: serde::de::MapAccess<'de>>("),
        (4, "self,"),
        (4, "mut map: A,"),
        (3, &returns),
        (4, "use crate::runtime::de::{keep, put, skip};"),
    ]);
    let mut required = (Vec::new(), Vec::new());
    let mut inits = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let slot = format_ident!("f{i}");
        let (read, finish) = read_text(def, f, &slot);
        if finish.is_none() {
            required.0.push(slot.clone());
            required.1.push(&f.wire);
        }
        // The type's width runs to the break point after ` = `.
        let ty = Piece::atoms(format!("let mut {slot}: Option<"), vec![read], ">");
        if !layout(&mut code, 4, &ty, " = ", "None;") {
            let read = read_and_finish(def, f, &slot).0;
            code.formatted(4, quote!(let mut #slot: Option<#read> = None;))?;
        }
        inits.push(format!(
            "{}: {}",
            f.name,
            finish.unwrap_or(slot.to_string())
        ));
    }
    let other = match extra {
        Extra::None => "_ => skip(&mut map),",
        Extra::Typed(n) => {
            code.line(4, "let mut extra = std::collections::BTreeMap::new();");
            inits.push(format!("{n}: extra"));
            "_ => keep(&mut map, &mut extra, key),"
        }
        Extra::Json(n) => {
            code.line(4, "let mut extra = crate::runtime::ExtraFields::default();");
            inits.push(format!("{n}: extra"));
            "_ => keep(&mut map, &mut extra, key),"
        }
    };
    code.lines(&[
        (
            4,
            "while let Some(key) = map.next_key::<crate::runtime::de::Key<'de>>()? {",
        ),
        (5, "match key.as_str() {"),
    ]);
    for (i, f) in s.fields.iter().enumerate() {
        let w = string_literal(&f.wire);
        let put = Piece::atoms(
            "put(",
            vec!["&mut map".to_string(), format!("&mut f{i}"), w.clone()],
            ")",
        );
        if arm(&mut code, 6, &w, &put) {
            continue;
        }
        let (wire, slot) = (&f.wire, format_ident!("f{i}"));
        code.formatted_arm(6, quote!(#wire => put(&mut map, &mut #slot, #wire),))?;
    }
    code.lines(&[(6, other), (5, "}?;"), (4, "}")]);
    if !required.0.is_empty() {
        check_text(&mut code, &required.0, &required.1)?;
    }
    value_text(&mut code, name, &inits, || {
        let inits = s.fields.iter().enumerate().map(|(i, f)| {
            let slot = format_ident!("f{i}");
            let field = ident(&f.name);
            let finish = read_and_finish(def, f, &slot)
                .1
                .unwrap_or_else(|| quote!(#slot));
            quote!(#field: #finish,)
        });
        let extra = match extra {
            Extra::None => None,
            Extra::Typed(n) | Extra::Json(n) => Some(quote!(#n: extra,)),
        };
        let name = ident(name);
        quote!(Ok(#name { #(#inits)* #extra }))
    })?;
    code.lines(&[
        (3, "}"),
        (2, "}"),
        (2, "deserializer.deserialize_map(Visitor)"),
        (1, "}"),
        (0, "}"),
    ]);
    Ok(code.item())
}

/// The check that every required field is present, four levels in: laid out as
/// prettyplease does where that is known ([`super::text_list`]), else formatted by it.
fn check_text(code: &mut Code, slots: &[Ident], wires: &[&String]) -> Result<(), String> {
    let names: Vec<String> = slots.iter().map(Ident::to_string).collect();
    let each = |f: fn(&String) -> String| names.iter().map(f).collect::<Vec<_>>();
    let present = Piece::atoms("let present = [", each(|s| format!("{s}.is_some()")), "]");
    if !layout(code, 4, &present, ";", "") {
        code.formatted(4, quote!(let present = [#(#slots.is_some()),*];))?;
    }
    let mark = code.mark();
    let pattern = Piece::tuple(each(|s| format!("Some({s})"))).flat();
    let init = Piece::tuple(names.clone());
    let header = format!("let {pattern} = {} else {{", init.flat());
    let head = if fits(4, &header) {
        code.line(4, &header);
        true
    } else if fits(4, &format!("let {pattern} = (")) {
        // The initializer breaks only where it does not fit without ` else {` either.
        let broken = Piece::atoms(format!("let {pattern} = ("), names.clone(), ")");
        names.len() > 1 && header.len() > room(4) + 8 && layout(code, 4, &broken, "", " else {")
    } else {
        // The pattern breaks (it is measured up to ` = `), then the initializer follows its
        // closing parenthesis, broken in turn where it does not fit there.
        let close = format!(") = {} else {{", init.flat());
        let wide = format!("let {pattern} = ").len() > room(4) + 1;
        let init_broken = format!(") = {}", init.flat()).len() > room(4) + 1;
        let fits_close = fits(4, &close);
        if names.len() > 1 && wide && (fits_close || init_broken) {
            code.line(4, "let (");
            for n in &names {
                code.line(5, &format!("Some({n}),"));
            }
            if fits_close {
                code.line(4, &close);
            } else {
                code.line(4, ") = (");
                for n in &names {
                    code.line(5, &format!("{n},"));
                }
                code.line(4, ") else {");
            }
            true
        } else {
            false
        }
    };
    let texts: Vec<String> = wires.iter().map(|w| string_literal(w)).collect();
    let missing = Piece::List {
        open: "crate::runtime::de::missing(".to_string(),
        items: vec![
            Piece::Atom("&present".to_string()),
            Piece::atoms("&[", texts, "]"),
        ],
        close: ")",
        tuple: false,
    };
    let fail = Piece::List {
        open: "return Err(".to_string(),
        items: vec![missing],
        close: ")",
        tuple: false,
    };
    if head && layout(code, 5, &fail, ";", "") {
        code.line(4, "};");
        return Ok(());
    }
    code.rewind(mark);
    code.formatted(
        4,
        quote! {
            let (#(Some(#slots),)*) = (#(#slots,)*) else {
                return Err(crate::runtime::de::missing(&present, &[#(#wires),*]));
            };
        },
    )
}

/// `Ok(Name { field: value, ... })`, four levels in. prettyplease breaks a struct literal
/// wider than 34 columns (without its closing brace), one field a line, and keeps it on the
/// line of `Ok(` as a lone block-like argument; a narrower one, or one near that width, is
/// left to it.
fn value_text(
    code: &mut Code,
    name: &str,
    inits: &[String],
    tokens: impl FnOnce() -> TokenStream,
) -> Result<(), String> {
    let width = name.len() + 3 + inits.iter().map(|i| i.len() + 2).sum::<usize>();
    let open = format!("Ok({name} {{");
    let lines = inits.iter().map(|i| format!("{i},"));
    if inits.is_empty() || width <= 36 || !fits(4, &open) || lines.clone().any(|l| !fits(5, &l)) {
        return code.formatted(4, tokens());
    }
    code.line(4, &open);
    for line in lines {
        code.line(5, &line);
    }
    code.line(4, "})");
    Ok(())
}

/// The text of the type a field's value is read as, and of the expression that makes the
/// field of its slot ([`read_and_finish`] as text).
fn read_text(def: &TypeDef, f: &Field, slot: &Ident) -> (String, Option<String>) {
    let t = rust_type_text(&f.ty);
    let t = if f.boxed { format!("Box<{t}>") } else { t };
    if super::types::is_tristate(def, f) {
        (
            format!("crate::runtime::Nullable<{t}>"),
            Some(slot.to_string()),
        )
    } else if super::types::is_lenient(def, f) {
        (
            format!("crate::runtime::lenient::Lenient<{t}>"),
            Some(format!("{slot}.and_then(|v| v.0)")),
        )
    } else if !f.required || f.nullable {
        (format!("Option<{t}>"), Some(format!("{slot}.flatten()")))
    } else {
        (t, None)
    }
}

/// The `impl Deserialize` of struct `def`.
pub fn struct_impl_tokens(def: &TypeDef, s: &Struct, extra: Extra<'_>) -> TokenStream {
    let name = ident(type_ident(&def.name));
    let expecting = format!("struct {}", type_ident(&def.name));
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    let mut required = (Vec::new(), Vec::new());
    for (i, f) in s.fields.iter().enumerate() {
        let slot = format_ident!("f{i}");
        let wire = &f.wire;
        let field = ident(&f.name);
        let (read, finish) = read_and_finish(def, f, &slot);
        if finish.is_none() {
            required.0.push(slot.clone());
            required.1.push(wire);
        }
        let finish = finish.unwrap_or_else(|| quote!(#slot));
        slots.push(quote!(let mut #slot: Option<#read> = None;));
        arms.push(quote!(#wire => put(&mut map, &mut #slot, #wire),));
        inits.push(quote!(#field: #finish,));
    }
    // Every required field checked at once: one branch, and serde's message for the first
    // one missing in the spec's order.
    let check = (!required.0.is_empty()).then(|| {
        let (slots, wires) = &required;
        quote! {
            let present = [#(#slots.is_some()),*];
            let (#(Some(#slots),)*) = (#(#slots,)*) else {
                return Err(crate::runtime::de::missing(&present, &[#(#wires),*]));
            };
        }
    });
    let (extra_init, other, extra_field) = match extra {
        Extra::None => (quote!(), quote!(skip(&mut map)), quote!()),
        Extra::Typed(n) => (
            quote!(let mut extra = std::collections::BTreeMap::new();),
            quote!(keep(&mut map, &mut extra, key)),
            quote!(#n: extra,),
        ),
        Extra::Json(n) => (
            quote!(let mut extra = crate::runtime::ExtraFields::default();),
            quote!(keep(&mut map, &mut extra, key)),
            quote!(#n: extra,),
        ),
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    #[allow(unused_imports)]
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        use crate::runtime::de::{keep, put, skip};
                        #(#slots)*
                        #extra_init
                        while let Some(key) = map.next_key::<crate::runtime::de::Key<'de>>()? {
                            // One `?` for every key, not one per field.
                            match key.as_str() {
                                #(#arms)*
                                _ => #other,
                            }?;
                        }
                        #check
                        Ok(#name { #(#inits)* #extra_field })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// The type a field's value is read as, and the expression that makes the field of its slot
/// (none for a required field: its slot is checked with the others, then is the value).
fn read_and_finish(def: &TypeDef, f: &Field, slot: &Ident) -> (TokenStream, Option<TokenStream>) {
    let t = super::types::value_type(f);
    if super::types::is_tristate(def, f) {
        // Present `null` is `Some(Nullable::Null)`; absent is `None`.
        (quote!(crate::runtime::Nullable<#t>), Some(quote!(#slot)))
    } else if super::types::is_lenient(def, f) {
        (
            quote!(crate::runtime::lenient::Lenient<#t>),
            Some(quote!(#slot.and_then(|v| v.0))),
        )
    } else if !f.required || f.nullable {
        (quote!(Option<#t>), Some(quote!(#slot.flatten())))
    } else {
        (t, None)
    }
}
