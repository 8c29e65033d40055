//! Bad input makes the generator fail with an error that names the file and the place in it
//! (see `specs/README.md` for what is wrong with each fixture under `specs/bad/`).
//!
//! Paths are relative to this package's directory, where `cargo test` runs the tests, so the
//! expected messages read exactly as a user sees them.

use std::path::{Path, PathBuf};

use generator::diag::Diagnostics;

/// A config with no resources, for specs that have no config of their own: every operation
/// gets a default name, so nothing in it can be the cause of an error.
const MINIMAL_CONFIG: &str = "\
crate:
  name: things
  version: 0.1.0
  description: Things.
  title: Things
client:
  environments:
    - name: production
      base_url: https://api.example.com
      default: true
  timeout_seconds: 60
  connect_timeout_seconds: 5
  max_retries: 2
  retry_initial_delay_ms: 500
  retry_max_delay_ms: 8000
";

fn fixture(rel: &str) -> PathBuf {
    let path = PathBuf::from(rel);
    assert!(
        Path::new("specs/bad").is_dir(),
        "run these tests with `cargo test -p sdk-tests`, from the `tests` package directory"
    );
    path
}

/// Writes [`MINIMAL_CONFIG`] to a temporary directory.
fn minimal_config() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("generator.yaml");
    std::fs::write(&path, MINIMAL_CONFIG).unwrap();
    (dir, path)
}

fn error_of(spec: &Path, config: &Path) -> Diagnostics {
    match generator::generate(spec, config) {
        Ok(_) => panic!("{} was accepted, but it is invalid", spec.display()),
        Err(d) => d,
    }
}

/// The error for a spec that is used with [`MINIMAL_CONFIG`].
fn spec_error(spec: &str) -> String {
    let (_dir, config) = minimal_config();
    error_of(&fixture(spec), &config).to_string()
}

#[test]
fn unresolvable_ref_names_the_ref_and_where_it_is() {
    assert_eq!(
        spec_error("specs/bad/unresolvable-ref.yaml"),
        "specs/bad/unresolvable-ref.yaml: #/paths/~1things/post/requestBody: \
         unresolvable $ref `#/components/schemas/Missing`\n  \
         help: expected a reference to an entry of #/components/requestBodies"
    );
}

#[test]
fn invalid_yaml_gives_line_and_column() {
    assert_eq!(
        spec_error("specs/bad/invalid-yaml.yaml"),
        "specs/bad/invalid-yaml.yaml:10:7: invalid YAML: did not find expected ',' or ']' \
         at line 10 column 7, while parsing a flow sequence at line 9 column 19"
    );
}

#[test]
fn invalid_json_gives_line_and_column() {
    assert_eq!(
        spec_error("specs/bad/bad-json.json"),
        "specs/bad/bad-json.json:11:9: invalid JSON: expected `,` or `}` at line 11 column 9"
    );
}

#[test]
fn config_naming_an_endpoint_the_spec_lacks_points_into_the_config() {
    let err = error_of(
        &fixture("specs/petstore/openapi.yaml"),
        &fixture("specs/bad/config-unknown-endpoint.yaml"),
    );
    assert_eq!(
        err.to_string(),
        "specs/bad/config-unknown-endpoint.yaml: #/resources/pets/nope: \
         the spec has no operation `GET /nope`\n  \
         help: every endpoint in the config must be an operation of the spec \
         (`METHOD /path` as under #/paths)"
    );
}

#[test]
fn not_schema_is_typed_as_any_value_with_a_note_where_it_is() {
    let (_dir, config) = minimal_config();
    let generated = generator::generate(&fixture("specs/bad/unsupported.yaml"), &config)
        .unwrap_or_else(|d| panic!("unsupported.yaml must generate, with a note:\n{d}"));
    let notes: Vec<String> = generated.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        notes,
        ["specs/bad/unsupported.yaml: \
         #/paths/~1things/post/requestBody/content/application~1json/schema/properties/kind/not: \
         `not` schemas cannot be expressed as a Rust type; typed as any JSON value\n  \
         help: describe the allowed values positively (type, enum or oneOf), or drop the `not`"]
    );
}

#[test]
fn integer_bound_beyond_u64_is_accepted() {
    let (_dir, config) = minimal_config();
    let generated = match generator::generate(&fixture("specs/bad/big-int.json"), &config) {
        Ok(g) => g,
        Err(d) => panic!("big-int.json is valid but was rejected:\n{d}"),
    };
    let counter = &generated.files["src/types/counter.rs"];
    assert!(
        counter.contains("    pub value: i64,\n"),
        "src/types/counter.rs:\n{counter}"
    );
}

#[test]
fn missing_spec_file_is_named() {
    assert_eq!(
        spec_error("specs/bad/does-not-exist.yaml"),
        "specs/bad/does-not-exist.yaml: cannot read file: No such file or directory (os error 2)"
    );
}

