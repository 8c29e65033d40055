//! The generated `straddle` CLI (`generated/cli/`) as an operator meets it: `--help` at every
//! level (snapshots, reviewed like generated code), the seed pages' commands verbatim against
//! the Prism mock, and bad input, each with its message and exit code.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use sdk_tests::straddle_fixtures::error_body;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The CLI binary, built once if the workspace build has not built it yet.
fn binary() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let root = sdk_tests::workspace_root();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let bin = target.join("debug").join("straddle");
        let status = Command::new(env!("CARGO"))
            .args(["build", "-q", "-p", "straddle-cli"])
            .current_dir(&root)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the CLI builds");
        bin
    })
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(binary());
    c.args(args)
        .env_remove("STRADDLE_API_KEY")
        .env_remove("STRADDLE_BASE_URL");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the CLI runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn help(args: &[&str]) -> String {
    let o = run(args, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn snapshot(name: &str, text: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn help_of_the_root_lists_resources_and_exit_codes() {
    let text = help(&["--help"]);
    assert!(text.contains("customers:review"), "{text}");
    assert!(text.contains("6  the API could not be reached"), "{text}");
    snapshot("cli_help_root", &text);
}

#[test]
fn help_of_a_resource_lists_its_methods() {
    snapshot(
        "cli_help_customers_review",
        &help(&["customers:review", "--help"]),
    );
}

#[test]
fn help_of_the_seed_commands_says_where_each_flag_goes() {
    let decision = help(&["customers:review", "decision", "--help"]);
    assert!(
        decision.contains("PATCH /v1/customers/{id}/review"),
        "{decision}"
    );
    assert!(decision.contains("Path param"), "{decision}");
    assert!(decision.contains("Header param"), "{decision}");
    assert!(decision.contains("Body param"), "{decision}");
    assert!(
        decision.contains("[possible values: verified, rejected]"),
        "{decision}"
    );
    snapshot("cli_help_customers_review_decision", &decision);
    snapshot(
        "cli_help_paykeys_review_refresh_review",
        &help(&["paykeys:review", "refresh-review", "--help"]),
    );
}

#[test]
fn the_seed_pages_commands_run_verbatim_against_the_mock() {
    let Ok(base) = std::env::var("TEST_API_BASE_URL") else {
        eprintln!("skipping: TEST_API_BASE_URL is not set (scripts/test starts Prism and sets it)");
        return;
    };
    let id = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
    let seeds: [&[&str]; 2] = [
        &[
            "customers:review",
            "decision",
            "--api-key",
            "My API Key",
            "--id",
            id,
            "--status",
            "verified",
        ],
        &[
            "paykeys:review",
            "refresh-review",
            "--api-key",
            "My API Key",
            "--id",
            id,
        ],
    ];
    for args in seeds {
        let o = run(&[args, &["--base-url", &base]].concat(), &[]);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let value: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
        assert_eq!(value["data"]["id"], id, "{args:?}");
    }
}

#[test]
fn an_unknown_enum_value_is_a_usage_error() {
    let o = run(
        &[
            "customers:review",
            "decision",
            "--id",
            "c1",
            "--status",
            "maybe",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("invalid value 'maybe' for '--status <status>'"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("[possible values: verified, rejected]"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_required_flag_is_a_usage_error() {
    let o = run(
        &["customers:review", "decision", "--status", "verified"],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the following required arguments were not provided"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--id <id>"), "{}", stderr(&o));
}

#[test]
fn invalid_body_json_is_a_usage_error() {
    let key = [("STRADDLE_API_KEY", "sk_test_cli_0123456789")];
    let o = run(
        &[
            "customers",
            "create",
            "--body",
            "{bad",
            "--base-url",
            "http://127.0.0.1:9",
        ],
        &key,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --body is not valid JSON: key must be a string at line 1 column 2\n"
    );
    let o = run(
        &["customers", "create", "--base-url", "http://127.0.0.1:9"],
        &key,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: the body needs `device`: pass --device or put it in --body\n"
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let o = run(&["customers", "get", "--id", "c1", "--bogus"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unexpected argument '--bogus' found"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_api_key_says_how_to_set_it() {
    let o = run(&["customers", "get", "--id", "c1"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        stderr(&o),
        "error: no API key: set STRADDLE_API_KEY or pass --api-key\n"
    );
}

#[test]
fn an_unreachable_server_is_a_connection_failure() {
    let o = run(
        &[
            "customers",
            "get",
            "--id",
            "c1",
            "--base-url",
            "http://127.0.0.1:9",
            "--max-retries",
            "0",
        ],
        &[("STRADDLE_API_KEY", "sk_test_cli_0123456789")],
    );
    assert_eq!(o.status.code(), Some(6));
    assert!(
        stderr(&o).starts_with("error: GetCustomer: connection failed"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("sk_test_cli"), "the key never shows");
}

#[tokio::test]
async fn api_errors_print_status_message_and_request_id_with_their_exit_code() {
    for (status, code) in [(404, 4), (503, 5)] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(status).set_body_json(error_body(
                status,
                "not_found",
                "Not found",
                "No such customer",
            )))
            .mount(&server)
            .await;
        let uri = server.uri();
        let o = tokio::task::spawn_blocking(move || {
            run(
                &[
                    "customers",
                    "get",
                    "--id",
                    "c1",
                    "--base-url",
                    &uri,
                    "--max-retries",
                    "0",
                ],
                &[("STRADDLE_API_KEY", "sk_test_cli_0123456789")],
            )
        })
        .await
        .unwrap();
        assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
        assert_eq!(
            stderr(&o),
            format!(
                "error: HTTP {status} (request id 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e): No such customer\n"
            )
        );
    }
}
