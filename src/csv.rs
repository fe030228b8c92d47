//! The CSV dialect every CSV export writes: the field separator, the decimal mark and the
//! byte-order mark. In Swedish the defaults are what Excel on a Swedish Windows opens right
//! with a double-click (`;`, decimal comma, UTF-8 with a BOM); in English `,` and a decimal
//! point. Lines always end in CRLF (RFC 4180), fields are escaped by [`escape::csv_field`].

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

    /// A number rounded to `decimals` places (half away from zero, as people round).
    pub fn number(&self, value: f64, decimals: usize) -> String {
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

    /// The whole file: the byte-order mark when asked for, the header, then the rows.
    pub fn document<S: AsRef<str>>(&self, header: &[S], rows: &[Vec<String>]) -> String {
        let mut out = if self.bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        out.push_str(&self.line(header));
        for row in rows {
            out.push_str(&self.line(row));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
