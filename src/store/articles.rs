//! Reading articles. Every query goes through [`ArticleScope::condition`], so what a
//! reader may not see is invisible on every path: lists, lookups, counts, relations.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Iterable, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select, Value,
    sea_query::{Expr, ExprTrait, Query},
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    children::{self, ParentLink, SortedLink},
    page::{self, CursorKey, KeyOrder, Page, PageRequest},
};
use crate::{
    domain::{ArticleStatus, Language, Section},
    entity::{article, article_participant, article_slug, article_tag, meeting, quote, tag},
    error::AppResult,
};

/// Who is reading, as far as article visibility goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// Published articles whose publication time has come.
    Public,
    /// Those, and every article by this author.
    PublicAndOwn(Uuid),
    /// Everything (editors and admins).
    All,
}

/// Visibility at one moment: scheduled articles appear when their time comes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleScope {
    pub access: Access,
    pub now: DateTime<Utc>,
    /// Whether retracted articles are found too: only when one article is looked up
    /// by id or slug, whose page keeps a public notice. Lists, feeds, search and
    /// sitemaps never set it, so a retraction takes the article out of all of them.
    pub notices: bool,
}

impl ArticleScope {
    /// What the public sees now.
    pub fn public(now: DateTime<Utc>) -> Self {
        ArticleScope {
            access: Access::Public,
            now,
            notices: false,
        }
    }

    /// This scope for looking one article up: retracted articles are found too.
    pub fn with_notices(self) -> Self {
        ArticleScope {
            notices: true,
            ..self
        }
    }

    /// The condition an article row must meet to be seen.
    pub fn condition(&self) -> Condition {
        let published = Condition::all()
            .add(article::Column::Status.eq(ArticleStatus::Published))
            .add(article::Column::PublishedAt.lte(self.now));
        let public = if self.notices {
            Condition::any()
                .add(published)
                .add(article::Column::Status.eq(ArticleStatus::Retracted))
        } else {
            published
        };
        match self.access {
            Access::Public => public,
            Access::PublicAndOwn(author) => Condition::any()
                .add(public)
                .add(article::Column::AuthorId.eq(author)),
            Access::All => Condition::all(),
        }
    }

    /// Whether this one article may be seen.
    pub fn allows(&self, article: &article::Model) -> bool {
        let public = (article.status == ArticleStatus::Published
            && article.published_at.is_some_and(|at| at <= self.now))
            || (self.notices && article.status == ArticleStatus::Retracted);
        match self.access {
            Access::Public => public,
            Access::PublicAndOwn(author) => public || article.author_id == Some(author),
            Access::All => true,
        }
    }
}

/// What a list of articles may be narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ArticleFilter {
    pub region_id: Option<Uuid>,
    /// A tag's slug.
    pub tag: Option<String>,
    pub meeting_id: Option<Uuid>,
    /// Articles mentioning or quoting this person.
    pub participant_id: Option<Uuid>,
    /// Articles covering a meeting held by this organisation or one within it.
    pub organization_id: Option<Uuid>,
    pub published_after: Option<DateTime<Utc>>,
    pub published_before: Option<DateTime<Utc>>,
    pub lang: Option<Language>,
    pub status: Option<ArticleStatus>,
    pub author_id: Option<Uuid>,
    /// Changed at or after this moment.
    pub updated_since: Option<DateTime<Utc>>,
    /// Articles in this section or any below it.
    pub section: Option<Section>,
    /// Only featured articles (`true`) or only the others (`false`).
    pub featured: Option<bool>,
}

/// The order of an article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ArticleOrder {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// The keyset of article lists: publication time, then id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArticleKey {
    pub at: DateTime<Utc>,
    pub id: Uuid,
}

impl CursorKey for ArticleKey {
    const KIND: &'static str = "article";

    fn values(&self) -> (Value, Value) {
        (self.at.into(), self.id.into())
    }
}

impl ArticleKey {
    /// The key of `article` in a list ordered by publication time.
    pub fn of(article: &article::Model) -> Self {
        ArticleKey {
            at: article.published_at.unwrap_or(article.created_at),
            id: article.id,
        }
    }

    /// The key of `article` in a list filtered by `filter`.
    pub fn in_list(filter: &ArticleFilter) -> fn(&article::Model) -> Self {
        if by_creation(filter) {
            |a| ArticleKey {
                at: a.created_at,
                id: a.id,
            }
        } else {
            ArticleKey::of
        }
    }
}

