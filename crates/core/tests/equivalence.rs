//! The same report in another form gives the same cells: every report the text route reads
//! (the seed, the fixtures, the corpus) is rendered as an HTML page in the national
//! rowspan/colspan layout — with `&nbsp;` for blank cells and numbers split across
//! `<span>`s, as CMS pages have them — and read back through `check_bytes`.

mod common;

use nianbao_core::format::{t2_rows, t3, t3_rows, t4, RowSpec};
use nianbao_core::{check_bytes, check_text, CellKey, CellValue, DetectedFormat, Report, Table};
use std::fmt::Write;

fn cell_html(r: &Report, key: CellKey) -> String {
    match r.value(key) {
        Some(CellValue::Number(n)) => {
            // Split multi-digit numbers across spans, as Word-exported pages do.
            let s = n.to_string();
            if s.len() > 1 {
                let (a, b) = s.split_at(1);
                format!("<span>{a}</span><span style=\"font-family:宋体\">{b}</span>")
            } else {
                s
            }
        }
        Some(CellValue::Blank) | None => "<p>&nbsp;</p>".into(),
        Some(CellValue::Placeholder(s) | CellValue::Text(s)) => {
            s.replace('&', "&amp;").replace('<', "&lt;")
        }
    }
}

fn render(r: &Report) -> String {
    let mut h = String::from("<html><head><title>x</title><style>td{border:1px}</style></head><body><div class=\"nav\">首页 &gt; 政务公开</div>\n");
    let _ = writeln!(h, "<p>{}</p>", r.title.clone().unwrap_or_default());
    let fmt = r.format;
    let heading = |n: u8| r.section(n).map(|s| s.heading.clone()).unwrap_or_default();
    let _ = writeln!(h, "<p>{}</p><p>正文。</p><p>{}</p>", heading(1), heading(2));
    // 表二: one table, 4 columns; single-value rows span 3 columns.
    h.push_str("<table>");
    for row in t2_rows(fmt) {
        let _ = write!(
            h,
            "<tr><td colspan=\"4\">{}</td></tr>",
            row.group.map_or("", |g| g.heading_zh)
        );
        let mut cols: String = row
            .cols
            .iter()
            .map(|c| format!("<td colspan=\"{}\">{}</td>", 3 / row.cols.len(), c.label_zh))
            .collect();
        if row.cols.len() == 2 {
            cols.push_str("<td>&nbsp;</td>");
        }
        let _ = write!(h, "<tr><td>信息内容</td>{cols}</tr>");
        let mut vals: String = row
            .cells()
            .map(|k| {
                format!(
                    "<td colspan=\"{}\">{}</td>",
                    3 / row.cols.len(),
                    cell_html(r, k)
                )
            })
            .collect();
        if row.cols.len() == 2 {
            // 2019 rows with two values leave the third column empty ("—" in some pages).
            vals.push_str("<td>&nbsp;</td>");
        }
        let _ = write!(h, "<tr><td>{}</td>{vals}</tr>", row.label_zh);
    }
    h.push_str("</table>\n");
    let _ = writeln!(h, "<p>{}</p>", heading(3));
    // 表三: 3 label columns + 7 data columns, groups as rowspans.
    h.push_str("<table><tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=\"7\">申请人情况</td></tr>");
    h.push_str("<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">总计</td></tr><tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>");
    let rows = t3_rows(if r.row(Table::T3, t3::R3F).is_some() {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    });
    let outcome_rows = rows.iter().filter(|x| x.group.is_some()).count();
    let mut open_group: Option<&str> = None;
    let mut first_outcome = true;
    for row in &rows {
        let vals: String = row
            .cells()
            .map(|k| format!("<td>{}</td>", cell_html(r, k)))
            .collect();
        let label = row.label_zh;
        match row.group.map(|g| g.heading_zh) {
            None => {
                let _ = write!(h, "<tr><td colspan=\"3\">{label}</td>{vals}</tr>");
            }
            Some(g) => {
                let mut tr = String::from("<tr>");
                if first_outcome {
                    let _ = write!(tr, "<td rowspan=\"{outcome_rows}\">三、本年度办理结果</td>");
                    first_outcome = false;
                }
                let is_item = !g.starts_with('三');
                if is_item {
                    if open_group != Some(g) {
                        let n = rows
                            .iter()
                            .filter(|x| x.group.map(|g| g.heading_zh) == Some(g))
                            .count();
                        let _ = write!(tr, "<td rowspan=\"{n}\">{g}</td>");
                        open_group = Some(g);
                    }
                    let _ = write!(tr, "<td>{label}</td>");
                } else {
                    let _ = write!(tr, "<td colspan=\"2\">{label}</td>");
                }
                let _ = write!(h, "{tr}{vals}</tr>");
            }
        }
    }
    h.push_str("</table>\n");
    let _ = writeln!(h, "<p>{}</p>", heading(4));
    h.push_str("<table><tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>");
    h.push_str("<tr><td rowspan=\"2\">结果维持</td><td rowspan=\"2\">结果纠正</td><td rowspan=\"2\">其他结果</td><td rowspan=\"2\">尚未审结</td><td rowspan=\"2\">总计</td><td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>");
    h.push_str("<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr><tr>");
    for k in t4::ROWS.iter().flat_map(RowSpec::cells) {
        let _ = write!(h, "<td>{}</td>", cell_html(r, k));
    }
    h.push_str("</tr></table>\n");
    let _ = writeln!(h, "<p>{}</p><p>正文。</p><p>{}</p><p>正文。</p><script>var x = '<td>9</td>';</script></body></html>", heading(5), heading(6));
    h
}

fn inputs() -> Vec<(String, String)> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut v = vec![(
        "seed".to_string(),
        std::fs::read_to_string(root.join("tests/fixtures/seed.txt")).unwrap(),
    )];
    for name in [
        "05_blank_total.txt",
        "06_placeholders.txt",
        "13_outdated_2019.txt",
        "14_mixed.txt",
        "15_two_errors.txt",
    ] {
        let t = std::fs::read_to_string(root.join("tests/fixtures/cases").join(name)).unwrap();
        v.push((
            name.to_string(),
            t.split("==== expect ====")
                .next()
                .unwrap_or_default()
                .to_string(),
        ));
    }
    for name in [
        "009_huaian_2024.txt",
        "010_hongze_2023.txt",
        "011_hongze_2024.txt",
    ] {
        // Under CI a missing corpus fails (`common::corpus_missing`); elsewhere it is skipped.
        let path = common::corpus_dir().join(name);
        match std::fs::read_to_string(&path) {
            Ok(t) => v.push((name.to_string(), t)),
            Err(_) => common::corpus_missing(&path),
        }
    }
    v
}

