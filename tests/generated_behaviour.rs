//! Behaviour of the SDKs generated from the test specs (`tests/generated/edge-cases`, from the
//! deliberately nasty `tests/specs/edge-cases/openapi.yaml`, and `tests/generated/petstore`):
//! what a user of the generated crates observes. Types are checked by the exact JSON they
//! read and write; operations against local HTTP servers (wiremock on 127.0.0.1) by the exact
//! request on the wire and the value or error that comes back.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use chrono::{NaiveDate, TimeZone, Utc};
use edge_cases::types::{
    Address, AddressRequired, Assembly, BankTransfer, BankTransferRequired, Cafe, Card,
    CardRequired, CollidingNames, Destination, Discount, ExtendedWidget, FilesUploadBodyRequired,
    IdOrSlug, Job, KeywordBag, KeywordBagRequired, LabelStyle, Locker, NewOrder, NewOrderRequired,
    Order, OrderLineItem, OrderLineItemRequired, OrderShipping, Part, PaymentMethod, ResultType,
    Self_, Settings, StorePickup, StorePickupRequired, TreeNode, Type, Widget, WidgetCreate,
    WidgetStatus, WidgetsListType, WidgetsUpdateBody, bank_transfer, card, destination, job, order,
    order_shipping,
};
use edge_cases::{Client, Error, ErrorKind, FilePart, Nullable};
use futures_util::StreamExt;
use serde_json::{Value, json};
use wiremock::matchers::{any, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "edge_test_key_0123456789";

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Decodes `$json` (a `serde_json::Value`) as `$ty`, re-encodes it and asserts that the JSON
/// is unchanged; evaluates to the decoded value.
macro_rules! round_trip {
    ($ty:ty, $json:expr) => {{
        let json: Value = $json;
        let decoded: $ty = serde_json::from_value(json.clone())
            .unwrap_or_else(|e| panic!("{} does not decode {json}: {e}", stringify!($ty)));
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        assert_eq!(
            encoded,
            json,
            "{} did not round-trip (decoded as {decoded:?})",
            stringify!($ty)
        );
        decoded
    }};
}

/// Decodes a JSON text as `$ty`.
macro_rules! decode {
    ($ty:ty, $text:expr) => {{
        let text: &str = $text;
        serde_json::from_str::<$ty>(text)
            .unwrap_or_else(|e| panic!("{} does not decode {text}: {e}", stringify!($ty)))
    }};
}

/// An edge-cases client for `server` that never retries.
fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(API_KEY)
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .expect("client builds")
}

/// A server that answers every request with `response`.
async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
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

/// The only request `server` received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = received(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.pop().unwrap()
}

/// Asserts the request carries exactly one `Authorization: Bearer <API_KEY>` header.
fn assert_bearer(request: &Request) {
    assert_eq!(
        header(request, "authorization"),
        Some(format!("Bearer {API_KEY}").as_str())
    );
    assert_eq!(request.headers.get_all("authorization").iter().count(), 1);
}

fn body_text(request: &Request) -> &str {
    std::str::from_utf8(&request.body).expect("body is UTF-8")
}

/// A `Widget` as the server sends it, with every optional field set.
fn widget_json(id: &str) -> Value {
    json!({
        "id": id,
        "name": "Sprocket */ /* \"quoted\" \\ #1",
        "status": "active",
        "legacy_status": 10,
        "weight_kg": 1.25,
        "part_count": 3,
        "serial": 9_007_199_254_740_993_i64,
        "homepage": "https://example.com/w/1",
        "thumbnail": "iVBORw0KGgo=",
        "created_at": "2024-01-02T03:04:05Z",
        "released_on": "2023-12-31",
        "origin": { "name": "Café Zürich", "größe": 42.5, "naïve": true },
        "tags": ["red", "blue"]
    })
}

// ---------------------------------------------------------------------------------------
// 1. LabelStyle: enum values that are hard to turn into identifiers
// ---------------------------------------------------------------------------------------

const LABEL_STYLES: [(&str, LabelStyle); 7] = [
    ("1", LabelStyle::V1),
    ("a-b", LabelStyle::AB),
    ("", LabelStyle::Empty),
    ("ASC", LabelStyle::Asc),
    ("asc", LabelStyle::Asc2),
    ("with space", LabelStyle::WithSpace),
    ("UPPER_CASE", LabelStyle::UpperCase),
];

#[test]
fn every_label_style_value_has_its_own_variant_and_round_trips() {
    for (wire, variant) in LABEL_STYLES {
        let quoted = serde_json::to_string(wire).unwrap();
        let decoded: LabelStyle = decode!(LabelStyle, &quoted);
        assert_eq!(decoded, variant, "decoding {quoted}");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), quoted);
        assert_eq!(variant.as_str(), wire);
        assert_eq!(variant.to_string(), wire);
        assert_eq!(LabelStyle::from_str(wire), Ok(variant.clone()));
        assert_eq!(wire.parse::<LabelStyle>(), Ok(variant.clone()));
        assert_eq!(LabelStyle::from(wire), variant);
    }
    // Seven values, seven distinct variants (`ASC` and `asc` in particular stay apart).
    let distinct: BTreeSet<LabelStyle> = LABEL_STYLES.iter().map(|(_, v)| v.clone()).collect();
    assert_eq!(distinct.len(), 7);
    assert_ne!(LabelStyle::Asc, LabelStyle::Asc2);
    // `ALL` lists the spec's values in the spec's order.
    let all: Vec<&str> = LabelStyle::ALL.iter().map(LabelStyle::as_str).collect();
    assert_eq!(
        all,
        ["1", "a-b", "", "ASC", "asc", "with space", "UPPER_CASE"]
    );
}

#[test]
fn unknown_label_style_values_are_kept_and_sent_back_unchanged() {
    for wire in [
        "Asc",
        "aSc",
        "a_b",
        " 1",
        "with  space",
        "upper_case",
        "ünïcødé",
    ] {
        let quoted = serde_json::to_string(wire).unwrap();
        let decoded = decode!(LabelStyle, &quoted);
        assert_eq!(decoded, LabelStyle::Unknown(wire.to_string()), "{quoted}");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), quoted);
        assert_eq!(decoded.as_str(), wire);
        assert_eq!(decoded.to_string(), wire);
        assert_eq!(LabelStyle::from_str(wire), Ok(decoded.clone()));
    }
}

#[test]
fn label_style_refuses_json_that_is_not_a_string() {
    let err = serde_json::from_str::<LabelStyle>("1").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `1`, expected a string at line 1 column 1"
    );
    assert!(serde_json::from_str::<LabelStyle>("null").is_err());
}

