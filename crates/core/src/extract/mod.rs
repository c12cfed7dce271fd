//! Reading report text into the model.
//!
//! Handles what people get when they copy a report out of Word, WPS or a web page:
//! tab-separated cells whose positions shift with merged cells, whitespace-separated
//! cells, full-width digits, thousands separators, page furniture around the tables.
//! Rows are identified by their label text, never by position; values are taken from
//! the cells after the label.
//!
//! Reading never fails as a whole: it returns what it could read, with notes on what it
//! could not (the rules then decide what is missing). The words of the formats (headers,
//! labels, groups) come from [`crate::format`]; reading builds no finding.
//!
//! The input is a [`Document`] from any reader (plain text, HTML, Word); [`lines`] turns
//! its blocks into the [`Line`]s the builder works on.

mod concat;
mod outline;

use crate::cell::classify;
use crate::format::{self, t3, t4, CellKey, GroupSpec, RowSpec, Table};
use crate::model::{Cell, CellStore, CellValue, DetectedFormat, Note, ReadStatus, Report};
use crate::model::{RowRead, Span};
use crate::readers::{Block, Columns, Document};
use crate::text::{fold, norm_label, trim_wide};
use std::borrow::Cow;

/// A cell (tab-separated text, an HTML or Word table cell) or a token (whitespace-separated
/// text), with its place in the input.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    /// Byte range in the input this token stands for (for derived text: its source range).
    pub start: usize,
    pub end: usize,
    /// The cell text, trimmed.
    pub text: Cow<'a, str>,
    /// Is this a value (number, placeholder, number with unit)? Computed once.
    value: bool,
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
    fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
    fn is_label(&self) -> bool {
        !self.text.is_empty() && !self.value
    }
}

/// One line of a report: a paragraph, or a table row whose cells are known (`tabbed`).
/// Made from a [`Document`] by [`lines`]; [`read_lines`] builds the report.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
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

impl<'a> Line<'a> {
    /// The input offset of byte `off` of `text`.
    pub(crate) fn abs(&self, off: usize) -> usize {
        if self.exact {
            self.start + off
        } else if off == 0 {
            self.start
        } else {
            self.end
        }
    }
}

/// The report builder's view of a document: one line per paragraph, plain-text line and
/// table row, in reading order, borrowing the document's text.
///
/// - A paragraph of a structured document is cut into whitespace-separated tokens (it may
///   be a row whose cells a writer separated by spaces).
/// - A plain-text line is cut into tokens only when it could be such a row (it ends with a
///   value): prose is not tokenised, which keeps reading fast.
/// - A loose row keeps its cells as written; a grid row is marked `grid` (values are then
///   taken by position) and is skipped when none of its cells has text.
pub fn lines(doc: &Document) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        match block {
            Block::Paragraph(span) | Block::Line(span) => {
                let text = doc.slice(*span);
                let tokenise = matches!(block, Block::Paragraph(_)) || could_be_row(text);
                let mut toks = Vec::new();
                if tokenise {
                    for (s, e) in ws_tokens(text) {
                        toks.push(Tok::new(
                            span.start + s,
                            span.start + e,
                            Cow::Borrowed(&text[s..e]),
                        ));
                    }
                }
                out.push(Line {
                    start: span.start,
                    end: span.end,
                    text: Cow::Borrowed(text),
                    exact: true,
                    tabbed: false,
                    grid: false,
                    toks,
                });
            }
            Block::Table(table) => {
                let grid = table.columns == Columns::Grid;
                for row in &table.rows {
                    if grid && row.cells.iter().all(|c| c.end == c.start) {
                        continue;
                    }
                    let mut toks = Vec::with_capacity(row.cells.len());
                    for &c in &row.cells {
                        toks.push(Tok::new(c.start, c.end, Cow::Borrowed(doc.slice(c))));
                    }
                    out.push(Line {
                        start: row.span.start,
                        end: row.span.end,
                        text: Cow::Borrowed(doc.slice(row.span)),
                        exact: !grid,
                        tabbed: true,
                        grid,
                        toks,
                    });
                }
            }
        }
    }
    out
}

