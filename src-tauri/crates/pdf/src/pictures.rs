//! What a picture says of itself before it is decoded: its format and size
//! in pixels, read from its header. A small PNG or JPEG can declare a
//! picture of gigapixels, which decoding would try to hold in memory; such
//! a picture is refused before it is decoded.

/// The largest picture, in pixels either way, that is decoded.
pub const MAX_SIDE: u32 = 8000;

/// A picture's width and height as its header gives them, for a PNG or a
/// JPEG; `None` for anything else or a header that is cut off.
pub fn size(bytes: &[u8]) -> Option<(u32, u32)> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(PNG) {
        // The first chunk is IHDR: length, type, width, height.
        if bytes.get(12..16)? != b"IHDR" {
            return None;
        }
        let be = |at: usize| -> Option<u32> {
            Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        return Some((be(16)?, be(20)?));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        return jpeg_size(bytes);
    }
    None
}

/// The size in a JPEG's first start-of-frame segment.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Segments start with 0xFF, possibly padded with more of them.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let start_of_frame =
            (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if start_of_frame {
            let h = u16::from_be_bytes([*bytes.get(at + 5)?, *bytes.get(at + 6)?]);
            let w = u16::from_be_bytes([*bytes.get(at + 7)?, *bytes.get(at + 8)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        if length < 2 {
            return None;
        }
        at += 2 + length;
    }
}

/// Whether a picture may be decoded: a PNG or JPEG of at most
/// [`MAX_SIDE`] pixels either way, and not empty.
pub fn decodable(bytes: &[u8]) -> bool {
    matches!(size(bytes), Some((w, h)) if (1..=MAX_SIDE).contains(&w) && (1..=MAX_SIDE).contains(&h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn a_png_gives_its_size_and_a_giant_one_is_refused() {
        assert_eq!(size(&png(640, 480)), Some((640, 480)));
        assert!(decodable(&png(640, 480)));
        assert!(
            !decodable(&png(100_000, 100_000)),
            "a declared gigapixel picture"
        );
        assert!(!decodable(&png(0, 10)));
        assert_eq!(size(&png(640, 480)[..20]), None, "cut off");
    }

    #[test]
    fn a_jpeg_gives_the_size_of_its_frame_past_other_segments() {
        // SOI, an APP0 segment of 16 bytes, then SOF0 for 300 × 200.
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend([0u8; 14]);
        b.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xC8, 0x01, 0x2C]);
        assert_eq!(size(&b), Some((300, 200)));
        assert_eq!(size(&b[..b.len() - 3]), None);
        assert_eq!(size(b"GIF89a"), None);
    }
}
