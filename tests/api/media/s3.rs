//! The S3 path: files kept in an S3-compatible bucket, here moto's server (from
//! PyPI) on 127.0.0.1, installed once per test run into a virtual environment under
//! Cargo's temporary directory. Without Python or PyPI the test fails: nothing else
//! checks the S3 path.

use std::{path::PathBuf, process::Stdio, time::Duration};

use futures_util::StreamExt;
use object_store::{ObjectStore, aws::AmazonS3Builder, path::Path};
use polisia_api::domain::Role;
use tokio::{
    process::{Child, Command},
    sync::OnceCell,
};

use super::{pictures::png, upload::path_of};
use crate::helpers::TestApp;

const MOTO: &str = "moto[server]==5.1.18";

async fn python() -> &'static PathBuf {
    static VENV: OnceCell<PathBuf> = OnceCell::const_new();
    crate::helpers::python::venv(&VENV, "moto-venv", MOTO).await
}

/// moto's S3 server on a free port, stopped when dropped.
struct Moto {
    port: u16,
    _child: Child,
}

impl Moto {
    async fn start() -> Moto {
        let python = python().await;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(python)
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("moto's server starts");
        let client = reqwest::Client::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while client
            .get(format!("http://127.0.0.1:{port}/"))
            .send()
            .await
            .is_err()
        {
            assert!(tokio::time::Instant::now() < deadline, "moto answers");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Moto {
            port,
            _child: child,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

#[tokio::test]
async fn files_go_to_an_s3_compatible_bucket_and_are_served_from_it() {
    let moto = Moto::start().await;
    let client = reqwest::Client::new();
    let made = client.put(moto.url("/photos")).send().await.unwrap();
    assert!(made.status().is_success(), "the bucket is made");
    let endpoint = moto.url("");
    let app = TestApp::spawn_with(|args| {
        args.media.media_s3_endpoint = endpoint;
        args.media.media_s3_bucket = "photos".into();
        args.media.media_s3_access_key_id = "testing".into();
        args.media.media_s3_secret_access_key = "testing".into();
        args.media.media_s3_region = "us-east-1".into();
    })
    .await;
    let bucket = AmazonS3Builder::new()
        .with_endpoint(moto.url(""))
        .with_bucket_name("photos")
        .with_access_key_id("testing")
        .with_secret_access_key("testing")
        .with_region("us-east-1")
        .with_allow_http(true)
        .build()
        .unwrap();
    let author = app.account(Role::Author).await;
    let image = app.upload(&author.bearer(), &png(700, 400)).await;
    let id = image["id"].as_str().unwrap().to_owned();
    let image = app.settled(&id).await;
    assert_eq!(image["state"], "READY");
    let renditions = image["renditions"].as_array().unwrap();
    assert!(renditions.len() > 4);
    for rendition in renditions {
        let served = app.fetch(rendition["url"].as_str().unwrap()).await;
        // The same bytes are in the bucket, under the image's id and the file's name.
        let file = rendition["url"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap();
        let stored = bucket
            .get(&Path::from(format!("{id}/{file}")))
            .await
            .unwrap_or_else(|e| panic!("{file} is in the bucket: {e}"));
        assert_eq!(stored.bytes().await.unwrap().to_vec(), served, "{file}");
    }
    // Deleted with the image.
    let original = image["url"].as_str().unwrap().to_owned();
    let answer = app
        .rest(
            reqwest::Method::DELETE,
            &format!("/api/v1/media/{id}"),
            &[("authorization", &author.bearer())],
            None,
        )
        .await;
    assert_eq!(answer.status, 204);
    let left: Vec<_> = bucket
        .list(Some(&Path::from(id.as_str())))
        .collect::<Vec<_>>()
        .await;
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(app.get(&path_of(&original)).await.status(), 404);
}
