//! Who may move an article through its workflow, and scheduling.

use chrono::Duration;
use polisia_api::{
    auth::Viewer,
    domain::{ArticleStatus, Language, Role},
    editorial::{self, ArticleInput, ArticlePatch, QuoteInput},
    entity::{article, article_slug, quote, user},
    error::AppError,
};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, IntoActiveModel, Set};
use uuid::Uuid;

use super::{code, count, field, now};
use crate::helpers::{migrated_db, viewer_with_role};

async fn draft(conn: &DatabaseConnection, viewer: &Viewer, title: &str) -> article::Model {
    editorial::create_article(
        conn,
        viewer,
        ArticleInput::new(Language::Ru, title, "<p>Текст</p>"),
        now(),
    )
    .await
    .unwrap()
}

fn edit(article: &article::Model) -> ArticlePatch {
    ArticlePatch {
        version: article.version,
        lead: Some(Some("Правка".into())),
        ..Default::default()
    }
}

async fn reload(conn: &DatabaseConnection, id: Uuid) -> article::Model {
    article::Entity::find_by_id(id)
        .one(conn)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn authors_edit_only_their_own_drafts_and_editors_edit_anything() {
    let (_db, conn) = migrated_db().await;
    let author = viewer_with_role(&conn, Role::Author).await;
    let colleague = viewer_with_role(&conn, Role::Author).await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let reader = viewer_with_role(&conn, Role::Reader).await;
    let moderator = viewer_with_role(&conn, Role::Moderator).await;
    let article = draft(&conn, &author, "Черновик автора").await;

    assert_eq!(
        code(
            &editorial::update_article(&conn, &colleague, article.id, edit(&article), now()).await
        ),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::submit_for_review(&conn, &colleague, article.id, now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::delete_article(&conn, &colleague, article.id, now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::update_article(&conn, &reader, article.id, edit(&article), now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(
            &editorial::update_article(&conn, &moderator, article.id, edit(&article), now()).await
        ),
        "FORBIDDEN"
    );
    assert_eq!(
        code(
            &editorial::update_article(
                &conn,
                &Viewer::Anonymous,
                article.id,
                edit(&article),
                now()
            )
            .await
        ),
        "UNAUTHENTICATED"
    );
    let mine = editorial::update_article(&conn, &author, article.id, edit(&article), now())
        .await
        .unwrap();

    // Submitted: no longer the author's to change; the editor may.
    let submitted = editorial::submit_for_review(&conn, &author, article.id, now())
        .await
        .unwrap();
    assert_eq!(submitted.status, ArticleStatus::InReview);
    assert_eq!(submitted.version, mine.version + 1);
    assert_eq!(
        code(&editorial::update_article(&conn, &author, article.id, edit(&submitted), now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::publish(&conn, &author, article.id, None, now()).await),
        "FORBIDDEN"
    );
    let improved = editorial::update_article(&conn, &editor, article.id, edit(&submitted), now())
        .await
        .unwrap();
    let published = editorial::publish(&conn, &editor, article.id, None, now())
        .await
        .unwrap();
    assert_eq!(published.version, improved.version + 1);
    assert_eq!(published.updated_by, editor.user_id());

    // Published: only editors.
    assert_eq!(
        code(&editorial::update_article(&conn, &author, article.id, edit(&published), now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::delete_article(&conn, &author, article.id, now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::archive(&conn, &author, article.id, now()).await),
        "FORBIDDEN"
    );
    assert!(
        editorial::update_article(&conn, &editor, article.id, edit(&published), now())
            .await
            .is_ok()
    );

    // Nobody but writers creates articles; unknown ids are not found.
    let input = || ArticleInput::new(Language::Ru, "Заголовок", "<p>Текст</p>");
    assert_eq!(
        code(&editorial::create_article(&conn, &reader, input(), now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::create_article(&conn, &moderator, input(), now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        code(&editorial::create_article(&conn, &Viewer::Anonymous, input(), now()).await),
        "UNAUTHENTICATED"
    );
    let ghost = ArticlePatch {
        version: 1,
        ..Default::default()
    };
    assert_eq!(
        code(&editorial::update_article(&conn, &editor, Uuid::now_v7(), ghost, now()).await),
        "NOT_FOUND"
    );
}

#[tokio::test]
async fn the_database_decides_the_role_of_a_write() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let article = draft(&conn, &editor, "Заголовок").await;
    let account = user::Entity::find_by_id(editor.user_id().unwrap())
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    let mut demoted = account.clone().into_active_model();
    demoted.role = Set(Role::Author);
    demoted.update(&conn).await.unwrap();
    // The token still says EDITOR; the account no longer is one.
    assert_eq!(
        code(&editorial::publish(&conn, &editor, article.id, None, now()).await),
        "FORBIDDEN"
    );
    let mut disabled = account.into_active_model();
    disabled.disabled = Set(true);
    disabled.update(&conn).await.unwrap();
    assert_eq!(
        code(&editorial::update_article(&conn, &editor, article.id, edit(&article), now()).await),
        "UNAUTHENTICATED"
    );
}

#[tokio::test]
async fn publishing_now_later_and_back() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let article = draft(&conn, &editor, "Запланированная новость").await;

    let past = now() - Duration::hours(2);
    assert_eq!(
        field(editorial::publish(&conn, &editor, article.id, Some(past), now()).await),
        "at"
    );

    let tomorrow = now() + Duration::days(1);
    let scheduled = editorial::publish(&conn, &editor, article.id, Some(tomorrow), now())
        .await
        .unwrap();
    assert_eq!(scheduled.status, ArticleStatus::Published);
    assert_eq!(scheduled.published_at, Some(tomorrow));
    // Still in the future: it may be rescheduled.
    let later = tomorrow + Duration::hours(3);
    let rescheduled = editorial::publish(&conn, &editor, article.id, Some(later), now())
        .await
        .unwrap();
    assert_eq!(rescheduled.published_at, Some(later));
    assert_eq!(reload(&conn, article.id).await.published_at, Some(later));
    // Once its moment has come, it is live: no longer to be rescheduled.
    let then = later + Duration::seconds(1);
    assert_eq!(
        code(
            &editorial::publish(
                &conn,
                &editor,
                article.id,
                Some(then + Duration::days(1)),
                then
            )
            .await
        ),
        "CONFLICT"
    );

    let back = editorial::unpublish(&conn, &editor, article.id, now())
        .await
        .unwrap();
    assert_eq!(back.status, ArticleStatus::Draft);
    assert_eq!(back.published_at, None);
    assert_eq!(
        code(&editorial::unpublish(&conn, &editor, article.id, now()).await),
        "CONFLICT"
    );
    assert_eq!(
        code(&editorial::archive(&conn, &editor, article.id, now()).await),
        "CONFLICT"
    );

    let live = editorial::publish(&conn, &editor, article.id, None, now())
        .await
        .unwrap();
    let at = live.published_at.unwrap();
    assert_eq!(at, now(), "published at the moment it was asked");
    assert_eq!(
        code(&editorial::publish(&conn, &editor, article.id, None, now()).await),
        "CONFLICT"
    );
    let archived = editorial::archive(&conn, &editor, article.id, now())
        .await
        .unwrap();
    assert_eq!(archived.status, ArticleStatus::Archived);
    assert_eq!(archived.published_at, Some(at), "archiving keeps the date");
    assert_eq!(
        code(&editorial::submit_for_review(&conn, &editor, article.id, now()).await),
        "CONFLICT"
    );
}

#[tokio::test]
async fn deleting_takes_everything_attached() {
    let (_db, conn) = migrated_db().await;
    let author = viewer_with_role(&conn, Role::Author).await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let own = draft(&conn, &author, "Свой черновик").await;
    editorial::delete_article(&conn, &author, own.id, now())
        .await
        .unwrap();
    assert!(matches!(
        editorial::delete_article(&conn, &author, own.id, now()).await,
        Err(AppError::NotFound(_))
    ));

    let mut input = ArticleInput::new(Language::Ru, "С цитатой", "<p>Текст</p>");
    input.quotes = vec![QuoteInput {
        participant_id: None,
        text: "Слова".into(),
        kind: None,
    }];
    let article = editorial::create_article(&conn, &editor, input, now())
        .await
        .unwrap();
    let retitle = ArticlePatch {
        version: 1,
        title: Some("Новый заголовок".into()),
        ..Default::default()
    };
    editorial::update_article(&conn, &editor, article.id, retitle, now())
        .await
        .unwrap();
    editorial::publish(&conn, &editor, article.id, None, now())
        .await
        .unwrap();
    assert_eq!(count::<article_slug::Entity>(&conn).await, 1);
    editorial::delete_article(&conn, &editor, article.id, now())
        .await
        .unwrap();
    assert_eq!(count::<article::Entity>(&conn).await, 0);
    assert_eq!(count::<quote::Entity>(&conn).await, 0);
    assert_eq!(count::<article_slug::Entity>(&conn).await, 0);
}
