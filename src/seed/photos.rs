//! The demo's photos, drawn here (gradients, shapes and a label), so a fresh
//! installation shows uploaded images without fetching anything. They are stored
//! through the media service like any upload, so their renditions are made too, and
//! attached as article covers and galleries and as photos of meetings and people.

use std::collections::BTreeMap;

use image::{ImageEncoder, Rgb, RgbImage};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use crate::{
    auth::Viewer,
    domain::{Language, Role, time::Clock},
    entity::{article, meeting, participant, user},
    error::{AppError, AppResult},
    media::{self, Media, TextChange, TextField},
    store,
};

/// How many scene pictures the demo has; its covers share them.
const SCENES: usize = 6;
/// How many portraits; the first people get them.
const PORTRAITS: usize = 3;
/// Scene size: 16:9, small enough to seed fast, wide enough for three renditions.
const SCENE: (u32, u32) = (1280, 720);
/// Portrait size.
const PORTRAIT: (u32, u32) = (600, 750);

/// Colours of the scenes, top and bottom of their gradient.
const PALETTE: [([u8; 3], [u8; 3]); SCENES] = [
    ([24, 54, 110], [120, 170, 220]),
    ([18, 80, 60], [150, 210, 170]),
    ([90, 30, 40], [230, 150, 120]),
    ([40, 40, 70], [190, 180, 230]),
    ([70, 60, 20], [240, 210, 120]),
    ([20, 70, 90], [140, 220, 230]),
];

/// Draws the demo's photos, uploads them as the demo editor and attaches them:
/// every article with a linked cover gets a scene as its uploaded cover (the
/// translations of a story the same one), the first stories a gallery, the first
/// meeting a photo and the first people portraits.
pub async fn attach(db: &DatabaseConnection, media: &Media, clock: &Clock) -> AppResult<()> {
    let editor = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Editor))
        .order_by_asc(user::Column::CreatedAt)
        .one(db)
        .await?
        .ok_or(AppError::NotFound("editor"))?;
    let viewer = Viewer::User {
        id: editor.id,
        role: Role::Editor,
    };
    let mut scenes = Vec::with_capacity(SCENES);
    for n in 0..SCENES {
        let bytes = tokio::task::spawn_blocking(move || jpeg(&scene(n)))
            .await
            .map_err(|e| AppError::Internal(format!("drawing a demo photo: {e}")))?;
        scenes.push(upload(db, media, clock, &viewer, bytes, n + 1, false).await?);
    }
    let mut portraits = Vec::with_capacity(PORTRAITS);
    for n in 0..PORTRAITS {
        let bytes = tokio::task::spawn_blocking(move || jpeg(&portrait(n)))
            .await
            .map_err(|e| AppError::Internal(format!("drawing a demo photo: {e}")))?;
        portraits.push(upload(db, media, clock, &viewer, bytes, n + 1, true).await?);
    }

    // Stories (translation groups) with a linked cover, oldest first.
    let articles = article::Entity::find()
        .filter(article::Column::CoverImageUrl.is_not_null())
        .order_by_asc(article::Column::CreatedAt)
        .order_by_asc(article::Column::Id)
        .all(db)
        .await?;
    let mut stories: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    let mut order = Vec::new();
    for a in &articles {
        if !stories.contains_key(&a.translation_group_id) {
            order.push(a.translation_group_id);
        }
        stories
            .entry(a.translation_group_id)
            .or_default()
            .push(a.id);
    }
    for (i, group) in order.iter().enumerate() {
        let cover = scenes[i % SCENES];
        article::Entity::update_many()
            .col_expr(article::Column::CoverMediaId, Expr::value(cover))
            .filter(article::Column::TranslationGroupId.eq(*group))
            .filter(article::Column::CoverImageUrl.is_not_null())
            .exec(db)
            .await?;
        // The first two stories show a gallery of the next scenes.
        if i < 2 {
            let gallery = [scenes[(i + 1) % SCENES], scenes[(i + 2) % SCENES]];
            for id in &stories[group] {
                store::media::set_gallery(db, *id, &gallery).await?;
            }
        }
    }
    if let Some(first) = meeting::Entity::find()
        .order_by_asc(meeting::Column::HeldOn)
        .order_by_asc(meeting::Column::Id)
        .one(db)
        .await?
    {
        meeting::Entity::update_many()
            .col_expr(meeting::Column::PhotoMediaId, Expr::value(scenes[0]))
            .filter(meeting::Column::Id.eq(first.id))
            .exec(db)
            .await?;
    }
    let people = participant::Entity::find()
        .order_by_asc(participant::Column::FullNameRu)
        .order_by_asc(participant::Column::Id)
        .all(db)
        .await?;
    for (person, photo) in people.iter().zip(&portraits) {
        participant::Entity::update_many()
            .col_expr(participant::Column::PhotoMediaId, Expr::value(*photo))
            .filter(participant::Column::Id.eq(person.id))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn upload(
    db: &DatabaseConnection,
    media: &Media,
    clock: &Clock,
    viewer: &Viewer,
    bytes: Vec<u8>,
    n: usize,
    portrait: bool,
) -> AppResult<Uuid> {
    let (ru, kk, en) = if portrait {
        (
            format!("Условный портрет № {n}: силуэт на цветном фоне"),
            format!("Шартты портрет № {n}: түрлі-түсті фондағы сұлба"),
            format!("Placeholder portrait no. {n}: a silhouette on a coloured ground"),
        )
    } else {
        (
            format!("Условная иллюстрация № {n}: градиент, круги и надпись"),
            format!("Шартты сурет № {n}: градиент, шеңберлер және жазу"),
            format!("Placeholder picture no. {n}: a gradient, circles and a label"),
        )
    };
    let text = |field, lang, value: String| TextChange {
        field,
        lang,
        value: Some(value),
        named: "demo".into(),
    };
    let credit = "Polisia.kz".to_owned();
    let texts = vec![
        text(TextField::Alt, Language::Ru, ru),
        text(TextField::Alt, Language::Kk, kk),
        text(TextField::Alt, Language::En, en),
        text(TextField::Credit, Language::Ru, credit.clone()),
        text(TextField::Credit, Language::Kk, credit.clone()),
        text(TextField::Credit, Language::En, credit),
    ];
    let uploaded = media
        .upload(
            db,
            clock,
            viewer,
            media::Upload {
                bytes,
                field: "file".into(),
                texts,
            },
        )
        .await?;
    Ok(uploaded.view.media.id)
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> Rgb<u8> {
    let c = |i: usize| (f32::from(a[i]) + (f32::from(b[i]) - f32::from(a[i])) * t).round() as u8;
    Rgb([c(0), c(1), c(2)])
}

/// Scene `n`: a diagonal gradient, translucent circles and the label `POLISIA n`.
fn scene(n: usize) -> RgbImage {
    let (w, h) = SCENE;
    let (top, bottom) = PALETTE[n % SCENES];
    let mut picture = RgbImage::from_fn(w, h, |x, y| {
        let t = (y as f32 / h as f32) * 0.7 + (x as f32 / w as f32) * 0.3;
        mix(top, bottom, t)
    });
    // Circles placed by a small deterministic sequence, so every run draws the same.
    let mut seed = 7 + n as u32 * 31;
    let mut next = |m: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 8) % m
    };
    for _ in 0..7 {
        let (cx, cy, r) = (next(w) as i64, next(h) as i64, 40 + next(140) as i64);
        let shade = 0.25 + next(50) as f32 / 100.0;
        for y in (cy - r).max(0)..(cy + r).min(h as i64) {
            for x in (cx - r).max(0)..(cx + r).min(w as i64) {
                if (x - cx).pow(2) + (y - cy).pow(2) <= r * r {
                    let p = picture.get_pixel_mut(x as u32, y as u32);
                    *p = mix(p.0, [255, 255, 255], shade);
                }
            }
        }
    }
    label(
        &mut picture,
        &format!("POLISIA {}", n + 1),
        48,
        h - 48 - 7 * 10,
        10,
    );
    picture
}

