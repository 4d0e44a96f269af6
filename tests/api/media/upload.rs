//! Uploading: each format, what is refused and why, metadata removed, one image per
//! content, and who may upload.

use polisia_api::domain::Role;
use serde_json::{Value, json};

use super::pictures::{Part, bomb_png, carries_exif, decode, form, jpeg, jpeg_with_gps, png, webp};
use crate::helpers::TestApp;

#[tokio::test]
async fn each_accepted_format_is_stored_as_it_came() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    for (bytes, format, mime) in [
        (jpeg(64, 48), "JPEG", "image/jpeg"),
        (png(64, 48), "PNG", "image/png"),
        (webp(64, 48), "WEBP", "image/webp"),
    ] {
        let answer = app
            .upload_form(
                Some(&author.bearer()),
                &[
                    Part::file("upload.bin", "application/octet-stream", &bytes),
                    Part::text("alt_ru", "Зал заседаний"),
                    Part::text("credit_en", "Press service"),
                ],
            )
            .await;
        assert_eq!(answer.status, 201, "{format}: {:?}", answer.body);
        let image = answer.json();
        assert_eq!(image["format"], format);
        assert_eq!(
            (image["width"].as_i64(), image["height"].as_i64()),
            (Some(64), Some(48))
        );
        assert_eq!(image["alt"]["ru"], "Зал заседаний");
        assert_eq!(image["credit"]["en"], "Press service");
        assert_eq!(image["focalPoint"], json!({ "x": 0.5, "y": 0.5 }));
        let original = app.get(&path_of(image["url"].as_str().unwrap())).await;
        assert_eq!(original.headers()["content-type"], mime, "{format}");
        let settled = app.settled(image["id"].as_str().unwrap()).await;
        assert_eq!(settled["state"], "READY", "{format}");
    }
}

/// The path of an absolute URL of the service.
pub fn path_of(url: &str) -> String {
    url.strip_prefix("https://news.example.kz")
        .unwrap_or(url)
        .to_owned()
}

#[tokio::test]
async fn what_is_not_a_jpeg_png_or_webp_is_refused_whatever_it_is_called() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#;
    let text = b"Not a picture at all, only words in a file called photo.jpg\n";
    for (name, kind, bytes) in [
        ("logo.svg", "image/svg+xml", &svg[..]),
        ("photo.jpg", "image/jpeg", &text[..]),
        (
            "photo.png",
            "image/png",
            b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        ),
    ] {
        let answer = app
            .upload_form(Some(&author.bearer()), &[Part::file(name, kind, bytes)])
            .await;
        assert_eq!(answer.status, 400, "{name}: {:?}", answer.body);
        assert_eq!(answer.json()["errors"][0]["field"], "file", "{name}");
    }
    // JPEG's first bytes and nothing of a picture after them.
    let damaged = [&jpeg(32, 32)[..40], b"and then nothing"].concat();
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("x.jpg", "image/jpeg", &damaged)],
        )
        .await;
    assert_eq!(answer.status, 400, "{:?}", answer.body);
    assert_eq!(answer.json()["errors"][0]["field"], "file");
}

#[tokio::test]
async fn a_decompression_bomb_is_refused_before_it_is_decoded() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let bomb = bomb_png();
    assert!(bomb.len() < 200);
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("bomb.png", "image/png", &bomb)],
        )
        .await;
    assert_eq!(answer.status, 413, "{:?}", answer.body);
    assert_eq!(answer.json()["errors"][0]["field"], "file");
    assert_eq!(answer.json()["code"], "BAD_USER_INPUT");
}

#[tokio::test]
async fn uploads_over_the_limits_are_413_naming_the_file() {
    let app = TestApp::spawn_with(|args| {
        args.media.media_max_bytes = "20000".into();
        args.media.media_max_pixels = "10000".into();
    })
    .await;
    let author = app.account(Role::Author).await;
    // Noise compresses badly: well over 20 000 bytes.
    let noisy = image::RgbImage::from_fn(90, 90, |x, y| {
        let v = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)).wrapping_mul(2_654_435_761);
        image::Rgb([(v >> 8) as u8, (v >> 16) as u8, (v >> 24) as u8])
    });
    let big = super::pictures::png_of(&noisy);
    assert!(big.len() > 20_000 && big.len() < 100_000, "{}", big.len());
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("big.png", "image/png", &big)],
        )
        .await;
    assert_eq!(answer.status, 413, "{:?}", answer.body);
    assert_eq!(answer.json()["errors"][0]["field"], "file");
    assert!(answer.json()["detail"].as_str().unwrap().contains("20000"));
    // Far over: refused by its declared length, before the form is read.
    let huge = vec![0xFFu8; 600_000];
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("huge.jpg", "image/jpeg", &huge)],
        )
        .await;
    assert_eq!(answer.status, 413, "{:?}", answer.body);
    assert_eq!(answer.json()["errors"][0]["field"], "file");
    // Small in bytes, too many pixels: 120 × 100 is over 10 000.
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("wide.png", "image/png", &png(120, 100))],
        )
        .await;
    assert_eq!(answer.status, 413, "{:?}", answer.body);
    assert_eq!(answer.json()["errors"][0]["field"], "file");
    // GraphQL says the same, naming the file.
    let response = graphql_upload(&app, &author.bearer(), &big, json!({})).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
    assert_eq!(response["errors"][0]["extensions"]["field"], "file");
}

