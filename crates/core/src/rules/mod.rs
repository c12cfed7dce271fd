//! The rules: a [`Report`] (and, for the cross-year rules, last year's) in, [`Finding`]s and
//! [`Evaluation`]s out.
//!
//! **A rule is one unit.** Its definition — id, default severity and the cases that change
//! it, scope, the group it is shown under, title and documentation in Chinese and English —
//! its typed violation (a struct or enum whose fields are the message's parameters, written
//! into the zh and en messages with `format!`, so that a missing parameter does not compile)
//! and its check stand together in the file of its family: [`structure`], [`cells`],
//! [`arithmetic`], [`text`], [`cross_year`]. [`declare_rules!`] below is the one list of
//! rules: it makes [`RuleId`], its contract strings (format.md §10) and the catalogue
//! [`RULES`]. `nianbao explain`, `nianbao rules`, SARIF, the page's rule panel and the
//! README's rule table are generated from the catalogue.
//!
//! The floor: rules read the [`Report`] only (base modules, `format`, `model`), never the
//! readers or the report builder.

// Without `checks` (and `prose`) the checks are left out of the build (the page's first-load
// module): their code stays compiled for the rules' catalogue (ids, metadata, messages) and for
// the findings coming back from the full-check module (`wire`), unused.
#[cfg_attr(not(feature = "checks"), allow(dead_code))]
mod arithmetic;
#[cfg_attr(not(feature = "checks"), allow(dead_code))]
mod cells;
mod cross_year;
mod finding;
#[cfg_attr(not(feature = "checks"), allow(dead_code))]
mod structure;
#[cfg_attr(not(feature = "prose"), allow(dead_code))]
mod text;
pub mod wire;
#[cfg_attr(not(feature = "checks"), allow(dead_code))]
mod words;

pub use cross_year::{auto_partners, check_pair, not_comparable, pair_problem, same_body};
pub use finding::{Evaluation, Explanation, Finding, Instance, Outcome, Severity, SuspectUnit};
pub(crate) use structure::check_incomplete;
#[cfg(feature = "prose")]
pub(crate) use text::apply_terms;
pub use text::lexicon::Terms;

use crate::format::Table;
use crate::lang::Lang;
#[cfg(feature = "checks")]
use crate::model::DetectedFormat;
use crate::model::{ReadStatus, Report};
use std::fmt;
use std::str::FromStr;

/// The one list of rules: `Variant = "CONTRACT-ID" => definition, documentation`, in the order
/// of the catalogue. It makes the [`RuleId`] enum with its contract strings, [`RuleId::ALL`],
/// [`RULES`] (the definitions, indexed by `RuleId as usize`) and [`DOCS`].
macro_rules! declare_rules {
    ($($variant:ident = $id:literal => $def:path, $doc:path;)*) => {
        /// A rule's stable id. Its string (`T3-IDENTITY`, format.md §10) is for the boundary
        /// only: the contract, the CLI, the page, tests.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule, in the order of the catalogue.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The id as format.md §10 writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }
        }

        /// The catalogue: every rule's definition, in [`RuleId::ALL`] order.
        pub static RULES: &[Rule] = &[$($def,)*];

        /// Every rule's documentation, in [`RuleId::ALL`] order. Apart from [`RULES`], so that
        /// a build that never shows it (the page's first module: the reader module brings it
        /// when the rules panel is opened) leaves its text out.
        pub static DOCS: &[RuleDoc] = &[$($doc,)*];
    };
}

