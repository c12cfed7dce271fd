//! The arithmetic identities of the national tables (T3-IDENTITY, T3-RESULTS-TOTAL,
//! T3-ROW-TOTAL, T4-GROUP-TOTAL), built from the format data and evaluated per report.

use super::words::{self, Missing};
use crate::finding::{Evaluation, Finding, Instance, Outcome, Param, Severity};
use crate::format::{self, t3, t4, CellKey, DetectedFormat, RowSpec, Table};
use crate::model::{CellValue, Report};
use crate::num::Num;
use crate::rules::{ids, RuleId};
use std::sync::OnceLock;

/// One arithmetic identity of the national tables: `Σ left = Σ right`. Built once per
/// process from the format data, then evaluated per report.
struct IdentityDef {
    rule: RuleId,
    instance: Instance,
    instance_zh: &'static str,
    instance_en: &'static str,
    left: Vec<CellKey>,
    right: Vec<CellKey>,
}

/// The cells of `rows` in column `col`.
fn column<'a>(rows: impl IntoIterator<Item = &'a RowSpec>, col: format::ColId) -> Vec<CellKey> {
    rows.into_iter().map(|r| r.cell(col)).collect()
}

fn t3_identities(single_f: bool) -> Vec<IdentityDef> {
    let rows = |ids: &[format::RowId]| ids.iter().map(|&r| t3::row(r)).collect::<Vec<_>>();
    let mut v = Vec::new();
    for rule in [ids::T3_IDENTITY, ids::T3_RESULTS_TOTAL] {
        for c in t3::COLS {
            let (left, right) = if rule == ids::T3_IDENTITY {
                (
                    column(rows(&[t3::R1, t3::R2]), c.id),
                    column(rows(&[t3::R3G, t3::R4]), c.id),
                )
            } else {
                (
                    column(t3::outcome_rows(single_f), c.id),
                    column(rows(&[t3::R3G]), c.id),
                )
            };
            v.push(IdentityDef {
                rule,
                instance: Instance::Col(Table::T3, c.id),
                instance_zh: c.label_zh,
                instance_en: c.label_en,
                left,
                right,
            });
        }
    }
    let format = if single_f {
        DetectedFormat::F2019
    } else {
        DetectedFormat::F2021
    };
    for r in format::t3_rows(format) {
        v.push(IdentityDef {
            rule: ids::T3_ROW_TOTAL,
            instance: Instance::Row(Table::T3, r.id),
            instance_zh: r.label_zh,
            instance_en: r.label_en,
            left: t3::parts().map(|c| r.cell(c.id)).collect(),
            right: vec![r.cell(t3::TOTAL)],
        });
    }
    v
}

fn t3_defs(single_f: bool) -> &'static [IdentityDef] {
    static F2021: OnceLock<Vec<IdentityDef>> = OnceLock::new();
    static F2019: OnceLock<Vec<IdentityDef>> = OnceLock::new();
    let defs = if single_f { &F2019 } else { &F2021 };
    defs.get_or_init(|| t3_identities(single_f))
}

fn t4_defs() -> &'static [IdentityDef] {
    static T4: OnceLock<Vec<IdentityDef>> = OnceLock::new();
    T4.get_or_init(|| {
        t4::ROWS
            .iter()
            .map(|g| IdentityDef {
                rule: ids::T4_GROUP_TOTAL,
                instance: Instance::Row(Table::T4, g.id),
                instance_zh: g.label_zh,
                instance_en: g.label_en,
                left: t4::parts().map(|c| g.cell(c.id)).collect(),
                right: vec![g.cell(t4::TOTAL)],
            })
            .collect()
    })
}

/// The identities that apply to a report (those of the tables it has).
fn identities(report: &Report) -> Vec<&'static IdentityDef> {
    let mut v = Vec::new();
    if report.has_table(Table::T3) {
        v.extend(t3_defs(super::single_f(report)));
    }
    if report.has_table(Table::T4) {
        v.extend(t4_defs());
    }
    v
}