#[test]
fn other_string_enums_keep_their_wire_values() {
    assert_eq!(
        decode!(WidgetsListType, r#""doo-hickey""#),
        WidgetsListType::DooHickey
    );
    assert_eq!(WidgetsListType::DooHickey.as_str(), "doo-hickey");
    assert_eq!(
        decode!(order_shipping::Speed, r#""same-day""#),
        order_shipping::Speed::SameDay
    );
    assert_eq!(
        serde_json::to_string(&order_shipping::Speed::SameDay).unwrap(),
        r#""same-day""#
    );
    assert_eq!(decode!(Type, r#""file""#), Type::File);
    assert_eq!(
        decode!(WidgetStatus, r#""retired""#),
        WidgetStatus::Unknown("retired".into())
    );
}

// ---------------------------------------------------------------------------------------
// 2. Unions: discriminator, nested oneOf, oneOf of primitives, anyOf
// ---------------------------------------------------------------------------------------

#[test]
fn payment_method_dispatches_on_its_kind_tag() {
    let card = round_trip!(
        PaymentMethod,
        json!({ "kind": "card", "last4": "4242", "exp_month": 12 })
    );
    assert_eq!(
        card,
        PaymentMethod::Card(
            Card::new(CardRequired {
                kind: card::Kind::Card,
                last4: "4242".into()
            })
            .exp_month(12)
        )
    );

    let bank = round_trip!(
        PaymentMethod,
        json!({ "kind": "bank_transfer", "iban": "DE89370400440532013000" })
    );
    assert_eq!(
        bank,
        PaymentMethod::BankTransfer(BankTransfer::new(BankTransferRequired {
            kind: bank_transfer::Kind::BankTransfer,
            iban: "DE89370400440532013000".into()
        }))
    );

    // The tag alone decides: a card-shaped body tagged `bank_transfer` is not a card.
    let err = serde_json::from_value::<PaymentMethod>(
        json!({ "kind": "bank_transfer", "last4": "4242" }),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "missing field `iban`");

    // Built in code, the variants serialize with their tag.
    let built: PaymentMethod = Card::new(CardRequired {
        kind: card::Kind::Card,
        last4: "0005".into(),
    })
    .into();
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r#"{"kind":"card","last4":"0005"}"#
    );
}

#[test]
fn payment_method_with_an_unknown_tag_is_kept_verbatim() {
    let text =
        r#"{"kind":"crypto","network":{"chain":"eth","fees":[1,2.5,null]},"wallet":"0xabc"}"#;
    let decoded = decode!(PaymentMethod, text);
    assert_eq!(
        decoded,
        PaymentMethod::Unknown(serde_json::from_str(text).unwrap())
    );
    assert_eq!(serde_json::to_string(&decoded).unwrap(), text);

    // No tag, or a tag that is not a string, is unknown too.
    for other in [
        json!({ "last4": "4242" }),
        json!({ "kind": 7, "last4": "4242" }),
        json!({ "kind": "CARD", "last4": "4242" }),
    ] {
        let decoded = round_trip!(PaymentMethod, other.clone());
        assert_eq!(decoded, PaymentMethod::Unknown(other));
    }
}

#[test]
fn payment_method_with_a_known_tag_and_a_bad_body_is_an_error() {
    let err = serde_json::from_str::<PaymentMethod>(r#"{"kind":"card"}"#).unwrap_err();
    assert_eq!(err.to_string(), "missing field `last4`");
}

#[test]
fn destination_decodes_each_alternative_of_the_nested_one_of() {
    let address = round_trip!(
        Destination,
        json!({ "line1": "1 Main St", "city": "Springfield", "country": "US" })
    );
    assert_eq!(
        address,
        Destination::Address(Address::new(AddressRequired {
            line1: "1 Main St".into(),
            city: "Springfield".into(),
            country: "US".into()
        }))
    );

    let locker = round_trip!(Destination, json!({ "locker_id": "LK-9" }));
    assert_eq!(
        locker,
        Destination::Variant2(destination::Variant2::Locker(Locker::new("LK-9")))
    );

    let pickup = round_trip!(
        Destination,
        json!({ "store_id": 9_007_199_254_740_993_i64, "pickup_date": "2024-02-29" })
    );
    assert_eq!(
        pickup,
        Destination::Variant2(destination::Variant2::StorePickup(StorePickup::new(
            StorePickupRequired {
                store_id: 9_007_199_254_740_993,
                pickup_date: NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
            }
        )))
    );

    // Built in code, through the `From` impls.
    let built: Destination = destination::Variant2::from(Locker::new("LK-1")).into();
    assert_eq!(
        serde_json::to_string(&built).unwrap(),
        r#"{"locker_id":"LK-1"}"#
    );
}

#[test]
fn destination_that_matches_no_alternative_round_trips() {
    for other in [
        json!({ "drone_pad": "DP-1" }),
        json!({ "store_id": 1 }),
        json!("somewhere"),
    ] {
        round_trip!(Destination, other);
    }
}

/// `Destination` documents that "values matching none are kept in [`Unknown`]"; a value that
/// is neither an `Address`, a `Locker` nor a `StorePickup` must be `Destination::Unknown`.
#[test]
fn destination_that_matches_no_alternative_is_destination_unknown() {
    let other = json!({ "drone_pad": "DP-1" });
    let decoded: Destination = serde_json::from_value(other.clone()).unwrap();
    assert_eq!(decoded, Destination::Unknown(other));
}

#[test]
fn id_or_slug_decodes_strings_and_integers() {
    assert_eq!(
        round_trip!(IdOrSlug, json!("blue-widget")),
        IdOrSlug::String("blue-widget".into())
    );
    // A numeric string stays a string.
    assert_eq!(
        round_trip!(IdOrSlug, json!("42")),
        IdOrSlug::String("42".into())
    );
    assert_eq!(round_trip!(IdOrSlug, json!(42)), IdOrSlug::Integer(42));
    assert_eq!(round_trip!(IdOrSlug, json!(-7)), IdOrSlug::Integer(-7));
    assert_eq!(
        round_trip!(IdOrSlug, json!(i64::MAX)),
        IdOrSlug::Integer(i64::MAX)
    );
    // Neither a string nor an int64: kept as JSON.
    assert_eq!(
        round_trip!(IdOrSlug, json!(1.5)),
        IdOrSlug::Unknown(json!(1.5))
    );
    assert_eq!(
        round_trip!(IdOrSlug, json!(true)),
        IdOrSlug::Unknown(json!(true))
    );
    assert_eq!(serde_json::to_string(&IdOrSlug::from(7_i64)).unwrap(), "7");
    assert_eq!(
        serde_json::to_string(&IdOrSlug::from("x".to_string())).unwrap(),
        r#""x""#
    );
}

#[test]
fn discount_decodes_each_any_of_member() {
    // anyOf of objects is one struct with every member's fields, all optional.
    assert_eq!(
        round_trip!(Discount, json!({ "percent_off": 12.5 })),
        Discount::new().percent_off(12.5)
    );
    assert_eq!(
        round_trip!(Discount, json!({ "amount_off": 500 })),
        Discount::new().amount_off(500)
    );
    assert_eq!(round_trip!(Discount, json!({})), Discount::new());
    assert!(serde_json::from_value::<Discount>(json!({ "percent_off": "ten" })).is_err());
}

/// `Discount` is an anyOf "(both may apply)": a discount with both a percentage and an amount
/// is valid and must not lose either half when it is decoded and sent back.
#[test]
fn discount_matching_both_any_of_members_keeps_both() {
    round_trip!(Discount, json!({ "amount_off": 500, "percent_off": 12.5 }));
}

// ---------------------------------------------------------------------------------------
// 3. Recursive schemas
// ---------------------------------------------------------------------------------------

#[test]
fn tree_node_three_levels_with_children_and_parent_round_trip() {
    let json = json!({
        "id": 1,
        "label": "root",
        "children": [
            {
                "id": 2,
                "label": "child",
                "children": [
                    {
                        "id": 3,
                        "label": "grandchild",
                        "children": [],
                        "parent": { "id": 2, "label": "child", "children": [] }
                    }
                ],
                "parent": { "id": 1, "label": "root", "children": [] }
            },
            { "id": 4, "label": "leaf", "children": [] }
        ]
    });
    let root = round_trip!(TreeNode, json);
    assert_eq!(root.id, 1);
    assert!(root.parent.is_none());
    assert_eq!(root.children.len(), 2);
    let child = &root.children[0];
    assert_eq!(child.label, "child");
    assert_eq!(child.parent.as_ref().unwrap().id, 1);
    let grandchild = &child.children[0];
    assert_eq!(grandchild.id, 3);
    assert_eq!(grandchild.label, "grandchild");
    assert!(grandchild.children.is_empty());
    assert_eq!(grandchild.parent.as_ref().unwrap().label, "child");
    assert_eq!(root.children[1].label, "leaf");
}

#[test]
fn part_and_assembly_mutual_recursion_round_trips() {
    let json = json!({
        "number": 1,
        "name": "gearbox",
        "sub_assembly": {
            "id": "asm-1",
            "parts": [
                {
                    "number": 2,
                    "name": "gear",
                    "sub_assembly": {
                        "id": "asm-2",
                        "parts": [{ "number": 3, "name": "tooth" }],
                        "primary_part": { "number": 3, "name": "tooth" }
                    }
                },
                { "number": 4, "name": "shaft" }
            ],
            "primary_part": { "number": 2, "name": "gear" }
        }
    });
    let part = round_trip!(Part, json);
    let asm: &Assembly = part.sub_assembly.as_deref().unwrap();
    assert_eq!(asm.id, "asm-1");
    assert_eq!(asm.parts.len(), 2);
    assert_eq!(asm.primary_part.as_ref().unwrap().name, "gear");
    let inner = asm.parts[0].sub_assembly.as_deref().unwrap();
    assert_eq!(inner.id, "asm-2");
    assert_eq!(inner.parts[0].name, "tooth");
    assert!(inner.parts[0].sub_assembly.is_none());
}

// ---------------------------------------------------------------------------------------
// 4. Names: keywords, non-ASCII, collisions
// ---------------------------------------------------------------------------------------

#[test]
fn keyword_bag_fields_travel_under_their_keyword_names() {
    let bag = KeywordBag::new(KeywordBagRequired {
        type_: "widget".into(),
        match_: "blue*".into(),
    })
    .self_("https://api.example.com/self")
    .crate_("serde")
    .async_(true)
    .ref_("main")
    .move_(3)
    .fn_("bm25")
    .impl_("default");
    let text = r#"{"type":"widget","match":"blue*","self":"https://api.example.com/self","crate":"serde","async":true,"ref":"main","move":3,"fn":"bm25","impl":"default"}"#;
    assert_eq!(serde_json::to_string(&bag).unwrap(), text);

    // Only the required ones set: nothing else is written.
    assert_eq!(
        serde_json::to_string(&KeywordBag::new(KeywordBagRequired {
            type_: "t".into(),
            match_: "m".into()
        }))
        .unwrap(),
        r#"{"type":"t","match":"m"}"#
    );
}

#[test]
fn a_type_only_ever_sent_is_not_decodable() {
    // `KeywordBag` is a request body alone: it has `Serialize` and no `Deserialize`, whose
    // code would be compiled for nothing. `Order`, also received, has both.
    fn decodable<T: serde::de::DeserializeOwned>() {}
    fn encodable<T: serde::Serialize>() {}
    encodable::<KeywordBag>();
    decodable::<Order>();
    encodable::<Order>();
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/generated/edge-cases/src/types/keyword_bag.rs"
    ))
    .unwrap();
    assert!(src.contains("serde::Serialize") && !src.contains("Deserialize"));
}

#[test]
fn result_and_self_keep_self_and_capital_self_apart() {
    let text =
        r#"{"type":"widget","score":0.5,"self":{"Self":"https://x/1","crate":"c","impl":"i"}}"#;
    let result = decode!(ResultType, text);
    assert_eq!(result.type_, Type::Widget);
    assert_eq!(result.score, 0.5);
    let self_ = result.self_.as_ref().unwrap();
    assert_eq!(self_.self_.as_deref(), Some("https://x/1"));
    assert_eq!(self_.crate_.as_deref(), Some("c"));
    assert_eq!(self_.impl_.as_deref(), Some("i"));
    assert_eq!(serde_json::to_string(&result).unwrap(), text);

    // In `Self`, the property is `Self`; a lowercase `self` is some other (unknown) property.
    let lower = decode!(Self_, r#"{"self":"lower"}"#);
    assert_eq!(lower.self_, None);
    assert_eq!(lower.extra_fields.get("self"), Some(&json!("lower")));
    assert_eq!(
        serde_json::to_string(&decode!(Self_, r#"{"Self":"upper"}"#)).unwrap(),
        r#"{"Self":"upper"}"#
    );
}

#[test]
fn cafe_keeps_its_non_ascii_property_names() {
    let cafe = Cafe::new("Café Zürich").grosse(42.5).naive(true);
    let text = r#"{"name":"Café Zürich","größe":42.5,"naïve":true}"#;
    assert_eq!(serde_json::to_string(&cafe).unwrap(), text);
    assert_eq!(decode!(Cafe, text), cafe);
    // The ASCII spellings are not the wire names: they are fields the SDK does not know.
    let ascii = decode!(Cafe, r#"{"name":"x","grosse":1.0,"naive":false}"#);
    assert_eq!((ascii.grosse, ascii.naive), (None, None));
    let unknown: Vec<&str> = ascii.extra_fields.iter().map(|(k, _)| k).collect();
    assert_eq!(unknown, ["grosse", "naive"]);
}

#[test]
fn colliding_names_are_three_distinct_fields() {
    let text = r#"{"fooBar":"camel","foo_bar":"snake","foo-bar":7}"#;
    let names = decode!(CollidingNames, text);
    assert_eq!(names.foo_bar.as_deref(), Some("camel"));
    assert_eq!(names.foo_bar_2.as_deref(), Some("snake"));
    assert_eq!(names.foo_bar_3, Some(7));
    assert_eq!(serde_json::to_string(&names).unwrap(), text);
    assert_eq!(
        CollidingNames::new()
            .foo_bar("camel")
            .foo_bar_2("snake")
            .foo_bar_3(7),
        names
    );

    // Each spelling fills its own field only.
    assert_eq!(
        decode!(CollidingNames, r#"{"fooBar":"a"}"#),
        CollidingNames::new().foo_bar("a")
    );
    assert_eq!(
        decode!(CollidingNames, r#"{"foo_bar":"b"}"#),
        CollidingNames::new().foo_bar_2("b")
    );
    assert_eq!(
        decode!(CollidingNames, r#"{"foo-bar":-1}"#),
        CollidingNames::new().foo_bar_3(-1)
    );
}

// ---------------------------------------------------------------------------------------
// 5. allOf
// ---------------------------------------------------------------------------------------

#[test]
fn extended_widget_has_the_fields_of_every_all_of_member() {
    let mut json = widget_json("w-1");
    json["extra"] = json!("handle with care");
    json["warranty_months"] = json!(24);
    let ext = round_trip!(ExtendedWidget, json);
    // From `Widget`:
    assert_eq!(ext.id, "w-1");
    assert_eq!(ext.status, WidgetStatus::Active);
    assert_eq!(ext.legacy_status, Some(10));
    assert_eq!(ext.serial, Some(9_007_199_254_740_993));
    assert_eq!(
        ext.created_at,
        Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap()
    );
    assert_eq!(ext.origin.as_ref().unwrap().grosse, Some(42.5));
    // From the two inline members:
    assert_eq!(ext.extra, "handle with care");
    assert_eq!(ext.warranty_months, Some(24));

    // `extra` is required by the second member.
    let err = serde_json::from_value::<ExtendedWidget>(widget_json("w-1")).unwrap_err();
    assert_eq!(err.to_string(), "missing field `extra`");
}

fn order_json() -> Value {
    json!({
        "customer_email": "a@example.com",
        "line_items": [
            { "widget": "blue-widget", "quantity": 2, "unit_price": 9.99 },
            { "widget": 42, "quantity": 1 }
        ],
        "shipping": { "speed": "same-day", "contact": { "name": "Ann", "phone": "+1 555" } },
        "destination": { "store_id": 7, "pickup_date": "2024-03-01" },
        "payment_method": { "kind": "card", "last4": "4242" },
        "discount": { "amount_off": 500 },
        "gift_widget": widget_json("gift-1"),
        "delivery_date": "2024-03-02",
        "id": "0b9e2c4e-7a47-4c8e-9d4e-0f2d2b9a1c11",
        "status": "paid",
        "placed_at": "2024-03-01T10:00:00Z",
        "total": 24.97
    })
}

#[test]
fn order_has_the_fields_of_new_order_and_of_its_inline_member() {
    let order = round_trip!(Order, order_json());
    // From `NewOrder`:
    assert_eq!(order.customer_email, "a@example.com");
    assert_eq!(
        order.line_items[0].widget,
        IdOrSlug::String("blue-widget".into())
    );
    assert_eq!(order.line_items[0].unit_price, Some(9.99));
    assert_eq!(order.line_items[1].widget, IdOrSlug::Integer(42));
    let shipping = order.shipping.as_ref().unwrap();
    assert_eq!(shipping.speed, Some(order_shipping::Speed::SameDay));
    assert_eq!(
        shipping.contact.as_ref().unwrap().phone.as_deref(),
        Some("+1 555")
    );
    assert!(matches!(
        order.destination,
        Destination::Variant2(destination::Variant2::StorePickup(ref s)) if s.store_id == 7
    ));
    assert!(matches!(order.payment_method, PaymentMethod::Card(ref c) if c.last4 == "4242"));
    assert_eq!(order.discount, Some(Discount::new().amount_off(500)));
    assert_eq!(order.gift_widget.as_ref().unwrap().id, "gift-1");
    assert_eq!(order.delivery_date, NaiveDate::from_ymd_opt(2024, 3, 2));
    // From the inline member:
    assert_eq!(order.id, "0b9e2c4e-7a47-4c8e-9d4e-0f2d2b9a1c11");
    assert_eq!(order.status, order::Status::Paid);
    assert_eq!(
        order.placed_at,
        Utc.with_ymd_and_hms(2024, 3, 1, 10, 0, 0).unwrap()
    );
    assert_eq!(order.total, Some(24.97));

    // In a request body, the nullable gift widget keeps omitted, `null` and a value apart.
    let mut json = order_json();
    for key in ["id", "status", "placed_at", "total"] {
        json.as_object_mut().unwrap().remove(key);
    }
    let part = |key: &str| json[key].clone();
    let new_order = NewOrder::new(NewOrderRequired {
        customer_email: "a@example.com".into(),
        line_items: serde_json::from_value(part("line_items")).unwrap(),
        destination: serde_json::from_value(part("destination")).unwrap(),
        payment_method: serde_json::from_value(part("payment_method")).unwrap(),
    })
    .shipping(serde_json::from_value(part("shipping")).unwrap())
    .discount(Discount::new().amount_off(500))
    .delivery_date(NaiveDate::from_ymd_opt(2024, 3, 2).unwrap());
    let with_gift = new_order
        .clone()
        .gift_widget(serde_json::from_value::<Widget>(part("gift_widget")).unwrap());
    assert_eq!(serde_json::to_value(&with_gift).unwrap(), json);
    json["gift_widget"] = Value::Null;
    let null_gift = new_order.clone().gift_widget(Nullable::Null);
    assert_eq!(serde_json::to_value(&null_gift).unwrap(), json);
    json.as_object_mut().unwrap().remove("gift_widget");
    assert_eq!(serde_json::to_value(&new_order).unwrap(), json);

    // A `null` gift widget in a response decodes as none.
    let mut json = order_json();
    json["gift_widget"] = Value::Null;
    let order: Order = serde_json::from_value(json).unwrap();
    assert_eq!(order.gift_widget, None);
}

// ---------------------------------------------------------------------------------------
// 6. Nullable fields, formats
// ---------------------------------------------------------------------------------------

#[test]
fn widget_create_sends_required_nullable_as_null_and_optional_nullable_only_when_set() {
    // Required + nullable: always present, `null` until set.
    assert_eq!(
        serde_json::to_string(&WidgetCreate::new("w")).unwrap(),
        r#"{"name":"w","description":null}"#
    );
    assert_eq!(
        serde_json::to_string(&WidgetCreate::new("w").description("d")).unwrap(),
        r#"{"name":"w","description":"d"}"#
    );
    // Optional + nullable: omitted when unset, `null` when `Nullable::Null`, else the value.
    assert_eq!(
        serde_json::to_string(
            &WidgetCreate::new("w")
                .color(Nullable::Null)
                .weight_kg(Nullable::Null)
        )
        .unwrap(),
        r#"{"name":"w","description":null,"color":null,"weight_kg":null}"#
    );
    assert_eq!(
        serde_json::to_string(
            &WidgetCreate::new("w")
                .color("red")
                .weight_kg(2.5)
                .type_(Type::Order)
        )
        .unwrap(),
        r#"{"name":"w","description":null,"color":"red","weight_kg":2.5,"type":"order"}"#
    );
}

#[test]
fn widget_decodes_every_format() {
    let widget = round_trip!(Widget, widget_json("3f0e8f47-1c55-4c2b-9b8a-2f1f0d5f1e01"));
    assert_eq!(widget.name, "Sprocket */ /* \"quoted\" \\ #1");
    assert_eq!(widget.weight_kg, Some(1.25));
    assert_eq!(widget.part_count, Some(3));
    // int64 beyond 2^53 is exact.
    assert_eq!(widget.serial, Some(9_007_199_254_740_993));
    assert_eq!(widget.homepage.as_deref(), Some("https://example.com/w/1"));
    assert_eq!(widget.thumbnail.as_deref(), Some("iVBORw0KGgo="));
    assert_eq!(widget.released_on, NaiveDate::from_ymd_opt(2023, 12, 31));
    assert_eq!(
        widget.tags.as_deref(),
        Some(&["red".to_string(), "blue".to_string()][..])
    );

    // A date-time with an offset is the same instant in UTC.
    let mut json = widget_json("w");
    json["created_at"] = json!("2024-01-02T05:04:05.250+02:00");
    let widget: Widget = serde_json::from_value(json).unwrap();
    assert_eq!(
        widget.created_at,
        Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap() + chrono::Duration::milliseconds(250)
    );
    assert_eq!(
        serde_json::to_value(&widget).unwrap()["created_at"],
        json!("2024-01-02T03:04:05.250Z")
    );
}

// ---------------------------------------------------------------------------------------
// 7. Maps and forward compatibility
// ---------------------------------------------------------------------------------------

#[test]
fn settings_maps_round_trip() {
    let json = json!({
        "labels": { "env": "prod", "": "empty key", "ключ": "значение" },
        "metadata": {
            "n": 1,
            "f": 1.5,
            "s": "x",
            "b": false,
            "nil": null,
            "list": [1, "two", { "three": 3 }],
            "obj": { "deep": { "deeper": [] } }
        },
        "extensions": { "x-anything": { "a": 1 } },
        "names": { "fooBar": "a", "foo_bar": "b", "foo-bar": 3 }
    });
    let settings = round_trip!(Settings, json);
    let labels = settings.labels.as_ref().unwrap();
    assert_eq!(labels["env"], "prod");
    assert_eq!(labels[""], "empty key");
    assert_eq!(labels["ключ"], "значение");
    let metadata = settings.metadata.as_ref().unwrap();
    assert_eq!(metadata["nil"], Value::Null);
    assert_eq!(metadata["obj"], json!({ "deep": { "deeper": [] } }));
    assert_eq!(
        settings.extensions.as_ref().unwrap()["x-anything"],
        json!({ "a": 1 })
    );
    assert_eq!(
        settings.names,
        Some(
            CollidingNames::new()
                .foo_bar("a")
                .foo_bar_2("b")
                .foo_bar_3(3)
        )
    );

    // An empty settings object stays empty.
    round_trip!(Settings, json!({}));
    // `labels` holds strings only.
    let err = serde_json::from_value::<Settings>(json!({ "labels": { "n": 1 } })).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `1`, expected a string"
    );
}

#[test]
fn unknown_properties_of_responses_are_kept_and_written_back() {
    // `Settings` has no `additionalProperties`: a property from a newer API version lands in
    // `extra_fields`, readable, and is written back; the free-form `metadata` keeps its own.
    let wire = json!({
        "labels": { "a": "b" },
        "metadata": { "new_key": [1] },
        "added_in_v2": { "x": 1 }
    });
    let settings: Settings = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(
        settings.extra_fields.get("added_in_v2"),
        Some(&json!({ "x": 1 }))
    );
    assert_eq!(settings.extra_fields.len(), 1);
    assert_eq!(serde_json::to_value(&settings).unwrap(), wire);

    // Nested objects keep theirs too, and `Debug` shows their names only.
    let mut json = widget_json("w");
    json["added_in_v2"] = json!(true);
    json["origin"]["stars"] = json!(5);
    let widget: Widget = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(
        widget.extra_fields.get_as::<bool>("added_in_v2"),
        Some(true)
    );
    assert_eq!(serde_json::to_value(&widget).unwrap(), json);
    assert!(format!("{widget:?}").contains(r#"extra_fields: {"added_in_v2"}"#));

    // Inside a union variant too.
    let PaymentMethod::Card(card) = decode!(
        PaymentMethod,
        r#"{"kind":"card","last4":"1","brand":"visa"}"#
    ) else {
        panic!("a card")
    };
    assert_eq!(
        (card.last4.as_str(), card.extra_fields.get("brand")),
        ("1", Some(&json!("visa")))
    );
    let destination = decode!(Destination, r#"{"locker_id":"L","floor":2}"#);
    let Destination::Variant2(destination::Variant2::Locker(locker)) = destination else {
        panic!("a locker")
    };
    assert_eq!(locker.extra_fields.get_as::<i64>("floor"), Some(2));
}

// ---------------------------------------------------------------------------------------
// 8. Operations over HTTP (edge-cases)
// ---------------------------------------------------------------------------------------

fn widget_list_json() -> Value {
    json!({
        "items": [widget_json("w-1"), widget_json("w-2")],
        "page": 2,
        "per_page": 50,
        "total_count": 102
    })
}

#[tokio::test]
async fn widgets_list_encodes_every_query_param_exactly() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(widget_list_json())).await;

    let list = client(&server)
        .widgets()
        .list()
        .page(2)
        .per_page(50)
        .tags(vec!["red".into(), "blue green".into()])
        .ids(vec!["id-1".into(), "id-2".into()])
        .include_archived(true)
        .updated_since(Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap())
        .type_(WidgetsListType::DooHickey)
        .x_request_id("req-123")
        .await
        .expect("list succeeds");
    assert_eq!(list.page, 2);
    assert_eq!(list.per_page, 50);
    assert_eq!(list.total_count, Some(102));
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[1].id, "w-2");
    assert_eq!(list.items[0].legacy_status, Some(10));

    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "GET");
    assert_eq!(r.url.path(), "/widgets");
    assert_eq!(
        r.url.query(),
        Some(
            "page=2&per_page=50&tags=red,blue%20green&ids=id-1&ids=id-2&include_archived=true\
             &updated_since=2024-01-02T03%3A04%3A05Z&type=doo-hickey"
        )
    );
    assert_eq!(header(&r, "x-request-id"), Some("req-123"));
    assert_bearer(&r);
    assert!(r.body.is_empty());
    assert_eq!(header(&r, "content-type"), None);
}

#[tokio::test]
async fn widgets_list_without_params_sends_no_query() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_json(json!({ "items": [], "page": 1, "per_page": 20 })),
    )
    .await;
    let list = client(&server).widgets().list().await.unwrap();
    assert!(list.items.is_empty());
    assert_eq!(list.total_count, None);
    let r = only_request(&server).await;
    assert_eq!(r.url.query(), None);
    assert_eq!(header(&r, "x-request-id"), None);
    assert_bearer(&r);
}

#[tokio::test]
async fn widgets_list_stream_walks_pages_until_an_empty_one() {
    let server = MockServer::start().await;
    for (page, ids) in [("2", vec!["a", "b"]), ("3", vec!["c"]), ("4", vec![])] {
        let items: Vec<Value> = ids.into_iter().map(widget_json).collect();
        Mock::given(method("GET"))
            .and(path("/widgets"))
            .and(query_param("page", page))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": items, "page": page.parse::<i32>().unwrap(), "per_page": 2
            })))
            .mount(&server)
            .await;
    }
    let widgets: Vec<Widget> = client(&server)
        .widgets()
        .list()
        .page(2)
        .per_page(2)
        .tags(vec!["x".into()])
        .into_stream()
        .map(|w| w.expect("page decodes"))
        .collect()
        .await;
    let ids: Vec<&str> = widgets.iter().map(|w| w.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let queries: Vec<String> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        queries,
        [
            "page=2&per_page=2&tags=x",
            "page=3&per_page=2&tags=x",
            "page=4&per_page=2&tags=x"
        ]
    );
}

/// `tags` is `style: form, explode: false`: the comma separates items, so a comma inside an
/// item must be percent-encoded (RFC 6570 form expansion), or `["a,b", "c"]` and
/// `["a", "b", "c"]` look the same to the server.
#[tokio::test]
async fn widgets_list_escapes_a_comma_inside_a_comma_separated_item() {
    let server =
        server_answering(ResponseTemplate::new(200).set_body_json(widget_list_json())).await;
    client(&server)
        .widgets()
        .list()
        .tags(vec!["a,b".into(), "c".into()])
        .await
        .unwrap();
    let r = only_request(&server).await;
    assert_eq!(r.url.query(), Some("tags=a%2Cb,c"));
}

#[tokio::test]
async fn widgets_create_sends_nullable_fields_exactly() {
    let server =
        server_answering(ResponseTemplate::new(201).set_body_json(widget_json("new"))).await;
    let client = client(&server);

    let widget = client
        .widgets()
        .create("Sprocket")
        .color(Nullable::Null)
        .type_(Type::Widget)
        .idempotency_key("idem-key-0001")
        .await
        .unwrap();
    assert_eq!(widget.id, "new");

    client
        .widgets()
        .create("Cog")
        .description("small")
        .color("red")
        .weight_kg(0.5)
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let (first, second) = (&requests[0], &requests[1]);
    assert_eq!(first.method.as_str(), "POST");
    assert_eq!(first.url.path(), "/widgets");
    assert_eq!(header(first, "content-type"), Some("application/json"));
    assert_eq!(header(first, "idempotency-key"), Some("idem-key-0001"));
    assert_bearer(first);
    assert_eq!(
        body_text(first),
        r#"{"name":"Sprocket","description":null,"color":null,"type":"widget"}"#
    );
    assert_eq!(header(second, "idempotency-key"), None);
    assert_eq!(
        body_text(second),
        r#"{"name":"Cog","description":"small","color":"red","weight_kg":0.5}"#
    );
}

#[tokio::test]
async fn widgets_update_sends_only_what_was_set() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({
        "widget": widget_json("w 1"),
        "changed_fields": ["color"]
    })))
    .await;
    let client = client(&server);

    let updated = client
        .widgets()
        .update("w 1")
        .color(Nullable::Null)
        .await
        .unwrap();
    assert_eq!(updated.changed_fields, ["color"]);
    assert_eq!(updated.widget.id, "w 1");
    client.widgets().update("w 1").await.unwrap();
    client
        .widgets()
        .update("w 1")
        .name("n")
        .color("blue")
        .tags(vec![])
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    for r in &requests {
        assert_eq!(r.method.as_str(), "PATCH");
        assert_eq!(r.url.path(), "/widgets/w%201");
        assert_bearer(r);
    }
    assert_eq!(body_text(&requests[0]), r#"{"color":null}"#);
    assert_eq!(body_text(&requests[1]), "{}");
    assert_eq!(
        body_text(&requests[2]),
        r#"{"name":"n","color":"blue","tags":[]}"#
    );
    assert_eq!(
        serde_json::to_string(&WidgetsUpdateBody::new().color(Nullable::Null)).unwrap(),
        body_text(&requests[0])
    );
}

