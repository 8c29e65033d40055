//! Helpers for decoding JSON whose shape decides its type (oneOf / anyOf unions).

/// Whether `value` is an object holding every one of `keys`.
pub fn has_keys(value: &serde_json::Value, keys: &[&str]) -> bool {
    match value {
        serde_json::Value::Object(map) => keys.iter().all(|k| map.contains_key(*k)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_required_keys() {
        let v = serde_json::json!({"id": null, "name": "Acme"});
        assert!(has_keys(&v, &["id", "name"]));
        assert!(!has_keys(&v, &["id", "email"]));
        assert!(!has_keys(&serde_json::json!("text"), &[]));
    }
}
