//! The client: configuration, authentication, sending with retries, decoding.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::de::DeserializeOwned;

use super::body::DEFAULT_MAX_RESPONSE_BYTES;
use super::error::{Error, Result};
use super::redact::display_url;
use super::request::Request;
use super::response::RawResponse;
use super::retry::Backoff;

/// How the API key is attached to requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// No authentication.
    None,
    /// `Authorization: Bearer <key>`
    Bearer,
    /// `Authorization: Basic <key>`
    Basic,
    /// `<header>: <key>`
    Header(&'static str),
    /// `?<name>=<key>`
    Query(&'static str),
}

/// The SDK's built-in defaults, from the generator config.
#[derive(Debug)]
pub struct ClientDefaults {
    /// Environment variable holding the API key.
    pub api_key_env: Option<&'static str>,
    /// Environment variable holding a base URL override.
    pub base_url_env: Option<&'static str>,
    /// Base URL of the default environment.
    pub base_url: &'static str,
    /// How the key is sent.
    pub auth: AuthScheme,
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First retry delay.
    pub initial_retry_delay: Duration,
    /// Longest retry delay.
    pub max_retry_delay: Duration,
    /// `User-Agent` header.
    pub user_agent: &'static str,
    /// Statuses (besides 5xx) that are retried.
    pub retry_statuses: &'static [u16],
    /// Response headers that carry the server's request id, in order of preference.
    pub request_id_headers: &'static [&'static str],
    /// Where error bodies carry the request id when no header does (a JSON pointer).
    pub request_id_pointer: Option<&'static str>,
}

/// An API key. Its `Debug` output never shows the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        ApiKey(key.into())
    }

    /// The key itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// Configures and builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    defaults: &'static ClientDefaults,
    api_key: Option<ApiKey>,
    base_url: Option<String>,
    environment_url: Option<&'static str>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    max_response_bytes: u64,
    allow_insecure_http: bool,
}

impl ClientBuilder {
    pub(crate) fn new(defaults: &'static ClientDefaults) -> Self {
        ClientBuilder {
            defaults,
            api_key: None,
            base_url: None,
            environment_url: None,
            timeout: None,
            connect_timeout: None,
            max_retries: None,
            headers: Vec::new(),
            http_client: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            allow_insecure_http: false,
        }
    }

    /// The largest response body the client reads, in bytes, after decompression (default
    /// 32 MiB). A larger body fails the call with [`Error::ResponseTooLarge`] as soon as it is
    /// known to be too large; it is never buffered whole.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Allows a plain `http://` base URL for a host that is not this machine. Off by default:
    /// the API key and personal data would cross the network unencrypted. Loopback hosts
    /// (`localhost`, `127.0.0.1`, `[::1]`), as used by tests and mock servers, are always
    /// allowed.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The API key (default: from the environment variable named in the crate docs).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey::new(key));
        self
    }

    /// A base URL, overriding the environment and the base URL variable.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    pub(crate) fn environment_url(mut self, url: &'static str) -> Self {
        self.environment_url = Some(url);
        self
    }

    /// Timeout for each attempt of a request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Timeout for establishing a connection.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried (connection errors, 408, 409, 429, 5xx).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Uses this `reqwest::Client` (its timeouts and TLS settings) instead of building one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Builds the client. Fails when no API key is given or found in the environment (for
    /// APIs that need one), or when a header or URL is invalid.
    pub fn build(self) -> Result<Client> {
        let d = self.defaults;
        let from_env = |name: Option<&'static str>| {
            name.and_then(|n| std::env::var(n).ok())
                .filter(|v| !v.trim().is_empty())
        };
        let api_key = self
            .api_key
            .or_else(|| from_env(d.api_key_env).map(ApiKey::new));
        if api_key.is_none() && d.auth != AuthScheme::None {
            let how = match d.api_key_env {
                Some(var) => format!("set {var} or call `ClientBuilder::api_key`"),
                None => "call `ClientBuilder::api_key`".to_string(),
            };
            return Err(Error::Config(format!("no API key: {how}")));
        }
        let base_url = self
            .base_url
            .or_else(|| self.environment_url.map(str::to_string))
            .or_else(|| from_env(d.base_url_env))
            .unwrap_or_else(|| d.base_url.to_string());
        let base_url = base_url.trim_end_matches('/').to_string();
        let base = check_base_url(&base_url, self.allow_insecure_http)?;

        let mut headers = HeaderMap::new();
        for (name, value) in default_headers(&self.headers)? {
            headers.append(name, value);
        }
        let timeout = self.timeout.unwrap_or(d.timeout);
        // Our own client applies the timeout to every request itself; a caller's client gets
        // it on each request.
        let own_http = self.http_client.is_none();
        let http = match self.http_client {
            Some(c) => c,
            None => {
                ensure_crypto_provider();
                reqwest::Client::builder()
                    .user_agent(d.user_agent)
                    .timeout(timeout)
                    .connect_timeout(self.connect_timeout.unwrap_or(d.connect_timeout))
                    .redirect(same_origin_redirects())
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?
            }
        };
        let mut inner = Inner {
            http,
            base_url,
            base,
            api_key,
            auth: d.auth,
            headers,
            sent_headers: None,
            timeout,
            own_http,
            allow_insecure_http: self.allow_insecure_http,
            max_retries: self.max_retries.unwrap_or(d.max_retries),
            retry_statuses: d.retry_statuses,
            request_id_headers: d.request_id_headers,
            request_id_pointer: d.request_id_pointer,
            max_response_bytes: self.max_response_bytes,
            backoff: Backoff {
                initial: d.initial_retry_delay,
                max: d.max_retry_delay,
            },
        };
        inner.sent_headers = super::wire::client_headers(&inner);
        Ok(Client {
            inner: Arc::new(inner),
        })
    }
}

