//! What the generated `Deserialize` impls of structs share: a key read without a copy where the
//! input allows, one call per field for reading it once, and serde's message for a missing
//! field. Generated code calls these instead of serde's derive, which compiles a field enum,
//! its visitor and a sequence visitor for every struct.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// An object key, borrowed from the input when it has no escapes.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key, owned.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// Reads the value of field `name` into `slot`; a second value for it is an error, as serde's
/// derive has it (`duplicate field `id``).
pub fn put<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not keep.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

/// Reads the value of a key the spec does not name into the struct's map of them.
pub fn keep<'de, A, T>(
    map: &mut A,
    kept: &mut impl Extend<(String, T)>,
    key: Key<'de>,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    let value = map.next_value()?;
    kept.extend([(key.into_string(), value)]);
    Ok(())
}

/// serde's `missing field` error for the first of `names` not `present`.
pub fn missing<E: Error>(present: &[bool], names: &[&'static str]) -> E {
    let name = present
        .iter()
        .zip(names)
        .find(|(present, _)| !**present)
        .map_or("", |(_, name)| *name);
    E::missing_field(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Pair {
        id: String,
        note: Option<String>,
    }

    impl<'de> Deserialize<'de> for Pair {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Pair;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Pair")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pair, A::Error> {
                    let mut id: Option<String> = None;
                    let mut note: Option<Option<String>> = None;
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "id" => put(&mut map, &mut id, "id"),
                            "note" => put(&mut map, &mut note, "note"),
                            _ => skip(&mut map),
                        }?;
                    }
                    let present = [id.is_some()];
                    let (Some(id),) = (id,) else {
                        return Err(missing(&present, &["id"]));
                    };
                    Ok(Pair {
                        id,
                        note: note.flatten(),
                    })
                }
            }
            deserializer.deserialize_map(V)
        }
    }

    #[test]
    fn fields_are_read_by_name_with_serdes_messages() {
        let pair: Pair = serde_json::from_str(r#"{"x":[1],"note":null,"id":"a\"b"}"#).unwrap();
        assert_eq!(
            pair,
            Pair {
                id: "a\"b".into(),
                note: None
            }
        );
        let from_value: Pair = serde_json::from_value(serde_json::json!({"id": "v"})).unwrap();
        assert_eq!(from_value.id, "v");
        let err = |text: &str| serde_json::from_str::<Pair>(text).unwrap_err().to_string();
        assert_eq!(
            err(r#"{"note":"n"}"#),
            "missing field `id` at line 1 column 12"
        );
        assert_eq!(
            err(r#"{"id":"a","id":"b"}"#),
            "duplicate field `id` at line 1 column 14"
        );
        assert_eq!(
            err(r#"["a"]"#),
            "invalid type: sequence, expected struct Pair at line 1 column 0"
        );
        // Escaped keys are matched too.
        let escaped: Pair = serde_json::from_str(r#"{"\u0069d":"e"}"#).unwrap();
        assert_eq!(escaped.id, "e");
    }
}
