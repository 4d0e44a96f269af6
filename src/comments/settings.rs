//! What operators may tune about comments, read from the environment.

use clap::Args;

use crate::error::ConfigError;

/// Comment settings as the environment gives them.
#[derive(Debug, Clone, Args, Default)]
pub struct CommentArgs {
    /// Days after publication when an article stops taking comments (0: never).
    #[arg(
        long,
        env = "COMMENTS_CLOSE_AFTER_DAYS",
        global = true,
        default_value = "30"
    )]
    pub comments_close_after_days: String,

    /// Comma-separated words that hold a comment for a moderator.
    #[arg(long, env = "COMMENT_HOLD_WORDS", global = true, default_value = "")]
    pub comment_hold_words: String,

    /// Comma-separated words that mark a comment as spam.
    #[arg(long, env = "COMMENT_SPAM_WORDS", global = true, default_value = "")]
    pub comment_spam_words: String,

    /// Comma-separated emails or IP addresses whose comments are spam.
    #[arg(
        long,
        env = "COMMENT_SPAM_ADDRESSES",
        global = true,
        default_value = ""
    )]
    pub comment_spam_addresses: String,

    /// Seconds between two comments from one address or email (0: no wait).
    #[arg(
        long,
        env = "COMMENT_FLOOD_SECONDS",
        global = true,
        default_value = "15"
    )]
    pub comment_flood_seconds: String,

    /// Comments one address may post in an hour (0: no cap).
    #[arg(long, env = "COMMENT_HOURLY_CAP", global = true, default_value = "20")]
    pub comment_hourly_cap: String,

    /// Name of the comment form's hidden field that only bots fill (the honeypot).
    #[arg(
        long,
        env = "COMMENT_HONEYPOT_FIELD",
        global = true,
        default_value = DEFAULT_HONEYPOT_FIELD
    )]
    pub comment_honeypot_field: String,
}

/// The honeypot's name unless configured: a field bots fill by habit that no comment
/// form asks people for. Not `website` or `url`: readers fill those in good faith.
pub const DEFAULT_HONEYPOT_FIELD: &str = "phone";

/// The fields a comment form really has (GraphQL input and REST body alike): the
/// honeypot must not take the name of one of them.
const FORM_FIELDS: [&str; 6] = [
    "parentId",
    "authorName",
    "authorEmail",
    "body",
    "website",
    "idempotencyKey",
];

/// Parsed comment settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentSettings {
    /// `None`: comments never close by age.
    pub close_after_days: Option<u32>,
    /// Lower-cased words that send a comment to PENDING.
    pub hold_words: Vec<String>,
    /// Lower-cased words that send a comment to SPAM.
    pub spam_words: Vec<String>,
    /// Lower-cased emails and addresses whose comments are SPAM.
    pub spam_addresses: Vec<String>,
    /// Seconds between two comments from one address or email; `None`: no wait.
    pub flood_seconds: Option<u32>,
    /// Comments one address may post in an hour; `None`: no cap.
    pub hourly_cap: Option<u32>,
    /// The REST body field that is the honeypot.
    pub honeypot_field: String,
}

impl Default for CommentSettings {
    fn default() -> Self {
        CommentSettings {
            close_after_days: Some(30),
            hold_words: Vec::new(),
            spam_words: Vec::new(),
            spam_addresses: Vec::new(),
            flood_seconds: Some(15),
            hourly_cap: Some(20),
            honeypot_field: DEFAULT_HONEYPOT_FIELD.to_owned(),
        }
    }
}

fn list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(|w| w.trim().to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A whole number of `variable`, or the one-line complaint naming it.
fn whole(raw: &str, variable: &'static str, expected: &'static str) -> Result<u32, ConfigError> {
    raw.trim()
        .parse()
        .map_err(|_| ConfigError { variable, expected })
}

impl CommentSettings {
    /// Checks and parses the settings.
    pub fn from_args(args: &CommentArgs) -> Result<Self, ConfigError> {
        let days = whole(
            &args.comments_close_after_days,
            "COMMENTS_CLOSE_AFTER_DAYS",
            "a whole number of days (0: never close)",
        )?;
        let flood = whole(
            &args.comment_flood_seconds,
            "COMMENT_FLOOD_SECONDS",
            "a whole number of seconds (0: no wait)",
        )?;
        let cap = whole(
            &args.comment_hourly_cap,
            "COMMENT_HOURLY_CAP",
            "a whole number of comments (0: no cap)",
        )?;
        Ok(CommentSettings {
            close_after_days: (days > 0).then_some(days),
            hold_words: list(&args.comment_hold_words),
            spam_words: list(&args.comment_spam_words),
            spam_addresses: list(&args.comment_spam_addresses),
            flood_seconds: (flood > 0).then_some(flood),
            hourly_cap: (cap > 0).then_some(cap),
            honeypot_field: honeypot_field(&args.comment_honeypot_field)?,
        })
    }
}

/// A honeypot name: a plain field name, and none the form really has.
fn honeypot_field(raw: &str) -> Result<String, ConfigError> {
    let name = raw.trim();
    let plain = (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain && !FORM_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name)) {
        Ok(name.to_owned())
    } else {
        Err(ConfigError {
            variable: "COMMENT_HONEYPOT_FIELD",
            expected: "a field name of letters, digits, `_` or `-` that the comment form does not use (not `website`)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_honeypot_is_never_a_real_field() {
        assert_eq!(honeypot_field(" fax ").unwrap(), "fax");
        for bad in ["", "website", "Website", "body", "a b", "x/y"] {
            assert!(honeypot_field(bad).is_err(), "{bad}");
        }
        assert_ne!(DEFAULT_HONEYPOT_FIELD, "website");
        assert_ne!(DEFAULT_HONEYPOT_FIELD, "url");
    }
}
