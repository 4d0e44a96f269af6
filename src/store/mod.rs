//! Database access: every query the API runs lives here, shared by GraphQL and REST.

pub mod api_keys;
pub mod articles;
pub mod batch;
pub mod changes;
pub mod children;
pub mod comments;
pub mod loaders;
pub mod media;
pub mod meetings;
pub mod page;
pub mod participants;
pub mod purge_cursor;
pub mod quotes;
pub mod regions;
pub mod related;
pub mod relations;
pub mod search;
pub mod search_index;
pub mod syndication;
pub mod tags;
pub mod threads;
pub mod trusted_documents;
pub mod users;
pub mod webhooks;
