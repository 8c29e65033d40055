//! The resource tree: which resource and name each operation gets (from the config, or by
//! default from its tag and operationId), and pagination.

use std::collections::{BTreeSet, HashMap};

use openapiv3::ReferenceOr;

use super::Sources;
use super::names::{Namer, camel, snake, type_name};
use super::operation::{OperationSite, lower_operation};
use super::schema::SchemaLowerer;
use crate::config::PaginationKind;
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{HttpMethod, Method, Pagination, ParamLocation, Resource, ResponseKind, TypeRef};

/// Names the client's own methods use: a top-level resource cannot have them.
const CLIENT_MEMBERS: &[&str] = &[
    "builder",
    "from_env",
    "base_url",
    "execute",
    "execute_json",
    "execute_empty",
    "execute_text",
    "execute_bytes",
    "build",
    "attempt",
    "transport_error",
    "clone",
    "fmt",
    "new",
    "with_options",
    "get",
    "post",
    "put",
    "patch",
    "delete",
];

/// Names every resource handle uses: no method or sub-resource can have them.
const HANDLE_MEMBERS: &[&str] = &["new", "clone", "fmt"];

/// Why `segment` cannot name a resource at `depth` (0 = top level), if it cannot.
fn reserved_segment(segment: &str, depth: usize) -> Option<&'static str> {
    if depth == 0 && CLIENT_MEMBERS.contains(&segment) {
        Some("the client already has a method of that name")
    } else if depth == 0 && segment == "resources" {
        Some("its module would be `resources::resources`")
    } else if HANDLE_MEMBERS.contains(&segment) {
        Some("resource handles already have a method of that name")
    } else {
        None
    }
}

/// What the config says of one endpoint: resource path, method name, pagination scheme, and
/// where in the config it says so.
struct Wanted {
    resource: Vec<String>,
    method: String,
    pagination: Option<String>,
    ptr: Pointer,
    /// Position in the config, which orders methods.
    index: usize,
}

struct Assignment<'s> {
    /// Position in the config (configured methods come first, in config order).
    index: usize,
    resource: Vec<String>,
    method: String,
    configured: bool,
    pagination: Option<(String, Pointer)>,
    path: &'s str,
    http_method: HttpMethod,
    op: &'s openapiv3::Operation,
    path_params: &'s [ReferenceOr<openapiv3::Parameter>],
    ptr: Pointer,
}

fn http_method(name: &str) -> Option<HttpMethod> {
    Some(match name.to_ascii_lowercase().as_str() {
        "get" => HttpMethod::Get,
        "post" => HttpMethod::Post,
        "put" => HttpMethod::Put,
        "patch" => HttpMethod::Patch,
        "delete" => HttpMethod::Delete,
        "head" => HttpMethod::Head,
        "options" => HttpMethod::Options,
        "trace" => HttpMethod::Trace,
        _ => return None,
    })
}

/// A default placement's resource path, clear of names the client and handles use.
fn clear_of_reserved(path: Vec<String>) -> Vec<String> {
    path.into_iter()
        .enumerate()
        .map(|(depth, s)| {
            if reserved_segment(&s, depth).is_some() {
                format!("{s}_api")
            } else {
                s
            }
        })
        .collect()
}

