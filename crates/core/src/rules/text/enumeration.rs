//! TEXT-ENUMERATION: enumerations in the prose — 一是…二是…三是 that repeat, skip or go
//! back, and a stated total whose listed outcomes do not add up to it.

use super::excerpt;
use super::tables::{count_after, Statement};
use super::{in_spans, Block, Found};
use crate::lang::Lang;
use crate::model::{Report, Span};
use crate::num::Num;
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::text::{cn_digit, cn_numeral, one_of};

/// TEXT-ENUMERATION: a misnumbered enumeration, or parts that do not add up.
pub(crate) const TEXT_ENUMERATION: Rule = Rule {
    id: RuleId::TextEnumeration,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Text,
    title_zh: "列举序号重复、跳号，或分项之和与总数不符",
    title_en: "Enumeration numbered wrongly, or parts that do not add up",
};

/// Why TEXT_ENUMERATION exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const TEXT_ENUMERATION_DOC: RuleDoc = RuleDoc {
    zh: "为什么：报告正文常用“一是……二是……三是……”列举措施，序号重复（如“一是……三是……三是”）、跳号或倒序，说明文稿在修改中删改了段落却没有重新编号。正文列举办理结果时（答复N件，其中予以公开……不予公开……无法提供……不予处理……其他处理……），各项之和也应等于总数；同样，正文给出总数并用“其中”列举分项时（如“主动公开信息156条，其中……”），分项之和不应超过总数，列到“其他”为止的完整列举应等于总数。列举在任何小标题之后重新从“一是”开始，无论小标题后有无标点。\n怎样改：按出现顺序重新编号；核对列举的各项数字，使其与总数一致。",
    en: "Why: reports list measures as 一是…二是…三是; a repeated, skipped or reversed ordinal (一是…三是…三是) shows the text was edited without renumbering. When the text breaks a total down into outcomes (答复 N 件: 予以公开…不予公开…无法提供…不予处理…其他处理), the parts must add up to the total; likewise where the text gives a total and lists its parts after 其中 (主动公开信息156条，其中…), the parts may not exceed the total, and a complete list (one that ends with 其他) must add up to it. A list restarts at 一是 after any heading, with or without punctuation after it.\nHow to fix: renumber the items in order; make the listed parts agree with the total.",
};

/// The enumeration quoted (`found`) and what is wrong with it.
struct TextEnumeration {
    found: String,
    problem: Problem,
}

enum Problem {
    /// A list that starts at this ordinal, past 二.
    StartsAt(u8),
    /// The previous ordinal again.
    Repeats,
    /// The ordinal skipped.
    Skips(u8),
    Backwards,
    /// The outcomes listed after a stated total add up to `sum`.
    PartsSum {
        sum: Num,
    },
    /// The parts listed after a stated total (其中…) add up to `sum` of its `unit`.
    PartsOf {
        sum: Num,
        unit: char,
    },
}

impl Violation for TextEnumeration {
    fn rule(&self) -> RuleId {
        RuleId::TextEnumeration
    }
    fn message(&self, lang: Lang) -> String {
        let TextEnumeration { found, problem } = self;
        let kind = match (problem, lang) {
            (Problem::PartsSum { .. } | Problem::PartsOf { .. }, Lang::Zh) => "分项之和与总数不符",
            (Problem::PartsSum { .. } | Problem::PartsOf { .. }, Lang::En) => {
                "The parts do not add up"
            }
            (_, Lang::Zh) => "列举序号有误",
            (_, Lang::En) => "Misnumbered enumeration",
        };
        let problem = match (problem, lang) {
            (Problem::StartsAt(n), Lang::Zh) => {
                format!("，从“{}是”开始，缺少前面的序号", cn_numeral(*n))
            }
            (Problem::StartsAt(n), Lang::En) => format!(" starts at {}是", cn_numeral(*n)),
            (Problem::Repeats, Lang::Zh) => "，与上一项序号重复".to_string(),
            (Problem::Repeats, Lang::En) => " repeats the previous ordinal".to_string(),
            (Problem::Skips(n), Lang::Zh) => format!("，跳过了“{}是”", cn_numeral(*n)),
            (Problem::Skips(n), Lang::En) => format!(" skips {}是", cn_numeral(*n)),
            (Problem::Backwards, Lang::Zh) => "，序号倒退".to_string(),
            (Problem::Backwards, Lang::En) => " goes backwards".to_string(),
            (Problem::PartsSum { sum }, Lang::Zh) => {
                format!("，但其后列举的各项办理结果合计为{sum}件")
            }
            (Problem::PartsSum { sum }, Lang::En) => {
                format!(", but the outcomes listed after it add up to {sum}")
            }
            (Problem::PartsOf { sum, unit }, Lang::Zh) => {
                format!("，但其后“其中”列举的各项合计为{sum}{unit}")
            }
            (Problem::PartsOf { sum, .. }, Lang::En) => {
                format!(", but the parts listed after it (其中…) add up to {sum}")
            }
        };
        match lang {
            Lang::Zh => format!("{kind}：“{found}”{problem}"),
            Lang::En => format!("{kind}: “{found}”{problem}"),
        }
    }
}

