//! RSS 2.0, with the full text in `content:encoded` and authors in `dc:creator`.

use rss::{
    CategoryBuilder, ChannelBuilder, EnclosureBuilder, GuidBuilder, ItemBuilder,
    extension::{
        Extension, ExtensionMap, atom::AtomExtensionBuilder, dublincore::DublinCoreExtensionBuilder,
    },
};

use super::items::{self, Feed, Format};
use crate::error::{AppError, AppResult};
use crate::presentation::{
    PUBLISHER,
    links::{Site, api_url, article_urn},
    names::tag_name,
    parts::region_name,
    pictures::Picture,
};

/// The Media RSS namespace (`media:content`).
pub const MEDIA_RSS: &str = "http://search.yahoo.com/mrss/";

/// The cover as an RSS enclosure: the one file readers download with the item.
fn enclosure(cover: &Picture) -> rss::Enclosure {
    EnclosureBuilder::default()
        .url(cover.url.clone())
        .length(cover.byte_size().to_string())
        .mime_type(cover.mime().to_owned())
        .build()
}

/// The cover as Media RSS `media:content`, with its size, text and credit.
fn media_content(cover: &Picture) -> ExtensionMap {
    let mut attrs = std::collections::BTreeMap::new();
    attrs.insert("url".to_owned(), cover.url.clone());
    attrs.insert("medium".to_owned(), "image".to_owned());
    attrs.insert("type".to_owned(), cover.mime().to_owned());
    if let Some((width, height)) = cover.main_size() {
        attrs.insert("width".to_owned(), width.to_string());
        attrs.insert("height".to_owned(), height.to_string());
        attrs.insert("fileSize".to_owned(), cover.byte_size().to_string());
    }
    let mut children = std::collections::BTreeMap::new();
    let text = |name: &str, value: &str| Extension {
        name: name.to_owned(),
        value: Some(value.to_owned()),
        ..Extension::default()
    };
    if let Some(description) = cover.caption.as_deref().or(cover.alt.as_deref()) {
        children.insert(
            "media:description".to_owned(),
            vec![text("media:description", description)],
        );
    }
    if let Some(credit) = cover.credit.as_deref() {
        children.insert(
            "media:credit".to_owned(),
            vec![text("media:credit", credit)],
        );
    }
    let content = Extension {
        name: "media:content".to_owned(),
        value: None,
        attrs,
        children,
    };
    let mut names = std::collections::BTreeMap::new();
    names.insert("content".to_owned(), vec![content]);
    let mut map = ExtensionMap::new();
    map.insert("media".to_owned(), names);
    map
}

/// The media type of RSS.
pub const CONTENT_TYPE: &str = "application/rss+xml; charset=utf-8";

/// RSS as [`items::serve`] answers it.
const FORMAT: Format = Format {
    file: "rss.xml",
    content_type: CONTENT_TYPE,
    render,
};

items::feed_routes! {
    format: FORMAT,
    ok: (description = "RSS 2.0", content_type = "application/rss+xml", body = String),
    /// The newest published articles of the portal as RSS 2.0.
    portal: "/feeds/rss.xml" as "rssFeed",
    /// The newest published articles about one region as RSS 2.0.
    region: "/feeds/regions/{slugOrCode}/rss.xml" as "regionRssFeed",
}

fn render(feed: &Feed, base: &str, site: &Site) -> AppResult<Vec<u8>> {
    let items = feed
        .entries
        .iter()
        .map(|(article, parts)| {
            let mut categories: Vec<rss::Category> = parts
                .tags
                .iter()
                .map(|t| {
                    CategoryBuilder::default()
                        .name(tag_name(t, article.lang).to_owned())
                        .build()
                })
                .collect();
            if let Some(region) = &parts.region {
                categories.push(
                    CategoryBuilder::default()
                        .name(region_name(region, article.lang).to_owned())
                        .domain(api_url(base, &format!("/regions/{}", region.slug)))
                        .build(),
                );
            }
            let creator = parts
                .author
                .clone()
                .or_else(|| article.source.clone())
                .unwrap_or_else(|| PUBLISHER.into());
            let (enclosure, extensions) = match &parts.cover {
                Some(cover) => (Some(enclosure(cover)), media_content(cover)),
                None => (None, Default::default()),
            };
            ItemBuilder::default()
                .title(article.title.clone())
                .enclosure(enclosure)
                .extensions(extensions)
                .link(site.article_url(article.lang, &article.slug))
                .description(article.lead.clone())
                .content(article.body.clone())
                .guid(
                    GuidBuilder::default()
                        .value(article_urn(article.id))
                        .permalink(false)
                        .build(),
                )
                .pub_date(article.published_at.map(|at| at.to_rfc2822()))
                .categories(categories)
                .dublin_core_ext(
                    DublinCoreExtensionBuilder::default()
                        .creators(vec![creator])
                        .build(),
                )
                .build()
        })
        .collect::<Vec<_>>();
    let self_link = rss::extension::atom::Link {
        href: feed.self_url.clone(),
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Default::default()
    };
    // WebSub (W3C): the hubs to subscribe at, beside the feed's own address.
    let hub_links = feed.hubs.iter().map(|hub| rss::extension::atom::Link {
        href: hub.clone(),
        rel: "hub".into(),
        ..Default::default()
    });
    let links = std::iter::once(self_link)
        .chain(hub_links)
        .collect::<Vec<_>>();
    let channel = ChannelBuilder::default()
        .title(feed.title.clone())
        .link(feed.home_url.clone())
        .description(feed.description.clone())
        .language(Some(feed.lang.code().to_owned()))
        .last_build_date(Some(feed.updated.to_rfc2822()))
        .generator(Some("polisia-api".to_owned()))
        .ttl(Some("5".to_owned()))
        .namespaces(
            [("media".to_owned(), MEDIA_RSS.to_owned())]
                .into_iter()
                .collect::<std::collections::BTreeMap<_, _>>(),
        )
        .atom_ext(Some(AtomExtensionBuilder::default().links(links).build()))
        .items(items)
        .build();
    channel
        .write_to(Vec::new())
        .map_err(|e| AppError::Internal(format!("writing RSS: {e}")))
}
