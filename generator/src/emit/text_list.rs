//! Calls, arrays and tuples laid out as prettyplease lays them out ([`super::text`]): on one
//! line where that line fits; else the opening on its line, each item on its own line one
//! level in and followed by a comma (laid out the same way in turn), and the closing.
//!
//! Only lists whose items are plain expressions are written this way: prettyplease keeps a
//! lone block-like argument (a struct literal, a closure) on the call's line, and such
//! arguments are left to it.

use super::text::{Code, fits};

/// A piece of an expression: text that is never broken, or a delimited list.
pub enum Piece {
    Atom(String),
    List {
        /// Up to and including the opening delimiter: `f(`, `&[`, `(`.
        open: String,
        items: Vec<Piece>,
        close: &'static str,
        /// A tuple: one item keeps its comma on one line, `(a,)`.
        tuple: bool,
    },
}

impl Piece {
    /// A list of atoms.
    pub fn atoms(open: impl Into<String>, items: Vec<String>, close: &'static str) -> Piece {
        Piece::List {
            open: open.into(),
            items: items.into_iter().map(Piece::Atom).collect(),
            close,
            tuple: false,
        }
    }

    /// A tuple of atoms: `(a, b)`, `(a,)`.
    pub fn tuple(items: Vec<String>) -> Piece {
        match Piece::atoms("(", items, ")") {
            Piece::List {
                open, items, close, ..
            } => Piece::List {
                open,
                items,
                close,
                tuple: true,
            },
            atom => atom,
        }
    }

    /// The piece on one line.
    pub fn flat(&self) -> String {
        match self {
            Piece::Atom(text) => text.clone(),
            Piece::List {
                open,
                items,
                close,
                tuple,
            } => {
                let inner: Vec<String> = items.iter().map(Piece::flat).collect();
                let comma = if *tuple && items.len() == 1 { "," } else { "" };
                format!("{open}{}{comma}{close}", inner.join(", "))
            }
        }
    }
}

/// Writes `piece`, then `counted`, then `free`, starting a line `depth` levels in, or writes
/// nothing and returns `false` where it cannot (an atom longer than its line).
///
/// prettyplease measures a piece up to its next break point: what follows the piece on its
/// line up to there (`counted`: a statement's `;`, a list item's comma, a call's `)`, the
/// ` = ` after a `let`'s type) counts toward the piece's width, and what comes after that
/// point (`free`: the `None;` after ` = `) does not. Nor does the comma after a broken list's
/// last item: prettyplease writes it only when the line breaks.
pub fn layout(code: &mut Code, depth: usize, piece: &Piece, counted: &str, free: &str) -> bool {
    let mark = code.mark();
    if lay(code, depth, piece, counted, free) {
        true
    } else {
        code.rewind(mark);
        false
    }
}

fn lay(code: &mut Code, depth: usize, piece: &Piece, counted: &str, free: &str) -> bool {
    let flat = format!("{}{counted}", piece.flat());
    if fits(depth, &flat) {
        code.line(depth, &format!("{flat}{free}"));
        return true;
    }
    let Piece::List {
        open, items, close, ..
    } = piece
    else {
        return false;
    };
    if items.is_empty() || !fits(depth, open) {
        return false;
    }
    code.line(depth, open);
    for (i, item) in items.iter().enumerate() {
        let (counted, free) = if i + 1 == items.len() {
            ("", ",")
        } else {
            (",", "")
        };
        if !lay(code, depth + 1, item, counted, free) {
            return false;
        }
    }
    code.line(depth, &format!("{close}{counted}{free}"));
    true
}

/// A match arm `depth` levels in: `pattern => body,` where that fits, else the body alone
/// in a block (as prettyplease writes an arm whose body does not fit its line); `false`,
/// writing nothing, where neither does.
pub fn arm(code: &mut Code, depth: usize, pattern: &str, body: &Piece) -> bool {
    // The arm's comma is written only when the arm is not broken: it does not count.
    let flat = format!("{pattern} => {}", body.flat());
    if fits(depth, &flat) {
        code.line(depth, &format!("{flat},"));
        return true;
    }
    let open = format!("{pattern} => {{");
    let mark = code.mark();
    if fits(depth, &open) {
        code.line(depth, &open);
        if layout(code, depth + 1, body, "", "") {
            code.line(depth, "}");
            return true;
        }
    }
    code.rewind(mark);
    false
}
