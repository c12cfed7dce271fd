//! Evaluating the rules of [`crate::rules`] on a [`Report`].

mod arithmetic;
mod notes;
mod words;

use crate::finding::{Evaluation, Finding, Outcome, Param, Severity};
use crate::format::{self, t3, t4, CellKey, ColKind, Table};
use crate::localize;
use crate::model::{CellValue, DetectedFormat, ReadStatus, Report};
use crate::rules::{ids, RuleId};

/// Runs every rule: first the reading notes become findings, then the checks. `text` is
/// what the report's spans index into.
pub fn run(report: &Report, text: &str) -> (Vec<Finding>, Vec<Evaluation>) {
    let mut evals = Vec::new();
    if report.status != ReadStatus::Ok {
        return (Vec::new(), evals);
    }
    let mut findings: Vec<Finding> = report.notes.iter().map(notes::finding).collect();
    format_rules(report, &mut findings);
    crate::textcheck::run(report, text, &mut findings);
    let national = matches!(
        report.format,
        DetectedFormat::F2021 | DetectedFormat::F2019 | DetectedFormat::Mixed
    );
    if !national {
        return (findings, evals);
    }
    section_rules(report, &mut findings);
    table_rules(report, &mut findings);
    cell_rules(report, &mut findings);
    arithmetic::run(report, &mut findings, &mut evals);
    localize::assign_suspects(report, &mut findings, &evals);
    (findings, evals)
}

fn format_rules(report: &Report, out: &mut Vec<Finding>) {
    match report.format {
        DetectedFormat::F2019 if report.year.is_some_and(|y| y >= 2021) => {
            let mut f = Finding::new(ids::FORMAT_OUTDATED, Outcome::Fail);
            f.params
                .push(Param::same("year", report.year.unwrap_or(0).to_string()));
            out.push(f);
        }
        DetectedFormat::Mixed => {
            let mut f = Finding::new(ids::FORMAT_MIXED, Outcome::Fail);
            f.cells = t3::row(t3::R3F)
                .cells()
                .filter(|k| report.cell(*k).is_some())
                .collect();
            f.span = report.row(Table::T3, t3::R3F).map(|r| r.span);
            out.push(f);
        }
        DetectedFormat::Unknown => out.push(Finding::new(ids::FORMAT_UNKNOWN, Outcome::Fail)),
        _ => {}
    }
}

fn section_rules(report: &Report, out: &mut Vec<Finding>) {
    for spec in format::SECTIONS {
        if report.section(spec.number).is_none() {
            let mut f = Finding::new(ids::SECTION_MISSING, Outcome::Fail);
            f.params.push(Param::two(
                "num",
                crate::text::cn_numeral(spec.number),
                spec.number.to_string(),
            ));
            f.params.push(Param::two("heading", spec.standard, spec.en));
            out.push(f);
        }
    }
    let mut last = 0u8;
    for s in &report.sections {
        let misnumbered = s.written_number.is_some_and(|w| w != s.number);
        if misnumbered || s.number < last {
            let spec = format::section(s.number);
            let mut f = Finding::new(ids::SECTION_ORDER, Outcome::Fail);
            f.params.push(Param::same("heading", s.heading.clone()));
            f.params.push(Param::two(
                "expected",
                crate::text::cn_numeral(s.number),
                s.number.to_string(),
            ));
            f.params.push(Param::two(
                "standard",
                spec.map_or("", |x| x.standard),
                spec.map_or("", |x| x.en),
            ));
            f.span = Some(s.heading_span);
            out.push(f);
        }
        last = last.max(s.number);
    }
}

