//! Errors: what went wrong, for which operation, and what the server said.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The result of every SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a call.
///
/// Neither `Display` nor `Debug` shows a response body, a header value, the API key or the
/// values serde quotes when decoding fails: they may hold secrets or personal data. The
/// bodies are there to read on purpose (`ApiError::body`, `Error::Decode { body, .. }`).
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-success status.
    Api(Box<ApiError>),
    /// The request did not complete in time (after all retries).
    Timeout {
        /// The operation that was called.
        operation: &'static str,
    },
    /// The server could not be reached or the connection broke (after all retries).
    Connection {
        /// The operation that was called.
        operation: &'static str,
        /// What failed, with every cause (e.g. `error sending request: client error
        /// (Connect): tcp connect error: Connection refused (os error 111)`); never the URL.
        cause: String,
        /// The underlying transport error (without the URL, which may carry a query-string key).
        source: reqwest::Error,
    },
    /// The response body is larger than the client's limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)); it
    /// was not read further.
    ResponseTooLarge {
        /// The operation that was called.
        operation: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The response body did not have the shape the spec promises.
    Decode {
        /// The operation that was called.
        operation: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// Where in the body decoding failed, e.g. `data.created_at`.
        path: String,
        /// What was wrong there (without the value that was wrong, which may be personal).
        message: String,
        /// The first 64 KiB of the body as received, to see what the server actually sent.
        body: Bytes,
    },
    /// The request was refused before anything was sent, e.g. an empty path parameter.
    InvalidRequest {
        /// The operation that was called.
        operation: &'static str,
        /// What is wrong with the request.
        message: String,
    },
    /// The client is misconfigured, e.g. no API key was given.
    Config(String),
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::Timeout { operation } => f
                .debug_struct("Timeout")
                .field("operation", operation)
                .finish(),
            Error::Connection {
                operation, cause, ..
            } => f
                .debug_struct("Connection")
                .field("operation", operation)
                .field("cause", cause)
                .finish(),
            Error::ResponseTooLarge { operation, limit } => f
                .debug_struct("ResponseTooLarge")
                .field("operation", operation)
                .field("limit", limit)
                .finish(),
            Error::Decode {
                operation,
                status,
                path,
                message,
                body,
            } => f
                .debug_struct("Decode")
                .field("operation", operation)
                .field("status", status)
                .field("path", path)
                .field("message", message)
                .field("body", &BodySize(body.len()))
                .finish(),
            Error::InvalidRequest { operation, message } => f
                .debug_struct("InvalidRequest")
                .field("operation", operation)
                .field("message", message)
                .finish(),
            Error::Config(m) => f.debug_tuple("Config").field(m).finish(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Api(e) => std::fmt::Display::fmt(e, f),
            Error::Timeout { operation } => write!(f, "{operation}: request timed out"),
            Error::Connection {
                operation, cause, ..
            } => write!(f, "{operation}: connection failed: {cause}"),
            Error::ResponseTooLarge { operation, limit } => write!(
                f,
                "{operation}: the response body is larger than the limit of {limit} bytes"
            ),
            Error::Decode {
                operation,
                status,
                path,
                message,
                ..
            } => write!(
                f,
                "{operation}: unexpected response body (HTTP {status}) at `{path}`: {message}"
            ),
            Error::InvalidRequest { operation, message } => {
                write!(f, "{operation}: invalid request: {message}")
            }
            Error::Config(m) => write!(f, "invalid client configuration: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            // Transparent: the API error's own source.
            Error::Api(e) => std::error::Error::source(&**e),
            Error::Connection { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<Box<ApiError>> for Error {
    fn from(e: Box<ApiError>) -> Self {
        Error::Api(e)
    }
}

/// A body in `Debug` output: its size only.
struct BodySize(usize);

impl std::fmt::Debug for BodySize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl Error {
    /// The API error, if the server answered with a non-success status.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status the server answered with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => StatusCode::from_u16(*status).ok(),
            _ => None,
        }
    }

    /// The operation that was called, where the error names one.
    pub(crate) fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) => Some(e.operation),
            Error::Timeout { operation }
            | Error::Connection { operation, .. }
            | Error::ResponseTooLarge { operation, .. }
            | Error::Decode { operation, .. }
            | Error::InvalidRequest { operation, .. } => Some(operation),
            Error::Config(_) => None,
        }
    }

    pub(crate) fn invalid(operation: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidRequest {
            operation,
            message: message.into(),
        }
    }
}

/// The class of an API error, by HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400
    BadRequest,
    /// 401
    Authentication,
    /// 403
    PermissionDenied,
    /// 404
    NotFound,
    /// 409
    Conflict,
    /// 422
    UnprocessableEntity,
    /// 429
    RateLimit,
    /// 5xx
    InternalServer,
    /// Any other status.
    Other,
}

/// A non-success response: the status, headers and body the server sent. Its `Debug` shows
/// header names and the body's size, never their contents.
#[derive(Clone)]
pub struct ApiError {
    /// The operation that was called.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body (its first 64 KiB).
    pub body: Bytes,
    /// The server's request id: from the SDK's request-id headers, else from the error body
    /// where the API puts it there.
    pub request_id: Option<String>,
}

impl ApiError {
    /// The class of this error.
    pub fn kind(&self) -> ErrorKind {
        match self.status.as_u16() {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Authentication,
            403 => ErrorKind::PermissionDenied,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            422 => ErrorKind::UnprocessableEntity,
            429 => ErrorKind::RateLimit,
            500..=599 => ErrorKind::InternalServer,
            _ => ErrorKind::Other,
        }
    }

    /// Whether the status is 404.
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }

    /// Whether the status is 401.
    pub fn is_unauthorized(&self) -> bool {
        self.kind() == ErrorKind::Authentication
    }

    /// Whether the status is 422.
    pub fn is_unprocessable(&self) -> bool {
        self.kind() == ErrorKind::UnprocessableEntity
    }

    /// Whether the status is 429.
    pub fn is_rate_limited(&self) -> bool {
        self.kind() == ErrorKind::RateLimit
    }

    /// Whether the status is 5xx.
    pub fn is_server_error(&self) -> bool {
        self.status.is_server_error()
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body decoded into the error type the spec documents for this status.
    pub fn body_as<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.body).ok()
    }

    /// A human-readable message from the body: `error.detail`, `error.message`, `message`,
    /// `detail` or `title`, whichever comes first.
    pub fn message(&self) -> Option<String> {
        let json = self.json()?;
        let candidates = [
            json.pointer("/error/detail"),
            json.pointer("/error/message"),
            json.pointer("/error/title"),
            json.pointer("/message"),
            json.pointer("/detail"),
            json.pointer("/title"),
        ];
        candidates
            .into_iter()
            .flatten()
            .find_map(|v| v.as_str().map(str::to_string))
    }

    /// The server's request id, if it sent one (in a header or the error body).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let header_names: Vec<&str> = self.headers.keys().map(|k| k.as_str()).collect();
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &header_names)
            .field("body", &BodySize(self.body.len()))
            .finish()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        // The API's own message only: a body without one may echo the request (and its
        // personal data), so it is never quoted.
        match self.message() {
            Some(m) => write!(f, ": {m}")?,
            None if !self.body.is_empty() => write!(f, " ({} bytes of body)", self.body.len())?,
            None => {}
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
