//! Atom 1.0 (RFC 4287), with the full text as HTML content.

use atom_syndication::{
    Category, Content, Entry, Feed as AtomFeed, FixedDateTime, Generator, Link, Person, Text,
};
use chrono::{DateTime, Utc};

use super::items::{self, Feed, Format, changed_at};
use crate::error::{AppError, AppResult};
use crate::presentation::{
    PUBLISHER,
    links::{Site, api_url, article_urn},
    names::tag_name,
    parts::region_name,
};

/// The media type of Atom.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// Atom as [`items::serve`] answers it.
const FORMAT: Format = Format {
    file: "atom.xml",
    content_type: CONTENT_TYPE,
    render,
};

items::feed_routes! {
    format: FORMAT,
    ok: (description = "Atom 1.0", content_type = "application/atom+xml", body = String),
    /// The newest published articles of the portal as Atom 1.0.
    portal: "/feeds/atom.xml" as "atomFeed",
    /// The newest published articles about one region as Atom 1.0.
    region: "/feeds/regions/{slugOrCode}/atom.xml" as "regionAtomFeed",
}

fn fixed(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

fn person(name: String) -> Person {
    Person {
        name,
        ..Person::default()
    }
}

fn render(feed: &Feed, base: &str, site: &Site) -> AppResult<Vec<u8>> {
    let entries = feed
        .entries
        .iter()
        .map(|(article, parts)| {
            let mut categories: Vec<Category> = parts
                .tags
                .iter()
                .map(|t| Category {
                    term: t.slug.clone(),
                    scheme: Some(api_url(base, "/articles?tag=")),
                    label: Some(tag_name(t, article.lang).to_owned()),
                })
                .collect();
            if let Some(region) = &parts.region {
                categories.push(Category {
                    term: region.code.clone(),
                    scheme: Some(api_url(base, "/regions")),
                    label: Some(region_name(region, article.lang).to_owned()),
                });
            }
            let author = parts
                .author
                .clone()
                .or_else(|| article.source.clone())
                .unwrap_or_else(|| PUBLISHER.into());
            Entry {
                id: article_urn(article.id),
                title: Text::plain(article.title.clone()),
                updated: fixed(changed_at(article)),
                published: article.published_at.map(fixed),
                authors: vec![person(author)],
                categories,
                links: std::iter::once(Link {
                    href: site.article_url(article.lang, &article.slug),
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    hreflang: Some(article.lang.code().into()),
                    ..Link::default()
                })
                // The cover, as the file that goes with the entry.
                .chain(parts.cover.as_ref().map(|cover| Link {
                    href: cover.url.clone(),
                    rel: "enclosure".into(),
                    mime_type: Some(cover.mime().into()),
                    title: cover.alt.clone(),
                    length: (cover.byte_size() > 0).then(|| cover.byte_size().to_string()),
                    ..Link::default()
                }))
                .collect(),
                summary: article.lead.clone().map(Text::plain),
                content: Some(Content {
                    value: Some(article.body.clone()),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect::<Vec<_>>();
    // WebSub (W3C): the hubs to subscribe at, beside the feed's own address.
    let hubs = feed.hubs.iter().map(|hub| Link {
        href: hub.clone(),
        rel: "hub".into(),
        ..Link::default()
    });
    let atom = AtomFeed {
        id: feed.self_url.clone(),
        title: Text::plain(feed.title.clone()),
        subtitle: Some(Text::plain(feed.description.clone())),
        updated: fixed(feed.updated),
        authors: vec![Person {
            uri: Some(site.base().to_owned()),
            ..person(PUBLISHER.into())
        }],
        links: [
            Link {
                href: feed.self_url.clone(),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
            Link {
                href: feed.home_url.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
        ]
        .into_iter()
        .chain(hubs)
        .collect(),
        generator: Some(Generator {
            value: "polisia-api".into(),
            ..Generator::default()
        }),
        lang: Some(feed.lang.code().into()),
        entries,
        ..AtomFeed::default()
    };
    atom.write_to(Vec::new())
        .map_err(|e| AppError::Internal(format!("writing Atom: {e}")))
}
