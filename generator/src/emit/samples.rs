//! Sample values for generated tests: Rust expressions that build a value of a type, valid
//! against the spec (its examples first, then formats, patterns, lengths and bounds).

use proc_macro2::TokenStream;
use quote::quote;
use regex_syntax::hir::{Class, Hir, HirKind};

use super::rust::ident;
use crate::ir::{Api, FloatKind, IntKind, SchemaFacts, TypeKind, TypeRef};

/// How deep optional fields are filled before only required ones are.
const MAX_FULL_DEPTH: usize = 4;

/// Builds sample expressions for one crate.
pub struct Samples<'a> {
    pub api: &'a Api,
    pub krate: proc_macro2::Ident,
    /// The named types being built, outermost first: a type met again is a cycle, cut at once
    /// (a binary tree would otherwise double at every level).
    building: std::cell::RefCell<Vec<String>>,
    /// The spec's example string of each property name, from the first type that gives one:
    /// a request field without an example borrows the one its response twin documents.
    examples: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

/// Whether optional fields are set too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Required,
    All,
}

/// How deep sample values nest before a cycle of types is cut.
const MAX_SAMPLE_DEPTH: usize = 10;

impl<'a> Samples<'a> {
    pub fn new(api: &'a Api) -> Self {
        let examples = api.field_examples.get_or_init(|| {
            let mut examples = std::collections::BTreeMap::new();
            for def in api.types.values() {
                for f in def
                    .as_struct()
                    .map(|s| s.fields.as_slice())
                    .unwrap_or_default()
                {
                    if let Some(e) = f.schema.example.as_ref().filter(|e| e.is_string()) {
                        examples.entry(f.wire.clone()).or_insert_with(|| e.clone());
                    }
                }
            }
            examples
        });
        Samples {
            api,
            krate: ident(&api.krate.lib_name),
            building: std::cell::RefCell::new(Vec::new()),
            examples,
        }
    }