enum Operand {
    Num(Num),
    /// Not a number: blank, placeholder, text or absent.
    Missing(&'static Missing),
}

fn operand(report: &Report, key: CellKey) -> Operand {
    match report.value(key) {
        Some(CellValue::Number(n)) => Operand::Num(*n),
        Some(CellValue::Blank) => Operand::Missing(&words::BLANK),
        Some(CellValue::Placeholder(_)) => Operand::Missing(&words::PLACEHOLDER),
        Some(CellValue::Text(_)) => Operand::Missing(&words::NOT_A_NUMBER),
        None => Operand::Missing(&words::ABSENT),
    }
}

/// Σ of the operands: `None` when one is missing (or, with `as_zero`, one that cannot be
/// read as 0), or on overflow.
fn sum_ops(ops: &[Operand], as_zero: bool) -> Option<Num> {
    ops.iter().try_fold(Num::ZERO, |total, o| {
        let n = match o {
            Operand::Num(n) => *n,
            Operand::Missing(m) if as_zero => m.as_zero?,
            Operand::Missing(_) => return None,
        };
        total.checked_add(n)
    })
}

pub(super) fn run(report: &Report, out: &mut Vec<Finding>, evals: &mut Vec<Evaluation>) {
    for id in identities(report) {
        let left_ops: Vec<Operand> = id.left.iter().map(|&k| operand(report, k)).collect();
        let right_ops: Vec<Operand> = id.right.iter().map(|&k| operand(report, k)).collect();
        // Rows are named in the report's own words where the report has them.
        let instance_zh = match id.instance {
            Instance::Row(Table::T3, row) => report
                .row(Table::T3, row)
                .map_or_else(|| id.instance_zh.to_string(), |r| r.label.clone()),
            _ => id.instance_zh.to_string(),
        };
        let left = sum_ops(&left_ops, false);
        let right = sum_ops(&right_ops, false);
        let outcome = match (left, right) {
            (Some(l), Some(r)) if l.same_value(r) => Outcome::Pass,
            (Some(_), Some(_)) => Outcome::Fail,
            _ => Outcome::NotAssessable,
        };
        let mut f = Finding::new(id.rule, outcome);
        let name = match id.rule {
            ids::T3_ROW_TOTAL => "row",
            ids::T4_GROUP_TOTAL => "group",
            _ => "col",
        };
        f.params
            .push(Param::two(name, instance_zh.clone(), id.instance_en));
        f.cells = id.left.iter().chain(&id.right).copied().collect();
        match outcome {
            Outcome::Pass => {}
            Outcome::Fail => {
                let (l, r) = (left.unwrap_or(Num::ZERO), right.unwrap_or(Num::ZERO));
                f.expected = Some(l);
                f.actual = Some(r);
                f.params.push(Param::same("left", l.to_string()));
                f.params.push(Param::same("right", r.to_string()));
                f.params.push(Param::same("expected", l.to_string()));
                f.params.push(Param::same("actual", r.to_string()));
                out.push(f);
            }
            Outcome::NotAssessable => {
                // The first few cells that are not numbers, named in runs of one row with
                // one reason (the row of a row total is named by the message already).
                const SHOWN: usize = 4;
                let missing: Vec<(CellKey, &'static Missing)> = id
                    .left
                    .iter()
                    .zip(&left_ops)
                    .chain(id.right.iter().zip(&right_ops))
                    .filter_map(|(k, o)| match o {
                        Operand::Missing(m) => Some((*k, *m)),
                        Operand::Num(_) => None,
                    })
                    .collect();
                let known_row = match id.instance {
                    Instance::Row(table, row) => Some((table, row)),
                    Instance::Col(..) => None,
                };
                let as_zero = match (sum_ops(&left_ops, true), sum_ops(&right_ops, true)) {
                    (Some(l), Some(r)) if !l.same_value(r) => Some((l, r)),
                    _ => None,
                };
                f.severity = if as_zero.is_some() {
                    Severity::Warning
                } else {
                    Severity::Info
                };
                f.params.push(words::why_not_assessable(
                    report,
                    &missing[..missing.len().min(SHOWN)],
                    missing.len(),
                    SHOWN,
                    known_row,
                    as_zero,
                ));
                out.push(f);
            }
        }
        evals.push(Evaluation {
            rule: id.rule,
            instance: id.instance,
            instance_zh,
            instance_en: id.instance_en.to_string(),
            left_cells: &id.left,
            right_cells: &id.right,
            left,
            right,
            outcome,
        });
    }
}
