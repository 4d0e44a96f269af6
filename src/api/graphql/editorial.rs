//! Editorial mutations: articles through their workflow, meetings, people, tags and
//! region names. Each converts its GraphQL input (global ids, named fields) into the
//! editorial layer's input, which checks permissions and writes in one transaction.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{
    article::Article,
    context::ContextExt,
    ids::{self, NodeKind},
    meeting::Meeting,
    participant::Participant,
    region::Region,
    scalars::Date,
    tag::Tag,
};
use crate::{
    announce,
    domain::{Language, MeetingKind, MeetingRole, QuoteKind},
    editorial::{self, input},
    error::AppResult,
    events::Events,
};

/// A changed article.
#[derive(SimpleObject)]
pub struct ArticlePayload {
    /// The article as saved.
    pub article: Article,
}

/// A changed meeting.
#[derive(SimpleObject)]
pub struct MeetingPayload {
    /// The meeting as saved.
    pub meeting: Meeting,
}

/// A changed person.
#[derive(SimpleObject)]
pub struct ParticipantPayload {
    /// The person as saved.
    pub participant: Participant,
}

/// A new tag.
#[derive(SimpleObject)]
pub struct TagPayload {
    /// The tag.
    pub tag: Tag,
}

/// A region with changed names.
#[derive(SimpleObject)]
pub struct RegionPayload {
    /// The region.
    pub region: Region,
}

/// What a deletion removed.
#[derive(SimpleObject)]
pub struct DeletePayload {
    /// The global id of what is gone.
    pub deleted_id: ID,
}

/// A quote inside an article, in article order.
#[derive(InputObject, Clone)]
pub struct QuoteInput {
    /// Who said it (global id), if known.
    pub participant_id: Option<ID>,
    /// The words.
    pub text: String,
    /// DIRECT (default) or PARAPHRASE.
    pub kind: Option<QuoteKind>,
}

/// A new article; it starts as a DRAFT of the viewer's.
#[derive(InputObject)]
pub struct CreateArticleInput {
    pub lang: Language,
    pub title: String,
    pub lead: Option<String>,
    /// HTML; sanitised to an allow-list of tags and attributes.
    pub body: String,
    pub region_id: Option<ID>,
    /// Tag names or slugs.
    pub tags: Option<Vec<String>>,
    pub meeting_id: Option<ID>,
    pub participant_ids: Option<Vec<ID>>,
    pub quotes: Option<Vec<QuoteInput>>,
    /// The editor's "read also", in order.
    pub related_ids: Option<Vec<ID>>,
    pub cover_image_url: Option<String>,
    pub cover_image_alt: Option<String>,
    pub source: Option<String>,
    /// Generated from the title when not given.
    pub slug: Option<String>,
    /// The article this one translates.
    pub translation_of: Option<ID>,
}

/// Changes to an article; absent fields stay as they are, `null` clears.
#[derive(InputObject)]
pub struct UpdateArticleInput {
    /// The version read before editing: a save in between answers CONFLICT.
    pub version: i32,
    pub lang: Option<Language>,
    pub title: Option<String>,
    pub lead: MaybeUndefined<String>,
    pub body: Option<String>,
    pub region_id: MaybeUndefined<ID>,
    pub tags: Option<Vec<String>>,
    pub meeting_id: MaybeUndefined<ID>,
    pub participant_ids: Option<Vec<ID>>,
    pub quotes: Option<Vec<QuoteInput>>,
    pub related_ids: Option<Vec<ID>>,
    pub cover_image_url: MaybeUndefined<String>,
    pub cover_image_alt: MaybeUndefined<String>,
    pub source: MaybeUndefined<String>,
    pub slug: Option<String>,
    pub translation_of: MaybeUndefined<ID>,
}

/// One item of a meeting's agenda.
#[derive(InputObject, Clone)]
pub struct AgendaItemInput {
    pub title: String,
    pub description: Option<String>,
}

/// A new meeting.
#[derive(InputObject)]
pub struct CreateMeetingInput {
    pub title: String,
    /// The body that met.
    pub body: String,
    pub kind: MeetingKind,
    pub held_on: Date,
    pub region_id: ID,
    pub venue: Option<String>,
    /// In order.
    pub agenda: Option<Vec<AgendaItemInput>>,
}