#[tokio::test]
async fn widgets_get_decodes_the_all_of_response() {
    let mut body = widget_json("w-9");
    body["extra"] = json!("x");
    let server = server_answering(ResponseTemplate::new(200).set_body_json(body)).await;
    let ext = client(&server).widgets().get("w-9").await.unwrap();
    assert_eq!(ext.id, "w-9");
    assert_eq!(ext.extra, "x");
    assert_eq!(ext.warranty_months, None);
    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "GET");
    assert_eq!(r.url.path(), "/widgets/w-9");
    assert_bearer(&r);
}

#[tokio::test]
async fn widgets_label_sends_every_label_style_and_decodes_the_json_alternative() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/widgets/w1/label"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"text":"SPROCKET","width_mm":62.5}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    for (_, style) in LABEL_STYLES {
        let label = client.widgets().label("w1").style(style).await.unwrap();
        assert_eq!(label.text, "SPROCKET");
        assert_eq!(label.width_mm, Some(62.5));
    }
    client
        .widgets()
        .label("w1")
        .style(LabelStyle::Unknown("new&style".into()))
        .await
        .unwrap();
    client.widgets().label("w1").await.unwrap();

    let queries: Vec<Option<String>> = received(&server)
        .await
        .iter()
        .map(|r| r.url.query().map(str::to_string))
        .collect();
    let expected: Vec<Option<String>> = [
        Some("style=1"),
        Some("style=a-b"),
        Some("style="),
        Some("style=ASC"),
        Some("style=asc"),
        Some("style=with%20space"),
        Some("style=UPPER_CASE"),
        Some("style=new%26style"),
        None,
    ]
    .into_iter()
    .map(|q| q.map(str::to_string))
    .collect();
    assert_eq!(queries, expected);
}

