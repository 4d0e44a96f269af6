//! How content is shown outside GraphQL, shared by the REST resources and the feeds:
//! absolute links, names in a language, schema.org JSON-LD and IPTC ninjs parts.

pub mod byline;
pub mod jsonld;
pub mod links;
pub mod names;
pub mod ninjs;
pub mod parts;
pub mod pictures;
pub mod tags;

/// The publication's name, as feeds and structured data name it.
pub const PUBLISHER: &str = "Polisia.kz";
