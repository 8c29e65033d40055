//! The future every request builder returns: [`ResponseFuture`], one named type for every
//! operation. The exchange (auth, retries, timeouts, reading the body) is one future shared by
//! all operations, boxed once per call; what differs per operation is only the function that
//! turns the body into its value. So an SDK of many operations compiles no state machine per
//! operation, and checking the crate proves no `impl Future + Send` per builder method.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use serde::de::DeserializeOwned;

use super::client::Client;
use super::error::{Error, Result};
use super::request::Request;
use super::response::RawResponse;
use super::streaming::ByteStream;

/// A request checked and ready to send, or why it cannot be.
pub type Parts = Result<(Client, Request)>;

type Exchange<R> = Pin<Box<dyn Future<Output = Result<R>> + Send>>;

/// A body read whole, with the response's status and headers.
type Read = (Bytes, RawResponse);

/// The response of a call: `.await` it for the value.
///
/// A request builder's `.await` and its `send` methods return this; it can be stored, moved
/// between threads and polled like any future. `R` is what the exchange yields before the
/// value is made of it: the body read whole, except for `send_streaming`.
#[must_use = "a request does nothing until it is awaited"]
pub struct ResponseFuture<T, R = Read> {
    operation: &'static str,
    state: State<R>,
    finish: fn(&'static str, R) -> Result<T>,
}

enum State<R> {
    Sending(Exchange<R>),
    Refused(Error),
    Done,
}

impl<T, R> ResponseFuture<T, R> {
    fn new(
        parts: Parts,
        start: fn(Client, Request) -> Exchange<R>,
        finish: fn(&'static str, R) -> Result<T>,
    ) -> Self {
        let (operation, state) = State::of(parts, start);
        ResponseFuture {
            operation,
            state,
            finish,
        }
    }
}

impl<R> State<R> {
    /// The exchange started, or the refusal; apart from `ResponseFuture::new`, which is
    /// compiled once per value type, this is compiled once per kind of exchange.
    fn of(parts: Parts, start: fn(Client, Request) -> Exchange<R>) -> (&'static str, Self) {
        match parts {
            Ok((client, request)) => (request.operation, State::Sending(start(client, request))),
            Err(e) => (e.operation().unwrap_or(""), State::Refused(e)),
        }
    }
}

impl<T, R> Future for ResponseFuture<T, R> {
    type Output = Result<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        // Every field is `Unpin` (a box, an error, a function pointer), so the future is too.
        let this = self.get_mut();
        if let State::Sending(exchange) = &mut this.state {
            let reply = std::task::ready!(exchange.as_mut().poll(cx));
            this.state = State::Done;
            return Poll::Ready(reply.and_then(|reply| (this.finish)(this.operation, reply)));
        }
        match std::mem::replace(&mut this.state, State::Done) {
            State::Refused(e) => Poll::Ready(Err(e)),
            // Polled again after it completed: an error, not a panic.
            _ => Poll::Ready(Err(Error::InvalidRequest {
                operation: this.operation,
                message: "the response future was polled after it completed".to_string(),
            })),
        }
    }
}

impl<T, R> std::fmt::Debug for ResponseFuture<T, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match self.state {
            State::Sending(_) => "sending",
            State::Refused(_) => "refused",
            State::Done => "done",
        };
        f.debug_struct("ResponseFuture")
            .field("operation", &self.operation)
            .field("state", &state)
            .finish()
    }
}

/// The exchange of every call but a streaming one: the body is read whole.
fn exchange(client: Client, request: Request) -> Exchange<Read> {
    Box::pin(async move { client.read_whole(&request).await })
}

/// Asks for JSON unless the request already says what it accepts.
fn accept_json(parts: Parts) -> Parts {
    parts.map(|(client, mut request)| {
        if !request
            .headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("accept"))
        {
            request
                .headers
                .push((Cow::Borrowed("accept"), Cow::Borrowed("application/json")));
        }
        (client, request)
    })
}

fn decode_json<T: DeserializeOwned>(
    operation: &'static str,
    (body, raw): Read,
) -> Result<(T, RawResponse)> {
    let value = super::decode::json(operation, raw.status().as_u16(), &body)?;
    Ok((value, raw))
}

/// Sends it and decodes a JSON success body, with the response's status and headers.
pub fn json<T: DeserializeOwned>(parts: Parts) -> ResponseFuture<(T, RawResponse)> {
    ResponseFuture::new(accept_json(parts), exchange, decode_json::<T>)
}

