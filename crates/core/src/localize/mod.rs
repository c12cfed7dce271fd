//! Error localisation: which cells most likely hold the wrong number.
//!
//! When identities fail, find the smallest set of cells whose change makes every failing
//! identity hold while every identity that held keeps holding (Fellegi–Holt, as in R's
//! errorlocate): first single cells, then pairs. All minimal solutions are listed (ties).
//! Failing identities that share no cell are localised independently.

use crate::format::CellKey;
use crate::model::Report;
use crate::rules::{Evaluation, Finding, Outcome};

/// An identity as `Σ coef·cell = 0` with its current residual.
struct Eq {
    terms: Vec<(usize, i128)>,
    residual: i128,
    failing: bool,
}

/// The evaluated identities as equations over the cells they name.
struct System {
    /// The cells, in the order the identities first name them.
    cells: Vec<CellKey>,
    /// Each cell's value (0 for a cell that is not an integer).
    values: Vec<i128>,
    eqs: Vec<Eq>,
    /// The evaluation each equation comes from.
    eval_of_eq: Vec<usize>,
    /// Which equations name each cell.
    eqs_of_cell: Vec<Vec<usize>>,
}

pub(crate) fn assign_suspects(report: &Report, findings: &mut [Finding], evals: &[Evaluation]) {
    if !evals.iter().any(|e| e.outcome == Outcome::Fail) {
        return;
    }
    let sys = System::new(report, evals);
    let failing: Vec<usize> = (0..sys.eqs.len()).filter(|&i| sys.eqs[i].failing).collect();
    if failing.is_empty() {
        return;
    }
    let suspects_of_eq = sys.suspects(&failing);
    for f in findings.iter_mut() {
        if f.outcome != Outcome::Fail {
            continue;
        }
        // The equation of the finding: same rule, same cells in the same order.
        let Some(eq_i) = sys.eval_of_eq.iter().position(|&ei| {
            let e = &evals[ei];
            e.rule == f.rule && e.left_cells.iter().chain(e.right_cells).eq(f.cells.iter())
        }) else {
            continue;
        };
        if let Some(Some(s)) = suspects_of_eq.get(eq_i) {
            let names: Vec<CellKey> = s.iter().map(|&c| sys.cells[c]).collect();
            let mine: Vec<CellKey> = names
                .iter()
                .copied()
                .filter(|n| f.cells.contains(n))
                .collect();
            f.suspect = if mine.is_empty() { names } else { mine };
        }
    }
}

impl System {
    /// The equations of the evaluations that were evaluated (passes and failures with
    /// integer sides).
    fn new(report: &Report, evals: &[Evaluation]) -> System {
        let mut sys = System {
            cells: Vec::new(),
            values: Vec::new(),
            eqs: Vec::new(),
            eval_of_eq: Vec::new(),
            eqs_of_cell: Vec::new(),
        };
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
            let left = e.left_cells.iter().map(|k| (*k, 1i128));
            let right = e.right_cells.iter().map(|k| (*k, -1i128));
            let terms = left
                .chain(right)
                .map(|(k, coef)| (sys.cell_index(report, k), coef))
                .collect();
            sys.eqs.push(Eq {
                terms,
                residual: i128::from(l) - i128::from(r),
                failing: e.outcome == Outcome::Fail,
            });
            sys.eval_of_eq.push(ei);
        }
        sys.eqs_of_cell = vec![Vec::new(); sys.cells.len()];
        for (i, e) in sys.eqs.iter().enumerate() {
            for &(c, _) in &e.terms {
                sys.eqs_of_cell[c].push(i);
            }
        }
        sys
    }

    /// The index of a cell, added with its value when new.
    fn cell_index(&mut self, report: &Report, k: CellKey) -> usize {
        // A few hundred cells at most: a linear search is enough.
        if let Some(ix) = self.cells.iter().position(|c| *c == k) {
            return ix;
        }
        let v = report
            .value(k)
            .and_then(|v| v.number())
            .and_then(|n| n.as_i64())
            .unwrap_or(0);
        self.cells.push(k);
        self.values.push(i128::from(v));
        self.cells.len() - 1
    }

    /// The suspects of each failing equation (cell indices, best first): the smallest fixes
    /// of its group of failing equations connected by shared cells.
    fn suspects(&self, failing: &[usize]) -> Vec<Option<Vec<usize>>> {
        let eqs = &self.eqs;
        // Components of failing equations connected by shared cells.
        let mut comp: Vec<usize> = (0..eqs.len()).collect();
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
        for list in &self.eqs_of_cell {
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
        let roots: Vec<usize> = failing.iter().map(|&i| find(&mut comp, i)).collect();
        // The suspects of each group (groups in the order of their roots).
        let mut suspects_of_eq: Vec<Option<Vec<usize>>> = vec![None; eqs.len()];
        for root in 0..eqs.len() {
            let group: Vec<usize> = failing
                .iter()
                .zip(&roots)
                .filter(|(_, &r)| r == root)
                .map(|(&i, _)| i)
                .collect();
            if group.is_empty() {
                continue;
            }
            let found = self.smallest_fixes(&group);
            for &i in &group {
                suspects_of_eq[i] = Some(found.clone());
            }
        }
        suspects_of_eq
    }

    /// The cells that fix every equation of `group` alone; if none does, the cells of fixing
    /// pairs, those in the most pairs first.
    fn smallest_fixes(&self, group: &[usize]) -> Vec<usize> {
        let (eqs, eqs_of_cell, values) = (&self.eqs, &self.eqs_of_cell, &self.values);
        // The cells of the group's equations, ascending.
        let mut in_group = vec![false; self.cells.len()];
        for &i in group {
            for &(c, _) in &eqs[i].terms {
                in_group[c] = true;
            }
        }
        let cand: Vec<usize> = (0..in_group.len()).filter(|&c| in_group[c]).collect();
        let found: Vec<usize> = cand
            .iter()
            .copied()
            .filter(|&x| single_fixes(x, group, eqs, eqs_of_cell, values))
            .collect();
        if !found.is_empty() {
            return found;
        }
        // How many fixing pairs each candidate is in.
        let mut score = vec![0usize; cand.len()];
        for i in 0..cand.len() {
            for j in i + 1..cand.len() {
                if pair_fixes(cand[i], cand[j], group, eqs, eqs_of_cell, values) {
                    score[i] += 1;
                    score[j] += 1;
                }
            }
        }
        // Most pairs first, ties by cell (`cand` is ascending): `(MAX - score, index)` pairs.
        // The core's three sorts (here, the sections by position, the statements of the text
        // by position) all sort `(usize, usize)` pairs, so the page has one copy of std's sort:
        // 3 KB gzip less than three `sort_by_key`s (measured on the modern build).
        let mut order: Vec<(usize, usize)> = (0..cand.len())
            .filter(|&i| score[i] > 0)
            .map(|i| (usize::MAX - score[i], i))
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, i)| cand[i]).collect()
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
