//! Concatenated cells: page text where table cells ran together with no separator
//! (`一、本年新收政府信息公开申请数量640020470二、上年结转…`).
//!
//! Values are recovered by enumerating the digit splits that satisfy the row totals and the
//! table's identities. Where more than one split fits, the cells are reported as
//! CELLS-AMBIGUOUS with their candidates and left out of the report (never guessed), so no
//! arithmetic error is reported that exists only under one possible split.
//!
//! How it works:
//! 1. The lines are folded into one stream without whitespace; a flag remembers where
//!    whitespace (or a line break) stood, because a stray space is a cell boundary.
//! 2. Each table is located by its header words; its template rows are searched in order by
//!    their label keywords (the same keywords the line reader uses). A row's digit run is what
//!    lies between the end of its label and the next label; a trailing `2.` or `2、` is the
//!    next label's numbering, not a digit of this row.
//! 3. Every split of a run into the row's cells is enumerated ([`split`]); 表三 rows keep the
//!    splits whose 总计 is the sum of the six applicant columns, 表四 those whose group totals
//!    hold. 表三 rows are then combined under the column identities ([`solve`]): a cell is
//!    read when it has the same value in every combination that satisfies all identities. If
//!    none does, the report itself is inconsistent and only rows with a single split are read.
//!    表二 has no identities: a cell is read when every split agrees on it, or when numbers
//!    stated in the report's own text (`现行有效行政规范性文件698件`) leave a single split.
//!
//! The words that locate tables and rows come from [`crate::format`]; what cannot be read is
//! recorded as a [`Note`], never as a finding.

mod solve;
mod split;

use crate::format::{self, t2, t3, t4, CellKey, ColKind, GroupSpec, RowId, RowSpec, Table};
use crate::model::{CandidateCount, Cell, CellValue, DetectedFormat, Note, RowRead, Span};
use crate::read::{classify, Line};
use crate::text::{cn_digit, fold, fold_char, norm_label};
use split::{Piece, Seg, Split, Splits};

/// What was recovered for the tables the line reader could not read.
#[derive(Debug, Default)]
pub struct Recovered {
    pub rows: Vec<RowRead>,
    pub cells: Vec<Cell>,
    pub notes: Vec<Note>,
}

