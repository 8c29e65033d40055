//! A string enum and its impls written as formatted text ([`super::text`]): the tokens of
//! [`super::enums::enum_tokens`], printed as prettyplease prints them.

use proc_macro2::TokenStream;

use super::text::{Code, fits, string_literal};
use super::text_list::{Piece, arm, layout};
use super::types::type_doc_text;
use crate::ir::{StringEnum, TypeDef};
use crate::lower::scope::type_ident;

/// The enum `def` as text, or its tokens where a line of it is not known to print as written
/// (a name too long for its line, a wire value with a line break).
pub(super) fn enum_item(def: &TypeDef, e: &StringEnum) -> Result<TokenStream, String> {
    let name = type_ident(&def.name);
    let unknown = &e.unknown_variant;
    let fixed = [
        (0, format!("pub enum {name} {{")),
        (0, format!("impl From<&str> for {name} {{")),
        (0, format!("impl std::str::FromStr for {name} {{")),
        (0, format!("impl std::fmt::Display for {name} {{")),
        (0, format!("impl serde::Serialize for {name} {{")),
        (
            0,
            format!("impl<'de> serde::Deserialize<'de> for {name} {{"),
        ),
        (3, format!("Self::{unknown}(value) => value,")),
        (3, format!("other => Self::{unknown}(other.to_string()),")),
    ];
    let plain = e
        .variants
        .iter()
        .all(|v| !v.wire.contains(char::is_control));
    if !plain || fixed.iter().any(|(depth, line)| !fits(*depth, line)) {
        return Ok(super::enums::enum_tokens(def, e));
    }
    let line = |i: usize| fixed[i].1.as_str();
    let mut code = Code::default();
    code.doc(0, &type_doc_text(def));
    code.line(0, "///");
    code.line(
        0,
        &format!("/// Values this version of the SDK does not know are kept in [`{unknown}`](Self::{unknown}) and sent back unchanged."),
    );
    code.lines(&[
        (
            0,
            "#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]",
        ),
        (0, "#[non_exhaustive]"),
        (0, line(0)),
    ]);
    for v in &e.variants {
        match v.wire.is_empty() {
            true => code.line(1, "/// The empty string."),
            false => code.line(1, &format!("/// `{}`", v.wire.replace('`', "'"))),
        }
        code.line(1, &format!("{},", v.name));
    }
    code.lines(&[
        (1, "/// A value this version of the SDK does not know."),
        (1, &format!("{unknown}(String),")),
        (0, "}"),
        (0, &format!("impl {name} {{")),
        (1, "/// Every value the spec lists."),
    ]);
    let all = Piece::atoms(
        format!("pub const ALL: [Self; {}] = [", e.variants.len()),
        e.variants
            .iter()
            .map(|v| format!("Self::{}", v.name))
            .collect(),
        "]",
    );
    if !layout(&mut code, 1, &all, ";", "") {
        return Ok(super::enums::enum_tokens(def, e));
    }
    code.lines(&[
        (1, "/// The value as it travels over the wire."),
        (1, "pub fn as_str(&self) -> &str {"),
        (2, "match self {"),
    ]);
    for v in &e.variants {
        let wire = Piece::Atom(string_literal(&v.wire));
        if !arm(&mut code, 3, &format!("Self::{}", v.name), &wire) {
            return Ok(super::enums::enum_tokens(def, e));
        }
    }
    code.lines(&[
        (3, line(6)),
        (2, "}"),
        (1, "}"),
        (0, "}"),
        (0, line(1)),
        (1, "fn from(value: &str) -> Self {"),
        (2, "match value {"),
    ]);
    for v in &e.variants {
        let variant = Piece::Atom(format!("Self::{}", v.name));
        if !arm(&mut code, 3, &string_literal(&v.wire), &variant) {
            return Ok(super::enums::enum_tokens(def, e));
        }
    }
    code.lines(&[
        (3, line(7)),
        (2, "}"),
        (1, "}"),
        (0, "}"),
        (0, line(2)),
        (1, "type Err = std::convert::Infallible;"),
        (1, "fn from_str(value: &str) -> Result<Self, Self::Err> {"),
        (2, "Ok(Self::from(value))"),
        (1, "}"),
        (0, "}"),
        (0, line(3)),
        (
            1,
            "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
        ),
        (2, "f.write_str(self.as_str())"),
        (1, "}"),
        (0, "}"),
        (0, line(4)),
        (
            1,
            "fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
        ),
        (2, "serializer.serialize_str(self.as_str())"),
        (1, "}"),
        (0, "}"),
        (0, line(5)),
        (1, "fn deserialize<D: serde::Deserializer<'de>>("),
        (2, "deserializer: D,"),
        (1, ") -> Result<Self, D::Error> {"),
        (2, "let value = String::deserialize(deserializer)?;"),
        (2, "Ok(Self::from(value.as_str()))"),
        (1, "}"),
        (0, "}"),
    ]);
    Ok(code.item())
}
