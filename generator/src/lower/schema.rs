//! Lowering schemas into named types and type references.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use openapiv3::{
    AdditionalProperties, AnySchema, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat,
    Type, VariantOrUnknownOrEmpty,
};

use super::facts::{doc_of, facts_of, int_kind, merge_facts, string_enum};
use super::names::{Namer, camel, snake, type_name};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{Field, FloatKind, IntKind, SchemaFacts, Struct, TypeDef, TypeKind, TypeRef};

/// The result of lowering one schema use.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
    pub doc: Option<String>,
    pub read_only: bool,
    pub facts: SchemaFacts,
}

/// Lowers schemas, creating named types for components and for inline objects, enums and
/// unions.
pub struct SchemaLowerer<'a> {
    pub spec: &'a openapiv3::OpenAPI,
    pub file: &'a Path,
    pub types: BTreeMap<String, TypeDef>,
    pub(super) namer: Namer,
    /// `#/components/schemas/X` -> type name.
    pub(super) by_ref: HashMap<String, String>,
    /// Property names whose values `Debug` hides.
    pub sensitive: Vec<String>,
    pub(super) normalized: &'a crate::normalize::Normalized,
    /// Problems with schemas and operations, collected so that one run reports them all.
    pub errors: Vec<Diagnostic>,
    /// What was typed loosely or left out, and why.
    pub warnings: Vec<Diagnostic>,
    /// References being merged into an allOf now (to refuse a schema made of itself).
    pub(super) merging: Vec<String>,
}

const COMPONENT_PREFIX: &str = "#/components/schemas/";

impl<'a> SchemaLowerer<'a> {
    pub fn new(
        spec: &'a openapiv3::OpenAPI,
        file: &'a Path,
        normalized: &'a crate::normalize::Normalized,
    ) -> Self {
        SchemaLowerer {
            spec,
            file,
            types: BTreeMap::new(),
            namer: Namer::new(),
            by_ref: HashMap::new(),
            sensitive: Vec::new(),
            normalized,
            errors: Vec::new(),
            warnings: Vec::new(),
            merging: Vec::new(),
        }
    }

    /// Names every component schema, then lowers each into a type. A component that cannot
    /// be lowered is recorded in `errors` and stands as `serde_json::Value`, so that the rest
    /// still lowers (and every problem is reported in one run).
    pub fn lower_components(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        for key in components.schemas.keys() {
            let name = self.namer.unique(&type_name(key));
            self.by_ref.insert(component_ref(key), name);
        }
        for (key, schema) in &components.schemas {
            let ptr = self.normalized.schema_origin(key);
            let name = self.by_ref[&component_ref(key)].clone();
            let lowered = match schema {
                ReferenceOr::Reference { reference } => {
                    self.resolve_ref(reference, &ptr).map(|target| {
                        self.insert(TypeDef {
                            name: name.clone(),
                            doc: None,
                            origin: ptr.to_string(),
                            kind: TypeKind::Alias(target),
                            in_request: false,
                            in_response: false,
                            decoded: false,
                            inline: false,
                        });
                    })
                }
                // A hoisted schema (from inside another object) is as good as inline: it may be
                // shared with identical inline types.
                ReferenceOr::Item(schema) => {
                    let hoisted = self.normalized.hoisted.contains_key(key);
                    self.lower_named(&name, schema, &ptr, hoisted)
                }
            };
            if let Err(d) = lowered {
                self.errors.push(d);
                self.insert(TypeDef {
                    name: name.clone(),
                    doc: Some("A value of a schema the generator could not type.".to_string()),
                    origin: ptr.to_string(),
                    kind: TypeKind::Alias(TypeRef::Any),
                    in_request: false,
                    in_response: false,
                    decoded: false,
                    inline: false,
                });
            }
        }
    }

    pub(super) fn insert(&mut self, def: TypeDef) {
        self.types.insert(def.name.clone(), def);
    }

    /// A fresh type name for an inline schema.
    pub fn inline_name(&mut self, hint: &str) -> String {
        self.namer.unique(&type_name(hint))
    }

