//! Every real spec vendored under `specs/corpus/` (see its `SOURCES.md`) generates without a
//! config, with no problem reported. `scripts/corpus` also compiles each generated crate with
//! `clippy -D warnings`; `scripts/test` runs both.

use std::path::Path;

#[test]
fn every_corpus_spec_generates_without_a_config() {
    let mut specs: Vec<_> = std::fs::read_dir("specs/corpus")
        .expect("run from the tests package directory")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml")
            )
        })
        .collect();
    specs.sort();
    assert_eq!(specs.len(), 32, "{specs:?}");
    let mut failed = Vec::new();
    for spec in &specs {
        let result = generator::generate_with(&generator::Options {
            spec: Path::new(spec),
            config: None,
            name: None,
            skip_unsupported: false,
        });
        match result {
            Ok(g) => {
                assert!(g.files.contains_key("Cargo.toml"));
                assert!(g.files.contains_key("src/lib.rs"));
            }
            Err(d) => failed.push(format!("{}:\n{d}", spec.display())),
        }
    }
    assert!(
        failed.is_empty(),
        "{} specs failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}
