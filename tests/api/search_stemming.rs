//! `search` stems Russian and English with Snowball on both databases: the same
//! query finds the same articles on SQLite and on PostgreSQL (run these with and
//! without `TEST_DATABASE_URL`), and SQLite's index is written again with the new
//! stems when a database made before them is migrated.

use migration::{Migrator, MigratorTrait};
use polisia_api::domain::search::stem::Config;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;

use crate::{
    helpers::TestApp,
    search::{editor, publish, search, sorted, titles},
};

/// Articles whose words PostgreSQL's `russian` and `english` configurations stem
/// apart or together, where prefixes of hand-made stems did otherwise.
async fn publish_the_articles(app: &TestApp) {
    let ed = editor(app).await;
    for (lang, title, body) in [
        (
            "RU",
            "Полицейские провели рейд",
            "Участковые инспекторы обошли дворы.",
        ),
        (
            "RU",
            "Полиция предупреждает",
            "Сотрудники полиции напомнили о мошенничестве.",
        ),
        ("RU", "Мировой опыт", "Эксперты обсудили опыт."),
        ("RU", "Мир и порядок", "Жители ценят мир."),
        ("RU", "Кража: Алматы", "Задержан подозреваемый."),
        (
            "EN",
            "Agreement signed",
            "The parties reached an agreement.",
        ),
        (
            "EN",
            "Officers agreed",
            "Officers agreed to patrol the city.",
        ),
        (
            "EN",
            "Happy residents",
            "Residents were happy with the patrols.",
        ),
        ("EN", "Happiness index", "Citizens measured it."),
    ] {
        publish(app, &ed, lang, title, body).await;
    }
}

/// What each query finds: the same on both databases.
const EXPECTED: &[(&str, &[&str])] = &[
    // полиция → полиц, полицейские → полицейск: not one word to PostgreSQL.
    ("полиция", &["Полиция предупреждает"]),
    ("полицейских", &["Полицейские провели рейд"]),
    ("участковый", &["Полицейские провели рейд"]),
    ("мошенничество", &["Полиция предупреждает"]),
    // мир → мир, мировой → миров.
    ("мир", &["Мир и порядок"]),
    ("мирового", &["Мировой опыт"]),
    // в is a stop word: dropped from the query, as websearch_to_tsquery drops it.
    ("кража в Алматы", &["Кража: Алматы"]),
    // agree → agre, agreement → agreement; happy and happiness → happi.
    ("agree", &["Officers agreed"]),
    ("agreements", &["Agreement signed"]),
    ("happy", &["Happiness index", "Happy residents"]),
    ("cities", &["Officers agreed"]),
    ("the patrols", &["Happy residents", "Officers agreed"]),
];

#[tokio::test]
async fn inflected_words_find_the_same_articles_on_both_databases() {
    let app = TestApp::spawn().await;
    publish_the_articles(&app).await;
    for (query, expected) in EXPECTED {
        let found = search(&app, query, json!({})).await;
        assert_eq!(sorted(titles(&found)), *expected, "{query}");
    }
}

/// On PostgreSQL: the lexemes SQLite's index is written with are those of
/// `to_tsvector` for the same text.
#[tokio::test]
async fn lexemes_are_postgresqls() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let texts = [
        (
            Config::Russian,
            "russian",
            "Сотрудники дорожной полиции задержали 12 водителей; участковые инспекторы \
             провели рейды в Алматы и Астане, патрульные машины Toyota проверили дворы. \
             Преступления раскрыты, мошенничество пресечено, граждане благодарны.",
        ),
        (
            Config::English,
            "english",
            "The officers arrested 3 suspects after patrolling the cities; happiness and \
             agreements were generously reported by residents of Almaty and полиция.",
        ),
    ];
    for (config, name, text) in texts {
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT lexeme FROM unnest(to_tsvector('{name}'::regconfig, $1)) \
                     ORDER BY lexeme"
                ),
                [text.into()],
            ))
            .await
            .unwrap();
        let postgres: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String>("", "lexeme").unwrap())
            .collect();
        let mut ours: Vec<String> = config.lexemes(text).split(' ').map(str::to_owned).collect();
        ours.sort();
        ours.dedup();
        assert_eq!(ours, postgres, "{name}");
    }
}

/// On SQLite: a database whose index holds words as they are (before Snowball) is
/// indexed again by the migration and the backfill after it.
#[tokio::test]
async fn an_index_from_before_snowball_is_written_again() {
    let app = TestApp::spawn().await;
    let db = app.conn();
    if db.get_database_backend() != DbBackend::Sqlite {
        return;
    }
    publish_the_articles(&app).await;
    // Back to the index of words as they are, filled from the documents.
    Migrator::down(db, Some(1)).await.unwrap();
    let old = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'полиц*'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.try_get::<i32>("", "n").unwrap(), 2);
    polisia_api::db::migrate(db).await.unwrap();
    for (query, expected) in EXPECTED {
        let found = search(&app, query, json!({})).await;
        assert_eq!(sorted(titles(&found)), *expected, "{query}");
    }
}