/// A whitespace-separated line can only be a table row if it ends with a value (a digit or
/// a placeholder); prose ends with punctuation.
fn could_be_row(text: &str) -> bool {
    text.trim_end_matches(crate::text::is_space)
        .chars()
        .next_back()
        .is_some_and(|c| {
            c.is_ascii_digit()
                || crate::text::digit_value(c).is_some()
                || "/／-—－–―─无用AaXx×*计".contains(c)
        })
}

/// Byte ranges of whitespace-separated tokens (wide whitespace included).
fn ws_tokens(s: &str) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if crate::text::is_space(c) {
            if let Some(st) = start.take() {
                v.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        v.push((st, s.len()));
    }
    v
}

/// Is this cell a value (number, placeholder, or a number with a unit such as `12件`)?
fn is_value(t: &str) -> bool {
    // Fast path: a value starts with a digit, a sign or a placeholder character; labels
    // (CJK text) are rejected without allocating.
    let Some(first) = t.chars().next() else {
        return false;
    };
    let could_be = first.is_ascii_digit()
        || crate::text::digit_value(first).is_some()
        || "+-/\\—－–―─／无NnXx×*不空暂未".contains(first);
    if !could_be {
        return false;
    }
    match classify(t) {
        CellValue::Number(_) | CellValue::Placeholder(_) => true,
        CellValue::Blank => false,
        CellValue::Text(s) => crate::model::number_with_unit(&s),
    }
}

/// Splits a line into its label cells and its value cells (empty cells kept among values).
fn split_row<'a>(line: &Line<'a>) -> Option<(Vec<Tok<'a>>, Vec<Tok<'a>>)> {
    // A row whose cells are known (tabs, HTML/Word grids) may be a label followed by blank
    // cells only: those are blank cells, not a missing row. A header row ends in a label
    // (or one merged cell after it), so at least three cells must follow the label.
    let blank_row = line.tabbed
        && line
            .toks
            .iter()
            .rposition(|t| t.is_label())
            .is_some_and(|i| {
                i + 3 < line.toks.len() && line.toks[i + 1..].iter().all(|t| t.is_empty())
            });
    if !blank_row && !line.toks.iter().any(|t| t.value) {
        return None;
    }
    if !line.tabbed {
        // Whitespace-separated: labels may contain spaces ("1. 属于国家秘密"); values are the
        // trailing run of value tokens, and a label must not follow a value.
        let first_value = line.toks.iter().position(|t| t.value)?;
        if line.toks[first_value..].iter().any(|t| !t.value) {
            return None;
        }
        let labels = match (
            line.toks[..first_value].first(),
            line.toks[..first_value].last(),
        ) {
            (Some(a), Some(b)) if line.exact => {
                let (s, e) = (a.start - line.start, b.end - line.start);
                vec![Tok::new(
                    a.start,
                    b.end,
                    Cow::Owned(line.text[s..e].to_string()),
                )]
            }
            (Some(a), Some(b)) => {
                let joined = join_texts(&line.toks[..first_value], " ");
                vec![Tok::new(a.start, b.end, Cow::Owned(joined))]
            }
            _ => Vec::new(),
        };
        return Some((labels, line.toks[first_value..].to_vec()));
    }
    let last_label = line.toks.iter().rposition(|t| t.is_label());
    match last_label {
        Some(i) => {
            let values = line.toks[i + 1..].to_vec();
            if !blank_row && !values.iter().any(|t| t.value) {
                return None;
            }
            let mut labels = Vec::new();
            for t in &line.toks[..=i] {
                if !t.is_empty() {
                    labels.push(t.clone());
                }
            }
            Some((labels, values))
        }
        None => Some((Vec::new(), line.toks.clone())),
    }
}

/// Fits the cells after a label to `n` columns: merged-cell artefacts are empty cells at
/// the edges (one after the label, trailing ones at the end of the row).
fn fit<'a>(v: Vec<Tok<'a>>, n: usize, grid: bool, left_aligned: bool) -> Vec<Tok<'a>> {
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

fn fit_flat<'a>(mut v: Vec<Tok<'a>>, n: usize) -> Vec<Tok<'a>> {
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

/// Builds the report from a document of any reader.
pub fn read_document(doc: &Document) -> Report {
    read_lines(lines(doc), &doc.text)
}

