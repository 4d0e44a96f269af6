//! The demo content's cover illustrations, compiled into the binary and served under
//! `/media/demo/`, so a fresh install shows its pictures with no foreign host and every
//! instance answers for them alike. `assets/demo-covers/generate.py` draws them.

use std::sync::LazyLock;

use axum::{
    Router,
    extract::Path,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use sha2::{Digest, Sha256};

use crate::{error::AppError, state::AppState};

/// Where the covers are served; a demo article's `cover_image_url` is this path and a
/// file name, made absolute against `PUBLIC_BASE_URL` when shown.
pub const DEMO_COVERS_PATH: &str = "/media/demo/";

/// A week: the files change only with a release, and the `ETag` makes the check after
/// that cheap. Not `immutable`: the addresses carry no hash of the content.
const COVER_CACHE_CONTROL: &str = "public, max-age=604800";

macro_rules! covers {
    ($($name:literal),* $(,)?) => {
        /// Every cover: its file name and bytes.
        const COVERS: &[(&str, &[u8])] = &[
            $((concat!($name, ".jpg"), include_bytes!(concat!("../../assets/demo-covers/", $name, ".jpg"))),)*
        ];
    };
}

covers![
    "akt_drunk_drivers",
    "ala_fraud_briefing",
    "ala_fraud_tips",
    "alm_obl_livestock",
    "ast_police_day_awards",
    "ast_students_online",
    "ast_volunteers",
    "atr_new_post",
    "krg_road_winter",
    "kst_youth_football",
    "kzo_kso_concept",
    "kzo_online_reception",
    "kzo_uchastkovye",
    "mng_water_safety",
    "pvl_cameras",
    "pvl_hearing",
    "review_trk_markets",
    "shym_reception",
    "sko_school_routes",
    "trk_juveniles",
    "uly_pensioners_winter",
    "vko_pensioners_fraud",
    "zhm_district_officers",
];

/// Every cover with its entity tag, the hash of its bytes.
static TAGGED: LazyLock<Vec<(&'static str, &'static [u8], HeaderValue)>> = LazyLock::new(|| {
    COVERS
        .iter()
        .map(|(name, body)| {
            let digest = format!("{:x}", Sha256::digest(body));
            let etag = HeaderValue::from_str(&format!("\"{}\"", &digest[..32]))
                .expect("a hex digest is a valid header value");
            (*name, *body, etag)
        })
        .collect()
});

/// Whether `name` is a cover this binary serves.
pub fn has_cover(name: &str) -> bool {
    COVERS.iter().any(|(cover, _)| *cover == name)
}

/// The path of one of the covers, chosen by `n`: the bulk seeder's articles share them.
pub fn demo_cover(n: u32) -> String {
    let (name, _) = COVERS[n as usize % COVERS.len()];
    format!("{DEMO_COVERS_PATH}{name}")
}

/// The cover routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/media/demo/{name}", get(cover))
}

/// One cover, or 304 when the client's copy is current.
async fn cover(Path(name): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let (_, body, etag) = TAGGED
        .iter()
        .find(|(cover, _, _)| *cover == name)
        .ok_or(AppError::NotFound("no such picture"))?;
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == etag
        });
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(COVER_CACHE_CONTROL),
        ),
        (header::ETAG, etag.clone()),
    ];
    if fresh {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    Ok((headers, *body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cover_is_a_jpeg() {
        assert!(!COVERS.is_empty());
        for (name, body) in COVERS {
            assert!(body.starts_with(&[0xFF, 0xD8, 0xFF]), "{name}");
        }
    }
}
