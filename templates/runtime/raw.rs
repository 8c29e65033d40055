//! Escape hatches: calling an endpoint this SDK does not know yet, and a client derived from
//! another with some settings overridden.

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::{Client, check_base_url, default_headers};
use super::error::{Error, Result};
use super::request::{Request, RequestOptions};
use super::response::RawResponse;

/// The operation name errors of [`RawRequest`]s carry.
const RAW_OPERATION: &str = "request";

impl Client {
    /// `GET path` (relative to the base URL, e.g. `/v1/new_things`) on an endpoint this SDK
    /// does not know yet; the JSON answer is decoded into `T` (`serde_json::Value` for any).
    /// Authentication, retries, timeouts and errors are as for every other call.
    pub fn get<T: DeserializeOwned>(&self, path: &str) -> RawRequest<T> {
        RawRequest::new(self, Method::GET, path)
    }

    /// `POST path`; see [`Client::get`].
    pub fn post<T: DeserializeOwned>(&self, path: &str) -> RawRequest<T> {
        RawRequest::new(self, Method::POST, path)
    }

    /// `PUT path`; see [`Client::get`].
    pub fn put<T: DeserializeOwned>(&self, path: &str) -> RawRequest<T> {
        RawRequest::new(self, Method::PUT, path)
    }

    /// `PATCH path`; see [`Client::get`].
    pub fn patch<T: DeserializeOwned>(&self, path: &str) -> RawRequest<T> {
        RawRequest::new(self, Method::PATCH, path)
    }

    /// `DELETE path`; see [`Client::get`].
    pub fn delete<T: DeserializeOwned>(&self, path: &str) -> RawRequest<T> {
        RawRequest::new(self, Method::DELETE, path)
    }

    /// A client with some of this one's settings overridden, sharing its connection pool.
    pub fn with_options(&self) -> ClientOptions {
        ClientOptions {
            base: self.clone(),
            timeout: None,
            max_retries: None,
            headers: Vec::new(),
            base_url: None,
        }
    }
}

/// A request to an endpoint the SDK does not know, from [`Client::get`] and friends. Finish it
/// with `.await` (or [`send`](Self::send) / [`send_with_response`](Self::send_with_response)).
#[derive(Debug)]
pub struct RawRequest<T> {
    client: Client,
    request: Request,
    body: Option<Result<serde_json::Value>>,
    _answer: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> RawRequest<T> {
    fn new(client: &Client, method: Method, path: &str) -> Self {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        RawRequest {
            client: client.clone(),
            request: Request::new(RAW_OPERATION, method, path),
            body: None,
            _answer: PhantomData,
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl Serialize) -> Self {
        self.request.query(name, &value);
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.request
            .headers
            .push((name.to_string().into(), value.into().into()));
        self
    }

    /// Sends `body` as JSON.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = Some(serde_json::to_value(body).map_err(|e| {
            Error::invalid(
                RAW_OPERATION,
                format!("cannot encode the body as JSON: {e}"),
            )
        }));
        self
    }

    /// Overrides the client's timeout (per attempt) for this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request.options.timeout = Some(timeout);
        self
    }

    /// Overrides the client's maximum number of retries for this call.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.request.options.max_retries = Some(max_retries);
        self
    }

    /// Sends the request and decodes the response.
    pub async fn send(self) -> Result<T> {
        self.send_with_response().await.map(|(value, _)| value)
    }

    /// Sends the request and returns the decoded response with its status and headers. An
    /// empty body decodes as JSON `null` (so `T = ()` or `Option<..>` fits bodyless answers).
    pub async fn send_with_response(self) -> Result<(T, RawResponse)> {
        let mut request = self.request;
        if let Some(body) = self.body {
            request.json(&body?)?;
        }
        let options = std::mem::take(&mut request.options);
        request.options(RequestOptions { ..options })?;
        let (bytes, raw) = self.client.execute(request).await?;
        let bytes = if bytes.is_empty() {
            bytes::Bytes::from_static(b"null")
        } else {
            bytes
        };
        let value = super::decode::json(RAW_OPERATION, raw.status().as_u16(), &bytes)?;
        Ok((value, raw))
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for RawRequest<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Overrides for a client derived from another ([`Client::with_options`]). Its `Debug` shows
/// header names only.
pub struct ClientOptions {
    base: Client,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
    base_url: Option<String>,
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("ClientOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("headers", &names)
            .finish_non_exhaustive()
    }
}

impl ClientOptions {
    /// Timeout for each attempt of a request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// A header sent with every request, besides (or replacing) the base client's.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Another base URL (checked as the builder checks it).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The derived client. Fails on an invalid header or base URL.
    pub fn build(self) -> Result<Client> {
        let base = &self.base.inner;
        let mut inner = (**base).clone();
        if let Some(t) = self.timeout {
            inner.timeout = t;
            // The shared reqwest client keeps the base timeout: this one's goes per request.
            inner.own_http = false;
        }
        if let Some(r) = self.max_retries {
            inner.max_retries = r;
        }
        if let Some(url) = self.base_url {
            let url = url.trim_end_matches('/').to_string();
            inner.base = check_base_url(&url, inner.allow_insecure_http)?;
            inner.base_url = url;
        }
        for (name, value) in default_headers(&self.headers)? {
            inner.headers.insert(name, value);
        }
        inner.sent_headers = super::wire::client_headers(&inner);
        Ok(Client {
            inner: Arc::new(inner),
        })
    }
}
