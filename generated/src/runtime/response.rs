//! The raw response beside a decoded value: status and headers.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The status and headers of a successful response, returned by `send_with_response`.
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
}

impl RawResponse {
    pub(crate) fn new(status: StatusCode, headers: HeaderMap, request_id_headers: &[&str]) -> Self {
        let request_id = request_id(&headers, request_id_headers);
        RawResponse {
            status,
            headers,
            request_id,
        }
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

    /// The server's request id (from the first of the SDK's request-id headers it sent).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

/// The value of the first of `names` that `headers` holds.
pub(crate) fn request_id(headers: &HeaderMap, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
        .map(str::to_string)
}
