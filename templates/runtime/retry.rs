//! When and how long to wait before retrying.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Exponential backoff with jitter between `initial` and `max`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Backoff {
    pub initial: Duration,
    pub max: Duration,
}

impl Backoff {
    /// The delay before retry number `attempt` (0-based), honouring the server's
    /// `retry-after-ms` / `retry-after` headers when they ask for at most a minute.
    pub fn delay(&self, attempt: u32, headers: Option<&HeaderMap>) -> Duration {
        if let Some(d) = headers.and_then(server_delay) {
            if d <= Duration::from_secs(60) {
                return d;
            }
        }
        let factor = 2u32.saturating_pow(attempt.min(16));
        let base = self.initial.saturating_mul(factor).min(self.max);
        // Up to 25% less, so that many clients do not retry in lockstep.
        let jitter = 1.0 - fastrand::f64() * 0.25;
        base.mul_f64(jitter)
    }
}

fn server_delay(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(ms) = get("retry-after-ms").and_then(|v| v.trim().parse::<f64>().ok()) {
        return (ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let secs = get("retry-after")?.trim().parse::<f64>().ok()?;
    (secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

/// Whether a response with this status (and headers) should be retried: a server error or one
/// of `statuses`, unless the server says otherwise with `x-should-retry`.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap, statuses: &[u16]) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    statuses.contains(&status.as_u16()) || status.is_server_error()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn honours_retry_after() {
        let b = Backoff {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(8),
        };
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(b.delay(0, Some(&h)), Duration::from_secs(2));
        h.insert("retry-after-ms", HeaderValue::from_static("150"));
        assert_eq!(b.delay(0, Some(&h)), Duration::from_millis(150));
    }

    #[test]
    fn backs_off_exponentially_within_bounds() {
        let b = Backoff {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(8),
        };
        let d0 = b.delay(0, None);
        assert!(d0 <= Duration::from_millis(500) && d0 >= Duration::from_millis(375));
        let d10 = b.delay(10, None);
        assert!(d10 <= Duration::from_secs(8) && d10 >= Duration::from_secs(6));
    }

    #[test]
    fn retries_the_documented_statuses() {
        let h = HeaderMap::new();
        for s in [408, 409, 429, 500, 503] {
            assert!(
                should_retry(StatusCode::from_u16(s).unwrap(), &h, &[408, 409, 429]),
                "{s}"
            );
        }
        for s in [400, 401, 404, 422] {
            assert!(
                !should_retry(StatusCode::from_u16(s).unwrap(), &h, &[408, 409, 429]),
                "{s}"
            );
        }
    }
}
