//! Splitting a run of digits into a row's cells.
//!
//! A run is made of segments: pieces between forced boundaries (a space or line break, a
//! unit such as `个`/`元`, a minus sign). Every segment holds at least one cell; a cell never
//! spans two segments. Cells are digits only, with no leading zero except `0` itself; a
//! decimal point only in an amount column, a leading minus only in a 2019 `本年增/减` column.

use crate::format::ColKind;

/// A piece of a run between forced boundaries.
#[derive(Clone, Debug, Default)]
pub struct Seg {
    /// Folded characters: ASCII digits, `.`, a leading `-`, then `unit` unit characters.
    pub chars: Vec<char>,
    /// Byte offset in the stream of each character.
    pub at: Vec<usize>,
    /// Number of trailing unit characters (`个`, `元`, `万元` …).
    pub unit: usize,
}

impl Seg {
    pub fn push(&mut self, c: char, at: usize) {
        self.chars.push(c);
        self.at.push(at);
    }

    fn body(&self) -> usize {
        self.chars.len() - self.unit
    }
}

/// One cell of a split: characters `a..b` of segment `seg` (with the segment's unit when
/// `b` is its last character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub seg: usize,
    pub a: usize,
    pub b: usize,
}

/// One way to read a run as the row's cells.
#[derive(Clone, Debug)]
pub struct Split {
    pub pieces: Vec<Piece>,
    /// The integer value of each cell (0 for a decimal amount; only counts are summed).
    pub values: Vec<i128>,
}

/// The result of an enumeration: every split, or more than the cap allows.
pub enum Splits {
    All(Vec<Split>),
    Overflow(Vec<Split>),
}

/// Most splits kept for one row; a row with more is reported as ambiguous without listing them.
pub const CAP: usize = 256;
/// Search steps allowed for one row, out of the document's [`super::Budget`] (so one
/// pathological row does not use up the budget of the rows after it).
const ROW_BUDGET: usize = 200_000;
/// The longest text a cell may have (a sign, 15 digits, a point and decimals): a segment
/// longer than this many characters per cell left cannot be split at all.
const MAX_CELL: usize = 32;

/// The text of a piece.
pub fn piece_text(segs: &[Seg], p: Piece) -> String {
    let s = &segs[p.seg];
    let end = if p.b == s.body() { s.chars.len() } else { p.b };
    s.chars[p.a..end].iter().collect()
}

/// The stream byte range of a piece (`end` exclusive).
pub fn piece_range(segs: &[Seg], p: Piece) -> (usize, usize) {
    let s = &segs[p.seg];
    let end = if p.b == s.body() { s.chars.len() } else { p.b };
    let last = end - 1;
    (s.at[p.a], s.at[last] + s.chars[last].len_utf8())
}

/// Every split of `segs` into `kinds.len()` cells that `check` accepts. `check` sees the
/// values of the cells chosen so far after each cell and may reject a prefix. Each cell tried
/// is a step taken from `budget`; when it runs out the result is an overflow.
pub fn enumerate(
    segs: &[Seg],
    kinds: &[ColKind],
    check: &dyn Fn(&[i128]) -> bool,
    budget: &mut super::Budget,
) -> Splits {
    let mut suffix = vec![0usize; segs.len() + 1];
    for i in (0..segs.len()).rev() {
        suffix[i] = suffix[i + 1] + segs[i].body();
    }
    let mut ctx = Ctx {
        segs,
        kinds,
        check,
        suffix,
        out: Vec::new(),
        pieces: Vec::with_capacity(kinds.len()),
        values: Vec::with_capacity(kinds.len()),
        budget: ROW_BUDGET.min(budget.left),
        overflow: false,
    };
    let given = ctx.budget;
    if !segs.is_empty() && !kinds.is_empty() {
        // No budget left, or a run far longer than the row's cells: a stopped search.
        if given == 0 || ctx.suffix[0] > kinds.len() * MAX_CELL {
            ctx.overflow = true;
        } else {
            ctx.go(0, 0);
        }
    }
    budget.spend(given - ctx.budget);
    if ctx.overflow {
        Splits::Overflow(ctx.out)
    } else {
        Splits::All(ctx.out)
    }
}

struct Ctx<'a> {
    segs: &'a [Seg],
    kinds: &'a [ColKind],
    check: &'a dyn Fn(&[i128]) -> bool,
    /// Characters (units excluded) from segment `i` to the end.
    suffix: Vec<usize>,
    out: Vec<Split>,
    pieces: Vec<Piece>,
    values: Vec<i128>,
    budget: usize,
    overflow: bool,
}

