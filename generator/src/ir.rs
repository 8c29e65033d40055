//! The intermediate representation: what the SDK is, independent of how it is written out.
//!
//! Lowering (`crate::lower`) builds it from the spec and config; emission (`crate::emit`)
//! turns it into Rust. Names here are already Rust identifiers (escaped, de-duplicated);
//! `wire` fields keep the names as they travel over HTTP.

use std::collections::BTreeMap;

/// The whole SDK.
#[derive(Debug, Clone)]
pub struct Api {
    pub krate: CrateInfo,
    pub client: ClientInfo,
    /// Every named type, in a stable order (by name).
    pub types: BTreeMap<String, TypeDef>,
    /// Top-level resources; each holds its methods and sub-resources.
    pub resources: Vec<Resource>,
    /// Per-endpoint tests against a mock server, when the config asks for them.
    pub tests: Option<TestSettings>,
    /// The spec's example string of each property name, from the first type that gives one
    /// (computed once, on first use, for the examples of every file).
    pub field_examples: std::sync::OnceLock<BTreeMap<String, serde_json::Value>>,
}

#[derive(Debug, Clone)]
pub struct TestSettings {
    /// The environment variable holding the mock server's base URL.
    pub mock_url_env: String,
    /// A response header in which the mock server reports request violations.
    pub violations_header: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CrateInfo {
    /// The package name (may contain `-`).
    pub name: String,
    /// The name code uses for the crate (`-` becomes `_`).
    pub lib_name: String,
    pub version: String,
    pub description: String,
    pub title: String,
    /// The spec's `info.description`.
    pub api_description: Option<String>,
    pub api_version: String,
    /// What crates.io and docs.rs are told.
    pub package: PackageMeta,
}

/// A package's metadata for crates.io and docs.rs.
#[derive(Debug, Clone)]
pub struct PackageMeta {
    pub license: String,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    pub documentation: String,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub publish: bool,
}

#[derive(Debug, Clone)]
pub struct ClientInfo {
    pub environments: Vec<Environment>,
    pub api_key_env: Option<String>,
    pub base_url_env: Option<String>,
    pub auth: Option<Auth>,
    pub timeout_seconds: u64,
    pub connect_timeout_seconds: u64,
    pub max_retries: u32,
    pub retry_initial_delay_ms: u64,
    pub retry_max_delay_ms: u64,
    /// Header parameter filled with a generated key when the caller leaves it unset.
    pub idempotency_header: Option<String>,
    /// Statuses retried besides 5xx.
    pub retry_statuses: Vec<u16>,
    /// Response headers carrying the server's request id.
    pub request_id_headers: Vec<String>,
    /// A JSON pointer to the request id in error bodies.
    pub request_id_pointer: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Environment {
    /// Variant name, e.g. `Sandbox`.
    pub variant: String,
    pub name: String,
    pub base_url: String,
    pub is_default: bool,
    pub doc: Option<String>,
}

/// How the API key is attached to requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <key>`
    Bearer,
    /// `Authorization: Basic <key>` (the key is the already-encoded credential)
    Basic,
    /// `<header>: <key>`
    Header(String),
    /// `?<name>=<key>`
    Query(String),
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    /// The JSON pointer of the schema it came from.
    pub origin: String,
    pub kind: TypeKind,
    /// Whether values of this type are sent in requests (then optional nullable fields keep
    /// "omit" and "null" apart).
    pub in_request: bool,
    /// Whether values of this type are received in responses.
    pub in_response: bool,
    /// Whether values of this type are ever read from JSON (it gets `Deserialize`): a
    /// response type, a type no operation uses (a webhook payload, say), and all they hold.
    pub decoded: bool,
    /// Whether the generator named it (an inline schema) rather than the spec (a component).
    pub inline: bool,
}

impl TypeRef {
    /// Every type name this reference mentions, at any depth.
    pub fn names(&self) -> Vec<&str> {
        match self {
            TypeRef::Named(n) => vec![n.as_str()],
            TypeRef::Array(t) | TypeRef::Map(t) => t.names(),
            _ => Vec::new(),
        }
    }

    /// Renames every type name this reference mentions that `renames` maps.
    pub fn rename(&mut self, renames: &BTreeMap<String, String>) {
        match self {
            TypeRef::Named(n) => {
                if let Some(to) = renames.get(n) {
                    *n = to.clone();
                }
            }
            TypeRef::Array(t) | TypeRef::Map(t) => t.rename(renames),
            _ => {}
        }
    }
}

impl TypeKind {
    /// The type references this type holds (fields, extra properties, variants, alias).
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .map(|f| &mut f.ty)
                .chain(s.additional.as_mut())
                .collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum(_) => Vec::new(),
        }
    }

    /// The type references this type holds.
    pub fn refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.additional.as_ref())
                .collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

