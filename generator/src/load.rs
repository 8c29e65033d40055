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

/// Loads an OpenAPI 3.0 document from YAML or JSON.
pub fn load_spec(path: &Path) -> Result<openapiv3::OpenAPI, Diagnostic> {
    let text = read_file(path)?;
    let spec: openapiv3::OpenAPI = parse_document(path, &text)?;
    if !spec.openapi.starts_with("3.0") {
        return Err(Diagnostic::at(
            path,
            "#/openapi",
            format!("unsupported OpenAPI version `{}`", spec.openapi),
        )
        .with_hint("the generator reads OpenAPI 3.0.x documents"));
    }
    Ok(spec)
}

/// Loads a YAML or JSON config file into `T`.
pub fn load_config<T: DeserializeOwned>(path: &Path) -> Result<T, Diagnostic> {
    let text = read_file(path)?;
    parse_document(path, &text)
}
