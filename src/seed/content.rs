//! The demo content that `seed-demo` loads: staff accounts, tags, people, meetings,
//! articles in three languages and a moderated comment section.
//!
//! Everything refers to everything else by short keys, so this file stays plain data
//! and the inserter resolves keys to ids in one place. The regions and places are
//! real; the people, their words, the figures and the events are invented for the
//! demo. Passwords here are public by design and must never reach a real deployment.

/// A staff account or registered reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoUser {
    pub key: &'static str,
    pub email: &'static str,
    pub display_name: &'static str,
    /// `ADMIN`, `EDITOR`, `AUTHOR`, `MODERATOR` or `READER`.
    pub role: &'static str,
    /// Demo-only, listed in the README.
    pub password: &'static str,
}

/// A tag: an ASCII slug and its Russian name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoTag {
    pub slug: &'static str,
    pub name: &'static str,
}

/// A person who takes part in meetings or is quoted in articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoParticipant {
    pub key: &'static str,
    pub full_name_ru: &'static str,
    pub full_name_kk: Option<&'static str>,
    pub full_name_en: Option<&'static str>,
    /// The current position; the one held at a meeting lives on the meeting.
    pub position: Option<&'static str>,
    pub organization: Option<&'static str>,
    /// In order of importance, in Russian.
    pub honours: &'static [&'static str],
    /// An ISO 3166-2:KZ code.
    pub region_code: Option<&'static str>,
}

/// One item of a meeting's agenda; the slice order is the agenda order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoAgendaItem {
    pub title: &'static str,
    pub description: Option<&'static str>,
}

/// A person's part in one meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMeetingParticipant {
    /// A [`DemoParticipant::key`].
    pub participant: &'static str,
    /// `CHAIR`, `MEMBER`, `SPEAKER` or `GUEST`.
    pub role: &'static str,
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
    /// `ADVISORY_COUNCIL`, `PUBLIC_HEARING`, `BRIEFING`, `RECEPTION_OF_CITIZENS` or `OTHER`.
    pub kind: &'static str,
    /// `YYYY-MM-DD`.
    pub held_on: &'static str,
    pub region_code: &'static str,
    pub venue: Option<&'static str>,
    pub agenda: &'static [DemoAgendaItem],
    pub participants: &'static [DemoMeetingParticipant],
}

/// Words of a person in an article, in article order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoQuote {
    /// A [`DemoParticipant::key`]; `None` for a resident or another unnamed speaker.
    pub participant: Option<&'static str>,
    pub text: &'static str,
    /// `DIRECT` (the body carries these exact words) or `PARAPHRASE`.
    pub kind: &'static str,
}

/// When an article appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoPublication {
    /// A fixed moment, RFC 3339 in UTC.
    At(&'static str),
    /// This many days after seeding, so a fresh database always has a scheduled article.
    ScheduledInDays(u32),
    /// Not published (drafts and articles in review).
    Unpublished,
}

/// An article with everything that hangs on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoArticle {
    pub key: &'static str,
    /// `ru`, `kk` or `en`.
    pub lang: &'static str,
    /// The key of the Russian original this article translates.
    pub translation_of: Option<&'static str>,
    pub title: &'static str,
    pub lead: Option<&'static str>,
    /// HTML limited to `<p>`, `<blockquote>`, `<strong>`, `<em>`, `<ul><li>`, `<a href>`.
    pub body: &'static str,
    /// `DRAFT`, `IN_REVIEW`, `PUBLISHED` or `ARCHIVED`.
    pub status: &'static str,
    pub published: DemoPublication,
    pub region_code: Option<&'static str>,
    /// A [`DemoUser::key`].
    pub author: &'static str,
    /// [`DemoTag::slug`]s.
    pub tags: &'static [&'static str],
    /// A [`DemoMeeting::key`].
    pub meeting: Option<&'static str>,
    /// Participant keys of the people mentioned, in order of appearance.
    pub participants: &'static [&'static str],
    pub quotes: &'static [DemoQuote],
    /// Editor-chosen "read also" article keys, in display order.
    pub related: &'static [&'static str],
    pub cover_image_url: Option<&'static str>,
    pub cover_image_alt: Option<&'static str>,
    pub source: Option<&'static str>,
}

/// A reader comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoComment {
    pub key: &'static str,
    /// A [`DemoArticle::key`].
    pub article: &'static str,
    /// The key of the comment this one replies to, on the same article.
    pub parent: Option<&'static str>,
    /// A [`DemoUser::key`] when the commenter was signed in.
    pub user: Option<&'static str>,
    pub author_name: &'static str,
    pub author_email: &'static str,
    /// Plain text exactly as typed: markup in it must come out escaped.
    pub body: &'static str,
    /// `PENDING`, `APPROVED`, `SPAM` or `REJECTED`.
    pub status: &'static str,
    /// Comment time relative to the article's publication, so threads stay in order.
    pub minutes_after_publication: u32,
}

pub static USERS: &[DemoUser] = &[
    DemoUser {
        key: "admin",
        email: "admin@demo.polisia.kz",
        display_name: "Администратор портала",
        role: "ADMIN",
        password: "demo-admin-2026",
    },
    DemoUser {
        key: "editor",
        email: "editor@demo.polisia.kz",
        display_name: "Айгерим Сапарова",
        role: "EDITOR",
        password: "demo-editor-2026",
    },
    DemoUser {
        key: "author",
        email: "author@demo.polisia.kz",
        display_name: "Данияр Ахметов",
        role: "AUTHOR",
        password: "demo-author-2026",
    },
    DemoUser {
        key: "author2",
        email: "author2@demo.polisia.kz",
        display_name: "Жанар Исаева",
        role: "AUTHOR",
        password: "demo-author2-2026",
    },
    DemoUser {
        key: "moderator",
        email: "moderator@demo.polisia.kz",
        display_name: "Марат Жумабеков",
        role: "MODERATOR",
        password: "demo-moderator-2026",
    },
    DemoUser {
        key: "reader",
        email: "reader@demo.polisia.kz",
        display_name: "Асель Нурланова",
        role: "READER",
        password: "demo-reader-2026",
    },
];

pub static TAGS: &[DemoTag] = &[
    DemoTag {
        slug: "obshchestvennaya-bezopasnost",
        name: "Общественная безопасность",
    },
    DemoTag {
        slug: "kso",
        name: "КСО",
    },
    DemoTag {
        slug: "doroga",
        name: "Безопасность дорожного движения",
    },
    DemoTag {
        slug: "kibermoshennichestvo",
        name: "Кибермошенничество",
    },
    DemoTag {
        slug: "profilaktika",
        name: "Профилактика правонарушений",
    },
    DemoTag {
        slug: "nesovershennoletnie",
        name: "Несовершеннолетние",
    },
    DemoTag {
        slug: "uchastkovye",
        name: "Участковые инспекторы",
    },
    DemoTag {
        slug: "nagrady",
        name: "Награды",
    },
    DemoTag {
        slug: "volontery",
        name: "Волонтёры",
    },
    DemoTag {
        slug: "publichnye-slushaniya",
        name: "Публичные слушания",
    },
    DemoTag {
        slug: "priem-grazhdan",
        name: "Приём граждан",
    },
    DemoTag {
        slug: "brifing",
        name: "Брифинги",
    },
    DemoTag {
        slug: "proisshestviya",
        name: "Происшествия",
    },
];

pub static PARTICIPANTS: &[DemoParticipant] = &[
    DemoParticipant {
        key: "temirbayev",
        full_name_ru: "Ерболат Темирбаев",
        full_name_kk: Some("Ерболат Темірбаев"),
        full_name_en: Some("Yerbolat Temirbayev"),
        position: Some(
            "председатель консультативно-совещательного органа при департаменте полиции Кызылординской области",
        ),
        organization: Some("Консультативно-совещательный орган при ДП Кызылординской области"),
        honours: &[
            "почётный гражданин Кызылординской области",
            "медаль «Ерен еңбегі үшін»",
        ],
        region_code: Some("KZ-43"),
    },
    DemoParticipant {
        key: "seitkali",
        full_name_ru: "Нурлан Сейткали",
        full_name_kk: Some("Нұрлан Сейітқали"),
        full_name_en: Some("Nurlan Seitkali"),
        position: Some("начальник департамента полиции Кызылординской области"),
        organization: Some("Департамент полиции Кызылординской области"),
        honours: &[],
        region_code: Some("KZ-43"),
    },
    DemoParticipant {
        key: "abenov",
        full_name_ru: "Даурен Абенов",
        full_name_kk: Some("Дәурен Әбенов"),
        full_name_en: Some("Dauren Abenov"),
        position: Some("начальник управления местной полицейской службы ДП Кызылординской области"),
        organization: Some("Департамент полиции Кызылординской области"),
        honours: &["медаль «За безупречную службу» II степени"],
        region_code: Some("KZ-43"),
    },
    DemoParticipant {
        key: "kuanyshev",
        full_name_ru: "Амантай Куанышев",
        full_name_kk: Some("Амантай Қуанышев"),
        full_name_en: Some("Amantai Kuanyshev"),
        position: Some("член консультативно-совещательного органа при ДП Кызылординской области"),
        organization: Some("Совет ветеранов органов внутренних дел Кызылординской области"),
        honours: &[
            "почётный ветеран органов внутренних дел",
            "медаль «За безупречную службу» I степени",
        ],
        region_code: Some("KZ-43"),
    },
    DemoParticipant {
        key: "ospanova",
        full_name_ru: "Гульнар Оспанова",
        full_name_kk: Some("Гүлнар Оспанова"),
        full_name_en: None,
        position: Some("депутат Кызылординского областного маслихата"),
        organization: Some("Кызылординский областной маслихат"),
        honours: &["депутат Кызылординского областного маслихата"],
        region_code: Some("KZ-43"),
    },
    DemoParticipant {
        key: "zhakupova",
        full_name_ru: "Сауле Жакупова",
        full_name_kk: Some("Сәуле Жақыпова"),
        full_name_en: Some("Saule Zhakupova"),
        position: Some("председатель общественного совета города Павлодара"),
        organization: Some("Общественный совет города Павлодара"),
        honours: &["почётный гражданин города Павлодара"],
        region_code: Some("KZ-55"),
    },
    DemoParticipant {
        key: "lisitsyn",
        full_name_ru: "Андрей Лисицын",
        full_name_kk: None,
        full_name_en: Some("Andrei Lisitsyn"),
        position: Some("начальник управления полиции города Павлодара"),
        organization: Some("Управление полиции города Павлодара"),
        honours: &[],
        region_code: Some("KZ-55"),
    },
    DemoParticipant {
        key: "bekturov",
        full_name_ru: "Тимур Бектуров",
        full_name_kk: Some("Тимур Бектұров"),
        full_name_en: None,
        position: Some("старший участковый инспектор полиции города Павлодара"),
        organization: Some("Управление полиции города Павлодара"),
        honours: &["медаль «За безупречную службу» III степени"],
        region_code: Some("KZ-55"),
    },
    DemoParticipant {
        key: "aliev",
        full_name_ru: "Кайрат Алиев",
        full_name_kk: Some("Қайрат Әлиев"),
        full_name_en: None,
        position: Some("депутат Павлодарского городского маслихата"),
        organization: Some("Павлодарский городской маслихат"),
        honours: &["депутат Павлодарского городского маслихата"],
        region_code: Some("KZ-55"),
    },
    DemoParticipant {
        key: "karimov",
        full_name_ru: "Руслан Каримов",
        full_name_kk: Some("Руслан Кәрімов"),
        full_name_en: Some("Ruslan Karimov"),
        position: Some(
            "начальник управления по противодействию киберпреступности ДП города Алматы",
        ),
        organization: Some("Департамент полиции города Алматы"),
        honours: &[],
        region_code: Some("KZ-75"),
    },
    DemoParticipant {
        key: "zhaksybekova",
        full_name_ru: "Динара Жаксыбекова",
        full_name_kk: Some("Динара Жақсыбекова"),
        full_name_en: Some("Dinara Zhaksybekova"),
        position: Some("официальный представитель департамента полиции города Алматы"),
        organization: Some("Департамент полиции города Алматы"),
        honours: &[],
        region_code: Some("KZ-75"),
    },
    DemoParticipant {
        key: "nurpeisov",
        full_name_ru: "Бахыт Нурпеисов",
        full_name_kk: Some("Бақыт Нұрпейісов"),
        full_name_en: Some("Bakhyt Nurpeisov"),
        position: Some("эксперт по информационной безопасности"),
        organization: None,
        honours: &["член общественного совета по вопросам цифровой безопасности"],
        region_code: Some("KZ-75"),
    },
    DemoParticipant {
        key: "serikbayev",
        full_name_ru: "Ерлан Серикбаев",
        full_name_kk: Some("Ерлан Серікбаев"),
        full_name_en: None,
        position: Some("начальник управления административной полиции ДП Карагандинской области"),
        organization: Some("Департамент полиции Карагандинской области"),
        honours: &[],
        region_code: Some("KZ-35"),
    },
    DemoParticipant {
        key: "tulegenova",
        full_name_ru: "Айнур Тулегенова",
        full_name_kk: Some("Айнұр Төлегенова"),
        full_name_en: Some("Ainur Tulegenova"),
        position: Some("старший инспектор по делам несовершеннолетних ДП Туркестанской области"),
        organization: Some("Департамент полиции Туркестанской области"),
        honours: &[],
        region_code: Some("KZ-61"),
    },
    DemoParticipant {
        key: "pak",
        full_name_ru: "Олег Пак",
        full_name_kk: Some("Олег Пак"),
        full_name_en: Some("Oleg Pak"),
        position: Some("координатор добровольных помощников полиции района Есиль города Астаны"),
        organization: None,
        honours: &["благодарственное письмо департамента полиции города Астаны"],
        region_code: Some("KZ-71"),
    },
];

