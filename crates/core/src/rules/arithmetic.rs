//! The arithmetic identities of the national tables (T3-IDENTITY, T3-RESULTS-TOTAL,
//! T3-ROW-TOTAL, T4-GROUP-TOTAL), built once from the format data and evaluated per report.
//! Every instance is an [`Evaluation`] (passes included); one that fails or cannot be
//! checked is also a finding.

use super::words::{self, pick, CellName, Missing, NotNumbers};
use super::Violation;
use super::{Case, Evaluation, Finding, Group, Instance, Outcome, Rule, RuleId, Scope, Severity};
use crate::format::{self, t3, t4, CellKey, DetectedFormat, RowSpec, Table};
use crate::lang::Lang;
use crate::model::{CellValue, Report};
use crate::num::Num;
use std::sync::OnceLock;

/// The severity of every identity: an error when the sides differ; when it cannot be
/// checked, a warning if even blanks as 0 would not make it hold, else a note.
const IDENTITY_CASES: &[Case] = &[
    Case {
        severity: Severity::Error,
        zh: "两边不相等",
        en: "the sides differ",
    },
    Case {
        severity: Severity::Warning,
        zh: "无法校验，且把空白和占位符按0计两边也不相等",
        en: "not assessable, and the sides differ even with blanks and placeholders as 0",
    },
    Case {
        severity: Severity::Info,
        zh: "其他无法校验的情况",
        en: "not assessable otherwise",
    },
];

/// T3-IDENTITY: in every column of 表三, 一 + 二 = 三（七） + 四.
pub(crate) const T3_IDENTITY: Rule = Rule {
    id: RuleId::T3Identity,
    severity: Severity::Error,
    cases: IDENTITY_CASES,
    scope: Scope::NationalTables,
    group: Group::Table(Table::T3),
    title_zh: "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
    title_en: "Table 3 identity: I + II = III + IV",
    doc_zh: "为什么：表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。即每一列都应满足：本年新收 + 上年结转 = 本年度办理结果（七）总计 + 结转下年度继续办理。不相等说明有申请被漏记、重复计入或结转数填错。\n怎样改：逐列核对该列的四个数；“可疑单元格”给出了最可能填错的格。常见原因是（七）总计只加了部分办理结果，或结转下年度漏填。",
    doc_en: "Why: table 3's header states the identity for every column: new this year + carried over = (七) total handled + carried to next year. A mismatch means applications were lost, double-counted or carried over wrongly.\nHow to fix: check the four numbers of the column; the suspect cells are the most likely wrong ones.",
};

/// T3-RESULTS-TOTAL: in every column of 表三, （七）总计 = （一） + … + （六）.
pub(crate) const T3_RESULTS_TOTAL: Rule = Rule {
    id: RuleId::T3ResultsTotal,
    severity: Severity::Error,
    cases: IDENTITY_CASES,
    scope: Scope::NationalTables,
    group: Group::Table(Table::T3),
    title_zh: "表三办理结果合计：（七）总计等于（一）至（六）各项之和",
    title_en: "Table 3 outcome total: (七) = sum of (一)…(六)",
    doc_zh: "为什么：表三“部分公开”一行注明“区分处理的，只计这一情形，不计其他情形”，即每件申请只计入一种办理结果，所以（七）总计应等于（一）予以公开、（二）部分公开、（三）不予公开1–8、（四）无法提供1–3、（五）不予处理1–5、（六）其他处理各项之和。\n怎样改：重新合计该列各项办理结果，或检查是否有申请被计入了两种结果。",
    doc_en: "Why: each application is counted under exactly one outcome (“区分处理的，只计这一情形”), so (七) total must equal the sum of outcomes (一) to (六).\nHow to fix: re-add the column's outcomes, or look for an application counted twice.",
};

/// T3-ROW-TOTAL: in every row of 表三, 总计 = the applicant columns.
pub(crate) const T3_ROW_TOTAL: Rule = Rule {
    id: RuleId::T3RowTotal,
    severity: Severity::Error,
    cases: IDENTITY_CASES,
    scope: Scope::NationalTables,
    group: Group::Table(Table::T3),
    title_zh: "表三总计列：总计等于各类申请人之和",
    title_en: "Table 3 total column: total = sum of applicant types",
    doc_zh: "为什么：表三“总计”列是自然人与五类法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和，每一行都应相等。\n怎样改：重新合计该行，或检查是否有数字填错列。",
    doc_en: "Why: the 总计 column of table 3 is the sum of natural persons and the five kinds of organisations, in every row.\nHow to fix: re-add the row, or look for a number in the wrong column.",
};

