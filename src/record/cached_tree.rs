//! A record's TOML document as the parser saw it, in a compact binary form, and a serde reader
//! that gives it back to `Record`'s own `Deserialize` exactly as the `toml` reader gives the
//! text: the same visits for strings, integers, floats, booleans, dates (a map of one private
//! key), arrays and tables, with keys in the same (sorted) order.
//!
//! It holds the tree, not what fortb made of it: a cached record is read by this build's own
//! rules, so changing the model never needs the cache to be thrown away. Anything this reader
//! does not do as `toml` does (an enum written as a table, a `Spanned` value) is refused with an
//! error, and the caller then reads the text itself.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
use toml::de::{DeTable, DeValue};

const STRING: u8 = 0;
const INTEGER: u8 = 1;
const FLOAT: u8 = 2;
const FALSE: u8 = 3;
const TRUE: u8 = 4;
const DATETIME: u8 = 5;
const ARRAY: u8 = 6;
const TABLE: u8 = 7;

/// The key `toml` hands a date over by: `toml_datetime`'s private field name.
const DATETIME_KEY: &str = "$__toml_private_datetime";

/// The TOML document in `text` as a tree: the length of its structure, the structure, then the
/// texts that are not in `text` as written (a string with escapes, a date) in one piece. The
/// structure refers to every other key and string by its place in `text` itself, which the
/// cache finds only for this very text (by its hash) and which is read anyway: so a tree holds
/// little more than the record's shape, and reading one copies and checks next to nothing.
/// Made from the parser's own document (`toml::de::DeTable`), which `toml`'s reader also reads
/// from, in the same order. `None` when the text does not parse, or holds a number that `toml`
/// would not hand over as an `i64` or an `f64` (the caller then parses the text itself).
pub fn encode(text: &str) -> Option<Vec<u8>> {
    let document = toml::de::DeTable::parse(text).ok()?;
    let mut writer = Writer {
        source: text,
        structure: Vec::with_capacity(text.len() / 2),
        texts: String::new(),
    };
    writer.table(document.get_ref())?;
    let mut tree = Vec::with_capacity(writer.structure.len() + writer.texts.len() + 4);
    number(&mut tree, writer.structure.len());
    tree.extend_from_slice(&writer.structure);
    tree.extend_from_slice(writer.texts.as_bytes());
    Some(tree)
}

struct Writer<'s> {
    /// The text the document was parsed from.
    source: &'s str,
    structure: Vec<u8>,
    /// The texts not found in `source` as they are.
    texts: String,
}

impl<'a> Writer<'_> {
    fn table(&mut self, table: &'a DeTable<'a>) -> Option<()> {
        self.container(TABLE, table.len(), |writer| {
            table.iter().try_for_each(|(key, value)| {
                writer.text(key.get_ref());
                writer.value(value.get_ref())
            })
        })
    }

