//! Cargo features per top-level resource: what the generated Straddle crate declares and gates.
//! (`scripts/features`, run by the test command, compiles every crate with each feature alone.)

use sdk_tests::workspace_root;

fn generated(path: &str) -> String {
    let file = workspace_root().join("generated").join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The line before the first line equal to `line`.
fn line_before(text: &str, line: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .position(|l| *l == line)
        .unwrap_or_else(|| panic!("no line `{line}`"));
    lines[i - 1].to_string()
}

#[test]
fn every_top_level_resource_is_a_feature_on_by_default() {
    let manifest = generated("Cargo.toml");
    assert!(
        manifest.contains(
            "default = [\"embed\", \"bridge\", \"customers\", \"paykeys\", \"charges\", \
             \"funding_events\", \"payments\", \"payouts\", \"reports\"]"
        ),
        "{manifest}"
    );
    for f in ["embed", "customers", "funding_events", "reports"] {
        assert!(manifest.contains(&format!("\n{f} = []\n")), "{f}");
    }
    // `blocking` is not a resource and stays off.
    assert!(manifest.contains("\nblocking = [\"tokio/rt-multi-thread\"]\n"));
}

#[test]
fn a_resource_module_and_its_accessors_exist_with_its_feature_alone() {
    let resources = generated("src/resources/mod.rs");
    assert_eq!(
        line_before(&resources, "pub mod customers;"),
        "#[cfg(feature = \"customers\")]"
    );
    let client = generated("src/client.rs");
    // The async and the blocking client's accessors.
    assert_eq!(
        client
            .matches("#[cfg(feature = \"customers\")]\n    pub fn customers(")
            .count(),
        2
    );
}

#[test]
fn a_type_exists_with_any_resource_that_reaches_it() {
    let types = generated("src/types/mod.rs");
    // Reached from `embed` alone.
    assert_eq!(
        line_before(&types, "mod access_level;"),
        "#[cfg(feature = \"embed\")]"
    );
    assert_eq!(
        line_before(&types, "pub use access_level::AccessLevel;"),
        "#[cfg(feature = \"embed\")]"
    );
    // A bank account type, reached from bridge and from paykeys.
    assert_eq!(
        line_before(&types, "mod account_type;"),
        "#[cfg(any(feature = \"bridge\", feature = \"paykeys\"))]"
    );
    // The error body `ApiError::error()` decodes is always there.
    assert!(!line_before(&types, "mod error_response;").starts_with("#[cfg"));
}

#[test]
fn example_programs_require_the_features_they_call() {
    let manifest = generated("Cargo.toml");
    assert!(manifest.contains(
        "[[example]]\nname = \"customer_review\"\nrequired-features = [\"customers\"]\n"
    ));
    assert!(manifest.contains(
        "[[example]]\nname = \"paykey_charge\"\nrequired-features = [\"bridge\", \"charges\"]\n"
    ));
}

#[test]
fn the_readme_says_how_to_compile_a_few_resources() {
    let readme = generated("README.md");
    assert!(readme.contains(
        "straddle = { version = \"0.1.0\", default-features = false, features = [\"embed\", \"bridge\"] }"
    ));
}