/// Sends it and decodes a JSON success body.
pub fn json_value<T: DeserializeOwned>(parts: Parts) -> ResponseFuture<T> {
    ResponseFuture::new(accept_json(parts), exchange, |operation, (body, raw)| {
        super::decode::json(operation, raw.status().as_u16(), &body)
    })
}

/// Sends it; the success body is of no interest.
pub fn empty(parts: Parts) -> ResponseFuture<((), RawResponse)> {
    ResponseFuture::new(parts, exchange, |_, (_, raw)| Ok(((), raw)))
}

/// Sends it; the success body and headers are of no interest.
pub fn empty_value(parts: Parts) -> ResponseFuture<()> {
    ResponseFuture::new(parts, exchange, |_, _| Ok(()))
}

fn decode_text(operation: &'static str, (body, raw): Read) -> Result<(String, RawResponse)> {
    match String::from_utf8(body.to_vec()) {
        Ok(text) => Ok((text, raw)),
        Err(e) => Err(Error::Decode {
            operation,
            status: raw.status().as_u16(),
            path: "(root)".to_string(),
            message: format!("body is not UTF-8: {e}"),
            body: super::body::excerpt(&body),
        }),
    }
}

/// Sends it and reads the success body as text.
pub fn text(parts: Parts) -> ResponseFuture<(String, RawResponse)> {
    ResponseFuture::new(parts, exchange, decode_text)
}

/// Sends it and reads the success body as text, without the status and headers.
pub fn text_value(parts: Parts) -> ResponseFuture<String> {
    ResponseFuture::new(parts, exchange, |operation, read| {
        decode_text(operation, read).map(|(text, _)| text)
    })
}

/// Sends it and reads the success body as bytes.
pub fn bytes(parts: Parts) -> ResponseFuture<(Bytes, RawResponse)> {
    ResponseFuture::new(parts, exchange, |_, read| Ok(read))
}

/// Sends it and reads the success body as bytes, without the status and headers.
pub fn bytes_value(parts: Parts) -> ResponseFuture<Bytes> {
    ResponseFuture::new(parts, exchange, |_, (body, _)| Ok(body))
}

/// A body left unread, with the response's status and headers.
pub type Streamed = (ByteStream, RawResponse);

/// Sends it and returns the success body unread, as a stream.
pub fn streaming(parts: Parts) -> ResponseFuture<Streamed, Streamed> {
    ResponseFuture::new(
        parts,
        |client, request| Box::pin(async move { client.stream_body(&request).await }),
        |_, streamed| Ok(streamed),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poll_once<T>(future: &mut ResponseFuture<T>) -> Poll<Result<T>> {
        let mut cx = Context::from_waker(std::task::Waker::noop());
        Pin::new(future).poll(&mut cx)
    }

    #[test]
    fn a_refused_request_completes_with_its_error_then_never_panics() {
        let refused = Err(Error::invalid("GetThing", "path parameter `id` is empty"));
        let mut future = json_value::<u32>(refused);
        match poll_once(&mut future) {
            Poll::Ready(Err(e)) => assert_eq!(
                e.to_string(),
                "GetThing: invalid request: path parameter `id` is empty"
            ),
            other => panic!("expected the refusal, got {:?}", other.map(|r| r.is_ok())),
        }
        match poll_once(&mut future) {
            Poll::Ready(Err(e)) => assert_eq!(
                e.to_string(),
                "GetThing: invalid request: the response future was polled after it completed"
            ),
            other => panic!("expected an error, got {:?}", other.map(|r| r.is_ok())),
        }
        assert_eq!(
            format!("{future:?}"),
            r#"ResponseFuture { operation: "GetThing", state: "done" }"#
        );
    }

    #[test]
    fn the_boxed_exchange_fits_the_allocators_per_thread_cache() {
        let client = crate::runtime::ClientBuilder::new(&crate::runtime::client::TEST_DEFAULTS)
            .api_key("sk_test")
            .build()
            .unwrap();
        let request = Request::new("GetThing", reqwest::Method::GET, "/things/1".to_string());
        let exchange = exchange(client, request);
        // glibc's per-thread cache serves blocks up to 1,032 bytes; a larger box, allocated
        // and freed on every call, took malloc's slow path (about 2,000 instructions a call,
        // by callgrind). Unoptimized builds lay futures out larger than release builds do.
        let size = std::mem::size_of_val(&*exchange);
        assert!(size <= 1032, "the exchange future is {size} bytes");
    }
}
