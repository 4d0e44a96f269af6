//! Renditions: the widths made (never an upscale), both formats, the address for a
//! width, and crops that follow the focal point.

use image::{Rgb, RgbImage};
use polisia_api::domain::Role;
use serde_json::{Value, json};

use super::{
    pictures::{decode, png, png_of},
    upload::path_of,
};
use crate::helpers::TestApp;

/// The (kind, format, width, height) of every rendition but the original.
fn sizes(image: &Value) -> Vec<(String, String, i64, i64)> {
    let mut sizes: Vec<_> = image["renditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] != "ORIGINAL")
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_owned(),
                r["format"].as_str().unwrap().to_owned(),
                r["width"].as_i64().unwrap(),
                r["height"].as_i64().unwrap(),
            )
        })
        .collect();
    sizes.sort();
    sizes
}

fn of_kind(sizes: &[(String, String, i64, i64)], kind: &str, format: &str) -> Vec<(i64, i64)> {
    sizes
        .iter()
        .filter(|(k, f, _, _)| k == kind && f == format)
        .map(|(_, _, w, h)| (*w, *h))
        .collect()
}

#[tokio::test]
async fn renditions_are_made_at_each_width_the_picture_reaches_in_webp_and_jpeg() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(1700, 1000)).await;
    assert_eq!(image["state"], "PENDING");
    let image = app.settled(image["id"].as_str().unwrap()).await;
    assert_eq!(image["state"], "READY");
    let sizes = sizes(&image);
    for format in ["WEBP", "JPEG"] {
        assert_eq!(
            of_kind(&sizes, "WIDTH", format),
            vec![(320, 188), (640, 376), (1024, 602), (1600, 941)],
            "{format}"
        );
        // 16:9 of 1700 × 1000 is 1700 × 956; 1:1 is 1000 × 1000.
        assert_eq!(
            of_kind(&sizes, "WIDE", format),
            vec![(320, 180), (640, 360), (1024, 576), (1600, 900)],
            "{format}"
        );
        assert_eq!(
            of_kind(&sizes, "SQUARE", format),
            vec![(320, 320), (640, 640)],
            "{format}"
        );
    }
    // Each file is what it says.
    for rendition in image["renditions"].as_array().unwrap() {
        let bytes = app.fetch(rendition["url"].as_str().unwrap()).await;
        assert_eq!(bytes.len() as i64, rendition["bytes"].as_i64().unwrap());
        match rendition["format"].as_str().unwrap() {
            "WEBP" => assert!(bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP"),
            "JPEG" => assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF])),
            "PNG" => assert!(bytes.starts_with(b"\x89PNG")),
            other => panic!("{other}"),
        }
        let picture = decode(&bytes);
        assert_eq!(
            (i64::from(picture.width()), i64::from(picture.height())),
            (
                rendition["width"].as_i64().unwrap(),
                rendition["height"].as_i64().unwrap()
            )
        );
    }
}

#[tokio::test]
async fn a_small_picture_is_never_upscaled_and_keeps_one_rendition_of_its_own_width() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(200, 100)).await;
    let image = app.settled(image["id"].as_str().unwrap()).await;
    let sizes = sizes(&image);
    assert_eq!(of_kind(&sizes, "WIDTH", "WEBP"), vec![(200, 100)]);
    assert_eq!(of_kind(&sizes, "WIDTH", "JPEG"), vec![(200, 100)]);
    assert_eq!(of_kind(&sizes, "SQUARE", "JPEG"), vec![(100, 100)]);
    assert!(sizes.iter().all(|(_, _, w, _)| *w <= 200), "{sizes:?}");
}

#[tokio::test]
async fn url_gives_the_nearest_width_at_or_above_else_the_largest_and_srcset_all() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(1100, 600)).await;
    let settled = app.settled(image["id"].as_str().unwrap()).await;
    let id = settled["globalId"].as_str().unwrap();
    let response = app
        .graphql(
            r#"query($id: ID!) { media(id: $id) {
                small: url(width: 300)
                mid: url(width: 500, format: JPEG)
                huge: url(width: 5000)
                widest: url
                square: url(width: 100, kind: SQUARE)
                srcset(format: JPEG)
                state
            } }"#,
            json!({ "id": id }),
        )
        .await;
    let media = &response["data"]["media"];
    assert_eq!(media["state"], "READY", "{response}");
    let file = |field: &str| {
        let url = media[field]
            .as_str()
            .unwrap_or_else(|| panic!("{field}: {response}"));
        url.rsplit('/').next().unwrap().to_owned()
    };
    assert!(file("small").starts_with("w320-") && file("small").ends_with(".webp"));
    assert!(file("mid").starts_with("w640-") && file("mid").ends_with(".jpg"));
    assert!(file("huge").starts_with("w1024-"));
    assert!(file("widest").starts_with("w1024-"));
    assert!(file("square").starts_with("1x1-320-"));
    let srcset = media["srcset"].as_str().unwrap();
    let widths: Vec<&str> = srcset
        .split(", ")
        .map(|c| c.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(widths, ["320w", "640w", "1024w"], "{srcset}");
    assert!(srcset.split(", ").all(|c| c.contains(".jpg ")), "{srcset}");
}