/// Portrait `n`: a gradient with a head-and-shoulders silhouette.
fn portrait(n: usize) -> RgbImage {
    let (w, h) = PORTRAIT;
    let (top, bottom) = PALETTE[(n + 2) % SCENES];
    let mut picture = RgbImage::from_fn(w, h, |_, y| mix(bottom, top, y as f32 / h as f32));
    let (cx, head_y, head_r) = (w as i64 / 2, h as i64 * 2 / 5, w as i64 / 6);
    let (body_y, body_rx, body_ry) = (h as i64, w as i64 * 2 / 5, h as i64 * 3 / 10);
    for y in 0..h as i64 {
        for x in 0..w as i64 {
            let head = (x - cx).pow(2) + (y - head_y).pow(2) <= head_r * head_r;
            let dx = (x - cx) as f64 / body_rx as f64;
            let dy = (y - body_y) as f64 / body_ry as f64;
            if head || dx * dx + dy * dy <= 1.0 {
                picture.put_pixel(x as u32, y as u32, Rgb([30, 34, 48]));
            }
        }
    }
    label(&mut picture, &format!("{}", n + 1), 24, 24, 8);
    picture
}

/// Glyphs of a 5 × 7 bitmap font, rows top to bottom, bit 4 leftmost: the
/// characters the labels use.
fn glyph(c: char) -> [u8; 7] {
    match c {
        'P' => [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
        'O' | '0' => [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
        'I' => [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E],
        'S' => [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E],
        'A' => [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        _ => [0; 7],
    }
}

/// Writes `text` at (`x`, `y`) in white, each font pixel `scale` pixels wide, on a
/// dark band so it reads on any ground.
fn label(picture: &mut RgbImage, text: &str, x: u32, y: u32, scale: u32) {
    let advance = 6 * scale;
    let (band_w, band_h) = (text.chars().count() as u32 * advance + scale * 2, 9 * scale);
    for py in y.saturating_sub(scale)..(y - scale.min(y) + band_h).min(picture.height()) {
        for px in x.saturating_sub(scale)..(x - scale.min(x) + band_w).min(picture.width()) {
            let p = picture.get_pixel_mut(px, py);
            *p = mix(p.0, [0, 0, 0], 0.55);
        }
    }
    for (i, c) in text.chars().enumerate() {
        let rows = glyph(c);
        for (row, bits) in rows.iter().enumerate() {
            for col in 0..5u32 {
                if bits & (0x10 >> col) == 0 {
                    continue;
                }
                for dy in 0..scale {
                    for dx in 0..scale {
                        let px = x + i as u32 * advance + col * scale + dx;
                        let py = y + row as u32 * scale + dy;
                        if px < picture.width() && py < picture.height() {
                            picture.put_pixel(px, py, Rgb([255, 255, 255]));
                        }
                    }
                }
            }
        }
    }
}

fn jpeg(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoding a picture in memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenes_and_portraits_are_drawn_with_their_label() {
        let picture = scene(0);
        assert_eq!(picture.dimensions(), SCENE);
        // The label's strokes are white; the ground never is.
        assert!(picture.pixels().any(|p| p.0 == [255, 255, 255]));
        assert_ne!(scene(0), scene(1));
        assert_eq!(portrait(0).dimensions(), PORTRAIT);
        let bytes = jpeg(&picture);
        assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
    }
}
