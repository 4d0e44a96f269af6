//! A large synthetic data set for benchmarks: `seed-demo --articles N`.
//!
//! Text is assembled from phrase banks at realistic lengths (a title of ~70
//! characters, a lead of ~200, a body of ~2 KB) with a fixed random seed, so two runs
//! of the same size produce data of the same shape. Sentences are filled from lists of
//! towns, streets, offences, topics and numbers, so words follow a long tail as in real
//! news: a few ("полиция") are in most articles, most are in few; a search benchmark
//! over a handful of sentences repeated everywhere would measure a degenerate corpus. Rows go in multi-row inserts, one
//! transaction per batch of articles.

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait,
};
use serde_json::json;
use uuid::Uuid;

use crate::{
    api::media,
    auth::password,
    domain::{
        ArticleStatus, CommentStatus, Language, MeetingKind, MeetingRole, QuoteKind, Role, Section,
        slug,
    },
    entity::{
        article, article_tag, comment, meeting, meeting_participant, participant, quote, region,
        tag, user,
    },
    progress::Progress,
};

const ARTICLES_PER_BATCH: usize = 1_000;
/// Keeps every multi-row insert under SQLite's and PostgreSQL's parameter limits.
const ROWS_PER_INSERT: usize = 2_000;
const AUTHORS: usize = 10;
/// The tables a load grows. PostgreSQL plans with statistics that only `ANALYZE`
/// refreshes: without it (autovacuum off, or behind a fast load) every statement is
/// planned for the empty tables the load began with, and a plan cached on the
/// connection while they were empty (a lookup by key done as a scan) costs more with
/// every batch, so the load slows down quadratically.
const ANALYZE_GROWING: &str = "ANALYZE articles, article_tags, quotes, comments, search_documents";
const TAGS: usize = 24;
const PARTICIPANTS: usize = 200;
const ARTICLES_PER_MEETING: u32 = 100;

