//! The extraction's view of a document: [`Line`]s of [`Tok`]s, in reading order, borrowing
//! the document's text; and a line cut into its label cells and value cells ([`Row`]).
//!
//! Every later step (the outline, the table readers, the concatenated-cell solver) reads
//! these lines; each line is folded once, here.

use super::cell::is_value;
use crate::model::Span;
use crate::readers::{Block, Columns, Document};
use crate::text::{digit_value, fold, is_space, trim_wide, Sig};
use std::borrow::Cow;

/// A cell (tab-separated text, an HTML or Word table cell) or a token (whitespace-separated
/// text), with its place in the input.
#[derive(Clone, Debug)]
pub(super) struct Tok<'a> {
    /// Byte range in the input this token stands for (for derived text: its source range).
    pub start: usize,
    pub end: usize,
    /// The cell text, trimmed.
    pub text: Cow<'a, str>,
    /// Is this a value (number, placeholder, number with unit)? Computed once.
    pub value: bool,
}

impl<'a> Tok<'a> {
    pub fn new(start: usize, end: usize, text: Cow<'a, str>) -> Tok<'a> {
        let value = is_value(&text);
        Tok {
            start,
            end,
            text,
            value,
        }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn is_label(&self) -> bool {
        !self.text.is_empty() && !self.value
    }
}

/// One line of a report: a paragraph, or a table row whose cells are known (`tabbed`).
#[derive(Clone, Debug)]
pub(super) struct Line<'a> {
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
    /// `text` folded ([`fold`]); a long paragraph (prose) is searched for marker words as
    /// it is, not folded.
    pub folded: Cow<'a, str>,
    /// The signature of `folded` ([`Sig`]): marker words it cannot contain are not looked for.
    pub sig: Sig,
    /// True when offsets inside `text` are exact; false for grid rows (HTML/Word), whose
    /// offsets map to the start or the end of the row.
    pub exact: bool,
    /// True when the cells are known (tab-separated text, HTML/Word table rows).
    pub tabbed: bool,
    /// True when the cells are the table's grid columns exactly (HTML/Word with spans
    /// expanded; cells under a span are empty): values are then taken by position.
    pub grid: bool,
    pub toks: Vec<Tok<'a>>,
}

/// A line that holds a table row: its label cells and its value cells (empty cells kept
/// among values), with what the values are fitted by.
#[derive(Debug)]
pub(super) struct Row<'a> {
    /// The whole line.
    pub span: Span,
    pub tabbed: bool,
    pub grid: bool,
    pub labels: Vec<Tok<'a>>,
    pub values: Vec<Tok<'a>>,
}

/// Lines longer than this (in bytes) that are not table rows are prose: not folded.
const PROSE: usize = 240;

