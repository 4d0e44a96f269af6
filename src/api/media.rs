//! The demo content's cover illustrations, compiled into the binary and served under
//! `/media/demo/`, so a fresh install shows its pictures with no foreign host and every
//! instance answers for them alike. `assets/demo-covers/generate.py` draws them.

use axum::{
    Router,
    extract::Path,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{
    error::AppError,
    http::cache::{CachePolicy, Cached},
    state::AppState,
};

/// Where the covers are served; a demo article's `cover_image_url` is this path and a
/// file name, made absolute against `PUBLIC_BASE_URL` when shown.
pub const DEMO_COVERS_PATH: &str = "/media/demo/";

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

/// One cover; its `ETag` and the 304 to a client whose copy is current come from
/// [`Cached`], as for every public answer.
async fn cover(Path(name): Path<String>) -> Result<Cached<Response>, AppError> {
    let (_, body) = COVERS
        .iter()
        .find(|(cover, _)| *cover == name)
        .ok_or(AppError::NotFound("no such picture"))?;
    let image = (
        [(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"))],
        *body,
    );
    // The files change only with a release.
    Ok(Cached::new(CachePolicy::Reference, image.into_response()))
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