    pub(super) fn resolve_ref(&self, reference: &str, at: &Pointer) -> Result<TypeRef, Diagnostic> {
        match self.by_ref.get(reference) {
            Some(name) => Ok(TypeRef::Named(name.clone())),
            None => {
                let hint = if reference.starts_with(COMPONENT_PREFIX) {
                    let available = self.by_ref.len();
                    format!(
                        "no schema of that name under #/components/schemas ({available} schemas there); check the spelling"
                    )
                } else if reference.starts_with('#') {
                    "schema references must point at #/components/schemas/<name>".to_string()
                } else {
                    "only local references (starting with `#/components/schemas/`) are supported; bundle external files into the spec first".to_string()
                };
                Err(Diagnostic::at(
                    self.file,
                    at.as_str(),
                    format!("unresolvable $ref `{reference}`"),
                )
                .with_hint(hint))
            }
        }
    }

    /// The schema a component reference points at, if it is one.
    pub fn component(&self, reference: &str) -> Option<&'a Schema> {
        let schemas = &self.spec.components.as_ref()?.schemas;
        let mut reference = reference;
        // A chain of component-to-component references; a cycle of them names no schema.
        for _ in 0..16 {
            match schemas.get(&component_key(reference)?)? {
                ReferenceOr::Item(s) => return Some(s),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        None
    }

    /// Lowers a schema that gets a name of its own (a component or an inline object).
    pub(super) fn lower_named(
        &mut self,
        name: &str,
        schema: &Schema,
        ptr: &Pointer,
        inline: bool,
    ) -> Result<(), Diagnostic> {
        let data = &schema.schema_data;
        let doc = doc_of(data);
        let kind = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(obj)) if !obj.properties.is_empty() => {
                TypeKind::Struct(self.lower_struct(
                    name,
                    &obj.properties,
                    &obj.required,
                    obj.additional_properties.as_ref(),
                    ptr,
                )?)
            }
            SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => TypeKind::Enum(
                string_enum(s.enumeration.iter().flatten().map(String::as_str)),
            ),
            SchemaKind::OneOf { one_of } => {
                TypeKind::Union(self.lower_union(name, one_of, data, &ptr.push("oneOf"))?)
            }
            SchemaKind::AnyOf { any_of } if self.all_objects(any_of) => {
                TypeKind::Struct(self.lower_any_of_objects(name, any_of, &ptr.push("anyOf"))?)
            }
            SchemaKind::AnyOf { any_of } => {
                TypeKind::Union(self.lower_union(name, any_of, data, &ptr.push("anyOf"))?)
            }
            SchemaKind::AllOf { all_of }
                if all_of.len() != 1 && !self.any_object_member(all_of) =>
            {
                self.warnings.push(
                    Diagnostic::at(
                        self.file,
                        ptr.push("allOf").as_str(),
                        "these allOf members are values of different types, which no value can be at once; typed as any JSON value",
                    )
                    .with_hint("give the allOf members one type, or use oneOf for alternatives"),
                );
                TypeKind::Alias(TypeRef::Any)
            }
            SchemaKind::AllOf { all_of } if all_of.len() != 1 => {
                TypeKind::Struct(self.lower_all_of(name, all_of, &ptr.push("allOf"))?)
            }
            SchemaKind::Any(any) if is_object_like(any) || any.all_of.len() > 1 => {
                TypeKind::Struct(self.lower_any_object(name, any, ptr)?)
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                TypeKind::Union(self.lower_union(name, &any.one_of, data, &ptr.push("oneOf"))?)
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                TypeKind::Union(self.lower_union(name, &any.any_of, data, &ptr.push("anyOf"))?)
            }
            SchemaKind::Any(any)
                if !any.enumeration.is_empty()
                    && any.enumeration.iter().all(|v| v.is_string() || v.is_null()) =>
            {
                TypeKind::Enum(string_enum(
                    any.enumeration.iter().filter_map(|v| v.as_str()),
                ))
            }
            _ => {
                // Anything else (a string, an array, a single allOf...) is an alias.
                let lowered = self.lower_inline(schema, ptr, name, true)?;
                TypeKind::Alias(lowered.ty)
            }
        };
        self.insert(TypeDef {
            name: name.to_string(),
            doc,
            origin: ptr.to_string(),
            kind,
            in_request: false,
            in_response: false,
            decoded: false,
            inline,
        });
        Ok(())
    }

    pub(super) fn lower_struct(
        &mut self,
        name: &str,
        properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: Option<&AdditionalProperties>,
        ptr: &Pointer,
    ) -> Result<Struct, Diagnostic> {
        let mut field_names = Namer::new();
        // Structs in requests get `new` and a setter per field, named after the field.
        field_names.reserve("new");
        let mut fields = Vec::new();
        for (prop, schema) in properties {
            let prop_ptr = ptr.push("properties").push(prop);
            let hint = format!("{name}{}", camel(prop));
            let lowered = self.lower(schema, &prop_ptr, &hint)?;
            fields.push(Field {
                name: field_names.unique(&snake(prop)),
                wire: prop.clone(),
                doc: lowered.doc,
                ty: lowered.ty,
                required: required.iter().any(|r| r == prop),
                nullable: lowered.nullable,
                boxed: false,
                read_only: lowered.read_only,
                sensitive: self.sensitive.contains(prop)
                    || lowered.facts.format.as_deref() == Some("password"),
                schema: lowered.facts,
            });
        }
        let additional = match additional {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Any),
            Some(AdditionalProperties::Schema(s)) => {
                let hint = format!("{name}Value");
                Some(self.lower(s, &ptr.push("additionalProperties"), &hint)?.ty)
            }
        };
        Ok(Struct { fields, additional })
    }

    /// Lowers a schema or a reference to one (`S` is `Schema` or `Box<Schema>`).
    pub fn lower<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        ptr: &Pointer,
        hint: &str,
    ) -> Result<Lowered, Diagnostic> {
        match schema {
            ReferenceOr::Reference { reference } => self.lower_ref(reference, ptr),
            ReferenceOr::Item(s) => self.lower_inline(s.borrow(), ptr, hint, false),
        }
    }

    pub(super) fn lower_ref(
        &mut self,
        reference: &str,
        ptr: &Pointer,
    ) -> Result<Lowered, Diagnostic> {
        let ty = self.resolve_ref(reference, ptr)?;
        let target = self.component(reference);
        let facts = target.map(facts_of).unwrap_or_default();
        // A component that is itself nullable makes every use of it nullable.
        Ok(Lowered {
            ty,
            nullable: target.is_some_and(|s| s.schema_data.nullable),
            doc: None,
            read_only: target.is_some_and(|s| s.schema_data.read_only),
            facts,
        })
    }

    /// Lowers an inline schema; objects, string enums and unions become named types called
    /// after `hint`. With `is_alias_target`, the schema is itself a named type's body and is
    /// not given another name.
    pub(super) fn lower_inline(
        &mut self,
        schema: &Schema,
        ptr: &Pointer,
        hint: &str,
        is_alias_target: bool,
    ) -> Result<Lowered, Diagnostic> {
        let data = &schema.schema_data;
        let mut facts = facts_of(schema);
        let named = |this: &mut Self| -> Result<TypeRef, Diagnostic> {
            let name = this.inline_name(hint);
            this.lower_named(&name, schema, ptr, true)?;
            Ok(TypeRef::Named(name))
        };
        let ty = match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                if !s.enumeration.is_empty() && !is_alias_target {
                    named(self)?
                } else {
                    match &s.format {
                        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => TypeRef::Binary,
                        _ => TypeRef::String,
                    }
                }
            }
            SchemaKind::Type(Type::Integer(i)) => {
                facts.int_values = i.enumeration.iter().flatten().copied().collect();
                int_kind(&i.format)
            }
            SchemaKind::Type(Type::Number(n)) => match n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => {
                    TypeRef::Float(FloatKind::F32)
                }
                _ => TypeRef::Float(FloatKind::F64),
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(a)) => {
                let item_hint = format!("{hint}Item");
                let items = match &a.items {
                    Some(items) => {
                        let lowered = self.lower(items, &ptr.push("items"), &item_hint)?;
                        facts.items = Some(Box::new(lowered.facts));
                        lowered.ty
                    }
                    None => TypeRef::Any,
                };
                TypeRef::Array(Box::new(items))
            }
            SchemaKind::Type(Type::Object(obj)) => {
                if obj.properties.is_empty() {
                    map_of(self, obj.additional_properties.as_ref(), ptr, hint)?
                } else if is_alias_target {
                    unreachable_alias(self.file, ptr)?
                } else {
                    named(self)?
                }
            }
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                // A single-member allOf wraps a reference to add a description or nullability.
                let inner = self.lower(&all_of[0], &ptr.push("allOf").push(0), hint)?;
                facts = merge_facts(facts, inner.facts);
                inner.ty
            }
            SchemaKind::OneOf { one_of } if one_of.len() == 1 => {
                self.lower(&one_of[0], &ptr.push("oneOf").push(0), hint)?.ty
            }
            SchemaKind::AnyOf { any_of } if any_of.len() == 1 => {
                self.lower(&any_of[0], &ptr.push("anyOf").push(0), hint)?.ty
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::AllOf { .. } => {
                if is_alias_target {
                    unreachable_alias(self.file, ptr)?
                } else {
                    named(self)?
                }
            }
            SchemaKind::Not { .. } => {
                self.warnings.push(not_unsupported(self.file, ptr));
                TypeRef::Any
            }
            SchemaKind::Any(any) if any.not.is_some() => {
                self.warnings.push(not_unsupported(self.file, ptr));
                TypeRef::Any
            }
            SchemaKind::Any(any) => {
                if any.all_of.len() == 1
                    && any.properties.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                {
                    let inner = self.lower(&any.all_of[0], &ptr.push("allOf").push(0), hint)?;
                    facts = merge_facts(facts, inner.facts);
                    inner.ty
                } else if is_object_like(any)
                    || !any.one_of.is_empty()
                    || !any.any_of.is_empty()
                    || !any.all_of.is_empty()
                    || (!any.enumeration.is_empty()
                        && any.enumeration.iter().all(|v| v.is_string() || v.is_null()))
                {
                    if is_alias_target {
                        unreachable_alias(self.file, ptr)?
                    } else {
                        named(self)?
                    }
                } else if let Some(items) = &any.items {
                    let item_hint = format!("{hint}Item");
                    TypeRef::Array(Box::new(
                        self.lower(items, &ptr.push("items"), &item_hint)?.ty,
                    ))
                } else {
                    match (any.typ.as_deref(), any.format.as_deref()) {
                        (Some("string"), Some("date")) => TypeRef::Date,
                        (Some("string"), Some("date-time")) => TypeRef::DateTime,
                        (Some("string"), Some("binary")) => TypeRef::Binary,
                        (Some("string"), _) => TypeRef::String,
                        (Some("integer"), Some("int32")) => TypeRef::Int(IntKind::I32),
                        (Some("integer"), _) => TypeRef::Int(IntKind::I64),
                        (Some("number"), Some("float")) => TypeRef::Float(FloatKind::F32),
                        (Some("number"), _) => TypeRef::Float(FloatKind::F64),
                        (Some("boolean"), _) => TypeRef::Bool,
                        (Some("object"), _) => {
                            map_of(self, any.additional_properties.as_ref(), ptr, hint)?
                        }
                        _ => TypeRef::Any,
                    }
                }
            }
        };
        Ok(Lowered {
            ty,
            nullable: data.nullable,
            doc: doc_of(data),
            read_only: data.read_only,
            facts,
        })
    }
}

