//! The document rebuilt from what the pages show: ruled tables from their rulings (cells,
//! merged cells, the text in each), the rest as lines of text joined into paragraphs, in
//! reading order (top to bottom), page furniture (page numbers, running headers and
//! footers) left out, and a table that runs on over a page break joined into one, its
//! repeated header rows dropped. Tables go through the grid engine ([`crate::readers::grid`])
//! as the Word and HTML readers' do, so that a table reads the same from every kind of file.
//!
//! Lines outside ruled tables are paragraphs; a line whose glyphs leave column gaps (a row
//! of a table drawn without rulings) is a paragraph of its own with its cells separated by
//! two spaces, which the report builder reads as a row as it reads page text.

pub mod lines;
pub mod ruled;

use super::content::{Glyph, Page};
use crate::readers::document::{Document, Omission};
use crate::readers::grid::{self, Cell, Item, Model, Row, Table};
use lines::Line;
use ruled::{Rect, Ruled};

/// The grid model of PDF tables: cells as the rulings cut them.
const PDF: Model = Model {
    max_cols: grid::MAX_WORD_COLS,
    drop_unstarted_columns: false,
    keep_empty_rows: false,
};

/// Pages are stacked this far apart in document coordinates (no page is this tall).
const PAGE_STRIDE: f64 = 100_000.0;
/// Two tables on consecutive pages whose sides are this close (points) are one table.
const SAME_SIDES: f64 = 4.0;
/// The bands of a page where running headers and footers live (share of its height).
const HEADER_BAND: f64 = 0.09;
const FOOTER_BAND: f64 = 0.11;

/// A table being gathered (over pages): its cells with their text, in document coordinates.
struct TableAcc {
    cells: Vec<(Rect, String)>,
    x0: f64,
    x1: f64,
    /// The page its last part is on.
    page: usize,
}

/// A paragraph being gathered.
struct Para {
    text: String,
    /// Its last line reached the right side of the text (it may go on).
    open: bool,
    size: f64,
    page: usize,
    /// The bottom of its last line.
    bottom: f64,
}

enum Piece {
    Para(Para),
    Table(TableAcc),
}

struct PageText {
    index: usize,
    left: f64,
    right: f64,
    /// Column stops of the page's lines (see [`lines::stops`]).
    stops: Vec<f64>,
}