pub static MEETINGS: &[DemoMeeting] = &[
    DemoMeeting {
        key: "kso_kyzylorda_2024",
        title: "Заседание консультативно-совещательного органа при ДП Кызылординской области",
        body: "Консультативно-совещательный орган при департаменте полиции Кызылординской области",
        kind: "ADVISORY_COUNCIL",
        held_on: "2024-04-17",
        region_code: "KZ-43",
        venue: Some("Департамент полиции Кызылординской области, Кызылорда"),
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
                role: "CHAIR",
                position: Some("председатель КСО при ДП Кызылординской области"),
            },
            DemoMeetingParticipant {
                participant: "seitkali",
                role: "SPEAKER",
                position: Some("начальник департамента полиции Кызылординской области"),
            },
            DemoMeetingParticipant {
                participant: "abenov",
                role: "SPEAKER",
                position: Some(
                    "начальник управления местной полицейской службы ДП Кызылординской области",
                ),
            },
            DemoMeetingParticipant {
                participant: "kuanyshev",
                role: "MEMBER",
                position: Some("член КСО, почётный ветеран органов внутренних дел"),
            },
            DemoMeetingParticipant {
                participant: "ospanova",
                role: "MEMBER",
                position: Some("член КСО, депутат Кызылординского областного маслихата"),
            },
        ],
    },
    DemoMeeting {
        key: "hearing_pavlodar_2025",
        title: "Публичные слушания о безопасности во дворах Павлодара",
        body: "Общественный совет города Павлодара",
        kind: "PUBLIC_HEARING",
        held_on: "2025-03-13",
        region_code: "KZ-55",
        venue: Some("Зал заседаний акимата города Павлодара"),
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
                role: "CHAIR",
                position: Some("председатель общественного совета города Павлодара"),
            },
            DemoMeetingParticipant {
                participant: "lisitsyn",
                role: "SPEAKER",
                position: Some("начальник управления полиции города Павлодара"),
            },
            DemoMeetingParticipant {
                participant: "bekturov",
                role: "SPEAKER",
                position: Some("старший участковый инспектор полиции"),
            },
            DemoMeetingParticipant {
                participant: "aliev",
                role: "GUEST",
                position: Some("депутат Павлодарского городского маслихата"),
            },
        ],
    },
    DemoMeeting {
        key: "briefing_almaty_2025",
        title: "Брифинг о мошенничестве в интернете и по телефону",
        body: "Департамент полиции города Алматы",
        kind: "BRIEFING",
        held_on: "2025-10-01",
        region_code: "KZ-75",
        venue: Some("Пресс-центр департамента полиции города Алматы"),
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
                role: "CHAIR",
                position: Some("официальный представитель ДП города Алматы"),
            },
            DemoMeetingParticipant {
                participant: "karimov",
                role: "SPEAKER",
                position: Some(
                    "начальник управления по противодействию киберпреступности ДП города Алматы",
                ),
            },
            DemoMeetingParticipant {
                participant: "nurpeisov",
                role: "GUEST",
                position: Some("эксперт по информационной безопасности"),
            },
        ],
    },
];

