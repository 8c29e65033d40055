//! `cargo bench -p sdk-tests --bench sdk_overhead`: the generated SDK against bare reqwest
//! doing the same GET and the same typed decode, against a local server in another process,
//! interleaved round by round. Reports client CPU time per call and latency, sequentially and
//! with 64 requests in flight, and the SDK/reqwest ratios.
//!
//! `SDK_OVERHEAD_ONLY=sdk` (or `reqwest`) with `SDK_OVERHEAD_CALLS=N` makes only N calls of
//! one side after a warm-up (sequential, or `SDK_OVERHEAD_IN_FLIGHT` at a time), for a
//! profiler: under
//! `valgrind --tool=callgrind`, the difference between two values of N, divided by their
//! difference, is the instructions one call costs, the same whatever the machine is doing.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ROUNDS: usize = 9;
const SEQUENTIAL: usize = 10_000;
const CONCURRENT: usize = 12_000;
const IN_FLIGHT: usize = 64;

/// The Straddle `GetCustomer` response the server sends (the spec's example).
fn body() -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "data": {
            "id": "0193a4b5-5ab1-7f0a-8a9b-cccd1f6d5a53", "created_at": "2019-12-27T18:11:19.117Z",
            "email": "ron.swanson@pawnee.com", "name": "Ron Swanson", "phone": "+12128675309",
            "status": "verified", "type": "individual", "updated_at": "2020-01-02T03:04:05Z",
            "address": { "address1": "123 Main St", "city": "Anytown", "state": "CA", "zip": "12345", "address2": "Apt 1" },
            "external_id": "cust-0042", "metadata": { "plan": "pro", "source": "web" }
        },
        "meta": { "api_request_id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", "api_request_timestamp": "2019-12-27T18:11:19.117Z" },
        "response_type": "object"
    }))
    .unwrap()
}

/// A minimal keep-alive HTTP/1.1 server answering every request with `body()`.
async fn serve(listener: tokio::net::TcpListener) {
    let body = body();
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    let response = std::sync::Arc::new(response);
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let response = response.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 16 * 1024];
            let mut filled = 0;
            loop {
                let Ok(n) = socket.read(&mut buf[filled..]).await else {
                    return;
                };
                if n == 0 {
                    return;
                }
                filled += n;
                // Answer each complete request (GETs: no body).
                while let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                    if socket.write_all(&response).await.is_err() {
                        return;
                    }
                    buf.copy_within(end + 4..filled, 0);
                    filled -= end + 4;
                }
            }
        });
    }
}

/// CPU time this process has used: the scheduler's nanosecond count of every thread
/// (`/proc/self/task/*/schedstat`), or, where that is missing, user + system time in 10 ms
/// ticks (`/proc/self/stat`).
fn cpu_time() -> Duration {
    let mut nanos = 0u64;
    let mut threads = 0;
    for task in std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
    {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        if let Some(n) = stat
            .split_whitespace()
            .next()
            .and_then(|v| v.parse::<u64>().ok())
        {
            nanos += n;
            threads += 1;
        }
    }
    if threads > 0 {
        return Duration::from_nanos(nanos);
    }
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 14th, stime 15th.
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|v| v.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|v| v.parse().ok()).unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

struct Sample {
    cpu_per_call: Duration,
    latency: Duration,
}

async fn measure<F, Fut>(calls: usize, in_flight: usize, call: F) -> Sample
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Duration>,
{
    let cpu = cpu_time();
    let latencies: Vec<Duration> = futures_util::stream::iter(0..calls)
        .map(|_| call())
        .buffer_unordered(in_flight)
        .collect()
        .await;
    let cpu = cpu_time().saturating_sub(cpu);
    let mut latencies = latencies;
    latencies.sort();
    Sample {
        cpu_per_call: cpu / calls as u32,
        latency: latencies[latencies.len() / 2],
    }
}

