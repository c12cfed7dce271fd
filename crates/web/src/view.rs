//! What the page shows, as plain data: built from the core's [`Analysis`] without touching
//! the DOM, so it is tested natively (`tests/view.rs`) and rendered by [`crate::dom`].
//!
//! Invariant carried over from the core: a blank cell, a placeholder and 0 are shown
//! differently. A blank is never shown as 0.

use std::rc::Rc;

use nianbao_core::format::{t2_rows, t3, t3_rows, t4, ColSpec, GroupSpec, RowSpec};
use nianbao_core::{
    Analysis, CellKey, CellValue, Checked, Finding, InputKind, Instance, Lang, ReadStatus, Report,
    Severity, Table, Verdict,
};

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
    /// The visible badge (never colour alone): ? suspect, ✗ error, ! warning, i info.
    pub fn badge(self) -> &'static str {
        match self.code() {
            "suspect" => "?",
            "error" => "✗",
            "warning" => "!",
            _ => "i",
        }
    }
    /// The text for screen readers (visually hidden).
    pub fn label(self, lang: Lang) -> &'static str {
        match (self.code(), lang) {
            ("suspect", Lang::Zh) => "（疑似出错的格）",
            ("error", Lang::Zh) => "（错误涉及的格）",
            ("warning", Lang::Zh) => "（警告涉及的格）",
            (_, Lang::Zh) => "（提示涉及的格）",
            ("suspect", Lang::En) => " (likely wrong cell)",
            ("error", Lang::En) => " (cell in an error)",
            ("warning", Lang::En) => " (cell in a warning)",
            (_, Lang::En) => " (cell in a note)",
        }
    }
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
    pub message_en: String,
    pub cells: Vec<CellKey>,
    pub suspect: Vec<CellKey>,
    /// Byte range in [`ReportView::text`] for findings about text.
    pub span: Option<(usize, usize)>,
    /// Where the finding is listed: see [`GROUPS`].
    pub group: &'static str,
}

/// The groups findings are listed in, in order: `(code, zh, en)`.
pub const GROUPS: &[(&str, &str, &str)] = &[
    ("format", "格式与章节", "Format and sections"),
    ("T2", "表二", "Table 2"),
    ("T3", "表三", "Table 3"),
    ("T4", "表四", "Table 4"),
    ("text", "正文", "Text"),
];

/// The group of a finding: the table of its first cell, else 正文 for a finding with a text
/// span, else 格式与章节.
pub fn group_of(f: &Finding) -> &'static str {
    match f.cells.first() {
        Some(k) => k.table.as_str(),
        _ if f.span.is_some() => "text",
        _ => "format",
    }
}

/// The report text cut into pieces for the text view: `(start, end, finding)` byte ranges
/// covering the whole text, `finding` set on the pieces marked for a finding's span. Also,
/// per finding, the index of the piece its span starts in (`None`: no usable span).
/// Overlapping spans: a later span is cut to start where the previous one ended.
#[allow(clippy::type_complexity)]
pub fn text_pieces(
    text: &str,
    findings: &[FindingView],
) -> (Vec<(usize, usize, Option<usize>)>, Vec<Option<usize>>) {
    // Sorted by (start, end, finding) as they are added: a few findings, no std sort (its
    // code is several KB of wasm per use).
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let Some((s, e)) = f.span else { continue };
        if s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) {
            let x = (s, e, i);
            let at = spans.iter().position(|y| *y > x).unwrap_or(spans.len());
            spans.insert(at, x);
        }
    }
    let mut pieces = Vec::new();
    let mut of = vec![None; findings.len()];
    let mut pos = 0;
    for (s, e, i) in spans {
        if e <= pos {
            // inside the previous mark
            of[i] = pieces.len().checked_sub(1);
            continue;
        }
        let s = s.max(pos);
        if s > pos {
            pieces.push((pos, s, None));
        }
        of[i] = Some(pieces.len());
        pieces.push((s, e, Some(i)));
        pos = e;
    }
    if pos < text.len() {
        pieces.push((pos, text.len(), None));
    }
    (pieces, of)
}