#[test]
fn html_rendering_gives_identical_cells() {
    for (name, text) in inputs() {
        let a = check_text(&text);
        assert!(
            a.report.cells.len() > 150,
            "{name}: text route read only {} cells",
            a.report.cells.len()
        );
        let html = render(&a.report);
        let b = check_bytes(html.as_bytes(), Some("x.html"));
        assert_eq!(b.kind, nianbao_core::InputKind::Html, "{name}");
        let want: Vec<(String, CellValue)> = a
            .report
            .cells
            .iter()
            .map(|c| (c.key.to_string(), c.value.clone()))
            .collect();
        let mut got: Vec<(String, CellValue)> = b
            .analysis
            .report
            .cells
            .iter()
            .map(|c| (c.key.to_string(), c.value.clone()))
            .collect();
        let mut want_sorted = want.clone();
        want_sorted.sort_by(|x, y| x.0.cmp(&y.0));
        got.sort_by(|x, y| x.0.cmp(&y.0));
        let diff: Vec<_> = want_sorted
            .iter()
            .filter(|w| !got.contains(w))
            .take(8)
            .collect();
        assert!(
            diff.is_empty() && got.len() == want.len(),
            "{name}: HTML gives {} cells, text {}; first differences {diff:?}",
            got.len(),
            want.len()
        );
        assert_eq!(b.analysis.report.format, a.report.format, "{name}");
    }
}
