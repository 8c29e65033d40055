//! Lowering one operation: parameters by location, the request body, responses.

use openapiv3::{
    Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response, StatusCode,
};

use super::names::{Namer, camel, snake};
use super::schema::SchemaLowerer;
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{
    Body, BodyKind, BodyShape, ErrorResponse, ErrorStatus, HttpMethod, Method, Param,
    ParamLocation, QueryStyle, Response as IrResponse, ResponseKind, TypeRef,
};

/// Body fields taken as method arguments: one at most, since two positional arguments of the
/// same type could be swapped unnoticed (more go by name, in the params' `Required` struct).
const MAX_FLATTENED_REQUIRED: usize = 1;

/// Names request builders use for their own fields and methods.
const BUILDER_MEMBERS: &[&str] = &[
    "client",
    "body",
    "params",
    "send",
    "send_with_response",
    "send_raw",
    "into_stream",
    "into_parts",
    "into_future",
    "clone",
    "fmt",
    "options",
    "timeout",
    "max_retries",
    "extra_header",
    "extra_query",
    "extra_body_field",
];

/// Where an operation is and what it will be called.
pub struct OperationSite<'s> {
    pub path: &'s str,
    pub http_method: HttpMethod,
    pub op: &'s Operation,
    pub path_params: &'s [ReferenceOr<Parameter>],
    pub ptr: Pointer,
    pub method_name: String,
    pub builder_name: String,
    /// What names of inline types of this operation start with, e.g. `CustomersCreate`.
    pub stem: String,
    pub configured: bool,
    /// The config's idempotency header, if any.
    pub idempotency_header: Option<&'s str>,
}

/// Looks up `#/components/<kind>/<name>`, following chains of references.
fn resolve<'a, T>(
    file: &std::path::Path,
    map: Option<&'a indexmap::IndexMap<String, ReferenceOr<T>>>,
    kind: &str,
    item: &'a ReferenceOr<T>,
    at: &Pointer,
) -> Result<&'a T, Diagnostic> {
    let mut current = item;
    for _ in 0..16 {
        match current {
            ReferenceOr::Item(t) => return Ok(t),
            ReferenceOr::Reference { reference } => {
                let prefix = format!("#/components/{kind}/");
                let found = reference
                    .strip_prefix(&prefix)
                    .and_then(|key| map.and_then(|m| m.get(key)));
                match found {
                    Some(next) => current = next,
                    None => {
                        return Err(Diagnostic::at(
                            file,
                            at.as_str(),
                            format!("unresolvable $ref `{reference}`"),
                        )
                        .with_hint(format!(
                            "expected a reference to an entry of #/components/{kind}"
                        )));
                    }
                }
            }
        }
    }
    Err(Diagnostic::at(
        file,
        at.as_str(),
        "$ref chain is too long or circular",
    ))
}

