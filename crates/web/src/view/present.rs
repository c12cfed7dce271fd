//! The page's words. What both shells say — verdict words and counts, the finding groups and
//! their order, cells in words, the blank and unread markers, the identity words — is the
//! core's shared presentation (`nianbao_core::present`), re-exported or wrapped here; what
//! only the page says is here: the message for an empty box, the marks of cells (badges and
//! their screen-reader labels) and the names of input kinds. The layout words of the tables
//! stay in `dom/`.

use nianbao_core::present::{self, FindingGroup};
use nianbao_core::{Finding, InputKind, Lang, Outcome, Verdict};

use super::{IdentityView, Mark, VerdictView};

pub use nianbao_core::present::{BLANK_MARK, GROUPS, MISSING_MARK};

/// What the result area says while a check is completed by the full-check module (loaded at
/// the first check).
pub const CHECKING_ZH: &str = "正在检查……（首次校验时还要加载文字检查模块）";
pub const CHECKING_EN: &str = "Checking… (the first check also loads the prose-check module)";
/// Shown when 校验 is clicked with nothing (or only white space) in the box.
pub const EMPTY_ZH: &str = "请先粘贴年度报告全文，再点击“校验”。";
pub const EMPTY_EN: &str =
    "Please paste the full text of the annual report first, then click 校验 (Check).";

/// 通过 / 有警告 / 有错误 / 无法读取.
pub fn verdict_zh(v: Verdict) -> &'static str {
    v.label(Lang::Zh)
}

impl VerdictView {
    /// E.g. `通过（错误 0 项，警告 0 项，提示 0 项）`.
    pub fn line_zh(&self) -> String {
        format!(
            "{}{}",
            self.text_zh,
            present::counts(self.errors, self.warnings, self.infos, Lang::Zh)
        )
    }

    /// The verdict line of the result area: `校验结果：通过（…）` or `Result: passed (…)`.
    pub fn line(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("校验结果：{}", self.line_zh()),
            Lang::En => format!(
                "Result: {} {}",
                self.verdict.label(Lang::En),
                present::counts(self.errors, self.warnings, self.infos, Lang::En)
            ),
        }
    }
}

/// The group code of a finding (its `data-group`): see [`GROUPS`].
pub fn group_of(f: &Finding) -> &'static str {
    present::group_of(f).code
}

/// The group whose code is `code`.
pub fn group(code: &str) -> Option<&'static FindingGroup> {
    GROUPS.iter().find(|g| g.code == code)
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
        let o = match self.outcome {
            "pass" => Outcome::Pass,
            "fail" => Outcome::Fail,
            _ => Outcome::NotAssessable,
        };
        present::identity_outcome(o, Lang::Zh)
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
