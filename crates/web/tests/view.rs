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
