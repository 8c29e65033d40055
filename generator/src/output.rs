//! Writing the generated files to a directory, or checking that it is up to date.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::emit::Files;

/// Directories inside the output that the generator never owns.
const IGNORED_DIRS: &[&str] = &["target", ".git"];

/// Every file under `dir` (relative, `/`-separated), skipping ignored directories.
fn existing_files(dir: &Path) -> Result<BTreeSet<String>, Diagnostic> {
    let mut out = BTreeSet::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let abs = dir.join(&rel);
        let entries = std::fs::read_dir(&abs).map_err(|e| {
            Diagnostic::new(&abs, Location::File, format!("cannot list directory: {e}"))
        })?;
        for entry in entries {
            let entry = entry.map_err(|e| {
                Diagnostic::new(&abs, Location::File, format!("cannot list directory: {e}"))
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel_child = rel.join(&name);
            let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir {
                if rel.as_os_str().is_empty() && IGNORED_DIRS.contains(&name.as_str()) {
                    continue;
                }
                stack.push(rel_child);
            } else {
                out.insert(rel_child.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(out)
}

/// A difference between the generated files and a directory.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added(String),
    Modified(String),
    Removed(String),
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Added(p) => write!(f, "missing:  {p}"),
            Change::Modified(p) => write!(f, "changed:  {p}"),
            Change::Removed(p) => write!(f, "obsolete: {p}"),
        }
    }
}

/// What writing `files` to `dir` would change.
pub fn diff(dir: &Path, files: &Files) -> Result<Vec<Change>, Diagnostic> {
    let existing = existing_files(dir)?;
    let mut changes = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if !existing.contains(rel) {
            changes.push(Change::Added(rel.clone()));
        } else {
            let current = std::fs::read(&path).map_err(|e| {
                Diagnostic::new(&path, Location::File, format!("cannot read file: {e}"))
            })?;
            if current != text.as_bytes() {
                changes.push(Change::Modified(rel.clone()));
            }
        }
    }
    for rel in existing {
        if !files.contains_key(&rel) {
            changes.push(Change::Removed(rel));
        }
    }
    changes.sort();
    Ok(changes)
}

/// Makes `dir` hold exactly `files`: writes what changed, deletes what is obsolete.
pub fn write(dir: &Path, files: &Files) -> Result<Vec<Change>, Diagnostic> {
    let changes = diff(dir, files)?;
    for change in &changes {
        match change {
            Change::Added(rel) | Change::Modified(rel) => {
                let path = dir.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        Diagnostic::new(
                            parent,
                            Location::File,
                            format!("cannot create directory: {e}"),
                        )
                    })?;
                }
                std::fs::write(&path, &files[rel]).map_err(|e| {
                    Diagnostic::new(&path, Location::File, format!("cannot write file: {e}"))
                })?;
            }
            Change::Removed(rel) => {
                let path = dir.join(rel);
                std::fs::remove_file(&path).map_err(|e| {
                    Diagnostic::new(
                        &path,
                        Location::File,
                        format!("cannot remove obsolete file: {e}"),
                    )
                })?;
            }
        }
    }
    remove_empty_dirs(dir);
    Ok(changes)
}

fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_empty_dirs(&path);
            // Fails (and is meant to) when the directory is not empty.
            let _ = std::fs::remove_dir(&path);
        }
    }
}
