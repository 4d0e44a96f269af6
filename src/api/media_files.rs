//! The files of uploaded images, served under `/media/{id}/{file}`: immutable (a
//! file's name changes with its content), with a strong `ETag` of its content hash,
//! answering `If-None-Match` with 304 and a single byte range with 206.

use axum::{
    Router,
    body::Body,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use uuid::Uuid;

use crate::{
    error::{AppError, AppResult},
    http::cache::matches_any,
    state::AppState,
};

/// A year: the longest `max-age` caches honour, for files that never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The route of the files.
pub fn router() -> Router<AppState> {
    Router::new().route("/media/{id}/{file}", get(file))
}

async fn file(
    State(state): State<AppState>,
    Path((id, name)): Path<(String, String)>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound("file"))?;
    let (row, bytes) = state.media.file(state.conn(), id, &name).await?;
    let etag = format!("\"{}\"", row.content_hash);
    let mut common = HeaderMap::new();
    let value = |v: &str| {
        HeaderValue::from_str(v).map_err(|_| AppError::Internal("a header of a file".into()))
    };
    common.insert(header::ETAG, value(&etag)?);
    common.insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    common.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    common.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tags| matches_any(tags, &etag))
    {
        return Ok((StatusCode::NOT_MODIFIED, common).into_response());
    }
    common.insert(header::CONTENT_TYPE, value(row.format.mime())?);
    let total = bytes.len() as u64;
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| byte_range(v, total));
    match range {
        None | Some(Range::Ignored) => {
            Ok((StatusCode::OK, common, Body::from(bytes)).into_response())
        }
        Some(Range::Unsatisfiable) => {
            common.remove(header::CONTENT_TYPE);
            common.remove(header::CACHE_CONTROL);
            common.insert(header::CONTENT_RANGE, value(&format!("bytes */{total}"))?);
            Ok((StatusCode::RANGE_NOT_SATISFIABLE, common).into_response())
        }
        Some(Range::Bytes(first, last)) => {
            common.insert(
                header::CONTENT_RANGE,
                value(&format!("bytes {first}-{last}/{total}"))?,
            );
            let part = bytes.slice(first as usize..=last as usize);
            Ok((StatusCode::PARTIAL_CONTENT, common, Body::from(part)).into_response())
        }
    }
}

/// What a `Range` header asks of a file of `total` bytes.
#[derive(Debug, PartialEq, Eq)]
enum Range {
    /// Bytes `first..=last`.
    Bytes(u64, u64),
    /// None of it exists: 416.
    Unsatisfiable,
    /// Not a single byte range (another unit, several ranges, a typo): the whole
    /// file is sent, as RFC 9110 allows.
    Ignored,
}

fn byte_range(header: &str, total: u64) -> Range {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Range::Ignored;
    };
    if spec.contains(',') {
        return Range::Ignored;
    }
    let Some((start, end)) = spec.trim().split_once('-') else {
        return Range::Ignored;
    };
    let (start, end) = (start.trim(), end.trim());
    let parse = |v: &str| v.parse::<u64>().ok();
    match (start.is_empty(), end.is_empty()) {
        // The last `n` bytes.
        (true, false) => match parse(end) {
            Some(0) => Range::Unsatisfiable,
            Some(n) if total > 0 => Range::Bytes(total.saturating_sub(n), total - 1),
            Some(_) => Range::Unsatisfiable,
            None => Range::Ignored,
        },
        (false, _) => {
            let Some(first) = parse(start) else {
                return Range::Ignored;
            };
            let last = if end.is_empty() {
                Some(total.saturating_sub(1))
            } else {
                parse(end)
            };
            match last {
                None => Range::Ignored,
                Some(_) if first >= total => Range::Unsatisfiable,
                Some(last) if last < first => Range::Ignored,
                Some(last) => Range::Bytes(first, last.min(total - 1)),
            }
        }
        (true, true) => Range::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_byte_ranges_are_read_as_rfc_9110_says() {
        assert_eq!(byte_range("bytes=0-9", 100), Range::Bytes(0, 9));
        assert_eq!(byte_range("bytes=90-", 100), Range::Bytes(90, 99));
        assert_eq!(byte_range("bytes=-10", 100), Range::Bytes(90, 99));
        assert_eq!(byte_range("bytes=50-500", 100), Range::Bytes(50, 99));
        assert_eq!(byte_range("bytes=100-", 100), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=150-", 100), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=150-160", 100), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 100), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=0-1,5-6", 100), Range::Ignored);
        assert_eq!(byte_range("items=0-1", 100), Range::Ignored);
        assert_eq!(byte_range("bytes=9-2", 100), Range::Ignored);
    }
}
