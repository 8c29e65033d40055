//! Link a customer's bank account through Bridge, which gives a paykey, and charge it.
//!
//! ```console
//! $ STRADDLE_API_KEY=... cargo run -p straddle --example paykey_charge
//! ```

use straddle::chrono::NaiveDate;
use straddle::types::{
    AccountType, BalanceCheck, ChargeCreateParamsRequired, ConsentType, DeviceInfoV1,
    LinkBankAccountParamsRequired, charge_create_params,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = straddle::Client::from_env()?;

    let paykey = client
        .bridge()
        .link()
        .bank_account(LinkBankAccountParamsRequired {
            account_number: "123456789".into(),
            account_type: AccountType::Checking,
            customer_id: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
            routing_number: "021000021".into(),
        })
        .await?;
    println!("paykey {} is {:?}", paykey.data.id, paykey.data.status);

    let charge = client
        .charges()
        .create(ChargeCreateParamsRequired {
            amount: 10_000,
            config: charge_create_params::Config::new(BalanceCheck::Required),
            consent_type: ConsentType::Internet,
            currency: "USD".into(),
            device: DeviceInfoV1::new("192.168.1.1"),
            external_id: "charge_123".into(),
            paykey: paykey.data.paykey,
            payment_date: NaiveDate::from_ymd_opt(2026, 12, 15).ok_or("a valid date")?,
        })
        .description("Monthly subscription")
        .await?;
    println!("charge {} is {:?}", charge.data.id, charge.data.status);
    Ok(())
}
