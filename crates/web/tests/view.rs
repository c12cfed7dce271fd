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
