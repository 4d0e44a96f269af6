//! REST and other plain HTTP requests, answered with a [`RestResponse`] read whole.

use reqwest::{Method, StatusCode, Url, header::HeaderMap};
use serde_json::Value;

use super::TestApp;

/// An answer read whole: its status, headers and body, the body as JSON when it is.
#[derive(Debug)]
pub struct RestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as JSON; `None` when it is empty or not JSON (a feed, a 304).
    pub body: Option<Value>,
    /// The body exactly as sent: still compressed if the service compressed it.
    pub bytes: Vec<u8>,
    /// Where the answer came from, after any redirects.
    pub url: Url,
}

impl RestResponse {
    /// Reads `response` to its end.
    pub async fn read(response: reqwest::Response) -> RestResponse {
        let status = response.status();
        let headers = response.headers().clone();
        let url = response.url().clone();
        let bytes = response.bytes().await.expect("the body is read").to_vec();
        let body = serde_json::from_slice(&bytes).ok();
        RestResponse {
            status,
            headers,
            body,
            bytes,
            url,
        }
    }

    /// The JSON body, which the answer must have.
    pub fn json(&self) -> &Value {
        self.body.as_ref().unwrap_or_else(|| {
            let text = String::from_utf8_lossy(&self.bytes);
            panic!("{} {}: not JSON: {text}", self.status, self.url)
        })
    }

    /// The body as text, which must be UTF-8.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.bytes).expect("a UTF-8 body")
    }

    /// The value of header `name`, which the answer must carry.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .unwrap_or_else(|| panic!("{} {}: no {name} header", self.status, self.url))
            .to_str()
            .expect("a visible ASCII header value")
    }
}

impl TestApp {
    /// GETs `path`; the answer is the bare response, read as the caller likes.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("the request is answered")
    }

    /// Sends `method` to `path` with `headers` and, when given, a JSON body.
    pub async fn rest(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> RestResponse {
        let mut request = self.client.request(method, self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        RestResponse::read(request.send().await.expect("the request is answered")).await
    }

    /// GETs `path`.
    pub async fn rest_get(&self, path: &str) -> RestResponse {
        self.rest(Method::GET, path, &[], None).await
    }

    /// GETs `path` with `headers`.
    pub async fn rest_get_with(&self, path: &str, headers: &[(&str, &str)]) -> RestResponse {
        self.rest(Method::GET, path, headers, None).await
    }

    /// POSTs `body` as JSON to `path`.
    pub async fn rest_post_json(&self, path: &str, body: &Value) -> RestResponse {
        self.rest(Method::POST, path, &[], Some(body)).await
    }

    /// POSTs `body` as JSON to `path` with `headers`.
    pub async fn rest_post_json_with(
        &self,
        path: &str,
        body: &Value,
        headers: &[(&str, &str)],
    ) -> RestResponse {
        self.rest(Method::POST, path, headers, Some(body)).await
    }
}
