//! The cache tags of what REST answers and feeds show of articles
//! ([`domain::cache_tags`](crate::domain::cache_tags)).

use crate::{
    domain::cache_tags::{CacheTag, TagSet},
    entity::article,
    presentation::parts::ArticleParts,
};

/// An article and everything of it an answer shows: its region, tags, meeting and
/// people.
pub fn article_shown(article: &article::Model, parts: &ArticleParts) -> TagSet {
    let mut tags = TagSet::new();
    tags.insert(CacheTag::article(article.id))
        .extend(parts.region.as_ref().map(|r| CacheTag::region(&r.code)))
        .extend(parts.tags.iter().map(|t| CacheTag::tag(t.id)))
        .extend(parts.meeting.as_ref().map(|m| CacheTag::meeting(m.id)))
        .extend(
            parts
                .people
                .iter()
                .map(|p| CacheTag::participant(p.participant.id)),
        )
        .extend(
            parts
                .quotes
                .iter()
                .filter_map(|(_, speaker)| speaker.as_ref().map(|p| CacheTag::participant(p.id))),
        );
    tags
}

/// The articles a list shows, by their tags alone: the names beside them (region,
/// tags, meeting) follow when the list expires, which keeps a page of 100 within a
/// few hundred bytes per kind of thing.
pub fn articles_listed<'a>(articles: impl IntoIterator<Item = &'a article::Model>) -> TagSet {
    articles
        .into_iter()
        .map(|a| CacheTag::article(a.id))
        .collect()
}
