//! What the page shows, as plain data: built from the core's [`Analysis`] without touching
//! the DOM, so it is tested natively (`tests/view.rs`) and rendered by [`crate::dom`].
//!
//! Invariant carried over from the core: a blank cell, a placeholder and 0 are shown
//! differently. A blank is never shown as 0.

use nianbao_core::format::{t3_rows, T3_COLS};
use nianbao_core::{Analysis, CellValue, Lang, ReadStatus, Report, Severity, Verdict};

/// Shown when 校验 is clicked with nothing (or only white space) in the box.
pub const EMPTY_ZH: &str = "请先粘贴年度报告全文，再点击“校验”。";
pub const EMPTY_EN: &str =
    "Please paste the full text of the annual report first, then click 校验 (Check).";

/// The rule id of the official 表三 identity 一+二 = 三（七）+四, one evaluation per column.
pub const T3_IDENTITY: &str = "T3-IDENTITY";

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
    /// `None` when the report has no 表三.
    pub t3: Option<TableView>,
    pub identity: Vec<IdentityView>,
    pub findings: Vec<FindingView>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerdictView {
    /// `pass` | `warn` | `fail` | `unreadable`.
    pub code: &'static str,
    /// 通过 / 有警告 / 有错误 / 无法读取.
    pub text_zh: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl VerdictView {
    /// E.g. `通过（错误 0 项，警告 0 项，提示 0 项）`.
    pub fn line_zh(&self) -> String {
        format!(
            "{}（错误 {} 项，警告 {} 项，提示 {} 项）",
            self.text_zh, self.errors, self.warnings, self.infos
        )
    }
}

/// A table as a grid: column headers and rows (group headings interleaved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableView {
    /// `(key, label)`, e.g. `("C1", "自然人")`.
    pub cols: Vec<(&'static str, &'static str)>,
    pub rows: Vec<RowView>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowView {
    /// A heading row of the national template, such as `（三）不予公开`.
    Group(&'static str),
    Row {
        key: &'static str,
        /// The label as written in the report, or the national label when the row was not found.
        label: String,
        /// Whether the row was found in the report.
        found: bool,
        cells: Vec<CellView>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellView {
    /// Canonical key, e.g. `T3.R1.C1`.
    pub key: String,
    pub kind: CellKind,
    /// What to display: the number, the placeholder as printed, the text as printed,
    /// or a marker for blank / missing cells.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Number,
    Blank,
    Placeholder,
    Text,
    /// The cell was not read at all (row or column not found).
    Missing,
}

impl CellKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CellKind::Number => "number",
            CellKind::Blank => "blank",
            CellKind::Placeholder => "placeholder",
            CellKind::Text => "text",
            CellKind::Missing => "missing",
        }
    }
}

/// Marker shown for a cell left empty in the report (never 0).
pub const BLANK_MARK: &str = "（空白）";
/// Marker shown for a cell that was not read.
pub const MISSING_MARK: &str = "未读到";

/// One column of the identity 一+二 = 三（七）+四.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentityView {
    /// `C1` … `C7`.
    pub col: &'static str,
    pub col_zh: String,
    /// `pass` | `fail` | `not_assessable`.
    pub outcome: &'static str,
    /// The sums as printed, or `None` when they could not be computed.
    pub left: Option<String>,
    pub right: Option<String>,
}

impl IdentityView {
    pub fn outcome_zh(&self) -> &'static str {
        match self.outcome {
            "pass" => "相等",
            "fail" => "不相等",
            _ => "无法判断",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingView {
    pub rule: String,
    /// `error` | `warning` | `info`.
    pub severity: &'static str,
    /// 错误 / 警告 / 提示.
    pub severity_zh: &'static str,
    pub message: String,
    pub cells: Vec<String>,
}

/// What the page shows for `input`.
pub fn build(input: &str) -> PageView {
    if input.trim().is_empty() {
        return PageView::Empty;
    }
    from_analysis(&nianbao_core::check_text(input))
}

pub fn from_analysis(analysis: &Analysis) -> PageView {
    let report = &analysis.report;
    if let ReadStatus::Unreadable { zh, en } = &report.status {
        return PageView::Unreadable {
            zh: zh.clone(),
            en: en.clone(),
        };
    }
    let verdict = analysis.verdict();
    PageView::Report(Box::new(ReportView {
        agency: report.agency.clone(),
        year: report.year,
        format: report.format.as_str(),
        format_zh: report.format.label_zh(),
        verdict: VerdictView {
            code: verdict.as_str(),
            text_zh: verdict_zh(verdict),
            errors: analysis.count(Severity::Error),
            warnings: analysis.count(Severity::Warning),
            infos: analysis.count(Severity::Info),
        },
        t3: report.has_table("T3").then(|| t3_view(report)),
        identity: identity_view(analysis),
        findings: analysis
            .findings
            .iter()
            .map(|f| FindingView {
                rule: f.rule.to_string(),
                severity: f.severity.as_str(),
                severity_zh: f.severity.label(Lang::Zh),
                message: f.message(Lang::Zh),
                cells: f.cells.clone(),
            })
            .collect(),
    }))
}

pub fn verdict_zh(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "通过",
        Verdict::Warn => "有警告",
        Verdict::Fail => "有错误",
        Verdict::Unreadable => "无法读取",
    }
}

fn t3_view(report: &Report) -> TableView {
    let mut rows = Vec::new();
    // Each group heading once, before its first row: （七）总计 belongs to 三、本年度办理结果
    // again after the sub-groups （三）…（六）, but the heading is not repeated.
    let mut seen: Vec<&'static str> = Vec::new();
    for spec in t3_rows(report.format) {
        if let Some(g) = spec.group {
            if !seen.contains(&g) {
                seen.push(g);
                rows.push(RowView::Group(g));
            }
        }
        let read = report.row("T3", spec.key);
        let cells = T3_COLS
            .iter()
            .map(|col| {
                let key = format!("T3.{}.{}", spec.key, col.key);
                let (kind, text) = match report.cell(&key).map(|c| &c.value) {
                    Some(CellValue::Number(n)) => (CellKind::Number, n.to_string()),
                    Some(CellValue::Blank) => (CellKind::Blank, BLANK_MARK.to_string()),
                    Some(CellValue::Placeholder(p)) => (CellKind::Placeholder, p.clone()),
                    Some(CellValue::Text(t)) => (CellKind::Text, t.clone()),
                    None => (CellKind::Missing, MISSING_MARK.to_string()),
                };
                CellView { key, kind, text }
            })
            .collect();
        rows.push(RowView::Row {
            key: spec.key,
            label: match read {
                Some(r) if !r.label.trim().is_empty() => r.label.clone(),
                _ => spec.label_zh.to_string(),
            },
            found: read.is_some(),
            cells,
        });
    }
    TableView {
        cols: T3_COLS.iter().map(|c| (c.key, c.label_zh)).collect(),
        rows,
    }
}

fn identity_view(analysis: &Analysis) -> Vec<IdentityView> {
    let mut out: Vec<IdentityView> = analysis
        .evaluations
        .iter()
        .filter(|e| e.rule == T3_IDENTITY)
        .map(|e| IdentityView {
            col: e.instance,
            col_zh: e.instance_zh.clone(),
            outcome: e.outcome.as_str(),
            left: e.left.map(|n| n.to_string()),
            right: e.right.map(|n| n.to_string()),
        })
        .collect();
    // National column order (C1 … C7), whatever order the core evaluated them in.
    out.sort_by_key(|v| {
        T3_COLS
            .iter()
            .position(|c| c.key == v.col)
            .unwrap_or(usize::MAX)
    });
    out
}
