//! Creating articles, and what creating and updating share.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, permissions::allowed, viewer},
    domain::{ArticleStatus, ChangeKind, Language, Section},
    editorial::{
        bylines,
        input::ArticleInput,
        links, refs,
        slugs::{self, Scope},
        tx,
        validate::{self, ALT_MAX, LEAD_MAX, LINE_MAX, MAX_ITEMS, TITLE_MAX},
    },
    entity::article,
    error::{AppError, AppResult},
    store::{changes::NewChange, search_index},
};

/// Starts an article as a DRAFT written by the viewer at `now`. Everything it holds
/// (the row, new tags, people, quotes, related articles) is written in one
/// transaction: an error anywhere leaves nothing behind.
pub async fn create_article(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: ArticleInput,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    authorize(&viewer, Action::CreateArticle)?;
    let checked = Checked {
        title: validate::line("input.title", &input.title, TITLE_MAX)?,
        lead: validate::optional_text("input.lead", input.lead.as_deref(), LEAD_MAX)?,
        body: validate::body("input.body", &input.body)?,
        cover_image_url: validate::optional_url(
            "input.coverImageUrl",
            input.cover_image_url.as_deref(),
        )?,
        cover_image_alt: validate::optional_line(
            "input.coverImageAlt",
            input.cover_image_alt.as_deref(),
            ALT_MAX,
        )?,
        source: validate::optional_line("input.source", input.source.as_deref(), LINE_MAX)?,
        slug: input
            .slug
            .as_deref()
            .map(|slug| validate::explicit_slug("input.slug", slug))
            .transpose()?,
        tags: links::tag_names("input.tags", &input.tags)?,
        quotes: links::quotes("input.quotes", &input.quotes)?,
        byline: input
            .byline
            .as_ref()
            .map(|b| bylines::byline("input.byline", b, input.lang))
            .transpose()?
            .unwrap_or_default(),
        section: input
            .section
            .as_deref()
            .map(|s| bylines::section("input.section", s))
            .transpose()?,
    };
    links::participant_ids("input.participantIds", &input.participant_ids)?;
    links::related_ids("input.relatedIds", &input.related_ids, None)?;
    validate::distinct_ids("input.galleryMediaIds", &input.gallery_media_ids, MAX_ITEMS)?;

    let txn = tx::begin_write(db).await?;
    let result = insert(&txn, &viewer, &input, checked, now).await;
    tx::finish_recorded(txn, result, now, |(article, new_tags)| {
        tag_changes(new_tags)
            .into_iter()
            .chain([NewChange::article(ChangeKind::ArticleCreated, article)])
    })
    .await
    .map(|(article, _)| article)
}

/// The changes recording tags an article's write created.
pub(crate) fn tag_changes(new_tags: &[Uuid]) -> Vec<NewChange> {
    new_tags
        .iter()
        .map(|id| NewChange::of(ChangeKind::TagChanged, *id))
        .collect()
}

/// The parts of an [`ArticleInput`] that checking turned into stored form.
struct Checked {
    title: String,
    lead: Option<String>,
    body: String,
    cover_image_url: Option<String>,
    cover_image_alt: Option<String>,
    source: Option<String>,
    slug: Option<String>,
    tags: Vec<links::TagName>,
    quotes: Vec<links::CheckedQuote>,
    byline: bylines::CheckedByline,
    section: Option<Section>,
}

