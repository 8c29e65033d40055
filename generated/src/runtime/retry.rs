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

/// The longest delay a server may ask for. A longer one, or one that is not a number of
/// seconds at all (`1e300`, `inf`, an HTTP date), is treated as absent: backoff applies.
const MAX_SERVER_DELAY: Duration = Duration::from_secs(60);

impl Backoff {
    /// The delay before retry number `attempt` (0-based), honouring the server's
    /// `retry-after-ms` / `retry-after` headers when they ask for at most a minute.
    pub fn delay(&self, attempt: u32, headers: Option<&HeaderMap>) -> Duration {
        if let Some(d) = headers.and_then(server_delay) {
            return d;
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
    get("retry-after-ms")
        .and_then(|ms| sane_delay(ms, 1000.0))
        .or_else(|| get("retry-after").and_then(|s| sane_delay(s, 1.0)))
}

/// `text` as a delay in units of `1 / per_second` seconds, if it is a finite, non-negative
/// number no larger than [`MAX_SERVER_DELAY`]. Never panics, whatever the server sends.
fn sane_delay(text: &str, per_second: f64) -> Option<Duration> {
    let value: f64 = text.trim().parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let seconds = value / per_second;
    if seconds > MAX_SERVER_DELAY.as_secs_f64() {
        return None;
    }
    Duration::try_from_secs_f64(seconds).ok()
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
    fn insane_server_delays_are_ignored_without_panicking() {
        let b = Backoff {
            initial: Duration::from_millis(500),
            max: Duration::from_secs(8),
        };
        for (name, value) in [
            ("retry-after", "1e20"),
            ("retry-after", "18446744073709551616"),
            ("retry-after", "-1"),
            ("retry-after", "NaN"),
            ("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"),
            ("retry-after", "61"),
            ("retry-after-ms", "inf"),
            ("retry-after-ms", "1e300"),
            ("retry-after-ms", "-0.5"),
            ("retry-after-ms", "60001"),
        ] {
            let mut h = HeaderMap::new();
            h.insert(name, HeaderValue::from_str(value).unwrap());
            let d = b.delay(0, Some(&h));
            assert!(d <= Duration::from_millis(500), "{name}: {value} -> {d:?}");
        }
        // A bad `retry-after-ms` leaves a good `retry-after` in force.
        let mut h = HeaderMap::new();
        h.insert("retry-after-ms", HeaderValue::from_static("inf"));
        h.insert("retry-after", HeaderValue::from_static("3"));
        assert_eq!(b.delay(0, Some(&h)), Duration::from_secs(3));
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
