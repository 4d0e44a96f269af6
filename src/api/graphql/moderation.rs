//! Posting, moderating and editing comments over GraphQL, and the moderation queue.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use futures_util::FutureExt;

use super::{
    comment::{Comment, CommentConnection},
    connection::{self, TotalCount},
    context::ContextExt,
    editorial::DeletePayload,
    ids::{self, NodeKind},
};
use crate::{
    auth::{
        login,
        permissions::{Action, authorize},
    },
    comments::{self, NewComment, settings::CommentSettings},
    domain::CommentStatus,
    store::{
        self,
        comments::{CommentKey, QueueFilter},
        page::PageRequest,
    },
};

/// A comment to post, as a site's "leave a reply" form sends it. Signed-in users post
/// under their account's name and email.
#[derive(InputObject)]
pub struct AddCommentInput {
    /// The article (global id).
    pub article_id: ID,
    /// The comment replied to, on the same article; omit for a top-level comment. A
    /// reply to a comment 3 levels deep is placed beside it instead.
    pub parent_id: Option<ID>,
    /// The name shown with the comment (at most 100 characters). Required when
    /// anonymous; signed-in users post under their account's name.
    pub author_name: Option<String>,
    /// Never shown publicly (at most 254 characters). Required when anonymous;
    /// signed-in users post with their account's email.
    pub author_email: Option<String>,
    /// Plain text, at most 5,000 characters; shown exactly as typed, never as HTML.
    pub body: String,
    /// The commenter's own site, shown with the comment: an absolute http:// or
    /// https:// URL of at most 200 characters; blank or omitted for none.
    pub website: Option<String>,
    /// The value of the form's hidden trap field, which people never see and leave
    /// empty: any value marks the comment as spam, silently. A site's front-end renders
    /// that field under a name of its choosing and passes its value here.
    pub honeypot: Option<String>,
    /// A key of the client's choosing: sending the same key again returns the comment
    /// already saved instead of a second one.
    pub idempotency_key: Option<String>,
}

/// A changed comment.
#[derive(SimpleObject)]
pub struct CommentPayload {
    /// The comment as saved.
    pub comment: Comment,
}

/// Mutations on comments.
#[derive(Default)]
pub struct CommentMutation;

#[Object]
impl CommentMutation {
    /// Posts a comment. Anonymous comments wait for a moderator; readers with an
    /// approved comment, and staff, are approved at once.
    async fn add_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The comment and the article it is posted on.")] input: AddCommentInput,
    ) -> async_graphql::Result<CommentPayload> {
        let request = ctx.request();
        let key = ctx.data_unchecked::<super::account::AddressKey>();
        let new = NewComment {
            article_id: ids::decode_as(&input.article_id, NodeKind::Article, "input.articleId")?,
            parent_id: input
                .parent_id
                .map(|p| ids::decode_as(&p, NodeKind::Comment, "input.parentId"))
                .transpose()?,
            author_name: input.author_name,
            author_email: input.author_email,
            body: input.body,
            website: input.website,
            honeypot: input.honeypot,
            idempotency_key: input.idempotency_key,
            client_hash: login::client_hash(request.client, &key.0),
            client_address: request.client.to_string(),
        };
        let settings = ctx.data_unchecked::<CommentSettings>();
        let posted = comments::post(ctx.db(), &request.viewer, settings, new, ctx.now()).await?;
        Ok(CommentPayload {
            comment: Comment(posted.comment),
        })
    }

    /// Sets a comment's status (MODERATOR, EDITOR, ADMIN).
    async fn moderate_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the comment.")] id: ID,
        #[graphql(
            desc = "The new status: APPROVED shows it to the public; SPAM and REJECTED hide it; PENDING puts it back in the queue."
        )]
        status: CommentStatus,
    ) -> async_graphql::Result<CommentPayload> {
        let id = ids::decode_as(&id, NodeKind::Comment, "id")?;
        let moderated = comments::moderate(ctx.db(), ctx.viewer(), id, status, ctx.now()).await?;
        Ok(CommentPayload {
            comment: Comment(moderated.comment),
        })
    }

    /// Deletes a comment and its replies: moderators any; readers their own within
    /// 15 minutes of posting.
    async fn delete_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the comment; its replies go with it.")] id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Comment, "id")?;
        comments::delete(ctx.db(), ctx.viewer(), uuid, ctx.now()).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Changes the text of one's own comment within 15 minutes of posting.
    async fn update_comment(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the comment.")] id: ID,
        #[graphql(
            desc = "The new text: plain, 1 to 5,000 characters; with 2 or more links the comment waits for a moderator again."
        )]
        body: String,
    ) -> async_graphql::Result<CommentPayload> {
        let id = ids::decode_as(&id, NodeKind::Comment, "id")?;
        let comment = comments::edit(ctx.db(), ctx.viewer(), id, &body, ctx.now()).await?;
        Ok(CommentPayload {
            comment: Comment(comment),
        })
    }
}

/// Root field for moderators.
#[derive(Default)]
pub struct ModerationQuery;

#[Object]
impl ModerationQuery {
    /// Comments waiting for a decision (or in another `status`), oldest first
    /// (MODERATOR, EDITOR, ADMIN).
    #[graphql(complexity = "connection::cost(first, None, child_complexity)")]
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many comments from the start, or after `after`: 0 to 100, default 20."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Comments after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "Which comments to list; default PENDING, the ones waiting for a decision.",
            default_with = "CommentStatus::Pending"
        )]
        status: CommentStatus,
        #[graphql(desc = "Only comments on this article (global id); default: every article.")]
        article_id: Option<ID>,
    ) -> async_graphql::Result<CommentConnection> {
        authorize(ctx.viewer(), Action::ModerateComments)?;
        let request = PageRequest::<CommentKey>::from_relay(first, after.as_deref(), None, None)?;
        let filter = QueueFilter {
            status,
            article_id: article_id
                .map(|a| ids::decode_as(&a, NodeKind::Article, "articleId"))
                .transpose()?,
        };
        let db = ctx.db().clone();
        let page = store::comments::queue(&db, filter, &request).await?;
        let total = TotalCount::new(move || {
            let db = db.clone();
            async move { store::comments::queue_count(&db, filter).await }.boxed()
        });
        Ok(CommentConnection::new(
            connection::edges(page, CommentKey::of, Comment),
            total,
        ))
    }
}
