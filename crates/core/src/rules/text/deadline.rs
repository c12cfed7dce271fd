//! DEADLINE-LATE: the publication date against article 49 of the regulations.

use super::Found;
use crate::lang::Lang;
use crate::model::{Report, Span};
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};

/// DEADLINE-LATE: published after the legal deadline.
pub(crate) const DEADLINE_LATE: Rule = Rule {
    id: RuleId::DeadlineLate,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Text,
    title_zh: "报告发布晚于法定期限",
    title_en: "Published after the legal deadline",
};

/// Why DEADLINE_LATE exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const DEADLINE_LATE_DOC: RuleDoc = RuleDoc {
    zh: "为什么：《政府信息公开条例》第四十九条规定，县级以上人民政府部门应当在每年1月31日前公布本行政机关上一年度的年度报告；县级以上地方人民政府的本级政府年度报告应当在每年3月31日前公布（2019年修订前为3月31日）。“不按时发布”是国办公开办函〔2021〕30号列明的问题。本规则只在报告里写明了发布日期（网页的“发布时间”“发布日期”，或文末落款日期）时检查；机关类型按报告标题判断（……局、委、办等为部门，……人民政府、管委会等为本级政府）。\n怎样改：按期发布；若发布日期是转载或更新日期，请以首次发布日期为准。",
    en: "Why: article 49 of the Regulations: departments of governments at county level and above publish by 31 January, local governments' own reports by 31 March (31 March for everyone before the 2019 revision). Late publication is an official fault category. Checked only when the report states its publication date (page metadata 发布时间/发布日期, or the signature date); the kind of body is inferred from the title.\nHow to fix: publish on time; if the date shown is a repost or update date, use the first publication date.",
};

/// Published on `published` (year, month, day), after `deadline`; `by_january`: the
/// deadline of a department (31 January) rather than a local government's own report.
struct DeadlineLate {
    published: (u32, u32, u32),
    deadline: (u32, u32, u32),
    by_january: bool,
}

impl Violation for DeadlineLate {
    fn rule(&self) -> RuleId {
        RuleId::DeadlineLate
    }
    fn message(&self, lang: Lang) -> String {
        let DeadlineLate {
            published: (y, m, d),
            deadline: (dy, dm, dd),
            by_january,
        } = self;
        match (lang, by_january) {
            (Lang::Zh, true) => format!(
                "报告发布日期{y}年{m}月{d}日晚于法定期限{dy}年{dm}月{dd}日（政府部门应于次年1月31日前公布）"
            ),
            (Lang::Zh, false) => format!(
                "报告发布日期{y}年{m}月{d}日晚于法定期限{dy}年{dm}月{dd}日（本级政府年度报告应于次年3月31日前公布）"
            ),
            (Lang::En, true) => format!(
                "The report was published on {y}-{m:02}-{d:02}, after the deadline of {dy}-{dm:02}-{dd:02} (departments publish by 31 January)"
            ),
            (Lang::En, false) => format!(
                "The report was published on {y}-{m:02}-{d:02}, after the deadline of {dy}-{dm:02}-{dd:02} (local governments publish by 31 March)"
            ),
        }
    }
}

/// A date written as 2022-02-08, 2022/2/8, 2022.02.08 or 2022年2月8日 (spaces allowed) at
/// the start of `s`. Returns (year, month, day, bytes used).
pub(super) fn parse_date(s: &str) -> Option<(u32, u32, u32, usize)> {
    let mut nums: Vec<u32> = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    for (i, c) in s.char_indices().take(24) {
        if c.is_ascii_digit() {
            cur.push(c);
            used = i + 1;
            continue;
        }
        if !cur.is_empty() {
            nums.push(crate::text::parse_uint(&cur)?);
            cur.clear();
        }
        if nums.len() == 3 {
            if c == '日' {
                used = i + c.len_utf8();
            }
            break;
        }
        match c {
            ' ' | '\u{3000}' => {}
            '-' | '/' | '.' | '年' | '月' if !nums.is_empty() => {}
            _ => return None,
        }
    }
    if !cur.is_empty() && nums.len() < 3 {
        nums.push(crate::text::parse_uint(&cur)?);
    }
    let [y, m, d] = nums[..] else { return None };
    ((2000..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d, used))
}

/// The labels a publication date follows, in order of preference.
pub(super) const LABELS: &[&str] = &["发布时间", "发布日期", "发文日期", "成文日期", "发布于"];

/// Publication date against article 49: departments by 31 January, local governments'
/// own reports by 31 March (everyone by 31 March before the 2019 revision).
pub(super) fn check(report: &Report, text: &str, words: &Found, out: &mut Vec<Finding>) {
    let Some(year) = report.year else { return };
    let mut found: Option<((u32, u32, u32), Span)> = None;
    for label in LABELS {
        if let Some(i) = words.first(text, label) {
            let after = &text[i + label.len()..];
            let skip = after.len() - after.trim_start_matches([':', '：', ' ', '\u{3000}']).len();
            if let Some((y, m, d, used)) = parse_date(&after[skip..]) {
                let start = i + label.len() + skip;
                found = Some(((y, m, d), Span::new(i, start + used)));
                break;
            }
        }
    }
    let Some((published, span)) = found else {
        return;
    };
    let agency = report.agency.as_deref().unwrap_or_default();
    let department = [
        "局",
        "委",
        "委员会",
        "办",
        "办公室",
        "厅",
        "中心",
        "院",
        "署",
        "处",
        "队",
        "所",
    ]
    .iter()
    .any(|s| agency.ends_with(s))
        && !agency.ends_with("管委会");
    let by_january = year >= 2019 && department;
    let deadline = if by_january {
        (year + 1, 1, 31)
    } else {
        (year + 1, 3, 31)
    };
    if published > deadline {
        let v = DeadlineLate {
            published,
            deadline,
            by_january,
        };
        out.push(Finding::new(&v).at(Some(span)));
    }
}
