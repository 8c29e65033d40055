//! Compositions of objects: `allOf` merged into one struct (with union members' fields, the
//! members' `required`, and a guard against a schema composed of itself), `anyOf` of objects
//! as one struct, properties beside an `allOf`.

use openapiv3::{AnySchema, ReferenceOr, Schema, SchemaKind, Type};

use super::names::Namer;
use super::schema::{SchemaLowerer, component_key, is_object_like};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::Struct;

impl<'a> SchemaLowerer<'a> {
    /// Whether every member is an object schema (so that their fields can be merged).
    pub(super) fn all_objects(&self, members: &[ReferenceOr<Schema>]) -> bool {
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
    pub(super) fn lower_any_of_objects(
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
    pub(super) fn lower_any_object(
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
    pub(super) fn lower_all_of(
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
            if let Some(r) = reference.filter(|r| self.is_merging(r)) {
                return Err(Diagnostic::at(
                    self.file,
                    member_ptr.as_str(),
                    format!("allOf includes `{r}`, which includes this schema itself"),
                )
                .with_hint(
                    "a schema cannot be composed of itself; refer to it from a property instead",
                ));
            }
            match self.merged_part(name, schema, &at, reference, &mut required)? {
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

    /// Whether `reference` is being merged into an allOf now (a composition of itself).
    fn is_merging(&self, reference: &str) -> bool {
        self.merging.iter().any(|m| m == reference)
    }

    /// [`all_of_part`](Self::all_of_part), with `reference` marked as being merged meanwhile.
    fn merged_part(
        &mut self,
        name: &str,
        schema: &Schema,
        at: &Pointer,
        reference: Option<&str>,
        required: &mut Vec<String>,
    ) -> Result<Option<Struct>, Diagnostic> {
        if let Some(r) = reference {
            self.merging.push(r.to_string());
        }
        let part = self.all_of_part(name, schema, at, required);
        if reference.is_some() {
            self.merging.pop();
        }
        part
    }

    /// The schema a member of a composition is, where it is, and the reference to it.
    pub(super) fn member<'m>(
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
    pub(super) fn all_of_part(
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
    pub(super) fn union_part(
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
            if reference.is_some_and(|r| self.is_merging(r)) {
                continue;
            }
            let mut ignored = Vec::new();
            let part = self.merged_part(name, schema, &at, reference, &mut ignored);
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
    pub(super) fn any_object_member(&self, members: &[ReferenceOr<Schema>]) -> bool {
        self.any_object_member_within(members, 16)
    }

    pub(super) fn any_object_member_within(
        &self,
        members: &[ReferenceOr<Schema>],
        depth: usize,
    ) -> bool {
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
}

pub(super) fn merge_fields(into: &mut Struct, part: Struct) {
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
