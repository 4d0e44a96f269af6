//! Meetings and who took part, people, tags and region names.

use chrono::NaiveDate;
use polisia_api::{
    domain::{Language, MeetingKind, MeetingRole, Role},
    editorial::{
        self, AgendaItemInput, ArticleInput, ArticlePatch, MeetingInput, MeetingParticipantInput,
        MeetingPatch, ParticipantInput, ParticipantPatch, QuoteInput, RegionNamesInput,
    },
    entity::{agenda_item, article, meeting_participant, quote},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use super::{code, count, field, now, person, region_id};
use crate::helpers::{migrated_db, viewer_with_role};

fn council(region: Uuid) -> MeetingInput {
    MeetingInput {
        title: "Заседание КСО".into(),
        body: "КСО при ДП Кызылординской области".into(),
        kind: MeetingKind::AdvisoryCouncil,
        held_on: NaiveDate::from_ymd_opt(2024, 4, 5).unwrap(),
        region_id: region,
        venue: Some("Департамент полиции".into()),
        organization_id: None,
        photo_media_id: None,
        agenda: vec![
            AgendaItemInput {
                title: "Проект концепции на 2024-2028 годы".into(),
                description: None,
                ..Default::default()
            },
            AgendaItemInput {
                title: "Разное".into(),
                description: Some("Вопросы членов совета".into()),
                ..Default::default()
            },
        ],
        translations: Default::default(),
    }
}

async fn agenda(conn: &DatabaseConnection, meeting: Uuid) -> Vec<String> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting))
        .order_by_asc(agenda_item::Column::Position)
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|item| item.title)
        .collect()
}

async fn roster(
    conn: &DatabaseConnection,
    meeting: Uuid,
) -> Vec<(Uuid, MeetingRole, Option<String>)> {
    meeting_participant::Entity::find()
        .filter(meeting_participant::Column::MeetingId.eq(meeting))
        .order_by_asc(meeting_participant::Column::SortOrder)
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.participant_id, row.role, row.position))
        .collect()
}

#[tokio::test]
async fn meetings_keep_their_agenda_in_order() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let region = region_id(&conn, "KZ-43").await;
    let meeting = editorial::create_meeting(&conn, &editor, council(region), now())
        .await
        .unwrap();
    assert_eq!(meeting.slug, "zasedanie-kso-2024-04-05");
    assert_eq!(meeting.created_by, editor.user_id());
    assert_eq!(
        agenda(&conn, meeting.id).await,
        ["Проект концепции на 2024-2028 годы", "Разное"]
    );
    let again = editorial::create_meeting(&conn, &editor, council(region), now())
        .await
        .unwrap();
    assert_eq!(again.slug, "zasedanie-kso-2024-04-05-2");

    let patch = MeetingPatch {
        venue: Some(None),
        agenda: Some(vec![AgendaItemInput {
            title: "Единственный вопрос".into(),
            description: None,
            ..Default::default()
        }]),
        ..Default::default()
    };
    let other_editor = viewer_with_role(&conn, Role::Editor).await;
    let updated = editorial::update_meeting(&conn, &other_editor, meeting.id, patch, now())
        .await
        .unwrap();
    assert_eq!(updated.venue, None);
    assert_eq!(updated.slug, meeting.slug);
    assert_eq!(updated.updated_by, other_editor.user_id());
    assert_eq!(agenda(&conn, meeting.id).await, ["Единственный вопрос"]);

    let bad_agenda = MeetingPatch {
        agenda: Some(vec![
            AgendaItemInput {
                title: "ok".into(),
                description: None,
                ..Default::default()
            },
            AgendaItemInput {
                title: " ".into(),
                description: None,
                ..Default::default()
            },
        ]),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_meeting(&conn, &editor, meeting.id, bad_agenda, now()).await),
        "input.agenda[1].title"
    );
    let nowhere = MeetingInput {
        region_id: Uuid::now_v7(),
        ..council(region)
    };
    assert_eq!(
        field(editorial::create_meeting(&conn, &editor, nowhere, now()).await),
        "input.regionId"
    );
    let author = viewer_with_role(&conn, Role::Author).await;
    assert_eq!(
        code(&editorial::create_meeting(&conn, &author, council(region), now()).await),
        "FORBIDDEN"
    );
}

