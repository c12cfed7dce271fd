//! FEE-STATEMENT-MISSING: section 六 of a 2021 or later report says nothing about the
//! information processing fees.

use crate::lang::Lang;
use crate::model::Report;
use crate::rules::words::pick;
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::text::fold;

/// FEE-STATEMENT-MISSING: no statement on the fees in section 六.
pub(crate) const FEE_STATEMENT_MISSING: Rule = Rule {
    id: RuleId::FeeStatementMissing,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Text,
    title_zh: "未说明信息处理费收取情况",
    title_en: "No statement on information processing fees",
};

/// Why FEE_STATEMENT_MISSING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const FEE_STATEMENT_MISSING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）施行后，2021年版格式要求在“六、其他需要报告的事项”中报告本机关收取信息处理费的情况（收取金额，或未收取）。\n怎样改：在第六部分写明“依据《政府信息公开信息处理费管理办法》，本年度收取信息处理费X元”或“未收取信息处理费”。",
    en: "Why: since the information processing fee measures (国办函〔2020〕109号), the 2021 format expects section VI to state the fees charged (an amount, or none).\nHow to fix: add a sentence to section VI stating the fees charged this year, or that none were charged.",
};

struct FeeStatementMissing;

impl Violation for FeeStatementMissing {
    fn rule(&self) -> RuleId {
        RuleId::FeeStatementMissing
    }
    fn message(&self, lang: Lang) -> String {
        pick(
            lang,
            "第六部分“其他需要报告的事项”没有说明信息处理费的收取情况",
            "Section VI does not state whether information processing fees were charged",
        )
        .to_string()
    }
}

pub(super) fn check(report: &Report, text: &str, out: &mut Vec<Finding>) {
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
        out.push(Finding::new(&FeeStatementMissing).at(Some(s6.heading_span)));
    }
}
