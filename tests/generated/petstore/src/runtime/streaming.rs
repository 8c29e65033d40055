//! Response bodies read as they arrive, for bodies too large to hold (the official SDKs'
//! `with_streaming_response`).

use std::pin::Pin;

use bytes::Bytes;
use futures_core::Stream;

use super::client::Client;
use super::error::Result;
use super::exchange::without_headers;
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
        self.stream_body(&request).await
    }

    /// [`execute_streaming`](Self::execute_streaming) of a borrowed request.
    pub(super) async fn stream_body(&self, request: &Request) -> Result<(ByteStream, RawResponse)> {
        let max_retries = self.max_retries_for(request);
        let response = self.until_success(request, &mut 0, max_retries).await?;
        // The stream reads the body alone: the headers are moved out, not copied.
        let (status, headers, response) = without_headers(response);
        let raw = RawResponse::new(status, headers, self.inner.request_id_headers);
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
        Ok((Box::pin(chunks), raw))
    }
}
