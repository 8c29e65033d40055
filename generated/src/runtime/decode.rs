//! Decoding JSON response bodies, plainly (which is fast); when that fails, the error names
//! the field that is wrong, located in the text where serde_json stopped.

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::body::excerpt;
use super::error::{Error, Result};
use super::json_path::path_at;
use super::redact::decode_message;

/// `bytes` decoded as `T`, or an [`Error::Decode`] naming the operation, the status and the
/// path of the field that is wrong (e.g. `data.created_at`).
pub(crate) fn json<T: DeserializeOwned>(
    operation: &'static str,
    status: u16,
    bytes: &Bytes,
) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|err| error(operation, status, bytes, &err))
}

/// The decoding error for a body that did not decode (not generic: one copy for all types).
#[cold]
fn error(operation: &'static str, status: u16, bytes: &Bytes, err: &serde_json::Error) -> Error {
    let message = err.to_string();
    // serde names a missing field in the message; the path is its parent's, then the field.
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next());
    let mut path = path_at(bytes, err.line(), err.column(), missing.is_some());
    if let Some(field) = missing {
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
