//! TEXT-TABLE-MISMATCH: counts in the prose that contradict 表三 and 表四. Only unambiguous
//! statements are compared (`未收到申请`, `收到/受理 N 件`, `予以公开 N 件` …, `未发生行政复议`,
//! `均获维持`); a sentence whose scope is unclear is not.

use super::{excerpt, in_spans, int_of, Found};
use crate::format::{t3, t4, CellKey, RowId, Table};
use crate::lang::Lang;
use crate::model::{CellValue, Report, Span};
use crate::num::Num;
use crate::rules::words;
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};

/// TEXT-TABLE-MISMATCH: a statement in the text that the tables contradict.
pub(crate) const TEXT_TABLE_MISMATCH: Rule = Rule {
    id: RuleId::TextTableMismatch,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Text,
    title_zh: "正文数字与表格不一致",
    title_en: "Text contradicts the tables",
};

/// Why TEXT_TABLE_MISMATCH exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const TEXT_TABLE_MISMATCH_DOC: RuleDoc = RuleDoc {
    zh: "为什么：总体情况等正文中的数字（收到申请多少件、是否发生行政复议诉讼等）应与表三、表四一致。不一致时读者无从判断哪个正确。本规则只检查口径明确的说法：“未收到政府信息公开申请”与表三本年新收；“收到/受理申请N件”与表三本年新收（或新收加上年结转）；“未发生行政复议、行政诉讼”“均获维持”与表四；“予以公开N件”“不予公开N件”等各类办理结果与表三对应各行的总计（总计栏整栏空白时，用各类申请人之和比较，其中空白按0计——仅用于这一比较，报告中的数字不作任何改动）。\n怎样改：核对后统一正文与表格；若口径不同（如只统计某一部门），在正文中写明口径。",
    en: "Why: figures in the text (applications received, whether there were reconsiderations or lawsuits) must agree with tables 3 and 4. Only unambiguous statements are compared: 未收到申请 vs new applications; 收到/受理 N 件 vs new (or new + carried over) applications; 未发生行政复议、行政诉讼 and 均获维持 vs table 4; 予以公开 N 件, 不予公开 N 件 … vs the totals of those table 3 rows (when a category's 总计 column is entirely blank, the applicant columns are summed with blanks as 0 — for this comparison only; the report's numbers are never changed).\nHow to fix: make text and tables agree, or state the different scope in the text.",
};

/// The text `found` says otherwise than `table`, where `what` is `actual`.
struct TextTableMismatch {
    found: String,
    table: Table,
    what: What,
    actual: Num,
}

/// What the table gives.
enum What {
    /// 表三 一、本年新收 (总计).
    NewApplications,
    /// 表四's three totals.
    ReviewTotals,
    /// 表四's cases not upheld: corrected, otherwise decided, pending.
    NotUpheld,
    /// The total of a category of outcomes of 表三 (`予以公开`), as the text names it and in
    /// English.
    Category {
        phrase: &'static str,
        en: &'static str,
    },
}

impl Violation for TextTableMismatch {
    fn rule(&self) -> RuleId {
        RuleId::TextTableMismatch
    }
    fn message(&self, lang: Lang) -> String {
        let TextTableMismatch {
            found,
            table,
            what,
            actual,
        } = self;
        let table = words::table(*table, lang);
        let what = match (what, lang) {
            (What::NewApplications, _) => {
                words::pick(lang, "本年新收申请（总计）", "new applications (total)").to_string()
            }
            (What::ReviewTotals, _) => words::pick(
                lang,
                "行政复议、行政诉讼总计",
                "reconsideration and litigation totals",
            )
            .to_string(),
            (What::NotUpheld, _) => words::pick(
                lang,
                "结果纠正、其他结果或尚未审结的案件",
                "cases corrected, otherwise decided or pending",
            )
            .to_string(),
            (What::Category { phrase, .. }, Lang::Zh) => format!("“{phrase}”合计"),
            (What::Category { phrase, en }, Lang::En) => {
                format!("the total of “{en}” ({phrase})")
            }
        };
        match lang {
            Lang::Zh => format!("正文“{found}”与{table}不一致：表中{what}为{actual}"),
            Lang::En => {
                format!("The text “{found}” contradicts {table}: the table gives {what} = {actual}")
            }
        }
    }
}

/// "未收到申请" and "收到/受理…申请 N 件" against 表三's new applications; "未发生行政复议"
/// against 表四. `scopes`: the prose the statements are looked for in.
/// "未收到政府信息公开申请" and its variants: no application received.
pub(super) const NO_APPLICATIONS: [&str; 3] = [
    "未收到政府信息公开申请",
    "没有收到政府信息公开申请",
    "未收到依申请公开",
];
/// The word "收到/受理…申请 N 件" statements are found by.
pub(super) const APPLICATION: &str = "申请";
/// "未发生行政复议" and its variants: no review or suit.
pub(super) const NO_REVIEWS: [&str; 4] = [
    "未发生政府信息公开行政复议",
    "未发生行政复议",
    "没有发生行政复议",
    "未发生因政府信息公开申请行政复议",
];
/// "均获维持" and its variants: every decision upheld.
pub(super) const UPHELD: [&str; 5] = ["均获维持", "均被维持", "全部维持", "均予维持", "均维持"];

