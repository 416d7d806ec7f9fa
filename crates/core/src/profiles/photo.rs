//! Profile photos: only JPEG, PNG or WebP; decoded within strict limits (so a
//! decompression bomb is refused, not allocated), cropped square, resized to fixed sizes
//! and re-encoded as JPEG — which drops EXIF, GPS and anything else the file carried.

use crate::error::FieldError;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// The largest upload accepted.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// The most pixels a photo may have unless the operator says otherwise (one of the
/// limits, see [`crate::ratelimit::PHOTO_MEGAPIXELS`]).
pub const MAX_MEGAPIXELS: u32 = crate::ratelimit::PHOTO_MEGAPIXELS;
/// The largest width or height accepted, whatever the budget.
pub const MAX_SIDE: u32 = 8_000;
/// Decoding may not allocate more than this, whatever the file claims.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;
/// The sizes a photo is stored in (square, in pixels): list avatars, profile header,
/// and a large one for high-density screens.
pub const SIZES: [u32; 3] = [80, 256, 512];
/// Squares larger than twice this are first scaled down to it with a cheap filter; the
/// fine filter then works on a small image, whatever the upload's size (below, the
/// extra pass would cost more than it saves).
const PRESCALED: u32 = 2 * SIZES[SIZES.len() - 1];

/// One stored rendition.
pub struct Rendition {
    pub size: u32,
    pub jpeg: Vec<u8>,
}

/// Turns an upload of at most `max_megapixels` into the stored renditions, or says what
/// is wrong with it. The size is read from the file's header and checked before
/// anything is decoded.
pub fn process(upload: &[u8], max_megapixels: u32) -> Result<Vec<Rendition>, FieldError> {
    let problem = |code| FieldError::new("photo", code);
    if upload.is_empty() {
        return Err(problem("required"));
    }
    if upload.len() > MAX_BYTES {
        return Err(problem("image_too_large"));
    }
    let format = image::guess_format(upload).map_err(|_| problem("image_unsupported"))?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(problem("image_unsupported"));
    }
    let mut decoder = ImageReader::with_format(Cursor::new(upload), format)
        .into_decoder()
        .map_err(|_| problem("image_unreadable"))?;
    let (width, height) = decoder.dimensions();
    let budget = u64::from(max_megapixels) * 1_000_000;
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > budget {
        return Err(problem("image_too_many_pixels"));
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    decoder.set_limits(limits).map_err(|_| problem("image_too_large"))?;
    let image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => problem("image_too_large"),
        _ => problem("image_unreadable"),
    })?;
    let mut square = crop_square(image);
    if square.width() > 2 * PRESCALED {
        square = square.thumbnail_exact(PRESCALED, PRESCALED);
    }
    SIZES
        .iter()
        .map(|&size| {
            let resized = square.resize_exact(size, size, FilterType::Lanczos3).to_rgb8();
            let mut jpeg = Vec::new();
            JpegEncoder::new_with_quality(&mut jpeg, 85)
                .encode_image(&resized)
                .map_err(|_| problem("image_unreadable"))?;
            Ok(Rendition { size, jpeg })
        })
        .collect()
}

/// The largest centred square.
fn crop_square(image: DynamicImage) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    let side = w.min(h);
    image.crop_imm((w - side) / 2, (h - side) / 2, side, side)
}

/// The stored size to serve for a requested one.
pub fn nearest_size(requested: u32) -> u32 {
    SIZES.into_iter().find(|&s| s >= requested).unwrap_or(SIZES[SIZES.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, RgbImage};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn photos_come_out_square_in_every_size() {
        let renditions = process(&png(640, 480), MAX_MEGAPIXELS).unwrap();
        for (r, size) in renditions.iter().zip(SIZES) {
            let img = image::load_from_memory(&r.jpeg).unwrap();
            assert_eq!((img.width(), img.height()), (size, size));
            assert_eq!(image::guess_format(&r.jpeg).unwrap(), ImageFormat::Jpeg);
        }
    }

    #[test]
    fn metadata_does_not_survive() {
        // A JPEG with an EXIF segment that carries a GPS marker.
        let mut jpeg = Vec::new();
        let img = RgbImage::from_pixel(64, 64, image::Rgb([200, 10, 10]));
        JpegEncoder::new(&mut jpeg).encode_image(&img).unwrap();
        let exif = b"Exif\0\0GPSLatitude=51.34;GPSLongitude=12.37";
        let mut segment = vec![0xFF, 0xE1];
        segment.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        segment.extend_from_slice(exif);
        jpeg.splice(2..2, segment);
        assert!(jpeg.windows(11).any(|w| w == b"GPSLatitude"));
        for r in process(&jpeg, MAX_MEGAPIXELS).unwrap() {
            assert!(!r.jpeg.windows(4).any(|w| w == b"Exif"), "no EXIF");
            assert!(!r.jpeg.windows(11).any(|w| w == b"GPSLatitude"), "no GPS");
        }
    }

    #[test]
    fn decompression_bombs_are_refused_without_decoding() {
        // A valid PNG header claiming 60000 x 60000 pixels (10 GiB as RGB).
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(process(&bomb, MAX_MEGAPIXELS).err().map(|e| e.code), Some("image_too_many_pixels"));
    }

    /// PNG's chunk checksum (CRC-32, IEEE), so the forged header is otherwise valid.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    #[test]
    fn the_pixel_budget_is_checked_before_decoding() {
        // A real 7999 x 7999 image of one colour: small as a file, 64 megapixels inside.
        let mut out = Vec::new();
        let img = RgbImage::from_pixel(7_999, 7_999, image::Rgb([1, 2, 3]));
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(img.as_raw(), 7_999, 7_999, image::ExtendedColorType::Rgb8)
            .unwrap();
        assert!(out.len() < MAX_BYTES);
        assert_eq!(process(&out, MAX_MEGAPIXELS).err().map(|e| e.code), Some("image_too_many_pixels"));
        // Within an operator's smaller budget or not.
        assert!(process(&png(2_000, 1_000), 2).is_ok());
        assert_eq!(process(&png(2_001, 1_000), 2).err().map(|e| e.code), Some("image_too_many_pixels"));
    }

    #[test]
    fn other_files_are_refused() {
        assert_eq!(process(b"GIF89a....", MAX_MEGAPIXELS).err().map(|e| e.code), Some("image_unsupported"));
        assert_eq!(process(b"hello", MAX_MEGAPIXELS).err().map(|e| e.code), Some("image_unsupported"));
        let mut broken = png(32, 32);
        broken.truncate(60);
        assert_eq!(process(&broken, MAX_MEGAPIXELS).err().map(|e| e.code), Some("image_unreadable"));
        assert_eq!(process(&[], MAX_MEGAPIXELS).err().map(|e| e.code), Some("required"));
    }
}
