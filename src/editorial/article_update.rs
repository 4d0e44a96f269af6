//! Updating an article: optimistic concurrency, stable slugs, one transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    auth::{Action, Viewer, authorize, permissions::allowed, viewer},
    domain::{ArticleStatus, ChangeKind, Language, Section},
    editorial::{
        articles::{self, claim_slug, ensure_language_free, stale, translation_group},
        bylines,
        input::ArticlePatch,
        links, refs,
        slugs::{self, Scope},
        tx,
        validate::{self, ALT_MAX, LEAD_MAX, LINE_MAX, TITLE_MAX},
    },
    entity::article,
    error::{AppError, AppResult},
    store::changes::NewChange,
};

/// Applies `patch` to article `id`.
///
/// `patch.version` must be the stored version, else [`AppError::Conflict`]; the
/// update itself is conditional on it, so of two saves based on one version exactly
/// one wins. Authors change only their own drafts; editors change anything.
///
/// Slugs: a draft whose slug was generated from its title follows a new title; a
/// published (or archived) article keeps its slug when its title changes. An
/// explicit `slug` replaces the slug of any article the viewer may edit. Every slug
/// an article leaves goes into its history, where it keeps resolving. The change is
/// made at `now`.
pub async fn update_article(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    patch: ArticlePatch,
    now: DateTime<Utc>,
) -> AppResult<article::Model> {
    let viewer = viewer::refresh(db, viewer).await?;
    // Whoever cannot write articles at all learns nothing about this one.
    authorize(&viewer, Action::CreateArticle)?;
    let current = articles::find(db, id).await?;
    authorize(
        &viewer,
        Action::EditArticle {
            author_id: current.author_id,
            status: current.status,
        },
    )?;
    super::corrections::ensure_not_retracted(&current)?;
    if patch.version != current.version {
        return Err(stale(current.version));
    }
    let checked = check(patch, current.lang)?;
    let txn = tx::begin_write(db).await?;
    let result = apply(&txn, &viewer, &current, checked, now).await;
    tx::finish_recorded(txn, result, now, |(article, new_tags)| {
        let renamed = (article.slug != current.slug)
            .then(|| NewChange::article(ChangeKind::ArticleSlugChanged, article));
        super::articles::tag_changes(new_tags)
            .into_iter()
            .chain([NewChange::article(ChangeKind::ArticleUpdated, article)])
            .chain(renamed)
    })
    .await
    .map(|(article, _)| article)
}

/// A patch whose values are checked and in stored form.
struct Checked {
    lang: Option<Language>,
    title: Option<String>,
    lead: Option<Option<String>>,
    body: Option<String>,
    region_id: Option<Option<Uuid>>,
    meeting_id: Option<Option<Uuid>>,
    cover_image_url: Option<Option<String>>,
    cover_image_alt: Option<Option<String>>,
    cover_media_id: Option<Option<Uuid>>,
    gallery_media_ids: Option<Vec<Uuid>>,
    source: Option<Option<String>>,
    slug: Option<String>,
    translation_of: Option<Option<Uuid>>,
    tags: Option<Vec<links::TagName>>,
    participant_ids: Option<Vec<Uuid>>,
    quotes: Option<Vec<links::CheckedQuote>>,
    related_ids: Option<Vec<Uuid>>,
    byline: Option<bylines::CheckedByline>,
    section: Option<Option<Section>>,
}

/// `lang` is the article's language before the patch.
fn check(patch: ArticlePatch, lang: Language) -> AppResult<Checked> {
    let lang = patch.lang.unwrap_or(lang);
    if let Some(ids) = &patch.participant_ids {
        links::participant_ids("input.participantIds", ids)?;
    }
    if let Some(ids) = &patch.gallery_media_ids {
        validate::distinct_ids("input.galleryMediaIds", ids, validate::MAX_ITEMS)?;
    }
    Ok(Checked {
        lang: patch.lang,
        title: patch
            .title
            .map(|t| validate::line("input.title", &t, TITLE_MAX))
            .transpose()?,
        lead: patch
            .lead
            .map(|l| validate::optional_text("input.lead", l.as_deref(), LEAD_MAX))
            .transpose()?,
        body: patch
            .body
            .map(|b| validate::body("input.body", &b))
            .transpose()?,
        region_id: patch.region_id,
        meeting_id: patch.meeting_id,
        cover_image_url: patch
            .cover_image_url
            .map(|u| validate::optional_url("input.coverImageUrl", u.as_deref()))
            .transpose()?,
        cover_image_alt: patch
            .cover_image_alt
            .map(|a| validate::optional_line("input.coverImageAlt", a.as_deref(), ALT_MAX))
            .transpose()?,
        cover_media_id: patch.cover_media_id,
        gallery_media_ids: patch.gallery_media_ids,
        source: patch
            .source
            .map(|s| validate::optional_line("input.source", s.as_deref(), LINE_MAX))
            .transpose()?,
        slug: patch
            .slug
            .map(|s| validate::explicit_slug("input.slug", &s))
            .transpose()?,
        translation_of: patch.translation_of,
        tags: patch
            .tags
            .map(|t| links::tag_names("input.tags", &t))
            .transpose()?,
        participant_ids: patch.participant_ids,
        quotes: patch
            .quotes
            .map(|q| links::quotes("input.quotes", &q))
            .transpose()?,
        related_ids: patch.related_ids,
        byline: patch
            .byline
            .map(|b| bylines::byline("input.byline", &b.unwrap_or_default(), lang))
            .transpose()?,
        section: patch
            .section
            .map(|s| {
                s.as_deref()
                    .map(|s| bylines::section("input.section", s))
                    .transpose()
            })
            .transpose()?,
    })
}

