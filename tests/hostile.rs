//! The generated SDK against a hostile or broken server: it never panics, its memory stays
//! bounded, its errors name the operation, and no secret or personal value reaches `Display`,
//! `Debug` or the logs (captured at TRACE level, the HTTP stack's own events included).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use straddle::types::{customer_review_decision_params, customer_v1};
use straddle::{Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "sk_test_hostile_0123456789abcdef";
const SSN: &str = "123-45-6789";

fn client_for(base: &str, retries: u32) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(base)
        .max_retries(retries)
        .timeout(Duration::from_millis(800))
        .build()
        .expect("client builds")
}

/// A customer body carrying an SSN, in the shape the API documents.
fn customer_with_ssn() -> Value {
    json!({
        "data": {
            "id": "cus_1", "created_at": "2019-12-27T18:11:19.117Z", "email": "a@b.c",
            "name": "Ron", "phone": "+12128675309", "status": "verified", "type": "individual",
            "updated_at": "2020-01-02T03:04:05Z",
            "compliance_profile": { "dob": "1975-03-01", "ssn": SSN }
        },
        "meta": { "api_request_id": "r1", "api_request_timestamp": "2019-12-27T18:11:19.117Z" },
        "response_type": "object"
    })
}

/// A server that answers every connection with `responses[i]` (the last one repeats), raw
/// bytes as given; `hold` keeps the connection open afterwards (a stalled body). Returns
/// its base URL and how many connections it has seen.
async fn raw_server(responses: Vec<Vec<u8>>, hold: bool) -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(0usize));
    let count = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = {
                let mut c = count.lock().unwrap();
                *c += 1;
                *c - 1
            };
            let response = responses[n.min(responses.len() - 1)].clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(&response).await;
                if hold {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            });
        }
    });
    (base, seen)
}

fn http_response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(body);
    out
}

/// Everything `tracing` records at TRACE level while `f` runs on this thread.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every event of every test in this binary from now on, at TRACE level, the HTTP stack's own
/// included (a process-wide subscriber: tests on other threads log into it too).
fn capture_traces() -> &'static Captured {
    static CAPTURED: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        // No timestamps: their digits (`.267895`) could hold a secret's (`6789`) by chance.
        let subscriber = tracing_subscriber::fmt()
            .without_time()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
        captured
    })
}

