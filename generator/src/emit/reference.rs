//! The API reference (`api.md`): one entry per method, resources nested, in the order of facts
//! of the official SDK docs: title, signature, `METHOD /path`, description, parameters by
//! location, the return type as a field tree, an example call and an example response. Types
//! several places use are described once, under Types, and linked.

use std::collections::{BTreeMap, BTreeSet};

use super::describe::{body_lines, example_json, param_line, prose, type_text};
use super::examples::{body_lines as code_lines, sample_call};
use crate::ir::{Api, Method, ParamLocation, Resource, ResponseKind, TypeDef, TypeKind, TypeRef};

/// The reference's text.
pub fn reference(api: &Api) -> String {
    let uses = return_uses(api);
    let mut r = Reference {
        api,
        uses,
        linked: BTreeSet::new(),
        out: Vec::new(),
    };
    r.out.push(format!("# {} API reference", api.krate.title));
    r.out.push(String::new());
    r.out.push(format!(
        "Every operation of the `{}` crate, by resource. Types that several operations return are described once, under [Types](#types).",
        api.krate.name
    ));
    r.contents();
    for root in &api.resources {
        for res in root.walk() {
            r.resource(res);
        }
    }
    r.types();
    r.out.push(String::new());
    r.out.join("\n")
}

/// How many methods return each named type.
fn return_uses(api: &Api) -> BTreeMap<String, usize> {
    let mut uses = BTreeMap::new();
    for root in &api.resources {
        for r in root.walk() {
            for m in &r.methods {
                if let ResponseKind::Json(TypeRef::Named(n)) = &m.response.kind {
                    *uses.entry(n.clone()).or_default() += 1;
                }
            }
        }
    }
    uses
}

fn anchor(r: &Resource, m: &Method) -> String {
    format!("{}-{}", r.path.join("-"), m.name).replace('_', "-")
}

fn type_anchor(name: &str) -> String {
    format!("type-{}", name.to_lowercase().replace("::", "-"))
}

struct Reference<'a> {
    api: &'a Api,
    uses: BTreeMap<String, usize>,
    /// Root types linked to, described under Types.
    linked: BTreeSet<String>,
    out: Vec<String>,
}