async fn insert(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    input: &ArticleInput,
    checked: Checked,
    now: DateTime<Utc>,
) -> AppResult<(article::Model, Vec<Uuid>)> {
    if let Some(id) = input.region_id {
        refs::region(db, "input.regionId", id).await?;
    }
    if let Some(id) = input.meeting_id {
        refs::meeting(db, "input.meetingId", id).await?;
    }
    if let Some(id) = input.cover_media_id {
        refs::media(db, "input.coverMediaId", id).await?;
    }
    let id = Uuid::now_v7();
    let group = match input.translation_of {
        Some(of) => translation_group(db, "input.translationOf", of, input.lang, None).await?,
        None => id,
    };
    let scope = Scope::Article {
        lang: input.lang,
        except: None,
    };
    let slug = match checked.slug {
        Some(slug) => claim_slug(db, scope, slug).await?,
        None => slugs::free_slug(db, scope, &slugs::base_slug(&checked.title, "article")).await?,
    };
    let author = viewer.user_id();
    let model = article::ActiveModel {
        id: Set(id),
        translation_group_id: Set(group),
        lang: Set(input.lang),
        slug: Set(slug),
        title: Set(checked.title),
        lead: Set(checked.lead),
        body: Set(checked.body),
        status: Set(ArticleStatus::Draft),
        published_at: Set(None),
        announced_at: Set(None),
        region_id: Set(input.region_id),
        author_id: Set(author),
        meeting_id: Set(input.meeting_id),
        cover_image_url: Set(checked.cover_image_url),
        cover_image_alt: Set(checked.cover_image_alt),
        cover_media_id: Set(input.cover_media_id),
        source: Set(checked.source),
        comments_open: Set(true),
        byline_ru: Set(checked.byline.ru),
        byline_kk: Set(checked.byline.kk),
        byline_en: Set(checked.byline.en),
        section: Set(checked.section),
        featured_position: Set(None),
        version: Set(1),
        created_by: Set(author),
        updated_by: Set(author),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    let may_create_tags = allowed(viewer, Action::ManageTags);
    let new_tags = links::write_tags(db, id, &checked.tags, may_create_tags, now).await?;
    links::write_participants(db, id, &input.participant_ids, "input.participantIds").await?;
    links::write_quotes(db, id, &checked.quotes, "input.quotes", now).await?;
    links::write_related(db, id, &input.related_ids, "input.relatedIds").await?;
    links::write_gallery(db, id, &input.gallery_media_ids, "input.galleryMediaIds").await?;
    search_index::index_articles(db, &[id]).await?;
    Ok((model, new_tags))
}

/// The article `id`, or [`AppError::NotFound`].
pub(crate) async fn find(db: &impl ConnectionTrait, id: Uuid) -> AppResult<article::Model> {
    article::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("article"))
}

/// `slug`, chosen by hand, if no other article of the language has or had it.
pub(crate) async fn claim_slug(
    db: &impl ConnectionTrait,
    scope: Scope,
    slug: String,
) -> AppResult<String> {
    if slugs::is_free(db, scope, &slug).await? {
        Ok(slug)
    } else {
        Err(AppError::bad_input(
            "input.slug",
            "is already used by another article in this language",
        ))
    }
}

/// The translation group to join to translate article `of` into `lang`: the story
/// may have one version per language. `itself` is the article being edited.
pub(crate) async fn translation_group(
    db: &impl ConnectionTrait,
    field: &str,
    of: Uuid,
    lang: Language,
    itself: Option<Uuid>,
) -> AppResult<Uuid> {
    if Some(of) == itself {
        return Err(AppError::bad_input(
            field,
            "an article cannot translate itself",
        ));
    }
    let original = refs::article(db, field, of).await?;
    ensure_language_free(db, field, original.translation_group_id, lang, itself).await?;
    Ok(original.translation_group_id)
}

/// No article of the translation `group` but `itself` is written in `lang`.
pub(crate) async fn ensure_language_free(
    db: &impl ConnectionTrait,
    field: &str,
    group: Uuid,
    lang: Language,
    itself: Option<Uuid>,
) -> AppResult<()> {
    let mut same_language = article::Entity::find()
        .filter(article::Column::TranslationGroupId.eq(group))
        .filter(article::Column::Lang.eq(lang));
    if let Some(id) = itself {
        same_language = same_language.filter(article::Column::Id.ne(id));
    }
    if same_language.one(db).await?.is_some() {
        return Err(AppError::bad_input(
            field,
            "the story already has a version in this language",
        ));
    }
    Ok(())
}

/// The error for an edit based on an old version.
pub(crate) fn stale(current_version: i32) -> AppError {
    AppError::Conflict(format!(
        "the article was changed meanwhile (it is now at version {current_version}): reload it and apply your changes again"
    ))
}
