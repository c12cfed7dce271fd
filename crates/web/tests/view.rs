//! The page's view model on the seed report, natively (`cargo test -p nianbao-web`).
#![cfg(not(target_arch = "wasm32"))]

use nianbao_web::view::{self, CellKind, PageView, RowView};

const SEED: &str = include_str!("../../../tests/fixtures/seed.txt");

fn report() -> Box<view::ReportView> {
    match view::build(SEED) {
        PageView::Report(r) => r,
        other => panic!("seed not read as a report: {other:?}"),
    }
}

#[test]
fn empty_input_asks_for_a_report() {
    assert_eq!(view::build(""), PageView::Empty);
    assert_eq!(view::build(" \n\t　"), PageView::Empty);
    assert!(view::EMPTY_ZH.starts_with("请先粘贴年度报告全文"));
}

#[test]
fn non_report_is_unreadable_with_both_languages() {
    match view::build("今天天气很好，我们去公园散步。") {
        PageView::Unreadable { zh, en } => assert!(!zh.is_empty() && !en.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn seed_header_and_verdict() {
    let r = report();
    assert_eq!(r.agency.as_deref(), Some("洛阳市科学技术局"));
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.format, "2021");
    assert_eq!(r.verdict.code, "pass");
    assert!(r.verdict.line_zh().starts_with("通过"));
}

#[test]
fn seed_identity_holds_in_all_seven_columns() {
    let r = report();
    let cols: Vec<_> = r.identity.iter().map(|i| i.col).collect();
    assert_eq!(cols, ["C1", "C2", "C3", "C4", "C5", "C6", "C7"]);
    for i in &r.identity {
        assert_eq!(
            (i.outcome, i.left.as_deref(), i.right.as_deref()),
            ("pass", Some("0"), Some("0"))
        );
    }
}

#[test]
fn seed_table_three_in_national_order_with_report_labels() {
    let r = report();
    let t3 = r.t3.as_ref().expect("table 3");
    assert_eq!(t3.cols.len(), 7);
    let rows: Vec<_> = t3
        .rows
        .iter()
        .filter_map(|row| match row {
            RowView::Row {
                key,
                label,
                found,
                cells,
            } => Some((*key, label.as_str(), *found, cells)),
            RowView::Group(_) => None,
        })
        .collect();
    assert_eq!(rows.first().map(|r| r.0), Some("R1"));
    assert_eq!(rows.last().map(|r| r.0), Some("R4"));
    assert!(rows.iter().all(|r| r.2), "every row of the seed is found");
    assert!(rows[0].1.contains("本年新收"));
    for (_, _, _, cells) in &rows {
        assert_eq!(cells.len(), 7);
        for c in cells.iter() {
            assert_eq!(
                (c.kind, c.text.as_str()),
                (CellKind::Number, "0"),
                "{}",
                c.key
            );
        }
    }
    assert_eq!(rows[0].3[0].key, "T3.R1.C1");
    let groups: Vec<_> = t3
        .rows
        .iter()
        .filter_map(|row| match row {
            RowView::Group(g) => Some(*g),
            RowView::Row { .. } => None,
        })
        .collect();
    assert_eq!(
        groups,
        [
            "三、本年度办理结果",
            "（三）不予公开",
            "（四）无法提供",
            "（五）不予处理",
            "（六）其他处理"
        ]
    );
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/cases/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.split("==== expect ====").next().unwrap().to_string()
}

fn t3_cell(r: &view::ReportView, key: &str) -> view::CellView {
    r.t3.as_ref()
        .expect("table 3")
        .rows
        .iter()
        .filter_map(|row| match row {
            RowView::Row { cells, .. } => Some(cells),
            RowView::Group(_) => None,
        })
        .flatten()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no cell {key}"))
        .clone()
}

#[test]
fn blank_cells_are_marked_blank_never_zero() {
    let PageView::Report(r) = view::build(&fixture("05_blank_total.txt")) else {
        panic!("not read");
    };
    for key in ["T3.R3a.C2", "T3.R3a.C7"] {
        let c = t3_cell(&r, key);
        assert_eq!(
            (c.kind, c.text.as_str()),
            (CellKind::Blank, view::BLANK_MARK),
            "{key}"
        );
    }
    assert_eq!(r.verdict.code, "fail");
}

#[test]
fn placeholders_are_shown_as_printed() {
    let PageView::Report(r) = view::build(&fixture("06_placeholders.txt")) else {
        panic!("not read");
    };
    let shown: Vec<_> = ["T3.R2.C1", "T3.R2.C2", "T3.R2.C3"]
        .iter()
        .map(|k| t3_cell(&r, k))
        .map(|c| (c.kind, c.text))
        .collect();
    assert_eq!(
        shown,
        [
            (CellKind::Placeholder, "/".to_string()),
            (CellKind::Placeholder, "—".to_string()),
            (CellKind::Placeholder, "无".to_string())
        ]
    );
    assert_eq!(r.identity[0].outcome, "not_assessable");
    assert_eq!(r.identity[0].outcome_zh(), "无法判断");
}

#[test]
fn missing_table_three_gives_no_grid() {
    let PageView::Report(r) = view::build(&fixture("16_table3_missing.txt")) else {
        panic!("not read");
    };
    assert!(r.t3.is_none());
}

// ---- Files and pastes -------------------------------------------------------------------

use nianbao_core::InputKind;
use view::{FileEntry, Source};

#[test]
fn file_bytes_go_through_check_bytes() {
    let r = nianbao_web::read::bytes(SEED.as_bytes(), Some("seed.txt"));
    assert_eq!(r.checked.kind, InputKind::Text);
    assert_eq!(r.encoding, None);
    let e = FileEntry::new(
        "seed.txt",
        Some(r.checked.kind),
        r.encoding,
        view::from_checked(&r.checked),
    );
    assert_eq!((e.kind, e.verdict.code), ("text", "pass"));
    assert_eq!(
        e.summary_zh(),
        "文本 · 通过（错误 0 项，警告 0 项，提示 0 项）"
    );
    assert_eq!(e.source().line_zh, "文件：seed.txt（文本）");
    assert_eq!(e.source().origin, "file");
}

#[test]
fn unreadable_files_are_listed_as_such() {
    let r = nianbao_web::read::bytes(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13], Some("a.png"));
    assert_eq!(r.checked.kind, InputKind::Unreadable);
    let e = FileEntry::new(
        "a.png",
        Some(r.checked.kind),
        None,
        view::from_checked(&r.checked),
    );
    assert_eq!((e.kind, e.verdict.code), ("unreadable", "unreadable"));
    assert_eq!(e.summary_zh(), "无法识别的文件 · 无法读取");
    assert!(matches!(e.view, PageView::Unreadable { .. }));
}

#[test]
fn legacy_encoding_is_named_in_the_kind() {
    let e = FileEntry::new(
        "gbk.txt",
        Some(InputKind::Text),
        Some(nianbao_web::read::LEGACY),
        view::build(SEED),
    );
    assert_eq!(e.kind_zh, "文本（GBK/GB18030 编码）");
    assert!(e
        .summary_zh()
        .starts_with("文本（GBK/GB18030 编码） · 通过"));
}

#[test]
fn files_refused_unread_have_clear_messages() {
    let PageView::Unreadable { zh, en } = view::too_large(32.0 * 1024.0 * 1024.0 + 1.0) else {
        panic!()
    };
    assert!(
        zh.starts_with("文件过大（32.1 MB），超过 32 MB 的上限"),
        "{zh}"
    );
    assert!(en.contains("too large"), "{en}");
    let PageView::Unreadable { zh, .. } = view::too_large(100.0 * 1024.0 * 1024.0) else {
        panic!()
    };
    assert!(zh.starts_with("文件过大（100.0 MB）"), "{zh}");
    let PageView::Unreadable { zh, en } = view::empty_file() else {
        panic!()
    };
    assert!(zh.starts_with("文件是空的") && en.contains("empty"));
    let e = FileEntry::new("x.txt", None, None, view::empty_file());
    assert_eq!((e.kind, e.verdict.code), ("unreadable", "unreadable"));
    assert!(
        matches!(view::read_failed("NotReadableError"), PageView::Unreadable { zh, .. } if zh.contains("NotReadableError"))
    );
}

#[test]
fn paste_sources_say_what_was_checked() {
    let html = Source::paste(InputKind::Html, true, false);
    assert_eq!(
        (html.origin, html.kind, html.line_zh.as_str()),
        ("paste", "html", "来源：粘贴的网页/Word 表格格式（HTML）")
    );
    // the HTML reader refused the clipboard HTML: still named as what was pasted
    assert_eq!(
        Source::paste(InputKind::Unreadable, true, false).line_zh,
        html.line_zh
    );
    let back = Source::paste(InputKind::Text, false, true);
    assert_eq!(back.kind, "text");
    assert!(back.line_zh.contains("已按纯文本校验"));
    assert_eq!(
        Source::paste(InputKind::Text, false, false).line_zh,
        "来源：粘贴的文字"
    );
    assert_eq!(
        Source::paste(InputKind::Html, false, false).line_zh,
        "来源：粘贴的 HTML 源代码"
    );
}

#[test]
fn every_view_has_a_verdict_for_the_list() {
    assert_eq!(PageView::Empty.verdict().code, "unreadable");
    assert_eq!(view::build(SEED).verdict().text_zh, "通过");
    for k in [
        InputKind::Text,
        InputKind::Html,
        InputKind::Docx,
        InputKind::Unreadable,
    ] {
        assert!(!view::kind_zh(k).is_empty());
    }
}
