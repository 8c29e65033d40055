//! The fields of a response object that this version of the SDK does not know.
//!
//! An API adds fields before its SDK is regenerated. Every response struct keeps them in its
//! `extra_fields`, readable as JSON and written back when the struct is serialized, so that
//! storing, forwarding or re-sending a value loses nothing.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

/// Fields a response carried that the spec did not name, by their JSON names.
///
/// `Debug` shows their names only: a field the SDK does not know may hold personal data.
#[derive(Clone, Default, PartialEq)]
pub struct ExtraFields(BTreeMap<String, Value>);

/// Written as the JSON object of its fields.
impl serde::Serialize for ExtraFields {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Read from a JSON object.
impl<'de> serde::Deserialize<'de> for ExtraFields {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(Self)
    }
}

impl ExtraFields {
    /// The field named `name`, as JSON.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }

    /// The field named `name`, decoded as `T` (`None` when absent or of another shape).
    pub fn get_as<T: serde::de::DeserializeOwned>(&self, name: &str) -> Option<T> {
        self.0.get(name).and_then(|v| T::deserialize(v).ok())
    }

    /// Sets a field, sent when the value is serialized (e.g. in a request body).
    pub fn insert(&mut self, name: impl Into<String>, value: Value) -> Option<Value> {
        self.0.insert(name.into(), value)
    }

    /// Removes a field.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        self.0.remove(name)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Each field's name and value, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The fields as a map.
    pub fn into_map(self) -> BTreeMap<String, Value> {
        self.0
    }
}

impl From<BTreeMap<String, Value>> for ExtraFields {
    fn from(map: BTreeMap<String, Value>) -> Self {
        Self(map)
    }
}

impl Extend<(String, Value)> for ExtraFields {
    fn extend<I: IntoIterator<Item = (String, Value)>>(&mut self, fields: I) {
        self.0.extend(fields);
    }
}

impl fmt::Debug for ExtraFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::ExtraFields;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Customer {
        id: String,
        #[serde(flatten)]
        extra_fields: ExtraFields,
    }

    #[test]
    fn unknown_fields_are_kept_readable_and_written_back() {
        let wire = json!({ "id": "c1", "risk_score": 0.5, "ssn_full": "123-45-6789" });
        let c: Customer = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(c.id, "c1");
        assert_eq!(c.extra_fields.get_as::<f64>("risk_score"), Some(0.5));
        assert_eq!(c.extra_fields.len(), 2);
        assert_eq!(serde_json::to_value(&c).unwrap(), wire);
    }

    #[test]
    fn debug_shows_names_not_values() {
        let c: Customer =
            serde_json::from_value(json!({ "id": "c1", "ssn_full": "123-45-6789" })).unwrap();
        let shown = format!("{c:?}");
        assert!(shown.contains("ssn_full"), "{shown}");
        assert!(!shown.contains("123-45"), "{shown}");
    }
}
