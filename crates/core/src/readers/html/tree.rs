//! The tree builder: paragraphs and tables (rows of cells holding their own paragraphs and
//! nested tables), following the HTML parser's table rules where pages break them (see the
//! [module documentation](super)). Tables are handed over as the grid engine's model.

use super::super::grid::{self, Item, MAX_DEPTH};
use super::entities::decode_into;
use super::lexer::{is_ws, StartTag, Token};

#[derive(Debug, Default)]
struct Container {
    items: Vec<Item>,
    /// Decoded text of the paragraph being read.
    buf: String,
}

impl Container {
    fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let p = collapse(&self.buf);
        self.buf.clear();
        if !p.is_empty() {
            self.items.push(Item::Para(p));
        }
    }
}

#[derive(Debug)]
struct CellB {
    content: Container,
    colspan: usize,
    rowspan: usize,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<CellB>>,
    row_open: bool,
    cell: Option<CellB>,
    in_caption: bool,
}

impl Table {
    fn close_cell(&mut self) {
        if let Some(mut c) = self.cell.take() {
            c.content.flush();
            if !self.row_open {
                self.start_row();
            }
            if let Some(r) = self.rows.last_mut() {
                r.push(c);
            }
        }
    }
    fn start_row(&mut self) {
        self.rows.push(Vec::new());
        self.row_open = true;
        self.in_caption = false;
    }
    fn close_row(&mut self) {
        self.close_cell();
        self.row_open = false;
    }

    /// The table for the grid engine: a cell's text is its paragraphs joined by spaces.
    fn into_grid(self) -> grid::Table {
        let rows = self.rows.into_iter().map(|cells| grid::Row {
            before: 0,
            after: 0,
            cells: cells
                .into_iter()
                .map(|c| {
                    let mut text = String::new();
                    for item in &c.content.items {
                        if let Item::Para(p) = item {
                            if !text.is_empty() {
                                text.push(' ');
                            }
                            text.push_str(p);
                        }
                    }
                    grid::Cell {
                        text,
                        content: c.content.items,
                        colspan: c.colspan,
                        rowspan: c.rowspan,
                        merge: None,
                    }
                })
                .collect(),
        });
        grid::Table {
            model: grid::HTML,
            rows: rows.collect(),
        }
    }
}

/// Block-level elements: their start and end end the paragraph being read.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "ul",
];

/// Elements whose content is not shown (or not report text).
const SKIPPED: &[&str] = &["template", "select", "svg", "math", "object"];

/// Elements allowed in `<head>`; any other start tag ends the head (as in browsers).
#[rustfmt::skip]
const HEAD_TAGS: &[&str] = &[
    "base", "basefont", "bgsound", "link", "meta", "noscript", "script", "style", "template",
    "title",
];

#[derive(Default)]
pub(super) struct Builder {
    root: Container,
    tables: Vec<Table>,
    title: Option<String>,
    in_head: bool,
    /// Element whose content is being skipped, and its nesting depth.
    skip: Option<(String, usize)>,
    /// `<table>` tags ignored beyond [`MAX_DEPTH`], whose `</table>` must be ignored too.
    ignored_tables: usize,
}

impl Builder {
    /// Where text goes: the innermost open cell, else (text inside a table but outside its
    /// cells, moved before the table as browsers do) the container around the table.
    fn container(&mut self) -> &mut Container {
        for t in self.tables.iter_mut().rev() {
            if let Some(c) = t.cell.as_mut() {
                return &mut c.content;
            }
        }
        &mut self.root
    }

    fn has_content(&self) -> bool {
        !self.root.items.is_empty() || !self.root.buf.trim().is_empty() || !self.tables.is_empty()
    }

    pub(super) fn token(&mut self, t: Token) {
        match t {
            Token::Text(s) => {
                if self.skip.is_some() || self.in_head {
                    return;
                }
                // Text after the closed rows of a table that was never closed ends the table
                // (browsers would move it before the table, above rows it follows).
                if self.tables.last().is_some_and(|t| {
                    t.cell.is_none() && !t.row_open && !t.in_caption && !t.rows.is_empty()
                }) && s.bytes().any(|c| !is_ws(c))
                {
                    self.close_table();
                }
                decode_into(s, &mut self.container().buf);
            }
            Token::Raw(name, s) => {
                if name == "title" && self.title.is_none() && self.skip.is_none() {
                    if !self.has_content() {
                        let mut t = String::new();
                        decode_into(s, &mut t);
                        let t = collapse(&t);
                        if !t.is_empty() {
                            self.title = Some(t);
                        }
                    }
                } else if name == "plaintext" && self.skip.is_none() {
                    decode_into(s, &mut self.container().buf);
                }
            }
            Token::Start(tag) => self.start(tag),
            Token::End(name) => self.end(&name),
        }
    }

