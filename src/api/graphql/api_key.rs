//! Partners' API keys, for administrators: issued, listed, revoked.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::{
    context::ContextExt,
    ids::{self, NodeKind},
};
use crate::{
    auth::api_keys::{self, ApiKeyCache, NewApiKey},
    entity::api_key,
};

/// A partner's API key as administrators see it: never the key itself.
pub struct ApiKey(pub api_key::Model);

/// A partner's API key. Requests that send it (`X-Api-Key: <key>` or
/// `Authorization: ApiKey <key>`) are counted against its own quota instead of
/// their address's, and read what anonymous requests read.
#[Object]
impl ApiKey {
    /// Global id of the key, for `revokeApiKey`.
    async fn id(&self) -> ID {
        ids::encode(NodeKind::ApiKey, self.0.id)
    }

    /// Who the key is for.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The first characters of the key (`pk_` and 8 more), to tell keys apart.
    async fn prefix(&self) -> &str {
        &self.0.prefix
    }

    /// Requests the key may make in a minute, on each instance.
    async fn requests_per_minute(&self) -> i32 {
        self.0.requests_per_minute
    }

    /// When the key was issued.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When the key was revoked; null while it works.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
}

/// A key to issue.
#[derive(InputObject)]
pub struct CreateApiKeyInput {
    /// Who the key is for: 1 to 100 characters.
    pub name: String,
    /// Requests the key may make in a minute, from 1 to 60000.
    pub requests_per_minute: i32,
}

/// A key just issued.
#[derive(SimpleObject)]
pub struct CreateApiKeyPayload {
    /// The whole key. It is shown this once: only its hash is kept.
    pub key: String,
    /// What is kept about it.
    pub api_key: ApiKey,
}

/// A revoked key.
#[derive(SimpleObject)]
pub struct RevokeApiKeyPayload {
    /// The key, with the moment it was revoked.
    pub api_key: ApiKey,
}

/// Root fields for API keys.
#[derive(Default)]
pub struct ApiKeyQuery;

#[Object]
impl ApiKeyQuery {
    /// Every API key, revoked ones too, newest first (ADMIN only).
    async fn api_keys(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApiKey>> {
        let keys = api_keys::list(ctx.db(), ctx.viewer()).await?;
        Ok(keys.into_iter().map(ApiKey).collect())
    }
}

/// Mutations for API keys.
#[derive(Default)]
pub struct ApiKeyMutation;

#[Object]
impl ApiKeyMutation {
    /// Issues an API key for a partner (ADMIN only). The answer is the only place
    /// the key is ever shown.
    async fn create_api_key(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Who the key is for and its quota.")] input: CreateApiKeyInput,
    ) -> async_graphql::Result<CreateApiKeyPayload> {
        let input = NewApiKey {
            name: input.name,
            requests_per_minute: input.requests_per_minute,
        };
        let issued = api_keys::create(ctx.db(), ctx.viewer(), input, ctx.now()).await?;
        Ok(CreateApiKeyPayload {
            key: issued.key,
            api_key: ApiKey(issued.record),
        })
    }

    /// Revokes an API key (ADMIN only): requests with it are refused with
    /// UNAUTHENTICATED on every instance within a moment. Revoking twice is harmless.
    async fn revoke_api_key(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the key (an `ApiKey`).")] id: ID,
    ) -> async_graphql::Result<RevokeApiKeyPayload> {
        let id = ids::decode_as(&id, NodeKind::ApiKey, "id")?;
        let cache = ctx.data_unchecked::<ApiKeyCache>();
        let key = api_keys::revoke(ctx.db(), ctx.viewer(), cache, id, ctx.now()).await?;
        Ok(RevokeApiKeyPayload {
            api_key: ApiKey(key),
        })
    }
}
