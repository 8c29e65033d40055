//! End-to-end tests of the generated `straddle` SDK against local HTTP servers (wiremock on
//! 127.0.0.1): what goes on the wire, what comes back decoded, and which error a user sees.

use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use futures_util::StreamExt;
use sdk_tests::straddle_fixtures::{
    customer_body, error_body, payment_item, payments_page, payout_body,
};
use serde_json::{Value, json};
use straddle::types::{
    ChargeV1DataStatus, CustomerStatus, CustomerType, CustomerUpdateParams,
    CustomerUpdateParamsRequired, CustomersListSortBy, DeviceUnmaskedV1, ErrorResponse,
    FundingEventsListStatusItem, ProcessingMethod, ResponseType, SortOrder,
    customer_review_decision_params, customer_v1,
};
use straddle::{Client, Error, ErrorKind, FilePart, Nullable};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "sk_test_e2e_0123456789abcdef";

/// A client for `server` that never retries unless a test asks it to.
fn client(server: &MockServer) -> Client {
    client_with_retries(server, 0)
}

fn client_with_retries(server: &MockServer, retries: u32) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(retries)
        .build()
        .expect("client builds")
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().expect("header is ASCII"))
}

async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

/// A 5xx that asks to be retried after 1 ms, so that retry tests stay fast.
fn quick_retry(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("retry-after-ms", "1")
        .set_body_json(error_body(
            status,
            "/server_error",
            "Server error",
            "Try again",
        ))
}

// ---------------------------------------------------------------------------------------
// 1. Headers and body on the wire
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn review_decision_sends_headers_auth_and_exact_json_body() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;
    let client = client(&server);

    let customer = client
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .idempotency_key("abcdefghij12")
        .correlation_id("corr-1")
        .request_id("req-from-client")
        .straddle_account_id("acct_9")
        .await
        .expect("decision succeeds");
    assert_eq!(customer.data.id, "cus_1");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method.as_str(), "PATCH");
    assert_eq!(r.url.path(), "/v1/customers/cus_1/review");
    assert_eq!(r.url.query(), None);
    assert_eq!(header(r, "idempotency-key"), Some("abcdefghij12"));
    assert_eq!(header(r, "correlation-id"), Some("corr-1"));
    assert_eq!(header(r, "request-id"), Some("req-from-client"));
    assert_eq!(header(r, "straddle-account-id"), Some("acct_9"));
    assert_eq!(
        header(r, "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(r.headers.get_all("authorization").iter().count(), 1);
    let ua = header(r, "user-agent").expect("a User-Agent");
    assert!(ua.starts_with("straddle-rust/"), "User-Agent: {ua}");
    assert_eq!(header(r, "content-type"), Some("application/json"));
    assert_eq!(r.body, br#"{"status":"verified"}"#);
}

#[tokio::test]
async fn get_sends_no_body_no_content_type_and_no_unset_headers() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .default_header("X-Team", "payments")
        .build()
        .unwrap();

    client.customers().get("cus_1").await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method.as_str(), "GET");
    assert_eq!(r.url.path(), "/v1/customers/cus_1");
    assert!(r.body.is_empty());
    assert_eq!(header(r, "content-type"), None);
    assert_eq!(header(r, "idempotency-key"), None);
    assert_eq!(header(r, "correlation-id"), None);
    assert_eq!(header(r, "straddle-account-id"), None);
    assert_eq!(header(r, "x-team"), Some("payments"));
    assert_eq!(
        header(r, "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
}

/// A platform sets `Straddle-Account-Id` once on the client and overrides it for one call: the
/// server must see the override alone, not both values.
#[tokio::test]
async fn per_request_header_overrides_a_client_default_header() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .default_header("Straddle-Account-Id", "acct_default")
        .build()
        .unwrap();

    client.customers().get("cus_1").await.unwrap();
    client
        .customers()
        .get("cus_1")
        .straddle_account_id("acct_override")
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let values = |r: &Request| -> Vec<String> {
        r.headers
            .get_all("straddle-account-id")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(values(&requests[0]), ["acct_default"]);
    assert_eq!(values(&requests[1]), ["acct_override"]);
}

#[tokio::test]
async fn invalid_header_value_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);

    let err = client
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Rejected)
        .correlation_id("bad\nvalue")
        .await
        .unwrap_err();

    assert!(
        matches!(
            err,
            Error::InvalidRequest {
                operation: "UpdateCustomerReview",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "UpdateCustomerReview: invalid request: invalid value for header `Correlation-Id`"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn idempotency_key_outside_its_length_bounds_is_refused_before_sending() {
    let server = MockServer::start().await;
    let err = client(&server)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .idempotency_key("review-42")
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "UpdateCustomerReview: invalid request: parameter `Idempotency-Key` must be 10 to 40 characters long (got 9)"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn unset_idempotency_key_is_generated_once_and_reused_on_retry() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(quick_retry(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;

    client_with_retries(&server, 2)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .await
        .expect("succeeds on the second attempt");
    client(&server)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .await
        .expect("a second call succeeds");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    let keys: Vec<&str> = requests
        .iter()
        .map(|r| header(r, "idempotency-key").expect("an idempotency key is always sent"))
        .collect();
    // A UUID v4: 36 characters, version nibble 4.
    for key in &keys {
        assert_eq!(key.len(), 36, "{key}");
        assert_eq!(&key[14..15], "4", "{key}");
    }
    assert_eq!(keys[0], keys[1], "a retry resends the same key");
    assert_ne!(keys[1], keys[2], "a new call gets a new key");
}

// ---------------------------------------------------------------------------------------
// 2. Path parameters
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn path_params_are_percent_encoded() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("x")))
        .mount(&server)
        .await;
    let client = client(&server);

    client.customers().get("a/b c").await.unwrap();
    client.customers().get("q?x=1#frag%é").await.unwrap();

    let requests = received(&server).await;
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/v1/customers/a%2Fb%20c",
            "/v1/customers/q%3Fx=1%23frag%25%C3%A9"
        ]
    );
    assert!(requests.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
async fn empty_path_param_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);

    let err = client.customers().get("").await.unwrap_err();

    assert!(
        matches!(
            err,
            Error::InvalidRequest {
                operation: "GetCustomer",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "GetCustomer: invalid request: path parameter `id` must not be empty"
    );
    assert!(err.status().is_none());
    assert!(received(&server).await.is_empty());
}

/// A path parameter must stay inside its own segment: `..` must not turn
/// `DELETE /v1/customers/{id}` into `DELETE /v1/`, nor `PATCH /v1/customers/{id}/review` into
/// `PATCH /v1/review`. Refusing the value or sending it literally are both fine.
#[tokio::test]
async fn dot_segment_path_params_do_not_escape_their_segment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("x")))
        .mount(&server)
        .await;
    let client = client(&server);

    for id in ["..", "."] {
        let deleted = client.customers().delete(id).await;
        if let Err(err) = &deleted {
            assert!(
                matches!(err, Error::InvalidRequest { .. }),
                "{id:?}: {err:?}"
            );
        }
        let reviewed = client
            .customers()
            .review()
            .decision(id, customer_review_decision_params::Status::Verified)
            .await;
        if let Err(err) = &reviewed {
            assert!(
                matches!(err, Error::InvalidRequest { .. }),
                "{id:?}: {err:?}"
            );
        }
    }
    for r in received(&server).await {
        let p = r.url.path();
        assert!(
            p.starts_with("/v1/customers/") && p.len() > "/v1/customers/".len(),
            "{} was sent to {p}",
            r.method
        );
    }
}

