//! Diagnostics: every error the generator reports names the file and where in it the problem is.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A JSON pointer into the document, e.g. `#/paths/~1v1~1customers/get`.
    Pointer(String),
    /// A line and column (1-based), for syntax errors.
    LineCol(usize, usize),
    /// The file as a whole.
    File,
}

/// A problem with the generator's input (or output directory), ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub location: Location,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(file: &Path, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            location,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(file: &Path, pointer: &str, message: impl Into<String>) -> Self {
        Self::new(file, Location::Pointer(pointer.to_string()), message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.location {
            Location::Pointer(p) => write!(f, "{file}: {p}: {}", self.message)?,
            Location::LineCol(l, c) => write!(f, "{file}:{l}:{c}: {}", self.message)?,
            Location::File => write!(f, "{file}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Every problem one run found, sorted; displayed one after another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem (there is always one in an error).
    pub fn first(&self) -> Option<&Diagnostic> {
        self.0.first()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(d: Vec<Diagnostic>) -> Self {
        Diagnostics(d)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                write!(f, "error: ")?;
            }
            write!(f, "{d}")?;
        }
        if self.0.len() > 1 {
            write!(f, "\n{} problems", self.0.len())?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Builds JSON pointers (RFC 6901) for diagnostics, escaping `~` and `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer("#".to_string())
    }

    /// Parses a local `$ref` such as `#/components/schemas/Pet`.
    pub fn from_ref(reference: &str) -> Self {
        Pointer(reference.to_string())
    }

    pub fn push(&self, segment: impl fmt::Display) -> Self {
        use fmt::Write;
        // One allocation for the usual segment, which holds neither `~` nor `/`.
        let mut out = String::with_capacity(self.0.len() + 24);
        out.push_str(&self.0);
        out.push('/');
        let start = out.len();
        let _ = write!(out, "{segment}");
        if out[start..].contains(['~', '/']) {
            let seg = out[start..].replace('~', "~0").replace('/', "~1");
            out.truncate(start);
            out.push_str(&seg);
        }
        Pointer(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slashes_and_tildes() {
        let p = Pointer::root().push("paths").push("/v1/a~b").push("get");
        assert_eq!(p.as_str(), "#/paths/~1v1~1a~0b/get");
    }

    #[test]
    fn display_names_file_pointer_and_hint() {
        let d = Diagnostic::at(Path::new("spec/x.yaml"), "#/paths", "bad").with_hint("fix it");
        assert_eq!(d.to_string(), "spec/x.yaml: #/paths: bad\n  help: fix it");
    }
}
