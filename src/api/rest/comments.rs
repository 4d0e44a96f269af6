//! `/articles/{idOrSlug}/comments`: approved reader comments.
//!
//! The list pages over top-level comments, oldest first, with the same cursors as
//! GraphQL's `Article.comments`. Each carries its whole visible thread in `replies`,
//! flattened one level deep in time order; `parentId` says which comment a reply
//! answers, so a client can indent as deep as it likes. A reply is shown only when
//! every comment above it is approved.

use std::collections::HashMap;

use axum::{Json, extract::State, http::HeaderMap};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::refs::{list_of, next_cursor};
use crate::api::resolve;
use crate::http::extract::{JsonBody, PathParam, Query, parse_json};
use crate::{
    domain::{
        Language,
        cache_tags::{CacheTag, TagSet},
    },
    entity::comment,
    error::AppResult,
    http::{
        cache::{CachePolicy, Cached},
        client_addr::ClientAddr,
    },
    state::AppState,
    store::{
        self,
        articles::ArticleScope,
        comments::{CommentAccess, CommentKey, CommentOrder, Thread},
        page::PageRequest,
    },
};

/// A reader's reply. The text is plain: render it escaped, never as HTML.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CommentReply {
    pub id: Uuid,
    /// The comment this one answers.
    pub parent_id: Uuid,
    /// How deep in the thread: 1 answers a top-level comment.
    #[schema(example = 1)]
    pub depth: i32,
    /// The name the reader gave.
    pub author_name: String,
    /// The reader's own site, if they gave one: link it with `rel="nofollow ugc"`.
    pub website: Option<String>,
    /// The text exactly as typed (plain text).
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// When its text last changed.
    pub updated_at: DateTime<Utc>,
}

/// A top-level reader comment and its thread. The text is plain: render it escaped.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Comment {
    pub id: Uuid,
    /// The name the reader gave.
    #[schema(example = "Айгерим")]
    pub author_name: String,
    /// The reader's own site, if they gave one: link it with `rel="nofollow ugc"`.
    #[schema(example = "https://blog.example.kz")]
    pub website: Option<String>,
    /// The text exactly as typed (plain text).
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// When its text last changed.
    pub updated_at: DateTime<Utc>,
    /// Every visible reply below this comment, at any depth, oldest first.
    pub replies: Vec<CommentReply>,
}

impl Comment {
    /// A top-level comment as REST shows it, with its thread.
    pub fn of(c: comment::Model, replies: Vec<CommentReply>) -> Self {
        Comment {
            id: c.id,
            author_name: c.author_name,
            website: c.website,
            body: c.body,
            created_at: c.created_at,
            updated_at: c.updated_at,
            replies,
        }
    }
}

impl CommentReply {
    /// A reply to `parent_id` as REST shows it.
    pub fn of(c: comment::Model, parent_id: Uuid) -> Self {
        CommentReply {
            id: c.id,
            parent_id,
            depth: c.depth,
            author_name: c.author_name,
            website: c.website,
            body: c.body,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

list_of!(
    /// A page of top-level comments, oldest first.
    CommentList,
    Comment
);

/// Paging of a comment list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentParams {
    /// The language an article slug is looked up in first.
    lang: Option<Language>,
    /// Top-level comments per page, 0 to 100 (default 20).
    #[param(minimum = 0, maximum = 100, default = 20)]
    limit: Option<i64>,
    /// `nextCursor` of the previous page.
    cursor: Option<String>,
}

/// Approved comments on a published article, threads included.
#[utoipa::path(get, path = "/articles/{idOrSlug}/comments", operation_id = "listArticleComments", tag = "comments",
    params(
        ("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id) or slug"),
        CommentParams,
    ),
    responses(
        (status = 200, description = "A page of comments", body = CommentList),
        crate::api::responses::NamedRead,
    ))]
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    Query(params): Query<CommentParams>,
) -> AppResult<Cached<Json<CommentList>>> {
    let request = PageRequest::<CommentKey>::from_rest(params.limit, params.cursor.as_deref())?;
    let scope = ArticleScope::public(state.clock.now());
    let (article, negotiated) =
        resolve::article(state.read_conn(), &scope, &raw, params.lang, &headers).await?;
    let db = state.read_conn();
    let access = CommentAccess::Public;
    let page = store::comments::list(
        db,
        access,
        Thread::Article(article.id),
        CommentOrder::OldestFirst,
        &request,
    )
    .await?;
    let roots: Vec<Uuid> = page.items.iter().map(|c| c.id).collect();
    let replies = store::threads::replies_below(db, access, &roots).await?;
    let mut threads = group_by_root(&roots, replies);
    let next_cursor = next_cursor(&page, CommentKey::of);
    let items = page
        .items
        .into_iter()
        .map(|c| {
            let replies = threads.remove(&c.id).unwrap_or_default();
            Comment::of(c, replies)
        })
        .collect();
    // Its comments, and the article: an answer about an article that left public
    // view must go with it.
    let tags = TagSet::new()
        .with(CacheTag::comments_of(article.id))
        .with(CacheTag::article(article.id));
    Ok(
        Cached::new(CachePolicy::List, Json(CommentList { items, next_cursor }))
            .vary_language(negotiated.from_header)
            .tags(tags),
    )
}