    /// A value as `toml`'s reader hands it over: an integer as an `i64` and a float as an
    /// `f64`, read from the parser's text as it reads them.
    fn value(&mut self, value: &'a DeValue<'a>) -> Option<()> {
        match value {
            DeValue::String(s) => {
                self.structure.push(STRING);
                self.text(s);
            }
            DeValue::Integer(i) => {
                let i = i64::from_str_radix(i.as_str(), i.radix()).ok()?;
                self.structure.push(INTEGER);
                self.structure.extend_from_slice(&i.to_le_bytes());
            }
            DeValue::Float(written) => {
                let f: f64 = written.as_str().parse().ok()?;
                // Too large to be a float, unless written as one: `toml` refuses it too.
                if f.is_infinite() && !written.as_str().contains("inf") {
                    return None;
                }
                self.structure.push(FLOAT);
                self.structure.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            DeValue::Boolean(b) => self.structure.push(if *b { TRUE } else { FALSE }),
            DeValue::Datetime(d) => {
                self.structure.push(DATETIME);
                self.own_text(&d.to_string());
            }
            DeValue::Array(items) => {
                return self.container(ARRAY, items.len(), |writer| {
                    items
                        .iter()
                        .try_for_each(|item| writer.value(item.get_ref()))
                });
            }
            DeValue::Table(table) => return self.table(table),
        }
        Some(())
    }

    /// A tag, the byte length of what follows (so a reader can skip it whole), the number of
    /// items, then the items.
    fn container(
        &mut self,
        tag: u8,
        count: usize,
        items: impl FnOnce(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.structure.push(tag);
        let length_at = self.structure.len();
        self.structure.extend_from_slice(&[0; 4]);
        number(&mut self.structure, count);
        items(self)?;
        let length = u32::try_from(self.structure.len() - length_at - 4).ok()?;
        self.structure[length_at..length_at + 4].copy_from_slice(&length.to_le_bytes());
        Some(())
    }

    /// A key or a string: its place in the source when the parser took it from there as it
    /// is (no escapes), else a text of the tree's own. The lowest bit of the place says which.
    fn text(&mut self, text: &str) {
        let at = (text.as_ptr() as usize).wrapping_sub(self.source.as_ptr() as usize);
        let end = at.checked_add(text.len());
        let in_source = end.and_then(|end| self.source.get(at..end));
        match in_source {
            Some(found) if !text.is_empty() && found.as_ptr() == text.as_ptr() => {
                number(&mut self.structure, at << 1);
                number(&mut self.structure, text.len());
            }
            _ => self.own_text(text),
        }
    }

    fn own_text(&mut self, text: &str) {
        number(&mut self.structure, (self.texts.len() << 1) | 1);
        number(&mut self.structure, text.len());
        self.texts.push_str(text);
    }
}

/// An unsigned number in seven-bit groups, low first.
fn number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a `T` from a tree [`encode`] wrote of `source`.
pub fn decode<'de, T: serde::Deserialize<'de>>(
    tree: &'de [u8],
    source: &'de str,
) -> Result<T, DecodeError> {
    let mut head = Reader {
        bytes: tree,
        at: 0,
        source,
        texts: "",
    };
    let length = head.number()?;
    let end = head.at.checked_add(length).ok_or(DecodeError::Malformed)?;
    let structure = tree.get(..end).ok_or(DecodeError::Malformed)?;
    let texts = std::str::from_utf8(&tree[end..]).map_err(|_| DecodeError::Malformed)?;
    let mut reader = Reader {
        bytes: structure,
        at: head.at,
        source,
        texts,
    };
    let value = T::deserialize(&mut reader)?;
    if reader.at != structure.len() {
        return Err(DecodeError::Malformed);
    }
    Ok(value)
}

/// Why a cached tree could not be read back: the caller reads the text instead.
#[derive(Debug)]
pub enum DecodeError {
    /// The bytes are not a tree this module wrote.
    Malformed,
    /// The tree was read, but the record's rules refused it, or it needs what only `toml`'s
    /// own reader gives.
    Refused(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DecodeError::Malformed => f.write_str("malformed cached tree"),
            DecodeError::Refused(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(why: T) -> Self {
        DecodeError::Refused(why.to_string())
    }
}

struct Reader<'de> {
    bytes: &'de [u8],
    at: usize,
    /// The text the tree was made of, which holds most of its keys and strings.
    source: &'de str,
    /// The tree's own texts.
    texts: &'de str,
}

impl<'de> Reader<'de> {
    fn byte(&mut self) -> Result<u8, DecodeError> {
        let byte = *self.bytes.get(self.at).ok_or(DecodeError::Malformed)?;
        self.at += 1;
        Ok(byte)
    }

    fn peek(&self) -> Result<u8, DecodeError> {
        self.bytes
            .get(self.at)
            .copied()
            .ok_or(DecodeError::Malformed)
    }

    fn take(&mut self, n: usize) -> Result<&'de [u8], DecodeError> {
        let end = self.at.checked_add(n).ok_or(DecodeError::Malformed)?;
        let taken = self.bytes.get(self.at..end).ok_or(DecodeError::Malformed)?;
        self.at = end;
        Ok(taken)
    }

    fn eight(&mut self) -> Result<[u8; 8], DecodeError> {
        self.take(8)?.try_into().map_err(|_| DecodeError::Malformed)
    }

    fn number(&mut self) -> Result<usize, DecodeError> {
        let mut n = 0usize;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(n);
            }
        }
        Err(DecodeError::Malformed)
    }

