//! The hand-written runtime, embedded at build time and copied into every generated crate.

/// `(file name, contents)` of each runtime source file, written to `src/runtime/`.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("body.rs", include_str!("../../templates/runtime/body.rs")),
    (
        "client.rs",
        include_str!("../../templates/runtime/client.rs"),
    ),
    ("de.rs", include_str!("../../templates/runtime/de.rs")),
    ("ser.rs", include_str!("../../templates/runtime/ser.rs")),
    (
        "decode.rs",
        include_str!("../../templates/runtime/decode.rs"),
    ),
    (
        "encode.rs",
        include_str!("../../templates/runtime/encode.rs"),
    ),
    ("error.rs", include_str!("../../templates/runtime/error.rs")),
    (
        "extras.rs",
        include_str!("../../templates/runtime/extras.rs"),
    ),
    ("json.rs", include_str!("../../templates/runtime/json.rs")),
    (
        "json_path.rs",
        include_str!("../../templates/runtime/json_path.rs"),
    ),
    (
        "lenient.rs",
        include_str!("../../templates/runtime/lenient.rs"),
    ),
    ("mod.rs", include_str!("../../templates/runtime/mod.rs")),
    (
        "multipart.rs",
        include_str!("../../templates/runtime/multipart.rs"),
    ),
    (
        "nullable.rs",
        include_str!("../../templates/runtime/nullable.rs"),
    ),
    (
        "pagination.rs",
        include_str!("../../templates/runtime/pagination.rs"),
    ),
    (
        "request.rs",
        include_str!("../../templates/runtime/request.rs"),
    ),
    (
        "response.rs",
        include_str!("../../templates/runtime/response.rs"),
    ),
    ("raw.rs", include_str!("../../templates/runtime/raw.rs")),
    (
        "redact.rs",
        include_str!("../../templates/runtime/redact.rs"),
    ),
    ("retry.rs", include_str!("../../templates/runtime/retry.rs")),
    ("wire.rs", include_str!("../../templates/runtime/wire.rs")),
    (
        "exchange.rs",
        include_str!("../../templates/runtime/exchange.rs"),
    ),
    (
        "unknown_fields.rs",
        include_str!("../../templates/runtime/unknown_fields.rs"),
    ),
    (
        "blocking.rs",
        include_str!("../../templates/runtime/blocking.rs"),
    ),
    (
        "streaming.rs",
        include_str!("../../templates/runtime/streaming.rs"),
    ),
    ("send.rs", include_str!("../../templates/runtime/send.rs")),
];