#[tokio::test]
async fn base_url_with_a_path_prefix_and_trailing_slash_is_kept() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(format!("{}/proxy/", server.uri()))
        .max_retries(0)
        .build()
        .unwrap();
    assert_eq!(client.base_url(), format!("{}/proxy", server.uri()));

    client.customers().get("cus_1").await.unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/proxy/v1/customers/cus_1");
}

// ---------------------------------------------------------------------------------------
// 3. Query strings
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn list_customers_encodes_every_kind_of_query_param() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/customers"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = client(&server);

    let _ = client
        .customers()
        .list()
        .created_from(Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap())
        .email("ron+1@pawnee.com")
        .page_number(3)
        .page_size(25)
        .search_text("ron swanson&co=1")
        .sort_by(CustomersListSortBy::CreatedAt)
        .sort_order(SortOrder::Desc)
        .status(vec![CustomerStatus::Review, CustomerStatus::Verified])
        .types(vec![CustomerType::Individual, CustomerType::Business])
        .await;

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].url.query(),
        Some(
            "created_from=2024-01-02T03%3A04%3A05Z\
             &email=ron%2B1%40pawnee.com\
             &page_number=3\
             &page_size=25\
             &search_text=ron%20swanson%26co%3D1\
             &sort_by=created_at\
             &sort_order=desc\
             &status=review,verified\
             &types=individual,business"
        )
    );
    // What a server's query parser makes of it.
    let pairs: Vec<(String, String)> = requests[0].url.query_pairs().into_owned().collect();
    assert!(pairs.contains(&("email".into(), "ron+1@pawnee.com".into())));
    assert!(pairs.contains(&("search_text".into(), "ron swanson&co=1".into())));
    assert!(pairs.contains(&("created_from".into(), "2024-01-02T03:04:05Z".into())));
}

#[tokio::test]
async fn list_payments_encodes_booleans_dates_integers_and_arrays() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(1, vec![])))
        .mount(&server)
        .await;
    let client = client(&server);

    let page = client
        .payments()
        .list()
        .has_refund(true)
        .is_resubmit(false)
        .min_amount(-5)
        .max_amount(100_000)
        .min_payment_date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        .max_created_at(Utc.with_ymd_and_hms(2024, 3, 1, 23, 59, 59).unwrap())
        .payment_status(vec![
            FundingEventsListStatusItem::OnHold,
            FundingEventsListStatusItem::Paid,
        ])
        .await
        .unwrap();
    assert!(page.data.is_empty());

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v1/payments");
    assert_eq!(
        requests[0].url.query(),
        Some(
            "has_refund=true\
             &is_resubmit=false\
             &max_amount=100000\
             &max_created_at=2024-03-01T23%3A59%3A59Z\
             &min_amount=-5\
             &min_payment_date=2024-02-29\
             &payment_status=on_hold,paid"
        )
    );
}

#[tokio::test]
async fn unset_query_params_are_omitted() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let client = client(&server);

    let _ = client.customers().list().await;

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].url.path(), "/v1/customers");
    assert_eq!(requests[0].url.query(), None);
}