impl ReportView {
    /// The non-empty groups of findings, in [`GROUPS`] order: `(code, zh, en, findings)`.
    pub fn groups(&self) -> Vec<(&'static str, &'static str, &'static str, Vec<&FindingView>)> {
        let mut out = Vec::new();
        for &(code, zh, en) in GROUPS {
            let mut fs = Vec::new();
            for f in &self.findings {
                if f.group == code {
                    fs.push(f);
                }
            }
            if !fs.is_empty() {
                out.push((code, zh, en, fs));
            }
        }
        out
    }

    /// Every cell of the three tables as drawn (表二, 表三, 表四 order).
    pub fn all_cells(&self) -> Vec<&CellView> {
        let mut out: Vec<&CellView> = Vec::new();
        for b in self.t2.iter().flatten() {
            for (_, _, cells) in &b.rows {
                out.extend(cells.iter());
            }
        }
        for row in self.t3.iter().flat_map(|t| t.rows.iter()) {
            if let RowView::Row { cells, .. } = row {
                out.extend(cells.iter());
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

pub fn from_analysis(analysis: &Analysis) -> PageView {
    let report = &analysis.report;
    if let ReadStatus::Unreadable { zh, en } = &report.status {
        return PageView::Unreadable {
            zh: zh.clone(),
            en: en.clone(),
        };
    }
    let verdict = analysis.verdict();
    let mut findings = Vec::with_capacity(analysis.findings.len());
    for f in &analysis.findings {
        findings.push(FindingView {
            rule: f.rule.to_string(),
            severity: f.severity.as_str(),
            severity_zh: f.severity.label(Lang::Zh),
            message: f.message(Lang::Zh),
            message_en: f.message(Lang::En),
            cells: f.cells.clone(),
            suspect: f.suspect.clone(),
            span: f.span.map(|s| (s.start, s.end)),
            group: group_of(f),
        });
    }
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
        t2: report
            .has_table(Table::T2)
            .then(|| t2_view(report, &analysis.findings)),
        t3: report
            .has_table(Table::T3)
            .then(|| t3_view(report, &analysis.findings)),
        t4: report
            .has_table(Table::T4)
            .then(|| t4_view(report, &analysis.findings)),
        identity: identity_view(analysis),
        findings,
        text: String::new(),
        checked: None,
        pair: None,
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

/// The mark of cell `key`: the highest severity of the findings naming it, and whether a
/// finding names it as a suspect.
pub fn mark_of(findings: &[Finding], key: CellKey) -> Option<Mark> {
    let mut mark: Option<Mark> = None;
    for f in findings {
        let suspect = f.suspect.contains(&key);
        if !suspect && !f.cells.contains(&key) {
            continue;
        }
        let m = mark.get_or_insert(Mark {
            severity: f.severity.as_str(),
            suspect: false,
        });
        let rank = |s: &str| match s {
            "error" => 3,
            "warning" => 2,
            _ => 1,
        };
        if rank(f.severity.as_str()) > rank(m.severity) {
            m.severity = f.severity.as_str();
        }
        m.suspect |= suspect;
    }
    mark
}

fn cell_view(report: &Report, findings: &[Finding], key: CellKey) -> CellView {
    let (kind, text) = match report.cell(key).map(|c| &c.value) {
        Some(CellValue::Number(n)) => (CellKind::Number, n.to_string()),
        Some(CellValue::Blank) => (CellKind::Blank, BLANK_MARK.to_string()),
        Some(CellValue::Placeholder(p)) => (CellKind::Placeholder, p.clone()),
        Some(CellValue::Text(t)) => (CellKind::Text, t.clone()),
        None => (CellKind::Missing, MISSING_MARK.to_string()),
    };
    let mark = mark_of(findings, key);
    CellView {
        key,
        kind,
        text,
        mark,
    }
}

/// 表四: RV/LD/LR × m c o p t, 15 cells.
fn t4_view(report: &Report, findings: &[Finding]) -> Vec<CellView> {
    t4::ROWS
        .iter()
        .flat_map(RowSpec::cells)
        .map(|k| cell_view(report, findings, k))
        .collect()
}

fn t2_view(report: &Report, findings: &[Finding]) -> Vec<T2Block> {
    let mut blocks: Vec<T2Block> = Vec::new();
    let mut last_cols: Option<*const ColSpec> = None;
    for spec in t2_rows(report.format) {
        let caption = spec.group.map_or("", |g| g.heading_zh);
        let cols_ptr = spec.cols.as_ptr();
        let new = match blocks.last() {
            Some(b) => b.caption != caption || last_cols != Some(cols_ptr),
            None => true,
        };
        if new {
            let mut cols = Vec::with_capacity(spec.cols.len());
            for c in spec.cols {
                cols.push((c.label_zh, c.label_en));
            }
            blocks.push(T2Block {
                caption,
                cols,
                rows: Vec::new(),
            });
            last_cols = Some(cols_ptr);
        }
        let cells = spec
            .cells()
            .map(|k| cell_view(report, findings, k))
            .collect();
        if let Some(b) = blocks.last_mut() {
            b.rows.push((spec.label_zh, spec.label_en, cells));
        }
    }
    blocks
}

fn t3_view(report: &Report, findings: &[Finding]) -> TableView {
    let mut rows = Vec::new();
    // Each group heading once, before its first row: （七）总计 belongs to 三、本年度办理结果
    // again after the sub-groups （三）…（六）, but the heading is not repeated.
    let mut seen: Vec<&'static str> = Vec::new();
    for spec in t3_rows(report.format) {
        if let Some(g) = spec.group.map(|g| g.heading_zh) {
            if !seen.contains(&g) {
                seen.push(g);
                rows.push(RowView::Group(g));
            }
        }
        let read = report.row(Table::T3, spec.id);
        let cells = spec
            .cells()
            .map(|k| cell_view(report, findings, k))
            .collect();
        rows.push(RowView::Row {
            key: spec.key,
            label: match read {
                Some(r) if !r.label.trim().is_empty() => r.label.clone(),
                _ => spec.label_zh.to_string(),
            },
            label_en: spec.label_en,
            found: read.is_some(),
            group: spec.group,
            cells,
        });
    }
    let mut cols = Vec::with_capacity(t3::COLS.len());
    let mut cols_en = Vec::with_capacity(t3::COLS.len());
    for c in t3::COLS {
        cols.push((c.key, c.label_zh));
        cols_en.push(c.label_en);
    }
    TableView {
        cols,
        rows,
        cols_en,
    }
}

fn identity_view(analysis: &Analysis) -> Vec<IdentityView> {
    // National column order (C1 … C7), whatever order the core evaluated them in; a column
    // the page does not know comes last.
    let mut out: Vec<IdentityView> = Vec::new();
    for pass in 0..=t3::COLS.len() {
        for e in &analysis.evaluations {
            if e.rule != T3_IDENTITY {
                continue;
            }
            let at = match e.instance {
                Instance::Col(Table::T3, col) => col.index(),
                _ => t3::COLS.len(),
            };
            if at == pass {
                out.push(IdentityView {
                    col: e.instance.key(),
                    col_zh: e.instance_zh.clone(),
                    outcome: e.outcome.as_str(),
                    left: e.left.map(|n| n.to_string()),
                    right: e.right.map(|n| n.to_string()),
                });
            }
        }
    }
    out
}

impl PageView {
    /// The verdict line of this view; `unreadable` (无法读取) for anything but a report.
    pub fn verdict(&self) -> VerdictView {
        match self {
            PageView::Report(r) => r.verdict.clone(),
            PageView::Empty | PageView::Unreadable { .. } => VerdictView {
                code: Verdict::Unreadable.as_str(),
                text_zh: verdict_zh(Verdict::Unreadable),
                errors: 0,
                warnings: 0,
                infos: 0,
            },
        }
    }
}

/// Files larger than this are refused before they are read (the core's own input limit).
pub const MAX_FILE_BYTES: usize = nianbao_core::input::MAX_INPUT_BYTES;

/// How the page names a kind of input.
pub fn kind_zh(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Text => "文本",
        InputKind::Html => "网页/Word 表格格式（HTML）",
        InputKind::Docx => "Word 文档（.docx）",
        InputKind::Pdf => "PDF 文件",
        InputKind::Unreadable => "无法识别的文件",
    }
}

/// Where the result shown came from: a line above the verdict (`#source`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// `file` | `paste`.
    pub origin: &'static str,
    /// The input kind (`text` | `html` | `docx` | `unreadable`), or `""` when nothing was read.
    pub kind: &'static str,
    pub line_zh: String,
}

impl Source {
    /// A result of checking what is in the text box. `html`: the clipboard HTML kept at paste
    /// time was checked; `fell_back`: it could not be read, so the plain text was checked.
    pub fn paste(kind: InputKind, html: bool, fell_back: bool) -> Source {
        let line_zh = if fell_back {
            "来源：粘贴的文字（网页/Word 表格格式未能读取，已按纯文本校验）".to_string()
        } else if html {
            format!("来源：粘贴的{}", kind_zh(InputKind::Html))
        } else if kind == InputKind::Html {
            "来源：粘贴的 HTML 源代码".to_string()
        } else {
            "来源：粘贴的文字".to_string()
        };
        Source {
            origin: "paste",
            kind: kind.as_str(),
            line_zh,
        }
    }
}

/// One file read by the page: the list entry and the full result shown when it is opened.
#[derive(Clone, Debug, PartialEq)]
pub struct FileEntry {
    pub name: String,
    /// `text` | `html` | `docx` | `unreadable` (also for files refused before reading).
    pub kind: &'static str,
    /// E.g. `Word 文档（.docx）`, `文本（GBK/GB18030 编码）`.
    pub kind_zh: String,
    pub verdict: VerdictView,
    pub view: Rc<PageView>,
    /// The file as the core checked it (`None`: refused before it was read), without the
    /// cross-year findings.
    pub checked: Option<CheckedRef>,
    /// Last year's report it is paired with ([`FileEntry::pair`]).
    pub last: Option<LastReport>,
}

impl FileEntry {
    /// A file read and checked by the core (`crate::read::bytes`): its view, and the
    /// `Checked` kept for the `nianbao-result` event and for pairing.
    pub fn read(name: &str, encoding: Option<&str>, checked: Checked) -> FileEntry {
        let kind = checked.kind;
        let checked = Rc::new(checked);
        let mut e = FileEntry::new(name, Some(kind), encoding, from_checked_rc(&checked));
        e.checked = Some(CheckedRef(checked));
        e
    }

    /// `kind`: what the core read the file as (`None`: refused before it was read).
    /// `encoding`: set when the text was decoded from a legacy encoding by the browser.
    pub fn new(
        name: &str,
        kind: Option<InputKind>,
        encoding: Option<&str>,
        view: PageView,
    ) -> FileEntry {
        let kind = kind.unwrap_or(InputKind::Unreadable);
        let kind_zh = match encoding {
            Some(e) => format!("{}（{} 编码）", kind_zh(kind), e),
            None => kind_zh(kind).to_string(),
        };
        let checked = match &view {
            PageView::Report(r) => r.checked.clone(),
            _ => None,
        };
        FileEntry {
            name: name.to_string(),
            kind: kind.as_str(),
            kind_zh,
            verdict: view.verdict(),
            view: Rc::new(view),
            checked,
            last: None,
        }
    }

    /// This file as last year's report of another (`None` when it is not a readable report).
    pub fn as_last(&self, auto: bool) -> Option<LastReport> {
        let c = self.checked.as_ref()?;
        (c.0.analysis.report.status == ReadStatus::Ok).then(|| LastReport {
            name: self.name.clone(),
            checked: c.clone(),
            auto,
        })
    }

    /// Checks this file against last year's report: the cross-year findings join its own
    /// (view, verdict). `Err((zh, en))` when `last` is not last year's report of the same
    /// body; the entry is then unchanged.
    pub fn pair(&mut self, last: LastReport) -> Result<(), (String, String)> {
        let Some(this) = &self.checked else {
            return Err(not_comparable());
        };
        let (_, view) = paired(&this.0, &last)?;
        self.verdict = view.verdict();
        self.view = Rc::new(view);
        self.last = Some(last);
        Ok(())
    }

    /// Back to the file's own result.
    pub fn unpair(&mut self) {
        if self.last.take().is_some() {
            if let Some(c) = &self.checked {
                self.view = Rc::new(from_checked_rc(&c.0));
                self.verdict = self.view.verdict();
            }
        }
    }

    /// What the shown result was computed from: the file with the cross-year findings when
    /// paired (the exports and the `nianbao-result` report use it).
    pub fn result_checked(&self) -> Option<Rc<Checked>> {
        match &*self.view {
            PageView::Report(r) => r.checked.as_ref().map(|c| c.0.clone()),
            _ => self.checked.as_ref().map(|c| c.0.clone()),
        }
    }

    /// The list line after the file name, e.g. `文本 · 通过（错误 0 项，警告 0 项，提示 0 项）`.
    pub fn summary_zh(&self) -> String {
        let verdict = if self.verdict.code == Verdict::Unreadable.as_str() {
            self.verdict.text_zh.to_string()
        } else {
            self.verdict.line_zh()
        };
        format!("{} · {}", self.kind_zh, verdict)
    }

    pub fn source(&self) -> Source {
        Source {
            origin: "file",
            kind: self.kind,
            line_zh: format!("文件：{}（{}）", self.name, self.kind_zh),
        }
    }
}

/// Shown for a file over [`MAX_FILE_BYTES`]; it is not read at all (the core's words,
/// shared with the CLI).
pub fn too_large(size: f64) -> PageView {
    let e = nianbao_core::input::too_large(size as u64);
    PageView::Unreadable { zh: e.zh, en: e.en }
}

/// Shown for a file of 0 bytes (the core's words, shared with the CLI).
pub fn empty_file() -> PageView {
    let e = nianbao_core::input::empty_file();
    PageView::Unreadable { zh: e.zh, en: e.en }
}

/// Shown when the browser could not give the file's bytes (moved, deleted, no permission).
pub fn read_failed(detail: &str) -> PageView {
    PageView::Unreadable {
        zh: format!(
            "浏览器无法读取这个文件（可能已被移动、删除或没有读取权限）：{detail}。请重新选择文件。"
        ),
        en: format!("The browser could not read this file ({detail}). Please choose it again."),
    }
}

/// The extracted cells as CSV for the 导出 CSV button: a UTF-8 BOM (so that Excel reads the
/// Chinese correctly), the header `cell,state,value` and one row per cell read, in the
/// report's order (the same cells as the JSON `cells`). `state`: `number` | `blank` |
/// `placeholder` | `text`; `value`: the number or text as printed, empty for a blank.
pub fn cells_csv(checked: &Checked) -> String {
    let mut out = String::from("\u{feff}cell,state,value\r\n");
    for c in &checked.analysis.report.cells {
        let (state, value) = match &c.value {
            CellValue::Number(n) => ("number", n.to_string()),
            CellValue::Blank => ("blank", String::new()),
            CellValue::Placeholder(p) => ("placeholder", p.clone()),
            CellValue::Text(t) => ("text", t.clone()),
        };
        out.push_str(&csv_field(&c.key.to_string()));
        out.push(',');
        out.push_str(state);
        out.push(',');
        // Text starting with = + - @ would be a formula in a spreadsheet: quote it with '.
        let value = if state != "number" && value.starts_with(['=', '+', '-', '@']) {
            format!("'{value}")
        } else {
            value
        };
        out.push_str(&csv_field(&value));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Last year's report, chosen by the user or found in the same batch of files.
#[derive(Clone, Debug, PartialEq)]
pub struct LastReport {
    /// Its file name.
    pub name: String,
    /// As read (its own findings do not matter: only its cells are compared).
    pub checked: CheckedRef,
    /// Found automatically among the files read together.
    pub auto: bool,
}

/// How a result is paired with last year's report (shown above the findings, `#pair-line`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairing {
    /// The file name of last year's report.
    pub file: String,
    pub year: Option<u32>,
    /// Paired automatically among the files read together.
    pub auto: bool,
    /// The body could not be compared: one of the reports has no recognised agency.
    pub agency_unchecked: bool,
    /// How many findings the cross-year checks added.
    pub added: usize,
}

impl Pairing {
    /// `(zh, en)`: which report this result is compared with.
    pub fn lines(&self) -> (String, String) {
        let year = |y: Option<u32>, zh: bool| match (y, zh) {
            (Some(y), true) => format!("（{y} 年度）"),
            (Some(y), false) => format!(" ({y})"),
            (None, _) => String::new(),
        };
        let mut zh = format!(
            "已与上一年度报告对比：{}{}。跨年度核对（上年结转、现行有效件数）发现 {} 项问题，列在“发现的问题”中。",
            self.file,
            year(self.year, true),
            self.added
        );
        let mut en = format!(
            "Compared with last year's report: {}{}. The cross-year checks (carry-over, documents in force) found {} problem(s), listed under Findings.",
            self.file,
            year(self.year, false),
            self.added
        );
        if self.auto {
            zh.push_str("（在同时读取的文件中自动配对）");
            en.push_str(" (Paired automatically among the files read together.)");
        }
        if self.agency_unchecked {
            zh.push_str("注意：未能识别其中一份报告的机关名称，请确认两份报告属于同一机关。");
            en.push_str(" Note: the body of one of the reports was not recognised; make sure both are by the same body.");
        }
        (zh, en)
    }
}

/// Whether two agency names name the same body: the core's decision ([`nianbao_core::same_body`]),
/// shared with the CLI's `--last`.
pub use nianbao_core::same_body;

fn not_comparable() -> (String, String) {
    nianbao_core::pair::not_comparable()
}

/// Why `last` (file `last_name`) cannot be paired with `this` as last year's report of the
/// same body: `(zh, en)`, Chinese first. `None` when it can. The core decides
/// ([`nianbao_core::pair_problem`]), so the CLI's `--last` refuses the same pairs in the same words.
pub fn pair_problem(this: &Checked, last: &Checked, last_name: &str) -> Option<(String, String)> {
    nianbao_core::pair_problem(&this.analysis.report, &last.analysis.report, last_name)
}

/// `this` checked against last year's report: a copy of `this` with the cross-year findings
/// (`nianbao_core::check_pair`: CARRYOVER-MISMATCH, VALID-COUNT-CONTINUITY), and its view,
/// whose [`ReportView::pair`] says which report it was paired with. `Err((zh, en))` from
/// [`pair_problem`].
pub fn paired(
    this: &Checked,
    last: &LastReport,
) -> Result<(Rc<Checked>, PageView), (String, String)> {
    let l = &last.checked.0;
    if let Some(p) = pair_problem(this, l, &last.name) {
        return Err(p);
    }
    let mut c = this.clone();
    let added = nianbao_core::check_pair(&mut c.analysis, &l.analysis);
    let c = Rc::new(c);
    let mut v = from_checked_rc(&c);
    if let PageView::Report(r) = &mut v {
        r.pair = Some(Pairing {
            file: last.name.clone(),
            year: l.analysis.report.year,
            auto: last.auto,
            agency_unchecked: this.analysis.report.agency.is_none()
                || l.analysis.report.agency.is_none(),
            added,
        });
    }
    Ok((c, v))
}

/// Automatic pairing in a batch of files, when file `k` has just been read: the earlier
/// file that is `k`'s previous-year report of the same body (the first one), and the earlier
/// unpaired files whose previous-year report `k` is. Only readable reports whose agency and
/// year were both recognised are paired automatically ([`nianbao_core::auto_partners`]).
pub fn auto_partners(entries: &[FileEntry], k: usize) -> (Option<usize>, Vec<usize>) {
    let mut reports = Vec::with_capacity(entries.len());
    for e in entries {
        reports.push(e.checked.as_ref().map(|c| &c.0.analysis.report));
    }
    let (mine, mut theirs) = nianbao_core::auto_partners(&reports, k);
    theirs.retain(|&j| entries.get(j).is_some_and(|e| e.last.is_none()));
    (mine, theirs)
}
