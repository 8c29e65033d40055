//! Multipart uploads: files and text fields, rebuilt for every attempt so retries can resend.

use std::path::Path;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A file to upload in a `multipart/form-data` body.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl FilePart {
    /// A file with these contents and no name.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// Reads a file from disk; its name becomes the part's file name.
    pub fn from_path(path: impl AsRef<Path>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        Ok(FilePart {
            bytes: bytes.into(),
            file_name: name,
            content_type: None,
        })
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

    /// The file's contents.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The content type set with [`FilePart::content_type`], if any.
    pub fn get_content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
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

    /// Builds the form reqwest sends (once per attempt).
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for (name, body) in &self.parts {
            form = match body {
                PartBody::Text(text) => form.text(name.clone(), text.clone()),
                PartBody::File(file) => {
                    let mut part = reqwest::multipart::Part::stream_with_length(
                        reqwest::Body::from(file.bytes.clone()),
                        file.bytes.len() as u64,
                    )
                    .file_name(file.file_name.clone().unwrap_or_else(|| name.clone()));
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
