//! The cache tags of a GraphQL GET answer
//! ([`domain::cache_tags`](crate::domain::cache_tags)).
//!
//! A query can reach any object through any path (`node(id:)`, a meeting's
//! articles, an article's related ones), so tags are not collected resolver by
//! resolver: they are read from the answer itself. Every global id in it names a
//! type and a UUID ([`global_id`]), which is the object's tag; Relay and Apollo
//! clients ask for `id` on every object to normalise their caches, so well-behaved
//! queries are tagged exactly, whatever their aliases. Three things the answer does
//! not say are noted while it is resolved ([`CacheTagging`]):
//! - which lists it holds (a connection of articles, the tags...): a new item joins
//!   them, so they carry the list's tag;
//! - whether some object came without its id: such an answer carries `any`, which
//!   every change purges, rather than being kept stale;
//! - which article's comments it shows: `Article.comments` and `commentCount` add
//!   the article's `c:` tag ([`note_comments_of`]).
//!
//! The cost is a walk over the answer's strings, for anonymous GETs only (the rest
//! is never cached, and the collector is not attached to them).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use async_graphql::{
    Context, ServerResult, Value,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextResolve, ResolveInfo},
};
use uuid::Uuid;

use crate::{
    domain::{
        cache_tags::{CacheTag, TagSet},
        global_id::{self, NodeKind},
    },
    entity::region,
};

/// What the resolvers of one GET noted; attached to the request as data.
#[derive(Clone, Default)]
pub struct TagCollector(Arc<Mutex<TagSet>>);

impl TagCollector {
    fn add(&self, tags: impl IntoIterator<Item = CacheTag>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(tags);
    }

    /// The tags of `data`, the answer, with what was noted while it was resolved;
    /// and the regions it names, whose tags (by code) the caller adds with
    /// [`region_tags`] (only then are the regions read).
    pub fn finish(&self, data: &Value) -> (TagSet, Vec<Uuid>) {
        let mut tags = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let mut regions = Vec::new();
        walk(data, &mut |kind, id| {
            let tag = match kind {
                NodeKind::Article => CacheTag::article(id),
                NodeKind::Comment => CacheTag::comment(id),
                NodeKind::Meeting => CacheTag::meeting(id),
                NodeKind::Participant => CacheTag::participant(id),
                NodeKind::Organization => CacheTag::organization(id),
                NodeKind::Tag => CacheTag::tag(id),
                NodeKind::User => CacheTag::user(id),
                NodeKind::Region => {
                    regions.push(id);
                    return;
                }
                // Quotes change with their article, which names them; keys and
                // webhooks and preview links are never public.
                NodeKind::Quote
                | NodeKind::ApiKey
                | NodeKind::Webhook
                | NodeKind::WebhookDelivery
                | NodeKind::PreviewLink
                | NodeKind::Image
                | NodeKind::Position => return,
            };
            tags.insert(tag);
        });
        (tags, regions)
    }
}

/// The tags of the regions with these ids, named by code from `all` (every region).
pub fn region_tags(ids: &[Uuid], all: &HashMap<Uuid, region::Model>) -> TagSet {
    ids.iter()
        .filter_map(|id| all.get(id))
        .map(|region| CacheTag::region(&region.code))
        .collect()
}

/// Notes that an answer shows the public comments of `article` (their list or their
/// count), when the request is being tagged.
pub fn note_comments_of(ctx: &Context<'_>, article: Uuid) {
    if let Some(collector) = ctx.data_opt::<TagCollector>() {
        collector.add([CacheTag::comments_of(article)]);
    }
}

/// Calls `found` for every global id among the strings of `value`.
fn walk(value: &Value, found: &mut impl FnMut(NodeKind, Uuid)) {
    match value {
        Value::String(text) => {
            if let Some((kind, id)) = as_global_id(text) {
                found(kind, id);
            }
        }
        Value::List(items) => items.iter().for_each(|item| walk(item, found)),
        Value::Object(fields) => fields.values().for_each(|field| walk(field, found)),
        _ => {}
    }
}

/// A global id is base64 of `Type:uuid`: 56 to 68 characters of base64url. Other
/// strings (titles, bodies) are passed over without decoding.
fn as_global_id(text: &str) -> Option<(NodeKind, Uuid)> {
    let plausible = (50..=70).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plausible.then(|| global_id::decode(text)).flatten()
}

/// The schema's object types that have ids, and the abstract types over them.
const NAMED_TYPES: [&str; 9] = [
    "Article",
    "Comment",
    "Meeting",
    "Participant",
    "Organization",
    "Tag",
    "Region",
    "User",
    "Node",
];

/// The list tags of a field returning `named` (its type without `[]` and `!`). A
/// plain list below the root (an article's tags or people) belongs to its parent,
/// which an edit purges; related articles, though, change as articles are published.
fn list_tags(named: &str, is_list: bool, at_root: bool) -> &'static [fn() -> CacheTag] {
    match (named, is_list && at_root) {
        ("ArticleConnection", _) => &[CacheTag::article_list],
        ("Article", _) if is_list => &[CacheTag::article_list],
        ("SearchConnection", _) => &[
            CacheTag::article_list,
            CacheTag::meeting_list,
            CacheTag::participant_list,
        ],
        ("MeetingConnection", _) | ("Meeting", true) => &[CacheTag::meeting_list],
        ("ParticipantConnection", _) | ("Participant", true) => &[CacheTag::participant_list],
        ("OrganizationConnection", _) | ("Organization", true) => &[CacheTag::organization_list],
        ("Tag", true) => &[CacheTag::tag_list],
        ("Region", true) => &[CacheTag::region_list],
        _ => &[],
    }
}

/// Whether `value` (one object, or a list of them at any depth) names itself by a
/// global id among its own fields: an object whose id was not asked for cannot be
/// purged by name.
fn all_named(value: &Value) -> bool {
    match value {
        Value::Object(fields) => fields
            .values()
            .any(|field| matches!(field, Value::String(s) if as_global_id(s).is_some())),
        Value::List(items) => items.iter().all(all_named),
        _ => true,
    }
}

/// The schema extension that notes, for a request carrying a [`TagCollector`],
/// the lists an answer holds and whether it has unnamed objects.
pub struct CacheTagging;

impl ExtensionFactory for CacheTagging {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(CacheTagging)
    }
}

#[async_graphql::async_trait::async_trait]
impl Extension for CacheTagging {
    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        let collector = ctx.data_opt::<TagCollector>().cloned();
        let return_type = info.return_type;
        let at_root = info.path_node.parent.is_none();
        let introspection = info.is_for_introspection;
        let value = next.run(ctx, info).await?;
        if let (Some(collector), false) = (collector, introspection) {
            let is_list = return_type.starts_with('[');
            let named = return_type.trim_matches(|c| matches!(c, '[' | ']' | '!'));
            collector.add(list_tags(named, is_list, at_root).iter().map(|tag| tag()));
            let tracked = NAMED_TYPES.contains(&named) || named == "SearchResult";
            if tracked && value.as_ref().is_some_and(|v| !all_named(v)) {
                collector.add([CacheTag::unnamed()]);
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_without_their_id_are_unnamed() {
        let id = global_id::encode(NodeKind::Article, Uuid::now_v7());
        let named = Value::from_json(serde_json::json!([{ "key": id, "title": "x" }])).unwrap();
        let unnamed = Value::from_json(serde_json::json!([{ "title": "x" }])).unwrap();
        assert!(all_named(&named));
        assert!(!all_named(&unnamed));
    }
}