/// Builds the report from plain text (the spans index into `input`).
pub fn read_text(input: &str) -> Report {
    read_document(&crate::readers::plain::read(input))
}

/// Builds the report from lines produced by any reader. `source` is the input the spans
/// index into (used only to tell an empty input from a non-report).
pub fn read_lines(ls: Vec<Line<'_>>, source: &str) -> Report {
    let input = source;
    let mut notes = Vec::new();
    // Each line is folded once; every later look at line text uses these.
    // Long paragraphs are prose: they are searched for marker words as they are, not folded.
    let mut folded: Vec<Cow<str>> = Vec::with_capacity(ls.len());
    for l in &ls {
        folded.push(if l.tabbed || l.text.len() <= 240 {
            Cow::Owned(fold(&l.text))
        } else {
            Cow::Borrowed(l.text.as_ref())
        });
    }
    let mut cap = 0;
    for f in &folded {
        cap += f.len() + 1;
    }
    let mut folded_all = String::with_capacity(cap);
    for f in &folded {
        folded_all.push_str(f);
        folded_all.push('\n');
    }

    let (title, year, agency) = find_title(&ls);
    let sections = outline::find_sections(&ls, &folded, input.len());

    let has_2021 = format::t2::MARKERS_2021
        .iter()
        .any(|m| folded_all.contains(m));
    let has_2019 = format::t2::MARKERS_2019
        .iter()
        .any(|m| folded_all.contains(m));
    let t2_format = if has_2019 && !has_2021 {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    };

    let mut rows: Vec<RowRead> = Vec::new();
    let mut cells = CellStore::default();

    // The table whose rows the lines are in (`None` before the first table or in a section
    // without one).
    let mut region: Option<Table> = None;
    let mut group: Option<&'static GroupSpec> = None;
    // Label lines seen since the last row (PDF text wraps labels above and below the numbers).
    let mut pending: Vec<Tok> = Vec::new();
    let mut skip_to = 0usize;
    for (li, line) in ls.iter().enumerate() {
        if li < skip_to {
            continue;
        }
        if let Some(sec) = sections
            .iter()
            .find(|s| s.heading_span.start == line.abs(lead_ws(&line.text)))
        {
            region = format::section(sec.number).and_then(|s| s.table);
            pending.clear();
            continue;
        }
        let f: &str = &folded[li];
        if f.is_empty() || is_page_furniture(f) {
            continue;
        }
        if let Some(t) = Table::ALL.into_iter().find(|t| t.spec().region.found_in(f)) {
            region = Some(t);
        }
        let Some((labels, values)) = split_row(line) else {
            // A label-only line may open a group (（三）不予公开 on its own line).
            if region == Some(Table::T3) {
                if let Some(g) = line
                    .toks
                    .iter()
                    .rev()
                    .find_map(|t| t3::TABLE.group_of(&norm_label(&t.text)))
                {
                    group = Some(g);
                }
            }
            if region.is_some() && !line.tabbed && f.chars().count() <= 40 {
                pending.push(whole_line_tok(line));
                if pending.len() > 3 {
                    pending.remove(0);
                }
            }
            continue;
        };
        match region {
            Some(Table::T4) if labels.is_empty() => {
                // 表四 as three small tables, one per group, each under its own heading.
                let group = (values.iter().filter(|t| !t.is_empty()).count() <= 5)
                    .then(|| {
                        pending
                            .iter()
                            .rev()
                            .take(2)
                            .find_map(|t| t4::group_named(&fold(&t.text)))
                    })
                    .flatten();
                if let Some(g) = group {
                    pending.clear();
                    read_t4_group(g, line, values, &mut rows, &mut cells);
                } else if cells.of(Table::T4).next().is_none() {
                    let mut values = values;
                    if !line.tabbed {
                        let n = t4::TABLE.rows.len() * t4::COLS.len();
                        skip_to = gather(&ls, &folded, li, &mut values, n);
                    }
                    read_t4(line, values, &mut rows, &mut cells, &mut notes);
                }
            }
            Some(Table::T2) => {
                let mut labels = labels;
                let mut values = values;
                let mut spec = match_t2(&labels, t2_format);
                if spec.is_none() && labels.is_empty() && !line.tabbed {
                    // One cell per line (PDF text): the label is on the line(s) before.
                    for k in 1..=pending.len().min(2) {
                        let cand = vec![join_toks(&pending[pending.len() - k..])];
                        if let Some(sp) = match_t2(&cand, t2_format) {
                            spec = Some(sp);
                            labels = cand;
                            break;
                        }
                    }
                    if let Some(sp) = spec {
                        skip_to = gather(&ls, &folded, li, &mut values, sp.cols.len());
                    }
                }
                if let Some(spec) = spec {
                    pending.clear();
                    read_row(
                        spec, line, &labels, values, &mut rows, &mut cells, &mut notes,
                    );
                }
            }
            Some(Table::T3) | None => {
                let mut labels = labels;
                let mut spec = match_t3(&labels, &mut group);
                let mut values = values;
                if spec.is_none() && region == Some(Table::T3) && labels.is_empty() {
                    // One cell per line, or a label wrapped above the numbers: the last label
                    // line alone first, then joined with the one before.
                    for k in 1..=pending.len().min(3) {
                        let cand = vec![join_toks(&pending[pending.len() - k..])];
                        if let Some(sp) = match_t3(&cand, &mut group) {
                            spec = Some(sp);
                            labels = cand;
                            break;
                        }
                    }
                }
                if spec.is_none() && region == Some(Table::T3) && !line.tabbed {
                    // A wrapped label: join the label lines before the numbers, then (if still
                    // unknown) the short label lines right after them.
                    let mut joined: Vec<Tok> = pending.clone();
                    joined.extend(labels.iter().cloned());
                    let mut candidate = vec![join_toks(&joined)];
                    spec = match_t3(&candidate, &mut group);
                    let mut after = li + 1;
                    while spec.is_none() && after < ls.len() && after <= li + 2 {
                        let next = &ls[after];
                        let nf: &str = &folded[after];
                        if nf.is_empty()
                            || next.tabbed
                            || split_row(next).is_some()
                            || nf.chars().count() > 40
                        {
                            break;
                        }
                        joined.push(whole_line_tok(next));
                        candidate = vec![join_toks(&joined)];
                        spec = match_t3(&candidate, &mut group);
                        after += 1;
                        if spec.is_some() {
                            skip_to = after;
                        }
                    }
                    if spec.is_some() {
                        labels = candidate;
                    }
                }
                if let (Some(sp), false) = (spec, line.tabbed) {
                    if values.len() < sp.cols.len() {
                        skip_to = skip_to.max(gather(&ls, &folded, li, &mut values, sp.cols.len()));
                    }
                }
                if let Some(spec) = spec {
                    pending.clear();
                    // The row's own group carries over to the next row (a lost group cell).
                    if let Some(g) = spec.group {
                        group = Some(g);
                    }
                    read_row(
                        spec, line, &labels, values, &mut rows, &mut cells, &mut notes,
                    );
                } else if region.is_none() {
                    if let Some(spec) = match_t2(&labels, t2_format) {
                        read_row(
                            spec, line, &labels, values, &mut rows, &mut cells, &mut notes,
                        );
                    }
                }
            }
            _ => {}
        }
    }

    let tables_seen: Vec<Table> = Table::ALL
        .into_iter()
        .filter(|t| t.spec().seen.found_in(&folded_all))
        .collect();

    // Tables whose header is there but whose rows the line reader found nothing of: page
    // text whose cells ran together. Recover what the identities allow (concat.rs).
    let unread: Vec<Table> = tables_seen
        .iter()
        .copied()
        .filter(|&t| !rows.iter().any(|r| r.table == t))
        .collect();
    if !unread.is_empty() {
        let rec = concat::recover(&ls, t2_format, &unread);
        rows.extend(rec.rows);
        for c in rec.cells {
            cells.insert(c);
        }
        notes.extend(rec.notes);
    }

    let format = outline::detect_format(has_2021, has_2019, &rows, &folded_all, year);
    let status = if rows.is_empty() && sections.is_empty() && title.is_none() {
        if trim_wide(input).is_empty() {
            ReadStatus::empty_input()
        } else {
            ReadStatus::not_a_report()
        }
    } else {
        ReadStatus::Ok
    };

    Report {
        status,
        title,
        agency,
        year,
        format,
        sections,
        rows,
        cells,
        tables_seen,
        notes,
    }
}

