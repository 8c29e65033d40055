//! Response bodies read as they arrive, for bodies too large to hold (the official SDKs'
//! `with_streaming_response`).

use std::pin::Pin;

use bytes::Bytes;
use futures_core::Stream;

use super::client::{Attempt, Client};
use super::error::Result;
use super::request::Request;
use super::response::RawResponse;

/// A response body as a stream of chunks, in the order they arrive.
///
/// It is `Unpin`: `futures::StreamExt::next` works on it directly.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes>> + Send + 'static>>;

impl Client {
    /// Sends a request, retrying as configured until a success status; returns the response
    /// with its body unread, as a stream. An error status is an error, as for
    /// [`execute`](Self::execute), and the body's size limit does not apply.
    pub async fn execute_streaming(&self, request: Request) -> Result<(ByteStream, RawResponse)> {
        let max_retries = self.max_retries_for(&request);
        let mut attempt = 0;
        loop {
            match self.attempt(&request).await {
                Attempt::Done(response) => {
                    let raw = RawResponse::new(
                        response.status(),
                        response.headers().clone(),
                        self.inner.request_id_headers,
                    );
                    let client = self.clone();
                    let operation = request.operation;
                    let chunks = futures_util::stream::unfold(Some(response), move |state| {
                        let client = client.clone();
                        async move {
                            let mut response = state?;
                            match response.chunk().await {
                                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                                Ok(None) => None,
                                // A broken body ends the stream after its error.
                                Err(e) => Some((Err(client.transport_error(operation, e)), None)),
                            }
                        }
                    });
                    return Ok((Box::pin(chunks), raw));
                }
                Attempt::Fail(e) => return Err(e),
                Attempt::Retry(e, headers) => {
                    if attempt >= max_retries {
                        return Err(e);
                    }
                    let delay = self.inner.backoff.delay(attempt, headers.as_ref());
                    tracing::debug!(operation = request.operation, attempt, ?delay, "retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
            }
        }
    }
}
