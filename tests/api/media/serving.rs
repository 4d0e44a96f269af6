//! Serving the files: immutable caching, a strong ETag, 304, byte ranges, 416.

use polisia_api::domain::Role;

use super::{pictures::png, upload::path_of};
use crate::helpers::TestApp;

#[tokio::test]
async fn files_are_served_immutable_with_their_hash_as_etag_and_ranges() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(400, 300)).await;
    let image = app.settled(image["id"].as_str().unwrap()).await;
    let webp = image["renditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "WIDTH" && r["format"] == "WEBP")
        .unwrap()
        .clone();
    let path = path_of(webp["url"].as_str().unwrap());
    assert!(path.starts_with(&format!("/media/{}/", image["id"].as_str().unwrap())));

    let full = app.get(&path).await;
    assert_eq!(full.status(), 200);
    let headers = full.headers().clone();
    let body = full.bytes().await.unwrap();
    assert_eq!(headers["content-type"], "image/webp");
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["accept-ranges"], "bytes");
    let etag = headers["etag"].to_str().unwrap().to_owned();
    assert!(etag.starts_with('"') && !etag.starts_with("W/"), "{etag}");
    assert_eq!(etag.len(), 66, "a SHA-256 in quotes: {etag}");

    let again = app
        .client
        .get(app.url(&path))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], etag.as_str());
    assert!(again.bytes().await.unwrap().is_empty());

    let part = app
        .client
        .get(app.url(&path))
        .header("range", "bytes=4-11")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 4-11/{}", body.len()).as_str()
    );
    assert_eq!(part.bytes().await.unwrap(), body.slice(4..12));

    let tail = app
        .client
        .get(app.url(&path))
        .header("range", "bytes=-4")
        .send()
        .await
        .unwrap();
    assert_eq!(tail.status(), 206);
    assert_eq!(tail.bytes().await.unwrap(), body.slice(body.len() - 4..));

    let beyond = app
        .client
        .get(app.url(&path))
        .header("range", format!("bytes={}-", body.len() + 10))
        .send()
        .await
        .unwrap();
    assert_eq!(beyond.status(), 416);
    assert_eq!(
        beyond.headers()["content-range"],
        format!("bytes */{}", body.len()).as_str()
    );

    // Names that are not files of this image, and ids that are not images.
    for missing in [
        format!("/media/{}/w9999-0.webp", image["id"].as_str().unwrap()),
        format!(
            "/media/{}/{}",
            uuid::Uuid::now_v7(),
            path.rsplit('/').next().unwrap()
        ),
        "/media/not-an-id/w320.webp".to_owned(),
    ] {
        assert_eq!(app.get(&missing).await.status(), 404, "{missing}");
    }
    // The demo covers are still where they were.
    let cover = polisia_api::api::media::demo_cover(0);
    assert_eq!(app.get(&cover).await.status(), 200);
}

#[tokio::test]
async fn addresses_point_at_the_public_base_url_when_one_is_set() {
    let app = TestApp::spawn_with(|args| {
        args.media.media_public_base_url = "https://cdn.example.kz/media/".into();
    })
    .await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(40, 30)).await;
    let url = image["url"].as_str().unwrap();
    let id = image["id"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("https://cdn.example.kz/media/{id}/original-")),
        "{url}"
    );
}
