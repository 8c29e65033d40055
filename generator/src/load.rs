//! Reading the spec (YAML or JSON) and the config, with errors that point into the file.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location, Pointer};

/// Reads a file, naming it in the error when it cannot be read.
pub fn read_file(path: &Path) -> Result<String, Diagnostic> {
    std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::new(path, Location::File, format!("cannot read file: {e}")))
}

/// Whether a document should be read as JSON: by extension, else by its first character.
fn is_json(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => true,
        Some("yaml") | Some("yml") => false,
        _ => text.trim_start().starts_with('{'),
    }
}

/// Converts a serde path (as tracked by `serde_path_to_error`) to a JSON pointer.
fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    let mut p = Pointer::root();
    for seg in path.iter() {
        p = match seg {
            Segment::Seq { index } => p.push(index),
            Segment::Map { key } => p.push(key),
            Segment::Enum { variant } => p.push(variant),
            Segment::Unknown => p.push("?"),
        };
    }
    p
}

/// Parses a YAML or JSON document into `T`, reporting syntax errors with line and column and
/// shape errors with the JSON pointer of the offending node.
pub fn parse_document<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, Diagnostic> {
    if is_json(path, text) {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|err| {
            let inner = err.inner();
            if inner.is_syntax() || inner.is_eof() {
                Diagnostic::new(
                    path,
                    Location::LineCol(inner.line(), inner.column()),
                    format!("invalid JSON: {inner}"),
                )
            } else {
                let ptr = pointer_of(err.path());
                Diagnostic::at(
                    path,
                    ptr.as_str(),
                    format!("not a valid document here: {inner}"),
                )
            }
        })
    } else {
        // Syntax first, so that a syntax error anywhere is reported with its line and column.
        if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            let (line, column) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            return Err(Diagnostic::new(
                path,
                Location::LineCol(line, column),
                format!("invalid YAML: {e}"),
            ));
        }
        let de = serde_yaml::Deserializer::from_str(text);
        serde_path_to_error::deserialize::<_, T>(de).map_err(|err| {
            let ptr = pointer_of(err.path());
            let inner = err.inner();
            let message = inner.to_string();
            if ptr.as_str() == "#" {
                if let Some(loc) = inner.location() {
                    return Diagnostic::new(
                        path,
                        Location::LineCol(loc.line(), loc.column()),
                        format!("invalid YAML: {message}"),
                    );
                }
            }
            let hint = if message.contains("untagged enum ReferenceOr") {
                Some("expected either a `$ref` or an inline object of the right shape".to_string())
            } else {
                None
            };
            let d = match inner.location() {
                Some(loc) => Diagnostic::at(
                    path,
                    ptr.as_str(),
                    format!(
                        "not a valid document here (line {}, column {}): {message}",
                        loc.line(),
                        loc.column()
                    ),
                ),
                None => Diagnostic::at(
                    path,
                    ptr.as_str(),
                    format!("not a valid document here: {message}"),
                ),
            };
            match hint {
                Some(h) => d.with_hint(h),
                None => d,
            }
        })
    }
}

/// Reads an OpenAPI document (YAML or JSON) as a JSON value, for normalization.
///
/// YAML goes through `serde_yaml::Value` and is converted here rather than deserialized into
/// `serde_json::Value` directly, so that integers beyond 64 bits (valid YAML, found in real
/// specs) become floats instead of errors, non-string mapping keys (`200:`) become strings and
/// merge keys (`<<`) are applied.
pub fn load_spec_value(path: &Path) -> Result<serde_json::Value, Diagnostic> {
    let text = read_file(path)?;
    if is_json(path, &text) {
        return parse_document(path, &text);
    }
    let mut value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        Diagnostic::new(
            path,
            Location::LineCol(line, column),
            format!("invalid YAML: {e}"),
        )
    })?;
    value.apply_merge().map_err(|e| {
        Diagnostic::new(path, Location::File, format!("invalid YAML merge key: {e}"))
    })?;
    Ok(yaml_to_json(value))
}

/// Converts a YAML value to JSON: big integers become floats, keys become strings, tags are
/// dropped.
fn yaml_to_json(value: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    match value {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(J::Null, J::Number)
            }
        }
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => J::Object(
            map.into_iter()
                .map(|(k, v)| (yaml_key(k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn yaml_key(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Null => "null".to_string(),
        other => match yaml_to_json(other) {
            serde_json::Value::String(s) => s,
            v => v.to_string(),
        },
    }
}

/// Loads a YAML or JSON config file into `T`.
pub fn load_config<T: DeserializeOwned>(path: &Path) -> Result<T, Diagnostic> {
    let text = read_file(path)?;
    parse_document(path, &text)
}
