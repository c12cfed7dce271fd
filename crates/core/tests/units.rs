//! The units the localiser names for the fixtures of whole-unit mistakes (tests/fixtures/cases
//! 04, 23, 25, 26, 32, 33): the typed unit each failing identity's best explanations carry, and its
//! words. The fixtures' expectation blocks list the suspect cells; these are the units.

use nianbao_core::format::t3;
use nianbao_core::{check_text, CellKey, Finding, Lang, Outcome, SuspectUnit, Table};
use std::path::PathBuf;

const ARITHMETIC: &[&str] = &[
    "T3-IDENTITY",
    "T3-RESULTS-TOTAL",
    "T3-ROW-TOTAL",
    "T4-GROUP-TOTAL",
];

/// The failing identities of a fixture's report.
fn failing(name: &str) -> Vec<Finding> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/cases")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    let input = text.split("==== expect ====").next().unwrap();
    check_text(input)
        .findings
        .into_iter()
        .filter(|f| f.outcome == Outcome::Fail && ARITHMETIC.contains(&f.rule.as_str()))
        .collect()
}

fn key(k: &str) -> CellKey {
    k.parse().unwrap()
}

/// Every failing identity of the fixture is explained by exactly `unit`, in these words.
fn one_unit(name: &str, unit: SuspectUnit, zh: &str, en: &str) {
    let found = failing(name);
    assert!(!found.is_empty(), "{name}: no failing identity");
    for f in &found {
        let units: Vec<SuspectUnit> = f.explanations.iter().map(|e| e.unit).collect();
        assert_eq!(units, [unit], "{name}: {}", f.message(Lang::En));
        assert!(!f.search_stopped);
        assert_eq!(f.explanations[0].words(Lang::Zh), zh);
        assert_eq!(f.explanations[0].words(Lang::En), en);
    }
}

#[test]
fn an_outcome_row_printed_while_its_total_is_zero_is_that_row() {
    one_unit(
        "25_outcome_row_wrong.txt",
        SuspectUnit::Row(Table::T3, t3::R3D1),
        "表三“（四）无法提供·1.本机关不掌握相关政府信息”整行",
        "Table 3 row “(4)1 Not held by this body” as a whole",
    );
}

#[test]
fn a_total_row_left_zero_is_the_total_row() {
    one_unit(
        "26_total_row_wrong.txt",
        SuspectUnit::Row(Table::T3, t3::R3G),
        "表三“三、本年度办理结果·（七）总计”整行",
        "Table 3 row “(7) Total” as a whole",
    );
}

#[test]
fn a_row_entered_one_row_down_is_the_shifted_row() {
    one_unit(
        "32_row_one_row_off.txt",
        SuspectUnit::ShiftedRow {
            table: Table::T3,
            printed: t3::R3A,
            meant: t3::R2,
        },
        "表三“三、本年度办理结果·（一）予以公开”行的数字应属于“二、上年结转政府信息公开申请数量”行（错填了一行）",
        "Table 3: the numbers printed in row “(1) Disclosed” belong in row “II. Applications carried over from last year” (entered one row off)",
    );
}

#[test]
fn a_total_column_printed_zero_is_the_column() {
    let col = key("T3.R1.C7").col;
    one_unit(
        "33_total_column_zero.txt",
        SuspectUnit::Column(Table::T3, col),
        "表三“总计”整列",
        "Table 3 column “total” as a whole",
    );
}

#[test]
fn single_cells_and_blank_pairs_stay_cells_and_pairs() {
    // 表四 totals printed 0: 行政复议's total alone; 复议后起诉's total or its one part, tied.
    let found = failing("04_t4_totals_zero.txt");
    let units = |group: &str| -> Vec<SuspectUnit> {
        found
            .iter()
            .find(|f| f.cells.iter().any(|k| k.to_string().starts_with(group)))
            .map(|f| f.explanations.iter().map(|e| e.unit).collect())
            .unwrap()
    };
    assert_eq!(units("T4.RV."), [SuspectUnit::Cell(key("T4.RV.t"))]);
    assert_eq!(
        units("T4.LR."),
        [
            SuspectUnit::Cell(key("T4.LR.m")),
            SuspectUnit::Cell(key("T4.LR.t"))
        ]
    );
    // 表三 with 二、上年结转 left as placeholders: the placeholders holding 2 come first (they
    // change no printed number), then 一、本年新收 printed 1 instead of 3.
    let found = failing("23_blank_identity_warning.txt");
    let f = found
        .iter()
        .find(|f| f.cells.contains(&key("T3.R2.C1")))
        .unwrap();
    let first = &f.explanations[0];
    assert_eq!(
        first.unit,
        SuspectUnit::Pair(key("T3.R2.C1"), key("T3.R2.C7"))
    );
    assert_eq!(first.blanks, 2);
    assert_eq!(
        f.explanations[1].unit,
        SuspectUnit::Pair(key("T3.R1.C1"), key("T3.R1.C7"))
    );
    assert_eq!(f.explanations[1].blanks, 0);
}
