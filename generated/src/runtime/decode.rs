//! Decoding JSON response bodies: plainly first, which is fast, and only when that fails once
//! more through a path-tracking deserializer, to name the field that is wrong.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::body::excerpt;
use super::error::{Error, Result};
use super::redact::decode_message;

/// `bytes` decoded as `T`, or an [`Error::Decode`] naming the operation, the status and the
/// path of the field that is wrong (e.g. `data.created_at`).
pub(crate) fn json<T: DeserializeOwned>(
    operation: &'static str,
    status: u16,
    bytes: &Bytes,
) -> Result<T> {
    match serde_json::from_slice(bytes) {
        Ok(value) => Ok(value),
        Err(_) => Err(error::<T>(operation, status, bytes)),
    }
}

/// The decoding error for a body that did not decode as `T`.
#[cold]
fn error<T: DeserializeOwned>(operation: &'static str, status: u16, bytes: &Bytes) -> Error {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (mut path, message) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(err) => (err.path().to_string(), err.into_inner().to_string()),
        // Decoding is deterministic: this does not happen, but is no reason to panic.
        Ok(_) => (".".to_string(), "the body did not decode".to_string()),
    };
    // serde names a missing field in the message, at its parent's path.
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        path = if path == "." {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
    }
    Error::Decode {
        operation,
        status,
        path: if path == "." {
            "(root)".to_string()
        } else {
            path
        },
        message: decode_message(&message),
        body: excerpt(bytes),
    }
}
