//! Failed sign-in attempts in the database, counted over a sliding window.
//!
//! Kept in the database rather than in memory so that every instance of the service
//! sees the same counts: the service holds no state of its own.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::error::{AppError, AppResult};

/// The `login_attempts` table (persistence only).
pub mod login_attempt {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_attempts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub subject: String,
        pub attempted_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use login_attempt::{Column, Entity};

/// A budget of failures for one subject over a window.
#[derive(Debug, Clone)]
pub struct Budget {
    /// `email:...` or `addr:...`.
    pub subject: String,
    /// Failures allowed in the window.
    pub max: u64,
    /// The window.
    pub window: Duration,
}

impl Budget {
    /// `Ok` while fewer than `max` attempts lie in the window before `now`;
    /// otherwise [`AppError::RateLimited`] with the seconds until the oldest leaves it.
    pub async fn check(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> AppResult<()> {
        self.check_at_most(db, now, self.max - 1).await
    }

    /// Like [`Budget::check`], counting an attempt already recorded: up to `max` fit.
    pub async fn check_including_own(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> AppResult<()> {
        self.check_at_most(db, now, self.max).await
    }

    async fn check_at_most(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
        allowed: u64,
    ) -> AppResult<()> {
        let since = now - self.window;
        let count = Entity::find()
            .filter(Column::Subject.eq(&self.subject))
            .filter(Column::AttemptedAt.gt(since))
            .count(db)
            .await?;
        if count <= allowed {
            return Ok(());
        }
        let oldest = Entity::find()
            .filter(Column::Subject.eq(&self.subject))
            .filter(Column::AttemptedAt.gt(since))
            .order_by_asc(Column::AttemptedAt)
            .limit(1)
            .one(db)
            .await?
            .map_or(now, |row| row.attempted_at);
        let wait = (oldest + self.window - now).num_seconds().max(1);
        Err(AppError::RateLimited {
            retry_after_secs: wait as u64,
        })
    }

    /// Records one attempt at `now`; returns its id so it can be taken back.
    pub async fn record(&self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> AppResult<Uuid> {
        let id = Uuid::now_v7();
        login_attempt::ActiveModel {
            id: Set(id),
            subject: Set(self.subject.clone()),
            attempted_at: Set(now),
        }
        .insert(db)
        .await?;
        Ok(id)
    }

    /// Forgets every attempt of this subject.
    pub async fn clear(&self, db: &impl ConnectionTrait) -> AppResult<()> {
        Entity::delete_many()
            .filter(Column::Subject.eq(&self.subject))
            .exec(db)
            .await?;
        Ok(())
    }
}

/// Takes back attempts recorded by [`Budget::record`].
pub async fn forget(db: &impl ConnectionTrait, ids: &[Uuid]) -> AppResult<()> {
    Entity::delete_many()
        .filter(Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes attempts older than `before` (none of them counts any more); returns how
/// many went. Meant for a periodic job.
pub async fn prune(db: &impl ConnectionTrait, before: DateTime<Utc>) -> AppResult<u64> {
    let result = Entity::delete_many()
        .filter(Column::AttemptedAt.lt(before))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
