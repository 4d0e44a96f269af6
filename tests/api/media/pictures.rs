//! Test pictures made in code, multipart forms built by hand (so a test can lie
//! about a file's name and type), and uploading and waiting on images.

use std::{io::Cursor, time::Duration};

use image::{ImageEncoder, Rgb, RgbImage};
use serde_json::Value;

use crate::helpers::{RestResponse, TestApp};

/// How long renditions may take (real time: decoding and encoding, not the clock).
pub const WITHIN: Duration = Duration::from_secs(60);

/// A picture with a gradient, so that every rendition has something to encode.
pub fn gradient(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            128,
        ])
    })
}

/// `picture` as a PNG.
pub fn png_of(picture: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A PNG `width` × `height`.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    png_of(&gradient(width, height))
}

/// A JPEG `width` × `height`.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let picture = gradient(width, height);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A (lossless) WebP `width` × `height`.
pub fn webp(width: u32, height: u32) -> Vec<u8> {
    let picture = gradient(width, height);
    let mut out = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut out)
        .encode(
            picture.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// The latitude in the GPS record of [`jpeg_with_gps`]: 43° 15' 30", as a phone
/// writes it: three rationals.
const LATITUDE: [(u32, u32); 3] = [(43, 1), (15, 1), (3000, 100)];

/// A JPEG 80 × 40 as a phone saves it held upright: an EXIF (APP1) segment saying
/// "rotate 90° clockwise to show" (orientation 6) and where it was taken (a GPS IFD
/// with the latitude). Shown right, it is 40 × 80.
pub fn jpeg_with_gps() -> Vec<u8> {
    let plain = jpeg(80, 40);
    // TIFF, little-endian, offsets from its start.
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    // IFD0 at 8: orientation and the GPS IFD's offset.
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value);
        e
    };
    let gps_ifd: u32 = 8 + 2 + 2 * 12 + 4;
    let latitude_at: u32 = gps_ifd + 2 + 2 * 12 + 4;
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, [6, 0, 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, gps_ifd.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    // The GPS IFD: latitude reference and latitude.
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, latitude_at.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    for (numerator, denominator) in LATITUDE {
        tiff.extend(numerator.to_le_bytes());
        tiff.extend(denominator.to_le_bytes());
    }
    let mut segment = vec![0xFF, 0xE1];
    segment.extend(((2 + 6 + tiff.len()) as u16).to_be_bytes());
    segment.extend(b"Exif\0\0");
    segment.extend(&tiff);
    // Right after the start-of-image marker.
    let mut out = plain[..2].to_vec();
    out.extend(segment);
    out.extend(&plain[2..]);
    out
}

/// Whether `bytes` hold anything of [`jpeg_with_gps`]'s metadata: an APP1 marker,
/// the `Exif` header, or the latitude's rationals.
pub fn carries_exif(bytes: &[u8]) -> bool {
    let latitude: Vec<u8> = LATITUDE
        .iter()
        .flat_map(|(n, d)| n.to_le_bytes().into_iter().chain(d.to_le_bytes()))
        .collect();
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(&[0xFF, 0xE1]) || has(b"Exif") || has(&latitude)
}

/// CRC-32 (IEEE) of PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A few hundred bytes of PNG whose header declares 100000 × 100000 pixels: 30 GB
/// once decoded, a decompression bomb.
pub fn bomb_png() -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend(data);
        c.extend(&body);
        c.extend(crc32(&body).to_be_bytes());
        c
    };
    let mut header = 100_000u32.to_be_bytes().to_vec();
    header.extend(100_000u32.to_be_bytes());
    // 8-bit RGB, deflate, no filter choice, no interlace.
    header.extend([8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &header));
    // A zlib stream of a few zero bytes: what follows would be zeros too.
    out.extend(chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    ));
    out.extend(chunk(b"IEND", &[]));
    out
}

/// One part of a form.
pub struct Part<'a> {
    pub name: &'a str,
    /// The file's name and type, for a file.
    pub file: Option<(&'a str, &'a str)>,
    pub bytes: &'a [u8],
}

impl<'a> Part<'a> {
    /// The image field `file`.
    pub fn file(name: &'a str, kind: &'a str, bytes: &'a [u8]) -> Part<'a> {
        Part {
            name: "file",
            file: Some((name, kind)),
            bytes,
        }
    }

    /// A text field.
    pub fn text(name: &'a str, value: &'a str) -> Part<'a> {
        Part {
            name,
            file: None,
            bytes: value.as_bytes(),
        }
    }
}

const BOUNDARY: &str = "----polisia-test-boundary-7MA4YWxkTrZu0gW";

/// A multipart/form-data body of `parts`, and its content type.
pub fn form(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for part in parts {
        body.extend(format!("--{BOUNDARY}\r\n").as_bytes());
        match part.file {
            Some((file_name, kind)) => body.extend(
                format!(
                    "Content-Disposition: form-data; name=\"{}\"; filename=\"{file_name}\"\r\nContent-Type: {kind}\r\n\r\n",
                    part.name
                )
                .as_bytes(),
            ),
            None => body.extend(
                format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", part.name)
                    .as_bytes(),
            ),
        }
        body.extend(part.bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

impl TestApp {
    /// POSTs a form of `parts` to `/api/v1/media` with `authorization` (if any).
    pub async fn upload_form(
        &self,
        authorization: Option<&str>,
        parts: &[Part<'_>],
    ) -> RestResponse {
        let (kind, body) = form(parts);
        let mut request = self
            .client
            .post(self.url("/api/v1/media"))
            .header("content-type", kind)
            .body(body);
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        RestResponse::read(request.send().await.expect("the upload is answered")).await
    }

    /// Uploads `bytes` as `authorization`, which must succeed; the image.
    pub async fn upload(&self, authorization: &str, bytes: &[u8]) -> Value {
        let answer = self
            .upload_form(
                Some(authorization),
                &[Part::file("photo.bin", "application/octet-stream", bytes)],
            )
            .await;
        assert!(
            answer.status.is_success(),
            "{}: {:?}",
            answer.status,
            answer.body
        );
        answer.json().clone()
    }

    /// The image of `id` once it is no longer PENDING, asking the API until then.
    pub async fn settled(&self, id: &str) -> Value {
        let deadline = tokio::time::Instant::now() + WITHIN;
        loop {
            let answer = self.rest_get(&format!("/api/v1/media/{id}")).await;
            assert_eq!(answer.status, 200, "{:?}", answer.body);
            let image = answer.json().clone();
            if image["state"] != "PENDING" {
                return image;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the renditions of {id} were not made within {WITHIN:?}"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The bytes at an absolute `url` of this service.
    pub async fn fetch(&self, url: &str) -> Vec<u8> {
        let path = url.strip_prefix("https://news.example.kz").unwrap_or(url);
        let answer = self.get(path).await;
        assert_eq!(answer.status(), 200, "{url}");
        answer.bytes().await.unwrap().to_vec()
    }
}

/// Decodes a served file.
pub fn decode(bytes: &[u8]) -> image::DynamicImage {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .unwrap()
        .decode()
        .expect("a picture")
}
