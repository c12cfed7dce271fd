//! The report's statements compared with its tables: the fee statement of section 六, and
//! counts in the prose that contradict 表三 and 表四 (TEXT-TABLE-MISMATCH).

use super::{excerpt, find_all, in_spans, int_of, section_spans};
use crate::finding::{Finding, Outcome, Param};
use crate::format::{t3, t4, CellKey, RowId, Table};
use crate::model::{CellValue, Report, Span};
use crate::rules::ids;
use crate::text::fold;

pub(super) fn fee_statement(report: &Report, text: &str, out: &mut Vec<Finding>) {
    if report.year.is_none_or(|y| y < 2021) {
        return;
    }
    let Some(s6) = report.section(6) else { return };
    let body = text.get(s6.span.start..s6.span.end).unwrap_or("");
    let f = fold(body);
    // "未收取信息处理费", "收取信息处理费0元", "未发生收费情况": any statement on fees counts.
    let states_fees =
        f.contains("处理费") || f.contains("收费") || (f.contains("收取") && f.contains('费'));
    if !states_fees {
        let mut f = Finding::new(ids::FEE_STATEMENT_MISSING, Outcome::Fail);
        f.span = Some(s6.heading_span);
        out.push(f);
    }
}

/// Unambiguous statements about applications and cases, compared with 表三/表四.
/// A TEXT-TABLE-MISMATCH finding: the text `found` contradicts `what` in `table`, which is `actual`.
fn mismatch(
    table: Table,
    span: Span,
    found: String,
    what: (String, String),
    actual: i64,
    cells: Vec<CellKey>,
) -> Finding {
    let mut f = Finding::new(ids::TEXT_TABLE_MISMATCH, Outcome::Fail);
    let (tz, te) = table.title();
    f.params.push(Param::same("found", found));
    f.params.push(Param::two("table", tz, te));
    f.params.push(Param::two("what", what.0, what.1));
    f.params.push(Param::same("actual", actual.to_string()));
    f.cells = cells;
    f.span = Some(span);
    f
}

pub(super) fn table_mismatch(report: &Report, text: &str, out: &mut Vec<Finding>) {
    let num = |k: CellKey| int_of(report, k);
    let mut push = |span: Span,
                    found: String,
                    what: (&str, &str),
                    actual: i64,
                    cells: Vec<CellKey>,
                    table: Table| {
        out.push(mismatch(
            table,
            span,
            found,
            (what.0.into(), what.1.into()),
            actual,
            cells,
        ));
    };
    // Prose only: section 1 and section 3 text before its table.
    let scopes = section_spans(report, &[1, 3]);
    let in_scope = |i: usize| in_spans(&scopes, i);
    let (r1_key, r2_key) = (t3::cell(t3::R1, t3::TOTAL), t3::cell(t3::R2, t3::TOTAL));
    let r1 = num(r1_key);
    let r2 = num(r2_key);
    for pat in [
        "未收到政府信息公开申请",
        "没有收到政府信息公开申请",
        "未收到依申请公开",
    ] {
        for i in find_all(text, pat) {
            if let (true, Some(r1)) = (in_scope(i), r1) {
                if r1 > 0 {
                    push(
                        Span::new(i, i + pat.len()),
                        pat.to_string(),
                        ("本年新收申请（总计）", "new applications (total)"),
                        r1,
                        vec![r1_key],
                        Table::T3,
                    );
                }
            }
        }
    }
    // "收到/受理…申请 N 件": N must be 本年新收 or 本年新收 + 上年结转.
    if let Some(r1) = r1 {
        for i in find_all(text, "申请") {
            if !in_scope(i) {
                continue;
            }
            let before_start = text[..i].char_indices().rev().nth(15).map_or(0, |(p, _)| p);
            let before = &text[before_start..i];
            if !(before.contains("收到") || before.contains("受理"))
                || before.contains("办结")
                || before.contains('。')
            {
                continue;
            }
            let Some((n, _, end)) = count_at(text, i + "申请".len(), 3, "共计数量总") else {
                continue;
            };
            // The statement from its verb to 件: 受理政府信息公开申请17件.
            let verb = before.rfind("收到").max(before.rfind("受理"));
            let from = before_start + verb.unwrap_or(0);
            let ok = n == r1 || r2.is_some_and(|r2| n == r1 + r2);
            if !ok {
                push(
                    Span::new(from, end),
                    excerpt(text, from, end, 0, 0),
                    ("本年新收申请（总计）", "new applications (total)"),
                    r1,
                    vec![r1_key, r2_key],
                    Table::T3,
                );
            }
        }
    }
    let mut t4_sum = 0;
    let mut t4_any = false;
    let t4_totals: Vec<CellKey> = t4::ROWS.iter().map(|g| g.cell(t4::TOTAL)).collect();
    for &total in &t4_totals {
        if let Some(t) = num(total) {
            t4_sum += t;
            t4_any |= t > 0;
        }
    }
    if t4_any {
        for pat in [
            "未发生政府信息公开行政复议",
            "未发生行政复议",
            "没有发生行政复议",
            "未发生因政府信息公开申请行政复议",
        ] {
            for i in find_all(text, pat) {
                if in_scope(i)
                    || report
                        .section(4)
                        .is_some_and(|s| s.span.start <= i && i < s.span.end)
                {
                    push(
                        Span::new(i, i + pat.len()),
                        excerpt(text, i, i + pat.len(), 0, 8),
                        (
                            "行政复议、行政诉讼总计",
                            "reconsideration and litigation totals",
                        ),
                        t4_sum,
                        t4_totals.clone(),
                        Table::T4,
                    );
                }
            }
        }
    }
    categories(report, text, &scopes, out);
    upheld(report, text, &scopes, out);
}