declare_rules! {
    FormatOutdated = "FORMAT-OUTDATED" => structure::FORMAT_OUTDATED, structure::FORMAT_OUTDATED_DOC;
    FormatMixed = "FORMAT-MIXED" => structure::FORMAT_MIXED, structure::FORMAT_MIXED_DOC;
    FormatUnknown = "FORMAT-UNKNOWN" => structure::FORMAT_UNKNOWN, structure::FORMAT_UNKNOWN_DOC;
    SectionMissing = "SECTION-MISSING" => structure::SECTION_MISSING, structure::SECTION_MISSING_DOC;
    SectionOrder = "SECTION-ORDER" => structure::SECTION_ORDER, structure::SECTION_ORDER_DOC;
    TableMissing = "TABLE-MISSING" => structure::TABLE_MISSING, structure::TABLE_MISSING_DOC;
    RowMissing = "ROW-MISSING" => structure::ROW_MISSING, structure::ROW_MISSING_DOC;
    ColumnMissing = "COLUMN-MISSING" => structure::COLUMN_MISSING, structure::COLUMN_MISSING_DOC;
    CellBlank = "CELL-BLANK" => cells::CELL_BLANK, cells::CELL_BLANK_DOC;
    CellPlaceholder = "CELL-PLACEHOLDER" => cells::CELL_PLACEHOLDER, cells::CELL_PLACEHOLDER_DOC;
    CellNotNumber = "CELL-NOT-NUMBER" => cells::CELL_NOT_NUMBER, cells::CELL_NOT_NUMBER_DOC;
    CellNegative = "CELL-NEGATIVE" => cells::CELL_NEGATIVE, cells::CELL_NEGATIVE_DOC;
    CellNotInteger = "CELL-NOT-INTEGER" => cells::CELL_NOT_INTEGER, cells::CELL_NOT_INTEGER_DOC;
    T3Identity = "T3-IDENTITY" => arithmetic::T3_IDENTITY, arithmetic::T3_IDENTITY_DOC;
    T3ResultsTotal = "T3-RESULTS-TOTAL" => arithmetic::T3_RESULTS_TOTAL, arithmetic::T3_RESULTS_TOTAL_DOC;
    T3RowTotal = "T3-ROW-TOTAL" => arithmetic::T3_ROW_TOTAL, arithmetic::T3_ROW_TOTAL_DOC;
    T4GroupTotal = "T4-GROUP-TOTAL" => arithmetic::T4_GROUP_TOTAL, arithmetic::T4_GROUP_TOTAL_DOC;
    CellsAmbiguous = "CELLS-AMBIGUOUS" => cells::CELLS_AMBIGUOUS, cells::CELLS_AMBIGUOUS_DOC;
    TextTypo = "TEXT-TYPO" => text::typo::TEXT_TYPO, text::typo::TEXT_TYPO_DOC;
    TextEnumeration = "TEXT-ENUMERATION" => text::enumeration::TEXT_ENUMERATION, text::enumeration::TEXT_ENUMERATION_DOC;
    TextPairing = "TEXT-PAIRING" => text::pairing::TEXT_PAIRING, text::pairing::TEXT_PAIRING_DOC;
    TemplateLeftover = "TEMPLATE-LEFTOVER" => text::leftover::TEMPLATE_LEFTOVER, text::leftover::TEMPLATE_LEFTOVER_DOC;
    TextTableMismatch = "TEXT-TABLE-MISMATCH" => text::tables::TEXT_TABLE_MISMATCH, text::tables::TEXT_TABLE_MISMATCH_DOC;
    FeeStatementMissing = "FEE-STATEMENT-MISSING" => text::fee::FEE_STATEMENT_MISSING, text::fee::FEE_STATEMENT_MISSING_DOC;
    ThemeMissing = "THEME-MISSING" => text::themes::THEME_MISSING, text::themes::THEME_MISSING_DOC;
    DeadlineLate = "DEADLINE-LATE" => text::deadline::DEADLINE_LATE, text::deadline::DEADLINE_LATE_DOC;
    CarryoverMismatch = "CARRYOVER-MISMATCH" => cross_year::CARRYOVER_MISMATCH, cross_year::CARRYOVER_MISMATCH_DOC;
    ValidCountContinuity = "VALID-COUNT-CONTINUITY" => cross_year::VALID_COUNT_CONTINUITY, cross_year::VALID_COUNT_CONTINUITY_DOC;
    ReadIncomplete = "READ-INCOMPLETE" => structure::READ_INCOMPLETE, structure::READ_INCOMPLETE_DOC;
    CheckIncomplete = "CHECK-INCOMPLETE" => structure::CHECK_INCOMPLETE, structure::CHECK_INCOMPLETE_DOC;
}

