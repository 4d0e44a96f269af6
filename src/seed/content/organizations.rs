//! The bodies of the demo: the ministry, regional police departments and a
//! division, a police department's public advisory council, councils and a
//! maslikhat, named in Russian, Kazakh and English.

use crate::domain::OrganizationKind;

/// A person's place in a demo organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoMember {
    /// A [`DemoParticipant::key`](super::DemoParticipant::key).
    pub participant: &'static str,
    pub role: Option<&'static str>,
}

/// An organisation; a parent comes before the organisations within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOrganization {
    pub key: &'static str,
    pub kind: OrganizationKind,
    pub name_ru: &'static str,
    pub name_kk: &'static str,
    pub name_en: &'static str,
    /// Abbreviations in Russian, Kazakh and English, where the body has them.
    pub abbreviations: [Option<&'static str>; 3],
    pub region_code: Option<&'static str>,
    /// The key of the organisation it is part of.
    pub parent: Option<&'static str>,
    pub members: &'static [DemoMember],
}

pub static ORGANIZATIONS: &[DemoOrganization] = &[
    DemoOrganization {
        key: "mvd",
        kind: OrganizationKind::Ministry,
        name_ru: "Министерство внутренних дел Республики Казахстан",
        name_kk: "Қазақстан Республикасы Ішкі істер министрлігі",
        name_en: "Ministry of Internal Affairs of the Republic of Kazakhstan",
        abbreviations: [Some("МВД"), Some("ІІМ"), Some("MIA")],
        region_code: None,
        parent: None,
        members: &[],
    },
    DemoOrganization {
        key: "dp_kyzylorda",
        kind: OrganizationKind::PoliceDepartment,
        name_ru: "Департамент полиции Кызылординской области",
        name_kk: "Қызылорда облысының Полиция департаменті",
        name_en: "Kyzylorda Region Police Department",
        abbreviations: [Some("ДП"), Some("ПД"), Some("PD")],
        region_code: Some("KZ-43"),
        parent: Some("mvd"),
        members: &[
            DemoMember {
                participant: "seitkali",
                role: Some("начальник департамента"),
            },
            DemoMember {
                participant: "abenov",
                role: Some("начальник управления местной полицейской службы"),
            },
        ],
    },
    DemoOrganization {
        key: "ums_kyzylorda",
        kind: OrganizationKind::Division,
        name_ru: "Управление миграционной службы ДП Кызылординской области",
        name_kk: "Қызылорда облысы ПД Көші-қон қызметі басқармасы",
        name_en: "Migration Service of the Kyzylorda Region Police Department",
        abbreviations: [Some("УМС"), None, None],
        region_code: Some("KZ-43"),
        parent: Some("dp_kyzylorda"),
        members: &[],
    },
    DemoOrganization {
        key: "kso_kyzylorda",
        kind: OrganizationKind::Council,
        name_ru: "Консультативно-совещательный орган при ДП Кызылординской области",
        name_kk: "Қызылорда облысы ПД жанындағы консультативтік-кеңесші орган",
        name_en: "Public Advisory Council of the Kyzylorda Region Police Department",
        abbreviations: [Some("КСО"), Some("ККО"), None],
        region_code: Some("KZ-43"),
        parent: Some("dp_kyzylorda"),
        members: &[
            DemoMember {
                participant: "temirbayev",
                role: Some("председатель"),
            },
            DemoMember {
                participant: "kuanyshev",
                role: Some("член совета"),
            },
            DemoMember {
                participant: "ospanova",
                role: Some("член совета"),
            },
        ],
    },
    DemoOrganization {
        key: "maslikhat_kyzylorda",
        kind: OrganizationKind::LocalAssembly,
        name_ru: "Кызылординский областной маслихат",
        name_kk: "Қызылорда облыстық мәслихаты",
        name_en: "Kyzylorda Regional Maslikhat",
        abbreviations: [None, None, None],
        region_code: Some("KZ-43"),
        parent: None,
        members: &[DemoMember {
            participant: "ospanova",
            role: Some("депутат"),
        }],
    },
    DemoOrganization {
        key: "council_pavlodar",
        kind: OrganizationKind::Council,
        name_ru: "Общественный совет города Павлодара",
        name_kk: "Павлодар қаласының қоғамдық кеңесі",
        name_en: "Pavlodar City Public Council",
        abbreviations: [None, None, None],
        region_code: Some("KZ-55"),
        parent: None,
        members: &[DemoMember {
            participant: "zhakupova",
            role: Some("председатель"),
        }],
    },
    DemoOrganization {
        key: "dp_almaty",
        kind: OrganizationKind::PoliceDepartment,
        name_ru: "Департамент полиции города Алматы",
        name_kk: "Алматы қаласының Полиция департаменті",
        name_en: "Almaty City Police Department",
        abbreviations: [Some("ДП"), Some("ПД"), Some("PD")],
        region_code: Some("KZ-75"),
        parent: Some("mvd"),
        members: &[
            DemoMember {
                participant: "karimov",
                role: None,
            },
            DemoMember {
                participant: "zhaksybekova",
                role: Some("официальный представитель"),
            },
        ],
    },
];
