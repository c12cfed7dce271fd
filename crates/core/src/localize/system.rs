//! The evaluated identities as linear equations over the cells they name, with blanks and
//! placeholders as cells whose value the template asks to be 0, and the blank totals of
//! CELL-BLANK errors eliminated (their cause is reported already: they may hold anything).

use crate::format::CellKey;
use crate::model::{CellValue, Report};
use crate::rules::Evaluation;

/// An identity as `Σ coef·cell = 0`, with its residual `Σ coef·value` as the report stands
/// (blanks as 0): it holds when the residual is 0.
pub(super) struct Eq {
    /// Cell index and coefficient (never 0, each cell once).
    pub terms: Vec<(usize, i128)>,
    pub residual: i128,
    /// The evaluations it comes from (several when a free cell was eliminated).
    pub origins: Vec<usize>,
}

impl Eq {
    pub fn coef(&self, cell: usize) -> i128 {
        self.terms.iter().find(|t| t.0 == cell).map_or(0, |t| t.1)
    }

    pub fn failing(&self) -> bool {
        self.residual != 0
    }
}

pub(super) struct System {
    /// The cells, in the order the identities first name them.
    pub cells: Vec<CellKey>,
    /// Each cell's value: its number, 0 for a blank or a placeholder.
    pub values: Vec<i128>,
    /// Whether the cell is a blank or a placeholder.
    pub blank: Vec<bool>,
    pub eqs: Vec<Eq>,
    /// Which equations name each cell.
    pub eqs_of_cell: Vec<Vec<usize>>,
}

/// A cell's value in an equation: its integer, 0 and blank for a blank or a placeholder;
/// `None` for text, a missing cell or a decimal (its identities are not localised).
fn value(report: &Report, key: CellKey) -> Option<(i128, bool)> {
    match report.value(key)? {
        CellValue::Number(n) => n.as_i64().map(|v| (i128::from(v), false)),
        CellValue::Blank | CellValue::Placeholder(_) => Some((0, true)),
        CellValue::Text(_) => None,
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `a·x − b·y` of two equations, divided by the gcd of what is left.
fn combine(x: &Eq, a: i128, y: &Eq, b: i128) -> Eq {
    let mut terms: Vec<(usize, i128)> = Vec::new();
    for &(c, k) in &x.terms {
        terms.push((c, a * k));
    }
    for &(c, k) in &y.terms {
        match terms.iter_mut().find(|t| t.0 == c) {
            Some(t) => t.1 -= b * k,
            None => terms.push((c, -b * k)),
        }
    }
    terms.retain(|t| t.1 != 0);
    let mut residual = a * x.residual - b * y.residual;
    let g = terms.iter().fold(residual, |g, t| gcd(g, t.1));
    if g > 1 {
        for t in &mut terms {
            t.1 /= g;
        }
        residual /= g;
    }
    let mut origins = x.origins.clone();
    origins.extend(y.origins.iter().filter(|o| !x.origins.contains(o)));
    Eq {
        terms,
        residual,
        origins,
    }
}

impl System {
    /// The equations of the evaluations whose cells are all integers, blanks or placeholders,
    /// with the cells of `free` eliminated.
    pub fn new(report: &Report, evals: &[Evaluation], free: &[CellKey]) -> System {
        let mut sys = System {
            cells: Vec::new(),
            values: Vec::new(),
            blank: Vec::new(),
            eqs: Vec::new(),
            eqs_of_cell: Vec::new(),
        };
        for (ei, e) in evals.iter().enumerate() {
            let sides = e.left_cells.iter().map(|k| (*k, 1i128));
            let sides = sides.chain(e.right_cells.iter().map(|k| (*k, -1i128)));
            let mut terms: Vec<(usize, i128)> = Vec::new();
            let mut ok = true;
            for (k, coef) in sides {
                let Some(ix) = sys.cell_index(report, k) else {
                    ok = false;
                    break;
                };
                match terms.iter_mut().find(|t| t.0 == ix) {
                    Some(t) => t.1 += coef,
                    None => terms.push((ix, coef)),
                }
            }
            terms.retain(|t| t.1 != 0);
            if !ok || terms.is_empty() {
                continue;
            }
            let residual = terms.iter().map(|&(c, k)| k * sys.values[c]).sum();
            sys.eqs.push(Eq {
                terms,
                residual,
                origins: vec![ei],
            });
        }
        for &k in free {
            if let Some(ix) = sys.cells.iter().position(|c| *c == k) {
                sys.eliminate(ix);
            }
        }
        sys.eqs.retain(|e| !e.terms.is_empty());
        sys.eqs_of_cell = vec![Vec::new(); sys.cells.len()];
        for (i, e) in sys.eqs.iter().enumerate() {
            for &(c, _) in &e.terms {
                sys.eqs_of_cell[c].push(i);
            }
        }
        sys
    }

    /// The index of a cell, added with its value when new; `None` when it has no value an
    /// equation can use.
    fn cell_index(&mut self, report: &Report, k: CellKey) -> Option<usize> {
        // A few hundred cells at most: a linear search is enough.
        if let Some(ix) = self.cells.iter().position(|c| *c == k) {
            return Some(ix);
        }
        let (v, blank) = value(report, k)?;
        self.cells.push(k);
        self.values.push(v);
        self.blank.push(blank);
        Some(self.cells.len() - 1)
    }

    /// Takes a cell that may hold anything out of the equations: one equation naming it
    /// defines it and goes; the others are combined with it so that they no longer name it.
    fn eliminate(&mut self, cell: usize) {
        let Some(p) = self.eqs.iter().position(|e| e.coef(cell) != 0) else {
            return;
        };
        let pivot = self.eqs.remove(p);
        let a = pivot.coef(cell);
        for e in &mut self.eqs {
            let b = e.coef(cell);
            if b != 0 {
                *e = combine(e, a, &pivot, b);
            }
        }
    }
}
