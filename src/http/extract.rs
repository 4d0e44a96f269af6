//! Reading the request at the edge, with every rejection a problem+json that names
//! the parameter at fault.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::PathRejection},
    http::request::Parts,
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::{
    domain::global_id::{self, NodeKind},
    error::{AppError, AppResult},
    http::body,
};

/// Query parameters parsed into `T`. Empty values count as absent, so a template
/// such as `?lang=&region=KZ-43` filters by region only; unknown parameters are
/// ignored (aggregators add their own), repeated ones are an error.
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parse_query(parts.uri.query().unwrap_or("")).map(Query)
    }
}

/// Parses a raw query string into `T`, naming the parameter that fails.
pub fn parse_query<T: DeserializeOwned>(raw: &str) -> AppResult<T> {
    let given: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    let encoded = serde_urlencoded::to_string(&given)
        .map_err(|e| AppError::Internal(format!("re-encoding a query: {e}")))?;
    let deserializer =
        serde_urlencoded::Deserializer::new(form_urlencoded::parse(encoded.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let message = err.inner().to_string();
        let path = err.path().to_string();
        let field = if path == "." {
            // Errors about the whole query (a missing or repeated parameter) name
            // the parameter in their message.
            message.split('`').nth(1).unwrap_or("query").to_owned()
        } else {
            path
        };
        AppError::bad_input(field, message)
    })
}

/// A JSON request body parsed into `T`. A body not declared as JSON is a 415 naming
/// `Content-Type`; any other rejection a 400 naming the field at fault (or `body`
/// when it is not JSON at all), where axum's own extractor answers 422 with a bare
/// reason.
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Response> {
        body::require_json(request.headers(), "send the body as application/json")
            .map_err(IntoResponse::into_response)?;
        let bytes = body::read(request)
            .await
            .map_err(IntoResponse::into_response)?;
        parse_json(&bytes)
            .map(JsonBody)
            .map_err(IntoResponse::into_response)
    }
}

/// Parses a JSON body into `T`, naming the field that fails.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> AppResult<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let message = err.inner().to_string();
        let path = err.path().to_string();
        let field = if path == "." {
            // A missing or unknown field is named in the message; a syntax error
            // is about the body as a whole.
            message
                .split('`')
                .nth(1)
                .filter(|_| !err.inner().is_syntax() && !err.inner().is_eof())
                .unwrap_or("body")
                .to_owned()
        } else {
            path
        };
        AppError::bad_input(field, message)
    })?;
    deserializer
        .end()
        .map_err(|e| AppError::bad_input("body", e.to_string()))?;
    Ok(value)
}

/// One path parameter, as text.
#[derive(Debug, Clone)]
pub struct PathParam(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        use axum::extract::path::ErrorKind;
        match axum::extract::Path::<String>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(PathParam(value)),
            Err(PathRejection::FailedToDeserializePathParams(err)) => {
                let field = match err.kind() {
                    ErrorKind::InvalidUtf8InPathParam { key }
                    | ErrorKind::ParseErrorAtKey { key, .. } => key.clone(),
                    _ => "path".to_owned(),
                };
                Err(AppError::bad_input(field, err.body_text()))
            }
            Err(other) => Err(AppError::bad_input("path", other.body_text())),
        }
    }
}

/// How a path names one thing: by its id or by its slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdOrSlug {
    Id(Uuid),
    Slug(String),
}

impl IdOrSlug {
    /// A UUID is an id, and so is the GraphQL global id of a `kind` (a client holding
    /// one from GraphQL need not translate it); anything else is a slug.
    pub fn parse(value: &str, kind: NodeKind) -> Self {
        let value = value.trim();
        if let Ok(id) = Uuid::try_parse(value) {
            return IdOrSlug::Id(id);
        }
        match global_id::decode(value) {
            Some((found, id)) if found == kind => IdOrSlug::Id(id),
            _ => IdOrSlug::Slug(crate::domain::slug::normalize(value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Language;

    #[derive(Debug, serde::Deserialize)]
    struct Params {
        limit: Option<i64>,
        lang: Option<Language>,
        q: Option<String>,
    }

    #[test]
    fn empty_values_are_absent_and_errors_name_the_parameter() {
        let params: Params = parse_query("limit=&lang=kk&utm_source=x").unwrap();
        assert_eq!((params.limit, params.lang), (None, Some(Language::Kk)));
        assert_eq!(params.q, None);
        for (raw, field) in [
            ("limit=ten", "limit"),
            ("lang=de", "lang"),
            ("q=a&q=b", "q"),
        ] {
            match parse_query::<Params>(raw) {
                Err(AppError::BadInput(error)) => assert_eq!(error.field, field, "{raw}"),
                other => panic!("{raw}: {other:?}"),
            }
        }
    }

    #[test]
    fn ids_and_slugs() {
        let id = Uuid::now_v7();
        let article = NodeKind::Article;
        assert_eq!(IdOrSlug::parse(&id.to_string(), article), IdOrSlug::Id(id));
        assert_eq!(
            IdOrSlug::parse(&global_id::encode(article, id), article),
            IdOrSlug::Id(id)
        );
        // Another type's id names nothing of this type: it is taken for a slug.
        let meeting = global_id::encode(NodeKind::Meeting, id);
        assert!(matches!(
            IdOrSlug::parse(&meeting, article),
            IdOrSlug::Slug(_)
        ));
        assert_eq!(
            IdOrSlug::parse("Itogi-Goda", article),
            IdOrSlug::Slug("itogi-goda".into())
        );
    }
}
