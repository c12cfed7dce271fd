//! The page's own words for what the core decides: verdict words, the groups findings are
//! listed under and their order, the marks of cells, the names of input kinds, the markers of
//! blank and unread cells. Everything else in the view is data from the core or the format
//! data. These words are meant to move into one presentation module of the core, shared with
//! the CLI's text output; this file is what that change replaces.

use nianbao_core::{Finding, InputKind, Lang, Verdict};

use super::{IdentityView, Mark, VerdictView};

/// Shown when 校验 is clicked with nothing (or only white space) in the box.
pub const EMPTY_ZH: &str = "请先粘贴年度报告全文，再点击“校验”。";
pub const EMPTY_EN: &str =
    "Please paste the full text of the annual report first, then click 校验 (Check).";

/// Marker shown for a cell left empty in the report (never 0).
pub const BLANK_MARK: &str = "（空白）";
/// Marker shown for a cell that was not read.
pub const MISSING_MARK: &str = "未读到";

/// 通过 / 有警告 / 有错误 / 无法读取.
pub fn verdict_zh(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "通过",
        Verdict::Warn => "有警告",
        Verdict::Fail => "有错误",
        Verdict::Unreadable => "无法读取",
    }
}

impl VerdictView {
    /// E.g. `通过（错误 0 项，警告 0 项，提示 0 项）`.
    pub fn line_zh(&self) -> String {
        format!(
            "{}（错误 {} 项，警告 {} 项，提示 {} 项）",
            self.text_zh, self.errors, self.warnings, self.infos
        )
    }

    /// The verdict line of the result area: `校验结果：通过（…）` or `Result: pass (…)`.
    pub fn line(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("校验结果：{}", self.line_zh()),
            Lang::En => format!(
                "Result: {} ({} errors, {} warnings, {} notes)",
                match self.code {
                    "pass" => "pass",
                    "warn" => "warnings",
                    "fail" => "errors",
                    _ => "unreadable",
                },
                self.errors,
                self.warnings,
                self.infos
            ),
        }
    }
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

impl Mark {
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

impl IdentityView {
    /// 相等 / 不相等 / 无法判断.
    pub fn outcome_zh(&self) -> &'static str {
        match self.outcome {
            "pass" => "相等",
            "fail" => "不相等",
            _ => "无法判断",
        }
    }
}

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
