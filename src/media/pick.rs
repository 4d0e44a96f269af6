//! Choosing among an image's renditions, the same for every API: the nearest at or
//! above a width, else the largest; and the `srcset` of a kind and format.

use super::MediaView;
use crate::{
    domain::{ImageFormat, RenditionKind},
    entity::media_rendition,
};

/// The rendition of `kind` in `format` for a display `width` pixels wide: the
/// narrowest at least that wide, else the widest there is; with no width, the
/// widest. The whole picture falls back to the original (in its own format) while
/// its renditions are being made.
pub fn rendition(
    view: &MediaView,
    kind: RenditionKind,
    format: ImageFormat,
    width: Option<u32>,
) -> Option<&media_rendition::Model> {
    let mut candidates: Vec<&media_rendition::Model> = view
        .renditions
        .iter()
        .filter(|r| r.kind == kind && r.format == format)
        .collect();
    candidates.sort_by_key(|r| r.width);
    let chosen = match width {
        Some(width) => candidates
            .iter()
            .find(|r| r.width >= width as i32)
            .or(candidates.last())
            .copied(),
        None => candidates.last().copied(),
    };
    chosen.or_else(|| {
        (kind == RenditionKind::Width)
            .then(|| original(view))
            .flatten()
    })
}

/// The cleaned original.
pub fn original(view: &MediaView) -> Option<&media_rendition::Model> {
    view.renditions
        .iter()
        .find(|r| r.kind == RenditionKind::Original)
}

/// The renditions of `kind` in `format`, narrowest first, for a `srcset`.
pub fn widths(
    view: &MediaView,
    kind: RenditionKind,
    format: ImageFormat,
) -> Vec<&media_rendition::Model> {
    let mut list: Vec<&media_rendition::Model> = view
        .renditions
        .iter()
        .filter(|r| r.kind == kind && r.format == format)
        .collect();
    list.sort_by_key(|r| r.width);
    list
}
