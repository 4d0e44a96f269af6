//! An image deleted while its renditions are being made leaves no file behind: the
//! job finds it gone when it comes to record what it stored, and removes that; a
//! deletion after the job recorded its files removes them with the rest.

use std::path::PathBuf;

use polisia_api::{domain::Role, media::settings::Storage};
use reqwest::Method;

use super::pictures::png;
use crate::helpers::{Account, TestApp};

/// The files stored for image `id`, by name.
fn files_of(app: &TestApp, id: &str) -> Vec<String> {
    let Storage::Local(dir) = &app.state.media.settings.storage else {
        panic!("the tests keep files in a directory");
    };
    let dir: PathBuf = std::path::absolute(dir).unwrap().join(id);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

async fn delete(app: &TestApp, who: &Account, id: &str) {
    let bearer = who.bearer();
    let answer = app
        .rest(
            Method::DELETE,
            &format!("/api/v1/media/{id}"),
            &[("authorization", &bearer)],
            None,
        )
        .await;
    assert_eq!(answer.status, 204, "{:?}", answer.body);
}

#[tokio::test]
async fn an_image_deleted_while_its_renditions_are_made_leaves_no_file() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    // Jobs stop once their files are stored, before they record them.
    let mut held = app.state.media.hold_jobs();
    let image = app.upload(&author.bearer(), &png(900, 600)).await;
    let id = image["id"].as_str().unwrap().to_owned();
    let stopped = held.next().await.expect("the job stops");
    assert_eq!(stopped.to_string(), id);
    let stored = files_of(&app, &id);
    assert!(
        stored.iter().any(|f| f.starts_with("w640-")),
        "the renditions are stored: {stored:?}"
    );

    delete(&app, &author, &id).await;
    drop(held);
    app.state.media.idle().await;
    assert_eq!(files_of(&app, &id), Vec::<String>::new());
    assert_eq!(
        app.rest_get(&format!("/api/v1/media/{id}")).await.status,
        404
    );
}

#[tokio::test]
async fn an_image_deleted_after_its_renditions_were_recorded_takes_them_along() {
    let app = TestApp::spawn().await;
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(900, 600)).await;
    let id = image["id"].as_str().unwrap().to_owned();
    let settled = app.settled(&id).await;
    assert_eq!(settled["state"], "READY");
    assert!(files_of(&app, &id).len() > 10);
    delete(&app, &author, &id).await;
    assert_eq!(files_of(&app, &id), Vec::<String>::new());
}