#[tokio::test]
async fn meeting_participants_are_replaced_all_at_once() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let meeting = editorial::create_meeting(
        &conn,
        &editor,
        council(region_id(&conn, "KZ-43").await),
        now(),
    )
    .await
    .unwrap();
    let chair = person(&conn, &editor, "Нурмурат Ерманов").await;
    let speaker = person(&conn, &editor, "Бауыржан Ибраев").await;
    let entry = |id, role, position: Option<&str>| MeetingParticipantInput {
        participant_id: id,
        role,
        position: position.map(str::to_owned),
        position_id: None,
    };
    editorial::set_meeting_participants(
        &conn,
        &editor,
        meeting.id,
        vec![
            entry(chair, MeetingRole::Chair, Some("председатель КСО")),
            entry(speaker, MeetingRole::Speaker, Some("начальник УМПС ДП")),
        ],
        now(),
    )
    .await
    .unwrap();
    let before = roster(&conn, meeting.id).await;
    assert_eq!(
        before[0],
        (chair, MeetingRole::Chair, Some("председатель КСО".into()))
    );
    assert_eq!(before[1].0, speaker);

    let bad = vec![
        entry(speaker, MeetingRole::Member, None),
        entry(Uuid::now_v7(), MeetingRole::Guest, None),
    ];
    assert_eq!(
        field(editorial::set_meeting_participants(&conn, &editor, meeting.id, bad, now()).await),
        "participants[1].participantId"
    );
    let twice = vec![
        entry(chair, MeetingRole::Chair, None),
        entry(chair, MeetingRole::Member, None),
    ];
    assert_eq!(
        field(editorial::set_meeting_participants(&conn, &editor, meeting.id, twice, now()).await),
        "participants[1].participantId"
    );
    assert_eq!(
        roster(&conn, meeting.id).await,
        before,
        "a failed replacement changes nothing"
    );

    editorial::set_meeting_participants(
        &conn,
        &editor,
        meeting.id,
        vec![entry(speaker, MeetingRole::Member, None)],
        now(),
    )
    .await
    .unwrap();
    assert_eq!(
        roster(&conn, meeting.id).await,
        [(speaker, MeetingRole::Member, None)]
    );
    let missing =
        editorial::set_meeting_participants(&conn, &editor, Uuid::now_v7(), vec![], now()).await;
    assert_eq!(code(&missing), "NOT_FOUND");
}

