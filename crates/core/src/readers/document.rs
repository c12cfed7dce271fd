//! The neutral document every reader produces, and the only thing the report builder reads.
//!
//! A [`Document`] is a readable plain-text rendering plus the blocks found in it, each
//! pointing into the rendering by byte [`Span`]:
//!
//! - `text` is what a person would read: plain text as it was given; for HTML and Word,
//!   paragraphs on their own lines and table rows with their cells separated by tabs. Spans
//!   of findings index into it, and the page shows it as the report text.
//! - `blocks` are, in reading order, paragraphs, plain-text lines and tables. A table is
//!   rows of cells; every row and cell has its span (a cell's span is its trimmed text; an
//!   empty cell has an empty span where it would be).
//! - A table says how far its columns can be trusted ([`Columns`]): an exact grid (HTML and
//!   Word, with merged cells expanded: the text of a merged cell in its first grid column,
//!   empty cells under the rest) or loose (plain-text rows split at tabs or `|`, whose
//!   positions shift wherever the original table had merged cells).
//!
//! Why spans and not strings: every cell and paragraph already lives in `text`, so the
//! document is one string plus small integers, with no lifetimes and no knowledge of
//! reports, cheap to build and simple to encode as bytes when readers run in a separate
//! WebAssembly module. Why plain-text lines are their own kind of block ([`Block::Line`]):
//! a line of page text may be a paragraph or a table row whose cells are separated only by
//! spaces, and only the report builder, which knows what rows look like, can tell.

pub use crate::omission::Omission;
pub use crate::span::Span;

/// A readable rendering and the blocks found in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub blocks: Vec<Block>,
    /// What the reader left out to keep time and memory bounded (nothing, for every real
    /// report: a very large, damaged or hostile file). The document is what was read; the
    /// report builder turns each into a reading note, so the user is told.
    pub omitted: Vec<Omission>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of a structured document (a heading or body text), never empty.
    Paragraph(Span),
    /// A line of plain text, blank lines included: a paragraph, a heading, or a table row
    /// whose cells are separated only by spaces.
    Line(Span),
    Table(Table),
}

/// How a table's cells relate to its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Columns {
    /// One cell per grid column: positions are exact.
    Grid,
    /// Cells as written (tab- or pipe-separated text): positions shift with merged cells.
    Loose,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub columns: Columns,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The whole row in the rendering (without its line break).
    pub span: Span,
    pub cells: Vec<Span>,
}

impl Document {
    /// The text a span points at.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Is there anything to read: a non-empty paragraph or line, or a non-empty table cell?
    pub fn has_text(&self) -> bool {
        self.blocks.iter().any(|b| match b {
            Block::Paragraph(s) | Block::Line(s) => !self.slice(*s).trim().is_empty(),
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .any(|c| c.end > c.start),
        })
    }

    /// Appends a paragraph on its own line, trimmed; an empty one is not added.
    pub fn push_paragraph(&mut self, text: &str) {
        let text = text.trim_matches(crate::text::is_space);
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.blocks
            .push(Block::Paragraph(Span::new(start, self.text.len())));
        self.text.push('\n');
    }

    /// Appends a table row on its own line: the cells trimmed and separated by tabs. The
    /// row is returned for the caller's table (see [`Document::push_table`]).
    pub fn push_row<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> Row {
        let start = self.text.len();
        let mut spans = Vec::new();
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                self.text.push('\t');
            }
            let c = c.trim_matches(crate::text::is_space);
            let s = self.text.len();
            self.text.push_str(c);
            spans.push(Span::new(s, self.text.len()));
        }
        let span = Span::new(start, self.text.len());
        self.text.push('\n');
        Row { span, cells: spans }
    }

    /// Adds a table whose rows were appended with [`Document::push_row`]; a table without
    /// rows is not added.
    pub fn push_table(&mut self, table: Table) {
        if !table.rows.is_empty() {
            self.blocks.push(Block::Table(table));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_rows_point_into_the_rendering() {
        let mut d = Document::default();
        d.push_paragraph("  title\u{3000}");
        d.push_paragraph(" \u{3000} ");
        let r = d.push_row([" a ", "", "1"]);
        d.push_table(Table {
            columns: Columns::Grid,
            rows: vec![r],
        });
        d.push_table(Table {
            columns: Columns::Grid,
            rows: Vec::new(),
        });
        assert_eq!(d.text, "title\na\t\t1\n");
        assert_eq!(d.blocks.len(), 2);
        let Block::Table(t) = &d.blocks[1] else {
            panic!("no table")
        };
        let cells: Vec<&str> = t.rows[0].cells.iter().map(|&c| d.slice(c)).collect();
        assert_eq!(cells, ["a", "", "1"]);
        assert_eq!(d.slice(t.rows[0].span), "a\t\t1");
        assert!(d.has_text());
        assert!(!Document::default().has_text());
    }
}
