//! Sending a request: attempts until a success status, retrying as configured, then the body
//! read within its size limit.
//!
//! The future of this exchange is boxed once per call (`send::ResponseFuture`), so it is kept
//! under a kilobyte: a box that small comes from the allocator's per-thread cache, where a
//! larger one takes its slow path on every call. So the request is borrowed, not moved in
//! (an `async fn` keeps a moved argument twice), nothing large is held across a wait, and the
//! rare paths (an error body, the wait before a retry) are boxed on their own when they run.

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderMap;

use super::body::{BodyError, MAX_ERROR_BODY, read_limited, read_prefix};
use super::client::Client;
use super::error::{ApiError, Error, Result};
use super::request::Request;
use super::response::{RawResponse, request_id};
use super::retry::should_retry;

/// How one attempt ended.
enum Attempt {
    Done(reqwest::Response),
    /// Worth another attempt, with the response's headers when there was a response.
    Retry(Error, Option<HeaderMap>),
    Fail(Error),
}

impl Client {
    /// How many times `request` may be retried: never when its body is streamed (it is read
    /// as it is sent, so there is nothing to send again).
    pub(super) fn max_retries_for(&self, request: &Request) -> u32 {
        if request.is_streamed() {
            return 0;
        }
        request
            .options
            .max_retries
            .unwrap_or(self.inner.max_retries)
    }

    /// Sends a request, retrying as configured; returns the success body and response.
    pub async fn execute(&self, request: Request) -> Result<(Bytes, RawResponse)> {
        self.read_whole(&request).await
    }

    /// [`execute`](Self::execute) of a borrowed request.
    pub(super) async fn read_whole(&self, request: &Request) -> Result<(Bytes, RawResponse)> {
        let max_retries = self.max_retries_for(request);
        let mut attempt = 0;
        loop {
            let response = self
                .until_success(request, &mut attempt, max_retries)
                .await?;
            // The body is read from the response without its headers: moved, not copied (and
            // the response is moved on whole, never borrowed, so the future holds it once).
            let (status, headers, response) = without_headers(response);
            let limit = self.inner.max_response_bytes;
            let broken = match read_limited(response, limit).await {
                Ok(bytes) => {
                    let raw = RawResponse::new(status, headers, self.inner.request_id_headers);
                    return Ok((bytes, raw));
                }
                Err(BodyError::TooLarge) => {
                    return Err(Error::ResponseTooLarge {
                        operation: request.operation,
                        limit,
                    });
                }
                Err(BodyError::Transport(e)) => e,
            };
            // A body that stalls or is cut short: asked again only when asking twice cannot
            // do twice what was asked once.
            let err = self.transport_error(request.operation, broken);
            if !request.is_retry_safe() || attempt >= max_retries {
                return Err(err);
            }
            let delay = self.inner.backoff.delay(attempt, None);
            tracing::debug!(
                operation = request.operation,
                attempt,
                ?delay,
                "retrying after a broken body"
            );
            wait(delay).await;
            attempt += 1;
        }
    }

    /// Sends `request` until a success status, retrying failures as configured (`attempt`
    /// counts the retries made, up to `max_retries`); the response's body is unread.
    pub(super) async fn until_success(
        &self,
        request: &Request,
        attempt: &mut u32,
        max_retries: u32,
    ) -> Result<reqwest::Response> {
        loop {
            let delay = match self.attempt(request).await {
                Attempt::Done(response) => return Ok(response),
                Attempt::Fail(e) => return Err(e),
                Attempt::Retry(e, headers) => {
                    if *attempt >= max_retries {
                        return Err(e);
                    }
                    self.inner.backoff.delay(*attempt, headers.as_ref())
                }
            };
            tracing::debug!(operation = request.operation, attempt, ?delay, "retrying");
            wait(delay).await;
            *attempt += 1;
        }
    }

    pub(super) fn transport_error(&self, operation: &'static str, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            return Error::Timeout { operation };
        }
        // The URL may carry the API key (in the query) or personal data (in the path).
        let e = e.without_url();
        let mut cause = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            let text = s.to_string();
            if !cause.contains(&text) {
                cause.push_str(": ");
                cause.push_str(&text);
            }
            source = s.source();
        }
        Error::Connection {
            operation,
            cause,
            source: e,
        }
    }

    async fn attempt(&self, request: &Request) -> Attempt {
        let op = request.operation;
        let sent = match super::wire::to_reqwest(&self.inner, request) {
            Ok(sent) => sent,
            Err(e) => return Attempt::Fail(e),
        };
        // Never the path or query: they may carry personal data or a query-string key.
        tracing::debug!(operation = op, method = %request.method, "sending request");
        let response = match self.inner.http.execute(sent).await {
            Ok(r) => r,
            Err(e) => {
                // A request reqwest could not build, or a redirect loop, fails the same way
                // every time: only transport failures are worth another attempt.
                let retryable = !(e.is_builder() || e.is_redirect());
                let err = self.transport_error(op, e);
                return if retryable {
                    Attempt::Retry(err, None)
                } else {
                    Attempt::Fail(err)
                };
            }
        };
        let status = response.status();
        tracing::debug!(
            operation = op,
            status = status.as_u16(),
            "received response"
        );
        if status.is_success() {
            return Attempt::Done(response);
        }
        Box::pin(self.failed(op, response)).await
    }

    /// An attempt answered with an error status: its error, retried or not.
    async fn failed(&self, op: &'static str, response: reqwest::Response) -> Attempt {
        let status = response.status();
        let headers = response.headers().clone();
        let retry = should_retry(status, &headers, self.inner.retry_statuses);
        let body = match read_prefix(response, MAX_ERROR_BODY).await {
            Ok(b) => b,
            // The status already says what happened; a lost error body does not change that.
            Err(_) if !retry => Bytes::new(),
            Err(e) => return Attempt::Retry(self.transport_error(op, e), None),
        };
        let request_id = request_id(&headers, self.inner.request_id_headers)
            .map(str::to_string)
            .or_else(|| body_request_id(&body, self.inner.request_id_pointer));
        let err = Error::Api(Box::new(ApiError {
            operation: op,
            status,
            headers: headers.clone(),
            body,
            request_id,
        }));
        if retry {
            Attempt::Retry(err, Some(headers))
        } else {
            Attempt::Fail(err)
        }
    }
}

/// A response's status and headers, and the response without them.
pub(super) fn without_headers(
    mut response: reqwest::Response,
) -> (reqwest::StatusCode, HeaderMap, reqwest::Response) {
    let headers = std::mem::take(response.headers_mut());
    (response.status(), headers, response)
}

/// The wait before a retry, boxed: it is rare, and a timer would make every exchange larger.
async fn wait(delay: Duration) {
    Box::pin(tokio::time::sleep(delay)).await;
}

/// The request id an error body carries at `pointer` (a JSON pointer).
fn body_request_id(body: &Bytes, pointer: Option<&str>) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value.pointer(pointer?)?.as_str().map(str::to_string)
}