#[tokio::test]
async fn widgets_delete_204_returns_unit() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let ((), raw) = client(&server)
        .widgets()
        .delete("w-1")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 204);
    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "DELETE");
    assert_eq!(r.url.path(), "/widgets/w-1");
    assert!(r.body.is_empty());
    assert_bearer(&r);
}

#[tokio::test]
async fn orders_cancel_202_without_content_returns_unit() {
    let server = server_answering(ResponseTemplate::new(202)).await;
    let () = client(&server)
        .orders()
        .cancel("0b9e2c4e-7a47-4c8e-9d4e-0f2d2b9a1c11")
        .await
        .unwrap();
    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "POST");
    assert_eq!(
        r.url.path(),
        "/orders/0b9e2c4e-7a47-4c8e-9d4e-0f2d2b9a1c11/cancel"
    );
    assert!(r.body.is_empty());
    assert_bearer(&r);
}

#[tokio::test]
async fn integer_path_params_are_formatted_as_integers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/widgets/w%2F1/parts/2147483647"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "number": 7, "name": "bolt" })),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/trees/9223372036854775807"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": i64::MAX, "label": "root",
            "children": [{ "id": 2, "label": "kid", "children": [] }]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/trees/-5"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "id": -5, "label": "neg", "children": [] })),
        )
        .mount(&server)
        .await;
    let client = client(&server);

    let part = client.widgets().parts().get("w/1", i32::MAX).await.unwrap();
    assert_eq!(part.number, 7);
    assert_eq!(part.name, "bolt");
    let tree = client.trees().get(i64::MAX).depth(3).await.unwrap();
    assert_eq!(tree.id, i64::MAX);
    assert_eq!(tree.children[0].label, "kid");
    let tree = client.trees().get(-5).await.unwrap();
    assert_eq!(tree.label, "neg");

    let requests = received(&server).await;
    let urls: Vec<(String, Option<String>)> = requests
        .iter()
        .map(|r| (r.url.path().to_string(), r.url.query().map(str::to_string)))
        .collect();
    assert_eq!(
        urls,
        [
            ("/widgets/w%2F1/parts/2147483647".to_string(), None),
            (
                "/trees/9223372036854775807".to_string(),
                Some("depth=3".to_string())
            ),
            ("/trees/-5".to_string(), None),
        ]
    );
    requests.iter().for_each(assert_bearer);
}