/// No secret in any string the error makes.
fn assert_clean(what: &str, text: &str) {
    for secret in [SSN, "6789", API_KEY, "s3cret"] {
        assert!(!text.contains(secret), "{what} shows `{secret}`: {text}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn hostile_responses_never_panic_and_leak_nothing() {
    let traces = capture_traces();
    let ssn_body = serde_json::to_vec(&json!({ "echo": { "ssn": SSN } })).unwrap();
    let mut nested = String::new();
    for _ in 0..20_000 {
        nested.push('[');
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("huge retry-after", http_response("503 Service Unavailable", &[("retry-after", "1e20")], b"")),
        ("retry-after beyond u64", http_response("429 Too Many Requests", &[("retry-after", "18446744073709551616")], b"")),
        ("infinite retry-after-ms", http_response("503 Service Unavailable", &[("retry-after-ms", "inf")], b"")),
        ("retry-after-ms 1e300", http_response("503 Service Unavailable", &[("retry-after-ms", "1e300")], b"")),
        ("error body echoing the ssn", http_response("400 Bad Request", &[("content-type", "application/json")], &ssn_body)),
        ("success body of the wrong shape with the ssn", http_response("200 OK", &[("content-type", "application/json")], format!(r#"{{"data": {{"id": 123456789, "ssn": "{SSN}"}}}}"#).as_bytes())),
        ("ssn where a number belongs", http_response("200 OK", &[], format!(r#"{{"data": {{"id": "{SSN}"}}, "meta": {SSN:?}}}"#).as_bytes())),
        ("truncated body", b"HTTP/1.1 200 OK\r\ncontent-length: 500\r\nconnection: close\r\n\r\n{\"data\": {\"ssn\": \"123".to_vec()),
        ("not UTF-8", http_response("200 OK", &[], b"\xff\xfe\x00{\"data\"")),
        ("nested 20,000 deep", http_response("200 OK", &[], nested.as_bytes())),
        ("not HTTP at all", b"\x00\x01\x02 SSN 123-45-6789\r\n\r\n".to_vec()),
    ];
    for (name, response) in cases {
        let (base, _) = raw_server(vec![response], false).await;
        let err = client_for(&base, 1)
            .customers()
            .get("cus_1")
            .await
            .unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("GetCustomer: "), "{name}: {shown}");
        assert_clean(name, &shown);
        assert_clean(name, &format!("{err:?}"));
    }
    let traces = String::from_utf8_lossy(&traces.0.lock().unwrap()).into_owned();
    assert!(
        traces.contains("sending request"),
        "tracing was captured: {traces}"
    );
    assert_clean("tracing", &traces);
}

#[tokio::test]
async fn a_body_larger_than_the_limit_is_refused_without_reading_it_all() {
    // Declared huge: refused from the header alone.
    let head = b"HTTP/1.1 200 OK\r\ncontent-length: 262144000\r\n\r\n{".to_vec();
    let (base, _) = raw_server(vec![head], true).await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(&base)
        .max_retries(0)
        .max_response_bytes(1 << 20)
        .build()
        .unwrap();
    let err = client.customers().get("cus_1").await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                operation: "GetCustomer",
                limit: 1048576
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "GetCustomer: the response body is larger than the limit of 1048576 bytes"
    );

    // Undeclared (chunked) and endless: refused once the limit is passed.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sent = Arc::new(Mutex::new(0usize));
    let sent_by_server = sent.clone();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 65536];
        let _ = socket.read(&mut buf).await;
        let _ = socket
            .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
            .await;
        let chunk = vec![b' '; 64 * 1024];
        // Up to 250 MB, unless the client hangs up first.
        for _ in 0..4000 {
            let frame = format!("{:x}\r\n", chunk.len());
            if socket.write_all(frame.as_bytes()).await.is_err()
                || socket.write_all(&chunk).await.is_err()
                || socket.write_all(b"\r\n").await.is_err()
            {
                return;
            }
            *sent_by_server.lock().unwrap() += chunk.len();
        }
    });
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(&base)
        .max_retries(0)
        .max_response_bytes(1 << 20)
        .build()
        .unwrap();
    let err = client.customers().get("cus_1").await.unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = *sent.lock().unwrap();
    assert!(
        sent < 64 << 20,
        "the client read on after the limit: {sent} bytes sent"
    );
}

#[tokio::test]
async fn decode_errors_keep_a_bounded_excerpt_and_show_neither_it_nor_the_value() {
    let mut body = customer_with_ssn();
    body["data"]["id"] = json!(123456789);
    body["padding"] = json!("x".repeat(1 << 20));
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let err = client_for(&server.uri(), 0)
        .customers()
        .get("cus_1")
        .await
        .unwrap_err();
    let Error::Decode {
        path,
        message,
        body,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(path, "data.id");
    assert_eq!(
        message,
        "invalid type: integer <redacted>, expected a string at line 1 column 23"
    );
    assert_eq!(body.len(), 64 * 1024, "an excerpt, not the whole megabyte");
    let debug = format!("{err:?}");
    assert!(debug.contains("body: <65536 bytes>"), "{debug}");
    assert!(debug.len() < 400, "{debug}");
    assert_clean("Debug", &debug);
    assert_clean("Display", &err.to_string());
}

#[tokio::test]
async fn api_errors_without_a_message_show_no_body() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({ "echo": { "ssn": SSN } })))
        .mount(&server)
        .await;
    let err = client_for(&server.uri(), 0)
        .customers()
        .get("cus_1")
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "GetCustomer: HTTP 400 Bad Request (30 bytes of body)"
    );
    assert_clean("Debug", &format!("{err:?}"));
    // The body is there for code that asks for it.
    assert_eq!(err.as_api().unwrap().json().unwrap()["echo"]["ssn"], SSN);
}

#[test]
fn unknown_union_values_hide_sensitive_properties_in_debug() {
    let profile = customer_v1::ComplianceProfile::Unknown(json!({
        "dob": "****-**-**", "ssn": SSN, "nested": [{ "account_number": "9876543210" }], "kind": "odd"
    }));
    let shown = format!("{profile:?}");
    assert!(
        !shown.contains(SSN) && !shown.contains("9876543210") && !shown.contains("****"),
        "{shown}"
    );
    assert!(
        shown.starts_with("Unknown(") && shown.contains("\"odd\""),
        "{shown}"
    );
}

#[tokio::test]
async fn a_cross_origin_redirect_is_not_followed_so_the_body_stays_home() {
    let other = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&other)
        .await;
    let home = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/elsewhere", other.uri()).as_str()),
        )
        .mount(&home)
        .await;
    let err = client_for(&home.uri(), 0)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(307), "{err:?}");
    assert!(
        other.received_requests().await.unwrap().is_empty(),
        "the body went to another origin"
    );

    // Within the origin, redirects are followed.
    let same = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/v1/customers/cus_1"))
        .respond_with(ResponseTemplate::new(308).insert_header("location", "/v1/customers/cus_2"))
        .mount(&same)
        .await;
    Mock::given(wiremock::matchers::path("/v1/customers/cus_2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_with_ssn()))
        .mount(&same)
        .await;
    let customer = client_for(&same.uri(), 0)
        .customers()
        .get("cus_1")
        .await
        .unwrap();
    assert_eq!(customer.data.id, "cus_1");
}

#[test]
fn credentials_in_the_base_url_never_show() {
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url("https://user:s3cret@api.example.com")
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(
        shown.contains("https://redacted@api.example.com"),
        "{shown}"
    );
    assert_clean("Debug", &shown);
}

#[test]
fn plain_http_off_this_machine_is_refused_unless_allowed() {
    let err = Client::builder()
        .api_key(API_KEY)
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid client configuration: refusing plain HTTP to `http://api.example.com`: the API key and request data would travel unencrypted; use https, or opt in with `ClientBuilder::allow_insecure_http(true)`"
    );
    for ok in [
        "http://localhost:4010",
        "http://127.0.0.1:8080",
        "http://[::1]:9",
    ] {
        assert!(
            Client::builder()
                .api_key(API_KEY)
                .base_url(ok)
                .build()
                .is_ok(),
            "{ok}"
        );
    }
    assert!(
        Client::builder()
            .api_key(API_KEY)
            .base_url("http://api.example.com")
            .allow_insecure_http(true)
            .build()
            .is_ok()
    );
    let err = Client::builder()
        .api_key(API_KEY)
        .base_url("ftp://x")
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("scheme `ftp` is not http or https"),
        "{err}"
    );
}

