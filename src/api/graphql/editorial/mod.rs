//! Editorial mutations: articles through their workflow, meetings, people, tags and
//! region names. Each converts its GraphQL input (global ids, named fields) into the
//! editorial layer's input, which checks permissions and writes in one transaction.
//!
//! One mutation type per aggregate; the root merges them. The id and patch helpers
//! every part uses live here.

pub mod articles;
pub mod meetings;
pub mod organizations;
pub mod participants;
pub mod taxonomy;
pub mod workflow;

use async_graphql::{ID, MaybeUndefined, SimpleObject};
use uuid::Uuid;

use super::ids::{self, NodeKind};
use crate::error::AppResult;

pub use articles::ArticleMutation;
pub use meetings::MeetingMutation;
pub use organizations::OrganizationMutation;
pub use participants::ParticipantMutation;
pub use taxonomy::TaxonomyMutation;
pub use workflow::WorkflowMutation;

/// What a deletion removed.
#[derive(SimpleObject)]
pub struct DeletePayload {
    /// The global id of what is gone.
    pub deleted_id: ID,
}

fn id(value: &ID, kind: NodeKind, field: &str) -> AppResult<Uuid> {
    ids::decode_as(value, kind, field)
}

fn optional_id(value: Option<&ID>, kind: NodeKind, field: &str) -> AppResult<Option<Uuid>> {
    value.map(|v| id(v, kind, field)).transpose()
}

fn id_list(values: &[ID], kind: NodeKind, field: &str) -> AppResult<Vec<Uuid>> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| id(v, kind, &format!("{field}[{i}]")))
        .collect()
}

fn maybe_id(
    value: MaybeUndefined<ID>,
    kind: NodeKind,
    field: &str,
) -> AppResult<Option<Option<Uuid>>> {
    match value {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(v) => Ok(Some(Some(id(&v, kind, field)?))),
    }
}

fn maybe<T>(value: MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}
