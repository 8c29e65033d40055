//! Create a customer, refresh its identity review, and decide it.
//!
//! ```console
//! $ STRADDLE_API_KEY=... cargo run -p straddle --example customer_review
//! ```

use straddle::types::customer_review_decision_params::Status;
use straddle::types::{CustomerCreateParamsRequired, CustomerType, DeviceUnmaskedV1};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // STRADDLE_API_KEY, and STRADDLE_BASE_URL to point it at a sandbox or a mock.
    let client = straddle::Client::from_env()?;

    let customer = client
        .customers()
        .create(CustomerCreateParamsRequired {
            device: DeviceUnmaskedV1::new("192.168.1.1"),
            email: "ron.swanson@pawnee.com".into(),
            name: "Ron Swanson".into(),
            phone: "+12128675309".into(),
            type_: CustomerType::Individual,
        })
        .external_id("customer_123")
        .await?;
    let id = customer.data.id;
    println!("created customer {id}: {:?}", customer.data.status);

    let refreshed = client.customers().review().refresh_review(id.as_str()).await?;
    println!("review refreshed: {:?}", refreshed.data.status);

    let decided = client
        .customers()
        .review()
        .decision(id.as_str(), Status::Verified)
        .await?;
    println!("decided: {:?}", decided.data.status);
    Ok(())
}
