//! Cache tags: the names of what a public answer shows, sent in `Cache-Tag` and
//! `Surrogate-Key` so that a CDN can drop exactly the answers a change affects, and
//! the tags each change purges ([`purge_tags`]). Both sides live here so that they
//! cannot drift apart: what an answer is tagged with and what a change purges are
//! one vocabulary.
//!
//! | tag | what it names |
//! | --- | --- |
//! | `a:<id>` | an article: its item, ninjs, and every list, feed and item entry showing it |
//! | `c:<id>` | the public comments of article `<id>` (its comment lists, its count on its item) |
//! | `cm:<id>` | one comment (GraphQL answers naming it) |
//! | `m:<id>` `p:<id>` `t:<id>` `u:<id>` | a meeting, a person, a tag, a user |
//! | `r:<code>` | a region (`r:KZ-43`): its item, and the article lists and feeds narrowed to it |
//! | `list:articles` | article lists that no region narrows (REST, GraphQL, search, a meeting's articles) |
//! | `list:meetings` `list:participants` `list:tags` `list:regions` | lists of those |
//! | `feed:<lang>` | the portal's RSS, Atom and JSON Feed in one language |
//! | `sitemap` | the sitemaps |
//! | `any` | a GraphQL answer with an object it cannot name (its `id` was not asked for) |
//!
//! Ids are short: the first 48 bits of the SHA-256 of the UUID, in base64url (8
//! characters), so a page of 100 articles needs about 1.1 KB of tags where full
//! UUIDs would need 4 KB, beyond what some CDNs take in one header. Two ids sharing
//! a short id only makes one purge drop a little more than it had to.

use std::collections::BTreeSet;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{ChangeKind, Language};

/// One cache tag: a short word without spaces or commas, safe in both headers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CacheTag(String);

/// The short form of an id in a tag.
pub fn short_id(id: Uuid) -> String {
    let digest = Sha256::digest(id.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..6])
}

impl CacheTag {
    fn of(prefix: &str, id: Uuid) -> Self {
        CacheTag(format!("{prefix}:{}", short_id(id)))
    }

    pub fn article(id: Uuid) -> Self {
        Self::of("a", id)
    }

    /// The public comments of an article.
    pub fn comments_of(article: Uuid) -> Self {
        Self::of("c", article)
    }

    pub fn comment(id: Uuid) -> Self {
        Self::of("cm", id)
    }

    pub fn meeting(id: Uuid) -> Self {
        Self::of("m", id)
    }

    pub fn participant(id: Uuid) -> Self {
        Self::of("p", id)
    }

    pub fn organization(id: Uuid) -> Self {
        Self::of("o", id)
    }

    pub fn tag(id: Uuid) -> Self {
        Self::of("t", id)
    }

    pub fn user(id: Uuid) -> Self {
        Self::of("u", id)
    }

    /// A region by its ISO code (codes never change).
    pub fn region(code: &str) -> Self {
        CacheTag(format!("r:{}", code.trim().to_uppercase()))
    }

    /// The portal's feeds in `lang`.
    pub fn feed(lang: Language) -> Self {
        CacheTag(format!("feed:{}", lang.code()))
    }

    pub fn article_list() -> Self {
        CacheTag("list:articles".into())
    }

    pub fn meeting_list() -> Self {
        CacheTag("list:meetings".into())
    }

    pub fn participant_list() -> Self {
        CacheTag("list:participants".into())
    }

    pub fn organization_list() -> Self {
        CacheTag("list:organizations".into())
    }

    pub fn tag_list() -> Self {
        CacheTag("list:tags".into())
    }

    pub fn region_list() -> Self {
        CacheTag("list:regions".into())
    }

    pub fn sitemap() -> Self {
        CacheTag("sitemap".into())
    }