impl Method {
    /// The types a request carries: parameters and body.
    pub fn request_refs(&self) -> Vec<&TypeRef> {
        self.params
            .iter()
            .map(|p| &p.ty)
            .chain(self.body.as_ref().map(|b| &b.ty))
            .collect()
    }

    /// The types responses carry: the success body and documented error bodies.
    pub fn response_refs(&self) -> Vec<&TypeRef> {
        let success = match &self.response.kind {
            ResponseKind::Json(t) => Some(t),
            _ => None,
        };
        success
            .into_iter()
            .chain(self.errors.iter().filter_map(|e| e.ty.as_ref()))
            .collect()
    }

    /// Every type reference of the method (including the pagination item type).
    pub fn refs_mut(&mut self) -> Vec<&mut TypeRef> {
        let success = match &mut self.response.kind {
            ResponseKind::Json(t) => Some(t),
            _ => None,
        };
        self.params
            .iter_mut()
            .map(|p| &mut p.ty)
            .chain(self.body.as_mut().map(|b| &mut b.ty))
            .chain(success)
            .chain(self.errors.iter_mut().filter_map(|e| e.ty.as_mut()))
            .chain(self.pagination.as_mut().map(|p| &mut p.item_ty))
            .collect()
    }
}

impl Body {
    /// A body that is neither an object type nor required: set with a `body` setter.
    pub fn is_optional_whole(&self) -> bool {
        matches!(self.shape, BodyShape::Whole) && !self.required
    }
}

/// The definition `ty` names, following aliases (`None` for unnamed types and alias cycles).
pub fn resolve<'a>(types: &'a BTreeMap<String, TypeDef>, ty: &TypeRef) -> Option<&'a TypeDef> {
    let mut ty = ty;
    for _ in 0..16 {
        let TypeRef::Named(name) = ty else {
            return None;
        };
        let def = types.get(name)?;
        match &def.kind {
            TypeKind::Alias(inner) => ty = inner,
            _ => return Some(def),
        }
    }
    None
}

