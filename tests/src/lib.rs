//! Shared helpers for the workspace's tests (the tests themselves are the `[[test]]` targets
//! declared in `Cargo.toml`).

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub mod straddle_fixtures;
