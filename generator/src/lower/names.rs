//! Turning spec names into Rust identifiers: ASCII, cased by heck, keywords escaped,
//! collisions made unique deterministically.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Names that would shadow prelude or std items used by generated code.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Default",
    "Client",
    "Error",
    "Nullable",
    "Value",
    "ApiError",
    "ErrorKind",
    "RawResponse",
    "FilePart",
    "ClientBuilder",
    "Environment",
    "PageStream",
    "From",
    "Into",
    "IntoIterator",
    "Send",
    "Sync",
];

/// Transliterates to ASCII and keeps only characters usable in identifiers, turning the rest
/// into word separators.
fn ascii_words(raw: &str) -> String {
    let ascii = deunicode::deunicode(raw);
    ascii
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn escape_keyword(mut ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

fn fix_leading_digit(ident: String, prefix: &str) -> String {
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{ident}")
    } else {
        ident
    }
}

/// `snake_case` identifier for fields, methods, params and modules; never empty.
pub fn snake(raw: &str) -> String {
    remembered(&SNAKE, raw, snake_of)
}

fn snake_of(raw: &str) -> String {
    let s = ascii_words(raw).to_snake_case();
    let s = if s.is_empty() { "value".to_string() } else { s };
    escape_keyword(fix_leading_digit(s, "_"))
}

/// `UpperCamelCase` identifier for types and variants; never empty.
pub fn camel(raw: &str) -> String {
    remembered(&CAMEL, raw, camel_of)
}

thread_local! {
    /// The names made so far on this thread: a spec's names are asked for again and again
    /// (each schema's name by its fields, its references, its module), and heck's case
    /// conversion is a tenth of lowering.
    static SNAKE: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
    static CAMEL: std::cell::RefCell<std::collections::HashMap<String, String>> = Default::default();
}

/// `make(raw)`, remembered in `memo` (emptied when it grows past a spec's worth of names).
fn remembered(
    memo: &'static std::thread::LocalKey<
        std::cell::RefCell<std::collections::HashMap<String, String>>,
    >,
    raw: &str,
    make: fn(&str) -> String,
) -> String {
    memo.with(|m| {
        if let Some(name) = m.borrow().get(raw) {
            return name.clone();
        }
        let name = make(raw);
        let mut m = m.borrow_mut();
        if m.len() > 1 << 16 {
            m.clear();
        }
        m.insert(raw.to_string(), name.clone());
        name
    })
}

fn camel_of(raw: &str) -> String {
    // heck keeps existing word boundaries; a name like `ASC` becomes `Asc`.
    let s = ascii_words(raw).to_upper_camel_case();
    let s = if s.is_empty() { "Empty".to_string() } else { s };
    let s = fix_leading_digit(s, "V");
    escape_keyword(s)
}

/// Type names longer than this are cut, with a hash of the whole name to keep them apart
/// (their file names must stay under the filesystem's 255-byte limit, and people type them).
const MAX_TYPE_NAME: usize = 96;

/// A type name that does not shadow names generated code relies on.
pub fn type_name(raw: &str) -> String {
    let s = camel(raw);
    let s = if RESERVED_TYPES.contains(&s.as_str()) {
        format!("{s}Type")
    } else {
        s
    };
    if s.len() <= MAX_TYPE_NAME {
        return s;
    }
    // FNV-1a: stable across runs and platforms.
    let hash = s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    });
    format!("{}{:08X}", &s[..MAX_TYPE_NAME - 8], hash as u32)
}

/// Whether a name would shadow a name generated code relies on.
pub fn is_reserved_type(name: &str) -> bool {
    RESERVED_TYPES.contains(&name)
}

/// Hands out names, appending `2`, `3`, ... to repeats, in the order asked.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: BTreeSet<String>,
}

impl Namer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a name as used without handing it out.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Returns `base`, or `base2`, `base3`... (with `_` before the number for snake names).
    pub fn unique(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let sep = if base.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
            "_"
        } else {
            ""
        };
        let stem = base.trim_end_matches('_');
        (2..)
            .map(|n| format!("{stem}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_else(|| base.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_escapes_keywords_and_transliterates() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("größe"), "grosse");
        assert_eq!(snake("fooBar"), "foo_bar");
        assert_eq!(snake("Straddle-Account-Id"), "straddle_account_id");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(snake(""), "value");
    }

    #[test]
    fn camel_names_enum_values() {
        assert_eq!(camel("a-b"), "AB");
        assert_eq!(camel(""), "Empty");
        assert_eq!(camel("1"), "V1");
        assert_eq!(camel("ASC"), "Asc");
        assert_eq!(camel("with space"), "WithSpace");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("Café"), "Cafe");
        assert_eq!(type_name("Error"), "ErrorType");
        assert_eq!(type_name("Result"), "ResultType");
        let long = type_name(&"very long name ".repeat(20));
        assert_eq!(long.len(), 96);
        assert_ne!(long, type_name(&"very long name ".repeat(21)));
    }

    #[test]
    fn namer_numbers_repeats() {
        let mut n = Namer::new();
        assert_eq!(n.unique("Asc"), "Asc");
        assert_eq!(n.unique("Asc"), "Asc2");
        assert_eq!(n.unique("foo_bar"), "foo_bar");
        assert_eq!(n.unique("foo_bar"), "foo_bar_2");
        assert_eq!(n.unique("type_"), "type_");
        assert_eq!(n.unique("type_"), "type_2");
    }
}
