//! Slugs: transliterated, unique per language, stable once published, with history.

use polisia_api::{
    auth::Viewer,
    domain::{Language, Role},
    editorial::{self, ArticleInput, ArticlePatch},
    entity::{article, article_slug},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{field, now};
use crate::helpers::{migrated_db, viewer_with_role};

async fn create(
    conn: &DatabaseConnection,
    viewer: &Viewer,
    lang: Language,
    title: &str,
) -> article::Model {
    editorial::create_article(
        conn,
        viewer,
        ArticleInput::new(lang, title, "<p>Текст</p>"),
        now(),
    )
    .await
    .unwrap()
}

async fn retired(conn: &DatabaseConnection, article: &article::Model) -> Vec<String> {
    let mut slugs: Vec<String> = article_slug::Entity::find()
        .filter(article_slug::Column::ArticleId.eq(article.id))
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.slug)
        .collect();
    slugs.sort();
    slugs
}

fn retitle(article: &article::Model, title: &str) -> ArticlePatch {
    ArticlePatch {
        version: article.version,
        title: Some(title.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn slugs_are_transliterated_and_unique_per_language() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let first = create(&conn, &editor, Language::Ru, "Итоги года: 19 задач").await;
    let second = create(&conn, &editor, Language::Ru, "Итоги года — 19 задач!").await;
    let third = create(&conn, &editor, Language::Ru, "ИТОГИ ГОДА 19 ЗАДАЧ").await;
    let kazakh = create(&conn, &editor, Language::Kk, "Итоги года: 19 задач").await;
    assert_eq!(first.slug, "itogi-goda-19-zadach");
    assert_eq!(second.slug, "itogi-goda-19-zadach-2");
    assert_eq!(third.slug, "itogi-goda-19-zadach-3");
    assert_eq!(
        kazakh.slug, "itogi-goda-19-zadach",
        "unique per language only"
    );
    let kk = create(
        &conn,
        &editor,
        Language::Kk,
        "Қызылорда облысының полиция департаменті",
    )
    .await;
    assert_eq!(kk.slug, "qyzylorda-oblysynyn-politsiya-departamenti");
    let nothing = create(&conn, &editor, Language::Ru, "🚓 !!!").await;
    assert_eq!(nothing.slug, "article");
}

#[tokio::test]
async fn explicit_slugs_are_checked_and_unique() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let mut input = ArticleInput::new(Language::Ru, "Заголовок", "<p>Текст</p>");
    input.slug = Some("moy-slug".into());
    let chosen = editorial::create_article(&conn, &editor, input.clone(), now())
        .await
        .unwrap();
    assert_eq!(chosen.slug, "moy-slug");
    assert_eq!(
        field(editorial::create_article(&conn, &editor, input.clone(), now()).await),
        "input.slug"
    );
    input.lang = Language::En;
    assert!(
        editorial::create_article(&conn, &editor, input, now())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_draft_follows_its_title_and_keeps_the_old_slug_resolvable() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let draft = create(&conn, &editor, Language::Ru, "Первый вариант").await;
    let renamed = editorial::update_article(
        &conn,
        &editor,
        draft.id,
        retitle(&draft, "Второй вариант"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(renamed.slug, "vtoroy-variant");
    assert_eq!(retired(&conn, &draft).await, ["pervyy-variant"]);
    // The retired slug still belongs to it: another article gets a suffix.
    let other = create(&conn, &editor, Language::Ru, "Первый вариант").await;
    assert_eq!(other.slug, "pervyy-variant-2");

    // A slug chosen by hand does not follow the title.
    let chosen = ArticlePatch {
        version: renamed.version,
        slug: Some("vybor-redaktora".into()),
        ..Default::default()
    };
    let chosen = editorial::update_article(&conn, &editor, draft.id, chosen, now())
        .await
        .unwrap();
    let retitled = editorial::update_article(
        &conn,
        &editor,
        draft.id,
        retitle(&chosen, "Третий вариант"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(retitled.slug, "vybor-redaktora");
    // Going back to one of its own old slugs takes it out of the history.
    let back = ArticlePatch {
        version: retitled.version,
        slug: Some("pervyy-variant".into()),
        ..Default::default()
    };
    let back = editorial::update_article(&conn, &editor, draft.id, back, now())
        .await
        .unwrap();
    assert_eq!(back.slug, "pervyy-variant");
    assert_eq!(
        retired(&conn, &draft).await,
        ["vtoroy-variant", "vybor-redaktora"]
    );
    // Someone else's slug, current or retired, is not free.
    let taken = ArticlePatch {
        version: back.version,
        slug: Some("pervyy-variant-2".into()),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_article(&conn, &editor, draft.id, taken, now()).await),
        "input.slug"
    );
    let theirs = ArticlePatch {
        version: other.version,
        slug: Some("vtoroy-variant".into()),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_article(&conn, &editor, other.id, theirs, now()).await),
        "input.slug"
    );
}

#[tokio::test]
async fn a_published_slug_is_stable_unless_an_editor_sets_one() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let draft = create(&conn, &editor, Language::Ru, "Опубликованная новость").await;
    let published = editorial::publish(&conn, &editor, draft.id, None, now())
        .await
        .unwrap();
    let retitled = editorial::update_article(
        &conn,
        &editor,
        draft.id,
        retitle(&published, "Исправленный заголовок"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(retitled.title, "Исправленный заголовок");
    assert_eq!(retitled.slug, "opublikovannaya-novost");
    assert!(retired(&conn, &draft).await.is_empty());

    let moved = ArticlePatch {
        version: retitled.version,
        slug: Some("ispravlennyy-zagolovok".into()),
        ..Default::default()
    };
    let moved = editorial::update_article(&conn, &editor, draft.id, moved, now())
        .await
        .unwrap();
    assert_eq!(moved.slug, "ispravlennyy-zagolovok");
    assert_eq!(retired(&conn, &draft).await, ["opublikovannaya-novost"]);
    let lang = ArticlePatch {
        version: moved.version,
        lang: Some(Language::Kk),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_article(&conn, &editor, draft.id, lang, now()).await),
        "input.lang"
    );
}