impl TypeDef {
    /// The struct this type is, if it is one.
    pub fn as_struct(&self) -> Option<&Struct> {
        match &self.kind {
            TypeKind::Struct(s) => Some(s),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(StringEnum),
    /// oneOf / anyOf: the first variant that matches wins, unknown shapes are kept.
    Union(Union),
    /// A name for another type, e.g. a top-level array or string schema.
    Alias(TypeRef),
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties`: extra keys are kept in a map of this value type.
    pub additional: Option<TypeRef>,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub wire: String,
    pub doc: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// Boxed to break a cycle of types.
    pub boxed: bool,
    pub read_only: bool,
    /// A secret or personal datum: `Debug` output hides it.
    pub sensitive: bool,
    pub schema: SchemaFacts,
}

impl Field {
    /// Whether the field is a constructor argument: required and not nullable. A required
    /// nullable field starts as `null` and gets a setter, like an optional one.
    pub fn is_argument(&self) -> bool {
        self.required && !self.nullable
    }
}

/// Constraints and examples a schema gives, used for docs and for test values.
#[derive(Debug, Clone, Default)]
pub struct SchemaFacts {
    pub format: Option<String>,
    pub example: Option<serde_json::Value>,
    pub default: Option<serde_json::Value>,
    pub pattern: Option<String>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_items: Option<usize>,
    /// Allowed values of an integer enum (string enums become types).
    pub int_values: Vec<i64>,
    /// The facts of an array's items.
    pub items: Option<Box<SchemaFacts>>,
}

#[derive(Debug, Clone)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps unknown values.
    pub unknown_variant: String,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: String,
    pub wire: String,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// `discriminator.propertyName`, when the spec gives one.
    pub discriminator: Option<String>,
    /// Name of the variant that keeps values matching no other variant.
    pub unknown_variant: String,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    pub boxed: bool,
    /// Discriminator values that select this variant.
    pub tags: Vec<String>,
}

/// A reference to a type as used in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    String,
    Bool,
    Int(IntKind),
    Float(FloatKind),
    Date,
    DateTime,
    /// Binary content: a file upload in multipart, raw bytes elsewhere.
    Binary,
    /// Any JSON value.
    Any,
    Array(Box<TypeRef>),
    Map(Box<TypeRef>),
    Named(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IntKind {
    I32,
    I64,
    U32,
    U64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FloatKind {
    F32,
    F64,
}

/// A node of the resource tree, e.g. `customers.review`.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Path segments, each a snake_case identifier: `["customers", "review"]`.
    pub path: Vec<String>,
    /// Type name of the resource handle, e.g. `CustomersReview`.
    pub type_name: String,
    pub methods: Vec<Method>,
    pub children: Vec<Resource>,
}

impl Resource {
    /// The last path segment: the accessor's name on the parent.
    pub fn accessor(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or_default()
    }

    /// All resources of this subtree, depth first, parents before children.
    pub fn walk(&self) -> Vec<&Resource> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

/// One endpoint.
#[derive(Debug, Clone)]
pub struct Method {
    /// snake_case method name.
    pub name: String,
    /// Name of the request-builder type.
    pub builder: String,
    /// The spec's operationId, or `METHOD /path` when it has none.
    pub operation_id: String,
    pub http_method: HttpMethod,
    /// Path template as in the spec, e.g. `/v1/customers/{id}`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    /// JSON pointer of the operation.
    pub origin: String,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub response: Response,
    pub errors: Vec<ErrorResponse>,
    pub pagination: Option<Pagination>,
    /// Whether the config named this endpoint (else the name is a default).
    pub configured: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Trace,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// How a query parameter's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form`; arrays repeat the key when `explode`, else join with commas.
    Form { explode: bool },
    /// `style: spaceDelimited` (arrays joined with spaces).
    SpaceDelimited,
    /// `style: pipeDelimited` (arrays joined with `|`).
    PipeDelimited,
    /// `style: deepObject`: `key[prop]=value`.
    DeepObject,
}

#[derive(Debug, Clone)]
pub struct Param {
    /// snake_case name, unique among the method's parameters and body setters.
    pub name: String,
    pub wire: String,
    pub location: ParamLocation,
    pub doc: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    pub style: QueryStyle,
    pub deprecated: bool,
    pub schema: SchemaFacts,
    /// The config's idempotency header (an optional string header): when unset, the SDK sends
    /// a generated key, the same on every retry of a call.
    pub idempotency_key: bool,
    /// Described by `content: {application/json: ...}`: the value is sent JSON-encoded.
    pub json_encoded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Multipart,
    FormUrlEncoded,
    /// Raw bytes (`application/octet-stream`, `image/png`...), taken as a `FilePart` whose
    /// content type, when set, overrides the spec's.
    Binary,
    /// Text (`text/plain`, `text/csv`...), taken as a `String`.
    Text,
}

#[derive(Debug, Clone)]
pub struct Body {
    pub kind: BodyKind,
    pub content_type: String,
    pub ty: TypeRef,
    pub required: bool,
    pub doc: Option<String>,
    /// How the method takes the body.
    pub shape: BodyShape,
    /// Optional body fields (Rust names) that also get a setter on the request builder.
    pub setters: Vec<String>,
}

/// How a method presents its request body to the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyShape {
    /// The body is an object type: its required fields are method arguments (listed here, as
    /// field names) and its optional fields are fluent setters on the request builder.
    Flattened { required: Vec<String> },
    /// The body is an object type with many required fields (or fields whose names clash with
    /// parameters): the method takes the params type.
    Params,
    /// Any other body: taken whole (as an argument when required, else a `body` setter).
    Whole,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: Option<u16>,
    pub kind: ResponseKind,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseKind {
    /// No body (e.g. 204).
    Empty,
    Json(TypeRef),
    Text,
    Bytes,
}

#[derive(Debug, Clone)]
pub struct ErrorResponse {
    /// `None` for `default`; `4XX`-style ranges keep their first digit.
    pub status: ErrorStatus,
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorStatus {
    Code(u16),
    Range(u16),
    Default,
}

#[derive(Debug, Clone)]
pub struct Pagination {
    /// Name of the param that selects the page.
    pub page_param: String,
    /// Name of the param that sets the page size.
    pub size_param: String,
    /// Rust name of the response field holding the items.
    pub items_field: String,
    pub item_ty: TypeRef,
    pub first_page: u64,
    /// The response fields (Rust names, and whether each is optional) leading to the number
    /// of pages, when the config names it.
    pub total_pages: Option<Vec<(String, bool)>>,
}
