//! Mutation test: a few hundred deterministic mutants of the test specs (values replaced, keys
//! dropped, subtrees moved, references pointed at themselves, compositions nested deep). The
//! generator must never panic, crash or hang on any of them, and every error it reports names
//! the mutant's file and a place in it.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use generator::diag::Location;
use serde_json::{Value, json};

/// Mutants per spec.
const MUTANTS: usize = 30;
/// How long one mutant may take (generation includes formatting every file, in a debug build).
const LIMIT: Duration = Duration::from_secs(20);

/// A small deterministic generator (xorshift64*), so that every run tries the same mutants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every node's path (object keys and array indexes), root first.
fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                at.push(k.clone());
                paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(i.to_string());
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'v>(v: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    let mut at = v;
    for s in path {
        at = match at {
            Value::Object(map) => map.get_mut(s)?,
            Value::Array(items) => items.get_mut(s.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

fn pointer(path: &[String]) -> String {
    let mut out = String::from("#");
    for s in path {
        out.push('/');
        out.push_str(&s.replace('~', "~0").replace('/', "~1"));
    }
    out
}

fn mutate(doc: &Value, rng: &mut Rng) -> Value {
    let mut doc = doc.clone();
    let mut all = Vec::new();
    paths(&doc, &mut Vec::new(), &mut all);
    let components: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let some_component = |rng: &mut Rng| {
        components
            .get(rng.below(components.len()))
            .cloned()
            .unwrap_or_else(|| "Missing".to_string())
    };
    // One to three edits per mutant.
    for _ in 0..=rng.below(3) {
        let target = all[rng.below(all.len())].clone();
        if target.is_empty() {
            continue;
        }
        let replacement = match rng.below(12) {
            0 => json!("x"),
            1 => json!(-1),
            2 => json!(1e30),
            3 => json!(true),
            4 => Value::Null,
            5 => json!([]),
            6 => json!({}),
            7 => json!({ "$ref": format!("#/components/schemas/{}", some_component(rng)) }),
            8 => json!({ "$ref": pointer(&target) }),
            9 => {
                // Refer to an ancestor: a cycle through any keyword.
                let up = &target[..rng.below(target.len())];
                json!({ "$ref": pointer(up) })
            }
            10 => {
                let mut leaf = json!({ "type": "string", "minLength": "not a number" });
                for _ in 0..24 {
                    leaf = json!({ "oneOf": [leaf, { "type": "integer" }] });
                }
                leaf
            }
            _ => {
                let other = all[rng.below(all.len())].clone();
                let original = doc.clone();
                let moved = original
                    .pointer(&pointer(&other)[1..])
                    .cloned()
                    .unwrap_or(Value::Null);
                json!({ "allOf": [moved, { "$ref": format!("#/components/schemas/{}", some_component(rng)) }] })
            }
        };
        // Paths of odd shapes, copying an existing path item: default naming must cope.
        if rng.below(6) == 0 {
            const ODD: &[&str] = &[
                "/",
                "/{x}",
                "/a.b",
                "/v1",
                "/x?y={y}",
                "/x#frag",
                "/{a}/{b}:c",
                "/2010-04-01",
            ];
            let key = ODD[rng.below(ODD.len())].to_string();
            let item = doc
                .pointer("/paths")
                .and_then(Value::as_object)
                .and_then(|p| p.values().next().cloned());
            if let (Some(item), Some(Value::Object(paths))) = (item, doc.get_mut("paths")) {
                paths.insert(key, item);
            }
            continue;
        }
        let (parent, key) = target.split_at(target.len() - 1);
        if rng.below(5) == 0 {
            // Drop the key instead.
            if let Some(Value::Object(map)) = node_mut(&mut doc, parent) {
                map.shift_remove(&key[0]);
            }
        } else if let Some(node) = node_mut(&mut doc, &target) {
            *node = replacement;
        }
    }
    doc
}

enum Outcome {
    Generated,
    Refused(Vec<String>),
    Panicked(String),
}

fn run(spec: PathBuf) -> Outcome {
    let opts_path = spec.clone();
    let result = std::panic::catch_unwind(move || {
        generator::generate_with(&generator::Options {
            spec: &opts_path,
            config: None,
            name: None,
            skip_unsupported: false,
        })
    });
    match result {
        Ok(Ok(_)) => Outcome::Generated,
        Ok(Err(diags)) => Outcome::Refused(
            diags
                .iter()
                .filter(|d| d.file != spec || matches!(d.location, Location::File))
                .map(|d| d.to_string())
                .collect(),
        ),
        Err(panic) => Outcome::Panicked(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
    }
}

#[test]
fn no_mutant_makes_the_generator_panic_crash_or_hang() {
    let specs = [
        "specs/petstore/openapi.yaml",
        "specs/edge-cases/openapi.yaml",
        "specs/constructs/allof-members.yaml",
        "specs/constructs/refs-anywhere.json",
        "specs/constructs/bodies.yaml",
        "specs/constructs/openapi-3-1.json",
        "specs/constructs/names.yaml",
        "specs/constructs/shared-inline.yaml",
        "specs/bad/self-all-of.yaml",
        "specs/bad/many-problems.yaml",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let (mut generated, mut refused) = (0, 0);
    let mut failures = Vec::new();
    for spec in specs {
        let text = std::fs::read_to_string(spec).unwrap();
        let doc: Value = if spec.ends_with(".json") {
            serde_json::from_str(&text).unwrap()
        } else {
            serde_yaml::from_str(&text).unwrap()
        };
        for i in 0..MUTANTS {
            let mutant = mutate(&doc, &mut rng);
            let stem = Path::new(spec)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let path = dir.path().join(format!("{stem}-{i}.json"));
            std::fs::write(&path, serde_json::to_string_pretty(&mutant).unwrap()).unwrap();
            // The CLI's main thread has 8 MB of stack; so does each mutant's run.
            let (tx, rx) = mpsc::channel();
            let p = path.clone();
            std::thread::Builder::new()
                .stack_size(8 << 20)
                .spawn(move || {
                    let _ = tx.send(run(p));
                })
                .unwrap();
            match rx.recv_timeout(LIMIT) {
                Ok(Outcome::Generated) => generated += 1,
                Ok(Outcome::Refused(unnamed)) if unnamed.is_empty() => refused += 1,
                Ok(Outcome::Refused(unnamed)) => failures.push(format!(
                    "{}: errors without file and pointer: {unnamed:?}",
                    path.display()
                )),
                Ok(Outcome::Panicked(msg)) => {
                    failures.push(format!("{}: panicked: {msg}", path.display()))
                }
                Err(_) => failures.push(format!("{}: no answer within {LIMIT:?}", path.display())),
            }
        }
    }
    if !failures.is_empty() {
        // Keep the mutants that failed for a look.
        let keep = dir.keep();
        panic!(
            "{} of {} mutants failed (kept in {}):\n{}",
            failures.len(),
            specs.len() * MUTANTS,
            keep.display(),
            failures.join("\n")
        );
    }
    println!(
        "{} mutants: {generated} generated, {refused} refused with located errors",
        specs.len() * MUTANTS
    );
    assert!(
        generated > 0 && refused > 0,
        "the mutants exercise both outcomes"
    );
}
