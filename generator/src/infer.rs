//! What a config leaves out, inferred from the spec: the crate's name and docs from `info`,
//! environments from `servers`, auth from `securitySchemes`, environment variables from the
//! crate's name. `generator --spec api.yaml` needs no config at all.

use std::path::Path;

use heck::{ToKebabCase, ToShoutySnakeCase};
use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};

use crate::config::{Config, EnvironmentConfig};
use crate::diag::Diagnostic;
use crate::lower::names::snake;

/// Crate names cargo or rustc give another meaning.
const RESERVED_CRATES: &[&str] = &[
    "self",
    "super",
    "crate",
    "std",
    "core",
    "alloc",
    "proc-macro",
    "proc_macro",
    "test",
    "Self",
    "build",
    "deps",
    "examples",
    "src",
    "target",
    "tests",
];

pub struct Inputs<'a> {
    pub spec: &'a OpenAPI,
    pub config_file: &'a Path,
    /// Whether a config file was given (else auth and environment variables are inferred too).
    pub has_config: bool,
    /// `--name`, which wins over the config.
    pub name: Option<&'a str>,
}

/// Fills in what `config` leaves out, and checks what it says about the crate.
pub fn complete(config: &mut Config, i: &Inputs<'_>) -> Result<(), Diagnostic> {
    let info = &i.spec.info;
    let k = &mut config.krate;
    if let Some(name) = i.name {
        k.name = name.to_string();
    }
    if k.name.is_empty() {
        k.name = name_from_title(&info.title);
    }
    if RESERVED_CRATES.contains(&k.name.as_str()) {
        return Err(Diagnostic::at(
            i.config_file,
            "#/crate/name",
            format!(
                "`{}` cannot name a crate: Rust or cargo already gives it a meaning",
                k.name
            ),
        )
        .with_hint(format!("choose another name, e.g. `{}-sdk`", k.name)));
    }
    if k.version.is_empty() {
        k.version = "0.1.0".to_string();
    }
    if !is_semver(&k.version) {
        return Err(Diagnostic::at(
            i.config_file,
            "#/crate/version",
            format!("`{}` is not a semver version", k.version.escape_debug()),
        )
        .with_hint("write it as MAJOR.MINOR.PATCH, e.g. `0.1.0` or `1.2.0-beta.1`"));
    }
    if k.title.is_empty() {
        k.title = if info.title.trim().is_empty() {
            k.name.clone()
        } else {
            info.title.trim().to_string()
        };
    }
    if k.description.is_empty() {
        k.description = format!("Rust SDK for the {} API.", k.title.trim_end_matches(" API"));
    }
    let c = &mut config.client;
    if c.environments.is_empty() {
        c.environments = environments(i.spec);
    }
    if !i.has_config {
        let env_prefix = k.name.to_shouty_snake_case();
        if c.security_scheme.is_none() {
            c.security_scheme = security_scheme(i.spec);
        }
        if c.security_scheme.is_some() && c.api_key_env.is_none() {
            c.api_key_env = Some(format!("{env_prefix}_API_KEY"));
        }
        if c.base_url_env.is_none() {
            c.base_url_env = Some(format!("{env_prefix}_BASE_URL"));
        }
    }
    Ok(())
}

/// `Swagger Petstore - OpenAPI 3.0` -> `swagger-petstore-openapi-3-0`.
fn name_from_title(title: &str) -> String {
    let ascii = deunicode::deunicode(title);
    let name = ascii.to_kebab_case();
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let name = name.trim_matches('-').to_string();
    let name = match name.chars().next() {
        None => "api".to_string(),
        Some(c) if !c.is_ascii_alphabetic() => format!("api-{name}"),
        Some(_) => name,
    };
    if RESERVED_CRATES.contains(&name.as_str()) {
        format!("{name}-sdk")
    } else {
        name
    }
}

