//! The delta-sync cursor: where a client is in the record of changes, and whether
//! the record still holds everything after it.
//!
//! A cursor names a sequence and a moment no later than the commit of any change
//! after that sequence: the commit time of the last change the client was given, or,
//! when it was given all there was, a moment just before it asked. Pruning deletes
//! the changes older than the retention, so while that moment is within the
//! retention nothing after the sequence can have been deleted. The newest change is
//! never pruned, so sequences never go back; a sequence beyond the newest means the
//! record was reset (a restored database, say), and the cursor is refused too.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};

use crate::{error::AppError, housekeeping::CHANGES_KEPT};

/// How long a write may take between taking its commit time and committing: a
/// cursor handed out when nothing was left names a moment this much earlier, so a
/// change committing meanwhile is still counted as after it.
const COMMIT_MARGIN: Duration = Duration::minutes(1);

/// A position in the record of changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The last sequence the client has been given (or skipped).
    pub seq: i64,
    /// No change after `seq` was committed before this.
    pub at: DateTime<Utc>,
}

impl Cursor {
    /// The cursor after the change `seq`, committed at `at`.
    pub fn after_change(seq: i64, at: DateTime<Utc>) -> Self {
        Cursor { seq, at }
    }

    /// The cursor of a client given everything up to `seq`, asking at `now`.
    pub fn caught_up(seq: i64, since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let at = now - COMMIT_MARGIN;
        Cursor {
            seq,
            at: since.map_or(at, |since| since.max(at)),
        }
    }

    /// The opaque text a client keeps: base64url of `<seq>.<microseconds>`.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}.{}", self.seq, self.at.timestamp_micros()))
    }

    /// Reads a cursor a client sent in `field`.
    pub fn decode(field: &str, text: &str) -> Result<Self, AppError> {
        let bad = || AppError::bad_input(field, "not a cursor of `changes`");
        let raw = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| bad())?;
        let raw = String::from_utf8(raw).map_err(|_| bad())?;
        let (seq, micros) = raw.split_once('.').ok_or_else(bad)?;
        let seq: i64 = seq.parse().map_err(|_| bad())?;
        let micros: i64 = micros.parse().map_err(|_| bad())?;
        let at = DateTime::from_timestamp_micros(micros).ok_or_else(bad)?;
        if seq < 0 {
            return Err(bad());
        }
        Ok(Cursor { seq, at })
    }

    /// Refuses this cursor when the record may no longer hold every change after it:
    /// it is older than the retention at `now`, or the record holds no change as
    /// far as `seq` (`newest` is the newest sequence kept).
    pub fn check(&self, field: &str, newest: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        if self.at < now - CHANGES_KEPT || self.seq > newest {
            return Err(AppError::CursorExpired(field.to_owned()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let cursor = Cursor::after_change(42, at("2026-12-01T09:00:00.123456Z"));
        assert_eq!(Cursor::decode("after", &cursor.encode()).unwrap(), cursor);
        for bad in [
            "",
            "garbage",
            "eyJrIjoiYXJ0aWNsZSJ9",
            &URL_SAFE_NO_PAD.encode("-1.0"),
        ] {
            assert!(Cursor::decode("after", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_cursor_expires_with_the_retention_or_a_reset() {
        let now = at("2026-12-20T00:00:00Z");
        let fresh = Cursor::after_change(5, now - Duration::days(13));
        assert!(fresh.check("after", 9, now).is_ok());
        let old = Cursor::after_change(5, now - Duration::days(15));
        assert!(old.check("after", 9, now).is_err());
        assert!(fresh.check("after", 4, now).is_err(), "numbering went back");
    }

    #[test]
    fn a_caught_up_cursor_never_moves_back() {
        let now = at("2026-12-20T00:00:00Z");
        let since = now - Duration::seconds(5);
        assert_eq!(Cursor::caught_up(3, Some(since), now).at, since);
        assert_eq!(Cursor::caught_up(3, None, now).at, now - COMMIT_MARGIN);
    }
}
