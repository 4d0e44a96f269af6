//! Which language a name is given in when its field is asked without `lang`.
//!
//! Names reached through an article (its region, its people, who is quoted, its
//! meeting's region and people) are in the article's language, as REST gives them:
//! `articles(lang: KK) { region { name } }` reads in Kazakh whatever the request's
//! `Accept-Language`. So do the people `search(lang:)` finds. Elsewhere a name follows
//! `Accept-Language`, then Russian.

use async_graphql::Context;

use super::context::ContextExt;
use crate::domain::Language;

/// The language the names under an object default to; `None` leaves them to the
/// request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NamesIn(Option<Language>);

impl NamesIn {
    /// Names in `lang`.
    pub fn lang(lang: Language) -> Self {
        Self(Some(lang))
    }

    /// The language of a name: the field's own `lang`, else this one, else the
    /// request's.
    pub fn pick(self, asked: Option<Language>, ctx: &Context<'_>) -> Language {
        asked.or(self.0).unwrap_or_else(|| ctx.request().lang)
    }
}