/// Page numbers and footers inside tables (`-4-`, `— 3 —`, `第 2 页`, `2/5`, `Page 9`).
fn is_page_furniture(f: &str) -> bool {
    let inner = f.trim_matches(|c| c == '-' || c == '—' || c == '·');
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    (inner.len() < f.len() && digits(inner))
        || (f.starts_with('第') && f.ends_with('页') && f.chars().count() <= 12)
        || f.split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
        || f.strip_prefix("Page")
            .or_else(|| f.strip_prefix("P."))
            .is_some_and(digits)
}

/// One cell per line (PDF text): appends the values of the following values-only lines to
/// `values` until there are `n`. Returns the index of the first line not consumed.
fn gather<'a>(
    ls: &[Line<'a>],
    folded: &[Cow<str>],
    li: usize,
    values: &mut Vec<Tok<'a>>,
    n: usize,
) -> usize {
    let mut next = li + 1;
    while values.len() < n && next < ls.len() {
        let l = &ls[next];
        let f: &str = &folded[next];
        if f.is_empty() || is_page_furniture(f) {
            next += 1;
            continue;
        }
        if l.tabbed || l.toks.is_empty() || !l.toks.iter().all(|t| t.value) {
            break;
        }
        values.extend(l.toks.iter().cloned());
        next += 1;
    }
    next
}

