//! The pixel work: decoding an upload within limits, turning it upright, encoding it
//! again without its metadata, and making renditions. Everything here is
//! synchronous and CPU-bound: callers run it on blocking threads.

use std::io::Cursor;

use image::{
    DynamicImage, ExtendedColorType, ImageDecoder, ImageEncoder, ImageReader, Limits,
    codecs::{jpeg::JpegEncoder, png::PngEncoder},
    imageops::FilterType,
    metadata::Orientation,
};

use crate::domain::{
    ImageFormat, RenditionKind,
    media::{FocalPoint, crop_window, widths_for},
};

use super::settings::MAX_SIDE;

/// JPEG quality of renditions and cleaned JPEG originals.
const JPEG_QUALITY: u8 = 82;
/// WebP quality (libwebp's 0–100 scale) of renditions and cleaned WebP originals.
const WEBP_QUALITY: f32 = 78.0;

/// Why an upload cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// More pixels than allowed, or a side longer than [`MAX_SIDE`].
    TooManyPixels,
    /// Not a picture in the format its bytes claim.
    Undecodable,
}

/// An upload decoded, upright, and encoded again with nothing but its pixels.
pub struct Cleaned {
    pub image: DynamicImage,
    pub encoded: Vec<u8>,
}

/// Decodes `bytes` as `format`, refusing more than `max_pixels` before any pixel is
/// decoded (a small file can declare a huge picture), applies the EXIF orientation
/// and encodes the result again, which leaves EXIF (and GPS with it), XMP, ICC and
/// comments behind.
pub fn clean(bytes: &[u8], format: ImageFormat, max_pixels: u64) -> Result<Cleaned, Refusal> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format(format));
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // Four bytes a pixel, and room for the decoder's own buffers.
    limits.max_alloc = Some(max_pixels.saturating_mul(4).saturating_add(64 << 20));
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(Refusal::TooManyPixels);
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    image.apply_orientation(orientation);
    let encoded = encode(&image, format).map_err(|_| Refusal::Undecodable)?;
    Ok(Cleaned { image, encoded })
}

fn refusal(err: image::ImageError) -> Refusal {
    match err {
        image::ImageError::Limits(_) => Refusal::TooManyPixels,
        _ => Refusal::Undecodable,
    }
}

fn image_format(format: ImageFormat) -> image::ImageFormat {
    match format {
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Webp => image::ImageFormat::WebP,
    }
}

/// Decodes a cleaned original again, to make its renditions.
pub fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, String> {
    image::load_from_memory_with_format(bytes, image_format(format)).map_err(|e| e.to_string())
}

/// `image` encoded as `format`: JPEG and WebP lossy, PNG lossless; no metadata.
pub fn encode(image: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, String> {
    let (width, height) = (image.width(), image.height());
    let mut out = Vec::new();
    match format {
        ImageFormat::Jpeg => {
            // JPEG has no transparency: transparent parts keep their colour.
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
                .encode(rgb.as_raw(), width, height, ExtendedColorType::Rgb8)
                .map_err(|e| e.to_string())?;
        }
        ImageFormat::Png => {
            let rgba = image.to_rgba8();
            PngEncoder::new(&mut out)
                .write_image(rgba.as_raw(), width, height, ExtendedColorType::Rgba8)
                .map_err(|e| e.to_string())?;
        }
        ImageFormat::Webp => {
            let encoded = if image.color().has_alpha() {
                let rgba = image.to_rgba8();
                webp::Encoder::from_rgba(rgba.as_raw(), width, height)
                    .encode_simple(false, WEBP_QUALITY)
                    .map(|memory| memory.to_vec())
            } else {
                let rgb = image.to_rgb8();
                webp::Encoder::from_rgb(rgb.as_raw(), width, height)
                    .encode_simple(false, WEBP_QUALITY)
                    .map(|memory| memory.to_vec())
            };
            out = encoded.map_err(|e| format!("WebP encoding failed: {e:?}"))?;
        }
    }
    Ok(out)
}

/// One file made from an image.
pub struct Made {
    pub kind: RenditionKind,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// The formats every rendition is made in.
pub const RENDITION_FORMATS: [ImageFormat; 2] = [ImageFormat::Webp, ImageFormat::Jpeg];

/// The renditions of `kinds` of `image`: the whole picture, or its crop around
/// `focal`, at each width it reaches, in WebP and JPEG.
pub fn renditions(
    image: &DynamicImage,
    kinds: &[RenditionKind],
    focal: FocalPoint,
) -> Result<Vec<Made>, String> {
    let mut made = Vec::new();
    for &kind in kinds {
        let source = match kind.aspect() {
            None => image.clone(),
            Some(aspect) => {
                let w = crop_window(image.width(), image.height(), aspect, focal);
                image.crop_imm(w.x, w.y, w.width, w.height)
            }
        };
        for width in widths_for(source.width()) {
            let sized = if width == source.width() {
                source.clone()
            } else {
                let height = ((u64::from(source.height()) * u64::from(width)
                    + u64::from(source.width()) / 2)
                    / u64::from(source.width()))
                .max(1) as u32;
                source.resize_exact(width, height, FilterType::Lanczos3)
            };
            for format in RENDITION_FORMATS {
                made.push(Made {
                    kind,
                    format,
                    width: sized.width(),
                    height: sized.height(),
                    bytes: encode(&sized, format)?,
                });
            }
        }
    }
    Ok(made)
}
