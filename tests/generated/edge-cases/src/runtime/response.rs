//! The raw response beside a decoded value: status and headers.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The status and headers of a successful response, returned by `send_with_response`.
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
}

impl RawResponse {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap) -> Self {
        RawResponse { status, headers }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header's value, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The server's request id (`request-id` or `x-request-id`), if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }
}

pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    ["request-id", "x-request-id"]
        .into_iter()
        .find_map(|name| headers.get(name).and_then(|v| v.to_str().ok()))
}