/// The whole (trimmed) line as one token.
fn whole_line_tok<'a>(line: &Line<'a>) -> Tok<'a> {
    let t = trim_wide(&line.text);
    let lead = line.text.len() - line.text.trim_start_matches(crate::text::is_space).len();
    Tok::new(
        line.abs(lead),
        line.abs(lead + t.len()),
        Cow::Owned(t.to_string()),
    )
}

/// The texts of `toks` joined by `sep`.
fn join_texts(toks: &[Tok], sep: &str) -> String {
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
fn join_toks<'a>(toks: &[Tok<'a>]) -> Tok<'a> {
    let mut text = String::new();
    for t in toks {
        text.push_str(trim_wide(&t.text));
    }
    let start = toks.first().map_or(0, |t| t.start);
    let end = toks.iter().map(|t| t.end).max().unwrap_or(start);
    Tok::new(start, end, Cow::Owned(text))
}

pub(crate) fn lead_ws(s: &str) -> usize {
    s.len() - s.trim_start_matches(crate::text::is_space).len()
}

/// Title, year and issuing body from the first lines that name the report. PDF text may wrap
/// the title over two lines ("2025 年上海市人民政府办公厅政府信息公开" / "工作年度报告"): a line
/// that is no title by itself is read together with the next one, unless that one is a title
/// by itself (then the line before may name the body: "淮安市人民政府" / "2024年…年度报告").
fn find_title(ls: &[Line]) -> (Option<String>, Option<u32>, Option<String>) {
    let mut lines: Vec<&str> = Vec::new();
    for line in ls.iter().take(60) {
        let t = trim_wide(&line.text);
        if !t.is_empty() {
            lines.push(t);
        }
    }
    for (i, t) in lines.iter().enumerate() {
        let f = fold(t);
        let joined;
        let f_title = match title_text(&f) {
            Some(title) => title,
            None => {
                let Some(next) = lines.get(i + 1).map(|n| fold(n)) else {
                    continue;
                };
                if f.contains("年度报告") || title_text(&next).is_some() {
                    continue;
                }
                joined = format!("{f}{next}");
                match title_text(&joined) {
                    Some(title) => title,
                    None => continue,
                }
            }
        };
        let prev_nonempty = i.checked_sub(1).and_then(|j| lines.get(j)).copied();
        let (year, before) = year_in(f_title);
        let mut agency = before
            .map(|b| b.trim_end_matches(['(', '（']).to_string())
            .filter(|b| !b.is_empty());
        if agency.is_none() {
            // "2024年洛阳市科学技术局政府信息公开工作年度报告"
            if let Some(y) = year {
                let ys = format!("{y}年");
                if let Some(i) = f_title.find(&ys) {
                    let rest = &f_title[i + ys.len()..];
                    let rest = rest.strip_prefix("度").unwrap_or(rest);
                    if let Some(j) = rest.find("政府信息公开") {
                        let a = &rest[..j];
                        if !a.is_empty() {
                            agency = Some(a.to_string());
                        }
                    }
                }
            }
        }
        if agency.is_none() {
            // Title split over two lines (PDF): the line before names the body.
            agency = prev_nonempty
                .map(fold)
                .filter(|p| p.chars().count() <= 30 && !p.contains("年度报告"));
        }
        let title = match (&agency, f_title.starts_with(|c: char| c.is_ascii_digit())) {
            (Some(a), true) if !f_title.contains(a.as_str()) => format!("{a}{f_title}"),
            _ => f_title.to_string(),
        };
        return (Some(title), year, agency);
    }
    (None, None, None)
}

