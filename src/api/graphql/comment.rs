//! Reader comments: plain text, threaded, approved before the public sees them.

use async_graphql::{Context, Enum, ID, Object};
use chrono::{DateTime, Utc};

use super::{
    article::Article,
    connection::{self, TotalCount, connection},
    context::ContextExt,
    ids::{self, NodeKind},
};
use crate::store::loaders::children::{CommentCountUnder, CommentsUnder, ThreadList};
use crate::store::loaders::{ArticleById, CommentById};
use crate::store::{comments::ThreadKind, page::Page};
use crate::{
    auth::permissions::{Action, allowed},
    domain::CommentStatus,
    entity::comment,
    store::{
        comments::{CommentKey, CommentOrder},
        page::PageRequest,
    },
};

/// A reader's comment. The text is plain: render it escaped, never as HTML.
#[derive(Clone)]
pub struct Comment(pub comment::Model);

connection!(CommentConnection, CommentEdge, Comment, "comments");

/// The order of a comment list, by posting time.
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommentOrderBy {
    /// Oldest first, as a conversation reads.
    #[default]
    OldestFirst,
    /// Newest first.
    NewestFirst,
}

impl From<CommentOrderBy> for CommentOrder {
    fn from(order: CommentOrderBy) -> Self {
        match order {
            CommentOrderBy::OldestFirst => CommentOrder::OldestFirst,
            CommentOrderBy::NewestFirst => CommentOrder::NewestFirst,
        }
    }
}

fn moderator(ctx: &Context<'_>) -> bool {
    allowed(ctx.viewer(), Action::ModerateComments)
}

impl Comment {
    /// A page of the thread under `parent` (an article or a comment): the pages of
    /// every thread of the kind asked alike are read together.
    pub async fn thread(
        ctx: &Context<'_>,
        kind: ThreadKind,
        parent: uuid::Uuid,
        order: CommentOrderBy,
        request: PageRequest<CommentKey>,
    ) -> async_graphql::Result<CommentConnection> {
        let list = ThreadList {
            order: order.into(),
            request,
        };
        let page = ctx
            .loaders()
            .load_one(CommentsUnder::new(kind, parent, list))
            .await?
            .unwrap_or_else(Page::empty);
        let total = TotalCount::batched(CommentCountUnder::new(kind, parent, ()));
        Ok(CommentConnection::new(
            connection::edges(page, CommentKey::of, Comment),
            total,
        ))
    }
}

/// A reader's comment on an article, in threads of replies. The text is plain: render
/// it escaped, never as HTML. Moderators (MODERATOR, EDITOR, ADMIN) see comments of
/// every status, everyone else approved ones only.
#[Object]
impl Comment {
    /// Global id of the comment, for `node(id:)`, `addComment(input: { parentId })` and
    /// the moderation mutations.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Comment, self.0.id)
    }

    /// The text exactly as the reader typed it (plain text, not HTML).
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// The name the reader gave.
    async fn author_name(&self) -> &str {
        &self.0.author_name
    }

    /// The commenter's own site (an http or https URL), or null. Link it with
    /// `rel="nofollow ugc"`: it is what a reader typed.
    async fn website(&self) -> Option<&str> {
        self.0.website.as_deref()
    }

    /// The reader's email: moderators only (null for everyone else).
    async fn author_email(&self, ctx: &Context<'_>) -> Option<&str> {
        moderator(ctx).then_some(self.0.author_email.as_str())
    }

    /// The moderation status. A comment marked as spam reads as PENDING to all but
    /// moderators, so a bot learns nothing.
    async fn status(&self, ctx: &Context<'_>) -> CommentStatus {
        crate::comments::status_shown(self.0.status, moderator(ctx))
    }

    /// When the text last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// When it was posted.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// How deep in its thread: 0 for a top-level comment.
    async fn depth(&self) -> i32 {
        self.0.depth
    }

    /// The article it is on.
    async fn article(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Article>> {
        Ok(ctx
            .loaders()
            .load_one(ArticleById(self.0.article_id))
            .await?
            .map(Article))
    }

    /// The comment this one replies to; null for a top-level comment.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Comment>> {
        let Some(parent) = self.0.parent_id else {
            return Ok(None);
        };
        Ok(ctx
            .loaders()
            .load_one(CommentById(parent))
            .await?
            .map(Comment))
    }

    /// Replies the reader may see, oldest first unless asked otherwise.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn replies(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many items from the start, or after `after`: 0 to 100, default 20. Not with `last`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor` of this list)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many items from the end, or before `before`: 0 to 100, default 20. Not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor` of this list). Not with `after`."
        )]
        before: Option<String>,
        #[graphql(
            desc = "Order by posting time; default OLDEST_FIRST, the order in which a conversation reads."
        )]
        order_by: Option<CommentOrderBy>,
    ) -> async_graphql::Result<CommentConnection> {
        super::cache_tags::note_comments_of(ctx, self.0.article_id);
        let request = connection::page::<CommentKey>(first, after, last, before)?;
        Comment::thread(
            ctx,
            ThreadKind::Replies,
            self.0.id,
            order_by.unwrap_or_default(),
            request,
        )
        .await
    }
}