pub fn lower_resources(
    lw: &mut SchemaLowerer<'_>,
    src: &Sources<'_>,
) -> Result<Vec<Resource>, Diagnostic> {
    // Index the config by endpoint.
    let mut wanted: HashMap<(String, String), Wanted> = HashMap::new();
    let res_ptr = Pointer::root().push("resources");
    for (resource, methods) in &src.config.resources {
        let segments: Vec<String> = resource.split('.').map(snake).collect();
        for (depth, segment) in segments.iter().enumerate() {
            if let Some(why) = reserved_segment(segment, depth) {
                return Err(Diagnostic::at(
                    src.config_file,
                    res_ptr.push(resource).as_str(),
                    format!("resource name `{segment}` cannot be used: {why}"),
                )
                .with_hint("choose another name for this resource"));
            }
        }
        for (method, cfg) in methods {
            let ptr = res_ptr.push(resource).push(method);
            let endpoint = cfg.endpoint().trim();
            let parsed = endpoint.split_once(' ').and_then(|(m, p)| {
                http_method(m).map(|m| (m.as_str().to_string(), p.trim().to_string()))
            });
            let Some(key) = parsed else {
                return Err(Diagnostic::at(
                    src.config_file,
                    ptr.as_str(),
                    format!("cannot read endpoint `{endpoint}`"),
                )
                .with_hint("write endpoints as `METHOD /path`, e.g. `GET /v1/customers/{id}`"));
            };
            let entry = Wanted {
                resource: segments.clone(),
                method: snake(method),
                pagination: cfg.pagination().map(str::to_string),
                ptr: ptr.clone(),
                index: wanted.len(),
            };
            if let Some(prev) = wanted.insert(key.clone(), entry) {
                return Err(Diagnostic::at(
                    src.config_file,
                    ptr.as_str(),
                    format!("endpoint `{endpoint}` is already mapped at {}", prev.ptr),
                ));
            }
        }
    }

    // Default names for what the config does not name, inferred from all paths at once.
    let mut all_ops = Vec::new();
    for (path, item) in &src.spec.paths.paths {
        if let ReferenceOr::Item(item) = item {
            for (m, op) in item.iter() {
                if let Some(method) = http_method(m) {
                    all_ops.push((path.as_str(), method, op));
                }
            }
        }
    }
    let defaults = super::default_names::infer(&all_ops);

    // Walk the spec's operations in document order.
    let mut assignments = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, item) in &src.spec.paths.paths {
        let path_ptr = Pointer::root().push("paths").push(path);
        let ReferenceOr::Item(item) = item else {
            // Normalization inlines every path item reference.
            continue;
        };
        for (m, op) in item.iter() {
            let Some(method) = http_method(m) else {
                continue;
            };
            let key = (method.as_str().to_string(), path.clone());
            seen.insert(key.clone());
            let ptr = path_ptr.push(m);
            let (resource, name, configured, pagination, index) = match wanted.get(&key) {
                Some(w) => (
                    w.resource.clone(),
                    w.method.clone(),
                    true,
                    w.pagination.clone().map(|p| (p, w.ptr.clone())),
                    w.index,
                ),
                None => {
                    let placed = &defaults[&(method, path.as_str())];
                    (
                        clear_of_reserved(placed.resource.clone()),
                        placed.method.clone(),
                        false,
                        None,
                        usize::MAX,
                    )
                }
            };
            assignments.push(Assignment {
                index,
                resource,
                method: name,
                configured,
                pagination,
                path,
                http_method: method,
                op,
                path_params: &item.parameters,
                ptr,
            });
        }
    }
    // Config entries the spec lacks.
    let mut missing: Vec<_> = wanted.iter().filter(|(k, _)| !seen.contains(*k)).collect();
    missing.sort_by(|a, b| a.1.ptr.as_str().cmp(b.1.ptr.as_str()));
    if let Some(((m, p), Wanted { ptr, .. })) = missing.first() {
        let same_path: Vec<String> = seen
            .iter()
            .filter(|(_, sp)| sp == p)
            .map(|(sm, sp)| format!("{sm} {sp}"))
            .collect();
        let hint = if same_path.is_empty() {
            "every endpoint in the config must be an operation of the spec (`METHOD /path` as under #/paths)".to_string()
        } else {
            format!("the spec has {} for that path", same_path.join(", "))
        };
        return Err(Diagnostic::at(
            src.config_file,
            ptr.as_str(),
            format!("the spec has no operation `{m} {p}`"),
        )
        .with_hint(hint));
    }

    // Resources in config order, then default ones in spec order.
    let mut order: Vec<Vec<String>> = Vec::new();
    let add_with_parents = |path: &[String], order: &mut Vec<Vec<String>>| {
        for n in 1..=path.len() {
            let prefix = path[..n].to_vec();
            if !order.contains(&prefix) {
                order.push(prefix);
            }
        }
    };
    for resource in src.config.resources.keys() {
        let segments: Vec<String> = resource.split('.').map(snake).collect();
        add_with_parents(&segments, &mut order);
    }
    for a in &assignments {
        add_with_parents(&a.resource, &mut order);
    }

    // Unique names: resource types and builders share a namespace.
    let mut type_names = Namer::new();
    let mut resource_types: HashMap<Vec<String>, String> = HashMap::new();
    for path in &order {
        resource_types.insert(path.clone(), type_names.unique(&type_name(&path.join("_"))));
    }
    let children_of = |path: &Vec<String>| -> BTreeSet<String> {
        order
            .iter()
            .filter(|p| p.len() == path.len() + 1 && p.starts_with(path))
            .map(|p| p[path.len()].clone())
            .collect()
    };

    // Lower each operation; configured names first so defaults yield to them.
    let mut method_names: HashMap<Vec<String>, Namer> = HashMap::new();
    for a in assignments.iter().filter(|a| a.configured) {
        let namer = method_names.entry(a.resource.clone()).or_default();
        if children_of(&a.resource).contains(&a.method) {
            let ptr = res_ptr.push(a.resource.join(".")).push(&a.method);
            return Err(Diagnostic::at(
                src.config_file,
                ptr.as_str(),
                format!("method `{}` has the name of a sub-resource", a.method),
            )
            .with_hint("rename the method or the sub-resource"));
        }
        let ptr = res_ptr.push(a.resource.join(".")).push(&a.method);
        if HANDLE_MEMBERS.contains(&a.method.as_str()) {
            return Err(Diagnostic::at(
                src.config_file,
                ptr.as_str(),
                format!("method name `{}` cannot be used: resource handles already have a method of that name", a.method),
            )
            .with_hint("choose another method name"));
        }
        if namer.is_taken(&a.method) {
            return Err(Diagnostic::at(
                src.config_file,
                ptr.as_str(),
                format!(
                    "two endpoints of `{}` are both named `{}`",
                    a.resource.join("."),
                    a.method
                ),
            )
            .with_hint("method names are snake_cased; give each endpoint its own name"));
        }
        namer.reserve(&a.method);
    }
    let mut methods: HashMap<Vec<String>, Vec<Method>> = HashMap::new();
    // Stable: defaults keep the spec's order after the configured methods.
    assignments.sort_by_key(|a| a.index);
    for a in assignments {
        let name = if a.configured {
            a.method.clone()
        } else {
            let namer = method_names.entry(a.resource.clone()).or_default();
            for child in children_of(&a.resource) {
                namer.reserve(&child);
            }
            for member in HANDLE_MEMBERS {
                namer.reserve(member);
            }
            namer.unique(&a.method)
        };
        let resource_type = &resource_types[&a.resource];
        let stem = format!("{resource_type}{}", camel(&name));
        let builder = type_names.unique(&format!("{stem}Request"));
        let site = OperationSite {
            path: a.path,
            http_method: a.http_method,
            op: a.op,
            path_params: a.path_params,
            ptr: a.ptr.clone(),
            method_name: name,
            builder_name: builder,
            stem,
            configured: a.configured,
            idempotency_header: src.config.client.idempotency_header.as_deref(),
        };
        let mut method = match lower_operation(lw, site) {
            Ok(m) => m,
            Err(d) => {
                // Reported with every other problem; with `skip_unsupported`, left out.
                lw.errors.push(d);
                continue;
            }
        };
        if let Some((scheme, cptr)) = &a.pagination {
            method.pagination = Some(lower_pagination(lw, src, &method, scheme, cptr)?);
        }
        methods.entry(a.resource.clone()).or_default().push(method);
    }

    // Assemble the tree.
    fn build(
        path: &[String],
        order: &[Vec<String>],
        types: &HashMap<Vec<String>, String>,
        methods: &mut HashMap<Vec<String>, Vec<Method>>,
    ) -> Resource {
        let children = order
            .iter()
            .filter(|p| p.len() == path.len() + 1 && p.starts_with(path))
            .map(|p| build(p, order, types, methods))
            .collect();
        Resource {
            path: path.to_vec(),
            type_name: types[path].clone(),
            methods: methods.remove(path).unwrap_or_default(),
            children,
        }
    }
    let roots: Vec<Resource> = order
        .iter()
        .filter(|p| p.len() == 1)
        .map(|p| build(p, &order, &resource_types, &mut methods))
        .collect();
    Ok(roots)
}