/// Changes to a meeting; absent fields stay, `null` clears.
#[derive(InputObject)]
pub struct UpdateMeetingInput {
    pub title: Option<String>,
    pub body: Option<String>,
    pub kind: Option<MeetingKind>,
    pub held_on: Option<Date>,
    pub region_id: Option<ID>,
    pub venue: MaybeUndefined<String>,
    /// Replaces the whole agenda.
    pub agenda: Option<Vec<AgendaItemInput>>,
}

/// A person's part in a meeting.
#[derive(InputObject)]
pub struct MeetingParticipantInput {
    pub participant_id: ID,
    pub role: MeetingRole,
    /// The position held at the meeting's time.
    pub position: Option<String>,
}

/// A new person.
#[derive(InputObject)]
pub struct CreateParticipantInput {
    /// The full name in Russian.
    pub full_name: String,
    pub full_name_kk: Option<String>,
    pub full_name_en: Option<String>,
    pub position: Option<String>,
    pub organization: Option<String>,
    pub honours: Option<Vec<String>>,
    pub region_id: Option<ID>,
}

/// Changes to a person; absent fields stay, `null` clears.
#[derive(InputObject)]
pub struct UpdateParticipantInput {
    pub full_name: Option<String>,
    pub full_name_kk: MaybeUndefined<String>,
    pub full_name_en: MaybeUndefined<String>,
    pub position: MaybeUndefined<String>,
    pub organization: MaybeUndefined<String>,
    pub honours: Option<Vec<String>>,
    pub region_id: MaybeUndefined<ID>,
}

/// New names of a region.
#[derive(InputObject)]
pub struct UpdateRegionInput {
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
}

fn id(value: &ID, kind: NodeKind, field: &str) -> AppResult<Uuid> {
    ids::decode_as(value, kind, field)
}

fn optional_id(value: Option<&ID>, kind: NodeKind, field: &str) -> AppResult<Option<Uuid>> {
    value.map(|v| id(v, kind, field)).transpose()
}

fn id_list(values: &[ID], kind: NodeKind, field: &str) -> AppResult<Vec<Uuid>> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| id(v, kind, &format!("{field}[{i}]")))
        .collect()
}

fn maybe_id(
    value: MaybeUndefined<ID>,
    kind: NodeKind,
    field: &str,
) -> AppResult<Option<Option<Uuid>>> {
    match value {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(v) => Ok(Some(Some(id(&v, kind, field)?))),
    }
}

fn maybe<T>(value: MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

fn quotes(values: Vec<QuoteInput>, field: &str) -> AppResult<Vec<input::QuoteInput>> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            Ok(input::QuoteInput {
                participant_id: optional_id(
                    q.participant_id.as_ref(),
                    NodeKind::Participant,
                    &format!("{field}[{i}].participantId"),
                )?,
                text: q.text,
                kind: q.kind,
            })
        })
        .collect()
}

fn agenda(items: Vec<AgendaItemInput>) -> Vec<input::AgendaItemInput> {
    items
        .into_iter()
        .map(|a| input::AgendaItemInput {
            title: a.title,
            description: a.description,
        })
        .collect()
}