    fn start(&mut self, tag: StartTag) {
        let name = tag.name.as_str();
        if let Some((skip, depth)) = self.skip.as_mut() {
            if skip == name {
                *depth += 1;
            }
            return;
        }
        if self.in_head && !HEAD_TAGS.contains(&name) {
            self.in_head = false;
        }
        match name {
            "head" => self.in_head = !self.has_content(),
            "table" => self.open_table(),
            "tr" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_row();
                    t.start_row();
                }
                None => self.container().flush(),
            },
            "td" | "th" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_cell();
                    if !t.row_open {
                        t.start_row();
                    }
                    t.cell = Some(CellB {
                        content: Container::default(),
                        colspan: tag.colspan.unwrap_or(1),
                        rowspan: tag.rowspan.unwrap_or(1),
                    });
                }
                None => self.container().flush(),
            },
            "caption" | "colgroup" | "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                    t.in_caption = name == "caption";
                }
                self.container().flush();
            }
            _ if SKIPPED.contains(&name) => self.skip = Some((tag.name, 1)),
            _ if BLOCKS.contains(&name) => self.container().flush(),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if let Some((skip, depth)) = self.skip.as_mut() {
            if skip == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        match name {
            "head" => self.in_head = false,
            "table" => {
                if self.ignored_tables > 0 {
                    self.ignored_tables -= 1;
                } else if !self.tables.is_empty() {
                    self.close_table();
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            "tr" | "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                }
            }
            "caption" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_caption = false;
                }
                self.container().flush();
            }
            _ if BLOCKS.contains(&name) => self.container().flush(),
            _ => {}
        }
    }

    fn open_table(&mut self) {
        if self.tables.len() >= MAX_DEPTH {
            self.ignored_tables += 1;
            return;
        }
        // A table directly inside a table (not in a cell) ends that table.
        if self.tables.last().is_some_and(|t| t.cell.is_none()) {
            self.close_table();
        }
        self.container().flush();
        self.tables.push(Table::default());
    }

    fn close_table(&mut self) {
        if let Some(mut t) = self.tables.pop() {
            t.close_row();
            let c = self.container();
            c.flush();
            c.items.push(Item::Table(t.into_grid()));
        }
    }

    pub(super) fn finish(mut self) -> (Option<String>, Vec<Item>) {
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.root.flush();
        (self.title, self.root.items)
    }
}

/// Collapses whitespace as a browser renders it: runs of whitespace (NBSP included) become
/// one space, a line break between two CJK characters disappears (CSS Text segment-break
/// rule; Word wraps long lines of Chinese text), the ends are trimmed. Invisible format
/// characters are dropped.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = false;
    let mut run_break = false;
    let mut run_only_ascii = true;
    for c in s.chars() {
        let ws = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{A0}');
        if ws {
            run = true;
            if c == '\n' || c == '\r' {
                run_break = true;
            }
            if c == '\u{A0}' {
                run_only_ascii = false;
            }
            continue;
        }
        if matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}') {
            continue;
        }
        if run {
            let drop = run_break
                && run_only_ascii
                && out.chars().next_back().is_some_and(is_cjk)
                && is_cjk(c);
            if !out.is_empty() && !drop {
                out.push(' ');
            }
            run = false;
            run_break = false;
            run_only_ascii = true;
        }
        out.push(c);
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F      // radicals, CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_like_a_browser() {
        assert_eq!(collapse("  一、总体\r\n  情况 "), "一、总体情况");
        assert_eq!(collapse("a\n b"), "a b");
        assert_eq!(collapse("商业\u{A0}企业"), "商业 企业");
        assert_eq!(collapse("2\u{200B}0\u{AD}23"), "2023");
    }
}
