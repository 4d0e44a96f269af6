//! Reading people's positions and honours.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{CaseStatement, Expr},
};
use uuid::Uuid;

use crate::{
    domain::tenure::Tenure,
    entity::{participant_honour, participant_position},
    error::AppResult,
};

/// The days `position` was held.
pub fn tenure(position: &participant_position::Model) -> Tenure {
    Tenure {
        from: position.from_date,
        to: position.to_date,
    }
}

/// The positions of `people`, each person's newest first.
pub async fn of_people(
    db: &impl ConnectionTrait,
    people: &[Uuid],
) -> AppResult<Vec<participant_position::Model>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = participant_position::Entity::find()
        .filter(participant_position::Column::ParticipantId.is_in(people.iter().copied()))
        .all(db)
        .await?;
    rows.sort_by(|a, b| {
        a.participant_id
            .cmp(&b.participant_id)
            .then_with(|| tenure(a).newest_first(tenure(b)))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(rows)
}

/// Positions by id.
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> AppResult<Vec<participant_position::Model>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(participant_position::Entity::find()
        .filter(participant_position::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// The honours of `people`, each in its recorded order.
pub async fn honours_of(
    db: &impl ConnectionTrait,
    people: &[Uuid],
) -> AppResult<Vec<participant_honour::Model>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    Ok(participant_honour::Entity::find()
        .filter(participant_honour::Column::ParticipantId.is_in(people.iter().copied()))
        .order_by_asc(participant_honour::Column::ParticipantId)
        .order_by_asc(participant_honour::Column::SortOrder)
        .all(db)
        .await?)
}

/// Rows one [`point`] statement sets at most: two bound values a row keep a
/// statement far below what SQLite and PostgreSQL take.
const ROWS_PER_STATEMENT: usize = 500;

/// Sets the `position` column of the rows of `E` within `scope`, each row found by
/// its `key` to the position given with it (`None`: no position), in one statement
/// per [`ROWS_PER_STATEMENT`] rows: `SET position = CASE key WHEN .. THEN .. END`.
pub async fn point<E: EntityTrait>(
    db: &impl ConnectionTrait,
    key: E::Column,
    position: E::Column,
    targets: &[(Uuid, Option<Uuid>)],
    scope: Condition,
) -> AppResult<()> {
    for chunk in targets.chunks(ROWS_PER_STATEMENT) {
        let case = chunk
            .iter()
            .fold(CaseStatement::new(), |case, (row, to)| {
                case.case(key.eq(*row), Expr::val(*to))
            })
            .finally(Expr::val(Option::<Uuid>::None));
        E::update_many()
            .col_expr(position, case.into())
            .filter(key.is_in(chunk.iter().map(|(row, _)| *row)))
            .filter(scope.clone())
            .exec(db)
            .await?;
    }
    Ok(())
}

/// The position the person `participant` names held on `day`, as a level of one row
/// of a [`tree`](super::tree) read: [`crate::domain::tenure::held_on`] over the
/// positions [`of_people`] lists, in SQL. Of those covering the day, the one begun
/// last (an unrecorded start the earliest); of several begun alike, the last
/// `held_on` meets in [`of_people`]'s order: the earliest end, then the largest id.
pub fn tree_held_on(participant: Expr, day: chrono::NaiveDate) -> super::tree::Rows {
    use sea_orm::{
        QueryTrait,
        sea_query::{ExprTrait, NullOrdering, Order},
    };
    let column = |c: participant_position::Column| Expr::col((participant_position::Entity, c));
    let mut select = participant_position::Entity::find()
        .filter(column(participant_position::Column::ParticipantId).eq(participant))
        .filter(
            Condition::any()
                .add(participant_position::Column::FromDate.is_null())
                .add(participant_position::Column::FromDate.lte(day)),
        )
        .filter(
            Condition::any()
                .add(participant_position::Column::ToDate.is_null())
                .add(participant_position::Column::ToDate.gte(day)),
        )
        .into_query();
    select
        .order_by_with_nulls(
            participant_position::Column::FromDate,
            Order::Desc,
            NullOrdering::Last,
        )
        .order_by_with_nulls(
            participant_position::Column::ToDate,
            Order::Asc,
            NullOrdering::Last,
        )
        .order_by(participant_position::Column::Id, Order::Desc)
        .limit(1);
    super::tree::Rows {
        select,
        order: Vec::new(),
    }
}
