//! The one table-grid engine: a neutral table model that the HTML and Word readers build,
//! laid on its grid and emitted into a [`Document`].
//!
//! A reader turns its markup into a tree of [`Item`]s: paragraphs, and [`Table`]s of rows
//! of [`Cell`]s. A cell carries its text as a table cell (the reader's own rule for joining
//! paragraphs), its content as the document (paragraphs and nested tables, read when the
//! table is only layout), its `colspan` and `rowspan`, and whether it continues a merge
//! from above (Word's `vMerge`) or from the left (`hMerge`). A row may leave grid columns
//! empty before and after its cells (Word's `gridBefore` / `gridAfter`). How a source lays
//! cells on columns is its [`Model`] ([`HTML`], [`WORD`]).
//!
//! The engine then, for each table:
//!
//! 1. **Layout or data.** A table holding a table, or a cell of running text
//!    ([`LAYOUT_CELL_CHARS`] or more), is a frame around the document: its cells' content is
//!    emitted in order, inner tables as tables.
//! 2. **Placement** after the HTML table model: each cell at the first free column of its
//!    row (columns held by a `rowspan` from above are skipped), spanning `colspan` columns
//!    and `rowspan` rows; where cells overlap the first keeps the slot; a continuation
//!    joins the cell above or to the left (or is an empty cell of its own when there is
//!    none). With [`Model::drop_unstarted_columns`] (Word), grid columns at which no cell of
//!    any row starts are dropped: unaligned borders and extra `w:gridCol`s only split the
//!    cells that span them.
//! 3. **Emission**: one row of the document per grid row, one cell per grid column: the text
//!    of a merged cell in its first (top-left) grid cell, empty strings under the rest of
//!    it. Rows without text are dropped unless [`Model::keep_empty_rows`].
//! 4. **Header projection**, the one departure from the exact grid, for tables converted
//!    from Word whose value cells are merged differently from their header (the Shanghai
//!    2019 report's table 2: `rules | 13 | 13 (2 columns) | 524` under `content | made |
//!    published (2 columns) | total`): when a row has a merged value cell after its last
//!    label, its value cells are laid on the columns of the nearest header row above (a row
//!    whose cells over those columns are labels only, at most [`HEADER_REACH`] rows up), one
//!    cell per header cell, when that is unambiguous (no two texts under one header cell).
//!    Otherwise the row is the exact grid. Whether a cell is a value (a number, a placeholder
//!    or text starting with a digit) is `crate::cell::reads_as_value`.
//!
//! Every budget and cap of the table readers is a constant below; nothing grows without
//! bound and nothing panics, whatever spans a file declares.

use super::document::{Columns, Document, Omission, Table as DocTable};
use crate::cell::reads_as_value;
use std::num::NonZeroU32;

/// Largest `rowspan` / `colspan` honoured from HTML (browsers allow more; no report table
/// needs it). `rowspan="0"` (to the end of the table) spans this many rows.
pub const MAX_SPAN: usize = 100;
/// Widest grid of a table from HTML; cells beyond it are dropped.
pub const MAX_COLS: usize = 256;
/// Widest grid of a Word table: Word allows 63 columns; anything wider is clamped.
pub const MAX_WORD_COLS: usize = 64;
/// Deepest table nesting read from HTML; deeper `<table>` tags are ignored (their cells
/// join the outer cell).
pub const MAX_DEPTH: usize = 32;
/// Deepest table nesting read from Word; deeper tables are read as if their structure were
/// not there.
pub const MAX_WORD_DEPTH: usize = 16;
/// Most grid cells emitted for one document (rows × width, summed over tables); rows
/// beyond it are dropped.
pub const MAX_SLOTS: usize = 4_000_000;
/// A cell with this much text is running text, not a table cell: its table is layout.
pub const LAYOUT_CELL_CHARS: usize = 200;
/// How many rows above a row with a merged value its header may be (a header sits right
/// above its values, and the search stays linear).
pub const HEADER_REACH: usize = 16;

/// How a source lays cells on columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Model {
    /// Widest grid; cells starting beyond it are dropped, spans are cut at it.
    pub max_cols: usize,
    /// Drop the grid columns at which no cell of any row starts (Word's `tblGrid` has a
    /// column for every border position of the whole table).
    pub drop_unstarted_columns: bool,
    /// Emit rows without text as rows of empty cells (Word shows them); otherwise they are
    /// left out (HTML).
    pub keep_empty_rows: bool,
}

