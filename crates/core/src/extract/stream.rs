//! The line stream the table readers are fed from, and what it knows of the lines around the
//! one being read.
//!
//! PDF text wraps a table's layout around its numbers: a label on the line(s) above its
//! numbers, or split above and below them; one value per line. That is a matter of the
//! stream, not of any one table: it keeps the short label lines seen since the last row
//! ([`LineStream::above`]), shows the label lines right below ([`LineStream::labels_below`])
//! and gathers the values of the lines below ([`LineStream::gather`]). Lines a reader takes
//! that way are not read again.

use super::lines::{Line, Tok};

/// How many label lines above a row are kept.
const ABOVE: usize = 3;

/// A label line is short (in characters, folded); longer lines are prose.
const LABEL_LINE: usize = 40;

/// The document's lines, read once in order.
pub(super) struct LineStream<'l, 'a> {
    lines: &'l [Line<'a>],
    /// The line being read.
    at: usize,
    /// The first line not read yet (lines below `at` that a reader took are skipped).
    next: usize,
    /// Short label lines since the last row, the last [`ABOVE`] of them.
    above: Vec<Tok<'a>>,
}

impl<'l, 'a> LineStream<'l, 'a> {
    pub fn new(lines: &'l [Line<'a>]) -> Self {
        LineStream {
            lines,
            at: 0,
            next: 0,
            above: Vec::new(),
        }
    }

    /// The next line not read yet.
    pub fn next_line(&mut self) -> Option<&'l Line<'a>> {
        let line = self.lines.get(self.next)?;
        self.at = self.next;
        self.next += 1;
        Some(line)
    }

    /// The label lines above the current line since the last row, nearest last.
    pub fn above(&self) -> &[Tok<'a>] {
        &self.above
    }

    /// Keeps a line with no value as a possible label of the numbers below it, if it is
    /// short enough to be one (cells of a known grid are never wrapped).
    pub fn keep_above(&mut self, line: &Line<'a>) {
        if line.tabbed || line.folded.chars().count() > LABEL_LINE {
            return;
        }
        self.above.push(line.whole());
        if self.above.len() > ABOVE {
            self.above.remove(0);
        }
    }

    /// A row was read, or a new section begins: the label lines above are spent.
    pub fn clear_above(&mut self) {
        self.above.clear();
    }

    /// The short label lines right below the current one, at most `max`, as tokens: the
    /// rest of a label wrapped around its numbers. Stops at an empty line, a row or prose.
    pub fn labels_below(&self, max: usize) -> impl Iterator<Item = Tok<'a>> + 'l {
        self.lines[self.at + 1..].iter().take(max).map_while(|l| {
            let label = !l.folded.is_empty()
                && !l.tabbed
                && l.split().is_none()
                && l.folded.chars().count() <= LABEL_LINE;
            label.then(|| l.whole())
        })
    }

    /// Takes the first `n` lines below the current one (labels read with it).
    pub fn take_below(&mut self, n: usize) {
        self.next = self.next.max(self.at + 1 + n);
    }

    /// One value per line (PDF text): appends the values of the values-only lines below the
    /// current one to `values` until there are `n`, and takes those lines (page furniture
    /// between them included).
    pub fn gather(&mut self, values: &mut Vec<Tok<'a>>, n: usize) {
        let mut next = self.at + 1;
        while values.len() < n && next < self.lines.len() {
            let l = &self.lines[next];
            if l.is_furniture() {
                next += 1;
                continue;
            }
            if l.tabbed || l.toks.is_empty() || !l.toks.iter().all(|t| t.value) {
                break;
            }
            values.extend(l.toks.iter().cloned());
            next += 1;
        }
        self.next = self.next.max(next);
    }
}
