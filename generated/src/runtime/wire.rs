//! Turning a [`Request`] into the HTTP request reqwest sends: URL and query, the client's
//! and the request's headers, authentication, the body.

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::client::{AuthScheme, Inner};
use super::encode::{encode_component, join_query};
use super::error::{Error, Result};
use super::request::{Body, Request};

/// The request reqwest sends for `request` on a client configured as `inner`.
pub(crate) fn to_reqwest(inner: &Inner, request: &Request) -> Result<reqwest::RequestBuilder> {
    let op = request.operation;
    let mut url = format!("{}{}", inner.base_url, request.path);
    let key_in_query = match (&inner.api_key, inner.auth) {
        (Some(key), AuthScheme::Query(name)) => {
            Some((encode_component(name), encode_component(key.expose())))
        }
        _ => None,
    };
    if !request.query.is_empty() || key_in_query.is_some() {
        url.push('?');
        url.push_str(&join_query(
            request.query.iter().chain(key_in_query.as_ref()),
        ));
    }
    let mut builder = inner.http.request(request.method.clone(), url);
    // The client-wide timeout is the reqwest client's own; a per-request one costs a timer
    // per request, so only a call that overrides it (or a caller's client) gets one.
    match request.options.timeout {
        Some(t) => builder = builder.timeout(t),
        None if !inner.own_http => builder = builder.timeout(inner.timeout),
        None => {}
    }
    let mut headers = match &inner.sent_headers {
        Some(h) => h.clone(),
        None => with_auth(op, inner)?,
    };
    // Per-request headers replace client defaults of the same name.
    let mut replaced: Vec<HeaderName> = Vec::new();
    for (raw_name, value) in &request.headers {
        let name = HeaderName::from_bytes(raw_name.as_bytes())
            .map_err(|_| Error::invalid(op, format!("invalid header name `{raw_name}`")))?;
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::invalid(op, format!("invalid value for header `{raw_name}`")))?;
        if !replaced.contains(&name) {
            headers.remove(&name);
            replaced.push(name.clone());
        }
        headers.append(name, value);
    }
    builder = builder.headers(headers);
    builder = match &request.body {
        // As the official SDKs do: a bodyless POST, PUT, PATCH or DELETE says it is JSON.
        Body::Empty if needs_content_type(&request.method) => builder
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::CONTENT_LENGTH, "0")
            .body(Bytes::new()),
        Body::Empty => builder,
        Body::Bytes {
            content_type,
            bytes,
        } => builder
            .header(reqwest::header::CONTENT_TYPE, content_type.as_ref())
            .body(bytes.clone()),
        Body::Multipart(form) => {
            builder.multipart(form.to_form().map_err(|m| Error::invalid(op, m))?)
        }
        Body::File { content_type, file } => {
            let (body, len) = file.to_body().map_err(|m| Error::invalid(op, m))?;
            let builder = builder.header(reqwest::header::CONTENT_TYPE, content_type.as_ref());
            match len {
                Some(len) => builder
                    .header(reqwest::header::CONTENT_LENGTH, len)
                    .body(body),
                None => builder.body(body),
            }
        }
    };
    Ok(builder)
}

fn needs_content_type(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    )
}

/// The client's headers with its auth header, built once when the client is (`None` when the
/// key is not a valid header value).
pub(crate) fn client_headers(inner: &Inner) -> Option<HeaderMap> {
    with_auth("", inner).ok()
}

/// The client's default headers, the auth header replacing one of the same name.
fn with_auth(op: &'static str, inner: &Inner) -> Result<HeaderMap> {
    let mut headers = inner.headers.clone();
    for (name, value) in auth_headers(op, inner)? {
        if let Some(name) = name {
            headers.insert(name, value);
        }
    }
    Ok(headers)
}

/// The auth header(s) for a request (none for query-string keys).
fn auth_headers(op: &'static str, inner: &Inner) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    if let Some(key) = &inner.api_key {
        match inner.auth {
            AuthScheme::Bearer => {
                headers.insert(
                    reqwest::header::AUTHORIZATION,
                    secret(op, &format!("Bearer {}", key.expose()))?,
                );
            }
            AuthScheme::Basic => {
                headers.insert(
                    reqwest::header::AUTHORIZATION,
                    secret(op, &format!("Basic {}", key.expose()))?,
                );
            }
            AuthScheme::Header(name) => {
                let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                    Error::invalid(op, format!("invalid auth header name `{name}`"))
                })?;
                headers.insert(name, secret(op, key.expose())?);
            }
            AuthScheme::None | AuthScheme::Query(_) => {}
        }
    }
    Ok(headers)
}

/// A header value marked sensitive, so that it never appears in debug output.
fn secret(op: &'static str, value: &str) -> Result<HeaderValue> {
    let mut v = HeaderValue::from_str(value)
        .map_err(|_| Error::invalid(op, "the API key is not a valid header value"))?;
    v.set_sensitive(true);
    Ok(v)
}
