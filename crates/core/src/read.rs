//! Reading report text into the model.
//!
//! Handles what people get when they copy a report out of Word, WPS or a web page:
//! tab-separated cells whose positions shift with merged cells, whitespace-separated
//! cells, full-width digits, thousands separators, page furniture around the tables.
//! Rows are identified by their label text, never by position; values are taken from
//! the cells after the label.
//!
//! Reading never fails as a whole: it returns what it could read and findings about
//! what it could not (the rules then decide what is missing).
//!
//! The input is a [`Document`] from any reader (plain text, HTML, Word); [`lines`] turns
//! its blocks into the [`Line`]s the builder works on.

use crate::cell::classify;
use crate::finding::{Finding, Outcome, Param};
use crate::format::{self, ColKind, RowSpec, SectionSpec};
use crate::model::{Cell, CellValue, DetectedFormat, ReadStatus, Report, RowRead, Section, Span};
use crate::readers::{Block, Columns, Document};
use crate::rules::ids;
use crate::text::{fold, norm_label, split_numbering, trim_wide, Numbering};
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
    fn abs(&self, off: usize) -> usize {
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
        CellValue::Text(s) => number_with_unit(&fold(&s)),
    }
}

/// `251000元`, `12件`, `3.5万元`: a number followed by a short unit.
pub(crate) fn number_with_unit(f: &str) -> bool {
    let end = f
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .map_or(f.len(), |(i, _)| i);
    if end == 0 {
        return false;
    }
    let unit = &f[end..];
    let n = unit.chars().count();
    n > 0 && n <= 2 && crate::text::listed("件 元 万元 个 条 项 次 人 %", unit).is_some()
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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Region {
    None,
    T2,
    T3,
    T4,
}

/// The result of reading: the report plus findings about what could not be read.
pub struct Reading {
    pub report: Report,
    pub findings: Vec<Finding>,
}

/// Builds the report from a document of any reader.
pub fn read_document(doc: &Document) -> Reading {
    read_lines(lines(doc), &doc.text)
}

/// Builds the report from plain text (the spans index into `input`).
pub fn read_text(input: &str) -> Reading {
    read_document(&crate::readers::plain::read(input))
}

/// Builds the report from lines produced by any reader. `source` is the input the spans
/// index into (used only to tell an empty input from a non-report).
pub fn read_lines(ls: Vec<Line<'_>>, source: &str) -> Reading {
    let input = source;
    let mut findings = Vec::new();
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
    let sections = find_sections(&ls, &folded, input.len());

    let has_2021 = format::T2_2021_MARKERS
        .iter()
        .any(|m| folded_all.contains(m));
    let has_2019 = format::T2_2019_MARKERS
        .iter()
        .any(|m| folded_all.contains(m));
    let t2_format = if has_2019 && !has_2021 {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    };

    let mut rows: Vec<RowRead> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut t2_cells: Vec<Cell> = Vec::new();
    let mut t3_cells: Vec<Cell> = Vec::new();
    let mut t4_cells: Vec<Cell> = Vec::new();

    let mut region = Region::None;
    let mut group: Option<&'static str> = None;
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
            region = match sec.number {
                2 => Region::T2,
                3 => Region::T3,
                4 => Region::T4,
                _ => Region::None,
            };
            pending.clear();
            continue;
        }
        let f: &str = &folded[li];
        if f.is_empty() || is_page_furniture(f) {
            continue;
        }
        if f.contains("第二十条") {
            region = Region::T2;
        } else if f.contains("申请人情况") || f.contains("勾稽关系") {
            region = Region::T3;
        } else if f.contains("行政复议")
            && f.contains("行政诉讼")
            && region != Region::T4
            && !f.contains("情况")
        {
            region = Region::T4;
        }
        let Some((labels, values)) = split_row(line) else {
            // A label-only line may open a group (（三）不予公开 on its own line).
            if region == Region::T3 {
                if let Some(g) = line
                    .toks
                    .iter()
                    .rev()
                    .find_map(|t| t3_group(&norm_label(&t.text)))
                {
                    group = Some(g);
                }
            }
            if matches!(region, Region::T2 | Region::T3 | Region::T4)
                && !line.tabbed
                && f.chars().count() <= 40
            {
                pending.push(whole_line_tok(line));
                if pending.len() > 3 {
                    pending.remove(0);
                }
            }
            continue;
        };
        match region {
            Region::T4 if labels.is_empty() => {
                // 表四 as three small tables, one per group, each under its own heading.
                let group = (values.iter().filter(|t| !t.is_empty()).count() <= 5)
                    .then(|| {
                        pending
                            .iter()
                            .rev()
                            .take(2)
                            .find_map(|t| t4_group_of(&t.text))
                    })
                    .flatten();
                if let Some(g) = group {
                    pending.clear();
                    read_t4_group(g, line, values, &mut rows, &mut t4_cells);
                } else if t4_cells.is_empty() {
                    let mut values = values;
                    if !line.tabbed {
                        skip_to = gather(&ls, &folded, li, &mut values, 15);
                    }
                    read_t4(line, values, &mut rows, &mut t4_cells, &mut findings);
                }
            }
            Region::T2 => {
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
                        "T2",
                        spec,
                        line,
                        &labels,
                        values,
                        &mut rows,
                        &mut t2_cells,
                        &mut findings,
                    );
                }
            }
            Region::T3 | Region::None => {
                let mut labels = labels;
                let mut spec = match_t3(&labels, &mut group);
                let mut values = values;
                if spec.is_none() && region == Region::T3 && labels.is_empty() {
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
                if spec.is_none() && region == Region::T3 && !line.tabbed {
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
                    if let Some(g) = spec.group.and_then(t3_group_of_heading) {
                        group = Some(g);
                    }
                    read_row(
                        "T3",
                        spec,
                        line,
                        &labels,
                        values,
                        &mut rows,
                        &mut t3_cells,
                        &mut findings,
                    );
                } else if region == Region::None {
                    if let Some(spec) = match_t2(&labels, t2_format) {
                        read_row(
                            "T2",
                            spec,
                            line,
                            &labels,
                            values,
                            &mut rows,
                            &mut t2_cells,
                            &mut findings,
                        );
                    }
                }
            }
            _ => {}
        }
    }

    let mut tables_seen: Vec<&'static str> = Vec::new();
    for (t, seen) in [
        ("T2", folded_all.contains("第二十条第")),
        (
            "T3",
            folded_all.contains("申请人情况") || folded_all.contains("本年新收"),
        ),
        (
            "T4",
            folded_all.contains("行政复议")
                && (folded_all.contains("结果维持") || folded_all.contains("尚未审结")),
        ),
    ] {
        if seen {
            tables_seen.push(t);
        }
    }

    // Tables whose header is there but whose rows the line reader found nothing of: page
    // text whose cells ran together. Recover what the identities allow (concat.rs).
    let mut unread: Vec<&'static str> = Vec::new();
    for &t in &tables_seen {
        if !rows.iter().any(|r| r.table == t) {
            unread.push(t);
        }
    }
    if !unread.is_empty() {
        let mut folded_refs: Vec<&str> = Vec::with_capacity(folded.len());
        for f in &folded {
            folded_refs.push(f);
        }
        let rec = crate::concat::recover(&ls, &folded_refs, t2_format, &unread);
        rows.extend(rec.rows);
        for c in rec.cells {
            match &c.key[..2] {
                "T2" => t2_cells.push(c),
                "T3" => t3_cells.push(c),
                _ => t4_cells.push(c),
            }
        }
        findings.extend(rec.findings);
    }

    // Put 表三 cells in national order regardless of input order.
    crate::sort::sort_by_key(&mut t3_cells, |c| t3_order(&c.key));
    cells.extend(t2_cells);
    cells.extend(t3_cells);
    cells.extend(t4_cells);

    let format = detect_format(has_2021, has_2019, &rows, &folded_all, year);
    let status = if rows.is_empty() && sections.is_empty() && title.is_none() {
        if trim_wide(input).is_empty() {
            ReadStatus::Unreadable {
                zh: "输入为空：请粘贴年度报告全文，或选择报告文件。".into(),
                en: "The input is empty: paste the full report text or choose a report file."
                    .into(),
            }
        } else {
            ReadStatus::Unreadable {
                zh: "未识别为政府信息公开工作年度报告：没有找到“一、总体情况”等章节标题，也没有找到表二、表三、表四的任何一行。请粘贴报告全文（含表格）。".into(),
                en: "This does not look like an annual report on government information disclosure: no section headings and no row of tables 2–4 were found. Paste the full report, tables included.".into(),
            }
        }
    } else {
        ReadStatus::Ok
    };

    Reading {
        report: Report::new(
            status,
            title,
            agency,
            year,
            format,
            sections,
            rows,
            cells,
            tables_seen,
        ),
        findings,
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

fn lead_ws(s: &str) -> usize {
    s.len() - s.trim_start_matches(crate::text::is_space).len()
}

fn t3_order(key: &str) -> usize {
    let mut parts = key.split('.');
    let _ = parts.next();
    let row = parts.next().unwrap_or("");
    let col = parts.next().unwrap_or("");
    let r = format::T3_ROWS
        .iter()
        .position(|s| s.key == row)
        .unwrap_or(99);
    let c = format::T3_COLS
        .iter()
        .position(|s| s.key == col)
        .unwrap_or(9);
    r * 10 + c
}

fn detect_format(
    has_2021: bool,
    has_2019: bool,
    rows: &[RowRead],
    folded_all: &str,
    year: Option<u32>,
) -> DetectedFormat {
    let has = |k: &str| rows.iter().any(|r| r.table == "T3" && r.key == k);
    let t3_2021 = has("R3f1") || has("R3f2") || has("R3f3");
    let t3_2019 = has("R3f");
    let any_table = rows.iter().any(|r| r.table == "T3" || r.table == "T2");
    // The 2019 trial format applies from the 2019 reports on: an earlier report is pre-2019
    // whatever words its old statistics table shares with the new ones.
    if year.is_some_and(|y| y <= 2018) && !has("R3g") {
        return DetectedFormat::Pre2019;
    }
    if has_2019 && !has_2021 {
        return DetectedFormat::F2019;
    }
    if has_2021 || t3_2021 {
        return if t3_2019 && !t3_2021 {
            DetectedFormat::Mixed
        } else {
            DetectedFormat::F2021
        };
    }
    if t3_2019 {
        return DetectedFormat::F2019;
    }
    let pre = format::PRE2019_MARKERS
        .iter()
        .filter(|m| folded_all.contains(*m))
        .count();
    if !any_table && (pre > 0 || year.is_some_and(|y| y <= 2018)) {
        return DetectedFormat::Pre2019;
    }
    DetectedFormat::Unknown
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

/// Top-level section headings, by keyword, in input order.
fn find_sections(ls: &[Line], folded: &[Cow<str>], len: usize) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    for (line, f) in ls.iter().zip(folded) {
        let t = trim_wide(&line.text);
        if t.is_empty() || f.chars().count() > 60 {
            continue;
        }
        if line.tabbed && line.toks.iter().filter(|x| !x.is_empty()).count() > 1 {
            continue;
        }
        // Dirty prefixes seen in the wild ("l六、…"): skip one stray ASCII letter; markdown
        // heading marks ("## 四、…") from converters.
        let f = f.trim_start_matches(['#', '*']);
        let f2 = match f.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => &f[1..],
            _ => f,
        };
        let (num, rest) = split_numbering(f2);
        let Some(Numbering::Top(n)) = num else {
            continue;
        };
        let Some(spec) = match_section(rest) else {
            continue;
        };
        if found.iter().any(|s| s.number == spec.number) {
            continue;
        }
        let start = line.abs(lead_ws(&line.text));
        found.push(Section {
            number: spec.number,
            written_number: Some(n),
            heading: t.to_string(),
            heading_span: Span::new(
                start,
                if line.exact {
                    start + t.len()
                } else {
                    line.end
                },
            ),
            span: Span::new(start, len),
        });
    }
    if found.len() < 3 {
        inline_sections(ls, &mut found);
        crate::sort::sort_by_key(&mut found, |s| s.span.start);
    }
    let mut starts = Vec::with_capacity(found.len());
    for s in &found {
        starts.push(s.span.start);
    }
    for s in found.iter_mut() {
        if let Some(next) = starts.iter().filter(|&&x| x > s.span.start).min() {
            s.span.end = *next;
        }
    }
    found
}

