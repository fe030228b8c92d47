//! The CSV dialect every CSV export writes: the field separator, the decimal mark and the
//! byte-order mark. In Swedish the defaults are what Excel on a Swedish Windows opens right
//! with a double-click (`;`, decimal comma, UTF-8 with a BOM); in English `,` and a decimal
//! point. Lines always end in CRLF (RFC 4180), fields are escaped by [`escape::csv_field`].
//!
//! Reading, [`decode`] finds the text in the bytes a spreadsheet or survey tool saved: UTF-8
//! with or without a byte-order mark, UTF-16 with one (Excel's "Unicode text"), UTF-8 with a
//! few stray bytes of another encoding, else Windows-1252, which a Swedish Excel writes as
//! "CSV (semikolonavgränsad)".

use std::borrow::Cow;

use crate::escape;
use crate::i18n::Lang;

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// The field separator: `;`, `,`, a tab, …
    pub delimiter: char,
    /// Numbers with a decimal comma (`2,5`) instead of a point.
    pub decimal_comma: bool,
    /// Starts the file with a UTF-8 byte-order mark, which Excel needs to read å, ä, ö.
    pub bom: bool,
}

impl Dialect {
    /// The dialect for a language, with any of its parts chosen by the user. A decimal mark
    /// not chosen follows the separator: `,` takes a point, `;` a comma, others the language's.
    pub fn new(
        lang: Lang,
        delimiter: Option<char>,
        decimal_comma: Option<bool>,
        bom: Option<bool>,
    ) -> Dialect {
        let swedish = lang == Lang::Sv;
        let delimiter = delimiter.unwrap_or(if swedish { ';' } else { ',' });
        let decimal_comma = decimal_comma.unwrap_or(match delimiter {
            ',' => false,
            ';' => true,
            _ => swedish,
        });
        Dialect {
            delimiter,
            decimal_comma,
            bom: bom.unwrap_or(swedish),
        }
    }

    /// A number rounded to `decimals` places (half away from zero, as people round); an empty
    /// cell for what is no number (NaN, infinite), as for a missing one.
    pub fn number(&self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return String::new();
        }
        let scale = 10f64.powi(decimals as i32);
        let text = format!("{:.*}", decimals, (value * scale).round() / scale);
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text
        }
    }

    /// A number as exact as it is, up to four decimals, without trailing zeros (`2,5`, `15000`,
    /// `0,3333`): for data a reader computes with, where [`Dialect::number`] rounds for show.
    pub fn plain_number(&self, value: f64) -> String {
        if !value.is_finite() {
            return String::new();
        }
        let text = format!("{value:.4}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        let text = if text == "-0" { "0" } else { text };
        if self.decimal_comma {
            text.replace('.', ",")
        } else {
            text.to_string()
        }
    }

    /// One record: the fields escaped, separated, ended by CRLF.
    pub fn line<S: AsRef<str>>(&self, fields: &[S]) -> String {
        let mut line = fields
            .iter()
            .map(|f| escape::csv_field(f.as_ref(), self.delimiter))
            .collect::<Vec<_>>()
            .join(&self.delimiter.to_string());
        line.push_str("\r\n");
        line
    }

    /// The start of a file: the byte-order mark when asked for, then the header.
    pub fn start<S: AsRef<str>>(&self, header: &[S]) -> String {
        let mut out = if self.bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        out.push_str(&self.line(header));
        out
    }

    /// The whole file: the byte-order mark when asked for, the header, then the rows.
    pub fn document<S: AsRef<str>>(&self, header: &[S], rows: &[Vec<String>]) -> String {
        let mut out = self.start(header);
        for row in rows {
            out.push_str(&self.line(row));
        }
        out
    }
}

/// The character encoding a file's text was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 that starts with a byte-order mark, as Excel's "CSV UTF-8" and fortb in Swedish.
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// Not UTF-8, so taken for the Windows code page of Western Europe, which Excel on a
    /// Swedish (and English) Windows uses for its plain CSV.
    Windows1252,
    /// UTF-8 but for `count` bytes (the first on line `first_line`), each read as
    /// Windows-1252: a character typed into the file by another program.
    Utf8WithStrayBytes {
        count: usize,
        first_line: usize,
    },
}

