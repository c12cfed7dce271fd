//! The cross-year rules: a report against last year's report of the same body
//! (CARRYOVER-MISMATCH, VALID-COUNT-CONTINUITY; [`check_pair`]), and the decision whether two
//! reports are such a pair at all ([`pair_problem`], [`same_body`], [`auto_partners`]),
//! shared by the page and the CLI so that both refuse the same pairs with the same words.

use super::words::pick;
use super::{Case, Finding, Group, Outcome, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::format::{t2, t3, CellKey, ColSpec, RowSpec, Table};
use crate::lang::Lang;
use crate::model::{ReadStatus, Report};
use crate::num::Num;

/// The agency for comparison: without white space.
fn body_key(agency: &str) -> String {
    agency.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether two agency names (as read from two reports) name the same body: equal without white
/// space, or one is the other with the higher-level region written in front — a report titled
/// 洪泽区人民政府 one year and 淮安市洪泽区人民政府 the next. The shorter name must itself name a
/// place (contain 省/市/区/县/州/盟/旗) and have at least five characters, so that a bare
/// 人民政府 or 科学技术局 never matches some other region's body.
pub fn same_body(a: &str, b: &str) -> bool {
    let (a, b) = (body_key(a), body_key(b));
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    const PLACE: [char; 7] = ['省', '市', '区', '县', '州', '盟', '旗'];
    if short.chars().count() < 5 || !short.contains(PLACE) || !long.ends_with(short.as_str()) {
        return false;
    }
    long[..long.len() - short.len()].ends_with(PLACE)
}

/// Why a report cannot be compared with last year's: it was not read as a report. `(zh, en)`.
pub fn not_comparable() -> (String, String) {
    (
        "这个结果不是一份读取成功的年度报告，不能与上一年度的报告对比。".into(),
        "This result is not a report that could be read, so it cannot be compared with last year's.".into(),
    )
}

/// Why `last` (file `last_name`) cannot be paired with `this` as last year's report of the
/// same body: `(zh, en)`, Chinese first. `None` when it can: `this` was read, `last` was read,
/// both years were recognised and `last`'s is the year before `this`'s, and the agencies name
/// the same body ([`same_body`]) or one of them was not recognised.
pub fn pair_problem(this: &Report, last: &Report, last_name: &str) -> Option<(String, String)> {
    let (t, l) = (this, last);
    if t.status != ReadStatus::Ok {
        return Some(not_comparable());
    }
    if let ReadStatus::Unreadable { zh, en } = &l.status {
        return Some((
            format!("无法对比：所选文件“{last_name}”无法读取。{zh}"),
            format!("Cannot compare: the chosen file “{last_name}” could not be read. {en}"),
        ));
    }
    let Some(y) = t.year else {
        return Some((
            "无法对比：没有识别出本报告的年度，无法确定上一年度。".into(),
            "Cannot compare: the year of this report was not recognised, so the previous year is unknown.".into(),
        ));
    };
    let prev = y.saturating_sub(1);
    match l.year {
        None => {
            return Some((
                format!("无法对比：没有识别出所选文件“{last_name}”的年度，无法确认它是上一年度（{prev} 年度）的报告。"),
                format!("Cannot compare: the year of the chosen file “{last_name}” was not recognised, so it is not known to be the report for the previous year ({prev})."),
            ))
        }
        Some(ly) if ly != prev => {
            return Some((
                format!("无法对比：所选文件“{last_name}”是 {ly} 年度的报告，不是上一年度（{prev} 年度）的报告。"),
                format!("Cannot compare: the chosen file “{last_name}” is the report for {ly}, not for the previous year ({prev})."),
            ))
        }
        Some(_) => {}
    }
    if let (Some(a), Some(la)) = (&t.agency, &l.agency) {
        if !same_body(a, la) {
            return Some((
                format!("无法对比：所选文件“{last_name}”是“{la}”的报告，本报告是“{a}”的。只能与同一机关上一年度的报告对比。"),
                format!("Cannot compare: the chosen file “{last_name}” is by {la}, this report by {a}. Compare only with the same body's report of the previous year."),
            ));
        }
    }
    None
}

/// Automatic pairing among reports read together, when report `k` has just been read (`None`
/// for an input that is not a report): the earlier report that is `k`'s previous-year report
/// of the same body (the first one), and the earlier reports whose previous-year report `k`
/// is. Only readable reports whose agency and year were both recognised are paired
/// automatically. A shell drops from the second list the reports it has already paired.
pub fn auto_partners(reports: &[Option<&Report>], k: usize) -> (Option<usize>, Vec<usize>) {
    fn key<'a>(r: &Option<&'a Report>) -> Option<(&'a str, u32)> {
        let r = (*r)?;
        if r.status != ReadStatus::Ok {
            return None;
        }
        Some((r.agency.as_deref()?, r.year?))
    }
    let Some((body, year)) = reports.get(k).and_then(key) else {
        return (None, Vec::new());
    };
    let mut mine = None;
    let mut theirs = Vec::new();
    for (j, r) in reports.iter().enumerate().take(k) {
        let Some((b, y)) = key(r) else { continue };
        if !same_body(b, body) {
            continue;
        }
        if mine.is_none() && y + 1 == year {
            mine = Some(j);
        } else if year + 1 == y {
            theirs.push(j);
        }
    }
    (mine, theirs)
}

/// CARRYOVER-MISMATCH: this year's 上年结转 is not last year's 结转下年度继续办理.
pub(crate) const CARRYOVER_MISMATCH: Rule = Rule {
    id: RuleId::CarryoverMismatch,
    severity: Severity::Error,
    cases: &[
        Case {
            severity: Severity::Error,
            zh: "两年的数字不一致",
            en: "the two years differ",
        },
        Case {
            severity: Severity::Warning,
            zh: "无法核对：配对的报告不是上一年度的，或年度没有识别出来",
            en:
                "not assessable: the paired report is not last year's, or a year was not recognised",
        },
    ],
    scope: Scope::NationalTables,
    group: Group::CrossYear,
    title_zh: "上年结转与上一年度报告的结转下年度不一致",
    title_en: "Carried over ≠ last year's carried forward",
};

/// Why CARRYOVER_MISMATCH exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const CARRYOVER_MISMATCH_DOC: RuleDoc = RuleDoc {
    zh: "为什么：本年度表三“二、上年结转政府信息公开申请数量”就是上一年度报告表三“四、结转下年度继续办理”的数量，每一列都应相等（2021年格式调整没有改变表三的列）。不一致说明某一年的结转数填错，或有申请在两年之间丢失或重复统计。本规则需要同时提供同一机关上一年度的报告。\n怎样改：核对两年的台账，改正填错的一方；若上一年度报告有误，应在本年度报告中说明。",
    en: "Why: this year's 上年结转 (carried over) is last year's 结转下年度继续办理 (carried forward), column by column. A difference means one year's figure is wrong, or applications were lost or counted twice between the years. Needs last year's report of the same body.\nHow to fix: check both years' records and correct the wrong one.",
};