/// The HTML table model (WHATWG HTML §4.9.12).
pub const HTML: Model = Model {
    max_cols: MAX_COLS,
    drop_unstarted_columns: false,
    keep_empty_rows: false,
};

/// Word's table model (`w:tblGrid`, `w:gridSpan`, `w:vMerge`, `w:hMerge`,
/// `w:gridBefore`, `w:gridAfter`).
pub const WORD: Model = Model {
    max_cols: MAX_WORD_COLS,
    drop_unstarted_columns: true,
    keep_empty_rows: true,
};

/// A piece of a structured document before emission.
#[derive(Debug)]
pub enum Item {
    Para(String),
    Table(Table),
}

#[derive(Debug)]
pub struct Table {
    pub model: Model,
    pub rows: Vec<Row>,
}

#[derive(Debug, Default)]
pub struct Row {
    /// Grid columns left empty before the first cell.
    pub before: usize,
    /// Grid columns left empty after the last cell.
    pub after: usize,
    pub cells: Vec<Cell>,
}

/// A cell that continues a merged cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Part of the cell above (Word's `vMerge` continuation).
    Up,
    /// Part of the cell to the left (Word's legacy `hMerge` continuation).
    Left,
}

#[derive(Debug)]
pub struct Cell {
    /// The cell's text as one table cell.
    pub text: String,
    /// The cell's content as the document (read when its table is layout).
    pub content: Vec<Item>,
    pub colspan: usize,
    pub rowspan: usize,
    /// A continuation's own text is not shown.
    pub merge: Option<Merge>,
}

impl Cell {
    /// A cell spanning one column and one row.
    pub fn new(text: String, content: Vec<Item>) -> Cell {
        Cell {
            text,
            content,
            colspan: 1,
            rowspan: 1,
            merge: None,
        }
    }
}

/// Emits a document's items with the budget of [`MAX_SLOTS`] grid cells.
pub fn render(items: &[Item], doc: &mut Document) {
    let mut budget = MAX_SLOTS;
    emit(items, doc, &mut budget);
}

/// Appends items to the document in order, at most `budget` grid cells of tables (the
/// budget is shared by every table and decreases by each row's width).
pub fn emit(items: &[Item], doc: &mut Document, budget: &mut usize) {
    for item in items {
        match item {
            Item::Para(p) => doc.push_paragraph(p),
            Item::Table(t) if t.is_layout() => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    emit(&cell.content, doc, budget);
                }
            }
            Item::Table(t) => emit_table(t, doc, budget),
        }
    }
}

impl Table {
    /// A table that holds tables, or a cell of running text, is layout: its content is
    /// read as the document.
    pub fn is_layout(&self) -> bool {
        self.rows.iter().flat_map(|r| &r.cells).any(|c| {
            let mut chars = 0;
            for item in &c.content {
                match item {
                    Item::Para(p) => chars += p.chars().count(),
                    Item::Table(_) => return true,
                }
            }
            chars >= LAYOUT_CELL_CHARS
        })
    }
}

fn emit_table(t: &Table, doc: &mut Document, budget: &mut usize) {
    let grid = Grid::place(t, *budget);
    let mut table = DocTable {
        columns: Columns::Grid,
        rows: Vec::with_capacity(grid.rows.len()),
    };
    let mut cut = grid.cut;
    for r in 0..grid.rows.len() {
        if grid.width > *budget {
            cut = true;
            break;
        }
        *budget -= grid.width;
        let texts: Vec<&str> = (0..grid.width)
            .map(|c| grid.origin(r, c).map_or("", |p| p.text))
            .collect();
        if !t.model.keep_empty_rows && texts.iter().all(|s| s.is_empty()) {
            continue;
        }
        let texts = grid.project(r).unwrap_or(texts);
        table.rows.push(doc.push_row(texts));
    }
    doc.push_table(table);
    if cut && !doc.omitted.contains(&Omission::Cells) {
        doc.omitted.push(Omission::Cells);
    }
}

