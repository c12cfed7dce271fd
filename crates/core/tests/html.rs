//! The HTML reader end to end: `check_bytes` sniffs HTML, `html::parse` builds the document,
//! the report reader reads it. Three groups:
//!
//! - our fixtures in `tests/fixtures/html/` (clipboard HTML from Word, spans splitting numbers,
//!   `&nbsp;` blanks, table 2 as four tables, a layout table, a page that is no report,
//!   malformed markup, and the seed report rendered with the national rowspan/colspan layout,
//!   which must give exactly the cells of the text route);
//! - the peer's HTML fixtures and the real 沭阳县发改局 page (`../shared/corpus/peer`), whose
//!   ground truth uses the peer's field names, mapped here to our keys (format.md §10);
//! - robustness: hostile or huge markup never panics and stays fast.

use nianbao_core::readers::{grid, html};
use nianbao_core::{
    check_bytes, check_text, CellValue, Checked, InputKind, Outcome, ReadStatus, Report, Severity,
    Table, Verdict,
};
use serde_json::Value;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn peer_dir() -> PathBuf {
    std::env::var_os("NIANBAO_CORPUS")
        .map(|p| PathBuf::from(p).join("../peer"))
        .unwrap_or_else(|| repo().join("../shared/corpus/peer"))
}

fn fixture(name: &str) -> Checked {
    let path = repo().join("tests/fixtures/html").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let c = check_bytes(&bytes, Some(name));
    assert_eq!(c.kind, InputKind::Html, "{name} is read as HTML");
    c
}

/// The peer corpus lives beside the repository; CI always has it, a bare clone may not.
fn peer(rel: &str) -> Option<(Checked, Value)> {
    let path = peer_dir().join(rel);
    let Ok(bytes) = std::fs::read(&path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "peer corpus not found at {}",
            path.display()
        );
        println!("peer corpus not found at {}: skipped", path.display());
        return None;
    };
    let expected_path = path.parent().unwrap().join("expected.json");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    let c = check_bytes(&bytes, None);
    assert_eq!(c.kind, InputKind::Html, "{rel} is read as HTML");
    Some((c, expected))
}

/// A cell as the fixture suite writes it: a number as printed, `blank`, or `"text"`.
fn show(v: Option<&CellValue>) -> String {
    match v {
        None => "(not read)".into(),
        Some(CellValue::Number(n)) => n.to_string(),
        Some(CellValue::Blank) => "blank".into(),
        Some(CellValue::Placeholder(s) | CellValue::Text(s)) => format!("\"{s}\""),
    }
}

fn show_json(v: &Value) -> String {
    match v {
        Value::Null => "blank".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

/// The value read under a canonical key given as a string.
fn value<'a>(report: &'a Report, key: &str) -> Option<&'a CellValue> {
    report.value(key.parse().ok()?)
}

/// Checks cells given as `(key, expected)` and reports every mismatch at once.
fn assert_cells(c: &Checked, what: &str, expected: &[(String, String)]) {
    let bad: Vec<String> = expected
        .iter()
        .filter_map(|(k, want)| {
            let got = show(value(&c.analysis.report, k));
            (&got != want).then(|| format!("{k}: expected {want}, got {got}"))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: {} of {} cells wrong:\n{}\n--- text read ---\n{}",
        bad.len(),
        expected.len(),
        bad.join("\n"),
        c.text
    );
}

fn cells(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The seven 表三 values of a row, C1..C7.
fn t3_row(row: &str, values: [&str; 7]) -> Vec<(String, String)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("T3.{row}.C{}", i + 1), v.to_string()))
        .collect()
}

fn t4(values: [&str; 15]) -> Vec<(String, String)> {
    let mut v = Vec::new();
    for (g, group) in ["RV", "LD", "LR"].iter().enumerate() {
        for (r, res) in ["m", "c", "o", "p", "t"].iter().enumerate() {
            v.push((format!("T4.{group}.{res}"), values[g * 5 + r].to_string()));
        }
    }
    v
}

fn rules(c: &Checked) -> Vec<&'static str> {
    c.analysis
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .collect()
}

fn section_text(c: &Checked, number: u8) -> &str {
    let s = c
        .analysis
        .report
        .sections
        .iter()
        .find(|s| s.number == number)
        .unwrap_or_else(|| panic!("section {number} found"));
    &c.text[s.span.start..s.span.end]
}

