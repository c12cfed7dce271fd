//! The search for the explanations of one group of failing equations: units of cells (a cell,
//! two cells, a row, a column, a row entered one row off) whose change makes every failing
//! equation of the group hold while every holding equation keeps holding, with no count below
//! 0. Units are tried smallest first; the ones that change the fewest cells win, ties all kept.
//! Every equation a candidate is checked against costs one unit of the work budget.

use super::system::System;
use crate::format::{ColId, RowId, Table};

/// What a search may spend, in equations checked; when it runs out the search stops with
/// what it found (`stopped`).
pub(super) struct Budget {
    left: u64,
    pub stopped: bool,
}

impl Budget {
    pub fn new(work: u64) -> Budget {
        Budget {
            left: work,
            stopped: false,
        }
    }

    fn spend(&mut self, n: u64) -> bool {
        if self.stopped || self.left < n {
            self.stopped = true;
            return false;
        }
        self.left -= n;
        true
    }
}

/// A unit by cell indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Cell(usize),
    Pair(usize, usize),
    Row(Table, RowId),
    Column(Table, ColId),
    Shifted {
        table: Table,
        printed: RowId,
        meant: RowId,
    },
}

/// One explanation: the unit and the change of each cell it changes (cell index, delta).
#[derive(Clone, Debug)]
pub(super) struct Found {
    pub unit: Unit,
    pub changed: Vec<(usize, i128)>,
}

/// The group being explained: its failing equations, and for every equation whether it must
/// hold after the change (the group's failing ones and every holding one; failing equations
/// of other groups are not this group's to fix).
struct Group<'a> {
    sys: &'a System,
    failing: &'a [usize],
    must_hold: Vec<bool>,
}

/// The best explanations of the failing equations `failing`, best first: single cells, else
/// pairs, else (with `units`) rows, columns and rows entered one row off.
pub(super) fn explain(
    sys: &System,
    failing: &[usize],
    units: bool,
    budget: &mut Budget,
) -> Vec<Found> {
    let must_hold = (0..sys.eqs.len())
        .map(|i| !sys.eqs[i].failing() || failing.contains(&i))
        .collect();
    let g = Group {
        sys,
        failing,
        must_hold,
    };
    // The cells of the failing equations, ascending (by a mask: the page has one sort only).
    let mut named = vec![false; sys.cells.len()];
    for &i in failing {
        for t in &sys.eqs[i].terms {
            named[t.0] = true;
        }
    }
    let cells: Vec<usize> = (0..named.len()).filter(|&c| named[c]).collect();
    let covers = |xs: &[usize]| {
        failing
            .iter()
            .all(|&i| xs.iter().any(|&x| sys.eqs[i].coef(x) != 0))
    };
    // Single cells.
    let mut found = Vec::new();
    for &x in &cells {
        if covers(&[x]) {
            if let Some(changed) = g.solve(&[x], &[], budget) {
                if changed.len() == 1 {
                    found.push(Found {
                        unit: Unit::Cell(x),
                        changed,
                    });
                }
            }
        }
    }
    if !found.is_empty() || budget.stopped {
        return found;
    }
    // Pairs.
    for (i, &x) in cells.iter().enumerate() {
        for &y in &cells[i + 1..] {
            if covers(&[x, y]) {
                if let Some(changed) = g.solve(&[x, y], &[], budget) {
                    if changed.len() == 2 {
                        found.push(Found {
                            unit: Unit::Pair(x, y),
                            changed,
                        });
                    }
                }
            }
            if budget.stopped {
                return found;
            }
        }
    }
    if !found.is_empty() || !units {
        return found;
    }
    g.units(&cells, budget)
}