impl CreateArticleInput {
    fn into_editorial(self) -> AppResult<input::ArticleInput> {
        Ok(input::ArticleInput {
            lang: self.lang,
            title: self.title,
            lead: self.lead,
            body: self.body,
            region_id: optional_id(self.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            tags: self.tags.unwrap_or_default(),
            meeting_id: optional_id(
                self.meeting_id.as_ref(),
                NodeKind::Meeting,
                "input.meetingId",
            )?,
            participant_ids: id_list(
                &self.participant_ids.unwrap_or_default(),
                NodeKind::Participant,
                "input.participantIds",
            )?,
            quotes: quotes(self.quotes.unwrap_or_default(), "input.quotes")?,
            related_ids: id_list(
                &self.related_ids.unwrap_or_default(),
                NodeKind::Article,
                "input.relatedIds",
            )?,
            cover_image_url: self.cover_image_url,
            cover_image_alt: self.cover_image_alt,
            source: self.source,
            slug: self.slug,
            translation_of: optional_id(
                self.translation_of.as_ref(),
                NodeKind::Article,
                "input.translationOf",
            )?,
        })
    }
}

impl UpdateArticleInput {
    fn into_editorial(self) -> AppResult<input::ArticlePatch> {
        Ok(input::ArticlePatch {
            version: self.version,
            lang: self.lang,
            title: self.title,
            lead: maybe(self.lead),
            body: self.body,
            region_id: maybe_id(self.region_id, NodeKind::Region, "input.regionId")?,
            tags: self.tags,
            meeting_id: maybe_id(self.meeting_id, NodeKind::Meeting, "input.meetingId")?,
            participant_ids: self
                .participant_ids
                .map(|ids| id_list(&ids, NodeKind::Participant, "input.participantIds"))
                .transpose()?,
            quotes: self.quotes.map(|q| quotes(q, "input.quotes")).transpose()?,
            related_ids: self
                .related_ids
                .map(|ids| id_list(&ids, NodeKind::Article, "input.relatedIds"))
                .transpose()?,
            cover_image_url: maybe(self.cover_image_url),
            cover_image_alt: maybe(self.cover_image_alt),
            source: maybe(self.source),
            slug: self.slug,
            translation_of: maybe_id(
                self.translation_of,
                NodeKind::Article,
                "input.translationOf",
            )?,
        })
    }
}

/// Mutations of the editorial workflow.
#[derive(Default)]
pub struct EditorialMutation;

#[Object]
impl EditorialMutation {
    /// Writes a new DRAFT (AUTHOR, EDITOR, ADMIN).
    async fn create_article(
        &self,
        ctx: &Context<'_>,
        input: CreateArticleInput,
    ) -> async_graphql::Result<ArticlePayload> {
        let article =
            editorial::create_article(ctx.db(), ctx.viewer(), input.into_editorial()?, ctx.now())
                .await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Changes an article: authors their own drafts, editors any article.
    async fn update_article(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateArticleInput,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::update_article(
            ctx.db(),
            ctx.viewer(),
            id,
            input.into_editorial()?,
            ctx.now(),
        )
        .await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Hands a draft to the editors.
    async fn submit_article_for_review(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::submit_for_review(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Publishes now, or at `at` when it lies in the future (EDITOR, ADMIN).
    async fn publish_article(
        &self,
        ctx: &Context<'_>,
        id: ID,
        at: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::publish(ctx.db(), ctx.viewer(), id, at, ctx.now()).await?;
        announce::published(
            ctx.db(),
            ctx.data_unchecked::<Events>(),
            ctx.clock(),
            &article,
        );
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Takes a published or scheduled article back to DRAFT (EDITOR, ADMIN).
    async fn unpublish_article(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::unpublish(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Withdraws a published article from public view, keeping it (EDITOR, ADMIN).
    async fn archive_article(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<ArticlePayload> {
        let id = ids::decode_as(&id, NodeKind::Article, "id")?;
        let article = editorial::archive(ctx.db(), ctx.viewer(), id, ctx.now()).await?;
        Ok(ArticlePayload {
            article: Article(article),
        })
    }

    /// Deletes an article with its comments (EDITOR, ADMIN; authors their own drafts).
    async fn delete_article(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Article, "id")?;
        editorial::delete_article(ctx.db(), ctx.viewer(), uuid).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Records a meeting with its agenda (EDITOR, ADMIN).
    async fn create_meeting(
        &self,
        ctx: &Context<'_>,
        input: CreateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let input = input::MeetingInput {
            title: input.title,
            body: input.body,
            kind: input.kind,
            held_on: input.held_on.0,
            region_id: id(&input.region_id, NodeKind::Region, "input.regionId")?,
            venue: input.venue,
            agenda: agenda(input.agenda.unwrap_or_default()),
        };
        let meeting = editorial::create_meeting(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(MeetingPayload {
            meeting: Meeting(meeting),
        })
    }

    /// Changes a meeting (EDITOR, ADMIN).
    async fn update_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateMeetingInput,
    ) -> async_graphql::Result<MeetingPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Meeting, "id")?;
        let patch = input::MeetingPatch {
            title: input.title,
            body: input.body,
            kind: input.kind,
            held_on: input.held_on.map(|d| d.0),
            region_id: optional_id(input.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
            venue: maybe(input.venue),
            agenda: input.agenda.map(agenda),
        };
        let meeting =
            editorial::update_meeting(ctx.db(), ctx.viewer(), uuid, patch, ctx.now()).await?;
        Ok(MeetingPayload {
            meeting: Meeting(meeting),
        })
    }

    /// Deletes a meeting; articles that covered it stay (EDITOR, ADMIN).
    async fn delete_meeting(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Meeting, "id")?;
        editorial::delete_meeting(ctx.db(), ctx.viewer(), uuid).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Replaces who took part in a meeting, in order (EDITOR, ADMIN).
    async fn set_meeting_participants(
        &self,
        ctx: &Context<'_>,
        meeting_id: ID,
        participants: Vec<MeetingParticipantInput>,
    ) -> async_graphql::Result<MeetingPayload> {
        let meeting_id = ids::decode_as(&meeting_id, NodeKind::Meeting, "meetingId")?;
        let people = participants
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                Ok(input::MeetingParticipantInput {
                    participant_id: id(
                        &p.participant_id,
                        NodeKind::Participant,
                        &format!("participants[{i}].participantId"),
                    )?,
                    role: p.role,
                    position: p.position,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let meeting = editorial::set_meeting_participants(
            ctx.db(),
            ctx.viewer(),
            meeting_id,
            people,
            ctx.now(),
        )
        .await?;
        Ok(MeetingPayload {
            meeting: Meeting(meeting),
        })
    }

    /// Records a person (EDITOR, ADMIN).
    async fn create_participant(
        &self,
        ctx: &Context<'_>,
        input: CreateParticipantInput,
    ) -> async_graphql::Result<ParticipantPayload> {
        let input = input::ParticipantInput {
            full_name: input.full_name,
            full_name_kk: input.full_name_kk,
            full_name_en: input.full_name_en,
            position: input.position,
            organization: input.organization,
            honours: input.honours.unwrap_or_default(),
            region_id: optional_id(input.region_id.as_ref(), NodeKind::Region, "input.regionId")?,
        };
        let person =
            editorial::create_participant(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(ParticipantPayload {
            participant: Participant(person),
        })
    }

    /// Changes a person (EDITOR, ADMIN).
    async fn update_participant(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateParticipantInput,
    ) -> async_graphql::Result<ParticipantPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Participant, "id")?;
        let patch = input::ParticipantPatch {
            full_name: input.full_name,
            full_name_kk: maybe(input.full_name_kk),
            full_name_en: maybe(input.full_name_en),
            position: maybe(input.position),
            organization: maybe(input.organization),
            honours: input.honours,
            region_id: maybe_id(input.region_id, NodeKind::Region, "input.regionId")?,
        };
        let person =
            editorial::update_participant(ctx.db(), ctx.viewer(), uuid, patch, ctx.now()).await?;
        Ok(ParticipantPayload {
            participant: Participant(person),
        })
    }

    /// Deletes a person not recorded in any meeting (EDITOR, ADMIN).
    async fn delete_participant(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<DeletePayload> {
        let uuid = ids::decode_as(&id, NodeKind::Participant, "id")?;
        editorial::delete_participant(ctx.db(), ctx.viewer(), uuid).await?;
        Ok(DeletePayload { deleted_id: id })
    }

    /// Creates a tag; its slug comes from the name (EDITOR, ADMIN).
    async fn create_tag(
        &self,
        ctx: &Context<'_>,
        name: String,
    ) -> async_graphql::Result<TagPayload> {
        let tag = editorial::create_tag(ctx.db(), ctx.viewer(), &name, ctx.now()).await?;
        Ok(TagPayload { tag: Tag(tag) })
    }

    /// Renames a region in any of its languages (ADMIN).
    async fn update_region(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateRegionInput,
    ) -> async_graphql::Result<RegionPayload> {
        let uuid = ids::decode_as(&id, NodeKind::Region, "id")?;
        let names = input::RegionNamesInput {
            name_kk: input.name_kk,
            name_ru: input.name_ru,
            name_en: input.name_en,
        };
        let region =
            editorial::update_region(ctx.db(), ctx.viewer(), uuid, names, ctx.now()).await?;
        Ok(RegionPayload {
            region: Region(region),
        })
    }
}