impl<'a> Line<'a> {
    fn new(span: Span, text: &'a str, kind: Kind, toks: Vec<Tok<'a>>) -> Line<'a> {
        let tabbed = kind != Kind::Text;
        let folded = if tabbed || text.len() <= PROSE {
            Cow::Owned(fold(text))
        } else {
            Cow::Borrowed(text)
        };
        Line {
            start: span.start,
            end: span.end,
            text: Cow::Borrowed(text),
            sig: Sig::of(&folded),
            folded,
            exact: kind != Kind::Grid,
            tabbed,
            grid: kind == Kind::Grid,
            toks,
        }
    }

    /// The input offset of byte `off` of `text`.
    pub fn abs(&self, off: usize) -> usize {
        if self.exact {
            self.start + off
        } else if off == 0 {
            self.start
        } else {
            self.end
        }
    }

    /// The input offset where the line's text starts (after leading whitespace).
    pub fn text_start(&self) -> usize {
        self.abs(lead_ws(&self.text))
    }

    /// The whole (trimmed) line as one token.
    pub fn whole(&self) -> Tok<'a> {
        let t = trim_wide(&self.text);
        let lead = lead_ws(&self.text);
        Tok::new(
            self.abs(lead),
            self.abs(lead + t.len()),
            Cow::Owned(t.to_string()),
        )
    }

    /// Page numbers and footers inside tables (`-4-`, `— 3 —`, `第 2 页`, `2/5`, `Page 9`),
    /// and empty lines: nothing to read.
    pub fn is_furniture(&self) -> bool {
        self.folded.is_empty() || is_page_furniture(&self.folded)
    }

    /// Splits the line into its label cells and its value cells; `None` when it holds no
    /// value (a heading, a label on its own line, prose).
    pub fn split(&self) -> Option<Row<'a>> {
        let row = |labels, values| Row {
            span: Span::new(self.start, self.end),
            tabbed: self.tabbed,
            grid: self.grid,
            labels,
            values,
        };
        // A row whose cells are known (tabs, HTML/Word grids) may be a label followed by
        // blank cells only: those are blank cells, not a missing row. A header row ends in a
        // label (or one merged cell after it), so at least three cells must follow the label.
        let toks = &self.toks;
        let last_label = toks.iter().rposition(Tok::is_label);
        let blank_row = self.tabbed
            && last_label
                .is_some_and(|i| i + 3 < toks.len() && toks[i + 1..].iter().all(Tok::is_empty));
        if !blank_row && !toks.iter().any(|t| t.value) {
            return None;
        }
        if !self.tabbed {
            let (labels, values) = self.split_spaced()?;
            return Some(row(labels, values));
        }
        match last_label {
            Some(i) => {
                let values = toks[i + 1..].to_vec();
                if !blank_row && !values.iter().any(|t| t.value) {
                    return None;
                }
                let labels = toks[..=i].iter().filter(|t| !t.is_empty()).cloned();
                Some(row(labels.collect(), values))
            }
            None => Some(row(Vec::new(), toks.clone())),
        }
    }

    /// Whitespace-separated: labels may contain spaces ("1. 属于国家秘密"); values are the
    /// trailing run of value tokens, and a label must not follow a value.
    fn split_spaced(&self) -> Option<(Vec<Tok<'a>>, Vec<Tok<'a>>)> {
        let toks = &self.toks;
        let first_value = toks.iter().position(|t| t.value)?;
        if toks[first_value..].iter().any(|t| !t.value) {
            return None;
        }
        let labels = match (toks[..first_value].first(), toks[..first_value].last()) {
            (Some(a), Some(b)) if self.exact => {
                let (s, e) = (a.start - self.start, b.end - self.start);
                vec![Tok::new(
                    a.start,
                    b.end,
                    Cow::Owned(self.text[s..e].to_string()),
                )]
            }
            (Some(a), Some(b)) => {
                let joined = join_texts(&toks[..first_value], " ");
                vec![Tok::new(a.start, b.end, Cow::Owned(joined))]
            }
            _ => Vec::new(),
        };
        Some((labels, toks[first_value..].to_vec()))
    }
}

/// How a line's cells are known.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A paragraph or a plain-text line: cut into whitespace tokens (if at all).
    Text,
    /// A loose table row: its cells as written.
    Loose,
    /// A grid row: its cells are the table's columns.
    Grid,
}

/// The extraction's lines of a document: one line per paragraph, plain-text line and table
/// row, in reading order, borrowing the document's text.
///
/// - A paragraph of a structured document is cut into whitespace-separated tokens (it may
///   be a row whose cells a writer separated by spaces).
/// - A plain-text line is cut into tokens only when it could be such a row (it ends with a
///   value): prose is not tokenised, which keeps reading fast.
/// - A loose row keeps its cells as written; a grid row is marked `grid` (values are then
///   taken by position) and is skipped when none of its cells has text.
pub(super) fn lines(doc: &Document) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        match block {
            Block::Paragraph(span) | Block::Line(span) => {
                let text = doc.slice(*span);
                let tokenise = matches!(block, Block::Paragraph(_)) || could_be_row(text);
                let toks = if tokenise {
                    ws_tokens(text)
                        .map(|(s, e)| {
                            let (a, b) = (span.start + s, span.start + e);
                            Tok::new(a, b, Cow::Borrowed(&text[s..e]))
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                out.push(Line::new(*span, text, Kind::Text, toks));
            }
            Block::Table(table) => {
                let kind = match table.columns {
                    Columns::Grid => Kind::Grid,
                    Columns::Loose => Kind::Loose,
                };
                for row in &table.rows {
                    if kind == Kind::Grid && row.cells.iter().all(|c| c.end == c.start) {
                        continue;
                    }
                    let toks = row
                        .cells
                        .iter()
                        .map(|&c| Tok::new(c.start, c.end, Cow::Borrowed(doc.slice(c))))
                        .collect();
                    out.push(Line::new(row.span, doc.slice(row.span), kind, toks));
                }
            }
        }
    }
    out
}

/// Every line's folded text, each followed by a line break: where marker words are looked
/// for in the whole document.
pub(super) fn fold_all(lines: &[Line]) -> String {
    let cap = lines.iter().map(|l| l.folded.len() + 1).sum();
    let mut all = String::with_capacity(cap);
    for l in lines {
        all.push_str(&l.folded);
        all.push('\n');
    }
    all
}

/// A whitespace-separated line can only be a table row if it ends with a value (a digit or
/// a placeholder); prose ends with punctuation.
fn could_be_row(text: &str) -> bool {
    text.trim_end_matches(is_space)
        .chars()
        .next_back()
        .is_some_and(|c| {
            c.is_ascii_digit() || digit_value(c).is_some() || "/／-—－–―─无用AaXx×*计".contains(c)
        })
}

/// Byte ranges of whitespace-separated tokens (wide whitespace included).
fn ws_tokens(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    s.split(is_space).filter(|t| !t.is_empty()).map(move |t| {
        let start = t.as_ptr() as usize - s.as_ptr() as usize;
        (start, start + t.len())
    })
}

/// Page numbers and footers (folded).
fn is_page_furniture(f: &str) -> bool {
    let inner = f.trim_matches(|c| c == '-' || c == '—' || c == '·');
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    (inner.len() < f.len() && digits(inner))
        || (f.starts_with('第') && f.ends_with('页') && f.chars().count() <= 12)
        // (`2/5` starts with a digit: other lines are not searched for a slash)
        || (f.as_bytes().first().is_some_and(u8::is_ascii_digit)
            && f.split_once('/')
                .is_some_and(|(a, b)| digits(a) && digits(b)))
        || f.strip_prefix("Page")
            .or_else(|| f.strip_prefix("P."))
            .is_some_and(digits)
}

/// Fits the cells after a label to `n` columns: merged-cell artefacts are empty cells at
/// the edges (one after the label, trailing ones at the end of the row).
pub(super) fn fit<'a>(v: Vec<Tok<'a>>, n: usize, grid: bool, left_aligned: bool) -> Vec<Tok<'a>> {
    if grid {
        // Exact grid: 表二's values start right after the label (a single value spans the
        // value columns; the 2019 two-value rows leave the third column empty); 表三/表四's
        // values are the last grid columns, after label cells of varying width.
        return if n == 1 || left_aligned || v.len() <= n {
            let mut v = v;
            v.truncate(n);
            v
        } else {
            v[v.len() - n..].to_vec()
        };
    }
    fit_flat(v, n)
}

