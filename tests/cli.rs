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

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completion", shell], &[]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = String::from_utf8_lossy(&o.stdout);
        assert!(script.contains("customers:review"), "{shell}");
        assert!(script.contains("refresh-review"), "{shell}");
    }
    let o = run(&["completion", "tcsh"], &[]);
    assert_eq!(o.status.code(), Some(2));
}

const KEY: (&str, &str) = ("STRADDLE_API_KEY", "sk_test_cli_0123456789");

/// Runs the CLI off the async runtime that serves `server`.
async fn run_against(server: &MockServer, args: &[&str], stdin: Option<&str>) -> Output {
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.extend([
        "--base-url".to_string(),
        server.uri(),
        "--max-retries".into(),
        "0".into(),
    ]);
    let stdin = stdin.map(str::to_string);
    tokio::task::spawn_blocking(move || {
        let mut c = Command::new(binary());
        c.args(&args)
            .env(KEY.0, KEY.1)
            .env_remove("STRADDLE_BASE_URL");
        match stdin {
            None => c.output().expect("the CLI runs"),
            Some(text) => {
                use std::io::Write;
                let mut child = c
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("the CLI starts");
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(text.as_bytes())
                    .unwrap();
                child.wait_with_output().expect("the CLI runs")
            }
        }
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn body_flags_win_over_body_json_from_a_file_or_stdin() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(sdk_tests::straddle_fixtures::customer_body("c1")),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body.json");
    std::fs::write(&file, r#"{"status":"rejected","note":"from the file"}"#).unwrap();
    let at_file = format!("@{}", file.display());

    let o = run_against(
        &server,
        &[
            "customers:review",
            "decision",
            "--id",
            "c1",
            "--body",
            &at_file,
            "--status",
            "verified",
        ],
        None,
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_against(
        &server,
        &["customers:review", "decision", "--id", "c2", "--body", "-"],
        Some(r#"{"status":"verified"}"#),
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method.as_str(), "PATCH");
    assert_eq!(requests[0].url.path(), "/v1/customers/c1/review");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "status": "verified", "note": "from the file" })
    );
    let body: serde_json::Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(body, serde_json::json!({ "status": "verified" }));
    // The SDK's client sent it: a generated idempotency key, the key as a bearer token.
    let key = requests[0]
        .headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok());
    assert!(key.is_some_and(|k| k.len() >= 10), "{key:?}");
    assert_eq!(
        requests[0]
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer sk_test_cli_0123456789")
    );
}

#[tokio::test]
async fn all_streams_every_item_as_json_lines_until_the_last_page() {
    use sdk_tests::straddle_fixtures::{payment_item, payments_page};
    use wiremock::matchers::query_param;
    let server = MockServer::start().await;
    for (page, items) in [
        (1, vec![payment_item("pay_1", 1), payment_item("pay_2", 2)]),
        (2, vec![payment_item("pay_3", 3)]),
    ] {
        Mock::given(query_param("page_number", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(page, items)))
            .mount(&server)
            .await;
    }
    let o = run_against(&server, &["payments", "list", "--all"], None).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ids: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["pay_1", "pay_2", "pay_3"]);
    // meta.total_pages is 2: no third page.
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let o = run_against(
        &server,
        &["payments", "list", "--all", "--max-items", "1"],
        None,
    )
    .await;
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
}

#[tokio::test]
async fn yaml_output_and_debug_lines() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "data": { "id": "c1", "tags": ["a"] }, "response_type": "object"
        })))
        .mount(&server)
        .await;
    let o = run_against(
        &server,
        &[
            "customers",
            "get",
            "--id",
            "c1",
            "--format",
            "yaml",
            "--debug",
        ],
        None,
    )
    .await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "\"data\":\n  \"id\": \"c1\"\n  \"tags\":\n    - \"a\"\n\"response_type\": \"object\"\n"
    );
    let err = stderr(&o);
    assert!(
        err.contains("> GET /v1/customers/{id} (GetCustomer)"),
        "{err}"
    );
    assert!(err.contains("< 200 OK"), "{err}");
    assert!(!err.contains("sk_test_cli"), "the key never shows: {err}");
}

#[tokio::test]
async fn dotted_flags_set_the_fields_of_a_body_object() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let args = [
        "charges",
        "create",
        "--amount",
        "10000",
        "--config.balance-check",
        "required",
        "--config.auto-hold",
        "true",
        "--consent-type",
        "internet",
        "--currency",
        "USD",
        "--device",
        r#"{"ip_address":"192.168.1.1"}"#,
        "--external-id",
        "ch_1",
        "--paykey",
        "pk_1",
        "--payment-date",
        "2026-12-15",
        "--description",
        "Rent",
    ];
    let o = run_against(&server, &args, None).await;
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let requests = server.received_requests().await.unwrap();
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "amount": 10000,
            "config": { "balance_check": "required", "auto_hold": true },
            "consent_type": "internet",
            "currency": "USD",
            "device": { "ip_address": "192.168.1.1" },
            "external_id": "ch_1",
            "paykey": "pk_1",
            "payment_date": "2026-12-15",
            "description": "Rent"
        })
    );
    // Without its flags, the first required field is named.
    let o = run_against(&server, &args[..2], None).await;
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: the body needs `amount`: pass --amount or put it in --body\n"
    );
}
