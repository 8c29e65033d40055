//! Document-level forms: the version, missing-but-implied members, and what `openapiv3`'s 3.0
//! model cannot hold (each dropped with a note, never silently).

use serde_json::{Value, json};

use super::walk::{Kind, Visit};
use crate::diag::{Diagnostic, Pointer};

/// The document's OpenAPI version, checked: `3.0.x` or `3.1.x`.
pub fn version(doc: &Value, file: &std::path::Path) -> Result<String, Diagnostic> {
    if doc.get("swagger").is_some() {
        return Err(
            Diagnostic::at(file, "#/swagger", "Swagger 2.0 documents are not supported")
                .with_hint("convert it to OpenAPI 3 first (e.g. with swagger2openapi)"),
        );
    }
    let version = match doc.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) | None => {
            return Err(Diagnostic::at(
                file,
                "#",
                "not an OpenAPI document: it has no `openapi` version",
            )
            .with_hint("an OpenAPI 3 document starts with `openapi: 3.0.3` or `openapi: 3.1.0`"));
        }
    };
    if version.starts_with("3.0") || version.starts_with("3.1") {
        Ok(version)
    } else {
        Err(Diagnostic::at(
            file,
            "#/openapi",
            format!("unsupported OpenAPI version `{version}`"),
        )
        .with_hint("the generator reads OpenAPI 3.0.x and 3.1.x documents"))
    }
}

/// Fixes the root: the 3.0 version number, `paths` (a 3.1 document may have only webhooks),
/// `info.version` written as a number.
pub fn root(doc: &mut Value, notes: &mut Vec<Diagnostic>, file: &std::path::Path) {
    let Value::Object(map) = doc else { return };
    map.insert("openapi".to_string(), json!("3.0.3"));
    if !map.get("paths").is_some_and(Value::is_object) && !map.contains_key("paths") {
        map.insert("paths".to_string(), json!({}));
    }
    if let Some(Value::Object(info)) = map.get_mut("info") {
        for key in ["version", "title"] {
            match info.get(key) {
                Some(Value::Number(n)) => {
                    let s = n.to_string();
                    info.insert(key.to_string(), Value::String(s));
                }
                None => {
                    info.insert(key.to_string(), json!(""));
                }
                _ => {}
            }
        }
        if info
            .get("license")
            .is_some_and(|l| !l.get("name").is_some_and(Value::is_string))
        {
            info.remove("license");
        }
        if info.get("contact").is_some_and(|c| !c.is_object()) {
            info.remove("contact");
        }
    }
    if let Some(Value::Array(tags)) = map.get_mut("tags") {
        tags.retain(|t| t.get("name").is_some_and(Value::is_string));
    }
    if let Some(Value::Object(components)) = map.get_mut("components") {
        components.remove("pathItems");
        if let Some(Value::Object(schemes)) = components.get_mut("securitySchemes") {
            schemes.retain(|name, scheme| {
                let why = unusable_scheme(scheme);
                if let Some(why) = &why {
                    let at = Pointer::root()
                        .push("components")
                        .push("securitySchemes")
                        .push(name);
                    notes.push(Diagnostic::at(
                        file,
                        at.as_str(),
                        format!("security scheme ignored: {why}"),
                    ));
                }
                why.is_none()
            });
        }
    }
}

/// Why a security scheme cannot be read as an OpenAPI 3.0 one, if it cannot.
fn unusable_scheme(scheme: &Value) -> Option<String> {
    if scheme.get("$ref").is_some() {
        return None;
    }
    let has = |k: &str| scheme.get(k).is_some_and(Value::is_string);
    match scheme.get("type").and_then(Value::as_str) {
        Some("apiKey")
            if has("name")
                && matches!(
                    scheme.get("in").and_then(Value::as_str),
                    Some("query" | "header" | "cookie")
                ) =>
        {
            None
        }
        Some("apiKey") => {
            Some("an apiKey scheme needs `name` and `in` (query, header or cookie)".into())
        }
        Some("http") if has("scheme") => None,
        Some("http") => Some("an http scheme needs `scheme`".into()),
        Some("oauth2") if scheme.get("flows").is_some_and(Value::is_object) => None,
        Some("oauth2") => Some("an oauth2 scheme needs `flows`".into()),
        Some("openIdConnect") if has("openIdConnectUrl") => None,
        Some("openIdConnect") => Some("an openIdConnect scheme needs `openIdConnectUrl`".into()),
        Some(other) => Some(format!("type `{other}` cannot carry an API key")),
        None => Some("it has no `type`".into()),
    }
}

/// Members that are implied when absent: an operation's `responses`, a response's
/// `description`, a parameter's `schema`, a path parameter's `required`.
pub struct Implied;

impl Visit for Implied {
    fn enter(&mut self, kind: Kind, node: &mut Value, _ptr: &Pointer) {
        let Value::Object(map) = node else { return };
        if map.contains_key("$ref") {
            return;
        }
        match kind {
            Kind::Operation => {
                if !map.contains_key("responses") {
                    map.insert("responses".to_string(), json!({}));
                }
                if let Some(Value::Object(responses)) = map.get_mut("responses") {
                    let renamed: Vec<(String, String)> = responses
                        .keys()
                        .filter(|k| k.len() == 3 && k.ends_with("xx"))
                        .map(|k| (k.clone(), k.to_ascii_uppercase()))
                        .collect();
                    for (from, to) in renamed {
                        if let Some(v) = responses.shift_remove(&from) {
                            responses.insert(to, v);
                        }
                    }
                }
            }
            Kind::Response if !map.get("description").is_some_and(Value::is_string) => {
                map.insert("description".to_string(), json!(""));
            }
            Kind::Parameter | Kind::Header => {
                if !map.contains_key("schema") && !map.contains_key("content") {
                    map.insert("schema".to_string(), json!({ "type": "string" }));
                }
                if map.contains_key("schema") && map.contains_key("content") {
                    map.remove("content");
                }
                if map.get("in").and_then(Value::as_str) == Some("path") {
                    map.insert("required".to_string(), Value::Bool(true));
                }
            }
            Kind::MediaType => {
                if let Some(Value::Object(encoding)) = map.get_mut("encoding") {
                    encoding.retain(|_, e| e.is_object());
                }
            }
            _ => {}
        }
    }
}