#[tokio::test]
async fn files_upload_sends_multipart_form_data() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(json!({
        "id": "file_1",
        "filename": "photo.png",
        "size_bytes": 6,
        "purpose": "widget_photo",
        "created_at": "2024-01-02T03:04:05Z"
    })))
    .await;
    let client = client(&server);
    let png: &[u8] = b"\x89PNG\r\n";

    let file = client
        .files()
        .upload(FilesUploadBodyRequired {
            file: FilePart::new(png.to_vec())
                .file_name("photo.png")
                .content_type("image/png"),
            purpose: "widget_photo".into(),
        })
        .await
        .unwrap();
    assert_eq!(file.id, "file_1");
    assert_eq!(file.size_bytes, 6);
    assert_eq!(
        file.created_at,
        Some(Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap())
    );

    client
        .files()
        .upload(FilesUploadBodyRequired {
            file: FilePart::new(b"%PDF".to_vec()).file_name("a.pdf"),
            purpose: "docs".into(),
        })
        .description("Ünïcode description")
        .await
        .unwrap();

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);

    // Without the optional description: the file and the purpose, nothing else.
    let r = &requests[0];
    assert_eq!(r.method.as_str(), "POST");
    assert_eq!(r.url.path(), "/files");
    assert_bearer(r);
    let content_type = header(r, "content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let parts = multipart_parts(content_type, &r.body);
    assert_eq!(parts.len(), 2, "{parts:?}");
    let (headers, content) = &parts[0];
    assert_eq!(
        part_header(headers, "content-disposition").as_deref(),
        Some(r#"form-data; name="file"; filename="photo.png""#)
    );
    assert_eq!(
        part_header(headers, "content-type").as_deref(),
        Some("image/png")
    );
    assert_eq!(content.as_slice(), png);
    let (headers, content) = &parts[1];
    assert_eq!(
        part_header(headers, "content-disposition").as_deref(),
        Some(r#"form-data; name="purpose""#)
    );
    assert_eq!(content.as_slice(), b"widget_photo");
    assert!(!String::from_utf8_lossy(&r.body).contains("name=\"description\""));

    // With it: a third text part; a file without a content type goes as octet-stream.
    let r = &requests[1];
    let parts = multipart_parts(header(r, "content-type").unwrap(), &r.body);
    assert_eq!(parts.len(), 3);
    assert_eq!(
        part_header(&parts[0].0, "content-disposition").as_deref(),
        Some(r#"form-data; name="file"; filename="a.pdf""#)
    );
    assert_eq!(
        part_header(&parts[0].0, "content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(parts[0].1, b"%PDF");
    assert_eq!(parts[1].1, b"docs");
    assert_eq!(
        part_header(&parts[2].0, "content-disposition").as_deref(),
        Some(r#"form-data; name="description""#)
    );
    assert_eq!(parts[2].1, "Ünïcode description".as_bytes());
}

#[tokio::test]
async fn files_download_returns_the_exact_bytes() {
    let bytes: Vec<u8> = (0..=255u8).chain([0, 0xff, b'\r', b'\n']).collect();
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"),
    )
    .await;
    let (downloaded, raw) = client(&server)
        .files()
        .download("file 1")
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(&downloaded[..], &bytes[..]);
    assert_eq!(raw.header("content-type"), Some("application/octet-stream"));
    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "GET");
    assert_eq!(r.url.path(), "/files/file%201/content");
    assert_bearer(&r);
}

#[tokio::test]
async fn search_match_keeps_keyword_query_params_and_keyword_body_fields_apart() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!([
        { "type": "widget", "score": 0.75, "self": { "Self": "https://x/w/1" } },
        { "type": "hologram", "score": 0.25 }
    ])))
    .await;

    let results = client(&server)
        .search()
        .match_(
            KeywordBag::new(KeywordBagRequired {
                type_: "widget".into(),
                match_: "blue*".into(),
            })
            .ref_("body-ref")
            .async_(false)
            .move_(1)
            .fn_("body-fn"),
        )
        .ref_("refs/heads/main")
        .move_(10_000_000_000)
        .fn_("bm25")
        .async_(true)
        .self_("https://x/search")
        .crate_("serde")
        .impl_("i")
        .await
        .unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].type_, Type::Widget);
    assert_eq!(
        results[0].self_.as_ref().unwrap().self_.as_deref(),
        Some("https://x/w/1")
    );
    assert_eq!(results[1].type_, Type::Unknown("hologram".into()));
    let ResultType {
        type_,
        score,
        self_,
        ..
    } = &results[1];
    assert_eq!(
        (type_, *score, self_),
        (&Type::Unknown("hologram".into()), 0.25, &None)
    );

    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "POST");
    assert_eq!(r.url.path(), "/search");
    assert_eq!(
        r.url.query(),
        Some("ref=refs%2Fheads%2Fmain&move=10000000000&fn=bm25&async=true")
    );
    assert_eq!(
        body_text(&r),
        r#"{"type":"widget","match":"blue*","self":"https://x/search","crate":"serde","async":false,"ref":"body-ref","move":1,"fn":"body-fn","impl":"i"}"#
    );
    assert_bearer(&r);
}

