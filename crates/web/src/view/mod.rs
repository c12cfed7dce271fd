//! What the page shows, as plain data: built from the core's [`Analysis`] without touching
//! the DOM, so it is tested natively (`tests/view.rs`, `tests/human.rs`) and drawn by
//! [`crate::dom`].
//!
//! - this file: [`PageView`] and [`ReportView`], and how they are built ([`build`],
//!   [`from_checked`], [`from_analysis`]);
//! - `tables`: 表二, 表三, 表四 and the 表三 identity as grids of [`CellView`]s with their marks;
//! - `findings`: the findings as listed, their groups, and the report text cut at their spans;
//! - `files`: a file read by the page ([`FileEntry`]) and where a result came from ([`Source`]);
//! - `pairing`: pairing a result with last year's report;
//! - `export`: the CSV export;
//! - `present`: the page's words: the core's shared presentation (verdicts, finding groups,
//!   cells in words) and the page's own (cell marks, input kinds, the empty box).
//!
//! Invariant carried over from the core: a blank cell, a placeholder and 0 are shown
//! differently. A blank is never shown as 0.

use std::rc::Rc;

use nianbao_core::{Analysis, Checked, ReadStatus, Severity, Table, Verdict};

mod export;
mod files;
mod findings;
mod pairing;
mod present;
mod tables;

pub use export::cells_csv;
pub use files::{empty_file, read_failed, too_large, FileEntry, Source, MAX_FILE_BYTES};
pub use findings::{text_pieces, FindingView, Piece};
pub use pairing::{auto_pair, auto_partners, pair_problem, paired, same_body, LastReport, Pairing};
pub use present::{
    group, group_of, kind_zh, verdict_zh, BLANK_MARK, CHECKING_EN, CHECKING_ZH, EMPTY_EN, EMPTY_ZH,
    GROUPS, MISSING_MARK,
};
pub use tables::{
    mark_of, CellKind, CellView, IdentityView, Mark, RowGroups, RowView, T2Block, TableView,
};

/// Everything the result area can show.
#[derive(Clone, Debug, PartialEq)]
pub enum PageView {
    /// Nothing to check.
    Empty,
    /// The core could not read the text as a report.
    Unreadable {
        zh: String,
        en: String,
    },
    Report(Box<ReportView>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReportView {
    /// `None` when the core found no agency / year in the text.
    pub agency: Option<String>,
    pub year: Option<u32>,
    /// Contract string (`"2021"`, …) and Chinese label of the detected format.
    pub format: &'static str,
    pub format_zh: &'static str,
    pub verdict: VerdictView,
    /// `None` when the report has no 表二.
    pub t2: Option<Vec<T2Block>>,
    /// `None` when the report has no 表三.
    pub t3: Option<TableView>,
    /// 表四's 15 cells in national order (RV, LD, LR × m c o p t); `None` without 表四.
    pub t4: Option<Vec<CellView>>,
    pub identity: Vec<IdentityView>,
    pub findings: Vec<FindingView>,
    /// The text the findings' spans index into (`Checked.text`); empty from [`from_analysis`].
    pub text: String,
    /// What the exports are built from (`None` from [`from_analysis`]).
    pub checked: Option<CheckedRef>,
    /// Last year's report this result is checked against (see [`paired`]).
    pub pair: Option<Pairing>,
}

/// The core's result, shared (compared by identity: `Checked` has no `PartialEq`).
#[derive(Clone, Debug)]
pub struct CheckedRef(pub Rc<Checked>);

impl PartialEq for CheckedRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The verdict line: the overall result and the number of findings by severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictView {
    pub verdict: Verdict,
    /// `pass` | `warn` | `fail` | `unreadable`.
    pub code: &'static str,
    /// 通过 / 有警告 / 有错误 / 无法读取.
    pub text_zh: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl VerdictView {
    fn of(verdict: Verdict, errors: usize, warnings: usize, infos: usize) -> VerdictView {
        VerdictView {
            verdict,
            code: verdict.as_str(),
            text_zh: verdict_zh(verdict),
            errors,
            warnings,
            infos,
        }
    }
}

/// What the page shows for `input` typed or pasted in the box (plain text, or HTML source).
pub fn build(input: &str) -> PageView {
    if input.trim().is_empty() {
        return PageView::Empty;
    }
    from_checked(&nianbao_core::check_str(input))
}

/// What the page shows for an input of any kind (pasted HTML, a file's bytes …).
pub fn from_checked(checked: &Checked) -> PageView {
    from_checked_rc(&Rc::new(checked.clone()))
}

/// [`from_checked`] for a `Checked` that is already shared: the view keeps a reference to
/// it (for the exports) instead of a copy.
pub fn from_checked_rc(checked: &Rc<Checked>) -> PageView {
    let mut v = from_analysis(&checked.analysis);
    if let PageView::Report(r) = &mut v {
        r.text = checked.text.clone();
        r.checked = Some(CheckedRef(checked.clone()));
    }
    v
}

/// What the page shows for the core's analysis (without the text and the exports' source).
pub fn from_analysis(analysis: &Analysis) -> PageView {
    let report = &analysis.report;
    if let ReadStatus::Unreadable { zh, en } = &report.status {
        return PageView::Unreadable {
            zh: zh.clone(),
            en: en.clone(),
        };
    }
    let findings = &analysis.findings;
    PageView::Report(Box::new(ReportView {
        agency: report.agency.clone(),
        year: report.year,
        format: report.format.as_str(),
        format_zh: report.format.label_zh(),
        verdict: VerdictView::of(
            analysis.verdict(),
            analysis.count(Severity::Error),
            analysis.count(Severity::Warning),
            analysis.count(Severity::Info),
        ),
        t2: report
            .has_table(Table::T2)
            .then(|| tables::t2_view(report, findings)),
        t3: report
            .has_table(Table::T3)
            .then(|| tables::t3_view(report, findings)),
        t4: report
            .has_table(Table::T4)
            .then(|| tables::t4_view(report, findings)),
        identity: tables::identity_view(analysis),
        findings: findings
            .iter()
            .map(|f| FindingView::of(report, f))
            .collect(),
        text: String::new(),
        checked: None,
        pair: None,
    }))
}

impl PageView {
    /// The verdict line of this view; `unreadable` (无法读取) for anything but a report.
    pub fn verdict(&self) -> VerdictView {
        match self {
            PageView::Report(r) => r.verdict.clone(),
            PageView::Empty | PageView::Unreadable { .. } => {
                VerdictView::of(Verdict::Unreadable, 0, 0, 0)
            }
        }
    }
}
