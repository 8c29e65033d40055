//! The crate's front page (`README.md`, also its crate-level rustdoc): what the SDK does and
//! how, each feature with an example compiled as a doc test, from the spec's own methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::examples::{body_lines, find_method, sample_call};
use super::rust::ident;
use crate::ir::{Api, BodyShape, HttpMethod, Method, ParamLocation, Resource, TypeRef};

/// The README's text.
pub fn readme(api: &Api) -> String {
    let k = &api.krate;
    let mut g = Guide {
        api,
        out: vec![
            format!("# {} Rust SDK", k.title),
            String::new(),
            k.description.clone(),
        ],
    };
    if let Some(d) = &k.api_description {
        g.para(&super::rust::sanitize_doc(d));
    }
    g.para(&format!(
        "Generated from version `{}` of the API spec.",
        k.api_version
    ));
    g.installation();
    g.quick_start();
    g.configuration();
    g.required_fields();
    g.errors();
    g.retries();
    g.pagination();
    g.uploads();
    g.raw_responses();
    g.per_call_options();
    g.logging();
    g.blocking();
    g.command_line();
    g.forward_compatibility();
    g.resources();
    g.out.push(String::new());
    g.out.join("\n")
}

struct Guide<'a> {
    api: &'a Api,
    out: Vec<String>,
}

