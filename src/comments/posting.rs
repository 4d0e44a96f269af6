//! Posting a comment.
//!
//! The status follows WordPress's rules and is decided here only: anonymous comments
//! wait for a moderator; a reader whose earlier comment was approved, and staff, are
//! approved at once; two or more links or a held word send any comment to PENDING;
//! a spam word or address, or a filled honeypot, to SPAM (silently: the poster is
//! told the comment awaits moderation). The commenter's own site is shown with the
//! comment and is never a spam signal. Flood limits are counted in the database, so
//! every instance of the service enforces them together.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::{
    EDIT_MINUTES, HOLD_LINKS, MAX_BODY, MAX_DEPTH, MAX_EMAIL, MAX_NAME, MAX_WEBSITE,
    settings::CommentSettings,
};
use crate::{
    auth::viewer::Viewer,
    domain::{ArticleStatus, ChangeKind, CommentStatus, Role},
    editorial::{
        tx,
        validate::{self, text},
    },
    entity::{article, comment, user},
    error::{AppError, AppResult},
    store::{self, articles::ArticleScope, changes::NewChange},
};

/// What a commenter sends.
#[derive(Debug, Clone, Default)]
pub struct NewComment {
    pub article_id: Uuid,
    pub parent_id: Option<Uuid>,
    /// Required of anonymous commenters; signed-in users post under their account's
    /// name, and this is ignored.
    pub author_name: Option<String>,
    /// Required of anonymous commenters; ignored for signed-in users.
    pub author_email: Option<String>,
    pub body: String,
    /// The commenter's own site: an absolute http or https URL, or blank for none.
    pub website: Option<String>,
    /// The value of a form field hidden from people: only bots fill it.
    pub honeypot: Option<String>,
    /// Sent again with a retry, it returns the comment already saved.
    pub idempotency_key: Option<String>,
    /// Keyed hash of the client's address.
    pub client_hash: String,
    /// The client's address as text, for the spam address list.
    pub client_address: String,
}

/// The saved comment, and whether this call saved it. An approved comment is
/// announced to subscribers by [`post`] itself.
#[derive(Debug, Clone)]
pub struct Posted {
    pub comment: comment::Model,
    /// False when the same idempotency key had already saved it.
    pub created: bool,
}

/// How many links a text holds.
pub(crate) fn links(text: &str) -> usize {
    let lower = text.to_lowercase();
    ["http://", "https://", "www."]
        .iter()
        .map(|marker| lower.matches(marker).count())
        .sum()
}

fn mentions_any(text: &str, words: &[String]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w.as_str()))
}

/// A commenter's site: blank is none; otherwise an absolute http or https URL of at
/// most [`MAX_WEBSITE`] characters.
fn website(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > MAX_WEBSITE {
        return Err(AppError::bad_input(
            field,
            format!("must be at most {MAX_WEBSITE} characters"),
        ));
    }
    validate::http_url(field, value).map(Some)
}

/// Whether `article` takes comments at `now`: published by then, open, and not yet
/// aged out. The one rule: posting checks it, and both APIs show it as
/// `commentsOpen`.
pub fn open_for_comments(
    article: &article::Model,
    settings: &CommentSettings,
    now: DateTime<Utc>,
) -> bool {
    let public = article.status == ArticleStatus::Published
        && article.published_at.is_some_and(|at| at <= now);
    let aged_out = match (settings.close_after_days, article.published_at) {
        (Some(days), Some(at)) => now > at + Duration::days(i64::from(days)),
        _ => false,
    };
    public && article.comments_open && !aged_out
}

/// Posts a comment as `viewer` at `now`: the article must take comments then, and
/// the flood limits count back from it.
pub async fn post(
    db: &DatabaseConnection,
    viewer: &Viewer,
    settings: &CommentSettings,
    input: NewComment,
    now: DateTime<Utc>,
) -> AppResult<Posted> {
    let account = match viewer.user_id() {
        Some(id) => Some(
            user::Entity::find_by_id(id)
                .one(db)
                .await?
                .filter(|u| !u.disabled)
                .ok_or(AppError::Unauthenticated)?,
        ),
        None => None,
    };
    let (author_name, author_email) = match &account {
        Some(account) => (account.display_name.clone(), account.email.clone()),
        None => {
            let name = input.author_name.as_deref().unwrap_or_default();
            let name = text("input.authorName", name, MAX_NAME)?;
            let email = input.author_email.as_deref().unwrap_or_default();
            let email = text("input.authorEmail", email, MAX_EMAIL)?;
            store::users::validate_email("input.authorEmail", &email)?;
            (name, email)
        }
    };
    let body = text("input.body", &input.body, MAX_BODY)?;
    let website = website("input.website", input.website.as_deref())?;
    let idempotency_key = input
        .idempotency_key
        .as_deref()
        .map(|k| text("input.idempotencyKey", k, 100))
        .transpose()?;
    let email_key = author_email.to_lowercase();
    let poster = Poster {
        article: input.article_id,
        user: account.as_ref().map(|a| a.id),
        email: &email_key,
    };
    if let Some(key) = &idempotency_key
        && let Some(existing) = by_idempotency_key(db, key).await?
    {
        return poster.replay(existing);
    }

    let article = store::articles::find(db, &ArticleScope::public(now), input.article_id)
        .await?
        .ok_or(AppError::NotFound("article"))?;
    if !open_for_comments(&article, settings, now) {
        return Err(AppError::Forbidden);
    }
    let (parent_id, depth) = match input.parent_id {
        None => (None, 0),
        Some(parent) => place_reply(db, article.id, parent).await?,
    };

    check_flood(db, settings, &input.client_hash, &email_key, now).await?;

    let status = decide_status(db, viewer, settings, &input, &body, &email_key).await?;
    let model = comment::Model {
        id: Uuid::now_v7(),
        article_id: article.id,
        parent_id,
        depth,
        user_id: account.as_ref().map(|a| a.id),
        author_name,
        author_email: email_key.clone(),
        body,
        status,
        client_ip_hash: Some(input.client_hash.clone()),
        idempotency_key: idempotency_key.clone(),
        website,
        created_at: now,
        updated_at: now,
    };
    match insert(db, model, now).await {
        Ok(comment) => Ok(Posted {
            comment,
            created: true,
        }),
        // Two retries raced: the unique key let one in; answer with it.
        Err(err) => match &idempotency_key {
            Some(key) => match by_idempotency_key(db, key).await? {
                Some(existing) => poster.replay(existing),
                None => Err(err),
            },
            None => Err(err),
        },
    }
}