impl Ctx<'_> {
    fn go(&mut self, seg: usize, off: usize) {
        if self.overflow {
            return;
        }
        let n = self.kinds.len();
        let k = self.pieces.len();
        if seg == self.segs.len() {
            if k == n {
                if self.out.len() >= CAP {
                    self.overflow = true;
                } else {
                    self.out.push(Split {
                        pieces: self.pieces.clone(),
                        values: self.values.clone(),
                    });
                }
            }
            return;
        }
        let s = &self.segs[seg];
        let body = s.body();
        let cells_left = n - k;
        let segs_left = self.segs.len() - seg;
        let chars_left = body - off + self.suffix[seg + 1];
        if cells_left < segs_left || cells_left > chars_left || chars_left > cells_left * MAX_CELL {
            return;
        }
        let kind = self.kinds[k];
        for end in off + 1..=body.min(off + MAX_CELL) {
            if self.budget == 0 {
                self.overflow = true;
                return;
            }
            self.budget -= 1;
            let last = end == body;
            let stop = if last { s.chars.len() } else { end };
            let unit = if last { s.unit } else { 0 };
            let Some(v) = cell_value(&s.chars[off..stop], unit, kind) else {
                // A leading zero or an over-long number stays invalid when the cell grows.
                if s.chars[off] == '0' && end > off + 1 && kind != ColKind::Amount {
                    break;
                }
                continue;
            };
            self.pieces.push(Piece {
                seg,
                a: off,
                b: end,
            });
            self.values.push(v);
            if (self.check)(&self.values) {
                if last {
                    self.go(seg + 1, 0);
                } else {
                    self.go(seg, end);
                }
            }
            self.pieces.pop();
            self.values.pop();
            if self.overflow {
                return;
            }
        }
    }
}

/// The value of a cell's text, or `None` when it cannot be a cell of this kind.
fn cell_value(c: &[char], unit: usize, kind: ColKind) -> Option<i128> {
    let body = &c[..c.len() - unit];
    let (neg, digits) = match body.split_first() {
        Some(('-', rest)) => (true, rest),
        _ => (false, body),
    };
    if neg && kind != ColKind::Delta {
        return None;
    }
    let int = match digits.iter().position(|&ch| ch == '.') {
        Some(i) => {
            let frac = &digits[i + 1..];
            if kind != ColKind::Amount || frac.is_empty() || !frac.iter().all(char::is_ascii_digit)
            {
                return None;
            }
            &digits[..i]
        }
        None => digits,
    };
    if int.is_empty()
        || int.len() > 15
        || !int.iter().all(char::is_ascii_digit)
        || (int.len() > 1 && int[0] == '0')
    {
        return None;
    }
    let v = int
        .iter()
        .fold(0i128, |v, ch| v * 10 + i128::from(*ch as u8 - b'0'));
    if neg {
        return (v != 0).then_some(-v);
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(parts: &[&str]) -> Vec<Seg> {
        let mut at = 0;
        parts
            .iter()
            .map(|p| {
                let mut s = Seg::default();
                for c in p.chars() {
                    s.push(c, at);
                    at += c.len_utf8();
                    if !c.is_ascii() {
                        s.unit += 1;
                    }
                }
                s
            })
            .collect()
    }

    fn enumerate(segs: &[Seg], kinds: &[ColKind], check: &dyn Fn(&[i128]) -> bool) -> Splits {
        super::enumerate(
            segs,
            kinds,
            check,
            &mut crate::extract::concat::Budget::new(),
        )
    }

    fn texts(segs: &[Seg], s: &Splits) -> Vec<String> {
        let (Splits::All(v) | Splits::Overflow(v)) = s;
        v.iter()
            .map(|sp| {
                sp.pieces
                    .iter()
                    .map(|p| piece_text(segs, *p))
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect()
    }

    #[test]
    fn all_splits_of_a_three_cell_run() {
        let s = segs(&["693665"]);
        let r = enumerate(&s, &[ColKind::Count; 3], &|_| true);
        let t = texts(&s, &r);
        assert_eq!(t.len(), 10);
        assert!(t.contains(&"69/3/665".to_string()));
        let s = segs(&["000"]);
        assert_eq!(
            texts(&s, &enumerate(&s, &[ColKind::Count; 3], &|_| true)),
            ["0/0/0"]
        );
    }

    #[test]
    fn spaces_units_decimals_and_signs() {
        let row_total = |v: &[i128]| v.len() < 7 || v[..6].iter().sum::<i128>() == v[6];
        let s = segs(&["500000", "5"]);
        let r = enumerate(&s, &[ColKind::Count; 7], &row_total);
        assert_eq!(texts(&s, &r), ["5/0/0/0/0/0/5"]);
        let s = segs(&["1个", "246900元"]);
        let r = enumerate(&s, &[ColKind::Count, ColKind::Amount], &|_| true);
        assert_eq!(texts(&s, &r), ["1个/246900元"]);
        let s = segs(&["24252.311082"]);
        let r = enumerate(&s, &[ColKind::Amount], &|_| true);
        assert_eq!(texts(&s, &r), ["24252.311082"]);
        let r = enumerate(&s, &[ColKind::Count], &|_| true);
        assert!(texts(&s, &r).is_empty());
        let s = segs(&["10", "-35"]);
        let kinds = [ColKind::Count, ColKind::Delta, ColKind::Count];
        let r = enumerate(&s, &kinds, &|_| true);
        assert_eq!(texts(&s, &r), ["10/-3/5"]);
    }

    #[test]
    fn long_runs_overflow_instead_of_blowing_up() {
        let s = segs(&["1234567891234567891234567891234567891234"]);
        let r = enumerate(&s, &[ColKind::Count; 15], &|_| true);
        assert!(matches!(r, Splits::Overflow(_)));
    }
}
