//! What a schema says besides its type: docs, formats, bounds, examples, enum values.

use std::collections::BTreeSet;

use openapiv3::{
    IntegerFormat, ReferenceOr, Schema, SchemaData, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

use super::names::{Namer, camel};
use crate::ir::{EnumVariant, IntKind, SchemaFacts, StringEnum, TypeRef};

/// The Rust integer type of an integer format (`int64` when none is given).
pub(crate) fn int_kind(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> TypeRef {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::Int(IntKind::I32),
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => TypeRef::Int(IntKind::U32),
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => TypeRef::Int(IntKind::U64),
        _ => TypeRef::Int(IntKind::I64),
    }
}

/// A string enum's variants, named uniquely, with `Unknown` reserved for unknown values.
pub fn string_enum<'s>(values: impl Iterator<Item = &'s str>) -> StringEnum {
    let mut namer = Namer::new();
    namer.reserve("Unknown");
    let mut seen = BTreeSet::new();
    let variants = values
        .filter(|v| seen.insert(v.to_string()))
        .map(|v| EnumVariant {
            name: namer.unique(&camel(v)),
            wire: v.to_string(),
        })
        .collect();
    StringEnum {
        variants,
        unknown_variant: "Unknown".to_string(),
    }
}

/// The description to use as rustdoc: description, else title.
pub fn doc_of(data: &SchemaData) -> Option<String> {
    data.description
        .clone()
        .or_else(|| data.title.clone())
        .filter(|d| !d.trim().is_empty())
}

pub(crate) fn merge_facts(outer: SchemaFacts, inner: SchemaFacts) -> SchemaFacts {
    SchemaFacts {
        format: outer.format.or(inner.format),
        example: outer.example.or(inner.example),
        default: outer.default.or(inner.default),
        pattern: outer.pattern.or(inner.pattern),
        min_length: outer.min_length.or(inner.min_length),
        max_length: outer.max_length.or(inner.max_length),
        minimum: outer.minimum.or(inner.minimum),
        maximum: outer.maximum.or(inner.maximum),
        min_items: outer.min_items.or(inner.min_items),
        items: outer.items.or(inner.items),
        int_values: if outer.int_values.is_empty() {
            inner.int_values
        } else {
            outer.int_values
        },
    }
}

/// Constraints and examples of a schema.
pub fn facts_of(schema: &Schema) -> SchemaFacts {
    let data = &schema.schema_data;
    let mut facts = SchemaFacts {
        example: data.example.clone(),
        default: data.default.clone(),
        ..SchemaFacts::default()
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => {
            facts.format = format_name(&s.format);
            facts.pattern = s.pattern.clone();
            facts.min_length = s.min_length;
            facts.max_length = s.max_length;
        }
        SchemaKind::Type(Type::Integer(i)) => {
            facts.format = format_name(&i.format);
            facts.minimum = i.minimum.map(|m| m as f64);
            facts.maximum = i.maximum.map(|m| m as f64);
            facts.int_values = i.enumeration.iter().flatten().copied().collect();
        }
        SchemaKind::Type(Type::Number(n)) => {
            facts.format = format_name(&n.format);
            facts.minimum = n.minimum;
            facts.maximum = n.maximum;
        }
        SchemaKind::Type(Type::Array(a)) => {
            facts.min_items = a.min_items;
            if let Some(ReferenceOr::Item(item)) = &a.items {
                facts.items = Some(Box::new(facts_of(item)));
            }
        }
        SchemaKind::Any(any) => {
            facts.format = any.format.clone();
            facts.pattern = any.pattern.clone();
            facts.min_length = any.min_length;
            facts.max_length = any.max_length;
            facts.minimum = any.minimum;
            facts.maximum = any.maximum;
            facts.min_items = any.min_items;
        }
        _ => {}
    }
    facts
}

pub(crate) fn format_name<T: serde::Serialize>(
    format: &VariantOrUnknownOrEmpty<T>,
) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => {
            serde_json::to_value(f).ok()?.as_str().map(str::to_string)
        }
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
