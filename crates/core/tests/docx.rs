//! The Word (.docx) reader, end to end through `check_bytes`: LibreOffice-made fixtures
//! (`tests/fixtures/docx/`, remade by `scripts/make-docx-fixtures.sh`), small packages
//! built here for the structures LibreOffice does not write, and bad input of every kind
//! (which must give a clear message and never panic).

mod common;

use nianbao_core::{check_bytes, check_text, CellValue, Checked, DetectedFormat, InputKind};
use nianbao_core::{ReadStatus, Severity};
use serde_json::Value;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/docx").join(name)).unwrap()
}

fn seed_text() -> String {
    std::fs::read_to_string(root().join("tests/fixtures/seed.txt")).unwrap()
}

fn docx(bytes: &[u8]) -> Checked {
    check_bytes(bytes, Some("x.docx"))
}

/// The message of an unreadable input (Chinese, English).
fn unreadable(c: &Checked) -> (String, String) {
    assert_eq!(c.kind, InputKind::Unreadable, "read as {:?}", c.kind);
    match &c.analysis.report.status {
        ReadStatus::Unreadable { zh, en } => {
            assert!(!zh.is_empty() && !en.is_empty());
            (zh.clone(), en.clone())
        }
        s => panic!("status {s:?}"),
    }
}

fn cells(c: &Checked) -> Vec<(String, CellValue, String)> {
    c.analysis
        .report
        .cells
        .iter()
        .map(|c| (c.key.to_string(), c.value.clone(), c.raw.clone()))
        .collect()
}

fn rules(c: &Checked) -> Vec<&'static str> {
    c.analysis
        .findings
        .iter()
        .map(|f| f.rule.as_str())
        .collect()
}

// ---------------------------------------------------------------------------------------
// A zip writer for packages built in the tests (stored or deflated entries).

fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

struct ZipFile<'a> {
    name: &'a str,
    /// What is stored in the archive (already compressed when `method` is 8).
    data: Vec<u8>,
    method: u16,
    crc: u32,
    /// The uncompressed size written in the headers.
    size: u32,
}

