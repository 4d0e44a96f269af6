//! Uploaded pictures wherever an article goes: RSS `enclosure` and `media:content`,
//! Atom `link rel="enclosure"`, JSON Feed `image`, ninjs renditions and JSON-LD
//! `ImageObject`s; an article with a linked cover keeps it everywhere.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use super::attachments::{published, uploaded};
use crate::helpers::TestApp;

fn uuid_of(global: &str) -> String {
    polisia_api::domain::global_id::decode(global)
        .map(|(_, id)| id.to_string())
        .unwrap()
}

/// The text of the feed at `path`.
async fn feed(app: &TestApp, path: &str) -> String {
    let answer = app.get(path).await;
    assert_eq!(answer.status(), 200, "{path}");
    answer.text().await.unwrap()
}

/// The part of `xml` from the item (or entry) holding `marker` to its end.
fn item_of<'a>(xml: &'a str, marker: &str, open: &str, close: &str) -> &'a str {
    let at = xml
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {xml}"));
    let start = xml[..at].rfind(open).unwrap();
    let end = at + xml[at..].find(close).unwrap();
    &xml[start..end]
}

#[tokio::test]
async fn feeds_ninjs_and_json_ld_carry_the_uploaded_cover_else_the_linked_one() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let cover = uploaded(&app, &editor, 1700, 1000, "Экипаж на трассе").await;
    let shot = uploaded(&app, &editor, 700, 700, "Инспектор").await;
    let with_upload = published(
        &app,
        &editor,
        json!({ "coverMediaId": cover["globalId"], "galleryMediaIds": [shot["globalId"]] }),
    )
    .await;
    let with_link = published(
        &app,
        &editor,
        json!({ "coverImageUrl": "https://img.example.kz/linked.png", "coverImageAlt": "Ссылка" }),
    )
    .await;
    let (uploaded_id, linked_id) = (uuid_of(&with_upload), uuid_of(&with_link));
    let media_id = cover["id"].as_str().unwrap();
    let cover_prefix = format!("https://news.example.kz/media/{media_id}/w1024-");

    // RSS: the media namespace, an enclosure with its size and type, media:content.
    let rss = feed(&app, "/feeds/rss.xml").await;
    assert!(
        rss.contains(r#"xmlns:media="http://search.yahoo.com/mrss/""#),
        "{rss}"
    );
    let item = item_of(
        &rss,
        &format!("urn:uuid:{uploaded_id}"),
        "<item>",
        "</item>",
    );
    let enclosure = &item[item.find("<enclosure").unwrap()..];
    let enclosure = &enclosure[..enclosure.find("/>").unwrap()];
    assert!(
        enclosure.contains(&format!(r#"url="{cover_prefix}"#)),
        "{item}"
    );
    assert!(enclosure.contains(r#"type="image/jpeg""#), "{item}");
    let length: i64 = enclosure
        .split("length=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(length > 0, "{item}");
    assert!(item.contains("<media:content"), "{item}");
    assert!(
        item.contains(r#"medium="image""#) && item.contains(r#"width="1024""#),
        "{item}"
    );
    assert!(
        item.contains("<media:credit>Фото пресс-службы</media:credit>"),
        "{item}"
    );
    assert!(item.contains("<media:description>Подпись к снимку</media:description>"));
    let linked = item_of(&rss, &format!("urn:uuid:{linked_id}"), "<item>", "</item>");
    assert!(
        linked.contains(r#"url="https://img.example.kz/linked.png""#)
            && linked.contains(r#"type="image/png""#),
        "{linked}"
    );

    // Atom: a link rel="enclosure".
    let atom = feed(&app, "/feeds/atom.xml").await;
    let entry = item_of(
        &atom,
        &format!("urn:uuid:{uploaded_id}"),
        "<entry>",
        "</entry>",
    );
    assert!(entry.contains(r#"rel="enclosure""#), "{entry}");
    assert!(
        entry.contains(&format!(r#"href="{cover_prefix}"#)),
        "{entry}"
    );
    assert!(entry.contains(r#"type="image/jpeg""#), "{entry}");

    // JSON Feed: image.
    let json_feed: Value = serde_json::from_str(&feed(&app, "/feeds/feed.json").await).unwrap();
    let items = json_feed["items"].as_array().unwrap();
    let find = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == format!("urn:uuid:{id}"))
            .unwrap()
            .clone()
    };
    assert!(
        find(&uploaded_id)["image"]
            .as_str()
            .unwrap()
            .starts_with(&cover_prefix)
    );
    assert_eq!(
        find(&linked_id)["image"],
        "https://img.example.kz/linked.png"
    );

    // ninjs: the cover and the gallery with their renditions.
    let ninjs = app
        .rest_get(&format!("/api/v1/articles/{uploaded_id}/ninjs"))
        .await;
    assert_eq!(ninjs.status, 200);
    let associations = ninjs.json()["associations"].as_array().unwrap();
    assert_eq!(associations.len(), 2, "{:?}", ninjs.body);
    let feature = &associations[0];
    assert_eq!(feature["name"], "featureimage");
    assert_eq!(feature["type"], "picture");
    assert_eq!(feature["by"], "Фото пресс-службы");
    let renditions = feature["renditions"].as_array().unwrap();
    let wide = renditions
        .iter()
        .find(|r| r["name"] == "16x9-1600-jpeg")
        .unwrap_or_else(|| panic!("{renditions:?}"));
    assert_eq!(wide["width"], 1600);
    assert_eq!(wide["height"], 900);
    assert_eq!(wide["contenttype"], "image/jpeg");
    assert!(wide["sizeinbytes"].as_i64().unwrap() > 0);
    assert!(renditions.iter().any(|r| r["name"] == "w320-webp"));
    assert_eq!(associations[1]["name"], "gallery1");
    let linked_ninjs = app
        .rest_get(&format!("/api/v1/articles/{linked_id}/ninjs"))
        .await;
    let association = &linked_ninjs.json()["associations"][0];
    assert_eq!(association["uri"], "https://img.example.kz/linked.png");
    assert_eq!(association["renditions"][0]["name"], "original");

    // JSON-LD: ImageObjects of 16:9, 1:1 and the whole picture, with sizes.
    let detail = app
        .rest_get(&format!("/api/v1/articles/{uploaded_id}"))
        .await;
    let images = detail.json()["jsonLd"]["image"].as_array().unwrap().clone();
    let sizes: Vec<(i64, i64)> = images
        .iter()
        .map(|i| {
            assert_eq!(i["@type"], "ImageObject");
            assert!(i["url"].as_str().unwrap().ends_with(".jpg"));
            assert_eq!(i["contentUrl"], i["url"]);
            assert_eq!(i["encodingFormat"], "image/jpeg");
            (i["width"].as_i64().unwrap(), i["height"].as_i64().unwrap())
        })
        .collect();
    assert_eq!(sizes, vec![(1600, 900), (640, 640), (1600, 941)]);
    // A linked cover is an ImageObject too, with its address alone: its size and
    // type are not known.
    let detail = app.rest_get(&format!("/api/v1/articles/{linked_id}")).await;
    assert_eq!(
        detail.json()["jsonLd"]["image"],
        json!([{ "@type": "ImageObject", "url": "https://img.example.kz/linked.png" }])
    );
}

#[tokio::test]
async fn json_ld_shows_the_original_with_its_size_while_the_renditions_are_made() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    // The job stops before it records its renditions: only the original is known.
    let mut held = app.state.media.hold_jobs();
    let image = app
        .upload(&editor.bearer(), &super::pictures::png(900, 600))
        .await;
    held.next().await.expect("the job stops");
    let article = published(&app, &editor, json!({ "coverMediaId": image["globalId"] })).await;
    let detail = app
        .rest_get(&format!("/api/v1/articles/{}", uuid_of(&article)))
        .await;
    let images = detail.json()["jsonLd"]["image"].as_array().unwrap().clone();
    assert_eq!(images.len(), 1, "{images:?}");
    assert_eq!(images[0]["@type"], "ImageObject");
    assert!(
        images[0]["url"].as_str().unwrap().contains("/original-"),
        "{images:?}"
    );
    assert_eq!(images[0]["contentUrl"], images[0]["url"]);
    assert_eq!(images[0]["width"], 900);
    assert_eq!(images[0]["height"], 600);
    assert_eq!(images[0]["encodingFormat"], "image/png");
    drop(held);
    app.state.media.idle().await;
}