/// A cell placed on the grid.
#[derive(Debug)]
struct Placed<'t> {
    row: usize,
    col: usize,
    colspan: usize,
    text: &'t str,
    /// A value (number, placeholder, …), not a label.
    value: bool,
}

/// Which placed cell covers a grid slot: its index + 1, so that a slot is four bytes.
type Slot = Option<NonZeroU32>;

fn slot(index: usize) -> Slot {
    u32::try_from(index + 1).ok().and_then(NonZeroU32::new)
}

/// A table laid on its grid: the placed cells and, for each row, the cell covering each
/// grid column (`None` for a hole). Every row is `width` slots long.
struct Grid<'t> {
    cells: Vec<Placed<'t>>,
    rows: Vec<Vec<Slot>>,
    width: usize,
    /// Cells were left out: past the widest grid, or rows past the budget.
    cut: bool,
}

impl<'t> Grid<'t> {
    /// Places the cells of `t` (see the module documentation). Stops placing rows once
    /// `budget` slots are used, and keeps at most `budget / width` rows.
    fn place(t: &'t Table, budget: usize) -> Grid<'t> {
        let cap = t.model.max_cols;
        let mut cells: Vec<Placed> = Vec::new();
        let mut rows: Vec<Vec<Slot>> = Vec::with_capacity(t.rows.len());
        // Columns at which a cell starts.
        let mut starts: Vec<bool> = Vec::new();
        // For each column: rows still covered by a cell from above, and that cell.
        let mut pending: Vec<(usize, Slot)> = Vec::new();
        let mut width = 0;
        let mut used = 0usize;
        let mut cut = false;
        for (r, row) in t.rows.iter().enumerate() {
            if used > budget {
                cut = true;
                break;
            }
            let mut line: Vec<Slot> = pending
                .iter()
                .map(|&(n, o)| if n > 0 { o } else { None })
                .collect();
            let mut next: Vec<(usize, Slot)> = pending
                .iter()
                .map(|&(n, o)| (n.saturating_sub(1), o))
                .collect();
            let mut col = row.before;
            for cell in &row.cells {
                while line.get(col).is_some_and(Option::is_some) {
                    col += 1;
                }
                if col >= cap {
                    cut = true;
                    break;
                }
                mark(&mut starts, col);
                let span = cell.colspan.clamp(1, cap - col);
                let owner = match cell.merge {
                    Some(Merge::Up) => rows.last().and_then(|above| above.get(col).copied()),
                    Some(Merge::Left) => col.checked_sub(1).and_then(|c| line.get(c).copied()),
                    None => None,
                }
                .flatten();
                let id = owner.or_else(|| {
                    let text = if cell.merge.is_some() { "" } else { &cell.text };
                    cells.push(Placed {
                        row: r,
                        col,
                        colspan: span,
                        text,
                        value: reads_as_value(text),
                    });
                    slot(cells.len() - 1)
                });
                if line.len() < col + span {
                    line.resize(col + span, None);
                }
                if cell.rowspan > 1 && next.len() < col + span {
                    next.resize(col + span, (0, None));
                }
                for c in col..col + span {
                    if line[c].is_none() {
                        line[c] = id;
                    }
                    if cell.rowspan > 1 {
                        next[c] = (cell.rowspan - 1, id);
                    }
                }
                col += span;
            }
            if row.after > 0 && col < cap {
                mark(&mut starts, col);
            }
            width = width.max(line.len()).max((col + row.after).min(cap));
            used += line.len();
            rows.push(line);
            pending = next;
        }
        let mut grid = Grid {
            cells,
            rows,
            width,
            cut,
        };
        if t.model.drop_unstarted_columns {
            grid.drop_unstarted(&starts);
        }
        let keep = budget / grid.width.max(1);
        grid.cut |= grid.rows.len() > keep;
        grid.rows.truncate(keep);
        for line in &mut grid.rows {
            line.resize(grid.width, None);
        }
        grid
    }

    /// Keeps the first column and the columns at which a cell starts; each dropped column
    /// joins the kept one on its left.
    fn drop_unstarted(&mut self, starts: &[bool]) {
        let mut kept: Vec<usize> = Vec::new(); // old index of each kept column
        let mut new_col: Vec<usize> = Vec::with_capacity(self.width);
        for c in 0..self.width {
            if c == 0 || starts.get(c).copied().unwrap_or(false) {
                kept.push(c);
            }
            new_col.push(kept.len() - 1);
        }
        for p in &mut self.cells {
            let last = new_col[p.col + p.colspan - 1];
            p.col = new_col[p.col];
            p.colspan = last - p.col + 1;
        }
        for line in &mut self.rows {
            *line = kept
                .iter()
                .map(|&c| line.get(c).copied().flatten())
                .collect();
        }
        self.width = kept.len();
    }

    /// The cell covering grid slot `(r, c)`.
    fn owner(&self, r: usize, c: usize) -> Option<&Placed<'t>> {
        let id = self.rows[r][c]?;
        self.cells.get(id.get() as usize - 1)
    }

