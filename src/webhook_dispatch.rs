//! What webhooks and WebSub hubs are told of each change: the dispatcher reads the
//! record of changes from the fan-out cursor ([`webhooks::fanout`]), renders each
//! change's messages (the public object as the REST API shows it) and queues them,
//! once for the whole cluster. It sits above the API because it renders with the
//! REST API's own types.
//!
//! The events are [`WebhookEvent`]s; [`events_of`] says which a change makes, and
//! [`data_of`] what a message of it carries. Adding an event is a variant there and
//! an arm in each.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::{sync::broadcast::error::RecvError, task::JoinHandle};
use uuid::Uuid;

use crate::{
    api::{
        feeds::items::{FILES, self_url},
        rest::{
            article_dto::CorrectionDto,
            articles::summaries,
            comments::{Comment, CommentReply},
            meetings, organizations,
        },
    },
    domain::{ArticleStatus, ChangeKind, EndpointKind, Language, WebhookEvent},
    entity::organization,
    error::{AppError, AppResult},
    presentation::pictures::Photos,
    purge,
    state::AppState,
    store::{
        self,
        articles::{Access, ArticleScope},
        changes::Change,
        comments::CommentAccess,
        webhooks::Endpoint,
    },
    webhooks::fanout::{self, Message, WEBSUB_PUBLISH},
};

/// How many changes one transaction of the fan-out takes.
const BATCH: u64 = 100;

/// How often the dispatcher looks without being woken (on the service's clock).
const POLL: chrono::Duration = chrono::Duration::seconds(5);

/// A message body, as Standard Webhooks shapes it.
#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    timestamp: String,
    data: Value,
}

/// Starts this instance's dispatcher, until the returned task is aborted. The hubs
/// of `WEBSUB_HUBS` are saved first.
pub async fn start(state: AppState) -> JoinHandle<()> {
    let mut changes = state.bus.subscribe();
    let hubs = match fanout::ensure_hubs(
        state.conn(),
        &state.config.webhooks.websub_hubs,
        state.clock.now(),
    )
    .await
    {
        Ok(ids) => ids.into_iter().collect(),
        Err(err) => {
            tracing::warn!(error = ?err, "the WebSub hubs could not be saved; none is pinged");
            HashSet::new()
        }
    };
    // The first run before the service answers: it never lands in a request's work.
    dispatch_logged(&state, &hubs).await;
    tokio::spawn(async move {
        loop {
            let clock = state.clock.clone();
            tokio::select! {
                changed = changes.recv() => {
                    if matches!(changed, Err(RecvError::Closed)) {
                        return;
                    }
                }
                () = clock.sleep_until(clock.now() + POLL) => {}
            }
            dispatch_logged(&state, &hubs).await;
        }
    })
}

/// [`dispatch`], its failure logged (the next wake tries again).
async fn dispatch_logged(state: &AppState, hubs: &HashSet<Uuid>) {
    if let Err(err) = dispatch(state, hubs).await {
        tracing::warn!(error = ?err, "changes could not be dispatched to webhooks; retrying");
    }
}

/// Queues the messages of every change after the cursor.
pub async fn dispatch(state: &AppState, hubs: &HashSet<Uuid>) -> AppResult<()> {
    loop {
        let pending = fanout::pending(state.conn(), BATCH).await?;
        let Some(to) = pending.changes.last().map(|c| c.seq) else {
            return Ok(());
        };
        let mut messages = Vec::new();
        for change in &pending.changes {
            messages.extend(render(state, change, &pending.endpoints, hubs).await?);
        }
        let queued = !messages.is_empty();
        let moved =
            fanout::enqueue(state.conn(), pending.from, to, messages, state.clock.now()).await?;
        if moved && queued {
            state.webhooks.queued.notify_one();
        }
    }
}

