//! Look-ahead loading for a page of articles.
//!
//! When a page of articles is built, the relations the query selects are loaded with
//! one `load_many` per relation, all at once, into the request's loader cache; the
//! fields then resolve from the cache. Batches therefore do not depend on how long it
//! takes to walk a large page (a loader batches what arrives within a millisecond),
//! and every relation starts loading at the same moment instead of level by level.

use std::collections::HashSet;

use async_graphql::{Context, Value, futures_util::future::BoxFuture};
use futures_util::{FutureExt, future::try_join_all};
use uuid::Uuid;

use super::context::ContextExt;
use crate::store::loaders::{
    CommentCountOf, LoadError, MeetingById, ParticipantById, ParticipantsOf, QuotesOf, RegionById,
    RelatedOf, TagsOf, TranslationsOf, UserById,
};
use crate::{entity::article, store::related::RelatedSource};

type Load<'a> = BoxFuture<'a, Result<(), LoadError>>;

/// Loads what the selection under the current connection field asks of `articles`.
pub async fn articles(ctx: &Context<'_>, articles: &[article::Model]) -> async_graphql::Result<()> {
    if articles.is_empty() {
        return Ok(());
    }
    let look = ctx.look_ahead();
    let nodes = [look.field("edges").field("node"), look.field("nodes")];
    let wants = |field: &str| nodes.iter().any(|n| n.field(field).exists());
    let loaders = ctx.loaders();
    let ids = || articles.iter().map(|a| a.id);
    let distinct = |f: fn(&article::Model) -> Option<Uuid>| -> HashSet<Uuid> {
        articles.iter().filter_map(f).collect()
    };

    let mut loads: Vec<Load<'_>> = Vec::new();
    if wants("region") {
        let keys = distinct(|a| a.region_id).into_iter().map(RegionById);
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    if wants("author") {
        let keys = distinct(|a| a.author_id).into_iter().map(UserById);
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    if wants("meeting") {
        let keys = distinct(|a| a.meeting_id).into_iter().map(MeetingById);
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    if wants("tags") {
        loads.push(
            loaders
                .load_many(ids().map(TagsOf))
                .map(|r| r.map(drop))
                .boxed(),
        );
    }
    if wants("participants") {
        loads.push(
            loaders
                .load_many(ids().map(ParticipantsOf))
                .map(|r| r.map(drop))
                .boxed(),
        );
    }
    if wants("commentCount") {
        loads.push(
            loaders
                .load_many(ids().map(CommentCountOf))
                .map(|r| r.map(drop))
                .boxed(),
        );
    }
    if wants("translations") {
        let keys = articles
            .iter()
            .map(|a| TranslationsOf(a.translation_group_id));
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    for limit in related_limits(&nodes) {
        let keys = articles.iter().map(move |a| RelatedOf {
            source: RelatedSource::of(a),
            limit,
        });
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    let quotes = async {
        if !wants("quotes") {
            return Ok(());
        }
        let quotes = loaders.load_many(ids().map(QuotesOf)).await?;
        let speakers = nodes
            .iter()
            .any(|n| n.field("quotes").field("participant").exists());
        if speakers {
            let people: HashSet<Uuid> = quotes
                .values()
                .flatten()
                .filter_map(|q| q.participant_id)
                .collect();
            loaders
                .load_many(people.into_iter().map(ParticipantById))
                .await?;
        }
        Ok(())
    };
    loads.push(quotes.boxed());
    try_join_all(loads).await?;
    Ok(())
}

/// The `first` of each `related` selection (bad values are left for the field
/// itself to refuse).
fn related_limits(nodes: &[async_graphql::Lookahead<'_>]) -> HashSet<u64> {
    nodes
        .iter()
        .flat_map(|n| n.field("related").selection_fields())
        .filter_map(|field| {
            let arguments = field.arguments().ok()?;
            let first = arguments.iter().find(|(name, _)| name.as_str() == "first");
            match first.map(|(_, value)| value) {
                None => super::article::related_limit(None),
                Some(Value::Number(n)) => {
                    super::article::related_limit(Some(i32::try_from(n.as_i64()?).ok()?))
                }
                Some(_) => None,
            }
        })
        .collect()
}