/// `STRADDLE_BASE_URL` is checked the same way (in a child process: the environment is
/// process-wide).
#[test]
fn plain_http_from_the_environment_is_refused_too() {
    if std::env::var("HOSTILE_CHILD").is_ok() {
        let err = Client::from_env().unwrap_err();
        assert!(err.to_string().contains("refusing plain HTTP"), "{err}");
        return;
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "plain_http_from_the_environment_is_refused_too",
            "--nocapture",
        ])
        .env("HOSTILE_CHILD", "1")
        .env("STRADDLE_API_KEY", API_KEY)
        .env("STRADDLE_BASE_URL", "http://api.straddle.example")
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn gzip_responses_are_asked_for_and_decoded() {
    let body = serde_json::to_vec(&customer_with_ssn()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&body).unwrap();
    let compressed = gz.finish().unwrap();
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-encoding", "gzip")
                .set_body_raw(compressed, "application/json"),
        )
        .mount(&server)
        .await;
    let customer = client_for(&server.uri(), 0)
        .customers()
        .get("cus_1")
        .await
        .unwrap();
    assert_eq!(customer.data.id, "cus_1");
    let requests = server.received_requests().await.unwrap();
    let accept = requests[0]
        .headers
        .get("accept-encoding")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(accept.contains("gzip"), "{accept}");
}

#[tokio::test]
async fn bodyless_writes_say_json_with_an_empty_body() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_with_ssn()))
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), 0);
    let _ = client.customers().delete("cus_1").await;
    let _ = client.customers().review().refresh_review("cus_1").await;
    let _ = client.customers().get("cus_1").await;
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    for r in &requests[..2] {
        assert_eq!(
            r.headers.get("content-type").unwrap(),
            "application/json",
            "{}",
            r.method
        );
        assert_eq!(
            r.headers.get("content-length").unwrap(),
            "0",
            "{}",
            r.method
        );
        assert!(r.body.is_empty());
    }
    // A GET has no body to describe.
    assert!(requests[2].headers.get("content-type").is_none());
}

#[tokio::test]
async fn a_broken_success_body_is_retried_only_when_sending_again_is_safe() {
    let ok = serde_json::to_vec(&customer_with_ssn()).unwrap();
    let cut_short = b"HTTP/1.1 200 OK\r\ncontent-length: 400\r\n\r\n{\"data\"".to_vec();
    let whole = http_response("200 OK", &[("content-type", "application/json")], &ok);

    // A GET whose body is cut short: asked again, and the second answer is used.
    let (base, seen) = raw_server(vec![cut_short.clone(), whole.clone()], false).await;
    let customer = client_for(&base, 2).customers().get("cus_1").await.unwrap();
    assert_eq!(customer.data.id, "cus_1");
    assert_eq!(*seen.lock().unwrap(), 2);

    // A GET whose body stalls past the timeout: asked again too.
    let stalled = b"HTTP/1.1 200 OK\r\ncontent-length: 400\r\n\r\n{".to_vec();
    let (base, seen) = raw_server(vec![stalled.clone(), whole.clone()], true).await;
    let customer = client_for(&base, 2).customers().get("cus_1").await.unwrap();
    assert_eq!(customer.data.id, "cus_1");
    assert_eq!(*seen.lock().unwrap(), 2);

    // A PATCH with an idempotency key (the SDK makes one): asked again, with the same key.
    let (base, seen) = raw_server(vec![cut_short.clone(), whole.clone()], false).await;
    let customer = client_for(&base, 2)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .await
        .unwrap();
    assert_eq!(customer.data.id, "cus_1");
    assert_eq!(*seen.lock().unwrap(), 2);

    // A POST without one: sending it again might do it twice.
    let (base, seen) = raw_server(vec![cut_short.clone(), whole.clone()], false).await;
    let err = client_for(&base, 2)
        .reports()
        .create_total_customers_by_status()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Connection {
                operation: "GetTotalCustomersByStatus",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(*seen.lock().unwrap(), 1);
}

#[tokio::test]
async fn connection_errors_print_their_cause_and_no_url() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let err = client_for(&base, 0).customers().get(SSN).await.unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with("GetCustomer: connection failed: "),
        "{shown}"
    );
    assert!(
        shown.to_lowercase().contains("connection refused"),
        "{shown}"
    );
    assert!(!shown.contains(&port.to_string()), "{shown}");
    assert_clean("Display", &shown);
    assert_clean("Debug", &format!("{err:?}"));
}