/// The messages `change` makes for `endpoints`: for each webhook subscribed to an
/// event it makes, and a ping of each feed it altered for each configured hub.
async fn render(
    state: &AppState,
    change: &Change,
    endpoints: &[Endpoint],
    hubs: &HashSet<Uuid>,
) -> AppResult<Vec<Message>> {
    let mut messages = Vec::new();
    for event in events_of(change.kind) {
        let subscribed: Vec<&Endpoint> = endpoints
            .iter()
            .filter(|e| fanout::wants(e, event, change.committed_at))
            .collect();
        if subscribed.is_empty() {
            continue;
        }
        let Some(data) = data_of(state, event, change).await? else {
            continue;
        };
        let body = serde_json::to_string(&Body {
            kind: event.wire_name(),
            timestamp: timestamp(change.committed_at),
            data,
        })
        .map_err(|e| AppError::Internal(format!("a webhook body: {e}")))?;
        messages.extend(subscribed.into_iter().map(|endpoint| Message {
            endpoint_id: endpoint.id,
            change_seq: change.seq,
            topic: String::new(),
            event: event.wire_name().to_owned(),
            body: body.clone(),
        }));
    }
    let hub_endpoints: Vec<&Endpoint> = endpoints
        .iter()
        .filter(|e| e.kind == EndpointKind::WebsubHub && hubs.contains(&e.id))
        .collect();
    if !hub_endpoints.is_empty() {
        for topic in feeds_altered(state, change).await? {
            messages.extend(hub_endpoints.iter().map(|hub| Message {
                endpoint_id: hub.id,
                change_seq: change.seq,
                topic: topic.clone(),
                event: WEBSUB_PUBLISH.to_owned(),
                body: fanout::websub_ping(&topic),
            }));
        }
    }
    Ok(messages)
}

/// The events a change of `kind` may make (whether it does depends on what the
/// public sees now: see [`data_of`]).
pub fn events_of(kind: ChangeKind) -> Vec<WebhookEvent> {
    // Whether a change purges anything is the purge rules' to say (`data_of`).
    let mut events = own_events(kind);
    events.push(WebhookEvent::CachePurge);
    events
}

fn own_events(kind: ChangeKind) -> Vec<WebhookEvent> {
    match kind {
        ChangeKind::ArticlePublished => vec![WebhookEvent::ArticlePublished],
        ChangeKind::ArticleUpdated | ChangeKind::ArticleSlugChanged => {
            vec![WebhookEvent::ArticleUpdated]
        }
        ChangeKind::ArticleUnpublished | ChangeKind::ArticleArchived => {
            vec![WebhookEvent::ArticleUnpublished]
        }
        ChangeKind::ArticleDeleted => vec![WebhookEvent::ArticleDeleted],
        ChangeKind::CommentApproved => vec![WebhookEvent::CommentApproved],
        ChangeKind::MeetingChanged => vec![WebhookEvent::MeetingChanged],
        ChangeKind::OrganizationChanged => vec![WebhookEvent::OrganizationChanged],
        ChangeKind::ArticleCorrected => vec![WebhookEvent::ArticleCorrected],
        ChangeKind::ArticleRetracted => vec![WebhookEvent::ArticleRetracted],
        _ => Vec::new(),
    }
}

