//! Every Rust file the generator writes is what prettyplease prints for its code: parsed and
//! printed again, it comes back the same. Much of the code is written as text without going
//! through prettyplease (`emit::text`); this holds that text to prettyplease's layout, on
//! specs whose shapes differ (Straddle, the test crates, corpus specs).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn check(spec: &str, config: Option<&str>) {
    let (spec, config) = (root().join(spec), config.map(|c| root().join(c)));
    let generated = generator::generate_with(&generator::Options {
        spec: &spec,
        config: config.as_deref(),
        name: None,
        skip_unsupported: true,
    })
    .unwrap_or_else(|e| panic!("{}: {e:?}", spec.display()));
    let mut checked = 0;
    for (path, text) in &generated.files {
        // The runtime is copied from `templates/` (formatted by rustfmt), not generated.
        if !path.ends_with(".rs") || path.contains("/runtime/") || path.starts_with("examples/") {
            continue;
        }
        let body = text
            .strip_prefix(generator::emit::rust::HEADER)
            .unwrap_or_else(|| panic!("{path} starts with the header"));
        let file = syn::parse_file(body).unwrap_or_else(|e| panic!("{path}: {e}"));
        let again = prettyplease::unparse(&file);
        if again != body {
            let line = body
                .lines()
                .zip(again.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{} {path}: line {} differs from prettyplease's:\n{}\n{}",
                spec.display(),
                line + 1,
                body.lines().nth(line).unwrap_or(""),
                again.lines().nth(line).unwrap_or("")
            );
        }
        checked += 1;
    }
    assert!(checked > 5, "{checked} files");
}

#[test]
fn straddle_is_formatted() {
    check("spec/openapi.yaml", Some("spec/generator.yaml"));
}

#[test]
fn the_test_crates_are_formatted() {
    check(
        "tests/specs/edge-cases/openapi.yaml",
        Some("tests/specs/edge-cases/generator.yaml"),
    );
    check(
        "tests/specs/petstore/openapi.yaml",
        Some("tests/specs/petstore/generator.yaml"),
    );
}

#[test]
fn corpus_specs_are_formatted() {
    for spec in [
        "tests/specs/corpus/discourse.local.json",
        "tests/specs/corpus/3.0-schema-additional-properties.json",
        "tests/specs/corpus/3.0-complex-nesting.json",
        "tests/specs/corpus/twilio_messaging_v1.yaml",
    ] {
        check(spec, None);
    }
}
