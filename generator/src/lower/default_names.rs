//! Names for endpoints the config does not name, inferred the way a person would write them:
//! nested resources from the path's segments (`/v1/customers/{customer}/bank_accounts/{id}`
//! is `customers().bank_accounts()`), verbs from the HTTP method and the path's shape (`list`,
//! `create`, `get`, `update`, `delete`), action names from a last segment after an id
//! (`POST /payments/{id}/cancel` is `payments().cancel(id)`), RPC-style dotted names split
//! (`/chat.postMessage` is `chat().post_message()`). The operationId names an endpoint only
//! where two would otherwise get the same name.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::Operation;

use super::names::snake;
use crate::ir::HttpMethod;

/// An endpoint: its method and path.
type Endpoint<'s> = (HttpMethod, &'s str);

/// Where an endpoint goes: resource path and method name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Placement {
    pub resource: Vec<String>,
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    Static(String),
    Param,
    /// A `:verb` or the last part of a dotted RPC name: always an action.
    Action(String),
}

/// Whether a path segment only says which version or prefix of the API this is.
fn is_version(segment: &str) -> bool {
    let s = segment.to_ascii_lowercase();
    let v = s.strip_prefix('v').is_some_and(|rest| {
        rest.starts_with(|c: char| c.is_ascii_digit())
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
    });
    let date = s.len() == 10
        && s.chars().filter(|c| *c == '-').count() == 2
        && s.chars().all(|c| c.is_ascii_digit() || c == '-');
    let number = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    v || date || number || s == "api" || s == "rest"
}

fn tokens(path: &str) -> Vec<Token> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = Vec::new();
    let mut leading = true;
    let count = segments.len();
    for (i, raw) in segments.into_iter().enumerate() {
        let mut seg = raw;
        for ext in [".json", ".xml", ".csv", ".yaml"] {
            if let Some(stripped) = seg.strip_suffix(ext) {
                seg = stripped;
            }
        }
        let (seg, verb) = match seg.rsplit_once(':') {
            Some((head, verb)) if !verb.is_empty() && !verb.contains('}') => (head, Some(verb)),
            _ => (seg, None),
        };
        if seg.starts_with('{') {
            out.push(Token::Param);
        } else if leading && is_version(seg) {
            continue;
        } else if !seg.is_empty() {
            leading = false;
            let parts: Vec<&str> = seg.split('.').filter(|p| !p.is_empty()).collect();
            // `chat.postMessage` at the end: resource `chat`, action `postMessage`.
            if i + 1 == count && parts.len() > 1 && verb.is_none() {
                for p in &parts[..parts.len() - 1] {
                    out.push(Token::Static(snake(p)));
                }
                out.push(Token::Action(snake(parts[parts.len() - 1])));
                continue;
            }
            for p in parts {
                out.push(Token::Static(snake(p)));
            }
        }
        if let Some(v) = verb {
            out.push(Token::Action(snake(v)));
        }
    }
    out
}

/// Static segments every path starts with (`/api2/json/...`) say nothing about resources:
/// they are dropped, as long as every path keeps a static segment of its own.
fn strip_common_prefix(parsed: &mut [Vec<Token>]) {
    if parsed.len() < 2 {
        return;
    }
    let mut n = 0;
    while let Some(Token::Static(first)) = parsed[0].get(n) {
        let shared = parsed
            .iter()
            .all(|t| matches!(t.get(n), Some(Token::Static(s)) if s == first));
        if !shared {
            break;
        }
        let rest_has_static = parsed.iter().all(|t| {
            t.get(n + 1..).is_some_and(|rest| {
                rest.iter()
                    .any(|tok| matches!(tok, Token::Static(_) | Token::Action(_)))
            })
        });
        if !rest_has_static {
            break;
        }
        n += 1;
    }
    for t in parsed.iter_mut() {
        t.drain(..n);
    }
}

/// Whether a segment reads as a plural noun (`customers`, not `status` or `address`).
fn is_plural(word: &str) -> bool {
    word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
}

