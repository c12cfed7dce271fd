//! `word/document.xml` → paragraphs and tables (as a tree), then → [`Document`] blocks.
//!
//! What is read: the text of `w:t` in runs (runs joined without spaces, so a number split
//! across runs stays one number), `w:tab` as a tab (a space inside cells), `w:br`/`w:cr`
//! as a space, list numbering (see [`super::numbering`]). What is not: deleted and
//! moved-away text, field codes, hidden runs, drawings, pictures, embedded objects, text
//! boxes, `mc:Fallback` content (its `mc:Choice` is read once), ruby annotations, tracked
//! property changes. Tables keep their cells with `gridSpan`, `vMerge`, `hMerge`,
//! `gridBefore` and `gridAfter`; the innermost tables are the data tables, tables that
//! contain tables are layout and their content is read in document order.

use super::numbering::Numbering;
use super::xml::{attr, Event, Ns, Reader};
use crate::readers::document::{Columns, Document, Table as GridTable};

/// Tables nested deeper than this are read as if their structure were not there.
const MAX_TABLE_DEPTH: usize = 16;
/// Most paragraphs, rows and cells kept from one document (a report has a few thousand);
/// what follows is not read. Keeps memory in proportion whatever the XML holds.
pub const MAX_ITEMS: usize = 300_000;
/// Most grid cells emitted for one document (rows × width, summed over tables).
pub const MAX_SLOTS: usize = 4_000_000;
/// Word allows at most 63 columns; anything wider is clamped.
pub const MAX_COLS: usize = 64;

#[derive(Debug)]
pub enum Block {
    Para(String),
    Table(Table),
}

