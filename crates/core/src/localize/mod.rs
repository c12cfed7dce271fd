//! Error localisation: which cells most likely hold the wrong number, and as what unit.
//!
//! When identities fail, find the smallest change that makes every failing identity hold
//! while every identity that held keeps holding (Fellegi–Holt, as in R's errorlocate), no
//! count going below 0. Candidates are units a clerk makes mistakes in: a single cell, two
//! cells, a whole row, a whole column, and a row of numbers entered one row off (under the
//! wrong heading). Blanks and placeholders are cells the template asks to be 0, so they are
//! candidates too (a blank that must hold a number); the blank totals of CELL-BLANK errors
//! may hold anything (their cause is reported) and are eliminated first. The explanations
//! that change the fewest cells win, blanks before printed numbers; ties are all listed.
//! Failing identities that share no cell are localised independently. The search has a work
//! budget counted in equations checked (no clock): when it runs out, the finding says so
//! (`search_stopped`) and carries what was found.

mod search;
mod system;

use crate::format::{self, CellKey};
use crate::lang::Lang;
use crate::model::Report;
use crate::rules::{Evaluation, Explanation, Finding, Outcome, RuleId, Severity, SuspectUnit};
use search::{Budget, Found, Unit};
use system::System;

/// The work budget of one report's localisation, in equations checked: all pairs of the
/// cells of 表三 and 表四 take about a tenth of it.
const WORK: u64 = 1_000_000;

pub(crate) fn assign_suspects(report: &Report, findings: &mut [Finding], evals: &[Evaluation]) {
    assign_with_budget(report, findings, evals, WORK);
}

/// One group of failing equations and what explains it.
struct Explained {
    /// The evaluations its equations come from.
    origins: Vec<usize>,
    found: Vec<Found>,
    stopped: bool,
}

fn assign_with_budget(report: &Report, findings: &mut [Finding], evals: &[Evaluation], work: u64) {
    if !evals.iter().any(|e| e.outcome == Outcome::Fail) {
        return;
    }
    // Blank totals whose parts are not all 0: their CELL-BLANK error is their finding.
    let free: Vec<CellKey> = findings
        .iter()
        .filter(|f| f.rule == RuleId::CellBlank && f.severity == Severity::Error)
        .flat_map(|f| f.cells.iter().copied())
        .collect();
    let sys = System::new(report, evals, &free);
    let mut budget = Budget::new(work);
    let explained = explain(&sys, &mut budget);
    for f in findings.iter_mut() {
        if f.outcome != Outcome::Fail {
            continue;
        }
        // The evaluation of the finding: same rule, same cells in the same order.
        let Some(ei) = evals.iter().position(|e| {
            e.rule == f.rule && e.left_cells.iter().chain(e.right_cells).eq(f.cells.iter())
        }) else {
            continue;
        };
        let Some(x) = explained.iter().find(|x| x.origins.contains(&ei)) else {
            continue;
        };
        f.search_stopped = x.stopped;
        f.explanations = x.found.iter().map(|d| explanation(&sys, d)).collect();
        let names = suspects(&sys, &x.found);
        let mine: Vec<CellKey> = names
            .iter()
            .copied()
            .filter(|n| f.cells.contains(n))
            .collect();
        f.suspect = if mine.is_empty() { names } else { mine };
    }
}

/// The explanations of the failing equations: each group of failing equations connected by
/// shared cells by a cell or a pair of its own; the groups none explains, together with the
/// others of their table (connected through holding equations), by any unit (a row's mistake
/// breaks identities of several columns that share no cell). Where three groups or more of a
/// table fail, one row, column or row entered one row off that explains them all with no more
/// changes than their own explanations together is the better account of them.
fn explain(sys: &System, budget: &mut Budget) -> Vec<Explained> {
    let wide = groups(sys, false);
    let fine: Vec<(usize, Vec<usize>)> = groups(sys, true)
        .into_iter()
        .map(|g| (wide.iter().position(|w| w.contains(&g[0])).unwrap_or(0), g))
        .collect();
    let mut out = Vec::new();
    for root in 0..wide.len() {
        let mine: Vec<&Vec<usize>> = fine.iter().filter(|f| f.0 == root).map(|f| &f.1).collect();
        if mine.is_empty() {
            continue;
        }
        let found: Vec<Vec<Found>> = mine
            .iter()
            .map(|g| search::explain(sys, g, false, budget))
            .collect();
        if mine.len() >= 3 {
            // Unexplained groups count as more changes than any unit makes.
            let own: usize = found
                .iter()
                .map(|f| {
                    f.iter()
                        .map(|x| x.changed.len())
                        .min()
                        .unwrap_or(sys.cells.len())
                })
                .sum();
            let all: Vec<usize> = mine.iter().flat_map(|g| g.iter().copied()).collect();
            let units = search::explain_units(sys, &all, budget);
            if units.first().is_some_and(|u| u.changed.len() <= own) {
                out.push(explained(sys, &all, units, budget.stopped));
                continue;
            }
        }
        let mut pending: Vec<usize> = Vec::new();
        for (g, f) in mine.into_iter().zip(found) {
            if f.is_empty() && !budget.stopped {
                pending.extend(g.iter().copied());
            } else {
                out.push(explained(sys, g, f, budget.stopped));
            }
        }
        if !pending.is_empty() {
            let f = search::explain(sys, &pending, true, budget);
            out.push(explained(sys, &pending, f, budget.stopped));
        }
    }
    out
}

