//! `cargo run -p generator`: regenerates the SDK from `spec/`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Generates a Rust SDK crate from an OpenAPI 3.0 spec and a generator config.
#[derive(Debug, Parser)]
#[command(name = "generator", version)]
struct Args {
    /// The OpenAPI document (YAML or JSON).
    #[arg(long, default_value_os_t = workspace_path("spec/openapi.yaml"))]
    spec: PathBuf,
    /// The generator config (YAML or JSON).
    #[arg(long, default_value_os_t = workspace_path("spec/generator.yaml"))]
    config: PathBuf,
    /// Where the crate is written.
    #[arg(long, default_value_os_t = workspace_path("generated"))]
    out: PathBuf,
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
    let generated = match generator::generate(&args.spec, &args.config) {
        Ok(g) => g,
        Err(d) => {
            eprintln!("error: {d}");
            return ExitCode::from(2);
        }
    };
    let defaults = generator::unconfigured(&generated.api);
    if !defaults.is_empty() {
        eprintln!(
            "note: {} endpoint(s) are not named in {}; generated under default names:",
            defaults.len(),
            args.config.display()
        );
        for d in &defaults {
            eprintln!("  {d}");
        }
    }
    if args.check {
        match generator::output::diff(&args.out, &generated.files) {
            Ok(changes) if changes.is_empty() => {
                println!(
                    "{} is up to date ({} files)",
                    args.out.display(),
                    generated.files.len()
                );
                ExitCode::SUCCESS
            }
            Ok(changes) => {
                eprintln!(
                    "{} is stale; regenerating from {} and {} would change {} file(s):",
                    args.out.display(),
                    args.spec.display(),
                    args.config.display(),
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
    } else {
        match generator::output::write(&args.out, &generated.files) {
            Ok(changes) => {
                println!(
                    "wrote {} ({} files, {} changed)",
                    args.out.display(),
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
