//! Combining the candidate splits of several rows under column identities
//! (`Σ left rows = Σ right rows`, column by column, all values ≥ 0).

/// `Σ left = Σ right` for every column, over rows given by index.
pub struct Identity {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
}

pub enum Solved {
    /// Which candidates of each row occur in at least one combination satisfying every identity.
    Used(Vec<Vec<bool>>),
    /// No combination satisfies every identity (the report itself is inconsistent).
    None,
    /// Too many combinations to examine.
    TooMany,
}

/// Search steps allowed (combinations of rows with several candidates), out of the document's
/// [`super::Budget`].
const SOLVE_BUDGET: usize = 50_000;

/// `rows[i]` are the candidates of row `i` (each a vector of column values, all rows the same
/// width). Each combination tried is a step taken from `budget`.
pub fn solve(rows: &[&[Vec<i128>]], idents: &[Identity], budget: &mut super::Budget) -> Solved {
    let mut width = 0;
    let mut used: Vec<Vec<bool>> = Vec::with_capacity(rows.len());
    let mut choice = Vec::with_capacity(rows.len());
    for r in rows {
        for v in *r {
            width = width.max(v.len());
        }
        used.push(vec![false; r.len()]);
        choice.push((r.len() == 1).then_some(0));
    }
    if rows.iter().any(|r| r.is_empty()) {
        return Solved::None;
    }
    let in_ident = |i: usize| {
        idents
            .iter()
            .any(|d| d.left.contains(&i) || d.right.contains(&i))
    };
    // Rows outside every identity keep all their candidates.
    for (i, r) in rows.iter().enumerate() {
        if !in_ident(i) || r.len() == 1 {
            used[i].iter_mut().for_each(|u| *u = true);
        }
    }
    // Variables: rows with several candidates, in the order the identities name them.
    let mut vars: Vec<usize> = Vec::new();
    for d in idents {
        for &i in d.left.iter().chain(&d.right) {
            if rows[i].len() > 1 && !vars.contains(&i) {
                vars.push(i);
            }
        }
    }
    let mut s = Search {
        rows,
        idents,
        width,
        vars: &vars,
        choice,
        used: &mut used,
        found: 0,
        budget: SOLVE_BUDGET.min(budget.left),
    };
    // Identities among fixed rows only are checked once, up front.
    if !s.consistent() {
        return Solved::None;
    }
    let given = s.budget;
    let done = s.go(0);
    budget.spend(given - s.budget);
    if !done {
        return Solved::TooMany;
    }
    if s.found == 0 {
        return Solved::None;
    }
    Solved::Used(used)
}

struct Search<'a> {
    rows: &'a [&'a [Vec<i128>]],
    idents: &'a [Identity],
    width: usize,
    vars: &'a [usize],
    choice: Vec<Option<usize>>,
    used: &'a mut Vec<Vec<bool>>,
    found: usize,
    budget: usize,
}

impl Search<'_> {
    /// Returns false when the budget ran out.
    fn go(&mut self, v: usize) -> bool {
        if v == self.vars.len() {
            self.found += 1;
            for &i in self.vars {
                if let Some(c) = self.choice[i] {
                    self.used[i][c] = true;
                }
            }
            return true;
        }
        let row = self.vars[v];
        for c in 0..self.rows[row].len() {
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            self.choice[row] = Some(c);
            if self.consistent() && !self.go(v + 1) {
                return false;
            }
        }
        self.choice[row] = None;
        true
    }

    /// Every identity holds where both sides are fully chosen; where only one side is, the
    /// other side's chosen part does not exceed it (values are never negative).
    fn consistent(&self) -> bool {
        for d in self.idents {
            for col in 0..self.width {
                let (ls, lall) = self.side(&d.left, col);
                let (rs, rall) = self.side(&d.right, col);
                let ok = match (lall, rall) {
                    (true, true) => ls == rs,
                    (false, true) => ls <= rs,
                    (true, false) => rs <= ls,
                    (false, false) => true,
                };
                if !ok {
                    return false;
                }
            }
        }
        true
    }

    fn side(&self, rows: &[usize], col: usize) -> (i128, bool) {
        let mut sum = 0;
        let mut all = true;
        for &i in rows {
            match self.choice[i] {
                Some(c) => sum += self.rows[i][c][col],
                None => all = false,
            }
        }
        (sum, all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_identity_picks_one_candidate() {
        let r1 = vec![vec![27, 0, 30], vec![2, 7, 30]];
        let r2 = vec![vec![27, 0, 30]];
        let rows: Vec<&[Vec<i128>]> = vec![&r1, &r2];
        let id = Identity {
            left: vec![0],
            right: vec![1],
        };
        match solve(&rows, &[id], &mut crate::extract::concat::Budget::new()) {
            Solved::Used(u) => assert_eq!(u, vec![vec![true, false], vec![true]]),
            _ => panic!("expected a solution"),
        }
    }

    #[test]
    fn no_combination_when_the_report_is_wrong() {
        let r1 = vec![vec![1]];
        let r2 = vec![vec![2]];
        let rows: Vec<&[Vec<i128>]> = vec![&r1, &r2];
        let id = Identity {
            left: vec![0],
            right: vec![1],
        };
        assert!(matches!(
            solve(&rows, &[id], &mut crate::extract::concat::Budget::new()),
            Solved::None
        ));
    }
}