#[derive(Debug, Default)]
pub struct Table {
    /// Number of `w:gridCol` in `w:tblGrid`.
    pub grid: usize,
    pub rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub struct Row {
    pub before: usize,
    pub after: usize,
    pub cells: Vec<Cell>,
}

#[derive(Debug)]
pub struct Cell {
    pub span: usize,
    /// A `vMerge` continuation: part of the cell above, shown empty.
    pub vcont: bool,
    /// An `hMerge` continuation (legacy horizontal merge): part of the cell to the left.
    pub hcont: bool,
    pub blocks: Vec<Block>,
}

impl Default for Cell {
    fn default() -> Cell {
        Cell {
            span: 1,
            vcont: false,
            hcont: false,
            blocks: Vec::new(),
        }
    }
}

#[derive(Default)]
struct OpenTable {
    table: Table,
    row: Option<Row>,
    cell: Option<Cell>,
    /// Blocks found in the table outside any cell (invalid): dropped.
    stray: Vec<Block>,
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

/// Reads the body of `word/document.xml`. `None` when the part is not a WordprocessingML
/// document (its root element is not `w:document`).
pub fn read(xml: &str, mut numbering: Option<&mut Numbering>) -> Option<Vec<Block>> {
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
                    return Some(Vec::new());
                }
                break;
            }
            Event::Start { .. } | Event::End { .. } => return None,
            Event::Text(_) => {}
        }
    }
    let mut body: Vec<Block> = Vec::new();
    let mut tables: Vec<OpenTable> = Vec::new();
    // `w:tbl` elements beyond MAX_TABLE_DEPTH that are currently open.
    let mut flat_tables = 0usize;
    let mut para: Option<Para> = None;
    let mut depth = 0usize;
    let mut items = 0usize;
    let mut skip: Option<usize> = None;
    let (mut in_run, mut hidden, mut in_t, mut in_ppr) = (false, false, false, false);

    fn target<'b>(body: &'b mut Vec<Block>, tables: &'b mut [OpenTable]) -> &'b mut Vec<Block> {
        match tables.last_mut() {
            Some(t) => match t.cell.as_mut() {
                Some(c) => &mut c.blocks,
                None => &mut t.stray,
            },
            None => body,
        }
    }

    while let Some(ev) = r.next() {
        match ev {
            Event::Start {
                ns,
                local,
                attrs,
                empty,
            } => {
                if skip.is_some() {
                    if !empty {
                        depth += 1;
                    }
                    continue;
                }
                if !empty {
                    depth += 1;
                    if skipped(ns, local) {
                        skip = Some(depth - 1);
                        continue;
                    }
                }
                if ns != Ns::W {
                    continue;
                }
                match local {
                    "p" if !empty && para.is_none() && items < MAX_ITEMS => {
                        para = Some(Para::default())
                    }
                    "pPr" if !empty => in_ppr = true,
                    "pStyle" if in_ppr => {
                        if let Some(p) = para.as_mut() {
                            p.style = attr(attrs, "val").map(str::to_string);
                        }
                    }
                    "numId" if in_ppr => {
                        if let Some(p) = para.as_mut() {
                            p.num_id =
                                attr(attrs, "val").and_then(|v| crate::text::parse_uint(v.trim()));
                        }
                    }
                    "ilvl" if in_ppr => {
                        if let Some(p) = para.as_mut() {
                            p.ilvl = Some(val_usize(attrs).min(8) as u8);
                        }
                    }
                    "r" if !empty => {
                        in_run = true;
                        hidden = false;
                    }
                    "vanish" if in_run => hidden = on(attrs),
                    "t" if !empty && in_run && !hidden && para.is_some() => in_t = true,
                    "tab" | "ptab" if in_run && !hidden => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('\t');
                        }
                    }
                    "br" | "cr" if in_run && !hidden => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    "noBreakHyphen" if in_run && !hidden => {
                        if let Some(p) = para.as_mut() {
                            p.text.push('-');
                        }
                    }
                    "tbl" if !empty => {
                        if tables.len() < MAX_TABLE_DEPTH {
                            tables.push(OpenTable::default());
                        } else {
                            flat_tables += 1;
                        }
                    }
                    _ if flat_tables > 0 => {}
                    "gridCol" => {
                        if let Some(t) = tables.last_mut() {
                            t.table.grid += 1;
                        }
                    }
                    "tr" if items < MAX_ITEMS => {
                        items += 1;
                        if let Some(t) = tables.last_mut() {
                            t.row = Some(Row::default());
                            if empty {
                                t.table.rows.extend(t.row.take());
                            }
                        }
                    }
                    "gridBefore" | "gridAfter" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                            let n = val_usize(attrs).min(MAX_COLS);
                            if local == "gridBefore" {
                                row.before = n;
                            } else {
                                row.after = n;
                            }
                        }
                    }
                    "tc" if items < MAX_ITEMS => {
                        items += 1;
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(Cell::default());
                            if empty {
                                if let (Some(row), Some(c)) = (t.row.as_mut(), t.cell.take()) {
                                    row.cells.push(c);
                                }
                            }
                        }
                    }
                    "gridSpan" => {
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            c.span = val_usize(attrs).clamp(1, MAX_COLS);
                        }
                    }
                    "vMerge" | "hMerge" => {
                        if let Some(c) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                            // No value, or `continue`, continues the merge.
                            let cont =
                                !matches!(attr(attrs, "val"), Some(v) if v.trim() == "restart");
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
            Event::End { ns, local } => {
                depth = depth.saturating_sub(1);
                if let Some(d) = skip {
                    if depth <= d {
                        skip = None;
                    }
                    continue;
                }
                if ns != Ns::W {
                    continue;
                }
                match local {
                    "t" => in_t = false,
                    "r" => {
                        in_run = false;
                        in_t = false;
                    }
                    "pPr" => in_ppr = false,
                    "p" => {
                        if let Some(p) = para.take() {
                            let mut text = p.text;
                            if let Some(n) = numbering.as_deref_mut() {
                                if let Some(label) = n.label(p.style.as_deref(), p.num_id, p.ilvl) {
                                    text.insert_str(0, &label);
                                }
                            }
                            if !text.trim_matches(crate::text::is_space).is_empty() {
                                items += 1;
                                target(&mut body, &mut tables).push(Block::Para(text));
                            }
                        }
                        in_run = false;
                        in_t = false;
                        in_ppr = false;
                    }
                    "tbl" if flat_tables > 0 => flat_tables -= 1,
                    "tbl" => {
                        if let Some(mut t) = tables.pop() {
                            // Close what the XML left open.
                            if let Some(c) = t.cell.take() {
                                t.row.get_or_insert_with(Row::default).cells.push(c);
                            }
                            t.table.rows.extend(t.row.take());
                            target(&mut body, &mut tables).push(Block::Table(t.table));
                        }
                    }
                    _ if flat_tables > 0 => {}
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(c) = t.cell.take() {
                                t.row.get_or_insert_with(Row::default).cells.push(c);
                            }
                        }
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(c) = t.cell.take() {
                                t.row.get_or_insert_with(Row::default).cells.push(c);
                            }
                            t.table.rows.extend(t.row.take());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if in_t && skip.is_none() {
                    if let Some(p) = para.as_mut() {
                        p.text.push_str(&t);
                    }
                }
            }
        }
    }
    // A truncated part: keep what was read.
    if let Some(p) = para.take() {
        target(&mut body, &mut tables).push(Block::Para(p.text));
    }
    while let Some(mut t) = tables.pop() {
        if let Some(c) = t.cell.take() {
            t.row.get_or_insert_with(Row::default).cells.push(c);
        }
        t.table.rows.extend(t.row.take());
        target(&mut body, &mut tables).push(Block::Table(t.table));
    }
    Some(body)
}

/// A cell of running text this long makes its table a layout table (a frame around the
/// report), as in the HTML reader.
const LAYOUT_CELL_CHARS: usize = 200;