fn sections(c: &Checked) -> Vec<u8> {
    c.analysis
        .report
        .sections
        .iter()
        .map(|s| s.number)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Our fixtures
// ---------------------------------------------------------------------------------------

#[test]
fn seed_as_html_reads_exactly_like_the_seed_text() {
    let seed = std::fs::read_to_string(repo().join("tests/fixtures/seed.txt")).unwrap();
    let text = check_text(&seed);
    let h = fixture("seed-2021.html");
    let a = &h.analysis;
    assert_eq!(text.report.cells.len(), 200, "the seed has 200 cells");
    let from_text: Vec<(String, String)> = text
        .report
        .cells
        .iter()
        .map(|c| (c.key.to_string(), show(Some(&c.value))))
        .collect();
    let from_html: Vec<(String, String)> = a
        .report
        .cells
        .iter()
        .map(|c| (c.key.to_string(), show(Some(&c.value))))
        .collect();
    assert_eq!(from_html, from_text, "HTML and text give the same cells");
    assert_cells(
        &h,
        "seed",
        &cells(&[
            ("T2.norm.made", "2"),
            ("T2.norm.repealed", "6"),
            ("T2.norm.valid", "15"),
        ]),
    );
    assert_eq!(a.report.format, text.report.format);
    assert_eq!(a.report.year, Some(2024));
    assert_eq!(a.report.agency.as_deref(), Some("洛阳市科学技术局"));
    assert_eq!(sections(&h), [1, 2, 3, 4, 5, 6]);
    assert_eq!(
        a.findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
        text.findings.iter().map(|f| f.rule).collect::<Vec<_>>(),
        "same findings"
    );
    // the seed's one slip (等反面) is a warning
    assert_eq!(a.verdict(), Verdict::Warn);
}

#[test]
fn word_clipboard_fragment() {
    // mso styles, <o:p>, conditional comments, labels split into runs at font changes, a
    // heading wrapped inside the source by Word ("总体\r\n情况"), <![if !supportLists]>.
    let c = fixture("word-clipboard-2021.html");
    let a = &c.analysis;
    assert_eq!(a.report.status, ReadStatus::Ok);
    assert_eq!(a.report.agency.as_deref(), Some("示例县农业农村局"));
    assert_eq!(a.report.year, Some(2024), "20</span><span>24 joins");
    assert_eq!(a.report.format.as_str(), "2021");
    assert_eq!(sections(&c), [1, 2, 3, 4, 5, 6]);
    assert!(
        c.text.contains("一、总体情况\n"),
        "line break in CJK text dropped"
    );
    assert!(c
        .text
        .contains("（一） 主动公开。全年主动公开政府信息128条。"));
    assert!(!c.text.contains("mso-"), "styles are not text");
    assert!(!c.text.contains("WordDocument") && !c.text.contains("Normal\n"));
    let mut want = cells(&[
        ("T2.reg.made", "0"),
        ("T2.norm.made", "3"),
        ("T2.norm.repealed", "1"),
        ("T2.norm.valid", "12"),
        ("T2.licensing", "25"),
        ("T2.penalty", "4"),
        ("T2.coercion", "0"),
        ("T2.fee", "1.5"),
    ]);
    want.extend(t3_row("R1", ["10", "2", "0", "0", "1", "0", "13"]));
    want.extend(t3_row("R2", ["1", "0", "0", "0", "0", "0", "1"]));
    want.extend(t3_row("R3a", ["5", "1", "0", "0", "0", "0", "6"]));
    want.extend(t3_row("R3c4", ["1", "0", "0", "0", "0", "0", "1"]));
    want.extend(t3_row("R3d1", ["2", "1", "0", "0", "1", "0", "4"]));
    want.extend(t3_row("R3f3", ["0"; 7]));
    want.extend(t3_row("R3g", ["9", "2", "0", "0", "1", "0", "12"]));
    want.extend(t3_row("R4", ["2", "0", "0", "0", "0", "0", "2"]));
    want.extend(t4([
        "1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0",
    ]));
    assert_cells(&c, "Word clipboard", &want);
    assert_eq!(a.report.cells.len(), 200, "every cell of the 2021 template");
    // Its 总体情况 is one sentence: the themes warning is the only finding.
    assert_eq!(rules(&c), ["THEME-MISSING"]);
    assert_eq!(a.verdict(), Verdict::Warn);
}

#[test]
fn numbers_and_labels_split_across_spans() {
    let c = fixture("split-spans.html");
    let a = &c.analysis;
    assert_eq!(a.report.year, Some(2023));
    assert_eq!(a.report.agency.as_deref(), Some("示例市统计局"));
    assert!(c.text.contains("共收到政府信息公开申请127件"));
    assert!(
        c.text.contains("\t商业 企业\t科研 机构\t"),
        "<p>s in a cell: a space"
    );
    let mut want = t3_row("R1", ["120", "7", "0", "0", "0", "0", "127"]);
    want.extend(t3_row("R2", ["3", "0", "0", "0", "0", "0", "3"]));
    want.extend(t3_row("R3a", ["100", "5", "0", "0", "0", "0", "105"]));
    want.extend(t3_row("R3b", ["2", "0", "0", "0", "0", "0", "2"]));
    want.extend(t3_row("R3c3", ["0"; 7]));
    want.extend(t3_row("R3d1", ["15", "2", "0", "0", "0", "0", "17"]));
    want.extend(t3_row("R3g", ["117", "7", "0", "0", "0", "0", "124"]));
    want.extend(t3_row("R4", ["6", "0", "0", "0", "0", "0", "6"]));
    assert_cells(&c, "split spans", &want);
    // The table is consistent: no arithmetic finding.
    assert!(
        !rules(&c).iter().any(|r| r.starts_with("T3-")),
        "{:?}",
        rules(&c)
    );
}

#[test]
fn nbsp_blanks_placeholders_and_zeros_stay_apart() {
    let c = fixture("nbsp-blanks.html");
    assert!(
        c.text.contains("结果 维持\t结果 纠正"),
        "<br> in a cell: a space"
    );
    assert_cells(
        &c,
        "blanks",
        &t4([
            "2", "blank", "blank", "blank", "2", "blank", "blank", "blank", "blank", "0", "\"/\"",
            "\"—\"", "\"无\"", "0", "0",
        ]),
    );
}

#[test]
fn table_2_as_four_tables() {
    let c = fixture("table2-four-tables-2021.html");
    let a = &c.analysis;
    assert_eq!(a.report.format.as_str(), "2021");
    assert_eq!(a.report.year, Some(2021));
    assert_eq!(
        c.text.lines().next(),
        Some("示例镇人民政府2021年政府信息公开工作年度报告_示例县人民政府"),
        "the <title> is the first paragraph"
    );
    assert!(!c.text.contains("99"), "script content is not text");
    assert!(
        !c.text.contains("请启用脚本"),
        "noscript content is not text"
    );
    assert!(!c.text.contains('9'), "template content is not text");
    assert_cells(
        &c,
        "table 2",
        &cells(&[
            ("T2.reg.made", "0"),
            ("T2.reg.repealed", "0"),
            ("T2.reg.valid", "0"),
            ("T2.norm.made", "1"),
            ("T2.norm.repealed", "0"),
            ("T2.norm.valid", "7"),
            ("T2.licensing", "36"),
            ("T2.penalty", "12"),
            ("T2.coercion", "0"),
            ("T2.fee", "0.35"),
        ]),
    );
    assert_eq!(sections(&c), [1, 2, 3, 4, 5, 6]);
}

#[test]
fn layout_table_wrapping_the_report() {
    let c = fixture("layout-wrapper.html");
    let a = &c.analysis;
    assert_eq!(a.report.agency.as_deref(), Some("示例市司法局"));
    assert_eq!(a.report.year, Some(2024));
    assert_eq!(sections(&c), [1, 2, 4, 5, 6]);
    // The report's paragraphs are lines of their own, not one row of the layout table.
    assert!(c.text.contains("\n一、总体情况\n"));
    let mut want = cells(&[
        ("T2.norm.made", "2"),
        ("T2.norm.repealed", "1"),
        ("T2.norm.valid", "9"),
        ("T2.licensing", "44"),
        ("T2.penalty", "3"),
        ("T2.fee", "0"),
    ]);
    want.extend(t4([
        "3", "1", "0", "0", "4", "2", "0", "0", "1", "3", "0", "0", "0", "0", "0",
    ]));
    assert_cells(&c, "layout", &want);
    // Navigation and footer are harmless paragraphs.
    assert!(c.text.contains("机构概况") && c.text.contains("备案号"));
    assert!(
        rules(&c).contains(&"TABLE-MISSING"),
        "表三 is really missing"
    );
}

#[test]
fn a_page_without_a_report_is_not_a_report() {
    let c = fixture("not-a-report.html");
    let a = &c.analysis;
    assert_eq!(a.verdict(), Verdict::Unreadable);
    match &a.report.status {
        ReadStatus::Unreadable { zh, en } => {
            assert!(zh.starts_with("未识别为政府信息公开工作年度报告"), "{zh}");
            assert!(en.contains("does not look like an annual report"), "{en}");
        }
        s => panic!("expected unreadable, got {s:?}"),
    }
}

#[test]
fn html_without_any_text_is_refused_with_a_chinese_message() {
    for input in [
        "<html><head><title> </title><style>p{}</style></head><body><img src=a.png><script>x()</script></body></html>",
        "<div>&nbsp;</div><!-- 一、总体情况 -->",
    ] {
        let e = html::parse(input).expect_err("no text");
        assert!(e.zh.starts_with("HTML 中没有可读的文字"), "{}", e.zh);
        assert!(e.en.starts_with("The HTML contains no readable text"), "{}", e.en);
        let c = check_bytes(input.as_bytes(), None);
        assert_eq!(c.kind, InputKind::Unreadable);
        assert_eq!(c.analysis.verdict(), Verdict::Unreadable);
    }
}

#[test]
fn malformed_markup() {
    // Unclosed <p>, <td>, <tr>, <span>, <b>; stray </div>, </td>, </p>; upper-case tags and
    // unquoted attributes; a table whose </table> is missing; bad character references; an
    // attribute quote left open at the end of the input.
    let c = fixture("malformed.html");
    let a = &c.analysis;
    assert_eq!(a.report.status, ReadStatus::Ok);
    assert_eq!(a.report.agency.as_deref(), Some("示例县水利局"));
    assert_eq!(a.report.year, Some(2020));
    assert_eq!(a.report.format.as_str(), "2019");
    assert_eq!(sections(&c), [1, 2, 4, 5, 6]);
    assert!(c
        .text
        .contains("2020年，本局按照《条例》要求做好政府信息公开工作。\n"));
    assert!(c
        .text
        .contains("结束 <> 3 < 5 & a &unknown; \u{FFFD} \u{FFFD}"));
    let mut want = cells(&[
        ("T2.reg.new_made", "0"),
        ("T2.norm.new_made", "4"),
        ("T2.norm.new_published", "4"),
        ("T2.norm.total_published", "31"),
    ]);
    want.extend(t4([
        "1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0",
    ]));
    assert_cells(&c, "malformed", &want);
    // The 四 heading stays after table 2 (a browser would have moved it above).
    let t2 = c.text.find("规范性文件\t4").unwrap();
    let h4 = c.text.find("四、政府信息公开行政复议").unwrap();
    assert!(t2 < h4);
}

// ---------------------------------------------------------------------------------------
// Peer fixtures (ground truth in the peer's field names)
// ---------------------------------------------------------------------------------------

/// Maps a peer table-3 path (`naturalPerson.denied.stateSecret`) to our key (`T3.R3c1.C1`).
fn peer_t3_key(path: &str) -> String {
    let (entity, field) = if let Some(rest) = path.strip_prefix("legalPerson.") {
        let (e, f) = rest.split_once('.').unwrap();
        (format!("legalPerson.{e}"), f)
    } else {
        let (e, f) = path.split_once('.').unwrap();
        (e.to_string(), f)
    };
    let col = match entity.as_str() {
        "naturalPerson" => "C1",
        "legalPerson.commercial" => "C2",
        "legalPerson.research" => "C3",
        "legalPerson.social" => "C4",
        "legalPerson.legal" => "C5",
        "legalPerson.other" => "C6",
        "total" => "C7",
        e => panic!("unknown peer entity {e}"),
    };
    let row = match field {
        "newReceived" => "R1",
        "carriedOver" => "R2",
        "granted" => "R3a",
        "partialGrant" => "R3b",
        "denied.stateSecret" => "R3c1",
        "denied.lawForbidden" => "R3c2",
        "denied.safetyStability" => "R3c3",
        "denied.thirdPartyRights" => "R3c4",
        "denied.internalAffairs" => "R3c5",
        "denied.processInfo" => "R3c6",
        "denied.enforcementCase" => "R3c7",
        "denied.adminQuery" => "R3c8",
        "unableToProvide.noInfo" => "R3d1",
        "unableToProvide.needCreation" => "R3d2",
        "unableToProvide.unclear" => "R3d3",
        "notProcessed.complaint" => "R3e1",
        "notProcessed.repeat" => "R3e2",
        "notProcessed.publication" => "R3e3",
        "notProcessed.massiveRequests" => "R3e4",
        "notProcessed.confirmInfo" => "R3e5",
        "other.overdueCorrection" => "R3f1",
        "other.overdueFee" => "R3f2",
        "other.otherReasons" => "R3f3",
        "totalProcessed" => "R3g",
        "carriedForward" => "R4",
        f => panic!("unknown peer field {f}"),
    };
    format!("T3.{row}.{col}")
}

/// Maps a peer `table2` object (`regulations`, `normativeDocuments` as objects or
/// [made, repealed, valid] arrays; `licensing`, `punishment`, `coercion`, `fees`/`fees_wan`).
fn peer_t2(t2: &Value) -> Vec<(String, String)> {
    let mut v = Vec::new();
    let Some(obj) = t2.as_object() else {
        return v;
    };
    for (k, val) in obj {
        let prefix = match k.as_str() {
            "regulations" => "T2.reg",
            "normativeDocuments" => "T2.norm",
            "licensing" => "T2.licensing",
            "punishment" => "T2.penalty",
            "coercion" => "T2.coercion",
            "fees" | "fees_wan" => "T2.fee",
            _ => continue, // e.g. normativeDocuments_label
        };
        match val {
            Value::Array(a) => {
                for (name, x) in ["made", "repealed", "valid"].iter().zip(a) {
                    v.push((format!("{prefix}.{name}"), show_json(x)));
                }
            }
            Value::Object(o) => {
                for name in ["made", "repealed", "valid"] {
                    if let Some(x) = o.get(name) {
                        v.push((format!("{prefix}.{name}"), show_json(x)));
                    }
                }
            }
            x => v.push((prefix.to_string(), show_json(x))),
        }
    }
    v
}

fn peer_fixture(name: &str) -> Option<(Checked, Value)> {
    let (c, all) = peer(&format!("test-fixtures-html/{name}"))?;
    let e = all["files"][name].clone();
    assert!(e.is_object(), "{name} in expected.json");
    Some((c, e))
}

#[test]
fn peer_hangzhou_style_city() {
    let Some((c, e)) = peer_fixture("hangzhou-style-city-2025.html") else {
        return;
    };
    let p = &e["peer_test_expectations"];
    let mut want = peer_t2(&p["table2"]);
    for (k, v) in p["table3"].as_object().unwrap() {
        want.push((peer_t3_key(k), show_json(v)));
    }
    let review: Vec<String> = p["table4"]["review"]
        .as_array()
        .unwrap()
        .iter()
        .map(show_json)
        .collect();
    for (res, v) in ["m", "c", "o", "p", "t"].iter().zip(review) {
        want.push((format!("T4.RV.{res}"), v));
    }
    want.push((
        "T4.LD.t".into(),
        show_json(&p["table4"]["litigationDirect.total"]),
    ));
    want.push((
        "T4.LR.t".into(),
        show_json(&p["table4"]["litigationPostReview.total"]),
    ));
    assert_eq!(want.len(), 10 + 8 + 7);
    assert_cells(&c, "hangzhou", &want);
    // "sections: 6"; s1/s5/s6 contents.
    assert_eq!(sections(&c), [1, 2, 3, 4, 5, 6]);
    assert!(section_text(&c, 1).contains("扎实推进政务公开"));
    assert!(section_text(&c, 5).contains("短板"));
    assert!(section_text(&c, 6).contains("信息处理费"));
    // Expected findings: every identity, results total, row total and 表四 sum passes (the
    // header's empty <td>s under 自然人/总计 instead of rowspans change nothing).
    let a = &c.analysis;
    assert!(!a.evaluations.is_empty());
    assert!(
        a.evaluations.iter().all(|ev| ev.outcome == Outcome::Pass),
        "all identities pass"
    );
    assert_eq!(a.report.cells.len(), 200);
    // Its 总体情况 names no theme of 一、总体情况 in the template's words: the themes warning is
    // the only finding.
    assert_eq!(rules(&c), ["THEME-MISSING"]);
    assert_eq!(a.verdict(), Verdict::Warn);
}

#[test]
fn peer_fengxian_style_commission() {
    let Some((c, e)) = peer_fixture("fengxian-style-district-commission-2025.html") else {
        return;
    };
    let p = &e["peer_test_expectations"];
    let mut want = peer_t2(&p["table2"]);
    for (k, v) in p["table3"].as_object().unwrap() {
        want.push((peer_t3_key(k), show_json(v)));
    }
    // "review.total 0, litigationDirect.total 0"
    assert_eq!(
        p["table4"].as_str(),
        Some("review.total 0, litigationDirect.total 0")
    );
    want.push(("T4.RV.t".into(), "0".into()));
    want.push(("T4.LD.t".into(), "0".into()));
    assert_cells(&c, "fengxian", &want);
    // "tablesFound: 3"
    assert_eq!(
        c.analysis.report.tables_seen,
        [Table::T2, Table::T3, Table::T4]
    );
    assert!(section_text(&c, 1).contains("区科委"));
    // Rows （三）…（六） are missing: reported, and the results total is not assessable
    // rather than a pass or an arithmetic error.
    let a = &c.analysis;
    assert!(rules(&c).contains(&"ROW-MISSING"));
    assert!(a
        .findings
        .iter()
        .filter(|f| f.rule == "T3-RESULTS-TOTAL")
        .all(|f| f.outcome == Outcome::NotAssessable));
    // Identity C1/C7: 2 + 0 = 2 + 0 passes.
    for col in ["C1", "C7"] {
        assert!(a.evaluations.iter().any(|ev| ev.rule == "T3-IDENTITY"
            && ev.instance.key() == col
            && ev.outcome == Outcome::Pass));
    }
}

#[test]
fn peer_allzero_partial_tables() {
    let Some((c, e)) = peer_fixture("allzero-partial-tables-2025.html") else {
        return;
    };
    let p = &e["peer_test_expectations"];
    assert_cells(
        &c,
        "allzero",
        &[(
            "T2.reg.made".into(),
            show_json(&p["table2.regulations.made"]),
        )],
    );
    // "text1Chars > 20"
    assert!(section_text(&c, 1).chars().count() > 20);
    // Sections 四, 五, 六 and table 4 missing: structure findings, and the column identities
    // of 表三 (only row 一 is there) are never reported as passing.
    assert_eq!(sections(&c), [1, 2, 3]);
    let a = &c.analysis;
    // Without any format marker (no 第二十条 captions, no 表二 header) the checker reports
    // FORMAT-UNKNOWN and, by its design, no template-based SECTION-/ROW-MISSING findings:
    // that part of the peer's expectation is the checker's, not the HTML reader's.
    assert!(rules(&c).contains(&"FORMAT-UNKNOWN"), "{:?}", rules(&c));
    assert!(!a.evaluations.iter().any(|ev| ev.outcome == Outcome::Pass
        && matches!(
            ev.rule.as_str(),
            "T3-IDENTITY" | "T3-RESULTS-TOTAL" | "T4-GROUP-TOTAL"
        )));
}

/// The peer extracts the article with a CSS selector (`#ivs_content`, `.article-content`) and
/// asserts that page chrome is absent from its text. nianbao has no content selector by
/// design: navigation and footers become paragraphs of the rendering (the brief: "harmless").
/// That part of the peer's truth therefore cannot be met literally; what is asserted instead
/// is that the chrome is harmless — it is not a heading, not a table row, and changes no cell.
fn chrome_is_harmless(c: &Checked, chrome: &[&str]) {
    for s in chrome {
        let Some(at) = c.text.find(s) else {
            continue;
        };
        assert!(
            !c.analysis
                .report
                .sections
                .iter()
                .any(|sec| sec.heading_span.start <= at && at < sec.heading_span.end),
            "{s} is no heading"
        );
        assert!(
            !c.analysis
                .report
                .cells
                .iter()
                .any(|cell| cell.raw.contains(s)),
            "{s} is no cell"
        );
    }
}

fn peer_contains(c: &Checked, p: &Value, key: &str) {
    for s in p[key].as_array().unwrap() {
        // The peer renders table rows as "| a | b |"; the HTML reader separates cells by tabs.
        let s = s.as_str().unwrap();
        let s = s
            .trim_matches(|ch| ch == '|' || ch == ' ')
            .replace(" | ", "\t");
        assert!(c.text.contains(&s), "text contains {s:?}:\n{}", c.text);
    }
}

#[test]
fn peer_huangpu_page_with_chrome() {
    let Some((c, e)) = peer_fixture("huangpu-finance-bureau-2025-with-chrome.html") else {
        return;
    };
    let p = &e["peer_test_expectations"];
    peer_contains(&c, p, "extracted_text contains");
    let chrome: Vec<&str> = p["extracted_text must not contain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    chrome_is_harmless(&c, &chrome);
    assert_cells(
        &c,
        "huangpu",
        &cells(&[
            ("T2.reg.made", "0"),
            ("T2.reg.valid", "0"),
            ("T2.norm.made", "3"),
            ("T2.norm.repealed", "1"),
            ("T2.norm.valid", "12"),
            ("T3.R1.C1", "12"),
        ]),
    );
    assert_eq!(c.analysis.report.agency.as_deref(), Some("黄浦区财政局"));
    assert_eq!(sections(&c), [1, 2, 3, 4, 5, 6]);
    // 表三 with two applicant columns and a 2×4 表四 of zeros: structure findings, never an
    // arithmetic failure.
    let r = rules(&c);
    assert!(
        r.contains(&"COLUMN-MISSING") && r.contains(&"TABLE-MISSING"),
        "{r:?}"
    );
    assert!(!c
        .analysis
        .findings
        .iter()
        .any(|f| f.rule.as_str().starts_with("T3-") && f.outcome == Outcome::Fail));
}

#[test]
fn peer_generic_article_content() {
    let Some((c, e)) = peer_fixture("generic-unit-2025-article-content.html") else {
        return;
    };
    let p = &e["peer_test_expectations"];
    peer_contains(&c, p, "extracted_text contains");
    let chrome: Vec<&str> = p["must not contain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    chrome_is_harmless(&c, &chrome);
    assert_eq!(c.analysis.report.year, Some(2025));
    assert_eq!(sections(&c), [1, 2, 3, 4, 5, 6]);
    assert_cells(&c, "generic", &cells(&[("T2.reg.made", "0")]));
    // Tables 3 and 4 replaced by prose: both missing.
    assert_eq!(
        c.analysis
            .findings
            .iter()
            .filter(|f| f.rule == "TABLE-MISSING" && f.severity == Severity::Error)
            .count(),
        2
    );
}

#[test]
fn peer_shuyang_fgj_2023_real_page() {
    let Some((c, e)) = peer("shuyang-fgj-2023/report.html") else {
        return;
    };
    let gt = &e["ground_truth"];
    let a = &c.analysis;
    assert_eq!(a.report.agency.as_deref(), Some("沭阳县发展和改革局"));
    assert_eq!(a.report.year, Some(2023));
    assert_eq!(a.report.format.as_str(), "2021");
    let mut want = peer_t2(&gt["table2"]);
    assert_eq!(want.len(), 10);
    // "only C1 (自然人) and C7 (总计) filled; C2-C6 are blank cells (<o:p>NBSP</o:p>) in all 25
    // data rows. C1=C7: R1 26, R2 0, R3a 26, all other result rows 0, R3g 26, R4 0"
    assert!(gt["table3"].as_str().unwrap().starts_with("only C1"));
    let rows = [
        "R1", "R2", "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
        "R3d1", "R3d2", "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3",
        "R3g", "R4",
    ];
    for r in rows {
        let v = match r {
            "R1" | "R3a" | "R3g" => "26",
            _ => "0",
        };
        want.extend(t3_row(
            r,
            [v, "blank", "blank", "blank", "blank", "blank", v],
        ));
    }
    let t4_values: Vec<String> = gt["table4_15"]
        .as_array()
        .unwrap()
        .iter()
        .map(show_json)
        .collect();
    let t4_refs: Vec<&str> = t4_values.iter().map(String::as_str).collect();
    want.extend(t4(t4_refs.try_into().unwrap()));
    assert_eq!(want.len(), 10 + 175 + 15);
    assert_cells(&c, "沭阳县发改局 2023", &want);
    // Expected findings: identity and results total pass for C1 and C7; blank C2–C6 are a
    // warning (blank is not 0), and the column checks on them are not assessable.
    for col in ["C1", "C7"] {
        for rule in ["T3-IDENTITY", "T3-RESULTS-TOTAL"] {
            assert!(
                a.evaluations.iter().any(|ev| {
                    ev.rule == rule && ev.instance.key() == col && ev.outcome == Outcome::Pass
                }),
                "{rule} {col} passes"
            );
        }
    }
    assert!(a
        .findings
        .iter()
        .any(|f| f.rule == "CELL-BLANK" && f.severity == Severity::Warning));
    assert!(a
        .evaluations
        .iter()
        .filter(|ev| ev.rule == "T4-GROUP-TOTAL")
        .all(|ev| ev.outcome == Outcome::Pass));
    assert!(
        !a.findings.iter().any(|f| f.severity == Severity::Error),
        "{:?}",
        rules(&c)
    );
    // Section 五 under its variant title.
    assert_eq!(sections(&c), [1, 2, 3, 4, 5, 6]);
    assert!(section_text(&c, 5).starts_with("五、存在的主要问题及整改措施"));
    // Numbers split across runs in the text: "0527—83593</span><span>059".
    assert!(c.text.contains("0527—83593059"));
}

// ---------------------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------------------

/// Checks hostile markup. How long it takes is measured by the `hostile` benchmarks
/// (`cargo bench -p nianbao-core`), not asserted here.
fn read(input: &str) -> Checked {
    check_bytes(input.as_bytes(), None)
}

#[test]
fn hostile_spans_and_nesting_stay_bounded() {
    // Huge spans are capped.
    let c = read("<table><tr><td rowspan=4294967296 colspan=99999999>一、本年新收政府信息公开申请数量</td><td>5</td></tr>\
         <tr><td rowspan=0 colspan=0>x</td></tr></table>");
    assert!(c
        .text
        .lines()
        .all(|l| l.split('\t').count() <= grid::MAX_COLS));
    // Thousands of rows under a rowspan of 100 and a colspan of 100.
    let mut s = String::from("<table>");
    for _ in 0..20_000 {
        s.push_str("<tr><td rowspan=100 colspan=100>a</td><td>1</td></tr>");
    }
    let c = read(&s);
    assert!(c.text.len() < 200 * 1024 * 1024);
    // Deep nesting.
    let deep =
        "<table><tr><td>".repeat(5_000) + "一、总体情况" + &"</td></tr></table>".repeat(5_000);
    let c = read(&deep);
    assert!(c.text.contains("一、总体情况"));
    // Unclosed everything, and stray end tags.
    let soup =
        "<div><p><span><table><tr><td><b>".repeat(3_000) + &"</i></td></table></p>".repeat(3_000);
    let c = read(&soup);
    let ReadStatus::Unreadable { zh, en } = &c.analysis.report.status else {
        panic!(
            "a page with no report text is not a report: {:?}",
            c.analysis.report.status
        )
    };
    assert!(zh.contains("报告") && !en.is_empty(), "{zh} / {en}");
    // Unterminated constructs at the end of the input.
    for tail in [
        "<!--",
        "<!DOCTYPE",
        "<a href='",
        "<script>",
        "&#x",
        "</",
        "<",
        "<title>x",
    ] {
        let c = read(&format!("<p>一、总体情况</p>{tail}"));
        assert!(c.text.contains("一、总体情况"), "{tail}: {:?}", c.text);
    }
}

#[test]
fn large_pages_are_read_whole() {
    // A 2 MB page of paragraphs, tables, scripts and styles: every repetition is read (the
    // time it takes is the `hostile/html 2 MB page` benchmark).
    let one = "<script>var a = '<table>'; for (i=0;i<9;i++) {}</script><style>td{}</style>\
               <p>一、总体情况</p><p>本年度工作&nbsp;平稳。</p><table><tr><td colspan=3>一、本年新收政府信息公开申请数量</td>\
               <td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr></table>";
    let copies = 2 * 1024 * 1024 / one.len();
    let page = one.repeat(copies);
    let doc = html::parse(&page).unwrap();
    assert!(doc.blocks.len() >= 2 * copies, "{} lines", doc.blocks.len());
    assert_eq!(doc.text.matches("本年度工作 平稳。").count(), copies);
    assert!(!doc.text.contains("var a"));
}

#[test]
fn never_panics_on_random_markup() {
    // A deterministic generator of tag soup from the pieces the reader treats specially.
    let pieces = [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        "<td>",
        "</td>",
        "<th colspan=3>",
        "<td rowspan=\"2\">",
        "<p>",
        "</p>",
        "<br>",
        "<span>",
        "</span>",
        "<!--",
        "-->",
        "<![if x]>",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "&nbsp;",
        "&#",
        "&amp",
        "一、总体情况",
        "12",
        "中",
        "<",
        ">",
        "'",
        "\"",
        "<head>",
        "</head>",
        "<template>",
        "</template>",
        "<caption>",
        "<o:p>",
        "\r\n",
        "<?xml",
        "</",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..2_000 {
        let mut s = String::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let _ = html::parse(&s);
        let _ = check_bytes(s.as_bytes(), None);
    }
}
