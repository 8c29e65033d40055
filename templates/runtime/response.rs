//! The raw response beside a decoded value: status and headers.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The status and headers of a successful response, returned by `send_with_response`.
#[derive(Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    /// The headers that may carry the request id, looked up when it is asked for.
    request_id_headers: &'static [&'static str],
}

impl std::fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("request_id", &self.request_id())
            .finish()
    }
}

impl RawResponse {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        request_id_headers: &'static [&'static str],
    ) -> Self {
        RawResponse {
            status,
            headers,
            request_id_headers,
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
        request_id(&self.headers, self.request_id_headers)
    }
}

/// The value of the first of `names` that `headers` holds.
pub(crate) fn request_id<'a>(headers: &'a HeaderMap, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
}