impl Encoding {
    /// The name people know it by, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Utf8WithStrayBytes { .. } => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The text in `bytes`, without a byte-order mark, and the encoding it was read in; `None`
/// when the bytes are no text at all (NUL bytes outside UTF-16: a workbook, a zip file).
/// Valid UTF-8 is always read as UTF-8, unchanged.
pub fn decode(bytes: &[u8]) -> Option<(Cow<'_, str>, Encoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(text) = std::str::from_utf8(rest) {
            return Some((Cow::Borrowed(text), Encoding::Utf8Bom));
        }
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Some((
            Cow::Owned(utf16(rest, u16::from_le_bytes)),
            Encoding::Utf16Le,
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Some((
            Cow::Owned(utf16(rest, u16::from_be_bytes)),
            Encoding::Utf16Be,
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((Cow::Borrowed(text), Encoding::Utf8));
    }
    if bytes.contains(&0) {
        return None;
    }
    let bom = bytes.strip_prefix(b"\xEF\xBB\xBF");
    if let Some((text, encoding)) = utf8_with_stray_bytes(bom.unwrap_or(bytes), bom.is_some()) {
        return Some((Cow::Owned(text), encoding));
    }
    let text = bytes.iter().map(|&byte| windows_1252(byte)).collect();
    Some((Cow::Owned(text), Encoding::Windows1252))
}

/// Text that is UTF-8 but for a few bytes (a character typed in by another program): the UTF-8
/// read as such, so a header reads the same as in the file without those bytes, and each stray
/// byte as Windows-1252. Such a file has characters of several UTF-8 bytes, which Windows-1252
/// text hardly ever makes by chance; `None` when the first line has none and the file fewer
/// of them than stray bytes, unless a byte-order mark says UTF-8.
fn utf8_with_stray_bytes(bytes: &[u8], bom: bool) -> Option<(String, Encoding)> {
    let mut text = String::with_capacity(bytes.len() + 16);
    let (mut multibyte, mut count, mut first_line) = (0, 0, None);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            first_line.get_or_insert_with(|| text.matches('\n').count() + 1);
            count += chunk.invalid().len();
            text.extend(chunk.invalid().iter().map(|&byte| windows_1252(byte)));
        }
    }
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let header_in_utf8 = header.utf8_chunks().any(|c| !c.valid().is_ascii());
    let first_line = first_line.unwrap_or(1);
    (bom || header_in_utf8 || multibyte > count)
        .then_some((text, Encoding::Utf8WithStrayBytes { count, first_line }))
}

/// UTF-16 text from its bytes in the order `unit` reads them; a broken pair or an odd last
/// byte becomes U+FFFD, as anywhere text is damaged.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match pair {
        [first, second] => unit([*first, *second]),
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// The character of a Windows-1252 byte. It is Latin-1 (the first 256 code points) but for
/// 0x80–0x9F, where Windows put the euro sign, typographic quotes and dashes; the five bytes
/// it leaves undefined map to the control characters of the same number, as Windows does.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// "Fråga;Svar / Åsa;Bra, ännu bättre – 5 €" as each program saves it.
    const SWEDISH: &str = "Fråga;Svar\r\nÅsa;”Bra”, ännu bättre – 5 €\r\n";

    fn utf16_bytes(text: &str, bom: [u8; 2], unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
        let mut bytes = bom.to_vec();
        bytes.extend(text.encode_utf16().flat_map(unit));
        bytes
    }

