//! A reader's result as bytes, so that the readers can run in a separate WebAssembly module.
//!
//! The page's first-load module has no .docx or PDF reader; a second module (the *reader
//! module*, `crates/reader`) reads such files and hands the result back as the bytes of
//! [`encode`], which the first module turns into the same `Result<(Kind, Document),
//! InputError>` with [`decode`] and checks. Plain functions on plain data: no wasm here.
//!
//! The encoding (all integers `u32` little-endian; a string is its byte length and its UTF-8):
//!
//! ```text
//! "NBDOC1"  0 kind text blocks        a document: kind 0 text | 1 html | 2 docx | 3 pdf,
//!                                     then the number of blocks and each block:
//!           0 span | 1 span           Paragraph | Line
//!           2 columns rows            Table: columns 0 grid | 1 loose; rows: count, then
//!                                     each row's span, its cell count and cell spans
//!           omitted                   what the reader left out: count, then each a tag and
//!                                     a number: 0 pages read | 1 page read in part |
//!                                     2 ruled tables refused | 3 cells (number 0)
//! "NBDOC1"  1 zh en                   a reading error (the message in both languages)
//! ```
//!
//! A span is `start end`. [`decode`] checks everything it reads (every span inside the text
//! and on character boundaries, counts within the bytes left, nothing after the end), so
//! whatever the bytes, it gives a document the extraction can index safely or an error;
//! it never panics and never allocates more than the input's size allows.

use super::document::{Block, Columns, Document, Omission, Row, Table};
use super::{InputError, Kind};
use crate::bytes::{put_span, put_str, put_u32, Reader};

const MAGIC: &[u8] = b"NBDOC1";

/// A reader's result as bytes ([`decode`] gives it back).
pub fn encode(read: &Result<(Kind, Document), InputError>) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    match read {
        Ok((kind, doc)) => {
            out.push(0);
            out.push(match kind {
                Kind::Text => 0,
                Kind::Html => 1,
                Kind::Docx => 2,
                Kind::Pdf => 3,
            });
            put_str(&mut out, &doc.text);
            put_u32(&mut out, doc.blocks.len());
            for b in &doc.blocks {
                match b {
                    Block::Paragraph(s) => {
                        out.push(0);
                        put_span(&mut out, *s);
                    }
                    Block::Line(s) => {
                        out.push(1);
                        put_span(&mut out, *s);
                    }
                    Block::Table(t) => {
                        out.push(2);
                        out.push(match t.columns {
                            Columns::Grid => 0,
                            Columns::Loose => 1,
                        });
                        put_u32(&mut out, t.rows.len());
                        for r in &t.rows {
                            put_span(&mut out, r.span);
                            put_u32(&mut out, r.cells.len());
                            for c in &r.cells {
                                put_span(&mut out, *c);
                            }
                        }
                    }
                }
            }
            put_u32(&mut out, doc.omitted.len());
            for o in &doc.omitted {
                let (tag, n) = match *o {
                    Omission::Pages { read } => (0, read),
                    Omission::PagePart { page } => (1, page),
                    Omission::Rulings { tables } => (2, tables),
                    Omission::Cells => (3, 0),
                };
                out.push(tag);
                put_u32(&mut out, n);
            }
        }
        Err(e) => {
            out.push(1);
            put_str(&mut out, &e.zh);
            put_str(&mut out, &e.en);
        }
    }
    out
}

/// The reader's result [`encode`] made; bytes that are not such an encoding give the error
/// [`damaged`].
pub fn decode(bytes: &[u8]) -> Result<(Kind, Document), InputError> {
    let mut r = Decoder(Reader::new(bytes));
    let read = r.result().ok_or_else(damaged)?;
    if !r.0.at_end() {
        return Err(damaged());
    }
    read
}

/// The message for bytes that are not a reader's result (a reader module of another version,
/// or damaged data).
pub fn damaged() -> InputError {
    InputError {
        zh: "读取模块返回的数据无效（可能是页面文件的版本不一致），无法读取这个文件：请刷新页面后重试。"
            .into(),
        en: "The reader module returned invalid data (the page's files may be of different versions), so this file could not be read: please reload the page and try again.".into(),
    }
}

/// Reads the encoding; `None` as soon as anything is out of place.
struct Decoder<'a>(Reader<'a>);

