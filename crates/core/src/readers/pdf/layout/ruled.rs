//! Ruled tables: the ruling segments of a page grouped into tables (segments that touch),
//! each table's grid (the x of its vertical and the y of its horizontal rulings), and its
//! cells: grid slots joined wherever no ruling separates them, so a cell merged over rows
//! or columns is one cell, as in the Word file the PDF was printed from.

use crate::readers::pdf::content::Rule;

/// Rulings closer than this (points) are one line (double borders, rounding).
pub const SNAP: f64 = 2.0;
/// A grid slot's side is ruled when rulings cover this share of it.
const COVER: f64 = 0.6;
/// Most grid lines of a table in each direction (more is no table; a report's widest table
/// has 16 columns and its longest about 40 rows).
const MAX_LINES: usize = 200;
/// Grid slots one document may build, at least: a report's tables have a few hundred (the
/// three published PDFs of the corpus 362–384). Building a grid costs about 0.2 µs a slot, and
/// a fuzzed PDF of 76 KB drew 1.9 million slots in 3 000 tables (0.33 s); past the budget a
/// table's rulings are left out and its text is read as unruled lines, as in a PDF drawn
/// without rulings.
pub const MIN_SLOT_BUDGET: usize = 100_000;

/// The grid slots a document may still build, and the tables refused for want of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SlotBudget {
    pub left: usize,
    pub refused: usize,
}

/// The grid slots a document of `bytes` bytes may build: [`MIN_SLOT_BUDGET`], or one slot per
/// byte for a larger file (a PDF of 200 pages with a table on each has about 130 000 slots
/// and well over a megabyte), which keeps the grids to about 0.2 s per megabyte.
pub fn slot_budget(bytes: usize) -> SlotBudget {
    SlotBudget {
        left: bytes.max(MIN_SLOT_BUDGET),
        refused: 0,
    }
}

/// A rectangle in page (or document) coordinates, top-down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

/// A ruled table found on a page: its box and its cells.
#[derive(Clone, Debug)]
pub struct Ruled {
    pub bbox: Rect,
    pub cells: Vec<Rect>,
    /// The grid lines, and for each grid slot (row-major) the cell covering it.
    xs: Vec<f64>,
    ys: Vec<f64>,
    slots: Vec<u32>,
}

impl Ruled {
    /// The cell under a point of the table (binary searches on the grid lines).
    pub fn cell_at(&self, x: f64, y: f64) -> Option<usize> {
        if !self.bbox.contains(x, y) {
            return None;
        }
        let c = self
            .xs
            .partition_point(|&v| v <= x)
            .clamp(1, self.xs.len() - 1)
            - 1;
        let r = self
            .ys
            .partition_point(|&v| v <= y)
            .clamp(1, self.ys.len() - 1)
            - 1;
        let slot = self.slots.get(r * (self.xs.len() - 1) + c)?;
        Some(*slot as usize)
    }
}

/// The ruled tables of a page, top to bottom, taking their grid slots from `budget` (the
/// document's, see [`slot_budget`]): a table whose grid no longer fits is left out, its
/// rulings ignored.
pub fn tables(rules: &[Rule], budget: &mut SlotBudget) -> Vec<Ruled> {
    lay(rules, budget).into_tables()
}

/// What one group of a page's segments made.
#[derive(Clone, Debug)]
enum Made {
    /// No grid: too few rulings, or too many grid lines.
    Nothing,
    /// A grid that did not fit in the budget.
    Refused,
    /// A grid of `slots` slots, built: a table, or one box (no table).
    Grid { slots: usize, table: Option<Ruled> },
}

/// A page's segments laid out: what each group made, kept so that a copy of the page (a page
/// object the page tree shows again) takes the same tables without laying them out again
/// ([`Laid::again`]).
#[derive(Clone, Debug)]
pub struct Laid(Vec<Made>);