impl Reference<'_> {
    fn contents(&mut self) {
        self.out
            .extend([String::new(), "## Contents".to_string(), String::new()]);
        for root in &self.api.resources {
            for r in root.walk() {
                let indent = "  ".repeat(r.path.len() - 1);
                self.out.push(format!("{indent}- `{}`", r.path.join(".")));
                for m in &r.methods {
                    self.out.push(format!(
                        "{indent}  - [`{}`](#{}): `{} {}`",
                        m.name,
                        anchor(r, m),
                        m.http_method.as_str(),
                        m.path
                    ));
                }
            }
        }
        self.out.push("- [Types](#types)".to_string());
    }

    fn resource(&mut self, r: &Resource) {
        self.out
            .extend([String::new(), format!("## `{}`", r.path.join("."))]);
        for m in &r.methods {
            self.method(r, m);
        }
    }

    fn method(&mut self, r: &Resource, m: &Method) {
        let title = m
            .summary
            .clone()
            .unwrap_or_else(|| m.name.replace('_', " "));
        self.out.extend([
            String::new(),
            format!("<a id=\"{}\"></a>", anchor(r, m)),
            format!("### {}", prose(&title)),
            String::new(),
            format!("`{}`", signature(self.api, r, m)),
            String::new(),
            format!("**{}** `{}`", m.http_method.as_str(), m.path),
        ]);
        if let Some(d) = &m.description {
            self.out
                .extend([String::new(), super::rust::sanitize_doc(d)]);
        }
        self.parameters(m);
        self.returns(m);
        let call = sample_call(self.api, r, m);
        if let Some(lines) = code_lines(quote::quote!(let response = #call.await?;)) {
            self.out.extend([
                String::new(),
                "**Example**".to_string(),
                String::new(),
                "```rust".to_string(),
            ]);
            self.out.extend(lines);
            self.out.push("```".to_string());
        }
        if let Some(command) = super::cli::example_command(self.api, r, m) {
            self.out.extend([
                String::new(),
                "**Command line**".to_string(),
                String::new(),
                "```sh".to_string(),
                command,
                "```".to_string(),
            ]);
        }
        if let ResponseKind::Json(ty) = &m.response.kind {
            let value = example_json(self.api, ty);
            if let Ok(text) = serde_json::to_string_pretty(&value) {
                self.out.extend([
                    String::new(),
                    "**Example response**".to_string(),
                    String::new(),
                    "```json".to_string(),
                    text,
                    "```".to_string(),
                ]);
            }
        }
    }

    fn parameters(&mut self, m: &Method) {
        let groups = [
            (ParamLocation::Path, "Path parameters"),
            (ParamLocation::Query, "Query parameters"),
            (ParamLocation::Header, "Header parameters"),
            (ParamLocation::Cookie, "Cookie parameters"),
        ];
        for (location, heading) in groups {
            let lines: Vec<String> = m
                .params
                .iter()
                .filter(|p| p.location == location)
                .map(|p| format!("- {}", param_line(self.api, p)))
                .collect();
            if !lines.is_empty() {
                self.out
                    .extend([String::new(), format!("**{heading}**"), String::new()]);
                self.out.extend(lines);
            }
        }
        let body = body_lines(self.api, m);
        if !body.is_empty() {
            self.out
                .extend([String::new(), "**Body**".to_string(), String::new()]);
            self.out.extend(body.into_iter().map(|l| format!("- {l}")));
        }
    }

    fn returns(&mut self, m: &Method) {
        let text = match &m.response.kind {
            ResponseKind::Empty => "Nothing (the status says it all).".to_string(),
            ResponseKind::Text => "Text (`String`).".to_string(),
            ResponseKind::Bytes => "Bytes (`bytes::Bytes`).".to_string(),
            ResponseKind::Json(TypeRef::Named(n)) if self.uses.get(n).copied().unwrap_or(0) > 1 => {
                self.linked.insert(n.clone());
                format!("[`types::{n}`](#{})", type_anchor(n))
            }
            ResponseKind::Json(ty) => {
                let mut tree = Vec::new();
                self.tree(ty, 0, &mut tree, &mut Vec::new());
                let head = format!("`{}`", type_text(ty));
                if tree.is_empty() {
                    head
                } else {
                    format!("{head}\n\n{}", tree.join("\n"))
                }
            }
        };
        self.out
            .extend([String::new(), format!("**Returns** {text}")]);
    }

    /// The fields of `ty` as a nested list: inline types expanded, root types linked.
    fn tree(&mut self, ty: &TypeRef, depth: usize, out: &mut Vec<String>, path: &mut Vec<String>) {
        let api = self.api;
        let Some(def) = resolve(api, ty) else {
            return;
        };
        if path.contains(&def.name) || depth > 6 {
            return;
        }
        path.push(def.name.clone());
        let indent = "  ".repeat(depth);
        match &def.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    let need = if f.required { "required" } else { "optional" };
                    let nullable = if f.nullable { ", nullable" } else { "" };
                    let facts = super::describe::value_facts(self.api, &f.ty, &f.schema);
                    let shown = self.shown_type(&f.ty);
                    out.push(format!(
                        "{indent}- {}",
                        super::describe::item(
                            &format!("`{}` {shown}", f.wire),
                            &format!("{need}{nullable}"),
                            &facts,
                            f.doc.as_deref(),
                        )
                    ));
                    if self.expands(&f.ty) {
                        self.tree(&f.ty, depth + 1, out, path);
                    }
                }
            }
            TypeKind::Union(u) => {
                for v in &u.variants {
                    out.push(format!("{indent}- one of: {}", self.shown_type(&v.ty)));
                    if self.expands(&v.ty) {
                        self.tree(&v.ty, depth + 1, out, path);
                    }
                }
            }
            _ => {}
        }
        path.pop();
    }

    /// Whether a field's type is expanded in place: an inline type of a module, not a root.
    fn expands(&self, ty: &TypeRef) -> bool {
        resolve(self.api, ty).is_some_and(|d| {
            d.name.contains("::") && matches!(d.kind, TypeKind::Struct(_) | TypeKind::Union(_))
        })
    }

    /// A field's type: a link for a root struct or union (described under Types), else code.
    fn shown_type(&mut self, ty: &TypeRef) -> String {
        if let Some(def) = resolve(self.api, ty)
            && !def.name.contains("::")
            && matches!(def.kind, TypeKind::Struct(_) | TypeKind::Union(_))
        {
            self.linked.insert(def.name.clone());
            return format!("[`{}`](#{})", type_text(ty), type_anchor(&def.name));
        }
        format!("`{}`", type_text(ty))
    }

    fn types(&mut self) {
        self.out.extend([
            String::new(),
            "<a id=\"types\"></a>".to_string(),
            "## Types".to_string(),
        ]);
        let mut done = BTreeSet::new();
        // Describing a type can link to more types: until none is left undescribed.
        loop {
            let next = self.linked.iter().find(|n| !done.contains(*n)).cloned();
            let Some(name) = next else {
                break;
            };
            done.insert(name.clone());
            let Some(def) = self.api.types.get(&name) else {
                continue;
            };
            let mut tree = Vec::new();
            self.tree(&TypeRef::Named(name.clone()), 0, &mut tree, &mut Vec::new());
            self.out.extend([
                String::new(),
                format!("<a id=\"{}\"></a>", type_anchor(&name)),
                format!("### `types::{name}`"),
            ]);
            if let Some(d) = &def.doc {
                self.out.extend([String::new(), prose(d)]);
            }
            if !tree.is_empty() {
                self.out.push(String::new());
                self.out.extend(tree);
            }
        }
    }
}