impl<'a> ZipFile<'a> {
    fn stored(name: &'a str, data: &[u8]) -> ZipFile<'a> {
        ZipFile {
            name,
            data: data.to_vec(),
            method: 0,
            crc: crc32(data),
            size: data.len() as u32,
        }
    }
}

fn zip(files: &[ZipFile]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for f in files {
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend_from_slice(&20u16.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // flags
        common.extend_from_slice(&f.method.to_le_bytes());
        common.extend_from_slice(&[0, 0, 0x21, 0]); // time, date
        common.extend_from_slice(&f.crc.to_le_bytes());
        common.extend_from_slice(&(f.data.len() as u32).to_le_bytes());
        common.extend_from_slice(&f.size.to_le_bytes());
        common.extend_from_slice(&(f.name.len() as u16).to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&common);
        out.extend_from_slice(f.name.as_bytes());
        out.extend_from_slice(&f.data);
        cd.extend_from_slice(b"PK\x01\x02");
        cd.extend_from_slice(&20u16.to_le_bytes()); // made by
        cd.extend_from_slice(&common);
        cd.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        cd.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        cd.extend_from_slice(&offset.to_le_bytes());
        cd.extend_from_slice(f.name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&cd);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A minimal .docx around a `w:body`'s content.
fn package(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut files = vec![
        ZipFile::stored("[Content_Types].xml", types.as_bytes()),
        ZipFile::stored("_rels/.rels", rels.as_bytes()),
        ZipFile::stored("word/document.xml", doc.as_bytes()),
    ];
    for (name, data) in extra {
        files.push(ZipFile::stored(name, data.as_bytes()));
    }
    zip(&files)
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn tc(props: &str, text: &str) -> String {
    let text = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        p(text)
    };
    format!("<w:tc><w:tcPr>{props}</w:tcPr>{text}</w:tc>")
}

fn tbl(cols: usize, rows: &[String]) -> String {
    let grid = "<w:gridCol w:w=\"1000\"/>".repeat(cols);
    format!(
        "<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

/// The lines of the text rendering (paragraphs; table rows as tab-separated grid cells).
fn lines(c: &Checked) -> Vec<&str> {
    c.text.lines().collect()
}

// ---------------------------------------------------------------------------------------
// LibreOffice fixtures.

#[test]
fn seed_docx_reads_exactly_like_the_seed_text() {
    let text = check_text(&seed_text());
    let c = docx(&fixture("seed.docx"));
    assert_eq!(c.kind, InputKind::Docx);
    let r = &c.analysis.report;
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(r.format, DetectedFormat::F2021);
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.agency.as_deref(), Some("洛阳市科学技术局"));
    // the seed's one slip (等反面), as in its text
    assert_eq!(rules(&c), ["TEXT-TYPO"]);
    assert_eq!(cells(&c), cells_of(&text));
    assert!(r.cells.len() >= 200, "{}", r.cells.len());
    // Every section of the seed is there, in order.
    let numbers: Vec<u8> = r.sections.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
}

fn cells_of(a: &nianbao_core::Analysis) -> Vec<(String, CellValue, String)> {
    a.report
        .cells
        .iter()
        .map(|c| (c.key.to_string(), c.value.clone(), c.raw.clone()))
        .collect()
}

#[test]
fn seed_docx_tables_are_exact_grids() {
    let c = docx(&fixture("seed.docx"));
    let l = lines(&c);
    // 表二: 4 columns; the 行政许可 value spans the 3 value columns, as its header does, so
    // the row is laid on the header's columns.
    assert!(l.contains(&"信息内容\t本年处理决定数量\t\t"));
    assert!(l.contains(&"行政许可\t0"));
    assert!(l.contains(&"行政规范性文件\t2\t6\t15"));
    // 表三: 10 columns; rowspan'd group labels only in their first row (vMerge restart).
    assert!(l.contains(&"三、本年度办理结果\t(一) 予以公开\t\t0\t0\t0\t0\t0\t0\t0"));
    assert!(l.contains(&"\t(三) 不予公开\t1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0"));
    assert!(l.contains(&"\t\t2. 其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"));
    assert!(l.contains(&"\t\t3. 其他\t0\t0\t0\t0\t0\t0\t0"));
    assert!(l.contains(&"四、结转下年度继续办理\t\t\t0\t0\t0\t0\t0\t0\t0"));
    // 表四: the rowspan'd headers of the first five columns only in their first row.
    assert!(l.contains(
        &"结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t"
    ));
    assert!(l.contains(
        &"\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"
    ));
    assert_eq!(l.iter().filter(|x| x.split('\t').count() == 10).count(), 28);
}

#[test]
fn numbers_split_across_runs_deleted_hidden_field_code_and_text_box() {
    let c = docx(&fixture("seed-runs.docx"));
    let text = check_text(&seed_text());
    assert_eq!(cells(&c), cells_of(&text));
    // the seed's one slip (等反面), as in its text
    assert_eq!(rules(&c), ["TEXT-TYPO"]);
    assert_eq!(c.analysis.report.year, Some(2024));
    assert_eq!(
        lines(&c)[0],
        "洛阳市科学技术局 2024 年政府信息公开工作年度报告"
    );
    assert!(lines(&c).contains(&"行政规范性文件\t2\t6\t15"));
    for absent in ["文本框", "888", "QUOTE", "1975", "195", "175"] {
        assert!(!c.text.contains(absent), "{absent}");
    }
}

#[test]
fn a_vertically_merged_data_cell_is_blank_below_its_first_row() {
    let c = docx(&fixture("seed-vmerge.docx"));
    let r = &c.analysis.report;
    assert!(matches!(
        common::value(r, "T3.R3f1.C1"),
        Some(CellValue::Number(_))
    ));
    assert_eq!(common::value(r, "T3.R3f2.C1"), Some(&CellValue::Blank));
    assert!(matches!(
        common::value(r, "T3.R3f2.C2"),
        Some(CellValue::Number(_))
    ));
    let seed = check_text(&seed_text());
    let differ: Vec<String> = cells(&c)
        .into_iter()
        .zip(cells_of(&seed))
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0)
        .collect();
    assert_eq!(differ, ["T3.R3f2.C1"]);
    assert!(rules(&c).contains(&"CELL-BLANK"), "{:?}", rules(&c));
}

#[test]
fn a_docx_without_tables_still_gives_its_paragraphs() {
    let c = docx(&fixture("notables.docx"));
    assert_eq!(c.kind, InputKind::Docx);
    let r = &c.analysis.report;
    assert_eq!(r.status, ReadStatus::Ok);
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.agency.as_deref(), Some("洛阳市科学技术局"));
    assert!(r.cells.is_empty());
    assert!(!c.text.contains('\t'));
    assert!(c.text.contains("一、总体情况"));
    assert!(c.text.contains("本机关收取信息处理费0元"));
    // Without tables the core cannot tell the format: that is what it reports.
    assert!(
        rules(&c).contains(&"FORMAT-UNKNOWN") || rules(&c).contains(&"TABLE-MISSING"),
        "{:?}",
        rules(&c)
    );
}

fn same(truth: &Value, got: Option<&CellValue>) -> bool {
    got.is_some_and(|g| common::same(truth, g))
}

fn corpus() -> Option<PathBuf> {
    let dir = common::corpus_dir();
    dir.join("008_shanghai-bgt_2019.html.truth.json")
        .exists()
        .then_some(dir)
}

fn truth_008(dir: &std::path::Path) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(dir.join("008_shanghai-bgt_2019.html.truth.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn corpus_008_gives_the_cells_of_its_truth_file() {
    let Some(dir) = corpus() else {
        assert!(std::env::var_os("CI").is_none(), "corpus not found");
        println!("corpus not found: skipped");
        return;
    };
    let truth = truth_008(&dir);
    let c = docx(&fixture("008_shanghai-bgt_2019.docx"));
    let r = &c.analysis.report;
    assert_eq!(c.kind, InputKind::Docx);
    assert_eq!(r.format, DetectedFormat::F2019);
    assert_eq!(r.year, Some(2019));
    assert_eq!(r.agency.as_deref(), Some("上海市人民政府办公厅"));
    let headings: Vec<&str> = r.sections.iter().map(|s| s.heading.as_str()).collect();
    for h in truth["section_headings"].as_array().unwrap() {
        assert!(headings.contains(&h.as_str().unwrap()), "{h}");
    }
    let cells = truth["cells"].as_object().unwrap();
    assert_eq!(cells.len(), 198);
    for (k, v) in cells {
        assert!(
            same(v, common::value(r, k)),
            "{k}: truth {v}, read {:?}",
            common::value(r, k)
        );
    }
    // What the truth expects on 表三 (the 总计 column left blank) is found.
    let found = rules(&c);
    for e in truth["expected_findings"].as_array().unwrap() {
        let rule = e["rule"].as_str().unwrap();
        // An identity that only a blank total could balance is that total's CELL-BLANK error
        // (one finding per cause).
        let blank_total = e["depends_on_blank"].as_bool() == Some(true);
        if rule.starts_with("T3-") {
            assert!(
                found.contains(&rule) || (blank_total && found.contains(&"CELL-BLANK")),
                "{rule}: {found:?}"
            );
        }
    }
}

#[test]
fn corpus_008_grid_rows_are_exact() {
    let Some(dir) = corpus() else {
        assert!(std::env::var_os("CI").is_none(), "corpus not found");
        println!("corpus not found: skipped");
        return;
    };
    let truth = truth_008(&dir);
    let cells = truth["cells"].as_object().unwrap();
    let c = docx(&fixture("008_shanghai-bgt_2019.docx"));
    let l = lines(&c);
    let t3_rows = [
        ("R1", "一、本年新收"),
        ("R2", "二、上年结转"),
        ("R3a", "（一）予以公开"),
        ("R3b", "（二）部分公开"),
        ("R3c1", "1.属于国家秘密"),
        ("R3c2", "2.其他法律行政法规禁止公开"),
        ("R3c3", "3.危及"),
        ("R3c4", "4.保护第三方"),
        ("R3c5", "5.属于三类"),
        ("R3c6", "6.属于四类"),
        ("R3c7", "7.属于行政执法案卷"),
        ("R3c8", "8.属于行政查询"),
        ("R3d1", "1.本机关不掌握"),
        ("R3d2", "2.没有现成信息"),
        ("R3d3", "3.补正后"),
        ("R3e1", "1.信访举报"),
        ("R3e2", "2.重复申请"),
        ("R3e3", "3.要求提供公开出版物"),
        ("R3e4", "4.无正当理由"),
        ("R3e5", "5.要求行政机关确认"),
        ("R3f", "（六）其他处理"),
        ("R3g", "（七）总计"),
        ("R4", "四、结转下年度"),
    ];
    for (key, label) in t3_rows {
        let row: Vec<&str> = l
            .iter()
            .find(|x| x.contains(label) && x.split('\t').count() == 10)
            .unwrap_or_else(|| panic!("no row {label}"))
            .split('\t')
            .collect();
        for col in 1..=7 {
            let want = match &cells[&format!("T3.{key}.C{col}")] {
                Value::Null => String::new(),
                v => v.to_string(),
            };
            assert_eq!(row[2 + col], want, "T3.{key}.C{col}");
        }
    }
    // 表四: the data row, 15 grid cells, blanks where the page has none.
    let t4 = l
        .iter()
        .find(|x| x.starts_with("5\t"))
        .expect("表四 data row");
    assert_eq!(*t4, "5\t\t\t2\t7\t8\t\t\t1\t9\t\t\t\t\t");
    // 表二: a 5-column grid whose value cells are merged differently from the header
    // (`规章 | 13 | 13 (2 columns) | 524` under `… | 本年新公开数量 (2 columns) | …`): rows with a
    // merged value are laid on the header's columns, as the HTML reader does.
    assert!(l.contains(&"信息内容\t本年新 制作数量\t本年新 公开数量\t\t对外公开总数量"));
    assert!(l.contains(&"规章\t13\t13\t524"));
    assert!(l.contains(&"行政许可\t0\t0\t0"));
    assert!(l.contains(&"行政事业性收费\t0\t0"));
    assert!(l.contains(&"政府集中采购\t6\t251000元"));
}

// ---------------------------------------------------------------------------------------
// Structures built here.

#[test]
fn grid_spans_merges_and_gaps_are_expanded_to_the_grid() {
    let rows = [
        // gridBefore 1, a span of 2, gridAfter 1.
        format!(
            "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>{}{}</w:tr>",
            tc("<w:gridSpan w:val=\"2\"/>", "A"),
            tc("", "B")
        ),
        // A vMerge restart (with a value) and an hMerge pair.
        format!(
            "<w:tr>{}{}{}{}{}</w:tr>",
            tc("<w:vMerge w:val=\"restart\"/>", "12"),
            tc("<w:hMerge w:val=\"restart\"/>", "C"),
            tc("<w:hMerge/>", "ignored"),
            tc("", "D"),
            tc("", "E")
        ),
        // The continuation holds stale text, which Word does not show either.
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("<w:vMerge/>", "12"),
            tc("<w:gridSpan w:val=\"3\"/>", "F"),
            tc("", "G")
        ),
        // Fewer cells than the grid and no gridAfter: padded at the end.
        format!("<w:tr>{}</w:tr>", tc("", "H")),
    ];
    let c = docx(&package(&tbl(5, &rows), &[]));
    assert_eq!(
        lines(&c),
        ["\tA\t\tB\t", "12\tC\t\tD\tE", "\tF\t\t\tG", "H\t\t\t\t"]
    );
}

#[test]
fn columns_no_cell_starts_at_are_dropped() {
    // Word keeps a grid column for every border position; here column 2 only ever sits
    // inside spans (borders that were dragged), so the rows have 3 real columns.
    let rows = [
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("", "a"),
            tc("<w:gridSpan w:val=\"2\"/>", "b"),
            tc("", "c")
        ),
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("", "1"),
            tc("<w:gridSpan w:val=\"2\"/>", "2"),
            tc("", "3")
        ),
    ];
    let c = docx(&package(&tbl(4, &rows), &[]));
    assert_eq!(lines(&c), ["a\tb\tc", "1\t2\t3"]);
}

#[test]
fn innermost_tables_are_the_tables() {
    let inner = tbl(
        2,
        &[format!("<w:tr>{}{}</w:tr>", tc("", "规章"), tc("", "7"))],
    );
    let outer = format!(
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{}{inner}{}</w:tc></w:tr></w:tbl>",
        p("一、总体情况"),
        p("二、主动公开政府信息情况")
    );
    let c = docx(&package(&format!("{}{outer}{}", p("标题"), p("结尾")), &[]));
    assert_eq!(
        lines(&c),
        [
            "标题",
            "一、总体情况",
            "规章\t7",
            "二、主动公开政府信息情况",
            "结尾"
        ]
    );
}

#[test]
fn a_one_cell_frame_around_the_report_is_layout() {
    let long = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。".repeat(10);
    let frame = format!(
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{}{}</w:tc></w:tr></w:tbl>",
        p("一、总体情况"),
        p(&long)
    );
    let c = docx(&package(&frame, &[]));
    assert_eq!(lines(&c), ["一、总体情况", long.as_str()]);
}

#[test]
fn merged_values_follow_the_header_only_when_unambiguous() {
    let span2 = "<w:gridSpan w:val=\"2\"/>";
    let header = format!(
        "<w:tr>{}{}{}</w:tr>",
        tc("", "项目"),
        tc(span2, "甲"),
        tc("", "乙")
    );
    // `5` spans the columns of 甲's second half and 乙: ambiguous → exact grid.
    let odd = format!(
        "<w:tr>{}{}{}</w:tr>",
        tc("", "行"),
        tc("", "4"),
        tc(span2, "5")
    );
    // Two values under 甲: ambiguous → exact grid.
    let two = format!(
        "<w:tr>{}{}{}{}</w:tr>",
        tc("", "列"),
        tc("", "1"),
        tc("", "2"),
        tc("", "3")
    );
    let one = format!(
        "<w:tr>{}{}{}</w:tr>",
        tc("", "和"),
        tc(span2, "7"),
        tc("", "8")
    );
    let c = docx(&package(&tbl(4, &[header, odd, two, one]), &[]));
    assert_eq!(
        lines(&c),
        ["项目\t甲\t\t乙", "行\t4\t5\t", "列\t1\t2\t3", "和\t7\t8"]
    );
}

#[test]
fn runs_tabs_breaks_and_what_is_not_shown() {
    let body = concat!(
        "<w:p><w:r><w:t>1</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>2</w:t></w:r>",
        "<w:ins w:id=\"1\"><w:r><w:t>3</w:t></w:r></w:ins>",
        "<w:del w:id=\"2\"><w:r><w:delText>4</w:delText></w:r></w:del>",
        "<w:moveFrom w:id=\"3\"><w:r><w:t>5</w:t></w:r></w:moveFrom>",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>6</w:t></w:r>",
        "<w:r><w:rPr><w:vanish w:val=\"false\"/></w:rPr><w:t>7</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE 9 </w:instrText></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>8</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:tab/><w:t>a</w:t><w:br/><w:t>b</w:t><w:footnoteReference w:id=\"1\"/></w:r>",
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>c</w:t></w:r></w:sdtContent></w:sdt>",
        "<w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>d</w:t></w:r></w:hyperlink>",
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>e</w:t></mc:Choice>",
        "<mc:Fallback><w:t>e</w:t></mc:Fallback></mc:AlternateContent></w:r>",
        "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>",
        "<w:r><w:t>&lt;&amp;&#x4E00;&#20108;</w:t></w:r>",
        "</w:p>",
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"100\"/></w:tabs><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>shown</w:t></w:r></w:p>",
    );
    let c = docx(&package(body, &[]));
    assert_eq!(lines(&c), ["12378\ta bcde<&一二", "shown"]);
    // In a cell, a tab is a space and paragraphs are joined by a space.
    let cell = "<w:tc><w:p><w:r><w:t>结果</w:t><w:tab/><w:t>维持</w:t></w:r></w:p><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>";
    let c = docx(&package(&tbl(1, &[format!("<w:tr>{cell}</w:tr>")]), &[]));
    assert_eq!(lines(&c), ["结果 维持 x"]);
}

#[test]
fn namespaces_are_resolved_not_guessed() {
    // Any prefix for the Word namespace; strict OOXML; and `w:` bound to something else.
    let doc = format!(
        r#"<ns0:document xmlns:ns0="{W}"><ns0:body><ns0:p><ns0:r><ns0:t>甲</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>"#
    );
    let files = [ZipFile::stored("word/document.xml", doc.as_bytes())];
    assert_eq!(lines(&docx(&zip(&files))), ["甲"]);
    let doc = r#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>乙</w:t></w:r></w:p></w:body></w:document>"#;
    let files = [ZipFile::stored("word/document.xml", doc.as_bytes())];
    assert_eq!(lines(&docx(&zip(&files))), ["乙"]);
    let doc = format!(
        r#"<x:document xmlns:x="{W}" xmlns:w="urn:other"><x:body><x:p><x:r><w:t>no</w:t><x:t>丙</x:t></x:r></x:p></x:body></x:document>"#
    );
    let files = [ZipFile::stored("word/document.xml", doc.as_bytes())];
    assert_eq!(lines(&docx(&zip(&files))), ["丙"]);
}

#[test]
fn the_main_part_is_found_through_the_relationships() {
    let doc = format!(
        r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
    let files = [
        ZipFile::stored("[Content_Types].xml", b"<Types/>"),
        ZipFile::stored("_rels/.rels", rels.as_bytes()),
        ZipFile::stored("word/document2.xml", doc.as_bytes()),
    ];
    assert_eq!(lines(&docx(&zip(&files))), ["正文"]);
}

#[test]
fn list_numbering_is_rendered_as_word_shows_it() {
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="8">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"#
    );
    let styles = format!(
        r#"<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let np = |style: &str, num: &str, text: &str| {
        format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
    };
    let h1 = "<w:pStyle w:val=\"Heading1\"/>";
    let l2 = "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>";
    let item = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr>";
    let body = [
        np(h1, "", "总体情况"),
        np("", l2, "主动公开"),
        np("", l2, "依申请公开"),
        np(h1, "", "主动公开政府信息情况"),
        tbl(
            2,
            &[
                format!(
                    "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                    np("", item, "属于国家秘密"),
                    p("0")
                ),
                format!(
                    "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
                    np("", item, "其他法律行政法规禁止公开"),
                    p("0")
                ),
            ],
        ),
    ]
    .concat();
    let c = docx(&package(
        &body,
        &[
            ("word/numbering.xml", &numbering),
            ("word/styles.xml", &styles),
        ],
    ));
    assert_eq!(
        lines(&c),
        [
            "一、\t总体情况",
            "（一）主动公开",
            "（二）依申请公开",
            "二、\t主动公开政府信息情况",
            "1.属于国家秘密\t0",
            "2.其他法律行政法规禁止公开\t0",
        ]
    );
    assert_eq!(c.analysis.report.sections.len(), 2);
}

#[test]
fn a_grid_wider_than_word_allows_is_clamped() {
    let rows = [format!(
        "<w:tr><w:trPr><w:gridBefore w:val=\"4000000000\"/></w:trPr>{}</w:tr><w:tr>{}</w:tr>",
        tc("", "x"),
        tc("<w:gridSpan w:val=\"99999999999\"/>", "y")
    )];
    let c = docx(&package(&tbl(3, &rows), &[]));
    for l in lines(&c) {
        assert!(l.split('\t').count() <= 64, "{l}");
    }
}

// ---------------------------------------------------------------------------------------
// Bad input.

#[test]
fn a_truncated_docx_says_so() {
    let full = fixture("seed.docx");
    for cut in [full.len() - 1, full.len() - 22, full.len() / 2, 200, 31] {
        let c = docx(&full[..cut]);
        let (zh, en) = unreadable(&c);
        assert!(zh.contains("不完整"), "{cut}: {zh}");
        assert!(en.contains("incomplete"), "{cut}: {en}");
    }
    // Every cut: a message, never a panic.
    for cut in (4..full.len()).step_by(53) {
        let c = docx(&full[..cut]);
        assert_eq!(c.kind, InputKind::Unreadable, "{cut}");
    }
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size() {
    let doc = format!(r#"<w:document xmlns:w="{W}"><w:body/></w:document>"#);
    let mut f = ZipFile::stored("word/document.xml", doc.as_bytes());
    f.size = 3_000_000_000;
    f.method = 8;
    let c = docx(&zip(&[f]));
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("过大"), "{zh}");
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_stops_at_the_cap() {
    // 70 MiB of spaces inside a document element, deflated to well under 1 MB; the header
    // says 1000 bytes.
    use miniz_oxide::deflate::core::{
        compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush,
    };
    let head = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>"#);
    let chunk = vec![b' '; 1 << 20];
    let mut comp = CompressorOxide::new(create_comp_flags_from_zip_params(1, -15, 0));
    let mut out = vec![0u8; 1 << 20];
    let mut deflated = Vec::new();
    let mut push = |comp: &mut CompressorOxide, data: &[u8], flush: TDEFLFlush| {
        let mut data = data;
        loop {
            let (status, used, written) = compress(comp, data, &mut out, flush);
            deflated.extend_from_slice(&out[..written]);
            data = &data[used..];
            assert!(status as i32 >= 0);
            if data.is_empty() && written < out.len() {
                break;
            }
        }
    };
    push(&mut comp, head.as_bytes(), TDEFLFlush::None);
    for _ in 0..70 {
        push(&mut comp, &chunk, TDEFLFlush::None);
    }
    push(
        &mut comp,
        b"</w:t></w:r></w:p></w:body></w:document>",
        TDEFLFlush::Finish,
    );
    assert!(deflated.len() < 1_000_000, "{}", deflated.len());
    let f = ZipFile {
        name: "word/document.xml",
        data: deflated,
        method: 8,
        crc: 0,
        size: 1000,
    };
    let c = docx(&zip(&[f]));
    let (zh, en) = unreadable(&c);
    assert!(zh.contains("过大"), "{zh}");
    assert!(en.contains("too large"), "{en}");
}

#[test]
fn a_password_protected_docx_says_to_save_it_without_the_password() {
    let bytes = fixture("seed-locked.docx");
    assert!(bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]));
    let c = docx(&bytes);
    let (zh, en) = unreadable(&c);
    assert!(zh.contains("密码") && zh.contains("另存为 .docx"), "{zh}");
    assert!(en.contains("password"), "{en}");
    // A plain old .doc is still the input reader's case.
    let c = docx(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
    let (zh, _) = unreadable(&c);
    assert!(zh.contains(".doc"), "{zh}");
}

#[test]
fn a_zip_that_is_not_a_word_document_says_so() {
    // A plain zip: the input reader's message.
    let c = docx(&zip(&[ZipFile::stored("notes.txt", "表三".as_bytes())]));
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("压缩包"), "{zh}");
    // An Excel workbook.
    let c = docx(&zip(&[
        ZipFile::stored("[Content_Types].xml", b"<Types/>"),
        ZipFile::stored("xl/workbook.xml", b"<workbook/>"),
    ]));
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("Excel"), "{zh}");
    // A package without a document.
    let c = docx(&zip(&[ZipFile::stored("[Content_Types].xml", b"<Types/>")]));
    let (zh, en) = unreadable(&c);
    assert!(zh.contains("不是 Word 文档"), "{zh}");
    assert!(en.contains("not a Word document"), "{en}");
    // word/document.xml that is not WordprocessingML.
    let c = docx(&zip(&[ZipFile::stored(
        "word/document.xml",
        b"\x00\x01garbage<html>",
    )]));
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("不是 Word 文档"), "{zh}");
}