/// A group and its explanations, those that change the fewest printed numbers (fill blanks
/// rather) first.
fn explained(sys: &System, group: &[usize], found: Vec<Found>, stopped: bool) -> Explained {
    let printed = |f: &Found| f.changed.iter().filter(|&&(c, _)| !sys.blank[c]).count();
    let mut order: Vec<(usize, usize)> = found.iter().map(printed).zip(0..).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    let found: Vec<Found> = order
        .into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect();
    let mut origins: Vec<usize> = group
        .iter()
        .flat_map(|&i| sys.eqs[i].origins.iter().copied())
        .collect();
    origins.dedup();
    Explained {
        origins,
        found,
        stopped,
    }
}

/// Groups of equations connected by shared cells, each in ascending order: of the failing
/// equations through failing ones (`failing_only`), or of all equations through any.
fn groups(sys: &System, failing_only: bool) -> Vec<Vec<usize>> {
    let counted = |i: usize| !failing_only || sys.eqs[i].failing();
    let members: Vec<usize> = (0..sys.eqs.len()).filter(|&i| counted(i)).collect();
    let mut comp: Vec<usize> = (0..sys.eqs.len()).collect();
    fn find(comp: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while comp[r] != r {
            r = comp[r];
        }
        let mut y = x;
        while comp[y] != r {
            let n = comp[y];
            comp[y] = r;
            y = n;
        }
        r
    }
    for list in &sys.eqs_of_cell {
        let mut prev: Option<usize> = None;
        for &i in list.iter().filter(|&&i| counted(i)) {
            if let Some(p) = prev {
                let (a, b) = (find(&mut comp, p), find(&mut comp, i));
                comp[a] = b;
            }
            prev = Some(i);
        }
    }
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &i in &members {
        if failing_only && !sys.eqs[i].failing() {
            continue;
        }
        let root = find(&mut comp, i);
        match out.iter_mut().find(|g| g.0 == root) {
            Some(g) => g.1.push(i),
            None => out.push((root, vec![i])),
        }
    }
    out.into_iter().map(|g| g.1).collect()
}

/// The cells of the best explanations, those in the most explanations first (ties in the
/// order found).
fn suspects(sys: &System, found: &[Found]) -> Vec<CellKey> {
    let mut count: Vec<(usize, usize)> = Vec::new(); // (cell, explanations naming it)
    for f in found {
        for &(c, _) in &f.changed {
            match count.iter_mut().find(|p| p.0 == c) {
                Some(p) => p.1 += 1,
                None => count.push((c, 1)),
            }
        }
    }
    // `(MAX - count, order)` pairs: the core sorts `(usize, usize)` pairs only (one copy of
    // std's sort in the page).
    let mut order: Vec<(usize, usize)> = count
        .iter()
        .enumerate()
        .map(|(i, p)| (usize::MAX - p.1, i))
        .collect();
    order.sort_unstable();
    order
        .into_iter()
        .map(|(_, i)| sys.cells[count[i].0])
        .collect()
}

/// An explanation as the findings carry it: typed unit, cells in template order, words.
fn explanation(sys: &System, f: &Found) -> Explanation {
    let key = |c: usize| sys.cells[c];
    let unit = match f.unit {
        Unit::Cell(x) => SuspectUnit::Cell(key(x)),
        Unit::Pair(x, y) => SuspectUnit::Pair(key(x), key(y)),
        Unit::Row(t, r) => SuspectUnit::Row(t, r),
        Unit::Column(t, c) => SuspectUnit::Column(t, c),
        Unit::Shifted {
            table,
            printed,
            meant,
        } => SuspectUnit::ShiftedRow {
            table,
            printed,
            meant,
        },
    };
    // In template order, sorted as `(place, index)` pairs: the core sorts `(usize, usize)`
    // pairs only (one copy of std's sort in the page).
    let place = |k: CellKey| {
        let t = format::Table::ALL.iter().position(|t| *t == k.table);
        (t.unwrap_or(0) << 16) | (k.row.index() << 8) | k.col.index()
    };
    let mut order: Vec<(usize, usize)> = f
        .changed
        .iter()
        .map(|&(c, _)| place(key(c)))
        .zip(0..)
        .collect();
    order.sort_unstable();
    let cells: Vec<CellKey> = order.iter().map(|&(_, i)| key(f.changed[i].0)).collect();
    let blanks = f.changed.iter().filter(|&&(c, _)| sys.blank[c]).count();
    let words = (describe(unit, Lang::Zh), describe(unit, Lang::En));
    Explanation::new(unit, cells, blanks, words)
}

