//! The SDK generator: an OpenAPI 3.0 spec and a small config in, a Rust SDK crate out.
//!
//! The pipeline is `load` (YAML/JSON -> `openapiv3`), `lower` (spec + config -> [`ir::Api`]),
//! `emit` (IR -> formatted Rust files) and `output` (write or check a directory).

pub mod config;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
pub mod output;
mod runtime_files;

use std::path::Path;

use diag::{Diagnostic, Location};

/// What a generator run produces.
pub struct Generated {
    pub api: ir::Api,
    /// Relative path -> contents.
    pub files: emit::Files,
}

/// Reads the spec and config and produces the crate's files, without touching the disk.
pub fn generate(spec_path: &Path, config_path: &Path) -> Result<Generated, Diagnostic> {
    let spec = load::load_spec(spec_path)?;
    let config: config::Config = load::load_config(config_path)?;
    let api = lower::lower(&lower::Sources {
        spec: &spec,
        spec_file: spec_path,
        config: &config,
        config_file: config_path,
    })?;
    let files = emit::emit(&api).map_err(|e| {
        Diagnostic::new(
            spec_path,
            Location::File,
            format!("internal error while emitting code: {e}"),
        )
        .with_hint("please report this spec to the generator's maintainers")
    })?;
    Ok(Generated { api, files })
}

/// Endpoints the config did not name, as `resource.method <- METHOD /path`.
pub fn unconfigured(api: &ir::Api) -> Vec<String> {
    let mut out = Vec::new();
    for root in &api.resources {
        for r in root.walk() {
            for m in r.methods.iter().filter(|m| !m.configured) {
                out.push(format!(
                    "{}.{} <- {} {}",
                    r.path.join("."),
                    m.name,
                    m.http_method.as_str(),
                    m.path
                ));
            }
        }
    }
    out
}
