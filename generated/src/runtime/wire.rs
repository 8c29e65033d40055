//! Turning a [`Request`] into the HTTP request reqwest sends: URL and query, the client's
//! and the request's headers, authentication, the body.

use std::borrow::Cow;

use bytes::Bytes;
use reqwest::Method;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::client::{AuthScheme, Inner};
use super::encode::{encode_component, join_query};
use super::error::{Error, Result};
use super::request::{Body, Request};

/// The request reqwest sends for `request` on a client configured as `inner`.
pub(crate) fn to_reqwest(inner: &Inner, request: &Request) -> Result<reqwest::Request> {
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
    // The parser's message names what is wrong, never the URL (it may carry the key).
    let url = reqwest::Url::parse(&url)
        .map_err(|e| Error::invalid(op, format!("the request's URL is not valid: {e}")))?;
    let mut sent = reqwest::Request::new(request.method.clone(), url);
    // The client-wide timeout is the reqwest client's own; a per-request one costs a timer
    // per request, so only a call that overrides it (or a caller's client) gets one.
    // (reqwest keeps it in the request's extensions, a map allocated when first written.)
    let timeout = match request.options.timeout {
        Some(t) => Some(t),
        None if !inner.own_http => Some(inner.timeout),
        None => None,
    };
    if timeout.is_some() {
        *sent.timeout_mut() = timeout;
    }
    let mut headers = match &inner.sent_headers {
        Some(h) => h.clone(),
        None => with_auth(op, inner)?,
    };
    // Per-request headers replace client defaults of the same name; several of one name are
    // all sent.
    for (i, (raw_name, value)) in request.headers.iter().enumerate() {
        let name = HeaderName::from_bytes(raw_name.as_bytes())
            .map_err(|_| Error::invalid(op, format!("invalid header name `{raw_name}`")))?;
        let value = header_value(value)
            .ok_or_else(|| Error::invalid(op, format!("invalid value for header `{raw_name}`")))?;
        let first = !request.headers[..i]
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(raw_name));
        if first {
            headers.remove(&name);
        }
        headers.append(name, value);
    }
    let content_type = |ct: &Cow<'static, str>| {
        header_value(ct).ok_or_else(|| Error::invalid(op, format!("invalid content type `{ct}`")))
    };
    match &request.body {
        // As the official SDKs do: a bodyless POST, PUT, PATCH or DELETE says it is JSON.
        Body::Empty if needs_content_type(&request.method) => {
            headers.append(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            headers.append(CONTENT_LENGTH, HeaderValue::from_static("0"));
            *sent.body_mut() = Some(Bytes::new().into());
        }
        Body::Empty => {}
        Body::Bytes {
            content_type: ct,
            bytes,
        } => {
            headers.append(CONTENT_TYPE, content_type(ct)?);
            *sent.body_mut() = Some(bytes.clone().into());
        }
        Body::Multipart(form) => {
            let form = form.to_form().map_err(|m| Error::invalid(op, m))?;
            *sent.headers_mut() = headers;
            // reqwest writes the boundary into the content type and streams the parts.
            return reqwest::RequestBuilder::from_parts(inner.http.clone(), sent)
                .multipart(form)
                .build()
                .map_err(|e| Error::invalid(op, format!("cannot encode the multipart body: {e}")));
        }
        Body::File {
            content_type: ct,
            file,
        } => {
            let (body, len) = file.to_body().map_err(|m| Error::invalid(op, m))?;
            headers.append(CONTENT_TYPE, content_type(ct)?);
            if let Some(len) = len {
                headers.append(CONTENT_LENGTH, HeaderValue::from(len));
            }
            *sent.body_mut() = Some(body);
        }
    }
    *sent.headers_mut() = headers;
    Ok(sent)
}

/// A header value: a static string is shared, not copied (so it takes the `Cow`, not a `str`).
#[allow(clippy::ptr_arg)]
fn header_value(value: &Cow<'static, str>) -> Option<HeaderValue> {
    match value {
        Cow::Borrowed(s) => HeaderValue::from_maybe_shared(Bytes::from_static(s.as_bytes())).ok(),
        Cow::Owned(s) => HeaderValue::from_str(s).ok(),
    }
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
