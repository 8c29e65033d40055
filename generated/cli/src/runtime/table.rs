//! What the generated command table says about an API: resources, their methods, and each
//! method's flags with where they go.

// An API's table uses the kinds and locations its spec has, not always all of them.
#![allow(dead_code)]

/// The whole API.
pub struct Api {
    /// The binary's name.
    pub name: &'static str,
    /// One line about the API.
    pub about: &'static str,
    /// The environment variable with the API key, if the SDK has one.
    pub api_key_env: Option<&'static str>,
    /// Environments by name, with their base URLs (the default first).
    pub environments: &'static [(&'static str, &'static str)],
    pub resources: &'static [Resource],
}

/// A resource: `customers:review`.
pub struct Resource {
    pub name: &'static str,
    pub methods: &'static [Method],
}

/// One operation, as a subcommand.
pub struct Method {
    /// Kebab-case: `refresh-review`.
    pub name: &'static str,
    pub operation: &'static str,
    pub http: &'static str,
    pub path: &'static str,
    pub summary: &'static str,
    pub description: &'static str,
    pub flags: &'static [Flag],
    /// The body's media type, when the operation takes a JSON body.
    pub body: Option<&'static str>,
    /// Whether the response is text or bytes (written out as it came) rather than JSON.
    pub raw_output: bool,
    /// Body fields the API requires but allows `null` in: sent as `null` unless given.
    pub null_defaults: &'static [&'static str],
    /// How to page through a list: the page-number query parameter and the JSON pointer of
    /// the items; the pointer of the page count, when the response gives one.
    pub paging: Option<Paging>,
}

pub struct Paging {
    pub page_param: &'static str,
    pub first: u64,
    pub items: &'static str,
    pub total_pages: Option<&'static str>,
}

/// A flag: `--correlation-id`.
pub struct Flag {
    /// Kebab-case.
    pub name: &'static str,
    /// The name on the wire.
    pub wire: &'static str,
    pub location: Location,
    pub required: bool,
    pub kind: Kind,
    pub help: &'static str,
    /// An idempotency key: generated when unset.
    pub idempotency_key: bool,
    /// For a dotted flag (`--config.balance-check`): the body field it is a field of.
    pub parent: Option<&'static str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Body,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Enum(&'static [&'static str]),
    /// Any JSON (an object, a list): given as JSON text.
    Json,
    /// A file to upload, given as its path.
    File,
}

impl Location {
    pub fn word(self) -> &'static str {
        match self {
            Location::Path => "Path param",
            Location::Query => "Query param",
            Location::Header => "Header param",
            Location::Body => "Body param",
        }
    }
}