    /// A field's facts, with the example its name has elsewhere in the spec when it has none
    /// (and no format or pattern to make one from).
    pub fn field_facts<'f>(&self, f: &'f crate::ir::Field) -> std::borrow::Cow<'f, SchemaFacts> {
        let bare =
            f.schema.example.is_none() && f.schema.format.is_none() && f.schema.pattern.is_none();
        if !bare || f.ty != TypeRef::String {
            return std::borrow::Cow::Borrowed(&f.schema);
        }
        let (min, max) = (f.schema.min_length, f.schema.max_length);
        let fits = |s: &str| {
            let n = s.chars().count();
            min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
        };
        // The example its response twin documents, when it fits this field's length bounds;
        // else the property's own name, as the official SDKs' examples do (`currency:
        // "currency"`), fitted to them.
        let example = match self.examples.get(f.wire.as_str()).and_then(|e| e.as_str()) {
            Some(e) if fits(e) => e.to_string(),
            _ => fit_length(f.wire.clone(), min, max),
        };
        let mut facts = f.schema.clone();
        facts.example = Some(serde_json::Value::String(example));
        std::borrow::Cow::Owned(facts)
    }

    /// A value of `ty` in argument position (a `String` may be given as a `&str` literal).
    pub fn arg(&self, ty: &TypeRef, facts: &SchemaFacts, fill: Fill) -> TokenStream {
        match ty {
            TypeRef::String => {
                let s = sample_string(facts);
                quote!(#s)
            }
            _ => self.value(ty, facts, fill, 0),
        }
    }

    /// A value of `ty` as an owned expression.
    pub fn value(
        &self,
        ty: &TypeRef,
        facts: &SchemaFacts,
        fill: Fill,
        depth: usize,
    ) -> TokenStream {
        let k = &self.krate;
        if depth > MAX_SAMPLE_DEPTH {
            // A cycle of types (a recursive tree, a union or alias of itself): end it with the
            // smallest value there is.
            return match ty {
                TypeRef::Array(_) => quote!(Vec::new()),
                TypeRef::Map(_) => quote!(std::collections::BTreeMap::new()),
                TypeRef::Named(name) => {
                    let t = super::rust::type_path(name);
                    quote!(serde_json::from_value::<#k::types::#t>(serde_json::json!({})).expect("a sample value"))
                }
                _ => self.value(ty, facts, fill, 0),
            };
        }
        match ty {
            TypeRef::String => {
                let s = sample_string(facts);
                quote!(#s.to_string())
            }
            TypeRef::Bool => match facts.example.as_ref().and_then(|e| e.as_bool()) {
                Some(false) => quote!(false),
                _ => quote!(true),
            },
            TypeRef::Int(kind) => {
                let n = sample_int(facts);
                let lit = match kind {
                    IntKind::I32 => proc_macro2::Literal::i32_suffixed(
                        n.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
                    ),
                    IntKind::I64 => proc_macro2::Literal::i64_suffixed(n),
                    IntKind::U32 => {
                        proc_macro2::Literal::u32_suffixed(n.clamp(0, u32::MAX as i64) as u32)
                    }
                    IntKind::U64 => proc_macro2::Literal::u64_suffixed(n.max(0) as u64),
                };
                quote!(#lit)
            }
            TypeRef::Float(kind) => {
                let x = facts
                    .example
                    .as_ref()
                    .and_then(|e| e.as_f64())
                    .or(facts.minimum)
                    .filter(|x| x.is_finite())
                    .unwrap_or(1.5);
                let lit = match kind {
                    FloatKind::F32 => proc_macro2::Literal::f32_suffixed(x as f32),
                    FloatKind::F64 => proc_macro2::Literal::f64_suffixed(x),
                };
                quote!(#lit)
            }
            TypeRef::Date => {
                let (y, m, d) = facts
                    .example
                    .as_ref()
                    .and_then(|e| e.as_str())
                    .and_then(parse_date)
                    .unwrap_or((2024, 1, 15));
                quote!(chrono::NaiveDate::from_ymd_opt(#y, #m, #d).expect("a valid date"))
            }
            TypeRef::DateTime => {
                let s = facts
                    .example
                    .as_ref()
                    .and_then(|e| e.as_str())
                    .filter(|s| s.len() >= 20 && s.get(..10).and_then(parse_date).is_some())
                    .unwrap_or("2024-01-15T10:30:00Z")
                    .to_string();
                quote!(#s.parse::<chrono::DateTime<chrono::Utc>>().expect("a valid date-time"))
            }
            TypeRef::Binary => {
                quote!(#k::FilePart::new(b"%PDF-1.4 document".to_vec()).file_name("document.pdf").content_type("application/pdf"))
            }
            TypeRef::Any => match &facts.example {
                Some(e) => {
                    let json = e.to_string();
                    quote!(serde_json::from_str::<serde_json::Value>(#json).expect("valid JSON"))
                }
                None => quote!(serde_json::Value::String("string".to_string())),
            },
            TypeRef::Array(item) => {
                let item_facts = facts.items.as_deref().cloned().unwrap_or_default();
                let v = self.value(item, &item_facts, fill, depth + 1);
                let n = facts.min_items.unwrap_or(1).max(1);
                let items = std::iter::repeat_n(v, n);
                quote!(vec![#(#items),*])
            }
            TypeRef::Map(value) => {
                let v = self.value(value, &SchemaFacts::default(), fill, depth + 1);
                quote!(std::collections::BTreeMap::from([("key".to_string(), #v)]))
            }
            TypeRef::Named(name) => self.named(name, facts, fill, depth),
        }
    }

    fn named(&self, name: &str, facts: &SchemaFacts, fill: Fill, depth: usize) -> TokenStream {
        if self.building.borrow().iter().any(|n| n == name) {
            // Met again: a union may still end here with a variant that does not recurse.
            let ends = match self.api.types.get(name).map(|d| &d.kind) {
                Some(TypeKind::Union(u)) => u.variants.iter().any(|v| !self.recurses(&v.ty)),
                _ => false,
            };
            if !ends {
                let cut = TypeRef::Named(name.to_string());
                return self.value(&cut, facts, fill, MAX_SAMPLE_DEPTH + 1);
            }
        }
        self.building.borrow_mut().push(name.to_string());
        let value = self.named_value(name, facts, fill, depth);
        self.building.borrow_mut().pop();
        value
    }

    /// Whether a value of `ty` would lead back into a type being built.
    fn recurses(&self, ty: &TypeRef) -> bool {
        let building = self.building.borrow();
        ty.names().iter().any(|n| building.iter().any(|b| b == n))
    }

    /// `TRequired { .. }`: the required fields of struct `name` by name, each of its exact type.
    pub fn required_literal(
        &self,
        name: &str,
        s: &crate::ir::Struct,
        fill: Fill,
        depth: usize,
    ) -> TokenStream {
        let k = &self.krate;
        let req = super::rust::type_path(&format!("{name}Required"));
        let fields = s.fields.iter().filter(|f| f.is_argument()).map(|f| {
            let n = ident(&f.name);
            let v = if matches!(f.ty, TypeRef::String) {
                let s = self.arg(&f.ty, &self.field_facts(f), fill);
                quote!(#s.into())
            } else {
                self.value(&f.ty, &self.field_facts(f), fill, depth + 1)
            };
            quote!(#n: #v)
        });
        quote!(#k::types::#req { #(#fields),* })
    }

    fn named_value(
        &self,
        name: &str,
        facts: &SchemaFacts,
        fill: Fill,
        depth: usize,
    ) -> TokenStream {
        let k = &self.krate;
        let t = super::rust::type_path(name);
        let Some(def) = self.api.types.get(name) else {
            return quote!(Default::default());
        };
        match &def.kind {
            TypeKind::Alias(inner) => self.value(inner, facts, fill, depth + 1),
            TypeKind::Enum(e) => {
                let wanted = facts.example.as_ref().and_then(|x| x.as_str());
                let v = e
                    .variants
                    .iter()
                    .find(|v| Some(v.wire.as_str()) == wanted)
                    .or_else(|| e.variants.first());
                match v {
                    Some(v) => {
                        let vn = ident(&v.name);
                        quote!(#k::types::#t::#vn)
                    }
                    None => quote!(#k::types::#t::from("string")),
                }
            }
            // A variant that does not lead back into the types being built, when there is one.
            TypeKind::Union(u) => match u
                .variants
                .iter()
                .find(|v| !self.recurses(&v.ty))
                .or_else(|| u.variants.first())
            {
                Some(v) => {
                    let vn = ident(&v.name);
                    let inner = self.value(&v.ty, &SchemaFacts::default(), fill, depth + 1);
                    let inner = if v.boxed {
                        quote!(Box::new(#inner))
                    } else {
                        inner
                    };
                    quote!(#k::types::#t::#vn(#inner))
                }
                None => quote!(#k::types::#t::Unknown(serde_json::Value::Null)),
            },
            TypeKind::Struct(s) => {
                let fill = if depth >= MAX_FULL_DEPTH {
                    Fill::Required
                } else {
                    fill
                };
                let args = s.fields.iter().filter(|f| f.is_argument()).map(|f| {
                    if matches!(f.ty, TypeRef::String) {
                        self.arg(&f.ty, &self.field_facts(f), fill)
                    } else {
                        self.value(&f.ty, &self.field_facts(f), fill, depth + 1)
                    }
                });
                let mut expr = if super::constructors::has_required_struct(def) {
                    let req = self.required_literal(name, s, fill, depth);
                    quote!(#k::types::#t::new(#req))
                } else {
                    quote!(#k::types::#t::new(#(#args),*))
                };
                if fill == Fill::All && def.in_request {
                    for f in s.fields.iter().filter(|f| !f.is_argument() && !f.read_only) {
                        let setter = ident(&f.name);
                        let v = if matches!(f.ty, TypeRef::String) {
                            self.arg(&f.ty, &self.field_facts(f), fill)
                        } else {
                            self.value(&f.ty, &self.field_facts(f), fill, depth + 1)
                        };
                        expr = quote!(#expr.#setter(#v));
                    }
                }
                expr
            }
        }
    }
}

fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut parts = s.get(..10)?.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

fn sample_int(facts: &SchemaFacts) -> i64 {
    if let Some(v) = facts.int_values.first() {
        return *v;
    }
    if let Some(e) = facts.example.as_ref().and_then(|e| e.as_i64()) {
        return e;
    }
    let min = facts.minimum.map(|m| m.ceil() as i64);
    let max = facts.maximum.map(|m| m.floor() as i64);
    match (min, max) {
        (Some(a), _) if a > 1 => a,
        (_, Some(b)) if b < 1 => b,
        _ => 1,
    }
}

/// A string that fits the facts: the example, else a value of the format or pattern, padded
/// or cut to the length bounds.
pub fn sample_string(facts: &SchemaFacts) -> String {
    if let Some(e) = facts.example.as_ref().and_then(|e| e.as_str()) {
        return e.to_string();
    }
    let base = match facts.format.as_deref() {
        Some("uuid") => "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".to_string(),
        Some("email") => "user@example.com".to_string(),
        Some("uri") | Some("url") => "https://example.com".to_string(),
        Some("ipv4") => "192.168.1.1".to_string(),
        Some("ipv6") => "::1".to_string(),
        Some("hostname") => "example.com".to_string(),
        Some("date") => "2024-01-15".to_string(),
        Some("date-time") => "2024-01-15T10:30:00Z".to_string(),
        Some("byte") => "c2FtcGxl".to_string(),
        _ => match facts.pattern.as_deref().and_then(sample_for_pattern) {
            Some(s) => return s,
            None => "string".to_string(),
        },
    };
    fit_length(base, facts.min_length, facts.max_length)
}

fn fit_length(mut s: String, min: Option<usize>, max: Option<usize>) -> String {
    if let Some(min) = min {
        let mut i = 0;
        while s.chars().count() < min {
            s.push(char::from(b'0' + (i % 10) as u8));
            i += 1;
        }
    }
    if let Some(max) = max {
        s = s.chars().take(max).collect();
    }
    s
}

/// The shortest string a pattern matches, choosing the first alternative and the first
/// alphanumeric character of each class.
pub fn sample_for_pattern(pattern: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut out = String::new();
    walk(&hir, &mut out)?;
    Some(out)
}

fn walk(hir: &Hir, out: &mut String) -> Option<()> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => out.push_str(std::str::from_utf8(&lit.0).ok()?),
        HirKind::Class(Class::Unicode(c)) => {
            let mut chosen = None;
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    if ch.is_ascii_alphanumeric() {
                        chosen = Some(ch);
                        break;
                    }
                }
                if chosen.is_some() {
                    break;
                }
            }
            out.push(chosen.or_else(|| c.ranges().first().map(|r| r.start()))?);
        }
        HirKind::Class(Class::Bytes(c)) => out.push(char::from(c.ranges().first()?.start())),
        HirKind::Repetition(rep) => {
            for _ in 0..rep.min.min(64) {
                walk(&rep.sub, out)?;
            }
        }
        HirKind::Capture(cap) => walk(&cap.sub, out)?,
        HirKind::Concat(items) => {
            for item in items {
                walk(item, out)?;
            }
        }
        HirKind::Alternation(alts) => walk(alts.first()?, out)?,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_samples_match_their_pattern() {
        assert_eq!(
            sample_for_pattern(r"^\+[1-9]\d{1,14}$").as_deref(),
            Some("+10")
        );
        assert_eq!(sample_for_pattern(r"^[0-9]{4}$").as_deref(), Some("0000"));
        assert_eq!(sample_for_pattern(r"^[A-Z]{2}$").as_deref(), Some("AA"));
        assert_eq!(
            sample_for_pattern(r"^[0-9]{5}(-[0-9]{4})?$").as_deref(),
            Some("00000")
        );
    }

    #[test]
    fn strings_fit_length_bounds() {
        let facts = SchemaFacts {
            min_length: Some(10),
            max_length: Some(40),
            ..Default::default()
        };
        assert_eq!(sample_string(&facts), "string0123");
    }
}