// ---------------------------------------------------------------------------------------
// 4. Decoding
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn customer_decodes_into_typed_fields() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/customers/182bd5e5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("182bd5e5")))
        .mount(&server)
        .await;
    let client = client(&server);

    let customer = client.customers().get("182bd5e5").await.unwrap();

    let d = &customer.data;
    assert_eq!(d.id, "182bd5e5");
    assert_eq!(
        d.created_at,
        Utc.with_ymd_and_hms(2019, 12, 27, 18, 11, 19).unwrap()
            + chrono::Duration::milliseconds(117)
    );
    assert_eq!(
        d.updated_at,
        Utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).unwrap()
    );
    assert_eq!(d.email, "ron.swanson@pawnee.com");
    assert_eq!(d.name, "Ron Swanson");
    assert_eq!(d.phone, "+12128675309");
    assert_eq!(d.status, CustomerStatus::Verified);
    assert_eq!(d.type_, CustomerType::Individual);
    let address = d.address.as_ref().unwrap();
    assert_eq!(address.address1, "123 Main St");
    assert_eq!(address.zip, "12345");
    assert_eq!(address.address2, Some(Nullable::Value("Apt 1".to_string())));
    assert_eq!(
        d.config.as_ref().unwrap().processing_method,
        Some(ProcessingMethod::Inline)
    );
    assert_eq!(d.device.as_ref().unwrap().ip_address, "192.168.1.1");
    assert_eq!(d.external_id.as_deref(), Some("ext-42"));
    assert_eq!(
        d.metadata.as_ref().unwrap().get("foo").map(String::as_str),
        Some("bar")
    );
    match d.compliance_profile.as_ref().unwrap() {
        customer_v1::ComplianceProfile::IndividualComplianceProfile(p) => {
            assert_eq!(p.dob.as_deref(), Some("1980-06-15"));
            assert_eq!(p.ssn.as_deref(), Some("***-**-****"));
        }
        other => panic!("expected an individual profile, got {other:?}"),
    }
    assert_eq!(
        customer.meta.api_request_id,
        "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"
    );
    assert_eq!(customer.response_type, ResponseType::Object);
}

#[tokio::test]
async fn nulls_in_nullable_response_fields_decode_as_none() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_1");
    for field in [
        "address",
        "compliance_profile",
        "config",
        "device",
        "external_id",
        "metadata",
    ] {
        body["data"][field] = Value::Null;
    }
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let customer = client(&server).customers().get("cus_1").await.unwrap();

    let d = &customer.data;
    assert!(d.address.is_none());
    assert!(d.compliance_profile.is_none());
    assert!(d.config.is_none());
    assert!(d.device.is_none());
    assert!(d.external_id.is_none());
    assert!(d.metadata.is_none());
}

#[tokio::test]
async fn unknown_enum_value_is_kept_and_reserialized() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_1");
    body["data"]["status"] = json!("frozen");
    body["data"]["type"] = json!("trust");
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let customer = client(&server).customers().get("cus_1").await.unwrap();

    assert_eq!(
        customer.data.status,
        CustomerStatus::Unknown("frozen".to_string())
    );
    assert_eq!(customer.data.status.as_str(), "frozen");
    assert_eq!(customer.data.status.to_string(), "frozen");
    assert_eq!(
        customer.data.type_,
        CustomerType::Unknown("trust".to_string())
    );
    assert_eq!(
        serde_json::to_value(&customer.data.status).unwrap(),
        json!("frozen")
    );
    let reserialized = serde_json::to_value(&customer).unwrap();
    assert_eq!(reserialized["data"]["status"], json!("frozen"));
    assert_eq!(reserialized["data"]["type"], json!("trust"));
}

#[tokio::test]
async fn individual_compliance_profile_decodes_as_individual() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_ind");
    body["data"]["compliance_profile"] = json!({ "dob": "1975-03-01", "ssn": "***-**-1234" });
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let customer = client(&server).customers().get("cus_ind").await.unwrap();

    match customer.data.compliance_profile {
        Some(customer_v1::ComplianceProfile::IndividualComplianceProfile(p)) => {
            assert_eq!(p.dob.as_deref(), Some("1975-03-01"));
            assert_eq!(p.ssn.as_deref(), Some("***-**-1234"));
        }
        other => panic!("expected an individual profile, got {other:?}"),
    }
}

/// Straddle masks the date of birth the spec types as `date`; the config's schema override
/// makes it a string, so the profile keeps its typed SSN instead of falling into `Unknown`.
#[tokio::test]
async fn a_masked_date_of_birth_keeps_the_profile_typed() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_masked");
    body["data"]["compliance_profile"] = json!({ "dob": "****-**-**", "ssn": "***-**-1234" });
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let customer = client(&server).customers().get("cus_masked").await.unwrap();

    match customer.data.compliance_profile {
        Some(customer_v1::ComplianceProfile::IndividualComplianceProfile(p)) => {
            assert_eq!(p.dob.as_deref(), Some("****-**-**"));
            assert_eq!(p.ssn.as_deref(), Some("***-**-1234"));
        }
        other => panic!("expected an individual profile, got {other:?}"),
    }
}