impl ArticleKey {
    /// The cursor of the row whose columns `column` names, in a list filtered by
    /// `filter`: [`Self::in_list`]'s key, encoded in SQL as [`page::encode_cursor`]
    /// encodes it.
    pub fn tree_cursor(filter: &ArticleFilter, column: super::tree::ColumnOf<'_>) -> Expr {
        let at = if by_creation(filter) {
            column("created_at")
        } else {
            Expr::cust_with_exprs(
                "coalesce($1, $2)",
                [column("published_at"), column("created_at")],
            )
        };
        page::tree_cursor::<ArticleKey>(vec![
            ("at", super::tree::rfc3339(at, "Z")),
            ("id", column("id")),
        ])
    }
}

/// Drafts and articles in review have no publication time: their lists run by
/// creation time. Every other list runs by publication time and holds only articles
/// that have one.
fn by_creation(filter: &ArticleFilter) -> bool {
    matches!(
        filter.status,
        Some(ArticleStatus::Draft | ArticleStatus::InReview)
    )
}

fn filtered(scope: &ArticleScope, filter: &ArticleFilter) -> Select<article::Entity> {
    let mut select = article::Entity::find().filter(scope.condition());
    if let Some(region) = filter.region_id {
        select = select.filter(article::Column::RegionId.eq(region));
    }
    if let Some(meeting) = filter.meeting_id {
        select = select.filter(article::Column::MeetingId.eq(meeting));
    }
    if let Some(org) = filter.organization_id {
        let held = Query::select()
            .column(meeting::Column::Id)
            .from(meeting::Entity)
            .and_where(super::organizations::in_subtree(
                "meetings",
                "organization_id",
                org,
            ))
            .to_owned();
        select = select.filter(article::Column::MeetingId.in_subquery(held));
    }
    if let Some(lang) = filter.lang {
        select = select.filter(article::Column::Lang.eq(lang));
    }
    if let Some(status) = filter.status {
        select = select.filter(article::Column::Status.eq(status));
    }
    if let Some(author) = filter.author_id {
        select = select.filter(article::Column::AuthorId.eq(author));
    }
    if let Some(after) = filter.published_after {
        select = select.filter(article::Column::PublishedAt.gte(after));
    }
    if let Some(before) = filter.published_before {
        select = select.filter(article::Column::PublishedAt.lt(before));
    }
    if let Some(section) = filter.section {
        select = select.filter(article::Column::Section.is_in(section.with_descendants()));
    }
    match filter.featured {
        Some(true) => select = select.filter(article::Column::FeaturedPosition.is_not_null()),
        Some(false) => select = select.filter(article::Column::FeaturedPosition.is_null()),
        None => {}
    }
    if let Some(since) = filter.updated_since {
        select = select.filter(article::Column::UpdatedAt.gte(since));
    }
    if let Some(slug) = &filter.tag {
        let tagged = Query::select()
            .column(article_tag::Column::ArticleId)
            .from(article_tag::Entity)
            .inner_join(
                tag::Entity,
                Expr::col((tag::Entity, tag::Column::Id))
                    .equals((article_tag::Entity, article_tag::Column::TagId)),
            )
            .and_where(
                Expr::col((tag::Entity, tag::Column::Slug))
                    .eq(crate::domain::slug::normalize(slug)),
            )
            .to_owned();
        select = select.filter(article::Column::Id.in_subquery(tagged));
    }
    if let Some(person) = filter.participant_id {
        let mentioned = article_participant::Entity::find()
            .select_only()
            .column(article_participant::Column::ArticleId)
            .filter(article_participant::Column::ParticipantId.eq(person))
            .into_query();
        let quoted = quote::Entity::find()
            .select_only()
            .column(quote::Column::ArticleId)
            .filter(quote::Column::ParticipantId.eq(person))
            .into_query();
        select = select.filter(
            Condition::any()
                .add(article::Column::Id.in_subquery(mentioned))
                .add(article::Column::Id.in_subquery(quoted)),
        );
    }
    select
}

/// The articles `scope` may see that match `filter`, with the order they are
/// listed in: drafts and articles in review by creation time, every other list by
/// publication time (and only articles that have one).
fn listed(
    scope: &ArticleScope,
    filter: &ArticleFilter,
    order: ArticleOrder,
) -> (
    Select<article::Entity>,
    KeyOrder<article::Column, article::Column>,
) {
    let descending = order == ArticleOrder::NewestFirst;
    let select = filtered(scope, filter);
    if by_creation(filter) {
        let order = KeyOrder {
            columns: (article::Column::CreatedAt, article::Column::Id),
            descending,
        };
        (select, order)
    } else {
        let select = select.filter(article::Column::PublishedAt.is_not_null());
        let order = KeyOrder {
            columns: (article::Column::PublishedAt, article::Column::Id),
            descending,
        };
        (select, order)
    }
}