/// Rebuilds the document from its pages, building ruled tables' grids within the budget
/// `slots` (see [`ruled::slot_budget`]; the tables refused are an [`Omission::Rulings`]).
pub fn document(pages: &[Page], mut slots: ruled::SlotBudget) -> Document {
    let furniture = furniture(pages);
    let mut pieces: Vec<Piece> = Vec::new();
    // A page that a later page copies keeps its tables as laid out, for the copies (a fuzzed
    // file showed a few ruled page objects 300–700 times).
    let mut copied = vec![false; pages.len()];
    for o in pages.iter().filter_map(|p| p.copy_of) {
        if let Some(flag) = copied.get_mut(o) {
            *flag = true;
        }
    }
    let mut laid: Vec<Option<ruled::Laid>> = vec![None; pages.len()];
    for (index, page) in pages.iter().enumerate() {
        let original = page.copy_of.filter(|&o| {
            pages
                .get(o)
                .is_some_and(|p| p.rules.len() == page.rules.len())
        });
        let tables = match original.and_then(|o| laid[o].as_ref()) {
            Some(l) => l.again(&mut slots),
            None if copied[index] => {
                let l = ruled::lay(&page.rules, &mut slots);
                let tables = l.clone().into_tables();
                laid[index] = Some(l);
                tables
            }
            None => ruled::tables(&page.rules, &mut slots),
        };
        let (in_tables, free) = assign(&page.glyphs, &tables);
        let free_lines: Vec<Line> = lines::lines(free)
            .into_iter()
            .filter(|l| !is_furniture(l, page, &furniture))
            .collect();
        let single: Vec<&Line> = free_lines.iter().filter(|l| l.cells().len() == 1).collect();
        let pt = PageText {
            stops: lines::stops(&free_lines),
            index,
            left: single.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min),
            right: single
                .iter()
                .map(|l| l.x1)
                .fold(f64::NEG_INFINITY, f64::max),
        };
        // Tables and lines in reading order: by their top.
        let mut order: Vec<(f64, Option<usize>, Option<usize>)> = Vec::new();
        for (k, t) in tables.iter().enumerate() {
            order.push((t.bbox.y0, Some(k), None));
        }
        for (k, l) in free_lines.iter().enumerate() {
            order.push((l.y0, None, Some(k)));
        }
        super::sort_by_key2(&mut order, |o| (o.0, 0.0));
        for (_, t, l) in order {
            if let Some(t) = t {
                let cells = tables[t]
                    .cells
                    .iter()
                    .zip(&in_tables[t])
                    .map(|(r, gs)| (offset(r, index), lines::block_text(gs.clone())))
                    .collect();
                add_table(&mut pieces, &tables[t], cells, index);
            } else if let Some(l) = l {
                add_line(&mut pieces, &free_lines[l], &pt);
            }
        }
    }
    let items: Vec<Item> = pieces
        .into_iter()
        .map(|p| match p {
            Piece::Para(p) => Item::Para(p.text),
            Piece::Table(t) => Item::Table(grid_table(&t)),
        })
        .collect();
    let mut doc = Document::default();
    grid::render(&items, &mut doc);
    if slots.refused > 0 {
        doc.omitted.push(Omission::Rulings {
            tables: slots.refused,
        });
    }
    doc
}

fn offset(r: &Rect, page: usize) -> Rect {
    let dy = page as f64 * PAGE_STRIDE;
    Rect {
        x0: r.x0,
        y0: r.y0 + dy,
        x1: r.x1,
        y1: r.y1 + dy,
    }
}

/// The glyphs of each cell of each table, and the glyphs outside every table.
fn assign(glyphs: &[Glyph], tables: &[Ruled]) -> (Vec<Vec<Vec<Glyph>>>, Vec<Glyph>) {
    let mut cells: Vec<Vec<Vec<Glyph>>> = tables
        .iter()
        .map(|t| vec![Vec::new(); t.cells.len()])
        .collect();
    let mut free = Vec::new();
    for g in glyphs {
        let (cx, cy) = ((g.x0 + g.x1) / 2.0, (g.y0 + g.y1) / 2.0);
        let hit = tables
            .iter()
            .enumerate()
            .find_map(|(t, table)| Some((t, table.cell_at(cx, cy)?)));
        match hit {
            Some((t, c)) => cells[t][c].push(g.clone()),
            None => free.push(g.clone()),
        }
    }
    (cells, free)
}

fn add_table(pieces: &mut Vec<Piece>, t: &Ruled, cells: Vec<(Rect, String)>, page: usize) {
    // A table at the top of a page goes on from the table that ended the page before when
    // their sides line up (only furniture lies between them).
    if let Some(Piece::Table(prev)) = pieces.last_mut() {
        if prev.page + 1 == page
            && (prev.x0 - t.bbox.x0).abs() <= SAME_SIDES
            && (prev.x1 - t.bbox.x1).abs() <= SAME_SIDES
        {
            let cells = drop_repeated_header(&prev.cells, cells);
            let cells = join_split_row(&mut prev.cells, cells);
            prev.cells.extend(cells);
            prev.page = page;
            return;
        }
    }
    pieces.push(Piece::Table(TableAcc {
        cells,
        x0: t.bbox.x0,
        x1: t.bbox.x1,
        page,
    }));
}