fn lower_pagination(
    lw: &SchemaLowerer<'_>,
    src: &Sources<'_>,
    method: &Method,
    scheme: &str,
    cptr: &Pointer,
) -> Result<Pagination, Diagnostic> {
    let Some(cfg) = src.config.pagination.get(scheme) else {
        return Err(Diagnostic::at(
            src.config_file,
            cptr.push("pagination").as_str(),
            format!("unknown pagination scheme `{scheme}`"),
        )
        .with_hint("define it under `pagination:` at the top of the config"));
    };
    match cfg.kind {
        PaginationKind::PageNumber => {}
    }
    let query = |wire: &str| {
        method
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Query && p.wire == wire)
            .map(|p| p.name.clone())
            .ok_or_else(|| {
                Diagnostic::at(src.config_file, cptr.as_str(), format!("pagination scheme `{scheme}` needs query parameter `{wire}`, which `{}` lacks", method.operation_id))
            })
    };
    let page_param = query(&cfg.page_param)?;
    let page = method.params.iter().find(|p| p.name == page_param);
    if page.is_some_and(|p| p.required || !matches!(p.ty, TypeRef::Int(_))) {
        return Err(Diagnostic::at(
            src.config_file,
            cptr.as_str(),
            format!(
                "pagination scheme `{scheme}` needs `{}` of `{}` to be an optional integer query parameter",
                cfg.page_param, method.operation_id
            ),
        )
        .with_hint("the SDK sets the page number itself while streaming"));
    }
    let size_param = query(&cfg.size_param)?;
    let items = match &method.response.kind {
        ResponseKind::Json(ty) => lw
            .struct_fields(ty)
            .and_then(|fields| fields.into_iter().find(|f| f.wire == cfg.items_field)),
        _ => None,
    };
    let Some(items) = items else {
        return Err(Diagnostic::at(
            src.config_file,
            cptr.as_str(),
            format!(
                "the response of `{}` has no field `{}` for pagination scheme `{scheme}`",
                method.operation_id, cfg.items_field
            ),
        ));
    };
    let TypeRef::Array(item_ty) = &items.ty else {
        return Err(Diagnostic::at(
            src.config_file,
            cptr.as_str(),
            format!(
                "field `{}` of the response of `{}` is not an array",
                cfg.items_field, method.operation_id
            ),
        ));
    };
    if !items.is_argument() {
        return Err(Diagnostic::at(
            src.config_file,
            cptr.as_str(),
            format!(
                "field `{}` of the response of `{}` must be required and not nullable to page through it",
                cfg.items_field, method.operation_id
            ),
        ));
    }
    let total_pages = match &cfg.total_pages_field {
        None => None,
        Some(dotted) => Some(total_pages_path(lw, src, method, dotted, cptr)?),
    };
    Ok(Pagination {
        page_param,
        size_param,
        items_field: items.name.clone(),
        item_ty: (**item_ty).clone(),
        first_page: cfg.first_page,
        total_pages,
    })
}