/// The arguments of an article list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArticleList {
    pub filter: ArticleFilter,
    pub order: ArticleOrder,
    pub request: PageRequest<ArticleKey>,
    pub columns: Columns,
}

/// Which of an article's columns a list reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Columns {
    /// Every column.
    #[default]
    All,
    /// All but the body, which comes back empty: a list that shows no article's
    /// text is spared reading, sending and decoding its largest column (a tag's
    /// newest articles each with their author read 420 KB of text to show none).
    WithoutBody,
}

impl Columns {
    fn apply(self, select: Select<article::Entity>) -> Select<article::Entity> {
        match self {
            Columns::All => select,
            Columns::WithoutBody => select
                .select_only()
                .columns(article::Column::iter().filter(|c| !matches!(c, article::Column::Body)))
                .expr_as(Expr::val(""), "body"),
        }
    }
}

/// One page of the articles `scope` may see that match `filter`.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    filter: &ArticleFilter,
    order: ArticleOrder,
    request: &PageRequest<ArticleKey>,
) -> AppResult<Page<article::Model>> {
    list_columns(db, scope, filter, order, request, Columns::All).await
}

/// [`list`], reading `columns`.
pub async fn list_columns(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    filter: &ArticleFilter,
    order: ArticleOrder,
    request: &PageRequest<ArticleKey>,
    columns: Columns,
) -> AppResult<Page<article::Model>> {
    let (select, order) = listed(scope, filter, order);
    page::fetch(db, columns.apply(select), order, request).await
}

/// How many articles `scope` may see that match `filter`.
pub async fn count(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    filter: &ArticleFilter,
) -> AppResult<u64> {
    let (select, _) = listed(scope, filter, ArticleOrder::default());
    Ok(select.count(db).await?)
}

/// What a list of articles can hang under, for many parents of one kind at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleParent {
    Region,
    Meeting,
    Tag,
    /// Articles mentioning or quoting the person.
    Participant,
}

/// A tag's links copy their article's publication time while it is published
/// (`article_tags.public_from`, kept by the database), indexed with the tag.
const TAG_LINKS: SortedLink = SortedLink {
    table: "article_tags",
    child: "article_id",
    parent: "tag_id",
    key: "public_from",
};

impl ArticleParent {
    /// The link whose rows carry the list's order, when one does: a tag's public
    /// articles by publication time. Staff lists (drafts have no copy), retraction
    /// notices and lists by creation time use [`Self::link`].
    fn sorted_link(self, scope: &ArticleScope, filter: &ArticleFilter) -> Option<SortedLink> {
        let public = scope.access == Access::Public && !scope.notices;
        (self == ArticleParent::Tag && public && !by_creation(filter)).then_some(TAG_LINKS)
    }

    fn link(self) -> ParentLink {
        match self {
            ArticleParent::Region => ParentLink::Column("region_id"),
            ArticleParent::Meeting => ParentLink::Column("meeting_id"),
            ArticleParent::Tag => ParentLink::Links(&[("article_tags", "article_id", "tag_id")]),
            ArticleParent::Participant => ParentLink::Links(&[
                ("article_participants", "article_id", "participant_id"),
                ("quotes", "article_id", "participant_id"),
            ]),
        }
    }
}

/// The page of articles under each of `parents`, narrowed by `filter` as well, in
/// one statement.
pub async fn pages_under(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    parent: ArticleParent,
    parents: &[Uuid],
    list: &ArticleList,
) -> AppResult<HashMap<Uuid, Page<article::Model>>> {
    let (select, order) = listed(scope, &list.filter, list.order);
    let select = list.columns.apply(select);
    let (select, link) = match parent.sorted_link(scope, &list.filter) {
        Some(link) => (
            select.filter(children::link_column(link.key).lte(scope.now)),
            ParentLink::Sorted(link),
        ),
        None => (select, parent.link()),
    };
    children::pages(db, select, link, order, parents, &list.request).await
}

/// The page [`list`] reads, as the root of a [`tree`](super::tree) read; `None` for
/// a page read backward.
pub fn tree_page(
    scope: &ArticleScope,
    filter: &ArticleFilter,
    order: ArticleOrder,
    request: &PageRequest<ArticleKey>,
) -> Option<page::TreePage> {
    let (select, order) = listed(scope, filter, order);
    page::tree_page(select, order, request)
}

/// The rows [`count`] counts, for a [`tree`](super::tree) read's `totalCount`.
pub fn tree_count(
    scope: &ArticleScope,
    filter: &ArticleFilter,
) -> sea_orm::sea_query::SelectStatement {
    let (select, _) = listed(scope, filter, ArticleOrder::default());
    select.select_only().expr(Expr::cust("1")).into_query()
}