/// 一是…二是…三是: ordinals must count up by one. A list may span paragraphs within a
/// section; it restarts at 一 after any heading (`（二）改进措施`, `2.`, `二、`), whether the
/// heading ends with punctuation or runs straight into the list (`（二）改进措施一是…`).
pub(super) fn ordinals(report: &Report, prose: &[Block], out: &mut Vec<Finding>) {
    let section_of = |i: usize| report.sections.iter().rposition(|s| s.span.start <= i);
    let mut prev: Option<u8> = None;
    let mut current_section: Option<usize> = None;
    for &Block {
        base,
        text: block,
        ref chars,
    } in prose
    {
        // Where the current line starts, and whether it is a heading (then the text from the
        // heading's start up to here is the heading, which a list may follow directly).
        let mut heading_line: Option<usize> = None;
        for w in 0..chars.len() {
            let (i, c) = chars[w];
            if w == 0 || chars[w - 1].1 == '\n' {
                heading_line = heading_marker(&block[i..]).then_some(i);
                if heading_line.is_some() {
                    prev = None;
                }
            }
            let Some(n) = cn_digit(c) else { continue };
            // 是 right after the ordinal, or on the next line of wrapped page text (二\n是).
            let Some(shi) = (w + 1..chars.len().min(w + 3))
                .take_while(|&k| chars[k].1 == '是' || chars[k].1 == '\n')
                .find(|&k| chars[k].1 == '是')
            else {
                continue;
            };
            // "一是" must start a clause; "唯一是" or "统一是" are words. Right after a heading
            // with no punctuation (`（二）改进措施一是`) a list may start.
            let after_heading = heading_line.is_some_and(|h| {
                n == 1 && !block[h..i].contains(|c: char| one_of(super::CLAUSE_ENDS, c))
            });
            let boundary =
                w == 0 || one_of("，。；：、！？ \u{3000}\n(（#*", chars[w - 1].1) || after_heading;
            if !boundary {
                continue;
            }
            let sec = section_of(base + i);
            if sec != current_section {
                current_section = sec;
                prev = None;
            }
            let problem = match prev {
                None if n > 2 => Some(Problem::StartsAt(n)),
                Some(p) if n == p => Some(Problem::Repeats),
                Some(p) if n > p + 1 => Some(Problem::Skips(p + 1)),
                Some(p) if n < p && n != 1 => Some(Problem::Backwards),
                _ => None,
            };
            if let Some(problem) = problem {
                let e = chars[shi].0 + '是'.len_utf8();
                let v = TextEnumeration {
                    found: excerpt(block, i, e, 0, 16),
                    problem,
                };
                out.push(Finding::new(&v).at(Some(Span::new(base + i, base + e))));
            }
            prev = Some(n);
        }
    }
}

