//! A request as generated code describes it, before the client sends it.

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;

use super::encode::{encode_component, param_string};
use super::error::{Error, Result};
use super::multipart::{FilePart, Multipart};

/// A fresh idempotency key (a random UUID v4), for requests whose caller set none. One key is
/// made per call and reused by every retry of it.
pub fn new_idempotency_key() -> String {
    let hi = fastrand::u64(..);
    let lo = fastrand::u64(..);
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000; // version 4
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000; // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

/// How an array query parameter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArrayStyle {
    /// `?k=a&k=b` (`style: form, explode: true`)
    Repeat,
    /// `?k=a,b` (`style: form, explode: false`)
    Comma,
    /// `?k=a%20b` (`style: spaceDelimited`)
    Space,
    /// `?k=a|b` (`style: pipeDelimited`)
    Pipe,
}

#[derive(Debug, Clone, Default)]
pub(crate) enum Body {
    #[default]
    Empty,
    Bytes {
        content_type: Cow<'static, str>,
        bytes: Bytes,
    },
    Multipart(Multipart),
    /// A file sent as the whole body, as it is read.
    File {
        content_type: Cow<'static, str>,
        file: FilePart,
    },
}

/// Per-request settings that override the client's, and additions to what the request
/// sends (for what the spec does not describe yet). Its `Debug` shows header names, not values.
#[derive(Clone, Default)]
pub struct RequestOptions {
    /// Overrides the client's timeout for this request.
    pub timeout: Option<Duration>,
    /// Overrides the client's maximum number of retries for this request.
    pub max_retries: Option<u32>,
    /// Headers to send too, replacing any of the same name.
    pub extra_headers: Vec<(String, String)>,
    /// Query parameters to send too (not encoded yet).
    pub extra_query: Vec<(String, String)>,
    /// Top-level fields to add to (or replace in) the JSON or form body, or text parts to add
    /// to a multipart body.
    pub extra_body: serde_json::Map<String, serde_json::Value>,
}

impl std::fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.extra_headers.iter().map(|(n, _)| n.as_str()).collect();
        let fields: Vec<&str> = self.extra_body.keys().map(String::as_str).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("extra_headers", &names)
            .field("extra_query", &self.extra_query.len())
            .field("extra_body", &fields)
            .finish()
    }
}

