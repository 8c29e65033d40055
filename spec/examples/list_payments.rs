//! Every payment, page by page, as a stream.
//!
//! ```console
//! $ STRADDLE_API_KEY=... cargo run -p straddle --example list_payments
//! ```

use futures_util::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = straddle::Client::from_env()?;

    let mut payments = client.payments().list().page_size(50).into_stream();
    let mut count = 0;
    // At most a few pages here: a mock server may report a great many.
    while let Some(payment) = payments.try_next().await? {
        println!("{} {} {:?}", payment.id, payment.amount, payment.status);
        count += 1;
        if count == 150 {
            break;
        }
    }
    println!("{count} payments");
    Ok(())
}