impl Guide<'_> {
    fn krate(&self) -> &str {
        &self.api.krate.lib_name
    }

    fn heading(&mut self, title: &str) {
        self.out.extend([String::new(), format!("## {title}")]);
    }

    fn para(&mut self, text: &str) {
        self.out.extend([String::new(), text.to_string()]);
    }

    /// A client the way a program gets one: from the environment when the SDK has a key
    /// variable, else in code.
    fn client_line(&self) -> String {
        let k = self.krate();
        if self.api.client.api_key_env.is_some() {
            format!("let client = {k}::Client::from_env()?;")
        } else {
            format!("let client = {k}::Client::builder().api_key(\"My API Key\").build()?;")
        }
    }

    /// A whole program around `body` (statements), compiled as a `no_run` doc test.
    fn program(&mut self, body: TokenStream, with_client: bool) {
        let Some(lines) = body_lines(body) else {
            return;
        };
        let mut code = vec![
            String::new(),
            "```rust,no_run".to_string(),
            "#[tokio::main]".to_string(),
            "async fn main() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
        ];
        if with_client {
            code.push(format!("    {}", self.client_line()));
        }
        code.extend(lines.iter().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        }));
        code.extend(["    Ok(())".to_string(), "}".to_string(), "```".to_string()]);
        self.out.extend(code);
    }

    /// The first GET that is not a list: what the examples of per-call features call.
    fn plain_get(&self) -> Option<(&Resource, &Method)> {
        find_method(self.api, |m| {
            m.http_method == HttpMethod::Get && m.pagination.is_none()
        })
    }

    fn call(&self, r: &Resource, m: &Method) -> TokenStream {
        sample_call(self.api, r, m)
    }

    fn installation(&mut self) {
        let k = &self.api.krate;
        self.heading("Installation");
        self.out.extend([
            String::new(),
            "```toml".to_string(),
            "[dependencies]".to_string(),
            format!("{} = \"{}\"", k.name, k.version),
            "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }".to_string(),
            "```".to_string(),
        ]);
        self.para("The `blocking` feature adds a client for programs without an async runtime.");
        self.features();
        self.para("The crate needs no procedural macros (its serde impls are generated), so a cold build compiles no `syn`. Most of what is left is TLS, HTTP and Unicode: `url` handles international domain names with ICU4X by default. A program can choose the lighter unicode-rs back end, which builds in about a quarter of the time and accepts the same names, by pinning it in its own `Cargo.lock`:");
        self.out.extend([
            String::new(),
            "```console".to_string(),
            "$ cargo update -p idna_adapter --precise 1.1.0".to_string(),
            "```".to_string(),
        ]);
    }

    /// The features of the resources, and how to compile only some.
    fn features(&mut self) {
        let roots = &self.api.resources;
        if roots.len() < 2 {
            return;
        }
        let k = &self.api.krate;
        let names: Vec<String> = roots
            .iter()
            .map(|r| format!("`{}`", super::features::feature(r)))
            .collect();
        self.para(&format!(
            "Each top-level resource is a cargo feature, all on by default: {}. A program that needs a few of them compiles those and the types they reach alone:",
            names.join(", ")
        ));
        let some: Vec<String> = roots
            .iter()
            .take(2)
            .map(|r| format!("\"{}\"", super::features::feature(r)))
            .collect();
        self.out.extend([
            String::new(),
            "```toml".to_string(),
            "[dependencies]".to_string(),
            format!(
                "{} = {{ version = \"{}\", default-features = false, features = [{}] }}",
                k.name,
                k.version,
                some.join(", ")
            ),
            "```".to_string(),
        ]);
    }

    fn quick_start(&mut self) {
        let first = find_method(self.api, |m| {
            m.http_method == HttpMethod::Get
                && m.pagination.is_none()
                && m.params.iter().any(|p| p.location == ParamLocation::Path)
        })
        .or_else(|| find_method(self.api, |m| m.http_method == HttpMethod::Get))
        .or_else(|| find_method(self.api, |_| true));
        self.heading("Quick start");
        let Some((r, m)) = first else {
            return;
        };
        let call = self.call(r, m);
        self.para(&format!(
            "`{}` (`{} {}`): required parameters are arguments, optional ones are setters on the request builder, and `.await` sends it.",
            m.operation_id,
            m.http_method.as_str(),
            m.path
        ));
        self.program(
            quote!(let response = #call.await?; println!("{response:?}");),
            true,
        );
    }

    fn configuration(&mut self) {
        let c = &self.api.client;
        let k = self.krate().to_string();
        let krate = ident(&k);
        self.heading("Configuration");
        let mut lines = Vec::new();
        if let Some(var) = &c.api_key_env {
            lines.push(format!("- The API key: `ClientBuilder::api_key`, else the `{var}` environment variable. It never appears in `Debug` output, errors or logs."));
        }
        match &c.base_url_env {
            Some(var) => lines.push(format!("- The base URL: `ClientBuilder::base_url`, else `ClientBuilder::environment`, else the `{var}` environment variable, else the default environment.")),
            None => lines.push("- The base URL: `ClientBuilder::base_url`, else `ClientBuilder::environment`, else the default environment.".to_string()),
        }
        lines.push(format!(
            "- Timeouts: {} s per attempt (`ClientBuilder::timeout`), {} s to connect (`ClientBuilder::connect_timeout`).",
            c.timeout_seconds, c.connect_timeout_seconds
        ));
        lines.push("- Plain `http://` is refused except to this machine, unless `ClientBuilder::allow_insecure_http` says otherwise.".to_string());
        self.out.push(String::new());
        self.out.extend(lines);
        self.out.extend([
            String::new(),
            "| Environment | Base URL |".to_string(),
            "|---|---|".to_string(),
        ]);
        for e in &c.environments {
            let default = if e.is_default { " (default)" } else { "" };
            self.out.push(format!(
                "| `Environment::{}`{default} | <{}> |",
                e.variant, e.base_url
            ));
        }
        let env = c
            .environments
            .iter()
            .find(|e| !e.is_default)
            .or(c.environments.first());
        let env_call = env.map(|e| {
            let v = ident(&e.variant);
            quote!(.environment(#krate::Environment::#v))
        });
        self.para("A client from code, and a client derived from it that shares its connections:");
        self.program(
            quote! {
                let client = #krate::Client::builder()
                    .api_key("My API Key")
                    #env_call
                    .timeout(std::time::Duration::from_secs(20))
                    .max_retries(3)
                    .build()?;
                let patient = client.with_options().timeout(std::time::Duration::from_secs(120)).build()?;
                println!("{client:?} {patient:?}");
            },
            false,
        );
    }

    fn required_fields(&mut self) {
        let api = self.api;
        let found = find_method(api, |m| {
            m.body.as_ref().is_some_and(|b| {
                b.shape == BodyShape::Params
                    && crate::ir::resolve(&api.types, &b.ty)
                        .is_some_and(super::constructors::has_required_struct)
            })
        });
        let Some((r, m)) = found else {
            return;
        };
        let Some(body) = &m.body else {
            return;
        };
        let Some(def) = crate::ir::resolve(&api.types, &body.ty) else {
            return;
        };
        let k = self.krate().to_string();
        self.heading("Required fields by name");
        self.para(&format!(
            "A body with two or more required fields takes them by name, in a struct the compiler checks (`{name}Required` for `{name}`): none can be left out or swapped. Optional fields are setters on the request builder (or on the params type).",
            name = def.name
        ));
        let call = self.call(r, m);
        self.program(
            quote!(let response = #call.await?; println!("{response:?}");),
            true,
        );
        let args: Vec<&str> = def
            .as_struct()
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.is_argument())
                    .map(|_| "todo_value()")
                    .collect()
            })
            .unwrap_or_default();
        self.para("Positional arguments do not compile:");
        self.out.extend([
            String::new(),
            "```compile_fail,E0061".to_string(),
            "# fn todo_value<T>() -> T { unimplemented!() }".to_string(),
            format!(
                "let params = {k}::types::{}::new({});",
                def.name,
                args.join(", ")
            ),
            "```".to_string(),
        ]);
        self.para(&format!(
            "Types the spec names are at `{k}::types::Name`; the inline types of their fields live in the type's module under the names they add to their parent's (an inline enum `status` of `Name` is `name::Status`)."
        ));
    }

    fn errors(&mut self) {
        let k = self.krate().to_string();
        let krate = ident(&k);
        self.heading("Errors");
        self.para("Every error names the operation that failed. `Error::Api` is a non-success response: its status, headers, request id, and body (an excerpt); `Error::Decode` names the field of a response that did not match the spec; `Error::Timeout` and `Error::Connection` (with its cause chain) come from the network; `Error::InvalidRequest` is returned before anything is sent. The API error's kind follows its status:");
        self.out.extend([
            String::new(),
            "| Status | `ErrorKind` |".to_string(),
            "|---|---|".to_string(),
        ]);
        for (status, kind) in [
            ("400", "BadRequest"),
            ("401", "Authentication"),
            ("403", "PermissionDenied"),
            ("404", "NotFound"),
            ("409", "Conflict"),
            ("422", "UnprocessableEntity"),
            ("429", "RateLimit"),
            ("5xx", "InternalServer"),
            ("other", "Other"),
        ] {
            self.out.push(format!("| {status} | `{kind}` |"));
        }
        let found = find_method(self.api, |m| {
            m.http_method == HttpMethod::Get
                && m.params.iter().any(|p| p.location == ParamLocation::Path)
        });
        if let Some((r, m)) = found {
            let call = self.call(r, m);
            let typed = super::client::typed_error_name(self.api).map(|_| {
                quote!(if let Some(body) = e.error() {
                    println!("the API says: {body:?}");
                })
            });
            self.program(
                quote! {
                    match #call.await {
                        Ok(value) => println!("{value:?}"),
                        Err(#krate::Error::Api(e)) if e.kind() == #krate::ErrorKind::NotFound => println!("not found: {e}"),
                        Err(#krate::Error::Api(e)) => {
                            let (status, request_id) = (e.status, e.request_id());
                            println!("HTTP {status} (request id {request_id:?}): {:?}", e.message());
                            #typed
                        }
                        Err(e) => return Err(e.into()),
                    }
                },
                true,
            );
        }
    }

    fn retries(&mut self) {
        let c = &self.api.client;
        self.heading("Retries, timeouts, idempotency");
        self.para(&format!(
            "Failed requests (connection errors, timeouts, {}5xx) are retried up to {} times with exponential backoff, honouring `Retry-After` (up to a minute). Each attempt times out after {} s. Both can be set on the `ClientBuilder` or per call with `.max_retries(..)` and `.timeout(..)` on any request builder. A request whose body is streamed is sent once.",
            c.retry_statuses.iter().map(|s| format!("{s}, ")).collect::<String>(),
            c.max_retries,
            c.timeout_seconds
        ));
        if let Some(h) = &c.idempotency_header {
            self.para(&format!("Operations that take an `{h}` header send a generated key when you set none, the same on every retry of a call, so a retried request is not applied twice."));
        }
    }

    fn pagination(&mut self) {
        let Some((r, m)) = find_method(self.api, |m| m.pagination.is_some()) else {
            return;
        };
        let call = self.call(r, m);
        self.heading("Pagination");
        self.para("A list method's request, awaited, is its first page. `first_page()` gives a page that knows whether another follows; `into_pages()` streams pages and `into_stream()` every item of every page, stopping at the last page the response reports.");
        self.program(
            quote! {
                use futures_util::TryStreamExt;
                let mut items = #call.into_stream();
                while let Some(item) = items.try_next().await? {
                    println!("{item:?}");
                }

                let mut page = Some(#call.first_page().await?);
                while let Some(p) = page {
                    let (number, count) = (p.number(), p.items().len());
                    println!("page {number}: {count} items");
                    page = p.next_page().await?;
                }
            },
            true,
        );
    }

    fn uploads(&mut self) {
        let found = find_method(self.api, |m| {
            m.params
                .iter()
                .any(|p| p.required && p.ty == TypeRef::Binary)
                || m.body.as_ref().is_some_and(|b| {
                    b.shape == BodyShape::Whole && b.required && b.ty == TypeRef::Binary
                })
        });
        let upload = found.or_else(|| {
            find_method(self.api, |m| {
                let api = self.api;
                m.body.as_ref().is_some_and(|b| {
                    matches!(&b.shape, BodyShape::Flattened { required } if crate::ir::resolve(&api.types, &b.ty)
                        .and_then(|d| d.as_struct())
                        .is_some_and(|s| s.fields.iter().any(|f| required.contains(&f.name) && f.ty == TypeRef::Binary)))
                })
            })
        });
        self.heading("File uploads");
        self.para("A `FilePart` is a file in memory (`FilePart::new`), read from a path (`FilePart::from_path`), or streamed as it is sent: from a path (`FilePart::open`, with its length), an async reader (`FilePart::from_reader`) or a stream of chunks (`FilePart::from_stream`). Set its name and content type with `file_name` and `content_type`.");
        let Some((r, m)) = upload else {
            return;
        };
        let call = self.call(r, m);
        let k = ident(self.krate());
        self.program(
            quote! {
                let from_disk = #k::FilePart::open("document.pdf").await?.content_type("application/pdf");
                let in_memory = #k::FilePart::new(b"%PDF-1.4".to_vec()).file_name("document.pdf");
                println!("{from_disk:?} {in_memory:?}");
                let response = #call.await?;
                println!("{response:?}");
            },
            true,
        );
    }

    fn raw_responses(&mut self) {
        let Some((r, m)) = self.plain_get() else {
            return;
        };
        let call = self.call(r, m);
        self.heading("Raw responses");
        self.para("`send_with_response()` returns the decoded value with the response's status and headers; `send_raw()` the body as bytes, undecoded; `send_streaming()` the body as a stream of chunks, read as they arrive.");
        self.program(
            quote! {
                let (value, raw) = #call.send_with_response().await?;
                let (status, request_id) = (raw.status(), raw.request_id());
                println!("{status} {request_id:?} {value:?}");

                let (bytes, _raw) = #call.send_raw().await?;
                println!("{} bytes", bytes.len());

                use futures_util::StreamExt;
                let (mut chunks, _raw) = #call.send_streaming().await?;
                while let Some(chunk) = chunks.next().await {
                    let chunk = chunk?;
                    println!("{} bytes", chunk.len());
                }
            },
            true,
        );
    }

    fn per_call_options(&mut self) {
        let Some((r, m)) = self.plain_get() else {
            return;
        };
        let call = self.call(r, m);
        let k = ident(self.krate());
        self.heading("Per-call options and undocumented endpoints");
        self.para("Any request builder takes a timeout, a retry count, and headers, query parameters and body fields the spec does not describe yet. An endpoint the SDK does not know is called with `client.get`, `post`, `put`, `patch` or `delete`, decoding into any type.");
        self.program(
            quote! {
                let value = #call
                    .timeout(std::time::Duration::from_secs(5))
                    .max_retries(0)
                    .extra_header("X-Trace", "abc")
                    .extra_query("expand", "all")
                    .await?;
                println!("{value:?}");

                let preview: #k::serde_json::Value = client
                    .post("/v1/preview")
                    .json(&#k::serde_json::json!({ "name": "x" }))
                    .await?;
                println!("{preview}");
            },
            true,
        );
    }

    fn logging(&mut self) {
        self.heading("Logging");
        self.para("The SDK logs through `tracing`: each request's operation and method at `debug`, each retry and its delay, each response's status. It never logs URLs (their paths and queries may carry personal data or a key), headers, or bodies; the API key and the fields the config marks sensitive never reach `Debug` output or errors either. To see the logs, install any subscriber, e.g. with `tracing-subscriber`:");
        self.program(
            quote! {
                tracing_subscriber::fmt().with_max_level(tracing_subscriber::filter::LevelFilter::DEBUG).init();
            },
            false,
        );
    }

    fn blocking(&mut self) {
        let Some((r, m)) = self.plain_get() else {
            return;
        };
        let call = self.call(r, m);
        let k = self.krate().to_string();
        self.heading("Blocking client");
        self.para("With the `blocking` feature, `blocking::Client` has the same resources, methods and request builders; a builder finishes with `.send()`, which blocks, and a list is an `Iterator` of its items. Calling it inside an async runtime is an error, not a stall.");
        let Some(lines) =
            body_lines(quote!(let response = #call.send()?; println!("{response:?}");))
        else {
            return;
        };
        let mut code = vec![
            String::new(),
            "```rust,no_run".to_string(),
            "# #[cfg(feature = \"blocking\")]".to_string(),
            format!("fn main() -> {k}::Result<()> {{"),
            format!("    let client = {k}::blocking::Client::from_env()?;"),
        ];
        if self.api.client.api_key_env.is_none() {
            code.pop();
            code.push(format!("    let client = {k}::blocking::Client::builder().api_key(\"My API Key\").build_blocking()?;"));
        }
        code.extend(lines.iter().map(|l| format!("    {l}")));
        code.extend([
            "    Ok(())".to_string(),
            "}".to_string(),
            "# #[cfg(not(feature = \"blocking\"))]".to_string(),
            "# fn main() {}".to_string(),
            "```".to_string(),
        ]);
        self.out.extend(code);
    }

    fn command_line(&mut self) {
        let k = &self.api.krate;
        self.heading("Command line");
        self.para(&format!(
            "The `{name}` binary (the `cli/` package next to this crate) calls every operation from a shell: `{name} <resource>[:<sub-resource>] <method> [flags]`, each flag's help saying whether it goes in the path, the query, a header or the body. Nested or complex body fields take JSON, or the whole body comes from `--body '<json>'`, `--body @file.json` or `--body -`, merged with the flags. A list prints one page, or every item as JSON lines with `--all`.",
            name = k.name
        ));
        self.out.extend([
            String::new(),
            "```sh".to_string(),
            "cargo install --path cli".to_string(),
        ]);
        if let Some(var) = &self.api.client.api_key_env {
            self.out.push(format!("export {var}='My API Key'"));
        }
        let call = super::examples::find_method(self.api, |m| {
            m.body.is_some() && m.params.iter().any(|p| p.location == ParamLocation::Path)
        })
        .or_else(|| self.plain_get());
        if let Some((r, m)) = call
            && let Some(line) = super::cli::example_command(self.api, r, m)
        {
            self.out.push(line);
        }
        self.out.push(format!("{} --help", k.name));
        self.out.push("```".to_string());
        self.para("Results go to stdout (pretty JSON on a terminal, compact otherwise; `--format`), errors to stderr with the status, the API's message and the request id. Exit codes: 0 success, 2 usage error, 3 configuration (no API key), 4 an API 4xx, 5 an API 5xx, 6 the API could not be reached.");
    }

    fn forward_compatibility(&mut self) {
        self.heading("Versioning and forward compatibility");
        self.para("APIs add fields and values before their SDKs catch up; code written against this SDK keeps working when they do:");
        self.out.extend([
            String::new(),
            "- A response object keeps the fields it does not know in `extra_fields` (readable as JSON, written back when serialized; `Debug` shows their names only).".to_string(),
            "- Enums keep unknown values (`Unknown(..)`), unions keep unknown shapes as JSON, and both are `#[non_exhaustive]`, as are response structs: build them with `new` and setters.".to_string(),
            "- An optional date or time a response sends in another form reads as `None` instead of failing the whole response.".to_string(),
            "- The crate follows semantic versioning: a breaking change to its API is a new major version.".to_string(),
        ]);
        let k = self.krate().to_string();
        let response_only = self.api.types.values().find(|d| {
            d.in_response && !d.in_request && !d.name.contains("::") && d.as_struct().is_some()
        });
        if let Some(def) = response_only {
            self.para("So a response struct cannot be built field by field outside the SDK:");
            self.out.extend([
                String::new(),
                "```compile_fail,E0639".to_string(),
                "# fn todo_value<T>() -> T { unimplemented!() }".to_string(),
                format!("let value = {k}::types::{} {{ ..todo_value() }};", def.name),
                "```".to_string(),
            ]);
        }
    }

    fn resources(&mut self) {
        self.heading("Resources");
        self.out.push(String::new());
        for root in &self.api.resources {
            for r in root.walk() {
                let chain: Vec<String> = r.path.iter().map(|p| format!("{p}()")).collect();
                let methods: Vec<String> =
                    r.methods.iter().map(|m| format!("`{}`", m.name)).collect();
                let methods = if methods.is_empty() {
                    "(sub-resources only)".to_string()
                } else {
                    methods.join(", ")
                };
                self.out
                    .push(format!("- `client.{}`: {methods}", chain.join(".")));
            }
        }
    }
}
