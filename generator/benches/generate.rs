//! Generation time: `cargo bench -p generator`.
//!
//! Runs the whole pipeline (read + parse the spec and config, lower, emit, format) in memory,
//! a few warm-up rounds then timed rounds, and prints min / median / max wall time per stage,
//! for the Straddle spec with its config and for the largest corpus spec without one.
//! `BENCH_SPEC=path/to/spec.json` adds one more spec, generated without a config (the
//! 2.5 MB Stripe spec of `scripts/sweep`'s download, say); `BENCH_ROUNDS` sets the rounds.

/// mimalloc, as in the `generator` binary (see `generator/Cargo.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (
        samples[0],
        samples[samples.len() / 2],
        samples[samples.len() - 1],
    )
}

fn bench(label: &str, spec: &Path, config: Option<&Path>, rounds: usize) {
    let opts = generator::Options {
        spec,
        config,
        name: None,
        skip_unsupported: false,
    };
    for _ in 0..3 {
        generator::generate_with(&opts).expect("the spec generates");
    }
    let mut total = Vec::new();
    let mut parse = Vec::new();
    let mut files = 0;
    let mut bytes = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let g = generator::generate_with(&opts).expect("the spec generates");
        total.push(start.elapsed());
        files = g.files.len();
        bytes = g.files.values().map(String::len).sum::<usize>();
        drop(g);

        let start = Instant::now();
        let doc = generator::load::load_spec_value(spec).expect("the spec loads");
        let _ = generator::normalize::normalize(spec, doc, false).expect("the spec normalizes");
        parse.push(start.elapsed());
    }
    let (min, med, max) = stats(total);
    let (pmin, pmed, pmax) = stats(parse);
    println!("generate {label} ({rounds} rounds, {files} files, {bytes} bytes)");
    println!("  whole pipeline: min {min:?}  median {med:?}  max {max:?}");
    println!("  of which spec load+normalize+parse: min {pmin:?}  median {pmed:?}  max {pmax:?}");
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    bench(
        "straddle",
        &root.join("spec/openapi.yaml"),
        Some(&root.join("spec/generator.yaml")),
        rounds,
    );
    bench(
        "squareup.com (largest corpus spec, no config)",
        &root.join("tests/specs/corpus/squareup.com.json"),
        None,
        rounds.div_ceil(2),
    );
    if let Ok(extra) = std::env::var("BENCH_SPEC") {
        let path = PathBuf::from(&extra);
        bench(&extra, &path, None, rounds.div_ceil(4));
    }
}
