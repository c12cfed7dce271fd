//! The verdict on a report and the words around it, the same in the CLI and on the page.

use crate::format::DetectedFormat;
use crate::lang::Lang;
use crate::rules::Outcome;

/// The overall verdict on one report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// No error or warning.
    Pass,
    /// Warnings but no error.
    Warn,
    /// At least one error.
    Fail,
    /// The input could not be read as a report.
    Unreadable,
}

impl Verdict {
    /// The contract's word (`pass`, `warn`, `fail`, `unreadable`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
            Verdict::Unreadable => "unreadable",
        }
    }

    /// What people read: 通过 / 有警告 / 有错误 / 无法读取.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::Pass, Lang::Zh) => "通过",
            (Verdict::Warn, Lang::Zh) => "有警告",
            (Verdict::Fail, Lang::Zh) => "有错误",
            (Verdict::Unreadable, Lang::Zh) => "无法读取",
            (Verdict::Pass, Lang::En) => "passed",
            (Verdict::Warn, Lang::En) => "warnings",
            (Verdict::Fail, Lang::En) => "errors",
            (Verdict::Unreadable, Lang::En) => "unreadable",
        }
    }
}

/// The numbers of findings by severity in words: `（错误 2 项，警告 3 项，提示 0 项）`,
/// `(2 errors, 3 warnings, 0 notes)`.
pub fn counts(errors: usize, warnings: usize, infos: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（错误 {errors} 项，警告 {warnings} 项，提示 {infos} 项）"),
        Lang::En => {
            let n = |k: usize, one: &str, many: &str| {
                format!("{k} {}", if k == 1 { one } else { many })
            };
            format!(
                "({}, {}, {})",
                n(errors, "error", "errors"),
                n(warnings, "warning", "warnings"),
                n(infos, "note", "notes")
            )
        }
    }
}

/// The format in a word or two (a summary table's column).
pub fn format_short(f: DetectedFormat, lang: Lang) -> &'static str {
    match (f, lang) {
        (DetectedFormat::F2021, Lang::Zh) => "2021年版",
        (DetectedFormat::F2019, Lang::Zh) => "2019年试行",
        (DetectedFormat::Mixed, Lang::Zh) => "2021年版（混用）",
        (DetectedFormat::Pre2019, Lang::Zh) => "2019年以前",
        (DetectedFormat::Unknown, Lang::Zh) => "未识别",
        (DetectedFormat::F2021, Lang::En) => "2021",
        (DetectedFormat::F2019, Lang::En) => "2019 trial",
        (DetectedFormat::Mixed, Lang::En) => "2021 (mixed)",
        (DetectedFormat::Pre2019, Lang::En) => "pre-2019",
        (DetectedFormat::Unknown, Lang::En) => "unknown",
    }
}

/// The heading of the 表三 identity per column.
pub const IDENTITY_TITLE_ZH: &str = "表三勾稽关系（一+二 = 三（七）+四）";
pub const IDENTITY_TITLE_EN: &str = "Table 3 identity (I + II = III(7) + IV)";

/// How an identity came out: 相等 / 不相等 / 无法判断.
pub fn identity_outcome(o: Outcome, lang: Lang) -> &'static str {
    match (o, lang) {
        (Outcome::Pass, Lang::Zh) => "相等",
        (Outcome::Fail, Lang::Zh) => "不相等",
        (Outcome::NotAssessable, Lang::Zh) => "无法判断",
        (Outcome::Pass, Lang::En) => "equal",
        (Outcome::Fail, Lang::En) => "not equal",
        (Outcome::NotAssessable, Lang::En) => "cannot be checked",
    }
}

/// Marker shown for a cell left empty in the report (never 0).
pub const BLANK_MARK: &str = "（空白）";
/// Marker shown for a cell that was not read.
pub const MISSING_MARK: &str = "未读到";
