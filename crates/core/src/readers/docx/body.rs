//! `word/document.xml` → paragraphs and tables, as the grid engine's tree ([`grid::Item`]).
//!
//! What is read: the text of `w:t` in runs (runs joined without spaces, so a number split
//! across runs stays one number), `w:tab` as a tab (a space inside cells), `w:br`/`w:cr`
//! as a space, list numbering (see [`super::numbering`]). What is not: deleted and
//! moved-away text, field codes, hidden runs, drawings, pictures, embedded objects, text
//! boxes, `mc:Fallback` content (its `mc:Choice` is read once), ruby annotations, tracked
//! property changes. Tables keep their cells with `gridSpan`, `vMerge`, `hMerge`,
//! `gridBefore` and `gridAfter` ([`grid::WORD`] model); the grid engine lays them out, and
//! reads tables that contain tables as layout (their content in document order).

use super::super::grid::{self, Item, Merge, Row, MAX_WORD_COLS, MAX_WORD_DEPTH};
use super::numbering::Numbering;
use super::xml::{attr, Event, Ns, Reader};

/// Most paragraphs, rows and cells kept from one document (a report has a few thousand);
/// what follows is not read. Keeps memory in proportion whatever the XML holds.
pub const MAX_ITEMS: usize = 300_000;

/// A table being read.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Row>,
    row: Option<Row>,
    cell: Option<OpenCell>,
    /// Items found in the table outside any cell (invalid): dropped.
    stray: Vec<Item>,
}

impl OpenTable {
    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            self.row
                .get_or_insert_with(Row::default)
                .cells
                .push(c.close());
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        self.rows.extend(self.row.take());
    }

    /// The table, with what the XML left open closed.
    fn close(mut self) -> grid::Table {
        self.close_row();
        grid::Table {
            model: grid::WORD,
            rows: self.rows,
        }
    }
}

/// A cell being read.
struct OpenCell {
    span: usize,
    /// A `vMerge` continuation: part of the cell above, shown empty.
    vcont: bool,
    /// An `hMerge` continuation (legacy horizontal merge): part of the cell to the left.
    hcont: bool,
    items: Vec<Item>,
}

impl Default for OpenCell {
    fn default() -> OpenCell {
        OpenCell {
            span: 1,
            vcont: false,
            hcont: false,
            items: Vec::new(),
        }
    }
}

impl OpenCell {
    /// The cell for the grid engine. Its text: its paragraphs trimmed and joined by spaces,
    /// tabs as spaces.
    fn close(self) -> grid::Cell {
        let mut text = String::new();
        for item in &self.items {
            if let Item::Para(t) = item {
                let t = t.trim_matches(crate::text::is_space);
                if t.is_empty() {
                    continue;
                }
                if !text.is_empty() {
                    text.push(' ');
                }
                text.extend(t.chars().map(|c| if c == '\t' { ' ' } else { c }));
            }
        }
        let mut cell = grid::Cell::new(text, self.items);
        cell.colspan = self.span;
        cell.merge = if self.vcont {
            Some(Merge::Up)
        } else if self.hcont {
            Some(Merge::Left)
        } else {
            None
        };
        cell
    }
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
}

/// Elements whose whole content is ignored.
fn skipped(ns: Ns, local: &str) -> bool {
    match ns {
        Ns::W => {
            matches!(
                local,
                "del"
                    | "moveFrom"
                    | "delText"
                    | "instrText"
                    | "delInstrText"
                    | "drawing"
                    | "pict"
                    | "object"
                    | "txbxContent"
                    | "rt"
                    | "sdtPr"
                    | "sdtEndPr"
                    | "fldData"
                    | "footnote"
                    | "endnote"
            ) || local.ends_with("Change")
        }
        Ns::Mc => local == "Fallback",
        _ => false,
    }
}

fn val_usize(attrs: &str) -> usize {
    attr(attrs, "val")
        .and_then(|v| crate::text::parse_uint::<usize>(v.trim()))
        .unwrap_or(0)
}

fn on(attrs: &str) -> bool {
    !matches!(attr(attrs, "val"), Some("0" | "false" | "off"))
}

/// The reader's state while it walks `word/document.xml`: the items read, the tables open,
/// the paragraph open, the element depth and what is being skipped.
#[derive(Default)]
struct Body {
    body: Vec<Item>,
    tables: Vec<OpenTable>,
    /// `w:tbl` elements beyond MAX_WORD_DEPTH that are currently open.
    flat_tables: usize,
    para: Option<Para>,
    depth: usize,
    items: usize,
    /// A paragraph, row or cell was left out: past [`MAX_ITEMS`].
    cut: bool,
    skip: Option<usize>,
    in_run: bool,
    hidden: bool,
    in_t: bool,
    in_ppr: bool,
}

impl Body {
    /// Where an item read now goes: the open cell of the innermost table (or its stray items
    /// outside any cell), else the body.
    fn target(&mut self) -> &mut Vec<Item> {
        match self.tables.last_mut() {
            Some(t) => match t.cell.as_mut() {
                Some(c) => &mut c.items,
                None => &mut t.stray,
            },
            None => &mut self.body,
        }
    }

