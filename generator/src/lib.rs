//! The SDK generator: an OpenAPI 3.0 or 3.1 spec (and optionally a config) in, a Rust SDK
//! crate out.
//!
//! The pipeline is `load` (YAML/JSON -> JSON value), `normalize` (one canonical form of every
//! construct -> `openapiv3`), `lower` (spec + config -> [`ir::Api`]), `emit` (IR -> formatted
//! Rust files) and `output` (write or check a directory).

pub mod config;
pub mod diag;
pub mod emit;
pub mod infer;
pub mod ir;
pub mod load;
mod load_yaml;
pub mod lower;
pub mod normalize;
pub mod output;
mod overrides;
mod runtime_files;

use std::path::Path;

use diag::{Diagnostic, Diagnostics, Location};

/// What a generator run produces.
pub struct Generated {
    pub api: ir::Api,
    /// Relative path -> contents.
    pub files: emit::Files,
    /// What was left out or ignored, and why (never an error).
    pub notes: Vec<Diagnostic>,
}

/// How to run the generator.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    pub spec: &'a Path,
    /// The config; without one everything is inferred from the spec.
    pub config: Option<&'a Path>,
    /// The crate's name, over the config's and the spec's.
    pub name: Option<&'a str>,
    /// Generate what can be generated, and list what was left out, instead of failing.
    pub skip_unsupported: bool,
}

/// Reads the spec and config and produces the crate's files, without touching the disk.
pub fn generate(spec_path: &Path, config_path: &Path) -> Result<Generated, Diagnostics> {
    generate_with(&Options {
        spec: spec_path,
        config: Some(config_path),
        name: None,
        skip_unsupported: false,
    })
}

/// [`generate`] with every option.
pub fn generate_with(opts: &Options<'_>) -> Result<Generated, Diagnostics> {
    let mut doc = load::load_spec_value(opts.spec)?;
    let (mut config, config_file) = match opts.config {
        Some(path) => (load::load_config::<config::Config>(path)?, path),
        None => (config::Config::default(), Path::new("<inferred config>")),
    };
    overrides::apply(&mut doc, &config.schema_overrides, config_file)?;
    let normalized = normalize::normalize(opts.spec, doc, opts.skip_unsupported)?;
    infer::complete(
        &mut config,
        &infer::Inputs {
            spec: &normalized.spec,
            config_file,
            has_config: opts.config.is_some(),
            name: opts.name,
        },
    )?;
    let lowered = lower::lower(&lower::Sources {
        spec: &normalized.spec,
        spec_file: opts.spec,
        config: &config,
        config_file,
        normalized: &normalized,
        skip_unsupported: opts.skip_unsupported,
    })?;
    let mut files = emit::emit(&lowered.api).map_err(|e| {
        Diagnostic::new(
            opts.spec,
            Location::File,
            format!("internal error while emitting code: {e}"),
        )
        .with_hint("please report this spec to the generator's maintainers")
    })?;
    if let (Some(dir), Some(config_path)) = (&config.examples_dir, opts.config) {
        let base = config_path.parent().unwrap_or(Path::new("."));
        let programs = load::example_programs(&base.join(dir), dir, config_path)?;
        if let Some(manifest) = files.get_mut("Cargo.toml") {
            manifest.push_str(&emit::example_sections(&lowered.api, &programs));
        }
        for (name, text) in programs {
            files.insert(format!("examples/{name}"), text);
        }
    }
    let mut notes = normalized.notes;
    notes.extend(lowered.skipped);
    notes.sort_by_key(|a| a.to_string());
    notes.dedup();
    Ok(Generated {
        api: lowered.api,
        files,
        notes,
    })
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
