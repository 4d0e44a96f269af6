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