/// One HTTP request of one operation. Its `Debug` shows the operation and method, not the
/// path, headers or body, which may carry personal data.
#[derive(Clone)]
pub struct Request {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) path: String,
    /// Percent-encoded `(key, value)` pairs.
    pub(crate) query: Vec<(String, String)>,
    /// Header names and values; the SDK's own are static strings, not copies.
    pub(crate) headers: Vec<(Cow<'static, str>, Cow<'static, str>)>,
    pub(crate) body: Body,
    pub(crate) options: RequestOptions,
    /// Sending it twice does no more than sending it once (it carries an idempotency key).
    pub(crate) idempotent: bool,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Request {
    /// A request for `operation` (its operationId) to `path` (already expanded).
    pub fn new(operation: &'static str, method: Method, path: String) -> Self {
        Request {
            operation,
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
            options: RequestOptions::default(),
            idempotent: false,
        }
    }

    /// Marks the request as safe to send again (it carries an idempotency key).
    pub fn mark_idempotent(&mut self) {
        self.idempotent = true;
    }

    /// Whether the request may be sent again when its response broke off: GET, HEAD and
    /// OPTIONS, and requests with an idempotency key.
    /// Whether the body is read as it is sent, so that it cannot be sent twice.
    pub(crate) fn is_streamed(&self) -> bool {
        match &self.body {
            Body::File { file, .. } => file.is_streamed(),
            Body::Multipart(form) => form.is_streamed(),
            _ => false,
        }
    }

    pub(crate) fn is_retry_safe(&self) -> bool {
        self.idempotent || matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS)
    }

    /// The operation this request belongs to.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Adds a scalar query parameter.
    pub fn query<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.query.push((
            encode_component(name),
            encode_component(&param_string(value)),
        ));
    }

    /// Adds an array query parameter in the given style.
    pub fn query_array<T: Serialize>(&mut self, name: &str, values: &[T], style: ArrayStyle) {
        let sep = match style {
            ArrayStyle::Repeat => {
                for v in values {
                    self.query(name, v);
                }
                return;
            }
            ArrayStyle::Comma => ",",
            ArrayStyle::Space => "%20",
            ArrayStyle::Pipe => "%7C",
        };
        // Items are encoded one by one, so a delimiter inside an item stays escaped.
        let joined: Vec<String> = values
            .iter()
            .map(|v| encode_component(&param_string(v)))
            .collect();
        self.query.push((encode_component(name), joined.join(sep)));
    }

    /// Adds an object query parameter as `name[key]=value` pairs (`style: deepObject`).
    pub fn query_deep_object<T: Serialize>(&mut self, name: &str, value: &T) {
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(value) {
            for (k, v) in map {
                if !v.is_null() {
                    self.query.push((
                        encode_component(&format!("{name}[{k}]")),
                        encode_component(&param_string(&v)),
                    ));
                }
            }
        }
    }

    /// Adds a header.
    pub fn header<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        self.headers.push((
            Cow::Owned(name.to_string()),
            Cow::Owned(param_string(value)),
        ));
    }

    /// Adds a cookie (sent in the `Cookie` header).
    pub fn cookie<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let pair = format!("{name}={}", param_string(value));
        match self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case("cookie"))
        {
            Some((_, v)) => {
                let v = v.to_mut();
                v.push_str("; ");
                v.push_str(&pair);
            }
            None => self
                .headers
                .push((Cow::Borrowed("Cookie"), Cow::Owned(pair))),
        }
    }

    /// Sets a JSON body sent with a JSON content type of its own (e.g.
    /// `application/merge-patch+json`).
    pub fn json_as<T: Serialize + ?Sized>(
        &mut self,
        body: &T,
        content_type: &'static str,
    ) -> Result<()> {
        self.json(body)?;
        if let Body::Bytes {
            content_type: ct, ..
        } = &mut self.body
        {
            *ct = Cow::Borrowed(content_type);
        }
        Ok(())
    }

    /// Sets a raw body: the part's bytes, sent with the part's content type when it has one,
    /// else with `content_type` (the spec's).
    pub fn raw(&mut self, part: &FilePart, content_type: &'static str) {
        let content_type = match part.get_content_type() {
            Some(ct) => Cow::Owned(ct.to_string()),
            None => Cow::Borrowed(content_type),
        };
        self.body = match part.bytes() {
            Some(bytes) => Body::Bytes {
                content_type,
                bytes: bytes.clone(),
            },
            None => Body::File {
                content_type,
                file: part.clone(),
            },
        };
    }

    /// Sets a text body with the spec's content type.
    pub fn text(&mut self, text: &str, content_type: &'static str) {
        self.body = Body::Bytes {
            content_type: Cow::Borrowed(content_type),
            bytes: Bytes::copy_from_slice(text.as_bytes()),
        };
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<()> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::invalid(
                self.operation,
                format!("cannot encode the body as JSON: {e}"),
            )
        })?;
        self.body = Body::Bytes {
            content_type: Cow::Borrowed("application/json"),
            bytes: bytes.into(),
        };
        Ok(())
    }

    /// Sets an `application/x-www-form-urlencoded` body from an object's fields.
    pub fn form<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<()> {
        let value = serde_json::to_value(body)
            .map_err(|e| Error::invalid(self.operation, format!("cannot encode the body: {e}")))?;
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        if let serde_json::Value::Object(map) = value {
            for (k, v) in map {
                if !v.is_null() {
                    out.append_pair(&k, &param_string(&v));
                }
            }
        }
        self.body = Body::Bytes {
            content_type: Cow::Borrowed("application/x-www-form-urlencoded"),
            bytes: out.finish().into_bytes().into(),
        };
        Ok(())
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart(&mut self, form: Multipart) {
        self.body = Body::Multipart(form);
    }

    /// Overrides client settings for this request and adds its extra headers, query
    /// parameters and body fields.
    pub fn options(&mut self, options: RequestOptions) -> Result<()> {
        super::extras::apply(self, &options)?;
        self.options = options;
        Ok(())
    }
}