pub fn lower_operation(
    lw: &mut SchemaLowerer<'_>,
    site: OperationSite<'_>,
) -> Result<Method, Diagnostic> {
    let file = lw.file;
    let components = lw.spec.components.as_ref();
    let op = site.op;
    let mut names = Namer::new();
    // Members of every request builder.
    for reserved in BUILDER_MEMBERS {
        names.reserve(reserved);
    }

    // Path-level parameters first; operation-level ones override by (name, location).
    let mut raw: Vec<(&Parameter, Pointer)> = Vec::new();
    let path_ptr = Pointer::root()
        .push("paths")
        .push(site.path)
        .push("parameters");
    for (i, p) in site.path_params.iter().enumerate() {
        let at = path_ptr.push(i);
        raw.push((
            resolve(
                file,
                components.map(|c| &c.parameters),
                "parameters",
                p,
                &at,
            )?,
            at,
        ));
    }
    for (i, p) in op.parameters.iter().enumerate() {
        let at = site.ptr.push("parameters").push(i);
        let param = resolve(
            file,
            components.map(|c| &c.parameters),
            "parameters",
            p,
            &at,
        )?;
        let key = (param.parameter_data_ref().name.clone(), location_of(param));
        raw.retain(|(q, _)| (q.parameter_data_ref().name.clone(), location_of(q)) != key);
        raw.push((param, at));
    }

    // Path params in the order they appear in the template, then the rest in spec order.
    let order = template_names(site.path);
    raw.sort_by_key(|(p, _)| match location_of(p) {
        ParamLocation::Path => order
            .iter()
            .position(|n| *n == p.parameter_data_ref().name)
            .unwrap_or(usize::MAX),
        _ => usize::MAX,
    });
    for name in &order {
        let declared = raw.iter().any(|(p, _)| {
            location_of(p) == ParamLocation::Path && p.parameter_data_ref().name == *name
        });
        if !declared {
            return Err(Diagnostic::at(
                file,
                site.ptr.as_str(),
                format!("path template `{}` uses `{{{name}}}` but no path parameter of that name is declared", site.path),
            )
            .with_hint("add a parameter with `in: path` and `required: true`"));
        }
    }

    let mut params = Vec::new();
    for (p, at) in raw {
        let data = p.parameter_data_ref();
        let location = location_of(p);
        let style = match p {
            Parameter::Query { style, .. } => match style {
                openapiv3::QueryStyle::Form => QueryStyle::Form {
                    explode: data.explode.unwrap_or(true),
                },
                openapiv3::QueryStyle::SpaceDelimited => QueryStyle::SpaceDelimited,
                openapiv3::QueryStyle::PipeDelimited => QueryStyle::PipeDelimited,
                openapiv3::QueryStyle::DeepObject => QueryStyle::DeepObject,
            },
            _ => QueryStyle::Form { explode: false },
        };
        let any = ReferenceOr::Item(openapiv3::Schema {
            schema_data: Default::default(),
            schema_kind: openapiv3::SchemaKind::Any(Default::default()),
        });
        let (schema, schema_ptr, json_encoded) = match &data.format {
            ParameterSchemaOrContent::Schema(s) => (s, at.push("schema"), false),
            // `content` holds exactly one media type: the value is encoded as that type says.
            ParameterSchemaOrContent::Content(content) => match content.iter().next() {
                Some((ct, media)) => {
                    let media_ptr = at.push("content").push(ct);
                    match &media.schema {
                        Some(s) => (s, media_ptr.push("schema"), is_json(ct)),
                        None => (&any, media_ptr, is_json(ct)),
                    }
                }
                None => (&any, at.push("content"), false),
            },
        };
        let hint = format!("{}{}", site.stem, camel(&data.name));
        let lowered = lw.lower(schema, &schema_ptr, &hint)?;
        // A JSON-encoded string is sent as a plain string would be; only structured values
        // need the JSON text.
        let json_encoded = json_encoded && !matches!(lowered.ty, TypeRef::String);
        let mut facts = lowered.facts;
        if facts.example.is_none() {
            facts.example = data.example.clone();
        }
        let idempotency_key = location == ParamLocation::Header
            && !data.required
            && matches!(lowered.ty, TypeRef::String)
            && site
                .idempotency_header
                .is_some_and(|h| data.name.eq_ignore_ascii_case(h));
        params.push(Param {
            name: names.unique(&snake(&data.name)),
            wire: data.name.clone(),
            location,
            doc: data.description.clone().or(lowered.doc),
            ty: lowered.ty,
            required: data.required || location == ParamLocation::Path,
            style,
            deprecated: data.deprecated.unwrap_or(false),
            idempotency_key,
            json_encoded,
            schema: facts,
        });
    }

    let body = match &op.request_body {
        None => None,
        Some(rb) => {
            let at = site.ptr.push("requestBody");
            let rb = resolve(
                file,
                components.map(|c| &c.request_bodies),
                "requestBodies",
                rb,
                &at,
            )?;
            Some(lower_body(lw, rb, &at, &site.stem, &mut names)?)
        }
    };

    let (response, errors) = lower_responses(lw, op, &site.ptr.push("responses"), &site.stem)?;

    Ok(Method {
        name: site.method_name,
        builder: site.builder_name,
        operation_id: op
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", site.http_method.as_str(), site.path)),
        http_method: site.http_method,
        path: site.path.to_string(),
        summary: op.summary.clone().filter(|s| !s.trim().is_empty()),
        description: op.description.clone().filter(|s| !s.trim().is_empty()),
        deprecated: op.deprecated,
        origin: site.ptr.to_string(),
        params,
        body,
        response,
        errors,
        pagination: None,
        configured: site.configured,
    })
}

