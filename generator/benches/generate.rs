//! Generation time for the Straddle spec: `cargo bench -p generator`.
//!
//! Runs the whole pipeline (read + parse the spec and config, lower, emit, format) in memory,
//! a few warm-up rounds then timed rounds, and prints min / median / max wall time per stage.

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (
        samples[0],
        samples[samples.len() / 2],
        samples[samples.len() - 1],
    )
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = root.join("spec/openapi.yaml");
    let config = root.join("spec/generator.yaml");
    let rounds = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);

    for _ in 0..3 {
        generator::generate(&spec, &config).expect("the Straddle spec generates");
    }
    let mut total = Vec::new();
    let mut parse = Vec::new();
    let mut files = 0;
    let mut bytes = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let g = generator::generate(&spec, &config).expect("the Straddle spec generates");
        total.push(start.elapsed());
        files = g.files.len();
        bytes = g.files.values().map(String::len).sum::<usize>();

        let start = Instant::now();
        let doc = generator::load::load_spec_value(&spec).expect("the spec loads");
        let _ = generator::normalize::normalize(&spec, doc, false).expect("the spec normalizes");
        parse.push(start.elapsed());
    }
    let (min, med, max) = stats(total);
    let (pmin, pmed, pmax) = stats(parse);
    println!("generate straddle ({rounds} rounds, {files} files, {bytes} bytes)");
    println!("  whole pipeline: min {min:?}  median {med:?}  max {max:?}");
    println!("  of which spec load+normalize+parse: min {pmin:?}  median {pmed:?}  max {pmax:?}");
}
