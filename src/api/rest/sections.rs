//! `/sections`: the portal's fixed tree of sections (reference data).

use axum::{Json, extract::State, http::HeaderMap};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::refs::list_of;
use crate::http::{extract::Query, lang::negotiate};
use crate::{
    domain::{Language, Section},
    error::AppResult,
    http::cache::{CachePolicy, Cached},
    state::AppState,
};

/// A section with the sections below it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionNode {
    /// Stable code; `GET /articles?section=` takes it, or the slug.
    pub code: Section,
    #[schema(example = "missing-persons")]
    pub slug: String,
    /// The name in the answer's language (`lang`, else `Accept-Language`, else `ru`).
    #[schema(example = "Без вести пропавшие")]
    pub name: String,
    /// The section above; null at the top.
    pub parent: Option<Section>,
    /// The sections directly below, in menu order.
    #[schema(no_recursion)]
    pub children: Vec<SectionNode>,
}

impl SectionNode {
    fn new(section: Section, lang: Language) -> Self {
        SectionNode {
            code: section,
            slug: section.slug().to_owned(),
            name: section.name(lang).to_owned(),
            parent: section.parent(),
            children: section
                .children()
                .into_iter()
                .map(|c| SectionNode::new(c, lang))
                .collect(),
        }
    }
}

/// A section as an article names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SectionRef {
    pub code: Section,
    #[schema(example = "road-safety")]
    pub slug: String,
    /// The name in the article's language.
    #[schema(example = "Безопасность дорожного движения")]
    pub name: String,
}

impl SectionRef {
    pub fn new(section: Section, lang: Language) -> Self {
        SectionRef {
            code: section,
            slug: section.slug().to_owned(),
            name: section.name(lang).to_owned(),
        }
    }
}

list_of!(
    /// The top-level sections, each with its children (never more than one page).
    SectionList,
    SectionNode
);

/// The language of the names.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SectionLang {
    /// The language of `name` (default: `Accept-Language`, else `ru`).
    lang: Option<Language>,
}

/// The section tree.
#[utoipa::path(get, path = "/sections", operation_id = "listSections", tag = "sections",
    params(SectionLang),
    responses(
        (status = 200, description = "The top-level sections with their children", body = SectionList,
            headers(("Vary" = String, description = "`Accept-Language` when `lang` is not given"))),
        crate::api::responses::ListRead,
    ))]
pub async fn list(
    State(_state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<SectionLang>,
) -> AppResult<Cached<Json<SectionList>>> {
    let lang = negotiate(params.lang, &headers);
    let items = Section::roots()
        .into_iter()
        .map(|s| SectionNode::new(s, lang.lang))
        .collect();
    let list = SectionList {
        items,
        next_cursor: None,
    };
    Ok(Cached::new(CachePolicy::Reference, Json(list)).vary_language(lang.from_header))
}