fn location_of(p: &Parameter) -> ParamLocation {
    match p {
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// The `{name}`s of a path template, in order.
pub fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type.split(';').next().unwrap_or_default().trim();
    ct == "application/json" || ct.ends_with("+json") || ct == "*/*"
}

fn lower_body(
    lw: &mut SchemaLowerer<'_>,
    rb: &RequestBody,
    at: &Pointer,
    stem: &str,
    names: &mut Namer,
) -> Result<Body, Diagnostic> {
    let file = lw.file;
    let pick = rb
        .content
        .iter()
        .find(|(ct, _)| is_json(ct))
        .map(|(ct, m)| (BodyKind::Json, ct, m))
        .or_else(|| {
            rb.content
                .iter()
                .find(|(ct, _)| ct.starts_with("multipart/form-data"))
                .map(|(ct, m)| (BodyKind::Multipart, ct, m))
        })
        .or_else(|| {
            rb.content
                .iter()
                .find(|(ct, _)| ct.starts_with("application/x-www-form-urlencoded"))
                .map(|(ct, m)| (BodyKind::FormUrlEncoded, ct, m))
        })
        .or_else(|| {
            rb.content
                .iter()
                .find(|(ct, _)| ct.starts_with("text/"))
                .map(|(ct, m)| (BodyKind::Text, ct, m))
        })
        .or_else(|| {
            rb.content
                .iter()
                .next()
                .map(|(ct, m)| (BodyKind::Binary, ct, m))
        });
    let Some((kind, content_type, media)) = pick else {
        return Err(Diagnostic::at(
            file,
            at.push("content").as_str(),
            "a request body needs at least one media type under `content`",
        )
        .with_hint("e.g. `content: {application/json: {schema: ...}}`"));
    };
    let media_ptr = at.push("content").push(content_type);
    let hint = format!("{stem}Body");
    let ty = match (&media.schema, kind) {
        (_, BodyKind::Binary) => TypeRef::Binary,
        (_, BodyKind::Text) => TypeRef::String,
        (Some(s), _) => lw.lower(s, &media_ptr.push("schema"), &hint)?.ty,
        (None, _) => TypeRef::Any,
    };
    let structured = matches!(
        kind,
        BodyKind::Json | BodyKind::Multipart | BodyKind::FormUrlEncoded
    );
    let (shape, setters) = match lw.struct_fields(&ty).filter(|_| structured) {
        Some(fields) if rb.required || fields.iter().all(|f| !f.is_argument()) => {
            let required: Vec<String> = fields
                .iter()
                .filter(|f| f.is_argument())
                .map(|f| f.name.clone())
                .collect();
            // Body fields become builder setters or arguments: keep their names clear of params.
            let clash = fields.iter().any(|f| names.is_taken(&f.name));
            let optional: Vec<String> = fields
                .iter()
                .filter(|f| !f.is_argument() && !f.read_only && !names.is_taken(&f.name))
                .map(|f| f.name.clone())
                .collect();
            let shape = if !clash && required.len() <= MAX_FLATTENED_REQUIRED {
                for f in &required {
                    names.reserve(f);
                }
                BodyShape::Flattened { required }
            } else {
                BodyShape::Params
            };
            for f in &optional {
                names.reserve(f);
            }
            (shape, optional)
        }
        _ => (BodyShape::Whole, Vec::new()),
    };
    // A multipart body that is not an object names no parts: it is sent as one file part.
    let ty = if kind == BodyKind::Multipart && lw.struct_fields(&ty).is_none() {
        lw.warnings.push(
            Diagnostic::at(
                file,
                media_ptr.push("schema").as_str(),
                "a multipart/form-data body that is not an object names no parts; it is sent as one file part named `file`",
            )
            .with_hint("describe each form part as a property of an object schema"),
        );
        TypeRef::Binary
    } else {
        ty
    };
    Ok(Body {
        kind,
        content_type: content_type.clone(),
        ty,
        required: rb.required,
        doc: rb.description.clone(),
        shape,
        setters,
    })
}

fn lower_responses(
    lw: &mut SchemaLowerer<'_>,
    op: &Operation,
    at: &Pointer,
    stem: &str,
) -> Result<(IrResponse, Vec<ErrorResponse>), Diagnostic> {
    let file = lw.file;
    let components = lw.spec.components.as_ref();
    let mut success: Option<(u16, &Response, Pointer)> = None;
    let mut errors = Vec::new();
    let hint = format!("{stem}Response");
    for (code, resp) in &op.responses.responses {
        let key = code.to_string();
        let rptr = at.push(&key);
        let resp = resolve(
            file,
            components.map(|c| &c.responses),
            "responses",
            resp,
            &rptr,
        )?;
        let (status, is_success) = match code {
            StatusCode::Code(c) => (ErrorStatus::Code(*c), (200..300).contains(c)),
            StatusCode::Range(r) => (ErrorStatus::Range(*r), *r == 2),
        };
        if is_success {
            let c = match code {
                StatusCode::Code(c) => *c,
                StatusCode::Range(_) => 200,
            };
            if success.as_ref().is_none_or(|(s, _, _)| c < *s) {
                success = Some((c, resp, rptr));
            }
        } else {
            let ty = error_type(lw, resp, &rptr, &format!("{hint}{key}"))?;
            errors.push(ErrorResponse {
                status,
                ty,
                doc: Some(resp.description.clone()).filter(|d| !d.is_empty()),
            });
        }
    }
    if let Some(default) = &op.responses.default {
        let rptr = at.push("default");
        let resp = resolve(
            file,
            components.map(|c| &c.responses),
            "responses",
            default,
            &rptr,
        )?;
        let ty = error_type(lw, resp, &rptr, &format!("{hint}Default"))?;
        errors.push(ErrorResponse {
            status: ErrorStatus::Default,
            ty,
            doc: Some(resp.description.clone()).filter(|d| !d.is_empty()),
        });
    }
    let response = match success {
        None => IrResponse {
            status: None,
            kind: ResponseKind::Empty,
            doc: None,
        },
        Some((status, resp, rptr)) => {
            let json = resp.content.iter().find(|(ct, _)| is_json(ct));
            let kind = if let Some((ct, media)) = json {
                match &media.schema {
                    Some(s) => ResponseKind::Json(
                        lw.lower(s, &rptr.push("content").push(ct).push("schema"), &hint)?
                            .ty,
                    ),
                    None => ResponseKind::Json(TypeRef::Any),
                }
            } else if let Some(ct) = resp.content.keys().next() {
                if ct.starts_with("text/") {
                    ResponseKind::Text
                } else {
                    ResponseKind::Bytes
                }
            } else {
                ResponseKind::Empty
            };
            IrResponse {
                status: Some(status),
                kind,
                doc: Some(resp.description.clone()).filter(|d| !d.is_empty()),
            }
        }
    };
    Ok((response, errors))
}

fn error_type(
    lw: &mut SchemaLowerer<'_>,
    resp: &Response,
    at: &Pointer,
    hint: &str,
) -> Result<Option<TypeRef>, Diagnostic> {
    match resp.content.iter().find(|(ct, _)| is_json(ct)) {
        Some((ct, media)) => match &media.schema {
            Some(s) => Ok(Some(
                lw.lower(s, &at.push("content").push(ct).push("schema"), hint)?
                    .ty,
            )),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

impl SchemaLowerer<'_> {
    /// The fields of a struct type (following aliases), if `ty` names one.
    pub fn struct_fields(&self, ty: &TypeRef) -> Option<Vec<crate::ir::Field>> {
        let def = crate::ir::resolve(&self.types, ty)?;
        Some(def.as_struct()?.fields.clone())
    }
}