const SUBJECTS: &[&str] = &[
    "Полицейские",
    "Участковые инспекторы",
    "Сотрудники патрульной полиции",
    "Члены общественного совета",
    "Ювенальные инспекторы",
    "Инспекторы дорожной полиции",
    "Специалисты по киберпреступности",
    "Ветераны органов внутренних дел",
];
const ACTIONS: &[&str] = &[
    "провели профилактический рейд",
    "встретились с жителями",
    "обсудили меры безопасности",
    "подвели итоги работы",
    "предупредили о новой схеме мошенничества",
    "наградили отличившихся сотрудников",
    "провели открытый урок для школьников",
    "усилили патрулирование улиц",
];
const PLACES: &[&str] = &[
    "в областном центре",
    "в районных отделах полиции",
    "на трассах региона",
    "в сельских округах",
    "в колледжах и школах",
    "в микрорайонах города",
];
const TOWNS: &[&str] = &[
    "Астане",
    "Алматы",
    "Шымкенте",
    "Караганде",
    "Актобе",
    "Таразе",
    "Павлодаре",
    "Усть-Каменогорске",
    "Семее",
    "Атырау",
    "Костанае",
    "Кызылорде",
    "Уральске",
    "Петропавловске",
    "Актау",
    "Темиртау",
    "Туркестане",
    "Кокшетау",
    "Талдыкоргане",
    "Экибастузе",
    "Рудном",
    "Жезказгане",
    "Балхаше",
    "Конаеве",
    "Сатпаеве",
    "Кентау",
    "Жанаозене",
    "Степногорске",
    "Аксу",
    "Лисаковске",
    "Шахтинске",
    "Аркалыке",
];
const STREETS: &[&str] = &[
    "Абая",
    "Достык",
    "Толе би",
    "Сейфуллина",
    "Республики",
    "Кенесары",
    "Жибек жолы",
    "Ауэзова",
    "Момышулы",
    "Назарбаева",
    "Пушкина",
    "Гоголя",
    "Байтурсынова",
    "Жамбыла",
    "Мира",
    "Ленина",
    "Строителей",
    "Машхур Жусупа",
    "Желтоксан",
    "Казыбек би",
    "Богенбай батыра",
    "Кунаева",
    "Сатпаева",
    "Торайгырова",
];
const OFFENCES: &[&str] = &[
    "квартирных краж",
    "угонов автомобилей",
    "грабежей",
    "интернет-мошенничеств",
    "фактов вымогательства",
    "хулиганств",
    "случаев вандализма",
    "краж скота",
    "незаконных порубок",
    "фактов браконьерства",
    "поджогов",
    "ДТП с пострадавшими",
    "нарушений скоростного режима",
    "случаев вождения в нетрезвом виде",
    "фактов продажи алкоголя несовершеннолетним",
    "побоев",
    "краж велосипедов",
    "незаконных финансовых пирамид",
    "фальшивых купюр",
    "краж из автомобилей",
];
const TOPICS: &[&str] = &[
    "о профилактике бытового насилия",
    "о безопасности на железной дороге",
    "о правилах поведения на воде",
    "о телефонных мошенниках и кодах из SMS",
    "о детских автокреслах",
    "о светоотражающих элементах",
    "о пожарной безопасности",
    "о незаконном обороте наркотиков",
    "о лудомании и онлайн-казино",
    "о кибербуллинге среди подростков",
    "о дроп-картах и ответственности за них",
    "о правилах перевозки детей",
    "о безопасности пешеходов",
    "о сезонных работах в полях",
    "о паводковой обстановке",
    "о гололёде на трассах",
    "о браконьерстве на реках",
    "о возврате похищенного имущества",
    "о службе по контракту",
    "о приёме в академию МВД",
    "о работе участковых пунктов",
    "о камерах «Сергек»",
    "о мигрантах и регистрации",
    "о нелегальных такси",
    "о пропавших без вести",
];
const ADVICE: &[&str] = &[
    "не стоит переводить деньги незнакомцам",
    "детей нельзя оставлять без присмотра у воды",
    "номер дежурной части 102 работает круглосуточно",
    "велосипед лучше хранить дома",
    "автомобиль нужно запирать даже на короткое время",
    "пароли нельзя сообщать никому",
    "о подозрительных предметах следует сообщать полиции",
    "зимой скорость надо снижать",
    "выгул собак без намордника запрещён",
    "пиротехнику нельзя продавать подросткам",
    "ключи от квартиры не оставляют под ковриком",
    "объявления о лёгком заработке опасны",
];
const AGENCIES: &[&str] = &[
    "департамента полиции",
    "управления местной полицейской службы",
    "отдела криминальной полиции",
    "управления административной полиции",
    "следственного управления",
    "отдела по противодействию наркопреступности",
    "управления по ювенальной юстиции",
    "миграционной службы",
    "специализированной прокуратуры",
    "акимата района",
];
const SENTENCES: &[&str] = &[
    "Участники встречи отметили, что открытость полиции повышает доверие граждан.",
    "За отчётный период число обращений жителей выросло почти на четверть.",
    "Особое внимание уделили безопасности детей по дороге в школу.",
    "Инспекторы напомнили, что сотрудники банков никогда не просят назвать код из сообщения.",
    "Жители предложили установить дополнительные камеры видеонаблюдения во дворах.",
    "По итогам рейда выявлено несколько нарушений правил дорожного движения.",
    "Руководство департамента поблагодарило волонтёров за помощь в патрулировании.",
    "Специалисты рассказали, как распознать поддельный сайт интернет-магазина.",
    "В ближайшие месяцы работа в этом направлении будет продолжена.",
    "Каждый участник получил памятку с телефонами дежурной части.",
    "Общественные советники пообещали держать вопрос на контроле.",
    "Опыт района планируют распространить на другие населённые пункты области.",
    "Сотрудники ответили на вопросы собравшихся и приняли письменные обращения.",
    "Отдельно обсудили профилактику правонарушений среди подростков.",
    "Полиция призывает сообщать о подозрительных звонках по номеру 102.",
    "На встрече присутствовали представители акимата и местного маслихата.",
];
const COMMENTS: &[&str] = &[
    "Спасибо за работу, в нашем районе действительно стало спокойнее.",
    "Хорошая инициатива, побольше бы таких встреч.",
    "А когда такой рейд проведут у нас?",
    "Рахмет, пайдалы ақпарат.",
    "Важная тема, поделюсь с родителями.",
    "Thanks for the clear explanation.",
    "Прошу обратить внимание на освещение возле школы.",
];