enum CarryoverMismatch {
    /// In column `col`, this year's report carried over `actual`, last year's (for
    /// `last_year`) carried forward `expected`.
    Differs {
        col: &'static ColSpec,
        last_year: u32,
        expected: Num,
        actual: Num,
    },
    /// The paired report is for `last`, not for the year before `this`.
    NotLastYear { this: u32, last: u32 },
    /// A year was not recognised.
    YearUnknown,
}

impl Violation for CarryoverMismatch {
    fn rule(&self) -> RuleId {
        RuleId::CarryoverMismatch
    }
    fn outcome(&self) -> Outcome {
        match self {
            CarryoverMismatch::Differs { .. } => Outcome::Fail,
            _ => Outcome::NotAssessable,
        }
    }
    fn severity(&self) -> Severity {
        match self {
            CarryoverMismatch::Differs { .. } => Severity::Error,
            _ => Severity::Warning,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let why = match self {
            CarryoverMismatch::Differs {
                col,
                last_year,
                expected,
                actual,
            } => {
                return match lang {
                    Lang::Zh => format!(
                        "表三“{}”列：本年“二、上年结转”为{actual}，但{last_year}年度报告“四、结转下年度继续办理”为{expected}",
                        col.label_zh
                    ),
                    Lang::En => format!(
                        "Table 3 column “{}”: carried over this year is {actual}, but the {last_year} report carried forward {expected}",
                        col.label_en
                    ),
                }
            }
            CarryoverMismatch::NotLastYear { this, last } => {
                let prev = this.saturating_sub(1);
                match lang {
                    Lang::Zh => format!("配对的报告是{last}年度的，不是{prev}年度（上一年度）的"),
                    Lang::En => format!("the paired report is for {last}, not for {prev}"),
                }
            }
            CarryoverMismatch::YearUnknown => pick(
                lang,
                "至少一份报告的年度没有识别出来",
                "the year of at least one report was not recognised",
            )
            .to_string(),
        };
        match lang {
            Lang::Zh => format!("跨年度核对无法进行，因为{why}"),
            Lang::En => format!("The cross-year check cannot be made because {why}"),
        }
    }
}

/// VALID-COUNT-CONTINUITY: last year's 现行有效 + this year's 制发 − 废止 ≠ this year's 现行有效.
pub(crate) const VALID_COUNT_CONTINUITY: Rule = Rule {
    id: RuleId::ValidCountContinuity,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::NationalTables,
    group: Group::CrossYear,
    title_zh: "现行有效件数与上一年度不衔接",
    title_en: "Documents in force do not follow from last year",
};

/// Why VALID_COUNT_CONTINUITY exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const VALID_COUNT_CONTINUITY_DOC: RuleDoc = RuleDoc {
    zh: "为什么：现行有效件数应大致等于上年现行有效件数加本年制发、减本年废止。修订、清理或统计口径调整会带来出入，所以这是提示性检查（警告），但差异应当能够解释。本规则需要同时提供同一机关上一年度的报告。\n怎样改：核对文件清理台账；如口径调整，在正文中说明。",
    en: "Why: documents in force should roughly equal last year's in force + made − repealed. Revisions and re-counting cause differences, so this is a warning, but the difference should be explainable. Needs last year's report of the same body.\nHow to fix: check the document records, or explain the change of scope in the text.",
};

