//! The Kazakh and English texts of the demo's tags, meetings and agenda items, kept
//! beside the Russian data they translate and looked up by its keys.

/// (tag slug, Kazakh name, English name).
pub static TAG_NAMES: &[(&str, &str, &str)] = &[
    (
        "obshchestvennaya-bezopasnost",
        "Қоғамдық қауіпсіздік",
        "Public safety",
    ),
    ("kso", "ККО", "Advisory councils"),
    ("doroga", "Жол қозғалысы қауіпсіздігі", "Road safety"),
    ("kibermoshennichestvo", "Кибералаяқтық", "Cyber fraud"),
    (
        "profilaktika",
        "Құқықбұзушылықтың алдын алу",
        "Crime prevention",
    ),
    ("nesovershennoletnie", "Кәмелетке толмағандар", "Minors"),
    (
        "uchastkovye",
        "Учаскелік инспекторлар",
        "Community police officers",
    ),
    ("nagrady", "Марапаттар", "Awards"),
    ("volontery", "Еріктілер", "Volunteers"),
    (
        "publichnye-slushaniya",
        "Қоғамдық тыңдаулар",
        "Public hearings",
    ),
    (
        "priem-grazhdan",
        "Азаматтарды қабылдау",
        "Receptions of citizens",
    ),
    ("brifing", "Брифингтер", "Briefings"),
    ("proisshestviya", "Оқиғалар", "Incidents"),
];

/// A meeting's texts in Kazakh and English.
pub struct MeetingTexts {
    pub key: &'static str,
    pub title: (&'static str, &'static str),
    pub body: (&'static str, &'static str),
    pub venue: (&'static str, &'static str),
    /// (Kazakh title, English title), in agenda order.
    pub agenda: &'static [(&'static str, &'static str)],
}

pub static MEETING_TEXTS: &[MeetingTexts] = &[
    MeetingTexts {
        key: "kso_kyzylorda_2024",
        title: (
            "Қызылорда облысы ПД жанындағы консультативтік-кеңесші органның отырысы",
            "Session of the advisory council of the Kyzylorda Region Police Department",
        ),
        body: (
            "Қызылорда облысы полиция департаменті жанындағы консультативтік-кеңесші орган",
            "Advisory council of the Kyzylorda Region Police Department",
        ),
        venue: (
            "Қызылорда облысының полиция департаменті, Қызылорда",
            "Kyzylorda Region Police Department, Kyzylorda",
        ),
        agenda: &[
            (
                "2024–2028 жылдарға арналған қоғаммен серіктестіктегі қоғамдық қауіпсіздік тұжырымдамасының жобасы",
                "Draft concept of public safety in partnership with society for 2024–2028",
            ),
            (
                "Учаскелік инспекторларды ауылдық округтерге бекіту",
                "Assigning community police officers to rural districts",
            ),
            (
                "Кеңес мүшелерінің 2024 жылғы I тоқсандағы азаматтарды қабылдау қорытындылары",
                "Council members' receptions of citizens in the first quarter of 2024",
            ),
        ],
    },
    MeetingTexts {
        key: "hearing_pavlodar_2025",
        title: (
            "Павлодар аулаларындағы қауіпсіздік туралы қоғамдық тыңдаулар",
            "Public hearings on safety in Pavlodar's courtyards",
        ),
        body: (
            "Павлодар қаласының қоғамдық кеңесі",
            "Pavlodar City Public Council",
        ),
        venue: (
            "Павлодар қаласы әкімдігінің мәжіліс залы",
            "Assembly hall of the Pavlodar city akimat",
        ),
        agenda: &[
            (
                "Полиция басқармасының тұрғын шағынаудандардағы құқықтық тәртіп туралы есебі",
                "The police directorate's report on public order in residential districts",
            ),
            (
                "Аулаларды жарықтандыру және мектептер мен аялдамалар маңындағы бейнебақылау",
                "Courtyard lighting and video surveillance near schools and bus stops",
            ),
            (
                "Тұрғындардың сұрақтары мен ұсыныстары",
                "Residents' questions and proposals",
            ),
        ],
    },
    MeetingTexts {
        key: "briefing_almaty_2025",
        title: (
            "Интернеттегі және телефон арқылы алаяқтық туралы брифинг",
            "Briefing on online and telephone fraud",
        ),
        body: (
            "Алматы қаласының полиция департаменті",
            "Almaty City Police Department",
        ),
        venue: (
            "Алматы қаласы полиция департаментінің баспасөз орталығы",
            "Press centre of the Almaty City Police Department",
        ),
        agenda: &[
            (
                "Алматыдағы 2025 жылдың тоғыз айындағы интернет-алаяқтық",
                "Online fraud in Almaty over nine months of 2025",
            ),
            (
                "Жаңа схемалар: «банктің қауіпсіздік қызметінен» қоңыраулар және жалған жеткізу сайттары",
                "New schemes: calls from a \"bank security service\" and fake delivery sites",
            ),
            (
                "Зардап шеккендер қайда жүгінуі керек және аударымды қалай уақытында бұғаттауға болады",
                "Where victims should turn and how to block a transfer in time",
            ),
        ],
    },
];