pub(super) fn received(
    report: &Report,
    text: &str,
    found: &Found,
    scopes: &[Span],
    out: &mut Vec<Finding>,
) {
    let num = |k: CellKey| int_of(report, k);
    let mut push = |span: Span, found: String, table: Table, what: What, actual: i64, cells| {
        let v = TextTableMismatch {
            found,
            table,
            what,
            actual: Num::int(actual),
        };
        out.push(Finding::new(&v).with_cells(cells).at(Some(span)));
    };
    let in_scope = |i: usize| in_spans(scopes, i);
    let (r1_key, r2_key) = (t3::cell(t3::R1, t3::TOTAL), t3::cell(t3::R2, t3::TOTAL));
    let r1 = num(r1_key);
    let r2 = num(r2_key);
    for pat in NO_APPLICATIONS {
        for i in found.find_in(text, scopes, pat) {
            if let (true, Some(r1)) = (in_scope(i), r1) {
                if r1 > 0 {
                    push(
                        Span::new(i, i + pat.len()),
                        pat.to_string(),
                        Table::T3,
                        What::NewApplications,
                        r1,
                        vec![r1_key],
                    );
                }
            }
        }
    }
    // "收到/受理…申请 N 件": N must be 本年新收 or 本年新收 + 上年结转.
    if let Some(r1) = r1 {
        for i in found.find_in(text, scopes, APPLICATION) {
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
                    Table::T3,
                    What::NewApplications,
                    r1,
                    vec![r1_key, r2_key],
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
        let mut t4_spans = scopes.to_vec();
        t4_spans.extend(report.section(4).map(|s| s.span));
        for pat in NO_REVIEWS {
            for i in found.find_in(text, &t4_spans, pat) {
                if in_scope(i)
                    || report
                        .section(4)
                        .is_some_and(|s| s.span.start <= i && i < s.span.end)
                {
                    push(
                        Span::new(i, i + pat.len()),
                        excerpt(text, i, i + pat.len(), 0, 8),
                        Table::T4,
                        What::ReviewTotals,
                        t4_sum,
                        t4_totals.clone(),
                    );
                }
            }
        }
    }
}

/// A count of a category of outcomes stated in the text: "不予公开35件" at `start..end`, the
/// category an index into [`t3::TEXT_CATEGORIES`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Statement {
    pub start: usize,
    pub end: usize,
    pub n: i64,
    pub category: usize,
}

/// The statements "予以公开 N 件", "不予公开 N 件" … in `scopes`, in order of position.
pub(super) fn stated(text: &str, found: &Found, scopes: &[Span]) -> Vec<Statement> {
    let in_scope = |i: usize| in_spans(scopes, i);
    let mut stated: Vec<Statement> = Vec::new();
    for (category, (phrase, _, _)) in t3::TEXT_CATEGORIES.iter().enumerate() {
        for i in found.find_in(text, scopes, phrase) {
            if !in_scope(i) || stated.iter().any(|s| s.start <= i && i < s.end) {
                continue;
            }
            // "不予公开" contains "予公开", and "予以公开" may follow "不": check the char before.
            if *phrase == "予以公开" && text[..i].ends_with('不') {
                continue;
            }
            let Some((n, end)) = count_after(text, i + phrase.len()) else {
                continue;
            };
            stated.push(Statement {
                start: i,
                end,
                n,
                category,
            });
        }
    }
    // In order of position: `(start, index)` pairs (no two statements start at one place).
    let mut order: Vec<(usize, usize)> = stated.iter().map(|s| s.start).zip(0..).collect();
    order.sort_unstable();
    order.iter().map(|&(_, i)| stated[i]).collect()
}

/// "予以公开 N 件"-style statements compared with 表三.
pub(super) fn categories(
    report: &Report,
    text: &str,
    stated: &[Statement],
    out: &mut Vec<Finding>,
) {
    for s in stated {
        let (phrase, en, rows) = t3::TEXT_CATEGORIES[s.category];
        let Some((v, cells)) = category_value(report, rows) else {
            continue;
        };
        if v != s.n {
            let m = TextTableMismatch {
                found: excerpt(text, s.start, s.end, 0, 0),
                table: Table::T3,
                what: What::Category { phrase, en },
                actual: Num::int(v),
            };
            let f = Finding::new(&m)
                .with_cells(cells)
                .at(Some(Span::new(s.start, s.end)))
                .with_numbers(Num::int(s.n), Num::int(v));
            out.push(f);
        }
    }
}

/// "行政复议 N 件，诉讼 M 件，均获维持": every case upheld, while 表四 shows cases corrected,
/// otherwise decided or still pending.
pub(super) fn upheld(
    report: &Report,
    text: &str,
    found: &Found,
    scopes: &[Span],
    out: &mut Vec<Finding>,
) {
    let num = |k: CellKey| int_of(report, k);
    let in_scope = |i: usize| {
        in_spans(scopes, i)
            || report
                .section(4)
                .is_some_and(|s| s.span.start <= i && i < s.span.end)
    };
    let mut spans = scopes.to_vec();
    spans.extend(report.section(4).map(|s| s.span));
    for pat in UPHELD {
        for i in found.find_in(text, &spans, pat) {
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
            let v = TextTableMismatch {
                found: excerpt(text, start, end, 0, 0).trim().to_string(),
                table: Table::T4,
                what: What::NotUpheld,
                actual: Num::int(not_upheld),
            };
            out.push(
                Finding::new(&v)
                    .with_cells(cells)
                    .at(Some(Span::new(start, end))),
            );
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