/// Lays out a page's segments: their groups, and each group's grid within `budget`.
pub fn lay(rules: &[Rule], budget: &mut SlotBudget) -> Laid {
    Laid(groups(rules).iter().map(|g| table(g, budget)).collect())
}

impl Laid {
    /// The tables, top to bottom.
    pub fn into_tables(self) -> Vec<Ruled> {
        in_order(
            self.0
                .into_iter()
                .filter_map(|m| match m {
                    Made::Grid { table, .. } => table,
                    _ => None,
                })
                .collect(),
        )
    }

    /// The tables of a copy of the page, their slots taken from `budget` again: what laying out
    /// the same segments again gives (a grid refused before is refused again, as the budget only
    /// shrinks; a grid built before is built again while its slots fit).
    pub fn again(&self, budget: &mut SlotBudget) -> Vec<Ruled> {
        let mut out = Vec::new();
        for m in &self.0 {
            match m {
                Made::Nothing => {}
                Made::Refused => budget.refused += 1,
                Made::Grid { slots, table } => match budget.left.checked_sub(*slots) {
                    Some(left) => {
                        budget.left = left;
                        out.extend(table.iter().cloned());
                    }
                    None => budget.refused += 1,
                },
            }
        }
        in_order(out)
    }
}

fn in_order(mut tables: Vec<Ruled>) -> Vec<Ruled> {
    crate::readers::pdf::sort_by_key2(&mut tables, |t| (t.bbox.y0, 0.0));
    tables
}

fn touches(a: &Rule, b: &Rule) -> bool {
    a.x0 <= b.x1 + SNAP && b.x0 <= a.x1 + SNAP && a.y0 <= b.y1 + SNAP && b.y0 <= a.y1 + SNAP
}

/// Segments grouped by touching (union–find over the pairs that can touch). Horizontal
/// segments are swept by their y and vertical ones by their x, so that a table's long rulings
/// are not all compared with each other (a sweep of every segment by x0 compared each
/// horizontal ruling with every other one: a fuzzed PDF of 642 pages with a few hundred rulings
/// each took 0.74 s); a horizontal and a vertical segment are compared when the vertical one's
/// x falls within the horizontal one's span. The same pairs touch, so the same groups come out.
fn groups(rules: &[Rule]) -> Vec<Vec<Rule>> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let join = |parent: &mut Vec<usize>, i: usize, j: usize| join(rules, parent, i, j);
    // Identical segments (a PDF may draw one line many times) are joined at once, and only the
    // first of them goes into the sweeps: whatever touches one touches the others.
    let mut same: Vec<usize> = (0..n).collect();
    crate::readers::pdf::sort_by_key2(&mut same, |&a| (rules[a].x1, rules[a].y1));
    crate::readers::pdf::sort_by_key2(&mut same, |&a| (rules[a].x0, rules[a].y0));
    let mut first = vec![true; n];
    for w in same.windows(2) {
        if rules[w[0]] == rules[w[1]] {
            let (a, b) = (root(&mut parent, w[1]), root(&mut parent, w[0]));
            parent[a] = b;
            first[w[1]] = false;
        }
    }
    let vertical = |r: &Rule| !r.horizontal() && r.x0 == r.x1;
    let kept = || (0..n).filter(|&i| first[i]);
    let mut hs: Vec<usize> = kept().filter(|&i| rules[i].horizontal()).collect();
    let mut vs: Vec<usize> = kept().filter(|&i| vertical(&rules[i])).collect();
    let others: Vec<usize> = kept()
        .filter(|&i| !rules[i].horizontal() && !vertical(&rules[i]))
        .collect();
    // Horizontal with horizontal, swept by y; vertical with vertical, by x.
    sweep(rules, &mut hs, |r| (r.y0, r.y1), &mut parent);
    sweep(rules, &mut vs, |r| (r.x0, r.x1), &mut parent);
    // Horizontal with vertical: the verticals whose x lies within the horizontal's span.
    let xs: Vec<f64> = vs.iter().map(|&v| rules[v].x0).collect();
    for &h in &hs {
        let from = xs.partition_point(|&x| x < rules[h].x0 - SNAP);
        let to = xs.partition_point(|&x| x <= rules[h].x1 + SNAP);
        for &v in &vs[from..to.max(from)] {
            join(&mut parent, h, v);
        }
    }
    // Anything else (neither horizontal nor vertical) with every segment.
    for &i in &others {
        for j in kept() {
            if j != i {
                join(&mut parent, i, j);
            }
        }
    }
    // The groups in the order of their first segment (whatever the order of the unions).
    let mut group_of = vec![usize::MAX; n];
    let mut out: Vec<Vec<Rule>> = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        if group_of[r] == usize::MAX {
            group_of[r] = out.len();
            out.push(Vec::new());
        }
        out[group_of[r]].push(*rule);
    }
    out
}