#[test]
fn missing_config_file_is_named() {
    let err = error_of(
        &fixture("specs/petstore/openapi.yaml"),
        &fixture("specs/petstore/does-not-exist.yaml"),
    );
    assert_eq!(
        err.to_string(),
        "specs/petstore/does-not-exist.yaml: cannot read file: No such file or directory (os error 2)"
    );
}

#[test]
fn no_bad_input_makes_the_generator_panic() {
    let (_dir, minimal) = minimal_config();
    let petstore = fixture("specs/petstore/openapi.yaml");
    let cases = [
        (fixture("specs/bad/unresolvable-ref.yaml"), minimal.clone()),
        (fixture("specs/bad/invalid-yaml.yaml"), minimal.clone()),
        (fixture("specs/bad/bad-json.json"), minimal.clone()),
        (fixture("specs/bad/unsupported.yaml"), minimal.clone()),
        (fixture("specs/bad/big-int.json"), minimal.clone()),
        (fixture("specs/bad/does-not-exist.yaml"), minimal.clone()),
        (
            petstore.clone(),
            fixture("specs/bad/config-unknown-endpoint.yaml"),
        ),
        (petstore, fixture("specs/petstore/does-not-exist.yaml")),
    ];
    let panicked: Vec<String> = cases
        .iter()
        .filter(|(spec, config)| {
            std::panic::catch_unwind(|| generator::generate(spec, config)).is_err()
        })
        .map(|(spec, config)| format!("{} with {}", spec.display(), config.display()))
        .collect();
    assert_eq!(panicked, Vec::<String>::new(), "the generator panicked");
}