pub static ARTICLES: &[DemoArticle] = &[
    DemoArticle {
        key: "alm_obl_livestock",
        lang: "ru",
        translation_of: None,
        title: "В Алматинской области задержали подозреваемых в серии краж скота",
        lead: Some(
            "Полицейские Алматинской области задержали группу подозреваемых в кражах скота с пастбищ Илийского и Карасайского районов, передает Polisia.kz.",
        ),
        body: "<p>С осени в полицию обращались фермеры Илийского и Карасайского районов: с отгонных пастбищ по ночам пропадали лошади и коровы.</p>\
<p>Оперативники вышли на группу из четырёх человек. По версии следствия, они перегоняли животных к грузовику, а мясо затем продавали на рынках. При задержании изъяты автомобиль и бланки поддельных ветеринарных справок.</p>\
<p>Владельцам уже вернули 11 голов скота. Досудебное расследование продолжается, полицейские проверяют причастность задержанных к другим кражам.</p>\
<p>Полиция советует фермерам клеймить и чипировать животных: так их проще опознать и вернуть хозяевам.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-01-23T05:45:00Z"),
        region_code: Some("KZ-19"),
        author: "author",
        tags: &["proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: Some("https://polisia.kz/uploads/demo/alm_obl_livestock.jpg"),
        cover_image_alt: Some("Табун лошадей на пастбище в Алматинской области"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_holiday_schedule",
        lang: "ru",
        translation_of: None,
        title: "Как будут работать приёмные полиции в праздничные дни Наурыза",
        lead: Some(
            "Полиция сообщила, как в праздничные дни Наурыза будут работать приёмные для граждан и дежурные части, передает Polisia.kz.",
        ),
        body: "<p>В праздничные дни Наурыза приёмные территориальных подразделений полиции работают по сокращённому графику: с 10:00 до 14:00.</p>\
<p>Дежурные части, патрульная полиция и участковые пункты работают в обычном режиме. Заявления о преступлениях и происшествиях принимаются круглосуточно.</p>\
<p>В экстренных случаях звоните по номеру <strong>102</strong>. Справки и выписки можно заказать на портале электронного правительства, не выходя из дома.</p>",
        status: "ARCHIVED",
        published: DemoPublication::At("2024-03-18T04:00:00Z"),
        region_code: None,
        author: "editor",
        tags: &["priem-grazhdan"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: None,
    },
    DemoArticle {
        key: "kzo_kso_concept",
        lang: "ru",
        translation_of: None,
        title: "В Кызылорде члены КСО обсудили концепцию общественной безопасности до 2028 года",
        lead: Some(
            "Члены консультативно-совещательного органа при департаменте полиции Кызылординской области обсудили проект концепции общественной безопасности в партнёрстве с обществом на 2024–2028 годы, передает Polisia.kz.",
        ),
        body: "<p>Члены консультативно-совещательного органа (КСО) собрались 17 апреля в областном департаменте полиции. Заседание провёл председатель совета Ерболат Темирбаев, почётный гражданин Кызылординской области. Кроме членов совета, в зале были руководители департамента и начальники районных отделов полиции.</p>\
<p>Главным вопросом повестки стал проект концепции общественной безопасности в партнёрстве с обществом на 2024–2028 годы. Документ готовит Министерство внутренних дел, а регионы сейчас собирают для него свои предложения.</p>\
<p>– Мы хотим, чтобы человек, пришедший в полицию, уходил с решённым вопросом, а не с очередной справкой. Для этого участковый должен знать свой участок не по карте, а по именам жителей, – сказал начальник управления местной полицейской службы ДП Кызылординской области Даурен Абенов.</p>\
<p>По его словам, в области работают 212 участковых инспекторов и 46 опорных пунктов полиции, но в ряде сельских округов один участковый отвечает сразу за несколько аулов.</p>\
<p>– Самые ценные предложения приходят не из кабинетов, а с собраний в аулах. Всё, что сегодня прозвучало, мы обобщим и до конца месяца направим в министерство, – добавил он.</p>\
<p>Начальник департамента полиции Нурлан Сейткали заметил, что успех концепции во многом зависит от доверия жителей, и поручил начальникам районных отделов до конца мая встретиться с населением каждого сельского округа. Член КСО, почётный ветеран органов внутренних дел Амантай Куанышев предложил закрепить за каждым сельским округом своего участкового и регулярно заслушивать их на заседаниях совета.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-04-17T10:30:00Z"),
        region_code: Some("KZ-43"),
        author: "author",
        tags: &["kso", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["temirbayev", "abenov", "seitkali", "kuanyshev"],
        quotes: &[
            DemoQuote {
                participant: Some("abenov"),
                text: "Мы хотим, чтобы человек, пришедший в полицию, уходил с решённым вопросом, а не с очередной справкой. Для этого участковый должен знать свой участок не по карте, а по именам жителей.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("abenov"),
                text: "Самые ценные предложения приходят не из кабинетов, а с собраний в аулах. Всё, что сегодня прозвучало, мы обобщим и до конца месяца направим в министерство.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("seitkali"),
                text: "Успех концепции во многом зависит от доверия жителей; начальникам районных отделов поручено до конца мая встретиться с населением каждого сельского округа.",
                kind: "PARAPHRASE",
            },
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Закрепить за каждым сельским округом своего участкового и регулярно заслушивать их на заседаниях совета.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["kzo_uchastkovye", "pvl_hearing"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/kzo_kso_concept.jpg"),
        cover_image_alt: Some(
            "Члены КСО за столом заседаний в департаменте полиции Кызылординской области",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_kso_concept_kk",
        lang: "kk",
        translation_of: Some("kzo_kso_concept"),
        title: "Қызылордада кеңесші орган мүшелері 2028 жылға дейінгі қоғамдық қауіпсіздік тұжырымдамасын талқылады",
        lead: Some(
            "Қызылорда облысы полиция департаменті жанындағы консультативтік-кеңесші органның мүшелері қоғаммен әріптестікте қоғамдық қауіпсіздікті қамтамасыз етудің 2024–2028 жылдарға арналған тұжырымдамасының жобасын талқылады, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Консультативтік-кеңесші органның мүшелері 17 сәуірде облыстық полиция департаментінде жиналды. Отырысты кеңес төрағасы, Қызылорда облысының құрметті азаматы Ерболат Темірбаев жүргізді. Кеңес мүшелерінен бөлек, залда департамент басшылығы мен аудандық полиция бөлімдерінің бастықтары болды.</p>\
<p>Күн тәртібіндегі басты мәселе — қоғаммен әріптестікте қоғамдық қауіпсіздікті қамтамасыз етудің 2024–2028 жылдарға арналған тұжырымдамасының жобасы. Құжатты Ішкі істер министрлігі әзірлеп жатыр, ал өңірлер оған өз ұсыныстарын жинауда.</p>\
<p>– Полицияға келген адам қолына тағы бір анықтама алып емес, мәселесін шешіп қайтуы керек. Ол үшін учаскелік инспектор өз учаскесін картадан емес, тұрғындардың есімінен білуі тиіс, – деді Қызылорда облысы ПД жергілікті полиция қызметі басқармасының бастығы Дәурен Әбенов.</p>\
<p>Оның айтуынша, облыста 212 учаскелік полиция инспекторы және 46 полиция тірек пункті жұмыс істейді, алайда кейбір ауылдық округтерде бір учаскелік бірнеше ауылға жауап береді.</p>\
<p>– Ең құнды ұсыныстар кабинеттен емес, ауылдағы жиналыстардан келеді. Бүгін айтылғанның бәрін жинақтап, ай соңына дейін министрлікке жолдаймыз, – деп қосты ол.</p>\
<p>Департамент бастығы Нұрлан Сейітқали тұжырымдаманың табысы көбіне тұрғындардың сеніміне байланысты екенін атап өтті. Кеңес мүшесі, ішкі істер органдарының құрметті ардагері Амантай Қуанышев әр ауылдық округке жеке учаскелік инспектор бекітуді ұсынды.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-04-17T12:10:00Z"),
        region_code: Some("KZ-43"),
        author: "author2",
        tags: &["kso", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["temirbayev", "abenov", "seitkali", "kuanyshev"],
        quotes: &[
            DemoQuote {
                participant: Some("abenov"),
                text: "Полицияға келген адам қолына тағы бір анықтама алып емес, мәселесін шешіп қайтуы керек. Ол үшін учаскелік инспектор өз учаскесін картадан емес, тұрғындардың есімінен білуі тиіс.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("abenov"),
                text: "Ең құнды ұсыныстар кабинеттен емес, ауылдағы жиналыстардан келеді. Бүгін айтылғанның бәрін жинақтап, ай соңына дейін министрлікке жолдаймыз.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("seitkali"),
                text: "Тұжырымдаманың табысы көбіне тұрғындардың сеніміне байланысты.",
                kind: "PARAPHRASE",
            },
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Әр ауылдық округке жеке учаскелік инспектор бекіту қажет.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["pvl_hearing_kk"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/kzo_kso_concept_kk.jpg"),
        cover_image_alt: Some("Қызылорда облысы полиция департаментіндегі кеңес отырысы"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_kso_concept_en",
        lang: "en",
        translation_of: Some("kzo_kso_concept"),
        title: "Kyzylorda police advisory council discusses public safety concept to 2028",
        lead: Some(
            "Members of the advisory council at the Kyzylorda Region Police Department discussed the draft concept of public safety in partnership with society for 2024–2028, Polisia.kz reports.",
        ),
        body: "<p>Members of the advisory council gathered at the regional police department on 17 April. The session was chaired by Yerbolat Temirbayev, an honorary citizen of Kyzylorda Region. Besides council members, the department's leadership and the heads of district police units attended.</p>\
<p>The main item on the agenda was the draft concept of public safety in partnership with society for 2024–2028. The Ministry of Internal Affairs is preparing the document, and the regions are now collecting their proposals for it.</p>\
<p>“A person who comes to the police should leave with the problem solved, not with one more certificate. For that, a district officer has to know the neighbourhood by the residents' names, not from a map,” said Dauren Abenov, head of the local police service of the regional department.</p>\
<p>According to him, the region has 212 district police officers and 46 community police points, yet in some rural districts a single officer covers several villages.</p>\
<p>Department head Nurlan Seitkali said the concept would succeed only if residents trust the police. Council member Amantai Kuanyshev, an honorary veteran of the internal affairs bodies, proposed assigning a dedicated district officer to every rural district.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-04-18T06:00:00Z"),
        region_code: Some("KZ-43"),
        author: "author2",
        tags: &["kso", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["temirbayev", "abenov", "seitkali", "kuanyshev"],
        quotes: &[
            DemoQuote {
                participant: Some("abenov"),
                text: "A person who comes to the police should leave with the problem solved, not with one more certificate. For that, a district officer has to know the neighbourhood by the residents' names, not from a map.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("seitkali"),
                text: "The concept will succeed only if residents trust the police.",
                kind: "PARAPHRASE",
            },
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Every rural district should have a dedicated district officer.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["ala_fraud_briefing_en"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/kzo_kso_concept_en.jpg"),
        cover_image_alt: Some("Advisory council session at the Kyzylorda Region Police Department"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_uchastkovye",
        lang: "ru",
        translation_of: None,
        title: "Члены КСО Кызылординской области предложили закрепить участкового за каждым сельским округом",
        lead: Some(
            "На заседании КСО при департаменте полиции Кызылординской области члены совета предложили закрепить отдельного участкового инспектора за каждым сельским округом, передает Polisia.kz.",
        ),
        body: "<p>Второй вопрос апрельского заседания консультативно-совещательного органа касался работы участковых инспекторов в сельской местности. Члены совета обсудили, как сократить расстояния, которые приходится преодолевать полицейским, и чем могут помочь местные акиматы.</p>\
<p>– Участковый, у которого на руках пять аулов, физически не успевает к каждому жителю. Люди должны видеть своего инспектора не раз в квартал, а каждую неделю, – заявил член КСО, почётный ветеран органов внутренних дел Амантай Куанышев.</p>\
<p>Депутат областного маслихата Гульнар Оспанова рассказала, что в Жалагашском и Сырдарьинском районах акиматы готовы выделить помещения под опорные пункты полиции.</p>\
<p>– Опорный пункт в самом ауле — это не только кабинет для полицейского. Туда придут и пожилые люди, и родители подростков, и те, кто стесняется ехать в районный центр, – сказала она.</p>\
<p>Председатель КСО Ерболат Темирбаев поддержал предложения и попросил руководство департамента к следующему заседанию рассчитать, сколько участковых нужно области. Итоги обсуждения войдут в решение совета.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-04-23T08:15:00Z"),
        region_code: Some("KZ-43"),
        author: "author",
        tags: &["kso", "uchastkovye"],
        meeting: Some("kso_kyzylorda_2024"),
        participants: &["kuanyshev", "ospanova", "temirbayev"],
        quotes: &[
            DemoQuote {
                participant: Some("kuanyshev"),
                text: "Участковый, у которого на руках пять аулов, физически не успевает к каждому жителю. Люди должны видеть своего инспектора не раз в квартал, а каждую неделю.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("ospanova"),
                text: "Опорный пункт в самом ауле — это не только кабинет для полицейского. Туда придут и пожилые люди, и родители подростков, и те, кто стесняется ехать в районный центр.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("temirbayev"),
                text: "Поддержал предложения и попросил руководство департамента к следующему заседанию рассчитать, сколько участковых нужно области.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["kzo_kso_concept"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/kzo_uchastkovye.jpg"),
        cover_image_alt: Some("Участковый инспектор беседует с жителями аула"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_volunteers",
        lang: "ru",
        translation_of: None,
        title: "В Астане добровольные помощники полиции вышли на вечерние патрули",
        lead: Some(
            "В Астане добровольные помощники полиции начали выходить на вечерние патрули вместе с участковыми инспекторами, передает Polisia.kz.",
        ),
        body: "<p>В районе Есиль столицы начался летний сезон совместных патрулей. Каждый вечер с 19:00 до 23:00 участковые инспекторы обходят дворы, набережную и детские площадки вместе с добровольцами.</p>\
<p>Сейчас в списке 64 человека: студенты, предприниматели, пенсионеры, бывшие военные. Перед первым выходом каждый прошёл инструктаж и получил жилет с надписью <em>«Полиция көмекшісі»</em>.</p>\
<p>– Мы не подменяем полицию и никого не задерживаем. Наша задача — быть заметными, вовремя позвонить по номеру 102 и подсказать дорогу приезжим, – рассказал координатор добровольцев района Есиль Олег Пак.</p>\
<p>По данным районного управления полиции, за первые две недели патрули помогли найти двух потерявшихся детей и сообщили о 11 случаях распития спиртного в общественных местах.</p>\
<p>Присоединиться к патрулям может любой совершеннолетний житель столицы. Заявки принимают в ближайшем участковом пункте полиции.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-06-11T09:20:00Z"),
        region_code: Some("KZ-71"),
        author: "author",
        tags: &["volontery", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: None,
        participants: &["pak"],
        quotes: &[DemoQuote {
            participant: Some("pak"),
            text: "Мы не подменяем полицию и никого не задерживаем. Наша задача — быть заметными, вовремя позвонить по номеру 102 и подсказать дорогу приезжим.",
            kind: "DIRECT",
        }],
        related: &["ast_police_day_awards", "uly_pensioners_winter"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ast_volunteers.jpg"),
        cover_image_alt: Some("Добровольцы в жилетах и участковый на набережной Есиля"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_volunteers_kk",
        lang: "kk",
        translation_of: Some("ast_volunteers"),
        title: "Астанада полицияның ерікті көмекшілері кешкі патрульге шықты",
        lead: Some(
            "Астанада полицияның ерікті көмекшілері учаскелік инспекторлармен бірге кешкі патрульге шыға бастады, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Елорданың Есіл ауданында бірлескен патрульдердің жазғы маусымы басталды. Күн сайын кешкі 19:00-ден 23:00-ге дейін учаскелік инспекторлар еріктілермен бірге аулаларды, жағалауды және балалар алаңдарын аралайды.</p>\
<p>Қазір тізімде 64 адам бар: студенттер, кәсіпкерлер, зейнеткерлер, бұрынғы әскерилер. Алғашқы кезекшілік алдында әрқайсысы нұсқаулықтан өтіп, <em>«Полиция көмекшісі»</em> деген жазуы бар жилет алды.</p>\
<p>– Біз полицияның орнын баспаймыз және ешкімді ұстамаймыз. Біздің міндетіміз — көзге көрініп жүру, уақытында 102 нөміріне хабарласу және қалаға келген қонақтарға жол көрсету, – деді Есіл ауданындағы еріктілердің үйлестірушісі Олег Пак.</p>\
<p>Аудандық полиция басқармасының мәліметінше, алғашқы екі аптада патрульдер адасып кеткен екі баланы табуға көмектесті.</p>\
<p>Патрульге елорданың кәмелетке толған кез келген тұрғыны қосыла алады. Өтінімді жақын маңдағы учаскелік полиция пункті қабылдайды.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-06-11T11:40:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["volontery", "obshchestvennaya-bezopasnost", "uchastkovye"],
        meeting: None,
        participants: &["pak"],
        quotes: &[DemoQuote {
            participant: Some("pak"),
            text: "Біз полицияның орнын баспаймыз және ешкімді ұстамаймыз. Біздің міндетіміз — көзге көрініп жүру, уақытында 102 нөміріне хабарласу және қалаға келген қонақтарға жол көрсету.",
            kind: "DIRECT",
        }],
        related: &[],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ast_volunteers_kk.jpg"),
        cover_image_alt: Some("Ерікті көмекшілер мен учаскелік инспектор Есіл жағалауында"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_volunteers_en",
        lang: "en",
        translation_of: Some("ast_volunteers"),
        title: "Volunteers join evening police patrols in Astana",
        lead: Some(
            "Volunteer police helpers in Astana have started joining district officers on evening patrols, Polisia.kz reports.",
        ),
        body: "<p>The summer season of joint patrols has begun in the capital's Yesil district. Every evening from 7 pm to 11 pm, district police officers walk through courtyards, the embankment and playgrounds together with volunteers.</p>\
<p>Sixty-four people have signed up so far: students, small business owners, pensioners and former servicemen. Before their first shift, each of them was briefed and given a vest marked <em>“Police helper”</em> in Kazakh.</p>\
<p>“We do not replace the police and we do not detain anyone. Our job is to be visible, to call 102 in time and to show visitors the way,” said Oleg Pak, who coordinates the volunteers in Yesil district.</p>\
<p>Any adult resident of the capital can join the patrols by applying at the nearest community police point.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-06-12T04:50:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["volontery", "obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &["pak"],
        quotes: &[DemoQuote {
            participant: Some("pak"),
            text: "We do not replace the police and we do not detain anyone. Our job is to be visible, to call 102 in time and to show visitors the way.",
            kind: "DIRECT",
        }],
        related: &["ast_students_online_en"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ast_volunteers_en.jpg"),
        cover_image_alt: Some(
            "Volunteers in vests with a district officer on the Yesil embankment",
        ),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_police_day_awards",
        lang: "ru",
        translation_of: None,
        title: "Ко Дню полиции лучших участковых столицы наградили ведомственными медалями",
        lead: Some(
            "Накануне Дня полиции лучшие участковые инспекторы Астаны получили ведомственные награды и благодарственные письма, передает Polisia.kz.",
        ),
        body: "<p>Торжественная церемония прошла в департаменте полиции города Астаны за два дня до профессионального праздника, который в Казахстане отмечают 23 июня.</p>\
<p>Медали и нагрудные знаки получили 18 сотрудников. Среди них участковые инспекторы, на участках которых за год не было ни одного тяжкого преступления, и патрульные, раскрывшие по горячим следам серию угонов автомобилей.</p>\
<p>Благодарственные письма вручили и гражданским: жителям, которые помогли задержать правонарушителей, и добровольцам, патрулирующим улицы вместе с полицией. Одно из писем получил координатор добровольцев района Есиль Олег Пак.</p>\
<p>Отдельно поздравили ветеранов органов внутренних дел, которые стали наставниками молодых полицейских. Для них подготовили концерт.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-06-21T07:00:00Z"),
        region_code: Some("KZ-71"),
        author: "editor",
        tags: &["nagrady", "uchastkovye"],
        meeting: None,
        participants: &["pak"],
        quotes: &[],
        related: &["ast_volunteers"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ast_police_day_awards.jpg"),
        cover_image_alt: Some("Вручение ведомственных наград в департаменте полиции Астаны"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "mng_water_safety",
        lang: "ru",
        translation_of: None,
        title: "В Мангистау полицейские напомнили отдыхающим о безопасности на воде",
        lead: Some(
            "Полицейские Мангистауской области вышли на городские пляжи Актау, чтобы напомнить отдыхающим о безопасности на воде, передает Polisia.kz.",
        ),
        body: "<p>С началом купального сезона на побережье Каспия в Актау ежедневно дежурят наряды патрульной полиции. Вместе со спасателями они обходят пляжи и раздают памятки.</p>\
<p>Главная просьба полицейских к родителям — не оставлять детей у воды без присмотра даже на несколько минут. Чаще всего люди попадают в беду там, где купаться не положено: на диких пляжах и у волнорезов.</p>\
<p>Полиция также напоминает, что купаться в нетрезвом виде запрещено, а управлять маломерным судном без удостоверения — административное правонарушение.</p>\
<p>Телефоны экстренных служб, <strong>102</strong> и <strong>112</strong>, напечатаны на каждой памятке.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-07-09T06:30:00Z"),
        region_code: Some("KZ-47"),
        author: "author",
        tags: &["profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: Some("https://polisia.kz/uploads/demo/mng_water_safety.jpg"),
        cover_image_alt: Some("Патрульные полицейские на пляже в Актау"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "shym_reception",
        lang: "ru",
        translation_of: None,
        title: "Руководство полиции Шымкента провело выездной приём граждан на окраине города",
        lead: Some(
            "Руководство департамента полиции Шымкента провело выездной приём граждан в одном из новых жилых массивов на окраине города, передает Polisia.kz.",
        ),
        body: "<p>Приём прошёл в здании школы. Жителям не пришлось ехать в центр: руководители полиции, юристы и участковые инспекторы принимали людей на месте с 10 утра до вечера.</p>\
<p>Всего выслушали 37 человек. Чаще всего жители жаловались на шумные компании во дворах, нехватку освещения и водителей, которые гоняют по узким улицам частного сектора.</p>\
<p>– Фонари у нас не горят третий месяц, вечером дети боятся возвращаться с кружков. Сегодня впервые кто-то записал нашу проблему и назвал срок, – поделилась одна из жительниц массива.</p>\
<p>За каждым обращением закреплён ответственный сотрудник. О результатах заявителям сообщат письменно в течение 15 рабочих дней, а вопросы освещения переданы в акимат района.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-09-10T10:05:00Z"),
        region_code: Some("KZ-79"),
        author: "author",
        tags: &["priem-grazhdan", "obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Фонари у нас не горят третий месяц, вечером дети боятся возвращаться с кружков. Сегодня впервые кто-то записал нашу проблему и назвал срок.",
            kind: "DIRECT",
        }],
        related: &["atr_new_post"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/shym_reception.jpg"),
        cover_image_alt: Some("Жители на выездном приёме руководства полиции Шымкента"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "krg_road_winter",
        lang: "ru",
        translation_of: None,
        title: "Карагандинская полиция усилила контроль на трассах перед зимой",
        lead: Some(
            "С наступлением холодов полиция Карагандинской области усилила контроль на загородных трассах, передает Polisia.kz.",
        ),
        body: "<p>С середины ноября на трассах Караганда — Астана и Караганда — Балхаш дежурят дополнительные экипажи патрульной полиции. Они проверяют техническое состояние автобусов и грузовиков, зимнюю резину и соблюдение водителями режима труда и отдыха.</p>\
<p>– Зимой на трассе любая ошибка обходится дороже. Лысая резина и уставший водитель — прямая дорога в кювет, поэтому мы останавливаем каждый междугородний автобус, – сказал начальник управления административной полиции ДП Карагандинской области Ерлан Серикбаев.</p>\
<p>За первую неделю рейдов выявлено 142 нарушения, 9 автобусов отстранены от рейсов до устранения неисправностей.</p>\
<p>На случай снежных заносов на постах подготовлены пункты обогрева. Полиция просит перед поездкой узнавать прогноз и не выезжать на трассу в буран.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-11-12T04:40:00Z"),
        region_code: Some("KZ-35"),
        author: "author",
        tags: &["doroga"],
        meeting: None,
        participants: &["serikbayev"],
        quotes: &[DemoQuote {
            participant: Some("serikbayev"),
            text: "Зимой на трассе любая ошибка обходится дороже. Лысая резина и уставший водитель — прямая дорога в кювет, поэтому мы останавливаем каждый междугородний автобус.",
            kind: "DIRECT",
        }],
        related: &["akt_drunk_drivers", "sko_school_routes"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/krg_road_winter.jpg"),
        cover_image_alt: Some("Экипаж патрульной полиции на заснеженной трассе Караганда — Астана"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "krg_road_winter_kk",
        lang: "kk",
        translation_of: Some("krg_road_winter"),
        title: "Қарағанды полициясы қыс алдында трассалардағы бақылауды күшейтті",
        lead: Some(
            "Суық түсуіне байланысты Қарағанды облысының полициясы қала сыртындағы трассалардағы бақылауды күшейтті, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Қараша айының ортасынан бастап Қарағанды — Астана және Қарағанды — Балқаш трассаларында патрульдік полицияның қосымша экипаждары кезекшілік атқарады. Олар автобустар мен жүк көліктерінің техникалық жағдайын, қысқы дөңгелектерді және жүргізушілердің еңбек пен демалыс режимін сақтауын тексереді.</p>\
<p>– Қыста трассадағы кез келген қателік қымбатқа түседі. Тозған дөңгелек пен шаршаған жүргізуші — апатқа бастайтын тура жол, сондықтан қалааралық қатынастағы әрбір автобусты тоқтатамыз, – деді Қарағанды облысы ПД әкімшілік полиция басқармасының бастығы Ерлан Серікбаев.</p>\
<p>Рейдтердің алғашқы аптасында 142 бұзушылық анықталды, 9 автобус ақауы жойылғанға дейін рейстен шеттетілді.</p>\
<p>Жолды қар басып қалған жағдайға бекеттерде жылыну пункттері дайындалды. Полиция сапар алдында ауа райы болжамын біліп, боран кезінде трассаға шықпауды сұрайды.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2024-11-12T08:25:00Z"),
        region_code: Some("KZ-35"),
        author: "author2",
        tags: &["doroga"],
        meeting: None,
        participants: &["serikbayev"],
        quotes: &[DemoQuote {
            participant: Some("serikbayev"),
            text: "Қыста трассадағы кез келген қателік қымбатқа түседі. Тозған дөңгелек пен шаршаған жүргізуші — апатқа бастайтын тура жол, сондықтан қалааралық қатынастағы әрбір автобусты тоқтатамыз.",
            kind: "DIRECT",
        }],
        related: &[],
        cover_image_url: Some("https://polisia.kz/uploads/demo/krg_road_winter_kk.jpg"),
        cover_image_alt: Some("Қарлы трассадағы патрульдік полиция экипажы"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "vko_pensioners_fraud",
        lang: "ru",
        translation_of: None,
        title: "В Усть-Каменогорске полицейские рассказали пенсионерам о телефонных мошенниках",
        lead: Some(
            "Полицейские Усть-Каменогорска встретились с пенсионерами и рассказали, как распознать телефонных мошенников, передает Polisia.kz.",
        ),
        body: "<p>Встреча прошла в городском центре активного долголетия. Послушать сотрудников полиции пришли около 60 человек.</p>\
<p>Полицейские разобрали самые распространённые уловки: звонок якобы от родственника, попавшего в аварию, сообщение о «подозрительной операции» по карте и предложение получить компенсацию за старый вклад.</p>\
<blockquote>Сотрудник банка никогда не попросит назвать код из СМС. Если вас торопят и пугают — положите трубку и перезвоните родным сами.</blockquote>\
<p>Каждому участнику вручили памятку с телефонами дежурной части. До конца зимы такие встречи пройдут во всех районах Восточно-Казахстанской области.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-01-28T05:10:00Z"),
        region_code: Some("KZ-63"),
        author: "author",
        tags: &["kibermoshennichestvo", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Сотрудник банка никогда не попросит назвать код из СМС. Если вас торопят и пугают — положите трубку и перезвоните родным сами.",
            kind: "DIRECT",
        }],
        related: &["ala_fraud_briefing"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/vko_pensioners_fraud.jpg"),
        cover_image_alt: Some("Полицейский выступает перед пенсионерами в Усть-Каменогорске"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "trk_juveniles",
        lang: "ru",
        translation_of: None,
        title: "В Туркестанской области инспекторы по делам несовершеннолетних провели уроки в сельских школах",
        lead: Some(
            "Инспекторы по делам несовершеннолетних Туркестанской области провели профилактические уроки для школьников сельских районов, передает Polisia.kz.",
        ),
        body: "<p>С начала февраля инспекторы ювенальной полиции побывали в 48 школах Сайрамского, Толебийского и Казыгуртского районов. Со старшеклассниками говорили о травле, вымогательстве в соцсетях и ответственности за кражи.</p>\
<p>– Подросток редко приходит в полицию сам. Поэтому мы идём в школы и говорим с ребятами на их языке: про телефоны, чаты и то, чем может закончиться «безобидная» шутка в интернете, – рассказала старший инспектор по делам несовершеннолетних ДП Туркестанской области Айнур Тулегенова.</p>\
<p>Отдельные встречи прошли с родителями. Инспекторы объяснили, как заметить, что ребёнка травят или втягивают в сомнительные группы, и куда обращаться за помощью.</p>\
<p>После уроков школьникам раздали карточки с номером телефона доверия <strong>111</strong>.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-02-05T06:50:00Z"),
        region_code: Some("KZ-61"),
        author: "author",
        tags: &["nesovershennoletnie", "profilaktika"],
        meeting: None,
        participants: &["tulegenova"],
        quotes: &[DemoQuote {
            participant: Some("tulegenova"),
            text: "Подросток редко приходит в полицию сам. Поэтому мы идём в школы и говорим с ребятами на их языке: про телефоны, чаты и то, чем может закончиться «безобидная» шутка в интернете.",
            kind: "DIRECT",
        }],
        related: &["kst_youth_football_kk"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/trk_juveniles.jpg"),
        cover_image_alt: Some("Инспектор по делам несовершеннолетних на уроке в сельской школе"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "trk_juveniles_en",
        lang: "en",
        translation_of: Some("trk_juveniles"),
        title: "Juvenile police officers hold lessons in rural schools of Turkistan Region",
        lead: Some(
            "Juvenile affairs officers of Turkistan Region have held crime-prevention lessons for pupils in rural districts, Polisia.kz reports.",
        ),
        body: "<p>Since early February, juvenile police officers have visited 48 schools in the Sairam, Tolebi and Kazygurt districts. With senior pupils they talked about bullying, online extortion and the consequences of theft.</p>\
<p>“Teenagers rarely come to the police on their own. So we go to schools and speak their language: about phones, group chats and where a ‘harmless’ joke on the internet can lead,” said Ainur Tulegenova, senior juvenile affairs inspector of the Turkistan Region Police Department.</p>\
<p>Separate meetings were held with parents, who learned how to notice that a child is being bullied or drawn into dubious online groups, and where to turn for help.</p>\
<p>After the lessons, pupils received cards with the number of the <strong>111</strong> children's helpline.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-02-06T09:00:00Z"),
        region_code: Some("KZ-61"),
        author: "author2",
        tags: &["nesovershennoletnie", "profilaktika"],
        meeting: None,
        participants: &["tulegenova"],
        quotes: &[DemoQuote {
            participant: Some("tulegenova"),
            text: "Teenagers rarely come to the police on their own. So we go to schools and speak their language: about phones, group chats and where a ‘harmless’ joke on the internet can lead.",
            kind: "DIRECT",
        }],
        related: &[],
        cover_image_url: Some("https://polisia.kz/uploads/demo/trk_juveniles_en.jpg"),
        cover_image_alt: Some("A juvenile affairs officer talking to pupils in a rural school"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_hearing",
        lang: "ru",
        translation_of: None,
        title: "Жители Павлодара на публичных слушаниях обсудили с полицией безопасность дворов",
        lead: Some(
            "На публичных слушаниях в Павлодаре жители обсудили с руководством городской полиции безопасность во дворах и на улицах, передает Polisia.kz.",
        ),
        body: "<p>13 марта в зале заседаний акимата Павлодара прошли публичные слушания о правопорядке в жилых микрорайонах. Вела их председатель общественного совета города, почётный гражданин Павлодара Сауле Жакупова. В зал пришли более 120 жителей, ещё около 900 человек смотрели прямую трансляцию.</p>\
<p>Начальник управления полиции города Андрей Лисицын рассказал, что за прошлый год квартирных краж в городе стало меньше на 14 процентов, а уличных грабежей — почти на пятую часть.</p>\
<p>– Цифры радуют, но людей волнует другое: тёмный двор, компания у подъезда, самокатчик на тротуаре. Поэтому сегодня я хочу услышать не благодарности, а конкретные адреса, – сказал он.</p>\
<p>Адреса прозвучали: жители назвали 23 двора без освещения и несколько мест у школ, где водители постоянно превышают скорость. Старший участковый инспектор Тимур Бектуров пообещал, что каждый адрес проверят вместе с представителями акимата.</p>\
<p>– Слушания — это не разовая акция. Через полгода мы соберёмся снова и спросим, что изменилось по каждому адресу из сегодняшнего протокола, – подвела итог Сауле Жакупова.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-03-13T11:35:00Z"),
        region_code: Some("KZ-55"),
        author: "author",
        tags: &[
            "publichnye-slushaniya",
            "obshchestvennaya-bezopasnost",
            "uchastkovye",
        ],
        meeting: Some("hearing_pavlodar_2025"),
        participants: &["zhakupova", "lisitsyn", "bekturov"],
        quotes: &[
            DemoQuote {
                participant: Some("lisitsyn"),
                text: "Цифры радуют, но людей волнует другое: тёмный двор, компания у подъезда, самокатчик на тротуаре. Поэтому сегодня я хочу услышать не благодарности, а конкретные адреса.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("bekturov"),
                text: "Каждый адрес, названный жителями, проверят вместе с представителями акимата.",
                kind: "PARAPHRASE",
            },
            DemoQuote {
                participant: Some("zhakupova"),
                text: "Слушания — это не разовая акция. Через полгода мы соберёмся снова и спросим, что изменилось по каждому адресу из сегодняшнего протокола.",
                kind: "DIRECT",
            },
        ],
        related: &["pvl_cameras", "kzo_kso_concept"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/pvl_hearing.jpg"),
        cover_image_alt: Some("Жители Павлодара в зале на публичных слушаниях"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_hearing_kk",
        lang: "kk",
        translation_of: Some("pvl_hearing"),
        title: "Павлодар тұрғындары жария тыңдауда полициямен аулалардағы қауіпсіздікті талқылады",
        lead: Some(
            "Павлодарда өткен жария тыңдауда тұрғындар қалалық полиция басшылығымен аулалар мен көшелердегі қауіпсіздікті талқылады, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>13 наурызда Павлодар қаласы әкімдігінің мәжіліс залында тұрғын үй шағынаудандарындағы құқықтық тәртіпке арналған жария тыңдау өтті. Оны қалалық қоғамдық кеңестің төрағасы, Павлодардың құрметті азаматы Сәуле Жақыпова жүргізді. Залға 120-дан астам тұрғын келді, тағы 900-ге жуық адам тікелей трансляцияны көрді.</p>\
<p>Қалалық полиция басқармасының бастығы Андрей Лисицын өткен жылы қаладағы пәтер ұрлығы 14 пайызға азайғанын айтты.</p>\
<p>– Сандар қуантады, бірақ адамдарды басқа нәрсе алаңдатады: қараңғы аула, подъезд алдындағы топ, тротуардағы самокатшы. Сондықтан бүгін алғыс емес, нақты мекенжайларды естігім келеді, – деді ол.</p>\
<p>Тұрғындар жарықсыз 23 аула мен мектеп маңында жүргізушілер жылдамдықты жиі асыратын бірнеше жерді атады. Аға учаскелік инспектор Тимур Бектұров әр мекенжай әкімдік өкілдерімен бірге тексерілетінін айтты.</p>\
<p>– Тыңдау — бір реттік шара емес. Жарты жылдан кейін қайта жиналып, бүгінгі хаттамадағы әр мекенжай бойынша не өзгергенін сұраймыз, – деп қорытындылады Сәуле Жақыпова.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-03-14T05:20:00Z"),
        region_code: Some("KZ-55"),
        author: "author2",
        tags: &[
            "publichnye-slushaniya",
            "obshchestvennaya-bezopasnost",
            "uchastkovye",
        ],
        meeting: Some("hearing_pavlodar_2025"),
        participants: &["zhakupova", "lisitsyn", "bekturov"],
        quotes: &[
            DemoQuote {
                participant: Some("lisitsyn"),
                text: "Сандар қуантады, бірақ адамдарды басқа нәрсе алаңдатады: қараңғы аула, подъезд алдындағы топ, тротуардағы самокатшы. Сондықтан бүгін алғыс емес, нақты мекенжайларды естігім келеді.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("bekturov"),
                text: "Әр мекенжай әкімдік өкілдерімен бірге тексеріледі.",
                kind: "PARAPHRASE",
            },
            DemoQuote {
                participant: Some("zhakupova"),
                text: "Тыңдау — бір реттік шара емес. Жарты жылдан кейін қайта жиналып, бүгінгі хаттамадағы әр мекенжай бойынша не өзгергенін сұраймыз.",
                kind: "DIRECT",
            },
        ],
        related: &["kzo_kso_concept_kk"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/pvl_hearing_kk.jpg"),
        cover_image_alt: Some("Жария тыңдауға келген Павлодар тұрғындары"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "pvl_cameras",
        lang: "ru",
        translation_of: None,
        title: "После публичных слушаний в Павлодаре осветили 17 дворов и поставили камеры у школ",
        lead: Some(
            "По итогам мартовских публичных слушаний в Павлодаре осветили 17 дворов и установили камеры у школ, передает Polisia.kz.",
        ),
        body: "<p>В марте жители Павлодара передали полиции и акимату список из 23 дворов без освещения. К концу мая фонари заработали в 17 из них, в остальных работы завершат до конца лета.</p>\
<p>У шести школ, где на слушаниях жаловались на лихачей, установили камеры фиксации скорости и обновили разметку пешеходных переходов.</p>\
<p>– Я сам живу в одном из этих микрорайонов и вижу разницу каждый вечер. Люди стали дольше гулять с детьми, а у подъездов больше не собираются шумные компании, – рассказал депутат городского маслихата Кайрат Алиев.</p>\
<p>Начальник управления полиции Андрей Лисицын отметил, что с тех пор, как во дворах появился свет, там не зарегистрировано ни одной кражи из автомобилей. Следующая встреча с жителями назначена на сентябрь.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-05-20T07:45:00Z"),
        region_code: Some("KZ-55"),
        author: "editor",
        tags: &[
            "publichnye-slushaniya",
            "obshchestvennaya-bezopasnost",
            "doroga",
        ],
        meeting: Some("hearing_pavlodar_2025"),
        participants: &["aliev", "lisitsyn"],
        quotes: &[
            DemoQuote {
                participant: Some("aliev"),
                text: "Я сам живу в одном из этих микрорайонов и вижу разницу каждый вечер. Люди стали дольше гулять с детьми, а у подъездов больше не собираются шумные компании.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("lisitsyn"),
                text: "С тех пор, как во дворах появился свет, там не зарегистрировано ни одной кражи из автомобилей.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["pvl_hearing"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/pvl_cameras.jpg"),
        cover_image_alt: Some("Новые фонари во дворе жилого дома в Павлодаре"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kst_youth_football_kk",
        lang: "kk",
        translation_of: None,
        title: "Қостанайда полицейлер жасөспірімдермен футбол турнирін өткізді",
        lead: Some(
            "Қостанайда полиция қызметкерлері мен жасөспірімдер арасында «Полиция және жастар» футбол турнирі өтті, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Турнирге қала мектептерінен 12 команда қатысты. Олардың қатарында кәмелетке толмағандар ісі жөніндегі инспекторлардың есебінде тұрған жасөспірімдер де бар.</p>\
<p>Алаңға полицейлер құрамасы да шықты. Ойын арасында қызметкерлер балалармен еркін сөйлесіп, спорт пен салауатты өмір салты туралы әңгімелесті.</p>\
<p>Жеңімпаз атанған №21 мектеп командасына кубок пен футбол доптары табыс етілді. Ұйымдастырушылар мұндай турнирді жыл сайын өткізуді жоспарлап отыр.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-06-03T10:00:00Z"),
        region_code: Some("KZ-39"),
        author: "author2",
        tags: &["nesovershennoletnie", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["zhm_district_officers_kk"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/kst_youth_football_kk.jpg"),
        cover_image_alt: Some("Қостанайдағы полицейлер мен жасөспірімдердің футбол матчы"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "sko_school_routes",
        lang: "ru",
        translation_of: None,
        title: "Перед учебным годом полицейские Петропавловска проверили подходы к школам",
        lead: Some(
            "Накануне учебного года сотрудники административной полиции Петропавловска проверили, безопасно ли детям добираться до школ, передает Polisia.kz.",
        ),
        body: "<p>Полицейские вместе с представителями городского отдела ЖКХ обошли 42 школы. Проверяли пешеходные переходы, дорожные знаки, освещение и светофоры на маршрутах, по которым дети ходят на уроки.</p>\
<p>Замечания нашлись у 11 школ: где-то стёрлась разметка, где-то не хватает ограждения у проезжей части. Список передан в акимат с просьбой устранить недостатки до 1 сентября.</p>\
<p>В сентябре первоклассникам раздадут световозвращающие браслеты, а в школах пройдут уроки правил дорожного движения.</p>\
<p>Полиция напоминает водителям: в первые недели учебного года у школ особенно много детей, которые ещё не привыкли к дороге.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-08-27T04:30:00Z"),
        region_code: Some("KZ-59"),
        author: "author",
        tags: &["doroga", "nesovershennoletnie"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["krg_road_winter"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/sko_school_routes.jpg"),
        cover_image_alt: Some("Пешеходный переход у школы в Петропавловске"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ala_fraud_briefing",
        lang: "ru",
        translation_of: None,
        title: "В полиции Алматы рассказали о новых схемах интернет-мошенничества",
        lead: Some(
            "На брифинге в департаменте полиции Алматы рассказали о новых схемах интернет-мошенничества и о том, как не стать их жертвой, передает Polisia.kz.",
        ),
        body: "<p>1 октября в пресс-центре департамента полиции Алматы прошёл брифинг о мошенничестве в интернете и по телефону. Его вела официальный представитель департамента Динара Жаксыбекова.</p>\
<p>Начальник управления по противодействию киберпреступности Руслан Каримов сообщил, что за девять месяцев в городе зарегистрировано более 2 800 фактов интернет-мошенничества. Чаще всего жертвами становятся те, кто продаёт или покупает вещи на сайтах объявлений.</p>\
<p>– Мошенник сегодня не взламывает банк — он взламывает доверие. Он звонит от имени «службы безопасности», торопит, пугает блокировкой и добивается, чтобы человек сам продиктовал код, – сказал Руслан Каримов.</p>\
<p>Отдельно полицейские предупредили о поддельных сайтах служб доставки: ссылку присылают в мессенджере под видом оплаты посылки, а страница точь-в-точь копирует настоящую.</p>\
<p>– Если деньги всё-таки ушли, звоните в банк и в 102 в первые же минуты. Чем быстрее поступит заявление, тем больше шансов заблокировать перевод, – добавил он.</p>\
<p>Эксперт по информационной безопасности Бахыт Нурпеисов посоветовал включить двухфакторную защиту во всех мессенджерах и не открывать ссылки из сообщений от незнакомцев.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-10-01T09:55:00Z"),
        region_code: Some("KZ-75"),
        author: "author",
        tags: &["brifing", "kibermoshennichestvo"],
        meeting: Some("briefing_almaty_2025"),
        participants: &["zhaksybekova", "karimov", "nurpeisov"],
        quotes: &[
            DemoQuote {
                participant: Some("karimov"),
                text: "Мошенник сегодня не взламывает банк — он взламывает доверие. Он звонит от имени «службы безопасности», торопит, пугает блокировкой и добивается, чтобы человек сам продиктовал код.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("karimov"),
                text: "Если деньги всё-таки ушли, звоните в банк и в 102 в первые же минуты. Чем быстрее поступит заявление, тем больше шансов заблокировать перевод.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("nurpeisov"),
                text: "Включить двухфакторную защиту во всех мессенджерах и не открывать ссылки из сообщений от незнакомцев.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["vko_pensioners_fraud"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ala_fraud_briefing.jpg"),
        cover_image_alt: Some("Брифинг в пресс-центре департамента полиции Алматы"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ala_fraud_briefing_en",
        lang: "en",
        translation_of: Some("ala_fraud_briefing"),
        title: "Almaty police describe new online fraud schemes",
        lead: Some(
            "At a briefing at the Almaty City Police Department, officers described new online fraud schemes and explained how to avoid falling for them, Polisia.kz reports.",
        ),
        body: "<p>On 1 October the press centre of the Almaty City Police Department hosted a briefing on online and phone fraud, moderated by the department's spokesperson Dinara Zhaksybekova.</p>\
<p>Ruslan Karimov, head of the cybercrime unit, said that more than 2,800 cases of online fraud had been registered in the city over nine months. Most victims were people buying or selling goods on classified-ad websites.</p>\
<p>“Today a fraudster does not hack a bank, he hacks trust. He calls on behalf of a ‘security service’, rushes you, threatens to block your card and gets you to read out the code yourself,” Karimov said.</p>\
<p>“If the money is already gone, call your bank and 102 within minutes. The sooner a report comes in, the better the chance of freezing the transfer,” he added.</p>\
<p>Information security expert Bakhyt Nurpeisov advised turning on two-factor authentication in every messenger and never opening links sent by strangers.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-10-01T14:30:00Z"),
        region_code: Some("KZ-75"),
        author: "author2",
        tags: &["brifing", "kibermoshennichestvo"],
        meeting: Some("briefing_almaty_2025"),
        participants: &["zhaksybekova", "karimov", "nurpeisov"],
        quotes: &[
            DemoQuote {
                participant: Some("karimov"),
                text: "Today a fraudster does not hack a bank, he hacks trust. He calls on behalf of a ‘security service’, rushes you, threatens to block your card and gets you to read out the code yourself.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("karimov"),
                text: "If the money is already gone, call your bank and 102 within minutes. The sooner a report comes in, the better the chance of freezing the transfer.",
                kind: "DIRECT",
            },
            DemoQuote {
                participant: Some("nurpeisov"),
                text: "Turn on two-factor authentication in every messenger and never open links sent by strangers.",
                kind: "PARAPHRASE",
            },
        ],
        related: &["kzo_kso_concept_en", "ast_students_online_en"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ala_fraud_briefing_en.jpg"),
        cover_image_alt: Some("Briefing at the press centre of the Almaty City Police Department"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ala_fraud_tips_kk",
        lang: "kk",
        translation_of: None,
        title: "Алаяқтардан қалай сақтануға болады: Алматы полициясының бес кеңесі",
        lead: Some(
            "Алматы полициясы интернет пен телефон арқылы алаяқтық жасайтындардан сақтанудың бес қарапайым кеңесін ұсынды, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Қазан айының басында өткен брифингтен кейін Алматы қаласының полиция департаменті тұрғындарға арналған жадынама әзірледі.</p>\
<ul><li>SMS-тегі кодты ешкімге, тіпті «банк қызметкеріне» де айтпаңыз.</li><li>Бейтаныс адамдар жіберген сілтемелерді ашпаңыз.</li><li>Мессенджерлерде екі факторлы қорғауды қосыңыз.</li><li>Сізді асықтырып, қорқытса, телефонды қойып, туыстарыңызға өзіңіз хабарласыңыз.</li><li>Ақша кетіп қалса, бірден банкке және <strong>102</strong> нөміріне қоңырау шалыңыз.</li></ul>\
<p>– Алаяқ банкті емес, адамның сенімін бұзады. Сондықтан ең сенімді қорғаныс — асықпау және кез келген күмәнді қоңырауды тексеру, – деді департаменттің ресми өкілі Динара Жақсыбекова.</p>\
<p>Жадынаманың толық нұсқасы <a href=\"https://polisia.kz/\">Polisia.kz</a> порталында жарияланған.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2025-10-06T06:15:00Z"),
        region_code: Some("KZ-75"),
        author: "author2",
        tags: &["kibermoshennichestvo", "brifing"],
        meeting: Some("briefing_almaty_2025"),
        participants: &["zhaksybekova"],
        quotes: &[DemoQuote {
            participant: Some("zhaksybekova"),
            text: "Алаяқ банкті емес, адамның сенімін бұзады. Сондықтан ең сенімді қорғаныс — асықпау және кез келген күмәнді қоңырауды тексеру.",
            kind: "DIRECT",
        }],
        related: &["kzo_kso_concept_kk"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ala_fraud_tips_kk.jpg"),
        cover_image_alt: Some("Смартфондағы күмәнді хабарлама"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "akt_drunk_drivers",
        lang: "ru",
        translation_of: None,
        title: "В Актобе за выходные задержали 14 нетрезвых водителей",
        lead: Some(
            "Во время рейда в Актобе полицейские за два выходных дня задержали 14 водителей в состоянии опьянения, передает Polisia.kz.",
        ),
        body: "<p>Рейд проходил в ночь на субботу и на воскресенье на въездах в город и на главных магистралях. В нём участвовали 30 экипажей патрульной полиции.</p>\
<p>Кроме нетрезвых водителей, полицейские остановили 9 человек, севших за руль без водительского удостоверения, и зафиксировали более 200 превышений скорости.</p>\
<p>Материалы на задержанных водителей направлены в суд, их автомобили помещены на специализированную стоянку.</p>\
<p>Полиция напоминает: если вы видите на дороге явно пьяного водителя, сообщите по номеру 102. Такой звонок может спасти чью-то жизнь.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2026-02-16T05:00:00Z"),
        region_code: Some("KZ-15"),
        author: "author",
        tags: &["doroga", "proisshestviya"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["krg_road_winter"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/akt_drunk_drivers.jpg"),
        cover_image_alt: Some("Патрульный экипаж останавливает автомобиль ночью в Актобе"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "zhm_district_officers_kk",
        lang: "kk",
        translation_of: None,
        title: "Жамбыл облысында учаскелік инспекторлар тұрғындар алдында есеп берді",
        lead: Some(
            "Жамбыл облысында учаскелік полиция инспекторлары тұрғындармен кездесіп, атқарылған жұмыс туралы есеп берді, деп хабарлайды Polisia.kz.",
        ),
        body: "<p>Кездесулер наурыз айының басынан бері Тараз қаласында және облыстың барлық аудандарында өтіп жатыр. Әр учаскелік инспектор өз учаскесінің тұрғындары алдында өткен жылғы жұмысы туралы баяндайды.</p>\
<p>Тұрғындар көбіне мал ұрлығы, көшелердегі жарықтың жоқтығы және кешкі уақытта жастардың топтасып жүруі туралы айтты. Әр ұсыныс хаттамаға енгізіліп, жауапты қызметкерге тапсырылады.</p>\
<p>Облыстық полиция департаментінің мәліметінше, барлығы 180-нен астам осындай кездесу өтеді.</p>\
<p>Кездесулер кестесін учаскелік полиция пункттерінен және аудан әкімдіктерінің сайттарынан білуге болады.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2026-03-10T07:30:00Z"),
        region_code: Some("KZ-31"),
        author: "author2",
        tags: &["uchastkovye", "obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["kzo_kso_concept_kk"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/zhm_district_officers_kk.jpg"),
        cover_image_alt: Some("Учаскелік инспектор Тараздағы тұрғындармен кездесуде"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "atr_new_post",
        lang: "ru",
        translation_of: None,
        title: "В Атырау открылся новый участковый пункт полиции",
        lead: Some(
            "В одном из новых микрорайонов Атырау открылся участковый пункт полиции, где жители могут получить помощь рядом с домом, передает Polisia.kz.",
        ),
        body: "<p>Пункт разместился на первом этаже жилого дома. В нём работают два участковых инспектора и инспектор по делам несовершеннолетних, оборудована комната для приёма граждан.</p>\
<p>До открытия пункта жителям микрорайона приходилось ездить в отдел полиции на другом берегу Урала.</p>\
<p>– Раньше, чтобы написать заявление, я тратил полдня. Теперь участковый в пяти минутах ходьбы, и застать его можно даже вечером, – говорит один из жителей микрорайона.</p>\
<p>Пункт открыт ежедневно с 9:00 до 21:00, в выходные — до 18:00.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2026-05-12T06:40:00Z"),
        region_code: Some("KZ-23"),
        author: "editor",
        tags: &["uchastkovye", "priem-grazhdan"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Раньше, чтобы написать заявление, я тратил полдня. Теперь участковый в пяти минутах ходьбы, и застать его можно даже вечером.",
            kind: "DIRECT",
        }],
        related: &["shym_reception"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/atr_new_post.jpg"),
        cover_image_alt: Some("Вывеска нового участкового пункта полиции в Атырау"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "ast_students_online_en",
        lang: "en",
        translation_of: None,
        title: "Astana police run online safety lessons for university students",
        lead: Some(
            "Astana police have started a series of online safety lessons for first-year university students, Polisia.kz reports.",
        ),
        body: "<p>The lessons take place in the first weeks of the academic year, when many students move to the capital for the first time and rent a flat on their own.</p>\
<p>Officers explain how to check a landlord before paying a deposit, how to spot fake job offers that promise easy money for “simple online tasks”, and why a bank card should never be handed to anyone, even for a fee.</p>\
<p>Students are also warned that people who lend their cards to strangers are often drawn into money-laundering schemes and may face criminal charges.</p>\
<p>More than 3,000 first-year students from eight universities are expected to attend by the end of October. Suspicious offers can be reported by calling 102 or through the <a href=\"https://www.gov.kz/memleket/entities/qriim\">Ministry of Internal Affairs website</a>.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2026-09-15T08:00:00Z"),
        region_code: Some("KZ-71"),
        author: "author2",
        tags: &["kibermoshennichestvo", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["ala_fraud_briefing_en", "ast_volunteers_en"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/ast_students_online_en.jpg"),
        cover_image_alt: Some("Students listening to a police officer in a university hall"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "uly_pensioners_winter",
        lang: "ru",
        translation_of: None,
        title: "В Улытауской области участковые навестили одиноких пенсионеров перед зимой",
        lead: Some(
            "Участковые инспекторы Улытауской области перед зимой навестили одиноких пенсионеров и проверили, как они подготовились к холодам, передает Polisia.kz.",
        ),
        body: "<p>Подворовые обходы прошли в Жезказгане, Сатпаеве и сёлах Улытауского района. Участковые побывали у 340 пожилых людей, которые живут одни.</p>\
<p>Вместе со спасателями полицейские проверили печи и электропроводку, напомнили, как не попасться на уловки мошенников, и оставили номера своих мобильных телефонов.</p>\
<p>В нескольких домах печи оказались неисправны. Информацию передали в акиматы и социальные службы, которые помогут с ремонтом и углём.</p>\
<p>Такие обходы в области проводят каждую осень, в этом году к ним присоединились студенты-волонтёры местных колледжей.</p>",
        status: "PUBLISHED",
        published: DemoPublication::At("2026-11-06T05:25:00Z"),
        region_code: Some("KZ-62"),
        author: "author",
        tags: &["uchastkovye", "volontery", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["vko_pensioners_fraud"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/uly_pensioners_winter.jpg"),
        cover_image_alt: Some("Участковый инспектор в гостях у пожилой жительницы Жезказгана"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "kzo_online_reception",
        lang: "ru",
        translation_of: None,
        title: "Руководство полиции Кызылординской области проведёт онлайн-приём граждан",
        lead: Some(
            "Руководство департамента полиции Кызылординской области проведёт онлайн-приём граждан, записаться на который можно уже сейчас, передает Polisia.kz.",
        ),
        body: "<p>Приём пройдёт по видеосвязи, так что жителям отдалённых районов не придётся ехать в областной центр. Вопросы будут принимать начальник департамента Нурлан Сейткали и его заместители.</p>\
<p>Записаться можно по телефону дежурной части или через официальные страницы департамента в социальных сетях. При записи нужно коротко описать суть обращения.</p>\
<p>На приём приглашены и члены консультативно-совещательного органа: они возьмут на контроль вопросы, для решения которых нужны акиматы.</p>\
<p>Ответ на каждое обращение заявители получат письменно.</p>",
        status: "PUBLISHED",
        published: DemoPublication::ScheduledInDays(3),
        region_code: Some("KZ-43"),
        author: "editor",
        tags: &["priem-grazhdan", "kso"],
        meeting: None,
        participants: &["seitkali"],
        quotes: &[],
        related: &["shym_reception", "kzo_kso_concept"],
        cover_image_url: Some("https://polisia.kz/uploads/demo/kzo_online_reception.jpg"),
        cover_image_alt: Some("Руководитель полиции на видеосвязи с жителями района"),
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "draft_pvl_ice",
        lang: "ru",
        translation_of: None,
        title: "Гололёд: полиция Павлодара просит пешеходов и водителей быть осторожнее",
        lead: Some(
            "С первыми морозами полиция Павлодара просит водителей и пешеходов быть особенно внимательными на скользких дорогах, передает Polisia.kz.",
        ),
        body: "<p>Ночью температура в Павлодаре опускается ниже нуля, и к утру проезжая часть и тротуары покрываются льдом.</p>\
<p>Водителям советуют держать дистанцию побольше и не тормозить резко, а пешеходам — переходить дорогу только по переходам и не выходить из-за стоящих автобусов.</p>\
<p>Число аварий за первую неделю заморозков уточняется в управлении полиции города.</p>",
        status: "DRAFT",
        published: DemoPublication::Unpublished,
        region_code: Some("KZ-55"),
        author: "author",
        tags: &["doroga"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &[],
        cover_image_url: None,
        cover_image_alt: None,
        source: None,
    },
    DemoArticle {
        key: "draft_krg_report",
        lang: "ru",
        translation_of: None,
        title: "Полиция Карагандинской области отчиталась перед жителями за девять месяцев",
        lead: Some(
            "Руководство департамента полиции Карагандинской области отчиталось перед жителями о работе за девять месяцев, передает Polisia.kz.",
        ),
        body: "<p>Отчётные встречи прошли в Караганде, Темиртау и Шахтинске.</p>\
<p>Главные темы — мошенничество в интернете, безопасность на дорогах и работа участковых в шахтёрских посёлках.</p>\
<p>Цифры из отчёта департамента будут добавлены после сверки с пресс-службой.</p>",
        status: "DRAFT",
        published: DemoPublication::Unpublished,
        region_code: Some("KZ-35"),
        author: "author2",
        tags: &["obshchestvennaya-bezopasnost"],
        meeting: None,
        participants: &[],
        quotes: &[],
        related: &["krg_road_winter"],
        cover_image_url: None,
        cover_image_alt: None,
        source: Some("Polisia.kz"),
    },
    DemoArticle {
        key: "review_trk_markets",
        lang: "ru",
        translation_of: None,
        title: "В Туркестане полицейские обсудили с предпринимателями безопасность на рынках",
        lead: Some(
            "В Туркестане полицейские, предприниматели и жители обсудили, как сделать городские рынки безопаснее, передает Polisia.kz.",
        ),
        body: "<p>На встречу в актовом зале городского отдела полиции пришли продавцы, владельцы торговых мест и жители соседних кварталов.</p>\
<p>Больше всего вопросов было о карманных кражах в часы пик и о стихийной торговле у входов, которая мешает проходу людей и проезду скорой помощи.</p>\
<p>– Нам нужен не просто патруль, а понятный номер, по которому продавец за пару минут вызовет полицию, – сказал один из владельцев торговых мест.</p>\
<p>Полиция пообещала усилить патрулирование рынков по выходным и установить дополнительные камеры в торговых рядах.</p>",
        status: "IN_REVIEW",
        published: DemoPublication::Unpublished,
        region_code: Some("KZ-61"),
        author: "author",
        tags: &["obshchestvennaya-bezopasnost", "profilaktika"],
        meeting: None,
        participants: &[],
        quotes: &[DemoQuote {
            participant: None,
            text: "Нам нужен не просто патруль, а понятный номер, по которому продавец за пару минут вызовет полицию.",
            kind: "DIRECT",
        }],
        related: &[],
        cover_image_url: Some("https://polisia.kz/uploads/demo/review_trk_markets.jpg"),
        cover_image_alt: Some("Торговые ряды центрального рынка Туркестана"),
        source: Some("Polisia.kz"),
    },
];

pub static COMMENTS: &[DemoComment] = &[
    DemoComment {
        key: "c01",
        article: "kzo_kso_concept",
        parent: None,
        user: None,
        author_name: "Жанна К.",
        author_email: "zhanna.k@example.com",
        body: "Хорошо, что концепцию обсуждают в областях, а не только в Астане. Надеюсь, предложения из аулов действительно дойдут до министерства.",
        status: "APPROVED",
        minutes_after_publication: 45,
    },
    DemoComment {
        key: "c02",
        article: "kzo_kso_concept",
        parent: Some("c01"),
        user: None,
        author_name: "Самат Б.",
        author_email: "samat.b@example.org",
        body: "Дойдут, если члены совета будут за этим следить. Хотелось бы через год прочитать, что из предложенного приняли.",
        status: "APPROVED",
        minutes_after_publication: 130,
    },
    DemoComment {
        key: "c03",
        article: "kzo_kso_concept",
        parent: Some("c02"),
        user: Some("editor"),
        author_name: "Айгерим Сапарова",
        author_email: "editor@demo.polisia.kz",
        body: "Спасибо за идею! Через год редакция запросит в департаменте итоги и напишет о них отдельно.",
        status: "APPROVED",
        minutes_after_publication: 210,
    },
    DemoComment {
        key: "c04",
        article: "kzo_kso_concept",
        parent: None,
        user: None,
        author_name: "Ерлан",
        author_email: "erlan1985@example.com",
        body: "В нашем ауле участкового видим раз в месяц. Поддерживаю предложение закрепить отдельного инспектора за каждым округом.",
        status: "APPROVED",
        minutes_after_publication: 300,
    },
    DemoComment {
        key: "c05",
        article: "kzo_kso_concept",
        parent: None,
        user: None,
        author_name: "Быстрые займы",
        author_email: "promo@fast-credit.example.com",
        body: "КРЕДИТ ЗА 5 МИНУТ БЕЗ СПРАВОК!!! Переходи http://fast-credit.example.com и забирай бонус https://fast-credit.example.com/bonus?ref=polisia",
        status: "SPAM",
        minutes_after_publication: 12,
    },
    DemoComment {
        key: "c06",
        article: "kzo_kso_concept_kk",
        parent: None,
        user: None,
        author_name: "Гүлмира",
        author_email: "gulmira.s@example.com",
        body: "Тұжырымдаманы ауылдарда талқылау — дұрыс шешім. Біздің ауылда да осындай жиналыс өтсе екен.",
        status: "APPROVED",
        minutes_after_publication: 60,
    },
    DemoComment {
        key: "c07",
        article: "kzo_kso_concept_kk",
        parent: Some("c06"),
        user: None,
        author_name: "Нұржан",
        author_email: "nurzhan.t@example.org",
        body: "Біздің округте өткен аптада жиналыс болды, учаскелік инспектор барлық сұраққа жауап берді.",
        status: "APPROVED",
        minutes_after_publication: 240,
    },
    DemoComment {
        key: "c08",
        article: "kzo_kso_concept_en",
        parent: None,
        user: None,
        author_name: "Daniel Weber",
        author_email: "d.weber@example.com",
        body: "Interesting to read how community policing is discussed in Kazakhstan. Is the draft concept available in English?",
        status: "APPROVED",
        minutes_after_publication: 90,
    },
    DemoComment {
        key: "c09",
        article: "kzo_kso_concept_en",
        parent: Some("c08"),
        user: Some("author2"),
        author_name: "Жанар Исаева",
        author_email: "author2@demo.polisia.kz",
        body: "As far as we know, the draft has been published only in Kazakh and Russian. We will add a link if an English version appears.",
        status: "APPROVED",
        minutes_after_publication: 180,
    },
    DemoComment {
        key: "c10",
        article: "kzo_uchastkovye",
        parent: None,
        user: Some("reader"),
        author_name: "Асель Нурланова",
        author_email: "reader@demo.polisia.kz",
        body: "Опорный пункт в ауле — отличная идея. Главное, чтобы там был не только кабинет, но и сам участковый.",
        status: "APPROVED",
        minutes_after_publication: 75,
    },
    DemoComment {
        key: "c11",
        article: "kzo_uchastkovye",
        parent: Some("c10"),
        user: None,
        author_name: "Ардак М.",
        author_email: "ardak.m@example.com",
        body: "У нас в районе такой пункт уже открыли в здании бывшей библиотеки, участковый принимает по вторникам и четвергам.",
        status: "PENDING",
        minutes_after_publication: 400,
    },
    DemoComment {
        key: "c12",
        article: "kzo_uchastkovye",
        parent: None,
        user: None,
        author_name: "Сосед",
        author_email: "sosed@example.org",
        body: "Вот телефон и адрес соседа, который шумит по ночам: +7 700 000 00 00, дом 5, кв. 12. Разберитесь с ним!",
        status: "REJECTED",
        minutes_after_publication: 520,
    },
    DemoComment {
        key: "c13",
        article: "ast_volunteers",
        parent: None,
        user: None,
        author_name: "Ольга Смирнова",
        author_email: "olga.smirnova@example.com",
        body: "Видела такой патруль на набережной в субботу. Ребята вежливые, подсказали туристам дорогу к Байтереку.",
        status: "APPROVED",
        minutes_after_publication: 200,
    },
    DemoComment {
        key: "c14",
        article: "ast_volunteers",
        parent: Some("c13"),
        user: None,
        author_name: "Олжас",
        author_email: "olzhas.a@example.org",
        body: "Мой брат тоже записался, говорит, инструктаж был серьёзный.",
        status: "APPROVED",
        minutes_after_publication: 260,
    },
    DemoComment {
        key: "c15",
        article: "ast_volunteers",
        parent: Some("c14"),
        user: None,
        author_name: "Ольга Смирнова",
        author_email: "olga.smirnova@example.com",
        body: "А с какого возраста берут? Сыну семнадцать, очень хочет попробовать.",
        status: "APPROVED",
        minutes_after_publication: 300,
    },
    DemoComment {
        key: "c16",
        article: "ast_volunteers",
        parent: Some("c13"),
        user: Some("moderator"),
        author_name: "Марат Жумабеков",
        author_email: "moderator@demo.polisia.kz",
        body: "Ольга, в патрули берут только совершеннолетних, об этом сказано в последнем абзаце.",
        status: "APPROVED",
        minutes_after_publication: 340,
    },
    DemoComment {
        key: "c17",
        article: "ast_volunteers",
        parent: None,
        user: None,
        author_name: "Куат",
        author_email: "kuat.n@example.com",
        body: "Молодцы! Побольше бы такого в районе Байконур.",
        status: "PENDING",
        minutes_after_publication: 1500,
    },
    DemoComment {
        key: "c18",
        article: "ast_volunteers_en",
        parent: None,
        user: None,
        author_name: "Sarah Lee",
        author_email: "sarah.lee@example.org",
        body: "I live near the embankment and the evening patrols really make a difference. Thank you!",
        status: "APPROVED",
        minutes_after_publication: 500,
    },
    DemoComment {
        key: "c19",
        article: "ast_police_day_awards",
        parent: None,
        user: None,
        author_name: "Мария Ким",
        author_email: "maria.kim@example.com",
        body: "Поздравляю всех сотрудников с профессиональным праздником! Наш участковый — настоящий профессионал, всегда на связи.",
        status: "APPROVED",
        minutes_after_publication: 120,
    },
    DemoComment {
        key: "c20",
        article: "ast_police_day_awards",
        parent: None,
        user: None,
        author_name: "Ветеран",
        author_email: "veteran.ovd@example.org",
        body: "С праздником, коллеги! Берегите себя и помните своих наставников.",
        status: "APPROVED",
        minutes_after_publication: 180,
    },
    DemoComment {
        key: "c21",
        article: "ast_police_day_awards",
        parent: Some("c20"),
        user: None,
        author_name: "Айдос",
        author_email: "aidos.k@example.com",
        body: "Спасибо вам за службу!",
        status: "APPROVED",
        minutes_after_publication: 240,
    },
    DemoComment {
        key: "c22",
        article: "shym_reception",
        parent: None,
        user: None,
        author_name: "Гульнара",
        author_email: "gulnara.t@example.com",
        body: "Мы тоже были на приёме. Вопрос с освещением решили за две недели, фонари горят. Спасибо!",
        status: "APPROVED",
        minutes_after_publication: 20160,
    },
    DemoComment {
        key: "c23",
        article: "shym_reception",
        parent: None,
        user: None,
        author_name: "Нурлан",
        author_email: "nurlan.test@example.com",
        body: "Пишу с телефона, хотел выделить слово жирным: <b>not markup</b>. Видимо, теги здесь не работают, и это правильно.",
        status: "APPROVED",
        minutes_after_publication: 90,
    },
    DemoComment {
        key: "c24",
        article: "krg_road_winter",
        parent: None,
        user: None,
        author_name: "Дмитрий",
        author_email: "dmitry.p@example.com",
        body: "Ездил в Балхаш на прошлой неделе, на посту действительно проверяли наш автобус. Потеряли минут десять, зато спокойнее.",
        status: "APPROVED",
        minutes_after_publication: 300,
    },
    DemoComment {
        key: "c25",
        article: "krg_road_winter",
        parent: Some("c24"),
        user: None,
        author_name: "Алия",
        author_email: "aliya.s@example.org",
        body: "А грузовики тоже проверяют? Зимой их на трассе больше всего.",
        status: "APPROVED",
        minutes_after_publication: 420,
    },
    DemoComment {
        key: "c26",
        article: "krg_road_winter",
        parent: Some("c25"),
        user: Some("author"),
        author_name: "Данияр Ахметов",
        author_email: "author@demo.polisia.kz",
        body: "Да, грузовики тоже останавливают: об этом сказано в первом абзаце.",
        status: "APPROVED",
        minutes_after_publication: 600,
    },
    DemoComment {
        key: "c27",
        article: "krg_road_winter",
        parent: None,
        user: None,
        author_name: "Crypto Expert",
        author_email: "x2@bitcoin-double.example.org",
        body: "Удваиваем биткоин за 24 часа!!! Гарантия! Пишите сюда: http://x2-bitcoin.example.org/join",
        status: "SPAM",
        minutes_after_publication: 30,
    },
    DemoComment {
        key: "c28",
        article: "krg_road_winter_kk",
        parent: None,
        user: None,
        author_name: "Ербол",
        author_email: "erbol.d@example.com",
        body: "Қыста трассада абай болайық, ағайын! Полицейлерге рақмет.",
        status: "APPROVED",
        minutes_after_publication: 150,
    },
    DemoComment {
        key: "c29",
        article: "vko_pensioners_fraud",
        parent: None,
        user: Some("reader"),
        author_name: "Асель Нурланова",
        author_email: "reader@demo.polisia.kz",
        body: "Перешлю статью бабушке. Ей на прошлой неделе как раз звонили из «службы безопасности банка».",
        status: "APPROVED",
        minutes_after_publication: 50,
    },
    DemoComment {
        key: "c30",
        article: "vko_pensioners_fraud",
        parent: Some("c29"),
        user: None,
        author_name: "Валентина Петровна",
        author_email: "v.petrovna@example.com",
        body: "Мне тоже звонили. Я положила трубку, как нас учили на встрече. Спасибо полицейским!",
        status: "APPROVED",
        minutes_after_publication: 700,
    },
    DemoComment {
        key: "c31",
        article: "vko_pensioners_fraud",
        parent: None,
        user: None,
        author_name: "Сергей",
        author_email: "sergey.v@example.org",
        body: "А в Риддере такая встреча будет?",
        status: "PENDING",
        minutes_after_publication: 2880,
    },
    DemoComment {
        key: "c32",
        article: "trk_juveniles",
        parent: None,
        user: None,
        author_name: "Мадина",
        author_email: "madina.u@example.com",
        body: "Правильно, что говорят и с родителями. Многие понятия не имеют, что происходит в чатах у детей.",
        status: "APPROVED",
        minutes_after_publication: 240,
    },
    DemoComment {
        key: "c33",
        article: "trk_juveniles",
        parent: Some("c32"),
        user: None,
        author_name: "Аноним",
        author_email: "anon123@example.org",
        body: "Все знают, кто травит детей в нашей школе, вот его имя и фамилия, пусть прочитают все!",
        status: "REJECTED",
        minutes_after_publication: 600,
    },
    DemoComment {
        key: "c34",
        article: "pvl_hearing",
        parent: None,
        user: None,
        author_name: "Игорь",
        author_email: "igor.n@example.com",
        body: "Был на слушаниях. Впервые за долгое время почувствовал, что нас слушают. Посмотрим, что будет через полгода.",
        status: "APPROVED",
        minutes_after_publication: 180,
    },
    DemoComment {
        key: "c35",
        article: "pvl_hearing",
        parent: Some("c34"),
        user: None,
        author_name: "Айгуль",
        author_email: "aigul.b@example.org",
        body: "Наш двор на Торайгырова тоже назвали. Ждём фонари.",
        status: "APPROVED",
        minutes_after_publication: 300,
    },
    DemoComment {
        key: "c36",
        article: "pvl_hearing",
        parent: Some("c35"),
        user: None,
        author_name: "Игорь",
        author_email: "igor.n@example.com",
        body: "Отпишитесь, когда поставят!",
        status: "APPROVED",
        minutes_after_publication: 420,
    },
    DemoComment {
        key: "c37",
        article: "pvl_cameras",
        parent: None,
        user: None,
        author_name: "Айгуль",
        author_email: "aigul.b@example.org",
        body: "У нас фонари поставили! Спасибо всем, кто ходил на слушания.",
        status: "APPROVED",
        minutes_after_publication: 600,
    },
    DemoComment {
        key: "c38",
        article: "pvl_cameras",
        parent: None,
        user: None,
        author_name: "Павел",
        author_email: "pavel.r@example.com",
        body: "А на Ломова когда? Там у школы по-прежнему гоняют.",
        status: "PENDING",
        minutes_after_publication: 1200,
    },
    DemoComment {
        key: "c39",
        article: "ala_fraud_briefing",
        parent: None,
        user: None,
        author_name: "Тимур",
        author_email: "timur.zh@example.com",
        body: "Вчера мне звонили ровно по этой схеме: «служба безопасности», «ваша карта заблокирована». Хорошо, что успел прочитать статью.",
        status: "APPROVED",
        minutes_after_publication: 1440,
    },
    DemoComment {
        key: "c40",
        article: "ala_fraud_briefing",
        parent: Some("c39"),
        user: None,
        author_name: "Наталья",
        author_email: "natalia.o@example.org",
        body: "А куда сообщать о таких номерах? Просто в 102?",
        status: "APPROVED",
        minutes_after_publication: 1500,
    },
    DemoComment {
        key: "c41",
        article: "ala_fraud_briefing",
        parent: Some("c40"),
        user: Some("moderator"),
        author_name: "Марат Жумабеков",
        author_email: "moderator@demo.polisia.kz",
        body: "Да, в 102. Номер стоит сообщить и своему банку.",
        status: "APPROVED",
        minutes_after_publication: 1560,
    },
    DemoComment {
        key: "c42",
        article: "ala_fraud_briefing",
        parent: None,
        user: None,
        author_name: "Юрист онлайн",
        author_email: "lawyer@money-back.example.com",
        body: "Вернём деньги от мошенников за 1 день, 100% гарантия!!! Предоплата. Заявка: http://money-back.example.com/form",
        status: "SPAM",
        minutes_after_publication: 45,
    },
    DemoComment {
        key: "c43",
        article: "ala_fraud_briefing_en",
        parent: None,
        user: None,
        author_name: "Tom Harris",
        author_email: "tom.harris@example.com",
        body: "We get exactly the same scam calls in the UK. Good advice about two-factor authentication.",
        status: "APPROVED",
        minutes_after_publication: 300,
    },
    DemoComment {
        key: "c44",
        article: "ala_fraud_tips_kk",
        parent: None,
        user: None,
        author_name: "Айжан",
        author_email: "aizhan.m@example.com",
        body: "Пайдалы кеңестер! Ата-анама жібердім.",
        status: "APPROVED",
        minutes_after_publication: 200,
    },
    DemoComment {
        key: "c45",
        article: "ala_fraud_tips_kk",
        parent: Some("c44"),
        user: None,
        author_name: "Бекзат",
        author_email: "bekzat.o@example.org",
        body: "Маған да осындай қоңырау келген еді, телефонды бірден қойдым.",
        status: "PENDING",
        minutes_after_publication: 260,
    },
    DemoComment {
        key: "c46",
        article: "ast_students_online_en",
        parent: None,
        user: None,
        author_name: "Priya Sharma",
        author_email: "priya.s@example.org",
        body: "As an international student in Astana I found this very useful. Last year I almost paid a deposit to a fake landlord.",
        status: "APPROVED",
        minutes_after_publication: 720,
    },
    DemoComment {
        key: "c47",
        article: "ast_students_online_en",
        parent: None,
        user: None,
        author_name: "Alex",
        author_email: "alex@example.com",
        body: "You are all idiots, nobody reads this garbage.",
        status: "REJECTED",
        minutes_after_publication: 800,
    },
    DemoComment {
        key: "c48",
        article: "uly_pensioners_winter",
        parent: None,
        user: None,
        author_name: "Галина",
        author_email: "galina.m@example.com",
        body: "Спасибо участковому, который зашёл к моей маме в Сатпаеве. Она до сих пор всем рассказывает.",
        status: "PENDING",
        minutes_after_publication: 300,
    },
];

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    /// ISO 3166-2:KZ codes of the 20 regions the migrations insert.
    const REGIONS: [&str; 20] = [
        "KZ-71", "KZ-75", "KZ-79", "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31",
        "KZ-33", "KZ-35", "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63",
    ];
    const ROLES: [&str; 5] = ["ADMIN", "EDITOR", "AUTHOR", "MODERATOR", "READER"];
    const MEETING_KINDS: [&str; 5] = [
        "ADVISORY_COUNCIL",
        "PUBLIC_HEARING",
        "BRIEFING",
        "RECEPTION_OF_CITIZENS",
        "OTHER",
    ];
    const MEETING_ROLES: [&str; 4] = ["CHAIR", "MEMBER", "SPEAKER", "GUEST"];
    const QUOTE_KINDS: [&str; 2] = ["DIRECT", "PARAPHRASE"];
    const LANGS: [&str; 3] = ["ru", "kk", "en"];
    const ARTICLE_STATUSES: [&str; 4] = ["DRAFT", "IN_REVIEW", "PUBLISHED", "ARCHIVED"];
    const COMMENT_STATUSES: [&str; 4] = ["PENDING", "APPROVED", "SPAM", "REJECTED"];

    fn unique<'a>(what: &str, keys: impl IntoIterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for key in keys {
            assert!(seen.insert(key), "duplicate {what}: {key:?}");
        }
        seen
    }

    fn article(key: &str) -> &'static DemoArticle {
        ARTICLES
            .iter()
            .find(|a| a.key == key)
            .unwrap_or_else(|| panic!("no article {key:?}"))
    }

    fn user(key: &str) -> &'static DemoUser {
        USERS
            .iter()
            .find(|u| u.key == key)
            .unwrap_or_else(|| panic!("no user {key:?}"))
    }

    fn is_slug(s: &str) -> bool {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
    }

    fn is_key(s: &str) -> bool {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    }

    /// `pattern` with `9` standing for any ASCII digit.
    fn matches_digits(s: &str, pattern: &str) -> bool {
        s.len() == pattern.len()
            && s.bytes().zip(pattern.bytes()).all(|(c, p)| {
                if p == b'9' {
                    c.is_ascii_digit()
                } else {
                    c == p
                }
            })
    }

    /// Checks the allowed subset of HTML and returns the number of top-level blocks.
    fn blocks(key: &str, body: &str) -> usize {
        const ALLOWED: [&str; 7] = ["p", "blockquote", "strong", "em", "ul", "li", "a"];
        let mut open: Vec<&str> = Vec::new();
        let mut count = 0;
        let mut rest = body;
        while let Some(start) = rest.find('<') {
            let text = &rest[..start];
            assert!(
                !open.is_empty() || text.trim().is_empty(),
                "{key}: text outside a block: {text:?}"
            );
            let end = start + rest[start..].find('>').expect("unclosed tag");
            let tag = &rest[start + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(name), "{key}: stray </{name}>");
            } else {
                let name = tag.split(' ').next().unwrap_or_default();
                assert!(ALLOWED.contains(&name), "{key}: tag <{tag}> not allowed");
                if name == "a" {
                    assert!(
                        tag.starts_with("a href=\"https://") && tag.ends_with('"'),
                        "{key}: <{tag}>"
                    );
                } else {
                    assert_eq!(tag, name, "{key}: <{tag}> takes no attributes");
                }
                if open.is_empty() {
                    assert!(["p", "blockquote", "ul"].contains(&name), "{key}: <{name}>");
                    count += 1;
                }
                open.push(name);
            }
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "{key}: unclosed {open:?}");
        assert!(rest.trim().is_empty(), "{key}: text after the last block");
        count
    }

    #[test]
    fn keys_are_unique() {
        unique("user key", USERS.iter().map(|u| u.key));
        unique("user email", USERS.iter().map(|u| u.email));
        unique("tag slug", TAGS.iter().map(|t| t.slug));
        unique("tag name", TAGS.iter().map(|t| t.name));
        unique("participant key", PARTICIPANTS.iter().map(|p| p.key));
        unique("meeting key", MEETINGS.iter().map(|m| m.key));
        unique("meeting title", MEETINGS.iter().map(|m| m.title));
        unique("article key", ARTICLES.iter().map(|a| a.key));
        unique("comment key", COMMENTS.iter().map(|c| c.key));
        // Slugs come from titles and must be unique per language.
        for lang in LANGS {
            unique(
                "title",
                ARTICLES.iter().filter(|a| a.lang == lang).map(|a| a.title),
            );
        }
        let keys = USERS.iter().map(|u| u.key);
        let keys = keys.chain(PARTICIPANTS.iter().map(|p| p.key));
        let keys = keys.chain(MEETINGS.iter().map(|m| m.key));
        let keys = keys.chain(ARTICLES.iter().map(|a| a.key));
        for key in keys.chain(COMMENTS.iter().map(|c| c.key)) {
            assert!(is_key(key), "{key:?} is not a snake_case key");
        }
    }

    #[test]
    fn users_cover_every_role() {
        for role in ROLES {
            assert!(USERS.iter().any(|u| u.role == role), "no {role}");
        }
        for u in USERS {
            assert!(ROLES.contains(&u.role), "{}: role {}", u.key, u.role);
            assert!(u.email.ends_with("@demo.polisia.kz"), "{}", u.email);
            assert!(u.password.starts_with("demo-") && u.password.len() >= 12);
            assert!(!u.display_name.is_empty());
        }
    }

    #[test]
    fn tags_have_slugs_and_are_used() {
        for t in TAGS {
            assert!(is_slug(t.slug), "{:?}", t.slug);
            assert!(!t.name.is_empty() && t.name.chars().count() <= 96);
            assert!(
                ARTICLES.iter().any(|a| a.tags.contains(&t.slug)),
                "tag {} is unused",
                t.slug
            );
        }
    }

    #[test]
    fn participants_are_valid_and_used() {
        for p in PARTICIPANTS {
            assert!(!p.full_name_ru.is_empty());
            if let Some(code) = p.region_code {
                assert!(REGIONS.contains(&code), "{}: region {code}", p.key);
            }
            assert!(p.honours.iter().all(|h| !h.is_empty()), "{}", p.key);
            let in_meeting = MEETINGS
                .iter()
                .any(|m| m.participants.iter().any(|mp| mp.participant == p.key));
            let in_article = ARTICLES.iter().any(|a| a.participants.contains(&p.key));
            assert!(in_meeting || in_article, "participant {} is unused", p.key);
        }
        let honours: Vec<&str> = PARTICIPANTS
            .iter()
            .flat_map(|p| p.honours)
            .copied()
            .collect();
        for needle in [
            "почётный гражданин",
            "почётный ветеран органов внутренних дел",
            "маслихата",
        ] {
            assert!(honours.iter().any(|h| h.contains(needle)), "{needle}");
        }
    }

    #[test]
    fn meetings_are_valid_and_covered() {
        let participants: HashSet<&str> = PARTICIPANTS.iter().map(|p| p.key).collect();
        for m in MEETINGS {
            assert!(
                MEETING_KINDS.contains(&m.kind),
                "{}: kind {}",
                m.key,
                m.kind
            );
            assert!(matches_digits(m.held_on, "9999-99-99"), "{}", m.held_on);
            assert!(REGIONS.contains(&m.region_code), "{}", m.key);
            assert!((2..=4).contains(&m.agenda.len()), "{}: agenda", m.key);
            assert!((3..=6).contains(&m.participants.len()), "{}: people", m.key);
            unique(
                "meeting participant",
                m.participants.iter().map(|mp| mp.participant),
            );
            for mp in m.participants {
                assert!(participants.contains(mp.participant), "{}", mp.participant);
                assert!(MEETING_ROLES.contains(&mp.role), "{}", mp.role);
            }
            let chairs = m.participants.iter().filter(|mp| mp.role == "CHAIR");
            if m.kind == "ADVISORY_COUNCIL" {
                assert_eq!(chairs.count(), 1, "{}: one chair", m.key);
            } else {
                assert!(chairs.count() <= 1, "{}: chairs", m.key);
            }

            let took_part = |q: &DemoQuote| {
                q.participant
                    .is_some_and(|p| m.participants.iter().any(|mp| mp.participant == p))
            };
            let covering: Vec<&DemoArticle> = ARTICLES
                .iter()
                .filter(|a| a.meeting == Some(m.key))
                .collect();
            for a in &covering {
                assert_eq!(a.region_code, Some(m.region_code), "{}", a.key);
            }
            let quoted = covering
                .iter()
                .filter(|a| a.quotes.iter().any(took_part))
                .count();
            assert!(quoted >= 2, "{}: quoted in {quoted} articles", m.key);
            assert!(
                covering
                    .iter()
                    .flat_map(|a| a.quotes)
                    .any(|q| took_part(q) && q.kind == "PARAPHRASE"),
                "{}: no paraphrase",
                m.key
            );
        }
        assert!(MEETINGS.iter().any(|m| m.region_code == "KZ-43"
            && m.kind == "ADVISORY_COUNCIL"
            && m.agenda.iter().any(|i| i.title.contains("2024–2028"))));
    }

    #[test]
    fn articles_reference_what_exists() {
        let tags: HashSet<&str> = TAGS.iter().map(|t| t.slug).collect();
        let meetings: HashSet<&str> = MEETINGS.iter().map(|m| m.key).collect();
        let participants: HashSet<&str> = PARTICIPANTS.iter().map(|p| p.key).collect();
        let position: HashMap<&str, usize> = ARTICLES
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key, i))
            .collect();
        let mut translations = HashSet::new();
        for (i, a) in ARTICLES.iter().enumerate() {
            let k = a.key;
            assert!(LANGS.contains(&a.lang), "{k}: lang {}", a.lang);
            assert!(ARTICLE_STATUSES.contains(&a.status), "{k}: {}", a.status);
            if let Some(code) = a.region_code {
                assert!(REGIONS.contains(&code), "{k}: region {code}");
            }
            assert_ne!(user(a.author).role, "READER", "{k}: author");
            assert_ne!(user(a.author).role, "MODERATOR", "{k}: author");
            unique("article tag", a.tags.iter().copied());
            assert!(a.tags.iter().all(|t| tags.contains(t)), "{k}: {:?}", a.tags);
            if let Some(m) = a.meeting {
                assert!(meetings.contains(m), "{k}: meeting {m}");
            }
            unique("article participant", a.participants.iter().copied());
            for p in a.participants {
                assert!(participants.contains(p), "{k}: participant {p}");
            }
            for q in a.quotes {
                assert!(QUOTE_KINDS.contains(&q.kind), "{k}: quote kind {}", q.kind);
                if let Some(p) = q.participant {
                    assert!(a.participants.contains(&p), "{k}: {p} quoted, not listed");
                }
            }
            unique("related article", a.related.iter().copied());
            for r in a.related {
                assert!(position.contains_key(r), "{k}: related {r}");
                assert_ne!(*r, k, "{k} relates to itself");
            }
            if let Some(original) = a.translation_of {
                let o = article(original);
                // The inserter gives a translation its original's group: originals first.
                assert!(position[original] < i, "{k}: translation before {original}");
                assert_eq!(o.lang, "ru", "{k}: translates a non-Russian article");
                assert_eq!(o.translation_of, None, "{k}: translates a translation");
                assert_ne!(a.lang, o.lang, "{k}");
                assert_eq!(a.region_code, o.region_code, "{k}");
                assert_eq!(a.meeting, o.meeting, "{k}");
                assert!(translations.insert((original, a.lang)), "{k}: twice");
            }
        }
    }

    #[test]
    fn publication_matches_status() {
        let mut times = HashSet::new();
        for a in ARTICLES {
            match (a.status, a.published) {
                ("PUBLISHED" | "ARCHIVED", DemoPublication::At(t)) => {
                    assert!(matches_digits(t, "9999-99-99T99:99:99Z"), "{}: {t}", a.key);
                    assert!(("2024-01-01".."2026-12-01").contains(&t), "{}: {t}", a.key);
                    assert!(times.insert(t), "{}: time {t} taken", a.key);
                }
                ("PUBLISHED", DemoPublication::ScheduledInDays(days)) => assert!(days > 0),
                ("DRAFT" | "IN_REVIEW", DemoPublication::Unpublished) => {}
                (status, published) => panic!("{}: {status} with {published:?}", a.key),
            }
        }
        let scheduled = ARTICLES
            .iter()
            .filter(|a| matches!(a.published, DemoPublication::ScheduledInDays(_)));
        assert_eq!(scheduled.count(), 1);
    }

    #[test]
    fn article_text_follows_house_style() {
        for a in ARTICLES {
            let k = a.key;
            assert!((1..=300).contains(&a.title.chars().count()), "{k}: title");
            let lead = a.lead.unwrap_or_else(|| panic!("{k}: no lead"));
            let attribution = match a.lang {
                "ru" => ", передает Polisia.kz.",
                "kk" => ", деп хабарлайды Polisia.kz.",
                _ => ", Polisia.kz reports.",
            };
            assert!(lead.ends_with(attribution), "{k}: lead attribution");
            if a.lang == "kk" {
                let kazakh = |c: char| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c);
                assert!(
                    a.title.chars().any(kazakh) && a.body.chars().any(kazakh),
                    "{k}"
                );
            }
            assert!((3..=7).contains(&blocks(k, a.body)), "{k}: paragraphs");
            // No entities to get wrong: every character is written as itself.
            assert!(!a.body.contains('&'), "{k}: '&' in body");
            for q in a.quotes {
                assert!(!q.text.is_empty(), "{k}: empty quote");
                if q.kind == "DIRECT" {
                    let words = q.text.trim_end_matches(['.', '!', '?']);
                    assert!(a.body.contains(words), "{k}: quote not in body: {words}");
                }
            }
            if let Some(url) = a.cover_image_url {
                assert_eq!(url, format!("https://polisia.kz/uploads/demo/{k}.jpg"));
                assert!(a.cover_image_alt.is_some_and(|alt| !alt.is_empty()), "{k}");
            }
            assert!(matches!(a.source, None | Some("Polisia.kz")), "{k}: source");
        }
    }

    #[test]
    fn content_has_the_promised_spread() {
        assert!(ARTICLES.len() >= 30, "{} articles", ARTICLES.len());
        for status in ARTICLE_STATUSES {
            assert!(ARTICLES.iter().any(|a| a.status == status), "no {status}");
        }
        let regions: HashSet<_> = ARTICLES.iter().filter_map(|a| a.region_code).collect();
        assert!(regions.len() >= 6, "{} regions", regions.len());
        let in_lang = |lang| ARTICLES.iter().filter(move |a| a.lang == lang);
        assert!(in_lang("kk").count() >= 6);
        assert!(in_lang("en").count() >= 5);
        let translated = ARTICLES.iter().filter(|a| a.translation_of.is_some());
        assert!(translated.count() >= 4);
        assert!(ARTICLES.iter().filter(|a| !a.related.is_empty()).count() >= 5);
        assert_eq!(MEETINGS.len(), 3);
    }

    #[test]
    fn comments_are_valid() {
        let position: HashMap<&str, usize> = COMMENTS
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key, i))
            .collect();
        for (i, c) in COMMENTS.iter().enumerate() {
            let k = c.key;
            let a = article(c.article);
            assert!(
                matches!(a.published, DemoPublication::At(_)) && a.status == "PUBLISHED",
                "{k}: comment on an unpublished article"
            );
            assert!(COMMENT_STATUSES.contains(&c.status), "{k}: {}", c.status);
            assert!(
                !c.body.trim().is_empty() && !c.author_name.is_empty(),
                "{k}"
            );
            match c.user {
                Some(u) => {
                    let u = user(u);
                    assert_eq!((c.author_name, c.author_email), (u.display_name, u.email));
                }
                None => {
                    let domain = c.author_email.rsplit_once('@').map(|(_, d)| d);
                    let domain = domain.unwrap_or_else(|| panic!("{k}: email"));
                    assert!(
                        ["example.com", "example.org"]
                            .iter()
                            .any(|d| domain == *d || domain.ends_with(&format!(".{d}"))),
                        "{k}: {domain}"
                    );
                }
            }
            // Replies nest at most two deep, under an older comment on the same article.
            let mut depth = 0;
            let mut child = c;
            while let Some(parent) = child.parent {
                let p = &COMMENTS[position[parent]];
                assert!(position[parent] < i, "{k}: reply listed before {parent}");
                assert_eq!(p.article, c.article, "{k}: parent on another article");
                assert!(p.minutes_after_publication < child.minutes_after_publication);
                depth += 1;
                child = p;
            }
            assert!(depth <= 2, "{k}: depth {depth}");
        }
        for status in COMMENT_STATUSES {
            assert!(COMMENTS.iter().any(|c| c.status == status), "no {status}");
        }
        let articles: HashSet<_> = COMMENTS.iter().map(|c| c.article).collect();
        assert!(articles.len() >= 8);
        assert!(COMMENTS.iter().any(|c| {
            c.parent
                .is_some_and(|p| COMMENTS[position[p]].parent.is_some())
        }));
        assert!(COMMENTS.iter().filter(|c| c.user == Some("reader")).count() >= 2);
        assert!(
            COMMENTS
                .iter()
                .any(|c| c.status == "SPAM" && c.body.contains("http"))
        );
        assert!(
            COMMENTS
                .iter()
                .any(|c| c.status == "APPROVED" && c.body.contains("<b>not markup</b>"))
        );
    }
}