/// A row cut by the page break: the first row of the continued part that holds only the rest
/// of some cells of the table's last row (a label's last line; its values were all on the
/// page before) is joined to that row. A row of its own has values, or starts a numbered item.
fn join_split_row(first: &mut [(Rect, String)], next: Vec<(Rect, String)>) -> Vec<(Rect, String)> {
    let near = |a: f64, b: f64| (a - b).abs() <= ruled::SNAP;
    let (Some(bottom), Some(top)) = (
        first.iter().map(|(r, _)| r.y1).reduce(f64::max),
        next.iter().map(|(r, _)| r.y0).reduce(f64::min),
    ) else {
        return next;
    };
    let Some(row_end) = next
        .iter()
        .filter(|(r, _)| near(r.y0, top))
        .map(|(r, _)| r.y1)
        .reduce(f64::min)
    else {
        return next;
    };
    let band = |r: &Rect| near(r.y0, top) && near(r.y1, row_end);
    let texts: Vec<&(Rect, String)> = next
        .iter()
        .filter(|(r, t)| band(r) && !t.is_empty())
        .collect();
    let last: Vec<usize> = (0..first.len())
        .filter(|&i| near(first[i].0.y1, bottom))
        .collect();
    let filled = last.iter().filter(|&&i| !first[i].1.is_empty()).count();
    let boxes: Vec<Rect> = last.iter().map(|&i| first[i].0).collect();
    let partner = |r: &Rect| {
        boxes
            .iter()
            .position(|b| near(b.x0, r.x0) && near(b.x1, r.x1))
            .map(|k| last[k])
    };
    let continues = !texts.is_empty()
        && texts.len() < filled
        && texts.iter().all(|(r, t)| {
            partner(r).is_some_and(|i| !first[i].1.is_empty())
                && !starts_numbered(t)
                && !lines::starts_value_text(t)
        });
    if !continues {
        return next;
    }
    next.into_iter()
        .filter_map(|(r, t)| {
            if !band(&r) {
                return Some((r, t));
            }
            if let Some(i) = partner(&r) {
                if lines::needs_space(&first[i].1, &t) {
                    first[i].1.push(' ');
                }
                first[i].1.push_str(&t);
                return None;
            }
            (!t.is_empty()).then_some((r, t))
        })
        .collect()
}

/// The header rows a continued table repeats at the top of its new page: the first rows
/// (up to a row line no cell crosses) whose texts are those of the first rows of the table.
fn drop_repeated_header(
    first: &[(Rect, String)],
    next: Vec<(Rect, String)>,
) -> Vec<(Rect, String)> {
    let bands = |cells: &[(Rect, String)]| -> Vec<f64> {
        // Row lines no cell crosses, top to bottom.
        let mut ys: Vec<f64> = cells.iter().map(|(r, _)| r.y1).collect();
        super::sort_by_key2(&mut ys, |&y| (y, 0.0));
        ys.dedup_by(|a, b| (*a - *b).abs() < ruled::SNAP);
        ys.into_iter()
            .take(64)
            .filter(|&y| {
                !cells
                    .iter()
                    .any(|(r, _)| r.y0 < y - ruled::SNAP && r.y1 > y + ruled::SNAP)
            })
            .take(6)
            .collect()
    };
    let texts = |cells: &[(Rect, String)], y: f64| -> Vec<String> {
        let mut v: Vec<(f64, f64, String)> = cells
            .iter()
            .filter(|(r, _)| r.y1 <= y + ruled::SNAP)
            .map(|(r, t)| (r.y0, r.x0, t.split_whitespace().collect()))
            .collect();
        super::sort_by_key2(&mut v, |x| (x.0, x.1));
        v.into_iter()
            .map(|x| x.2)
            .filter(|t: &String| !t.is_empty())
            .collect()
    };
    let (fb, nb) = (bands(first), bands(&next));
    let mut cut = None;
    for (&fy, &ny) in fb.iter().zip(&nb) {
        let (a, b) = (texts(first, fy), texts(&next, ny));
        if a.is_empty() || a != b {
            break;
        }
        cut = Some(ny);
    }
    match cut {
        Some(y) => next
            .into_iter()
            .filter(|(r, _)| r.y0 >= y - ruled::SNAP)
            .collect(),
        None => next,
    }
}