/// The page of articles under the row `parent_id` names, narrowed by `filter`, in
/// `order`, as a level of a [`tree`](super::tree) read: the page [`pages_under`]
/// reads, along the same link, for a forward `request` from the start; `None` for
/// any other.
pub fn tree_page_under(
    scope: &ArticleScope,
    parent: ArticleParent,
    parent_id: Expr,
    filter: &ArticleFilter,
    order: ArticleOrder,
    request: &PageRequest<ArticleKey>,
) -> Option<page::TreePage> {
    let (select, order) = listed(scope, filter, order);
    let (select, link) = match parent.sorted_link(scope, filter) {
        Some(link) => (
            select.filter(children::link_column(link.key).lte(scope.now)),
            ParentLink::Sorted(link),
        ),
        None => (select, parent.link()),
    };
    children::tree_page(select, link, order, parent_id, request)
}

/// The articles [`counts_under`] counts for the row `parent_id` names.
pub fn tree_count_under(
    scope: &ArticleScope,
    parent: ArticleParent,
    parent_id: Expr,
    filter: &ArticleFilter,
) -> sea_orm::sea_query::SelectStatement {
    let (select, _) = listed(scope, filter, ArticleOrder::default());
    children::tree_count(select, parent.link(), parent_id)
}

/// How many articles each of `parents` has, narrowed by `filter`, in one statement.
pub async fn counts_under(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    parent: ArticleParent,
    parents: &[Uuid],
    filter: &ArticleFilter,
) -> AppResult<HashMap<Uuid, u64>> {
    let (select, _) = listed(scope, filter, ArticleOrder::default());
    children::counts(db, select, parent.link(), parents).await
}

/// One article by id, if `scope` may see it.
pub async fn find(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    id: Uuid,
) -> AppResult<Option<article::Model>> {
    Ok(article::Entity::find_by_id(id)
        .filter(scope.condition())
        .one(db)
        .await?)
}

/// Claims at `now` every published article whose moment has come and whose
/// publication nobody has announced yet: marks them announced and returns them. Of
/// several instances claiming at once each article goes to one (the update locks
/// the row; whoever comes second finds it announced).
pub async fn claim_due_announcements(
    txn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> AppResult<Vec<article::Model>> {
    Ok(article::Entity::update_many()
        .col_expr(article::Column::AnnouncedAt, Expr::value(now))
        .filter(article::Column::Status.eq(ArticleStatus::Published))
        .filter(article::Column::AnnouncedAt.is_null())
        .filter(article::Column::PublishedAt.lte(now))
        .exec_with_returning(txn)
        .await?)
}

/// The moment of the soonest published article not announced yet.
pub async fn next_announcement(db: &impl ConnectionTrait) -> AppResult<Option<DateTime<Utc>>> {
    let next: Option<Option<DateTime<Utc>>> = article::Entity::find()
        .select_only()
        .column_as(article::Column::PublishedAt.min(), "next")
        .filter(article::Column::Status.eq(ArticleStatus::Published))
        .filter(article::Column::AnnouncedAt.is_null())
        .into_tuple()
        .one(db)
        .await?;
    Ok(next.flatten())
}

/// One article by its slug in `lang`; a slug it had before still finds it.
pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    lang: Language,
    slug: &str,
) -> AppResult<Option<article::Model>> {
    let slug = crate::domain::slug::normalize(slug);
    let current = article::Entity::find()
        .filter(scope.condition())
        .filter(article::Column::Lang.eq(lang))
        .filter(article::Column::Slug.eq(slug.as_str()))
        .one(db)
        .await?;
    if current.is_some() {
        return Ok(current);
    }
    let former = article_slug::Entity::find()
        .filter(article_slug::Column::Lang.eq(lang))
        .filter(article_slug::Column::Slug.eq(slug.as_str()))
        .one(db)
        .await?;
    match former {
        Some(former) => find(db, scope, former.article_id).await,
        None => Ok(None),
    }
}

/// The article with `slug` in the first language of `preferred` that has one, and
/// failing those in any other: slugs are unique per language only, and a reader who
/// follows a link with the wrong language (or none) still finds the article. Returns
/// the language it was found in.
pub async fn find_by_slug_preferring(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    preferred: impl IntoIterator<Item = Language>,
    slug: &str,
) -> AppResult<Option<(article::Model, Language)>> {
    let mut tried: Vec<Language> = Vec::with_capacity(3);
    let every = [Language::Ru, Language::Kk, Language::En];
    for lang in preferred.into_iter().chain(every) {
        if tried.contains(&lang) {
            continue;
        }
        tried.push(lang);
        if let Some(found) = find_by_slug(db, scope, lang, slug).await? {
            return Ok(Some((found, lang)));
        }
    }
    Ok(None)
}