    /// The cell whose first (top-left) grid slot is `(r, c)`.
    fn origin(&self, r: usize, c: usize) -> Option<&Placed<'t>> {
        self.owner(r, c).filter(|p| p.row == r && p.col == c)
    }

    /// Row `r` laid on the columns of the header above it (see the module documentation),
    /// or `None` for the exact grid.
    fn project(&self, r: usize) -> Option<Vec<&'t str>> {
        let width = self.width;
        // Values start after the last label cell of the row.
        let start = (0..width)
            .rev()
            .find(|&c| {
                self.origin(r, c)
                    .is_some_and(|p| !p.text.is_empty() && !p.value)
            })
            .map_or(0, |c| c + 1);
        let merged_value =
            (start..width).any(|c| self.origin(r, c).is_some_and(|p| p.value && p.colspan > 1));
        if !merged_value {
            return None;
        }
        let header = (r.saturating_sub(HEADER_REACH)..r).rev().find(|&h| {
            let owners = || (start..width).filter_map(|c| self.owner(h, c));
            owners().all(|p| !p.value) && owners().any(|p| !p.text.is_empty())
        })?;
        let heads = &self.rows[header];
        let mut out: Vec<&'t str> = (0..start)
            .map(|c| self.origin(r, c).map_or("", |p| p.text))
            .collect();
        let mut c = start;
        while c < width {
            // A header column: the grid columns under one header cell.
            let mut end = c;
            while end + 1 < width && heads[c].is_some() && heads[end + 1] == heads[c] {
                end += 1;
            }
            let mut texts = (c..=end)
                .filter_map(|c| self.origin(r, c))
                .filter(|p| !p.text.is_empty());
            match (texts.next(), texts.next()) {
                (Some(_), Some(_)) => return None,
                (Some(p), None) => out.push(p.text),
                (None, _) => out.push(""),
            }
            c = end + 1;
        }
        Some(out)
    }
}