fn table_rules(report: &Report, out: &mut Vec<Finding>) {
    for table in Table::ALL {
        if !report.has_table(table) {
            let f = if report.tables_seen.contains(&table) {
                // The header is there but no row could be read: say so, don't call it missing.
                let mut f = Finding::new(ids::TABLE_MISSING, Outcome::NotAssessable);
                f.severity = Severity::Warning;
                f.params.push(words::table(table));
                f.params.extend(words::table_unread());
                f
            } else {
                let mut f = Finding::new(ids::TABLE_MISSING, Outcome::Fail);
                f.params.push(words::table(table));
                f
            };
            out.push(f);
            continue;
        }
        let expected: Vec<&format::RowSpec> = match table {
            Table::T2 => format::t2_rows(report.format).iter().collect(),
            Table::T3 => format::t3_rows(report.format),
            Table::T4 => Vec::new(),
        };
        for r in expected {
            if report.row(table, r.id).is_none() {
                let mut f = Finding::new(ids::ROW_MISSING, Outcome::Fail);
                f.params.push(words::table(table));
                f.params.push(Param::two("row", r.label_zh, r.label_en));
                out.push(f);
            }
        }
    }
}

/// Totals: the cells that are the sum of others, with their parts.
fn total_parts(report: &Report, key: CellKey) -> Vec<CellKey> {
    match key.table {
        Table::T3 if key.col == t3::TOTAL => t3::parts().map(|c| t3::cell(key.row, c.id)).collect(),
        Table::T3 if key.row == t3::R3G => t3::outcome_rows(single_f(report))
            .map(|r| r.cell(key.col))
            .collect(),
        Table::T4 if key.col == t4::TOTAL => t4::parts().map(|c| t4::cell(key.row, c.id)).collect(),
        _ => Vec::new(),
    }
}

/// Whether the report's 表三 has the single 2019 row （六）其他处理 (`R3f`) instead of
/// 2021's three (`R3f1..3`).
fn single_f(report: &Report) -> bool {
    let single = report.row(Table::T3, t3::R3F).is_some()
        && !t3::R3F_2021
            .iter()
            .any(|&r| report.row(Table::T3, r).is_some());
    single || report.format == DetectedFormat::F2019
}

fn cell_rules(report: &Report, out: &mut Vec<Finding>) {
    let mut blank_totals = Vec::new();
    let mut blanks = Vec::new();
    let mut placeholders = Vec::new();
    for cell in &report.cells {
        let kind = cell.key.kind();
        let single = |rule: RuleId| {
            let mut f = Finding::new(rule, Outcome::Fail);
            let (rz, re, cz, ce) = words::cell_names(report, cell.key);
            f.params.push(words::table(cell.key.table));
            f.params.push(Param::two("row", rz, re));
            f.params.push(Param::two("col", cz, ce));
            f.params.push(Param::same("raw", cell.raw.clone()));
            f.cells = vec![cell.key];
            f.span = cell.span;
            f
        };
        match &cell.value {
            CellValue::Blank => {
                let nonzero_parts = total_parts(report, cell.key).into_iter().any(|k| {
                    report
                        .value(k)
                        .and_then(CellValue::number)
                        .is_some_and(|n| n.units != 0)
                });
                if nonzero_parts {
                    blank_totals.push(cell.key);
                } else {
                    blanks.push(cell.key);
                }
            }
            CellValue::Placeholder(_) => placeholders.push(cell.key),
            CellValue::Text(_) => {
                let mut f = single(ids::CELL_NOT_NUMBER);
                // A number written with its unit (251000元, 1个, 12件) is a format slip the
                // reader can see through; other text is an error.
                if kind == ColKind::Amount
                    || crate::model::number_with_unit(&cell.raw)
                {
                    f.severity = Severity::Warning;
                }
                out.push(f);
            }
            CellValue::Number(n) => {
                if n.is_negative() && kind != ColKind::Delta {
                    out.push(single(ids::CELL_NEGATIVE));
                }
                if !n.is_integer() && kind != ColKind::Amount {
                    out.push(single(ids::CELL_NOT_INTEGER));
                }
            }
        }
    }
    for (keys, rule, severity) in [
        (blank_totals, ids::CELL_BLANK, Severity::Error),
        (blanks, ids::CELL_BLANK, Severity::Warning),
        (placeholders, ids::CELL_PLACEHOLDER, Severity::Warning),
    ] {
        if keys.is_empty() {
            continue;
        }
        let mut f = Finding::new(rule, Outcome::Fail);
        f.severity = severity;
        f.params.push(words::table_param(&keys));
        f.params.push(Param::same("n", keys.len().to_string()));
        f.params.push(words::list_param(report, &keys));
        f.cells = keys;
        out.push(f);
    }
}
