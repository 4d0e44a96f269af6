//! Rows written straight into a test's database, so each test controls what exists.
//! They are dated from [`start`], the moment a test service's clock starts at.

use chrono::{DateTime, Duration, TimeZone, Utc};
use polisia_api::{
    domain::{ArticleStatus, CommentStatus, Language, Section},
    entity::{article, article_tag, comment, related_article, tag},
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use uuid::Uuid;

/// The moment every test service's clock starts at (see `TestApp::spawn`), and that
/// fixtures are dated from: a fixed one, so that nothing depends on when tests run.
/// It lies after every date the demo content gives, as a real start would.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

/// An article to insert; `build` fills the rest.
pub struct NewArticle {
    pub title: String,
    pub lang: Language,
    pub status: ArticleStatus,
    pub published_at: Option<DateTime<Utc>>,
    pub region_id: Option<Uuid>,
    pub group: Option<Uuid>,
    pub section: Option<Section>,
}

impl NewArticle {
    /// A Russian article published `minutes_ago` (before [`start`]).
    pub fn published(title: &str, minutes_ago: i64) -> Self {
        NewArticle {
            title: title.into(),
            lang: Language::Ru,
            status: ArticleStatus::Published,
            published_at: Some(start() - Duration::minutes(minutes_ago)),
            region_id: None,
            group: None,
            section: None,
        }
    }

    pub fn status(mut self, status: ArticleStatus) -> Self {
        self.status = status;
        self
    }

    pub fn at(mut self, at: Option<DateTime<Utc>>) -> Self {
        self.published_at = at;
        self
    }

    pub fn section(mut self, section: Section) -> Self {
        self.section = Some(section);
        self
    }

    pub fn lang(mut self, lang: Language) -> Self {
        self.lang = lang;
        self
    }

    pub fn region(mut self, region: Uuid) -> Self {
        self.region_id = Some(region);
        self
    }

    pub fn translation_of(mut self, group: Uuid) -> Self {
        self.group = Some(group);
        self
    }

    pub async fn insert(self, db: &DatabaseConnection) -> article::Model {
        let id = Uuid::now_v7();
        let now = start();
        article::ActiveModel {
            id: Set(id),
            translation_group_id: Set(self.group.unwrap_or(id)),
            lang: Set(self.lang),
            slug: Set(format!(
                "{}-{}",
                polisia_api::domain::slug::slugify(&self.title),
                &id.simple().to_string()[20..]
            )),
            title: Set(self.title.clone()),
            lead: Set(Some(format!("{}, передает Polisia.kz.", self.title))),
            body: Set(format!("<p>{}</p>", self.title)),
            status: Set(self.status),
            published_at: Set(self.published_at),
            // Inserted around the service: public ones count as announced, scheduled
            // ones are announced when the clock reaches them.
            announced_at: Set(self
                .published_at
                .filter(|at| self.status == ArticleStatus::Published && *at <= now)),
            region_id: Set(self.region_id),
            author_id: Set(None),
            meeting_id: Set(None),
            cover_image_url: Set(None),
            cover_image_alt: Set(None),
            cover_media_id: Set(None),
            source: Set(Some("Polisia.kz".into())),
            comments_open: Set(true),
            byline_ru: Set(None),
            byline_kk: Set(None),
            byline_en: Set(None),
            section: Set(self.section),
            featured_position: Set(None),
            version: Set(1),
            created_by: Set(None),
            updated_by: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .expect("the article is inserted")
    }
}

/// A tag on the given articles.
pub async fn tag(db: &DatabaseConnection, slug: &str, articles: &[Uuid]) -> tag::Model {
    let tag = tag::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.into()),
        name: Set(slug.to_uppercase()),
        created_at: Set(start()),
        updated_at: Set(start()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    for article in articles {
        article_tag::ActiveModel {
            article_id: Set(*article),
            tag_id: Set(tag.id),
        }
        .insert(db)
        .await
        .unwrap();
    }
    tag
}

/// The editor's "read also" list of `article`.
pub async fn related(db: &DatabaseConnection, article: Uuid, related: &[Uuid]) {
    for (position, other) in related.iter().enumerate() {
        related_article::Entity::insert(related_article::ActiveModel {
            article_id: Set(article),
            related_id: Set(*other),
            position: Set(position as i32),
        })
        .exec(db)
        .await
        .unwrap();
    }
}

/// A comment in `status`, written at [`start`].
pub async fn comment(
    db: &DatabaseConnection,
    article: Uuid,
    parent: Option<&comment::Model>,
    status: CommentStatus,
    body: &str,
) -> comment::Model {
    let now = start();
    comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        article_id: Set(article),
        parent_id: Set(parent.map(|p| p.id)),
        depth: Set(parent.map_or(0, |p| p.depth + 1)),
        user_id: Set(None),
        author_name: Set("Читатель".into()),
        author_email: Set("reader-secret@example.com".into()),
        body: Set(body.into()),
        status: Set(status),
        client_ip_hash: Set(None),
        idempotency_key: Set(None),
        website: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await
    .unwrap()
}

/// A region's id by ISO code.
pub async fn region_id(db: &DatabaseConnection, code: &str) -> Uuid {
    polisia_api::store::regions::find(db, polisia_api::store::regions::Key::Code(code.into()))
        .await
        .ok()
        .flatten()
        .expect("a known region")
        .id
}

/// `count` comments under the address hash `hash`, half an hour ago.
pub async fn earlier_comments(
    app: &crate::helpers::TestApp,
    article: &article::Model,
    hash: &str,
    count: i64,
) {
    for i in 0..count {
        let at = app.clock.now() - Duration::minutes(30) + Duration::seconds(i);
        comment::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            article_id: Set(article.id),
            parent_id: Set(None),
            depth: Set(0),
            user_id: Set(None),
            author_name: Set("bot".into()),
            author_email: Set(format!("earlier{i}@example.com")),
            body: Set("x".into()),
            status: Set(CommentStatus::Pending),
            client_ip_hash: Set(Some(hash.to_owned())),
            idempotency_key: Set(None),
            website: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
        }
        .insert(app.conn())
        .await
        .unwrap();
    }
}
