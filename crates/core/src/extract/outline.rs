//! The report's outline: its top-level sections (by their headings, on their own lines or
//! inside run-together page text) and the format it follows.

use crate::format::{self, t3, Table};
use crate::model::{DetectedFormat, RowRead, Section, Span};
use crate::extract::{lead_ws, Line};
use crate::text::{fold, split_numbering, trim_wide, Numbering};
use std::borrow::Cow;

/// The format of a report: from the 表二 header words (`has_2021`, `has_2019`), the 表三 rows
/// read, the headings of the structure before 2019 and the year.
pub(crate) fn detect_format(
    has_2021: bool,
    has_2019: bool,
    rows: &[RowRead],
    folded_all: &str,
    year: Option<u32>,
) -> DetectedFormat {
    let has = |k: format::RowId| rows.iter().any(|r| r.table == Table::T3 && r.row == k);
    let t3_2021 = t3::R3F_2021.into_iter().any(has);
    let t3_2019 = has(t3::R3F);
    let any_table = rows.iter().any(|r| r.table != Table::T4);
    // The 2019 trial format applies from the 2019 reports on: an earlier report is pre-2019
    // whatever words its old statistics table shares with the new ones.
    if year.is_some_and(|y| y <= 2018) && !has(t3::R3G) {
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
    let pre = format::sections::PRE2019_MARKERS
        .iter()
        .filter(|m| folded_all.contains(*m))
        .count();
    if !any_table && (pre > 0 || year.is_some_and(|y| y <= 2018)) {
        return DetectedFormat::Pre2019;
    }
    DetectedFormat::Unknown
}

/// Top-level section headings, by keyword, in input order.
pub(crate) fn find_sections(ls: &[Line], folded: &[Cow<str>], len: usize) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    for (line, f) in ls.iter().zip(folded) {
        let t = trim_wide(&line.text);
        if t.is_empty() || f.chars().count() > 60 {
            continue;
        }
        if line.tabbed && line.toks.iter().filter(|x| !x.text.is_empty()).count() > 1 {
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
        let Some(spec) = format::sections::heading(rest) else {
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
        // In order of position, ties in the order found: `(start, index)` pairs.
        let mut order: Vec<(usize, usize)> = found.iter().map(|s| s.span.start).zip(0..).collect();
        order.sort_unstable();
        let mut taken: Vec<Option<Section>> = found.into_iter().map(Some).collect();
        found = order.iter().filter_map(|&(_, i)| taken[i].take()).collect();
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
            let Some(spec) = format::sections::heading(&rest) else {
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
