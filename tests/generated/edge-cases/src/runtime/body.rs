//! Reading response bodies within a size limit, so that a hostile or broken server cannot make
//! the client buffer without bound.

use bytes::{Bytes, BytesMut};

/// The default limit on a response body: 32 MiB (after decompression).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// How much of a body an error keeps (error bodies, bodies that failed to decode).
pub(crate) const MAX_ERROR_BODY: usize = 64 * 1024;

/// Why a body could not be read.
pub(crate) enum BodyError {
    /// It is larger than the limit.
    TooLarge,
    /// The connection failed or timed out while reading it.
    Transport(reqwest::Error),
}

/// The whole body, refused as soon as it is known to exceed `limit` bytes: by its
/// `Content-Length`, or as it arrives.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: u64,
) -> Result<Bytes, BodyError> {
    if response.content_length().is_some_and(|len| len > limit) {
        return Err(BodyError::TooLarge);
    }
    // A body that arrives in one chunk (most JSON responses) is that chunk, not a copy.
    let Some(first) = response.chunk().await.map_err(BodyError::Transport)? else {
        return Ok(Bytes::new());
    };
    if first.len() as u64 > limit {
        return Err(BodyError::TooLarge);
    }
    let Some(second) = response.chunk().await.map_err(BodyError::Transport)? else {
        return Ok(first);
    };
    let hint = response.content_length().unwrap_or(0).min(1 << 20) as usize;
    let mut buf = BytesMut::with_capacity(hint.max(first.len() + second.len()));
    buf.extend_from_slice(&first);
    if (buf.len() + second.len()) as u64 > limit {
        return Err(BodyError::TooLarge);
    }
    buf.extend_from_slice(&second);
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if (buf.len() + chunk.len()) as u64 > limit {
            return Err(BodyError::TooLarge);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// At most the first `limit` bytes of the body; the rest is not read.
pub(crate) async fn read_prefix(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Bytes, reqwest::Error> {
    let mut buf = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        let room = limit - buf.len();
        if chunk.len() >= room {
            buf.extend_from_slice(&chunk[..room]);
            break;
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// A bounded excerpt of a body, for an error to keep.
pub(crate) fn excerpt(body: &Bytes) -> Bytes {
    body.slice(..body.len().min(MAX_ERROR_BODY))
}
