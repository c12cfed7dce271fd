//! THEME-MISSING: 一、总体情况 does not cover every theme the format asks of it — the five
//! themes (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障), and for a people's
//! government's own report 工作考核, 社会评议 and 责任追究 as well.

use crate::format::sections::{Theme, GOVERNMENT_ENDS, GOVERNMENT_THEMES, OVERVIEW_THEMES};
use crate::lang::Lang;
use crate::model::{DetectedFormat, Report};
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::text::fold;

/// THEME-MISSING: the overview leaves out a theme it is expected to cover.
pub(crate) const THEME_MISSING: Rule = Rule {
    id: RuleId::ThemeMissing,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::Text,
    title_zh: "总体情况未涵盖应报告的方面",
    title_en: "Overview leaves out a theme it should cover",
};

/// Why THEME_MISSING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const THEME_MISSING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：国办公开办函〔2021〕30号要求“一、总体情况”综述本机关贯彻落实《条例》的情况，主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面；《条例》第五十条第四项还要求各级人民政府的年度报告包括工作考核、社会评议和责任追究结果情况。缺少某个方面，是报告“内容不全面”的常见表现。本规则在2021年版格式的报告中检查总体情况是否写到每个方面（按各方面的常用字词判断，如“依申请”“平台”“网站”“监督”“保障”；标题以“人民政府”结尾的报告还在全文中看“考核”“评议”“追究”）。\n怎样改：在总体情况中补写缺少的方面；确实没有相关工作的，也应说明。",
    en: "Why: the 2021 guidance (国办公开办函〔2021〕30号) asks section I to review the year under five themes: proactive disclosure, disclosure on request, information management, disclosure platforms, and supervision and safeguards; article 50(4) of the Regulations also asks a people's government's report for the results of performance assessment, public appraisal and accountability. A missing theme is a common sign of an incomplete report. Checked in reports on the 2021 format, by the words each theme is usually written with (依申请, 平台, 网站, 监督, 保障 …; for a body whose name ends in 人民政府 also 考核, 评议, 追究 anywhere in the report).\nHow to fix: add the missing themes to the overview; where there was no such work, say so.",
};

/// The themes the overview does not mention, and what a government's report does not
/// mention anywhere.
struct ThemeMissing {
    overview: Vec<&'static Theme>,
    government: Vec<&'static Theme>,
}

impl Violation for ThemeMissing {
    fn rule(&self) -> RuleId {
        RuleId::ThemeMissing
    }
    fn message(&self, lang: Lang) -> String {
        let names = |themes: &[&'static Theme], sep: &str| {
            let v: Vec<&str> = themes
                .iter()
                .map(|t| if lang == Lang::Zh { t.zh } else { t.en })
                .collect();
            v.join(sep)
        };
        let mut parts = Vec::new();
        if !self.overview.is_empty() {
            parts.push(match lang {
                Lang::Zh => format!(
                    "“总体情况”没有写到{}方面的情况",
                    names(&self.overview, "、")
                ),
                Lang::En => format!(
                    "Section I (overview) says nothing on {}",
                    names(&self.overview, ", ")
                ),
            });
        }
        if !self.government.is_empty() {
            parts.push(match lang {
                Lang::Zh => format!(
                    "人民政府的年度报告应当包括工作考核、社会评议和责任追究结果情况，本报告没有写到{}",
                    names(&self.government, "、")
                ),
                Lang::En => format!(
                    "a people's government's report must cover performance assessment, public \
                     appraisal and accountability; this one says nothing on {}",
                    names(&self.government, ", ")
                ),
            });
        }
        match lang {
            Lang::Zh => parts.join("；"),
            Lang::En => {
                let mut m = parts.join("; ");
                // The messages are ASCII English: no Unicode case tables (~12 KB of wasm) for this.
                if let Some(first) = m.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                m
            }
        }
    }
}

/// The themes none of whose words `text` has, folded ([`fold`]: full-width forms, traditional
/// characters, spaces). A word is looked for in the text as written first: the words are folded
/// already and hold no space, so the folded text has every word the text has as written, and most
/// reports write every theme plainly; the text is folded (a pass over a whole report) only when a
/// word is not there as written.
fn missing(themes: &'static [Theme], text: &str) -> Vec<&'static Theme> {
    let mut folded: Option<String> = None;
    themes
        .iter()
        .filter(|t| {
            !t.words.iter().any(|w| text.contains(w)) && {
                let f = folded.get_or_insert_with(|| fold(text));
                !t.words.iter().any(|w| f.contains(w))
            }
        })
        .collect()
}

pub(super) fn check(report: &Report, text: &str, out: &mut Vec<Finding>) {
    if !matches!(report.format, DetectedFormat::F2021 | DetectedFormat::Mixed) {
        return;
    }
    let Some(s1) = report.section(1) else { return };
    let body = text.get(s1.span.start..s1.span.end).unwrap_or("");
    let agency = report.agency.as_deref().unwrap_or_default();
    let government = GOVERNMENT_ENDS.iter().any(|e| agency.ends_with(e));
    // The five themes in the overview; a government's 考核/评议/追究 anywhere in the report
    // (some write them under 五 or 六).
    let v = ThemeMissing {
        overview: missing(OVERVIEW_THEMES, body),
        government: if government {
            missing(GOVERNMENT_THEMES, text)
        } else {
            Vec::new()
        },
    };
    if !v.overview.is_empty() || !v.government.is_empty() {
        out.push(Finding::new(&v).at(Some(s1.heading_span)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`missing`] looks for a word in the text as written before folding it: sound only while
    /// every word is its own fold and holds no space.
    #[test]
    fn theme_words_are_folded_already() {
        for t in OVERVIEW_THEMES.iter().chain(GOVERNMENT_THEMES) {
            for w in t.words {
                assert_eq!(fold(w), *w, "{w}");
                assert!(!w.chars().any(char::is_whitespace), "{w}");
            }
        }
    }

    /// A theme written only in traditional characters or with spaces inside is found, through
    /// the folded text; one not written at all is missing.
    #[test]
    fn a_theme_is_found_as_written_or_folded() {
        let words: Vec<&str> = OVERVIEW_THEMES.iter().map(|t| t.words[0]).collect();
        let plain = words.join("，");
        assert!(missing(OVERVIEW_THEMES, &plain).is_empty());
        let spaced: String = plain.chars().flat_map(|c| [c, ' ']).collect();
        assert!(missing(OVERVIEW_THEMES, &spaced).is_empty());
        let without_first = words[1..].join("，");
        let gone = missing(OVERVIEW_THEMES, &without_first);
        assert_eq!(gone.len(), 1);
        assert!(std::ptr::eq(gone[0], &OVERVIEW_THEMES[0]));
    }
}
