//! Blanks are unknown counts, not a switch that turns the arithmetic off: on a real report that
//! leaves the 总计 column and many cells blank (corpus 008, 上海市政府办公厅 2019, its Word
//! file in `tests/fixtures/docx`), a printed count changed by +5 is still reported by an
//! arithmetic rule and localised. The changed reports are derived here, at test time, from the
//! report's own text: no expected answer is copied from anywhere.

use nianbao_core::{
    check_bytes, check_text, Analysis, CellKey, CellValue, Lang, Outcome, Severity, Table,
};
use std::path::PathBuf;

const ARITHMETIC: &[&str] = &[
    "T3-IDENTITY",
    "T3-RESULTS-TOTAL",
    "T3-ROW-TOTAL",
    "T4-GROUP-TOTAL",
];

fn report_008() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/docx/008_shanghai-bgt_2019.docx");
    let checked = check_bytes(&std::fs::read(path).unwrap(), None);
    // The readable rendering of the Word file, read again as text, is the same report.
    let again = check_text(&checked.text);
    assert_eq!(again.report.cells, checked.analysis.report.cells);
    checked.text
}

/// The failing arithmetic findings (errors and failing warnings) that name `key`.
fn arithmetic_naming(a: &Analysis, key: CellKey) -> Vec<&nianbao_core::Finding> {
    a.findings
        .iter()
        .filter(|f| ARITHMETIC.contains(&f.rule.as_str()))
        .filter(|f| f.outcome == Outcome::Fail && f.severity <= Severity::Warning)
        .filter(|f| f.cells.contains(&key))
        .collect()
}

#[test]
fn a_count_changed_by_five_in_a_report_with_blanks_is_reported() {
    let text = report_008();
    let base = check_text(&text);
    let blanks = base
        .report
        .cells
        .iter()
        .filter(|c| c.value == CellValue::Blank && c.key.table == Table::T3)
        .count();
    assert!(blanks > 20, "008 leaves many cells of 表三 blank: {blanks}");
    // As printed, no arithmetic finding: its blanks are blanks, not errors of the identities.
    let before: Vec<_> = base
        .findings
        .iter()
        .filter(|f| ARITHMETIC.contains(&f.rule.as_str()) && f.outcome == Outcome::Fail)
        .map(|f| f.message(Lang::En).to_string())
        .collect();
    assert!(before.is_empty(), "{before:#?}");
    let (mut changed, mut localised) = (0, 0);
    for cell in base.report.cells.iter() {
        let (Some(span), CellValue::Number(n)) = (cell.span, &cell.value) else {
            continue;
        };
        if cell.key.table == Table::T2 || !n.is_integer() {
            continue;
        }
        let plus = n.as_i64().unwrap() + 5;
        let edited = format!("{}{plus}{}", &text[..span.start], &text[span.end..]);
        let a = check_text(&edited);
        assert_eq!(
            a.report
                .value(cell.key)
                .and_then(CellValue::number)
                .and_then(|n| n.as_i64()),
            Some(plus),
            "{}: the edited text reads the new count",
            cell.key
        );
        let found = arithmetic_naming(&a, cell.key);
        assert!(
            !found.is_empty(),
            "{} changed from {n} to {plus}: no arithmetic finding names it",
            cell.key
        );
        // Localised: the cell is in one of the best explanations.
        let explained = found
            .iter()
            .any(|f| f.explanations.iter().any(|e| e.cells.contains(&cell.key)));
        if explained {
            localised += 1;
        } else {
            println!(
                "{}: {:?}",
                cell.key,
                found
                    .iter()
                    .flat_map(|f| f.explanations.iter().map(|e| e.words(Lang::En)))
                    .collect::<Vec<_>>()
            );
        }
        changed += 1;
    }
    assert!(changed >= 40, "only {changed} printed counts changed");
    println!("{localised} of {changed} localised");
    assert_eq!(localised, changed);
}
