//! Findings: what a rule says about a report, in a form a user can act on.

use crate::format::{CellKey, ColId, RowId, Table};
use crate::model::Span;
use crate::num::Num;
use crate::rules::{rule, RuleId};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Info, Lang::Zh) => "提示",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// The result of evaluating one rule instance. A rule that could not be evaluated is
/// `NotAssessable`, never a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Pass,
    Fail,
    NotAssessable,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotAssessable => "not_assessable",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A named message parameter, with its text in each language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub zh: String,
    pub en: String,
}

impl Param {
    #[inline(never)]
    pub fn same(name: &'static str, v: impl Into<String>) -> Param {
        let v = v.into();
        Param {
            name,
            zh: v.clone(),
            en: v,
        }
    }
    #[inline(never)]
    pub fn two(name: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Param {
        Param {
            name,
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// One problem found in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// `Fail` or `NotAssessable` (passes are not findings; see [`Evaluation`]).
    pub outcome: Outcome,
    /// Every cell involved.
    pub cells: Vec<CellKey>,
    pub expected: Option<Num>,
    pub actual: Option<Num>,
    /// The cells most likely to be wrong (error localisation), best first.
    pub suspect: Vec<CellKey>,
    /// For findings about text: where in the input.
    pub span: Option<Span>,
    /// Parameters of the rule's message template.
    pub params: Vec<Param>,
}

impl Finding {
    #[inline(never)]
    pub fn new(rule: RuleId, outcome: Outcome) -> Finding {
        Finding {
            rule,
            severity: crate::rules::rule(rule).severity,
            outcome,
            cells: Vec::new(),
            expected: None,
            actual: None,
            suspect: Vec::new(),
            span: None,
            params: Vec::new(),
        }
    }

    /// The rule's message template for this finding's outcome, filled in.
    pub fn message(&self, lang: Lang) -> String {
        let r = rule(self.rule);
        let template = match (self.outcome, lang) {
            (Outcome::NotAssessable, Lang::Zh) => r.not_assessable_zh,
            (Outcome::NotAssessable, Lang::En) => r.not_assessable_en,
            (_, Lang::Zh) => r.message_zh,
            (_, Lang::En) => r.message_en,
        };
        fill(template, &self.params, lang)
    }
}

/// Replaces `{name}` in `template` by the parameter of that name; unknown names stay as written.
pub fn fill(template: &str, params: &[Param], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                let name = &after[..j];
                match params.iter().find(|p| p.name == name) {
                    Some(p) => out.push_str(if lang == Lang::Zh { &p.zh } else { &p.en }),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Which instance of an arithmetic rule an [`Evaluation`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Instance {
    /// A column of a table whose rows share their columns (表三's `C1` …).
    Col(Table, ColId),
    /// A row (表三's `R3a`) or a group (表四's `RV`).
    Row(Table, RowId),
}

impl Instance {
    /// Its key part in format.md §10: `C1`, `R3a`, `RV`.
    pub fn key(self) -> &'static str {
        match self {
            Instance::Col(table, col) => table.rows()[0].cols[col.index()].key,
            Instance::Row(table, row) => table.row(row).key,
        }
    }
}

impl fmt::Display for Instance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One evaluated instance of an arithmetic rule (e.g. T3-IDENTITY for column C1),
/// including passes, so a user can see every check that ran.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub rule: RuleId,
    /// Which instance: a column (`C1`), a row (`R3a`) or a group (`RV`).
    pub instance: Instance,
    /// Human name of the instance (`自然人`, `Natural persons`).
    pub instance_zh: String,
    pub instance_en: String,
    /// Left-hand side cells and right-hand side cells of `Σ left = Σ right`.
    pub left_cells: &'static [CellKey],
    pub right_cells: &'static [CellKey],
    pub left: Option<Num>,
    pub right: Option<Num>,
    pub outcome: Outcome,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_params() {
        let p = [
            Param::two("col", "自然人", "natural persons"),
            Param::same("n", "5"),
        ];
        assert_eq!(fill("“{col}”列 {n} {x}", &p, Lang::Zh), "“自然人”列 5 {x}");
        assert_eq!(
            fill("column {col}: {n", &p, Lang::En),
            "column natural persons: {n"
        );
    }
}
