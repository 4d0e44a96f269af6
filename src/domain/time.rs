//! The clock, at the precision both databases keep.
//!
//! Everything that asks what time it is asks a [`Clock`]: the system's in service,
//! one that moves only when told to in tests. Rules take the moment they judge as an
//! argument; tasks that wait for a moment wait on the clock.

use std::{fmt, sync::Arc};

use chrono::{DateTime, Duration, SubsecRound, Utc};
use tokio::sync::watch;

/// Where the time comes from. Cheap to clone: clones share one clock.
#[derive(Clone)]
pub struct Clock(Source);

#[derive(Clone)]
enum Source {
    /// The system's clock.
    System,
    /// A clock that stands still until moved; waiters watch it move.
    Manual(Arc<watch::Sender<DateTime<Utc>>>),
}

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock(Source::System)
    }

    /// A clock standing at `start` (to the microsecond) until [`Clock::advance`] or
    /// [`Clock::set`] moves it.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock(Source::Manual(Arc::new(watch::Sender::new(
            start.trunc_subsecs(6),
        ))))
    }

    /// Now, truncated to microseconds: PostgreSQL keeps no more, and a cursor made
    /// from a value must compare equal to the stored one.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.0 {
            Source::System => Utc::now().trunc_subsecs(6),
            Source::Manual(moment) => *moment.borrow(),
        }
    }

    /// Moves a manual clock forward by `by`, waking whoever waits for a moment it
    /// passes.
    ///
    /// # Panics
    /// On the system clock, which nobody moves.
    pub fn advance(&self, by: Duration) {
        self.manual_source()
            .send_modify(|now| *now = (*now + by).trunc_subsecs(6));
    }

    /// Puts a manual clock at `at`, waking whoever waits for a moment up to it.
    ///
    /// # Panics
    /// On the system clock, which nobody moves.
    pub fn set(&self, at: DateTime<Utc>) {
        self.manual_source().send_replace(at.trunc_subsecs(6));
    }

    /// Completes once this clock reads `at` or later: on the system clock after a
    /// timer, on a manual clock when it is moved there.
    pub async fn sleep_until(&self, at: DateTime<Utc>) {
        match &self.0 {
            Source::System => {
                // The timer runs on another clock than the wall's: sleep again if
                // it ends a little early by the wall.
                while let Ok(wait) = (at - self.now()).to_std() {
                    if wait.is_zero() {
                        break;
                    }
                    tokio::time::sleep(wait).await;
                }
            }
            Source::Manual(moment) => {
                let mut moments = moment.subscribe();
                // The sender lives as long as `self`: this cannot fail.
                let _ = moments.wait_for(|now| *now >= at).await;
            }
        }
    }

    fn manual_source(&self) -> &watch::Sender<DateTime<Utc>> {
        match &self.0 {
            Source::Manual(moment) => moment,
            Source::System => panic!("the system clock cannot be moved"),
        }
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::System => f.write_str("Clock::system()"),
            Source::Manual(moment) => write!(f, "Clock::manual({})", *moment.borrow()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration as Wait;

    use super::*;

    fn start() -> DateTime<Utc> {
        "2025-03-10T09:00:00.123456789Z".parse().unwrap()
    }

    /// Lets every other task on this (single-threaded) runtime run until it waits.
    async fn settle() {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    #[test]
    fn a_manual_clock_stands_still_until_moved() {
        let clock = Clock::manual(start());
        assert_eq!(clock.now(), start().trunc_subsecs(6));
        assert_eq!(clock.now(), clock.now());
        let shared = clock.clone();
        clock.advance(Duration::minutes(15));
        assert_eq!(
            shared.now(),
            start().trunc_subsecs(6) + Duration::minutes(15)
        );
        let later = start() + Duration::days(2);
        shared.set(later);
        assert_eq!(clock.now(), later.trunc_subsecs(6));
    }

    #[test]
    fn the_system_clock_keeps_microseconds() {
        let now = Clock::system().now();
        assert_eq!(now.timestamp_subsec_nanos() % 1_000, 0);
        assert!((Utc::now() - now).num_seconds().abs() < 5);
    }

    #[test]
    #[should_panic(expected = "the system clock cannot be moved")]
    fn the_system_clock_cannot_be_moved() {
        Clock::system().advance(Duration::seconds(1));
    }

    #[tokio::test]
    async fn moving_a_manual_clock_wakes_a_sleeper_at_its_moment() {
        let clock = Clock::manual(start());
        let at = clock.now() + Duration::seconds(10);
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move {
                clock.sleep_until(at).await;
                clock.now()
            }
        });
        settle().await;
        assert!(!sleeper.is_finished(), "asleep while the clock stands");
        clock.advance(Duration::seconds(9));
        settle().await;
        assert!(!sleeper.is_finished(), "asleep short of its moment");
        clock.advance(Duration::seconds(1));
        let woke_at = tokio::time::timeout(Wait::from_secs(5), sleeper)
            .await
            .expect("the sleeper wakes when the clock reaches its moment")
            .unwrap();
        assert_eq!(woke_at, at);
    }

    #[tokio::test]
    async fn a_moment_already_passed_does_not_wait() {
        let clock = Clock::manual(start());
        let passed = clock.now() - Duration::seconds(1);
        tokio::time::timeout(Wait::from_secs(5), clock.sleep_until(passed))
            .await
            .expect("no wait for a moment in the past");
        tokio::time::timeout(Wait::from_secs(5), Clock::system().sleep_until(passed))
            .await
            .expect("no wait on the system clock either");
    }

    #[tokio::test]
    async fn the_system_clock_sleeps_until_its_moment() {
        let clock = Clock::system();
        let at = clock.now() + Duration::milliseconds(30);
        clock.sleep_until(at).await;
        assert!(clock.now() >= at);
    }
}
