//! The clock, at the precision both databases keep.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, truncated to microseconds: PostgreSQL keeps no more, and a cursor made from
/// a value must compare equal to the stored one.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
