//! Locating a table's rows in the stream by their label keywords, and the digit run after
//! each label.

use super::split::Seg;
use super::stream::{find, prev, Stream};
use super::{new_work, Recovered, Work};
use crate::format::{t4, CellKey, ColKind, GroupSpec, RowSpec, Table};
use crate::model::Note;
use crate::text::{cn_digit, fold, norm_label};

pub(super) struct Located {
    pub(super) spec: &'static RowSpec,
    /// Stream range of the label as written.
    pub(super) label: (usize, usize),
    pub(super) segs: Vec<Seg>,
}

/// Finds the rows of `specs` in order between `from` and `to`.
pub(super) fn locate_rows(
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
pub(super) fn missing_captions(
    st: &Stream,
    located: &[Located],
    table: (usize, usize),
    out: &mut Recovered,
) {
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
pub(super) fn marker_start(fs: &str, q: usize, lo: usize) -> usize {
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
pub(super) fn marker_end(fs: &str, p: usize) -> Option<usize> {
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
pub(super) fn t2_label_start(fs: &str, spec: &RowSpec, key_end: usize, lo: usize) -> Option<usize> {
    let lab = fold(spec.label_zh);
    let start = key_end.checked_sub(lab.len())?;
    (start >= lo && fs.get(start..key_end) == Some(lab.as_str())).then_some(start)
}

/// Where a label that ends after `from` ends: at the first digit (a year such as `2019年`
/// inside an annotation excepted), or at the next row's keyword when no number follows.
/// `None` when no end is found nearby (the keyword was not a label), or when the line ends
/// first: numbers on another line than their label are a layout for the line reader, not
/// run-together cells.
pub(super) fn label_end(
    st: &Stream,
    from: usize,
    to: usize,
    later: &[&str],
    dash: bool,
) -> Option<usize> {
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

pub(super) fn is_unit(c: char, seg: &Seg) -> bool {
    match seg.unit {
        0 => "件元个条项次人%万".contains(c),
        1 => seg.chars.last() == Some(&'万') && c == '元',
        _ => false,
    }
}

/// The digit run starting at `from`: its segments, and where the next label starts.
pub(super) fn extract_run(
    st: &Stream,
    from: usize,
    to: usize,
    dash: bool,
    units: bool,
) -> (Vec<Seg>, usize) {
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
pub(super) fn locate_t4(st: &Stream, anchor: usize) -> Option<Work> {
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
