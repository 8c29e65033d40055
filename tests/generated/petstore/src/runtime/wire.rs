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
    let url = request_url(inner, request)?;
    let mut sent = reqwest::Request::new(request.method.clone(), url);
    // The client-wide timeout is the reqwest client's own; a per-request one costs a timer
    // per request, so only a call that overrides it (or a caller's client) gets one.
    // (reqwest keeps it in the request's extensions, a map allocated when first written.)
    let timeout = request
        .options
        .timeout
        .or((!inner.own_http).then_some(inner.timeout));
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

/// The URL of `request`: the client's parsed base URL with the request's path and query set,
/// which parses the path and query alone, where parsing the whole URL again would parse (and
/// map for international names) the host on every request. The result is the same URL.
fn request_url(inner: &Inner, request: &Request) -> Result<reqwest::Url> {
    let key_in_query = match (&inner.api_key, inner.auth) {
        (Some(key), AuthScheme::Query(name)) => {
            Some((encode_component(name), encode_component(key.expose())))
        }
        _ => None,
    };
    let query = (!request.query.is_empty() || key_in_query.is_some())
        .then(|| join_query(request.query.iter().chain(key_in_query.as_ref())));
    let base = &inner.base;
    let plain = request.path.starts_with('/')
        && !request.path.contains(['?', '#'])
        && base.query().is_none()
        && base.fragment().is_none();
    if plain {
        let mut url = base.clone();
        let prefix = base.path().trim_end_matches('/');
        let mut path = String::with_capacity(prefix.len() + request.path.len());
        path.push_str(prefix);
        path.push_str(&request.path);
        url.set_path(&path);
        url.set_query(query.as_deref());
        return Ok(url);
    }
    let mut url = format!("{}{}", inner.base_url, request.path);
    if let Some(query) = query {
        url.push('?');
        url.push_str(&query);
    }
    // The parser's message names what is wrong, never the URL (it may carry the key).
    reqwest::Url::parse(&url).map_err(|e| {
        Error::invalid(
            request.operation,
            format!("the request's URL is not valid: {e}"),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::ClientBuilder;

    #[test]
    fn a_request_url_is_the_url_the_whole_string_parses_to() {
        let bases = [
            "http://127.0.0.1:9",
            "https://api.example.com/v1/",
            "https://EXAMPLE.com:443/a%20b",
            "https://bücher.example/x",
            "http://[::1]:8080",
        ];
        let paths = [
            "/v1/customers/cus_1",
            "/a%20b/c%2Fd",
            "/a b/<c>/\"d\"/{e}",
            "/x/./y/../z",
            "/%2e%2e/x",
            "/é/ü",
            "/a\\b",
            "/",
            "/search?type=x",
            "/frag#ment",
            "relative",
        ];
        let queries: [&[(&str, &str)]; 3] = [&[], &[("a", "b%20c")], &[("q", "1 2'3\"")]];
        for base in bases {
            let client = ClientBuilder::new(&crate::runtime::client::TEST_DEFAULTS)
                .api_key("sk test&key")
                .base_url(base)
                .build()
                .unwrap();
            let inner = &client.inner;
            for path in paths {
                for query in queries {
                    let mut request = Request::new("Op", Method::GET, path.to_string());
                    request.query = query
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect();
                    let got = request_url(inner, &request).map(|u| u.to_string());
                    let mut pairs = request.query.clone();
                    pairs.push(("api_key".to_string(), encode_component("sk test&key")));
                    let whole = format!("{}{}?{}", inner.base_url, path, join_query(&pairs));
                    let want = reqwest::Url::parse(&whole).map(|u| u.to_string());
                    match (got, want) {
                        (Ok(got), Ok(want)) => assert_eq!(got, want, "{base} + {path}"),
                        (Err(e), Err(_)) => assert_eq!(
                            e.to_string(),
                            "Op: invalid request: the request's URL is not valid: invalid port number"
                        ),
                        (got, want) => panic!("{base} + {path}: {got:?} against {want:?}"),
                    }
                }
            }
        }
    }
}
