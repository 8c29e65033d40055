//! The futures that request builders return: one implementation per kind of response, shared
//! by every operation, so that an SDK of many operations does not compile a state machine for
//! each of them.

use std::future::Future;

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::client::Client;
use super::error::Result;
use super::request::Request;
use super::response::RawResponse;
use super::streaming::ByteStream;

/// A request checked and ready to send, or why it cannot be.
pub type Parts = Result<(Client, Request)>;

/// Sends it and decodes a JSON success body.
pub async fn json<T: DeserializeOwned>(parts: Parts) -> Result<(T, RawResponse)> {
    let (client, request) = parts?;
    client.execute_json(request).await
}

/// Sends it; the success body is of no interest.
pub async fn empty(parts: Parts) -> Result<((), RawResponse)> {
    let (client, request) = parts?;
    client.execute_empty(request).await
}

/// Sends it and reads the success body as text.
pub async fn text(parts: Parts) -> Result<(String, RawResponse)> {
    let (client, request) = parts?;
    client.execute_text(request).await
}

/// Sends it and reads the success body as bytes.
pub async fn bytes(parts: Parts) -> Result<(Bytes, RawResponse)> {
    let (client, request) = parts?;
    client.execute(request).await
}

/// Sends it and returns the success body unread, as a stream.
pub async fn streaming(parts: Parts) -> Result<(ByteStream, RawResponse)> {
    let (client, request) = parts?;
    client.execute_streaming(request).await
}

/// The value of a response, without its status and headers.
pub async fn value<T>(response: impl Future<Output = Result<(T, RawResponse)>>) -> Result<T> {
    response.await.map(|(value, _)| value)
}
