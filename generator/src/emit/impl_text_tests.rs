//! The `Serialize` and `Deserialize` impls written as text print exactly as their tokens do
//! through prettyplease, for structs of every shape: names and wire names from short to past
//! the margin, from no field to many, each kind of field, each way of keeping extra keys.

use proc_macro2::{Ident, TokenStream};

use super::deserialize::{self, Extra};
use super::rust::{format_file, ident};
use super::serialize;
use crate::ir::{Field, IntKind, SchemaFacts, Struct, TypeDef, TypeKind, TypeRef};

fn def(name: &str, in_request: bool) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        doc: None,
        origin: "#/components/schemas/X".to_string(),
        kind: TypeKind::Alias(TypeRef::Any),
        in_request,
        in_response: !in_request,
        decoded: true,
        inline: false,
    }
}

/// Field `i` of a struct: its kind of type and its optionality cycle with `i`.
fn field(i: usize, wire_len: usize) -> Field {
    let types = [
        TypeRef::String,
        TypeRef::Int(IntKind::I64),
        TypeRef::DateTime,
        TypeRef::Named("some_module::SomeLongTypeName".to_string()),
        TypeRef::Array(Box::new(TypeRef::Map(Box::new(TypeRef::Named(
            "Item".to_string(),
        ))))),
        TypeRef::Date,
    ];
    let wire: String = format!("w{i}_{}", "x".repeat(wire_len))
        .chars()
        .take(wire_len.max(3))
        .collect();
    Field {
        name: format!("field_{i}_{}", wire.len()),
        wire: format!("{wire}\"q"),
        doc: None,
        ty: types[i % types.len()].clone(),
        required: i % 3 != 1,
        nullable: i % 4 == 2,
        boxed: i % 5 == 3,
        read_only: false,
        sensitive: false,
        schema: SchemaFacts::default(),
    }
}

