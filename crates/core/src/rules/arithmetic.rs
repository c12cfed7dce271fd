//! The arithmetic identities of the national tables (T3-IDENTITY, T3-RESULTS-TOTAL,
//! T3-ROW-TOTAL, T4-GROUP-TOTAL), built once from the format data and evaluated per report.
//! Every instance is an [`Evaluation`] (passes included); one that fails or cannot be
//! checked is also a finding.

use super::words::{self, pick, CellName, Missing, NotNumbers};
use super::Violation;
use super::{cells, finding};
use super::{
    Case, Evaluation, Finding, Group, Instance, Outcome, Rule, RuleDoc, RuleId, Scope, Severity,
};
use crate::format::{self, t3, t4, CellKey, DetectedFormat, RowSpec, Table};
use crate::lang::Lang;
use crate::model::{Cell, CellStore, CellValue, Report};
use crate::num::Num;
use std::sync::OnceLock;

/// The severity of every identity. A blank cell (or a placeholder) in an identity is an
/// unknown count ≥ 0: an error when no count written in it could make the sides equal, a
/// warning when only counts other than 0 could (the template asks for 0 to be written), a
/// note when a cell is text or missing.
const IDENTITY_CASES: &[Case] = &[
    Case {
        severity: Severity::Error,
        zh: "两边不相等，或者空白单元格无论填什么数两边都不相等",
        en: "the sides differ, or differ whatever the blank cells hold",
    },
    Case {
        severity: Severity::Warning,
        zh: "只有空白（或占位符）单元格不为0时两边才能相等",
        en: "the sides can be equal only if blank (or placeholder) cells are not 0",
    },
    Case {
        severity: Severity::Info,
        zh: "有单元格为文字或缺失，无法校验",
        en: "a cell is text or missing: not assessable",
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
};

/// Why T3_IDENTITY exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const T3_IDENTITY_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。即每一列都应满足：本年新收 + 上年结转 = 本年度办理结果（七）总计 + 结转下年度继续办理。不相等说明有申请被漏记、重复计入或结转数填错。空白单元格（或占位符）是未知的非负件数，从不当作0：空白无论填什么数两边都不相等时为错误；只有空白不为0时两边才能相等时为警告（统一格式要求没有的填0）；空白按0计两边已相等时只报“单元格空白”。\n怎样改：逐列核对该列的四个数。常见原因是（七）总计只加了部分办理结果，或结转下年度漏填。空白处填写实际件数，没有的填0。“可疑”一栏给出最能解释全部不相等之处的单元格：可能是一个或两个格、整行、整列，或者一整行数字错填到了相邻一行。",
    en: "Why: table 3's header states the identity for every column: new this year + carried over = (七) total handled + carried to next year. A mismatch means applications were lost, double-counted or carried over wrongly. A blank cell (or a placeholder) is an unknown count ≥ 0, never read as 0: when no count in the blanks can make the sides equal it is an error; when only counts other than 0 can, a warning (the template asks for 0 to be written); when the sides are equal with the blanks as 0, only CELL-BLANK is reported.\nHow to fix: check the four numbers of the column. Write the actual counts in blank cells, 0 where there is none. The suspect named is what best explains every mismatch: one or two cells, a whole row or column, or a row of numbers entered one row off.",
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
};

/// Why T3_RESULTS_TOTAL exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const T3_RESULTS_TOTAL_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表三“部分公开”一行注明“区分处理的，只计这一情形，不计其他情形”，即每件申请只计入一种办理结果，所以（七）总计应等于（一）予以公开、（二）部分公开、（三）不予公开1–8、（四）无法提供1–3、（五）不予处理1–5、（六）其他处理各项之和。空白单元格（或占位符）是未知的非负件数，从不当作0：空白无论填什么数两边都不相等时为错误；只有空白不为0时两边才能相等时为警告（统一格式要求没有的填0）；空白按0计两边已相等时只报“单元格空白”。\n怎样改：重新合计该列各项办理结果，或检查是否有申请被计入了两种结果。空白处填写实际件数，没有的填0。“可疑”一栏给出最能解释全部不相等之处的单元格：可能是一个或两个格、整行、整列，或者一整行数字错填到了相邻一行。",
    en: "Why: each application is counted under exactly one outcome (“区分处理的，只计这一情形”), so (七) total must equal the sum of outcomes (一) to (六). A blank cell (or a placeholder) is an unknown count ≥ 0, never read as 0: when no count in the blanks can make the sides equal it is an error; when only counts other than 0 can, a warning (the template asks for 0 to be written); when the sides are equal with the blanks as 0, only CELL-BLANK is reported.\nHow to fix: re-add the column's outcomes, or look for an application counted twice. Write the actual counts in blank cells, 0 where there is none. The suspect named is what best explains every mismatch: one or two cells, a whole row or column, or a row of numbers entered one row off.",
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
};