fn fit_flat(mut v: Vec<Tok<'_>>, n: usize) -> Vec<Tok<'_>> {
    if v.len() > n && v[0].is_empty() {
        v.remove(0);
    }
    while v.len() > n && v.last().is_some_and(|t| t.is_empty()) {
        v.pop();
    }
    while v.len() > n && v[0].is_empty() {
        v.remove(0);
    }
    v.truncate(n);
    v
}

/// The texts of `toks` joined by `sep`.
pub(super) fn join_texts(toks: &[Tok], sep: &str) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(&t.text);
    }
    s
}

/// Several label pieces as one label (wrapped lines joined without spaces).
pub(super) fn join_toks<'a>(toks: &[Tok<'a>]) -> Tok<'a> {
    let mut text = String::new();
    for t in toks {
        text.push_str(trim_wide(&t.text));
    }
    let start = toks.first().map_or(0, |t| t.start);
    let end = toks.iter().map(|t| t.end).max().unwrap_or(start);
    Tok::new(start, end, Cow::Owned(text))
}

/// The length of the leading whitespace of `s`.
pub(super) fn lead_ws(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_space).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_drops_merge_artefacts_only() {
        let mk = |s: &'static str| Tok::new(0, 0, Cow::Borrowed(s));
        let v: Vec<Tok> = ["", "0", "1", "2", "3", "4", "5", "6", ""]
            .iter()
            .map(|s| mk(s))
            .collect();
        let f = fit(v, 7, false, false);
        assert_eq!(
            f.iter().map(|t| t.text.as_ref()).collect::<Vec<_>>(),
            ["0", "1", "2", "3", "4", "5", "6"]
        );
        // A blank 总计 column stays blank (not shifted).
        let v: Vec<Tok> = ["", "5", "0", "0", "0", "0", "0", "", ""]
            .iter()
            .map(|s| mk(s))
            .collect();
        let f = fit(v, 7, false, false);
        assert_eq!(
            f.iter().map(|t| t.text.as_ref()).collect::<Vec<_>>(),
            ["5", "0", "0", "0", "0", "0", ""]
        );
    }

    #[test]
    fn tokens_split_at_wide_whitespace() {
        let s = " 1.　属于\t国家秘密  12 ";
        let toks: Vec<&str> = ws_tokens(s).map(|(a, b)| &s[a..b]).collect();
        assert_eq!(toks, ["1.", "属于", "国家秘密", "12"]);
    }

    #[test]
    fn page_furniture() {
        for f in ["-4-", "—3—", "第2页", "2/5", "Page9", "P.3"] {
            assert!(is_page_furniture(f), "{f}");
        }
        for f in ["4", "12/5件", "第二十条", "-"] {
            assert!(!is_page_furniture(f), "{f}");
        }
    }
}