#[tokio::test]
async fn business_compliance_profile_decodes_as_business() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_biz");
    body["data"]["type"] = json!("business");
    body["data"]["compliance_profile"] = json!({
        "ein": "**-*******",
        "legal_business_name": "Acme Corp LLC",
        "website": "https://acme.example",
        "representatives": [{ "name": "Leslie Knope", "email": "leslie@acme.example" }]
    });
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let customer = client(&server).customers().get("cus_biz").await.unwrap();

    assert_eq!(customer.data.type_, CustomerType::Business);
    match customer.data.compliance_profile {
        Some(customer_v1::ComplianceProfile::BusinessComplianceProfile(p)) => {
            assert_eq!(p.ein.as_deref(), Some("**-*******"));
            assert_eq!(p.legal_business_name.as_deref(), Some("Acme Corp LLC"));
            assert_eq!(p.website.as_deref(), Some("https://acme.example"));
            let reps = p.representatives.unwrap();
            assert_eq!(reps.len(), 1);
            assert_eq!(reps[0].name, "Leslie Knope");
        }
        other => panic!("expected a business profile, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// 5. Raw responses
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn send_with_response_exposes_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("request-id", "req_abc123")
                .insert_header("x-ratelimit-remaining", "99")
                .set_body_json(customer_body("cus_1")),
        )
        .mount(&server)
        .await;

    let (customer, raw) = client(&server)
        .customers()
        .get("cus_1")
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(customer.data.id, "cus_1");
    assert_eq!(raw.status().as_u16(), 200);
    assert_eq!(raw.request_id(), Some("req_abc123"));
    assert_eq!(raw.header("x-ratelimit-remaining"), Some("99"));
    assert_eq!(raw.header("X-RateLimit-Remaining"), Some("99"));
    assert_eq!(raw.header("content-type"), Some("application/json"));
    assert_eq!(raw.header("x-absent"), None);
}

#[tokio::test]
async fn send_with_response_reports_201_for_created_resources() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-request-id", "req_created")
                .set_body_json(payout_body("po_1")),
        )
        .mount(&server)
        .await;

    let (payout, raw) = client(&server)
        .payouts()
        .upload_authorization_document("po_1", FilePart::new(b"%PDF-1.4".to_vec()))
        .send_with_response()
        .await
        .unwrap();

    assert_eq!(raw.status().as_u16(), 201);
    assert_eq!(raw.request_id(), Some("req_created"));
    assert_eq!(payout.data.status, ChargeV1DataStatus::Created);
}

// ---------------------------------------------------------------------------------------
// 6. API and decode errors
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn not_found_gives_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("request-id", "req_404")
                .set_body_json(error_body(
                    404,
                    "/not_found",
                    "Not found",
                    "Customer cus_x not found",
                )),
        )
        .mount(&server)
        .await;

    let err = client_with_retries(&server, 2)
        .customers()
        .get("cus_x")
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 1, "404 is not retried");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.operation, "GetCustomer");
    assert_eq!(api.status.as_u16(), 404);
    assert!(api.is_not_found());
    assert_eq!(api.kind(), ErrorKind::NotFound);
    assert_eq!(api.message().as_deref(), Some("Customer cus_x not found"));
    assert_eq!(api.request_id(), Some("req_404"));
    assert_eq!(
        err.to_string(),
        "GetCustomer: HTTP 404 Not Found: Customer cus_x not found (request id req_404)"
    );
    let typed: ErrorResponse = api.body_as().expect("the documented error envelope");
    assert_eq!(typed.error.status, 404);
    assert_eq!(typed.error.type_, "/not_found");
    assert_eq!(typed.error.title, "Not found");
    assert_eq!(
        typed.error.items.unwrap()[0].reference.as_deref(),
        Some("id")
    );
}

#[tokio::test]
async fn unprocessable_entity_gives_an_api_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(422).set_body_json(error_body(
            422,
            "/field_validation",
            "Validation failed",
            "status must be one of verified, rejected",
        )))
        .mount(&server)
        .await;

    let err = client_with_retries(&server, 2)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 1, "422 is not retried");
    let api = err.as_api().expect("Error::Api");
    assert_eq!(api.status.as_u16(), 422);
    assert_eq!(api.kind(), ErrorKind::UnprocessableEntity);
    assert!(api.is_unprocessable());
    assert!(!api.is_not_found());
    assert_eq!(
        api.json().unwrap()["error"]["type"],
        json!("/field_validation")
    );
    assert_eq!(
        err.to_string(),
        "UpdateCustomerReview: HTTP 422 Unprocessable Entity: status must be one of verified, rejected (request id 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e)"
    );
}

#[tokio::test]
async fn error_without_json_body_shows_its_size_not_its_text() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_string("invalid api key"))
        .mount(&server)
        .await;

    let err = client(&server).customers().get("cus_1").await.unwrap_err();

    let api = err.as_api().expect("Error::Api");
    assert!(api.is_unauthorized());
    assert_eq!(api.kind(), ErrorKind::Authentication);
    assert_eq!(api.message(), None);
    // A body without a message field may echo the request: never quoted.
    assert_eq!(
        err.to_string(),
        "GetCustomer: HTTP 401 Unauthorized (15 bytes of body)"
    );
    assert_eq!(&api.body[..], b"invalid api key");
}

#[tokio::test]
async fn missing_required_field_gives_a_decode_error() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_1");
    body["data"].as_object_mut().unwrap().remove("created_at");
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let err = client(&server).customers().get("cus_1").await.unwrap_err();

    let Error::Decode {
        operation,
        status,
        path,
        message,
        ..
    } = &err
    else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(*operation, "GetCustomer");
    assert_eq!(*status, 200);
    // The path names the missing field itself.
    assert_eq!(path, "data.created_at");
    assert!(
        message.starts_with("missing field `created_at`"),
        "{message}"
    );
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    let shown = err.to_string();
    assert!(
        shown.starts_with(
            "GetCustomer: unexpected response body (HTTP 200) at `data.created_at`: missing field `created_at`"
        ),
        "{shown}"
    );
}

#[tokio::test]
async fn wrong_type_gives_a_decode_error_with_the_field_path() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_1");
    body["data"]["created_at"] = json!(42);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let err = client(&server).customers().get("cus_1").await.unwrap_err();

    let Error::Decode {
        operation, path, ..
    } = &err
    else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(*operation, "GetCustomer");
    assert_eq!(path, "data.created_at");
    let shown = err.to_string();
    assert!(
        shown.starts_with(
            "GetCustomer: unexpected response body (HTTP 200) at `data.created_at`: invalid type: integer <redacted>, expected"
        ),
        "{shown}"
    );
}

