//! Creating and updating articles: everything in one transaction, inputs checked
//! and named, optimistic concurrency.

use polisia_api::{
    domain::{ArticleStatus, Language, QuoteKind, Role},
    editorial::{self, ArticleInput, ArticlePatch, QuoteInput},
    entity::{article, article_participant, article_tag, quote, related_article, tag},
    error::AppError,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{code, count, field, now, person, region_id};
use crate::helpers::{migrated_db, viewer_with_role};

const TITLE: &str = "Заседание КСО состоялось в департаменте полиции Кызылординской области";

#[tokio::test]
async fn an_article_is_written_whole_and_in_order() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let chair = person(&conn, &editor, "Нурмурат Ерманов").await;
    let speaker = person(&conn, &editor, "Бауыржан Ибраев").await;
    let earlier = editorial::create_article(
        &conn,
        &editor,
        ArticleInput::new(Language::Ru, "Раньше", "<p>Текст</p>"),
        now(),
    )
    .await
    .unwrap();
    let region = region_id(&conn, "KZ-43").await;

    let mut input = ArticleInput::new(Language::Ru, TITLE, "<p>Повестка заседания.</p>");
    input.lead = Some("  Передает Polisia.kz.  ".into());
    input.region_id = Some(region);
    input.tags = vec!["КСО".into(), "Профилактика".into(), "kso".into()];
    input.participant_ids = vec![speaker, chair];
    input.quotes = vec![
        QuoteInput {
            participant_id: Some(chair),
            text: "Планируется...".into(),
            kind: None,
        },
        QuoteInput {
            participant_id: Some(speaker),
            text: "Отметил важность".into(),
            kind: Some(QuoteKind::Paraphrase),
        },
        QuoteInput {
            participant_id: None,
            text: "Без автора".into(),
            kind: None,
        },
    ];
    input.related_ids = vec![earlier.id];
    input.cover_image_url = Some("https://polisia.kz/uploads/kso.jpg".into());
    input.source = Some("Polisia.kz".into());
    let article = editorial::create_article(&conn, &editor, input, now())
        .await
        .unwrap();

    assert_eq!(article.status, ArticleStatus::Draft);
    assert_eq!(article.version, 1);
    assert_eq!(article.author_id, editor.user_id());
    assert_eq!(article.created_by, editor.user_id());
    assert_eq!(article.updated_by, editor.user_id());
    assert_eq!(article.lead.as_deref(), Some("Передает Polisia.kz."));
    assert_eq!(
        article.slug,
        "zasedanie-kso-sostoyalos-v-departamente-politsii-kyzylordinskoy-oblasti"
    );
    assert_eq!(article.translation_group_id, article.id);
    assert!(article.published_at.is_none());

    // "КСО" and "kso" are one tag: both were new, so two tags were made.
    let tags = tag::Entity::find()
        .order_by_asc(tag::Column::Slug)
        .all(&conn)
        .await
        .unwrap();
    let slugs: Vec<&str> = tags.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["kso", "profilaktika"]);
    assert_eq!(count::<article_tag::Entity>(&conn).await, 2);

    let people = article_participant::Entity::find()
        .filter(article_participant::Column::ArticleId.eq(article.id))
        .order_by_asc(article_participant::Column::SortOrder)
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(
        people.iter().map(|p| p.participant_id).collect::<Vec<_>>(),
        [speaker, chair]
    );

    let quotes = quote::Entity::find()
        .filter(quote::Column::ArticleId.eq(article.id))
        .order_by_asc(quote::Column::Position)
        .all(&conn)
        .await
        .unwrap();
    let said: Vec<(&str, QuoteKind, Option<Uuid>)> = quotes
        .iter()
        .map(|q| (q.text.as_str(), q.kind, q.participant_id))
        .collect();
    assert_eq!(
        said,
        [
            ("Планируется...", QuoteKind::Direct, Some(chair)),
            ("Отметил важность", QuoteKind::Paraphrase, Some(speaker)),
            ("Без автора", QuoteKind::Direct, None),
        ]
    );
    let related = related_article::Entity::find()
        .filter(related_article::Column::ArticleId.eq(article.id))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0].related_id, earlier.id);
}