fn main() {
    if let Ok(addr) = std::env::var("SDK_OVERHEAD_SERVE") {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
            serve(listener).await
        });
        return;
    }
    // The server runs in its own process, so that its CPU time is not counted.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let mut server = std::process::Command::new(std::env::current_exe().unwrap())
        .env("SDK_OVERHEAD_SERVE", &addr)
        .spawn()
        .expect("the server starts");
    std::thread::sleep(Duration::from_millis(300));
    let base = format!("http://{addr}");

    // One thread: the SDK's and reqwest's work, not the scheduler's, is what is compared.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let sdk = straddle::Client::builder()
            .api_key("sk_bench")
            .base_url(&base)
            .max_retries(0)
            .build()
            .unwrap();
        let bare = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        let url = format!("{base}/v1/customers/cus_1");
        let sdk_call = || {
            let sdk = sdk.clone();
            async move {
                let start = Instant::now();
                let c = sdk.customers().get("cus_1").await.expect("the SDK call succeeds");
                std::hint::black_box(c);
                start.elapsed()
            }
        };
        let bare_call = || {
            let bare = bare.clone();
            let url = url.clone();
            async move {
                let start = Instant::now();
                let bytes = bare
                    .get(&url)
                    .header("authorization", "Bearer sk_bench")
                    .header("accept", "application/json")
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap();
                let c: straddle::types::CustomerV1 = serde_json::from_slice(&bytes).unwrap();
                std::hint::black_box(c);
                start.elapsed()
            }
        };
        if let Ok(side) = std::env::var("SDK_OVERHEAD_ONLY") {
            // The connections are opened in the warm-up: what is left is the calls' own cost.
            let calls = std::env::var("SDK_OVERHEAD_CALLS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1000);
            let in_flight = std::env::var("SDK_OVERHEAD_IN_FLIGHT")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            let warm_up = 200.max(4 * in_flight);
            let sample = if side == "sdk" {
                measure(warm_up, in_flight, &sdk_call).await;
                measure(calls, in_flight, &sdk_call).await
            } else {
                measure(warm_up, in_flight, &bare_call).await;
                measure(calls, in_flight, &bare_call).await
            };
            println!(
                "{side}: {calls} calls, {in_flight} in flight, CPU/call {:?}, median latency {:?}",
                sample.cpu_per_call, sample.latency
            );
            return;
        }
        // Warm up both.
        measure(500, 8, &sdk_call).await;
        measure(500, 8, &bare_call).await;
        for (mode, calls, in_flight) in [("sequential", SEQUENTIAL, 1), ("64 in flight", CONCURRENT, IN_FLIGHT)] {
            let (mut sdk_cpu, mut bare_cpu, mut sdk_lat, mut bare_lat) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for round in 0..ROUNDS {
                // Each side goes first in every other round, so that neither is favoured by
                // running after the other.
                let (s, b) = if round % 2 == 0 {
                    let s = measure(calls, in_flight, &sdk_call).await;
                    (s, measure(calls, in_flight, &bare_call).await)
                } else {
                    let b = measure(calls, in_flight, &bare_call).await;
                    (measure(calls, in_flight, &sdk_call).await, b)
                };
                sdk_cpu.push(s.cpu_per_call);
                bare_cpu.push(b.cpu_per_call);
                sdk_lat.push(s.latency);
                bare_lat.push(b.latency);
            }
            let median = |v: &mut Vec<Duration>| {
                v.sort();
                v[v.len() / 2]
            };
            // The ratio of each round's pair, measured back to back, moves less with the
            // machine's load than the ratio of the two sides' medians.
            let paired = |s: &[Duration], b: &[Duration]| {
                let mut r: Vec<f64> = s.iter().zip(b).map(|(s, b)| s.as_secs_f64() / b.as_secs_f64()).collect();
                r.sort_by(f64::total_cmp);
                (r[r.len() / 2], r[0], r[r.len() - 1])
            };
            let (cpu_ratio, cpu_low, cpu_high) = paired(&sdk_cpu, &bare_cpu);
            let (lat_ratio, _, _) = paired(&sdk_lat, &bare_lat);
            let (sc, bc, sl, bl) = (median(&mut sdk_cpu), median(&mut bare_cpu), median(&mut sdk_lat), median(&mut bare_lat));
            println!(
                "{mode:>13}: CPU/call SDK {sc:?} reqwest {bc:?}, paired ratio x{cpu_ratio:.3} (rounds x{cpu_low:.3}..x{cpu_high:.3}) | median latency SDK {sl:?} reqwest {bl:?}, paired ratio x{lat_ratio:.3}  ({ROUNDS} interleaved rounds of {calls} calls)",
            );
        }
    });
    let _ = server.kill();
    let _ = server.wait();
}
