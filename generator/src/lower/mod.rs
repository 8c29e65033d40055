//! Lowering: spec + config -> IR.

mod compose;
mod dedup;
mod default_names;
pub mod facts;
mod graph;
pub mod names;
mod operation;
mod resources;
pub mod schema;
pub mod scope;
mod union;

use std::path::Path;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::ir::{Api, Auth, ClientInfo, CrateInfo, Environment};
use names::camel;
use schema::SchemaLowerer;

/// Input files, named in diagnostics.
pub struct Sources<'a> {
    pub spec: &'a openapiv3::OpenAPI,
    pub spec_file: &'a Path,
    pub config: &'a Config,
    pub config_file: &'a Path,
    pub normalized: &'a crate::normalize::Normalized,
    /// Leave out what cannot be generated (listed in [`Lowered::skipped`]) instead of failing.
    pub skip_unsupported: bool,
}

/// The IR, and what was left out of it.
pub struct Lowered {
    pub api: Api,
    /// Each problem that made an operation or a type be left out (with `skip_unsupported`).
    pub skipped: Vec<Diagnostic>,
}

pub fn lower(src: &Sources<'_>) -> Result<Lowered, Diagnostics> {
    let name = &src.config.krate.name;
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(Diagnostic::at(
            src.config_file,
            "#/crate/name",
            format!("`{name}` is not a valid crate name"),
        )
        .with_hint("use ASCII letters, digits, `-` and `_`, starting with a letter")
        .into());
    }
    let mut lw = SchemaLowerer::new(src.spec, src.spec_file, src.normalized);
    lw.sensitive = src.config.client.sensitive_fields.clone();
    lw.lower_components();
    let mut resources = resources::lower_resources(&mut lw, src)?;
    let client = lower_client(src)?;
    let mut problems = std::mem::take(&mut lw.errors);
    problems.sort_by_key(|a| a.to_string());
    problems.dedup();
    if !problems.is_empty() && !src.skip_unsupported {
        return Err(Diagnostics(problems));
    }
    for p in &mut problems {
        p.message = format!("left out: {}", p.message);
    }
    let mut warnings = std::mem::take(&mut lw.warnings);
    warnings.sort_by_key(|a| a.to_string());
    warnings.dedup();
    problems.extend(warnings);
    let mut types = lw.types;
    // Usage first: merging keeps requests' and responses' names apart.
    graph::mark_usage(&mut types, &resources);
    dedup::merge_identical(&mut types, &mut resources);
    graph::break_alias_cycles(&mut types);
    graph::mark_boxes(&mut types);
    graph::mark_usage(&mut types, &resources);
    scope::place_types(&mut types, &mut resources);
    let info = &src.spec.info;
    let api = Api {
        krate: CrateInfo {
            name: src.config.krate.name.clone(),
            lib_name: src.config.krate.name.replace('-', "_"),
            version: src.config.krate.version.clone(),
            description: src.config.krate.description.clone(),
            title: src.config.krate.title.clone(),
            api_description: info.description.clone(),
            api_version: info.version.clone(),
            package: package_meta(src),
        },
        client,
        types,
        resources,
        tests: src.config.tests.as_ref().map(|t| crate::ir::TestSettings {
            mock_url_env: t.mock_url_env.clone(),
            violations_header: t.violations_header.clone(),
        }),
        field_examples: Default::default(),
    };
    Ok(Lowered {
        api,
        skipped: problems,
    })
}

/// The package's metadata: the config's, else what the spec says, else crates.io's usual.
fn package_meta(src: &Sources<'_>) -> crate::ir::PackageMeta {
    let k = &src.config.krate;
    let spec_home = src
        .spec
        .external_docs
        .as_ref()
        .map(|d| d.url.clone())
        .or_else(|| src.spec.info.contact.as_ref().and_then(|c| c.url.clone()));
    crate::ir::PackageMeta {
        license: k
            .license
            .clone()
            .unwrap_or_else(|| "MIT OR Apache-2.0".to_string()),
        repository: k.repository.clone(),
        homepage: k.homepage.clone().or(spec_home),
        documentation: k
            .documentation
            .clone()
            .unwrap_or_else(|| format!("https://docs.rs/{}", k.name)),
        keywords: k.keywords.clone(),
        categories: if k.categories.is_empty() {
            vec!["api-bindings".to_string()]
        } else {
            k.categories.clone()
        },
        publish: k.publish,
    }
}