#[tokio::test]
async fn nested_wrong_type_is_located_precisely() {
    let server = MockServer::start().await;
    let mut items = vec![payment_item("pay_1", 100), payment_item("pay_2", 200)];
    items[1]["status_details"]["changed_at"] = json!("yesterday");
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(1, items)))
        .mount(&server)
        .await;

    let err = client(&server).payments().list().await.unwrap_err();

    let Error::Decode {
        operation, path, ..
    } = &err
    else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(*operation, "ListPayments");
    assert_eq!(path, "data[1].status_details.changed_at");
}

#[tokio::test]
async fn non_json_success_body_gives_a_decode_error_at_the_root() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"))
        .mount(&server)
        .await;

    let err = client(&server).customers().get("cus_1").await.unwrap_err();

    let Error::Decode {
        path, status, body, ..
    } = &err
    else {
        panic!("expected Error::Decode, got {err:?}")
    };
    assert_eq!(path, "(root)");
    assert_eq!(*status, 200);
    // The body is kept, so the caller can see what the server sent instead.
    assert_eq!(&body[..], b"<html>maintenance</html>");
    assert!(
        err.to_string()
            .starts_with("GetCustomer: unexpected response body (HTTP 200) at `(root)`: ")
    );
}

// ---------------------------------------------------------------------------------------
// 7. Retries
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn server_error_then_success_is_retried_with_the_same_request() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(quick_retry(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;

    let customer = client_with_retries(&server, 2)
        .customers()
        .review()
        .decision("cus_1", customer_review_decision_params::Status::Verified)
        .idempotency_key("abcdefghij12")
        .await
        .expect("succeeds on the second attempt");
    assert_eq!(customer.data.id, "cus_1");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert_eq!(r.method.as_str(), "PATCH");
        assert_eq!(r.url.path(), "/v1/customers/cus_1/review");
        assert_eq!(header(r, "idempotency-key"), Some("abcdefghij12"));
        assert_eq!(r.body, br#"{"status":"verified"}"#);
    }
}

#[tokio::test]
async fn rate_limit_with_retry_after_zero_is_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "0")
                .set_body_json(error_body(
                    429,
                    "/rate_limit",
                    "Too many requests",
                    "Slow down",
                )),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;

    let started = std::time::Instant::now();
    let customer = client_with_retries(&server, 2)
        .customers()
        .get("cus_1")
        .await
        .unwrap();
    assert_eq!(customer.data.id, "cus_1");
    assert_eq!(received(&server).await.len(), 2);
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "retry-after: 0 means no wait"
    );
}

#[tokio::test]
async fn bad_request_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_json(error_body(
            400,
            "/bad_request",
            "Bad request",
            "Malformed id",
        )))
        .mount(&server)
        .await;

    let err = client_with_retries(&server, 2)
        .customers()
        .get("cus_1")
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 1);
    let api = err.as_api().expect("Error::Api");
    assert_eq!(api.kind(), ErrorKind::BadRequest);
    assert_eq!(
        err.to_string(),
        "GetCustomer: HTTP 400 Bad Request: Malformed id (request id 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e)"
    );
}

#[tokio::test]
async fn max_retries_zero_sends_exactly_once() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(quick_retry(503))
        .mount(&server)
        .await;

    let err = client_with_retries(&server, 0)
        .customers()
        .get("cus_1")
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 1);
    let api = err.as_api().expect("Error::Api");
    assert_eq!(api.status.as_u16(), 503);
    assert!(api.is_server_error());
    assert_eq!(api.kind(), ErrorKind::InternalServer);
    assert_eq!(
        err.to_string(),
        "GetCustomer: HTTP 503 Service Unavailable: Try again (request id 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e)"
    );
}

#[tokio::test]
async fn retries_stop_after_max_retries_with_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(quick_retry(502))
        .mount(&server)
        .await;

    let err = client_with_retries(&server, 2)
        .customers()
        .get("cus_1")
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 3, "1 attempt + 2 retries");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
}

#[tokio::test]
async fn x_should_retry_false_stops_retries() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(quick_retry(500).insert_header("x-should-retry", "false"))
        .mount(&server)
        .await;

    let err = client_with_retries(&server, 2)
        .customers()
        .get("cus_1")
        .await
        .unwrap_err();

    assert_eq!(received(&server).await.len(), 1);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn x_should_retry_true_retries_a_client_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-should-retry", "true")
                .insert_header("retry-after-ms", "1"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;

    client_with_retries(&server, 2)
        .customers()
        .get("cus_1")
        .await
        .unwrap();

    assert_eq!(received(&server).await.len(), 2);
}