/// "行政复议 N 件，诉讼 M 件，均获维持": every case upheld, while 表四 shows cases corrected,
/// otherwise decided or still pending.
pub(super) fn upheld(report: &Report, text: &str, scopes: &[Span], out: &mut Vec<Finding>) {
    let num = |k: CellKey| int_of(report, k);
    let in_scope = |i: usize| {
        in_spans(scopes, i)
            || report
                .section(4)
                .is_some_and(|s| s.span.start <= i && i < s.span.end)
    };
    for pat in ["均获维持", "均被维持", "全部维持", "均予维持", "均维持"] {
        for i in find_all(text, pat) {
            if !in_scope(i) {
                continue;
            }
            // The sentence the claim belongs to, back to the previous full stop.
            let start = text[..i].rfind(['。', '\n']).map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
            let sentence = &text[start..i];
            if !(sentence.contains("复议") || sentence.contains("诉讼")) {
                continue;
            }
            let mut cells = Vec::new();
            let mut not_upheld = 0;
            // Every case not upheld: corrected, otherwise decided or pending.
            for k in t4::ROWS.iter().flat_map(|g| g.cells()) {
                if k.col == t4::UPHELD || k.col == t4::TOTAL {
                    continue;
                }
                if let Some(v) = num(k).filter(|&v| v > 0) {
                    not_upheld += v;
                    cells.push(k);
                }
            }
            if cells.is_empty() {
                continue;
            }
            let end = i + pat.len();
            let f = mismatch(
                Table::T4,
                Span::new(start, end),
                excerpt(text, start, end, 0, 0).trim().to_string(),
                (
                    "结果纠正、其他结果或尚未审结的案件".into(),
                    "cases corrected, otherwise decided or pending".into(),
                ),
                not_upheld,
                cells,
            );
            out.push(f);
            return;
        }
    }
}

/// The count that follows a phrase: "不予公开35件", "无法提供 265 件", "予以公开的有 9 件".
pub(super) fn count_after(text: &str, at: usize) -> Option<(i64, usize)> {
    count_at(text, at, 4, "的有共计为申请").map(|(n, _, end)| (n, end))
}

/// ASCII digits then 件 after `at`, with at most `max_gap` characters of whitespace or
/// `gap_chars` before the digits. Returns (the number, where its digits end, where 件 ends).
pub(super) fn count_at(
    text: &str,
    at: usize,
    max_gap: usize,
    gap_chars: &str,
) -> Option<(i64, usize, usize)> {
    let after = &text[at..];
    let d = after.find(|c: char| c.is_ascii_digit())?;
    let gap = &after[..d];
    if gap.chars().count() > max_gap
        || !gap
            .chars()
            .all(|c| c.is_whitespace() || gap_chars.contains(c))
    {
        return None;
    }
    let len = after[d..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after.len() - d);
    let digits = &after[d..d + len];
    let tail = &after[d + len..];
    let rest = tail.trim_start();
    if !rest.starts_with('件') {
        return None;
    }
    Some((
        crate::text::parse_int(digits)?,
        at + d + len,
        at + d + len + (tail.len() - rest.len()) + '件'.len_utf8(),
    ))
}

/// A category's value in 表三: the 总计 column, or the applicant columns when the whole 总计
/// column of the category is blank. `None` unless every row of the category was read in full.
fn category_value(report: &Report, rows: &[RowId]) -> Option<(i64, Vec<CellKey>)> {
    // 其他处理 is R3f1..3 (2021) or the single R3f (2019): use whichever the report has.
    let present: Vec<RowId> = rows
        .iter()
        .copied()
        .filter(|&r| report.row(Table::T3, r).is_some())
        .collect();
    let complete = if rows.last() == Some(&t3::R3F) {
        present == [t3::R3F] || present.len() == t3::R3F_2021.len()
    } else {
        present.len() == rows.len()
    };
    if !complete {
        return None;
    }
    let totals: Vec<CellKey> = present.iter().map(|&r| t3::cell(r, t3::TOTAL)).collect();
    let c7 = totals
        .iter()
        .try_fold(0, |sum, &k| Some(sum + int_of(report, k)?));
    if let Some(v) = c7 {
        return Some((v, totals));
    }
    let c7_blank = totals
        .iter()
        .all(|&k| matches!(report.value(k), Some(CellValue::Blank)));
    if !c7_blank {
        return None;
    }
    let mut total = 0;
    let mut keys = Vec::new();
    for &r in &present {
        for c in t3::parts() {
            let k = t3::cell(r, c.id);
            match report.value(k) {
                Some(CellValue::Number(n)) => total += n.as_i64()?,
                Some(CellValue::Blank) => {}
                _ => return None,
            }
            keys.push(k);
        }
    }
    Some((total, keys))
}

