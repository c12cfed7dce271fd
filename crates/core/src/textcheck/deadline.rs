//! The publication date against article 49 of the regulations (DEADLINE-LATE).

use crate::finding::{Finding, Outcome, Param};
use crate::model::{Report, Span};
use crate::rules::ids;

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

/// Publication date against article 49: departments by 31 January, local governments'
/// own reports by 31 March (everyone by 31 March before the 2019 revision).
pub(super) fn deadline(report: &Report, text: &str, out: &mut Vec<Finding>) {
    let Some(year) = report.year else { return };
    let mut found: Option<((u32, u32, u32), Span)> = None;
    for label in ["发布时间", "发布日期", "发文日期", "成文日期", "发布于"] {
        if let Some(i) = text.find(label) {
            let after = &text[i + label.len()..];
            let skip = after.len() - after.trim_start_matches([':', '：', ' ', '\u{3000}']).len();
            if let Some((y, m, d, used)) = parse_date(&after[skip..]) {
                let start = i + label.len() + skip;
                found = Some(((y, m, d), Span::new(i, start + used)));
                break;
            }
        }
    }
    let Some(((y, m, d), span)) = found else {
        return;
    };
    let agency = report.agency.clone().unwrap_or_default();
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
    let by_jan = year >= 2019 && department;
    let (dm, dd) = if by_jan { (1, 31) } else { (3, 31) };
    let late = (y, m, d) > (year + 1, dm, dd);
    if late {
        let mut f = Finding::new(ids::DEADLINE_LATE, Outcome::Fail);
        f.params.push(Param::two(
            "date",
            format!("{y}年{m}月{d}日"),
            format!("{y}-{m:02}-{d:02}"),
        ));
        f.params.push(Param::two(
            "deadline",
            format!("{}年{dm}月{dd}日", year + 1),
            format!("{}-{dm:02}-{dd:02}", year + 1),
        ));
        let (zh, en) = if by_jan {
            (
                "政府部门应于次年1月31日前公布",
                "departments publish by 31 January",
            )
        } else {
            (
                "本级政府年度报告应于次年3月31日前公布",
                "local governments publish by 31 March",
            )
        };
        f.params.push(Param::two("who", zh, en));
        f.span = Some(span);
        out.push(f);
    }
}
