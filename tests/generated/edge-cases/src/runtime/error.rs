//! Errors: what went wrong, for which operation, and what the server said.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The result of every SDK call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-success status.
    #[error(transparent)]
    Api(#[from] Box<ApiError>),
    /// The request did not complete in time (after all retries).
    #[error("{operation}: request timed out")]
    Timeout {
        /// The operation that was called.
        operation: &'static str,
    },
    /// The server could not be reached or the connection broke (after all retries).
    #[error("{operation}: connection failed: {source}")]
    Connection {
        /// The operation that was called.
        operation: &'static str,
        /// The underlying transport error.
        #[source]
        source: reqwest::Error,
    },
    /// The response body did not have the shape the spec promises.
    #[error("{operation}: unexpected response body (HTTP {status}) at `{path}`: {message}")]
    Decode {
        /// The operation that was called.
        operation: &'static str,
        /// The HTTP status of the response.
        status: u16,
        /// Where in the body decoding failed, e.g. `data.created_at`.
        path: String,
        /// What was wrong there.
        message: String,
        /// The body as received, to see what the server actually sent.
        body: Bytes,
    },
    /// The request was refused before anything was sent, e.g. an empty path parameter.
    #[error("{operation}: invalid request: {message}")]
    InvalidRequest {
        /// The operation that was called.
        operation: &'static str,
        /// What is wrong with the request.
        message: String,
    },
    /// The client is misconfigured, e.g. no API key was given.
    #[error("invalid client configuration: {0}")]
    Config(String),
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

/// A non-success response: the status, headers and body the server sent.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The operation that was called.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw response body.
    pub body: Bytes,
    /// The server's request id, from the SDK's request-id headers.
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

    /// The server's request id header, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        match self.message() {
            Some(m) => write!(f, ": {m}")?,
            None if !self.body.is_empty() => {
                let text = String::from_utf8_lossy(&self.body);
                let short: String = text.chars().take(200).collect();
                write!(f, ": {short}")?;
            }
            None => {}
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
