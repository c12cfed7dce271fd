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

mod solve;
mod split;

use crate::cell::classify;
use crate::finding::{Finding, Outcome, Param};
use crate::format::{self, ColKind, RowSpec};
use crate::model::{Cell, CellValue, DetectedFormat, RowRead, Span};
use crate::read::Line;
use crate::rules::ids;
use crate::text::{cn_digit, fold, fold_char, norm_label};
use split::{Piece, Seg, Split, Splits};

/// What was recovered for the tables the line reader could not read.
#[derive(Debug, Default)]
pub struct Recovered {
    pub rows: Vec<RowRead>,
    pub cells: Vec<Cell>,
    pub findings: Vec<Finding>,
}

/// Recovers the tables in `missing` (`"T2"`, `"T3"`, `"T4"`) from concatenated page text.
/// `folded` holds [`crate::text::fold`]ed line texts (or the raw text for long lines).
pub fn recover(
    lines: &[Line],
    _folded: &[&str],
    format: DetectedFormat,
    missing: &[&'static str],
) -> Recovered {
    let mut out = Recovered::default();
    if missing.is_empty() {
        return out;
    }
    let st = Stream::new(lines);
    let len = st.fs.len();
    let t2 = t2_start(&st.fs);
    let mut t3 = None;
    for k in "勾稽关系 申请人情况".split(' ') {
        if let Some(p) = find(&st.fs, k, t2.unwrap_or(0), len) {
            t3 = Some(t3.map_or(p, |q: usize| q.min(p)));
        }
    }
    let t3 = t3.or_else(|| find(&st.fs, "本年新收", t2.unwrap_or(0), len));
    let t4 = find(&st.fs, "结果维持", t3.or(t2).unwrap_or(0), len);

    if let Some(from) = t2.filter(|_| missing.contains(&"T2")) {
        let to = t3.or(t4).unwrap_or(len);
        let mut specs: Vec<&'static RowSpec> = Vec::new();
        for r in format::t2_rows(format) {
            specs.push(r);
        }
        let located = locate_rows(&st, &specs, from, to, "T2", &["第二十条", "信息内容"]);
        missing_captions(&st, &located, (from, to), &mut out);
        let mut works = works_of(&st, "T2", located);
        for w in &mut works {
            w.splits = enumerate(w, &|_| true);
            if w.live(false).len() > 1 {
                text_facts(&st, w, (from, to));
            }
        }
        emit(&st, works, &mut out);
    }

    if let Some(from) = t3.filter(|_| missing.contains(&"T3")) {
        let to = t4.unwrap_or(len);
        // 2021 splits （六）其他处理 into three rows; 2019 (and mixed reports) keep one row with
        // its own numbers right after the label.
        let single_f = match find(&st.fs, "其他处理", from, to) {
            Some(q) => starts_value(&st.fs, q + "其他处理".len()),
            None => matches!(format, DetectedFormat::F2019 | DetectedFormat::Mixed),
        };
        let specs = format::t3_rows(if single_f {
            DetectedFormat::F2019
        } else {
            DetectedFormat::F2021
        });
        let stops: &[&str] = &[
            "本年度办理结果",
            "不予公开",
            "无法提供",
            "不予处理",
            "其他处理",
        ];
        let located = locate_rows(&st, &specs, from, to, "T3", stops);
        let mut works = works_of(&st, "T3", located);
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

    if let Some(anchor) = t4.filter(|_| missing.contains(&"T4")) {
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

/// 表二 starts at its first caption `第二十条第（一）项` followed by `信息内容`.
fn t2_start(fs: &str) -> Option<usize> {
    let mut p = 0;
    while let Some(q) = find(fs, "第二十条第", p, fs.len()) {
        if find(fs, "信息内容", q, (q + 48).min(fs.len())).is_some() {
            return Some(q);
        }
        p = q + 1;
    }
    find(fs, "信息内容", 0, fs.len())
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
    table: &str,
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
                let ls = if table == "T3" {
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
        let (segs, next) = extract_run(st, le, to, dash, table == "T2");
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
    let mut seen: Vec<&str> = Vec::new();
    for l in located {
        let Some(caption) = l.spec.group else {
            continue;
        };
        if seen.contains(&caption) {
            continue;
        }
        seen.push(caption);
        if find(&st.fs, &fold(caption), table.0, table.1).is_some() {
            continue;
        }
        let mut f = Finding::new(ids::ROW_MISSING, Outcome::Fail);
        let (tz, te) = format::table_name("T2");
        f.params.push(Param::two("table", tz, te));
        f.params
            .push(Param::two("row", caption, format!("{caption} (caption)")));
        f.span = (l.label.0 < l.label.1).then(|| st.span(l.label.0, l.label.1));
        out.findings.push(f);
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
    let mut header = fs[anchor..start].to_string();
    for w in
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 行政复议 行政诉讼"
            .split(' ')
    {
        header = header.replace(w, "");
    }
    if !header.is_empty() {
        return None;
    }
    let (segs, _) = extract_run(st, start, fs.len(), false, false);
    if segs.is_empty() {
        return None;
    }
    let mut keys = Vec::new();
    let mut kinds = Vec::new();
    for g in format::T4_GROUPS {
        for c in g.cols {
            keys.push(format::key("T4", g.key, c.key));
            kinds.push(c.kind);
        }
    }
    Some(new_work(st, "T4", None, None, segs, keys, kinds))
}

// ---------------------------------------------------------------------------------------
// Candidates and resolution

/// One row being recovered.
struct Work {
    table: &'static str,
    row: &'static str,
    /// The template row (`None` for 表四's data row).
    spec: Option<&'static RowSpec>,
    label: String,
    label_span: Span,
    keys: Vec<String>,
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

fn works_of(st: &Stream, table: &'static str, located: Vec<Located>) -> Vec<Work> {
    let mut v = Vec::with_capacity(located.len());
    for l in located {
        v.push(work(st, table, l));
    }
    v
}

fn work(st: &Stream, table: &'static str, l: Located) -> Work {
    let mut keys = Vec::new();
    let mut kinds = Vec::new();
    for c in l.spec.cols {
        keys.push(match table {
            "T2" => format::t2_key(l.spec, c),
            _ => format::key(table, l.spec.key, c.key),
        });
        kinds.push(c.kind);
    }
    new_work(st, table, Some(l.spec), Some(l.label), l.segs, keys, kinds)
}

fn new_work(
    st: &Stream,
    table: &'static str,
    spec: Option<&'static RowSpec>,
    label: Option<(usize, usize)>,
    segs: Vec<Seg>,
    keys: Vec<String>,
    kinds: Vec<ColKind>,
) -> Work {
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
        row: spec.map_or("", |s| s.key),
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
    let idx = |k: &str| works.iter().position(|w| w.row == k && usable(w));
    let outcomes = if single_f {
        format::T3_OUTCOMES_2019
    } else {
        format::T3_OUTCOMES_2021
    };
    let all = |ks: &[&str]| -> Option<Vec<usize>> {
        let mut v = Vec::new();
        for k in ks {
            v.push(idx(k)?);
        }
        Some(v)
    };
    let mut idents = Vec::new();
    if let (Some(left), Some(right)) = (all(&["R1", "R2"]), all(&["R3g", "R4"])) {
        idents.push(solve::Identity { left, right });
    }
    if let (Some(left), Some(right)) = (all(outcomes), all(&["R3g"])) {
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
    let mut other_rows: Vec<&str> = Vec::new();
    for rows in [format::T2_ROWS, format::T2_ROWS_2019] {
        for r in rows {
            if r.key == spec.key {
                continue;
            }
            for &k in r.keys {
                if !spec
                    .keys
                    .iter()
                    .any(|own| own.contains(k) || k.contains(own))
                {
                    other_rows.push(k);
                }
            }
        }
    }
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
                if col_words(c.key).iter().any(|x| clause.contains(x)) {
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

/// Words in the report's text that name a 表二 column.
fn col_words(col: &str) -> &'static [&'static str] {
    match col {
        "made" => &["制发"],
        "repealed" => &["废止"],
        "valid" => &["现行有效"],
        "new_made" => &["新制作"],
        "new_published" => &["新公开"],
        "total_published" => &["公开总数", "对外公开总"],
        "prev" => &["上一年"],
        "decisions" => &["处理决定"],
        _ => &[],
    }
}

// ---------------------------------------------------------------------------------------
// Output

fn emit(st: &Stream, works: Vec<Work>, out: &mut Recovered) {
    for w in works {
        if w.table == "T4" {
            for g in format::T4_GROUPS {
                out.rows.push(RowRead {
                    table: "T4",
                    key: g.key,
                    label: String::new(),
                    span: w.label_span,
                });
            }
        } else {
            out.rows.push(RowRead {
                table: w.table,
                key: w.row,
                label: w.label.clone(),
                span: w.label_span,
            });
        }
        if w.blank {
            for k in &w.keys {
                out.cells.push(Cell {
                    key: k.clone(),
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
        for (i, key) in w.keys.iter().enumerate() {
            let first = readable.then(|| live[0].pieces[i]);
            let text = first.map(|p| split::piece_text(&w.segs, p));
            let agreed = first.is_some()
                && live
                    .iter()
                    .all(|s| Some(split::piece_text(&w.segs, s.pieces[i])) == text);
            match (first, text) {
                (Some(p), Some(_)) if agreed => out.cells.push(cell(st, &w, key, p, &live, i)),
                _ => ambiguous.push(key.clone()),
            }
        }
        if !ambiguous.is_empty() {
            out.findings.push(ambiguity(st, &w, &live, ambiguous));
        }
    }
}

fn cell(st: &Stream, w: &Work, key: &str, p: Piece, live: &[&Split], i: usize) -> Cell {
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
        key: key.to_string(),
        value: classify(&raw),
        raw,
        span: Some(span),
    }
}

fn ambiguity(st: &Stream, w: &Work, live: &[&Split], cells: Vec<String>) -> Finding {
    let mut f = Finding::new(ids::CELLS_AMBIGUOUS, Outcome::Fail);
    let (tz, te) = format::table_name(w.table);
    f.params.push(Param::two("table", tz, te));
    if w.table == "T4" {
        f.params.push(Param::two("row", "数据行", "data row"));
    } else {
        let en = w.spec.map_or(w.label.as_str(), |s| s.label_en);
        f.params.push(Param::two("row", w.label.clone(), en));
    }
    let raw = if w.run.0 < w.run.1 {
        st.written(w.run.0, w.run.1)
    } else {
        String::new()
    };
    f.params.push(Param::same("raw", raw));
    if w.overflow && live.len() < split::CAP {
        // The search stopped before finding them all.
        f.params.push(Param::two("n", "许多", "many"));
    } else if w.overflow {
        f.params.push(Param::two(
            "n",
            format!("超过{}", split::CAP),
            format!("more than {}", split::CAP),
        ));
    } else {
        f.params.push(Param::same("n", live.len().to_string()));
    }
    const SHOWN: usize = 4;
    let mut shown: Vec<String> = Vec::new();
    for s in live.iter().take(SHOWN) {
        let mut t = String::new();
        for (k, p) in s.pieces.iter().enumerate() {
            if k > 0 {
                t.push('/');
            }
            t.push_str(&split::piece_text(&w.segs, *p));
        }
        shown.push(t);
    }
    let more = if live.len() > SHOWN || w.overflow {
        " …"
    } else {
        ""
    };
    if shown.is_empty() {
        f.params.push(Param::two("candidates", "（无）", "(none)"));
    } else {
        f.params.push(Param::two(
            "candidates",
            format!("{}{more}", shown.join("；")),
            format!("{}{more}", shown.join("; ")),
        ));
    }
    f.cells = cells;
    f.span = (w.run.0 < w.run.1).then(|| st.span(w.run.0, w.run.1));
    f
}