// ---------------------------------------------------------------------------------------
// 8. Transport errors
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn closed_port_gives_a_connection_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(format!("http://127.0.0.1:{port}"))
        .max_retries(0)
        .build()
        .unwrap();

    let err = client.customers().get("cus_1").await.unwrap_err();

    assert!(
        matches!(
            err,
            Error::Connection {
                operation: "GetCustomer",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.status().is_none());
    assert!(
        err.to_string()
            .starts_with("GetCustomer: connection failed: "),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn slow_server_gives_a_timeout() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(customer_body("cus_1"))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    let started = std::time::Instant::now();
    let err = client.customers().get("cus_1").await.unwrap_err();

    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "GetCustomer"
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "GetCustomer: request timed out");
    assert_eq!(received(&server).await.len(), 1);
}

// ---------------------------------------------------------------------------------------
// 9. Secrets and configuration
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn debug_output_never_shows_the_api_key() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            401,
            "/unauthorized",
            "Unauthorized",
            "Bad key",
        )))
        .mount(&server)
        .await;
    let builder = Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0);
    assert!(!format!("{builder:?}").contains(API_KEY), "{builder:?}");
    let client = builder.build().unwrap();

    let shown = format!("{client:?}");
    assert!(!shown.contains(API_KEY), "{shown}");
    assert!(shown.contains(&server.uri()), "{shown}");
    let request = client.customers().get("cus_1");
    assert!(!format!("{request:?}").contains(API_KEY));
    let err = request.await.unwrap_err();
    assert!(!format!("{err:?}").contains(API_KEY));
    assert!(!err.to_string().contains(API_KEY));
}

#[test]
fn invalid_base_url_is_a_config_error() {
    let err = Client::builder()
        .api_key(API_KEY)
        .base_url("not a url")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(
        err.to_string()
            .starts_with("invalid client configuration: invalid base URL `not a url`"),
        "{err}"
    );
}

#[test]
fn invalid_default_header_is_a_config_error() {
    let err = Client::builder()
        .api_key(API_KEY)
        .base_url("http://127.0.0.1:1")
        .default_header("bad header", "x")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "invalid client configuration: invalid header name `bad header`"
    );
}

/// Marks the child process run by [`api_key_and_base_url_from_the_environment`].
const ENV_CHILD: &str = "STRADDLE_E2E_ENV_CHILD";

/// Environment variables are process-global, so the tests that need them set or unset run in
/// child processes of this test binary, each with its own environment.
#[tokio::test]
async fn api_key_and_base_url_from_the_environment() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_env")))
        .mount(&server)
        .await;
    let cases: [(&str, Option<&str>); 3] = [
        ("missing", None),
        ("blank", Some("   ")),
        ("set", Some("sk_env_secret")),
    ];
    for (case, key) in cases {
        let exe = std::env::current_exe().unwrap();
        let mut cmd = std::process::Command::new(exe);
        cmd.args([
            "env_child",
            "--exact",
            "--ignored",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(ENV_CHILD, case)
        .env("STRADDLE_BASE_URL", server.uri())
        .env_remove("STRADDLE_API_KEY");
        if let Some(key) = key {
            cmd.env("STRADDLE_API_KEY", key);
        }
        let out = tokio::task::spawn_blocking(move || cmd.output())
            .await
            .unwrap()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "case {case}:\n{stdout}\n{stderr}");
        assert!(
            stdout.contains("1 passed"),
            "case {case} did not run:\n{stdout}"
        );
    }

    // Only the "set" case sends requests: one with the key and URL from the environment, one
    // with both overridden explicitly (to a path on the same server).
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].url.path(), "/v1/customers/cus_env");
    assert_eq!(
        header(&requests[0], "authorization"),
        Some("Bearer sk_env_secret")
    );
    assert_eq!(requests[1].url.path(), "/explicit/v1/customers/cus_env");
    assert_eq!(
        header(&requests[1], "authorization"),
        Some("Bearer sk_explicit")
    );
}