/// Page text saved from some CMSs runs the whole report into one line: find headings
/// inside lines (`… 二、主动公开政府信息情况 第二十条…`).
fn inline_sections(ls: &[Line], found: &mut Vec<Section>) {
    for line in ls {
        let chars: Vec<(usize, char)> = line.text.char_indices().collect();
        for w in 0..chars.len().saturating_sub(2) {
            let (i, c) = chars[w];
            let Some(n) = crate::text::cn_digit(c) else {
                continue;
            };
            if chars[w + 1].1 != '、' || (w > 0 && crate::text::cn_digit(chars[w - 1].1).is_some())
            {
                continue;
            }
            let end = chars.get(w + 2 + 16).map_or(line.text.len(), |x| x.0);
            let window = &line.text[chars[w + 2].0..end];
            let cut = window.find(['。', '；', '：', ';']).unwrap_or(window.len());
            let rest = fold(&window[..cut]);
            let Some(spec) = match_section(&rest) else {
                continue;
            };
            if found.iter().any(|s| s.number == spec.number) {
                continue;
            }
            let start = line.abs(i);
            let hend = chars
                .iter()
                .skip(w + 2)
                .find(|x| crate::text::is_space(x.1))
                .map_or(end, |x| x.0)
                .min(end);
            found.push(Section {
                number: spec.number,
                written_number: Some(n),
                heading: line.text[i..hend].to_string(),
                heading_span: Span::new(start, line.abs(hend).max(start)),
                span: Span::new(start, line.end),
            });
        }
    }
}