    /// What a GraphQL answer carries when it shows an object it cannot name: every
    /// change purges it.
    pub fn unnamed() -> Self {
        CacheTag("any".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The tags of one answer or of one purge: each once, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagSet(BTreeSet<CacheTag>);

impl TagSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, tag: CacheTag) -> &mut Self {
        self.0.insert(tag);
        self
    }

    /// Adds `tag` and returns the set, for building in one expression.
    pub fn with(mut self, tag: CacheTag) -> Self {
        self.0.insert(tag);
        self
    }

    pub fn extend(&mut self, tags: impl IntoIterator<Item = CacheTag>) -> &mut Self {
        self.0.extend(tags);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &CacheTag> {
        self.0.iter()
    }

    pub fn contains(&self, tag: &CacheTag) -> bool {
        self.0.contains(tag)
    }

    /// The `Cache-Tag` value (Cloudflare, Akamai, Fastly): comma-separated.
    pub fn cache_tag_header(&self) -> String {
        self.joined(",")
    }

    /// The `Surrogate-Key` value (Fastly, Varnish's xkey): space-separated.
    pub fn surrogate_key_header(&self) -> String {
        self.joined(" ")
    }

    fn joined(&self, separator: &str) -> String {
        let mut out = String::with_capacity(self.0.len() * 12);
        for (i, tag) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(tag.as_str());
        }
        out
    }

    /// Splits the set into space-separated groups of at most `max_len` bytes each:
    /// one purge request per group keeps every header within what a cache accepts.
    pub fn chunks(&self, max_len: usize) -> Vec<String> {
        let mut chunks: Vec<String> = Vec::new();
        let mut current = String::new();
        for tag in &self.0 {
            if !current.is_empty() && current.len() + 1 + tag.0.len() > max_len {
                chunks.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&tag.0);
        }
        if !current.is_empty() {
            chunks.push(current);
        }
        chunks
    }
}

impl FromIterator<CacheTag> for TagSet {
    fn from_iter<I: IntoIterator<Item = CacheTag>>(iter: I) -> Self {
        TagSet(iter.into_iter().collect())
    }
}

impl IntoIterator for TagSet {
    type Item = CacheTag;
    type IntoIter = std::collections::btree_set::IntoIter<CacheTag>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What a recorded change says, as [`purge_tags`] needs it: the fields of a row of
/// the record of changes, with the region named by its code.
#[derive(Debug, Clone, Copy)]
pub struct Changed<'a> {
    pub kind: ChangeKind,
    pub entity_id: Uuid,
    pub article_id: Option<Uuid>,
    /// The code of the article's region (after the change), if it has one.
    pub region_code: Option<&'a str>,
    pub lang: Option<Language>,
}

/// The tags a change makes stale: every answer tagged with one of them may show
/// something the change altered.
///
/// Answers that list an article carry its `a:` tag, so an edit purges every list,
/// feed and item that showed it through `a:` alone (and its region's lists, which it
/// may have just moved to, and the sitemaps, which show when it changed). Joining or
/// leaving public view also purges the collections it joins or leaves: the
/// unnarrowed lists, its region's lists and feeds, its language's feeds and the
/// sitemaps. What
/// lists show of linked things (a region's, tag's or meeting's name beside each
/// article) is refreshed when those lists expire (`max-age` 30 s) rather than
/// purging every list on each such edit.
pub fn purge_tags(changed: &Changed<'_>) -> TagSet {
    use ChangeKind as K;
    let mut tags = TagSet::new();
    let region = changed.region_code.map(CacheTag::region);
    let article = changed.article_id.unwrap_or(changed.entity_id);
    match changed.kind {
        // Drafts and what is waiting for the editors show nowhere public.
        K::ArticleCreated | K::CommentCreated => {}
        // Editors may send back what was public, so its item is purged; nothing else.
        K::ArticleSubmitted => {
            tags.insert(CacheTag::article(article));
        }
        // Sitemaps show titles and when each article last changed; a correction
        // shows with the article and moves its `updatedAt`.
        K::ArticleUpdated | K::ArticleCorrected => {
            tags.insert(CacheTag::article(article))
                .insert(CacheTag::sitemap())
                .extend(region);
        }
        // Joining public view, or leaving it (a published article moved to a future
        // moment leaves it too): the lists, feeds and sitemaps it joins or leaves.
        K::ArticlePublished
        | K::ArticleUnpublished
        | K::ArticleArchived
        | K::ArticleDeleted
        | K::ArticleRetracted
        | K::ArticleScheduled => {
            tags.insert(CacheTag::article(article))
                .insert(CacheTag::comments_of(article))
                .insert(CacheTag::article_list())
                .insert(CacheTag::sitemap())
                .extend(region)
                .extend(changed.lang.map(CacheTag::feed));
        }
        K::ArticleSlugChanged => {
            tags.insert(CacheTag::article(article))
                .insert(CacheTag::sitemap());
        }
        K::CommentApproved | K::CommentRejected | K::CommentEdited | K::CommentDeleted => {
            tags.insert(CacheTag::comment(changed.entity_id))
                .extend(changed.article_id.map(CacheTag::comments_of));
        }
        K::MeetingChanged => {
            tags.insert(CacheTag::meeting(changed.entity_id))
                .insert(CacheTag::meeting_list());
        }
        K::ParticipantChanged => {
            tags.insert(CacheTag::participant(changed.entity_id))
                .insert(CacheTag::participant_list());
        }
        K::OrganizationChanged => {
            tags.insert(CacheTag::organization(changed.entity_id))
                .insert(CacheTag::organization_list());
        }
        K::TagChanged => {
            tags.insert(CacheTag::tag(changed.entity_id))
                .insert(CacheTag::tag_list());
        }
        K::RegionChanged => {
            tags.insert(CacheTag::region_list()).extend(region);
        }
        K::UserRoleChanged | K::UserDisabled => {
            tags.insert(CacheTag::user(changed.entity_id));
        }
        // Nothing public shows keys or trusted documents.
        K::ApiKeyRevoked | K::TrustedDocumentsChanged => {}
    }
    if !tags.is_empty() {
        tags.insert(CacheTag::unnamed());
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed(kind: ChangeKind, id: Uuid) -> Changed<'static> {
        Changed {
            kind,
            entity_id: id,
            article_id: Some(id),
            region_code: Some("kz-43"),
            lang: Some(Language::Ru),
        }
    }

    #[test]
    fn short_ids_are_eight_characters_and_stable() {
        let id = Uuid::now_v7();
        assert_eq!(short_id(id).len(), 8);
        assert_eq!(short_id(id), short_id(id));
        assert_ne!(short_id(id), short_id(Uuid::now_v7()));
    }

    #[test]
    fn a_publication_purges_the_lists_it_joins() {
        let id = Uuid::now_v7();
        let tags = purge_tags(&changed(ChangeKind::ArticlePublished, id));
        for tag in [
            CacheTag::article(id),
            CacheTag::article_list(),
            CacheTag::region("KZ-43"),
            CacheTag::feed(Language::Ru),
            CacheTag::sitemap(),
            CacheTag::unnamed(),
        ] {
            assert!(tags.contains(&tag), "{tag:?} in {tags:?}");
        }
    }

    #[test]
    fn an_edit_purges_the_article_not_every_list() {
        let id = Uuid::now_v7();
        let tags = purge_tags(&changed(ChangeKind::ArticleUpdated, id));
        assert!(tags.contains(&CacheTag::article(id)));
        assert!(!tags.contains(&CacheTag::article_list()));
        assert!(purge_tags(&changed(ChangeKind::ApiKeyRevoked, id)).is_empty());
    }

    #[test]
    fn a_retraction_purges_what_a_publication_does_and_a_correction_the_article() {
        let id = Uuid::now_v7();
        let retracted = purge_tags(&changed(ChangeKind::ArticleRetracted, id));
        assert_eq!(
            retracted,
            purge_tags(&changed(ChangeKind::ArticlePublished, id))
        );
        let corrected = purge_tags(&changed(ChangeKind::ArticleCorrected, id));
        assert!(corrected.contains(&CacheTag::article(id)));
        assert!(!corrected.contains(&CacheTag::article_list()));
    }

    #[test]
    fn headers_and_chunks_separate_tags() {
        let tags: TagSet = [CacheTag::sitemap(), CacheTag::article_list()]
            .into_iter()
            .collect();
        assert_eq!(tags.cache_tag_header(), "list:articles,sitemap");
        assert_eq!(tags.surrogate_key_header(), "list:articles sitemap");
        assert_eq!(tags.chunks(15), vec!["list:articles", "sitemap"]);
    }
}