/// A line that starts with a heading's numbering: `（二）`, `(2)`, `二、`, `2.`, `2、`, `2．`
/// (after white space). An ordinal list restarts after it.
fn heading_marker(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\u{3000}', '\t', '#', '*']);
    let numeral = |c: char| c.is_ascii_digit() || cn_digit(c).is_some();
    let mut it = t.chars();
    match it.next() {
        Some('（' | '(') => {
            let inner: String = it.by_ref().take_while(|&c| c != '）' && c != ')').collect();
            !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(numeral)
        }
        Some(c) if numeral(c) => {
            let rest = t.trim_start_matches(numeral);
            let digits = t.len() - rest.len();
            digits <= 6 && rest.starts_with(['、', '.', '．'])
                // 2.5 is a number, not a heading.
                && !rest[rest.chars().next().map_or(0, char::len_utf8)..]
                    .starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The breakdown of a stated total ("答复 805 件…予以公开…不予公开…"): when all five outcome
/// groups are listed after it (`stated`, in order of position), they must add up to it.
/// The verbs a stated total of answered applications follows.
pub(super) const VERBS: [&str; 2] = ["答复", "办结"];
/// The word a list of a total's parts starts with.
pub(super) const OF_WHICH: &str = "其中";

pub(super) fn breakdown(
    text: &str,
    found: &Found,
    stated: &[Statement],
    scopes: &[Span],
    out: &mut Vec<Finding>,
) {
    for verb in VERBS {
        for i in found.find_in(text, scopes, verb) {
            if !in_spans(scopes, i) {
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
            let parts = stated.iter().filter(|s| {
                s.start > total_end && s.start < block_end && s.start < total_end + 600
            });
            // One count per outcome group: 公开 (予以公开[及部分公开]) 不予公开 无法提供 不予处理 其他处理.
            let group = |category: usize| match category {
                0..=3 => 0,
                k => k - 3,
            };
            let mut seen = [false; 5];
            let mut used = [false; 8];
            let mut sum = 0;
            let mut last_end = total_end;
            for s in parts {
                let (g, c) = (group(s.category), s.category);
                // 公开 is stated either combined (予以公开及部分公开) or as its two parts.
                let take = if g == 0 {
                    !used[c]
                        && if c <= 1 {
                            !seen[0]
                        } else {
                            !used[0] && !used[1]
                        }
                } else {
                    !seen[g]
                };
                if take {
                    seen[g] = true;
                    used[c] = true;
                    sum += s.n;
                    last_end = s.end;
                }
            }
            if seen.iter().all(|&b| b) && sum != total {
                let v = TextEnumeration {
                    found: excerpt(text, i, total_end, 0, 0),
                    problem: Problem::PartsSum { sum: Num::int(sum) },
                };
                let f = Finding::new(&v)
                    .with_numbers(Num::int(total), Num::int(sum))
                    .at(Some(Span::new(i, last_end)));
                out.push(f);
            }
        }
    }
}

/// Units a stated count is written with (主动公开信息156条，其中…).
const COUNT_UNITS: &str = "条件个项篇期次份";

/// A count `N<unit>` whose digits start at `d` of `text`: the number, its unit and where the
/// unit ends. Not part of a longer number (`2.5条`, `12,5件`), not approximate (`800余条`).
fn count_with_unit(text: &str, d: usize) -> Option<(i64, char, usize)> {
    let before = text[..d].chars().next_back();
    if before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let len = text[d..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len() - d);
    if len == 0 || len > 9 {
        return None;
    }
    let rest = &text[d + len..];
    // Page text may wrap between the number and its unit (351\n件).
    let gap = rest.len() - rest.trim_start().len();
    let unit = rest[gap..].chars().next()?;
    if !COUNT_UNITS.contains(unit) {
        return None;
    }
    let n = text[d..d + len].parse().ok()?;
    Some((n, unit, d + len + gap + unit.len_utf8()))
}

/// `rest` (the text from a count on) closes a parenthesis it did not open: the count is
/// inside parentheses.
fn enclosed(rest: &str) -> bool {
    let mut depth = 0i32;
    for c in rest.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// A stated total with its listed parts, wherever the text gives both: `主动公开信息156条，
/// 其中…A 100条…B 50条`. The parts are the counts of the total's unit after 其中 in its
/// sentence (two or more). A list may name only some parts, so the check fires only when it
/// cannot be right: the parts exceed the total, or the list ends with 其他 (then it names all
/// of them) and does not add up.
pub(super) fn parts_of_total(prose: &[Block], found: &Found, out: &mut Vec<Finding>) {
    for &Block {
        base, text: block, ..
    } in prose
    {
        for q in found.find_all_in(base, block, OF_WHICH) {
            // The total: the last count before 其中, at most 60 characters back, in the same
            // or the previous sentence.
            let back = block[..q]
                .char_indices()
                .rev()
                .take(60)
                .last()
                .map_or(q, |(k, _)| k);
            // Not a count inside parentheses (受理 N 件（…洋河新区16件），其中…).
            let mut total = None;
            for (k, c) in block[back..q].char_indices() {
                if c.is_ascii_digit() && !enclosed(&block[back + k..q]) {
                    if let Some(t) = count_with_unit(block, back + k) {
                        total = Some((back + k, t));
                    }
                }
            }
            let Some((t_start, (t, unit, t_end))) = total else {
                continue;
            };
            if block[t_end..q].matches('。').count() > 1 || block[t_end..].starts_with('余') {
                continue;
            }
            // The sentence or clause (；) ends the list; a line break does not (wrapped page text).
            let sentence_end = block[q..].find(['。', '；']).map_or(block.len(), |k| q + k);
            let mut parts: Vec<(i64, usize, usize)> = Vec::new();
            // A count in parentheses is a detail of a part (其他处理319件（含撤回157件）).
            let mut depth = 0usize;
            for (k, c) in block[q..sentence_end].char_indices() {
                let d = q + k;
                match c {
                    '（' | '(' => depth += 1,
                    '）' | ')' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if !c.is_ascii_digit() || depth > 0 || parts.last().is_some_and(|p| d < p.2) {
                    continue;
                }
                match count_with_unit(block, d) {
                    Some((n, u, end)) if u == unit && !block[end..].starts_with('余') => {
                        parts.push((n, d, end));
                    }
                    _ => {}
                }
            }
            if parts.len() < 2 {
                continue;
            }
            let sum: i64 = parts.iter().map(|p| p.0).sum();
            let last_label_start = parts[parts.len() - 2].2;
            let last = parts[parts.len() - 1];
            let names_all = block[last_label_start..last.1].contains("其他");
            if sum > t || (names_all && sum != t) {
                let v = TextEnumeration {
                    found: excerpt(block, t_start, t_end, 12, 0),
                    problem: Problem::PartsOf {
                        sum: Num::int(sum),
                        unit,
                    },
                };
                let f = Finding::new(&v)
                    .with_numbers(Num::int(t), Num::int(sum))
                    .at(Some(Span::new(base + t_start, base + last.2)));
                out.push(f);
            }
        }
    }
}
