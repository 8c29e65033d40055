//! The blocking client (`straddle` with the `blocking` feature): the same resource tree and
//! request builders as the async client, finished by a blocking `send()`, against a local
//! server and against the Prism mock (`TEST_API_BASE_URL`, set by `scripts/test`).
//!
//! These are plain `#[test]`s: a blocking client is for threads outside any async runtime.
//! The local server runs on a runtime of its own.

use sdk_tests::straddle_fixtures::{customer_body, error_body, payment_item, payments_page};
use serde_json::{Value, json};
use straddle::blocking;
use straddle::types::{CustomerCreateParamsRequired, CustomerType, DeviceUnmaskedV1};
use straddle::{Error, ErrorKind};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "sk_test_blocking_0123456789";

/// A mock server on a runtime that outlives the test's blocking calls.
struct Server {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

impl Server {
    fn start() -> Self {
        let runtime = tokio::runtime::Runtime::new().expect("a runtime for the mock server");
        let server = runtime.block_on(MockServer::start());
        Server { runtime, server }
    }

    fn mount(&self, mock: Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    fn client(&self) -> blocking::Client {
        blocking::Client::builder()
            .api_key(API_KEY)
            .base_url(self.server.uri())
            .max_retries(0)
            .build_blocking()
            .expect("a blocking client")
    }

    fn requests(&self) -> Vec<wiremock::Request> {
        self.runtime
            .block_on(self.server.received_requests())
            .unwrap_or_default()
    }
}

fn new_customer() -> CustomerCreateParamsRequired {
    CustomerCreateParamsRequired {
        device: DeviceUnmaskedV1::new("192.168.1.1"),
        email: "ron.swanson@pawnee.com".into(),
        name: "Ron Swanson".into(),
        phone: "+12128675309".into(),
        type_: CustomerType::Individual,
    }
}

#[test]
fn a_blocking_create_sends_the_same_request_and_decodes_the_customer() {
    let server = Server::start();
    server.mount(
        Mock::given(method("POST"))
            .and(path("/v1/customers"))
            .respond_with(ResponseTemplate::new(201).set_body_json(customer_body("cus_b1"))),
    );

    let customer = server
        .client()
        .customers()
        .create(new_customer())
        .external_id("ext-1")
        .idempotency_key("idem-key-0123456789")
        .send()
        .expect("the customer");

    assert_eq!(customer.data.id, "cus_b1");
    assert_eq!(customer.data.type_, CustomerType::Individual);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(
        r.headers.get("authorization").and_then(|v| v.to_str().ok()),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(
        r.headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok()),
        Some("idem-key-0123456789")
    );
    let body: Value = serde_json::from_slice(&r.body).expect("a JSON body");
    assert_eq!(
        body,
        json!({
            "device": { "ip_address": "192.168.1.1" },
            "email": "ron.swanson@pawnee.com",
            "name": "Ron Swanson",
            "phone": "+12128675309",
            "type": "individual",
            "external_id": "ext-1"
        })
    );
}

#[test]
fn a_blocking_list_iterates_every_item_of_every_page() {
    let server = Server::start();
    for (page, items) in [
        (
            1,
            vec![payment_item("pay_1", 100), payment_item("pay_2", 200)],
        ),
        (2, vec![payment_item("pay_3", 300)]),
    ] {
        server.mount(
            Mock::given(method("GET"))
                .and(path("/v1/payments"))
                .and(query_param("page_number", page.to_string()))
                .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(page, items))),
        );
    }

    let ids: Vec<String> = server
        .client()
        .payments()
        .list()
        .page_size(2)
        .into_iter()
        .map(|p| p.map(|p| p.id))
        .collect::<Result<_, _>>()
        .expect("every page decodes");

    assert_eq!(ids, ["pay_1", "pay_2", "pay_3"]);
    // `meta.total_pages` is 2: no third page is asked for.
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_blocking_error_is_the_same_api_error() {
    let server = Server::start();
    server.mount(Mock::given(method("GET")).respond_with(
        ResponseTemplate::new(404).set_body_json(error_body(
            404,
            "not_found",
            "Not found",
            "No such customer",
        )),
    ));

    let err = server
        .client()
        .customers()
        .get("cus_missing")
        .send()
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let Error::Api(api) = &err else {
        panic!("an API error, got {err:?}")
    };
    assert_eq!(api.kind(), ErrorKind::NotFound);
    assert_eq!(
        api.error().and_then(|e| e.error.detail),
        Some("No such customer".to_string())
    );
}

#[test]
fn a_blocking_call_inside_an_async_runtime_is_an_error_not_a_panic() {
    let server = Server::start();
    let client = server.client();
    let err = server
        .runtime
        .block_on(async { client.customers().get("cus_1").send() })
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid client configuration: a blocking call was made inside an async runtime, where it would stall it: use the async client there"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn blocking_calls_against_the_mock_server() {
    let Ok(url) = std::env::var("TEST_API_BASE_URL") else {
        eprintln!("skipping: TEST_API_BASE_URL is not set (scripts/test starts Prism and sets it)");
        return;
    };
    let client = blocking::Client::builder()
        .api_key(API_KEY)
        .base_url(url)
        .build_blocking()
        .expect("a blocking client");

    let created = client
        .customers()
        .create(new_customer())
        .send()
        .expect("Prism accepts the create");
    assert!(!created.data.id.is_empty());
    let fetched = client
        .customers()
        .get(created.data.id.as_str())
        .send()
        .expect("a customer");
    assert!(!fetched.data.email.is_empty());
    let page = client
        .customers()
        .list()
        .page_size(2)
        .send()
        .expect("a page of customers");
    assert!(page.meta.total_pages >= 0);
    let (_, raw) = client
        .paykeys()
        .get("pk_1")
        .send_raw()
        .expect("raw paykey bytes");
    assert_eq!(raw.status().as_u16(), 200);
}