impl Group<'_> {
    /// Rows, columns and rows entered one row off; those that change the fewest cells (one
    /// that changes one or two is named as that cell or pair).
    fn units(&self, cells: &[usize], budget: &mut Budget) -> Vec<Found> {
        let sys = self.sys;
        let keys = |pred: &dyn Fn(usize) -> bool| -> Vec<usize> {
            (0..sys.cells.len()).filter(|&c| pred(c)).collect()
        };
        let mut units: Vec<Unit> = Vec::new();
        for &c in cells {
            let k = sys.cells[c];
            for u in [Unit::Row(k.table, k.row), Unit::Column(k.table, k.col)] {
                if !units.contains(&u) {
                    units.push(u);
                }
            }
        }
        let rows: Vec<(Table, RowId)> = units
            .iter()
            .filter_map(|u| match *u {
                Unit::Row(t, r) => Some((t, r)),
                _ => None,
            })
            .collect();
        for (table, row) in rows {
            for (printed, meant) in self.neighbours(table, row) {
                let u = Unit::Shifted {
                    table,
                    printed,
                    meant,
                };
                if !units.contains(&u) {
                    units.push(u);
                }
            }
        }
        let mut found: Vec<Found> = Vec::new();
        for unit in units {
            let changed = match unit {
                Unit::Row(t, r) => {
                    let xs = keys(&|c| (sys.cells[c].table, sys.cells[c].row) == (t, r));
                    self.solve(&xs, &[], budget)
                }
                Unit::Column(t, col) => {
                    let xs = keys(&|c| (sys.cells[c].table, sys.cells[c].col) == (t, col));
                    self.solve(&xs, &[], budget)
                }
                Unit::Shifted {
                    table,
                    printed,
                    meant,
                } => self.shifted(table, printed, meant, budget),
                Unit::Cell(_) | Unit::Pair(..) => None,
            };
            if budget.stopped {
                break;
            }
            let Some(changed) = changed.filter(|c| !c.is_empty()) else {
                continue;
            };
            // A unit that changes one or two cells is that cell or that pair.
            let unit = match changed[..] {
                [(x, _)] => Unit::Cell(x),
                [(x, _), (y, _)] => Unit::Pair(x.min(y), x.max(y)),
                _ => unit,
            };
            let same = |f: &Found| {
                f.changed.len() == changed.len()
                    && f.changed
                        .iter()
                        .all(|(c, _)| changed.iter().any(|d| d.0 == *c))
            };
            if !found.iter().any(same) {
                found.push(Found { unit, changed });
            }
        }
        let Some(best) = found.iter().map(|f| f.changed.len()).min() else {
            return found;
        };
        found.retain(|f| f.changed.len() == best);
        found
    }

    /// The rows next to `row` in its table (among the rows the equations name), each way:
    /// (printed, meant).
    fn neighbours(&self, table: Table, row: RowId) -> Vec<(RowId, RowId)> {
        // The table's rows in template order, those the equations name.
        let rows: Vec<RowId> = table
            .rows()
            .iter()
            .map(|r| r.id)
            .filter(|&r| {
                self.sys
                    .cells
                    .iter()
                    .any(|k| (k.table, k.row) == (table, r))
            })
            .collect();
        let Some(i) = rows.iter().position(|r| *r == row) else {
            return Vec::new();
        };
        let mut v = Vec::new();
        for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
            if let Some(&other) = rows.get(j) {
                v.push((row, other));
                v.push((other, row));
            }
        }
        v
    }

    /// The numbers printed in row `printed` belong in row `meant`: `meant` takes them, and
    /// `printed` holds whatever makes the equations hold.
    fn shifted(
        &self,
        table: Table,
        printed: RowId,
        meant: RowId,
        budget: &mut Budget,
    ) -> Option<Vec<(usize, i128)>> {
        let sys = self.sys;
        let at = |row: RowId, col: ColId| {
            sys.cells
                .iter()
                .position(|k| (k.table, k.row, k.col) == (table, row, col))
        };
        let xs: Vec<usize> = (0..sys.cells.len())
            .filter(|&c| (sys.cells[c].table, sys.cells[c].row) == (table, printed))
            .collect();
        if xs.iter().all(|&c| sys.values[c] == 0) {
            return None;
        }
        let fixed: Vec<(usize, i128)> = xs
            .iter()
            .filter_map(|&p| {
                let m = at(meant, sys.cells[p].col)?;
                Some((m, sys.values[p] - sys.values[m]))
            })
            .filter(|f| f.1 != 0)
            .collect();
        if fixed.is_empty() {
            return None;
        }
        self.solve(&xs, &fixed, budget)
    }

    /// The changes of the cells `xs` that, with the changes `fixed`, make every equation they
    /// touch that must hold hold: `None` when there is none, more than one (not informative),
    /// one that is no integer or one that makes a count negative. Returns every change that
    /// is not 0, `fixed` first.
    fn solve(
        &self,
        xs: &[usize],
        fixed: &[(usize, i128)],
        budget: &mut Budget,
    ) -> Option<Vec<(usize, i128)>> {
        let sys = self.sys;
        let mut eqs: Vec<usize> = Vec::new();
        for &c in xs.iter().chain(fixed.iter().map(|f| &f.0)) {
            for &i in &sys.eqs_of_cell[c] {
                if self.must_hold[i] && !eqs.contains(&i) {
                    eqs.push(i);
                }
            }
        }
        if !self.failing.iter().all(|i| eqs.contains(i)) {
            return None;
        }
        if !budget.spend(eqs.len() as u64 + 1) {
            return None;
        }
        let k = xs.len();
        let rows: Vec<Vec<i128>> = eqs
            .iter()
            .map(|&i| {
                let e = &sys.eqs[i];
                let mut row: Vec<i128> = xs.iter().map(|&x| e.coef(x)).collect();
                let moved: i128 = fixed.iter().map(|&(c, d)| e.coef(c) * d).sum();
                row.push(-(e.residual + moved));
                row
            })
            .collect();
        let deltas = solve_exact(rows, k)?;
        if xs.iter().zip(&deltas).any(|(&x, &d)| sys.values[x] + d < 0) {
            return None;
        }
        let mut changed: Vec<(usize, i128)> = fixed.to_vec();
        changed.extend(
            xs.iter()
                .zip(&deltas)
                .filter(|p| *p.1 != 0)
                .map(|(&x, &d)| (x, d)),
        );
        Some(changed)
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The one integer solution of the linear system `rows` (each `k` coefficients and the
/// right-hand side), by Gauss–Jordan elimination without fractions; `None` when it has none,
/// more than one, or its one solution is no integer.
fn solve_exact(mut m: Vec<Vec<i128>>, k: usize) -> Option<Vec<i128>> {
    for col in 0..k {
        let p = (col..m.len()).find(|&r| m[r][col] != 0)?;
        m.swap(col, p);
        for r in 0..m.len() {
            if r == col || m[r][col] == 0 {
                continue;
            }
            let (a, b) = (m[col][col], m[r][col]);
            let pivot = m[col].clone();
            for (v, p) in m[r].iter_mut().zip(&pivot) {
                *v = v.checked_mul(a)?.checked_sub(p.checked_mul(b)?)?;
            }
            let g = m[r].iter().fold(0, |g, &v| gcd(g, v));
            if g > 1 {
                m[r].iter_mut().for_each(|v| *v /= g);
            }
        }
    }
    if m[k..].iter().any(|row| row[k] != 0) {
        return None;
    }
    (0..k)
        .map(|i| {
            let (a, b) = (m[i][i], m[i][k]);
            (b % a == 0).then(|| b / a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::solve_exact;

    #[test]
    fn exact_solutions_only() {
        // x + y = 3, x − y = 1 → (2, 1)
        assert_eq!(
            solve_exact(vec![vec![1, 1, 3], vec![1, -1, 1]], 2),
            Some(vec![2, 1])
        );
        // x + y = 3 alone: many solutions
        assert_eq!(solve_exact(vec![vec![1, 1, 3]], 2), None);
        // 2x = 3: no integer
        assert_eq!(solve_exact(vec![vec![2, 3]], 1), None);
        // x = 1, x = 2: none
        assert_eq!(solve_exact(vec![vec![1, 1], vec![1, 2]], 1), None);
        // x = 1 twice: one
        assert_eq!(solve_exact(vec![vec![1, 1], vec![1, 1]], 1), Some(vec![1]));
    }
}