/// Each reply under the top-level comment its thread starts from.
fn group_by_root(roots: &[Uuid], replies: Vec<comment::Model>) -> HashMap<Uuid, Vec<CommentReply>> {
    let parent_of: HashMap<Uuid, Uuid> = replies
        .iter()
        .filter_map(|r| r.parent_id.map(|p| (r.id, p)))
        .collect();
    let root_of = |mut id: Uuid| {
        // Replies were reached from the roots, so the walk up ends at one of them.
        for _ in 0..=store::threads::MAX_REPLY_LEVELS {
            if roots.contains(&id) {
                return Some(id);
            }
            id = *parent_of.get(&id)?;
        }
        None
    };
    let mut threads: HashMap<Uuid, Vec<CommentReply>> = HashMap::new();
    for reply in replies {
        let (Some(parent), Some(root)) = (reply.parent_id, root_of(reply.id)) else {
            continue;
        };
        threads
            .entry(root)
            .or_default()
            .push(CommentReply::of(reply, parent));
    }
    threads
}

/// A comment to post, as a site's "leave a reply" form sends it. Signed-in users
/// (`Authorization: Bearer`) post under their account's name and email and need not
/// send them. The form's hidden trap field, named by the service's configuration
/// (`COMMENT_HONEYPOT_FIELD`, `phone` unless set), may be sent too: people leave it
/// empty, and any value marks the comment as spam, silently.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCommentBody {
    /// The comment replied to, on the same article.
    pub parent_id: Option<Uuid>,
    /// The name shown with the comment (at most 100 characters); required when
    /// anonymous.
    #[schema(example = "Айгерим")]
    pub author_name: Option<String>,
    /// Never shown publicly; required when anonymous.
    #[schema(example = "reader@example.com")]
    pub author_email: Option<String>,
    /// Plain text, at most 5,000 characters.
    #[schema(example = "Спасибо за работу!")]
    pub body: String,
    /// The commenter's own site, shown with the comment: an absolute http:// or
    /// https:// URL of at most 200 characters.
    #[schema(example = "https://blog.example.kz")]
    pub website: Option<String>,
}

/// The honeypot's value, taken out of a posted body whose other fields are then read
/// as a [`NewCommentBody`] (which refuses any field it does not know).
fn split_honeypot(
    mut fields: serde_json::Map<String, serde_json::Value>,
    honeypot_field: &str,
) -> AppResult<(NewCommentBody, Option<String>)> {
    use serde_json::Value;
    let honeypot = match fields.remove(honeypot_field) {
        None | Some(Value::Null) => None,
        Some(Value::String(value)) => Some(value),
        // A bot may fill it with anything at all.
        Some(other) => Some(other.to_string()),
    };
    let rest = serde_json::to_vec(&fields)
        .map_err(|err| crate::error::AppError::Internal(format!("re-encoding a body: {err}")))?;
    Ok((parse_json(&rest)?, honeypot))
}

/// A posted comment as its author sees it.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PostedComment {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub depth: i32,
    pub author_name: String,
    /// The commenter's own site, as saved.
    pub website: Option<String>,
    pub body: String,
    /// PENDING until a moderator approves it (APPROVED for trusted readers).
    #[schema(example = "PENDING")]
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// Posts a comment on a published article. Anonymous comments wait for a moderator.
/// Send `Idempotency-Key` to make a retry return the comment already saved.
#[utoipa::path(post, path = "/articles/{idOrSlug}/comments", operation_id = "postArticleComment", tag = "comments",
    params(
        ("idOrSlug" = String, Path, description = "The article's id (a UUID or its GraphQL global id) or slug"),
        ("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key return the same comment"),
    ),
    request_body = NewCommentBody,
    responses(
        (status = 201, description = "Saved", body = PostedComment),
        (status = 200, description = "Already saved under this Idempotency-Key", body = PostedComment),
        (status = 400, response = crate::api::responses::BadRequest),
        (status = 401, description = "A bad access token", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Comments are closed", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::api::responses::NotFound),
        (status = 409, description = "The Idempotency-Key was already used for someone else's comment", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, response = crate::api::responses::NotJson),
        (status = 429, description = "Too many comments; see Retry-After", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 503, response = crate::api::responses::Unavailable),
    ))]
pub async fn create(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    PathParam(raw): PathParam,
    JsonBody(fields): JsonBody<serde_json::Map<String, serde_json::Value>>,
) -> AppResult<(axum::http::StatusCode, Json<PostedComment>)> {
    let (input, honeypot) = split_honeypot(fields, &state.config.comments.honeypot_field)?;
    let now = state.clock.now();
    let viewer = crate::http::viewer::from_headers(&headers, &state.keys, now)?;
    let scope = ArticleScope::public(now);
    let (article, _) = resolve::article(state.conn(), &scope, &raw, None, &headers).await?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let new = crate::comments::NewComment {
        article_id: article.id,
        parent_id: input.parent_id,
        author_name: input.author_name,
        author_email: input.author_email,
        body: input.body,
        website: input.website,
        honeypot,
        idempotency_key: key,
        client_hash: crate::auth::login::client_hash(client, &state.config.address_hash_key()),
        client_address: client.to_string(),
    };
    let posted =
        crate::comments::post(state.conn(), &viewer, &state.config.comments, new, now).await?;
    let c = posted.comment;
    let status = crate::comments::status_shown(c.status, false);
    let code = if posted.created {
        axum::http::StatusCode::CREATED
    } else {
        axum::http::StatusCode::OK
    };
    Ok((
        code,
        Json(PostedComment {
            id: c.id,
            parent_id: c.parent_id,
            depth: c.depth,
            author_name: c.author_name,
            website: c.website,
            body: c.body,
            status: status.as_str().to_owned(),
            created_at: c.created_at,
        }),
    ))
}
