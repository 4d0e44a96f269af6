//! Articles: the news items, with everything they link to.

use async_graphql::{Context, Enum, ID, InputObject, Object};
use chrono::{DateTime, Utc};
use futures_util::FutureExt;

use super::image::Image;
use super::{
    comment::{Comment, CommentConnection, CommentOrderBy},
    connection::{self, TotalCount, connection},
    context::ContextExt,
    corrections::{Correction, Retraction},
    ids::{self, NodeKind},
    meeting::Meeting,
    names::NamesIn,
    participant::Participant,
    quote::Quote,
    region::Region,
    section::{Byline, Section},
    tag::Tag,
    user::User,
};
use crate::store::loaders::{
    children::{ArticleCountUnder, ArticleList, ArticlesUnder},
    {
        ArticleById, CommentCountOf, CorrectionsOf, GalleryOf, MediaById, MeetingById,
        ParticipantsOf, QuotesOf, RegionById, RelatedOf, RetractionOf, TagsOf, TranslationsOf,
        UserById,
    },
};
use crate::{
    comments::settings::CommentSettings,
    domain::{ArticleStatus, Language},
    entity::article,
    error::AppError,
    presentation::links::{ApiBase, Site, absolute},
    store::{
        self,
        articles::{ArticleFilter, ArticleKey, ArticleOrder, ArticleParent},
        comments::{CommentKey, ThreadKind},
        page::{Page, PageRequest},
        related::{self, RelatedSource},
    },
};

/// A news article in one language.
#[derive(Clone)]
pub struct Article(pub article::Model);

connection!(ArticleConnection, ArticleEdge, Article, "articles");

/// A news article in one language, with the region, meeting, people, quotes and tags
/// it links to and the comments on it. Readers see published articles only (a
/// scheduled one once its time has come); authors also see their own drafts, editors
/// and administrators every article.
#[Object]
impl Article {
    /// Global id of the article, for `node(id:)` and the `id` arguments that take an
    /// article.
    pub async fn id(&self) -> ID {
        ids::encode(NodeKind::Article, self.0.id)
    }

    /// URL-safe name (lowercase latin letters, digits and hyphens), unique within the
    /// article's language; `article(slug:, lang:)` finds the article by it.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// The language the article is written in.
    async fn lang(&self) -> Language {
        self.0.lang
    }

    /// Absolute URL of the page where readers open the article on the public site,
    /// the same address feeds, sitemaps and JSON-LD give.
    async fn url(&self, ctx: &Context<'_>) -> String {
        ctx.data_unchecked::<Site>()
            .article_url(self.0.lang, &self.0.slug)
    }

    /// Headline.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Summary shown under the headline; null when it has none, and for a retracted
    /// article.
    async fn lead(&self) -> Option<&str> {
        if self.withdrawn() {
            return None;
        }
        self.0.lead.as_deref()
    }

    /// Full text as sanitised HTML; empty for a retracted article (see `retraction`),
    /// whose text is no longer shown.
    async fn body(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        if self.withdrawn() {
            return Ok(String::new());
        }
        Ok(self.text(ctx).await?)
    }

    /// Full text without markup, e.g. for previews or text-to-speech; empty for a
    /// retracted article.
    async fn body_text(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        if self.withdrawn() {
            return Ok(String::new());
        }
        Ok(crate::domain::html::to_plain_text(&self.text(ctx).await?))
    }

