//! When a failed delivery is tried again: the waits of the Standard Webhooks
//! reference schedule, each stretched or shrunk by up to a tenth at random so that
//! endpoints failing together are not all tried again at one instant. Eight tries
//! span a little more than a day; an endpoint still failing after a day of tries is
//! disabled.

use chrono::{DateTime, Duration, Utc};

/// How many times a message is tried before it is given up.
pub const MAX_TRIES: i32 = 8;

/// How long an endpoint may fail before it is disabled.
pub const DISABLE_AFTER: Duration = Duration::days(1);

/// The wait after try `n` (from 1) failed, before jitter.
pub fn base_wait(n: i32) -> Option<Duration> {
    Some(match n {
        1 => Duration::seconds(5),
        2 => Duration::minutes(5),
        3 => Duration::minutes(30),
        4 => Duration::hours(2),
        5 => Duration::hours(5),
        6 | 7 => Duration::hours(10),
        _ => return None,
    })
}

/// When to try again after try `n` failed at `now`; `None`: give up. `spread` in
/// [-1, 1] picks where in the ±10% band the wait falls.
pub fn next_try(n: i32, now: DateTime<Utc>, spread: f64) -> Option<DateTime<Utc>> {
    let wait = base_wait(n)?;
    let jitter = wait.num_milliseconds() as f64 * 0.1 * spread.clamp(-1.0, 1.0);
    Some(now + wait + Duration::milliseconds(jitter as i64))
}

/// A random spread for [`next_try`].
pub fn random_spread() -> f64 {
    rand::random::<f64>() * 2.0 - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_tries_span_about_a_day_and_grow() {
        let total: Duration = (1..MAX_TRIES).filter_map(base_wait).sum();
        assert!(
            total > DISABLE_AFTER && total < Duration::hours(30),
            "{total}"
        );
        let waits: Vec<Duration> = (1..MAX_TRIES).filter_map(base_wait).collect();
        assert_eq!(waits.len() as i32, MAX_TRIES - 1);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(base_wait(MAX_TRIES), None);
    }

    #[test]
    fn jitter_stays_within_a_tenth() {
        let now = DateTime::UNIX_EPOCH;
        let low = next_try(4, now, -1.0).unwrap() - now;
        let high = next_try(4, now, 1.0).unwrap() - now;
        assert_eq!(low, Duration::minutes(108));
        assert_eq!(high, Duration::minutes(132));
        assert_eq!(next_try(MAX_TRIES, now, 0.0), None);
    }
}