#[tokio::test]
#[ignore = "run in a child process by api_key_and_base_url_from_the_environment"]
async fn env_child() {
    let Ok(case) = std::env::var(ENV_CHILD) else {
        return;
    };
    let base_url = std::env::var("STRADDLE_BASE_URL").unwrap();
    match case.as_str() {
        "missing" | "blank" => {
            for result in [
                Client::from_env(),
                Client::builder().base_url(&base_url).build(),
            ] {
                let err = result.unwrap_err();
                assert!(matches!(err, Error::Config(_)), "{err:?}");
                assert_eq!(
                    err.to_string(),
                    "invalid client configuration: no API key: set STRADDLE_API_KEY or call `ClientBuilder::api_key`"
                );
            }
        }
        "set" => {
            let client = Client::from_env().unwrap();
            assert_eq!(client.base_url(), base_url);
            assert!(!format!("{client:?}").contains("sk_env_secret"));
            client.customers().get("cus_env").await.unwrap();

            let client = Client::builder()
                .api_key("sk_explicit")
                .base_url(format!("{base_url}/explicit"))
                .build()
                .unwrap();
            client.customers().get("cus_env").await.unwrap();
        }
        other => panic!("unknown case {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// 10. Multipart uploads
// ---------------------------------------------------------------------------------------

/// The parts of a `multipart/form-data` body: (headers, content) for each.
fn multipart_parts(content_type: &str, body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .expect("a boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = body.to_vec();
    let mut parts = Vec::new();
    let positions: Vec<usize> = body
        .windows(delimiter.len())
        .enumerate()
        .filter(|(_, w)| *w == delimiter.as_bytes())
        .map(|(i, _)| i)
        .collect();
    assert!(positions.len() >= 2, "no parts in the body");
    assert!(body[*positions.last().unwrap()..].starts_with(format!("{delimiter}--").as_bytes()));
    for pair in positions.windows(2) {
        let part = &body[pair[0] + delimiter.len()..pair[1]];
        let part = part
            .strip_prefix(b"\r\n")
            .expect("CRLF after the delimiter");
        let part = part
            .strip_suffix(b"\r\n")
            .expect("CRLF before the next delimiter");
        let split = part
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("part headers end");
        let headers = String::from_utf8(part[..split].to_vec()).unwrap();
        parts.push((headers, part[split + 4..].to_vec()));
    }
    parts
}

/// One header of a multipart part, by case-insensitive name.
fn part_header(headers: &str, name: &str) -> Option<String> {
    headers.split("\r\n").find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}

#[tokio::test]
async fn upload_authorization_document_sends_multipart_form_data() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/payouts/po_1/authorization"))
        .respond_with(ResponseTemplate::new(201).set_body_json(payout_body("po_1")))
        .mount(&server)
        .await;
    let file = FilePart::new(b"%PDF-1.4".to_vec())
        .file_name("auth.pdf")
        .content_type("application/pdf");

    let payout = client(&server)
        .payouts()
        .upload_authorization_document("po_1", file)
        .idempotency_key("upload-key-123")
        .await
        .unwrap();

    let documents = payout.data.documents.expect("documents");
    assert_eq!(documents[0].document_name, "auth.pdf");
    assert_eq!(documents[0].document_size, 8);

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(header(r, "idempotency-key"), Some("upload-key-123"));
    assert_eq!(
        header(r, "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    let content_type = header(r, "content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let parts = multipart_parts(content_type, &r.body);
    assert_eq!(parts.len(), 1);
    let (headers, content) = &parts[0];
    assert_eq!(
        part_header(headers, "content-disposition").as_deref(),
        Some(r#"form-data; name="File"; filename="auth.pdf""#),
        "{headers}"
    );
    assert_eq!(
        part_header(headers, "content-type").as_deref(),
        Some("application/pdf"),
        "{headers}"
    );
    assert_eq!(content, b"%PDF-1.4");
}

#[tokio::test]
async fn multipart_upload_is_resent_whole_on_retry() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(quick_retry(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201).set_body_json(payout_body("po_1")))
        .mount(&server)
        .await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();

    client_with_retries(&server, 1)
        .payouts()
        .upload_authorization_document("po_1", FilePart::new(bytes.clone()))
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for r in &requests {
        let parts = multipart_parts(header(r, "content-type").unwrap(), &r.body);
        assert_eq!(parts.len(), 1);
        let headers = &parts[0].0;
        assert_eq!(
            part_header(headers, "content-disposition").as_deref(),
            Some(r#"form-data; name="File"; filename="File""#),
            "{headers}"
        );
        assert_eq!(
            part_header(headers, "content-type").as_deref(),
            Some("application/octet-stream"),
            "{headers}"
        );
        assert_eq!(parts[0].1, bytes);
    }
}

// ---------------------------------------------------------------------------------------
// 11. Pagination
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn payments_stream_walks_every_page_in_order() {
    let server = MockServer::start().await;
    let pages = [
        (
            1,
            vec![payment_item("pay_1", 100), payment_item("pay_2", 200)],
        ),
        (2, vec![payment_item("pay_3", 300)]),
        (3, vec![]),
    ];
    for (page, items) in pages {
        Mock::given(method("GET"))
            .and(path("/v1/payments"))
            .and(query_param("page_number", page.to_string()))
            .and(query_param("page_size", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(page, items)))
            .mount(&server)
            .await;
    }

    let items: Vec<_> = client(&server)
        .payments()
        .list()
        .page_size(2)
        .into_stream()
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("every page decodes");

    let ids: Vec<&str> = items.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["pay_1", "pay_2", "pay_3"]);
    assert_eq!(items[2].amount, 300);
    assert_eq!(items[0].status, ChargeV1DataStatus::Paid);
    assert_eq!(
        items[0].payment_date,
        NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()
    );
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_string())
        .collect();
    // `meta.total_pages` is 2: page 2 is the last, and page 3 is never asked for.
    assert_eq!(
        queries,
        ["page_number=1&page_size=2", "page_number=2&page_size=2"]
    );
}

#[tokio::test]
async fn pages_know_whether_another_follows() {
    let server = MockServer::start().await;
    for (page, items) in [
        (
            1,
            vec![payment_item("pay_1", 100), payment_item("pay_2", 200)],
        ),
        (2, vec![payment_item("pay_3", 300)]),
    ] {
        Mock::given(query_param("page_number", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(page, items)))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let first = client
        .payments()
        .list()
        .page_size(2)
        .first_page()
        .await
        .unwrap();
    assert_eq!(first.number(), 1);
    assert_eq!(first.items().len(), 2);
    assert!(first.has_next_page());
    assert_eq!(first.response().meta.total_pages, 2);
    let second = first.next_page().await.unwrap().expect("a second page");
    assert_eq!(second.number(), 2);
    assert_eq!(second.items()[0].id, "pay_3");
    assert!(!second.has_next_page());
    assert!(second.next_page().await.unwrap().is_none());
    // A stream of pages, from a page of the caller's choosing.
    let pages: Vec<u64> = client
        .payments()
        .list()
        .page_size(2)
        .into_pages()
        .map(|p| p.unwrap().number())
        .collect()
        .await;
    assert_eq!(pages, [1, 2]);
    let from_two: Vec<u64> = client
        .payments()
        .list()
        .page_number(2)
        .into_pages()
        .map(|p| p.unwrap().number())
        .collect()
        .await;
    assert_eq!(from_two, [2]);
    // first + next, the two-page stream, the one-page stream: five requests in all.
    assert_eq!(received(&server).await.len(), 5);
}

#[tokio::test]
async fn payments_stream_stops_at_the_first_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("page_number", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(payments_page(
            1,
            vec![payment_item("pay_1", 1), payment_item("pay_2", 2)],
        )))
        .mount(&server)
        .await;
    Mock::given(query_param("page_number", "2"))
        .respond_with(ResponseTemplate::new(500).insert_header("x-should-retry", "false"))
        .mount(&server)
        .await;

    let results: Vec<_> = client(&server)
        .payments()
        .list()
        .page_size(2)
        .into_stream()
        .collect()
        .await;

    assert_eq!(results.len(), 3);
    assert_eq!(results[0].as_ref().unwrap().id, "pay_1");
    assert_eq!(results[1].as_ref().unwrap().id, "pay_2");
    let err = results[2].as_ref().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn customers_stream_starts_at_the_given_page() {
    let server = MockServer::start().await;
    Mock::given(query_param("page_number", "5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{
                "id": "cus_5", "created_at": "2024-01-01T00:00:00Z", "email": "a@b.co",
                "name": "A", "phone": "+12125550100", "status": "pending",
                "type": "individual", "updated_at": "2024-01-01T00:00:00Z"
            }],
            "meta": {
                "api_request_id": "r", "api_request_timestamp": "2024-01-01T00:00:00Z",
                "max_page_size": 1000, "page_number": 5, "page_size": 1, "sort_by": "name",
                "sort_order": "asc", "total_items": 5, "total_pages": 5
            },
            "response_type": "array"
        })))
        .mount(&server)
        .await;
    Mock::given(query_param("page_number", "6"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [],
            "meta": {
                "api_request_id": "r", "api_request_timestamp": "2024-01-01T00:00:00Z",
                "max_page_size": 1000, "page_number": 6, "page_size": 1, "sort_by": "name",
                "sort_order": "asc", "total_items": 5, "total_pages": 5
            },
            "response_type": "array"
        })))
        .mount(&server)
        .await;

    let results: Vec<_> = client(&server)
        .customers()
        .list()
        .page_number(5)
        .status(vec![CustomerStatus::Pending])
        .into_stream()
        .collect()
        .await;

    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap().id, "cus_5");
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_string())
        .collect();
    // Page 5 of 5 is the last: page 6 is never asked for.
    assert_eq!(queries, ["page_number=5&status=pending"]);
}

