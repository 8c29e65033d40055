//! Code written straight as the text prettyplease prints for it, for the items every type
//! repeats (its `Serialize` and `Deserialize` impls), without their tokens' syn round trip.
//!
//! A line is written as text only where prettyplease's output is known:
//! - the fixed lines of an item, checked against prettyplease by this module's users' tests;
//! - a statement or match arm whose single-line form fits the margin. prettyplease breaks a
//!   line only where a group of it does not fit what is left of the line (or where a
//!   construct forces it, and the statements written here hold none), so a line that fits
//!   prints as it is.
//!
//! Any other statement is formatted by prettyplease from its tokens, alone, in a wrapper that
//! puts it at the same indentation. The item becomes one [`super::blocks::code`] placeholder.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust::HEADER;

/// prettyplease's right margin, and the least room it leaves a deeply indented line.
const MARGIN: usize = 89;
const MIN_SPACE: usize = 60;

/// The columns a line `depth` levels in (four spaces each) has before the margin.
pub fn room(depth: usize) -> usize {
    MARGIN.saturating_sub(depth * 4).max(MIN_SPACE)
}

/// Whether `text`, starting at `depth`, is printed on one line as it is.
pub fn fits(depth: usize, text: &str) -> bool {
    text.len() <= room(depth) && !text.contains('\n')
}

/// Formatted lines of an item, indented from the item's own column.
#[derive(Default)]
pub struct Code {
    out: String,
    /// The depth of the placeholder the lines will stand in for: a depth given to a method
    /// stays absolute (for the margin), and lines are written relative to this one.
    base: usize,
}

/// Where a piece formatted alone sits: how it is wrapped to reach its depth.
#[derive(Clone, Copy)]
enum Place {
    /// A statement of a block (or the block's final expression).
    Stmt,
    /// An arm of a `match`.
    Arm,
}

impl Code {
    /// Lines for a placeholder `base` levels in (an item of an `impl`, say): depths given to
    /// its methods count from the file's margin.
    pub fn nested(base: usize) -> Code {
        Code {
            out: String::new(),
            base,
        }
    }