/// Joins segments `i` and `j` when they touch.
fn join(rules: &[Rule], parent: &mut [usize], i: usize, j: usize) {
    if touches(&rules[i], &rules[j]) {
        let (a, b) = (root(parent, i), root(parent, j));
        parent[a] = b;
    }
}

/// Joins the touching pairs of `ids` (segments of one orientation) along the axis `span` gives
/// (start, end): sorted by start, each is compared with those that start within SNAP of its end.
fn sweep(
    rules: &[Rule],
    ids: &mut Vec<usize>,
    span: fn(&Rule) -> (f64, f64),
    parent: &mut [usize],
) {
    crate::readers::pdf::sort_by_key2(ids, |&a| (span(&rules[a]).0, 0.0));
    for (k, &i) in ids.iter().enumerate() {
        for &j in &ids[k + 1..] {
            if span(&rules[j]).0 > span(&rules[i]).1 + SNAP {
                break;
            }
            join(rules, parent, i, j);
        }
    }
}

/// Positions closer than [`SNAP`] merged into one (their mean).
fn snap(mut v: Vec<f64>) -> Vec<f64> {
    crate::readers::pdf::sort_by_key2(&mut v, |&x| (x, 0.0));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f64 <= SNAP => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

fn index(lines: &[f64], v: f64) -> usize {
    lines
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
        .map_or(0, |(i, _)| i)
}

/// A grid line's segments `[s, e]` as their union: disjoint intervals in order. Made once per
/// grid line: [`covered`] is asked for every slot of the grid (up to 200 × 200), and sorting the
/// line's segments again for each one made a fuzzed PDF take 0.9 s.
fn merged(mut segs: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    segs.retain(|&(s, e)| e > s);
    crate::readers::pdf::sort_by_key2(&mut segs, |s| (s.0, 0.0));
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(segs.len());
    for (s, e) in segs {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// How much of `[a, b]` the intervals of [`merged`] cover.
fn covered(intervals: &[(f64, f64)], a: f64, b: f64) -> f64 {
    let from = intervals.partition_point(|&(_, e)| e <= a);
    intervals[from..]
        .iter()
        .take_while(|&&(s, _)| s < b)
        .map(|&(s, e)| (e.min(b) - s.max(a)).max(0.0))
        .sum()
}

/// The grid slots (row-major) joined wherever no ruling separates them: for each slot, its
/// parent in a union–find forest (see [`root`]).
fn join_unruled(
    xs: &[f64],
    ys: &[f64],
    vsegs: &[Vec<(f64, f64)>],
    hsegs: &[Vec<(f64, f64)>],
) -> Vec<usize> {
    let (cols, rows) = (xs.len() - 1, ys.len() - 1);
    let slot = |r: usize, c: usize| r * cols + c;
    let mut parent: Vec<usize> = (0..rows * cols).collect();
    for r in 0..rows {
        for c in 0..cols {
            // Right side: the vertical line xs[c + 1] between ys[r] and ys[r + 1].
            if c + 1 < cols {
                let len = ys[r + 1] - ys[r];
                let (from, to) = (ys[r] + SNAP / 2.0, ys[r + 1] - SNAP / 2.0);
                if covered(&vsegs[c + 1], from, to) < COVER * (len - SNAP) {
                    let (a, b) = (
                        root(&mut parent, slot(r, c)),
                        root(&mut parent, slot(r, c + 1)),
                    );
                    parent[a] = b;
                }
            }
            if r + 1 < rows {
                let len = xs[c + 1] - xs[c];
                let (from, to) = (xs[c] + SNAP / 2.0, xs[c + 1] - SNAP / 2.0);
                if covered(&hsegs[r + 1], from, to) < COVER * (len - SNAP) {
                    let (a, b) = (
                        root(&mut parent, slot(r, c)),
                        root(&mut parent, slot(r + 1, c)),
                    );
                    parent[a] = b;
                }
            }
        }
    }
    parent
}

/// The root of `i` in a union–find forest (paths halved on the way).
fn root(p: &mut [usize], mut i: usize) -> usize {
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

/// One group of segments as a table, when it has at least two rulings each way and its grid
/// fits in what is left of the `budget` of slots.
fn table(rules: &[Rule], budget: &mut SlotBudget) -> Made {
    let (hs, vs): (Vec<Rule>, Vec<Rule>) = rules.iter().partition(|r| r.horizontal());
    if vs.len() < 2 || hs.is_empty() {
        return Made::Nothing;
    }
    // Grid lines: the rulings, and where rulings end (a table cut by a page break has no
    // ruling under its last row, only its vertical rulings' ends).
    let xs = snap(
        vs.iter()
            .map(|r| r.x0)
            .chain(hs.iter().flat_map(|r| [r.x0, r.x1]))
            .collect(),
    );
    let ys = snap(
        hs.iter()
            .map(|r| r.y0)
            .chain(vs.iter().flat_map(|r| [r.y0, r.y1]))
            .collect(),
    );
    if xs.len() < 2 || ys.len() < 2 || xs.len() > MAX_LINES || ys.len() > MAX_LINES {
        return Made::Nothing;
    }
    let (cols, rows) = (xs.len() - 1, ys.len() - 1);
    let Some(left) = budget.left.checked_sub(rows * cols) else {
        budget.refused += 1;
        return Made::Refused;
    };
    budget.left = left;
    // Rulings on each grid line: vertical by column line, horizontal by row line.
    let mut vsegs: Vec<Vec<(f64, f64)>> = vec![Vec::new(); xs.len()];
    for r in &vs {
        vsegs[index(&xs, r.x0)].push((r.y0, r.y1));
    }
    let mut hsegs: Vec<Vec<(f64, f64)>> = vec![Vec::new(); ys.len()];
    for r in &hs {
        hsegs[index(&ys, r.y0)].push((r.x0, r.x1));
    }
    let vsegs: Vec<Vec<(f64, f64)>> = vsegs.into_iter().map(merged).collect();
    let hsegs: Vec<Vec<(f64, f64)>> = hsegs.into_iter().map(merged).collect();
    let mut parent = join_unruled(&xs, &ys, &vsegs, &hsegs);
    // Each set of slots is one cell, its bounding box (a non-rectangular set, from a broken
    // ruling, is its box: overlaps keep the first cell in the grid).
    let mut boxes: std::collections::BTreeMap<usize, (usize, usize, usize, usize)> =
        Default::default();
    for r in 0..rows {
        for c in 0..cols {
            let k = root(&mut parent, r * cols + c);
            let e = boxes.entry(k).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
    }
    let mut cells: Vec<(usize, Rect)> = boxes
        .into_iter()
        .map(|(k, (r0, c0, r1, c1))| {
            let rect = Rect {
                x0: xs[c0],
                y0: ys[r0],
                x1: xs[c1 + 1],
                y1: ys[r1 + 1],
            };
            (k, rect)
        })
        .collect();
    crate::readers::pdf::sort_by_key2(&mut cells, |c| (c.1.y0, c.1.x0));
    // Each slot's cell, by the sets' roots.
    let mut index_of_root = vec![0u32; rows * cols];
    for (i, (k, _)) in cells.iter().enumerate() {
        index_of_root[*k] = i as u32;
    }
    let slots: Vec<u32> = (0..rows * cols)
        .map(|i| index_of_root[root(&mut parent, i)])
        .collect();
    let cells: Vec<Rect> = cells.into_iter().map(|(_, r)| r).collect();
    let bbox = Rect {
        x0: xs[0],
        y0: ys[0],
        x1: xs[cols],
        y1: ys[rows],
    };
    // A single box (a frame around text) is no table.
    let table = (cells.len() > 1).then_some(Ruled {
        bbox,
        cells,
        xs,
        ys,
        slots,
    });
    Made::Grid {
        slots: rows * cols,
        table,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f64, x0: f64, x1: f64) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn v(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    #[test]
    fn grid_with_a_merged_cell() {
        // 2 × 2 grid whose left column is one cell over both rows.
        let rules = [
            h(0.0, 0.0, 100.0),
            h(50.0, 50.0, 100.0),
            h(100.0, 0.0, 100.0),
            v(0.0, 0.0, 100.0),
            v(50.0, 0.0, 100.0),
            v(100.0, 0.0, 100.0),
            // A separate rule far away is no table.
            h(300.0, 0.0, 100.0),
        ];
        let t = tables(&rules, &mut slot_budget(usize::MAX));
        assert_eq!(t.len(), 1);
        let cells = &t[0].cells;
        assert_eq!(cells.len(), 3);
        assert_eq!(
            cells[0],
            Rect {
                x0: 0.0,
                y0: 0.0,
                x1: 50.0,
                y1: 100.0
            }
        );
        assert_eq!(
            cells[1],
            Rect {
                x0: 50.0,
                y0: 0.0,
                x1: 100.0,
                y1: 50.0
            }
        );
    }

    #[test]
    fn double_lines_snap_together() {
        let rules = [
            h(0.0, 0.0, 100.0),
            h(0.8, 0.0, 100.0),
            h(20.0, 0.0, 100.0),
            v(0.0, 0.0, 20.0),
            v(100.0, 0.0, 20.0),
            v(60.0, 0.0, 20.0),
        ];
        let t = tables(&rules, &mut slot_budget(usize::MAX));
        assert_eq!(t[0].cells.len(), 2);
    }

    /// A grid of `n` × `n` slots with its top-left corner at (x, y).
    fn grid(x: f64, y: f64, n: usize) -> Vec<Rule> {
        let side = 10.0 * n as f64;
        (0..=n)
            .flat_map(|k| {
                let d = 10.0 * k as f64;
                [h(y + d, x, x + side), v(x + d, y, y + side)]
            })
            .collect()
    }

    #[test]
    fn grids_past_the_slot_budget_are_left_out() {
        // Three grids of 9, 16 and 4 slots with a budget of 15: the first fits (6 left),
        // the second does not (left out, the budget untouched), the third fits (2 left).
        let mut rules = grid(0.0, 0.0, 3);
        rules.extend(grid(0.0, 100.0, 4));
        rules.extend(grid(0.0, 200.0, 2));
        let mut budget = SlotBudget {
            left: 15,
            refused: 0,
        };
        let t = tables(&rules, &mut budget);
        let tops: Vec<f64> = t.iter().map(|t| t.bbox.y0).collect();
        assert_eq!(tops, [0.0, 200.0]);
        assert_eq!(
            budget,
            SlotBudget {
                left: 2,
                refused: 1
            }
        );
        assert_eq!(t[0].cells.len(), 9);
        // With room for all, all three.
        let mut budget = SlotBudget {
            left: 29,
            refused: 0,
        };
        assert_eq!(tables(&rules, &mut budget).len(), 3);
        assert_eq!(budget.refused, 0);
        assert_eq!(slot_budget(1_000).left, MIN_SLOT_BUDGET);
        assert_eq!(slot_budget(3_000_000).left, 3_000_000);
    }
}
