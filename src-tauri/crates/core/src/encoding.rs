//! Text in the encodings Dutch offices still produce: files handed in
//! (CSV from Excel, mail from Outlook) are UTF-8, UTF-16 with a byte-order
//! mark, or Windows-1252.

use std::borrow::Cow;

/// A file's text: UTF-8 (a byte-order mark dropped) or UTF-16 when its
/// byte-order mark says so, else Windows-1252 (which every byte decodes as,
/// so a file is never refused for its encoding).
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => windows_1252(bytes),
    }
}

/// Windows-1252 to Unicode (the 0x80–0x9F range differs from Latin-1).
pub fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_differs_from_latin_1_where_it_matters() {
        assert_eq!(windows_1252(b"\x80 \x96 \x92 id\xe9e\xebn"), "€ – ’ idéeën");
        assert_eq!(decode(b"\x80 5"), "€ 5", "not UTF-8: Windows-1252");
        assert_eq!(decode("€ 5".as_bytes()), "€ 5");
        assert_eq!(decode(b"\xef\xbb\xbfJa"), "Ja");
        assert_eq!(decode(&[0xfe, 0xff, 0, b'J', 0, b'a']), "Ja");
    }
}