fn mark(starts: &mut Vec<bool>, col: usize) {
    if starts.len() <= col {
        starts.resize(col + 1, false);
    }
    starts[col] = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell: `"text"`, `"text@2"` (colspan 2), `"text|3"` (rowspan 3), `"^"` (continues
    /// the cell above), `"<"` (continues the cell to the left), `"[table]"` (a nested table).
    fn cell(spec: &str) -> Cell {
        match spec {
            "^" | "<" => {
                let mut c = Cell::new("ignored".into(), Vec::new());
                c.merge = Some(if spec == "^" { Merge::Up } else { Merge::Left });
                c
            }
            "[table]" => Cell::new(
                String::new(),
                vec![Item::Table(table(HTML, &[&["inner", "1"]]))],
            ),
            _ => {
                let (spec, rowspan) = match spec.split_once('|') {
                    Some((s, n)) => (s, n.parse().unwrap()),
                    None => (spec, 1),
                };
                let (text, colspan) = match spec.split_once('@') {
                    Some((s, n)) => (s, n.parse().unwrap()),
                    None => (spec, 1),
                };
                let mut c = Cell::new(text.into(), vec![Item::Para(text.into())]);
                c.colspan = colspan;
                c.rowspan = rowspan;
                c
            }
        }
    }

    fn table(model: Model, rows: &[&[&str]]) -> Table {
        Table {
            model,
            rows: rows
                .iter()
                .map(|r| Row {
                    before: 0,
                    after: 0,
                    cells: r.iter().map(|s| cell(s)).collect(),
                })
                .collect(),
        }
    }

    fn lines_with(items: &[Item], budget: usize) -> Vec<String> {
        let mut doc = Document::default();
        let mut budget = budget;
        emit(items, &mut doc, &mut budget);
        doc.text.lines().map(str::to_string).collect()
    }

    fn lines(t: Table) -> Vec<String> {
        lines_with(&[Item::Table(t)], MAX_SLOTS)
    }

    #[test]
    fn rowspan_and_colspan_expand_to_the_grid() {
        let t = table(HTML, &[&["A|2", "B@2"], &["1", "2"]]);
        assert_eq!(lines(t), ["A\tB\t", "\t1\t2"]);
        // A rowspan holds its column in the rows below; cells flow around it.
        let t = table(HTML, &[&["a", "b|3", "c"], &["d", "e"], &["f", "g"]]);
        assert_eq!(lines(t), ["a\tb\tc", "d\t\te", "f\t\tg"]);
        // Rows shorter than the widest are padded.
        let t = table(HTML, &[&["a", "b", "c"], &["d"]]);
        assert_eq!(lines(t), ["a\tb\tc", "d\t\t"]);
    }

    #[test]
    fn overlapping_cells_keep_the_first_owner() {
        // "x" spans two rows in column 1; "y@2" below starts in column 0 and runs into it.
        let t = table(HTML, &[&["a", "x|2"], &["y@2", "z"]]);
        assert_eq!(lines(t), ["a\tx\t", "y\t\tz"]);
    }

    #[test]
    fn word_merges_continue_the_cell_above_or_to_the_left() {
        let t = table(
            WORD,
            &[&["a", "b", "c"], &["^", "1", "<"], &["^", "^", "2"]],
        );
        assert_eq!(lines(t), ["a\tb\tc", "\t1\t", "\t\t2"]);
        // A continuation with nothing to continue is an empty cell of its own.
        let t = table(WORD, &[&["^", "<", "x"]]);
        assert_eq!(lines(t), ["\t\tx"]);
        // Its own text is never shown.
        let t = table(WORD, &[&["a@2"], &["^", "b"]]);
        assert_eq!(lines(t), ["a\t", "\tb"]);
    }

    #[test]
    fn word_grid_before_and_after_and_unstarted_columns() {
        let mut t = table(WORD, &[&["a", "b"], &["c"]]);
        t.rows[1].before = 1;
        assert_eq!(lines(t), ["a\tb", "\tc"]);
        // gridAfter marks where the row's cells end.
        let mut t = table(WORD, &[&["a@3"], &["b"]]);
        t.rows[1].after = 2;
        assert_eq!(lines(t), ["a\t", "b\t"]);
        // Columns where no cell starts are dropped: a span over them is one column.
        let t = table(WORD, &[&["x@2", "y"], &["p@2", "q"]]);
        assert_eq!(lines(t), ["x\ty", "p\tq"]);
        // HTML keeps the browser's grid.
        let t = table(HTML, &[&["x@2", "y"], &["p@2", "q"]]);
        assert_eq!(lines(t), ["x\t\ty", "p\t\tq"]);
    }

    #[test]
    fn wide_grids_are_cut_at_the_cap() {
        let t = table(HTML, &[&["a@99999", "b"], &["c"]]);
        let l = lines(t);
        assert_eq!(l[0].split('\t').count(), MAX_COLS);
        assert_eq!(l[1].split('\t').count(), MAX_COLS);
        let mut t = table(WORD, &[&["a", "b"], &["c@5000"]]);
        t.rows[0].before = MAX_WORD_COLS;
        assert!(lines(t)
            .iter()
            .all(|l| l.split('\t').count() <= MAX_WORD_COLS));
        // The cell past the cap is said to be left out; a table within it says nothing.
        for (rows, omitted) in [
            (&[&["a@99999", "b"][..]][..], &[Omission::Cells][..]),
            (&[&["a@255", "b"][..]][..], &[][..]),
        ] {
            let mut doc = Document::default();
            emit(&[Item::Table(table(HTML, rows))], &mut doc, &mut {
                MAX_SLOTS
            });
            assert_eq!(doc.omitted, omitted);
        }
    }

    #[test]
    fn empty_rows_are_dropped_from_html_and_kept_from_word() {
        let rows: &[&[&str]] = &[&["a", "1"], &["", ""], &["b", "2"]];
        assert_eq!(lines(table(HTML, rows)), ["a\t1", "b\t2"]);
        assert_eq!(lines(table(WORD, rows)), ["a\t1", "\t", "b\t2"]);
    }

    #[test]
    fn layout_tables_give_their_content() {
        let t = table(HTML, &[&["nav", "[table]"]]);
        assert_eq!(lines(t), ["nav", "inner\t1"]);
        let long = "x".repeat(LAYOUT_CELL_CHARS);
        let t = table(HTML, &[&["a", &long]]);
        assert_eq!(lines(t), ["a", long.as_str()]);
        let t = table(HTML, &[&["a", &long[1..]]]);
        assert_eq!(lines(t).len(), 1);
    }

    #[test]
    fn merged_values_are_laid_on_the_header_columns() {
        // The Shanghai 2019 shape: values merged differently from their header.
        let t = table(
            HTML,
            &[
                &["content", "made", "published@2", "total"],
                &["rules", "13", "13@2", "524"],
                &["content", "last year", "change@2", "decisions"],
                &["licensing", "0@2", "0", "0"],
                &["content", "projects@2", "amount@2"],
                &["purchases", "6@2", "251000 yuan@2"],
            ],
        );
        assert_eq!(
            lines(t),
            [
                "content\tmade\tpublished\t\ttotal",
                "rules\t13\t13\t524",
                "content\tlast year\tchange\t\tdecisions",
                "licensing\t0\t0\t0",
                "content\tprojects\t\tamount\t",
                "purchases\t6\t251000 yuan",
            ]
        );
        // Placeholders count as values.
        let t = table(HTML, &[&["h", "a@2", "b"], &["x", "-@2", "/"]]);
        assert_eq!(lines(t)[1], "x\t-\t/");
    }

    #[test]
    fn unclear_projections_keep_the_exact_grid() {
        // A merged blank stands for every column it covers.
        let t = table(HTML, &[&["h", "a", "b", "c"], &["x", "1", "@2"]]);
        assert_eq!(lines(t)[1], "x\t1\t\t");
        // Two values under one header cell.
        let t = table(HTML, &[&["h", "a@2", "b@2"], &["x", "1", "2@2", "3"]]);
        assert_eq!(lines(t)[1], "x\t1\t2\t\t3");
        // No header row (every row above has a value over the value columns).
        let t = table(HTML, &[&["h", "1", "2"], &["x", "3@2"]]);
        assert_eq!(lines(t)[1], "x\t3\t");
        // A header too far above.
        let mut rows: Vec<&[&str]> = vec![&["h", "a", "b"]];
        for _ in 0..HEADER_REACH {
            rows.push(&["y", "1", "2"]);
        }
        rows.push(&["x", "3@2"]);
        assert_eq!(lines(table(HTML, &rows)).last().unwrap(), "x\t3\t");
    }

    #[test]
    fn the_budget_bounds_every_table_of_a_document() {
        let row: &[&str] = &["a", "1", "2"];
        let items = [
            Item::Table(table(WORD, &[row; 10])),
            Item::Para("after".into()),
            Item::Table(table(HTML, &[row; 2])),
        ];
        let mut budget = 3 * 4;
        let mut doc = Document::default();
        emit(&items, &mut doc, &mut budget);
        assert_eq!(doc.text, "a\t1\t2\n".repeat(4) + "after\n");
        assert_eq!(budget, 0);
        // What was left out is said, once.
        assert_eq!(doc.omitted, [Omission::Cells]);
        let mut doc = Document::default();
        emit(&items, &mut doc, &mut (3 * 12));
        assert!(doc.omitted.is_empty());
        assert_eq!(lines_with(&items, 3 * 11).len(), 10 + 1 + 1);
        // Hostile spans cannot make a grid larger than the budget.
        let row: &[&str] = &["x@100|100", "1"];
        let t = table(HTML, &[row; 500]);
        let l = lines_with(&[Item::Table(t)], 10_000);
        assert!(l.iter().map(|l| l.split('\t').count()).sum::<usize>() <= 10_000);
    }
}