    #[test]
    fn each_encoding_a_spreadsheet_saves_is_read_and_named() {
        let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
        utf8_bom.extend(SWEDISH.as_bytes());
        let windows_1252: Vec<u8> =
            [&b"Fr\xE5ga;Svar\r\n\xC5sa;\x94Bra\x94, \xE4nnu b\xE4ttre \x96 5 \x80\r\n"[..]]
                .concat();
        for (bytes, encoding) in [
            (SWEDISH.as_bytes().to_vec(), Encoding::Utf8),
            (utf8_bom, Encoding::Utf8Bom),
            (
                utf16_bytes(SWEDISH, [0xFF, 0xFE], u16::to_le_bytes),
                Encoding::Utf16Le,
            ),
            (
                utf16_bytes(SWEDISH, [0xFE, 0xFF], u16::to_be_bytes),
                Encoding::Utf16Be,
            ),
            (windows_1252, Encoding::Windows1252),
        ] {
            let (text, found) = decode(&bytes).expect("text");
            assert_eq!((text.as_ref(), found), (SWEDISH, encoding));
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_is_read_as_utf8_but_for_that_byte() {
        // Åsa's answer in UTF-8, "café" typed in Latin-1 on line 2.
        let bytes = b"Tid f\xC3\xB6r slutf\xC3\xB6rande;Svar\n1;\xC3\x85sa caf\xE9\n";
        let (text, encoding) = decode(bytes).unwrap();
        assert_eq!(text, "Tid för slutförande;Svar\n1;Åsa café\n");
        let stray = Encoding::Utf8WithStrayBytes {
            count: 1,
            first_line: 2,
        };
        assert_eq!(encoding, stray);
        // The same with a byte-order mark, and a Windows-1252 file stays one.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend(bytes);
        assert_eq!(decode(&with_bom).unwrap().0, text);
        let (text, encoding) = decode(b"\xC5sa \xE4r h\xE4r").unwrap();
        assert_eq!(
            (text.as_ref(), encoding),
            ("Åsa är här", Encoding::Windows1252)
        );
        // A header in UTF-8 decides, however many answers have stray bytes.
        let (text, encoding) = decode(b"f\xC3\xB6r\n\xE9\xE9\xE9\n").unwrap();
        assert_eq!(text, "för\nééé\n");
        let stray = Encoding::Utf8WithStrayBytes {
            count: 3,
            first_line: 2,
        };
        assert_eq!(encoding, stray);
    }

    #[test]
    fn what_is_no_number_is_an_empty_cell() {
        let dialect = Dialect::new(Lang::Sv, None, None, None);
        for beyond in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(dialect.number(beyond, 1), "");
            assert_eq!(dialect.plain_number(beyond), "");
        }
        assert_eq!(dialect.number(2.25, 1), "2,3");
    }

    #[test]
    fn a_workbook_is_no_text() {
        // An .xlsx is a zip archive: the start of one, with NUL bytes and a checksum.
        let xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5\x55\x30\x23\xf4\x01";
        assert_eq!(decode(xlsx), None);
    }

    #[test]
    fn damaged_utf16_keeps_what_it_can() {
        let (text, _) = decode(&[0xFF, 0xFE, b'A', 0, 0x00, 0xD8, b'B']).unwrap();
        assert_eq!(text, "A\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn undefined_windows_1252_bytes_stay_visible() {
        let (text, encoding) = decode(b"a\x81b\x9Dc\xFF").unwrap();
        assert_eq!(
            (text.as_ref(), encoding),
            ("a\u{81}b\u{9D}c\u{FF}", Encoding::Windows1252)
        );
    }

    proptest! {
        #[test]
        fn utf8_is_read_unchanged(text in any::<String>()) {
            let (read, encoding) = decode(text.as_bytes()).unwrap();
            // A text that itself starts with U+FEFF reads as one with a byte-order mark.
            let expected = text.strip_prefix('\u{feff}').unwrap_or(&text);
            prop_assert_eq!(read.as_ref(), expected);
            let bom = text.starts_with('\u{feff}');
            prop_assert_eq!(encoding, if bom { Encoding::Utf8Bom } else { Encoding::Utf8 });
        }

        #[test]
        fn utf16_with_a_bom_is_read_unchanged(text in any::<String>()) {
            let le = utf16_bytes(&text, [0xFF, 0xFE], u16::to_le_bytes);
            prop_assert_eq!(decode(&le).unwrap().0.into_owned(), text.clone());
            let be = utf16_bytes(&text, [0xFE, 0xFF], u16::to_be_bytes);
            prop_assert_eq!(decode(&be).unwrap().0.into_owned(), text);
        }

        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            if let Some((text, Encoding::Windows1252)) = decode(&bytes) {
                prop_assert_eq!(text.chars().count(), bytes.len());
            }
        }
    }

    #[test]
    fn each_language_has_its_spreadsheet_defaults() {
        let sv = Dialect::new(Lang::Sv, None, None, None);
        assert_eq!((sv.delimiter, sv.decimal_comma, sv.bom), (';', true, true));
        let en = Dialect::new(Lang::En, None, None, None);
        assert_eq!(
            (en.delimiter, en.decimal_comma, en.bom),
            (',', false, false)
        );
        for (lang, delimiter, decimal_comma) in [
            (Lang::Sv, ',', false),
            (Lang::En, ';', true),
            (Lang::Sv, '\t', true),
            (Lang::En, '\t', false),
        ] {
            let dialect = Dialect::new(lang, Some(delimiter), None, None);
            assert_eq!(
                dialect.decimal_comma, decimal_comma,
                "{lang:?} {delimiter:?}"
            );
        }
        let chosen = Dialect::new(Lang::Sv, Some(','), Some(true), Some(false));
        assert_eq!(chosen.number(2.25, 1), "2,3");
        assert!(!chosen.bom);
    }

    #[test]
    fn plain_numbers_keep_their_decimals_and_drop_trailing_zeros() {
        let sv = Dialect::new(Lang::Sv, None, None, None);
        let en = Dialect::new(Lang::En, None, None, None);
        for (value, swedish, english) in [
            (15000.0, "15000", "15000"),
            (2.5, "2,5", "2.5"),
            (1.0 / 3.0, "0,3333", "0.3333"),
            (-0.00001, "0", "0"),
            (-1.25, "-1,25", "-1.25"),
        ] {
            assert_eq!(sv.plain_number(value), swedish);
            assert_eq!(en.plain_number(value), english);
        }
    }

    #[test]
    fn a_document_has_its_bom_separator_decimals_and_crlf() {
        let sv = Dialect::new(Lang::Sv, None, None, None);
        let text = sv.document(
            &["titel", "värde"],
            &[vec!["Å; ä".into(), sv.number(2.0, 1)]],
        );
        assert_eq!(text, "\u{feff}titel;värde\r\n\"Å; ä\";2,0\r\n");
        let en = Dialect::new(Lang::En, None, None, None);
        assert_eq!(en.number(-0.05, 1), "-0.1");
        assert_eq!(en.line(&["a,b", "c"]), "\"a,b\",c\r\n");
    }
}
