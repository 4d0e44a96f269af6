//! Sections: the portal's fixed tree of rubrics, and articles' bylines.

use async_graphql::{Context, Object};

use super::{context::ContextExt, names::NamesIn, user::User};
use crate::{
    domain::{BylineKind, Language, Section as SectionCode},
    entity::article,
    store::loaders::UserById,
};

/// A section of the portal (news, announcements, searches with wanted and missing
/// persons, road safety, ...). Articles sit in at most one; a list of a section holds
/// the articles of the sections below it too.
#[derive(Clone, Copy)]
pub struct Section(pub SectionCode, pub NamesIn);

/// A section of the portal (news, announcements, searches with wanted and missing
/// persons, road safety, ...). Articles sit in at most one; a list of a section holds
/// the articles of the sections below it too.
#[Object]
impl Section {
    /// Stable code, as `articles(section:)` and the editorial inputs take it.
    async fn code(&self) -> SectionCode {
        self.0
    }

    /// Lowercase ASCII name for URLs; the filters take it as well as the code.
    async fn slug(&self) -> &'static str {
        self.0.slug()
    }

    /// The name in `lang` (default: the language of the article it was reached
    /// through, else the request's).
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The language wanted; default: the language of the article the section is reached through, else the request's `Accept-Language`, else RU."
        )]
        lang: Option<Language>,
    ) -> &'static str {
        self.0.name(self.1.pick(lang, ctx))
    }

    /// The section this one belongs to; null at the top of the tree.
    async fn parent(&self) -> Option<Section> {
        self.0.parent().map(|p| Section(p, self.1))
    }

    /// The sections directly below this one, in menu order.
    async fn children(&self) -> Vec<Section> {
        self.0
            .children()
            .into_iter()
            .map(|c| Section(c, self.1))
            .collect()
    }
}

/// Who an article is by: its author, or free text such as a press service.
pub struct Byline(pub article::Model);

/// Who an article is by: its author (STAFF), or free text such as a department's
/// press service (TEXT), in three languages.
#[Object]
impl Byline {
    /// The name to print: the free text in `lang` (default: the article's language),
    /// falling back Kazakh → Russian → English, Russian → English, English → Russian;
    /// without free text, the author's display name. Empty when neither is known.
    async fn name(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The language wanted; default: the article's language.")] lang: Option<
            Language,
        >,
    ) -> async_graphql::Result<String> {
        let lang = NamesIn::lang(self.0.lang).pick(lang, ctx);
        if let Some(text) = self.0.byline_text().in_lang(lang) {
            return Ok(text.to_owned());
        }
        Ok(self
            .author(ctx)
            .await?
            .map(|u| u.0.display_name)
            .unwrap_or_default())
    }

    /// STAFF when the byline is the author's name, TEXT when it is free text.
    async fn kind(&self) -> BylineKind {
        kind(&self.0)
    }

    /// The staff author (public profile), for a STAFF byline; null for TEXT.
    async fn author(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        if kind(&self.0) == BylineKind::Text {
            return Ok(None);
        }
        let Some(id) = self.0.author_id else {
            return Ok(None);
        };
        Ok(ctx.loaders().load_one(UserById(id)).await?.map(User))
    }
}

fn kind(article: &article::Model) -> BylineKind {
    if article.byline_text().is_given() {
        BylineKind::Text
    } else {
        BylineKind::Staff
    }
}

/// Root field for the section tree.
#[derive(Default)]
pub struct SectionQuery;

#[Object]
impl SectionQuery {
    /// The top-level sections, each with its `children`.
    async fn sections(&self) -> Vec<Section> {
        SectionCode::roots()
            .into_iter()
            .map(|s| Section(s, NamesIn::default()))
            .collect()
    }
}