    fn start(&mut self, ns: Ns, local: &str, attrs: &str, empty: bool) {
        if self.skip.is_some() {
            if !empty {
                self.depth += 1;
            }
            return;
        }
        if self.items >= MAX_ITEMS && ns == Ns::W && matches!(local, "p" | "tr" | "tc") {
            self.cut = true;
        }
        if !empty {
            self.depth += 1;
            if skipped(ns, local) {
                self.skip = Some(self.depth - 1);
                return;
            }
        }
        if ns == Ns::W && !self.start_para(local, attrs, empty) {
            self.start_table(local, attrs, empty);
        }
    }

    /// The start of an element of a paragraph or a run; `false` when it is none of them.
    fn start_para(&mut self, local: &str, attrs: &str, empty: bool) -> bool {
        let run = self.in_run && !self.hidden;
        let push = |p: &mut Option<Para>, c: char| {
            if let Some(p) = p.as_mut() {
                p.text.push(c);
            }
        };
        match local {
            "p" if !empty && self.para.is_none() && self.items < MAX_ITEMS => {
                self.para = Some(Para::default())
            }
            "pPr" if !empty => self.in_ppr = true,
            "pStyle" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(attrs, "val").map(str::to_string);
                }
            }
            "numId" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.num_id = attr(attrs, "val").and_then(|v| crate::text::parse_uint(v.trim()));
                }
            }
            "ilvl" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.ilvl = Some(val_usize(attrs).min(8) as u8);
                }
            }
            "r" if !empty => {
                self.in_run = true;
                self.hidden = false;
            }
            "vanish" if self.in_run => self.hidden = on(attrs),
            "t" if !empty && run && self.para.is_some() => self.in_t = true,
            "tab" | "ptab" if run => push(&mut self.para, '\t'),
            "br" | "cr" if run => push(&mut self.para, ' '),
            "noBreakHyphen" if run => push(&mut self.para, '-'),
            _ => return false,
        }
        true
    }

    /// The start of a table element (`tbl`, `tr`, `tc` and their properties).
    fn start_table(&mut self, local: &str, attrs: &str, empty: bool) {
        match local {
            "tbl" if !empty => {
                if self.tables.len() < MAX_WORD_DEPTH {
                    self.tables.push(OpenTable::default());
                } else {
                    self.flat_tables += 1;
                }
            }
            _ if self.flat_tables > 0 => {}
            "tr" if self.items < MAX_ITEMS => {
                self.items += 1;
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Row::default());
                    if empty {
                        t.rows.extend(t.row.take());
                    }
                }
            }
            "gridBefore" | "gridAfter" => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    let n = val_usize(attrs).min(MAX_WORD_COLS);
                    if local == "gridBefore" {
                        row.before = n;
                    } else {
                        row.after = n;
                    }
                }
            }
            "tc" if self.items < MAX_ITEMS => {
                self.items += 1;
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(OpenCell::default());
                    if empty {
                        if let (Some(row), Some(c)) = (t.row.as_mut(), t.cell.take()) {
                            row.cells.push(c.close());
                        }
                    }
                }
            }
            "gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = val_usize(attrs).clamp(1, MAX_WORD_COLS);
                }
            }
            "vMerge" | "hMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    // No value, or `continue`, continues the merge.
                    let cont = !matches!(attr(attrs, "val"), Some(v) if v.trim() == "restart");
                    if local == "vMerge" {
                        c.vcont = cont;
                    } else {
                        c.hcont = cont;
                    }
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, ns: Ns, local: &str, numbering: Option<&mut Numbering>) {
        self.depth = self.depth.saturating_sub(1);
        if let Some(d) = self.skip {
            if self.depth <= d {
                self.skip = None;
            }
            return;
        }
        if ns != Ns::W {
            return;
        }
        match local {
            "t" => self.in_t = false,
            "r" => {
                self.in_run = false;
                self.in_t = false;
            }
            "pPr" => self.in_ppr = false,
            "p" => {
                if let Some(p) = self.para.take() {
                    let mut text = p.text;
                    if let Some(n) = numbering {
                        if let Some(label) = n.label(p.style.as_deref(), p.num_id, p.ilvl) {
                            text.insert_str(0, &label);
                        }
                    }
                    if !text.trim_matches(crate::text::is_space).is_empty() {
                        self.items += 1;
                        self.target().push(Item::Para(text));
                    }
                }
                self.in_run = false;
                self.in_t = false;
                self.in_ppr = false;
            }
            "tbl" if self.flat_tables > 0 => self.flat_tables -= 1,
            "tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.target().push(Item::Table(t.close()));
                }
            }
            _ if self.flat_tables > 0 => {}
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_row();
                }
            }
            _ => {}
        }
    }

    /// What was read; of a truncated part, what was read before it ended.
    fn finish(mut self) -> Read {
        if let Some(p) = self.para.take() {
            self.target().push(Item::Para(p.text));
        }
        while let Some(t) = self.tables.pop() {
            self.target().push(Item::Table(t.close()));
        }
        Read {
            items: self.body,
            cut: self.cut,
        }
    }
}