impl RuleId {
    /// The rule's definition in the catalogue.
    pub fn meta(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The rule's documentation.
    pub fn doc(self) -> &'static RuleDoc {
        &DOCS[self as usize]
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is no rule id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no rule {}", self.0)
    }
}

impl FromStr for RuleId {
    type Err = UnknownRule;

    /// Exactly the id of format.md §10 (`T3-IDENTITY`).
    fn from_str(s: &str) -> Result<RuleId, UnknownRule> {
        RuleId::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.as_str()
    }
}

/// Which report formats a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every report.
    All,
    /// Reports on the 2019 or 2021 national format (including mixed).
    NationalTables,
}

impl Scope {
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Scope::All, Lang::Zh) => "所有报告",
            (Scope::All, Lang::En) => "all reports",
            (Scope::NationalTables, Lang::Zh) => "2019年试行格式和2021年版格式的报告",
            (Scope::NationalTables, Lang::En) => {
                "reports on the 2019 trial or 2021 national format"
            }
        }
    }
}

/// The group a rule's findings are shown under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    /// The format, the sections, tables and rows that are not there.
    Structure,
    /// One table.
    Table(Table),
    /// The table of the finding's first cell; [`Group::Structure`] when it names none.
    OfTable,
    /// The prose.
    Text,
    /// Against last year's report.
    CrossYear,
}

/// One case of a rule whose severity depends on the case: the severity, and when (a phrase
/// in each language).
#[derive(Debug)]
pub struct Case {
    pub severity: Severity,
    pub zh: &'static str,
    pub en: &'static str,
}

/// A rule's definition in the catalogue.
#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    /// The severity of a failure in the usual case (SARIF's default level).
    pub severity: Severity,
    /// When the severity depends on the case, every case, the usual one first (the rule
    /// computes which from its violation); empty when it does not.
    pub cases: &'static [Case],
    pub scope: Scope,
    pub group: Group,
    pub title_zh: &'static str,
    pub title_en: &'static str,
}

/// Why a rule exists and how to fix the report, in both languages: what `nianbao explain`, the
/// rules page, the README's table and the page's rules panel show.
#[derive(Debug)]
pub struct RuleDoc {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Rule {
    /// Why the rule exists and how to fix the report ([`DOCS`]).
    pub fn doc(&self) -> &'static RuleDoc {
        self.id.doc()
    }

    /// The severities the rule can give, the usual one first.
    pub fn severities(&self) -> impl Iterator<Item = Severity> + '_ {
        let usual = self.cases.is_empty().then_some(self.severity);
        usual
            .into_iter()
            .chain(self.cases.iter().map(|c| c.severity))
    }

    /// The severities in short: `错误`, `错误/警告` (`error/warning`).
    pub fn severity_short(&self, lang: Lang) -> String {
        let labels: Vec<&str> = self.severities().map(|s| s.label(lang)).collect();
        labels.join("/")
    }

    /// The severity in words, with its cases: `错误`, or `警告（空白单元格）/ 错误（合计单元格
    /// 空白而其组成部分不全为0）`.
    pub fn severity_text(&self, lang: Lang) -> String {
        if self.cases.is_empty() {
            return self.severity.label(lang).to_string();
        }
        let cases: Vec<String> = self
            .cases
            .iter()
            .map(|c| match lang {
                Lang::Zh => format!("{}（{}）", c.severity.label(lang), c.zh),
                Lang::En => format!("{} ({})", c.severity.label(lang), c.en),
            })
            .collect();
        // A full-width bracket is space enough before the slash.
        cases.join(match lang {
            Lang::Zh => "/ ",
            Lang::En => " / ",
        })
    }
}

/// Looks up a rule by id, case-insensitively; `None` for an unknown id.
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.id.as_str().eq_ignore_ascii_case(id.trim()))
}

/// What a rule found, as data: the fields are the parameters of its message.
pub(crate) trait Violation {
    /// The rule it violates.
    fn rule(&self) -> RuleId;

    /// `Fail`, or `NotAssessable` when the rule could not be evaluated.
    fn outcome(&self) -> Outcome {
        Outcome::Fail
    }

