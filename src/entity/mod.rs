//! sea-orm entities: persistence only. API types live in `graphql` and `rest`,
//! so a column rename never reaches a client.
//!
//! The models an article's page shows beside it also deserialize from the JSON
//! PostgreSQL builds of their rows (`store::relations`): a field is named as its
//! column, so `row_to_json` of a row is the model.

pub mod agenda_item;
pub mod api_key;
pub mod article;
pub mod article_media;
pub mod article_participant;
pub mod article_slug;
pub mod article_tag;
pub mod change;
pub mod comment;
pub mod consumer_cursor;
pub mod correction;
pub mod media;
pub mod media_rendition;
pub mod meeting;
pub mod meeting_participant;
pub mod organization;
pub mod organization_member;
pub mod participant;
pub mod participant_honour;
pub mod participant_position;
pub mod preview_link;
pub mod quote;
pub mod refresh_token;
pub mod region;
pub mod related_article;
pub mod retraction;
pub mod search_document;
pub mod tag;
pub mod trusted_document;
pub mod user;
pub mod webhook_attempt;
pub mod webhook_delivery;
pub mod webhook_endpoint;
