//! When a position is held: which of a person's positions was theirs on a day, and
//! the order positions are listed in.

use std::cmp::Ordering;

use chrono::NaiveDate;

/// The days a position is held: from `from` (`None`: since a day not recorded) to
/// `to` inclusive (`None`: still held).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenure {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Tenure {
    /// Whether the position was held on `day`.
    pub fn covers(self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }

    /// Whether `to` is not before `from`.
    pub fn is_ordered(self) -> bool {
        match (self.from, self.to) {
            (Some(from), Some(to)) => from <= to,
            _ => true,
        }
    }

    /// Listing order: the positions still held first, then by the later end, then by
    /// the later start (an unrecorded start counts as the earliest).
    pub fn newest_first(self, other: Tenure) -> Ordering {
        let end = |t: Tenure| t.to.map_or((1, NaiveDate::MAX), |to| (0, to));
        end(other)
            .cmp(&end(self))
            .then_with(|| other.from.cmp(&self.from))
    }
}

/// The position held on `day` among `positions`: of several, the one begun last.
pub fn held_on<T>(
    positions: impl IntoIterator<Item = T>,
    tenure: impl Fn(&T) -> Tenure,
    day: NaiveDate,
) -> Option<T> {
    positions
        .into_iter()
        .filter(|p| tenure(p).covers(day))
        .max_by(|a, b| tenure(a).from.cmp(&tenure(b).from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn t(from: Option<&str>, to: Option<&str>) -> Tenure {
        Tenure {
            from: from.map(d),
            to: to.map(d),
        }
    }

    #[test]
    fn the_position_held_on_a_day_is_the_one_begun_last_that_covers_it() {
        let positions = [
            ("inspector", t(None, Some("2023-12-31"))),
            ("chief", t(Some("2024-01-01"), None)),
            ("council", t(Some("2024-06-01"), Some("2024-06-30"))),
        ];
        let on = |day| held_on(positions.iter(), |p| p.1, d(day)).map(|p| p.0);
        assert_eq!(on("2020-05-05"), Some("inspector"));
        assert_eq!(on("2023-12-31"), Some("inspector"));
        assert_eq!(on("2024-01-01"), Some("chief"));
        assert_eq!(on("2024-06-15"), Some("council"));
        assert_eq!(on("2024-07-01"), Some("chief"));
        assert_eq!(
            held_on(positions[2..].iter(), |p| p.1, d("2025-01-01")),
            None
        );
    }

    #[test]
    fn positions_held_now_are_listed_first() {
        let mut list = [
            t(Some("2010-01-01"), Some("2015-01-01")),
            t(Some("2020-01-01"), None),
            t(Some("2015-01-02"), Some("2019-12-31")),
        ];
        list.sort_by(|a, b| a.newest_first(*b));
        assert_eq!(list[0].to, None);
        assert_eq!(list[2].from, Some(d("2010-01-01")));
        assert!(!t(Some("2020-01-02"), Some("2020-01-01")).is_ordered());
    }
}
