//! The groups findings are listed under, in one order, for the CLI and the page: the rule's
//! group (`Rule::group`, where the rules file each finding) in words.

use crate::format::Table;
use crate::lang::Lang;
use crate::rules::{Finding, Group};

/// A group of findings as listed: a stable code (the page's `data-group`) and its title.
#[derive(Debug, PartialEq, Eq)]
pub struct FindingGroup {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl FindingGroup {
    pub fn title(&self, lang: Lang) -> &'static str {
        super::pick(lang, self.zh, self.en)
    }
}

/// The groups in the order they are listed.
pub static GROUPS: [FindingGroup; 6] = [
    FindingGroup {
        code: "format",
        zh: "格式与章节",
        en: "Format and sections",
    },
    FindingGroup {
        code: "T2",
        zh: "表二",
        en: "Table 2",
    },
    FindingGroup {
        code: "T3",
        zh: "表三",
        en: "Table 3",
    },
    FindingGroup {
        code: "T4",
        zh: "表四",
        en: "Table 4",
    },
    FindingGroup {
        code: "text",
        zh: "正文",
        en: "Text",
    },
    FindingGroup {
        code: "cross-year",
        zh: "与上年报告对比",
        en: "Against last year's report",
    },
];

/// The group a finding is listed under: its rule's (the table of its cells for the cell
/// rules; the prose for every rule on the text, cells or not).
pub fn group_of(f: &Finding) -> &'static FindingGroup {
    let i = match f.group() {
        Group::Structure | Group::OfTable => 0,
        Group::Table(Table::T2) => 1,
        Group::Table(Table::T3) => 2,
        Group::Table(Table::T4) => 3,
        Group::Text => 4,
        Group::CrossYear => 5,
    };
    &GROUPS[i]
}

/// The non-empty groups of `findings` in order, each with the indices of its findings (in
/// the findings' own order).
pub fn grouped(findings: &[Finding]) -> Vec<(&'static FindingGroup, Vec<usize>)> {
    GROUPS
        .iter()
        .filter_map(|g| {
            let members: Vec<usize> = (0..findings.len())
                .filter(|&i| std::ptr::eq(group_of(&findings[i]), g))
                .collect();
            (!members.is_empty()).then_some((g, members))
        })
        .collect()
}
