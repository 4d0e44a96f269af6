//! An article's byline as REST, ninjs and JSON-LD show it: the free text in the
//! article's language, else the author's name.

use serde::Serialize;
use utoipa::ToSchema;

use crate::{
    domain::{BylineKind, byline::byline},
    entity::article,
};

/// Who an article is by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Byline {
    /// The name to print: a press service's name, or the author's.
    #[schema(example = "Пресс-служба ДП Кызылординской области")]
    pub name: String,
    /// STAFF for the author's name, TEXT for free text.
    pub kind: BylineKind,
}

/// The byline of `article`, whose author is named `author` (if known), in the
/// article's language with the usual fallbacks; `None` when there is neither free
/// text nor an author.
pub fn of(article: &article::Model, author: Option<&str>) -> Option<Byline> {
    byline(article.byline_text(), author, article.lang).map(|(name, kind)| Byline {
        name: name.to_owned(),
        kind,
    })
}
