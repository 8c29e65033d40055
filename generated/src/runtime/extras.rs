//! A call's extra headers, query parameters and body fields: for what the spec does not
//! describe yet (the official SDKs' `extra_headers`, `extra_query` and `extra_body`).

use std::borrow::Cow;

use bytes::Bytes;

use super::encode::{encode_component, param_string};
use super::error::{Error, Result};
use super::request::{Body, Request, RequestOptions};

/// Adds `options`' extras to `request`: headers replace those of the same name, query
/// parameters are appended, body fields are merged into a JSON object or form body (a body
/// that is not an object cannot take fields, and is refused), or become text parts.
pub(crate) fn apply(request: &mut Request, options: &RequestOptions) -> Result<()> {
    for (name, value) in &options.extra_headers {
        request
            .headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        request
            .headers
            .push((Cow::Owned(name.clone()), Cow::Owned(value.clone())));
    }
    for (name, value) in &options.extra_query {
        request
            .query
            .push((encode_component(name), encode_component(value)));
    }
    if options.extra_body.is_empty() {
        return Ok(());
    }
    let op = request.operation;
    match &mut request.body {
        Body::Empty => {
            let bytes = serde_json::to_vec(&options.extra_body)
                .map_err(|e| Error::invalid(op, format!("cannot encode the extra body: {e}")))?;
            request.body = Body::Bytes {
                content_type: Cow::Borrowed("application/json"),
                bytes: bytes.into(),
            };
        }
        Body::Bytes {
            content_type,
            bytes,
        } if is_json(content_type) => {
            let mut value: serde_json::Value = serde_json::from_slice(bytes)
                .map_err(|e| Error::invalid(op, format!("cannot extend the body: {e}")))?;
            let Some(map) = value.as_object_mut() else {
                return Err(Error::invalid(
                    op,
                    "extra body fields need a JSON object body",
                ));
            };
            for (k, v) in &options.extra_body {
                map.insert(k.clone(), v.clone());
            }
            *bytes = serde_json::to_vec(&value)
                .map_err(|e| Error::invalid(op, format!("cannot encode the body: {e}")))?
                .into();
        }
        Body::Bytes {
            content_type,
            bytes,
        } if content_type.starts_with("application/x-www-form-urlencoded") => {
            let mut out =
                url::form_urlencoded::Serializer::new(String::from_utf8_lossy(bytes).into_owned());
            for (k, v) in &options.extra_body {
                out.append_pair(k, &param_string(v));
            }
            *bytes = Bytes::from(out.finish());
        }
        Body::Multipart(form) => {
            for (k, v) in &options.extra_body {
                form.text(k, param_string(v));
            }
        }
        Body::Bytes { .. } | Body::File { .. } => {
            return Err(Error::invalid(
                op,
                "extra body fields need a JSON, form or multipart body",
            ));
        }
    }
    Ok(())
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type.split(';').next().unwrap_or_default().trim();
    ct == "application/json" || ct.ends_with("+json")
}
