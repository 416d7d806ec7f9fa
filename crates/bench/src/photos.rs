//! `kontor-bench photos`: what one profile photo costs, by size, with Kontor's pipeline
//! (pixel budget from the header, cheap pre-scaling, then Lanczos) beside the plain one
//! it replaced (decode everything, Lanczos from full size), and what refusing a
//! 64-megapixel file costs.

use anyhow::Result;
use image::ImageEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use kontor_core::profiles::photo::{self, MAX_MEGAPIXELS, SIZES};
use std::time::{Duration, Instant};

/// A photo-like JPEG: smooth gradients with noise, so it neither compresses to nothing
/// nor is pure noise.
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let noise = (seed % 24) as u8;
        image::Rgb([(x * 255 / w) as u8 ^ noise, (y * 255 / h) as u8, ((x + y) % 256) as u8 ^ noise])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90).encode_image(&img).expect("encoding");
    out
}

/// The pipeline before the pixel budget: decode, crop, Lanczos from full size.
fn plain(upload: &[u8]) {
    let image = image::load_from_memory(upload).expect("decoding");
    let side = image.width().min(image.height());
    let square = image.crop_imm((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    for size in SIZES {
        let resized = square.resize_exact(size, size, FilterType::Lanczos3).to_rgb8();
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 85).encode_image(&resized).expect("encoding");
    }
}

/// The mean of `runs` timed runs, after one untimed run: the first run of either pipeline
/// pays for the allocator's first pages and cold caches, which made whichever ran first
/// look slower.
fn time(runs: u32, f: impl Fn()) -> Duration {
    f();
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed() / runs
}

pub fn run(args: &[String]) -> Result<bool> {
    let runs = if args.iter().any(|a| a == "--quick") { 1 } else { 3 };
    println!("photo pipeline, mean of {runs} run(s) per size (one core)");
    println!("{:>14} {:>9} {:>12} {:>12}", "size", "file", "kontor", "plain");
    for (w, h) in [(1_600, 1_200), (4_032, 3_024), (4_000, 4_000)] {
        let upload = jpeg(w, h);
        let ours = time(runs, || {
            photo::process(&upload, MAX_MEGAPIXELS).expect("within the budget");
        });
        let theirs = time(runs, || plain(&upload));
        let size = format!("{w}×{h}");
        println!("{size:>14} {:>7}kB {:>10.0}ms {:>10.0}ms", upload.len() / 1024, ms(ours), ms(theirs));
    }
    let mut big = Vec::new();
    let img = image::RgbImage::from_pixel(7_999, 7_999, image::Rgb([200, 200, 200]));
    image::codecs::png::PngEncoder::new(&mut big)
        .write_image(img.as_raw(), 7_999, 7_999, image::ExtendedColorType::Rgb8)
        .expect("encoding");
    let refused = time(runs, || {
        assert!(photo::process(&big, MAX_MEGAPIXELS).is_err(), "over the budget");
    });
    // Once, untimed run included: decoding it takes seconds.
    let start = Instant::now();
    plain(&big);
    let plain_big = start.elapsed();
    println!(
        "{:>14} {:>7}kB {:>10.2}ms {:>10.0}ms  (refused from the header; plain decodes it)",
        "7999×7999 png",
        big.len() / 1024,
        ms(refused),
        ms(plain_big)
    );
    Ok(true)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