/// "予以公开 N 件"-style statements compared with 表三, and the breakdown of a total
/// ("答复 805 件…予以公开…不予公开…") compared with the total.
pub(super) fn categories(report: &Report, text: &str, scopes: &[Span], out: &mut Vec<Finding>) {
    let in_scope = |i: usize| in_spans(scopes, i);
    let mut stated: Vec<(usize, usize, i64, usize)> = Vec::new(); // (start, end, n, category)
    for (ci, (phrase, _, _)) in t3::TEXT_CATEGORIES.iter().enumerate() {
        for i in find_all(text, phrase) {
            if !in_scope(i) || stated.iter().any(|&(s, e, _, _)| s <= i && i < e) {
                continue;
            }
            // "不予公开" contains "予公开", and "予以公开" may follow "不": check the char before.
            if *phrase == "予以公开" && text[..i].ends_with('不') {
                continue;
            }
            let Some((n, end)) = count_after(text, i + phrase.len()) else {
                continue;
            };
            stated.push((i, end, n, ci));
        }
    }
    // In order of position: `(start, index)` pairs (no two statements start at one place).
    let mut order: Vec<(usize, usize)> = stated.iter().map(|x| x.0).zip(0..).collect();
    order.sort_unstable();
    let stated: Vec<(usize, usize, i64, usize)> = order.iter().map(|&(_, i)| stated[i]).collect();
    for &(s, e, n, ci) in &stated {
        let (phrase, en, rows) = t3::TEXT_CATEGORIES[ci];
        let Some((v, cells)) = category_value(report, rows) else {
            continue;
        };
        if v != n {
            let mut f = mismatch(
                Table::T3,
                Span::new(s, e),
                excerpt(text, s, e, 0, 0),
                (
                    format!("“{phrase}”合计"),
                    format!("the total of “{en}” ({phrase})"),
                ),
                v,
                cells,
            );
            f.expected = Some(crate::num::Num::int(n));
            f.actual = Some(crate::num::Num::int(v));
            out.push(f);
        }
    }
    // Breakdown of a stated total: all five outcome groups listed after "答复/办结 … N 件".
    for verb in ["答复", "办结"] {
        for i in find_all(text, verb) {
            if !in_scope(i) {
                continue;
            }
            let head_end = (i + 40).min(text.len());
            let head_end = (head_end..=text.len())
                .find(|&k| text.is_char_boundary(k))
                .unwrap_or(text.len());
            let Some(p) = text[i..head_end].find("申请") else {
                continue;
            };
            let Some((total, total_end)) = count_after(text, i + p + "申请".len()) else {
                continue;
            };
            let block_end = text[total_end..]
                .find("\n\n")
                .map_or(text.len(), |k| total_end + k);
            let mut parts: Vec<&(usize, usize, i64, usize)> = Vec::new();
            for x in &stated {
                if x.0 > total_end && x.0 < block_end && x.0 < total_end + 600 {
                    parts.push(x);
                }
            }
            // One count per outcome group: 公开 (予以公开[及部分公开]) 不予公开 无法提供 不予处理 其他处理.
            let group = |ci: usize| match ci {
                0..=3 => 0,
                k => k - 3,
            };
            let mut seen = [false; 5];
            let mut used = [false; 8];
            let mut sum = 0;
            let mut last_end = total_end;
            for x in &parts {
                let g = group(x.3);
                // 公开 is stated either combined (予以公开及部分公开) or as its two parts.
                let take = if g == 0 {
                    !used[x.3]
                        && if x.3 <= 1 {
                            !seen[0]
                        } else {
                            !used[0] && !used[1]
                        }
                } else {
                    !seen[g]
                };
                if take {
                    seen[g] = true;
                    used[x.3] = true;
                    sum += x.2;
                    last_end = x.1;
                }
            }
            if seen.iter().all(|&b| b) && sum != total {
                let mut f = Finding::new(ids::TEXT_ENUMERATION, Outcome::Fail);
                f.params.push(Param::two(
                    "kind",
                    "分项之和与总数不符",
                    "The parts do not add up",
                ));
                f.params
                    .push(Param::same("found", excerpt(text, i, total_end, 0, 0)));
                f.params.push(Param::two(
                    "problem",
                    format!("，但其后列举的各项办理结果合计为{sum}件"),
                    format!(", but the outcomes listed after it add up to {sum}"),
                ));
                f.expected = Some(crate::num::Num::int(total));
                f.actual = Some(crate::num::Num::int(sum));
                f.span = Some(Span::new(i, last_end));
                out.push(f);
            }
        }
    }
}