/// The response fields `dotted` (wire names) names, ending in an integer.
fn total_pages_path(
    lw: &SchemaLowerer<'_>,
    src: &Sources<'_>,
    method: &Method,
    dotted: &str,
    cptr: &Pointer,
) -> Result<Vec<(String, bool)>, Diagnostic> {
    let wrong = |why: String| {
        Diagnostic::at(src.config_file, cptr.as_str(), why)
            .with_hint("name the response field holding the page count, e.g. `meta.total_pages`")
    };
    let mut ty = match &method.response.kind {
        ResponseKind::Json(ty) => ty.clone(),
        _ => {
            return Err(wrong(format!(
                "`{}` has no JSON response to read `{dotted}` from",
                method.operation_id
            )));
        }
    };
    let mut steps = Vec::new();
    for part in dotted.split('.') {
        let field = lw
            .struct_fields(&ty)
            .and_then(|fields| fields.into_iter().find(|f| f.wire == part))
            .ok_or_else(|| {
                wrong(format!(
                    "the response of `{}` has no field `{dotted}`",
                    method.operation_id
                ))
            })?;
        steps.push((field.name.clone(), !field.is_argument()));
        ty = field.ty.clone();
    }
    if !matches!(ty, TypeRef::Int(_)) {
        return Err(wrong(format!(
            "`{dotted}` of the response of `{}` is not an integer",
            method.operation_id
        )));
    }
    Ok(steps)
}
