//! One command as an SDK call: the flags and `--body` become a request that the SDK's client
//! sends (with its retries, timeouts, idempotency keys and redaction).

use clap::ArgMatches;
use serde_json::{Map, Value};

use super::failure::Failure;
use super::table::{Flag, Kind, Location, Method};

/// A flag's value as JSON, typed as the spec says.
fn value_of(matches: &ArgMatches, f: &Flag) -> Result<Option<Value>, Failure> {
    Ok(match f.kind {
        Kind::Integer => matches
            .try_get_one::<i64>(f.name)
            .ok()
            .flatten()
            .map(|v| Value::from(*v)),
        Kind::Number => matches
            .try_get_one::<f64>(f.name)
            .ok()
            .flatten()
            .map(|v| Value::from(*v)),
        Kind::Boolean => matches
            .try_get_one::<bool>(f.name)
            .ok()
            .flatten()
            .map(|v| Value::Bool(*v)),
        Kind::String | Kind::Enum(_) | Kind::File => matches
            .get_one::<String>(f.name)
            .map(|v| Value::String(v.clone())),
        Kind::Json => match matches.try_get_one::<String>(f.name).ok().flatten() {
            Some(text) => Some(
                serde_json::from_str(text)
                    .map_err(|e| Failure::Usage(format!("--{} is not valid JSON: {e}", f.name)))?,
            ),
            None => None,
        },
    })
}

/// `--body`: JSON text, `@file`, or `-` (stdin), which must be an object.
fn body_object(matches: &ArgMatches) -> Result<Map<String, Value>, Failure> {
    // Bodyless methods have no `--body`: `try_get_one` says so instead of panicking.
    let Some(arg) = matches.try_get_one::<String>("body").ok().flatten() else {
        return Ok(Map::new());
    };
    let text = if arg == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Failure::Usage(format!("cannot read --body from stdin: {e}")))?;
        s
    } else if let Some(path) = arg.strip_prefix('@') {
        std::fs::read_to_string(path)
            .map_err(|e| Failure::Usage(format!("cannot read --body file {path}: {e}")))?
    } else {
        arg.clone()
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Failure::Usage("--body must be a JSON object".to_string())),
        Err(e) => Err(Failure::Usage(format!("--body is not valid JSON: {e}"))),
    }
}

/// The request a command describes, checked before anything is sent.
pub fn request(
    m: &Method,
    matches: &ArgMatches,
    options: crate::sdk::RequestOptions,
) -> Result<crate::sdk::Request, Failure> {
    let mut path_values = Vec::new();
    let mut body = body_object(matches)?;
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut idempotent = false;
    let mut missing = Vec::new();
    for f in m.flags {
        let value = value_of(matches, f)?;
        if f.idempotency_key {
            idempotent = true;
        }
        match (f.location, value) {
            (Location::Path, Some(v)) => path_values.push((f.wire, text(&v))),
            (Location::Query, Some(v)) => query.push((f.wire, v)),
            (Location::Header, Some(v)) => headers.push((f.wire, text(&v))),
            (Location::Header, None) if f.idempotency_key => {
                headers.push((f.wire, crate::sdk::request::new_idempotency_key()))
            }
            // A dotted flag (`--config.balance-check`) sets a field of a body field.
            (Location::Body, Some(v)) => match f.parent {
                Some(parent) => {
                    let slot = body
                        .entry(parent.to_string())
                        .or_insert_with(|| Value::Object(Map::new()));
                    match slot {
                        Value::Object(inner) => {
                            inner.insert(f.wire.to_string(), v);
                        }
                        _ => {
                            return Err(Failure::Usage(format!(
                                "--{} sets a field of `{parent}`, which --body gives as a non-object",
                                f.name
                            )));
                        }
                    }
                }
                None => {
                    body.insert(f.wire.to_string(), v);
                }
            },
            (Location::Body, None) if f.required => missing.push(f),
            _ => {}
        }
    }
    // Checked once every flag is in: a dotted flag may have given a required field.
    if let Some(f) = missing.iter().find(|f| !body.contains_key(f.wire)) {
        return Err(Failure::Usage(format!(
            "the body needs `{}`: pass --{} or put it in --body",
            f.wire, f.name
        )));
    }
    let path = crate::sdk::encode::expand_path(m.operation, m.path, &path_values)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let method = reqwest::Method::from_bytes(m.http.as_bytes())
        .map_err(|e| Failure::Other(format!("bad method {}: {e}", m.http)))?;
    let mut request = crate::sdk::Request::new(m.operation, method, path);
    for (name, value) in &query {
        request.query(name, value);
    }
    for (name, value) in &headers {
        request.header(name, value);
    }
    if idempotent {
        request.mark_idempotent();
    }
    for name in m.null_defaults {
        body.entry(name.to_string()).or_insert(Value::Null);
    }
    match m.body {
        Some(ct) if ct.starts_with("multipart/") => request.multipart(form(m, body)?),
        Some(_) => request
            .json(&Value::Object(body))
            .map_err(|e| Failure::Usage(e.to_string()))?,
        None => {}
    }
    request
        .options(options)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(request)
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A multipart body: file flags as files read from their paths, the rest as text parts.
fn form(m: &Method, body: Map<String, Value>) -> Result<crate::sdk::multipart::Multipart, Failure> {
    let mut form = crate::sdk::multipart::Multipart::new();
    for (name, value) in body {
        let is_file = m
            .flags
            .iter()
            .any(|f| f.wire == name && f.kind == Kind::File);
        if is_file {
            let path = text(&value);
            let file = crate::sdk::FilePart::from_path(&path)
                .map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
            form.file(&name, file);
        } else if !value.is_null() {
            form.text(&name, text(&value));
        }
    }
    Ok(form)
}
