//! Constant expressions (struct literals, arrays, tuples, calls of literals) built as a tree
//! that becomes either tokens or the text prettyplease prints for them ([`super::text`]).
//!
//! prettyplease's layout of these, which the text follows:
//! - a struct literal wider than 34 columns (without its closing brace) is broken, one field
//!   a line; a narrower one stays on one line where that fits;
//! - an array, tuple or call is on one line where that fits, else one item a line;
//! - a call whose one argument is block-like (a struct literal, a tuple) keeps it on the
//!   call's line: `Some(Paging {`;
//! - an atom (a literal, a path) is never broken, even past the margin;
//! - what follows a piece up to the next break point counts toward its width (a non-last
//!   item's comma), the comma after a broken list's last item does not.

use proc_macro2::TokenStream;

use super::text::{Code, fits};

/// An expression of the table.
pub enum Expr {
    /// Text that is never broken: a literal, a path.
    Atom(String),
    /// `head(args)`.
    Call(String, Vec<Expr>),
    /// `&[items]`.
    Array(Vec<Expr>),
    /// `(items)`, of two or more.
    Tuple(Vec<Expr>),
    /// `Name { field: value, .. }`.
    Struct(String, Vec<(String, Expr)>),
}

impl Expr {
    /// A string literal.
    pub fn str(text: &str) -> Expr {
        Expr::Atom(super::text::string_literal(text))
    }

    /// `Some(value)` or `None`.
    pub fn option(value: Option<Expr>) -> Expr {
        match value {
            Some(v) => Expr::Call("Some".to_string(), vec![v]),
            None => Expr::Atom("None".to_string()),
        }
    }

    /// Block-like as prettyplease sees a lone call argument (`&[..]` is a reference, not
    /// an array).
    fn block_like(&self) -> bool {
        matches!(self, Expr::Tuple(_) | Expr::Struct(..))
    }

    /// The expression on one line.
    pub fn flat(&self) -> String {
        let join = |items: &[Expr]| items.iter().map(Expr::flat).collect::<Vec<_>>().join(", ");
        match self {
            Expr::Atom(t) => t.clone(),
            Expr::Call(head, args) => format!("{head}({})", join(args)),
            Expr::Array(items) => format!("&[{}]", join(items)),
            Expr::Tuple(items) => format!("({})", join(items)),
            Expr::Struct(name, fields) if fields.is_empty() => format!("{name} {{}}"),
            Expr::Struct(name, fields) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|(f, v)| format!("{f}: {}", v.flat()))
                    .collect();
                format!("{name} {{ {} }}", fields.join(", "))
            }
        }
    }

    /// The width of [`Expr::flat`], counted only up to `cap` (then anything above it).
    fn width(&self, cap: usize) -> usize {
        let list = |items: &[Expr], open: usize| {
            let mut w = open + 1 + items.len().saturating_sub(1) * 2;
            for i in items {
                if w > cap {
                    break;
                }
                w += i.width(cap - w.min(cap));
            }
            w
        };
        match self {
            Expr::Atom(t) => t.len(),
            Expr::Call(head, args) => list(args, head.len() + 1),
            Expr::Array(items) => list(items, 2),
            Expr::Tuple(items) => list(items, 1),
            Expr::Struct(name, fields) if fields.is_empty() => name.len() + 3,
            Expr::Struct(name, fields) => {
                let mut w = name.len() + 5 + (fields.len() - 1) * 2;
                for (f, v) in fields {
                    if w > cap {
                        break;
                    }
                    w += f.len() + 2 + v.width(cap - w.min(cap));
                }
                w
            }
        }
    }

    /// Whether `name` is a struct literal or the first segment of a path in it.
    pub fn names(&self, name: &str) -> bool {
        let path = |t: &str| {
            t.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with("::"))
        };
        match self {
            Expr::Atom(t) => path(t),
            Expr::Call(head, args) => path(head) || args.iter().any(|a| a.names(name)),
            Expr::Array(items) | Expr::Tuple(items) => items.iter().any(|i| i.names(name)),
            Expr::Struct(n, fields) => n == name || fields.iter().any(|(_, v)| v.names(name)),
        }
    }

    /// Whether prettyplease may print it on one line: no struct literal in it is wider than
    /// its limit. `None` where a width is too near the limit to tell.
    fn may_be_flat(&self) -> Option<bool> {
        match self {
            Expr::Atom(_) => Some(true),
            Expr::Call(_, items) | Expr::Array(items) | Expr::Tuple(items) => items
                .iter()
                .try_fold(true, |all, i| Some(all && i.may_be_flat()?)),
            Expr::Struct(_, fields) => {
                // From the name to the space before the closing brace.
                let width = self.width(64) - 1;
                if (33..=36).contains(&width) {
                    return None;
                }
                let inner = fields
                    .iter()
                    .try_fold(true, |all, (_, v)| Some(all && v.may_be_flat()?))?;
                Some(width <= 34 && inner)
            }
        }
    }

    /// The tokens of the expression (for the file's tokens where text is not written).
    pub fn tokens(&self) -> Result<TokenStream, String> {
        self.flat()
            .parse()
            .map_err(|e| format!("a table expression does not lex: {e}"))
    }
}

