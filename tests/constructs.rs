//! The OpenAPI constructs of real specs, each from a focused spec under `specs/constructs/`,
//! generated without a config: what each becomes in the generated crate. `scripts/corpus`
//! compiles the same crates with `clippy -D warnings`.

use std::path::Path;

use generator::{Generated, Options};

fn generate(spec: &str) -> Generated {
    let path = Path::new("specs/constructs").join(spec);
    generator::generate_with(&Options {
        spec: &path,
        config: None,
        name: None,
        skip_unsupported: false,
    })
    .unwrap_or_else(|d| panic!("{spec} must generate without a config:\n{d}"))
}

/// The file, or a panic listing the files there are.
fn file<'g>(g: &'g Generated, path: &str) -> &'g str {
    g.files.get(path).map(String::as_str).unwrap_or_else(|| {
        let names: Vec<&String> = g.files.keys().collect();
        panic!("no {path}; files: {names:?}")
    })
}

/// Asserts that `text` contains every one of `parts`, printing the text when not.
fn assert_has(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "missing `{p}` in:\n{text}");
    }
}

fn notes(g: &Generated) -> Vec<String> {
    g.notes.iter().map(|n| n.to_string()).collect()
}

#[test]
fn all_of_annotation_members_apply_to_the_referenced_type() {
    let g = generate("allof-members.yaml");
    let pet = file(&g, "src/types/pet.rs");
    assert_has(
        pet,
        &[
            "/// The pet's owner, if it has one.",
            "pub owner: Option<crate::types::Base>,",
            "pub tags: Option<Vec<String>>,",
            "pub kind: Option<crate::types::Kind>,",
        ],
    );
}

#[test]
fn all_of_required_narrows_and_primitive_members_merge() {
    let g = generate("allof-members.yaml");
    assert_has(
        file(&g, "src/types/strict_base.rs"),
        &[
            "pub id: String,",
            "pub name: String,",
            // Two required fields: named at the call site, in a struct the compiler checks.
            "pub struct StrictBaseRequired {",
            "pub fn new(required: StrictBaseRequired) -> Self",
        ],
    );
    assert_has(file(&g, "src/types/uuid.rs"), &["pub type Uuid = String;"]);
    // A union member adds its variants' fields, optional.
    assert_has(
        file(&g, "src/types/record.rs"),
        &[
            "pub id: Option<String>,",
            "pub bark: Option<bool>,",
            "pub meow: Option<i64>,",
        ],
    );
}

#[test]
fn contradictory_all_of_is_any_value_with_a_note() {
    let g = generate("allof-members.yaml");
    assert_has(
        file(&g, "src/types/impossible.rs"),
        &["pub type Impossible = serde_json::Value;"],
    );
    assert_eq!(
        notes(&g),
        [
            "specs/constructs/allof-members.yaml: #/components/schemas/Impossible/allOf: these allOf \
          members are values of different types, which no value can be at once; typed as any JSON \
          value\n  help: give the allOf members one type, or use oneOf for alternatives"
        ]
    );
}

#[test]
fn compositions_beside_other_keywords_merge_with_them() {
    let g = generate("allof-members.yaml");
    assert_has(
        file(&g, "src/types/extended.rs"),
        &[
            "pub id: String,",
            "pub name: Option<String>,",
            "pub extra: String,",
        ],
    );
    assert_has(
        file(&g, "src/types/shape.rs"),
        &[
            "pub color: String,",
            "pub radius: Option<f64>,",
            "pub side: Option<f64>,",
        ],
    );
    // `type: string` beside a oneOf types its members.
    assert_has(
        file(&g, "src/types/code.rs"),
        &["pub enum Code {", "String(String),"],
    );
}

#[test]
fn refs_into_paths_and_component_insides_resolve() {
    let g = generate("refs-anywhere.json");
    let disks = file(&g, "src/resources/disks.rs");
    assert_has(
        disks,
        &[
            // Parameters by reference to a component and to a path's parameter.
            "pub fn list(&self) -> DisksListRequest",
            "pub fn limit(mut self, value: i32) -> Self",
            "/// Whether to include every detail.\n    ///\n    /// Sent as the `verbose` query parameter.\n    pub fn verbose(mut self, value: bool) -> Self",
            // A request body and a response by reference to components.
            "pub fn create(&self, name: impl Into<String>) -> DisksCreateRequest",
            "Output = crate::Result<crate::types::Disk>",
        ],
    );
    // A schema by reference into a path's response, and a path item by reference.
    let fs = file(&g, "src/resources/disks/filesystem.rs");
    assert_has(
        fs,
        &[
            "pub fn get(&self, id: impl Into<String>)",
            "crate::Result<crate::types::DiskFilesystem>",
        ],
    );
    // The property a reference points into is the type that reference names.
    assert_has(
        file(&g, "src/types/disk.rs"),
        &["pub filesystem: Option<crate::types::DiskFilesystem>,"],
    );
}