/// T4-GROUP-TOTAL: in each group of 表四, 总计 = 维持 + 纠正 + 其他 + 尚未审结.
pub(crate) const T4_GROUP_TOTAL: Rule = Rule {
    id: RuleId::T4GroupTotal,
    severity: Severity::Error,
    cases: IDENTITY_CASES,
    scope: Scope::NationalTables,
    group: Group::Table(Table::T4),
    title_zh: "表四总计：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
    title_en: "Table 4 total = upheld + corrected + other + pending",
    doc_zh: "为什么：表四行政复议、未经复议直接起诉、复议后起诉三组各有“总计”，应等于该组结果维持、结果纠正、其他结果、尚未审结四项之和。实际报告中常见总计误填为0而各项之和不为0。\n怎样改：重新合计该组四项并填入总计。",
    doc_en: "Why: each of the three groups of table 4 (reconsideration, direct litigation, litigation after reconsideration) has a total that must equal upheld + corrected + other + pending. Totals printed as 0 while the parts are not are a common error.\nHow to fix: add up the four parts and write the sum as the total.",
};

/// Which identity rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    T3Identity,
    T3ResultsTotal,
    T3RowTotal,
    T4GroupTotal,
}

impl Kind {
    fn rule(self) -> RuleId {
        match self {
            Kind::T3Identity => RuleId::T3Identity,
            Kind::T3ResultsTotal => RuleId::T3ResultsTotal,
            Kind::T3RowTotal => RuleId::T3RowTotal,
            Kind::T4GroupTotal => RuleId::T4GroupTotal,
        }
    }
}

/// An identity instance that does not hold or cannot be checked.
struct Imbalance {
    kind: Kind,
    /// The column, row or group, as the report names it (a 表三 row as written).
    name_zh: String,
    name_en: &'static str,
    broken: Broken,
}

enum Broken {
    /// Both sides are numbers and differ.
    Unequal { left: Num, right: Num },
    /// A side has a cell that is not a number.
    NotNumbers(NotNumbers),
}

impl Violation for Imbalance {
    fn rule(&self) -> RuleId {
        self.kind.rule()
    }
    fn outcome(&self) -> Outcome {
        match self.broken {
            Broken::Unequal { .. } => Outcome::Fail,
            Broken::NotNumbers(_) => Outcome::NotAssessable,
        }
    }
    fn severity(&self) -> Severity {
        match &self.broken {
            Broken::Unequal { .. } => Severity::Error,
            Broken::NotNumbers(why) if why.as_zero.is_some() => Severity::Warning,
            Broken::NotNumbers(_) => Severity::Info,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let name = pick(lang, &self.name_zh, self.name_en);
        match &self.broken {
            Broken::Unequal { left, right } => match (self.kind, lang) {
                (Kind::T3Identity, Lang::Zh) => format!(
                    "表三“{name}”列：第一项加第二项之和（{left}）不等于第三项加第四项之和（{right}）"
                ),
                (Kind::T3Identity, Lang::En) => format!(
                    "Table 3 column “{name}”: I + II ({left}) does not equal III + IV ({right})"
                ),
                (Kind::T3ResultsTotal, Lang::Zh) => format!(
                    "表三“{name}”列：（一）至（六）各项办理结果之和为{left}，但“（七）总计”为{right}"
                ),
                (Kind::T3ResultsTotal, Lang::En) => format!(
                    "Table 3 column “{name}”: outcomes (1)…(6) add up to {left}, but (7) Total is {right}"
                ),
                (Kind::T3RowTotal, Lang::Zh) => {
                    format!("表三“{name}”行：各类申请人之和为{left}，但“总计”为{right}")
                }
                (Kind::T3RowTotal, Lang::En) => format!(
                    "Table 3 row “{name}”: the applicant columns add up to {left}, but the total is {right}"
                ),
                (Kind::T4GroupTotal, Lang::Zh) => format!(
                    "表四“{name}”：结果维持、结果纠正、其他结果、尚未审结之和为{left}，但“总计”为{right}"
                ),
                (Kind::T4GroupTotal, Lang::En) => format!(
                    "Table 4 “{name}”: upheld + corrected + other + pending = {left}, but the total is {right}"
                ),
            },
            Broken::NotNumbers(why) => {
                let why = why.because(lang);
                match (self.kind, lang) {
                    (Kind::T3Identity, Lang::Zh) => {
                        format!("表三“{name}”列的勾稽关系无法校验，因为{why}")
                    }
                    (Kind::T3Identity, Lang::En) => format!(
                        "Table 3 column “{name}”: the identity cannot be checked because {why}"
                    ),
                    (Kind::T3ResultsTotal, Lang::Zh) => {
                        format!("表三“{name}”列的办理结果合计无法校验，因为{why}")
                    }
                    (Kind::T3ResultsTotal, Lang::En) => format!(
                        "Table 3 column “{name}”: the outcome total cannot be checked because {why}"
                    ),
                    (Kind::T3RowTotal, Lang::Zh) => {
                        format!("表三“{name}”行的总计无法校验，因为{why}")
                    }
                    (Kind::T3RowTotal, Lang::En) => {
                        format!("Table 3 row “{name}”: the total cannot be checked because {why}")
                    }
                    (Kind::T4GroupTotal, Lang::Zh) => {
                        format!("表四“{name}”的总计无法校验，因为{why}")
                    }
                    (Kind::T4GroupTotal, Lang::En) => {
                        format!("Table 4 “{name}”: the total cannot be checked because {why}")
                    }
                }
            }
        }
    }
}

/// One arithmetic identity of the national tables: `Σ left = Σ right`. Built once per
/// process from the format data, then evaluated per report.
struct IdentityDef {
    kind: Kind,
    instance: Instance,
    instance_zh: &'static str,
    instance_en: &'static str,
    left: Vec<CellKey>,
    right: Vec<CellKey>,
}

/// The cells of `rows` in column `col`.
fn column<'a>(rows: impl IntoIterator<Item = &'a RowSpec>, col: format::ColId) -> Vec<CellKey> {
    rows.into_iter().map(|r| r.cell(col)).collect()
}

