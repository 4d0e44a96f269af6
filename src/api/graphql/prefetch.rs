//! Look-ahead loading for a page of articles, or one article.
//!
//! When a page of articles is built, the relations the query selects are loaded
//! ahead, all at once, into the request's loader cache; the fields then resolve from
//! the cache. What is shown beside each article (tags, people, quotes and their
//! speakers, comment count, author, meeting) is one read (`store::relations`: one
//! statement on PostgreSQL), handed to each relation's loader. Batches therefore do not depend on how long it
//! takes to walk a large page (a loader batches what arrives within a millisecond),
//! and every relation starts loading at the same moment instead of level by level.

use std::collections::HashSet;

use async_graphql::{Context, Lookahead, Value, futures_util::future::BoxFuture};
use futures_util::{FutureExt, future::try_join_all};
use uuid::Uuid;

use super::context::ContextExt;
use crate::{
    entity::article,
    store::{
        articles::Columns,
        loaders::{self, LoadError, RegionById, RelatedOf, TranslationsOf},
        related::RelatedSource,
        relations::Wanted,
    },
};

type Load<'a> = BoxFuture<'a, Result<(), LoadError>>;

/// Loads what the selection under the current connection field asks of `articles`.
pub async fn articles(ctx: &Context<'_>, articles: &[article::Model]) -> async_graphql::Result<()> {
    let look = ctx.look_ahead();
    let nodes = [look.field("edges").field("node"), look.field("nodes")];
    load(ctx, &nodes, articles).await
}

/// Which columns the page under the current connection field needs: the body only
/// when a node shows it.
pub fn article_columns(ctx: &Context<'_>) -> Columns {
    let look = ctx.look_ahead();
    let shows_text = [look.field("edges").field("node"), look.field("nodes")]
        .iter()
        .any(|n| n.field("body").exists() || n.field("bodyText").exists());
    if shows_text {
        Columns::All
    } else {
        Columns::WithoutBody
    }
}

/// Loads what the current field's own selection asks of `article` (a field that
/// returns one article).
pub async fn article(ctx: &Context<'_>, article: &article::Model) -> async_graphql::Result<()> {
    load(ctx, &[ctx.look_ahead()], std::slice::from_ref(article)).await
}

/// Loads the relations `nodes` (the selections on an article) ask of `articles`:
/// those shown beside every article in one read, the rest each in its batch, all
/// at once.
async fn load(
    ctx: &Context<'_>,
    nodes: &[Lookahead<'_>],
    articles: &[article::Model],
) -> async_graphql::Result<()> {
    if articles.is_empty() {
        return Ok(());
    }
    let wants = |field: &str| nodes.iter().any(|n| n.field(field).exists());
    let loaders = ctx.loaders();

    let mut loads: Vec<Load<'_>> = Vec::new();
    if wants("region") {
        // Held in memory: no statement.
        let keys: HashSet<Uuid> = articles.iter().filter_map(|a| a.region_id).collect();
        loads.push(
            loaders
                .load_many(keys.into_iter().map(RegionById))
                .map(|r| r.map(drop))
                .boxed(),
        );
    }
    let wanted = Wanted {
        tags: wants("tags"),
        participants: wants("participants"),
        quotes: wants("quotes"),
        speakers: nodes
            .iter()
            .any(|n| n.field("quotes").field("participant").exists()),
        comment_count: wants("commentCount"),
        author: wants("author"),
        meeting: wants("meeting"),
    };
    if wanted.any() {
        loads.push(loaders::prime(loaders, articles, wanted).boxed());
    }
    if wants("translations") {
        let keys = articles
            .iter()
            .map(|a| TranslationsOf(a.translation_group_id));
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    for limit in related_limits(nodes) {
        let keys = articles.iter().map(move |a| RelatedOf {
            source: RelatedSource::of(a),
            limit,
        });
        loads.push(loaders.load_many(keys).map(|r| r.map(drop)).boxed());
    }
    try_join_all(loads).await?;
    Ok(())
}

/// The `first` of each `related` selection (bad values are left for the field
/// itself to refuse).
fn related_limits(nodes: &[Lookahead<'_>]) -> HashSet<u64> {
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