fn add_line(pieces: &mut Vec<Piece>, l: &Line, pt: &PageText) {
    let text = l.text(" ");
    let starts_left = l.x0 <= pt.left + 0.6 * l.size;
    // (On a page of short lines, or a line alone, nothing is known to run on.)
    let wide = pt.right - pt.left >= 15.0 * l.size;
    let reaches_right = wide && l.x1 >= pt.right - 1.5 * l.size;
    if let Some(Piece::Para(p)) = pieces.last_mut() {
        // Wrapped: the last line ran to the right side, this one (without column gaps)
        // starts at the left, in the same size, close below (or at the top of the next
        // page), and is no new numbered item after a finished sentence (a heading `二、…`
        // right after a paragraph).
        let close = p.page != pt.index || l.y0 - p.bottom <= 1.0 * l.size;
        let new_item = ends_sentence(&p.text) && starts_numbered(&text);
        if p.open
            && starts_left
            && close
            && !new_item
            && l.cells().len() == 1
            && (p.size - l.size).abs() <= 0.15 * l.size
            && p.page + 1 >= pt.index
        {
            if lines::needs_space(&p.text, &text) {
                p.text.push(' ');
            }
            p.text.push_str(&text);
            p.open = reaches_right;
            p.page = pt.index;
            p.bottom = l.y1;
            return;
        }
    }
    // A row of a table without rulings: its cells two spaces apart.
    let cells = l.cells_at(&pt.stops);
    let row = cells.len() > 1;
    pieces.push(Piece::Para(Para {
        text: if row { cells.join("  ") } else { text },
        open: reaches_right && !row,
        size: l.size,
        page: pt.index,
        bottom: l.y1,
    }));
}

fn ends_sentence(t: &str) -> bool {
    t.trim_end()
        .ends_with(['。', '！', '？', '；', '.', '!', '?', ';'])
}

/// Starts with list or heading numbering: `一、`, `（二）`, `(3)`, `4.`, `5、`.
fn starts_numbered(t: &str) -> bool {
    let t = t.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let rest = t.trim_start_matches(['（', '(']);
    let after: &str = rest.trim_start_matches(numeral);
    after.len() < rest.len() && after.starts_with(['、', '）', ')', '.', '．'])
}