#[tokio::test]
async fn orders_create_sends_unions_and_nullables_exactly() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(order_json())).await;
    let new_order = NewOrder::new(NewOrderRequired {
        customer_email: "a@example.com".into(),
        line_items: vec![
            OrderLineItem::new(OrderLineItemRequired {
                widget: IdOrSlug::String("blue-widget".into()),
                quantity: 2,
            })
            .unit_price(9.99),
            OrderLineItem::new(OrderLineItemRequired {
                widget: IdOrSlug::Integer(42),
                quantity: 1,
            }),
        ],
        destination: Destination::Variant2(destination::Variant2::Locker(Locker::new("LK-9"))),
        payment_method: PaymentMethod::BankTransfer(BankTransfer::new(BankTransferRequired {
            kind: bank_transfer::Kind::BankTransfer,
            iban: "DE89".into(),
        })),
    });

    let order = client(&server)
        .orders()
        .create(new_order)
        .shipping(
            OrderShipping::new()
                .speed(order_shipping::Speed::SameDay)
                .contact(order_shipping::Contact::new().name("Ann")),
        )
        .discount(Discount::new().percent_off(12.5))
        .gift_widget(Nullable::Null)
        .delivery_date(NaiveDate::from_ymd_opt(2024, 3, 2).unwrap())
        .idempotency_key("order-key-0001")
        .await
        .unwrap();
    assert_eq!(order.status, order::Status::Paid);
    assert_eq!(order.line_items[1].widget, IdOrSlug::Integer(42));

    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "POST");
    assert_eq!(r.url.path(), "/orders");
    assert_eq!(header(&r, "idempotency-key"), Some("order-key-0001"));
    assert_bearer(&r);
    assert_eq!(
        body_text(&r),
        concat!(
            r#"{"customer_email":"a@example.com","#,
            r#""line_items":[{"widget":"blue-widget","quantity":2,"unit_price":9.99},{"widget":42,"quantity":1}],"#,
            r#""shipping":{"speed":"same-day","contact":{"name":"Ann"}},"#,
            r#""destination":{"locker_id":"LK-9"},"#,
            r#""payment_method":{"kind":"bank_transfer","iban":"DE89"},"#,
            r#""discount":{"percent_off":12.5},"#,
            r#""gift_widget":null,"#,
            r#""delivery_date":"2024-03-02"}"#
        )
    );
}