    /// Corrections made since publication, oldest first, in the article's language.
    async fn corrections(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Correction>> {
        let list = ctx.loaders().load_one(CorrectionsOf(self.0.id)).await?;
        Ok(list
            .unwrap_or_default()
            .into_iter()
            .map(Correction)
            .collect())
    }

    /// Why and when the editors retracted the article; null unless its status is
    /// RETRACTED. A retracted article is found by `article(id:)` and
    /// `article(slug:)` only (no list, feed or search shows it), with its title but
    /// without its lead, text, quotes or picture.
    async fn retraction(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Retraction>> {
        if self.0.status != ArticleStatus::Retracted {
            return Ok(None);
        }
        Ok(ctx
            .loaders()
            .load_one(RetractionOf(self.0.id))
            .await?
            .map(Retraction))
    }

    /// Where the article is in the editorial workflow.
    async fn status(&self) -> ArticleStatus {
        self.0.status
    }

    /// When the article was published, or will be when scheduled (a time in the
    /// future). Null for drafts and articles in review.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// When the article last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// The picture shown with the article: the uploaded cover (with its renditions)
    /// when one is attached, else the picture linked by its address; null when it
    /// has none, and for a retracted article.
    async fn cover_image(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Image>> {
        if self.withdrawn() {
            return Ok(None);
        }
        if let Some(id) = self.0.cover_media_id
            && let Some(view) = ctx.loaders().load_one(MediaById(id)).await?
        {
            return Ok(Some(Image::Uploaded(Box::new(view))));
        }
        let base = &ctx.data_unchecked::<ApiBase>().0;
        Ok(self.0.cover_image_url.as_ref().map(|url| Image::Linked {
            url: absolute(base, url),
            alt: self.0.cover_image_alt.clone(),
        }))
    }

    /// The article's gallery: uploaded images in the editors' order; empty when it
    /// has none, and for a retracted article.
    async fn gallery(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Image>> {
        if self.withdrawn() {
            return Ok(Vec::new());
        }
        let list = ctx.loaders().load_one(GalleryOf(self.0.id)).await?;
        Ok(list
            .unwrap_or_default()
            .into_iter()
            .map(|view| Image::Uploaded(Box::new(view)))
            .collect())
    }

    /// Attribution, e.g. the publication the text comes from.
    async fn source(&self) -> Option<&str> {
        self.0.source.as_deref()
    }

    /// The article's place among the featured articles of its language (1 first);
    /// null when it is not featured.
    async fn featured_position(&self) -> Option<i32> {
        self.0.featured_position.map(i32::from)
    }

    /// Who the article is by: its author, or free text such as a department's press
    /// service.
    async fn byline(&self) -> Byline {
        Byline(self.0.clone())
    }

    /// The section the article sits in; null when it has none. Its name is in the
    /// article's language unless asked otherwise.
    async fn section(&self) -> Option<Section> {
        self.0
            .section
            .map(|s| Section(s, NamesIn::lang(self.0.lang)))
    }

    /// Whether `addComment` takes comments on the article now: false once they have
    /// closed (by the editors, or some days after publication).
    async fn comments_open(&self, ctx: &Context<'_>) -> bool {
        let settings = ctx.data_unchecked::<CommentSettings>();
        crate::comments::open_for_comments(&self.0, settings, ctx.now())
    }

    /// The version to name in `updateArticle` (optimistic concurrency): 1 for a new
    /// article, one more after each saved `updateArticle`.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// When the article was created (staff only; null for others).
    async fn created_at(&self, ctx: &Context<'_>) -> Option<DateTime<Utc>> {
        ctx.viewer().is_staff().then_some(self.0.created_at)
    }

    /// Who created the article (staff only; null for others).
    async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        audit_user(ctx, self.0.created_by).await
    }

    /// Who last changed the article (staff only; null for others).
    async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        audit_user(ctx, self.0.updated_by).await
    }

    /// The region the article is about; null when it is about no single region.
    async fn region(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Region>> {
        let Some(id) = self.0.region_id else {
            return Ok(None);
        };
        let names = NamesIn::lang(self.0.lang);
        Ok(ctx
            .loaders()
            .load_one(RegionById(id))
            .await?
            .map(|row| Region(row, names)))
    }

    /// Who wrote it (public profile); null when no author is recorded.
    async fn author(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        let Some(id) = self.0.author_id else {
            return Ok(None);
        };
        Ok(ctx.loaders().load_one(UserById(id)).await?.map(User))
    }

    /// The meeting the article covers; null when it covers none.
    async fn meeting(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Meeting>> {
        let Some(id) = self.0.meeting_id else {
            return Ok(None);
        };
        let names = NamesIn::lang(self.0.lang);
        Ok(ctx
            .loaders()
            .load_one(MeetingById(id))
            .await?
            .map(|row| Meeting(row, names)))
    }

    /// People the article mentions, in the article's order.
    async fn participants(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Participant>> {
        let people = ctx.loaders().load_one(ParticipantsOf(self.0.id)).await?;
        Ok(people
            .unwrap_or_default()
            .into_iter()
            .map(|row| Participant(row, NamesIn::lang(self.0.lang)))
            .collect())
    }

    /// What was said, in the article's order; empty for a retracted article.
    async fn quotes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Quote>> {
        if self.withdrawn() {
            return Ok(Vec::new());
        }
        let quotes = ctx.loaders().load_one(QuotesOf(self.0.id)).await?;
        Ok(quotes
            .unwrap_or_default()
            .into_iter()
            .map(|row| Quote(row, NamesIn::lang(self.0.lang)))
            .collect())
    }

    /// Tags the article is filed under, by name.
    async fn tags(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Tag>> {
        let tags = ctx.loaders().load_one(TagsOf(self.0.id)).await?;
        let names = NamesIn::lang(self.0.lang);
        Ok(tags
            .unwrap_or_default()
            .into_iter()
            .map(|row| Tag(row, names))
            .collect())
    }

    /// "Read also": the editor's choice, then the same meeting, region and tags,
    /// newest first, in the same language. At most 20.
    #[graphql(complexity = "1 + related_limit(first).unwrap_or(0) as usize * child_complexity")]
    async fn related(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "How many (default 5, at most 20).", default = 5)] first: Option<i32>,
    ) -> async_graphql::Result<Vec<Article>> {
        let limit = related_limit(first).ok_or_else(|| {
            AppError::bad_input(
                "first",
                format!("must be between 0 and {}", related::MAX_LIMIT),
            )
        })?;
        let key = RelatedOf {
            source: RelatedSource::of(&self.0),
            limit,
        };
        let related = ctx.loaders().load_one(key).await?;
        Ok(related
            .unwrap_or_default()
            .into_iter()
            .map(Article)
            .collect())
    }

    /// The same story in the other languages (at most one article per language;
    /// this article is not included).
    async fn translations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Article>> {
        let group = ctx
            .loaders()
            .load_one(TranslationsOf(self.0.translation_group_id))
            .await?;
        Ok(group
            .unwrap_or_default()
            .into_iter()
            .filter(|a| a.id != self.0.id)
            .map(Article)
            .collect())
    }

    /// How many approved comments the article has, replies included.
    async fn comment_count(&self, ctx: &Context<'_>) -> async_graphql::Result<u64> {
        super::cache_tags::note_comments_of(ctx, self.0.id);
        Ok(ctx
            .loaders()
            .load_one(CommentCountOf(self.0.id))
            .await?
            .unwrap_or(0))
    }

    /// Top-level comments the reader may see, oldest first unless asked otherwise.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    async fn comments(
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
        super::cache_tags::note_comments_of(ctx, self.0.id);
        let request = connection::page::<CommentKey>(first, after, last, before)?;
        Comment::thread(
            ctx,
            ThreadKind::Article,
            self.0.id,
            order_by.unwrap_or_default(),
            request,
        )
        .await
    }
}

/// A user named in an audit field, shown to staff only.
pub async fn audit_user(
    ctx: &Context<'_>,
    id: Option<uuid::Uuid>,
) -> async_graphql::Result<Option<User>> {
    match id {
        Some(id) if ctx.viewer().is_staff() => {
            Ok(ctx.loaders().load_one(UserById(id)).await?.map(User))
        }
        _ => Ok(None),
    }
}

/// The order of an article list, by publication time (drafts and articles in
/// review, listed by a status filter, by creation time).
#[derive(Enum, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleOrderBy {
    /// Newest publication first.
    #[default]
    NewestFirst,
    /// Oldest publication first.
    OldestFirst,
}

impl From<ArticleOrderBy> for ArticleOrder {
    fn from(order: ArticleOrderBy) -> Self {
        match order {
            ArticleOrderBy::NewestFirst => ArticleOrder::NewestFirst,
            ArticleOrderBy::OldestFirst => ArticleOrder::OldestFirst,
        }
    }
}

/// Narrows a list of articles; every field is optional and they combine with AND.
#[derive(InputObject, Default, Clone)]
pub struct ArticleFilterInput {
    /// Articles about this region (global id).
    pub region_id: Option<ID>,
    /// Articles about this region (ISO code such as "KZ-43").
    pub region_code: Option<String>,
    /// Articles with this tag (its slug).
    pub tag: Option<String>,
    /// Articles covering this meeting.
    pub meeting_id: Option<ID>,
    /// Articles mentioning or quoting this person.
    pub participant_id: Option<ID>,
    /// Articles covering a meeting held by this organisation or by one within it
    /// (its divisions, at any depth); global id.
    pub organization_id: Option<ID>,
    /// As `organizationId`, by the organisation's slug.
    pub organization: Option<String>,
    /// Published at or after this time.
    pub published_after: Option<DateTime<Utc>>,
    /// Published before this time.
    pub published_before: Option<DateTime<Utc>>,
    /// Articles in this workflow status (staff only). Drafts and articles in review,
    /// having no publication time, are listed only with this filter, by creation time.
    pub status: Option<ArticleStatus>,
    /// Articles in this language.
    pub lang: Option<Language>,
    /// Articles in this section or any section below it: its code (`SEARCHES`) or
    /// slug (`road-safety`).
    pub section: Option<String>,
    /// Only featured articles (true), or only the others (false).
    pub featured: Option<bool>,
}

impl ArticleFilterInput {
    /// Checks the ids and resolves the region code.
    pub async fn resolve(self, ctx: &Context<'_>) -> async_graphql::Result<ArticleFilter> {
        let region_id = super::region::filter_region(ctx, self.region_id, self.region_code).await?;
        let organization_id = super::organization::filter_organization(
            ctx,
            self.organization_id,
            self.organization,
            "filter.organizationId",
            "filter.organization",
        )
        .await?;
        if self.status.is_some() {
            // Authors list their own drafts; editors everyone's.
            crate::auth::permissions::authorize(
                ctx.viewer(),
                crate::auth::permissions::Action::ViewOwnDrafts,
            )?;
        }
        Ok(ArticleFilter {
            region_id,
            tag: self.tag,
            meeting_id: self
                .meeting_id
                .map(|id| ids::decode_as(&id, NodeKind::Meeting, "filter.meetingId"))
                .transpose()?,
            participant_id: self
                .participant_id
                .map(|id| ids::decode_as(&id, NodeKind::Participant, "filter.participantId"))
                .transpose()?,
            organization_id,
            published_after: self.published_after,
            published_before: self.published_before,
            lang: self.lang,
            status: self.status,
            author_id: None,
            updated_since: None,
            section: self
                .section
                .map(|s| crate::editorial::bylines::section("filter.section", &s))
                .transpose()?,
            featured: self.featured,
        })
    }
}

impl Article {
    /// Whether the article is retracted: its text, lead, quotes and picture are no
    /// longer shown to anyone (the notice names it by its title).
    fn withdrawn(&self) -> bool {
        self.0.status == ArticleStatus::Retracted
    }

    /// The body: the one the article was read with, or, for an article a list read
    /// without its text ([`Columns::WithoutBody`]), loaded now with every other such
    /// article the query shows.
    async fn text(&self, ctx: &Context<'_>) -> Result<String, AppError> {
        if !self.0.body.is_empty() {
            return Ok(self.0.body.clone());
        }
        let full = ctx.loaders().load_one(ArticleById(self.0.id)).await?;
        Ok(full.map(|a| a.body).unwrap_or_default())
    }

    /// A page of the articles matching `filter` that the reader may see.
    pub async fn connection(
        ctx: &Context<'_>,
        filter: ArticleFilter,
        order: ArticleOrder,
        request: &PageRequest<ArticleKey>,
    ) -> async_graphql::Result<ArticleConnection> {
        let db = ctx.db().clone();
        let scope = ctx.request().scope;
        let columns = super::prefetch::article_columns(ctx);
        let page =
            store::articles::list_columns(&db, &scope, &filter, order, request, columns).await?;
        super::prefetch::articles(ctx, &page.items).await?;
        let key = ArticleKey::in_list(&filter);
        let total = TotalCount::new(move || {
            let (db, filter) = (db.clone(), filter.clone());
            async move { store::articles::count(&db, &scope, &filter).await }.boxed()
        });
        Ok(ArticleConnection::new(
            connection::edges(page, key, Article),
            total,
        ))
    }

    /// A page of the articles under `parent` matching `filter` as well: the pages
    /// of every parent that asks alike are read together.
    pub async fn connection_under(
        ctx: &Context<'_>,
        kind: ArticleParent,
        parent: uuid::Uuid,
        filter: ArticleFilter,
        order: ArticleOrder,
        request: PageRequest<ArticleKey>,
    ) -> async_graphql::Result<ArticleConnection> {
        let key = ArticleKey::in_list(&filter);
        let list = ArticleList {
            filter: filter.clone(),
            order,
            request,
            columns: super::prefetch::article_columns(ctx),
        };
        let page = ctx
            .loaders()
            .load_one(ArticlesUnder::new(kind, parent, list))
            .await?
            .unwrap_or_else(Page::empty);
        super::prefetch::articles(ctx, &page.items).await?;
        let total = TotalCount::batched(ArticleCountUnder::new(kind, parent, filter));
        Ok(ArticleConnection::new(
            connection::edges(page, key, Article),
            total,
        ))
    }
}

/// Root fields for articles.
#[derive(Default)]
pub struct ArticleQuery;

#[Object]
impl ArticleQuery {
    /// One article by global `id`, or by `slug`: in `lang` first (default: the
    /// request's language), then in the other languages, as REST looks slugs up. A slug
    /// the article had before still finds it. Null when there is
    /// no such article or the viewer may not see it. A retracted article is found,
    /// with its `retraction` and without its text.
    async fn article(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Global id of the article, as its `id` field gives it. Give `id` or `slug`, not both."
        )]
        id: Option<ID>,
        #[graphql(
            desc = "A slug the article has or had in `lang`. Give `id` or `slug`, not both."
        )]
        slug: Option<String>,
        #[graphql(
            desc = "The language `slug` belongs to (slugs are unique per language); default: the request's `Accept-Language`, else RU. Ignored with `id`."
        )]
        lang: Option<Language>,
    ) -> async_graphql::Result<Option<Article>> {
        let request = ctx.request();
        // One article looked up: a retracted one is found too, with its notice.
        let notices = request.scope.with_notices();
        let found = match (id, slug) {
            (Some(id), None) => {
                let id = ids::decode_as(&id, NodeKind::Article, "id")?;
                store::articles::find(ctx.db(), &notices, id).await?
            }
            (None, Some(slug)) => {
                // As REST does: the language asked first, then any other.
                let lang = lang.unwrap_or(request.lang);
                store::articles::find_by_slug_preferring(ctx.db(), &notices, [lang], &slug)
                    .await?
                    .map(|(found, _)| found)
            }
            _ => return Err(AppError::bad_input("id", "give exactly one of id or slug").into()),
        };
        if let Some(article) = &found {
            super::prefetch::article(ctx, article).await?;
        }
        Ok(found.map(Article))
    }

    /// The front page: the featured articles of `lang` the reader may see, by their
    /// place (`featuredPosition`), at most 20.
    async fn featured(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The front page's language; default: the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> async_graphql::Result<Vec<Article>> {
        let request = ctx.request();
        let lang = lang.unwrap_or(request.lang);
        let found = store::articles::featured(ctx.db(), &request.scope, lang).await?;
        super::prefetch::articles(ctx, &found).await?;
        Ok(found.into_iter().map(Article).collect())
    }

    /// Articles the reader may see, newest first by default. `lang` is a shorthand for
    /// `filter.lang`.
    #[graphql(complexity = "connection::cost(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn articles(
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
            desc = "Which articles to list; every field is optional and the fields combine with AND."
        )]
        filter: Option<ArticleFilterInput>,
        #[graphql(
            desc = "Order by publication time; default NEWEST_FIRST, the latest news at the top."
        )]
        order_by: Option<ArticleOrderBy>,
        #[graphql(
            desc = "Only articles in this language; `filter.lang` wins when both are given."
        )]
        lang: Option<Language>,
        #[graphql(desc = "Only those changed at or after this moment (their `updatedAt`).")]
        updated_since: Option<DateTime<Utc>>,
        #[graphql(
            desc = "Only articles in this section or below it (code or slug); a shorthand for `filter.section`, which wins when both are given."
        )]
        section: Option<String>,
        #[graphql(
            desc = "Only featured articles (true) or only the others (false); a shorthand for `filter.featured`, which wins when both are given."
        )]
        featured: Option<bool>,
    ) -> async_graphql::Result<ArticleConnection> {
        let request = connection::page::<ArticleKey>(first, after, last, before)?;
        let mut filter = filter.unwrap_or_default().resolve(ctx).await?;
        if filter.section.is_none() {
            filter.section = section
                .map(|s| crate::editorial::bylines::section("section", &s))
                .transpose()?;
        }
        filter.lang = filter.lang.or(lang);
        filter.featured = filter.featured.or(featured);
        filter.updated_since = updated_since;
        Article::connection(ctx, filter, order_by.unwrap_or_default().into(), &request).await
    }
}

/// The number of related articles `first` asks for, when it is within bounds.
pub(crate) fn related_limit(first: Option<i32>) -> Option<u64> {
    match first {
        None => Some(related::DEFAULT_LIMIT),
        Some(n) => u64::try_from(n).ok().filter(|n| *n <= related::MAX_LIMIT),
    }
}