/// Why T3_ROW_TOTAL exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const T3_ROW_TOTAL_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表三“总计”列是自然人与五类法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和，每一行都应相等。空白单元格（或占位符）是未知的非负件数，从不当作0：空白无论填什么数两边都不相等时为错误；只有空白不为0时两边才能相等时为警告（统一格式要求没有的填0）；空白按0计两边已相等时只报“单元格空白”。\n怎样改：重新合计该行，或检查是否有数字填错列。空白处填写实际件数，没有的填0。“可疑”一栏给出最能解释全部不相等之处的单元格：可能是一个或两个格、整行、整列，或者一整行数字错填到了相邻一行。",
    en: "Why: the 总计 column of table 3 is the sum of natural persons and the five kinds of organisations, in every row. A blank cell (or a placeholder) is an unknown count ≥ 0, never read as 0: when no count in the blanks can make the sides equal it is an error; when only counts other than 0 can, a warning (the template asks for 0 to be written); when the sides are equal with the blanks as 0, only CELL-BLANK is reported.\nHow to fix: re-add the row, or look for a number in the wrong column. Write the actual counts in blank cells, 0 where there is none. The suspect named is what best explains every mismatch: one or two cells, a whole row or column, or a row of numbers entered one row off.",
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
};

/// Why T4_GROUP_TOTAL exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const T4_GROUP_TOTAL_DOC: RuleDoc = RuleDoc {
    zh: "为什么：表四行政复议、未经复议直接起诉、复议后起诉三组各有“总计”，应等于该组结果维持、结果纠正、其他结果、尚未审结四项之和。实际报告中常见总计误填为0而各项之和不为0。空白单元格（或占位符）是未知的非负件数，从不当作0：空白无论填什么数两边都不相等时为错误；只有空白不为0时两边才能相等时为警告（统一格式要求没有的填0）；空白按0计两边已相等时只报“单元格空白”。\n怎样改：重新合计该组四项并填入总计。空白处填写实际件数，没有的填0。“可疑”一栏给出最能解释全部不相等之处的单元格：可能是一个或两个格、整行、整列，或者一整行数字错填到了相邻一行。",
    en: "Why: each of the three groups of table 4 (reconsideration, direct litigation, litigation after reconsideration) has a total that must equal upheld + corrected + other + pending. Totals printed as 0 while the parts are not are a common error. A blank cell (or a placeholder) is an unknown count ≥ 0, never read as 0: when no count in the blanks can make the sides equal it is an error; when only counts other than 0 can, a warning (the template asks for 0 to be written); when the sides are equal with the blanks as 0, only CELL-BLANK is reported.\nHow to fix: add up the four parts and write the sum as the total. Write the actual counts in blank cells, 0 where there is none. The suspect named is what best explains every mismatch: one or two cells, a whole row or column, or a row of numbers entered one row off.",
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
    /// Blank cells (unknown counts ≥ 0) that cannot make the sides equal: they are all on
    /// the side that the printed numbers already make the larger. `left` and `right` are the
    /// sums of the printed numbers; `blanks` names every blank.
    NeverHolds {
        left: Num,
        right: Num,
        blanks: NotNumbers,
    },
    /// The sides can be equal only if the blanks of the smaller side hold `need` in all (at
    /// least `need` when the other side has blanks too): never 0, which the template asks for.
    BlanksMustHold {
        left: Num,
        right: Num,
        blanks: NotNumbers,
        need: Num,
        at_least: bool,
    },
    /// A side has a cell that is text or missing.
    NotNumbers(NotNumbers),
}

