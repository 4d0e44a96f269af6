//! Inputs: every bad value is refused naming its field, and article HTML is
//! sanitised whatever arrives.

use polisia_api::{
    domain::{Language, Role},
    editorial::{self, ArticleInput, ArticlePatch, QuoteInput},
    entity::article,
};
use uuid::Uuid;

use super::{count, field, now, person};
use crate::helpers::{migrated_db, viewer_with_role};

#[tokio::test]
async fn each_bad_input_names_its_field() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let someone = person(&conn, &editor, "Кто-то").await;
    let base = || ArticleInput::new(Language::Ru, "Заголовок", "<p>Текст</p>");
    let cases: Vec<(ArticleInput, &str)> = vec![
        (
            ArticleInput {
                title: "  ".into(),
                ..base()
            },
            "input.title",
        ),
        (
            ArticleInput {
                title: "я".repeat(301),
                ..base()
            },
            "input.title",
        ),
        (
            ArticleInput {
                title: "Две\nстроки".into(),
                ..base()
            },
            "input.title",
        ),
        (
            ArticleInput {
                lead: Some("л".repeat(1001)),
                ..base()
            },
            "input.lead",
        ),
        (
            ArticleInput {
                body: "<script>alert(1)</script>".into(),
                ..base()
            },
            "input.body",
        ),
        (
            ArticleInput {
                body: "a".repeat(200_001),
                ..base()
            },
            "input.body",
        ),
        (
            ArticleInput {
                cover_image_url: Some("javascript:alert(1)".into()),
                ..base()
            },
            "input.coverImageUrl",
        ),
        (
            ArticleInput {
                cover_image_url: Some("/relative.jpg".into()),
                ..base()
            },
            "input.coverImageUrl",
        ),
        (
            ArticleInput {
                slug: Some("Не-слаг".into()),
                ..base()
            },
            "input.slug",
        ),
        (
            ArticleInput {
                region_id: Some(Uuid::now_v7()),
                ..base()
            },
            "input.regionId",
        ),
        (
            ArticleInput {
                meeting_id: Some(Uuid::now_v7()),
                ..base()
            },
            "input.meetingId",
        ),
        (
            ArticleInput {
                participant_ids: vec![someone, Uuid::now_v7()],
                ..base()
            },
            "input.participantIds[1]",
        ),
        (
            ArticleInput {
                participant_ids: vec![someone, someone],
                ..base()
            },
            "input.participantIds[1]",
        ),
        (
            ArticleInput {
                tags: vec!["ok".into(), "!!!".into()],
                ..base()
            },
            "input.tags[1]",
        ),
        (
            ArticleInput {
                quotes: vec![QuoteInput {
                    participant_id: None,
                    text: " ".into(),
                    kind: None,
                }],
                ..base()
            },
            "input.quotes[0].text",
        ),
        (
            ArticleInput {
                related_ids: vec![Uuid::now_v7()],
                ..base()
            },
            "input.relatedIds[0]",
        ),
        (
            ArticleInput {
                translation_of: Some(Uuid::now_v7()),
                ..base()
            },
            "input.translationOf",
        ),
    ];
    for (input, expected) in cases {
        let result = editorial::create_article(&conn, &editor, input, now()).await;
        assert_eq!(field(result), expected);
    }
    assert_eq!(count::<article::Entity>(&conn).await, 0);
}

#[tokio::test]
async fn hostile_html_is_sanitised() {
    let (_db, conn) = migrated_db().await;
    let author = viewer_with_role(&conn, Role::Author).await;
    let hostile = concat!(
        r#"<p onclick="steal()">Текст<script>alert(document.cookie)</script></p>"#,
        r#"<img src="x" onerror="alert(1)"><a href="javascript:alert(1)">ссылка</a>"#,
        r#"<iframe src="https://evil.example"></iframe><style>body{display:none}</style>"#,
        r#"<a href="https://polisia.kz/">портал</a>"#,
    );
    let article = editorial::create_article(
        &conn,
        &author,
        ArticleInput::new(Language::Ru, "Заголовок", hostile),
        now(),
    )
    .await
    .unwrap();
    for banned in [
        "script",
        "onclick",
        "onerror",
        "javascript",
        "iframe",
        "style",
        "alert",
    ] {
        assert!(
            !article.body.contains(banned),
            "{banned} in {}",
            article.body
        );
    }
    assert!(article.body.contains("<p>Текст</p>"));
    assert!(article.body.contains(
        r#"<a href="https://polisia.kz/" rel="noopener noreferrer nofollow">портал</a>"#
    ));
    let patch = ArticlePatch {
        version: 1,
        body: Some("<p>Ок</p><script>x()</script>".into()),
        ..Default::default()
    };
    let updated = editorial::update_article(&conn, &author, article.id, patch, now())
        .await
        .unwrap();
    assert_eq!(updated.body, "<p>Ок</p>");
}
