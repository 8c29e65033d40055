//! The committed generated crates are exactly what the generator produces today, and the
//! generator's output depends only on its inputs (not on the run, nor on YAML vs JSON).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use generator::output::{self, Change};
use sdk_tests::workspace_root;

/// A spec, its config and the directory holding the crate generated from them.
struct Case {
    spec: &'static str,
    config: &'static str,
    out: &'static str,
    /// The command that regenerates `out`, run from the workspace root.
    regenerate: &'static str,
}

const STRADDLE: Case = Case {
    spec: "spec/openapi.yaml",
    config: "spec/generator.yaml",
    out: "generated",
    regenerate: "cargo run -p generator",
};

const PETSTORE: Case = Case {
    spec: "tests/specs/petstore/openapi.yaml",
    config: "tests/specs/petstore/generator.yaml",
    out: "tests/generated/petstore",
    regenerate: "cargo run -p generator -- --spec tests/specs/petstore/openapi.yaml \
                 --config tests/specs/petstore/generator.yaml --out tests/generated/petstore",
};

const EDGE_CASES: Case = Case {
    spec: "tests/specs/edge-cases/openapi.yaml",
    config: "tests/specs/edge-cases/generator.yaml",
    out: "tests/generated/edge-cases",
    regenerate: "cargo run -p generator -- --spec tests/specs/edge-cases/openapi.yaml \
                 --config tests/specs/edge-cases/generator.yaml --out tests/generated/edge-cases",
};

type Files = BTreeMap<String, String>;

fn generate(spec: &Path, config: &Path) -> Files {
    match generator::generate(spec, config) {
        Ok(generated) => generated.files,
        Err(d) => panic!("generation failed:\n{d}"),
    }
}

impl Case {
    fn generate(&self) -> Files {
        let root = workspace_root();
        generate(&root.join(self.spec), &root.join(self.config))
    }
}

/// The Straddle crate, generated once and shared by the tests that only read it.
fn straddle() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| STRADDLE.generate())
}

fn list(changes: &[Change]) -> String {
    changes.iter().map(|c| format!("  {c}\n")).collect()
}

/// Paths whose contents differ between `a` and `b`, or that only one of them has.
fn differing(a: &Files, b: &Files) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

fn assert_up_to_date(case: &Case, files: &Files) {
    let dir = workspace_root().join(case.out);
    let changes = output::diff(&dir, files).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        changes.is_empty(),
        "{}/ is stale: generating from {} and {} would change {} file(s):\n{}\
         regenerate it (from the workspace root) with:\n  {}\n",
        case.out,
        case.spec,
        case.config,
        changes.len(),
        list(&changes),
        case.regenerate,
    );
}

#[test]
fn straddle_crate_is_up_to_date() {
    assert_up_to_date(&STRADDLE, straddle());
}

#[test]
fn petstore_crate_is_up_to_date() {
    assert_up_to_date(&PETSTORE, &PETSTORE.generate());
}

#[test]
fn edge_cases_crate_is_up_to_date() {
    assert_up_to_date(&EDGE_CASES, &EDGE_CASES.generate());
}

#[test]
fn writing_to_an_empty_directory_then_diffing_finds_no_changes() {
    let files = straddle();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("sdk");

    let written = output::write(&out, files).unwrap_or_else(|d| panic!("{d}"));
    let expected: Vec<Change> = files.keys().cloned().map(Change::Added).collect();
    assert_eq!(written, expected, "a fresh directory: every file is new");

    let changes = output::diff(&out, files).unwrap_or_else(|d| panic!("{d}"));
    assert!(changes.is_empty(), "just written, yet:\n{}", list(&changes));

    let again = output::write(&out, files).unwrap_or_else(|d| panic!("{d}"));
    assert!(
        again.is_empty(),
        "writing the same files again changed:\n{}",
        list(&again)
    );
}

#[test]
fn generation_is_deterministic() {
    for case in [&STRADDLE, &PETSTORE, &EDGE_CASES] {
        let first = case.generate();
        let second = case.generate();
        assert_eq!(
            differing(&first, &second),
            Vec::<String>::new(),
            "two runs on {} produced different files",
            case.spec
        );
    }
}

#[test]
fn a_json_spec_generates_the_same_files_as_the_same_spec_in_yaml() {
    let root = workspace_root();
    let yaml = std::fs::read_to_string(root.join(STRADDLE.spec)).unwrap();
    let value: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let json_spec = tmp.path().join("openapi.json");
    std::fs::write(&json_spec, serde_json::to_string_pretty(&value).unwrap()).unwrap();

    let from_json = generate(&json_spec, &root.join(STRADDLE.config));
    assert_eq!(
        differing(straddle(), &from_json),
        Vec::<String>::new(),
        "the JSON spec generated different files"
    );
}

/// Copies the files of `from` into `to` (which must not exist).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn check_flag_lists_the_changed_and_missing_files_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("generated");
    copy_dir(&workspace_root().join(STRADDLE.out), &out);
    let mut lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    lib.push_str("// edited by hand\n");
    std::fs::write(out.join("src/lib.rs"), lib).unwrap();
    std::fs::remove_file(out.join("src/client.rs")).unwrap();

    let result = Command::new(env!("CARGO"))
        .args(["run", "-q", "-p", "generator", "--", "--check", "--out"])
        .arg(&out)
        .current_dir(workspace_root())
        .output()
        .expect("cannot run cargo");

    let stdout = String::from_utf8_lossy(&result.stdout);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(
        result.status.code(),
        Some(1),
        "--check on a stale directory must fail\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert_eq!(stdout, "");
    // Anything cargo itself prints (compiler warnings while building the binary) comes first;
    // the generator's report is the whole rest of stderr.
    let expected = format!(
        "{} is stale; regenerating from spec/openapi.yaml and spec/generator.yaml would change 2 file(s):\n  \
         missing:  src/client.rs\n  \
         changed:  src/lib.rs\n",
        out.display()
    );
    assert!(
        stderr.ends_with(&expected),
        "stderr should end with:\n{expected}\nbut it is:\n{stderr}"
    );
}