/// Recovers the tables in `missing` from concatenated page text.
pub fn recover(lines: &[Line], format: DetectedFormat, missing: &[Table]) -> Recovered {
    let mut out = Recovered::default();
    if missing.is_empty() {
        return out;
    }
    let st = Stream::new(lines);
    let len = st.fs.len();
    let t2 = t2_start(&st.fs);
    // 表三 starts at its header, else at its first row's label; 表四 at its first column.
    let after_t2 = t2.unwrap_or(0);
    let t3_start = t3::TABLE
        .region
        .any
        .iter()
        .filter_map(|k| find(&st.fs, k, after_t2, len))
        .min()
        .or_else(|| find_any(&st.fs, t3::row(t3::R1).keys, after_t2, len));
    let t4_start = find(
        &st.fs,
        t4::COLS[0].label_zh,
        t3_start.or(t2).unwrap_or(0),
        len,
    );

    if let Some(from) = t2.filter(|_| missing.contains(&Table::T2)) {
        let to = t3_start.or(t4_start).unwrap_or(len);
        let specs: Vec<&'static RowSpec> = format::t2_rows(format).iter().collect();
        let stops: Vec<&str> = t2::TABLE
            .region
            .any
            .iter()
            .copied()
            .chain([t2::HEADER_LABEL])
            .collect();
        let located = locate_rows(&st, &specs, from, to, Table::T2, &stops);
        missing_captions(&st, &located, (from, to), &mut out);
        let mut works = works_of(&st, located);
        for w in &mut works {
            w.splits = enumerate(w, &|_| true);
            if w.live(false).len() > 1 {
                text_facts(&st, w, (from, to));
            }
        }
        emit(&st, works, &mut out);
    }

    if let Some(from) = t3_start.filter(|_| missing.contains(&Table::T3)) {
        let to = t4_start.unwrap_or(len);
        // 2021 splits （六）其他处理 into three rows; 2019 (and mixed reports) keep one row with
        // its own numbers right after the label.
        let single = t3::row(t3::R3F).keys;
        let single_f = match single
            .iter()
            .find_map(|k| Some((find(&st.fs, k, from, to)?, k)))
        {
            Some((q, k)) => starts_value(&st.fs, q + k.len()),
            None => matches!(format, DetectedFormat::F2019 | DetectedFormat::Mixed),
        };
        let specs = format::t3_rows(if single_f {
            DetectedFormat::F2019
        } else {
            DetectedFormat::F2021
        });
        // A row's label ends at the next group heading when no number follows it.
        let stops: Vec<&str> = t3::TABLE
            .groups
            .iter()
            .flat_map(|g| g.keywords.iter().copied())
            .collect();
        let located = locate_rows(&st, &specs, from, to, Table::T3, &stops);
        let mut works = works_of(&st, located);
        let row_total = |v: &[i128]| v.len() < 7 || v[..6].iter().sum::<i128>() == v[6];
        for w in &mut works {
            w.splits = enumerate(w, &row_total);
            if w.splits.is_empty() && !w.overflow && !w.blank {
                // No split satisfies the row total: the row itself is wrong. Keep every split
                // (a unique one is still read, and its error reported by the rules).
                w.splits = enumerate(w, &|_| true);
                w.constrained = false;
            }
        }
        combine_t3(&mut works, single_f);
        emit(&st, works, &mut out);
    }

    if let Some(anchor) = t4_start.filter(|_| missing.contains(&Table::T4)) {
        if let Some(w) = locate_t4(&st, anchor) {
            let mut w = w;
            let totals = |v: &[i128]| {
                v.is_empty()
                    || !v.len().is_multiple_of(5)
                    || v[v.len() - 5..v.len() - 1].iter().sum::<i128>() == v[v.len() - 1]
            };
            w.splits = enumerate(&mut w, &totals);
            if w.splits.is_empty() && !w.overflow {
                w.splits = enumerate(&mut w, &|_| true);
                w.constrained = false;
                w.fallback = true;
            }
            emit(&st, vec![w], &mut out);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The text as one folded stream

/// Where a stream character came from: line index, byte offset and length in the line text.
#[derive(Clone, Copy)]
struct Src {
    line: u32,
    off: u32,
    len: u32,
}

/// All lines folded ([`fold_char`]) into one string without whitespace. `brk` and `src` are
/// indexed by byte offset in `fs` (meaningful at character starts).
struct Stream<'l, 'a> {
    lines: &'l [Line<'a>],
    fs: String,
    /// Whitespace or a line break stood before this character.
    brk: Vec<bool>,
    src: Vec<Src>,
}

impl<'l, 'a> Stream<'l, 'a> {
    fn new(lines: &'l [Line<'a>]) -> Self {
        let mut cap = 0;
        for l in lines {
            cap += l.text.len();
        }
        let mut fs = String::with_capacity(cap);
        let mut brk = Vec::with_capacity(cap);
        let mut src = Vec::with_capacity(cap);
        for (li, line) in lines.iter().enumerate() {
            let mut pending = true;
            for (off, c) in line.text.char_indices() {
                let f = fold_char(c);
                if f.is_whitespace() {
                    pending = true;
                    continue;
                }
                let before = fs.len();
                fs.push(f);
                let s = Src {
                    line: li as u32,
                    off: off as u32,
                    len: c.len_utf8() as u32,
                };
                for i in 0..fs.len() - before {
                    brk.push(pending && i == 0);
                    src.push(s);
                }
                pending = false;
            }
        }
        Stream {
            lines,
            fs,
            brk,
            src,
        }
    }

    fn char_at(&self, p: usize) -> Option<char> {
        self.fs.get(p..).and_then(|s| s.chars().next())
    }

    /// The input byte range of the character at `p` (the whole line for derived text).
    fn orig(&self, p: usize) -> (usize, usize) {
        let s = self.src[p];
        let line = &self.lines[s.line as usize];
        if line.exact {
            let a = line.start + s.off as usize;
            (a, a + s.len as usize)
        } else {
            (line.start, line.end)
        }
    }

    /// The input span of stream bytes `a..b`.
    fn span(&self, a: usize, b: usize) -> Span {
        let last = prev(&self.fs, b).max(a);
        Span::new(self.orig(a).0, self.orig(last).1)
    }

    /// The input text of stream bytes `a..b`, as written (whitespace inside a line kept).
    fn written(&self, a: usize, b: usize) -> String {
        let mut out = String::new();
        let mut p = a;
        while p < b {
            let s = self.src[p];
            let line = &self.lines[s.line as usize];
            let mut q = p;
            let mut end = s.off;
            while q < b && self.src[q].line == s.line {
                end = self.src[q].off + self.src[q].len;
                q = next_char(&self.fs, q);
            }
            out.push_str(
                line.text
                    .get(s.off as usize..end as usize)
                    .unwrap_or_default(),
            );
            p = q;
        }
        out.trim().to_string()
    }
}

/// The offset after the character at `p`.
fn next_char(s: &str, p: usize) -> usize {
    p + s[p..].chars().next().map_or(1, char::len_utf8)
}

fn prev(s: &str, p: usize) -> usize {
    s[..p].chars().next_back().map_or(p, |c| p - c.len_utf8())
}

/// The first of `pats` found (in their order) between `from` and `to`.
fn find_any(s: &str, pats: &[&str], from: usize, to: usize) -> Option<usize> {
    pats.iter().find_map(|p| find(s, p, from, to))
}

fn find(s: &str, pat: &str, from: usize, to: usize) -> Option<usize> {
    let mut to = to.min(s.len());
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    if from >= to {
        return None;
    }
    s.get(from..to)?.find(pat).map(|i| from + i)
}

/// 表二 starts at its first caption (`第二十条第（一）项`) followed by the header over the
/// labels (`信息内容`).
fn t2_start(fs: &str) -> Option<usize> {
    let mut p = 0;
    while let Some(q) = find(fs, t2::CAPTION_START, p, fs.len()) {
        if find(fs, t2::HEADER_LABEL, q, (q + 48).min(fs.len())).is_some() {
            return Some(q);
        }
        p = q + 1;
    }
    find(fs, t2::HEADER_LABEL, 0, fs.len())
}

/// Does a cell value (not the numbering `1.` of the next label) start at `p`?
fn starts_value(fs: &str, p: usize) -> bool {
    let mut it = fs[p.min(fs.len())..].chars();
    match (it.next(), it.next()) {
        (Some(a), b) if a.is_ascii_digit() => !matches!(b, Some('.' | '、')),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// Locating rows and their digit runs

struct Located {
    spec: &'static RowSpec,
    /// Stream range of the label as written.
    label: (usize, usize),
    segs: Vec<Seg>,
}

/// Finds the rows of `specs` in order between `from` and `to`.
fn locate_rows(
    st: &Stream,
    specs: &[&'static RowSpec],
    from: usize,
    to: usize,
    table: Table,
    stops: &[&str],
) -> Vec<Located> {
    let fs = &st.fs;
    let mut out = Vec::new();
    let mut cursor = from;
    for (i, spec) in specs.iter().enumerate() {
        // Words that end this row's label when no number follows it (a blank row).
        let mut later: Vec<&str> = Vec::new();
        for s in &specs[i + 1..] {
            if !s.exact {
                later.extend_from_slice(s.keys);
            }
        }
        later.extend_from_slice(stops);
        let dash = spec.cols.iter().any(|c| c.kind == ColKind::Delta);
        let mut best: Option<(usize, usize, usize)> = None;
        for key in spec.keys {
            let mut p = cursor;
            while let Some(q) = find(fs, key, p, to) {
                if best.is_some_and(|b| b.0 <= q) {
                    break;
                }
                let ls = if table == Table::T3 {
                    marker_start(fs, q, cursor)
                } else {
                    t2_label_start(fs, spec, q + key.len(), cursor).unwrap_or(q)
                };
                let Some(le) = label_end(st, q + key.len(), to, &later, dash) else {
                    p = q + key.len();
                    continue;
                };
                if spec.exact && norm_label(&fs[ls..le]) != *key {
                    p = q + key.len();
                    continue;
                }
                best = Some((q, ls, le));
                break;
            }
        }
        let Some((_, ls, le)) = best else {
            continue;
        };
        let (segs, next) = extract_run(st, le, to, dash, table == Table::T2);
        out.push(Located {
            spec,
            label: (ls, le),
            segs,
        });
        cursor = next;
    }
    out
}

/// A 表二 caption row (`第二十条第（六）项`) whose rows are there but which is not: the rows
/// then sit under the previous caption (ROW-MISSING, a warning).
fn missing_captions(st: &Stream, located: &[Located], table: (usize, usize), out: &mut Recovered) {
    let mut seen: Vec<&GroupSpec> = Vec::new();
    for l in located {
        let Some(caption) = l.spec.group else {
            continue;
        };
        if seen.contains(&caption) {
            continue;
        }
        seen.push(caption);
        if find(&st.fs, &fold(caption.heading_zh), table.0, table.1).is_some() {
            continue;
        }
        out.notes.push(Note::CaptionMissing {
            table: Table::T2,
            caption,
            span: (l.label.0 < l.label.1).then(|| st.span(l.label.0, l.label.1)),
        });
    }
}

/// Where a 表三 label starts: its numbering (`1.`, `（一）`, `一、`) just before the keyword.
fn marker_start(fs: &str, q: usize, lo: usize) -> usize {
    let mut p = q;
    for _ in 0..16 {
        if p <= lo {
            break;
        }
        p = prev(fs, p);
        if marker_end(fs, p).is_some_and(|e| e <= q) {
            return p;
        }
    }
    q
}

/// The end of a numbering marker starting at `p`.
fn marker_end(fs: &str, p: usize) -> Option<usize> {
    let mut it = fs[p..].char_indices();
    let (_, c0) = it.next()?;
    let (i1, c1) = it.next()?;
    match c0 {
        '(' => {
            let (i2, c2) = it.next()?;
            ((cn_digit(c1).is_some() || c1.is_ascii_digit()) && c2 == ')').then_some(p + i2 + 1)
        }
        c if cn_digit(c).is_some() => (c1 == '、').then_some(p + i1 + c1.len_utf8()),
        c if c.is_ascii_digit() => matches!(c1, '.' | '、' | ')').then_some(p + i1 + c1.len_utf8()),
        _ => None,
    }
}

/// Where a 表二 label starts: the template label ending at the keyword's end
/// (`行政规范性文件` for the keyword `规范性文件`), if the text has it.
fn t2_label_start(fs: &str, spec: &RowSpec, key_end: usize, lo: usize) -> Option<usize> {
    let lab = fold(spec.label_zh);
    let start = key_end.checked_sub(lab.len())?;
    (start >= lo && fs.get(start..key_end) == Some(lab.as_str())).then_some(start)
}

/// Where a label that ends after `from` ends: at the first digit (a year such as `2019年`
/// inside an annotation excepted), or at the next row's keyword when no number follows.
/// `None` when no end is found nearby (the keyword was not a label), or when the line ends
/// first: numbers on another line than their label are a layout for the line reader, not
/// run-together cells.
fn label_end(st: &Stream, from: usize, to: usize, later: &[&str], dash: bool) -> Option<usize> {
    let fs = &st.fs;
    let line = st.src[prev(fs, from)].line;
    let mut p = from;
    for _ in 0..64 {
        if p >= to {
            return Some(to);
        }
        if st.src[p].line != line {
            return None;
        }
        let c = fs[p..].chars().next()?;
        if c.is_ascii_digit() {
            let e = fs[p..]
                .find(|x: char| !x.is_ascii_digit())
                .map_or(fs.len(), |i| p + i);
            if fs[e..].starts_with('年') {
                p = e;
                continue;
            }
            return Some(p);
        }
        if dash && c == '-' && fs[p + 1..].starts_with(|x: char| x.is_ascii_digit()) {
            return Some(p);
        }
        if p > from
            && later
                .iter()
                .any(|k| k.starts_with(c) && fs[p..].starts_with(k))
        {
            return Some(p);
        }
        p += c.len_utf8();
    }
    None
}

fn is_unit(c: char, seg: &Seg) -> bool {
    match seg.unit {
        0 => "件元个条项次人%万".contains(c),
        1 => seg.chars.last() == Some(&'万') && c == '元',
        _ => false,
    }
}

/// The digit run starting at `from`: its segments, and where the next label starts.
fn extract_run(st: &Stream, from: usize, to: usize, dash: bool, units: bool) -> (Vec<Seg>, usize) {
    let fs = &st.fs;
    let mut segs: Vec<Seg> = Vec::new();
    let mut cur = Seg::default();
    let mut p = from;
    let digit_at = |q: usize| fs[q..].starts_with(|x: char| x.is_ascii_digit());
    while p < to {
        let Some(c) = st.char_at(p) else { break };
        let cl = c.len_utf8();
        if c.is_ascii_digit() {
            if (st.brk[p] || cur.unit > 0) && !cur.chars.is_empty() {
                segs.push(std::mem::take(&mut cur));
            }
            cur.push(c, p);
        } else if c == '.'
            && cur.unit == 0
            && cur.chars.last().is_some_and(char::is_ascii_digit)
            && !st.brk[p]
            && p + 1 < to
            && digit_at(p + 1)
            && !st.brk[p + 1]
        {
            cur.push(c, p);
        } else if dash && c == '-' && p + 1 < to && digit_at(p + 1) {
            if !cur.chars.is_empty() {
                segs.push(std::mem::take(&mut cur));
            }
            cur.push(c, p);
        } else if units && !cur.chars.is_empty() && !st.brk[p] && is_unit(c, &cur) {
            cur.push(c, p);
            cur.unit += 1;
        } else {
            break;
        }
        p += cl;
    }
    if !cur.chars.is_empty() {
        segs.push(cur);
    }
    let mut next = p;
    // `…00000002.其他法律…`: the last digit numbers the next label.
    if p < to && matches!(st.char_at(p), Some('.' | '、')) {
        if let Some(last) = segs.last_mut() {
            if last.unit == 0 && last.chars.last().is_some_and(char::is_ascii_digit) {
                last.chars.pop();
                next = last.at.pop().unwrap_or(p);
                if last.chars.is_empty() {
                    segs.pop();
                }
            }
        }
    }
    // `… 0 2022年，…`: a year after a space starts the text, not a cell.
    if p < to && st.char_at(p) == Some('年') && segs.len() > 1 {
        if let Some(last) = segs.last() {
            if st.brk[last.at[0]] {
                next = last.at[0];
                segs.pop();
            }
        }
    }
    (segs, next)
}

/// 表四: the 15 numbers after the header words (`…尚未审结总计10203120001200000`).
fn locate_t4(st: &Stream, anchor: usize) -> Option<Work> {
    let fs = &st.fs;
    let start = fs[anchor..]
        .char_indices()
        .take(160)
        .find(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| anchor + i)?;
    // Only header words between the anchor and the numbers.
    let mut header = fs[anchor..start].to_string();
    for w in t4::header_words() {
        header = header.replace(w, "");
    }
    if !header.is_empty() {
        return None;
    }
    let (segs, _) = extract_run(st, start, fs.len(), false, false);
    if segs.is_empty() {
        return None;
    }
    let keys: Vec<CellKey> = t4::ROWS.iter().flat_map(RowSpec::cells).collect();
    Some(new_work(st, Table::T4, None, None, segs, keys))
}

// ---------------------------------------------------------------------------------------
// Candidates and resolution

/// One row being recovered.
struct Work {
    table: Table,
    /// The template row (`None` for 表四's data row).
    spec: Option<&'static RowSpec>,
    label: String,
    label_span: Span,
    keys: Vec<CellKey>,
    kinds: Vec<ColKind>,
    segs: Vec<Seg>,
    /// Stream range of the digit run.
    run: (usize, usize),
    /// The label was found but no number follows it.
    blank: bool,
    splits: Vec<Split>,
    /// More splits than [`split::CAP`] (or than the search allows).
    overflow: bool,
    /// The splits satisfy the row's own total (false: none did, all splits kept).
    constrained: bool,
    /// Which splits survive the table's identities (`None`: all).
    live: Option<Vec<bool>>,
    /// No combination satisfies the identities: only a row with a single split is read.
    fallback: bool,
}

impl Work {
    /// The splits still possible (all of them after a fallback).
    fn live(&self, all: bool) -> Vec<&Split> {
        let mut v = Vec::new();
        for (i, s) in self.splits.iter().enumerate() {
            if all || self.live.as_ref().is_none_or(|l| l[i]) {
                v.push(s);
            }
        }
        v
    }
}

fn works_of(st: &Stream, located: Vec<Located>) -> Vec<Work> {
    located
        .into_iter()
        .map(|l| {
            let keys = l.spec.cells().collect();
            new_work(st, l.spec.table, Some(l.spec), Some(l.label), l.segs, keys)
        })
        .collect()
}

fn new_work(
    st: &Stream,
    table: Table,
    spec: Option<&'static RowSpec>,
    label: Option<(usize, usize)>,
    segs: Vec<Seg>,
    keys: Vec<CellKey>,
) -> Work {
    let kinds = keys.iter().map(|k| k.kind()).collect();
    let run = match (segs.first(), segs.last()) {
        (Some(a), Some(b)) => (
            a.at[0],
            b.at[b.at.len() - 1] + b.chars[b.chars.len() - 1].len_utf8(),
        ),
        _ => label.map_or((0, 0), |l| (l.1, l.1)),
    };
    let (label, label_span) = match label {
        Some((a, b)) if a < b => (st.written(a, b), st.span(a, b)),
        _ if run.0 < run.1 => (String::new(), st.span(run.0, run.1)),
        _ => (String::new(), Span::default()),
    };
    Work {
        table,
        spec,
        label,
        label_span,
        keys,
        kinds,
        blank: segs.is_empty(),
        segs,
        run,
        splits: Vec::new(),
        overflow: false,
        constrained: true,
        live: None,
        fallback: false,
    }
}

fn enumerate(w: &mut Work, check: &dyn Fn(&[i128]) -> bool) -> Vec<Split> {
    if w.blank {
        return Vec::new();
    }
    match split::enumerate(&w.segs, &w.kinds, check) {
        Splits::All(v) => v,
        Splits::Overflow(v) => {
            w.overflow = true;
            v
        }
    }
}

/// Combines the 表三 rows under 一+二 = （七）+四 and （七） = Σ outcomes, column by column.
fn combine_t3(works: &mut [Work], single_f: bool) {
    let usable = |w: &Work| !w.blank && !w.overflow && !w.splits.is_empty();
    if works.iter().any(|w| usable(w) && !w.constrained) {
        // A row total fails under every split: the report is inconsistent.
        works.iter_mut().for_each(|w| w.fallback = true);
        return;
    }
    let idx = |k: RowId| {
        works
            .iter()
            .position(|w| w.spec.is_some_and(|s| s.id == k) && usable(w))
    };
    let outcomes: Vec<RowId> = t3::outcome_rows(single_f).map(|r| r.id).collect();
    let all = |ks: &[RowId]| ks.iter().map(|&k| idx(k)).collect::<Option<Vec<usize>>>();
    let mut idents = Vec::new();
    if let (Some(left), Some(right)) = (all(&[t3::R1, t3::R2]), all(&[t3::R3G, t3::R4])) {
        idents.push(solve::Identity { left, right });
    }
    if let (Some(left), Some(right)) = (all(&outcomes), all(&[t3::R3G])) {
        idents.push(solve::Identity { left, right });
    }
    let mut values: Vec<Vec<Vec<i128>>> = Vec::with_capacity(works.len());
    for w in works.iter() {
        let mut v = Vec::with_capacity(w.splits.len());
        for s in &w.splits {
            v.push(s.values.clone());
        }
        values.push(v);
    }
    // Rows that cannot take part (blank, overflowing) are outside every identity.
    match solve::solve(&rows_or_dummy(&values, works), &idents) {
        solve::Solved::Used(used) => {
            for (w, u) in works.iter_mut().zip(used) {
                if usable(w) {
                    w.live = Some(u);
                }
            }
        }
        solve::Solved::None | solve::Solved::TooMany => {
            for w in works.iter_mut() {
                w.fallback = true;
            }
        }
    }
}

/// The solver needs a candidate for every row; rows outside the identities get a dummy.
fn rows_or_dummy<'a>(rows: &'a [Vec<Vec<i128>>], works: &[Work]) -> Vec<&'a [Vec<i128>]> {
    static DUMMY: [Vec<i128>; 1] = [Vec::new()];
    let mut v: Vec<&[Vec<i128>]> = Vec::with_capacity(rows.len());
    for (r, w) in rows.iter().zip(works) {
        v.push(if r.is_empty() || w.overflow {
            &DUMMY[..]
        } else {
            r
        });
    }
    v
}

/// Numbers the report states in its text about a 表二 row (`现行有效行政规范性文件698件`,
/// `本年度制发的规范性文件88件`) keep only the splits that agree with them.
fn text_facts(st: &Stream, w: &mut Work, table: (usize, usize)) {
    let Some(spec) = w.spec else {
        return;
    };
    // Words of the other rows (of both formats) that are not part of this row's own words.
    let other_rows: Vec<&str> = t2::ROWS
        .iter()
        .filter(|r| r.key != spec.key)
        .flat_map(|r| r.keys.iter().copied())
        .filter(|k| {
            !spec
                .keys
                .iter()
                .any(|own| own.contains(k) || k.contains(own))
        })
        .collect();
    let fs = &st.fs;
    let is_delim = |c: char| matches!(c, ',' | '。' | ';' | ':' | '!' | '?');
    let mut facts: Vec<(usize, String)> = Vec::new();
    let mut clauses: Vec<(usize, usize)> = Vec::new();
    for key in spec.keys {
        let mut p = 0;
        while let Some(q) = find(fs, key, p, fs.len()) {
            p = q + key.len();
            if (table.0..table.1).contains(&q) {
                p = p.max(table.1);
                continue;
            }
            // The clause around the keyword, outside the table.
            let mut a = fs[..q].rfind(is_delim).map_or(0, |i| next_char(fs, i));
            let mut b = fs[q..].find(is_delim).map_or(fs.len(), |i| q + i);
            if q < table.0 {
                b = b.min(table.0);
            } else {
                a = a.max(table.1);
            }
            if clauses.contains(&(a, b)) {
                continue;
            }
            clauses.push((a, b));
            let clause = &fs[a..b];
            if other_rows.iter().any(|k| clause.contains(k)) {
                continue;
            }
            let mut cols: Vec<usize> = Vec::new();
            for (i, c) in spec.cols.iter().enumerate() {
                if c.words.iter().any(|x| clause.contains(x)) {
                    cols.push(i);
                }
            }
            let [col] = cols[..] else { continue };
            if let [n] = counts_in(clause)[..] {
                facts.push((col, n.to_string()));
            }
        }
    }
    if facts.is_empty() {
        return;
    }
    let mut keep = Vec::with_capacity(w.splits.len());
    for s in &w.splits {
        keep.push(
            facts
                .iter()
                .all(|(c, n)| split::piece_text(&w.segs, s.pieces[*c]) == *n),
        );
    }
    if keep.iter().any(|k| *k) {
        w.live = Some(keep);
    }
}

/// The numbers followed by `件` in a clause.
fn counts_in(clause: &str) -> Vec<&str> {
    let b = clause.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if clause[i..].starts_with('件') {
                out.push(&clause[s..i]);
            }
        } else {
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Output

fn emit(st: &Stream, works: Vec<Work>, out: &mut Recovered) {
    for w in works {
        match w.spec {
            // 表四's data row: every group.
            None => out.rows.extend(t4::ROWS.iter().map(|g| RowRead {
                table: Table::T4,
                row: g.id,
                label: String::new(),
                span: w.label_span,
            })),
            Some(spec) => out.rows.push(RowRead {
                table: w.table,
                row: spec.id,
                label: w.label.clone(),
                span: w.label_span,
            }),
        }
        if w.blank {
            for &k in &w.keys {
                out.cells.push(Cell {
                    key: k,
                    value: CellValue::Blank,
                    raw: String::new(),
                    span: None,
                });
            }
            continue;
        }
        let live = w.live(w.fallback);
        let readable = !w.overflow && !live.is_empty() && (!w.fallback || live.len() == 1);
        let mut ambiguous = Vec::new();
        for (i, &key) in w.keys.iter().enumerate() {
            let first = readable.then(|| live[0].pieces[i]);
            let text = first.map(|p| split::piece_text(&w.segs, p));
            let agreed = first.is_some()
                && live
                    .iter()
                    .all(|s| Some(split::piece_text(&w.segs, s.pieces[i])) == text);
            match (first, text) {
                (Some(p), Some(_)) if agreed => out.cells.push(cell(st, &w, key, p, &live, i)),
                _ => ambiguous.push(key),
            }
        }
        if !ambiguous.is_empty() {
            out.notes.push(ambiguity(st, &w, &live, ambiguous));
        }
    }
}

fn cell(st: &Stream, w: &Work, key: CellKey, p: Piece, live: &[&Split], i: usize) -> Cell {
    let (a, b) = split::piece_range(&w.segs, p);
    let raw = st.written(a, b);
    // Where the splits agree on the value but not on its place, point at the whole run.
    let same_place = live.iter().all(|s| s.pieces[i] == p);
    let span = if same_place {
        st.span(a, b)
    } else {
        st.span(w.run.0, w.run.1)
    };
    Cell {
        key,
        value: classify(&raw),
        raw,
        span: Some(span),
    }
}

fn ambiguity(st: &Stream, w: &Work, live: &[&Split], cells: Vec<CellKey>) -> Note {
    let raw = if w.run.0 < w.run.1 {
        st.written(w.run.0, w.run.1)
    } else {
        String::new()
    };
    let count = match (w.overflow, live.len() < split::CAP) {
        (false, _) => CandidateCount::All,
        // The search stopped before finding them all.
        (true, true) => CandidateCount::Stopped,
        (true, false) => CandidateCount::MoreThan(split::CAP),
    };
    let candidates = live
        .iter()
        .map(|s| {
            s.pieces
                .iter()
                .map(|p| split::piece_text(&w.segs, *p))
                .collect()
        })
        .collect();
    Note::Ambiguous {
        table: w.table,
        row: w.spec.map(|s| s.id),
        label: w.label.clone(),
        raw,
        candidates,
        count,
        cells,
        span: (w.run.0 < w.run.1).then(|| st.span(w.run.0, w.run.1)),
    }
}