/// What a message of `event` says of `change`, read as the public sees it now;
/// `None` when there is nothing public to tell (a draft edited, an article taken
/// back before this was read, a comment rejected since).
async fn data_of(
    state: &AppState,
    event: WebhookEvent,
    change: &Change,
) -> AppResult<Option<Value>> {
    let db = state.conn();
    let now = state.clock.now();
    let public = ArticleScope::public(now);
    let id = change.entity_id;
    Ok(match event {
        WebhookEvent::CachePurge => {
            let tags = purge::tags_for(db, &state.regions, change).await?;
            (!tags.is_empty())
                .then(|| json!({ "tags": tags.iter().map(|t| t.as_str()).collect::<Vec<_>>() }))
        }
        WebhookEvent::ArticlePublished | WebhookEvent::ArticleUpdated => {
            match store::articles::find(db, &public, id).await? {
                Some(article) => {
                    let summary = summaries(state, std::slice::from_ref(&article)).await?;
                    summary.into_iter().next().map(to_value).transpose()?
                }
                None => None,
            }
        }
        WebhookEvent::ArticleUnpublished => {
            // The id and slug only: what it was is no longer the public's.
            let any = ArticleScope {
                access: Access::All,
                now,
                notices: false,
            };
            match store::articles::find(db, &any, id).await? {
                // Public again since: its next change tells.
                Some(article) if public.allows(&article) => None,
                Some(article) => Some(json!({"id": article.id, "slug": article.slug})),
                None => Some(json!({"id": id})),
            }
        }
        WebhookEvent::ArticleDeleted => Some(json!({"id": id})),
        WebhookEvent::ArticleCorrected => match store::articles::find(db, &public, id).await? {
            Some(article) => {
                let summary = summaries(state, std::slice::from_ref(&article)).await?;
                let corrections = store::corrections::by_articles(db, &[id]).await?;
                summary
                    .into_iter()
                    .next()
                    .map(|s| -> AppResult<Value> {
                        let mut value = to_value(s)?;
                        value["corrections"] = to_value(
                            corrections
                                .iter()
                                .map(CorrectionDto::from)
                                .collect::<Vec<_>>(),
                        )?;
                        Ok(value)
                    })
                    .transpose()?
            }
            None => None,
        },
        WebhookEvent::ArticleRetracted => {
            let notices = ArticleScope::public(now).with_notices();
            match store::articles::find(db, &notices, id).await? {
                Some(article) if article.status == ArticleStatus::Retracted => {
                    match store::corrections::retraction(db, id).await? {
                        Some(notice) => Some(json!({
                            "id": article.id,
                            "slug": article.slug,
                            "title": article.title,
                            "reason": notice.reason,
                            "retractedAt": notice.retracted_at,
                        })),
                        None => None,
                    }
                }
                _ => None,
            }
        }
        WebhookEvent::CommentApproved => {
            let found = store::comments::by_ids(db, CommentAccess::Public, &public, &[id]).await?;
            match found.into_iter().next() {
                Some(c) => {
                    let article_id = c.article_id;
                    let mut value = match c.parent_id {
                        Some(parent_id) => to_value(CommentReply::of(c, parent_id))?,
                        None => to_value(Comment::of(c, Vec::new()))?,
                    };
                    value["articleId"] = json!(article_id);
                    Some(value)
                }
                None => None,
            }
        }
        WebhookEvent::MeetingChanged => match store::meetings::find(db, id).await? {
            Some(meeting) => {
                let urls = state.file_urls();
                let (regions, photos) = tokio::try_join!(
                    store::regions::keyed_by_id(db, [meeting.region_id]),
                    Photos::load(db, &urls, [meeting.photo_media_id]),
                )?;
                Some(to_value(meetings::summary(
                    &meeting,
                    &regions,
                    &photos,
                    Language::Ru,
                ))?)
            }
            None => Some(json!({"id": id})),
        },
        WebhookEvent::OrganizationChanged => match store::organizations::find(db, id).await? {
            Some(org) => {
                let regions = store::regions::keyed_by_id(db, org.region_id).await?;
                let parents: HashMap<Uuid, organization::Model> = match org.parent_id {
                    Some(parent) => store::organizations::by_ids(db, &[parent])
                        .await?
                        .into_iter()
                        .map(|p| (p.id, p))
                        .collect(),
                    None => HashMap::new(),
                };
                Some(to_value(organizations::dto(
                    &org,
                    &regions,
                    &parents,
                    Language::Ru,
                ))?)
            }
            None => Some(json!({"id": id})),
        },
    })
}

fn to_value(value: impl Serialize) -> AppResult<Value> {
    serde_json::to_value(value).map_err(|e| AppError::Internal(format!("a webhook body: {e}")))
}

/// The feeds `change` altered, by their own addresses: the portal's and its
/// region's, in the article's language, in every format. An edit of an article the
/// public does not see alters none.
async fn feeds_altered(state: &AppState, change: &Change) -> AppResult<Vec<String>> {
    let (Some(lang), Some(article_id)) = (change.lang, change.article_id) else {
        return Ok(Vec::new());
    };
    let now = state.clock.now();
    match change.kind {
        ChangeKind::ArticlePublished
        | ChangeKind::ArticleUnpublished
        | ChangeKind::ArticleArchived
        | ChangeKind::ArticleRetracted
        | ChangeKind::ArticleDeleted => {}
        ChangeKind::ArticleUpdated
        | ChangeKind::ArticleSlugChanged
        | ChangeKind::ArticleCorrected => {
            let public = ArticleScope::public(now);
            if store::articles::find(state.conn(), &public, article_id)
                .await?
                .is_none()
            {
                return Ok(Vec::new());
            }
        }
        _ => return Ok(Vec::new()),
    }
    let region = match change.region_id {
        Some(id) => store::regions::by_ids(state.conn(), &[id])
            .await?
            .into_iter()
            .next(),
        None => None,
    };
    let base = &state.config.public_base_url;
    let mut topics = Vec::new();
    for file in FILES {
        topics.push(self_url(base, None, file, lang));
        if let Some(region) = &region {
            topics.push(self_url(base, Some(&region.slug), file, lang));
        }
    }
    Ok(topics)
}

/// A moment as message bodies say it.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}
