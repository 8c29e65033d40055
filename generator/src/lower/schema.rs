//! Lowering schemas into named types and type references.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use super::names::{Namer, camel, snake, type_name};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{
    EnumVariant, Field, FloatKind, IntKind, SchemaFacts, StringEnum, Struct, TypeDef, TypeKind,
    TypeRef, Union, UnionVariant,
};

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
    namer: Namer,
    /// `#/components/schemas/X` -> type name.
    by_ref: HashMap<String, String>,
    /// Property names whose values `Debug` hides.
    pub sensitive: Vec<String>,
    normalized: &'a crate::normalize::Normalized,
    /// Problems with schemas and operations, collected so that one run reports them all.
    pub errors: Vec<Diagnostic>,
    /// What was typed loosely or left out, and why.
    pub warnings: Vec<Diagnostic>,
    /// References being merged into an allOf now (to refuse a schema made of itself).
    merging: Vec<String>,
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
                    inline: false,
                });
            }
        }
    }

    fn insert(&mut self, def: TypeDef) {
        self.types.insert(def.name.clone(), def);
    }

    /// A fresh type name for an inline schema.
    pub fn inline_name(&mut self, hint: &str) -> String {
        self.namer.unique(&type_name(hint))
    }

    fn resolve_ref(&self, reference: &str, at: &Pointer) -> Result<TypeRef, Diagnostic> {
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
    fn lower_named(
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
            SchemaKind::Any(any) if is_object_like(any) => {
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
            inline,
        });
        Ok(())
    }

    fn lower_struct(
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

    /// Whether every member is an object schema (so that their fields can be merged).
    fn all_objects(&self, members: &[ReferenceOr<Schema>]) -> bool {
        members.iter().all(|m| {
            let schema = match m {
                ReferenceOr::Reference { reference } => self.component(reference),
                ReferenceOr::Item(s) => Some(s),
            };
            match schema.map(|s| &s.schema_kind) {
                Some(SchemaKind::Type(Type::Object(o))) => !o.properties.is_empty(),
                Some(SchemaKind::Any(any)) => is_object_like(any),
                Some(SchemaKind::AllOf { .. }) => true,
                _ => false,
            }
        })
    }

    /// anyOf of objects: a value may match several members at once, so it is one struct with
    /// every member's fields, all optional (a union would keep only one member's fields).
    fn lower_any_of_objects(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        ptr: &Pointer,
    ) -> Result<Struct, Diagnostic> {
        let mut merged = self.lower_all_of(name, members, ptr)?;
        for f in &mut merged.fields {
            f.required = false;
        }
        Ok(merged)
    }

    /// An untyped schema with properties (and perhaps an allOf beside them): one struct.
    fn lower_any_object(
        &mut self,
        name: &str,
        any: &AnySchema,
        ptr: &Pointer,
    ) -> Result<Struct, Diagnostic> {
        let own = self.lower_struct(
            name,
            &any.properties,
            &any.required,
            any.additional_properties.as_ref(),
            ptr,
        )?;
        if any.all_of.is_empty() {
            return Ok(own);
        }
        let mut merged = self.lower_all_of(name, &any.all_of, &ptr.push("allOf"))?;
        merge_fields(&mut merged, own);
        Ok(merged)
    }

    /// allOf of several schemas: one struct holding every member's fields. A member that is a
    /// union adds its variants' fields, optional; the `required` of any member applies to the
    /// merged fields; a member that is not an object cannot be merged and is noted.
    fn lower_all_of(
        &mut self,
        name: &str,
        members: &[ReferenceOr<Schema>],
        ptr: &Pointer,
    ) -> Result<Struct, Diagnostic> {
        let mut merged = Struct {
            fields: Vec::new(),
            additional: None,
        };
        let mut required: Vec<String> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_ptr = ptr.push(i);
            let (schema, at, reference) = self.member(member, &member_ptr)?;
            if let Some(r) = reference {
                if self.merging.iter().any(|m| m == r) {
                    return Err(Diagnostic::at(
                        self.file,
                        member_ptr.as_str(),
                        format!("allOf includes `{r}`, which includes this schema itself"),
                    )
                    .with_hint("a schema cannot be composed of itself; refer to it from a property instead"));
                }
                self.merging.push(r.to_string());
            }
            let part = self.all_of_part(name, schema, &at, &mut required);
            if reference.is_some() {
                self.merging.pop();
            }
            match part? {
                Some(part) => merge_fields(&mut merged, part),
                None => self.warnings.push(
                    Diagnostic::at(
                        self.file,
                        member_ptr.as_str(),
                        "this allOf member is not an object, so it cannot be merged with the others; it is left out of the type",
                    )
                    .with_hint("use oneOf for alternatives, or make every allOf member an object"),
                ),
            }
        }
        for f in &mut merged.fields {
            if required.contains(&f.wire) {
                f.required = true;
            }
        }
        Ok(merged)
    }

    /// The schema a member of a composition is, where it is, and the reference to it.
    fn member<'m>(
        &self,
        member: &'m ReferenceOr<Schema>,
        at: &Pointer,
    ) -> Result<(&'a Schema, Pointer, Option<&'m str>), Diagnostic>
    where
        'm: 'a,
    {
        match member {
            ReferenceOr::Reference { reference } => {
                self.resolve_ref(reference, at)?;
                let schema = self.component(reference).ok_or_else(|| {
                    Diagnostic::at(
                        self.file,
                        at.as_str(),
                        format!(
                            "`{reference}` is a chain of references that never reaches a schema"
                        ),
                    )
                })?;
                let key = component_key(reference).unwrap_or_default();
                Ok((schema, self.normalized.schema_origin(&key), Some(reference)))
            }
            ReferenceOr::Item(s) => Ok((s, at.clone(), None)),
        }
    }

    /// The fields one allOf member contributes (`None`: it is not an object), collecting the
    /// names it requires.
    fn all_of_part(
        &mut self,
        name: &str,
        schema: &Schema,
        at: &Pointer,
        required: &mut Vec<String>,
    ) -> Result<Option<Struct>, Diagnostic> {
        Ok(Some(match &schema.schema_kind {
            SchemaKind::Type(Type::Object(obj)) => {
                required.extend(obj.required.iter().cloned());
                self.lower_struct(
                    name,
                    &obj.properties,
                    &obj.required,
                    obj.additional_properties.as_ref(),
                    at,
                )?
            }
            SchemaKind::Any(any) if is_object_like(any) || !any.all_of.is_empty() => {
                required.extend(any.required.iter().cloned());
                self.lower_any_object(name, any, at)?
            }
            SchemaKind::AllOf { all_of } => self.lower_all_of(name, all_of, &at.push("allOf"))?,
            SchemaKind::OneOf { one_of } => {
                return self.union_part(name, one_of, &at.push("oneOf"));
            }
            SchemaKind::AnyOf { any_of } => {
                return self.union_part(name, any_of, &at.push("anyOf"));
            }
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                return self.union_part(name, &any.one_of, &at.push("oneOf"));
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                return self.union_part(name, &any.any_of, &at.push("anyOf"));
            }
            SchemaKind::Any(any) if !any.required.is_empty() => {
                required.extend(any.required.iter().cloned());
                Struct {
                    fields: Vec::new(),
                    additional: None,
                }
            }
            _ => return Ok(None),
        }))
    }

    /// A union inside an allOf: every object variant's fields, optional (which variant a value
    /// is decides which of them it has).
    fn union_part(
        &mut self,
        name: &str,
        variants: &[ReferenceOr<Schema>],
        ptr: &Pointer,
    ) -> Result<Option<Struct>, Diagnostic> {
        let mut merged = Struct {
            fields: Vec::new(),
            additional: None,
        };
        let mut any_object = false;
        for (i, v) in variants.iter().enumerate() {
            let at = ptr.push(i);
            let (schema, at, reference) = self.member(v, &at)?;
            if let Some(r) = reference {
                if self.merging.iter().any(|m| m == r) {
                    continue;
                }
                self.merging.push(r.to_string());
            }
            let mut ignored = Vec::new();
            let part = self.all_of_part(name, schema, &at, &mut ignored);
            if reference.is_some() {
                self.merging.pop();
            }
            if let Some(part) = part? {
                any_object = true;
                merge_fields(&mut merged, part);
            }
        }
        for f in &mut merged.fields {
            f.required = false;
        }
        Ok(any_object.then_some(merged))
    }

    /// Whether any member of an allOf is an object (else the allOf is of plain values).
    fn any_object_member(&self, members: &[ReferenceOr<Schema>]) -> bool {
        self.any_object_member_within(members, 16)
    }

    fn any_object_member_within(&self, members: &[ReferenceOr<Schema>], depth: usize) -> bool {
        // A composition of itself: treated as an object, so that merging reports the cycle.
        if depth == 0 {
            return true;
        }
        members.iter().any(|m| {
            let schema = match m {
                ReferenceOr::Reference { reference } => self.component(reference),
                ReferenceOr::Item(s) => Some(s),
            };
            match schema.map(|s| &s.schema_kind) {
                Some(SchemaKind::Type(Type::Object(_))) => true,
                Some(SchemaKind::Any(any)) => {
                    is_object_like(any)
                        || !any.all_of.is_empty()
                        || !any.one_of.is_empty()
                        || !any.any_of.is_empty()
                        || !any.required.is_empty()
                }
                Some(SchemaKind::AllOf { all_of }) => {
                    self.any_object_member_within(all_of, depth - 1)
                }
                Some(SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. }) => true,
                _ => false,
            }
        })
    }

    fn lower_union(
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

    fn lower_ref(&mut self, reference: &str, ptr: &Pointer) -> Result<Lowered, Diagnostic> {
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
    fn lower_inline(
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
fn component_ref(key: &str) -> String {
    crate::normalize::pointer::join(&["components".into(), "schemas".into(), key.to_string()])
}

/// The component key a canonical schema reference names.
fn component_key(reference: &str) -> Option<String> {
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
    Err(Diagnostic::at(
        file,
        ptr.as_str(),
        "internal: a named schema was lowered as an alias",
    )
    .with_hint("please report this spec to the generator's maintainers"))
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

fn is_object_like(any: &AnySchema) -> bool {
    !any.properties.is_empty()
}

fn merge_fields(into: &mut Struct, part: Struct) {
    for field in part.fields {
        if let Some(existing) = into.fields.iter_mut().find(|f| f.wire == field.wire) {
            existing.required |= field.required;
            if existing.doc.is_none() {
                existing.doc = field.doc;
            }
        } else {
            let mut field = field;
            let mut namer = Namer::new();
            for f in &into.fields {
                namer.reserve(&f.name);
            }
            field.name = namer.unique(&field.name);
            into.fields.push(field);
        }
    }
    if into.additional.is_none() {
        into.additional = part.additional;
    }
}

/// The Rust integer type of an integer format (`int64` when none is given).
fn int_kind(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> TypeRef {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::Int(IntKind::I32),
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => TypeRef::Int(IntKind::U32),
        VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => TypeRef::Int(IntKind::U64),
        _ => TypeRef::Int(IntKind::I64),
    }
}

fn primitive_variant_name(ty: &TypeRef) -> &'static str {
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

fn merge_facts(outer: SchemaFacts, inner: SchemaFacts) -> SchemaFacts {
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

fn format_name<T: serde::Serialize>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => {
            serde_json::to_value(f).ok()?.as_str().map(str::to_string)
        }
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