fn same(text: TokenStream, tokens: TokenStream, what: &str) {
    let text = format_file(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    let tokens = format_file(tokens).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(text, tokens, "{what}");
}

#[test]
fn impls_written_as_text_print_as_their_tokens() {
    let extra_name: Ident = ident("extra_fields");
    let typed_name: Ident = ident("additional_properties");
    let mut cases = 0;
    for name_len in [1, 8, 30, 48, 56, 64, 90] {
        let name: String = std::iter::once('N')
            .chain("ame".repeat(40).chars())
            .take(name_len)
            .collect();
        for fields in [0, 1, 2, 3, 4, 5, 6, 9, 14, 24] {
            for wire_len in [1, 12, 20, 24, 28, 31, 40, 70] {
                for in_request in [false, true] {
                    let s = Struct {
                        fields: (0..fields).map(|i| field(i, wire_len)).collect(),
                        additional: None,
                    };
                    let d = def(&name, in_request);
                    let what = format!("{name_len} {fields} {wire_len} {in_request}");
                    for extra in [None, Some(&extra_name)] {
                        same(
                            serialize::struct_impl(&d, &s, extra).unwrap(),
                            serialize::struct_impl_tokens(&d, &s, extra),
                            &what,
                        );
                    }
                    for way in 0..3 {
                        let extra = || match way {
                            0 => Extra::None,
                            1 => Extra::Json(&extra_name),
                            _ => Extra::Typed(&typed_name),
                        };
                        same(
                            deserialize::struct_impl(&d, &s, extra()).unwrap(),
                            deserialize::struct_impl_tokens(&d, &s, extra()),
                            &what,
                        );
                        cases += 1;
                    }
                }
            }
        }
    }
    assert_eq!(cases, 7 * 10 * 8 * 2 * 3);
}

#[test]
fn each_line_breaks_where_prettyplease_breaks_it() {
    // One field whose type, or whose name and wire name, grows one column at a time across
    // the margin of each line it is on.
    let extra_name: Ident = ident("extra_fields");
    for len in 20..100 {
        for (required, nullable, in_request) in [
            (false, false, false),
            (true, false, false),
            (false, true, true),
            (true, true, false),
        ] {
            let module: String = "m".repeat(len / 2);
            let by_type = Field {
                ty: TypeRef::Named(format!("{module}::{}", "T".repeat(len - len / 2))),
                required,
                nullable,
                ..field(0, 4)
            };
            let by_name = Field {
                name: "n".repeat(len),
                wire: "w".repeat(len),
                required,
                nullable,
                ..field(1, 4)
            };
            for f in [by_type, by_name] {
                let s = Struct {
                    fields: vec![f.clone(), f],
                    additional: None,
                };
                let d = def("Name", in_request);
                let what = format!("{len} {required} {nullable}");
                same(
                    serialize::struct_impl(&d, &s, Some(&extra_name)).unwrap(),
                    serialize::struct_impl_tokens(&d, &s, Some(&extra_name)),
                    &what,
                );
                same(
                    deserialize::struct_impl(&d, &s, Extra::Json(&extra_name)).unwrap(),
                    deserialize::struct_impl_tokens(&d, &s, Extra::Json(&extra_name)),
                    &what,
                );
            }
        }
    }
}

#[test]
fn definitions_written_as_text_print_as_their_tokens() {
    use super::struct_def::{ExtraField, Shape, definition, definition_tokens};
    let json: Ident = ident("extra_fields");
    let typed: Ident = ident("additional_properties");
    let value = TypeRef::Array(Box::new(TypeRef::Named("m::T".repeat(12))));
    for len in (1..100).step_by(3) {
        for fields in [0, 1, 3] {
            let s = Struct {
                fields: (0..fields)
                    .map(|i| Field {
                        doc: (i % 2 == 0).then(|| {
                            format!("A field.  \n\n  With [text] <here> `{}`.", "x".repeat(len))
                        }),
                        ty: TypeRef::Map(Box::new(TypeRef::Named(format!(
                            "m::{}",
                            "T".repeat(len)
                        )))),
                        schema: SchemaFacts {
                            format: (i == 1).then(|| "uuid".to_string()),
                            ..SchemaFacts::default()
                        },
                        ..field(i, len)
                    })
                    .collect(),
                additional: None,
            };
            for (debug, default, non_exhaustive) in [(true, false, true), (false, true, false)] {
                for way in 0..3 {
                    let shape = Shape {
                        debug,
                        default,
                        non_exhaustive,
                        extra: match way {
                            0 => None,
                            1 => Some(ExtraField::Json(&json)),
                            _ => Some(ExtraField::Typed(&typed, &value)),
                        },
                    };
                    let d = TypeDef {
                        doc: (way == 1).then(|| "A type.".to_string()),
                        ..def(&"N".repeat(len), way == 2)
                    };
                    same(
                        definition(&d, &s, &shape).unwrap(),
                        definition_tokens(&d, &s, &shape),
                        &format!("{len} {fields} {way}"),
                    );
                }
            }
        }
    }
}

#[test]
fn enums_written_as_text_print_as_their_tokens() {
    use crate::ir::{EnumVariant, StringEnum};
    for len in (1..100).step_by(3) {
        for count in [1, 2, 3, 7] {
            let e = StringEnum {
                variants: (0..count)
                    .map(|i| EnumVariant {
                        name: format!("V{i}{}", "v".repeat(len)),
                        wire: match i {
                            0 => String::new(),
                            1 => format!("a `quoted` \"wire\" é {}", "w".repeat(len)),
                            _ => format!("{i}-{}", "w".repeat(len / 2)),
                        },
                    })
                    .collect(),
                unknown_variant: "Unknown".to_string(),
            };
            let d = def(&"E".repeat(len), false);
            same(
                super::enum_text::enum_item(&d, &e).unwrap(),
                super::enums::enum_tokens(&d, &e),
                &format!("{len} {count}"),
            );
        }
    }
}

#[test]
fn redacting_debug_impls_written_as_text_print_as_their_tokens() {
    let extra_name: Ident = ident("extra_fields");
    for len in (1..90).step_by(2) {
        for fields in [1, 2, 5] {
            let s = Struct {
                fields: (0..fields)
                    .map(|i| Field {
                        name: format!("f{i}_{}", "n".repeat(len / 2)),
                        sensitive: i % 2 == 0,
                        ..field(i, 3)
                    })
                    .collect(),
                additional: None,
            };
            let d = def(&"D".repeat(len), false);
            for extra in [None, Some(&extra_name)] {
                same(
                    super::debug_text::redacting_debug(&d, &s, extra).unwrap(),
                    super::debug_text::tokens(&d, &s, extra),
                    &format!("{len} {fields}"),
                );
            }
        }
    }
}
