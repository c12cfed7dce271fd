//! Findings: what a rule says about a report, in a form a user can act on, and the
//! evaluations of the arithmetic identities (passes included).

use super::{Group, RuleId, Violation};
use crate::format::{CellKey, ColId, RowId, Table};
use crate::lang::Lang;
use crate::model::Report;
use crate::model::Span;
use crate::num::Num;
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

/// One problem found in a report: a rule's [`Violation`] with its messages rendered in both
/// languages when it was found, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    /// Computed by the rule from its violation (a blank total is an error, a blank part a
    /// warning), never set by a caller.
    pub severity: Severity,
    /// `Fail` or `NotAssessable` (passes are not findings; see [`Evaluation`]).
    pub outcome: Outcome,
    /// Every cell involved.
    pub cells: Vec<CellKey>,
    pub expected: Option<Num>,
    pub actual: Option<Num>,
    /// The cells most likely to be wrong (error localisation), best first.
    pub suspect: Vec<CellKey>,
    /// The error localiser's best explanations of the failing identities this finding is
    /// part of, each a unit (a cell, two cells, a row, a column, a row entered one row off)
    /// and the cells it changes; ties all listed, best first. Empty when none was found.
    pub explanations: Vec<Explanation>,
    /// The localiser stopped at its work budget before it had tried every candidate: the
    /// explanations are the best it found (possibly none), not necessarily the best there are.
    pub search_stopped: bool,
    /// For findings about text: where in the input.
    pub span: Option<Span>,
    message_zh: String,
    message_en: String,
}

impl Finding {
    /// The finding of a violation: its rule, severity and outcome, and its message in both
    /// languages, rendered now (a rule that finds nothing renders nothing).
    #[inline(never)]
    pub(crate) fn new(v: &dyn Violation) -> Finding {
        Finding {
            rule: v.rule(),
            severity: v.severity(),
            outcome: v.outcome(),
            cells: Vec::new(),
            expected: None,
            actual: None,
            suspect: Vec::new(),
            explanations: Vec::new(),
            search_stopped: false,
            span: None,
            message_zh: v.message(Lang::Zh),
            message_en: v.message(Lang::En),
        }
    }

    /// A finding as [`super::wire::decode`] gives it back: every field as it was encoded
    /// (cells, suspects, explanations; expected, actual, the localiser's stop, span; messages).
    pub(super) fn decoded(
        rule: RuleId,
        severity: Severity,
        outcome: Outcome,
        (cells, suspect, explanations): (Vec<CellKey>, Vec<CellKey>, Vec<Explanation>),
        (expected, actual, search_stopped, span): (Option<Num>, Option<Num>, bool, Option<Span>),
        (message_zh, message_en): (String, String),
    ) -> Finding {
        Finding {
            rule,
            severity,
            outcome,
            cells,
            expected,
            actual,
            suspect,
            explanations,
            search_stopped,
            span,
            message_zh,
            message_en,
        }
    }

    /// The same finding naming `cells`.
    pub(crate) fn with_cells(mut self, cells: Vec<CellKey>) -> Finding {
        self.cells = cells;
        self
    }

    /// The same finding at `span` of the text.
    pub(crate) fn at(mut self, span: Option<Span>) -> Finding {
        self.span = span;
        self
    }

    /// The same finding with the number expected and the number found.
    pub(crate) fn with_numbers(mut self, expected: Num, actual: Num) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    /// The group the finding is shown under: its rule's, where the rule's is the table of
    /// its cells ([`Group::OfTable`]) the table of its first cell (the structure when it names
    /// none).
    pub fn group(&self) -> Group {
        match self.rule.meta().group {
            Group::OfTable => self
                .cells
                .first()
                .map_or(Group::Structure, |k| Group::Table(k.table)),
            group => group,
        }
    }

    /// The message users read, in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.message_zh,
            Lang::En => &self.message_en,
        }
    }
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
    /// Human name of the instance in the format's words (`自然人`, `Natural persons`); a
    /// 表三 row as the report writes it is [`Evaluation::instance_zh`].
    pub format_zh: &'static str,
    pub instance_en: &'static str,
    /// Left-hand side cells and right-hand side cells of `Σ left = Σ right`.
    pub left_cells: &'static [CellKey],
    pub right_cells: &'static [CellKey],
    pub left: Option<Num>,
    pub right: Option<Num>,
    pub outcome: Outcome,
}

impl Evaluation {
    /// The instance in Chinese as the user reads it: a row of 表三 in `report`'s own words
    /// (`report` is the report evaluated) where it has them, else the format's words.
    pub fn instance_zh<'a>(&self, report: &'a Report) -> &'a str {
        instance_in_words(report, self.instance, self.format_zh)
    }
}

/// An identity's `instance` in Chinese: a row of 表三 in `report`'s own words where it has
/// them, else the format's words `format_zh`.
pub(super) fn instance_in_words<'a>(
    report: &'a Report,
    instance: Instance,
    format_zh: &'static str,
) -> &'a str {
    match instance {
        Instance::Row(Table::T3, row) => report
            .row(Table::T3, row)
            .map_or(format_zh, |r| r.label.as_str()),
        _ => format_zh,
    }
}

/// A unit of cells that the error localiser names as the likely mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SuspectUnit {
    /// One cell.
    Cell(CellKey),
    /// Two cells together.
    Pair(CellKey, CellKey),
    /// A whole row (表三's rows; a group of 表四).
    Row(Table, RowId),
    /// A whole column.
    Column(Table, ColId),
    /// The numbers printed in row `printed` belong to the adjacent row `meant`: a row of
    /// numbers entered one row off, under the wrong heading.
    ShiftedRow {
        table: Table,
        printed: RowId,
        meant: RowId,
    },
}

/// One explanation of failing identities: a unit, the cells whose numbers it changes, and the
/// unit in words (rendered when it was found, like a finding's message).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub unit: SuspectUnit,
    /// The cells it changes, in template order: printed numbers, and blanks (or placeholders)
    /// that must hold a number other than 0.
    pub cells: Vec<CellKey>,
    /// How many of `cells` are blanks or placeholders rather than printed numbers.
    pub blanks: usize,
    words_zh: String,
    words_en: String,
}

impl Explanation {
    pub(crate) fn new(
        unit: SuspectUnit,
        cells: Vec<CellKey>,
        blanks: usize,
        words: (String, String),
    ) -> Explanation {
        Explanation {
            unit,
            cells,
            blanks,
            words_zh: words.0,
            words_en: words.1,
        }
    }

    /// The unit in plain words (`表三“（七）总计”整行`), in `lang`.
    pub fn words(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.words_zh,
            Lang::En => &self.words_en,
        }
    }
}