#[tokio::test]
async fn exif_and_gps_are_gone_from_every_stored_file_and_the_orientation_is_applied() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let photo = jpeg_with_gps();
    assert!(carries_exif(&photo), "the test photo has its EXIF");
    let image = app.upload(&author.bearer(), &photo).await;
    // 80 × 40 turned a quarter: upright it is 40 × 80.
    assert_eq!(
        (image["width"].as_i64(), image["height"].as_i64()),
        (Some(40), Some(80))
    );
    let image = app.settled(image["id"].as_str().unwrap()).await;
    assert_eq!(image["state"], "READY");
    let files = image["renditions"].as_array().unwrap();
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        let bytes = app.fetch(file["url"].as_str().unwrap()).await;
        assert!(!carries_exif(&bytes), "{} still carries EXIF", file["url"]);
        if file["kind"] == "ORIGINAL" || file["kind"] == "WIDTH" {
            let picture = decode(&bytes);
            assert!(
                picture.height() > picture.width(),
                "{} is upright",
                file["url"]
            );
        }
    }
}

#[tokio::test]
async fn the_same_file_uploaded_twice_is_one_image() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let editor = app.account(Role::Editor).await;
    let bytes = png(50, 30);
    let first = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("a.png", "image/png", &bytes)],
        )
        .await;
    assert_eq!(first.status, 201);
    let again = app
        .upload_form(
            Some(&editor.bearer()),
            &[Part::file("b.png", "image/png", &bytes)],
        )
        .await;
    assert_eq!(again.status, 200, "{:?}", again.body);
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(again.json()["contentHash"], first.json()["contentHash"]);
    let other = app
        .upload_form(
            Some(&author.bearer()),
            &[Part::file("c.png", "image/png", &png(51, 30))],
        )
        .await;
    assert_eq!(other.status, 201);
    assert_ne!(other.json()["id"], first.json()["id"]);
}

#[tokio::test]
async fn anonymous_visitors_and_readers_cannot_upload_change_or_delete() {
    let app = TestApp::spawn().await;
    let reader = app.account(Role::Reader).await;
    let author = app.account(Role::Author).await;
    let other_author = app.account(Role::Author).await;
    let editor = app.account(Role::Editor).await;
    let bytes = png(20, 20);
    let anonymous = app
        .upload_form(None, &[Part::file("a.png", "image/png", &bytes)])
        .await;
    assert_eq!(anonymous.status, 401);
    let as_reader = app
        .upload_form(
            Some(&reader.bearer()),
            &[Part::file("a.png", "image/png", &bytes)],
        )
        .await;
    assert_eq!(as_reader.status, 403);
    let response = graphql_upload(&app, &reader.bearer(), &bytes, json!({})).await;
    assert_eq!(response["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let response = graphql_upload_with(&app, None, &bytes, json!({})).await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED"
    );

    let image = app.upload(&author.bearer(), &bytes).await;
    let id = image["id"].as_str().unwrap();
    let path = format!("/api/v1/media/{id}");
    let patch = json!({ "captionRu": "Подпись" });
    for (who, status) in [
        (None, 401),
        (Some(&reader), 403),
        (Some(&other_author), 403),
        (Some(&author), 200),
        (Some(&editor), 200),
    ] {
        let bearer = who.map(|a| a.bearer());
        let headers: Vec<(&str, &str)> = bearer
            .as_deref()
            .map(|b| vec![("authorization", b)])
            .unwrap_or_default();
        let answer = app
            .rest(reqwest::Method::PATCH, &path, &headers, Some(&patch))
            .await;
        assert_eq!(answer.status, status, "{:?}", answer.body);
    }
    let answer = app
        .rest(
            reqwest::Method::DELETE,
            &path,
            &[("authorization", &reader.bearer())],
            None,
        )
        .await;
    assert_eq!(answer.status, 403);
    let answer = app
        .rest(
            reqwest::Method::DELETE,
            &path,
            &[("authorization", &editor.bearer())],
            None,
        )
        .await;
    assert_eq!(answer.status, 204);
    assert_eq!(app.rest_get(&path).await.status, 404);
    // Its files went with it.
    let original = image["url"].as_str().unwrap();
    assert_eq!(app.get(&path_of(original)).await.status(), 404);
}

#[tokio::test]
async fn texts_are_checked_and_named_by_each_api() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let long = "д".repeat(501);
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[
                Part::file("a.png", "image/png", &png(10, 10)),
                Part::text("alt_kk", &long),
            ],
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["errors"][0]["field"], "alt_kk");
    let answer = app
        .upload_form(
            Some(&author.bearer()),
            &[
                Part::file("a.png", "image/png", &png(10, 10)),
                Part::text("colour", "red"),
            ],
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["errors"][0]["field"], "colour");
    let response = graphql_upload(
        &app,
        &author.bearer(),
        &png(10, 10),
        json!({ "altKk": long }),
    )
    .await;
    assert_eq!(response["errors"][0]["extensions"]["field"], "input.altKk");
}