#[tokio::test]
async fn settings_replace_sends_and_decodes_maps() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!({
        "labels": { "env": "prod" },
        "metadata": { "k": [1, { "x": null }] },
        "extensions": {},
        "future": "kept"
    })))
    .await;
    let labels = BTreeMap::from([
        ("env".to_string(), "prod".to_string()),
        ("team".to_string(), "a b".to_string()),
    ]);
    let metadata = BTreeMap::from([("k".to_string(), json!([1, { "x": null }]))]);

    let settings = client(&server)
        .settings()
        .replace()
        .labels(labels)
        .metadata(metadata.clone())
        .names(CollidingNames::new().foo_bar_2("s"))
        .await
        .unwrap();
    let mut expected = Settings::new()
        .labels(BTreeMap::from([("env".to_string(), "prod".to_string())]))
        .metadata(metadata)
        .extensions(BTreeMap::new());
    expected.extra_fields.insert("future", json!("kept"));
    assert_eq!(settings, expected);

    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "PUT");
    assert_eq!(r.url.path(), "/settings");
    assert_eq!(
        body_text(&r),
        r#"{"labels":{"env":"prod","team":"a b"},"metadata":{"k":[1,{"x":null}]},"names":{"foo_bar":"s"}}"#
    );
    assert_bearer(&r);
}

#[tokio::test]
async fn unmapped_operations_exist_under_their_default_names() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/orders/ord-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(order_json()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/jobs"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({
            "id": "job-1",
            "state": "done",
            "progress": 1.0,
            "result": { "count": 2, "ok": true }
        })))
        .mount(&server)
        .await;
    let client = client(&server);

    // `GET /orders/{order_id}` has no operationId.
    let order = client.orders().get("ord-1").await.unwrap();
    assert_eq!(order.id, "0b9e2c4e-7a47-4c8e-9d4e-0f2d2b9a1c11");
    // `POST /jobs` is not in the config: its default name comes from the path (`jobs.create`),
    // not from its operationId `async`.
    let job: Job = client
        .jobs()
        .create(Type::File)
        .widget_ids(vec!["w-1".into(), "w-2".into()])
        .await
        .unwrap();
    assert_eq!(job.state, job::State::Done);
    assert_eq!(job.progress, Some(1.0));
    assert_eq!(
        job.result,
        Some(BTreeMap::from([
            ("count".to_string(), json!(2)),
            ("ok".to_string(), json!(true))
        ]))
    );

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[0].url.path(), "/orders/ord-1");
    assert!(requests[0].body.is_empty());
    assert_eq!(requests[1].method.as_str(), "POST");
    assert_eq!(requests[1].url.path(), "/jobs");
    assert_eq!(
        body_text(&requests[1]),
        r#"{"type":"file","widget_ids":["w-1","w-2"]}"#
    );
    requests.iter().for_each(assert_bearer);
}

#[tokio::test]
async fn default_error_response_gives_an_api_error_with_the_body() {
    let body = r#"{"code":"not_found","message":"No such widget","details":{"id":"w-0"}}"#;
    let server = server_answering(
        ResponseTemplate::new(404)
            .set_body_raw(body, "application/json")
            .insert_header("x-request-id", "req-9"),
    )
    .await;
    let client = client(&server);

    let err = client.widgets().get("w-0").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "getWidget: HTTP 404 Not Found: No such widget (request id req-9)"
    );
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let Error::Api(api) = &err else {
        panic!("expected Error::Api, got {err:?}")
    };
    assert_eq!(api.operation, "getWidget");
    assert_eq!(api.kind(), ErrorKind::NotFound);
    assert!(api.is_not_found());
    assert_eq!(&api.body[..], body.as_bytes());
    let decoded: edge_cases::types::ErrorType = api.body_as().expect("body is an Error");
    assert_eq!(decoded.code, "not_found");
    assert_eq!(decoded.message, "No such widget");
    assert_eq!(
        decoded.details,
        Some(BTreeMap::from([("id".to_string(), json!("w-0"))]))
    );

    // The same for an operation without an operationId, and for an empty-bodied operation.
    let err = client.orders().get("ord-0").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "GET /orders/{order_id}: HTTP 404 Not Found: No such widget (request id req-9)"
    );
    let err = client.widgets().delete("w-0").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "deleteWidget: HTTP 404 Not Found: No such widget (request id req-9)"
    );
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_non_json_error_body_is_kept_but_never_quoted() {
    let server =
        server_answering(ResponseTemplate::new(418).set_body_string("short and stout")).await;
    let err = client(&server).files().download("f").await.unwrap_err();
    // The body may echo the request (and its personal data): its size only.
    assert_eq!(
        err.to_string(),
        "downloadFile: HTTP 418 I'm a teapot (15 bytes of body)"
    );
    assert!(!format!("{err:?}").contains("stout"), "{err:?}");
    let api = err.as_api().unwrap();
    assert_eq!(api.kind(), ErrorKind::Other);
    assert_eq!(&api.body[..], b"short and stout");
}

