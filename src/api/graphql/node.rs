//! The Node interface: any object by its global id.

use async_graphql::{Context, ID, Interface, Object};

use super::{
    article::Article,
    comment::Comment,
    context::ContextExt,
    ids::{self, NodeKind},
    meeting::Meeting,
    organization::Organization,
    participant::Participant,
    quote::Quote,
    region::Region,
    tag::Tag,
    user::User,
};
use crate::store::loaders::{
    ArticleById, CommentById, MeetingById, OrganizationById, ParticipantById, QuoteById,
    RegionById, TagById, UserById,
};
use crate::{error::AppError, store};

/// An object with a global id that `node(id)` finds again.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "Opaque global id: a string that names the object's type and key. Pass it to `node(id:)` as it is; do not parse or build it."
))]
pub enum Node {
    Article(Article),
    Comment(Comment),
    Meeting(Meeting),
    Organization(Organization),
    Participant(Participant),
    Quote(Quote),
    Region(Region),
    Tag(Tag),
    User(User),
}

async fn load(
    ctx: &Context<'_>,
    kind: NodeKind,
    id: uuid::Uuid,
) -> async_graphql::Result<Option<Node>> {
    let loaders = ctx.loaders();
    Ok(match kind {
        NodeKind::Article => loaders
            .load_one(ArticleById(id))
            .await?
            .map(|a| Node::Article(Article(a))),
        NodeKind::Comment => loaders
            .load_one(CommentById(id))
            .await?
            .map(|c| Node::Comment(Comment(c))),
        NodeKind::Meeting => loaders
            .load_one(MeetingById(id))
            .await?
            .map(|m| Node::Meeting(Meeting::new(m))),
        NodeKind::Participant => loaders
            .load_one(ParticipantById(id))
            .await?
            .map(|p| Node::Participant(Participant::new(p))),
        NodeKind::Organization => loaders
            .load_one(OrganizationById(id))
            .await?
            .map(|o| Node::Organization(Organization::new(o))),
        NodeKind::Region => loaders
            .load_one(RegionById(id))
            .await?
            .map(|r| Node::Region(Region::new(r))),
        NodeKind::Tag => loaders
            .load_one(TagById(id))
            .await?
            .map(|t| Node::Tag(Tag::new(t))),
        NodeKind::User => loaders
            .load_one(UserById(id))
            .await?
            .map(|u| Node::User(User(u))),
        // Keys are for administrators, listed by `apiKeys`: never a public node.
        NodeKind::ApiKey => None,
        // Webhooks are for administrators, listed by `webhooks`.
        NodeKind::Webhook | NodeKind::WebhookDelivery | NodeKind::Image | NodeKind::Position => {
            None
        }
        // Preview links are for staff, listed by `previewLinks(articleId:)`.
        NodeKind::PreviewLink => None,
        NodeKind::Quote => {
            // A quote is seen only where its article is.
            let Some(quote) = loaders.load_one(QuoteById(id)).await? else {
                return Ok(None);
            };
            let visible = loaders
                .load_one(ArticleById(quote.article_id))
                .await?
                .is_some();
            visible.then_some(Node::Quote(Quote::new(quote)))
        }
    })
}

fn decode(id: &ID, field: &str) -> Result<(NodeKind, uuid::Uuid), AppError> {
    ids::decode(id).ok_or_else(|| AppError::bad_input(field, "not a global id"))
}

/// Root fields for the Node interface.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; null when it does not exist or is not visible.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id, as an object's `id` field gives it.")] id: ID,
    ) -> async_graphql::Result<Option<Node>> {
        let (kind, uuid) = decode(&id, "id")?;
        load(ctx, kind, uuid).await
    }

    /// Several objects by global id, in the order asked; null for each one that does
    /// not exist or is not visible. At most 100.
    #[graphql(complexity = "1 + ids.len() * child_complexity")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Global ids, at most 100; the answer has one entry per id, in this order."
        )]
        ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<Option<Node>>> {
        if ids.len() > store::page::MAX_PAGE_SIZE as usize {
            return Err(AppError::bad_input("ids", "at most 100 ids").into());
        }
        let keys = ids
            .iter()
            .enumerate()
            .map(|(i, id)| decode(id, &format!("ids[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        // Loads run together, so each kind is fetched in one batch.
        let loads = keys.into_iter().map(|(kind, uuid)| load(ctx, kind, uuid));
        futures_util::future::try_join_all(loads).await
    }
}
