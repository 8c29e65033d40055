//! Normalization: between loading and lowering, one canonical form of every construct.
//!
//! The document is rewritten as a JSON value, then deserialized into `openapiv3`'s 3.0 model:
//!
//! 1. the version is checked (3.0.x or 3.1.x) and the root's shape;
//! 2. `$ref`s to any pointer are resolved ([`refs`]): schemas are hoisted into components,
//!    other objects inlined, references to other files refused;
//! 3. implied members are filled in ([`document::Implied`]);
//! 4. every schema is rewritten into the canonical form ([`schema`], [`v31`]);
//! 5. every object's shape is checked ([`check`]), all problems at once, each at the deepest
//!    wrong node; nesting is bounded;
//! 6. the result is deserialized, which can then no longer fail deep inside.
//!
//! Why a JSON rewrite into the 3.0 model rather than a 3.1 model: 3.1's additions that an SDK
//! can use (type arrays with `null`, `const`, numeric exclusive bounds, `examples`) all have
//! exact 3.0 spellings, so one model and one lowering serve both versions, and `openapiv3`
//! stays the single typed view of a document.

mod check;
mod document;
mod lenient;
pub mod pointer;
mod refs;
mod schema;
mod skip;
mod v31;
pub mod walk;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::diag::Diagnostic;
use walk::{Kind, Visit};

/// A document in canonical form.
pub struct Normalized {
    pub spec: openapiv3::OpenAPI,
    /// The version the document declared (`3.0.3`, `3.1.0`...).
    pub version: String,
    /// Components made from schemas that were referred to inside other objects: name -> the
    /// pointer they came from (for diagnostics).
    pub hoisted: BTreeMap<String, String>,
    /// What was ignored, and why.
    pub notes: Vec<Diagnostic>,
}

impl Normalized {
    /// The pointer a component schema came from: its own, or where it was hoisted from.
    pub fn schema_origin(&self, key: &str) -> crate::diag::Pointer {
        match self.hoisted.get(key) {
            Some(from) => crate::diag::Pointer::from_ref(from),
            None => crate::diag::Pointer::root()
                .push("components")
                .push("schemas")
                .push(key),
        }
    }
}

/// Schemas in canonical form: boolean schemas replaced on the way in, keywords rewritten on
/// the way out (children first).
struct Canonical;

impl Visit for Canonical {
    fn enter(&mut self, kind: Kind, node: &mut Value, _ptr: &crate::diag::Pointer) {
        if kind == Kind::Schema {
            schema::boolean(node);
        }
    }

    fn leave(&mut self, kind: Kind, node: &mut Value, _ptr: &crate::diag::Pointer) {
        if kind == Kind::Schema {
            if let Value::Object(map) = node {
                schema::canonical(map);
            }
        }
    }
}

/// Normalizes a document; with `skip_unsupported`, what is malformed is left out (and listed
/// in the notes) instead of refused.
pub fn normalize(
    file: &Path,
    mut doc: Value,
    skip_unsupported: bool,
) -> Result<Normalized, Vec<Diagnostic>> {
    let version = document::version(&doc, file).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    check::document(&doc, file, &mut errors);
    if !errors.is_empty() {
        return Err(sorted(errors));
    }
    let mut notes = Vec::new();
    document::root(&mut doc, &mut notes, file);
    lenient::path_keys(&mut doc, file, &mut notes);
    let resolved = refs::resolve(&mut doc, file, &mut errors);
    let (lenient_notes, shape_errors) = local_passes(&mut doc, file);
    notes.extend(lenient_notes);
    errors.extend(shape_errors);
    let hoisted = resolved.hoisted;
    if !errors.is_empty() && skip_unsupported {
        skip::leave_out_unresolved(&mut doc);
        // Each round leaves out the wrong nodes one level further up, until none is left.
        for levels in 0..4 {
            for e in &errors {
                if let crate::diag::Location::Pointer(p) = &e.location {
                    skip::leave_out(&mut doc, p, levels);
                }
            }
            skip::sweep(&mut doc);
            for mut e in errors.drain(..) {
                relocate(&mut e, &hoisted);
                e.message = format!("left out: {}", e.message);
                notes.push(e);
            }
            let mut again = check::Check {
                file,
                errors: Vec::new(),
            };
            walk::walk_document(&mut doc, &mut again);
            errors = again.errors;
            if errors.is_empty() {
                break;
            }
        }
    }
    if !errors.is_empty() {
        for e in &mut errors {
            relocate(e, &hoisted);
        }
        return Err(sorted(errors));
    }
    // Plainly first (the components on a thread of their own); only a document that fails
    // goes again through the path-tracking wrapper, which names the deepest wrong node.
    let spec = match decode_in_two(&mut doc) {
        Some(spec) => Ok(spec),
        None => <openapiv3::OpenAPI as serde::Deserialize>::deserialize(&doc),
    };
    let spec = spec
        .or_else(|_| serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&doc))
        .map_err(|err| {
            let ptr = crate::load::pointer_of(err.path());
            let mut d = Diagnostic::at(
                file,
                ptr.as_str(),
                format!("not a valid OpenAPI document here: {}", err.inner()),
            );
            relocate(&mut d, &hoisted);
            vec![d]
        })?;
    Ok(Normalized {
        spec,
        version,
        hoisted,
        notes,
    })
}

