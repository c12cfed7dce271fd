//! A report's findings and evaluations as bytes, so that the checks can run in a second
//! WebAssembly module (issue 11: the page's first-load module reads and shows reports; the
//! full-check module checks them): it checks the report completely and hands the result back
//! with [`encode`]; the first module, which read the same report, takes it with [`decode`].
//! Plain functions on plain data (the primitives of [`crate::bytes`]); no wasm here.
//!
//! ```text
//! "NBFND1" count finding…      then count evaluation…
//!                              each evaluation: the index of its identity among those that
//!                              apply to the report (the format data's: they do not travel),
//!                              its rule's index, left and right sums (as numbers below),
//!                              outcome u8 0 pass | 1 fail | 2 not assessable
//!                              each finding:
//!   rule                       its index in RuleId::ALL
//!   severity outcome           u8: 0 error | 1 warning | 2 info; 1 fail | 2 not assessable
//!   cells                      count, then each cell as three u8: table, row, column
//!   expected actual            each u8 0 (none) | 1, then i64 units and u8 scale
//!   suspect                    cells
//!   explanations               count, then each: unit, cells, blanks, words zh, words en;
//!                              unit u8 0 cell | 1 two cells | 2 row (table, row) |
//!                              3 column (table, column) | 4 shifted row (table, printed, meant)
//!   search_stopped             u8 0 | 1
//!   span                       u8 0 (none) | 1, then start end
//!   message zh, message en
//! ```
//!
//! [`decode`] checks everything (every rule, cell and row inside the format data, every span
//! inside the report's text and on character boundaries, no message empty, every evaluation an
//! identity of the report's, nothing after the end), so whatever the bytes it gives findings
//! the shells can show, or `None`.

use super::finding::{Evaluation, Explanation, Finding, Outcome, Severity, SuspectUnit};
use super::RuleId;
use crate::bytes::{put_span, put_str, put_u32, Reader};
use crate::format::{CellKey, Table};
use crate::model::Report;
use crate::num::{Num, MAX_SCALE};

const MAGIC: &[u8] = b"NBFND1";

/// A report's findings and evaluations (in the order the rules made them) as bytes ([`decode`]
/// gives them back).
pub fn encode(findings: &[Finding], evaluations: &[Evaluation]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_u32(&mut out, findings.len());
    for f in findings {
        put_finding(&mut out, f);
    }
    put_u32(&mut out, evaluations.len());
    for (i, e) in evaluations.iter().enumerate() {
        put_u32(&mut out, i);
        put_u32(&mut out, rule_index(e.rule));
        put_num(&mut out, e.left);
        put_num(&mut out, e.right);
        out.push(outcome_byte(e.outcome));
    }
    out
}

fn rule_index(rule: RuleId) -> usize {
    RuleId::ALL
        .iter()
        .position(|r| *r == rule)
        .unwrap_or(usize::MAX)
}

fn outcome_byte(o: Outcome) -> u8 {
    match o {
        Outcome::Pass => 0,
        Outcome::Fail => 1,
        Outcome::NotAssessable => 2,
    }
}

fn put_finding(out: &mut Vec<u8>, f: &Finding) {
    put_u32(out, rule_index(f.rule));
    out.push(match f.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    });
    out.push(outcome_byte(f.outcome));
    put_cells(out, &f.cells);
    put_num(out, f.expected);
    put_num(out, f.actual);
    put_cells(out, &f.suspect);
    put_u32(out, f.explanations.len());
    for e in &f.explanations {
        put_unit(out, e.unit);
        put_cells(out, &e.cells);
        put_u32(out, e.blanks);
        put_str(out, e.words(crate::lang::Lang::Zh));
        put_str(out, e.words(crate::lang::Lang::En));
    }
    out.push(u8::from(f.search_stopped));
    match f.span {
        None => out.push(0),
        Some(s) => {
            out.push(1);
            put_span(out, s);
        }
    }
    put_str(out, f.message(crate::lang::Lang::Zh));
    put_str(out, f.message(crate::lang::Lang::En));
}

