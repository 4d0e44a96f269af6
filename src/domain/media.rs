//! The rules of uploaded images that need no pixels: which format a file is (by its
//! bytes, never its name), which widths are made of it, where a crop falls, and what
//! each stored file is called.

use super::{ImageFormat, RenditionKind};

/// The widths renditions are made at; none above the original's own width.
pub const RENDITION_WIDTHS: [u32; 4] = [320, 640, 1024, 1600];

impl ImageFormat {
    /// The format `bytes` are in, by their magic numbers; `None` for anything else
    /// (an SVG, a text file, a GIF), whatever the file was called.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageFormat::Webp)
        } else {
            None
        }
    }

    /// The media type the format is served as.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::Webp => "image/webp",
        }
    }

    /// The file extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Webp => "webp",
        }
    }
}

impl RenditionKind {
    /// The width:height a crop has; `None` for the whole picture.
    pub fn aspect(self) -> Option<(u32, u32)> {
        match self {
            RenditionKind::Wide => Some((16, 9)),
            RenditionKind::Square => Some((1, 1)),
            RenditionKind::Original | RenditionKind::Width => None,
        }
    }

    /// The part of a stored file's name that says what it is.
    fn prefix(self) -> &'static str {
        match self {
            RenditionKind::Original => "original",
            RenditionKind::Width => "w",
            RenditionKind::Wide => "16x9-",
            RenditionKind::Square => "1x1-",
        }
    }
}

/// The name of a stored file of one image, unique within it: `original-1a2b3c4d.jpg`,
/// `w640-….webp`, `16x9-1024-….jpg`, `1x1-320-….webp`. `version` is the start of
/// the file's content hash: a crop made again around a new focal point gets a new
/// name, so a copy cached as immutable is never stale.
pub fn file_name(kind: RenditionKind, width: u32, format: ImageFormat, version: &str) -> String {
    let version = &version[..version.len().min(12)];
    match kind {
        RenditionKind::Original => format!("original-{version}.{}", format.extension()),
        _ => format!("{}{width}-{version}.{}", kind.prefix(), format.extension()),
    }
}

/// The widths to make of a picture `source_width` wide: those of
/// [`RENDITION_WIDTHS`] it reaches, never an upscale, and the picture's own width
/// when it is narrower than the smallest, so that there is always one.
pub fn widths_for(source_width: u32) -> Vec<u32> {
    let widths: Vec<u32> = RENDITION_WIDTHS
        .into_iter()
        .filter(|w| *w <= source_width)
        .collect();
    if widths.is_empty() {
        vec![source_width.max(1)]
    } else {
        widths
    }
}

/// Where the editor wants a crop to look: x and y in 0..=1 from the top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FocalPoint {
    pub x: f64,
    pub y: f64,
}

impl Default for FocalPoint {
    /// The middle of the picture.
    fn default() -> Self {
        FocalPoint { x: 0.5, y: 0.5 }
    }
}

impl FocalPoint {
    /// A focal point, or the name of the coordinate outside 0..=1.
    pub fn new(x: f64, y: f64) -> Result<FocalPoint, &'static str> {
        let fits = |v: f64| v.is_finite() && (0.0..=1.0).contains(&v);
        if !fits(x) {
            Err("x")
        } else if !fits(y) {
            Err("y")
        } else {
            Ok(FocalPoint { x, y })
        }
    }
}

/// A rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The largest window of `aspect` inside a `width` × `height` picture, centred on
/// `focal` as far as the picture's edges allow.
pub fn crop_window(width: u32, height: u32, aspect: (u32, u32), focal: FocalPoint) -> Window {
    let (aw, ah) = (u64::from(aspect.0), u64::from(aspect.1));
    let (w, h) = (u64::from(width), u64::from(height));
    // As wide as the picture if that is not too tall, else as tall as it.
    let (cw, ch) = if w * ah <= h * aw {
        (w, (w * ah / aw).max(1))
    } else {
        ((h * aw / ah).max(1), h)
    };
    let place = |size: u64, window: u64, at: f64| -> u32 {
        let centre = (at * size as f64).round() as i64;
        let start = centre - (window as i64) / 2;
        start.clamp(0, (size - window) as i64) as u32
    };
    Window {
        x: place(w, cw, focal.x),
        y: place(h, ch, focal.y),
        width: cw as u32,
        height: ch as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_known_by_their_bytes() {
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(
            ImageFormat::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(ImageFormat::Webp)
        );
        assert_eq!(ImageFormat::sniff(b"<svg xmlns=\"...\"/>"), None);
        assert_eq!(ImageFormat::sniff(b"GIF89a"), None);
        assert_eq!(ImageFormat::sniff(b""), None);
    }

    #[test]
    fn widths_never_upscale_and_one_is_always_made() {
        assert_eq!(widths_for(2000), vec![320, 640, 1024, 1600]);
        assert_eq!(widths_for(1024), vec![320, 640, 1024]);
        assert_eq!(widths_for(700), vec![320, 640]);
        assert_eq!(widths_for(200), vec![200]);
    }

    #[test]
    fn crops_centre_on_the_focal_point_within_the_picture() {
        let middle = crop_window(1600, 1200, (16, 9), FocalPoint::default());
        assert_eq!(
            middle,
            Window {
                x: 0,
                y: 150,
                width: 1600,
                height: 900
            }
        );
        let top = crop_window(1600, 1200, (16, 9), FocalPoint { x: 0.5, y: 0.0 });
        assert_eq!(top.y, 0);
        let bottom = crop_window(1600, 1200, (16, 9), FocalPoint { x: 0.5, y: 1.0 });
        assert_eq!(bottom.y, 300);
        let square = crop_window(1600, 900, (1, 1), FocalPoint { x: 0.9, y: 0.5 });
        assert_eq!(
            square,
            Window {
                x: 700,
                y: 0,
                width: 900,
                height: 900
            }
        );
    }

    #[test]
    fn focal_points_stay_inside_the_picture() {
        assert!(FocalPoint::new(0.0, 1.0).is_ok());
        assert_eq!(FocalPoint::new(1.5, 0.5), Err("x"));
        assert_eq!(FocalPoint::new(0.5, -0.1), Err("y"));
        assert_eq!(FocalPoint::new(f64::NAN, 0.5), Err("x"));
    }

    #[test]
    fn each_file_has_its_own_name() {
        assert_eq!(
            file_name(
                RenditionKind::Original,
                0,
                ImageFormat::Png,
                "0123456789abcdef"
            ),
            "original-0123456789ab.png"
        );
        assert_eq!(
            file_name(RenditionKind::Width, 640, ImageFormat::Webp, "ab12"),
            "w640-ab12.webp"
        );
        assert_eq!(
            file_name(RenditionKind::Wide, 1024, ImageFormat::Jpeg, "ab12"),
            "16x9-1024-ab12.jpg"
        );
    }
}