// ---------------------------------------------------------------------------------------
// 12. Nullable request fields
// ---------------------------------------------------------------------------------------

fn update_params() -> CustomerUpdateParams {
    CustomerUpdateParams::new(CustomerUpdateParamsRequired {
        device: DeviceUnmaskedV1::new("192.168.1.1"),
        email: "ron.swanson@pawnee.com".into(),
        name: "Ron Swanson".into(),
        phone: "+12128675309".into(),
        status: CustomerStatus::Verified,
    })
}

#[tokio::test]
async fn nullable_fields_are_omitted_null_or_set() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v1/customers/cus_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_body("cus_1")))
        .mount(&server)
        .await;
    let client = client(&server);
    let customers = client.customers();

    customers.update("cus_1", update_params()).await.unwrap();
    customers
        .update("cus_1", update_params())
        .external_id(Nullable::Null)
        .await
        .unwrap();
    customers
        .update("cus_1", update_params())
        .external_id("ext-7")
        .await
        .unwrap();
    customers
        .update(
            "cus_1",
            update_params()
                .address(Nullable::Null)
                .metadata(Nullable::Null),
        )
        .await
        .unwrap();

    let bodies: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| {
            assert_eq!(header(r, "content-type"), Some("application/json"));
            String::from_utf8(r.body.clone()).unwrap()
        })
        .collect();
    let base = r#"{"device":{"ip_address":"192.168.1.1"},"email":"ron.swanson@pawnee.com","name":"Ron Swanson","phone":"+12128675309","status":"verified""#;
    assert_eq!(
        bodies,
        [
            format!("{base}}}"),
            format!(r#"{base},"external_id":null}}"#),
            format!(r#"{base},"external_id":"ext-7"}}"#),
            format!(r#"{base},"address":null,"metadata":null}}"#),
        ]
    );
}

#[tokio::test]
async fn per_call_timeout_and_max_retries_override_the_client() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/customers/slow"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(customer_body("slow"))
                .set_delay(Duration::from_secs(2)),
        )
        .mount(&server)
        .await;
    Mock::given(path("/v1/customers/broken"))
        .respond_with(quick_retry(500))
        .mount(&server)
        .await;
    // The client would wait long and retry twice; these calls ask for less.
    let client = client_with_retries(&server, 2);

    let err = client
        .customers()
        .get("slow")
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "GetCustomer: request timed out");

    let err = client
        .customers()
        .get("broken")
        .max_retries(0)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));

    let paths: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.path().to_string())
        .collect();
    assert_eq!(paths, ["/v1/customers/slow", "/v1/customers/broken"]);
}

#[tokio::test]
async fn debug_output_redacts_personal_data_and_payment_tokens() {
    let server = MockServer::start().await;
    let mut body = customer_body("cus_pii");
    body["data"]["compliance_profile"] = json!({ "dob": "1975-03-01", "ssn": "123-45-6789" });
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;

    let customer = client(&server).customers().get("cus_pii").await.unwrap();
    let shown = format!("{customer:?}");
    assert!(!shown.contains("123-45-6789"), "{shown}");
    assert!(!shown.contains("1975"), "{shown}");
    assert!(
        shown.contains(r#"dob: <redacted>, ssn: <redacted>"#),
        "{shown}"
    );
    // The values themselves are still there for code that needs them.
    match customer.data.compliance_profile {
        Some(customer_v1::ComplianceProfile::IndividualComplianceProfile(p)) => {
            assert_eq!(p.ssn.as_deref(), Some("123-45-6789"));
        }
        other => panic!("expected an individual profile, got {other:?}"),
    }
}
