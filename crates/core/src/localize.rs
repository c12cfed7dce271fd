//! Error localisation: which cells most likely hold the wrong number.
//!
//! When identities fail, find the smallest set of cells whose change makes every failing
//! identity hold while every identity that held keeps holding (Fellegi–Holt, as in R's
//! errorlocate): first single cells, then pairs. All minimal solutions are listed (ties).
//! Failing identities that share no cell are localised independently.

use crate::finding::{Evaluation, Finding, Outcome};
use crate::format::CellKey;
use crate::model::Report;

/// An identity as `Σ coef·cell = 0` with its current residual.
struct Eq {
    terms: Vec<(usize, i128)>,
    residual: i128,
    failing: bool,
}

pub(crate) fn assign_suspects(report: &Report, findings: &mut [Finding], evals: &[Evaluation]) {
    if !evals.iter().any(|e| e.outcome == Outcome::Fail) {
        return;
    }
    let mut cells: Vec<CellKey> = Vec::new();
    let mut values: Vec<i128> = Vec::new();
    let mut eqs: Vec<Eq> = Vec::new();
    let mut eval_of_eq: Vec<usize> = Vec::new();
    for (ei, e) in evals.iter().enumerate() {
        if e.outcome == Outcome::NotAssessable {
            continue;
        }
        let (Some(l), Some(r)) = (
            e.left.and_then(|n| n.as_i64()),
            e.right.and_then(|n| n.as_i64()),
        ) else {
            continue;
        };
        let mut terms = Vec::new();
        for (keys, coef) in [(e.left_cells, 1i128), (e.right_cells, -1i128)] {
            for k in keys {
                // A few hundred cells at most: a linear search is enough.
                let ix = match cells.iter().position(|c| c == k) {
                    Some(ix) => ix,
                    None => {
                        cells.push(*k);
                        let v = report
                            .value(*k)
                            .and_then(|v| v.number())
                            .and_then(|n| n.as_i64())
                            .unwrap_or(0);
                        values.push(i128::from(v));
                        cells.len() - 1
                    }
                };
                terms.push((ix, coef));
            }
        }
        eqs.push(Eq {
            terms,
            residual: i128::from(l) - i128::from(r),
            failing: e.outcome == Outcome::Fail,
        });
        eval_of_eq.push(ei);
    }

    let mut failing: Vec<usize> = Vec::new();
    for (i, e) in eqs.iter().enumerate() {
        if e.failing {
            failing.push(i);
        }
    }
    if failing.is_empty() {
        return;
    }
    // Which equations mention each cell.
    let mut eqs_of_cell: Vec<Vec<usize>> = vec![Vec::new(); cells.len()];
    for (i, e) in eqs.iter().enumerate() {
        for &(c, _) in &e.terms {
            eqs_of_cell[c].push(i);
        }
    }

    // Components of failing equations connected by shared cells.
    let mut comp: Vec<usize> = Vec::with_capacity(eqs.len());
    for i in 0..eqs.len() {
        comp.push(i);
    }
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
    for list in &eqs_of_cell {
        let mut prev: Option<usize> = None;
        for &i in list {
            if !eqs[i].failing {
                continue;
            }
            if let Some(p) = prev {
                let (a, b) = (find(&mut comp, p), find(&mut comp, i));
                comp[a] = b;
            }
            prev = Some(i);
        }
    }
    let mut roots: Vec<usize> = Vec::with_capacity(failing.len());
    for &i in &failing {
        roots.push(find(&mut comp, i));
    }

    // The suspects of each failing equation's group (groups in the order of their roots).
    let mut suspects_of_eq: Vec<Option<Vec<usize>>> = vec![None; eqs.len()];
    for root in 0..eqs.len() {
        let mut group: Vec<usize> = Vec::new();
        for (&i, &r) in failing.iter().zip(&roots) {
            if r == root {
                group.push(i);
            }
        }
        if group.is_empty() {
            continue;
        }
        // The cells of the group's equations, ascending.
        let mut in_group = vec![false; cells.len()];
        for &i in &group {
            for &(c, _) in &eqs[i].terms {
                in_group[c] = true;
            }
        }
        let mut cand: Vec<usize> = Vec::new();
        for (c, &g) in in_group.iter().enumerate() {
            if g {
                cand.push(c);
            }
        }
        let mut found: Vec<usize> = Vec::new();
        for &x in &cand {
            if single_fixes(x, &group, &eqs, &eqs_of_cell, &values) {
                found.push(x);
            }
        }
        if found.is_empty() {
            // How many fixing pairs each candidate is in.
            let mut score = vec![0usize; cand.len()];
            for i in 0..cand.len() {
                for j in i + 1..cand.len() {
                    if pair_fixes(cand[i], cand[j], &group, &eqs, &eqs_of_cell, &values) {
                        score[i] += 1;
                        score[j] += 1;
                    }
                }
            }
            // Most pairs first; ties by cell (`cand` is ascending and the sort stable).
            let mut order: Vec<usize> = Vec::new();
            for (i, &sc) in score.iter().enumerate() {
                if sc > 0 {
                    order.push(i);
                }
            }
            order.sort_by(|&a, &b| score[b].cmp(&score[a]));
            for i in order {
                found.push(cand[i]);
            }
        }
        for &i in &group {
            suspects_of_eq[i] = Some(found.clone());
        }
    }

    for f in findings.iter_mut() {
        if f.outcome != Outcome::Fail {
            continue;
        }
        // The equation of the finding: same rule, same cells in the same order.
        let Some(eq_i) = eval_of_eq.iter().position(|&ei| {
            let e = &evals[ei];
            e.rule == f.rule
                && e.left_cells.len() + e.right_cells.len() == f.cells.len()
                && (0..f.cells.len()).all(|k| {
                    let key = match k.checked_sub(e.left_cells.len()) {
                        None => e.left_cells[k],
                        Some(r) => e.right_cells[r],
                    };
                    f.cells[k] == key
                })
        }) else {
            continue;
        };
        if let Some(Some(s)) = suspects_of_eq.get(eq_i) {
            let names: Vec<CellKey> = s.iter().map(|&c| cells[c]).collect();
            let mine: Vec<CellKey> = names
                .iter()
                .copied()
                .filter(|n| f.cells.contains(n))
                .collect();
            f.suspect = if mine.is_empty() { names } else { mine };
        }
    }
}

