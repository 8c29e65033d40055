//! Text kept out of the syn round trip: doc comments, and code already formatted.
//!
//! A third of a generated file is doc comments, and every line of them would otherwise go
//! through `quote!` as an attribute, be parsed back by syn, and be printed by prettyplease.
//! Instead each block of doc lines becomes one short marker attribute while the file's code is
//! formatted, and the marker's line is replaced by the block's lines afterwards.
//!
//! This prints exactly what prettyplease prints for the lines themselves: it writes every
//! outer doc attribute on a line of its own (`///`, the text, its trailing spaces trimmed),
//! indented as the item, and an attribute (the marker, `#[__sdk_doc(N)]`, as a doc attribute)
//! forces the lines around it apart whatever its length. `tests/specs` and the generated crates are checked against that: the drift test
//! regenerates them, and `marker_free` fails a file that still holds a marker.
//!
//! A code block is the same for whole items written as formatted text ([`super::text`]): one
//! placeholder item, `__sdk_generator_block!(N);`, which prettyplease prints on a line of its
//! own, replaced by the block's lines indented as the placeholder.
//!
//! The blocks live in a per-thread table: a file's code is built and formatted on one thread,
//! and each emission job starts with an empty table.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;

/// Opens and closes a doc block's marker: an attribute no generated code uses otherwise,
/// which syn parses as a path and one integer token (a `#[doc = ".."]` marker would cost a
/// string literal's unescaping, every time).
const OPEN: &str = "#[__sdk_doc(";
const CLOSE: &str = ")]";
/// The macro a code block's placeholder item calls: no generated code names it otherwise.
const CODE: &str = "__sdk_generator_block!(";

thread_local! {
    /// The last block's number, and the blocks made since the table was last emptied.
    static BLOCKS: RefCell<(usize, HashMap<usize, String>)> = RefCell::new((0, HashMap::new()));
}

fn keep(text: String) -> usize {
    BLOCKS.with(|b| {
        let mut b = b.borrow_mut();
        b.0 += 1;
        let id = b.0;
        b.1.insert(id, text);
        id
    })
}

/// One marker attribute standing for `text`'s lines (each written as `/// line`).
pub fn block(text: &str) -> TokenStream {
    if text.lines().next().is_none() {
        return TokenStream::new();
    }
    let id = proc_macro2::Literal::usize_unsuffixed(keep(text.to_string()));
    quote! { #[__sdk_doc(#id)] }
}

/// One placeholder item standing for `lines`: formatted code, each line ending in `\n`,
/// indented as if the item were at the left margin (empty lines stay empty).
pub fn code(lines: String) -> TokenStream {
    let id = proc_macro2::Literal::usize_unsuffixed(keep(lines));
    quote! { __sdk_generator_block!(#id); }
}

/// What a formatted line stands for: its indentation, whether it is a code block (or a doc
/// block), and the block's number.
fn marker_of(line: &str) -> Option<(&str, bool, usize)> {
    let code = line.trim_start_matches(' ');
    let indent = &line[..line.len() - code.len()];
    if let Some(id) = code.strip_prefix(CODE) {
        return Some((indent, true, id.strip_suffix(");")?.parse().ok()?));
    }
    let id = code.strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
    Some((indent, false, id.parse().ok()?))
}

/// `formatted` with every marker line replaced by its block's lines.
pub fn restore(formatted: &str) -> Result<String, String> {
    if !formatted.contains(OPEN) && !formatted.contains(CODE) {
        return Ok(formatted.to_string());
    }
    let mut out = String::with_capacity(formatted.len() * 2);
    BLOCKS.with(|b| -> Result<(), String> {
        let blocks = &b.borrow().1;
        for line in formatted.split_inclusive('\n') {
            let Some((indent, code, id)) = marker_of(line.trim_end_matches('\n')) else {
                out.push_str(line);
                continue;
            };
            let text = blocks
                .get(&id)
                .ok_or_else(|| format!("block {id} was made for another file"))?;
            if code {
                for line in text.split_inclusive('\n') {
                    if line != "\n" {
                        out.push_str(indent);
                    }
                    out.push_str(line);
                }
                continue;
            }
            doc_lines(&mut out, indent, text);
        }
        Ok(())
    })?;
    Ok(out)
}

/// `text`'s lines as prettyplease prints a doc attribute each: `///`, then ` ` and the line
/// unless it is empty, indented by `indent`.
pub fn doc_lines(out: &mut String, indent: &str, text: &str) {
    for doc in text.lines() {
        out.push_str(indent);
        out.push_str("///");
        // prettyplease trims the trailing spaces of ` {line}`: a line of spaces is `///`.
        let doc = doc.trim_end_matches(' ');
        if !doc.is_empty() {
            out.push(' ');
            out.push_str(doc);
        }
        out.push('\n');
    }
}

/// An error naming the file if `text` still holds a marker (a doc block formatted some way
/// other than as a file's outer doc comment, or a code block's placeholder).
pub fn marker_free(path: &str, text: &str) -> Result<(), String> {
    match text.contains(OPEN) || text.contains(CODE) {
        true => Err(format!("`{path}` holds a block that was not put back")),
        false => Ok(()),
    }
}

/// Forgets the blocks made on this thread: called before each file is built, so that a block
/// used in the wrong file is an error, and memory holds one file's blocks.
pub fn forget() {
    BLOCKS.with(|b| b.borrow_mut().1.clear());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(tokens: TokenStream) -> String {
        let file: syn::File = syn::parse2(tokens).expect("parses");
        prettyplease::unparse(&file)
    }

    #[test]
    fn a_block_prints_as_the_lines_prettyplease_prints_one_attribute_each() {
        let text =
            "First line.  \n\nA [link](x) and `code`\n   \n  indented\u{7f} \\ \"quoted\"\r\nlast";
        let lines = text.lines().map(|l| match l.is_empty() {
            true => String::new(),
            false => format!(" {l}"),
        });
        let attrs = quote! { #( #[doc = #lines] )* };
        let expected = format(quote! {
            mod m {
                #attrs
                pub struct S {
                    #attrs
                    pub field: Option<Vec<crate::types::SomeLongName>>,
                }
            }
        });
        let block = block(text);
        let marked = format(quote! {
            mod m {
                #block
                pub struct S {
                    #block
                    pub field: Option<Vec<crate::types::SomeLongName>>,
                }
            }
        });
        assert_ne!(marked, expected);
        assert_eq!(restore(&marked).unwrap(), expected);
        marker_free("m.rs", &expected).unwrap();
        assert_eq!(
            marker_free("m.rs", &marked).unwrap_err(),
            "`m.rs` holds a block that was not put back"
        );
        // A block made before the table was emptied (for another file) is an error.
        forget();
        let err = restore(&marked).unwrap_err();
        assert!(
            err.starts_with("block ") && err.ends_with("another file"),
            "{err}"
        );
    }

    #[test]
    fn a_code_block_takes_its_placeholder_s_line_and_indentation() {
        let item = code("impl X {\n\n    fn f() {}\n}\n".to_string());
        let marked = format(quote! {
            mod m {
                struct X;
                #item
            }
        });
        assert_eq!(
            restore(&marked).unwrap(),
            "mod m {\n    struct X;\n    impl X {\n\n        fn f() {}\n    }\n}\n"
        );
        assert_eq!(
            marker_free("m.rs", &marked).unwrap_err(),
            "`m.rs` holds a block that was not put back"
        );
    }

    #[test]
    fn no_lines_no_attribute() {
        assert!(block("").is_empty());
    }
}