/// The body of a Word document: its items, and whether some were left out (past
/// [`MAX_ITEMS`]).
#[derive(Debug, Default)]
pub struct Read {
    pub items: Vec<Item>,
    pub cut: bool,
}

/// Reads the body of `word/document.xml`. `None` when the part is not a WordprocessingML
/// document (its root element is not `w:document`).
pub fn read(xml: &str, mut numbering: Option<&mut Numbering>) -> Option<Read> {
    let mut r = Reader::new(xml);
    // The root element decides whether this is a Word document at all.
    loop {
        match r.next()? {
            Event::Start {
                ns: Ns::W,
                local: "document",
                empty,
                ..
            } => {
                if empty {
                    return Some(Read::default());
                }
                break;
            }
            Event::Start { .. } | Event::End { .. } => return None,
            Event::Text(_) => {}
        }
    }
    let mut b = Body::default();
    while let Some(ev) = r.next() {
        match ev {
            Event::Start {
                ns,
                local,
                attrs,
                empty,
            } => b.start(ns, local, attrs, empty),
            Event::End { ns, local } => b.end(ns, local, numbering.as_deref_mut()),
            Event::Text(t) => {
                if b.in_t && b.skip.is_none() {
                    if let Some(p) = b.para.as_mut() {
                        p.text.push_str(&t);
                    }
                }
            }
        }
    }
    Some(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn tables_become_the_grid_model() {
        let tc = |pr: &str, body: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{body}</w:tc>");
        let p = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
        let row = [
            tc("<w:gridSpan w:val=\"2\"/>", &(p(" a ") + &p("") + &p("b"))),
            tc("<w:vMerge/>", &p("x")),
            tc("<w:vMerge w:val=\"restart\"/><w:hMerge/>", ""),
            "<w:tc><w:p><w:r><w:t>1</w:t><w:tab/><w:t>2</w:t></w:r></w:p></w:tc>".to_string(),
        ]
        .concat();
        let xml = format!(
            "<w:document {W}><w:body><w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"999\"/></w:trPr>{row}</w:tr></w:tbl></w:body></w:document>"
        );
        let items = read(&xml, None).unwrap().items;
        let Some(Item::Table(t)) = items.first() else {
            panic!("no table");
        };
        assert_eq!(t.model, grid::WORD);
        let r = &t.rows[0];
        assert_eq!((r.before, r.after), (1, MAX_WORD_COLS));
        let cells: Vec<_> = r
            .cells
            .iter()
            .map(|c| (c.text.as_str(), c.colspan, c.merge, c.content.len()))
            .collect();
        assert_eq!(
            cells,
            [
                ("a b", 2, None, 2),
                ("x", 1, Some(Merge::Up), 1),
                ("", 1, Some(Merge::Left), 0),
                ("1 2", 1, None, 1),
            ]
        );
    }

    #[test]
    fn the_tree_keeps_at_most_max_items() {
        let xml = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            "<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(MAX_ITEMS + 10)
        );
        let r = read(&xml, None).unwrap();
        assert_eq!((r.items.len(), r.cut), (MAX_ITEMS, true));
        let xml = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            "<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(MAX_ITEMS)
        );
        let r = read(&xml, None).unwrap();
        assert_eq!((r.items.len(), r.cut), (MAX_ITEMS, false));
        let xml = format!(
            "<w:document {W}><w:body><w:tbl><w:tr>{}</w:tr></w:tbl></w:body></w:document>",
            "<w:tc/>".repeat(MAX_ITEMS + 10)
        );
        let r = read(&xml, None).unwrap();
        let Some(Item::Table(t)) = r.items.first() else {
            panic!("no table");
        };
        assert_eq!((t.rows[0].cells.len(), r.cut), (MAX_ITEMS - 1, true));
    }

    #[test]
    fn malformed_markup_never_ends_the_document_early() {
        for junk in [
            "<w:p <w:r>>",
            "</w:tc></w:tr></w:tbl></w:body>",
            "< >",
            "<>",
            "<a b='1>2'/>",
            "<w:p><w:r><w:t>x",
            "&#xFFFFFFFF;&;&#x;",
            "<w:tc><w:tcPr><w:gridSpan w:val=\"-3\"/></w:tcPr></w:tc>",
            "<!DOCTYPE x>",
            "<![CDATA[a]]>",
            "]]>",
            "<w:t xml:space=preserve>unquoted</w:t>",
        ] {
            let xml = format!(
                "<w:document {W}><w:body><w:p><w:r><w:t>before</w:t></w:r></w:p>{junk}\
                 <w:p><w:r><w:t>after</w:t></w:r></w:p></w:body></w:document>"
            );
            let mut doc = crate::readers::Document::default();
            grid::render(&read(&xml, None).unwrap().items, &mut doc);
            assert!(doc.text.starts_with("before"), "{junk}: {:?}", doc.text);
            assert!(
                doc.text.trim_end().ends_with("after"),
                "{junk}: {:?}",
                doc.text
            );
        }
    }
}