/// Fills the database with `articles` synthetic published articles and on average
/// `comments_per_article` comments each (most approved), the newest published just
/// before `now`.
pub async fn generate(
    db: &DatabaseConnection,
    articles: u32,
    comments_per_article: u32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut rng = StdRng::seed_from_u64(20_240_405);
    let run = &Uuid::now_v7().simple().to_string()[24..];
    let regions: Vec<Uuid> = region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let authors = insert_authors(db, run, now).await?;
    let tags = insert_tags(db, run, now).await?;
    let people = insert_participants(db, &mut rng, &regions, run, now).await?;
    let meetings = insert_meetings(db, &mut rng, &regions, &people, articles, run, now).await?;

    let mut progress = Progress::new("articles", u64::from(articles));
    let analyze = db.get_database_backend() == DbBackend::Postgres;
    // Each time the data has doubled: a few cheap runs in all.
    let mut analyze_at = 2 * ARTICLES_PER_BATCH as u32;
    let mut index = 0u32;
    while index < articles {
        let batch_end = (index + ARTICLES_PER_BATCH as u32).min(articles);
        let mut batch = Batch::default();
        for i in index..batch_end {
            let published_at = now - Duration::minutes(5 * i64::from(i) + 1);
            let ctx = ArticleContext {
                i,
                run,
                published_at,
                regions: &regions,
                authors: &authors,
                tags: &tags,
                people: &people,
                meetings: &meetings,
                comments_per_article,
            };
            batch.add(&mut rng, &ctx);
        }
        let ids: Vec<Uuid> = batch
            .articles
            .iter()
            .filter_map(|a| a.id.try_as_ref().copied())
            .collect();
        let txn = crate::db::begin_write(db).await?;
        insert_all::<article::Entity, _>(&txn, batch.articles).await?;
        insert_all::<article_tag::Entity, _>(&txn, batch.tags).await?;
        insert_all::<quote::Entity, _>(&txn, batch.quotes).await?;
        insert_all::<comment::Entity, _>(&txn, batch.comments).await?;
        // Rows inserted directly are indexed in the same transaction.
        crate::store::search_index::index_articles(&txn, &ids).await?;
        txn.commit().await?;
        if analyze && batch_end >= analyze_at {
            db.execute_unprepared(ANALYZE_GROWING).await?;
            analyze_at = batch_end.saturating_mul(2);
        }
        progress.advance(u64::from(batch_end - index));
        index = batch_end;
    }
    progress.finish();
    // The people and meetings inserted above.
    crate::store::search_index::backfill(db).await?;
    Ok(())
}