#[tokio::test]
async fn people_get_stable_slugs_and_cannot_vanish_from_meetings() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let input = ParticipantInput {
        full_name: "Нурмурат Ерманов".into(),
        full_name_kk: Some("Нұрмұрат Ерманов".into()),
        position: Some("председатель КСО".into()),
        honours: vec!["почётный гражданин Кызылординской области".into()],
        region_id: Some(region_id(&conn, "KZ-43").await),
        ..Default::default()
    };
    let chair = editorial::create_participant(&conn, &editor, input.clone(), now())
        .await
        .unwrap();
    assert_eq!(chair.slug, "nurmurat-ermanov");
    assert_eq!(
        chair.honours,
        json!(["почётный гражданин Кызылординской области"])
    );
    let namesake = editorial::create_participant(&conn, &editor, input, now())
        .await
        .unwrap();
    assert_eq!(namesake.slug, "nurmurat-ermanov-2");

    let patch = ParticipantPatch {
        full_name: Some("Нурмурат Ерманов-Иванов".into()),
        honours: Some(vec![]),
        ..Default::default()
    };
    let renamed = editorial::update_participant(&conn, &editor, chair.id, patch, now())
        .await
        .unwrap();
    assert_eq!(renamed.slug, "nurmurat-ermanov");
    assert_eq!(renamed.honours, json!([]));
    let bad = ParticipantPatch {
        honours: Some(vec!["ok".into(), "".into()]),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_participant(&conn, &editor, chair.id, bad, now()).await),
        "input.honours[1]"
    );

    let meeting = editorial::create_meeting(
        &conn,
        &editor,
        council(region_id(&conn, "KZ-43").await),
        now(),
    )
    .await
    .unwrap();
    let entry = MeetingParticipantInput {
        participant_id: chair.id,
        role: MeetingRole::Chair,
        position: None,
        position_id: None,
    };
    editorial::set_meeting_participants(&conn, &editor, meeting.id, vec![entry], now())
        .await
        .unwrap();
    let mut quoted = ArticleInput::new(Language::Ru, "Цитата", "<p>Текст</p>");
    quoted.quotes = vec![QuoteInput {
        participant_id: Some(chair.id),
        text: "Слова".into(),
        kind: None,
    }];
    quoted.meeting_id = Some(meeting.id);
    let article = editorial::create_article(&conn, &editor, quoted, now())
        .await
        .unwrap();

    assert_eq!(
        code(&editorial::delete_participant(&conn, &editor, chair.id, now()).await),
        "CONFLICT"
    );
    editorial::set_meeting_participants(&conn, &editor, meeting.id, vec![], now())
        .await
        .unwrap();
    editorial::delete_participant(&conn, &editor, chair.id, now())
        .await
        .unwrap();
    let words = quote::Entity::find().one(&conn).await.unwrap().unwrap();
    assert_eq!((words.text.as_str(), words.participant_id), ("Слова", None));

    // Deleting the meeting leaves the article, without its meeting.
    editorial::delete_meeting(&conn, &editor, meeting.id, now())
        .await
        .unwrap();
    let kept = article::Entity::find_by_id(article.id)
        .one(&conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.meeting_id, None);
    assert_eq!(count::<agenda_item::Entity>(&conn).await, 0);
    let stale = ArticlePatch {
        version: kept.version,
        meeting_id: Some(Some(meeting.id)),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_article(&conn, &editor, article.id, stale, now()).await),
        "input.meetingId"
    );
}

#[tokio::test]
async fn tags_and_region_names() {
    let (_db, conn) = migrated_db().await;
    let editor = viewer_with_role(&conn, Role::Editor).await;
    let admin = viewer_with_role(&conn, Role::Admin).await;
    let author = viewer_with_role(&conn, Role::Author).await;
    let tag = editorial::create_tag(&conn, &editor, "  Дорожная безопасность ", now())
        .await
        .unwrap();
    assert_eq!(
        (tag.name.as_str(), tag.slug.as_str()),
        ("Дорожная безопасность", "dorozhnaya-bezopasnost")
    );
    assert_eq!(
        code(&editorial::create_tag(&conn, &editor, "ДОРОЖНАЯ безопасность", now()).await),
        "CONFLICT"
    );
    assert_eq!(
        code(&editorial::create_tag(&conn, &author, "Другое", now()).await),
        "FORBIDDEN"
    );
    assert_eq!(
        field(editorial::create_tag(&conn, &editor, "!!!", now()).await),
        "input.name"
    );

    let kyzylorda = region_id(&conn, "KZ-43").await;
    let names = RegionNamesInput {
        name_en: Some("Kyzylorda Oblast".into()),
        ..Default::default()
    };
    assert_eq!(
        code(&editorial::update_region(&conn, &editor, kyzylorda, names.clone(), now()).await),
        "FORBIDDEN"
    );
    let renamed = editorial::update_region(&conn, &admin, kyzylorda, names, now())
        .await
        .unwrap();
    assert_eq!(renamed.name_en, "Kyzylorda Oblast");
    assert_eq!(renamed.name_ru, "Кызылординская область");
    assert_eq!(renamed.code, "KZ-43");
    let blank = RegionNamesInput {
        name_ru: Some(" ".into()),
        ..Default::default()
    };
    assert_eq!(
        field(editorial::update_region(&conn, &admin, kyzylorda, blank, now()).await),
        "input.nameRu"
    );
    let nowhere = editorial::update_region(
        &conn,
        &admin,
        Uuid::now_v7(),
        RegionNamesInput::default(),
        now(),
    )
    .await;
    assert_eq!(code(&nowhere), "NOT_FOUND");
}
