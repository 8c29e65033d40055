//! `cargo run -p generator`: regenerates the SDK from `spec/`.
//! `generator --spec api.yaml --out my-sdk`: any other spec, with or without a config.

/// The allocator: mimalloc, for speed (see `generator/Cargo.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

/// Generates a Rust SDK crate from an OpenAPI 3.0 or 3.1 spec (and an optional config).
#[derive(Debug, Parser)]
#[command(name = "generator", version)]
struct Args {
    /// The OpenAPI document (YAML or JSON). Default: this workspace's `spec/openapi.yaml`.
    #[arg(long)]
    spec: Option<PathBuf>,
    /// The generator config (YAML or JSON). Default: `spec/generator.yaml` when `--spec` is not
    /// given; with `--spec`, none (everything is inferred from the spec).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Where the crate is written. Default: `generated/` when `--spec` is not given; with
    /// `--spec`, a directory named after the crate in the current directory.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The crate's name (default: the config's, else from the spec's `info.title`).
    #[arg(long)]
    name: Option<String>,
    /// Generate everything that can be generated and list what was left out, instead of
    /// failing on the first unsupported construct.
    #[arg(long)]
    skip_unsupported: bool,
    /// Write nothing; exit non-zero and list the files that would change if `--out` is stale.
    #[arg(long)]
    check: bool,
}

/// A path in this workspace, so that `cargo run -p generator` works from any directory.
fn workspace_path(rel: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let path = root.join(rel);
    // Prefer a tidy relative path when run from the workspace root.
    match std::env::current_dir() {
        Ok(cwd) if cwd.join(rel).exists() || cwd.join("generator").is_dir() => PathBuf::from(rel),
        _ => path,
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let own_spec = args.spec.is_none();
    let spec = args
        .spec
        .clone()
        .unwrap_or_else(|| workspace_path("spec/openapi.yaml"));
    let config = match (&args.config, own_spec) {
        (Some(c), _) => Some(c.clone()),
        (None, true) => Some(workspace_path("spec/generator.yaml")),
        (None, false) => None,
    };
    let opts = generator::Options {
        spec: &spec,
        config: config.as_deref(),
        name: args.name.as_deref(),
        skip_unsupported: args.skip_unsupported,
    };
    let generated = match generator::generate_with(&opts) {
        Ok(g) => g,
        Err(d) => {
            eprintln!("error: {d}");
            return ExitCode::from(2);
        }
    };
    report_notes(&generated, config.as_deref());
    let out = match (&args.out, own_spec) {
        (Some(o), _) => o.clone(),
        (None, true) => workspace_path("generated"),
        (None, false) => PathBuf::from(&generated.api.krate.name),
    };
    if args.check {
        check(&out, &generated, &spec, config.as_deref())
    } else {
        match generator::output::write(&out, &generated.files) {
            Ok(changes) => {
                println!(
                    "wrote {} ({} files, {} changed)",
                    out.display(),
                    generated.files.len(),
                    changes.len()
                );
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprintln!("error: {d}");
                ExitCode::from(2)
            }
        }
    }
}

fn report_notes(generated: &generator::Generated, config: Option<&Path>) {
    for n in &generated.notes {
        eprintln!("note: {n}");
    }
    let defaults = generator::unconfigured(&generated.api);
    if let (Some(config), false) = (config, defaults.is_empty()) {
        eprintln!(
            "note: {} endpoint(s) are not named in {}; generated under default names:",
            defaults.len(),
            config.display()
        );
        for d in &defaults {
            eprintln!("  {d}");
        }
    }
}

fn check(
    out: &Path,
    generated: &generator::Generated,
    spec: &Path,
    config: Option<&Path>,
) -> ExitCode {
    match generator::output::diff(out, &generated.files) {
        Ok(changes) if changes.is_empty() => {
            println!(
                "{} is up to date ({} files)",
                out.display(),
                generated.files.len()
            );
            ExitCode::SUCCESS
        }
        Ok(changes) => {
            let from = match config {
                Some(c) => format!("{} and {}", spec.display(), c.display()),
                None => spec.display().to_string(),
            };
            eprintln!(
                "{} is stale; regenerating from {from} would change {} file(s):",
                out.display(),
                changes.len()
            );
            for c in &changes {
                eprintln!("  {c}");
            }
            ExitCode::FAILURE
        }
        Err(d) => {
            eprintln!("error: {d}");
            ExitCode::from(2)
        }
    }
}