/// Default headers as given to a builder, checked.
pub(crate) fn default_headers(
    pairs: &[(String, String)],
) -> Result<Vec<(HeaderName, HeaderValue)>> {
    pairs
        .iter()
        .map(|(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid header name `{name}`")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("invalid value for header `{name}`")))?;
            Ok((name, value))
        })
        .collect()
}

/// The base URL, parsed; refused when it is not `https://`, unless it is `http://` to this
/// machine or the caller allowed plain HTTP.
pub(crate) fn check_base_url(base_url: &str, allow_insecure_http: bool) -> Result<url::Url> {
    let shown = display_url(base_url);
    let url = url::Url::parse(base_url)
        .map_err(|e| Error::Config(format!("invalid base URL `{shown}`: {e}")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
                Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
                None => false,
            };
            if loopback || allow_insecure_http {
                Ok(url)
            } else {
                Err(Error::Config(format!(
                    "refusing plain HTTP to `{shown}`: the API key and request data would travel unencrypted; use https, or opt in with `ClientBuilder::allow_insecure_http(true)`"
                )))
            }
        }
        other => Err(Error::Config(format!(
            "invalid base URL `{shown}`: scheme `{other}` is not http or https"
        ))),
    }
}

/// Redirects are followed within the origin of the request only (at most 10). A redirect to
/// another origin is not followed (the 3xx is the answer): neither the API key nor the
/// request body may reach another server.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if !same_origin {
            attempt.stop()
        } else if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

#[derive(Clone)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: String,
    /// `base_url` parsed once, so that a request's URL is the base with its path and query.
    pub(crate) base: url::Url,
    pub(crate) api_key: Option<ApiKey>,
    pub(crate) auth: AuthScheme,
    pub(crate) headers: HeaderMap,
    /// `headers` with the auth header, built once for every request (`None` when the key is
    /// not a valid header value: each request then says so).
    pub(crate) sent_headers: Option<HeaderMap>,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
    pub(crate) backoff: Backoff,
    pub(crate) retry_statuses: &'static [u16],
    pub(crate) request_id_headers: &'static [&'static str],
    pub(crate) request_id_pointer: Option<&'static str>,
    pub(crate) max_response_bytes: u64,
    /// Whether `http` was built here (with the client's timeout) or given by the caller.
    pub(crate) own_http: bool,
    pub(crate) allow_insecure_http: bool,
}

/// rustls's `ring` provider as the process default, unless one is installed already. The SDK
/// uses ring rather than reqwest's default aws-lc-rs, whose C build takes most of a cold build.
fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one first; either is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &display_url(&self.inner.base_url))
            .field("api_key", &self.inner.api_key)
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .finish()
    }
}

impl Client {
    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a request and decodes a JSON success body into `T`.
    pub async fn execute_json<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<(T, RawResponse)> {
        super::send::json(Ok((self.clone(), request))).await
    }

    /// Sends a request whose success response has no body of interest.
    pub async fn execute_empty(&self, request: Request) -> Result<((), RawResponse)> {
        super::send::empty(Ok((self.clone(), request))).await
    }

    /// Sends a request and returns its success body as text.
    pub async fn execute_text(&self, request: Request) -> Result<(String, RawResponse)> {
        super::send::text(Ok((self.clone(), request))).await
    }

    /// Sends a request and returns its success body as bytes.
    pub async fn execute_bytes(&self, request: Request) -> Result<(Bytes, RawResponse)> {
        self.execute(request).await
    }
}

/// The defaults of the runtime's unit tests: a key sent in the query string, to a local port
/// nothing listens on, without retries.
#[cfg(test)]
pub(crate) static TEST_DEFAULTS: ClientDefaults = ClientDefaults {
    api_key_env: None,
    base_url_env: None,
    base_url: "http://127.0.0.1:9",
    auth: AuthScheme::Query("api_key"),
    timeout: Duration::from_secs(5),
    connect_timeout: Duration::from_secs(5),
    max_retries: 0,
    initial_retry_delay: Duration::from_millis(1),
    max_retry_delay: Duration::from_millis(1),
    user_agent: "runtime-test",
    retry_statuses: &[],
    request_id_headers: &[],
    request_id_pointer: None,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_query_string_key_never_shows_in_connection_errors() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let client = ClientBuilder::new(&TEST_DEFAULTS)
            .api_key("sk_query_secret_42")
            .base_url(format!("http://127.0.0.1:{port}"))
            .build()
            .unwrap();
        let request = Request::new("ListThings", reqwest::Method::GET, "/things".to_string());
        let err = client.execute(request).await.unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(
            shown.starts_with("ListThings: connection failed: "),
            "{shown}"
        );
        assert!(!shown.contains("sk_query_secret_42"), "{shown}");
        assert!(!shown.contains("/things"), "{shown}");
    }
}
