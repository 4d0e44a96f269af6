//! Corrections of published demo articles, in each article's language, and the
//! notice of the retracted one.

/// A correction of a published article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoCorrection {
    /// The [`DemoArticle::key`](super::DemoArticle::key) corrected.
    pub article: &'static str,
    /// In the article's language, plain text.
    pub text: &'static str,
    /// When it was made, RFC 3339 in UTC (after the article's publication).
    pub at: &'static str,
}

/// Why and when an article was retracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoRetraction {
    /// The [`DemoArticle::key`](super::DemoArticle::key) of an article in status RETRACTED.
    pub article: &'static str,
    /// Shown to the public, in the article's language.
    pub reason: &'static str,
    /// When, RFC 3339 in UTC (after the article's publication).
    pub at: &'static str,
}

pub static CORRECTIONS: &[DemoCorrection] = &[
    DemoCorrection {
        article: "kzo_kso_concept",
        text: "Уточнено название управления, в котором служит один из выступавших на заседании.",
        at: "2024-04-17T15:05:00Z",
    },
    DemoCorrection {
        article: "kzo_kso_concept",
        text: "Исправлена опечатка в фамилии члена совета.",
        at: "2024-04-18T06:20:00Z",
    },
    DemoCorrection {
        article: "ast_volunteers_kk",
        text: "Түзету: еріктілердің кешкі кезекшілік уақыты нақтыланды.",
        at: "2024-06-12T04:30:00Z",
    },
    DemoCorrection {
        article: "trk_juveniles_en",
        text: "Correction: an earlier version named four districts; the officers visited schools in three.",
        at: "2025-02-07T08:15:00Z",
    },
];

pub static RETRACTIONS: &[DemoRetraction] = &[DemoRetraction {
    article: "kst_retracted_detention",
    reason: "Материал отозван редакцией: задержанный отпущен, его причастность к краже не подтвердилась.",
    at: "2026-10-15T09:00:00Z",
}];