/// A table's cells on their grid, as the grid engine's table: rows of cells with their
/// spans, holes filled with empty cells so that every cell keeps its column.
fn grid_table(t: &TableAcc) -> Table {
    let snap = |v: Vec<f64>| -> Vec<f64> {
        let mut v = v;
        super::sort_by_key2(&mut v, |&x| (x, 0.0));
        let mut out: Vec<f64> = Vec::new();
        for x in v {
            if out.last().is_none_or(|&l| x - l > ruled::SNAP) {
                out.push(x);
            }
        }
        out
    };
    let xs = snap(t.cells.iter().flat_map(|(r, _)| [r.x0, r.x1]).collect());
    let ys = snap(t.cells.iter().flat_map(|(r, _)| [r.y0, r.y1]).collect());
    let at = |lines: &[f64], v: f64| -> usize {
        lines
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
            .map_or(0, |(i, _)| i)
    };
    let width = xs.len().saturating_sub(1);
    let height = ys.len().saturating_sub(1);
    // (row, col, rowspan, colspan, text) of every cell.
    let mut placed: Vec<(usize, usize, usize, usize, &str)> = t
        .cells
        .iter()
        .filter_map(|(r, text)| {
            let (c0, c1) = (at(&xs, r.x0), at(&xs, r.x1));
            let (r0, r1) = (at(&ys, r.y0), at(&ys, r.y1));
            (c1 > c0 && r1 > r0).then_some((r0, c0, r1 - r0, c1 - c0, text.as_str()))
        })
        .collect();
    super::sort_by_key2(&mut placed, |p| (p.0 as f64, p.1 as f64));
    let mut covered = vec![vec![false; width]; height];
    let mut rows: Vec<Row> = (0..height).map(|_| Row::default()).collect();
    let mut next = placed.iter().peekable();
    for r in 0..height {
        let mut c = 0;
        while c < width {
            if covered[r][c] {
                c += 1;
                continue;
            }
            while next.peek().is_some_and(|p| (p.0, p.1) < (r, c)) {
                next.next();
            }
            match next.peek().filter(|p| p.0 == r && p.1 == c) {
                Some(&&(_, _, rs, cs, text)) => {
                    next.next();
                    let cs = cs.min(width - c);
                    let rs = rs.min(height - r);
                    for row in covered.iter_mut().skip(r).take(rs) {
                        for slot in row.iter_mut().skip(c).take(cs) {
                            *slot = true;
                        }
                    }
                    let mut cell = Cell::new(text.to_string(), vec![Item::Para(text.to_string())]);
                    cell.rowspan = rs;
                    cell.colspan = cs;
                    rows[r].cells.push(cell);
                    c += cs;
                }
                None => {
                    rows[r].cells.push(Cell::new(String::new(), Vec::new()));
                    c += 1;
                }
            }
        }
    }
    Table { model: PDF, rows }
}

/// Text that recurs in the header or footer band of the pages: page numbers and running
/// headers/footers, as digit-masked texts, sorted (for [`is_furniture`]'s binary search). A text
/// is furniture when it stands in the band of two pages or more. Found by sorting every band
/// line's (text, page), not by comparing each line with those seen before: a PDF with thousands of
/// band lines (a fuzzed one had a 28 KB file take 0.3 s here) costs n log n, not n².
fn furniture(pages: &[Page]) -> Vec<String> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let band: Vec<Glyph> = page
            .glyphs
            .iter()
            .filter(|g| in_band(g.y0, g.y1, page))
            .cloned()
            .collect();
        for l in lines::lines(band) {
            let m = masked(&l.text(""));
            if !m.is_empty() {
                seen.push((m, i));
            }
        }
    }
    seen.sort_unstable();
    seen.dedup();
    let mut out: Vec<String> = seen
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|pages| pages.len() > 1)
        .map(|pages| pages[0].0.clone())
        .collect();
    // A page number alone is furniture even on a one-page document.
    out.push("#".into());
    out.sort_unstable();
    out.dedup();
    out
}

fn in_band(y0: f64, y1: f64, page: &Page) -> bool {
    y1 <= page.height * HEADER_BAND || y0 >= page.height * (1.0 - FOOTER_BAND)
}

/// Text with digits masked and page-number decorations dropped: `- 3 -`, `第 3 页`, `3/5`
/// all mask to `#`-forms; a page number alone masks to `#`.
fn masked(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_whitespace() || "-—–－_·.".contains(c) {
            continue;
        }
        if c.is_ascii_digit() {
            if !s.ends_with('#') {
                s.push('#');
            }
        } else {
            s.push(c);
        }
    }
    let inner = s
        .trim_start_matches(['第', '共'])
        .trim_end_matches('页')
        .to_string();
    if inner == "#" || inner == "#/#" || inner.eq_ignore_ascii_case("page#") {
        return "#".into();
    }
    s
}

/// Whether a line is page furniture: in the header or footer band, and its masked text one of
/// `furniture` (sorted, from [`furniture`]). The text is masked once per line in the band.
fn is_furniture(l: &Line, page: &Page, furniture: &[String]) -> bool {
    in_band(l.y0, l.y1, page) && furniture.binary_search(&masked(&l.text(""))).is_ok()
}
