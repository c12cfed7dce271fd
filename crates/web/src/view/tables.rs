//! The three national tables as the page draws them (表二 in caption blocks, 表三 as a grid
//! with its group headings, 表四's 15 cells) and the 表三 identity per column. Every cell
//! carries its value as printed and its [`Mark`] from the findings naming it.

use nianbao_core::format::{t2_rows, t3, t3_rows, t4, ColSpec, GroupSpec, RowSpec};
use nianbao_core::{
    Analysis, CellKey, CellValue, Evaluation, Finding, Instance, Report, Severity, Table,
};

use super::{ReportView, BLANK_MARK, MISSING_MARK};

/// One caption block of 表二 (`第二十条第（一）项`): its column headings and rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct T2Block {
    /// The caption row, e.g. `第二十条第（一）项`.
    pub caption: &'static str,
    /// Column headings `(zh, en)` after `信息内容`.
    pub cols: Vec<(&'static str, &'static str)>,
    /// `(label_zh, label_en, cells)`.
    pub rows: Vec<(&'static str, &'static str, Vec<CellView>)>,
}

/// A table as a grid: column headers and rows (group headings interleaved).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableView {
    /// `(key, label)`, e.g. `("C1", "自然人")`.
    pub cols: Vec<(&'static str, &'static str)>,
    pub rows: Vec<RowView>,
    /// English column labels, same order as `cols`.
    pub cols_en: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowView {
    /// A heading row of the national template, such as `（三）不予公开`.
    Group(&'static str),
    Row {
        key: &'static str,
        /// The label as written in the report, or the national label when the row was not found.
        label: String,
        /// The national label in English.
        label_en: &'static str,
        /// Whether the row was found in the report.
        found: bool,
        /// The group the row sits under (`None` for 一、二、四).
        group: Option<&'static GroupSpec>,
        cells: Vec<CellView>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellView {
    /// The cell (its canonical string, e.g. `T3.R1.C1`, is the `data-key` attribute).
    pub key: CellKey,
    pub kind: CellKind,
    /// What to display: the number, the placeholder as printed, the text as printed,
    /// or a marker for blank / missing cells.
    pub text: String,
    /// `None` when no finding names this cell.
    pub mark: Option<Mark>,
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

/// How a cell is involved in the findings: the highest severity of the findings naming it,
/// and whether the error localiser names it as a likely wrong cell (`suspect`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// `error` | `warning` | `info`.
    pub severity: &'static str,
    pub suspect: bool,
}

impl Mark {
    /// `suspect` | `error` | `warning` | `info`: the `data-mark` of the cell.
    pub fn code(self) -> &'static str {
        if self.suspect {
            "suspect"
        } else {
            self.severity
        }
    }
}

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

/// The mark of cell `key`: the highest severity of the findings naming it, and whether a
/// finding names it as a suspect.
pub fn mark_of(findings: &[Finding], key: CellKey) -> Option<Mark> {
    // `Severity` is ordered from the most severe (errors first).
    let mut mark: Option<(Severity, bool)> = None;
    for f in findings {
        let suspect = f.suspect.contains(&key);
        if suspect || f.cells.contains(&key) {
            let (severity, was_suspect) = mark.unwrap_or((f.severity, false));
            mark = Some((severity.min(f.severity), was_suspect || suspect));
        }
    }
    mark.map(|(severity, suspect)| Mark {
        severity: severity.as_str(),
        suspect,
    })
}

fn cell_view(report: &Report, findings: &[Finding], key: CellKey) -> CellView {
    let (kind, text) = match report.cell(key).map(|c| &c.value) {
        Some(CellValue::Number(n)) => (CellKind::Number, n.to_string()),
        Some(CellValue::Blank) => (CellKind::Blank, BLANK_MARK.to_string()),
        Some(CellValue::Placeholder(p)) => (CellKind::Placeholder, p.clone()),
        Some(CellValue::Text(t)) => (CellKind::Text, t.clone()),
        None => (CellKind::Missing, MISSING_MARK.to_string()),
    };
    CellView {
        key,
        kind,
        text,
        mark: mark_of(findings, key),
    }
}

fn cells(report: &Report, findings: &[Finding], spec: &RowSpec) -> Vec<CellView> {
    spec.cells()
        .map(|k| cell_view(report, findings, k))
        .collect()
}

/// 表四: RV/LD/LR × m c o p t, 15 cells.
pub(super) fn t4_view(report: &Report, findings: &[Finding]) -> Vec<CellView> {
    t4::ROWS
        .iter()
        .flat_map(RowSpec::cells)
        .map(|k| cell_view(report, findings, k))
        .collect()
}

/// 表二 in blocks: a new block where the caption or the columns change.
pub(super) fn t2_view(report: &Report, findings: &[Finding]) -> Vec<T2Block> {
    let mut blocks: Vec<T2Block> = Vec::new();
    // The columns of the last block (the same table of the format data, not equal labels).
    let mut block_cols: Option<&[ColSpec]> = None;
    for spec in t2_rows(report.format) {
        let caption = spec.group.map_or("", |g| g.heading_zh);
        let same = blocks.last().is_some_and(|b| b.caption == caption)
            && block_cols.is_some_and(|c| std::ptr::eq(c.as_ptr(), spec.cols.as_ptr()));
        if !same {
            blocks.push(T2Block {
                caption,
                cols: spec.cols.iter().map(|c| (c.label_zh, c.label_en)).collect(),
                rows: Vec::new(),
            });
            block_cols = Some(spec.cols);
        }
        if let Some(b) = blocks.last_mut() {
            b.rows
                .push((spec.label_zh, spec.label_en, cells(report, findings, spec)));
        }
    }
    blocks
}

/// 表三 in national order, with the report's own row labels and each group heading once,
/// before its first row: （七）总计 belongs to 三、本年度办理结果 again after the sub-groups
/// （三）…（六）, but the heading is not repeated.
pub(super) fn t3_view(report: &Report, findings: &[Finding]) -> TableView {
    let mut rows = Vec::new();
    let mut seen: Vec<&'static str> = Vec::new();
    for spec in t3_rows(report.format) {
        if let Some(g) = spec.group.map(|g| g.heading_zh) {
            if !seen.contains(&g) {
                seen.push(g);
                rows.push(RowView::Group(g));
            }
        }
        let read = report.row(Table::T3, spec.id);
        rows.push(RowView::Row {
            key: spec.key,
            label: match read {
                Some(r) if !r.label.trim().is_empty() => r.label.clone(),
                _ => spec.label_zh.to_string(),
            },
            label_en: spec.label_en,
            found: read.is_some(),
            group: spec.group,
            cells: cells(report, findings, spec),
        });
    }
    TableView {
        cols: t3::COLS.iter().map(|c| (c.key, c.label_zh)).collect(),
        rows,
        cols_en: t3::COLS.iter().map(|c| c.label_en).collect(),
    }
}

/// Where a 表三 row sits in the label area: under 三、本年度办理结果 (`outer`) and under which
/// of its sub-groups （三）…（六） (`inner`). 一、二、四 are under neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowGroups {
    pub outer: Option<&'static str>,
    pub inner: Option<&'static str>,
}

impl TableView {
    /// The [`RowGroups`] of each [`RowView::Row`], in order.
    pub fn row_groups(&self) -> Vec<RowGroups> {
        let mut outer = None;
        let mut inner = None;
        let mut out = Vec::new();
        for r in &self.rows {
            match r {
                RowView::Group(g) if g.starts_with('（') => inner = Some(*g),
                RowView::Group(g) => {
                    outer = Some(*g);
                    inner = None;
                }
                // R3a, R3b and R3g are in the group without a sub-group.
                RowView::Row { group, .. } => out.push(RowGroups {
                    outer: group.map(|_| outer.unwrap_or("三、本年度办理结果")),
                    inner: inner.filter(|_| group.is_some_and(|g| g.parent.is_some())),
                }),
            }
        }
        out
    }
}

/// An evaluation of the official 表三 identity 一+二 = 三（七）+四 (one per column).
fn is_identity(e: &Evaluation) -> bool {
    e.rule == nianbao_core::RuleId::T3Identity
}

/// The 表三 identity per column in national column order (C1 … C7), whatever order the core
/// evaluated them in; a column the page does not know comes last.
pub(super) fn identity_view(analysis: &Analysis) -> Vec<IdentityView> {
    let evaluations = &analysis.evaluations;
    // (column, evaluation) pairs: the core sorts the same pairs, so the wasm has one std sort.
    let mut order: Vec<(usize, usize)> = evaluations
        .iter()
        .enumerate()
        .filter(|(_, e)| is_identity(e))
        .map(|(i, e)| match e.instance {
            Instance::Col(Table::T3, col) => (col.index(), i),
            _ => (t3::COLS.len(), i),
        })
        .collect();
    order.sort_unstable();
    order
        .into_iter()
        .map(|(_, i)| {
            let e = &evaluations[i];
            IdentityView {
                col: e.instance.key(),
                col_zh: e.instance_zh(&analysis.report).to_string(),
                outcome: e.outcome.as_str(),
                left: e.left.map(|n| n.to_string()),
                right: e.right.map(|n| n.to_string()),
            }
        })
        .collect()
}

impl ReportView {
    /// Every cell of the three tables as drawn (表二, 表三, 表四 order).
    pub fn all_cells(&self) -> Vec<&CellView> {
        let mut out: Vec<&CellView> = Vec::new();
        for (_, _, cells) in self.t2.iter().flatten().flat_map(|b| &b.rows) {
            out.extend(cells);
        }
        for row in self.t3.iter().flat_map(|t| &t.rows) {
            if let RowView::Row { cells, .. } = row {
                out.extend(cells);
            }
        }
        out.extend(self.t4.iter().flatten());
        out
    }

    /// The drawn cell of `key`, if any.
    pub fn cell(&self, key: CellKey) -> Option<&CellView> {
        self.all_cells().into_iter().find(|c| c.key == key)
    }
}
