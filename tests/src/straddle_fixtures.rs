//! JSON bodies the Straddle API sends, as its spec documents them, for tests against local
//! servers.

use serde_json::{Value, json};

/// The `meta` of a response.
pub fn meta() -> Value {
    json!({
        "api_request_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        "api_request_timestamp": "2019-12-27T18:11:19.117Z"
    })
}

/// A `CustomerV1` body as the API documents it (the spec's own example, with a given id).
pub fn customer_body(id: &str) -> Value {
    json!({
        "data": {
            "id": id,
            "created_at": "2019-12-27T18:11:19.117Z",
            "email": "ron.swanson@pawnee.com",
            "name": "Ron Swanson",
            "phone": "+12128675309",
            "status": "verified",
            "type": "individual",
            "updated_at": "2020-01-02T03:04:05Z",
            "address": {
                "address1": "123 Main St",
                "city": "Anytown",
                "state": "CA",
                "zip": "12345",
                "address2": "Apt 1"
            },
            "compliance_profile": { "dob": "1980-06-15", "ssn": "***-**-****" },
            "config": { "processing_method": "inline", "sandbox_outcome": "standard" },
            "device": { "ip_address": "192.168.1.1" },
            "external_id": "ext-42",
            "metadata": { "foo": "bar" }
        },
        "meta": meta(),
        "response_type": "object"
    })
}

/// The API's error envelope (`components/schemas/ErrorResponse`).
pub fn error_body(status: u16, type_: &str, title: &str, detail: &str) -> Value {
    json!({
        "meta": meta(),
        "response_type": "error",
        "error": {
            "status": status,
            "type": type_,
            "title": title,
            "detail": detail,
            "items": [{ "reference": "id", "detail": detail }]
        }
    })
}

/// One `PaymentSummaryPagedV1Data` item with every required field.
pub fn payment_item(id: &str, amount: i32) -> Value {
    json!({
        "id": id,
        "amount": amount,
        "created_at": "2024-05-01T10:00:00Z",
        "currency": "USD",
        "description": null,
        "external_id": format!("ext-{id}"),
        "funding_ids": ["fund_1"],
        "has_refund": false,
        "has_resubmit": false,
        "is_refund": false,
        "is_resubmit": false,
        "paykey": "pk_123",
        "payment_date": "2024-05-02",
        "payment_type": "charge",
        "status": "paid",
        "status_details": {
            "changed_at": "2024-05-02T00:00:00Z",
            "message": "Paid",
            "reason": "ok",
            "source": "system"
        },
        "trace_ids": {},
        "updated_at": "2024-05-02T00:00:00Z"
    })
}

/// A `PaymentSummaryPagedV1` page.
pub fn payments_page(page: i32, items: Vec<Value>) -> Value {
    json!({
        "data": items,
        "meta": {
            "api_request_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "api_request_timestamp": "2024-05-03T00:00:00Z",
            "max_page_size": 1000,
            "page_number": page,
            "page_size": 2,
            "sort_by": "created_at",
            "sort_order": "asc",
            "total_items": 3,
            "total_pages": 2
        },
        "response_type": "array"
    })
}

/// A `PayoutV1` body with an uploaded document.
pub fn payout_body(id: &str) -> Value {
    json!({
        "data": {
            "id": id,
            "amount": 10000,
            "config": { "sandbox_outcome": "standard" },
            "currency": "USD",
            "description": "Monthly payout",
            "device": { "ip_address": "192.168.1.1" },
            "external_id": "ext-payout",
            "funding_ids": [],
            "has_resubmit": false,
            "is_refund": false,
            "is_resubmit": false,
            "paykey": "pk_123",
            "payment_date": "2024-05-02",
            "status": "created",
            "status_details": {
                "changed_at": "2024-05-02T00:00:00Z",
                "message": "Created",
                "reason": "ok",
                "source": "system"
            },
            "status_history": [],
            "trace_ids": {},
            "documents": [{
                "document_id": "doc_1",
                "document_name": "auth.pdf",
                "document_size": 8,
                "document_type": "payment_authorization",
                "uploaded_at": "2024-05-02T00:00:00Z"
            }]
        },
        "meta": meta(),
        "response_type": "object"
    })
}
