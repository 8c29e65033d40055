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
pub(crate) fn pointer_of(path: &serde_path_to_error::Path) -> Pointer {
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
/// YAML is deserialized straight into JSON through [`Json`], not through `serde_yaml::Value`,
/// which refuses integers beyond 64 bits (valid YAML, found in real specs): here they become
/// floats. Non-string mapping keys (`200:`) become strings and merge keys (`<<`) are applied.
pub fn load_spec_value(path: &Path) -> Result<serde_json::Value, Diagnostic> {
    let text = read_file(path)?;
    if is_json(path, &text) {
        return parse_document(path, &text);
    }
    let halves = crate::load_yaml::parse_halves(
        &text,
        |half| serde_yaml::from_str::<Json>(half).map(|Json(v)| v),
        crate::load_yaml::merge,
    );
    if let Some(mut value) = halves {
        apply_merge_keys(&mut value, 0);
        return Ok(value);
    }
    let Json(mut value) = serde_yaml::from_str(&text).map_err(|e| {
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
    apply_merge_keys(&mut value, 0);
    Ok(value)
}

/// A JSON value deserialized from any self-describing format, taking 128-bit integers.
struct Json(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor).map(Json)
    }
}

struct JsonVisitor;

fn float(f: f64) -> serde_json::Value {
    serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), Into::into))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), Into::into))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Json(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some((Json(k), Json(v))) = map.next_entry()? {
            let key = match k {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => "null".to_string(),
                other => other.to_string(),
            };
            out.insert(key, v);
        }
        Ok(serde_json::Value::Object(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        // A tagged value (`!!str 123`, `!custom {...}`): the tag is dropped.
        use serde::de::VariantAccess;
        let (_tag, variant): (Json, _) = data.variant()?;
        variant.newtype_variant::<Json>().map(|Json(v)| v)
    }
}

/// Applies YAML merge keys (`<<: *base` or `<<: [*a, *b]`): the merged mappings' entries
/// that the mapping does not set itself.
fn apply_merge_keys(value: &mut serde_json::Value, depth: usize) {
    if depth > 512 {
        return;
    }
    match value {
        serde_json::Value::Object(map) => {
            if let Some(merged) = map.shift_remove("<<") {
                let sources = match merged {
                    serde_json::Value::Array(items) => items,
                    other => vec![other],
                };
                for source in sources {
                    if let serde_json::Value::Object(src) = source {
                        for (k, v) in src {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            for v in map.values_mut() {
                apply_merge_keys(v, depth + 1);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                apply_merge_keys(v, depth + 1);
            }
        }
        _ => {}
    }
}

/// Loads a YAML or JSON config file into `T`.
pub fn load_config<T: DeserializeOwned>(path: &Path) -> Result<T, Diagnostic> {
    let text = read_file(path)?;
    parse_document(path, &text)
}

/// The example programs (`*.rs`) of `dir`, by file name, each marked as copied.
pub fn example_programs(
    dir: &Path,
    shown_dir: &str,
    config_file: &Path,
) -> Result<Vec<(String, String)>, Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::at(
            config_file,
            "#/examples_dir",
            format!("cannot read the examples directory {}: {e}", dir.display()),
        )
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(unreadable)?;
        let header = format!(
            "// @generated: copied by the SDK generator from `{shown_dir}/{name}` next to its config. Do not edit here.\n"
        );
        out.push((name.to_string(), header + &text));
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_read_in_halves_is_the_spec_read_whole() {
        for spec in [
            "spec/openapi.yaml",
            "tests/specs/corpus/twilio_messaging_v1.yaml",
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(spec);
            let text = read_file(&path).unwrap();
            let half = |t: &str| serde_yaml::from_str::<Json>(t).map(|Json(v)| v);
            let halves = crate::load_yaml::parse_halves(&text, half, crate::load_yaml::merge);
            let Json(whole) = serde_yaml::from_str(&text).unwrap();
            assert_eq!(halves.as_ref(), Some(&whole), "{spec}");
            // Keys keep the document's order.
            let keys =
                |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(halves.as_ref().unwrap()), keys(&whole), "{spec}");
        }
    }
}
