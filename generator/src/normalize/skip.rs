//! `--skip-unsupported` for malformed documents: what is wrong is left out, node by node,
//! until what is left is well-formed, and each removal is listed.

use serde_json::Value;

use super::pointer;

/// Marks what the checks will find missing: removed from arrays and maps by [`sweep`].
const TOMBSTONE: &str = "x-left-out";

/// Leaves out the node at `ptr`; a wrong `$ref` takes its referring object with it, and
/// `levels` more climbs to the enclosing objects (for nodes whose removal leaves their parent
/// incomplete).
pub fn leave_out(doc: &mut Value, ptr: &str, levels: usize) {
    let Some(mut segs) = pointer::segments(ptr) else {
        return;
    };
    if segs.last().is_some_and(|s| s == "$ref") {
        segs.pop();
    }
    for _ in 0..levels {
        segs.pop();
    }
    // Never the document, nor a top-level section.
    if segs.len() < 2 {
        return;
    }
    if let Some(node) = pointer::lookup_mut(doc, &segs) {
        *node = serde_json::json!({ TOMBSTONE: true });
    }
}

/// References that could not be resolved are left out like wrong nodes.
pub fn leave_out_unresolved(doc: &mut Value) {
    match doc {
        Value::Object(map) => {
            if map.contains_key("x-unresolved") {
                *doc = serde_json::json!({ TOMBSTONE: true });
                return;
            }
            map.values_mut().for_each(leave_out_unresolved);
        }
        Value::Array(items) => items.iter_mut().for_each(leave_out_unresolved),
        _ => {}
    }
}

/// Removes every left-out node from its array or map.
pub fn sweep(doc: &mut Value) {
    let gone = |v: &Value| v.get(TOMBSTONE).is_some();
    match doc {
        Value::Object(map) => {
            map.retain(|_, v| !gone(v));
            map.values_mut().for_each(sweep);
        }
        Value::Array(items) => {
            items.retain(|v| !gone(v));
            items.iter_mut().for_each(sweep);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wrong_nodes_and_their_references_are_removed() {
        let mut doc = json!({"paths": {"/a": {"get": {"parameters": [{"$ref": "#/x"}, {"name": "b"}]}}}, "c": {"d": 1}});
        leave_out(&mut doc, "#/paths/~1a/get/parameters/0/$ref", 0);
        leave_out(&mut doc, "#/c/d", 0);
        sweep(&mut doc);
        assert_eq!(
            doc,
            json!({"paths": {"/a": {"get": {"parameters": [{"name": "b"}]}}}, "c": {}})
        );
    }
}