async fn apply(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    current: &article::Model,
    checked: Checked,
    now: DateTime<Utc>,
) -> AppResult<(article::Model, Vec<Uuid>)> {
    let id = current.id;
    let lang = checked.lang.unwrap_or(current.lang);
    let settled = matches!(
        current.status,
        ArticleStatus::Published | ArticleStatus::Archived | ArticleStatus::Retracted
    );
    if lang != current.lang && settled {
        return Err(AppError::bad_input(
            "input.lang",
            "a published article keeps its language",
        ));
    }
    if let Some(Some(region)) = checked.region_id {
        refs::region(db, "input.regionId", region).await?;
    }
    if let Some(Some(meeting)) = checked.meeting_id {
        refs::meeting(db, "input.meetingId", meeting).await?;
    }
    if let Some(ids) = &checked.related_ids {
        links::related_ids("input.relatedIds", ids, Some(id))?;
    }
    if let Some(Some(cover)) = checked.cover_media_id {
        refs::media(db, "input.coverMediaId", cover).await?;
    }
    let group = match checked.translation_of {
        Some(Some(of)) => translation_group(db, "input.translationOf", of, lang, Some(id)).await?,
        // Leaving the group: a new group of its own (its id may be the old group's).
        Some(None) => Uuid::now_v7(),
        None => {
            if lang != current.lang {
                let group = current.translation_group_id;
                ensure_language_free(db, "input.lang", group, lang, Some(id)).await?;
            }
            current.translation_group_id
        }
    };

    let scope = Scope::Article {
        lang,
        except: Some(id),
    };
    let title = checked.title.as_deref().unwrap_or(&current.title);
    let follows = slugs::follows_title(&current.slug, &current.title);
    let slug = match checked.slug {
        Some(slug) if slug == current.slug && lang == current.lang => slug,
        Some(slug) => claim_slug(db, scope, slug).await?,
        None if lang != current.lang || (!settled && follows && title != current.title) => {
            let base = if follows {
                slugs::base_slug(title, "article")
            } else {
                current.slug.clone()
            };
            slugs::free_slug(db, scope, &base).await?
        }
        None => current.slug.clone(),
    };

    let mut changes = article::ActiveModel {
        version: Set(current.version + 1),
        updated_by: Set(viewer.user_id()),
        updated_at: Set(now),
        ..Default::default()
    };
    if lang != current.lang {
        changes.lang = Set(lang);
    }
    if slug != current.slug {
        changes.slug = Set(slug.clone());
    }
    if group != current.translation_group_id {
        changes.translation_group_id = Set(group);
    }
    if let Some(title) = checked.title {
        changes.title = Set(title);
    }
    if let Some(lead) = checked.lead {
        changes.lead = Set(lead);
    }
    if let Some(body) = checked.body {
        changes.body = Set(body);
    }
    if let Some(region_id) = checked.region_id {
        changes.region_id = Set(region_id);
    }
    if let Some(meeting_id) = checked.meeting_id {
        changes.meeting_id = Set(meeting_id);
    }
    if let Some(url) = checked.cover_image_url {
        changes.cover_image_url = Set(url);
    }
    if let Some(alt) = checked.cover_image_alt {
        changes.cover_image_alt = Set(alt);
    }
    if let Some(cover) = checked.cover_media_id {
        changes.cover_media_id = Set(cover);
    }
    if let Some(source) = checked.source {
        changes.source = Set(source);
    }
    if let Some(byline) = checked.byline {
        changes.byline_ru = Set(byline.ru);
        changes.byline_kk = Set(byline.kk);
        changes.byline_en = Set(byline.en);
    }
    if let Some(section) = checked.section {
        changes.section = Set(section);
    }
    // The version in the WHERE clause is what makes two concurrent saves safe: the
    // second waits for the first's row lock, then matches nothing.
    let updated = article::Entity::update_many()
        .set(changes)
        .filter(article::Column::Id.eq(id))
        .filter(article::Column::Version.eq(current.version))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        return Err(stale(current.version));
    }
    if (lang, slug.as_str()) != (current.lang, current.slug.as_str()) {
        slugs::retire(db, id, (current.lang, &current.slug), (lang, &slug), now).await?;
    }
    let mut new_tags = Vec::new();
    if let Some(tags) = &checked.tags {
        let may_create = allowed(viewer, Action::ManageTags);
        new_tags = links::write_tags(db, id, tags, may_create, now).await?;
    }
    if let Some(ids) = &checked.participant_ids {
        links::write_participants(db, id, ids, "input.participantIds").await?;
    }
    if let Some(quotes) = &checked.quotes {
        links::write_quotes(db, id, quotes, "input.quotes", now).await?;
    } else if checked
        .meeting_id
        .is_some_and(|meeting| meeting != current.meeting_id)
    {
        // Another event: the quotes name what their speakers held on its day.
        super::held::repoint_articles(db, &[id]).await?;
    }
    if let Some(ids) = &checked.related_ids {
        links::write_related(db, id, ids, "input.relatedIds").await?;
    }
    if let Some(ids) = &checked.gallery_media_ids {
        links::write_gallery(db, id, ids, "input.galleryMediaIds").await?;
    }
    crate::store::search_index::index_articles(db, &[id]).await?;
    Ok((articles::find(db, id).await?, new_tags))
}