/// The named type `ty` holds (through arrays, maps and aliases).
fn resolve<'a>(api: &'a Api, ty: &TypeRef) -> Option<&'a TypeDef> {
    match ty {
        TypeRef::Array(t) | TypeRef::Map(t) => resolve(api, t),
        _ => crate::ir::resolve(&api.types, ty),
    }
}

/// `client.a().b().method(arg: Type, ..) -> Output`.
fn signature(api: &Api, r: &Resource, m: &Method) -> String {
    let chain: Vec<String> = r.path.iter().map(|p| format!("{p}()")).collect();
    let mut args: Vec<String> = m
        .params
        .iter()
        .filter(|p| p.required)
        .map(|p| format!("{}: {}", p.name, type_text(&p.ty)))
        .collect();
    if let Some(body) = &m.body {
        match &body.shape {
            crate::ir::BodyShape::Flattened { required } => {
                let fields = crate::ir::resolve(&api.types, &body.ty)
                    .and_then(|d| d.as_struct())
                    .map(|s| s.fields.clone())
                    .unwrap_or_default();
                for f in fields.iter().filter(|f| required.contains(&f.name)) {
                    args.push(format!("{}: {}", f.name, type_text(&f.ty)));
                }
            }
            crate::ir::BodyShape::Params => {
                args.push(format!("params: impl Into<{}>", type_text(&body.ty)))
            }
            crate::ir::BodyShape::Whole if body.required => {
                args.push(format!("body: {}", type_text(&body.ty)))
            }
            crate::ir::BodyShape::Whole => {}
        }
    }
    let out = match &m.response.kind {
        ResponseKind::Empty => "()".to_string(),
        ResponseKind::Json(t) => type_text(t),
        ResponseKind::Text => "String".to_string(),
        ResponseKind::Bytes => "Bytes".to_string(),
    };
    format!(
        "client.{}.{}({}) -> {out}",
        chain.join("."),
        m.name,
        args.join(", ")
    )
}