    /// A line prettyplease prints as it is, `depth` levels in.
    pub fn line(&mut self, depth: usize, text: &str) {
        for _ in self.base..depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// Where the text written so far ends, for [`Code::rewind`].
    pub fn mark(&self) -> usize {
        self.out.len()
    }

    /// Drops what was written after `mark`.
    pub fn rewind(&mut self, mark: usize) {
        self.out.truncate(mark);
    }

    /// A block of doc lines `depth` levels in, as [`super::blocks`] writes a doc block.
    pub fn doc(&mut self, depth: usize, text: &str) {
        let indent = "    ".repeat(depth.saturating_sub(self.base));
        super::blocks::doc_lines(&mut self.out, &indent, text);
    }

    /// Lines prettyplease prints as they are, each with its depth.
    pub fn lines(&mut self, lines: &[(usize, &str)]) {
        for (depth, text) in lines {
            self.line(*depth, text);
        }
    }

    /// A statement `depth` levels in: `text` when it fits on a line, else `tokens` formatted.
    pub fn stmt(
        &mut self,
        depth: usize,
        text: &str,
        tokens: impl FnOnce() -> TokenStream,
    ) -> Result<(), String> {
        self.piece(depth, Place::Stmt, text, tokens)
    }

    /// Statements `depth` levels in, formatted by prettyplease (a piece whose layout is
    /// not a single line, such as a struct literal or a `let ... else` block).
    pub fn formatted(&mut self, depth: usize, tokens: TokenStream) -> Result<(), String> {
        let text = alone(depth, Place::Stmt, tokens)?;
        self.push_formatted(&text);
        Ok(())
    }

    /// A match arm `depth` levels in, formatted by prettyplease.
    pub fn formatted_arm(&mut self, depth: usize, tokens: TokenStream) -> Result<(), String> {
        let text = alone(depth, Place::Arm, tokens)?;
        self.push_formatted(&text);
        Ok(())
    }

    /// Lines formatted at their absolute depth, moved to this code's base.
    fn push_formatted(&mut self, text: &str) {
        if self.base == 0 {
            self.out.push_str(text);
            return;
        }
        let indent = "    ".repeat(self.base);
        for line in text.split_inclusive('\n') {
            self.out
                .push_str(line.strip_prefix(indent.as_str()).unwrap_or(line));
        }
    }

    fn piece(
        &mut self,
        depth: usize,
        place: Place,
        text: &str,
        tokens: impl FnOnce() -> TokenStream,
    ) -> Result<(), String> {
        if fits(depth, text) {
            self.line(depth, text);
        } else {
            let text = alone(depth, place, tokens())?;
            self.push_formatted(&text);
        }
        Ok(())
    }

    /// The placeholder item that stands for these lines in a file's tokens.
    pub fn item(self) -> TokenStream {
        super::blocks::code(self.out)
    }

    /// The lines written so far.
    pub fn text(&self) -> &str {
        &self.out
    }
}

/// `tokens` formatted by prettyplease as they would be `depth` levels in, at `place`: in
/// `depth` nested functions (the last level a `match` for an arm), whose bodies prettyplease
/// always breaks over lines, as it does a `match`.
fn alone(depth: usize, place: Place, tokens: TokenStream) -> Result<String, String> {
    let mut wrapped = match place {
        Place::Stmt => tokens,
        Place::Arm => quote!(match x { #tokens }),
    };
    let functions = match place {
        Place::Stmt => depth.max(1),
        Place::Arm => depth.max(2) - 1,
    };
    for _ in 0..functions {
        wrapped = quote!(fn f() { #wrapped });
    }
    let file = super::rust::format_file(wrapped)?;
    let body = file.strip_prefix(HEADER).unwrap_or(&file);
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    // The wrapper's opening lines (`fn f() {`, `match x {`) and as many closing ones.
    let open = depth.max(1);
    if lines.len() < 2 * open {
        return Err(format!("a piece formatted alone lost its wrapper: {body}"));
    }
    Ok(lines[open..lines.len() - open].concat())
}

/// `text` as the string literal token `quote!` makes of it (escapes and all).
pub fn string_literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `inner` at `depth`, in as many functions, each with a statement before it (the shape
    /// of the impls `Code` writes).
    fn nest(depth: usize, inner: TokenStream) -> TokenStream {
        let mut t = inner;
        for _ in 0..depth {
            t = quote!(fn f() { let _ = 0; #t });
        }
        t
    }

    fn prettyplease_lines(depth: usize, inner: TokenStream) -> String {
        let file = super::super::rust::format_file(nest(depth, inner)).unwrap();
        let lines: Vec<&str> = file.split_inclusive('\n').collect();
        // The header, and each function's `fn f() {` and `let _ = 0;` lines.
        let inner: Vec<&str> = lines[1..lines.len() - depth]
            .iter()
            .copied()
            .filter(|l| !l.trim().starts_with("fn f() {") && l.trim() != "let _ = 0;")
            .collect();
        inner.concat()
    }

    #[test]
    fn a_statement_that_fits_is_its_text_and_one_that_does_not_is_formatted_in_place() {
        for depth in [1, 4, 6, 9] {
            for len in 20..110 {
                let name = "x".repeat(len);
                let wire = string_literal(&name);
                let text = format!("o.field({wire}, &self.{name});");
                let tokens = || {
                    let n = super::super::rust::ident(&name);
                    quote!(o.field(#name, &self.#n);)
                };
                let mut code = Code::default();
                code.stmt(depth, &text, tokens).unwrap();
                assert_eq!(
                    code.text(),
                    prettyplease_lines(depth, tokens()),
                    "{depth} {len}"
                );
            }
        }
    }

    #[test]
    fn an_arm_that_does_not_fit_is_formatted_as_an_arm() {
        let wire = "w".repeat(30);
        let mut code = Code::default();
        code.formatted_arm(6, quote!(#wire => put(&mut map, &mut f0, #wire),))
            .unwrap();
        let expected = format!(
            "{i}{w} => {{\n{i}    put(&mut map, &mut f0, {w})\n{i}}}\n",
            i = " ".repeat(24),
            w = string_literal(&wire)
        );
        assert_eq!(code.text(), expected);
    }

    #[test]
    fn the_margin_is_prettyplease_s() {
        assert!(fits(0, &"x".repeat(89)));
        assert!(!fits(0, &"x".repeat(90)));
        assert!(fits(4, &"x".repeat(73)));
        assert!(!fits(4, &"x".repeat(74)));
        // Deep lines keep 60 columns.
        assert!(fits(10, &"x".repeat(60)));
        assert!(!fits(10, &"x".repeat(61)));
        assert!(!fits(0, "a\nb"));
    }
}