fn t3_identities(single_f: bool) -> Vec<IdentityDef> {
    let rows = |ids: &[format::RowId]| ids.iter().map(|&r| t3::row(r)).collect::<Vec<_>>();
    let mut v = Vec::new();
    for kind in [Kind::T3Identity, Kind::T3ResultsTotal] {
        for c in t3::COLS {
            let (left, right) = if kind == Kind::T3Identity {
                (
                    column(rows(&[t3::R1, t3::R2]), c.id),
                    column(rows(&[t3::R3G, t3::R4]), c.id),
                )
            } else {
                (
                    column(t3::outcome_rows(single_f), c.id),
                    column(rows(&[t3::R3G]), c.id),
                )
            };
            v.push(IdentityDef {
                kind,
                instance: Instance::Col(Table::T3, c.id),
                instance_zh: c.label_zh,
                instance_en: c.label_en,
                left,
                right,
            });
        }
    }
    let format = if single_f {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    };
    for r in format::t3_rows(format) {
        v.push(IdentityDef {
            kind: Kind::T3RowTotal,
            instance: Instance::Row(Table::T3, r.id),
            instance_zh: r.label_zh,
            instance_en: r.label_en,
            left: t3::parts().map(|c| r.cell(c.id)).collect(),
            right: vec![r.cell(t3::TOTAL)],
        });
    }
    v
}

fn t3_defs(single_f: bool) -> &'static [IdentityDef] {
    static F2021: OnceLock<Vec<IdentityDef>> = OnceLock::new();
    static F2019: OnceLock<Vec<IdentityDef>> = OnceLock::new();
    let defs = if single_f { &F2019 } else { &F2021 };
    defs.get_or_init(|| t3_identities(single_f))
}

fn t4_defs() -> &'static [IdentityDef] {
    static T4: OnceLock<Vec<IdentityDef>> = OnceLock::new();
    T4.get_or_init(|| {
        t4::ROWS
            .iter()
            .map(|g| IdentityDef {
                kind: Kind::T4GroupTotal,
                instance: Instance::Row(Table::T4, g.id),
                instance_zh: g.label_zh,
                instance_en: g.label_en,
                left: t4::parts().map(|c| g.cell(c.id)).collect(),
                right: vec![g.cell(t4::TOTAL)],
            })
            .collect()
    })
}

/// Whether the report's 表三 has the single 2019 row （六）其他处理 (`R3f`) instead of
/// 2021's three (`R3f1..3`).
pub(super) fn single_f(report: &Report) -> bool {
    let single = report.row(Table::T3, t3::R3F).is_some()
        && !t3::R3F_2021
            .iter()
            .any(|&r| report.row(Table::T3, r).is_some());
    single || report.format == DetectedFormat::F2019
}

/// The identities that apply to a report (those of the tables it has).
fn identities(report: &Report) -> Vec<&'static IdentityDef> {
    let mut v = Vec::new();
    if report.has_table(Table::T3) {
        v.extend(t3_defs(single_f(report)));
    }
    if report.has_table(Table::T4) {
        v.extend(t4_defs());
    }
    v
}

