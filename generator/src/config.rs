//! The generator's config: everything about one SDK that the OpenAPI document does not say.

use indexmap::IndexMap;
use serde::Deserialize;

/// Everything is optional: what the config leaves out is inferred from the spec
/// ([`Config::complete`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(rename = "crate", default)]
    pub krate: CrateConfig,
    #[serde(default)]
    pub client: ClientConfig,
    /// Pagination schemes by name, referred to by methods.
    #[serde(default)]
    pub pagination: IndexMap<String, PaginationConfig>,
    /// Resource path (dot-separated) -> method name -> endpoint.
    #[serde(default)]
    pub resources: IndexMap<String, IndexMap<String, MethodConfig>>,
    /// Generated per-endpoint tests against a mock server; none when absent.
    #[serde(default)]
    pub tests: Option<TestsConfig>,
    /// Corrections to the spec: JSON pointer -> JSON merge patch of the node there, applied
    /// before the spec is read (e.g. `{ format: null }` for a date the API sends masked).
    #[serde(default)]
    pub schema_overrides: IndexMap<String, serde_json::Value>,
    /// A directory (relative to the config) of example programs, copied into the crate's
    /// `examples/`: the flows a user of this API runs first.
    #[serde(default)]
    pub examples_dir: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestsConfig {
    /// The environment variable holding the mock server's base URL.
    pub mock_url_env: String,
    /// A response header in which the mock server reports request violations (Prism:
    /// `sl-violations`); a test fails when it is present.
    #[serde(default)]
    pub violations_header: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateConfig {
    /// The package name; by default from `info.title`.
    #[serde(default)]
    pub name: String,
    /// A semver version; `0.1.0` by default.
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub description: String,
    /// Human name of the API, used in docs and the user agent; by default `info.title`.
    #[serde(default)]
    pub title: String,
    /// The package's license (an SPDX expression); `MIT OR Apache-2.0` by default.
    #[serde(default)]
    pub license: Option<String>,
    /// Where the crate's source lives.
    #[serde(default)]
    pub repository: Option<String>,
    /// The API's home page; by default the spec's `externalDocs.url` or `info.contact.url`.
    #[serde(default)]
    pub homepage: Option<String>,
    /// Where the crate's docs are; `https://docs.rs/<name>` by default.
    #[serde(default)]
    pub documentation: Option<String>,
    /// crates.io keywords (at most 5).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// crates.io categories; `api-bindings` by default.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Whether the crate may be published (`publish = false` otherwise).
    #[serde(default)]
    pub publish: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// Base URLs; by default the spec's `servers`.
    #[serde(default)]
    pub environments: Vec<EnvironmentConfig>,
    #[serde(default)]
    pub api_key_env: Option<String>,
    #[serde(default)]
    pub base_url_env: Option<String>,
    /// Name of the OpenAPI security scheme the API key is sent with; without a config, the
    /// first usable scheme the spec requires.
    #[serde(default)]
    pub security_scheme: Option<String>,
    #[serde(default = "default_timeout")]
    pub timeout_seconds: u64,
    #[serde(default = "default_connect_timeout")]
    pub connect_timeout_seconds: u64,
    #[serde(default = "default_max_retries")]
    pub max_retries: u32,
    #[serde(default = "default_initial_delay")]
    pub retry_initial_delay_ms: u64,
    #[serde(default = "default_max_delay")]
    pub retry_max_delay_ms: u64,
    /// A header parameter that makes requests idempotent (e.g. `Idempotency-Key`): when an
    /// operation has it and the caller does not set it, the SDK sends a fresh key, the same
    /// on every retry of that call.
    #[serde(default)]
    pub idempotency_header: Option<String>,
    /// Statuses retried besides 5xx (default 408, 409, 429).
    #[serde(default = "default_retry_statuses")]
    pub retry_statuses: Vec<u16>,
    /// Response headers that carry the server's request id, in order of preference (default
    /// `request-id`, `x-request-id`).
    #[serde(default = "default_request_id_headers")]
    pub request_id_headers: Vec<String>,
    /// Where error bodies carry the request id when no header does (a JSON pointer, e.g.
    /// `/meta/api_request_id`).
    #[serde(default)]
    pub request_id_pointer: Option<String>,
    /// Property names (as on the wire) whose values are secrets or personal data: `Debug`
    /// output of the types holding them shows `<redacted>` instead. Properties with
    /// `format: password` are always treated so.
    #[serde(default)]
    pub sensitive_fields: Vec<String>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            environments: Vec::new(),
            api_key_env: None,
            base_url_env: None,
            security_scheme: None,
            timeout_seconds: default_timeout(),
            connect_timeout_seconds: default_connect_timeout(),
            max_retries: default_max_retries(),
            retry_initial_delay_ms: default_initial_delay(),
            retry_max_delay_ms: default_max_delay(),
            idempotency_header: None,
            retry_statuses: default_retry_statuses(),
            request_id_headers: default_request_id_headers(),
            request_id_pointer: None,
            sensitive_fields: Vec::new(),
        }
    }
}

fn default_timeout() -> u64 {
    60
}

fn default_connect_timeout() -> u64 {
    10
}

fn default_max_retries() -> u32 {
    2
}

fn default_initial_delay() -> u64 {
    500
}

fn default_max_delay() -> u64 {
    8000
}

fn default_retry_statuses() -> Vec<u16> {
    vec![408, 409, 429]
}

fn default_request_id_headers() -> Vec<String> {
    vec!["request-id".to_string(), "x-request-id".to_string()]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentConfig {
    pub name: String,
    pub base_url: String,
    #[serde(default)]
    pub default: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationConfig {
    pub kind: PaginationKind,
    pub page_param: String,
    pub size_param: String,
    /// The response field holding the page's items.
    pub items_field: String,
    #[serde(default = "one")]
    pub first_page: u64,
    /// The response field holding the number of pages, dotted (e.g. `meta.total_pages`):
    /// paging stops after that page rather than at an empty one.
    #[serde(default)]
    pub total_pages_field: Option<String>,
}

fn one() -> u64 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaginationKind {
    /// `?page=N&size=M`, next page is N+1, stops on an empty page.
    PageNumber,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum MethodConfig {
    /// `"GET /v1/things"`
    Endpoint(String),
    Detailed {
        endpoint: String,
        #[serde(default)]
        pagination: Option<String>,
    },
}

impl MethodConfig {
    pub fn endpoint(&self) -> &str {
        match self {
            MethodConfig::Endpoint(e) => e,
            MethodConfig::Detailed { endpoint, .. } => endpoint,
        }
    }

    pub fn pagination(&self) -> Option<&str> {
        match self {
            MethodConfig::Endpoint(_) => None,
            MethodConfig::Detailed { pagination, .. } => pagination.as_deref(),
        }
    }
}
