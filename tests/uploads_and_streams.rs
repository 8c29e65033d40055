//! Files uploaded from a path, an async reader or a stream, and response bodies read as a
//! stream (`send_streaming`), against local servers: the exact bytes on the wire, and that a
//! streamed upload is sent once, never retried.

use bytes::Bytes;
use futures_util::StreamExt;
use sdk_tests::straddle_fixtures::payout_body;
use straddle::{Client, Error, FilePart};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer, retries: u32) -> Client {
    Client::builder()
        .api_key("sk_test_uploads_0123456789")
        .base_url(server.uri())
        .max_retries(retries)
        .build()
        .expect("client builds")
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

fn header<'a>(r: &'a Request, name: &str) -> Option<&'a str> {
    r.headers.get(name).and_then(|v| v.to_str().ok())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

async fn upload_server(status: u16) -> MockServer {
    let server = MockServer::start().await;
    let response = if status == 201 {
        ResponseTemplate::new(201).set_body_json(payout_body("po_1"))
    } else {
        ResponseTemplate::new(status)
    };
    Mock::given(method("POST"))
        .and(path("/v1/payouts/po_1/authorization"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_file_opened_from_a_path_is_streamed_with_its_name_and_length() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("authorization.pdf");
    let content = b"%PDF-1.4 streamed from disk".repeat(5000);
    std::fs::write(&file, &content).unwrap();
    let server = upload_server(201).await;

    let part = FilePart::open(&file)
        .await
        .unwrap()
        .content_type("application/pdf");
    assert_eq!(part.len(), Some(content.len() as u64));
    assert!(part.is_streamed());
    client(&server, 2)
        .payouts()
        .upload_authorization_document("po_1", part)
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let body = &requests[0].body;
    assert!(contains(
        body,
        br#"name="File"; filename="authorization.pdf""#
    ));
    assert!(contains(
        &body.to_ascii_lowercase(),
        b"content-type: application/pdf"
    ));
    assert!(contains(body, &content), "the whole file is in the body");
}

#[tokio::test]
async fn a_file_from_an_async_reader_or_a_stream_is_sent_whole() {
    let server = upload_server(201).await;
    let reader = std::io::Cursor::new(b"read from an AsyncRead".to_vec());
    client(&server, 0)
        .payouts()
        .upload_authorization_document(
            "po_1",
            FilePart::from_reader(reader, None).file_name("r.txt"),
        )
        .await
        .unwrap();
    let chunks = futures_util::stream::iter([
        Ok::<_, std::io::Error>(Bytes::from_static(b"chunk one, ")),
        Ok(Bytes::from_static(b"chunk two")),
    ]);
    client(&server, 0)
        .payouts()
        .upload_authorization_document(
            "po_1",
            FilePart::from_stream(chunks, Some(20)).file_name("s.txt"),
        )
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert!(contains(&requests[0].body, br#"filename="r.txt""#));
    assert!(contains(&requests[0].body, b"read from an AsyncRead"));
    assert!(contains(&requests[1].body, b"chunk one, chunk two"));
}

#[tokio::test]
async fn a_streamed_upload_is_not_retried() {
    let server = upload_server(503).await;
    let reader = std::io::Cursor::new(b"only once".to_vec());

    let err = client(&server, 3)
        .payouts()
        .upload_authorization_document("po_1", FilePart::from_reader(reader, Some(9)))
        .await
        .unwrap_err();

    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    // Three retries are allowed, but the stream was read by the first attempt.
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_file_in_memory_is_still_retried() {
    let server = upload_server(503).await;
    let _ = client(&server, 1)
        .payouts()
        .upload_authorization_document("po_1", FilePart::new(b"again".to_vec()))
        .max_retries(1)
        .await
        .unwrap_err();
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_raw_body_can_be_streamed_with_its_length() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let edge = edge_cases::Client::builder()
        .api_key("edge_test_key_0123456789")
        .base_url(server.uri())
        .build()
        .unwrap();
    let chunks = futures_util::stream::iter([
        Ok::<_, std::io::Error>(Bytes::from_static(b"\x89PNG")),
        Ok(Bytes::from_static(b"rest")),
    ]);

    edge.files()
        .replace_content(
            "f1",
            edge_cases::FilePart::from_stream(chunks, Some(8)).content_type("image/png"),
        )
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(header(&requests[0], "content-type"), Some("image/png"));
    assert_eq!(header(&requests[0], "content-length"), Some("8"));
    assert_eq!(requests[0].body, b"\x89PNGrest");
}

#[tokio::test]
async fn send_streaming_yields_the_body_as_it_arrives() {
    let server = MockServer::start().await;
    let body = b"0123456789".repeat(100_000);
    Mock::given(method("GET"))
        .and(path("/v1/customers/cus_1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&server)
        .await;

    let (mut stream, raw) = client(&server, 0)
        .customers()
        .get("cus_1")
        .send_streaming()
        .await
        .unwrap();

    assert_eq!(raw.status().as_u16(), 200);
    assert_eq!(raw.header("content-type"), Some("application/json"));
    let mut got = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = stream.next().await {
        got.extend_from_slice(&chunk.unwrap());
        chunks += 1;
    }
    assert_eq!(got, body);
    assert!(chunks >= 1);
}

#[tokio::test]
async fn send_streaming_of_an_error_status_is_the_api_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404).set_body_string("{\"error\":{\"detail\":\"gone\"}}"),
        )
        .mount(&server)
        .await;

    let err = client(&server, 0)
        .customers()
        .get("cus_1")
        .send_streaming()
        .await
        .map(|_| ())
        .unwrap_err();

    let Error::Api(api) = &err else {
        panic!("an API error, got {err:?}")
    };
    assert_eq!(api.status.as_u16(), 404);
}
