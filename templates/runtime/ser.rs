//! What the generated `Serialize` impls of structs share: an object written entry by entry
//! that keeps the first error, so that generated code makes one plain call per field and
//! returns once (no `?` and no branch per field to compile in every impl).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A JSON object being written.
pub struct Object<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Object<M> {
    /// Starts an object.
    pub fn start<S: Serializer<SerializeMap = M, Error = M::Error>>(
        serializer: S,
    ) -> Result<Self, M::Error> {
        Ok(Object {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// Writes field `name`.
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if self.error.is_none() {
            self.error = self.map.serialize_entry(name, value).err();
        }
    }

    /// Writes field `name` if it is set.
    pub fn optional<T: Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(name, value);
        }
    }

    /// Writes the fields a struct keeps beyond those the spec names.
    pub fn extra<'a, K, T>(&mut self, fields: impl IntoIterator<Item = (K, &'a T)>)
    where
        K: AsRef<str>,
        T: Serialize + 'a,
    {
        for (name, value) in fields {
            self.field(name.as_ref(), value);
        }
    }

    /// Ends the object, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.map.end(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Object;
    use std::collections::BTreeMap;

    struct Item {
        id: String,
        note: Option<String>,
        extra: BTreeMap<String, i64>,
    }

    impl serde::Serialize for Item {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut o = Object::start(serializer)?;
            o.field("id", &self.id);
            o.optional("note", &self.note);
            o.extra(&self.extra);
            o.end()
        }
    }

    #[test]
    fn set_fields_are_written_in_order_then_the_extra_ones() {
        let mut item = Item {
            id: "i1".into(),
            note: None,
            extra: BTreeMap::from([("b".to_string(), 2), ("a".to_string(), 1)]),
        };
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"id":"i1","a":1,"b":2}"#
        );
        item.note = Some("n".into());
        assert_eq!(
            serde_json::to_string(&item).unwrap(),
            r#"{"id":"i1","note":"n","a":1,"b":2}"#
        );
    }

    #[test]
    fn the_first_error_is_returned() {
        // A map key that is not a string cannot be written as JSON; `f64::NAN` can (as null),
        // so the failing value here is a map with a non-string key.
        struct Bad;
        impl serde::Serialize for Bad {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut o = Object::start(serializer)?;
                o.field("ok", &1);
                o.field("bad", &BTreeMap::from([(vec![1u8], 1)]));
                o.field("after", &2);
                o.end()
            }
        }
        let err = serde_json::to_string(&Bad).unwrap_err().to_string();
        assert_eq!(err, "key must be a string");
    }
}
