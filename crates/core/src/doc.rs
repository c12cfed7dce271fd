//! The interface between the structured readers (HTML, Word) and the report builder.
//!
//! A structured reader turns its input into a [`Doc`]: a readable plain-text rendering of
//! the report (paragraphs on their own lines, table rows as tab-separated grid cells) and
//! the [`Line`]s of that text, table rows marked as exact grids. Spans of findings index
//! into `Doc::text`, which the page can show. [`crate::read::read_lines`] then builds the
//! report exactly as for pasted text.

use crate::read::{Line, Tok};
use std::borrow::Cow;

#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub text: String,
    pub lines: Vec<Line<'static>>,
}

impl Doc {
    /// Appends a paragraph (a heading or body text) as one line.
    pub fn paragraph(&mut self, text: &str) {
        let text = text.trim_matches(crate::text::is_space);
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        let end = self.text.len();
        self.text.push('\n');
        let mut line = Line::paragraph(start, end, text.to_string());
        // Offsets inside the paragraph map to the rendering exactly.
        line.exact = true;
        let mut toks = Vec::new();
        for (s, e) in crate::read::ws_token_spans(text) {
            toks.push(Tok::new(
                start + s,
                start + e,
                Cow::Owned(text[s..e].to_string()),
            ));
        }
        line.toks = toks;
        self.lines.push(line);
    }

    /// Appends a table row given as grid cells (one per grid column; the text of a merged
    /// cell in its first grid cell, empty strings under the rest of the span).
    pub fn row(&mut self, cells: &[String]) {
        let start = self.text.len();
        let mut toks = Vec::with_capacity(cells.len());
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push('\t');
            }
            let c = c.trim_matches(crate::text::is_space);
            let s = self.text.len();
            self.text.push_str(c);
            toks.push(Tok::new(s, s + c.len(), Cow::Owned(c.to_string())));
        }
        let end = self.text.len();
        self.text.push('\n');
        if toks.iter().all(|t| t.text.is_empty()) {
            return;
        }
        self.lines.push(Line::row(start, end, toks));
    }
}