impl Decoder<'_> {
    fn result(&mut self) -> Option<Result<(Kind, Document), InputError>> {
        if self.0.take(MAGIC.len())? != MAGIC {
            return None;
        }
        Some(match self.0.u8()? {
            0 => Ok(self.document()?),
            1 => {
                let (zh, en) = (self.0.string()?, self.0.string()?);
                // a reading error always says why in both languages: an empty one is damage
                if zh.trim().is_empty() || en.trim().is_empty() {
                    return None;
                }
                Err(InputError { zh, en })
            }
            _ => return None,
        })
    }

    fn document(&mut self) -> Option<(Kind, Document)> {
        let kind = match self.0.u8()? {
            0 => Kind::Text,
            1 => Kind::Html,
            2 => Kind::Docx,
            3 => Kind::Pdf,
            _ => return None,
        };
        let text = self.0.string()?;
        let n = self.0.count(9)?;
        let mut blocks = Vec::with_capacity(n);
        for _ in 0..n {
            blocks.push(match self.0.u8()? {
                0 => Block::Paragraph(self.0.span(&text)?),
                1 => Block::Line(self.0.span(&text)?),
                2 => Block::Table(self.table(&text)?),
                _ => return None,
            });
        }
        let n = self.0.count(5)?;
        let mut omitted = Vec::with_capacity(n);
        for _ in 0..n {
            let (tag, n) = (self.0.u8()?, self.0.u32()?);
            omitted.push(match (tag, n) {
                (0, read) if read > 0 => Omission::Pages { read },
                (1, page) if page > 0 => Omission::PagePart { page },
                (2, tables) if tables > 0 => Omission::Rulings { tables },
                (3, 0) => Omission::Cells,
                _ => return None,
            });
        }
        Some((
            kind,
            Document {
                text,
                blocks,
                omitted,
            },
        ))
    }

    fn table(&mut self, text: &str) -> Option<Table> {
        let columns = match self.0.u8()? {
            0 => Columns::Grid,
            1 => Columns::Loose,
            _ => return None,
        };
        let n = self.0.count(12)?;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let span = self.0.span(text)?;
            let k = self.0.count(8)?;
            let mut cells = Vec::with_capacity(k);
            for _ in 0..k {
                cells.push(self.0.span(text)?);
            }
            rows.push(Row { span, cells });
        }
        Some(Table { columns, rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn doc() -> Document {
        let mut d = Document::default();
        d.push_paragraph("标题 title");
        let r = d.push_row(["一、", "", "12"]);
        d.push_table(Table {
            columns: Columns::Loose,
            rows: vec![r],
        });
        let start = d.text.len();
        d.text.push_str("line");
        d.blocks.push(Block::Line(Span::new(start, d.text.len())));
        d.omitted = vec![
            Omission::Pages { read: 1000 },
            Omission::PagePart { page: 3 },
            Omission::Rulings { tables: 12 },
            Omission::Cells,
        ];
        d
    }

    #[test]
    fn documents_and_errors_round_trip() {
        for kind in [Kind::Text, Kind::Html, Kind::Docx, Kind::Pdf] {
            let read = Ok((kind, doc()));
            assert_eq!(decode(&encode(&read)), read);
        }
        let empty = Ok((Kind::Pdf, Document::default()));
        assert_eq!(decode(&encode(&empty)), empty);
        let err = Err(InputError {
            zh: "中文".into(),
            en: "English".into(),
        });
        assert_eq!(decode(&encode(&err)), err);
        // an error without its message in one language is damaged data (found by the wire
        // fuzz target): the user gets the damage message, never an empty reason
        for (zh, en) in [("", "English"), ("中文", " "), ("", "")] {
            let e = Err(InputError {
                zh: zh.into(),
                en: en.into(),
            });
            assert_eq!(decode(&encode(&e)), Err(damaged()));
        }
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_panic() {
        let good = encode(&Ok((Kind::Docx, doc())));
        // every truncation, and one more byte
        for n in 0..good.len() {
            assert_eq!(decode(&good[..n]), Err(damaged()), "cut at {n}");
        }
        let mut long = good.clone();
        long.push(0);
        assert_eq!(decode(&long), Err(damaged()));
        // every single byte changed: an error or some valid document, never a panic, and
        // every span of a document decoded still slices its text
        for i in 0..good.len() {
            for v in [0u8, 1, 2, 3, 0x7f, 0x80, 0xff] {
                let mut b = good.clone();
                b[i] = v;
                if let Ok((_, d)) = decode(&b) {
                    for block in &d.blocks {
                        match block {
                            Block::Paragraph(s) | Block::Line(s) => {
                                let _ = d.slice(*s);
                            }
                            Block::Table(t) => {
                                for r in &t.rows {
                                    let _ = d.slice(r.span);
                                    for c in &r.cells {
                                        let _ = d.slice(*c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn omissions_that_say_nothing_are_refused() {
        // a count of 0 pages read, page 0, 0 tables, a number after "cells", an unknown tag
        for (tag, n) in [(0u8, 0u32), (1, 0), (2, 0), (3, 1), (4, 1)] {
            let mut b = encode(&Ok((Kind::Pdf, Document::default())));
            let at = b.len() - 4;
            b[at..].copy_from_slice(&1u32.to_le_bytes());
            b.push(tag);
            b.extend_from_slice(&n.to_le_bytes());
            assert_eq!(decode(&b), Err(damaged()), "tag {tag}, number {n}");
        }
    }

    #[test]
    fn spans_outside_the_text_or_inside_a_character_are_refused() {
        let mut d = Document {
            text: "表".into(),
            blocks: vec![Block::Line(Span::new(0, 3))],
            omitted: Vec::new(),
        };
        let ok = Ok((Kind::Text, d.clone()));
        assert_eq!(decode(&encode(&ok)), ok);
        for bad in [Span::new(0, 4), Span::new(1, 3), Span::new(3, 0)] {
            d.blocks[0] = Block::Line(bad);
            assert_eq!(
                decode(&encode(&Ok((Kind::Text, d.clone())))),
                Err(damaged())
            );
        }
        // a count larger than the bytes left
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
        b.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&b), Err(damaged()));
    }
}