const UPLOAD: &str = "mutation($input: UploadMediaInput!) { uploadMedia(input: $input) { created image { id width height format state alt caption credit(lang: EN) focalPoint { x y } } } }";

/// Sends [`UPLOAD`] with `bytes` as the file and `texts` beside it, by the GraphQL
/// multipart request spec.
pub async fn graphql_upload(app: &TestApp, bearer: &str, bytes: &[u8], texts: Value) -> Value {
    graphql_upload_with(app, Some(bearer), bytes, texts).await
}

async fn graphql_upload_with(
    app: &TestApp,
    bearer: Option<&str>,
    bytes: &[u8],
    texts: Value,
) -> Value {
    let mut input = texts;
    input["file"] = Value::Null;
    let operations = json!({ "query": UPLOAD, "variables": { "input": input } }).to_string();
    let map = json!({ "0": ["variables.input.file"] }).to_string();
    let (kind, body) = form(&[
        Part::text("operations", &operations),
        Part::text("map", &map),
        Part {
            name: "0",
            file: Some(("photo.jpg", "image/jpeg")),
            bytes,
        },
    ]);
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", kind)
        .header("apollo-require-preflight", "true")
        .body(body);
    if let Some(bearer) = bearer {
        request = request.header("authorization", bearer);
    }
    let response = request.send().await.unwrap();
    response.json().await.expect("a JSON answer")
}

#[tokio::test]
async fn graphql_takes_uploads_by_the_multipart_request_spec() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let response = graphql_upload(
        &app,
        &author.bearer(),
        &jpeg(120, 90),
        json!({ "altRu": "Вручение грамот", "altKk": "", "creditEn": "Police press office" }),
    )
    .await;
    assert!(response["errors"].is_null(), "{response}");
    let payload = &response["data"]["uploadMedia"];
    assert_eq!(payload["created"], true);
    let image = &payload["image"];
    assert_eq!(image["format"], "JPEG");
    assert_eq!(
        (image["width"].as_i64(), image["height"].as_i64()),
        (Some(120), Some(90))
    );
    assert_eq!(image["alt"], "Вручение грамот");
    assert_eq!(image["credit"], "Police press office");
    // Kazakh was left empty: it falls back to Russian, as names do.
    let id = image["id"].as_str().unwrap().to_owned();
    let read = app
        .graphql_with(
            "query($id: ID!) { media(id: $id) { alt caption } }",
            json!({ "id": id }),
            &[("accept-language", "kk")],
        )
        .await;
    assert_eq!(read["data"]["media"]["alt"], "Вручение грамот", "{read}");
    assert!(read["data"]["media"]["caption"].is_null());
    // Sent again: the same image.
    let again = graphql_upload(&app, &author.bearer(), &jpeg(120, 90), json!({})).await;
    assert_eq!(again["data"]["uploadMedia"]["created"], false, "{again}");
    assert_eq!(again["data"]["uploadMedia"]["image"]["id"], json!(id));
}

#[tokio::test]
async fn a_multipart_graphql_request_must_prove_it_asked_first() {
    let app = TestApp::spawn().await;
    let (kind, body) = form(&[
        Part::text("operations", r#"{"query":"{ __typename }"}"#),
        Part::text("map", "{}"),
    ]);
    let answer = app
        .graphql_http(
            reqwest::Method::POST,
            "",
            &[("content-type", &kind), ("accept", "application/json")],
            body,
        )
        .await;
    let errors = &answer.json()["errors"];
    assert_eq!(
        errors[0]["extensions"]["code"], "BAD_USER_INPUT",
        "{errors}"
    );
    assert_eq!(answer.status, 415, "{errors}");
    assert_eq!(errors[0]["extensions"]["field"], "Content-Type");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("Apollo-Require-Preflight")
    );
}