#[tokio::test]
async fn a_failure_midway_leaves_nothing_behind() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let chair = person(&conn, &editor, "Нурмурат Ерманов").await;
    let mut input = ArticleInput::new(Language::Ru, TITLE, "<p>Текст</p>");
    input.tags = vec!["Новый тег".into(), "Ещё один".into()];
    input.participant_ids = vec![chair];
    input.quotes = vec![
        QuoteInput {
            participant_id: Some(chair),
            text: "Первая".into(),
            kind: None,
        },
        QuoteInput {
            participant_id: None,
            text: "Вторая".into(),
            kind: None,
        },
        QuoteInput {
            participant_id: Some(Uuid::now_v7()),
            text: "Третья".into(),
            kind: None,
        },
    ];
    let result = editorial::create_article(&conn, &editor, input.clone(), now()).await;
    assert_eq!(field(result), "input.quotes[2].participantId");
    assert_eq!(count::<article::Entity>(&conn).await, 0);
    assert_eq!(
        count::<tag::Entity>(&conn).await,
        0,
        "the new tags were rolled back"
    );
    assert_eq!(count::<article_tag::Entity>(&conn).await, 0);
    assert_eq!(count::<article_participant::Entity>(&conn).await, 0);
    assert_eq!(count::<quote::Entity>(&conn).await, 0);

    // The same on an update: the title, tags and quotes before the bad related id stay as they were.
    input.quotes.truncate(2);
    let article = editorial::create_article(&conn, &editor, input, now())
        .await
        .unwrap();
    let patch = ArticlePatch {
        version: article.version,
        title: Some("Другой заголовок".into()),
        tags: Some(vec!["Совсем новый".into()]),
        quotes: Some(vec![]),
        related_ids: Some(vec![Uuid::now_v7()]),
        ..Default::default()
    };
    let result = editorial::update_article(&conn, &editor, article.id, patch, now()).await;
    assert_eq!(field(result), "input.relatedIds[0]");
    let unchanged = article::Entity::find_by_id(article.id)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged, article);
    assert_eq!(count::<tag::Entity>(&conn).await, 2);
    assert_eq!(count::<quote::Entity>(&conn).await, 2);
}

#[tokio::test]
async fn a_stale_version_is_a_conflict() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let article = editorial::create_article(
        &conn,
        &editor,
        ArticleInput::new(Language::Ru, "Заголовок", "<p>1</p>"),
        now(),
    )
    .await
    .unwrap();
    let edit = |version: i32, body: &str| ArticlePatch {
        version,
        body: Some(body.into()),
        ..Default::default()
    };
    let first = editorial::update_article(&conn, &editor, article.id, edit(1, "<p>2</p>"), now())
        .await
        .unwrap();
    assert_eq!(first.version, 2);
    assert_eq!(first.updated_by, editor.user_id());
    assert!(first.updated_at >= article.updated_at);
    let stale =
        editorial::update_article(&conn, &editor, article.id, edit(1, "<p>3</p>"), now()).await;
    assert!(matches!(stale, Err(AppError::Conflict(_))), "{stale:?}");

    // Two saves based on the same version, at the same time: exactly one wins.
    let other = viewer_with_role(&conn, Role::Editor).await;
    let (a, b) = tokio::join!(
        editorial::update_article(&conn, &editor, article.id, edit(2, "<p>A</p>"), now()),
        editorial::update_article(&conn, &other, article.id, edit(2, "<p>B</p>"), now()),
    );
    let outcomes = [code(&a), code(&b)];
    assert!(
        outcomes.contains(&"OK") && outcomes.contains(&"CONFLICT"),
        "{outcomes:?}"
    );
    let stored = article::Entity::find_by_id(article.id)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 3);
    let winner = if a.is_ok() { "<p>A</p>" } else { "<p>B</p>" };
    assert_eq!(stored.body, winner);
}

#[tokio::test]
async fn authors_pick_existing_tags_and_editors_make_new_ones() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let author = viewer_with_role(&conn, Role::Author).await;
    editorial::create_tag(&conn, &editor, "Профилактика", now())
        .await
        .unwrap();
    let mut input = ArticleInput::new(Language::Ru, "Заголовок", "<p>Текст</p>");
    input.tags = vec!["profilaktika".into(), "Новый".into()];
    let result = editorial::create_article(&conn, &author, input.clone(), now()).await;
    assert_eq!(field(result), "input.tags[1]");
    input.tags.truncate(1);
    let article = editorial::create_article(&conn, &author, input, now())
        .await
        .unwrap();
    let links = article_tag::Entity::find()
        .filter(article_tag::Column::ArticleId.eq(article.id))
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(count::<tag::Entity>(&conn).await, 1);
}

#[tokio::test]
async fn translations_share_a_group_with_one_version_per_language() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let ru = editorial::create_article(
        &conn,
        &editor,
        ArticleInput::new(Language::Ru, "Итоги года", "<p>Текст</p>"),
        now(),
    )
    .await
    .unwrap();
    let mut kk = ArticleInput::new(Language::Kk, "Жыл қорытындысы", "<p>Мәтін</p>");
    kk.translation_of = Some(ru.id);
    let kk = editorial::create_article(&conn, &editor, kk, now())
        .await
        .unwrap();
    assert_eq!(kk.translation_group_id, ru.translation_group_id);
    assert_eq!(kk.slug, "zhyl-qorytyndysy");

    let mut second_kk = ArticleInput::new(Language::Kk, "Тағы бір", "<p>Мәтін</p>");
    second_kk.translation_of = Some(kk.id);
    assert_eq!(
        field(editorial::create_article(&conn, &editor, second_kk, now()).await),
        "input.translationOf"
    );

    // Leaving the group, then a Kazakh version may join.
    let leave = ArticlePatch {
        version: kk.version,
        translation_of: Some(None),
        ..Default::default()
    };
    let alone = editorial::update_article(&conn, &editor, kk.id, leave, now())
        .await
        .unwrap();
    assert_ne!(alone.translation_group_id, ru.translation_group_id);
}
