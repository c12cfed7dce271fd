//! TEXT-ENUMERATION: enumerations in the prose — 一是…二是…三是 that repeat, skip or go
//! back, and a stated total whose listed outcomes do not add up to it.

use super::excerpt;
use super::tables::{count_after, Statement};
use super::{find_all, in_spans};
use crate::lang::Lang;
use crate::model::{Report, Span};
use crate::num::Num;
use crate::rules::{Finding, Group, Rule, RuleId, Scope, Severity, Violation};
use crate::text::{cn_digit, cn_numeral};

/// TEXT-ENUMERATION: a misnumbered enumeration, or parts that do not add up.
pub(crate) const TEXT_ENUMERATION: Rule = Rule {
    id: RuleId::TextEnumeration,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Text,
    title_zh: "列举序号重复、跳号，或分项之和与总数不符",
    title_en: "Enumeration numbered wrongly, or parts that do not add up",
    doc_zh: "为什么：报告正文常用“一是……二是……三是……”列举措施，序号重复（如“一是……三是……三是”）、跳号或倒序，说明文稿在修改中删改了段落却没有重新编号。正文列举办理结果时（答复N件，其中予以公开……不予公开……无法提供……不予处理……其他处理……），各项之和也应等于总数。\n怎样改：按出现顺序重新编号；核对列举的各项数字，使其与总数一致。",
    doc_en: "Why: reports list measures as 一是…二是…三是; a repeated, skipped or reversed ordinal (一是…三是…三是) shows the text was edited without renumbering. When the text breaks a total down into outcomes (答复 N 件: 予以公开…不予公开…无法提供…不予处理…其他处理), the parts must add up to the total.\nHow to fix: renumber the items in order; make the listed parts agree with the total.",
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
}

impl Violation for TextEnumeration {
    fn rule(&self) -> RuleId {
        RuleId::TextEnumeration
    }
    fn message(&self, lang: Lang) -> String {
        let TextEnumeration { found, problem } = self;
        let kind = match (problem, lang) {
            (Problem::PartsSum { .. }, Lang::Zh) => "分项之和与总数不符",
            (Problem::PartsSum { .. }, Lang::En) => "The parts do not add up",
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
        };
        match lang {
            Lang::Zh => format!("{kind}：“{found}”{problem}"),
            Lang::En => format!("{kind}: “{found}”{problem}"),
        }
    }
}

/// 一是…二是…三是: ordinals must count up by one. A list may span paragraphs (and markdown
/// headings) within a section, and a new list restarts at 一.
pub(super) fn ordinals(report: &Report, prose: &[(usize, &str)], out: &mut Vec<Finding>) {
    let section_of = |i: usize| report.sections.iter().rposition(|s| s.span.start <= i);
    let mut prev: Option<u8> = None;
    let mut current_section: Option<usize> = None;
    for &(base, block) in prose {
        let chars: Vec<(usize, char)> = block.char_indices().collect();
        for w in 0..chars.len().saturating_sub(1) {
            let (i, c) = chars[w];
            let Some(n) = cn_digit(c) else { continue };
            if chars[w + 1].1 != '是' {
                continue;
            }
            // "一是" must start a clause; "唯一是" or "统一是" are words.
            let boundary = w == 0 || "，。；：、！？ \u{3000}\n(（#*".contains(chars[w - 1].1);
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
                let e = chars[w + 1].0 + '是'.len_utf8();
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

/// The breakdown of a stated total ("答复 805 件…予以公开…不予公开…"): when all five outcome
/// groups are listed after it (`stated`, in order of position), they must add up to it.
pub(super) fn breakdown(text: &str, stated: &[Statement], scopes: &[Span], out: &mut Vec<Finding>) {
    for verb in ["答复", "办结"] {
        for i in find_all(text, verb) {
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