/// A cell placed on the (compressed) grid.
struct Placed {
    row: usize,
    col: usize,
    span: usize,
    text: String,
    /// A number, a placeholder or a number with a unit: not a label.
    value: bool,
}

const NONE: usize = usize::MAX;

/// How many rows above a row with a merged value its header may be.
const HEADER_REACH: usize = 16;

impl Table {
    /// A table that holds tables, or a cell of running text, is layout: its content is
    /// read as the document.
    fn is_layout(&self) -> bool {
        self.rows.iter().flat_map(|r| &r.cells).any(|c| {
            c.blocks.iter().any(|b| matches!(b, Block::Table(_)))
                || c.blocks
                    .iter()
                    .map(|b| match b {
                        Block::Para(t) => t.chars().count(),
                        Block::Table(_) => 0,
                    })
                    .sum::<usize>()
                    >= LAYOUT_CELL_CHARS
        })
    }

    /// Places the cells on the grid: the cells, and for each row the owner (index into the
    /// cells) of each grid column, `NONE` for gaps. Grid columns at which no cell of any row
    /// starts (borders that are not aligned, extra `w:gridCol`s) are dropped: they only
    /// split a cell that spans them.
    fn place(&self, budget: usize) -> (Vec<Placed>, Vec<Vec<usize>>) {
        let width = self
            .rows
            .iter()
            .map(|r| r.before + r.cells.iter().map(|c| c.span).sum::<usize>() + r.after)
            .max()
            .unwrap_or(0)
            .max(self.grid)
            .min(MAX_COLS);
        let mut starts = vec![false; width];
        for r in &self.rows {
            let mut at = 0;
            if r.before > 0 {
                starts[0] = true;
                at = r.before;
            }
            for c in &r.cells {
                if at < width {
                    starts[at] = true;
                }
                at += c.span;
            }
            if r.after > 0 && at < width {
                starts[at] = true;
            }
        }
        // Old grid column → kept column.
        let mut col = Vec::with_capacity(width);
        let mut kept = 0usize;
        for (j, &s) in starts.iter().enumerate() {
            if s || j == 0 {
                kept += 1;
            }
            col.push(kept - 1);
        }
        let mut placed: Vec<Placed> = Vec::new();
        let mut grid: Vec<Vec<usize>> = Vec::with_capacity(self.rows.len());
        let rows = budget / kept.max(1);
        for (r, row) in self.rows.iter().enumerate().take(rows) {
            let mut line = vec![NONE; kept];
            let mut at = row.before;
            for c in &row.cells {
                if at >= width {
                    break;
                }
                let (a, b) = (col[at], col[(at + c.span).min(width) - 1]);
                at += c.span;
                let owner = if c.vcont {
                    grid.last().map_or(NONE, |above: &Vec<usize>| above[a])
                } else if c.hcont && a > 0 {
                    line[a - 1]
                } else {
                    NONE
                };
                let owner = if owner != NONE {
                    owner
                } else if c.vcont || c.hcont {
                    // A continuation of nothing: an empty cell of its own.
                    placed.push(Placed {
                        row: r,
                        col: a,
                        span: b - a + 1,
                        text: String::new(),
                        value: false,
                    });
                    placed.len() - 1
                } else {
                    let text = cell_text(&c.blocks);
                    placed.push(Placed {
                        row: r,
                        col: a,
                        span: b - a + 1,
                        value: crate::cell::reads_as_value(&text),
                        text,
                    });
                    placed.len() - 1
                };
                line[a..=b].fill(owner);
            }
            grid.push(line);
        }
        (placed, grid)
    }

    /// The table's rows as grid cells: one string per grid column, the text of a cell in
    /// the first grid column of its span (top-left for vertical merges), empty strings under
    /// the rest of the span, under merge continuations and for `gridBefore`/`gridAfter`.
    ///
    /// One deviation, the same as the HTML reader's, for tables whose value cells are merged
    /// differently from their header (上海 2019: `规章 | 13 | 13 (2 columns) | 524` under
    /// `信息内容 | 本年新制作数量 | 本年新公开数量 (2 columns) | 对外公开总数量`): when a row
    /// has a merged value cell, its value cells are laid on the columns of the nearest
    /// header row above (a row of labels only), one cell per header cell, when that is
    /// unambiguous (and the header is at most [`HEADER_REACH`] rows up). Otherwise the row
    /// is the exact grid.
    /// At most `budget` grid cells are produced (rows beyond it are dropped).
    pub fn grid_rows(&self, budget: usize) -> Vec<Vec<String>> {
        let (placed, grid) = self.place(budget);
        let mut rows = Vec::with_capacity(grid.len());
        for r in 0..grid.len() {
            let origin = |c: usize| -> Option<&Placed> {
                placed.get(grid[r][c]).filter(|p| p.row == r && p.col == c)
            };
            rows.push(project(&placed, &grid, r, &origin).unwrap_or_else(|| {
                let mut cells: Vec<String> = Vec::with_capacity(grid[r].len());
                for c in 0..grid[r].len() {
                    cells.push(origin(c).map_or_else(String::new, |p| p.text.clone()));
                }
                cells
            }));
        }
        rows
    }
}