    fn text(&mut self) -> Result<&'de str, DecodeError> {
        let place = self.number()?;
        let (area, at) = match place & 1 {
            0 => (self.source, place >> 1),
            _ => (self.texts, place >> 1),
        };
        let end = at
            .checked_add(self.number()?)
            .ok_or(DecodeError::Malformed)?;
        area.get(at..end).ok_or(DecodeError::Malformed)
    }

    /// A container's end and its number of items, the tag already read.
    fn container(&mut self) -> Result<(usize, usize), DecodeError> {
        let length = u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default());
        let end = self.at.checked_add(length as usize);
        let end = end.filter(|end| *end <= self.bytes.len());
        let end = end.ok_or(DecodeError::Malformed)?;
        Ok((end, self.number()?))
    }

    /// Passes over one value without reading it.
    fn skip(&mut self) -> Result<(), DecodeError> {
        match self.byte()? {
            STRING | DATETIME => self.number().and_then(|_| self.number()).map(drop),
            INTEGER | FLOAT => self.eight().map(drop),
            FALSE | TRUE => Ok(()),
            ARRAY | TABLE => {
                let (end, _) = self.container()?;
                self.at = end;
                Ok(())
            }
            _ => Err(DecodeError::Malformed),
        }
    }

    /// Hands a container's items to `visit`, then moves to its end whatever `visit` read.
    fn visit_container<V>(
        &mut self,
        visit: impl FnOnce(Items<'_, 'de>) -> Result<V, DecodeError>,
    ) -> Result<V, DecodeError> {
        let (end, count) = self.container()?;
        let value = visit(Items {
            reader: self,
            left: count,
        })?;
        if self.at > end {
            return Err(DecodeError::Malformed);
        }
        self.at = end;
        Ok(value)
    }
}

impl<'de> Deserializer<'de> for &mut Reader<'de> {
    type Error = DecodeError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.byte()? {
            STRING => visitor.visit_borrowed_str(self.text()?),
            INTEGER => visitor.visit_i64(i64::from_le_bytes(self.eight()?)),
            FLOAT => visitor.visit_f64(f64::from_bits(u64::from_le_bytes(self.eight()?))),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            DATETIME => visitor.visit_map(Datetime(Some(self.text()?))),
            ARRAY => self.visit_container(|items| visitor.visit_seq(items)),
            TABLE => self.visit_container(|items| visitor.visit_map(items)),
            _ => Err(DecodeError::Malformed),
        }
    }

    /// A value that is there is `Some`; a missing one never reaches a deserializer.
    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: de::Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        if name.starts_with("$__serde_spanned") {
            return Err(de::Error::custom("spans are only in the text"));
        }
        self.deserialize_any(visitor)
    }

    /// An enum written as its variant's name; one written as a table is left to `toml`, whose
    /// checks of its keys this reader does not repeat.
    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        if self.peek()? != STRING {
            return Err(de::Error::custom("an enum that is not a name"));
        }
        self.at += 1;
        visitor.visit_enum(BorrowedStrDeserializer::<DecodeError>::new(self.text()?))
    }

    fn deserialize_ignored_any<V: de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.skip()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool u8 u16 u32 u64 u128 i8 i16 i32 i64 i128 f32 f64 char str string seq
        bytes byte_buf map unit unit_struct tuple_struct tuple identifier
    }
}

/// The items of an array or a table still to be read.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> MapAccess<'de> for Items<'_, 'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let key = BorrowedStrDeserializer::<DecodeError>::new(self.reader.text()?);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        seed.deserialize(&mut *self.reader)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A date as `toml` hands it over: a map of its private key to the date's text.
struct Datetime<'de>(Option<&'de str>);

impl<'de> MapAccess<'de> for Datetime<'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        if self.0.is_none() {
            return Ok(None);
        }
        let key = BorrowedStrDeserializer::<DecodeError>::new(DATETIME_KEY);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let text = self.0.take().ok_or(DecodeError::Malformed)?;
        seed.deserialize(BorrowedStrDeserializer::<DecodeError>::new(text))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(self.0.is_some()))
    }
}