fn coef(eq: &Eq, cell: usize) -> i128 {
    let mut c = 0;
    for t in &eq.terms {
        if t.0 == cell {
            c += t.1;
        }
    }
    c
}

/// Changing `x` alone fixes every equation of `group` and breaks none.
fn single_fixes(
    x: usize,
    group: &[usize],
    eqs: &[Eq],
    eqs_of_cell: &[Vec<usize>],
    values: &[i128],
) -> bool {
    if !group.iter().all(|&i| coef(&eqs[i], x) != 0) {
        return false;
    }
    let mut delta: Option<i128> = None;
    for &i in &eqs_of_cell[x] {
        let a = coef(&eqs[i], x);
        if a == 0 {
            continue;
        }
        let r = eqs[i].residual;
        if r % a != 0 {
            return false;
        }
        let d = -r / a;
        match delta {
            None => delta = Some(d),
            Some(p) if p != d => return false,
            _ => {}
        }
    }
    matches!(delta, Some(d) if d != 0 && values[x] + d >= 0)
}

/// Changing `x` and `y` together (both really changed) fixes every equation of `group` and breaks none.
fn pair_fixes(
    x: usize,
    y: usize,
    group: &[usize],
    eqs: &[Eq],
    eqs_of_cell: &[Vec<usize>],
    values: &[i128],
) -> bool {
    if !group
        .iter()
        .all(|&i| coef(&eqs[i], x) != 0 || coef(&eqs[i], y) != 0)
    {
        return false;
    }
    let mut rows: Vec<(i128, i128, i128)> = Vec::new();
    let mut seen = Vec::new();
    for &i in eqs_of_cell[x].iter().chain(&eqs_of_cell[y]) {
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        rows.push((coef(&eqs[i], x), coef(&eqs[i], y), -eqs[i].residual));
    }
    // Find two independent rows and solve; then check all rows.
    for i in 0..rows.len() {
        for j in i + 1..rows.len() {
            let (a1, b1, c1) = rows[i];
            let (a2, b2, c2) = rows[j];
            let det = a1 * b2 - a2 * b1;
            if det == 0 {
                continue;
            }
            let nx = c1 * b2 - c2 * b1;
            let ny = a1 * c2 - a2 * c1;
            if nx % det != 0 || ny % det != 0 {
                return false;
            }
            let (dx, dy) = (nx / det, ny / det);
            if dx == 0 || dy == 0 || values[x] + dx < 0 || values[y] + dy < 0 {
                return false;
            }
            return rows.iter().all(|&(a, b, c)| a * dx + b * dy == c);
        }
    }
    false // rank-deficient: infinitely many fixes, not informative
}