/// A row laid on the columns of the header above it (see [`Table::grid_rows`]), or `None`
/// for the exact grid.
fn project<'p>(
    placed: &'p [Placed],
    grid: &[Vec<usize>],
    r: usize,
    origin: &dyn Fn(usize) -> Option<&'p Placed>,
) -> Option<Vec<String>> {
    let width = grid[r].len();
    // Values start after the last label cell of the row.
    let start = (0..width)
        .rev()
        .find(|&c| origin(c).is_some_and(|p| !p.text.is_empty() && !p.value))
        .map_or(0, |c| c + 1);
    if !(start..width).any(|c| origin(c).is_some_and(|p| p.value && p.span > 1)) {
        return None;
    }
    // The nearest row above whose cells over the value columns are all labels (within a
    // few rows: a header sits right above its values, and the search stays linear).
    let h = (r.saturating_sub(HEADER_REACH)..r).rev().find(|&h| {
        let owners = || (start..width).filter_map(|c| placed.get(grid[h][c]));
        owners().all(|p| !p.value) && owners().any(|p| !p.text.is_empty())
    })?;
    let mut out: Vec<String> = Vec::new();
    for c in 0..start {
        out.push(origin(c).map_or_else(String::new, |p| p.text.clone()));
    }
    let mut c = start;
    while c < width {
        // A header column: the grid columns under one header cell.
        let mut end = c;
        while end + 1 < width && grid[h][c] != NONE && grid[h][end + 1] == grid[h][c] {
            end += 1;
        }
        let mut texts = (c..=end).filter_map(origin).filter(|p| !p.text.is_empty());
        match (texts.next(), texts.next()) {
            (Some(_), Some(_)) => return None,
            (Some(p), None) => out.push(p.text.clone()),
            (None, _) => out.push(String::new()),
        }
        c = end + 1;
    }
    Some(out)
}

/// The text of a cell: its paragraphs joined by spaces, tabs as spaces.
fn cell_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if let Block::Para(t) = b {
            let t = t.trim_matches(crate::text::is_space);
            if t.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(t.chars().map(|c| if c == '\t' { ' ' } else { c }));
        }
    }
    out
}

/// Appends blocks to a [`Document`] in document order, at most `budget` grid cells of tables.
pub fn emit(blocks: &[Block], doc: &mut Document, budget: &mut usize) {
    for b in blocks {
        match b {
            Block::Para(t) => doc.push_paragraph(t),
            Block::Table(t) if t.is_layout() => {
                // A layout table: its content is the document.
                for r in &t.rows {
                    for c in &r.cells {
                        emit(&c.blocks, doc, budget);
                    }
                }
            }
            Block::Table(t) => {
                let mut table = GridTable {
                    columns: Columns::Grid,
                    rows: Vec::new(),
                };
                for row in t.grid_rows(*budget) {
                    *budget = budget.saturating_sub(row.len());
                    table
                        .rows
                        .push(doc.push_row(row.iter().map(String::as_str)));
                }
                doc.push_table(table);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn cell(t: &str) -> String {
        format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn tables_emit_at_most_the_slot_budget() {
        let row = format!("<w:tr>{}{}{}</w:tr>", cell("a"), cell("1"), cell("2"));
        let xml = format!(
            "<w:document {W}><w:body><w:tbl>{}</w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p></w:body></w:document>",
            row.repeat(10)
        );
        let blocks = read(&xml, None).unwrap();
        let mut doc = Document::default();
        let mut budget = 3 * 4;
        emit(&blocks, &mut doc, &mut budget);
        assert_eq!(doc.text, "a\t1\t2\n".repeat(4) + "after\n");
        assert_eq!(budget, 0);
    }

    #[test]
    fn the_tree_keeps_at_most_max_items() {
        let xml = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            "<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(MAX_ITEMS + 10)
        );
        assert_eq!(read(&xml, None).unwrap().len(), MAX_ITEMS);
        let xml = format!(
            "<w:document {W}><w:body><w:tbl><w:tr>{}</w:tr></w:tbl></w:body></w:document>",
            "<w:tc/>".repeat(MAX_ITEMS + 10)
        );
        let blocks = read(&xml, None).unwrap();
        let Some(Block::Table(t)) = blocks.first() else {
            panic!("no table");
        };
        assert_eq!(t.rows[0].cells.len(), MAX_ITEMS - 1);
    }
}
