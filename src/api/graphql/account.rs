//! Signing in and out, the viewer, and managing accounts.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Duration, Utc};

use super::{
    context::ContextExt,
    ids::{self, NodeKind},
    user::User,
};
use crate::{
    auth::{
        accounts,
        attempts::Budget,
        keys::KeySet,
        login, password,
        permissions::{Action, authorize},
        refresh, tokens,
        viewer::{self, Viewer},
    },
    domain::Role,
    entity::user,
    error::{AppError, AppResult},
    store,
};

/// The key client addresses are hashed with (see `Config::address_hash_key`).
pub struct AddressKey(pub Vec<u8>);

/// Shortest password accepted.
const MIN_PASSWORD: usize = 8;
/// Longest password accepted (hashing cost grows with it).
const MAX_PASSWORD: usize = 256;
/// Accounts one address may register per hour.
const REGISTRATIONS_PER_HOUR: u64 = 5;

/// Tokens for a signed-in user.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Send as `Authorization: Bearer <accessToken>`; valid for 15 minutes.
    pub access_token: String,
    /// Trade for new tokens with `refreshToken`; each one works once.
    pub refresh_token: String,
    /// When the access token expires.
    pub expires_at: DateTime<Utc>,
    /// Who signed in.
    pub user: User,
}

/// The outcome of `logout`.
#[derive(SimpleObject)]
pub struct LogoutPayload {
    /// Always true: signing out twice is harmless. A token the service never issued
    /// (or has forgotten) is an UNAUTHENTICATED error instead.
    pub ok: bool,
}

/// A changed account.
#[derive(SimpleObject)]
pub struct UserPayload {
    /// The account as saved (its public profile).
    pub user: User,
}

/// A new account, created by an administrator.
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Sign-in email, unique without regard to case.
    pub email: String,
    /// 8 to 256 characters.
    pub password: String,
    /// Name shown publicly.
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
}

/// A reader signing up.
#[derive(InputObject)]
pub struct RegisterInput {
    /// Sign-in email, unique without regard to case.
    pub email: String,
    /// 8 to 256 characters.
    pub password: String,
    /// Name shown publicly.
    pub display_name: String,
}

fn check_password(field: &str, password: &str) -> AppResult<()> {
    let length = password.chars().count();
    if (MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
        Ok(())
    } else {
        Err(AppError::bad_input(
            field,
            format!("{MIN_PASSWORD} to {MAX_PASSWORD} characters"),
        ))
    }
}

async fn sign_in(
    ctx: &Context<'_>,
    account: user::Model,
    refresh: refresh::RefreshToken,
) -> AppResult<AuthPayload> {
    let keys = ctx.data_unchecked::<KeySet>();
    let access = tokens::issue(keys, account.id, account.role, ctx.now())?;
    Ok(AuthPayload {
        access_token: access.token,
        refresh_token: refresh.token,
        expires_at: access.expires_at,
        user: User(account),
    })
}

fn client_hash(ctx: &Context<'_>) -> String {
    let key = ctx.data_unchecked::<AddressKey>();
    login::client_hash(ctx.request().client, &key.0)
}

async fn create_account(
    ctx: &Context<'_>,
    email: &str,
    password: &str,
    display_name: &str,
    role: Role,
) -> AppResult<user::Model> {
    check_password("input.password", password)?;
    let hash = password::hash(password).map_err(|e| AppError::Internal(format!("hashing: {e}")))?;
    store::users::create(ctx.db(), email, display_name, role, hash, ctx.now())
        .await
        .map_err(|err| match err {
            AppError::BadInput(mut field) => {
                field.field = format!("input.{}", field.field);
                AppError::BadInput(field)
            }
            other => other,
        })
}

/// Root field for who is asking.
#[derive(Default)]
pub struct ViewerQuery;