/// The Kazakh and English names of tag `slug`.
pub fn tag_names(slug: &str) -> Option<(&'static str, &'static str)> {
    TAG_NAMES
        .iter()
        .find(|(s, _, _)| *s == slug)
        .map(|(_, kk, en)| (*kk, *en))
}

/// The Kazakh and English texts of meeting `key`.
pub fn meeting_texts(key: &str) -> Option<&'static MeetingTexts> {
    MEETING_TEXTS.iter().find(|m| m.key == key)
}

/// A position of a demo person: the organisation's key, its title in three
/// languages, and the days held (`YYYY-MM-DD`; `None`: not recorded, or still held).
pub struct DemoPosition {
    pub participant: &'static str,
    pub organization: Option<&'static str>,
    pub title: [&'static str; 3],
    pub from: Option<&'static str>,
    pub to: Option<&'static str>,
}

/// Dated positions, the earlier ones of a career included; people not listed keep
/// their position as text only.
pub static POSITIONS: &[DemoPosition] = &[
    DemoPosition {
        participant: "temirbayev",
        organization: Some("kso_kyzylorda"),
        title: [
            "председатель консультативно-совещательного органа при департаменте полиции Кызылординской области",
            "Қызылорда облысы полиция департаменті жанындағы консультативтік-кеңесші органның төрағасы",
            "Chair of the advisory council of the Kyzylorda Region Police Department",
        ],
        from: Some("2022-09-01"),
        to: None,
    },
    DemoPosition {
        participant: "seitkali",
        organization: Some("dp_kyzylorda"),
        title: [
            "начальник департамента полиции Кызылординской области",
            "Қызылорда облысы полиция департаментінің бастығы",
            "Head of the Kyzylorda Region Police Department",
        ],
        from: Some("2023-02-15"),
        to: None,
    },
    DemoPosition {
        participant: "seitkali",
        organization: Some("dp_kyzylorda"),
        title: [
            "заместитель начальника департамента полиции Кызылординской области",
            "Қызылорда облысы полиция департаменті бастығының орынбасары",
            "Deputy head of the Kyzylorda Region Police Department",
        ],
        from: Some("2019-06-03"),
        to: Some("2023-02-14"),
    },
    DemoPosition {
        participant: "zhakupova",
        organization: Some("council_pavlodar"),
        title: [
            "председатель общественного совета города Павлодара",
            "Павлодар қаласы қоғамдық кеңесінің төрағасы",
            "Chair of the Pavlodar City Public Council",
        ],
        from: Some("2024-03-01"),
        to: None,
    },
    DemoPosition {
        participant: "zhaksybekova",
        organization: Some("dp_almaty"),
        title: [
            "официальный представитель департамента полиции города Алматы",
            "Алматы қаласы полиция департаментінің ресми өкілі",
            "Spokesperson of the Almaty City Police Department",
        ],
        from: Some("2024-08-19"),
        to: None,
    },
];

/// (person's key, the Russian honour as the person lists it, Kazakh, English, the day
/// awarded, the key of the organisation that awarded it).
pub type DemoHonour = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
);

/// The honours known in more detail than their Russian title.
pub static HONOURS: &[DemoHonour] = &[
    (
        "temirbayev",
        "почётный гражданин Кызылординской области",
        "Қызылорда облысының құрметті азаматы",
        "Honorary citizen of the Kyzylorda Region",
        Some("2019-12-16"),
        Some("maslikhat_kyzylorda"),
    ),
    (
        "temirbayev",
        "медаль «Ерен еңбегі үшін»",
        "«Ерен еңбегі үшін» медалі",
        "Medal for Distinguished Labour",
        Some("2021-12-10"),
        None,
    ),
];