/// The canonical reference to component schema `key` (as normalization writes them).
pub(super) fn component_ref(key: &str) -> String {
    crate::normalize::pointer::join(&["components".into(), "schemas".into(), key.to_string()])
}

/// The component key a canonical schema reference names.
pub(super) fn component_key(reference: &str) -> Option<String> {
    let segs = crate::normalize::pointer::segments(reference)?;
    match segs.as_slice() {
        [c, s, key] if c == "components" && s == "schemas" => Some(key.clone()),
        _ => None,
    }
}

/// The note for a `not` schema, which no Rust type expresses: the value is typed as any JSON.
fn not_unsupported(file: &Path, ptr: &Pointer) -> Diagnostic {
    Diagnostic::at(
        file,
        ptr.push("not").as_str(),
        "`not` schemas cannot be expressed as a Rust type; typed as any JSON value",
    )
    .with_hint("describe the allowed values positively (type, enum or oneOf), or drop the `not`")
}

fn unreachable_alias(file: &Path, ptr: &Pointer) -> Result<TypeRef, Diagnostic> {
    // A combination of keywords no lowering rule names: an error, so that it is reported
    // (and, with `--skip-unsupported`, left out as any JSON value) rather than mistyped.
    Err(Diagnostic::at(
        file,
        ptr.as_str(),
        "unsupported combination of keywords: this schema cannot be given a Rust type",
    )
    .with_hint("split it into an allOf of an object and the other constraints"))
}

fn map_of(
    this: &mut SchemaLowerer<'_>,
    additional: Option<&AdditionalProperties>,
    ptr: &Pointer,
    hint: &str,
) -> Result<TypeRef, Diagnostic> {
    let value = match additional {
        Some(AdditionalProperties::Schema(s)) => {
            let hint = format!("{hint}Value");
            this.lower(s, &ptr.push("additionalProperties"), &hint)?.ty
        }
        _ => TypeRef::Any,
    };
    Ok(TypeRef::Map(Box::new(value)))
}

pub(super) fn is_object_like(any: &AnySchema) -> bool {
    !any.properties.is_empty()
}