enum Operand {
    Num(Num),
    /// Not a number: blank, placeholder, text or absent.
    Missing(&'static Missing),
}

fn operand(report: &Report, key: CellKey) -> Operand {
    match report.value(key) {
        Some(CellValue::Number(n)) => Operand::Num(*n),
        Some(CellValue::Blank) => Operand::Missing(&words::BLANK),
        Some(CellValue::Placeholder(_)) => Operand::Missing(&words::PLACEHOLDER),
        Some(CellValue::Text(_)) => Operand::Missing(&words::NOT_A_NUMBER),
        None => Operand::Missing(&words::ABSENT),
    }
}

/// Σ of the operands: `None` when one is missing (or, with `as_zero`, one that cannot be
/// read as 0), or on overflow.
fn sum_ops(ops: &[Operand], as_zero: bool) -> Option<Num> {
    ops.iter().try_fold(Num::ZERO, |total, o| {
        let n = match o {
            Operand::Num(n) => *n,
            Operand::Missing(m) if as_zero => m.as_zero?,
            Operand::Missing(_) => return None,
        };
        total.checked_add(n)
    })
}

/// Why an identity cannot be checked: the first few cells that are not numbers, named in
/// runs of one row with one reason (the row of a row total is named by the message already).
fn not_numbers(
    report: &Report,
    id: &IdentityDef,
    left_ops: &[Operand],
    right_ops: &[Operand],
) -> NotNumbers {
    const SHOWN: usize = 4;
    let missing: Vec<(CellKey, &'static Missing)> = id
        .left
        .iter()
        .zip(left_ops)
        .chain(id.right.iter().zip(right_ops))
        .filter_map(|(k, o)| match o {
            Operand::Missing(m) => Some((*k, *m)),
            Operand::Num(_) => None,
        })
        .collect();
    let known_row = match id.instance {
        Instance::Row(table, row) => Some((table, row)),
        Instance::Col(..) => None,
    };
    let as_zero = match (sum_ops(left_ops, true), sum_ops(right_ops, true)) {
        (Some(l), Some(r)) if !l.same_value(r) => Some((l, r)),
        _ => None,
    };
    NotNumbers {
        missing: missing
            .iter()
            .take(SHOWN)
            .map(|&(k, m)| (CellName::of(report, k), m))
            .collect(),
        total: missing.len(),
        known_row,
        as_zero,
    }
}

/// Evaluates every identity that applies to the report.
pub(super) fn check(report: &Report, out: &mut Vec<Finding>, evals: &mut Vec<Evaluation>) {
    for id in identities(report) {
        let left_ops: Vec<Operand> = id.left.iter().map(|&k| operand(report, k)).collect();
        let right_ops: Vec<Operand> = id.right.iter().map(|&k| operand(report, k)).collect();
        // Rows are named in the report's own words where the report has them.
        let instance_zh = match id.instance {
            Instance::Row(Table::T3, row) => report
                .row(Table::T3, row)
                .map_or_else(|| id.instance_zh.to_string(), |r| r.label.clone()),
            _ => id.instance_zh.to_string(),
        };
        let left = sum_ops(&left_ops, false);
        let right = sum_ops(&right_ops, false);
        let broken = match (left, right) {
            (Some(l), Some(r)) if l.same_value(r) => None,
            (Some(l), Some(r)) => Some(Broken::Unequal { left: l, right: r }),
            _ => Some(Broken::NotNumbers(not_numbers(
                report, id, &left_ops, &right_ops,
            ))),
        };
        let outcome = match &broken {
            None => Outcome::Pass,
            Some(Broken::Unequal { .. }) => Outcome::Fail,
            Some(Broken::NotNumbers(_)) => Outcome::NotAssessable,
        };
        if let Some(broken) = broken {
            let numbers = match broken {
                Broken::Unequal { left, right } => Some((left, right)),
                Broken::NotNumbers(_) => None,
            };
            let v = Imbalance {
                kind: id.kind,
                name_zh: instance_zh.clone(),
                name_en: id.instance_en,
                broken,
            };
            let cells = id.left.iter().chain(&id.right).copied().collect();
            let mut f = Finding::new(&v).with_cells(cells);
            if let Some((l, r)) = numbers {
                f = f.with_numbers(l, r);
            }
            out.push(f);
        }
        evals.push(Evaluation {
            rule: id.kind.rule(),
            instance: id.instance,
            instance_zh,
            instance_en: id.instance_en.to_string(),
            left_cells: &id.left,
            right_cells: &id.right,
            left,
            right,
            outcome,
        });
    }
}