#[test]
fn damaged_compressed_data_says_so() {
    let mut bytes = fixture("seed.docx");
    // Flip bytes in the middle of the largest entry (word/document.xml's deflate data).
    let at = bytes.len() / 2;
    for b in &mut bytes[at..at + 64] {
        *b ^= 0x5A;
    }
    let c = docx(&bytes);
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("损坏") || zh.contains("不完整"), "{zh}");
}

/// A small deterministic generator for garbage.
fn lcg(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    *seed >> 33
}

#[test]
fn binary_garbage_never_panics() {
    let mut s = 7u64;
    let garbage: Vec<u8> = (0..5000).map(|_| lcg(&mut s) as u8).collect();
    let c = docx(&garbage);
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("不是文本"), "{zh}");
    // Garbage that looks like a Word zip at first glance.
    let mut fake = b"PK\x03\x04word/document.xml".to_vec();
    fake.extend_from_slice(&garbage);
    let c = docx(&fake);
    let (zh, _) = unreadable(&c);
    assert!(zh.contains("不完整") || zh.contains("损坏"), "{zh}");
    // Random damage anywhere in a real file: a message or a reading, never a panic.
    let seed = fixture("seed.docx");
    for _ in 0..300 {
        let mut b = seed.clone();
        for _ in 0..1 + lcg(&mut s) % 8 {
            let i = lcg(&mut s) as usize % b.len();
            b[i] = lcg(&mut s) as u8;
        }
        let c = docx(&b);
        assert!(matches!(c.kind, InputKind::Docx | InputKind::Unreadable));
    }
    // Malformed XML inside a valid package.
    for body in [
        "<w:p><w:r><w:t>x",
        "</w:tc></w:tr></w:tbl><w:p>",
        "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>深</w:t>",
        "<w:tc><w:tcPr><w:gridSpan w:val=\"-3\"/></w:tcPr></w:tc>",
        "<w:p><w:r><w:t>&#xFFFFFFFF;&#0;&;&#x;</w:t></w:r></w:p>",
        "<w:p <w:r>>",
        "<w:del><w:p>",
        "<![CDATA[",
        "<!--",
    ] {
        let c = docx(&package(body, &[]));
        assert_eq!(c.kind, InputKind::Docx, "{body}");
    }
    // Deeply nested tables: bounded, no stack overflow.
    let deep = format!(
        "{}<w:p><w:r><w:t>底</w:t></w:r></w:p>{}",
        "<w:tbl><w:tr><w:tc>".repeat(5000),
        "</w:tc></w:tr></w:tbl>".repeat(5000)
    );
    let c = docx(&package(&deep, &[]));
    assert!(c.text.contains('底'));
}

#[test]
fn messages_are_chinese_first_with_english() {
    let full = fixture("seed.docx");
    for bytes in [&full[..full.len() / 2], &fixture("seed-locked.docx")[..]] {
        let c = docx(bytes);
        let (zh, en) = unreadable(&c);
        assert!(zh.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)));
        assert!(en.is_ascii());
        // Unreadable inputs carry no findings.
        assert_eq!(c.analysis.count(Severity::Error), 0);
    }
}
