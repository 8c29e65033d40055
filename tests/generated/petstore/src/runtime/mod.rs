//! The hand-written runtime every generated SDK is built on: the HTTP client, request
//! encoding, retries, errors, pagination and multipart uploads.
//!
//! This module is copied verbatim from the generator's `templates/runtime/` directory.

#[cfg(feature = "blocking")]
pub mod blocking;
mod body;
pub mod client;
pub mod de;
mod decode;
pub mod encode;
pub mod error;
mod exchange;
mod extras;
pub mod json;
mod json_path;
pub mod lenient;
pub mod multipart;
pub mod nullable;
pub mod pagination;
mod raw;
pub mod redact;
pub mod request;
pub mod response;
mod retry;
pub mod send;
pub mod ser;
mod streaming;
mod unknown_fields;
mod wire;

pub use body::DEFAULT_MAX_RESPONSE_BYTES;
pub use client::{ApiKey, AuthScheme, Client, ClientBuilder, ClientDefaults};
pub use error::{ApiError, Error, ErrorKind, Result};
pub use multipart::FilePart;
pub use nullable::Nullable;
pub use raw::{ClientOptions, RawRequest};
pub use redact::{Redacted, RedactedJson};
pub use request::{ArrayStyle, Request, RequestOptions};
pub use response::RawResponse;
pub use send::ResponseFuture;
pub use streaming::ByteStream;
pub use unknown_fields::ExtraFields;