/// The statics of `tokens`, as a resource path.
fn statics(tokens: &[Token]) -> Vec<String> {
    tokens
        .iter()
        .filter_map(|t| match t {
            Token::Static(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

/// Infers a placement for every operation (keyed by method and path).
pub fn infer<'s>(
    operations: &[(&'s str, HttpMethod, &'s Operation)],
) -> BTreeMap<(HttpMethod, &'s str), Placement> {
    let mut parsed: Vec<Vec<Token>> = operations.iter().map(|(p, _, _)| tokens(p)).collect();
    strip_common_prefix(&mut parsed);
    // Prefixes (as token lists) that something longer continues: a collection, not an action.
    let mut continued: BTreeSet<Vec<Token>> = BTreeSet::new();
    for t in &parsed {
        for n in 1..t.len() {
            continued.insert(t[..n].to_vec());
        }
    }
    let methods_at: BTreeMap<&str, Vec<HttpMethod>> =
        operations.iter().fold(BTreeMap::new(), |mut m, (p, h, _)| {
            m.entry(*p).or_insert_with(Vec::new).push(*h);
            m
        });
    let mut out = BTreeMap::new();
    for ((path, http, op), toks) in operations.iter().zip(&parsed) {
        let siblings = &methods_at[path];
        out.insert((*http, *path), place(toks, *http, op, siblings, &continued));
    }
    disambiguate(operations, &mut out);
    out
}

fn place(
    toks: &[Token],
    http: HttpMethod,
    op: &Operation,
    siblings: &[HttpMethod],
    continued: &BTreeSet<Vec<Token>>,
) -> Placement {
    let fallback = || match op.tags.first() {
        Some(tag) => vec![snake(tag)],
        None => vec!["api".to_string()],
    };
    let has = |m: HttpMethod| siblings.contains(&m);
    let (resource, method) = match toks.last() {
        Some(Token::Action(a)) => (statics(toks), a.clone()),
        Some(Token::Param) => {
            let verb = match http {
                HttpMethod::Get => "get",
                HttpMethod::Put if has(HttpMethod::Patch) => "replace",
                HttpMethod::Put | HttpMethod::Patch => "update",
                HttpMethod::Post if has(HttpMethod::Put) || has(HttpMethod::Patch) => "post",
                HttpMethod::Post => "update",
                HttpMethod::Delete => "delete",
                other => return verb_only(toks, other, fallback),
            };
            (statics(toks), verb.to_string())
        }
        Some(Token::Static(last)) => {
            let after_param = toks.len() >= 2 && toks[toks.len() - 2] == Token::Param;
            let leaf = !continued.contains(toks);
            if after_param && leaf && http != HttpMethod::Get {
                // `POST /payments/{id}/cancel`: an action on the payment.
                (statics(&toks[..toks.len() - 1]), last.clone())
            } else {
                let item_path = continued.contains(toks);
                let verb = match http {
                    HttpMethod::Get if item_path || is_plural(last) => "list",
                    HttpMethod::Get => "get",
                    HttpMethod::Post => "create",
                    HttpMethod::Put if has(HttpMethod::Patch) => "replace",
                    HttpMethod::Put | HttpMethod::Patch => "update",
                    HttpMethod::Delete => "delete",
                    other => return verb_only(toks, other, fallback),
                };
                (statics(toks), verb.to_string())
            }
        }
        None => (Vec::new(), http.as_str().to_ascii_lowercase()),
    };
    let mut resource = if resource.is_empty() {
        fallback()
    } else {
        resource
    };
    // `/Dlna/{id}/ConnectionManager/ConnectionManager`: one resource, not one in itself.
    resource.dedup();
    Placement { resource, method }
}

fn verb_only(toks: &[Token], http: HttpMethod, fallback: impl Fn() -> Vec<String>) -> Placement {
    let resource = statics(toks);
    Placement {
        resource: if resource.is_empty() {
            fallback()
        } else {
            resource
        },
        method: http.as_str().to_ascii_lowercase(),
    }
}

/// Endpoints that landed on the same name: named after their operationIds instead (without
/// the words their resource already says), else numbered later by the resource's namer.
fn disambiguate<'s>(
    operations: &[(&'s str, HttpMethod, &'s Operation)],
    out: &mut BTreeMap<(HttpMethod, &'s str), Placement>,
) {
    let mut groups: BTreeMap<Placement, Vec<Endpoint<'s>>> = BTreeMap::new();
    for (path, http, _) in operations {
        let p = &out[&(*http, *path)];
        groups.entry(p.clone()).or_default().push((*http, *path));
    }
    for (Placement { resource, .. }, keys) in groups.into_iter().filter(|(_, k)| k.len() > 1) {
        for key in keys {
            let op = operations
                .iter()
                .find(|(p, h, _)| (*h, *p) == key)
                .map(|(_, _, op)| *op);
            if let Some(id) = op.and_then(|o| o.operation_id.as_deref()) {
                let name = without_resource_words(&snake(id), &resource);
                if let Some(p) = out.get_mut(&key) {
                    p.method = name;
                }
            }
        }
    }
}

/// `list_customer_bank_accounts` in `customers.bank_accounts` -> `list`.
fn without_resource_words(method: &str, resource: &[String]) -> String {
    let resource_words: BTreeSet<String> = resource
        .iter()
        .flat_map(|r| r.split('_').map(str::to_string).collect::<Vec<_>>())
        .flat_map(|w| [w.trim_end_matches('s').to_string(), w])
        .collect();
    let kept: Vec<&str> = method
        .split('_')
        .filter(|w| !w.is_empty() && !resource_words.contains(*w))
        .collect();
    let short = kept.join("_");
    if short.is_empty() || short.starts_with(|c: char| c.is_ascii_digit()) {
        method.to_string()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ops: &[(&str, HttpMethod)]) -> Vec<String> {
        let op = Operation::default();
        let list: Vec<(&str, HttpMethod, &Operation)> =
            ops.iter().map(|(p, h)| (*p, *h, &op)).collect();
        let placed = infer(&list);
        ops.iter()
            .map(|(p, h)| {
                let pl = &placed[&(*h, *p)];
                format!("{}.{}", pl.resource.join("."), pl.method)
            })
            .collect()
    }

    #[test]
    fn resources_nest_by_path_and_verbs_follow_the_shape() {
        use HttpMethod::*;
        assert_eq!(
            names(&[
                ("/v1/customers", Get),
                ("/v1/customers", Post),
                ("/v1/customers/{customer}", Get),
                ("/v1/customers/{customer}", Post),
                ("/v1/customers/{customer}", Delete),
                ("/v1/customers/{customer}/bank_accounts", Get),
                ("/v1/customers/{customer}/bank_accounts/{id}", Get),
                ("/v1/customers/{customer}/bank_accounts/{id}/verify", Post),
                ("/v1/balance", Get),
            ]),
            [
                "customers.list",
                "customers.create",
                "customers.get",
                "customers.update",
                "customers.delete",
                "customers.bank_accounts.list",
                "customers.bank_accounts.get",
                "customers.bank_accounts.verify",
                "balance.get",
            ]
        );
    }

    #[test]
    fn a_prefix_every_path_shares_is_dropped() {
        use HttpMethod::*;
        assert_eq!(
            names(&[
                ("/api2/json/genderBatch", Post),
                ("/api2/json/apiStatus", Get)
            ]),
            ["gender_batch.create", "api_status.get"]
        );
    }

    #[test]
    fn a_prefix_that_is_a_whole_path_stays() {
        use HttpMethod::*;
        assert_eq!(
            names(&[("/", Post), ("/things", Get), ("/things/{id}", Get)]),
            ["api.post", "things.list", "things.get"]
        );
        assert_eq!(
            names(&[("/rpc", Post), ("/rpc/{id}", Get)]),
            ["rpc.create", "rpc.get"]
        );
    }

    #[test]
    fn rpc_names_versions_and_extensions() {
        use HttpMethod::*;
        assert_eq!(
            names(&[
                ("/chat.postMessage", Post),
                ("/2010-04-01/Accounts/{AccountSid}/Calls.json", Get),
                ("/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", Get),
                ("/v1/{name}:cancel", Post),
            ]),
            [
                "chat.post_message",
                "accounts.calls.list",
                "accounts.calls.get",
                "api.cancel",
            ]
        );
    }
}