impl Violation for Imbalance {
    fn rule(&self) -> RuleId {
        self.kind.rule()
    }
    fn outcome(&self) -> Outcome {
        match self.broken {
            Broken::NotNumbers(_) => Outcome::NotAssessable,
            _ => Outcome::Fail,
        }
    }
    fn severity(&self) -> Severity {
        match &self.broken {
            Broken::Unequal { .. } | Broken::NeverHolds { .. } => Severity::Error,
            Broken::BlanksMustHold { .. } => Severity::Warning,
            Broken::NotNumbers(_) => Severity::Info,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let name = pick(lang, &self.name_zh, self.name_en);
        // Where (`表三“自然人”列`) and the two sides in words.
        let (place, ls, rs) = match (self.kind, lang) {
            (Kind::T3Identity, Lang::Zh) => (
                format!("表三“{name}”列"),
                "第一项加第二项之和",
                "第三项加第四项之和",
            ),
            (Kind::T3Identity, Lang::En) => {
                (format!("Table 3 column “{name}”"), "I + II", "III + IV")
            }
            (Kind::T3ResultsTotal, Lang::Zh) => (
                format!("表三“{name}”列"),
                "（一）至（六）各项办理结果之和",
                "“（七）总计”",
            ),
            (Kind::T3ResultsTotal, Lang::En) => (
                format!("Table 3 column “{name}”"),
                "outcomes (1)…(6)",
                "(7) Total",
            ),
            (Kind::T3RowTotal, Lang::Zh) => (format!("表三“{name}”行"), "各类申请人之和", "“总计”"),
            (Kind::T3RowTotal, Lang::En) => (
                format!("Table 3 row “{name}”"),
                "the applicant columns",
                "the total",
            ),
            (Kind::T4GroupTotal, Lang::Zh) => (
                format!("表四“{name}”"),
                "结果维持、结果纠正、其他结果、尚未审结之和",
                "“总计”",
            ),
            (Kind::T4GroupTotal, Lang::En) => (
                format!("Table 4 “{name}”"),
                "upheld + corrected + other + pending",
                "the total",
            ),
        };
        match &self.broken {
            Broken::Unequal { left, right } => match (self.kind, lang) {
                (Kind::T3Identity, Lang::Zh) => {
                    format!("{place}：{ls}（{left}）不等于{rs}（{right}）")
                }
                (Kind::T3Identity, Lang::En) => {
                    format!("{place}: {ls} ({left}) does not equal {rs} ({right})")
                }
                (_, Lang::Zh) => format!("{place}：{ls}为{left}，但{rs}为{right}"),
                (Kind::T3ResultsTotal, Lang::En) => {
                    format!("{place}: {ls} add up to {left}, but {rs} is {right}")
                }
                (Kind::T3RowTotal, Lang::En) => {
                    format!("{place}: {ls} add up to {left}, but {rs} is {right}")
                }
                (Kind::T4GroupTotal, Lang::En) => {
                    format!("{place}: {ls} = {left}, but {rs} is {right}")
                }
            },
            Broken::NeverHolds {
                left,
                right,
                blanks,
            } => {
                let blanks = blanks.because(lang);
                match lang {
                    Lang::Zh => format!(
                        "{place}：只计已填的数字，{ls}为{left}，{rs}为{right}；{blanks}，但空白只能使已经较大的一边更大，无论填什么数两边都不相等"
                    ),
                    Lang::En => format!(
                        "{place}: counting only the numbers written, {ls} = {left} and {rs} = {right}; {blanks}, but blanks can only make the larger side larger: no count written in them makes the sides equal"
                    ),
                }
            }
            Broken::BlanksMustHold {
                left,
                right,
                blanks,
                need,
                at_least,
            } => {
                let blanks = blanks.because(lang);
                match (lang, at_least) {
                    (Lang::Zh, false) => format!(
                        "{place}：只计已填的数字，{ls}为{left}，{rs}为{right}；{blanks}，只有这些单元格合计为{need}时两边才相等，而统一格式要求没有的填0：请填写实际件数"
                    ),
                    (Lang::Zh, true) => format!(
                        "{place}：只计已填的数字，{ls}为{left}，{rs}为{right}；{blanks}，只有这些单元格合计至少为{need}时两边才能相等，而统一格式要求没有的填0：请填写实际件数"
                    ),
                    (Lang::En, false) => format!(
                        "{place}: counting only the numbers written, {ls} = {left} and {rs} = {right}; {blanks}: the sides are equal only if these cells hold {need} in all, while the template asks for 0 to be written where there is none: write the actual counts"
                    ),
                    (Lang::En, true) => format!(
                        "{place}: counting only the numbers written, {ls} = {left} and {rs} = {right}; {blanks}: the sides can be equal only if these cells hold at least {need} in all, while the template asks for 0 to be written where there is none: write the actual counts"
                    ),
                }
            }
            Broken::NotNumbers(why) => {
                let why = why.because(lang);
                match (self.kind, lang) {
                    (Kind::T3Identity, Lang::Zh) => format!("{place}的勾稽关系无法校验，因为{why}"),
                    (Kind::T3Identity, Lang::En) => {
                        format!("{place}: the identity cannot be checked because {why}")
                    }
                    (Kind::T3ResultsTotal, Lang::Zh) => {
                        format!("{place}的办理结果合计无法校验，因为{why}")
                    }
                    (Kind::T3ResultsTotal, Lang::En) => {
                        format!("{place}: the outcome total cannot be checked because {why}")
                    }
                    (_, Lang::Zh) => format!("{place}的总计无法校验，因为{why}"),
                    (_, Lang::En) => {
                        format!("{place}: the total cannot be checked because {why}")
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
    /// The table of every cell of the identity, and where the cells of each side are kept in
    /// its slots ([`CellStore::slot_of`]).
    table: Table,
    left_slots: Vec<usize>,
    right_slots: Vec<usize>,
}

impl IdentityDef {
    /// The identity evaluated: its sums (`None` where a side is not all numbers) and outcome.
    /// Inlined: out of line it is 360 B gzip more in the page's compat module (measured).
    #[inline(always)]
    fn evaluation(
        &'static self,
        (left, right): (Option<Num>, Option<Num>),
        outcome: Outcome,
    ) -> Evaluation {
        Evaluation {
            rule: self.kind.rule(),
            instance: self.instance,
            format_zh: self.instance_zh,
            instance_en: self.instance_en,
            left_cells: &self.left,
            right_cells: &self.right,
            left,
            right,
            outcome,
        }
    }

    fn new(
        kind: Kind,
        instance: Instance,
        (label_zh, label_en): (&'static str, &'static str),
        left: Vec<CellKey>,
        right: Vec<CellKey>,
    ) -> IdentityDef {
        let table = left[0].table;
        debug_assert!(left.iter().chain(&right).all(|k| k.table == table));
        let slots = |keys: &[CellKey]| keys.iter().map(|&k| CellStore::slot_of(k)).collect();
        IdentityDef {
            kind,
            instance,
            instance_zh: label_zh,
            instance_en: label_en,
            left_slots: slots(&left),
            right_slots: slots(&right),
            left,
            right,
            table,
        }
    }
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
            v.push(IdentityDef::new(
                kind,
                Instance::Col(Table::T3, c.id),
                (c.label_zh, c.label_en),
                left,
                right,
            ));
        }
    }
    let format = if single_f {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    };
    for r in format::t3_rows(format) {
        v.push(IdentityDef::new(
            Kind::T3RowTotal,
            Instance::Row(Table::T3, r.id),
            (r.label_zh, r.label_en),
            t3::parts().map(|c| r.cell(c.id)).collect(),
            vec![r.cell(t3::TOTAL)],
        ));
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
            .map(|g| {
                IdentityDef::new(
                    Kind::T4GroupTotal,
                    Instance::Row(Table::T4, g.id),
                    (g.label_zh, g.label_en),
                    t4::parts().map(|c| g.cell(c.id)).collect(),
                    vec![g.cell(t4::TOTAL)],
                )
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

/// The identities that apply to a report (those of the tables it has), in order.
fn identities(report: &Report) -> impl Iterator<Item = &'static IdentityDef> {
    let (mut t3, mut t4) = (false, false);
    for r in &report.rows {
        t3 |= r.table == Table::T3;
        t4 |= r.table == Table::T4;
    }
    let t3: &'static [IdentityDef] = if t3 { t3_defs(single_f(report)) } else { &[] };
    let t4: &'static [IdentityDef] = if t4 { t4_defs() } else { &[] };
    t3.iter().chain(t4)
}

enum Operand {
    Num(Num),
    /// Blank or a placeholder where the template asks for a count: an unknown count ≥ 0.
    Unknown(&'static Missing),
    /// Text or absent: nothing can be said.
    Missing(&'static Missing),
}

fn operand(report: &Report, key: CellKey) -> Operand {
    match report.value(key) {
        Some(CellValue::Number(n)) => Operand::Num(*n),
        Some(CellValue::Blank) => Operand::Unknown(&words::BLANK),
        Some(CellValue::Placeholder(_)) => Operand::Unknown(&words::PLACEHOLDER),
        Some(CellValue::Text(_)) => Operand::Missing(&words::NOT_A_NUMBER),
        None => Operand::Missing(&words::ABSENT),
    }
}

/// Σ of the operands: `None` when one is not a number, or on overflow.
fn sum_ops(ops: &[Operand]) -> Option<Num> {
    ops.iter().try_fold(Num::ZERO, |total, o| match o {
        Operand::Num(n) => total.checked_add(*n),
        _ => None,
    })
}

/// Σ of the numbers among the operands and how many unknowns there are (`None` on overflow
/// or when an operand is text or missing).
fn printed_sum(ops: &[Operand]) -> Option<(Num, usize)> {
    ops.iter()
        .try_fold((Num::ZERO, 0), |(total, unknown), o| match o {
            Operand::Num(n) => Some((total.checked_add(*n)?, unknown)),
            Operand::Unknown(_) => Some((total, unknown + 1)),
            Operand::Missing(_) => None,
        })
}

/// The cells that are not numbers among `cells` (those `which` picks), the first few named in
/// runs of one row with one reason (the row of a row total is named by the message already).
fn named<'a>(
    report: &Report,
    cells: impl Iterator<Item = (&'a CellKey, &'a Operand)>,
    known_row: Option<(Table, format::RowId)>,
    which: impl Fn(&Operand) -> bool,
) -> NotNumbers {
    const SHOWN: usize = 4;
    let missing: Vec<(CellKey, &'static Missing)> = cells
        .filter(|(_, o)| which(o))
        .filter_map(|(k, o)| match o {
            Operand::Unknown(m) | Operand::Missing(m) => Some((*k, *m)),
            Operand::Num(_) => None,
        })
        .collect();
    NotNumbers {
        missing: missing
            .iter()
            .take(SHOWN)
            .map(|&(k, m)| (CellName::of(report, k), m))
            .collect(),
        total: missing.len(),
        known_row,
    }
}

/// How an identity stands, with blanks and placeholders as unknown counts ≥ 0: its outcome,
/// and what is wrong when it needs a finding. An identity that holds with the blanks as 0 is
/// not assessable and no finding (CELL-BLANK names the blanks), nor is one that only a blank
/// total of a CELL-BLANK error could balance (one finding per cause).
fn judge(
    report: &Report,
    id: &IdentityDef,
    left_ops: &[Operand],
    right_ops: &[Operand],
) -> (Outcome, Option<Broken>) {
    let known_row = match id.instance {
        Instance::Row(table, row) => Some((table, row)),
        Instance::Col(..) => None,
    };
    let all = || {
        id.left
            .iter()
            .zip(left_ops)
            .chain(id.right.iter().zip(right_ops))
    };
    let (Some((left, l_unknown)), Some((right, r_unknown))) =
        (printed_sum(left_ops), printed_sum(right_ops))
    else {
        let text_or_missing = left_ops
            .iter()
            .chain(right_ops)
            .any(|o| matches!(o, Operand::Missing(_)));
        if !text_or_missing {
            return (Outcome::NotAssessable, None); // an overflow
        }
        let why = named(report, all(), known_row, |_| true);
        return (Outcome::NotAssessable, Some(Broken::NotNumbers(why)));
    };
    if left.same_value(right) {
        return match l_unknown + r_unknown {
            0 => (Outcome::Pass, None),
            _ => (Outcome::NotAssessable, None),
        };
    }
    if l_unknown + r_unknown == 0 {
        return (Outcome::Fail, Some(Broken::Unequal { left, right }));
    }
    // The side that must grow to balance, and by how much.
    let Some(diff) = right.checked_sub(left) else {
        return (Outcome::NotAssessable, None);
    };
    let grow_left = !diff.is_negative();
    let (grow, other) = if grow_left {
        (l_unknown, r_unknown)
    } else {
        (r_unknown, l_unknown)
    };
    if grow == 0 {
        let blanks = named(report, all(), known_row, |o| {
            matches!(o, Operand::Unknown(_))
        });
        let broken = Broken::NeverHolds {
            left,
            right,
            blanks,
        };
        return (Outcome::Fail, Some(broken));
    }
    let (keys, ops) = if grow_left {
        (&id.left, left_ops)
    } else {
        (&id.right, right_ops)
    };
    let blank_total = keys
        .iter()
        .zip(ops)
        .any(|(&k, o)| matches!(o, Operand::Unknown(_)) && cells::blank_total(report, k));
    if blank_total {
        return (Outcome::NotAssessable, None);
    }
    let need = if grow_left {
        diff
    } else {
        left.checked_sub(right).unwrap_or(diff)
    };
    let blanks = named(report, keys.iter().zip(ops), known_row, |o| {
        matches!(o, Operand::Unknown(_))
    });
    let broken = Broken::BlanksMustHold {
        left,
        right,
        blanks,
        need,
        at_least: other > 0,
    };
    (Outcome::Fail, Some(broken))
}

/// The evaluation of the `index`th identity that applies to `report` (the order of
/// [`check`]'s evaluations), with its sums and outcome: how a report's evaluations come back
/// from the page's full-check module ([`super::wire`]), where only these travel, the identity
/// itself being the format data's. `None` when there is no such identity or it is not `rule`'s.
pub(super) fn evaluation_at(
    report: &Report,
    index: usize,
    rule: RuleId,
    (left, right): (Option<Num>, Option<Num>),
    outcome: Outcome,
) -> Option<Evaluation> {
    let id = identities(report).nth(index)?;
    (id.kind.rule() == rule).then(|| id.evaluation((left, right), outcome))
}

/// The two sides of an identity in one pass over its cells, for the common case: every cell a
/// number. `None` when a cell is blank, a placeholder, text or absent, or on overflow:
/// [`judge`] then looks at each cell.
fn plain_sums(report: &Report, id: &IdentityDef) -> Option<(Num, Num)> {
    let cells = report.cells.slots(id.table);
    let side = |slots: &[usize]| {
        slots
            .iter()
            .try_fold(Num::ZERO, |total, &i| match cells.get(i) {
                Some(Some(Cell {
                    value: CellValue::Number(n),
                    ..
                })) => total.checked_add(*n),
                _ => None,
            })
    };
    Some((side(&id.left_slots)?, side(&id.right_slots)?))
}

/// Evaluates every identity that applies to the report.
pub(super) fn check(report: &Report, out: &mut Vec<Finding>, evals: &mut Vec<Evaluation>) {
    // the operands of each identity that does not simply hold, in buffers kept from one to
    // the next
    let (mut left_ops, mut right_ops) = (Vec::new(), Vec::new());
    let ids = identities(report);
    evals.reserve(ids.size_hint().0);
    for id in ids {
        // the common case first: every cell a number and the sides equal
        if let Some((left, right)) = plain_sums(report, id) {
            if left.same_value(right) {
                evals.push(id.evaluation((Some(left), Some(right)), Outcome::Pass));
                continue;
            }
        }
        left_ops.clear();
        left_ops.extend(id.left.iter().map(|&k| operand(report, k)));
        right_ops.clear();
        right_ops.extend(id.right.iter().map(|&k| operand(report, k)));
        let (outcome, broken) = judge(report, id, &left_ops, &right_ops);
        if let Some(broken) = broken {
            let numbers = match broken {
                Broken::Unequal { left, right } => Some((left, right)),
                _ => None,
            };
            let v = Imbalance {
                kind: id.kind,
                name_zh: finding::instance_in_words(report, id.instance, id.instance_zh)
                    .to_string(),
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
        let sums = (sum_ops(&left_ops), sum_ops(&right_ops));
        evals.push(id.evaluation(sums, outcome));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An evaluation's rule, instance, sums and outcome.
    type Judged = (RuleId, Instance, Option<Num>, Option<Num>, Outcome);

    /// Every identity judged cell by cell, as [`check`] did before it summed the common case in
    /// one pass.
    fn plain(report: &Report) -> Vec<Judged> {
        identities(report)
            .map(|id| {
                let l: Vec<_> = id.left.iter().map(|&k| operand(report, k)).collect();
                let r: Vec<_> = id.right.iter().map(|&k| operand(report, k)).collect();
                let (outcome, _) = judge(report, id, &l, &r);
                (
                    id.kind.rule(),
                    id.instance,
                    sum_ops(&l),
                    sum_ops(&r),
                    outcome,
                )
            })
            .collect()
    }

    /// The one-pass sums of [`check`] give every evaluation that judging every cell gives, on
    /// every text fixture (the seed, the cases with blanks, placeholders, text, overflows).
    #[test]
    fn the_common_case_is_judged_as_cell_by_cell() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
        let mut dirs = vec![std::path::PathBuf::from(root)];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let report = crate::check_text(&text).report;
                let (mut out, mut evals) = (Vec::new(), Vec::new());
                check(&report, &mut out, &mut evals);
                let got: Vec<_> = evals
                    .iter()
                    .map(|e| (e.rule, e.instance, e.left, e.right, e.outcome))
                    .collect();
                assert_eq!(got, plain(&report), "{}", path.display());
                seen += usize::from(!evals.is_empty());
            }
        }
        assert!(seen >= 20, "{seen} fixtures with identities");
    }
}
