//! TEMPLATE-LEFTOVER: instructions of a template left in the published report — 编写说明,
//! 填报说明, “（此处填写…）”, “请根据实际情况填写”, and placeholders such as `XX局` or
//! `20XX年` that were never filled in.

use super::{excerpt, Block};
use crate::lang::Lang;
use crate::model::Span;
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::text::one_of;

/// TEMPLATE-LEFTOVER: template instructions or unfilled placeholders left in the text.
pub(crate) const TEMPLATE_LEFTOVER: Rule = Rule {
    id: RuleId::TemplateLeftover,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Text,
    title_zh: "残留模板说明或未填写的占位符",
    title_en: "Template instructions or unfilled placeholders left in",
};

/// Why TEMPLATE_LEFTOVER exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const TEMPLATE_LEFTOVER_DOC: RuleDoc = RuleDoc {
    zh: "为什么：不少机关用上级下发的模板或往年报告起草年度报告。模板中的“编写说明”“填报说明”“（此处填写……）”“请根据实际情况填写”等指引，以及“XX局”“20XX年”之类的占位符，发布前应当删除或填写；留在正式公开的报告中，说明报告未经认真审核，是检查中常见的问题。\n怎样改：删除模板的说明文字，把占位符换成实际内容。",
    en: "Why: many bodies draft the report from a template or last year's report. The template's instructions (编写说明, 填报说明, “（此处填写…）”, “请根据实际情况填写”) and placeholders such as XX局 or 20XX年 must be deleted or filled in before publication; left in a formal public report they show it was not reviewed, a common finding of inspections.\nHow to fix: delete the instructions and replace each placeholder with the actual content.",
};

/// The words quoted and what kind of leftover they are.
struct TemplateLeftover {
    found: String,
    kind: Leftover,
}

#[derive(Clone, Copy)]
enum Leftover {
    /// A template's instruction to the drafter.
    Instruction,
    /// A placeholder never filled in (XX, ××).
    Placeholder,
}

impl Violation for TemplateLeftover {
    fn rule(&self) -> RuleId {
        RuleId::TemplateLeftover
    }
    fn message(&self, lang: Lang) -> String {
        let found = &self.found;
        match (self.kind, lang) {
            (Leftover::Instruction, Lang::Zh) => {
                format!("疑似残留模板说明：“{found}”，发布前应删除")
            }
            (Leftover::Instruction, Lang::En) => format!(
                "Probable template instruction left in: “{found}”; delete it before publication"
            ),
            (Leftover::Placeholder, Lang::Zh) => {
                format!("疑似未填写的占位符：“{found}”，应换成实际内容")
            }
            (Leftover::Placeholder, Lang::En) => format!(
                "Probable unfilled placeholder: “{found}”; replace it with the actual content"
            ),
        }
    }
}

/// Words that only a template's instructions to the drafter use.
pub(super) const INSTRUCTIONS: &[&str] = &[
    "编写说明",
    "填报说明",
    "填写说明",
    "撰写说明",
    "此处填写",
    "在此填写",
    "此处请填写",
    "请填写",
    "请根据实际情况",
    "根据实际情况填写",
    "根据本单位实际填写",
    "如实填写",
    "请勿删除",
    "删除本段",
    "本段删除",
    "此处删除",
    "填写时删除",
    "发布时删除",
];

/// Characters a placeholder is written with (XX局, 20××年, ＸＸ).
const PLACEHOLDER_MARKS: &str = "X×Ｘ╳";

fn is_cjk(c: char) -> bool {
    super::is_cjk(c)
}

/// The instructions found by the text scan (`hits`: byte offset and index into
/// [`INSTRUCTIONS`]), and the placeholders: two or more placeholder marks next to a Chinese
/// character or a year's digits (`XX局`, `20XX年`), which no real text writes.
pub(super) fn check(prose: &[Block], hits: &[(usize, usize)], out: &mut Vec<Finding>) {
    let mut last_end = 0;
    for &(at, k) in hits {
        let Some(&Block {
            base, text: block, ..
        }) = prose
            .iter()
            .find(|b| b.base <= at && at < b.base + b.text.len())
        else {
            continue;
        };
        if at < last_end {
            continue;
        }
        let (s, e) = (at - base, at - base + INSTRUCTIONS[k].len());
        // The whole bracketed instruction when it is one: （此处填写…）.
        let open = block[..s].rfind(['（', '(', '【']).filter(|&o| {
            !block[o..s].contains(['）', ')', '】', '。']) && block[o..s].chars().count() <= 4
        });
        let close = block[e..].find(['）', ')', '】']).filter(|&c| {
            !block[e..e + c].contains(['（', '(', '。']) && block[e..e + c].chars().count() <= 30
        });
        let (s, e) = match (open, close) {
            (Some(o), Some(c)) => (
                o,
                e + c + block[e + c..].chars().next().map_or(0, char::len_utf8),
            ),
            _ => (s, e),
        };
        let v = TemplateLeftover {
            found: excerpt(block, s, e, 0, 16),
            kind: Leftover::Instruction,
        };
        out.push(Finding::new(&v).at(Some(Span::new(base + s, base + e))));
        last_end = base + e;
    }
    for &Block {
        base,
        text: block,
        ref chars,
    } in prose
    {
        let mut w = 0;
        while w < chars.len() {
            if !one_of(PLACEHOLDER_MARKS, chars[w].1) {
                w += 1;
                continue;
            }
            let run = chars[w..]
                .iter()
                .take_while(|x| one_of(PLACEHOLDER_MARKS, x.1))
                .count();
            let before = w.checked_sub(1).map(|k| chars[k].1);
            let after = chars.get(w + run).map(|x| x.1);
            let next_to_word = before.is_some_and(|c| is_cjk(c) || c.is_ascii_digit())
                || after.is_some_and(is_cjk);
            // Not inside a Latin word or code (zfxxgk, XXL).
            let latin = before.is_some_and(|c| c.is_ascii_alphabetic())
                || after.is_some_and(|c| c.is_ascii_alphanumeric());
            if run >= 2 && next_to_word && !latin {
                let (s, e) = (chars[w].0, chars.get(w + run).map_or(block.len(), |x| x.0));
                let v = TemplateLeftover {
                    found: excerpt(block, s, e, 4, 6),
                    kind: Leftover::Placeholder,
                };
                out.push(Finding::new(&v).at(Some(Span::new(base + s, base + e))));
            }
            w += run;
        }
    }
}