/// Who is posting, as far as a retry must match.
struct Poster<'a> {
    article: Uuid,
    user: Option<Uuid>,
    email: &'a str,
}

impl Poster<'_> {
    /// The comment saved under a key, as the answer to a retry, but only to the one
    /// who saved it: keys are chosen by clients, and anyone can guess `retry-1`.
    fn replay(&self, existing: comment::Model) -> AppResult<Posted> {
        if existing.article_id == self.article
            && existing.user_id == self.user
            && existing.author_email == self.email
        {
            Ok(Posted {
                comment: existing,
                created: false,
            })
        } else {
            Err(AppError::Conflict(
                "this idempotency key was already used for another comment: choose a new one"
                    .into(),
            ))
        }
    }
}

/// Inserts without `RETURNING`: every value is known already. On SQLite an
/// autocommitted `INSERT ... RETURNING` hands back the row before its commit, and a
/// commit that then failed (a full disk) went unnoticed: the client was told 201
/// for a comment that was never saved.
/// Saves `model` at `now` with its record in the changes: created, and approved
/// when it is public at once.
async fn insert(
    db: &DatabaseConnection,
    model: comment::Model,
    now: DateTime<Utc>,
) -> AppResult<comment::Model> {
    let txn = tx::begin_write(db).await?;
    let result = comment::Entity::insert(model.clone().into_active_model())
        .exec_without_returning(&txn)
        .await
        .map(|_| model)
        .map_err(AppError::from);
    tx::finish_recorded(txn, result, now, |comment| {
        let approved = (comment.status == CommentStatus::Approved)
            .then(|| NewChange::comment(ChangeKind::CommentApproved, comment));
        std::iter::once(NewChange::comment(ChangeKind::CommentCreated, comment)).chain(approved)
    })
    .await
}

