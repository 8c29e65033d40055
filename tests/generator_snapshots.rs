//! Snapshots (insta, under `snapshots/`) of representative files generated in memory: a
//! change to the generator shows up here as a reviewable diff of the code users get.
//!
//! Review changes with `INSTA_UPDATE=always cargo test -p sdk-tests --test generator_snapshots`
//! and `git diff tests/snapshots`. With `CI` set, insta writes nothing and fails on any
//! mismatch or missing snapshot.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use sdk_tests::workspace_root;

type Files = BTreeMap<String, String>;

fn generate(spec: &str, config: &str) -> Files {
    let root = workspace_root();
    match generator::generate(&root.join(spec), &root.join(config)) {
        Ok(generated) => generated.files,
        Err(d) => panic!("generation failed:\n{d}"),
    }
}

fn straddle() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| generate("spec/openapi.yaml", "spec/generator.yaml"))
}

fn petstore() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        generate(
            "tests/specs/petstore/openapi.yaml",
            "tests/specs/petstore/generator.yaml",
        )
    })
}

fn edge_cases() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        generate(
            "tests/specs/edge-cases/openapi.yaml",
            "tests/specs/edge-cases/generator.yaml",
        )
    })
}

/// Snapshots the generated file `path` of the crate `krate` as `<krate>__<path with / as __>`.
fn check(krate: &str, files: &Files, path: &str) {
    let Some(contents) = files.get(path) else {
        panic!(
            "the {krate} crate has no file {path}; it has:\n{}",
            files.keys().cloned().collect::<Vec<_>>().join("\n")
        );
    };
    let name = format!("{krate}__{}", path.replace('/', "__"));
    let mut settings = insta::Settings::clone_current();
    settings.set_description(format!("{path} of the generated {krate} crate"));
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, contents));
}

macro_rules! snapshots {
    ($($test:ident: $krate:ident $path:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check(stringify!($krate), $krate(), $path);
            }
        )*
    };
}

snapshots! {
    straddle_model: straddle "src/types/customer_v1.rs";
    straddle_string_enum: straddle "src/types/customer_status.rs";
    straddle_params_module: straddle "src/types/customer_create_params.rs";
    straddle_resource: straddle "src/resources/customers/review.rs";
    straddle_client: straddle "src/client.rs";
    straddle_lib: straddle "src/lib.rs";
    straddle_cargo_toml: straddle "Cargo.toml";

    petstore_resource: petstore "src/resources/pets.rs";
    petstore_model: petstore "src/types/pet.rs";

    edge_cases_keywords: edge_cases "src/types/keyword_bag.rs";
    edge_cases_odd_enum_values: edge_cases "src/types/label_style.rs";
    edge_cases_discriminated_union: edge_cases "src/types/payment_method.rs";
    edge_cases_recursive: edge_cases "src/types/tree_node.rs";
    edge_cases_multipart: edge_cases "src/resources/files.rs";
}

/// The part of `text` from the line `from` up to (not including) the next line that starts
/// with `until`.
fn section<'t>(text: &'t str, from: &str, until: &str) -> &'t str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no `{from}` in the text"));
    let rest = &text[start + from.len()..];
    let end = rest
        .find(&format!("\n{until}"))
        .map_or(text.len(), |i| start + from.len() + i + 1);
    &text[start..end]
}

fn check_text(name: &str, what: &str, contents: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_description(what.to_string());
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, contents));
}

/// One entry of the API reference: a seed page's method, every fact in its order.
#[test]
fn straddle_api_md_refresh_review_entry() {
    let api_md = &straddle()["api.md"];
    let entry = section(
        api_md,
        "<a id=\"customers-review-refresh-review\"></a>",
        "<a id=",
    );
    check_text(
        "straddle__api.md__customers_review_refresh_review",
        "the `customers.review.refresh_review` entry of api.md",
        entry,
    );
}

/// One type of the reference's Types section, as a field tree.
#[test]
fn straddle_api_md_customer_type() {
    let api_md = &straddle()["api.md"];
    let entry = section(api_md, "<a id=\"type-customerv1\"></a>", "<a id=");
    check_text(
        "straddle__api.md__type_customer_v1",
        "the `CustomerV1` type of api.md's Types",
        entry,
    );
}

/// One section of the README (the crate's front page).
#[test]
fn straddle_readme_pagination_section() {
    let readme = &straddle()["README.md"];
    let part = section(readme, "## Pagination", "## ");
    check_text(
        "straddle__README.md__pagination",
        "the Pagination section of the README",
        part,
    );
}