/// The passes that look at one node at a time, each over the whole document in turn: lenient
/// reading ([`lenient`]), implied members ([`document::Implied`]), canonical schemas and shape
/// checks ([`check`]). As no pass looks outside the node it is at, each top-level entry (a
/// path item, a component) goes through every pass on its own, and the machine's threads (at
/// most two) take the entries one at a time; the notes come back in the order of one walk.
/// Returns the notes and the shape errors.
fn local_passes(doc: &mut Value, file: &Path) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    fn passes(file: &Path, entry: &mut walk::Entry<'_>) -> [Vec<Diagnostic>; 2] {
        let mut lenient = lenient::Lenient {
            file,
            notes: Vec::new(),
        };
        entry.walk(&mut lenient);
        entry.walk(&mut document::Implied);
        entry.walk(&mut Canonical);
        let mut shape = check::Check {
            file,
            errors: Vec::new(),
        };
        entry.walk(&mut shape);
        [lenient.notes, shape.errors]
    }
    let entries = walk::entries(doc);
    let count = entries.len();
    let queue = std::sync::Mutex::new(entries.into_iter().enumerate());
    let work = || {
        let mut done = Vec::new();
        loop {
            let next = queue.lock().ok().and_then(|mut q| q.next());
            let Some((i, mut entry)) = next else {
                return done;
            };
            done.push((i, passes(file, &mut entry)));
        }
    };
    let helpers = std::thread::available_parallelism().map_or(1, |n| n.get().min(2)) - 1;
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (0..helpers).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for other in others {
            match other.join() {
                Ok(theirs) => done.extend(theirs),
                Err(_) => return None,
            }
        }
        Some(done)
    });
    let (mut notes, mut errors) = (Vec::new(), Vec::new());
    match &mut done {
        Some(done) if done.len() == count => {
            done.sort_by_key(|(i, _)| *i);
            for (_, [n, e]) in done.drain(..) {
                notes.extend(n);
                errors.extend(e);
            }
        }
        _ => errors.push(Diagnostic::at(
            file,
            "#",
            "normalizing the document failed unexpectedly".to_string(),
        )),
    }
    (notes, errors)
}

/// The document decoded as two parts at once: its `components` on another thread, the rest
/// here (openapiv3's `OpenAPI` buffers all it holds to find its extensions, so the rest is
/// also cheaper). `None`, with the document as it was, where either part does not decode.
fn decode_in_two(doc: &mut Value) -> Option<openapiv3::OpenAPI> {
    use serde::Deserialize;
    let root = doc.as_object_mut()?;
    let index = root.keys().position(|k| k == "components")?;
    let components = root.shift_remove("components")?;
    let (rest, parts) = std::thread::scope(|scope| {
        let parts = scope.spawn(|| openapiv3::Components::deserialize(&components).ok());
        let rest = openapiv3::OpenAPI::deserialize(&*doc).ok();
        (rest, parts.join().ok().flatten())
    });
    match (rest, parts) {
        (Some(mut spec), Some(parts)) => {
            spec.components = Some(parts);
            Some(spec)
        }
        _ => {
            if let Some(root) = doc.as_object_mut() {
                root.shift_insert(index, "components".to_string(), components);
            }
            None
        }
    }
}

/// Points a diagnostic about a hoisted component at where the schema really is.
fn relocate(d: &mut Diagnostic, hoisted: &BTreeMap<String, String>) {
    let crate::diag::Location::Pointer(p) = &d.location else {
        return;
    };
    for (name, from) in hoisted {
        let own = pointer::join(&["components".into(), "schemas".into(), name.clone()]);
        if let Some(rest) = p.strip_prefix(&own) {
            if rest.is_empty() || rest.starts_with('/') {
                d.location = crate::diag::Location::Pointer(format!("{from}{rest}"));
                return;
            }
        }
    }
}

fn sorted(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by_key(|a| a.to_string());
    errors.dedup();
    errors
}
