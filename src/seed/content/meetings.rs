//! Meetings of standing bodies, with their agenda and who took part.

use crate::domain::{MeetingKind, MeetingRole};

/// One item of a meeting's agenda; the slice order is the agenda order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAgendaItem {
    pub title: &'static str,
    pub description: Option<&'static str>,
}

/// A person's part in one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMeetingParticipant {
    /// A [`DemoParticipant::key`](super::DemoParticipant::key).
    pub participant: &'static str,
    pub role: MeetingRole,
    /// The position held on the day of the meeting.
    pub position: Option<&'static str>,
}

/// A meeting of a standing body: a council session, a hearing, a briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMeeting {
    pub key: &'static str,
    pub title: &'static str,
    /// The body that met.
    pub body: &'static str,
    pub kind: MeetingKind,
    /// `YYYY-MM-DD`.
    pub held_on: &'static str,
    pub region_code: &'static str,
    pub venue: Option<&'static str>,
    /// The key of the [`DemoOrganization`](super::DemoOrganization) that held it.
    pub organization: Option<&'static str>,
    pub agenda: &'static [DemoAgendaItem],
    pub participants: &'static [DemoMeetingParticipant],
}

pub static MEETINGS: &[DemoMeeting] = &[
    DemoMeeting {
        key: "kso_kyzylorda_2024",
        title: "Заседание консультативно-совещательного органа при ДП Кызылординской области",
        body: "Консультативно-совещательный орган при департаменте полиции Кызылординской области",
        kind: MeetingKind::AdvisoryCouncil,
        held_on: "2024-04-17",
        region_code: "KZ-43",
        venue: Some("Департамент полиции Кызылординской области, Кызылорда"),
        organization: Some("kso_kyzylorda"),
        agenda: &[
            DemoAgendaItem {
                title: "Проект концепции общественной безопасности в партнёрстве с обществом на 2024–2028 годы",
                description: Some(
                    "Какие предложения региона направить в МВД и как обсудить документ с жителями районов.",
                ),
            },
            DemoAgendaItem {
                title: "Закрепление участковых инспекторов за сельскими округами",
                description: Some(
                    "Нагрузка на участковых в отдалённых аулах и помощь акиматов с помещениями для опорных пунктов.",
                ),
            },
            DemoAgendaItem {
                title: "Итоги приёма граждан членами совета за I квартал 2024 года",
                description: None,
            },
        ],
        participants: &[
            DemoMeetingParticipant {
                participant: "temirbayev",
                role: MeetingRole::Chair,
                position: Some("председатель КСО при ДП Кызылординской области"),
            },
            DemoMeetingParticipant {
                participant: "seitkali",
                role: MeetingRole::Speaker,
                position: Some("начальник департамента полиции Кызылординской области"),
            },
            DemoMeetingParticipant {
                participant: "abenov",
                role: MeetingRole::Speaker,
                position: Some(
                    "начальник управления местной полицейской службы ДП Кызылординской области",
                ),
            },
            DemoMeetingParticipant {
                participant: "kuanyshev",
                role: MeetingRole::Member,
                position: Some("член КСО, почётный ветеран органов внутренних дел"),
            },
            DemoMeetingParticipant {
                participant: "ospanova",
                role: MeetingRole::Member,
                position: Some("член КСО, депутат Кызылординского областного маслихата"),
            },
        ],
    },
    DemoMeeting {
        key: "hearing_pavlodar_2025",
        title: "Публичные слушания о безопасности во дворах Павлодара",
        body: "Общественный совет города Павлодара",
        kind: MeetingKind::PublicHearing,
        held_on: "2025-03-13",
        region_code: "KZ-55",
        venue: Some("Зал заседаний акимата города Павлодара"),
        organization: Some("council_pavlodar"),
        agenda: &[
            DemoAgendaItem {
                title: "Отчёт управления полиции о правопорядке в жилых микрорайонах",
                description: Some("Кражи, грабежи и хулиганство во дворах за 2024 год."),
            },
            DemoAgendaItem {
                title: "Освещение дворов и видеонаблюдение у школ и остановок",
                description: Some(
                    "Список адресов от жителей и сроки, которые назовут полиция и акимат.",
                ),
            },
            DemoAgendaItem {
                title: "Вопросы и предложения жителей",
                description: None,
            },
        ],
        participants: &[
            DemoMeetingParticipant {
                participant: "zhakupova",
                role: MeetingRole::Chair,
                position: Some("председатель общественного совета города Павлодара"),
            },
            DemoMeetingParticipant {
                participant: "lisitsyn",
                role: MeetingRole::Speaker,
                position: Some("начальник управления полиции города Павлодара"),
            },
            DemoMeetingParticipant {
                participant: "bekturov",
                role: MeetingRole::Speaker,
                position: Some("старший участковый инспектор полиции"),
            },
            DemoMeetingParticipant {
                participant: "aliev",
                role: MeetingRole::Guest,
                position: Some("депутат Павлодарского городского маслихата"),
            },
        ],
    },
    DemoMeeting {
        key: "briefing_almaty_2025",
        title: "Брифинг о мошенничестве в интернете и по телефону",
        body: "Департамент полиции города Алматы",
        kind: MeetingKind::Briefing,
        held_on: "2025-10-01",
        region_code: "KZ-75",
        venue: Some("Пресс-центр департамента полиции города Алматы"),
        organization: Some("dp_almaty"),
        agenda: &[
            DemoAgendaItem {
                title: "Интернет-мошенничество в Алматы за девять месяцев 2025 года",
                description: None,
            },
            DemoAgendaItem {
                title: "Новые схемы: звонки от «службы безопасности банка» и поддельные сайты доставки",
                description: Some("Как выглядят сообщения и страницы, которые копируют настоящие."),
            },
            DemoAgendaItem {
                title: "Куда обращаться пострадавшим и как успеть заблокировать перевод",
                description: None,
            },
        ],
        participants: &[
            DemoMeetingParticipant {
                participant: "zhaksybekova",
                role: MeetingRole::Chair,
                position: Some("официальный представитель ДП города Алматы"),
            },
            DemoMeetingParticipant {
                participant: "karimov",
                role: MeetingRole::Speaker,
                position: Some(
                    "начальник управления по противодействию киберпреступности ДП города Алматы",
                ),
            },
            DemoMeetingParticipant {
                participant: "nurpeisov",
                role: MeetingRole::Guest,
                position: Some("эксперт по информационной безопасности"),
            },
        ],
    },
];