struct ValidCountContinuity {
    row: &'static RowSpec,
    last: Num,
    made: Num,
    repealed: Num,
    expected: Num,
    actual: Num,
}

impl Violation for ValidCountContinuity {
    fn rule(&self) -> RuleId {
        RuleId::ValidCountContinuity
    }
    fn message(&self, lang: Lang) -> String {
        let ValidCountContinuity {
            row,
            last,
            made,
            repealed,
            expected,
            actual,
        } = self;
        match lang {
            Lang::Zh => format!(
                "表二“{}”：上年现行有效{last}件，加本年制发{made}件、减本年废止{repealed}件应为{expected}件，但本年现行有效为{actual}件",
                row.label_zh
            ),
            Lang::En => format!(
                "Table 2 “{}”: last year {last} in force + {made} made − {repealed} repealed = {expected}, but {actual} are in force this year",
                row.label_en
            ),
        }
    }
}

/// Checks `this` against `last` (last year's report of the same body): the findings.
pub fn check_pair(this: &Report, last: &Report) -> Vec<Finding> {
    let (r, l) = (this, last);
    let mut out = Vec::new();
    let not_assessable = match (r.year, l.year) {
        (Some(y), Some(ly)) if ly + 1 != y => {
            Some(CarryoverMismatch::NotLastYear { this: y, last: ly })
        }
        (None, _) | (_, None) => Some(CarryoverMismatch::YearUnknown),
        _ => None,
    };
    if let Some(v) = not_assessable {
        out.push(Finding::new(&v));
        return out;
    }
    let last_year = l.year.unwrap_or(0);
    let num = |rep: &Report, k: CellKey| rep.value(k).and_then(|v| v.number());
    for c in t3::COLS {
        // This year's 上年结转 is last year's 结转下年度继续办理.
        let this_key = t3::cell(t3::R2, c.id);
        let last_key = t3::cell(t3::R4, c.id);
        if let (Some(now), Some(then)) = (num(r, this_key), num(l, last_key)) {
            if !now.same_value(then) {
                let v = CarryoverMismatch::Differs {
                    col: c,
                    last_year,
                    expected: then,
                    actual: now,
                };
                let mut f = Finding::new(&v)
                    .with_cells(vec![this_key])
                    .with_numbers(then, now);
                f.suspect = vec![this_key];
                out.push(f);
            }
        }
    }
    // The 2021 document rows: last year's 现行有效 + this year's 制发 − 废止 = this year's 现行有效.
    for row in [t2::REG, t2::NORM] {
        let k = |col| t2::cell(row, col);
        let (Some(last_valid), Some(made), Some(repealed), Some(valid)) = (
            num(l, k(t2::VALID)),
            num(r, k(t2::MADE)),
            num(r, k(t2::REPEALED)),
            num(r, k(t2::VALID)),
        ) else {
            continue;
        };
        let Some(expected) = last_valid
            .checked_add(made)
            .and_then(|x| x.checked_sub(repealed))
        else {
            continue;
        };
        if !expected.same_value(valid) {
            let v = ValidCountContinuity {
                row: Table::T2.row(row),
                last: last_valid,
                made,
                repealed,
                expected,
                actual: valid,
            };
            let cells = vec![k(t2::MADE), k(t2::REPEALED), k(t2::VALID)];
            out.push(
                Finding::new(&v)
                    .with_cells(cells)
                    .with_numbers(expected, valid),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../../../tests/fixtures/seed.txt");

    fn report(text: &str) -> Report {
        crate::check_text(text).report
    }

    #[test]
    fn same_body_allows_the_higher_region_in_front_and_nothing_looser() {
        assert!(same_body("洪泽区人民政府", "淮安市洪泽区人民政府"));
        assert!(same_body("淮安市洪泽区人民政府", "洪泽区 人民政府"));
        assert!(same_body("洛阳市科学技术局", "洛阳市科学技术局"));
        assert!(!same_body("洛阳市科学技术局", "洛阳市教育局"));
        assert!(!same_body("科学技术局", "洛阳市科学技术局"));
        assert!(!same_body("人民政府", "淮安市人民政府"));
        assert!(!same_body("洪泽区人民政府", "淮安市人民政府"));
        assert!(!same_body("洪泽区人民政府", "淮安市洪泽区人民政府办公室"));
        assert!(!same_body("泽区人民政府", "淮安市洪泽区人民政府"));
    }

    #[test]
    fn pair_problem_names_the_year_the_body_or_the_unreadable_file() {
        let this = report(SEED);
        let last = report(&SEED.replace("2024", "2023"));
        assert_eq!(pair_problem(&this, &last, "2023.txt"), None);
        let (zh, en) = pair_problem(&this, &this, "a.txt").expect("same year");
        assert_eq!(
            zh,
            "无法对比：所选文件“a.txt”是 2024 年度的报告，不是上一年度（2023 年度）的报告。"
        );
        assert_eq!(en, "Cannot compare: the chosen file “a.txt” is the report for 2024, not for the previous year (2023).");
        let other = report(
            &SEED
                .replace("2024", "2023")
                .replace("洛阳市科学技术局", "洛阳市教育局"),
        );
        let (zh, _) = pair_problem(&this, &other, "b.txt").expect("another body");
        assert_eq!(zh, "无法对比：所选文件“b.txt”是“洛阳市教育局”的报告，本报告是“洛阳市科学技术局”的。只能与同一机关上一年度的报告对比。");
        let (zh, _) = pair_problem(&this, &report("今天天气很好。"), "c.txt").expect("unreadable");
        assert!(
            zh.starts_with("无法对比：所选文件“c.txt”无法读取。未识别为"),
            "{zh}"
        );
        assert_eq!(
            pair_problem(&report("今天天气很好。"), &last, "2023.txt"),
            Some(not_comparable())
        );
    }

    #[test]
    fn auto_partners_finds_the_previous_and_the_next_year_of_the_same_body() {
        let y2024 = report(SEED);
        let y2023 = report(&SEED.replace("2024", "2023"));
        let y2022 = report(&SEED.replace("2024", "2022"));
        let other = report(
            &SEED
                .replace("2024", "2023")
                .replace("洛阳市科学技术局", "洛阳市教育局"),
        );
        let rs = [Some(&y2024), Some(&other), Some(&y2022), None, Some(&y2023)];
        assert_eq!(auto_partners(&rs, 0), (None, vec![]));
        assert_eq!(auto_partners(&rs, 1), (None, vec![]));
        assert_eq!(auto_partners(&rs, 3), (None, vec![]));
        assert_eq!(auto_partners(&rs, 4), (Some(2), vec![0]));
        assert_eq!(auto_partners(&rs, 9), (None, vec![]));
    }
}