fn match_section(rest: &str) -> Option<&'static SectionSpec> {
    // Table-3 row labels look like headings (一、本年新收…, 四、结转下年度…): exclude them.
    if "本年新收 上年结转 本年度办理结果 结转下年"
        .split(' ')
        .any(|k| rest.contains(k))
    {
        return None;
    }
    format::SECTIONS
        .iter()
        .find(|s| s.keys.iter().any(|k| rest.contains(k)))
}

fn t3_group(norm: &str) -> Option<&'static str> {
    if norm.contains("不予公开") {
        Some("C")
    } else if norm.contains("无法提供") {
        Some("D")
    } else if norm.contains("不予处理") {
        Some("E")
    } else if norm.contains("其他处理") {
        Some("F")
    } else if norm.contains("本年度办理结果") {
        Some("G")
    } else {
        None
    }
}

fn t3_group_of_heading(heading: &str) -> Option<&'static str> {
    t3_group(&norm_label(heading))
}

fn match_t3(labels: &[Tok], group: &mut Option<&'static str>) -> Option<&'static RowSpec> {
    // Update the group context from every label cell on the line (group cells come first).
    let mut norms = Vec::with_capacity(labels.len());
    for t in labels {
        norms.push(norm_label(&t.text));
    }
    let mut line_group = None;
    for n in &norms {
        if let Some(g) = t3_group(n) {
            line_group = Some(g);
        }
    }
    if line_group.is_some() {
        *group = line_group;
    }
    // The most specific label is the last one.
    for (i, n) in norms.iter().enumerate().rev() {
        let is_last = i + 1 == norms.len();
        for spec in format::T3_ROWS {
            let hit = if spec.exact {
                spec.keys.iter().any(|k| n == k)
            } else {
                spec.keys.iter().any(|k| n.contains(k))
            };
            if !hit {
                continue;
            }
            match spec.key {
                // "3.其他" is R3f3 only under （六）其他处理.
                "R3f3" if *group != Some("F") => continue,
                // The single （六）其他处理 row carries its own numbers (no item label after it).
                "R3f" if !is_last => continue,
                _ => {}
            }
            return Some(spec);
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

#[allow(clippy::too_many_arguments)]
fn read_row(
    table: &'static str,
    spec: &'static RowSpec,
    line: &Line,
    labels: &[Tok],
    values: Vec<Tok>,
    rows: &mut Vec<RowRead>,
    cells: &mut Vec<Cell>,
    findings: &mut Vec<Finding>,
) {
    if rows.iter().any(|r| r.table == table && r.key == spec.key) {
        return; // first occurrence wins; a repeated row is usually a repeated header block
    }
    let label_span = match (labels.first(), labels.last()) {
        (Some(a), Some(b)) => Span::new(a.start, b.end),
        _ => Span::new(line.start, line.start),
    };
    let label = join_texts(labels, " ");
    rows.push(RowRead {
        table,
        key: spec.key,
        label,
        span: label_span,
    });
    let n = spec.cols.len();
    let fitted = fit(values, n, line.grid, table == "T2");
    let mut missing = Vec::new();
    for (i, col) in spec.cols.iter().enumerate() {
        let key = cell_key(table, spec, col);
        match fitted.get(i) {
            Some(tok) => cells.push(make_cell(key, tok, col.kind)),
            None => missing.push(key),
        }
    }
    if !missing.is_empty() {
        let mut f = Finding::new(ids::COLUMN_MISSING, Outcome::Fail);
        let (tz, te) = format::table_name(table);
        f.params.push(Param::two("table", tz, te));
        f.params.push(Param::two(
            "row",
            if labels.is_empty() {
                spec.label_zh.to_string()
            } else {
                rows.last().map(|r| r.label.clone()).unwrap_or_default()
            },
            spec.label_en,
        ));
        f.params.push(Param::same("n", missing.len().to_string()));
        f.cells = missing;
        f.span = Some(Span::new(line.start, line.end));
        findings.push(f);
    }
}

fn cell_key(table: &str, spec: &RowSpec, col: &format::ColSpec) -> String {
    match table {
        "T2" => format::t2_key(spec, col),
        _ => format::key(table, spec.key, col.key),
    }
}

fn make_cell(key: String, tok: &Tok, _kind: ColKind) -> Cell {
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

/// Which 表四 group a heading names (`行政诉讼（复议后起诉）` → LR).
fn t4_group_of(text: &str) -> Option<&'static format::RowSpec> {
    let f = fold(text);
    "LD LR RV"
        .split(' ')
        .filter_map(format::t4_group)
        .find(|g| g.keys.iter().any(|k| f.contains(k)))
}

/// One 表四 group read from its own small table (5 cells: 维持 纠正 其他 尚未审结 总计).
fn read_t4_group(
    spec: &'static format::RowSpec,
    line: &Line,
    values: Vec<Tok>,
    rows: &mut Vec<RowRead>,
    cells: &mut Vec<Cell>,
) {
    if rows.iter().any(|r| r.table == "T4" && r.key == spec.key) {
        return;
    }
    let fitted = fit(values, spec.cols.len(), line.grid, false);
    rows.push(RowRead {
        table: "T4",
        key: spec.key,
        label: spec.label_zh.to_string(),
        span: Span::new(line.start, line.end),
    });
    for (i, col) in spec.cols.iter().enumerate() {
        if let Some(tok) = fitted.get(i) {
            cells.push(make_cell(
                format::key("T4", spec.key, col.key),
                tok,
                col.kind,
            ));
        }
    }
}

fn read_t4(
    line: &Line,
    values: Vec<Tok>,
    rows: &mut Vec<RowRead>,
    cells: &mut Vec<Cell>,
    findings: &mut Vec<Finding>,
) {
    let n = format::T4_GROUPS.len() * format::T4_COLS.len();
    let fitted = fit(values, n, line.grid, false);
    if fitted.iter().filter(|t| t.value).count() < 5 {
        return;
    }
    let span = Span::new(line.start, line.end);
    let mut missing = Vec::new();
    for (g, spec) in format::T4_GROUPS.iter().enumerate() {
        rows.push(RowRead {
            table: "T4",
            key: spec.key,
            label: String::new(),
            span,
        });
        for (c, col) in spec.cols.iter().enumerate() {
            let key = format::key("T4", spec.key, col.key);
            match fitted.get(g * format::T4_COLS.len() + c) {
                Some(tok) => cells.push(make_cell(key, tok, col.kind)),
                None => missing.push(key),
            }
        }
    }
    if !missing.is_empty() {
        let mut f = Finding::new(ids::COLUMN_MISSING, Outcome::Fail);
        let (tz, te) = format::table_name("T4");
        f.params.push(Param::two("table", tz, te));
        f.params.push(Param::two("row", "数据行", "data row"));
        f.params.push(Param::same("n", missing.len().to_string()));
        f.cells = missing;
        f.span = Some(span);
        findings.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_wrapped_over_two_lines_names_the_body() {
        let title = |text: &str| {
            let r = read_text(text).report;
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