/// The report's title in a folded line: names a 信息公开…年度报告, short, and a heading rather
/// than a sentence (a sentence that mentions "本年度报告根据《…信息公开条例》" is no title).
/// "标题: …" metadata lines of saved pages carry the title too.
fn title_text(f: &str) -> Option<&str> {
    let t = f.strip_prefix("标题:").unwrap_or(f).trim_start_matches('#');
    let sentence = t.contains(['。', ',', ';', '《']);
    (t.contains("年度报告") && t.contains("信息公开") && t.chars().count() < 80 && !sentence)
        .then_some(t)
}

/// A 4-digit year followed by 年 (or 年度), and the text before it.
fn year_in(f: &str) -> (Option<u32>, Option<&str>) {
    let b = f.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && f[i + 4..].starts_with('年')
        {
            let y: u32 = crate::text::parse_uint(&f[i..i + 4]).unwrap_or(0);
            if (1990..=2100).contains(&y) {
                return (Some(y), Some(&f[..i]));
            }
        }
        i += 1;
    }
    (None, None)
}

fn match_t3(labels: &[Tok], group: &mut Option<&'static GroupSpec>) -> Option<&'static RowSpec> {
    // Update the group context from every label cell on the line (group cells come first).
    let norms: Vec<String> = labels.iter().map(|t| norm_label(&t.text)).collect();
    if let Some(g) = norms.iter().rev().find_map(|n| t3::TABLE.group_of(n)) {
        *group = Some(g);
    }
    // The most specific label is the last one.
    for (i, n) in norms.iter().enumerate().rev() {
        let is_last = i + 1 == norms.len();
        let spec = t3::ROWS.iter().find(|spec| {
            spec.matches(n)
                && (!spec.only_in_group || *group == spec.group)
                && (!spec.last_label_only || is_last)
        });
        if spec.is_some() {
            return spec;
        }
        if !is_last {
            break;
        }
    }
    None
}

fn match_t2(labels: &[Tok], format: DetectedFormat) -> Option<&'static RowSpec> {
    let n = norm_label(&labels.last()?.text);
    format::t2_rows(format).iter().find(|spec| {
        spec.keys.iter().any(|k| {
            n.starts_with(k) || (n.contains(k) && n.chars().count() <= k.chars().count() + 24)
        })
    })
}

/// Reads the values of a row of 表二 or 表三 identified by `spec` on `line` with its label
/// cells `labels`; the first occurrence of a row wins (a repeated row is usually a repeated
/// header block).
fn read_row(
    spec: &'static RowSpec,
    line: &Line,
    labels: &[Tok],
    values: Vec<Tok>,
    rows: &mut Vec<RowRead>,
    cells: &mut CellStore,
    notes: &mut Vec<Note>,
) {
    if rows
        .iter()
        .any(|r| r.table == spec.table && r.row == spec.id)
    {
        return;
    }
    let label_span = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) => Span::new(a.start, b.end),
        _ => Span::new(line.start, line.start),
    };
    let label = join_texts(labels, " ");
    rows.push(RowRead {
        table: spec.table,
        row: spec.id,
        label: label.clone(),
        span: label_span,
    });
    let fitted = fit(values, spec.cols.len(), line.grid, spec.table == Table::T2);
    let mut missing = Vec::new();
    for key in spec.cells() {
        match fitted.get(key.col.index()) {
            Some(tok) => {
                cells.insert(make_cell(key, tok));
            }
            None => missing.push(key),
        }
    }
    if !missing.is_empty() {
        notes.push(Note::ColumnMissing {
            table: spec.table,
            row: Some(spec.id),
            label: (!labels.is_empty()).then_some(label),
            cells: missing,
            span: Span::new(line.start, line.end),
        });
    }
}

