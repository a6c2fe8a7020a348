//! Uploaded photos: `clean_photo` (format by content, pixel budget from the header, decode,
//! re-encode, thumbnail) on any bytes. The first byte chooses the mode: odd, the rest are the
//! file as uploaded; even, a small picture is drawn from the rest, encoded as JPEG, PNG or WebP,
//! then a few of its bytes are overwritten from the input, so that the decoders' deeper paths are
//! reached. Must hold: no panic; a cleaned photo fits `MAX_STORED_SIDE` and its thumbnail
//! `THUMBNAIL_WIDTH`, and both encodings are non-empty. The same bytes go through
//! `clean_favicon` (the settings page's favicon upload, PNG or ICO): a cleaned favicon is a PNG
//! of at most `FAVICON_SIDE` pixels a side.
#![no_main]

use std::io::Cursor;

use daihoi_web::portal::identity::{FAVICON_SIDE, clean_favicon};
use daihoi_web::portal::photos::{MAX_STORED_SIDE, THUMBNAIL_WIDTH, clean_photo};
use image::{DynamicImage, ImageFormat, RgbaImage};
use libfuzzer_sys::fuzz_target;

/// A picture drawn from `data`, encoded, then damaged where `data` says.
fn drawn(data: &[u8]) -> Option<Vec<u8>> {
    let (&[w, h, format, edits], rest) = data.split_first_chunk::<4>()?;
    let (w, h) = (u32::from(w % 64) + 1, u32::from(h % 64) + 1);
    let pixels: Vec<u8> = (0..w * h * 4)
        .map(|i| {
            rest.get(i as usize % rest.len().max(1))
                .copied()
                .unwrap_or(0)
                ^ i as u8
        })
        .collect();
    let image = DynamicImage::ImageRgba8(RgbaImage::from_raw(w, h, pixels)?);
    let (image, format) = match format % 3 {
        0 => (DynamicImage::ImageRgb8(image.to_rgb8()), ImageFormat::Jpeg),
        1 => (image, ImageFormat::Png),
        _ => (image, ImageFormat::WebP),
    };
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), format).ok()?;
    for pair in rest.chunks_exact(3).take(usize::from(edits % 8)) {
        let at = usize::from(u16::from_le_bytes([pair[0], pair[1]])) % bytes.len();
        bytes[at] = pair[2];
    }
    Some(bytes)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 1 {
        rest.to_vec()
    } else {
        match drawn(rest) {
            Some(bytes) => bytes,
            None => return,
        }
    };
    if let Ok(photo) = clean_photo(&bytes) {
        assert!(photo.width.max(photo.height) <= MAX_STORED_SIDE);
        assert!(photo.thumb_width <= THUMBNAIL_WIDTH.max(photo.width));
        assert!(photo.thumb_width <= THUMBNAIL_WIDTH);
        assert!(!photo.full.is_empty() && !photo.thumb.is_empty());
    }
    if let Ok(png) = clean_favicon(&bytes) {
        let icon = image::load_from_memory_with_format(&png, ImageFormat::Png)
            .expect("a cleaned favicon is a PNG");
        assert!(icon.width().max(icon.height()) <= FAVICON_SIDE);
    }
});
