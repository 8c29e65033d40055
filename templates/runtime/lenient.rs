//! Optional date and time fields of responses that degrade instead of failing their parent.
//!
//! A server may send a value its spec types as `date` or `date-time` in another form (masked,
//! `****-**-**`; or a new format). Failing the whole response for it would throw away every
//! other field, and turn a union's variant into `Unknown`. An optional such field of a
//! response reads a value it cannot parse as `None` instead (logged at `debug` without the
//! value); the raw response still has it.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// An optional date or time read with [`parsed_or_none`], for generated `Deserialize` impls.
pub struct Lenient<T>(pub Option<T>);

impl<'de, T: FromStr> serde::Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parsed_or_none(deserializer).map(Lenient)
    }
}

/// `deserialize_with` for `Option<T>` fields parsed from strings: a value that does not parse
/// (or is not a string) is `None`.
pub fn parsed_or_none<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
{
    deserializer.deserialize_option(OrNone(PhantomData))
}

struct OrNone<T>(PhantomData<T>);

impl<T: FromStr> OrNone<T> {
    fn parse(s: &str) -> Option<T> {
        let parsed = s.parse().ok();
        if parsed.is_none() {
            tracing::debug!(
                len = s.len(),
                "a date or time field of the response does not parse; read as none"
            );
        }
        parsed
    }
}

impl<'de, T: FromStr> Visitor<'de> for OrNone<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date or time as a string, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Self::parse(s))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Profile {
        #[serde(default, deserialize_with = "super::parsed_or_none")]
        dob: Option<NaiveDate>,
        #[serde(default, deserialize_with = "super::parsed_or_none")]
        at: Option<DateTime<Utc>>,
        ssn: String,
    }

    fn read(json: &str) -> Profile {
        serde_json::from_str(json).expect("a profile")
    }

    #[test]
    fn valid_values_parse() {
        let p = read(r#"{"dob":"1975-03-01","at":"2024-01-02T03:04:05Z","ssn":"x"}"#);
        assert_eq!(p.dob, NaiveDate::from_ymd_opt(1975, 3, 1));
        assert_eq!(
            p.at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-01-02T03:04:05+00:00")
        );
    }

    #[test]
    fn masked_wrong_typed_null_and_absent_values_are_none_and_the_rest_decodes() {
        for json in [
            r#"{"dob":"****-**-**","at":"soon","ssn":"***-**-1234"}"#,
            r#"{"dob":19750301,"at":{"t":[1]},"ssn":"***-**-1234"}"#,
            r#"{"dob":null,"at":[true],"ssn":"***-**-1234"}"#,
            r#"{"ssn":"***-**-1234"}"#,
        ] {
            let p = read(json);
            assert_eq!(
                (p.dob, p.at, p.ssn.as_str()),
                (None, None, "***-**-1234"),
                "{json}"
            );
        }
    }
}