fn lower_client(src: &Sources<'_>) -> Result<ClientInfo, Diagnostic> {
    let c = &src.config.client;
    let cfg_ptr = Pointer::root().push("client");
    if c.environments.is_empty() {
        return Err(Diagnostic::at(src.config_file, cfg_ptr.push("environments").as_str(), "at least one environment is needed")
            .with_hint("list the API's base URLs, e.g. `- { name: production, base_url: https://api.example.com, default: true }`"));
    }
    let default_index = c.environments.iter().position(|e| e.default).unwrap_or(0);
    let mut namer = names::Namer::new();
    let environments = c
        .environments
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let doc = src
                .spec
                .servers
                .iter()
                .find(|s| s.url.trim_end_matches('/') == e.base_url.trim_end_matches('/'))
                .and_then(|s| s.description.clone());
            Environment {
                variant: namer.unique(&camel(&e.name)),
                name: e.name.clone(),
                base_url: e.base_url.clone(),
                is_default: i == default_index,
                doc,
            }
        })
        .collect();
    let auth = match &c.security_scheme {
        None => None,
        Some(name) => Some(lower_auth(src, name)?),
    };
    Ok(ClientInfo {
        environments,
        api_key_env: c.api_key_env.clone(),
        base_url_env: c.base_url_env.clone(),
        auth,
        timeout_seconds: c.timeout_seconds,
        connect_timeout_seconds: c.connect_timeout_seconds,
        max_retries: c.max_retries,
        retry_initial_delay_ms: c.retry_initial_delay_ms,
        retry_max_delay_ms: c.retry_max_delay_ms,
        idempotency_header: c.idempotency_header.clone(),
        retry_statuses: c.retry_statuses.clone(),
        request_id_headers: c.request_id_headers.clone(),
        request_id_pointer: c.request_id_pointer.clone(),
    })
}

fn lower_auth(src: &Sources<'_>, name: &str) -> Result<Auth, Diagnostic> {
    use openapiv3::{APIKeyLocation, ReferenceOr, SecurityScheme};
    let scheme = src
        .spec
        .components
        .as_ref()
        .and_then(|c| c.security_schemes.get(name));
    let ptr = Pointer::root().push("client").push("security_scheme");
    let not_found = || {
        let known: Vec<String> = src
            .spec
            .components
            .as_ref()
            .map(|c| c.security_schemes.keys().cloned().collect())
            .unwrap_or_default();
        Diagnostic::at(
            src.config_file,
            ptr.as_str(),
            format!("security scheme `{name}` is not in the spec's #/components/securitySchemes"),
        )
        .with_hint(format!("the spec defines: {known:?}"))
    };
    let Some(ReferenceOr::Item(scheme)) = scheme else {
        return Err(not_found());
    };
    let spec_ptr = Pointer::root()
        .push("components")
        .push("securitySchemes")
        .push(name);
    match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => {
            Ok(Auth::Bearer)
        }
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
            Ok(Auth::Basic)
        }
        SecurityScheme::APIKey {
            location: APIKeyLocation::Header,
            name,
            ..
        } => Ok(Auth::Header(name.clone())),
        SecurityScheme::APIKey {
            location: APIKeyLocation::Query,
            name,
            ..
        } => Ok(Auth::Query(name.clone())),
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => Ok(Auth::Bearer),
        _ => Err(Diagnostic::at(
            src.spec_file,
            spec_ptr.as_str(),
            "unsupported construct: this security scheme cannot carry an API key",
        )
        .with_hint("use an http bearer/basic scheme or an apiKey scheme in a header or the query")),
    }
}