#[Object]
impl ViewerQuery {
    /// The signed-in user, or null for an anonymous request.
    async fn viewer(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<User>> {
        let Some(id) = ctx.viewer().user_id() else {
            return Ok(None);
        };
        Ok(store::users::by_ids(ctx.db(), &[id])
            .await?
            .into_iter()
            .next()
            .map(User))
    }
}

/// Mutations for signing in and for accounts.
#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in with email and password. Every failure reads the same.
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's email, in any letter case.")] email: String,
        #[graphql(desc = "The account's password.")] password: String,
    ) -> async_graphql::Result<AuthPayload> {
        let account =
            login::login(ctx.db(), &email, &password, &client_hash(ctx), ctx.now()).await?;
        let refresh = refresh::issue(ctx.db(), account.id, ctx.now()).await?;
        Ok(sign_in(ctx, account, refresh).await?)
    }

    /// Trades a refresh token for new tokens. The old one stops working: presented
    /// again within a few seconds (30 unless configured; a retry after a lost
    /// answer), it gets the same new refresh token while that is unused; later, it
    /// signs out every session that grew from the same sign-in.
    async fn refresh_token(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The refresh token from the last `login` or `refreshToken`.")]
        refresh_token: String,
    ) -> async_graphql::Result<AuthPayload> {
        let grace = *ctx.data_unchecked::<refresh::ReuseGrace>();
        let rotated = refresh::rotate(ctx.db(), &refresh_token, grace, ctx.now()).await?;
        Ok(sign_in(ctx, rotated.user, rotated.refresh).await?)
    }

    /// Signs out: revokes the refresh token and every token rotated from the same
    /// sign-in. Access tokens already issued stay valid until they expire (15 minutes
    /// at most).
    async fn logout(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The refresh token to revoke.")] refresh_token: String,
    ) -> async_graphql::Result<LogoutPayload> {
        refresh::revoke(ctx.db(), &refresh_token, ctx.now()).await?;
        Ok(LogoutPayload { ok: true })
    }

    /// Creates a READER account and signs it in. Limited per address.
    async fn register(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The reader's email, password and public name.")] input: RegisterInput,
    ) -> async_graphql::Result<AuthPayload> {
        let budget = Budget {
            subject: format!("register:{}", &client_hash(ctx)[..32]),
            max: REGISTRATIONS_PER_HOUR,
            window: Duration::hours(1),
        };
        let now = ctx.now();
        budget.check(ctx.db(), now).await?;
        let account = create_account(
            ctx,
            &input.email,
            &input.password,
            &input.display_name,
            Role::Reader,
        )
        .await?;
        budget.record(ctx.db(), now).await?;
        let refresh = refresh::issue(ctx.db(), account.id, ctx.now()).await?;
        Ok(sign_in(ctx, account, refresh).await?)
    }

    /// Creates an account with any role (ADMIN only).
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account's email, password, public name and role.")]
        input: CreateUserInput,
    ) -> async_graphql::Result<UserPayload> {
        admin(ctx).await?;
        let account = create_account(
            ctx,
            &input.email,
            &input.password,
            &input.display_name,
            input.role,
        )
        .await?;
        Ok(UserPayload {
            user: User(account),
        })
    }

    /// Changes an account's role (ADMIN only). Takes effect at the account's next
    /// write or token refresh.
    async fn update_user_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the account (a `User`).")] id: ID,
        #[graphql(desc = "The new role.")] role: Role,
    ) -> async_graphql::Result<UserPayload> {
        admin(ctx).await?;
        let id = ids::decode_as(&id, NodeKind::User, "id")?;
        let account = accounts::set_role(ctx.db(), id, role, ctx.now()).await?;
        Ok(UserPayload {
            user: User(account),
        })
    }

    /// Disables or re-enables an account (ADMIN only). A disabled account cannot
    /// sign in, and its refresh tokens stop working.
    async fn set_user_disabled(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global id of the account (a `User`).")] id: ID,
        #[graphql(desc = "True disables the account; false enables it again.")] disabled: bool,
    ) -> async_graphql::Result<UserPayload> {
        admin(ctx).await?;
        let id = ids::decode_as(&id, NodeKind::User, "id")?;
        let account = accounts::set_disabled(ctx.db(), id, disabled, ctx.now()).await?;
        Ok(UserPayload {
            user: User(account),
        })
    }
}

/// The viewer, as stored now, if an administrator.
async fn admin(ctx: &Context<'_>) -> AppResult<Viewer> {
    let current = viewer::refresh(ctx.db(), ctx.viewer()).await?;
    authorize(&current, Action::ManageUsers)?;
    Ok(current)
}