    /// The severity of this case; the catalogue's when it does not depend on the case.
    fn severity(&self) -> Severity {
        self.rule().meta().severity
    }

    /// The message users read, in `lang`.
    fn message(&self, lang: Lang) -> String;
}

/// Runs every rule on a report. `text` is what the report's spans index into. Findings come
/// in a stable order: reading notes, format, the prose, sections, tables and rows, cells,
/// arithmetic. Without the `checks` feature (the page's first-load module, which reads and
/// shows reports; its full-check module checks them) there are none; without `prose`, none
/// about the prose.
pub fn run(report: &Report, text: &str) -> (Vec<Finding>, Vec<Evaluation>) {
    let mut findings = Vec::new();
    let mut evaluations = Vec::new();
    if report.status == ReadStatus::Ok {
        #[cfg(feature = "checks")]
        every_rule(report, text, &mut findings, &mut evaluations);
    }
    #[cfg(not(feature = "checks"))]
    let _ = (text, &mut findings, &mut evaluations);
    (findings, evaluations)
}

#[cfg(feature = "checks")]
fn every_rule(
    report: &Report,
    text: &str,
    findings: &mut Vec<Finding>,
    evaluations: &mut Vec<Evaluation>,
) {
    // What the reader could not read, in the order it found it.
    for note in &report.notes {
        findings.extend(structure::note(note).or_else(|| cells::note(note)));
    }
    structure::format(report, findings);
    #[cfg(feature = "prose")]
    text::check(report, text, findings);
    #[cfg(not(feature = "prose"))]
    let _ = text;
    let national = matches!(
        report.format,
        DetectedFormat::F2021 | DetectedFormat::F2019 | DetectedFormat::Mixed
    );
    if national {
        structure::sections(report, findings);
        structure::tables(report, findings);
        cells::check(report, findings);
        arithmetic::check(report, findings, evaluations);
    }
}