/// MAJOR.MINOR.PATCH with optional `-pre` and `+build` of `[0-9A-Za-z.-]`.
pub fn is_semver(v: &str) -> bool {
    let (core, rest) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    let numbers = parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        });
    let tail = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
        && !rest.ends_with(['.', '-', '+'])
        && (rest.is_empty() || rest.len() > 1);
    numbers && tail
}

/// One environment per absolute server URL (variables at their defaults).
fn environments(spec: &OpenAPI) -> Vec<EnvironmentConfig> {
    let mut out: Vec<EnvironmentConfig> = Vec::new();
    for server in &spec.servers {
        let mut url = server.url.clone();
        if let Some(vars) = &server.variables {
            for (name, var) in vars {
                url = url.replace(&format!("{{{name}}}"), &var.default);
            }
        }
        if url.contains('{') || !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        if out.iter().any(|e| e.base_url == url) {
            continue;
        }
        let name = server
            .description
            .as_deref()
            .map(snake)
            .filter(|n| n.len() <= 24 && !out.iter().any(|e| e.name == *n))
            .unwrap_or_else(|| match out.len() {
                0 => "production".to_string(),
                n => format!("server_{}", n + 1),
            });
        out.push(EnvironmentConfig {
            name,
            base_url: url,
            default: out.is_empty(),
        });
    }
    if out.is_empty() {
        // A relative or templated server: the caller sets the base URL.
        let path = spec
            .servers
            .first()
            .map(|s| s.url.as_str())
            .filter(|u| u.starts_with('/'))
            .unwrap_or("");
        out.push(EnvironmentConfig {
            name: "local".to_string(),
            base_url: format!("http://localhost{}", path.trim_end_matches('/')),
            default: true,
        });
    }
    out
}

/// The scheme to send the API key with: the first usable one the spec requires globally, else
/// the first usable one it defines.
fn security_scheme(spec: &OpenAPI) -> Option<String> {
    let schemes = &spec.components.as_ref()?.security_schemes;
    let usable = |name: &str| {
        matches!(
            schemes.get(name),
            Some(ReferenceOr::Item(
                SecurityScheme::HTTP { .. }
                    | SecurityScheme::OAuth2 { .. }
                    | SecurityScheme::OpenIDConnect { .. }
                    | SecurityScheme::APIKey {
                        location: openapiv3::APIKeyLocation::Header
                            | openapiv3::APIKeyLocation::Query,
                        ..
                    }
            ))
        ) && !matches!(
            schemes.get(name),
            Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                if !scheme.eq_ignore_ascii_case("bearer") && !scheme.eq_ignore_ascii_case("basic")
        )
    };
    let required = spec
        .security
        .iter()
        .flatten()
        .flat_map(|req| req.keys())
        .chain(
            spec.paths
                .paths
                .values()
                .filter_map(|p| p.as_item())
                .flat_map(|item| {
                    item.iter()
                        .flat_map(|(_, op)| op.security.iter().flatten().flat_map(|r| r.keys()))
                }),
        );
    for name in required {
        if usable(name) {
            return Some(name.clone());
        }
    }
    schemes.keys().find(|n| usable(n)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_titles() {
        assert_eq!(name_from_title("Swagger Petstore"), "swagger-petstore");
        assert_eq!(name_from_title("Twilio - Verify"), "twilio-verify");
        assert_eq!(name_from_title("2Checkout API"), "api-2checkout-api");
        assert_eq!(name_from_title("Ünïcode"), "unicode");
        assert_eq!(name_from_title(""), "api");
        assert_eq!(name_from_title("Self"), "self-sdk");
    }

    #[test]
    fn versions_must_be_semver() {
        for ok in ["0.1.0", "1.2.3-beta.1", "1.0.0+build.5", "10.20.30"] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "1.0",
            "01.0.0",
            "1.0.0\"\nbuild = \"evil.rs",
            "v1.0.0",
            "1.0.0-",
            "",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }
}