#[test]
fn non_json_bodies_are_bytes_or_text() {
    let g = generate("bodies.yaml");
    let artifacts = file(&g, "src/resources/artifacts.rs");
    assert_has(
        artifacts,
        &[
            "body: crate::runtime::FilePart",
            "request.raw(body, \"application/octet-stream\");",
            "Output = crate::Result<bytes::Bytes>",
        ],
    );
    // Two image types: the first is the default, a part's own content type picks another.
    assert_has(
        file(&g, "src/resources/images.rs"),
        &[
            "pub fn create(&self, body: crate::runtime::FilePart)",
            "request.raw(body, \"image/png\");",
        ],
    );
    assert_has(
        file(&g, "src/resources/markdown/raw.rs"),
        &[
            "pub fn body(mut self, value: String) -> Self",
            "request.text(body, \"text/plain\");",
            "crate::Result<String>",
        ],
    );
}

#[test]
fn parameters_described_by_content_are_encoded_as_it_says() {
    let g = generate("bodies.yaml");
    let search = file(&g, "src/resources/search.rs");
    assert_has(
        search,
        &[
            "pub fn filter(mut self, value: crate::types::SearchGetFilter) -> Self",
            "let value = &crate::runtime::encode::json_text(value);",
            "pub fn q(mut self, value: impl Into<String>) -> Self",
        ],
    );
    // A text/plain string is sent as it is.
    assert_eq!(search.matches("json_text").count(), 1, "{search}");
}

#[test]
fn yaml_with_integers_beyond_64_bits_loads() {
    let g = generate("big-integers.yaml");
    assert_has(
        file(&g, "src/types/counter.rs"),
        &["pub value: i64,", "pub limit: Option<i64>,"],
    );
    assert_has(
        file(&g, "src/resources/counters.rs"),
        &["pub fn above(mut self, value: i64)"],
    );
}

#[test]
fn openapi_3_1_constructs_become_their_3_0_forms() {
    let g = generate("openapi-3-1.json");
    let order = file(&g, "src/types/order.rs");
    assert_has(
        order,
        &[
            // type: [string, "null"] in a request type: omit, null, or a value.
            "pub note: Option<crate::runtime::Nullable<String>>,",
            // const: a one-value enum.
            "pub kind: crate::types::order::Kind,",
            // Numeric exclusive bounds.
            "pub quantity: i64,",
            // Two non-null types: a union.
            "pub discount: Option<crate::types::order::Discount>,",
            // $ref with a sibling description.
            "/// Where it goes.\n    pub shipping: Option<crate::types::Address>,",
            // anyOf [X, null].
            "pub billing: Option<crate::runtime::Nullable<crate::types::Address>>,",
            // A boolean schema.
            "pub anything: Option<serde_json::Value>,",
            "pub tuple: Option<Vec<serde_json::Value>>,",
        ],
    );
    assert_has(file(&g, "src/types/order.rs"), &["Order,", "\"order\""]);
    // An operation without responses still has a method (answering nothing).
    assert_has(
        file(&g, "src/resources/orders.rs"),
        &["pub fn create(", "Output = crate::Result<()>"],
    );
}

#[test]
fn a_3_1_document_with_only_webhooks_generates_its_types() {
    let g = generate("webhooks-only.json");
    assert_has(
        file(&g, "src/types/pet.rs"),
        &["pub name: String,", "pub tag: Option<String>,"],
    );
    assert!(
        !g.files
            .keys()
            .any(|f| f.starts_with("src/resources/") && f != "src/resources/mod.rs")
    );
}

#[test]
fn names_never_shadow_what_generated_code_uses() {
    let g = generate("names.yaml");
    assert_has(file(&g, "Cargo.toml"), &["name = \"self-sdk\""]);
    let result = file(&g, "src/types/result_type.rs");
    assert_has(
        result,
        &[
            "pub struct ResultType {",
            "Option<crate::types::OptionType>",
            "Option<crate::types::BoxType>",
            "Option<crate::types::StringType>",
            "Option<crate::types::VecType>",
            "Option<crate::types::ClientType>",
            "Option<crate::types::ErrorType>",
        ],
    );
    for path in g.files.keys() {
        let name = path.rsplit('/').next().unwrap_or(path);
        assert!(name.len() <= 120, "file name too long: {name}");
    }
    // Recursion through aliases alone has no Rust alias: the recursive part is any value.
    assert_has(
        file(&g, "src/types/nested.rs"),
        &["pub type Nested = Vec<serde_json::Value>;"],
    );
    assert_has(
        file(&g, "src/types/ping.rs"),
        &["pub type Ping = serde_json::Value;"],
    );
}

