//! Plain text (pasted, or a decoded .txt file) → [`Document`].
//!
//! The text is its own rendering: spans index into the input as given. Every line is a
//! block, blank lines included. A line with a tab is a table row split at its tabs; a
//! markdown row `| a | b |` (converter and OCR output) is split at its pipes, and a rule
//! `|---|---|` is a row without cells. Consecutive rows form one table with
//! [`Columns::Loose`]: copied tables lose their merged cells, so positions are not exact.
//! Every other line is a [`Block::Line`], which may still be a row whose cells are
//! separated only by spaces (page text): the report builder decides.

use super::document::{Block, Columns, Document, Row, Span, Table};
use crate::text::trim_wide;

/// Reads plain text. Never fails: text is always a document (whether it is a report is for
/// the report builder to say).
pub fn read(input: &str) -> Document {
    let mut blocks: Vec<Block> = Vec::with_capacity(input.len() / 64 + 1);
    let mut pos = 0;
    for raw in input.split_inclusive('\n') {
        let text = raw.trim_end_matches(['\n', '\r']);
        let text = text.strip_suffix('\u{000C}').unwrap_or(text);
        let span = Span::new(pos, pos + text.len());
        match cells(text, pos) {
            Some(cells) => {
                let row = Row { span, cells };
                match blocks.last_mut() {
                    Some(Block::Table(t)) => t.rows.push(row),
                    _ => blocks.push(Block::Table(Table {
                        columns: Columns::Loose,
                        rows: vec![row],
                    })),
                }
            }
            None => blocks.push(Block::Line(span)),
        }
        pos += raw.len();
    }
    Document {
        text: input.to_string(),
        blocks,
        omitted: Vec::new(),
    }
}

/// The cells of a line that is a table row (tab- or pipe-separated), `None` for other lines.
/// `at` is the line's offset in the input.
fn cells(line: &str, at: usize) -> Option<Vec<Span>> {
    let trimmed = trim_wide(line);
    let piped = trimmed.starts_with('|') && trimmed.len() > 1 && trimmed[1..].contains('|');
    if piped {
        let inner_start = line.find('|').unwrap_or(0) + 1;
        let inner_end = line.rfind('|').unwrap_or(line.len());
        let inner = if inner_end > inner_start {
            &line[inner_start..inner_end]
        } else {
            ""
        };
        let is_rule = inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' '));
        if is_rule {
            return Some(Vec::new());
        }
        return Some(split(inner, b'|', at + inner_start));
    }
    if line.as_bytes().contains(&b'\t') {
        return Some(split(line, b'\t', at));
    }
    None
}

/// Splits at the ASCII byte `sep`: each part trimmed of wide white space; an empty part is an
/// empty span at its start.
fn split(s: &str, sep: u8, at: usize) -> Vec<Span> {
    let mut out = Vec::with_capacity(s.bytes().filter(|&b| b == sep).count() + 1);
    let mut off = 0;
    // Cells are short: a byte loop, not a searcher per cell.
    for part in s.as_bytes().split(|&b| b == sep) {
        let part = &s[off..off + part.len()];
        let t = trim_wide(part);
        let lead = if t.is_empty() {
            0
        } else {
            t.as_ptr() as usize - part.as_ptr() as usize
        };
        let start = at + off + lead;
        out.push(Span::new(start, start + t.len()));
        off += part.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells_of(d: &Document) -> Vec<Vec<&str>> {
        let mut out = Vec::new();
        for b in &d.blocks {
            match b {
                Block::Table(t) => {
                    for r in &t.rows {
                        out.push(r.cells.iter().map(|&c| d.slice(c)).collect());
                    }
                }
                Block::Line(s) | Block::Paragraph(s) => out.push(vec![d.slice(*s)]),
            }
        }
        out
    }

    #[test]
    fn lines_tabs_and_pipes() {
        let d = read("标题\r\n\n a\t 1 \t\n| b | 2 |\n|---|:-:|\nc 3\u{000C}\nend");
        assert_eq!(d.blocks.len(), 5);
        assert_eq!(
            cells_of(&d),
            [
                vec!["标题"],
                vec![""],
                vec!["a", "1", ""],
                vec!["b", "2"],
                vec![],
                vec!["c 3"],
                vec!["end"]
            ]
        );
        let Block::Table(t) = &d.blocks[2] else {
            panic!("no table")
        };
        assert_eq!(t.columns, Columns::Loose);
        assert_eq!(d.slice(t.rows[0].span), " a\t 1 \t");
        assert!(read("").blocks.is_empty());
    }
}
