//! Syndication: schema.org JSON-LD and IPTC ninjs of articles, built from what an
//! article links to. Every link is absolute, built from `PUBLIC_BASE_URL` by [`links`].

pub mod jsonld;
pub mod links;
pub mod ninjs;
pub mod parts;

/// The publication's name, as feeds and structured data name it.
pub const PUBLISHER: &str = "Polisia.kz";
