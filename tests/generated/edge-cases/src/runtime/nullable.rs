//! A value that may be explicitly `null`, for request fields where "omit" and "send null"
//! mean different things.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An explicit `null` or a value. Request fields that the spec marks nullable and optional are
/// `Option<Nullable<T>>`: `None` omits the field, `Some(Nullable::Null)` sends `null`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// Send `null`.
    Null,
    /// Send this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, unless it is `Null`.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(v) => Some(v),
        }
    }

    /// Converts into an `Option`, losing the difference between omitted and null.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Null => None,
            Nullable::Value(v) => Some(v),
        }
    }

    /// Whether this is `Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        }
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_string())
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

/// `deserialize_with` helper that keeps a present `null` as `Some(Nullable::Null)` (serde's
/// own `Option` would turn it into `None`).
pub fn deserialize_some<'de, T, D>(deserializer: D) -> Result<Option<Nullable<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Nullable::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "deserialize_some"
        )]
        name: Option<Nullable<String>>,
    }

    #[test]
    fn omitted_null_and_value_round_trip() {
        for (json, value) in [
            ("{}", None),
            (r#"{"name":null}"#, Some(Nullable::Null)),
            (r#"{"name":"x"}"#, Some(Nullable::Value("x".to_string()))),
        ] {
            let body: Body = serde_json::from_str(json).unwrap();
            assert_eq!(body, Body { name: value });
            assert_eq!(serde_json::to_string(&body).unwrap(), json);
        }
    }
}