async fn insert_all<E, A>(db: &impl sea_orm::ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    E: EntityTrait,
    A: ActiveModelTrait<Entity = E> + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        E::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

async fn insert_authors(
    db: &DatabaseConnection,
    run: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    // Synthetic authors cannot sign in: their password is random and thrown away.
    let hash =
        password::hash(&Uuid::new_v4().to_string()).map_err(|e| DbErr::Custom(e.to_string()))?;
    let rows: Vec<_> = (0..AUTHORS)
        .map(|i| {
            let email = format!("author{i}-{run}@bench.polisia.kz");
            user::ActiveModel {
                id: Set(Uuid::now_v7()),
                email_normalized: Set(email.clone()),
                email: Set(email),
                display_name: Set(format!("Корреспондент {}", i + 1)),
                role: Set(Role::Author),
                password_hash: Set(hash.clone()),
                disabled: Set(false),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    let ids = rows.iter().map(|r| *r.id.as_ref()).collect();
    insert_all::<user::Entity, _>(db, rows).await?;
    Ok(ids)
}

async fn insert_tags(
    db: &DatabaseConnection,
    run: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let names = [
        "Профилактика",
        "Дорожная безопасность",
        "Киберпреступность",
        "Молодёжь",
        "Общественный совет",
        "Награды",
        "Патрулирование",
        "Мошенничество",
    ];
    let rows: Vec<_> = (0..TAGS)
        .map(|i| {
            let name = format!("{} {}", names[i % names.len()], i / names.len() + 1);
            tag::ActiveModel {
                id: Set(Uuid::now_v7()),
                slug: Set(format!("{}-{run}", slug::slugify(&name))),
                name: Set(name),
                name_kk: Set(None),
                name_en: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    let ids = rows.iter().map(|r| *r.id.as_ref()).collect();
    insert_all::<tag::Entity, _>(db, rows).await?;
    Ok(ids)
}

async fn insert_participants(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    regions: &[Uuid],
    run: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let first = [
        "Ерлан",
        "Айгуль",
        "Марат",
        "Динара",
        "Нурлан",
        "Гульнар",
        "Серик",
        "Асель",
    ];
    let last = [
        "Сапаров",
        "Ахметова",
        "Жумабаев",
        "Омарова",
        "Касымов",
        "Бекова",
        "Темиров",
        "Исаева",
    ];
    let rows: Vec<_> = (0..PARTICIPANTS)
        .map(|i| {
            let name = format!(
                "{} {}",
                first[i % first.len()],
                last[(i / first.len()) % last.len()]
            );
            participant::ActiveModel {
                id: Set(Uuid::now_v7()),
                slug: Set(format!("{}-{run}-{i}", slug::slugify(&name))),
                full_name_ru: Set(name),
                full_name_kk: Set(None),
                full_name_en: Set(None),
                position: Set(Some("начальник отдела полиции".into())),
                organization: Set(Some("Министерство внутренних дел".into())),
                honours: Set(json!([])),
                region_id: Set(regions.choose(rng).copied()),
                photo_media_id: Set(None),
                created_by: Set(None),
                updated_by: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    let ids = rows.iter().map(|r| *r.id.as_ref()).collect();
    insert_all::<participant::Entity, _>(db, rows).await?;
    Ok(ids)
}

async fn insert_meetings(
    db: &DatabaseConnection,
    rng: &mut StdRng,
    regions: &[Uuid],
    people: &[Uuid],
    articles: u32,
    run: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, DbErr> {
    let count = (articles / ARTICLES_PER_MEETING).max(1) as usize;
    let mut meetings = Vec::with_capacity(count);
    let mut roles = Vec::new();
    for i in 0..count {
        let id = Uuid::now_v7();
        // Held (and entered) just before the articles that cover it, so meetings are
        // spread through the archive as they would be, not all made today.
        let held_at = now - Duration::minutes(5 * i64::from(ARTICLES_PER_MEETING) * (i as i64 + 1));
        let held_on = held_at.date_naive();
        meetings.push(meeting::ActiveModel {
            id: Set(id),
            slug: Set(format!("zasedanie-kso-{run}-{i}")),
            title: Set(format!("Заседание общественного совета № {}", i + 1)),
            body: Set("КСО при департаменте полиции".into()),
            kind: Set(MeetingKind::AdvisoryCouncil),
            held_on: Set(held_on),
            region_id: Set(*regions.choose(rng).expect("regions are reference data")),
            venue: Set(Some("актовый зал департамента полиции".into())),
            organization_id: Set(None),
            photo_media_id: Set(None),
            created_by: Set(None),
            updated_by: Set(None),
            created_at: Set(held_at),
            updated_at: Set(held_at),
            ..Default::default()
        });
        for (order, person) in people.choose_multiple(rng, 4).enumerate() {
            roles.push(meeting_participant::ActiveModel {
                meeting_id: Set(id),
                participant_id: Set(*person),
                role: Set(if order == 0 {
                    MeetingRole::Chair
                } else {
                    MeetingRole::Member
                }),
                position: Set(None),
                sort_order: Set(order as i32),
                position_id: Set(None),
                position_chosen: Set(false),
            });
        }
    }
    let ids = meetings.iter().map(|m| *m.id.as_ref()).collect();
    insert_all::<meeting::Entity, _>(db, meetings).await?;
    insert_all::<meeting_participant::Entity, _>(db, roles).await?;
    Ok(ids)
}

struct ArticleContext<'a> {
    i: u32,
    run: &'a str,
    published_at: DateTime<Utc>,
    regions: &'a [Uuid],
    authors: &'a [Uuid],
    tags: &'a [Uuid],
    people: &'a [Uuid],
    meetings: &'a [Uuid],
    comments_per_article: u32,
}

#[derive(Default)]
struct Batch {
    articles: Vec<article::ActiveModel>,
    tags: Vec<article_tag::ActiveModel>,
    quotes: Vec<quote::ActiveModel>,
    comments: Vec<comment::ActiveModel>,
}

impl Batch {
    fn add(&mut self, rng: &mut StdRng, ctx: &ArticleContext<'_>) {
        let id = Uuid::now_v7();
        let subject = SUBJECTS.choose(rng).expect("not empty");
        let action = ACTIONS.choose(rng).expect("not empty");
        let place = PLACES.choose(rng).expect("not empty");
        let town = TOWNS.choose(rng).expect("not empty");
        let title = if rng.random_ratio(1, 2) {
            format!("{subject} {action} {place}")
        } else {
            format!("{subject} {action} в {town}")
        };
        let lead = format!(
            "{subject} {action} {place}, передает Polisia.kz. {}",
            sentence(rng)
        );
        let body: String = (0..rng.random_range(4..7))
            .map(|_| {
                let paragraph: Vec<String> = (0..4).map(|_| sentence(rng)).collect();
                format!("<p>{}</p>", paragraph.join(" "))
            })
            .collect();
        let author = *ctx.authors.choose(rng).expect("not empty");
        let meeting = ctx
            .i
            .is_multiple_of(10)
            .then(|| ctx.meetings[(ctx.i / ARTICLES_PER_MEETING) as usize % ctx.meetings.len()]);
        self.articles.push(article::ActiveModel {
            id: Set(id),
            translation_group_id: Set(id),
            lang: Set(Language::Ru),
            slug: Set(format!("{}-{}-{}", slug::slugify(&title), ctx.run, ctx.i)),
            title: Set(title),
            lead: Set(Some(lead)),
            body: Set(body),
            status: Set(ArticleStatus::Published),
            published_at: Set(Some(ctx.published_at)),
            announced_at: Set(Some(ctx.published_at)),
            region_id: Set(ctx.regions.choose(rng).copied()),
            author_id: Set(Some(author)),
            meeting_id: Set(meeting),
            cover_image_url: Set(Some(media::demo_cover(ctx.i))),
            cover_image_alt: Set(Some("Иллюстрация: щит полиции со звездой".into())),
            cover_media_id: Set(None),
            source: Set(Some("Polisia.kz".into())),
            comments_open: Set(true),
            byline_ru: Set(None),
            byline_kk: Set(None),
            byline_en: Set(None),
            section: Set(Some(Section::News)),
            featured_position: Set(None),
            version: Set(1),
            created_by: Set(Some(author)),
            updated_by: Set(Some(author)),
            created_at: Set(ctx.published_at),
            updated_at: Set(ctx.published_at),
        });
        for tag in ctx.tags.choose_multiple(rng, 2) {
            self.tags.push(article_tag::ActiveModel {
                article_id: Set(id),
                tag_id: Set(*tag),
            });
        }
        for position in 0..rng.random_range(1..3) {
            self.quotes.push(quote::ActiveModel {
                id: Set(Uuid::now_v7()),
                article_id: Set(id),
                participant_id: Set(ctx.people.choose(rng).copied()),
                position: Set(position),
                text: Set(SENTENCES.choose(rng).expect("not empty").to_string()),
                kind: Set(if position == 0 {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Paraphrase
                }),
                updated_at: Set(ctx.published_at),
                position_id: Set(None),
            });
        }
        let comments = rng.random_range(0..=2 * ctx.comments_per_article);
        for n in 0..comments {
            let created = ctx.published_at + Duration::minutes(i64::from(n) * 7 + 3);
            let status = if rng.random_ratio(9, 10) {
                CommentStatus::Approved
            } else {
                CommentStatus::Pending
            };
            self.comments.push(comment::ActiveModel {
                id: Set(Uuid::now_v7()),
                article_id: Set(id),
                parent_id: Set(None),
                depth: Set(0),
                user_id: Set(None),
                author_name: Set(format!("Читатель {}", rng.random_range(1..5000))),
                author_email: Set(format!("reader{}@example.com", rng.random_range(1..5000))),
                body: Set(COMMENTS.choose(rng).expect("not empty").to_string()),
                status: Set(status),
                client_ip_hash: Set(None),
                idempotency_key: Set(None),
                website: Set(None),
                created_at: Set(created),
                updated_at: Set(created),
            });
        }
    }
}

/// One sentence of body text: a stock phrase or a template filled from the lists.
fn sentence(rng: &mut StdRng) -> String {
    let pick = |rng: &mut StdRng, list: &[&'static str]| *list.choose(rng).expect("not empty");
    match rng.random_range(0..8) {
        0 | 1 => pick(rng, SENTENCES).to_owned(),
        2 => format!(
            "С начала года в {} зарегистрировано {} {}.",
            pick(rng, TOWNS),
            rng.random_range(3..900),
            pick(rng, OFFENCES)
        ),
        3 => format!(
            "Сотрудники {} рассказали {}.",
            pick(rng, AGENCIES),
            pick(rng, TOPICS)
        ),
        4 => format!(
            "Происшествие случилось на улице {}, дом {}; ущерб составил {} тысяч тенге.",
            pick(rng, STREETS),
            rng.random_range(1..250),
            rng.random_range(20..5000)
        ),
        5 => format!("В полиции напомнили, что {}.", pick(rng, ADVICE)),
        6 => format!(
            "Задержан {}-летний подозреваемый, возбуждено дело по статье {} УК; задержание провели в {}.",
            rng.random_range(16..70),
            rng.random_range(100..400),
            pick(rng, TOWNS)
        ),
        _ => format!(
            "Встреча прошла {} с участием представителей {}.",
            pick(rng, PLACES),
            pick(rng, AGENCIES)
        ),
    }
}