fn make_cell(key: CellKey, tok: &Tok) -> Cell {
    Cell {
        key,
        value: classify(&tok.text),
        raw: tok.text.to_string(),
        span: if tok.is_empty() {
            None
        } else {
            Some(tok.span())
        },
    }
}

/// One 表四 group read from its own small table (5 cells: 维持 纠正 其他 尚未审结 总计).
fn read_t4_group(
    spec: &'static RowSpec,
    line: &Line,
    values: Vec<Tok>,
    rows: &mut Vec<RowRead>,
    cells: &mut CellStore,
) {
    if rows
        .iter()
        .any(|r| r.table == Table::T4 && r.row == spec.id)
    {
        return;
    }
    let fitted = fit(values, spec.cols.len(), line.grid, false);
    rows.push(RowRead {
        table: Table::T4,
        row: spec.id,
        label: spec.label_zh.to_string(),
        span: Span::new(line.start, line.end),
    });
    for key in spec.cells() {
        if let Some(tok) = fitted.get(key.col.index()) {
            cells.insert(make_cell(key, tok));
        }
    }
}

/// 表四 as one row of all three groups' cells (15 values).
fn read_t4(
    line: &Line,
    values: Vec<Tok>,
    rows: &mut Vec<RowRead>,
    cells: &mut CellStore,
    notes: &mut Vec<Note>,
) {
    let keys: Vec<CellKey> = t4::ROWS.iter().flat_map(RowSpec::cells).collect();
    let fitted = fit(values, keys.len(), line.grid, false);
    if fitted.iter().filter(|t| t.value).count() < 5 {
        return;
    }
    let span = Span::new(line.start, line.end);
    for spec in t4::ROWS {
        rows.push(RowRead {
            table: Table::T4,
            row: spec.id,
            label: String::new(),
            span,
        });
    }
    let mut missing = Vec::new();
    for (i, key) in keys.into_iter().enumerate() {
        match fitted.get(i) {
            Some(tok) => {
                cells.insert(make_cell(key, tok));
            }
            None => missing.push(key),
        }
    }
    if !missing.is_empty() {
        notes.push(Note::ColumnMissing {
            table: Table::T4,
            row: None,
            label: None,
            cells: missing,
            span,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_wrapped_over_two_lines_names_the_body() {
        let title = |text: &str| {
            let r = read_text(text);
            (r.title, r.year, r.agency)
        };
        // The break inside the title (PDF text); a sentence mentioning the annual report and
        // the regulation below it is not the title.
        let (t, y, a) = title(
            "正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n\
             本年度报告根据《中华人民共和国政府信息公开条例》（以\n一、总体情况\n",
        );
        assert_eq!(
            t.as_deref(),
            Some("2025年上海市人民政府办公厅政府信息公开工作年度报告")
        );
        assert_eq!(
            (y, a.as_deref()),
            (Some(2025), Some("上海市人民政府办公厅"))
        );
        let (_, y, a) = title("2024 年某市某局政府信息\n公开工作年度报告\n一、总体情况\n");
        assert_eq!((y, a.as_deref()), (Some(2024), Some("某市某局")));
        // The body on its own line above a whole title.
        let (t, y, a) = title("某市人民政府\n2024年政府信息公开工作年度报告\n一、总体情况\n");
        assert_eq!(
            t.as_deref(),
            Some("某市人民政府2024年政府信息公开工作年度报告")
        );
        assert_eq!((y, a.as_deref()), (Some(2024), Some("某市人民政府")));
        // No title at all: nothing is made up from a sentence.
        let (t, y, a) =
            title("本年度报告根据《条例》编制，信息公开工作年度报告全文如下。\n一、总体情况\n");
        assert_eq!((t, y, a), (None, None, None));
    }

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
}