#[test]
fn identical_inline_objects_are_one_type() {
    let g = generate("shared-inline.yaml");
    let structs: Vec<&String> = g
        .files
        .iter()
        .filter(|(_, text)| text.contains("pub code: i64,"))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(structs, ["src/types/get_response400.rs"]);
    // One name per shape: the merged names are gone, every use names the shared type.
    assert!(!g.files.contains_key("src/types/a_get_response400.rs"));
    assert_has(
        file(&g, "src/client.rs"),
        &["pub fn error(&self) -> Option<crate::types::GetResponse400>"],
    );
}

#[test]
fn recursive_request_bodies_get_finite_examples() {
    let g = generate("recursion.yaml");
    // An expression tree: the example nests once, then ends in the union's plain variant.
    let evaluate = file(&g, "src/resources/evaluate.rs");
    assert_has(
        evaluate,
        &[
            "recursion::types::Operand::Expr(",
            "recursion::types::Operand::Number(1.5f64),",
        ],
    );
    // The example call and the example response both stay small.
    assert!(evaluate.lines().count() < 300, "{evaluate}");
    // A union whose first member is itself.
    assert_has(
        file(&g, "src/resources/nest.rs"),
        &["client.nest().create(recursion::types::Selfish::String(\"string\".to_string()))"],
    );
    assert_has(
        file(&g, "src/types/list.rs"),
        &["pub type List = Vec<serde_json::Value>;"],
    );
    assert_has(
        file(&g, "src/types/map.rs"),
        &["pub type Map = std::collections::BTreeMap<String, serde_json::Value>;"],
    );
}

#[test]
fn inputs_never_carry_response_names() {
    let g = generate("names-in-out.yaml");
    // The same enum in the create body and in the response: one type, named for neither.
    assert_has(
        file(&g, "src/types/widgets_create_body.rs"),
        &[
            "pub kind: crate::types::Kind,",
            "pub struct WidgetsCreateBodyRequired {",
        ],
    );
    assert_has(
        file(&g, "src/types/widget_v1.rs"),
        &["pub kind: Option<crate::types::Kind>,"],
    );
    // Two shapes want `State`: neither gets it, and the query's enum keeps a request's name;
    // the door's request and response enums stay apart, each in its own type's module.
    assert_has(
        file(&g, "src/resources/gadgets.rs"),
        &["pub fn state(mut self, value: crate::types::GadgetsListState) -> Self"],
    );
    assert_has(
        file(&g, "src/types/gadget.rs"),
        &["pub state: Option<crate::types::gadget::State>,"],
    );
    assert_has(
        file(&g, "src/types/doors_create_body.rs"),
        &["pub state: Option<crate::types::doors_create_body::State>,"],
    );
    for (path, text) in &g.files {
        if path.starts_with("src/resources/") {
            assert!(
                !text.contains("WidgetV1Data"),
                "{path} names a response type"
            );
        }
    }
}

#[test]
fn inline_types_live_in_their_root_type_s_module_under_short_names() {
    let g = generate("names-in-out.yaml");
    let widget = file(&g, "src/types/widget_v1.rs");
    assert_has(
        widget,
        &[
            "pub data: Option<crate::types::widget_v1::Data>,",
            "pub struct Data {",
        ],
    );
    assert_has(
        file(&g, "src/types/mod.rs"),
        &["pub mod widget_v1;", "pub use widget_v1::WidgetV1;"],
    );
}

#[test]
fn only_types_that_are_read_from_json_derive_deserialize() {
    let g = generate("decoding.yaml");
    let text = |t: &str| file(&g, &format!("src/types/{t}.rs")).to_string();
    let decodes = |t: &str, name: &str| {
        text(t).contains(&format!("impl<'de> serde::Deserialize<'de> for {name} {{"))
    };
    let encodes = |t: &str| text(t).contains("serde::Serialize");
    // Sent alone: encoded, never decoded.
    assert!(!decodes("new_price", "NewPrice") && encodes("new_price"));
    assert!(!text("note").contains("Deserialize") && encodes("note"));
    // Received, or held by a payload no operation uses: both.
    for (t, name) in [
        ("price", "Price"),
        ("price_changed_event", "PriceChangedEvent"),
        ("currency", "Currency"),
    ] {
        assert!(decodes(t, name) && encodes(t), "{t}:\n{}", text(t));
    }
}