/// Writes `prefix`, `e`, then `counted` (which counts toward the width) and `free` (which does
/// not), starting a line `depth` levels in; `false` where the layout is not known.
pub fn layout(
    code: &mut Code,
    depth: usize,
    prefix: &str,
    e: &Expr,
    counted: &str,
    free: &str,
) -> bool {
    // Measured before it is written: most of a table is far wider than a line.
    let room = super::text::room(depth);
    let atom = matches!(e, Expr::Atom(_));
    if atom || prefix.len() + e.width(room + 1) + counted.len() <= room {
        let may_be_flat = match e.may_be_flat() {
            Some(m) => m,
            None => return false,
        };
        let flat = format!("{prefix}{}{counted}", e.flat());
        // An atom is never broken, even past the margin.
        if atom || (may_be_flat && fits(depth, &flat)) {
            code.line(depth, &format!("{flat}{free}"));
            return true;
        }
    }
    let items = |code: &mut Code, items: &[Expr]| {
        items.iter().enumerate().all(|(i, item)| {
            let last = i + 1 == items.len();
            let (c, f) = if last { ("", ",") } else { (",", "") };
            layout(code, depth + 1, "", item, c, f)
        })
    };
    match e {
        Expr::Atom(_) => false,
        Expr::Call(head, args) if args.len() == 1 && args[0].block_like() => layout(
            code,
            depth,
            &format!("{prefix}{head}("),
            &args[0],
            &format!("){counted}"),
            free,
        ),
        Expr::Call(head, args) => {
            code.line(depth, &format!("{prefix}{head}("));
            let ok = items(code, args);
            code.line(depth, &format!("){counted}{free}"));
            ok
        }
        Expr::Array(list) | Expr::Tuple(list) if list.is_empty() => false,
        Expr::Array(list) => {
            code.line(depth, &format!("{prefix}&["));
            let ok = items(code, list);
            code.line(depth, &format!("]{counted}{free}"));
            ok
        }
        Expr::Tuple(list) => {
            code.line(depth, &format!("{prefix}("));
            let ok = items(code, list);
            code.line(depth, &format!("){counted}{free}"));
            ok
        }
        Expr::Struct(_, fields) if fields.is_empty() => false,
        Expr::Struct(name, fields) => {
            code.line(depth, &format!("{prefix}{name} {{"));
            let ok = fields.iter().enumerate().all(|(i, (f, v))| {
                let last = i + 1 == fields.len();
                let (c, fr) = if last { ("", ",") } else { (",", "") };
                layout(code, depth + 1, &format!("{f}: "), v, c, fr)
            });
            code.line(depth, &format!("}}{counted}{free}"));
            ok
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `pub static X: T = e;` written as text, and formatted by prettyplease.
    fn both(e: &Expr) -> Option<(String, String)> {
        let mut code = Code::default();
        if !layout(&mut code, 0, "pub static X: T = ", e, ";", "") {
            return None;
        }
        let tokens = e.tokens().unwrap();
        let formatted =
            super::super::rust::format_file(quote::quote!(pub static X: T = #tokens;)).unwrap();
        let formatted = formatted
            .strip_prefix(super::super::rust::HEADER)
            .unwrap()
            .to_string();
        Some((code.text().to_string(), formatted))
    }

    #[test]
    fn tables_written_as_text_print_as_prettyplease_prints_them() {
        let mut written = 0;
        for len in 1..70 {
            let word = "w".repeat(len);
            let small = |n: usize| {
                Expr::Struct(
                    "S".to_string(),
                    (0..n)
                        .map(|i| (format!("f{i}"), Expr::str(&word[..len.min(i + 3)])))
                        .collect(),
                )
            };
            let table = Expr::Struct(
                "Table".to_string(),
                vec![
                    ("name".to_string(), Expr::str(&word)),
                    ("small".to_string(), small(1)),
                    ("two".to_string(), small(2)),
                    ("maybe".to_string(), Expr::option(Some(small(3)))),
                    ("none".to_string(), Expr::option(None)),
                    (
                        "values".to_string(),
                        Expr::Call(
                            "Kind::Enum".to_string(),
                            vec![Expr::Array(
                                (0..len % 9)
                                    .map(|i| Expr::str(&format!("{i}{word}")))
                                    .collect(),
                            )],
                        ),
                    ),
                    (
                        "pairs".to_string(),
                        Expr::Array(vec![
                            Expr::Tuple(vec![Expr::str("a"), Expr::str(&word)]),
                            Expr::Tuple(vec![Expr::str(&word), Expr::Atom("1u64".to_string())]),
                        ]),
                    ),
                    ("empty".to_string(), Expr::Array(Vec::new())),
                    (
                        "list".to_string(),
                        Expr::Array((0..3).map(|_| small(len % 4)).collect()),
                    ),
                ],
            );
            assert_eq!(table.width(usize::MAX), table.flat().len());
            if let Some((text, formatted)) = both(&table) {
                assert_eq!(text, formatted, "{len}");
                written += 1;
            }
        }
        assert!(written > 50, "{written}");
    }

    #[test]
    fn a_literal_longer_than_its_line_is_written_past_the_margin() {
        let help = "a long help text ".repeat(12);
        let flag = |n: usize| {
            Expr::Struct(
                "Flag".to_string(),
                vec![
                    ("name".to_string(), Expr::str(&format!("flag-{n}"))),
                    ("help".to_string(), Expr::str(&help)),
                    ("parent".to_string(), Expr::option(None)),
                ],
            )
        };
        let table = Expr::Struct(
            "Api".to_string(),
            vec![("flags".to_string(), Expr::Array((0..3).map(flag).collect()))],
        );
        let (text, formatted) = both(&table).expect("written as text");
        assert_eq!(text, formatted);
        assert!(text.lines().any(|l| l.len() > 200), "{text}");
    }
}