/// The error for the Petstore spec with the Petstore config changed by `edit`.
fn petstore_config_error(edit: impl Fn(&str) -> String) -> String {
    let original = std::fs::read_to_string("specs/petstore/generator.yaml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("generator.yaml");
    std::fs::write(&config, edit(&original)).unwrap();
    let err = error_of(Path::new("specs/petstore/openapi.yaml"), &config).to_string();
    // The temporary path differs per run; the rest of the message is what a user reads.
    err.replace(&config.display().to_string(), "generator.yaml")
}

#[test]
fn a_resource_named_like_a_client_method_is_refused() {
    let err = petstore_config_error(|c| c.replace("  pets:\n", "  builder:\n"));
    assert_eq!(
        err,
        "generator.yaml: #/resources/builder: resource name `builder` cannot be used: \
         the client already has a method of that name\n  \
         help: choose another name for this resource"
    );
}

#[test]
fn two_methods_with_one_snake_case_name_are_refused() {
    let err =
        petstore_config_error(|c| c.replace("    get: GET /pets/{id}", "    List: GET /pets/{id}"));
    assert_eq!(
        err,
        "generator.yaml: #/resources/pets/list: two endpoints of `pets` are both named `list`\n  \
         help: method names are snake_cased; give each endpoint its own name"
    );
}

#[test]
fn an_invalid_crate_name_is_refused() {
    let err = petstore_config_error(|c| c.replace("name: petstore", "name: \"9 lives\""));
    assert_eq!(
        err,
        "generator.yaml: #/crate/name: `9 lives` is not a valid crate name\n  \
         help: use ASCII letters, digits, `-` and `_`, starting with a letter"
    );
}

#[test]
fn a_crate_name_with_a_dash_generates() {
    let original = std::fs::read_to_string("specs/petstore/generator.yaml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("generator.yaml");
    std::fs::write(
        &config,
        original.replace("name: petstore", "name: pet-store"),
    )
    .unwrap();
    let generated = generator::generate(Path::new("specs/petstore/openapi.yaml"), &config)
        .expect("a crate name with `-` is valid");
    assert!(generated.files["Cargo.toml"].contains("name = \"pet-store\""));
    assert!(generated.files["README.md"].contains("pet_store::Client::builder()"));
}

#[test]
fn writing_over_a_directory_the_generator_did_not_write_is_refused() {
    let (_dir, config) = minimal_config();
    let generated = generator::generate(Path::new("specs/petstore/openapi.yaml"), &config).unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let err = generator::output::write(out.path(), &generated.files).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: refusing to write here: the directory is not empty and holds no crate this \
             generator wrote\n  help: point --out at an empty directory or at a crate the \
             generator wrote before",
            out.path().display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "mine",
        "nothing was deleted"
    );
}

/// The error for a spec generated without a config.
fn error_without_config(spec: &str) -> String {
    let path = fixture(spec);
    match generator::generate_with(&generator::Options {
        spec: &path,
        config: None,
        name: None,
        skip_unsupported: false,
    }) {
        Ok(_) => panic!("{spec} was accepted, but it is invalid"),
        Err(d) => d.to_string(),
    }
}

#[test]
fn a_ref_to_another_file_names_that_file() {
    assert_eq!(
        error_without_config("specs/bad/external-ref.yaml"),
        "specs/bad/external-ref.yaml: \
         #/paths/~1pets/get/responses/200/content/application~1json/schema/$ref: \
         $ref `common.yaml#/components/schemas/Pet` refers to another document, `common.yaml`\n  \
         help: bundle the spec into one document first (e.g. `redocly bundle` or `swagger-cli bundle`)"
    );
}

#[test]
fn a_schema_composed_of_itself_is_refused_not_a_stack_overflow() {
    assert_eq!(
        error_without_config("specs/bad/self-all-of.yaml"),
        "specs/bad/self-all-of.yaml: #/components/schemas/Node/allOf/0: \
         allOf includes `#/components/schemas/Node`, which includes this schema itself\n  \
         help: a schema cannot be composed of itself; refer to it from a property instead"
    );
}

#[test]
fn every_problem_is_reported_in_one_run_sorted_at_the_deepest_node() {
    assert_eq!(
        error_without_config("specs/bad/many-problems.yaml"),
        "specs/bad/many-problems.yaml: \
         #/paths/~1others/get/responses/200/content/application~1json/schema/$ref: \
         unresolvable $ref `#/components/schemas/Other`\n  \
         help: no entry of that name under #/components/schemas (1 entries there); check the spelling\n\
         error: specs/bad/many-problems.yaml: #/paths/~1things/get/parameters/0/in: \
         `in` must be query, header, path or cookie, not `body`\n\
         error: specs/bad/many-problems.yaml: #/paths/~1things/get/parameters/1/style: \
         style `tabular` is not one of form, spaceDelimited, pipeDelimited, deepObject for a query parameter\n\
         3 problems"
    );
}

#[test]
fn skip_unsupported_generates_the_rest_and_lists_what_it_left_out() {
    let path = fixture("specs/bad/many-problems.yaml");
    let generated = generator::generate_with(&generator::Options {
        spec: &path,
        config: None,
        name: None,
        skip_unsupported: true,
    })
    .unwrap_or_else(|d| panic!("with --skip-unsupported it must generate:\n{d}"));
    let notes: Vec<String> = generated.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        notes,
        [
            // A slip that is only noted, with or without the flag.
            "specs/bad/many-problems.yaml: #/components/schemas/Thing/properties/name/minLength: \
             `minLength` must be a number, not `\"five\"`; ignored",
            "specs/bad/many-problems.yaml: \
             #/paths/~1others/get/responses/200/content/application~1json/schema/$ref: \
             left out: unresolvable $ref `#/components/schemas/Other`\n  \
             help: no entry of that name under #/components/schemas (1 entries there); check the spelling",
            "specs/bad/many-problems.yaml: #/paths/~1things/get/parameters/0/in: \
             left out: `in` must be query, header, path or cookie, not `body`",
            "specs/bad/many-problems.yaml: #/paths/~1things/get/parameters/0: \
             left out: a parameter needs `in` (query, header, path or cookie)",
            "specs/bad/many-problems.yaml: #/paths/~1things/get/parameters/1/style: \
             left out: style `tabular` is not one of form, spaceDelimited, pipeDelimited, deepObject for a query parameter",
        ]
    );
    // What was wrong is gone; the rest is there.
    let thing = &generated.files["src/types/thing.rs"];
    assert!(thing.contains("pub name: Option<String>,"), "{thing}");
    assert!(thing.contains("pub size: Option<i64>,"), "{thing}");
    let things = &generated.files["src/resources/things.rs"];
    assert!(!things.contains("limit"), "{things}");
    assert!(generated.files.contains_key("src/resources/others.rs"));
}

#[test]
fn an_invalid_crate_version_cannot_inject_into_cargo_toml() {
    let error = petstore_config_error(|c| {
        c.replace(
            "version: 0.1.0",
            "version: \"0.1.0\\\"\\nbuild = \\\"evil.rs\"",
        )
    });
    assert_eq!(
        error,
        "generator.yaml: #/crate/version: `0.1.0\\\"\\nbuild = \\\"evil.rs` is not a semver version\n  \
         help: write it as MAJOR.MINOR.PATCH, e.g. `0.1.0` or `1.2.0-beta.1`"
    );
}

#[test]
fn crate_names_rust_gives_a_meaning_are_refused() {
    let error = petstore_config_error(|c| c.replace("name: petstore", "name: self"));
    assert_eq!(
        error,
        "generator.yaml: #/crate/name: `self` cannot name a crate: Rust or cargo already gives it a meaning\n  \
         help: choose another name, e.g. `self-sdk`"
    );
}
