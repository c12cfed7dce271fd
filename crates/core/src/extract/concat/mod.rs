//! Concatenated cells: page text where table cells ran together with no separator
//! (`一、本年新收政府信息公开申请数量640020470二、上年结转…`).
//!
//! The extraction's second strategy: called for the tables whose header words are there but
//! of which the table readers read no row. It reads the [`Line`]s and returns what it
//! recovered ([`Recovered`]); it knows nothing of the table readers or the report builder.
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
//!
//! **Work budget.** The search is bounded by steps, not by time (the core has no clock): one
//! document's recovery may take [`BUDGET`] steps (a cell tried in a split, a combination tried
//! by the solver), one row at most 200 000 of them, one solve 50 000. A row whose search runs
//! out, or that comes after the budget is spent, is not read: it is a [`Note::Ambiguous`] whose
//! count is [`CandidateCount::Stopped`] (CELLS-AMBIGUOUS: the search stopped before it found
//! every split), with the splits found so far. A cell is at most 32 characters, so a run far
//! longer than its row's cells is refused at once.

mod locate;
mod solve;
mod split;
mod stream;

use super::cell::classify;
use super::lines::Line;
use crate::format::{self, t2, t3, t4, CellKey, ColKind, RowId, RowSpec, Table};
use crate::model::{CandidateCount, Cell, CellValue, DetectedFormat, Note, RowRead, Span};
use locate::{locate_rows, locate_t4, missing_captions, Located};
use split::{Piece, Seg, Split, Splits};
use stream::{find, find_any, next_char, starts_value, t2_start, Stream};

/// What was recovered for the tables the line reader could not read.
#[derive(Debug, Default)]
pub(super) struct Recovered {
    pub rows: Vec<RowRead>,
    pub cells: Vec<Cell>,
    pub notes: Vec<Note>,
}

/// Search steps one document's recovery may take (all tables, all rows, the solver).
pub(super) const BUDGET: usize = 1_000_000;

/// The search steps left for a document's recovery.
#[derive(Debug)]
pub(super) struct Budget {
    left: usize,
}

impl Budget {
    pub(super) fn new() -> Budget {
        Budget { left: BUDGET }
    }

    fn spend(&mut self, steps: usize) {
        self.left = self.left.saturating_sub(steps);
    }
}

/// Recovers the tables in `missing` from concatenated page text.
pub(super) fn recover(lines: &[Line], format: DetectedFormat, missing: &[Table]) -> Recovered {
    let budget = &mut Budget::new();
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
        recover_t2(&st, format, (from, to), &mut out, budget);
    }
    if let Some(from) = t3_start.filter(|_| missing.contains(&Table::T3)) {
        let table = (from, t4_start.unwrap_or(len));
        recover_t3(&st, format, table, &mut out, budget);
    }
    if let Some(anchor) = t4_start.filter(|_| missing.contains(&Table::T4)) {
        recover_t4(&st, anchor, &mut out, budget);
    }
    out
}

/// 表二 between the stream offsets `table`: every split a row allows, narrowed by the
/// numbers the report's own text states about the row.
fn recover_t2(
    st: &Stream,
    format: DetectedFormat,
    table: (usize, usize),
    out: &mut Recovered,
    budget: &mut Budget,
) {
    let specs: Vec<&'static RowSpec> = format::t2_rows(format).iter().collect();
    let stops: Vec<&str> = t2::TABLE
        .region
        .any
        .iter()
        .copied()
        .chain([t2::HEADER_LABEL])
        .collect();
    let located = locate_rows(st, &specs, table.0, table.1, Table::T2, &stops);
    missing_captions(st, &located, table, out);
    let mut works = works_of(st, located);
    for w in &mut works {
        w.splits = enumerate(w, &|_| true, budget);
        if w.live(false).len() > 1 {
            text_facts(st, w, table);
        }
    }
    emit(st, works, out);
}

/// 表三 between the stream offsets `table`: the splits that satisfy each row's total,
/// combined under the column identities.
fn recover_t3(
    st: &Stream,
    format: DetectedFormat,
    table: (usize, usize),
    out: &mut Recovered,
    budget: &mut Budget,
) {
    let (from, to) = table;
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
    let located = locate_rows(st, &specs, from, to, Table::T3, &stops);
    let mut works = works_of(st, located);
    let row_total = |v: &[i128]| v.len() < 7 || v[..6].iter().sum::<i128>() == v[6];
    for w in &mut works {
        w.splits = enumerate(w, &row_total, budget);
        if w.splits.is_empty() && !w.overflow && !w.blank {
            // No split satisfies the row total: the row itself is wrong. Keep every split
            // (a unique one is still read, and its error reported by the rules).
            w.splits = enumerate(w, &|_| true, budget);
            w.constrained = false;
        }
    }
    combine_t3(&mut works, single_f, budget);
    emit(st, works, out);
}

/// 表四 after its first column's header: the splits whose group totals hold.
fn recover_t4(st: &Stream, anchor: usize, out: &mut Recovered, budget: &mut Budget) {
    let Some(mut w) = locate_t4(st, anchor) else {
        return;
    };
    let totals = |v: &[i128]| {
        v.is_empty()
            || !v.len().is_multiple_of(5)
            || v[v.len() - 5..v.len() - 1].iter().sum::<i128>() == v[v.len() - 1]
    };
    w.splits = enumerate(&mut w, &totals, budget);
    if w.splits.is_empty() && !w.overflow {
        w.splits = enumerate(&mut w, &|_| true, budget);
        w.constrained = false;
        w.fallback = true;
    }
    emit(st, vec![w], out);
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

fn enumerate(w: &mut Work, check: &dyn Fn(&[i128]) -> bool, budget: &mut Budget) -> Vec<Split> {
    if w.blank {
        return Vec::new();
    }
    match split::enumerate(&w.segs, &w.kinds, check, budget) {
        Splits::All(v) => v,
        Splits::Overflow(v) => {
            w.overflow = true;
            v
        }
    }
}

/// Combines the 表三 rows under 一+二 = （七）+四 and （七） = Σ outcomes, column by column.
fn combine_t3(works: &mut [Work], single_f: bool, budget: &mut Budget) {
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
    match solve::solve(&rows_or_dummy(&values, works), &idents, budget) {
        solve::Solved::Used(used) => {
            for (w, u) in works.iter_mut().zip(used) {
                if usable(w) {
                    w.live = Some(u);
                }
            }
        }
        solve::Solved::None => {
            for w in works.iter_mut() {
                w.fallback = true;
            }
        }
        solve::Solved::TooMany => {
            // The search stopped: rows of several splits stay unread, as stopped searches.
            for w in works.iter_mut() {
                w.fallback = true;
                w.overflow |= w.splits.len() > 1;
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
