//! The tags articles are filed under.

/// A tag: an ASCII slug and its Russian name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoTag {
    pub slug: &'static str,
    pub name: &'static str,
}

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
