//! A YAML spec parsed in two halves at once, on two threads: a spec is one mapping whose
//! top-level keys (`paths:`, `components:`) each start a line at the left margin, and the
//! text from such a line on is a YAML mapping of its own.
//!
//! The halves give the same value as the whole or the whole is parsed instead:
//! - each half must parse, as a mapping: a cut through a multi-line construct leaves the first
//!   half unterminated, an alias to an anchor of the other half is unknown in its own;
//! - no top-level key may be in both halves (the whole would decide which one wins);
//! - a document with directives (`%YAML`), several documents (`---` after the first line),
//!   or no key line near the middle, is parsed whole.
//!
//! Errors always come from the whole document's parse, so their lines are the file's.

/// The value of `text`, or `None` where it is parsed whole (see the module docs).
pub fn parse_halves<T, E>(
    text: &str,
    parse: impl Fn(&str) -> Result<T, E> + Sync,
    merge: impl FnOnce(T, T) -> Option<T>,
) -> Option<T>
where
    T: Send,
{
    let cut = cut(text)?;
    let (first, second) = text.split_at(cut);
    let (a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| parse(second).ok());
        let a = parse(first).ok();
        (a, other.join().ok().flatten())
    });
    merge(a?, b?)
}

/// Where the second half starts: the top-level key line nearest the middle, if the text is
/// large enough to be worth a thread and holds none of what rules a cut out.
fn cut(text: &str) -> Option<usize> {
    const WORTH_A_THREAD: usize = 64 * 1024;
    if text.len() < WORTH_A_THREAD
        || std::thread::available_parallelism().map_or(1, |n| n.get()) < 2
    {
        return None;
    }
    let mut best: Option<usize> = None;
    let middle = text.len() / 2;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let first = line.as_bytes()[0];
        if line.starts_with('%') || (at > 0 && (line.starts_with("---") || line.starts_with("...")))
        {
            return None;
        }
        if at == 0 || !(first.is_ascii_alphanumeric() || first == b'_') {
            continue;
        }
        let key_line = line.split_once(':').is_some_and(|(key, rest)| {
            !key.contains(['#', '{', '[', '"', '\'']) && rest.starts_with([' ', '\n', '\r'])
        });
        if key_line && best.is_none_or(|b| at.abs_diff(middle) < b.abs_diff(middle)) {
            best = Some(at);
        }
    }
    best
}

/// The mapping of two halves' mappings, or `None` if either is not one or they share a key.
pub fn merge(a: serde_json::Value, b: serde_json::Value) -> Option<serde_json::Value> {
    let (serde_json::Value::Object(mut a), serde_json::Value::Object(b)) = (a, b) else {
        return None;
    };
    for (k, v) in b {
        if a.insert(k, v).is_some() {
            return None;
        }
    }
    Some(serde_json::Value::Object(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<serde_json::Value, String> {
        serde_yaml::from_str(text).map_err(|e| e.to_string())
    }

    /// A spec-like document of about `n` kilobytes whose keys are `a` and `b`.
    fn doc(first: &str, second: &str) -> String {
        let pad = "  x: 'a padding line of the document'\n".repeat(1000);
        format!("a:\n{pad}{first}b:\n{pad}{second}")
    }

    #[test]
    fn the_halves_of_a_document_are_its_value() {
        let text = doc("  y: 1\n", "  z: [1, 2]\n");
        let halves = parse_halves(&text, parse, merge).expect("cut in two");
        assert_eq!(halves, parse(&text).unwrap());
        assert_eq!(halves["b"]["z"], serde_json::json!([1, 2]));
    }

    #[test]
    fn a_cut_no_half_can_take_is_parsed_whole() {
        // An alias to an anchor of the other half.
        let text = doc("  y: &shared 1\n", "  z: *shared\n");
        assert!(parse_halves(&text, parse, merge).is_none());
        assert_eq!(parse(&text).unwrap()["b"]["z"], 1);
        // A key in both halves.
        let text = doc("", "a: 2\n");
        assert!(parse_halves(&text, parse, merge).is_none());
        // A flow mapping that runs over the key line.
        let text = doc("  y: {p: 1,\nb2: 3}\n", "");
        assert!(parse_halves(&text, parse, merge).is_none());
    }

    #[test]
    fn directives_several_documents_and_small_texts_are_never_cut() {
        assert_eq!(cut(&format!("%YAML 1.2\n---\n{}", doc("", ""))), None);
        assert_eq!(cut(&format!("{}---\nc: 1\n", doc("", ""))), None);
        assert_eq!(cut("a: 1\nb: 2\n"), None);
        let text = doc("", "");
        assert_eq!(&text[cut(&text).unwrap()..][..3], "b:\n");
    }
}
