//! `oneOf` / `anyOf` as an enum: variant names, and discriminator tags.

use std::collections::BTreeSet;

use openapiv3::{ReferenceOr, Schema, SchemaData};

use super::names::{Namer, camel};
use super::schema::{SchemaLowerer, component_key, component_ref};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{TypeRef, Union, UnionVariant};

impl<'a> SchemaLowerer<'a> {
    pub(super) fn lower_union(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        data: &SchemaData,
        ptr: &Pointer,
    ) -> Result<Union, Diagnostic> {
        let mut variant_names = Namer::new();
        variant_names.reserve("Unknown");
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_ptr = ptr.push(i);
            let hint = format!("{name}Variant{}", i + 1);
            let lowered = self.lower(member, &member_ptr, &hint)?;
            let base = match (&lowered.ty, member) {
                (TypeRef::Named(n), ReferenceOr::Reference { .. }) => {
                    let stripped = n.strip_prefix(name).unwrap_or(n);
                    if stripped.is_empty() || stripped.starts_with(|c: char| c.is_ascii_digit()) {
                        n.clone()
                    } else {
                        stripped.to_string()
                    }
                }
                (TypeRef::Named(_), ReferenceOr::Item(s)) => match &s.schema_data.title {
                    Some(t) => camel(t),
                    None => format!("Variant{}", i + 1),
                },
                (other, _) => primitive_variant_name(other).to_string(),
            };
            variants.push(UnionVariant {
                name: variant_names.unique(&base),
                ty: lowered.ty,
                boxed: false,
                tags: Vec::new(),
            });
        }
        let discriminator = data.discriminator.as_ref().map(|d| {
            let mut used_tags = BTreeSet::new();
            for v in &mut variants {
                let TypeRef::Named(target) = &v.ty else {
                    continue;
                };
                let mut tags: Vec<String> = d
                    .mapping
                    .iter()
                    .filter(|(_, r)| {
                        // A mapping value is a `$ref` or, per the spec, a bare schema name.
                        let key = if r.starts_with('#') {
                            component_key(r)
                        } else {
                            Some(r.to_string())
                        };
                        key.is_some_and(|k| self.by_ref.get(&component_ref(&k)) == Some(target))
                    })
                    .map(|(k, _)| k.clone())
                    .collect();
                if tags.is_empty() {
                    // Without a mapping the tag is the schema's component name.
                    if let Some((key, _)) = self.by_ref.iter().find(|(_, n)| *n == target) {
                        tags.extend(component_key(key));
                    }
                }
                // A value selects one variant: the first that claims it.
                tags.retain(|t| used_tags.insert(t.clone()));
                v.tags = tags;
            }
            d.property_name.clone()
        });
        Ok(Union {
            variants,
            discriminator,
            unknown_variant: "Unknown".to_string(),
        })
    }
}

pub(super) fn primitive_variant_name(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "String",
        TypeRef::Bool => "Bool",
        TypeRef::Int(_) => "Integer",
        TypeRef::Float(_) => "Number",
        TypeRef::Date => "Date",
        TypeRef::DateTime => "DateTime",
        TypeRef::Binary => "Binary",
        TypeRef::Any => "Value",
        TypeRef::Array(_) => "Array",
        TypeRef::Map(_) => "Map",
        TypeRef::Named(_) => "Object",
    }
}