async fn by_idempotency_key(
    db: &DatabaseConnection,
    key: &str,
) -> AppResult<Option<comment::Model>> {
    Ok(comment::Entity::find()
        .filter(comment::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?)
}

/// The parent and depth of a reply: replies deeper than [`MAX_DEPTH`] attach beside
/// the deepest allowed comment instead.
async fn place_reply(
    db: &DatabaseConnection,
    article: Uuid,
    parent: Uuid,
) -> AppResult<(Option<Uuid>, i32)> {
    let found = comment::Entity::find_by_id(parent)
        .one(db)
        .await?
        .filter(|p| p.article_id == article && p.status == CommentStatus::Approved)
        .ok_or_else(|| AppError::bad_input("input.parentId", "no such comment on this article"))?;
    if found.depth < MAX_DEPTH {
        Ok((Some(found.id), found.depth + 1))
    } else {
        Ok((found.parent_id, found.depth))
    }
}

async fn check_flood(
    db: &DatabaseConnection,
    settings: &CommentSettings,
    client: &str,
    email: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if let Some(seconds) = settings.flood_seconds {
        check_interval(db, i64::from(seconds), client, email, now).await?;
    }
    if let Some(cap) = settings.hourly_cap {
        check_hourly(db, u64::from(cap), client, now).await?;
    }
    Ok(())
}

async fn check_interval(
    db: &DatabaseConnection,
    seconds: i64,
    client: &str,
    email: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let recent = comment::Entity::find()
        .filter(comment::Column::CreatedAt.gt(now - Duration::seconds(seconds)))
        .filter(
            Condition::any()
                .add(comment::Column::ClientIpHash.eq(client))
                .add(comment::Column::AuthorEmail.eq(email)),
        )
        .order_by_desc(comment::Column::CreatedAt)
        .one(db)
        .await?;
    if let Some(last) = recent {
        let wait = (last.created_at + Duration::seconds(seconds) - now)
            .num_seconds()
            .max(1);
        return Err(AppError::RateLimited {
            retry_after_secs: wait as u64,
        });
    }
    Ok(())
}

async fn check_hourly(
    db: &DatabaseConnection,
    cap: u64,
    client: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let hour_ago = now - Duration::hours(1);
    let this_hour = comment::Entity::find()
        .filter(comment::Column::ClientIpHash.eq(client))
        .filter(comment::Column::CreatedAt.gt(hour_ago));
    if this_hour.clone().count(db).await? >= cap {
        let oldest = this_hour
            .order_by_asc(comment::Column::CreatedAt)
            .one(db)
            .await?;
        let wait = oldest.map_or(3600, |c| {
            (c.created_at + Duration::hours(1) - now)
                .num_seconds()
                .max(1)
        });
        return Err(AppError::RateLimited {
            retry_after_secs: wait as u64,
        });
    }
    Ok(())
}

async fn decide_status(
    db: &DatabaseConnection,
    viewer: &Viewer,
    settings: &CommentSettings,
    input: &NewComment,
    body: &str,
    email: &str,
) -> AppResult<CommentStatus> {
    let bot = input
        .honeypot
        .as_deref()
        .is_some_and(|h| !h.trim().is_empty());
    let spam_address = settings
        .spam_addresses
        .iter()
        .any(|a| a == email || *a == input.client_address.to_lowercase());
    if bot || spam_address || mentions_any(body, &settings.spam_words) {
        return Ok(CommentStatus::Spam);
    }
    if links(body) >= HOLD_LINKS || mentions_any(body, &settings.hold_words) {
        return Ok(CommentStatus::Pending);
    }
    Ok(match viewer {
        Viewer::User {
            role: Role::Reader,
            id,
        } => {
            let approved_before = comment::Entity::find()
                .filter(comment::Column::UserId.eq(*id))
                .filter(comment::Column::Status.eq(CommentStatus::Approved))
                .count(db)
                .await?;
            if approved_before > 0 {
                CommentStatus::Approved
            } else {
                CommentStatus::Pending
            }
        }
        Viewer::User { .. } => CommentStatus::Approved,
        Viewer::Anonymous => CommentStatus::Pending,
    })
}

/// Whether `comment` is still within its author's edit window at `now`.
pub fn editable_by_author(comment: &comment::Model, now: DateTime<Utc>) -> bool {
    now <= comment.created_at + Duration::minutes(EDIT_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_counted_in_any_case() {
        assert_eq!(links("see HTTPS://a.kz and www.b.kz"), 2);
        assert_eq!(links("no links"), 0);
    }

    #[test]
    fn comments_close_after_the_configured_days() {
        let now: DateTime<Utc> = "2025-03-10T09:00:00Z".parse().unwrap();
        let mut article = article::Model {
            id: Uuid::now_v7(),
            translation_group_id: Uuid::now_v7(),
            lang: crate::domain::Language::Ru,
            slug: "x".into(),
            title: "x".into(),
            lead: None,
            body: String::new(),
            status: crate::domain::ArticleStatus::Published,
            published_at: Some(now - Duration::days(31)),
            announced_at: None,
            region_id: None,
            author_id: None,
            meeting_id: None,
            cover_image_url: None,
            cover_image_alt: None,
            cover_media_id: None,
            source: None,
            comments_open: true,
            byline_ru: None,
            byline_kk: None,
            byline_en: None,
            section: None,
            featured_position: None,
            version: 1,
            created_by: None,
            updated_by: None,
            created_at: now,
            updated_at: now,
        };
        let settings = CommentSettings::default();
        assert!(!open_for_comments(&article, &settings, now));
        article.published_at = Some(now - Duration::days(2));
        assert!(open_for_comments(&article, &settings, now));
        article.comments_open = false;
        assert!(!open_for_comments(&article, &settings, now));
        let forever = CommentSettings {
            close_after_days: None,
            ..settings
        };
        article.comments_open = true;
        article.published_at = Some(now - Duration::days(900));
        assert!(open_for_comments(&article, &forever, now));
        article.published_at = Some(now + Duration::hours(1));
        assert!(!open_for_comments(&article, &forever, now), "scheduled");
        article.published_at = Some(now - Duration::days(1));
        article.status = crate::domain::ArticleStatus::Archived;
        assert!(!open_for_comments(&article, &forever, now), "archived");
    }

    #[test]
    fn a_website_is_an_http_url_of_sane_length_or_nothing() {
        let field = "input.website";
        assert_eq!(website(field, None).unwrap(), None);
        assert_eq!(website(field, Some("  ")).unwrap(), None);
        assert_eq!(
            website(field, Some(" https://blog.example.kz/about ")).unwrap(),
            Some("https://blog.example.kz/about".into())
        );
        let long = format!("https://example.kz/{}", "a".repeat(MAX_WEBSITE));
        for bad in ["javascript:alert(1)", "ftp://x.kz", "example.kz", &long] {
            assert!(website(field, Some(bad)).is_err(), "{bad}");
        }
    }
}