/// The arithmetic identities alone (T3-IDENTITY, T3-RESULTS-TOTAL, T3-ROW-TOTAL,
/// T4-GROUP-TOTAL) on a report already read: what `run` does for them, for the benchmarks
/// (`benches/check.rs`, `examples/hot.rs`), which time this family on its own.
#[doc(hidden)]
pub fn run_arithmetic(report: &Report) -> (Vec<Finding>, Vec<Evaluation>) {
    let mut findings = Vec::new();
    let mut evaluations = Vec::new();
    arithmetic::check(report, &mut findings, &mut evaluations);
    (findings, evaluations)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule ids the contract fixes (format.md §10), as written there.
    const CONTRACT: &[&str] = &[
        "FORMAT-OUTDATED",
        "FORMAT-MIXED",
        "FORMAT-UNKNOWN",
        "SECTION-MISSING",
        "SECTION-ORDER",
        "TABLE-MISSING",
        "ROW-MISSING",
        "COLUMN-MISSING",
        "CELL-BLANK",
        "CELL-PLACEHOLDER",
        "CELL-NOT-NUMBER",
        "CELL-NEGATIVE",
        "CELL-NOT-INTEGER",
        "T3-IDENTITY",
        "T3-RESULTS-TOTAL",
        "T3-ROW-TOTAL",
        "T4-GROUP-TOTAL",
        "TEXT-TABLE-MISMATCH",
        "FEE-STATEMENT-MISSING",
        "CARRYOVER-MISMATCH",
        "VALID-COUNT-CONTINUITY",
        "DEADLINE-LATE",
        "TEXT-ENUMERATION",
        "TEXT-PAIRING",
        "TEXT-TYPO",
        "TEMPLATE-LEFTOVER",
        "CELLS-AMBIGUOUS",
    ];

    /// Contract ids with no rule yet: absent, not half-declared.
    const NOT_YET: &[&str] = &[];

    /// Rules added beyond the contract's list ("more may be added, each documented": each is
    /// in the catalogue, so in `nianbao explain`, the rules page and the README table).
    const ADDED: &[&str] = &["THEME-MISSING", "READ-INCOMPLETE", "CHECK-INCOMPLETE"];

    #[test]
    fn contract_ids_round_trip_and_the_unimplemented_are_absent() {
        for &id in CONTRACT {
            match id.parse::<RuleId>() {
                Ok(rule) => {
                    assert!(
                        !NOT_YET.contains(&id),
                        "{id} is implemented: take it off NOT_YET"
                    );
                    assert_eq!(rule.as_str(), id);
                    assert_eq!(rule.to_string(), id);
                    assert_eq!(find_rule(&id.to_lowercase()).map(|r| r.id), Some(rule));
                }
                Err(e) => {
                    assert!(NOT_YET.contains(&id), "{e}");
                    assert!(find_rule(id).is_none(), "{id}");
                }
            }
        }
        // Every rule is a contract id or a documented addition.
        for r in RuleId::ALL {
            assert!(
                CONTRACT.contains(&r.as_str()) || ADDED.contains(&r.as_str()),
                "{r} is not in format.md §10 nor listed as added"
            );
        }
        assert_eq!(
            RuleId::ALL.len() + NOT_YET.len(),
            CONTRACT.len() + ADDED.len()
        );
        assert!("t3-identity".parse::<RuleId>().is_err());
    }

    #[test]
    fn every_definition_names_its_own_rule_and_is_documented() {
        assert_eq!(RULES.len(), RuleId::ALL.len());
        for (i, (r, id)) in RULES.iter().zip(RuleId::ALL).enumerate() {
            assert_eq!(r.id, *id, "RULES[{i}] is the definition of {}", r.id);
            assert_eq!(*id as usize, i);
            assert!(std::ptr::eq(id.meta(), r));
            assert_eq!(DOCS.len(), RULES.len());
            let doc = id.doc();
            assert!(
                doc.zh.contains("为什么") && doc.zh.contains("怎样改"),
                "{id}"
            );
            assert!(
                doc.en.contains("Why") && doc.en.contains("How to fix"),
                "{id}"
            );
            assert!(!r.title_zh.is_empty() && !r.title_en.is_empty(), "{id}");
        }
    }

    #[test]
    fn a_finding_is_shown_under_its_rules_group_or_the_table_of_its_cells() {
        let seed = include_str!("../../../../tests/fixtures/seed.txt");
        // 表三 一、本年新收, 自然人 blank.
        let r1 = "一、本年新收政府信息公开申请数量\t\t0\t";
        let blank = seed.replacen(r1, "一、本年新收政府信息公开申请数量\t\t\t", 1);
        let a = crate::check_text(&blank);
        let f = a.findings.iter().find(|f| f.rule == RuleId::CellBlank);
        assert_eq!(
            f.map(Finding::group),
            Some(Group::Table(Table::T3)),
            "{a:?}"
        );
        let a = crate::check_text("一、总体情况\n……");
        let groups: Vec<(RuleId, Group)> = a.findings.iter().map(|f| (f.rule, f.group())).collect();
        assert_eq!(groups, [(RuleId::FormatUnknown, Group::Structure)]);
    }

    #[test]
    fn case_dependent_severities_list_every_case_the_usual_first() {
        for r in RULES {
            if r.cases.is_empty() {
                assert_eq!(r.severity_text(Lang::Zh), r.severity.label(Lang::Zh));
                continue;
            }
            assert!(r.cases.len() > 1, "{}: one case is no case", r.id);
            assert_eq!(r.cases[0].severity, r.severity, "{}", r.id);
            let mut seen: Vec<Severity> = r.severities().collect();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), r.cases.len(), "{}: a severity twice", r.id);
        }
        let blank = RuleId::CellBlank.meta();
        assert_eq!(blank.severity_short(Lang::Zh), "警告/错误");
        assert_eq!(
            blank.severity_text(Lang::Zh),
            "警告（空白单元格）/ 错误（合计单元格空白而其组成部分不全为0）"
        );
        assert_eq!(
            blank.severity_text(Lang::En),
            "warning (a blank cell) / error (a blank total whose parts are not all 0)"
        );
        assert_eq!(
            RuleId::SectionMissing.meta().severity_short(Lang::En),
            "error"
        );
    }
}