/// A row as the national format names it: 表三's with its group heading.
fn row_words(table: format::Table, row: format::RowId, lang: Lang) -> String {
    let r = table.row(row);
    match (lang, r.group) {
        (Lang::Zh, Some(g)) if table == format::Table::T3 => {
            format!("{}·{}", g.heading_zh, r.label_zh)
        }
        (Lang::Zh, _) => r.label_zh.to_string(),
        (Lang::En, _) => r.label_en.to_string(),
    }
}

/// A unit in plain words, as the format names its cells, rows and columns.
fn describe(unit: SuspectUnit, lang: Lang) -> String {
    let cell = |k: CellKey| {
        let (zh, en) = format::cell_name(k);
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    };
    let table = |t: format::Table| match lang {
        Lang::Zh => t.spec().name_zh,
        Lang::En => t.spec().name_en,
    };
    match (unit, lang) {
        (SuspectUnit::Cell(k), _) => cell(k),
        (SuspectUnit::Pair(a, b), Lang::Zh) => format!("{}和{}", cell(a), cell(b)),
        (SuspectUnit::Pair(a, b), Lang::En) => format!("{} and {}", cell(a), cell(b)),
        (SuspectUnit::Row(t, r), Lang::Zh) => {
            format!("{}“{}”整行", table(t), row_words(t, r, lang))
        }
        (SuspectUnit::Row(t, r), Lang::En) => {
            format!("{} row “{}” as a whole", table(t), row_words(t, r, lang))
        }
        (SuspectUnit::Column(t, c), _) => {
            let col = &t.rows()[0].cols[c.index()];
            match lang {
                Lang::Zh => format!("{}“{}”整列", table(t), col.label_zh),
                Lang::En => format!("{} column “{}” as a whole", table(t), col.label_en),
            }
        }
        (
            SuspectUnit::ShiftedRow {
                table: t,
                printed,
                meant,
            },
            Lang::Zh,
        ) => format!(
            "{}“{}”行的数字应属于“{}”行（错填了一行）",
            table(t),
            row_words(t, printed, lang),
            row_words(t, meant, lang)
        ),
        (
            SuspectUnit::ShiftedRow {
                table: t,
                printed,
                meant,
            },
            Lang::En,
        ) => format!(
            "{}: the numbers printed in row “{}” belong in row “{}” (entered one row off)",
            table(t),
            row_words(t, printed, lang),
            row_words(t, meant, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW_WRONG: &str =
        include_str!("../../../../tests/fixtures/cases/25_outcome_row_wrong.txt");

    /// The row of fixture 25 (three outcome totals fail; one row explains them), checked
    /// with a given work budget.
    fn localised(work: u64) -> Vec<Finding> {
        localised_text(ROW_WRONG, work)
    }

    fn localised_text(text: &str, work: u64) -> Vec<Finding> {
        let report = crate::extract::read(&crate::readers::plain::read(text));
        let (mut findings, evals) = crate::rules::run(&report, text);
        assign_with_budget(&report, &mut findings, &evals, work);
        findings
            .into_iter()
            // the identities' findings (the seed's own text slip is a finding too)
            .filter(|f| f.outcome == Outcome::Fail && f.rule.as_str().starts_with("T3-"))
            .collect()
    }

    #[test]
    fn a_spent_budget_stops_the_search_and_says_so() {
        let full = localised(WORK);
        assert_eq!(full.len(), 3);
        for f in &full {
            assert!(!f.search_stopped);
            let units: Vec<SuspectUnit> = f.explanations.iter().map(|e| e.unit).collect();
            assert!(matches!(units[..], [SuspectUnit::Row(..)]), "{units:?}");
        }
        // Enough for the single cells, not for the pairs and units after them.
        let short = localised(40);
        assert_eq!(short.len(), 3);
        for f in &short {
            assert!(f.search_stopped);
            assert!(f.explanations.is_empty() && f.suspect.is_empty());
        }
    }

    #[test]
    fn huge_counts_are_left_alone_and_large_ones_localised() {
        // The row printed 3 2 … 5: with 3 as a count near the largest one taken, and as one
        // beyond it (no overflow, no panic; its identities are simply not localised).
        let row = "\t3\t2\t0\t0\t0\t0\t5";
        assert!(ROW_WRONG.contains(row));
        let large = ROW_WRONG.replace(row, "\t900000000000\t2\t0\t0\t0\t0\t900000000002");
        for f in localised_text(&large, WORK) {
            let units: Vec<SuspectUnit> = f.explanations.iter().map(|e| e.unit).collect();
            assert!(matches!(units[..], [SuspectUnit::Row(..)]), "{units:?}");
        }
        let huge = ROW_WRONG.replace(
            row,
            "\t9000000000000000000\t2\t0\t0\t0\t0\t9000000000000000002",
        );
        let huge_cell: CellKey = "T3.R3d1.C1".parse().unwrap();
        for f in localised_text(&huge, WORK) {
            assert!(!f.cells.contains(&huge_cell) || f.explanations.is_empty());
        }
    }
}