/// The article `scope` may see with `slug`, found as [`find_by_slug_preferring`]
/// finds it with `preferred` first, as a level of one row of a
/// [`tree`](super::tree) read: of the languages in that order, the first where the
/// slug is an article's, or was one's (an article `scope` may see in both cases).
pub fn tree_by_slug_preferring(
    scope: &ArticleScope,
    preferred: Language,
    slug: &str,
) -> super::tree::Rows {
    use sea_orm::sea_query::{Alias, Order, UnionType};
    let slug = crate::domain::slug::normalize(slug);
    let mut tried: Vec<Language> = Vec::with_capacity(3);
    for lang in [preferred, Language::Ru, Language::Kk, Language::En] {
        if !tried.contains(&lang) {
            tried.push(lang);
        }
    }
    // The rank of a find: its language's place in `tried`, the current slug before
    // a former one.
    let rank = |column: Expr, former: i32| {
        let mut case = sea_orm::sea_query::CaseStatement::new();
        for (i, lang) in tried.iter().enumerate() {
            case = case.case(
                column.clone().eq(sea_orm::ActiveEnum::to_value(lang)),
                Expr::val(i as i32 * 2 + former),
            );
        }
        Expr::Case(Box::new(case))
    };
    let visible = || {
        article::Entity::find()
            .select_only()
            .column(article::Column::Id)
            .filter(scope.condition())
            .into_query()
    };
    let mut current = article::Entity::find()
        .select_only()
        .column(article::Column::Id)
        .expr_as(
            rank(Expr::col((article::Entity, article::Column::Lang)), 0),
            "rank",
        )
        .filter(scope.condition())
        // Every language named, so that the index on (lang, slug) finds the rows.
        .filter(article::Column::Lang.is_in(tried.iter().copied()))
        .filter(article::Column::Slug.eq(slug.as_str()))
        .into_query();
    let former = article_slug::Entity::find()
        .select_only()
        .expr_as(
            Expr::col((article_slug::Entity, article_slug::Column::ArticleId)),
            "id",
        )
        .expr_as(
            rank(
                Expr::col((article_slug::Entity, article_slug::Column::Lang)),
                1,
            ),
            "rank",
        )
        .filter(article_slug::Column::Lang.is_in(tried.iter().copied()))
        .filter(article_slug::Column::Slug.eq(slug.as_str()))
        .filter(article_slug::Column::ArticleId.in_subquery(visible()))
        .into_query();
    current.union(UnionType::All, former);
    let mut first = Query::select();
    first
        .column(Alias::new("id"))
        .from_subquery(current, Alias::new("found"))
        .order_by(Alias::new("rank"), Order::Asc)
        .limit(1);
    super::tree::Rows {
        select: article::Entity::find()
            .filter(Expr::col((article::Entity, article::Column::Id)).in_subquery(first))
            .into_query(),
        order: Vec::new(),
    }
}

/// The article `id` names if `scope` may see it ([`find`]), as a level of one row
/// of a [`tree`](super::tree) read.
pub fn tree_find(scope: &ArticleScope, id: Uuid) -> super::tree::Rows {
    super::tree::Rows {
        select: article::Entity::find_by_id(id)
            .filter(scope.condition())
            .into_query(),
        order: Vec::new(),
    }
}

/// The articles among `ids` that `scope` may see.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    ids: &[Uuid],
) -> AppResult<Vec<article::Model>> {
    Ok(article::Entity::find()
        .filter(scope.condition())
        .filter(article::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// Visible articles of the translation groups `groups`, by language.
pub async fn by_translation_groups(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    groups: &[Uuid],
) -> AppResult<Vec<article::Model>> {
    Ok(article::Entity::find()
        .filter(scope.condition())
        .filter(article::Column::TranslationGroupId.is_in(groups.iter().copied()))
        .order_by_asc(article::Column::Lang)
        .all(db)
        .await?)
}

/// The featured articles of `lang` that `scope` may see, by their place.
pub async fn featured(
    db: &impl ConnectionTrait,
    scope: &ArticleScope,
    lang: Language,
) -> AppResult<Vec<article::Model>> {
    Ok(article::Entity::find()
        .filter(scope.condition())
        .filter(article::Column::Lang.eq(lang))
        .filter(article::Column::FeaturedPosition.is_not_null())
        .order_by_asc(article::Column::FeaturedPosition)
        .all(db)
        .await?)
}
