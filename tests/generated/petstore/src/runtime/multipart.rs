//! Multipart uploads: files and text fields, rebuilt for every attempt so retries can resend.

use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A file to upload: in a `multipart/form-data` body, or as a raw body.
///
/// From bytes ([`new`](Self::new)), a path ([`from_path`](Self::from_path), read now, or
/// [`open`](Self::open), streamed), an async reader ([`from_reader`](Self::from_reader)) or
/// a stream of chunks ([`from_stream`](Self::from_stream)). A streamed file is read as it is
/// sent, so it can be sent once: a call that sends one is not retried.
#[derive(Clone)]
pub struct FilePart {
    source: Source,
    file_name: Option<String>,
    content_type: Option<String>,
}

/// Chunks of a streamed file, as reqwest sends them.
type Chunks = std::pin::Pin<
    Box<dyn futures_core::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static>,
>;

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    /// Taken by the first attempt that sends it.
    Stream {
        chunks: Arc<Mutex<Option<Chunks>>>,
        len: Option<u64>,
    },
}

impl PartialEq for FilePart {
    /// Files in memory compare by contents; a streamed file equals only its clones.
    fn eq(&self, other: &Self) -> bool {
        let same = match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Stream { chunks: a, .. }, Source::Stream { chunks: b, .. }) => {
                Arc::ptr_eq(a, b)
            }
            _ => false,
        };
        same && self.file_name == other.file_name && self.content_type == other.content_type
    }
}

impl Eq for FilePart {}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.len())
            .field("streamed", &matches!(self.source, Source::Stream { .. }))
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl FilePart {
    /// A file with these contents and no name.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            source: Source::Bytes(bytes.into()),
            file_name: None,
            content_type: None,
        }
    }

    /// Reads a file from disk now; its name becomes the part's file name.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        Ok(FilePart::new(bytes).named_after(path))
    }

    /// Opens a file to be streamed from disk as it is sent (with its length, from the file
    /// system); its name becomes the part's file name.
    pub async fn open(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await?;
        let len = file.metadata().await?.len();
        Ok(FilePart::from_reader(file, Some(len)).named_after(path))
    }

    /// A file streamed from an async reader as it is sent; give its length when known
    /// (servers may need a `Content-Length`).
    pub fn from_reader(
        reader: impl tokio::io::AsyncRead + Send + Unpin + 'static,
        len: Option<u64>,
    ) -> Self {
        let chunks = futures_util::stream::unfold(reader, |mut reader| async move {
            let mut buf = bytes::BytesMut::with_capacity(64 * 1024);
            match tokio::io::AsyncReadExt::read_buf(&mut reader, &mut buf).await {
                Ok(0) => None,
                Ok(_) => Some((Ok(buf.freeze()), reader)),
                Err(e) => Some((Err(e), reader)),
            }
        });
        FilePart::from_stream(chunks, len)
    }

    /// A file streamed from chunks as they come; give its length when known.
    pub fn from_stream<S, E>(stream: S, len: Option<u64>) -> Self
    where
        S: futures_core::Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        use futures_util::TryStreamExt;
        let chunks: Chunks = Box::pin(stream.map_err(|e| std::io::Error::other(e.into())));
        FilePart {
            source: Source::Stream {
                chunks: Arc::new(Mutex::new(Some(chunks))),
                len,
            },
            file_name: None,
            content_type: None,
        }
    }

    fn named_after(mut self, path: &Path) -> Self {
        self.file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        self
    }

    /// Sets the file name sent with the part.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's content type (default `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's contents, when they are in memory (`None` for a streamed file).
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.source {
            Source::Bytes(b) => Some(b),
            Source::Stream { .. } => None,
        }
    }

    /// The file's length, when known.
    pub fn len(&self) -> Option<u64> {
        match &self.source {
            Source::Bytes(b) => Some(b.len() as u64),
            Source::Stream { len, .. } => *len,
        }
    }

    /// Whether the file is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// Whether the file is streamed (and so can be sent once).
    pub fn is_streamed(&self) -> bool {
        matches!(self.source, Source::Stream { .. })
    }

    /// The content type set with [`FilePart::content_type`], if any.
    pub fn get_content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The body reqwest sends, and its length when known; a streamed file gives its stream
    /// once, then an error.
    pub(crate) fn to_body(&self) -> Result<(reqwest::Body, Option<u64>), String> {
        match &self.source {
            Source::Bytes(b) => Ok((reqwest::Body::from(b.clone()), Some(b.len() as u64))),
            Source::Stream { chunks, len } => {
                let taken = chunks.lock().ok().and_then(|mut c| c.take());
                match taken {
                    Some(stream) => Ok((reqwest::Body::wrap_stream(stream), *len)),
                    None => {
                        Err("a streamed file was already sent, and cannot be sent again".into())
                    }
                }
            }
        }
    }
}

impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.source {
            Source::Bytes(b) => serializer.serialize_bytes(b),
            Source::Stream { .. } => Err(serde::ser::Error::custom(
                "a streamed file cannot be written as JSON",
            )),
        }
    }
}

impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(FilePart::new(text.into_bytes()))
    }
}

#[derive(Debug, Clone)]
enum PartBody {
    Text(String),
    File(FilePart),
}

/// The parts of a `multipart/form-data` body, in order.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    parts: Vec<(String, PartBody)>,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(&mut self, name: &str, value: impl Into<String>) {
        self.parts
            .push((name.to_string(), PartBody::Text(value.into())));
    }

    /// Adds a file.
    pub fn file(&mut self, name: &str, file: FilePart) {
        self.parts.push((name.to_string(), PartBody::File(file)));
    }

    /// Whether a part is streamed (so the form can be sent once).
    pub(crate) fn is_streamed(&self) -> bool {
        self.parts
            .iter()
            .any(|(_, b)| matches!(b, PartBody::File(f) if f.is_streamed()))
    }

    /// Builds the form reqwest sends (once per attempt).
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for (name, body) in &self.parts {
            form = match body {
                PartBody::Text(text) => form.text(name.clone(), text.clone()),
                PartBody::File(file) => {
                    let (body, len) = file.to_body()?;
                    let part = match len {
                        Some(len) => reqwest::multipart::Part::stream_with_length(body, len),
                        None => reqwest::multipart::Part::stream(body),
                    };
                    let mut part =
                        part.file_name(file.file_name.clone().unwrap_or_else(|| name.clone()));
                    let mime = file
                        .content_type
                        .as_deref()
                        .unwrap_or("application/octet-stream");
                    part = part.mime_str(mime).map_err(|e| {
                        format!("invalid content type `{mime}` for part `{name}`: {e}")
                    })?;
                    form.part(name.clone(), part)
                }
            };
        }
        Ok(form)
    }
}