/// A white 1600 × 900 picture with a red block near its right edge.
fn marked() -> RgbImage {
    RgbImage::from_fn(1600, 900, |x, y| {
        if (1400..1500).contains(&x) && (400..500).contains(&y) {
            Rgb([230, 0, 0])
        } else {
            Rgb([255, 255, 255])
        }
    })
}

/// Whether a served picture shows the red block.
fn shows_red(bytes: &[u8]) -> bool {
    decode(bytes)
        .to_rgb8()
        .pixels()
        .any(|p| p[0] > 180 && p[1] < 80 && p[2] < 80)
}

/// The largest square JPEG of an image.
fn square_jpeg(image: &Value) -> String {
    image["renditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "SQUARE" && r["format"] == "JPEG")
        .max_by_key(|r| r["width"].as_i64())
        .map(|r| r["url"].as_str().unwrap().to_owned())
        .expect("a square crop")
}

#[tokio::test]
async fn crops_follow_the_focal_point_and_are_made_again_when_it_moves() {
    let app = TestApp::spawn().await;
    let editor = app.account(Role::Editor).await;
    let image = app.upload(&editor.bearer(), &png_of(&marked())).await;
    let id = image["id"].as_str().unwrap().to_owned();
    let centred = app.settled(&id).await;
    // Centred, the 900 × 900 square spans x 350..1250: the block is outside it.
    let before = square_jpeg(&centred);
    assert!(!shows_red(&app.fetch(&before).await));
    let whole = centred["renditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "WIDTH" && r["format"] == "JPEG" && r["width"] == 1600)
        .map(|r| r["url"].as_str().unwrap().to_owned())
        .unwrap();
    assert!(
        shows_red(&app.fetch(&whole).await),
        "the block is in the picture"
    );

    let answer = app
        .rest(
            reqwest::Method::PATCH,
            &format!("/api/v1/media/{id}"),
            &[("authorization", &editor.bearer())],
            Some(&json!({ "focalPoint": { "x": 0.9, "y": 0.5 } })),
        )
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.json()["focalPoint"], json!({ "x": 0.9, "y": 0.5 }));
    let moved = app.settled(&id).await;
    assert_eq!(moved["state"], "READY");
    // Clamped to the right edge, the square spans x 700..1600 and holds the block.
    let after = square_jpeg(&moved);
    assert_ne!(after, before, "a new crop has a new address");
    assert!(shows_red(&app.fetch(&after).await));
    // The old crop is gone; the whole picture's files stay.
    assert_eq!(app.get(&path_of(&before)).await.status(), 404);
    assert_eq!(app.get(&path_of(&whole)).await.status(), 200);

    // Out of 0..1: refused, naming the coordinate, in both APIs.
    let answer = app
        .rest(
            reqwest::Method::PATCH,
            &format!("/api/v1/media/{id}"),
            &[("authorization", &editor.bearer())],
            Some(&json!({ "focalPoint": { "x": 0.2, "y": 1.5 } })),
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["errors"][0]["field"], "focalPoint.y");
    let response = app
        .graphql_as(
            &editor,
            "mutation($id: ID!) { updateMedia(id: $id, input: { focalPoint: { x: -1, y: 0 } }) { image { id } } }",
            json!({ "id": moved["globalId"] }),
        )
        .await;
    assert_eq!(
        response["errors"][0]["extensions"]["field"], "input.focalPoint.x",
        "{response}"
    );
}

/// An instance stopped while making renditions leaves its image PENDING with only
/// its original; the next instance to start makes them.
#[tokio::test]
async fn images_left_pending_are_made_when_an_instance_starts() {
    use polisia_api::domain::{MediaState, RenditionKind};

    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(700, 400)).await;
    let id = image["id"].as_str().unwrap().to_owned();
    app.settled(&id).await;
    // As the stopped instance left it: PENDING, the renditions not recorded.
    let uuid = uuid::Uuid::parse_str(&id).unwrap();
    let conn = app.conn();
    polisia_api::store::media::remove_renditions(
        conn,
        uuid,
        &[
            RenditionKind::Width,
            RenditionKind::Wide,
            RenditionKind::Square,
        ],
    )
    .await
    .unwrap();
    polisia_api::store::media::set_state(conn, uuid, MediaState::Pending, app.clock.now())
        .await
        .unwrap();
    let left = app.rest_get(&format!("/api/v1/media/{id}")).await;
    assert_eq!(left.json()["state"], "PENDING");
    assert_eq!(left.json()["renditions"].as_array().unwrap().len(), 1);

    // Another instance starts on the same database and store.
    let data_dir = app.state.config.data_dir.clone();
    let _sibling = app.sibling(|args| args.data_dir = data_dir).await;
    let image = app.settled(&id).await;
    assert_eq!(image["state"], "READY");
    let sizes = sizes(&image);
    assert_eq!(
        of_kind(&sizes, "WIDTH", "WEBP"),
        vec![(320, 183), (640, 366)]
    );
    assert_eq!(of_kind(&sizes, "SQUARE", "JPEG"), vec![(320, 320)]);
    // Its files are served.
    let url = image["renditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "WIDE")
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(app.get(&path_of(&url)).await.status(), 200);
}
