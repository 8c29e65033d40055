//! The SDK surface beyond generated calls: per-call extra headers, query parameters and body
//! fields; a client derived with overrides; calling an endpoint the SDK does not know; the raw
//! body; re-exported crates. Checked on the wire against a local server.

use std::time::Duration;

use serde_json::{Value, json};
use straddle::types::customer_review_decision_params::Status as DecisionStatus;
use straddle::{Client, Error};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "sk_test_surface_0123456789";

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap()
}

fn customer() -> Value {
    json!({
        "data": {
            "id": "cus_1", "created_at": "2019-12-27T18:11:19.117Z", "email": "a@b.c",
            "name": "Ron", "phone": "+12128675309", "status": "verified", "type": "individual",
            "updated_at": "2020-01-02T03:04:05Z"
        },
        "meta": { "api_request_id": "r1", "api_request_timestamp": "2019-12-27T18:11:19.117Z" },
        "response_type": "object"
    })
}

async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

fn header<'r>(r: &'r Request, name: &str) -> Option<&'r str> {
    r.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn extra_headers_query_and_body_fields_go_on_the_wire() {
    let server = answering(ResponseTemplate::new(200).set_body_json(customer())).await;
    let client = client(&server);
    client
        .customers()
        .get("cus_1")
        .extra_header("X-Beta", "on")
        .extra_header("Accept", "application/vnd.straddle+json")
        .extra_query("expand", "address & more")
        .await
        .unwrap();
    client
        .customers()
        .review()
        .decision("cus_1", DecisionStatus::Verified)
        .extra_body_field("reason", "manual check")
        .extra_body_field("status", "rejected")
        .await
        .unwrap();
    let r = requests(&server).await;
    assert_eq!(header(&r[0], "x-beta"), Some("on"));
    // An extra header replaces the SDK's own of that name.
    assert_eq!(
        header(&r[0], "accept"),
        Some("application/vnd.straddle+json")
    );
    assert_eq!(r[0].url.query(), Some("expand=address%20%26%20more"));
    let body: Value = serde_json::from_slice(&r[1].body).unwrap();
    assert_eq!(
        body,
        json!({ "status": "rejected", "reason": "manual check" })
    );
}

#[tokio::test]
async fn extra_body_fields_make_a_body_for_a_bodyless_call() {
    let server = answering(ResponseTemplate::new(200).set_body_json(customer())).await;
    client(&server)
        .customers()
        .review()
        .refresh_review("cus_1")
        .extra_body_field("force", true)
        .await
        .unwrap();
    let r = requests(&server).await;
    assert_eq!(header(&r[0], "content-type"), Some("application/json"));
    assert_eq!(r[0].body, br#"{"force":true}"#);
}

#[tokio::test]
async fn a_derived_client_overrides_settings_and_leaves_the_base_alone() {
    let server = answering(ResponseTemplate::new(200).set_body_json(customer())).await;
    let other = answering(ResponseTemplate::new(200).set_body_json(customer())).await;
    let base = client(&server);
    let derived = base
        .with_options()
        .default_header("X-Tenant", "acme")
        .base_url(other.uri())
        .timeout(Duration::from_secs(3))
        .max_retries(1)
        .build()
        .unwrap();
    derived.customers().get("cus_1").await.unwrap();
    base.customers().get("cus_1").await.unwrap();
    let on_other = requests(&other).await;
    assert_eq!(on_other.len(), 1);
    assert_eq!(header(&on_other[0], "x-tenant"), Some("acme"));
    assert_eq!(
        header(&on_other[0], "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    let on_base = requests(&server).await;
    assert_eq!(on_base.len(), 1);
    assert_eq!(header(&on_base[0], "x-tenant"), None);
    // The same checks as the builder's.
    let err = base
        .with_options()
        .base_url("http://api.example.com")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("refusing plain HTTP"), "{err}");
}

#[tokio::test]
async fn endpoints_the_sdk_does_not_know_can_be_called() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/new_things"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "things": [1, 2] })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/new_things"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({ "id": "t_1" })))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);
    let things: Value = client
        .get("/v1/new_things")
        .query("limit", 5)
        .header("X-Beta", "on")
        .await
        .unwrap();
    assert_eq!(things["things"], json!([1, 2]));
    #[derive(serde::Deserialize)]
    struct Created {
        id: String,
    }
    let (created, raw) = client
        .post::<Created>("v1/new_things")
        .json(&json!({ "name": "x" }))
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(created.id, "t_1");
    assert_eq!(raw.status().as_u16(), 201);
    let () = client.delete("/v1/new_things/t_1").await.unwrap();
    let err = client.get::<Value>("/v1/missing").await.unwrap_err();
    assert!(
        matches!(&err, Error::Api(e) if e.status.as_u16() == 404),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("request: HTTP 404"), "{err}");

    let r = requests(&server).await;
    assert_eq!(r[0].url.query(), Some("limit=5"));
    assert_eq!(header(&r[0], "x-beta"), Some("on"));
    assert_eq!(
        header(&r[0], "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(r[1].body, br#"{"name":"x"}"#);
    assert_eq!(r[2].method.as_str(), "DELETE");
}

#[tokio::test]
async fn the_raw_body_is_there_undecoded() {
    let server = answering(
        ResponseTemplate::new(200)
            .set_body_raw(b"{\"data\": not json".to_vec(), "application/json"),
    )
    .await;
    let (bytes, raw) = client(&server)
        .customers()
        .get("cus_1")
        .send_raw()
        .await
        .unwrap();
    assert_eq!(&bytes[..], b"{\"data\": not json");
    assert_eq!(raw.status().as_u16(), 200);
}

#[test]
fn crates_of_the_public_api_are_re_exported() {
    let date: straddle::chrono::NaiveDate =
        straddle::chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
    let bytes = straddle::bytes::Bytes::from_static(b"x");
    let value: straddle::serde_json::Value = straddle::serde_json::json!({ "d": date.to_string() });
    fn is_stream<S: straddle::futures_core::Stream>(_: &S) {}
    let pages = client_for_types().payments().list().into_stream();
    is_stream(&pages);
    assert_eq!((bytes.len(), value["d"].as_str()), (1, Some("2024-01-15")));
}

fn client_for_types() -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
}

#[tokio::test]
async fn the_request_id_of_an_error_comes_from_its_body_when_no_header_has_it() {
    let server = answering(ResponseTemplate::new(422).set_body_json(json!({
        "error": { "status": 422, "type": "invalid_request", "title": "Invalid", "detail": "email is taken" },
        "meta": { "api_request_id": "req_0042", "api_request_timestamp": "2019-12-27T18:11:19.117Z" },
        "response_type": "error"
    })))
    .await;
    let err = client(&server).customers().get("cus_1").await.unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.request_id(), Some("req_0042"));
    // The spec's error body, typed, without naming its type.
    let body = api.error().expect("an ErrorResponse");
    assert_eq!(body.error.detail.as_deref(), Some("email is taken"));
    assert_eq!(
        (body.error.status, body.error.title.as_str()),
        (422, "Invalid")
    );
    assert_eq!(
        err.to_string(),
        "GetCustomer: HTTP 422 Unprocessable Entity: email is taken (request id req_0042)"
    );
}