#[tokio::test]
async fn a_success_body_of_the_wrong_shape_is_a_decode_error() {
    let server = server_answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({ "id": 1, "label": "x", "children": [{ "id": "two" }] })),
    )
    .await;
    let err = client(&server).trees().get(1).await.unwrap_err();
    assert!(
        matches!(&err, Error::Decode { operation: "getTree", status: 200, path, .. } if path == "children[0].id"),
        "{err:?}"
    );
}

#[test]
fn the_edge_cases_client_needs_an_api_key() {
    // Only meaningful when the variable is not set in the test environment.
    if std::env::var_os("EDGE_API_KEY").is_some() {
        return;
    }
    let err = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid client configuration: no API key: set EDGE_API_KEY or call `ClientBuilder::api_key`"
    );
}

// ---------------------------------------------------------------------------------------
// 9. Petstore
// ---------------------------------------------------------------------------------------

/// A petstore client for `server`, under the spec's `/api` base path, built without a key.
fn petstore_client(server: &MockServer) -> petstore::Client {
    petstore::Client::builder()
        .base_url(format!("{}/api", server.uri()))
        .max_retries(0)
        .build()
        .expect("petstore needs no API key")
}

#[tokio::test]
async fn petstore_operations_send_exact_requests_and_decode_pets() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/pets"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([
            { "name": "Rex", "tag": "dog", "id": 1 },
            { "name": "Tom", "id": 9_007_199_254_740_993_i64 }
        ])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/pets"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "name": "Rex", "tag": "dog", "id": 3 })),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/pets/9007199254740993"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "name": "Tom", "id": 9_007_199_254_740_993_i64 })),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/pets/3"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = petstore_client(&server);

    let pets = client
        .pets()
        .list()
        .tags(vec!["dog".into(), "cat fish".into()])
        .limit(10)
        .await
        .unwrap();
    let seen: Vec<(&str, Option<&str>, i64)> = pets
        .iter()
        .map(|p| (p.name.as_str(), p.tag.as_deref(), p.id))
        .collect();
    assert_eq!(
        seen,
        [
            ("Rex", Some("dog"), 1),
            ("Tom", None, 9_007_199_254_740_993)
        ]
    );
    let created = client.pets().create("Rex").tag("dog").await.unwrap();
    assert_eq!(created.id, 3);
    assert_eq!(created.tag.as_deref(), Some("dog"));
    client.pets().create("Untagged").await.unwrap();
    let pet = client.pets().get(9_007_199_254_740_993).await.unwrap();
    assert_eq!(pet.name, "Tom");
    assert_eq!(pet.tag, None);
    let () = client.pets().delete(3).await.unwrap();
    client.pets().list().await.unwrap();

    let requests = received(&server).await;
    let seen: Vec<(&str, &str, Option<&str>, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), r.url.query(), body_text(r)))
        .collect();
    assert_eq!(
        seen,
        [
            (
                "GET",
                "/api/pets",
                Some("tags=dog&tags=cat%20fish&limit=10"),
                ""
            ),
            ("POST", "/api/pets", None, r#"{"name":"Rex","tag":"dog"}"#),
            ("POST", "/api/pets", None, r#"{"name":"Untagged"}"#),
            ("GET", "/api/pets/9007199254740993", None, ""),
            ("DELETE", "/api/pets/3", None, ""),
            ("GET", "/api/pets", None, ""),
        ]
    );
    for r in &requests {
        assert_eq!(header(r, "authorization"), None, "{} {}", r.method, r.url);
    }
    assert_eq!(
        header(&requests[1], "content-type"),
        Some("application/json")
    );
    assert_eq!(header(&requests[0], "content-type"), None);
    let ua = header(&requests[0], "user-agent").unwrap();
    assert!(ua.starts_with("petstore-rust/"), "{ua}");
}

#[tokio::test]
async fn petstore_default_error_gives_an_api_error() {
    let server = server_answering(
        ResponseTemplate::new(400)
            .set_body_json(json!({ "code": 400, "message": "limit must be positive" })),
    )
    .await;
    let err = petstore_client(&server)
        .pets()
        .list()
        .limit(-1)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "findPets: HTTP 400 Bad Request: limit must be positive"
    );
    let api = err.as_api().expect("an API error");
    assert_eq!(api.kind(), petstore::ErrorKind::BadRequest);
    let body: petstore::types::ErrorType = api.body_as().unwrap();
    assert_eq!(body.code, 400);
    assert_eq!(body.message, "limit must be positive");
    assert_eq!(only_request(&server).await.url.query(), Some("limit=-1"));

    // The operationId with spaces is the operation's name in errors.
    let err = petstore_client(&server).pets().get(1).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "find pet by id: HTTP 400 Bad Request: limit must be positive"
    );
}

// ---------------------------------------------------------------------------------------
// Multipart parsing (test-side)
// ---------------------------------------------------------------------------------------

/// The parts of a `multipart/form-data` body: (headers, content) for each.
fn multipart_parts(content_type: &str, body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .expect("a boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let positions: Vec<usize> = body
        .windows(delimiter.len())
        .enumerate()
        .filter(|(_, w)| *w == delimiter.as_bytes())
        .map(|(i, _)| i)
        .collect();
    assert!(positions.len() >= 2, "no parts in the body");
    assert!(body[*positions.last().unwrap()..].starts_with(format!("{delimiter}--").as_bytes()));
    let mut parts = Vec::new();
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
async fn files_replace_content_sends_the_raw_bytes_with_the_spec_or_the_part_content_type() {
    let server = server_answering(ResponseTemplate::new(204)).await;
    let client = client(&server);
    let bytes: Vec<u8> = vec![0, 1, 2, 0xff, b'\n'];
    client
        .files()
        .replace_content("f 1", FilePart::new(bytes.clone()))
        .await
        .unwrap();
    // The part's own content type picks the spec's other media type.
    client
        .files()
        .replace_content(
            "f2",
            FilePart::new(b"\x89PNG".to_vec()).content_type("image/png"),
        )
        .await
        .unwrap();
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let r = &requests[0];
    assert_eq!(r.method.as_str(), "PUT");
    assert_eq!(r.url.path(), "/files/f%201/content");
    assert_eq!(header(r, "content-type"), Some("application/octet-stream"));
    assert_eq!(r.body, bytes);
    assert_eq!(header(&requests[1], "content-type"), Some("image/png"));
    assert_eq!(requests[1].body, b"\x89PNG");
}

#[tokio::test]
async fn notes_create_sends_and_returns_plain_text() {
    let server = server_answering(
        ResponseTemplate::new(200).set_body_raw("Stored: ½ pint", "text/plain; charset=utf-8"),
    )
    .await;
    let echoed = client(&server)
        .notes()
        .create("½ pint of milk".to_string())
        .await
        .unwrap();
    assert_eq!(echoed, "Stored: ½ pint");
    let r = only_request(&server).await;
    assert_eq!(r.method.as_str(), "POST");
    assert_eq!(r.url.path(), "/notes");
    assert_eq!(header(&r, "content-type"), Some("text/plain"));
    assert_eq!(r.body, "½ pint of milk".as_bytes());
}

#[tokio::test]
async fn files_list_sends_a_content_described_query_param_as_json() {
    let server = server_answering(ResponseTemplate::new(200).set_body_json(json!([]))).await;
    let files = client(&server)
        .files()
        .list()
        .filter(
            edge_cases::types::FilesListFilter::new()
                .purpose("docs")
                .min_size(10),
        )
        .await
        .unwrap();
    assert!(files.is_empty());
    let r = only_request(&server).await;
    assert_eq!(r.url.path(), "/files");
    assert_eq!(
        r.url.query(),
        Some("filter=%7B%22purpose%22%3A%22docs%22%2C%22min_size%22%3A10%7D")
    );
    let pairs: Vec<(String, String)> = r.url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [(
            "filter".to_string(),
            r#"{"purpose":"docs","min_size":10}"#.to_string()
        )]
    );
}