/// The findings and evaluations of [`encode`] for `report` (the same report, read from the same
/// document: its identities are the evaluations'), the spans checked against `text` (the
/// report's text, which they index into); `None` for anything else.
pub fn decode(
    bytes: &[u8],
    report: &Report,
    text: &str,
) -> Option<(Vec<Finding>, Vec<Evaluation>)> {
    let mut r = Reader::new(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    // the smallest finding: rule, severity, outcome, two empty cell lists, two absent
    // numbers, no explanations, the flag, no span, two messages of at least one byte
    let n = r.count(4 + 2 + 4 + 2 + 4 + 4 + 1 + 1 + 5 + 5)?;
    let mut findings = Vec::with_capacity(n);
    for _ in 0..n {
        findings.push(finding(&mut r, text)?);
    }
    // an evaluation: index, rule, two absent sums, outcome
    let n = r.count(4 + 4 + 1 + 1 + 1)?;
    let mut evaluations = Vec::with_capacity(n);
    for i in 0..n {
        if r.u32()? != i {
            return None;
        }
        let rule = *RuleId::ALL.get(r.u32()?)?;
        let sums = (num(&mut r)?, num(&mut r)?);
        let outcome = match r.u8()? {
            0 => Outcome::Pass,
            1 => Outcome::Fail,
            2 => Outcome::NotAssessable,
            _ => return None,
        };
        evaluations.push(super::arithmetic::evaluation_at(
            report, i, rule, sums, outcome,
        )?);
    }
    r.at_end().then_some((findings, evaluations))
}

fn finding(r: &mut Reader<'_>, text: &str) -> Option<Finding> {
    let rule = *RuleId::ALL.get(r.u32()?)?;
    let severity = match r.u8()? {
        0 => Severity::Error,
        1 => Severity::Warning,
        2 => Severity::Info,
        _ => return None,
    };
    let outcome = match r.u8()? {
        1 => Outcome::Fail,
        2 => Outcome::NotAssessable,
        _ => return None,
    };
    let keys = cells(r)?;
    let (expected, actual) = (num(r)?, num(r)?);
    let suspect = cells(r)?;
    let n = r.count(1 + 4 + 4 + 4 + 4)?;
    let mut explanations = Vec::with_capacity(n);
    for _ in 0..n {
        let unit = unit(r)?;
        let changed = cells(r)?;
        let blanks = r.u32()?;
        let words = (r.string()?, r.string()?);
        if blanks > changed.len() || words.0.is_empty() || words.1.is_empty() {
            return None;
        }
        explanations.push(Explanation::new(unit, changed, blanks, words));
    }
    let search_stopped = match r.u8()? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let span = match r.u8()? {
        0 => None,
        1 => Some(r.span(text)?),
        _ => return None,
    };
    let (zh, en) = (r.string()?, r.string()?);
    if zh.trim().is_empty() || en.trim().is_empty() {
        return None;
    }
    Some(Finding::decoded(
        rule,
        severity,
        outcome,
        (keys, suspect, explanations),
        (expected, actual, search_stopped, span),
        (zh, en),
    ))
}

fn put_cells(out: &mut Vec<u8>, cells: &[CellKey]) {
    put_u32(out, cells.len());
    for k in cells {
        put_cell(out, *k);
    }
}

fn put_cell(out: &mut Vec<u8>, k: CellKey) {
    out.extend_from_slice(&[
        table_index(k.table),
        small(k.row.index()),
        small(k.col.index()),
    ]);
}

fn small(i: usize) -> u8 {
    // rows and columns are u8 indices (format::key)
    u8::try_from(i).unwrap_or(u8::MAX)
}

fn table_index(t: Table) -> u8 {
    match t {
        Table::T2 => 0,
        Table::T3 => 1,
        Table::T4 => 2,
    }
}

fn put_num(out: &mut Vec<u8>, n: Option<Num>) {
    match n {
        None => out.push(0),
        Some(n) => {
            out.push(1);
            out.extend_from_slice(&n.units.to_le_bytes());
            out.push(n.scale);
        }
    }
}

fn put_unit(out: &mut Vec<u8>, u: SuspectUnit) {
    match u {
        SuspectUnit::Cell(k) => {
            out.push(0);
            put_cell(out, k);
        }
        SuspectUnit::Pair(a, b) => {
            out.push(1);
            put_cell(out, a);
            put_cell(out, b);
        }
        SuspectUnit::Row(t, row) => out.extend_from_slice(&[2, table_index(t), small(row.index())]),
        SuspectUnit::Column(t, col) => {
            out.extend_from_slice(&[3, table_index(t), small(col.index())])
        }
        SuspectUnit::ShiftedRow {
            table,
            printed,
            meant,
        } => out.extend_from_slice(&[
            4,
            table_index(table),
            small(printed.index()),
            small(meant.index()),
        ]),
    }
}

fn table(r: &mut Reader<'_>) -> Option<Table> {
    Table::ALL.get(usize::from(r.u8()?)).copied()
}

fn cell(r: &mut Reader<'_>) -> Option<CellKey> {
    let t = table(r)?;
    let (row, col) = (r.u8()?, r.u8()?);
    CellKey::at(t, usize::from(row), usize::from(col))
}

fn cells(r: &mut Reader<'_>) -> Option<Vec<CellKey>> {
    let n = r.count(3)?;
    (0..n).map(|_| cell(r)).collect()
}

fn num(r: &mut Reader<'_>) -> Option<Option<Num>> {
    match r.u8()? {
        0 => Some(None),
        1 => {
            let b = r.take(8)?;
            let units = i64::from_le_bytes(b.try_into().ok()?);
            let scale = r.u8()?;
            (scale <= MAX_SCALE).then_some(Some(Num { units, scale }))
        }
        _ => None,
    }
}

fn unit(r: &mut Reader<'_>) -> Option<SuspectUnit> {
    Some(match r.u8()? {
        0 => SuspectUnit::Cell(cell(r)?),
        1 => SuspectUnit::Pair(cell(r)?, cell(r)?),
        2 => {
            let t = table(r)?;
            SuspectUnit::Row(t, t.row_at(usize::from(r.u8()?))?)
        }
        3 => {
            let t = table(r)?;
            SuspectUnit::Column(t, t.col_at(usize::from(r.u8()?))?)
        }
        4 => {
            let table = table(r)?;
            let printed = table.row_at(usize::from(r.u8()?))?;
            let meant = table.row_at(usize::from(r.u8()?))?;
            SuspectUnit::ShiftedRow {
                table,
                printed,
                meant,
            }
        }
        _ => return None,
    })
}
