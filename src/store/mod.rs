//! Database access: every query the API runs lives here, shared by GraphQL and REST.

pub mod regions;
pub mod users;
