//! Glyphs into lines of text: glyphs on one baseline, in x order, joined with the spaces
//! their gaps call for; a gap of [`CELL_GAP`] ems or more is a column gap (the cells of a
//! table without rulings). Vertical text (one character under the other) reads top to
//! bottom.

use crate::readers::pdf::content::Glyph;

/// A gap between glyphs of this many ems or more separates cells of a row.
pub const CELL_GAP: f64 = 1.2;
/// A gap of this many ems or more between Latin letters or digits is a space.
const WORD_GAP: f64 = 0.2;
/// A gap of this many ems or more between a Chinese character and a digit or a Latin letter
/// (or between full-width digits) is a space.
const MIXED_GAP: f64 = 0.5;
/// A cell starts at a column stop when it starts this close to it (points).
const STOP_SNAP: f64 = 1.0;

/// Does this text start like a value (a digit, `-`, `/`)?
pub fn starts_value_text(t: &str) -> bool {
    starts_value(t)
}

fn starts_value(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '/')
}

/// Column stops of a page: x where a cell other than a line's first starts, in three lines
/// or more (rounded to half points).
pub fn stops(lines: &[Line]) -> Vec<f64> {
    let mut xs: Vec<f64> = lines
        .iter()
        .flat_map(|l| {
            l.cell_spans()
                .into_iter()
                .skip(1)
                .map(|(x, _)| (x * 2.0).round() / 2.0)
        })
        .collect();
    crate::readers::pdf::sort_by_key2(&mut xs, |&x| (x, 0.0));
    let mut out = Vec::new();
    let mut i = 0;
    while i < xs.len() {
        let j = xs[i..]
            .iter()
            .take_while(|&&x| x - xs[i] <= STOP_SNAP)
            .count();
        if j >= 3 {
            out.push(xs[i]);
        }
        i += j;
    }
    out
}

/// A line of text: its glyphs (in order) and box.
#[derive(Clone, Debug)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    /// The line's em (its largest glyph's size).
    pub size: f64,
}

impl Line {
    fn new(g: Glyph) -> Line {
        Line {
            x0: g.x0,
            x1: g.x1,
            y0: g.y0,
            y1: g.y1,
            size: g.size,
            glyphs: vec![g],
        }
    }

    fn add(&mut self, g: Glyph) {
        self.x0 = self.x0.min(g.x0);
        self.x1 = self.x1.max(g.x1);
        self.y0 = self.y0.min(g.y0);
        self.y1 = self.y1.max(g.y1);
        self.size = self.size.max(g.size);
        self.glyphs.push(g);
    }

    pub fn mid(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }

    /// The text with spaces where gaps call for them; cells (gaps of [`CELL_GAP`] ems or
    /// more) are separated by `cell_sep`.
    pub fn text(&self, cell_sep: &str) -> String {
        self.cells_at(&[]).join(cell_sep)
    }

    /// The line cut at column gaps: the texts of its cells.
    pub fn cells(&self) -> Vec<String> {
        self.cells_at(&[])
    }

    /// The line cut at column gaps, and where a value starts right after a label at one of
    /// the `stops` (x where cells start in other rows of the page: a label that fills its
    /// column up to the next one leaves no gap before the value).
    pub fn cells_at(&self, stops: &[f64]) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut prev: Option<&Glyph> = None;
        for g in &self.glyphs {
            if let Some(p) = prev {
                let em = p.size.max(g.size).max(1e-3);
                let gap = (g.x0 - p.x1) / em;
                let at_stop = stops.iter().any(|&x| (x - g.x0).abs() <= STOP_SNAP)
                    && starts_value(&g.text)
                    && !cur.chars().next_back().is_some_and(digit);
                if gap >= CELL_GAP || at_stop {
                    out.push(std::mem::take(&mut cur));
                } else if gap >= WORD_GAP && gap_is_space(&cur, &g.text, gap) {
                    cur.push(' ');
                }
            }
            cur.push_str(&g.text);
            prev = Some(g);
        }
        out.push(cur);
        out
    }

    /// Where each cell of [`Line::cells`] starts and ends (x).
    pub fn cell_spans(&self) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        let mut prev: Option<&Glyph> = None;
        for g in &self.glyphs {
            let new = prev.is_none_or(|p| (g.x0 - p.x1) / p.size.max(g.size).max(1e-3) >= CELL_GAP);
            if new {
                out.push((g.x0, g.x1));
            } else if let Some(last) = out.last_mut() {
                last.1 = last.1.max(g.x1);
            }
            prev = Some(g);
        }
        out
    }
}

/// Whether two pieces of text written next to each other need a space between them: not
/// next to Chinese characters or full-width punctuation.
pub fn needs_space(before: &str, after: &str) -> bool {
    let (Some(a), Some(b)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    !(wide(a) || wide(b)) && a != ' ' && b != ' '
}

/// Whether a visible gap between two pieces of a line is a space: always between Latin
/// letters or digits, and between a Chinese character and a digit (a label and its first
/// value, `申请 21 件`); never between Chinese characters (spread-out justified text).
fn gap_is_space(before: &str, after: &str, gap: f64) -> bool {
    let (Some(a), Some(b)) = (before.chars().next_back(), after.chars().next()) else {
        return false;
    };
    needs_space(before, after)
        || (gap >= MIXED_GAP
            && (digit(a) || digit(b) || a.is_ascii_alphabetic() || b.is_ascii_alphabetic()))
}

/// An ASCII or a full-width digit.
fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn wide(c: char) -> bool {
    let c = u32::from(c);
    (0x2E80..=0x9FFF).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFFEF).contains(&c)
        || (0x2000..=0x206F).contains(&c)
        || (0x20000..=0x3FFFF).contains(&c)
}

/// Groups glyphs into lines, top to bottom. A horizontal glyph joins the line whose
/// vertical middle it shares (within half an em); a vertical glyph is a line of its own.
/// Glyphs drawn twice at the same place (fake bold) are kept once.
pub fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    crate::readers::pdf::sort_by_key2(&mut glyphs, |g| ((g.y0 + g.y1) / 2.0, g.x0));
    let mut out: Vec<Line> = Vec::new();
    // Lines still open for joining (those whose middle is near the current glyph's).
    for g in glyphs {
        let mid = (g.y0 + g.y1) / 2.0;
        let found = if g.vertical {
            None
        } else {
            out.iter_mut().rev().take(8).find(|l| {
                !l.glyphs[0].vertical && (l.mid() - mid).abs() <= 0.5 * l.size.min(g.size).max(1.0)
            })
        };
        match found {
            Some(l) => l.add(g),
            None => out.push(Line::new(g)),
        }
    }
    for l in &mut out {
        crate::readers::pdf::sort_by_key2(&mut l.glyphs, |g| (g.x0, 0.0));
        dedupe(&mut l.glyphs);
    }
    crate::readers::pdf::sort_by_key2(&mut out, |l| (l.y0, l.x0));
    out
}

/// Drops a glyph drawn again at (nearly) the same place with the same text.
fn dedupe(glyphs: &mut Vec<Glyph>) {
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs.drain(..) {
        let twice = kept.iter().rev().take(3).any(|k| {
            k.text == g.text
                && (k.x0 - g.x0).abs() < 0.2 * g.size
                && (k.y0 - g.y0).abs() < 0.2 * g.size
        });
        if !twice {
            kept.push(g);
        }
    }
    *glyphs = kept;
}

/// The text of a block of glyphs (a table cell): its lines top to bottom, joined without a
/// break (a label wrapped in its cell, a vertical header one character per line), with a
/// space only between Latin words.
pub fn block_text(glyphs: Vec<Glyph>) -> String {
    let mut s = String::new();
    for l in lines(glyphs) {
        let t = l.text(" ");
        if needs_space(&s, &t) {
            s.push(' ');
        }
        s.push_str(&t);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x0: x,
            x1: x + 10.0,
            y0: y,
            y1: y + 10.0,
            size: 10.0,
            vertical: false,
        }
    }

    #[test]
    fn glyphs_into_lines_and_cells() {
        let gs = vec![
            g("b", 10.0, 0.0),
            g("a", 0.0, 0.5),
            g("1", 40.0, 0.0),
            g("x", 0.0, 20.0),
            g("y", 13.0, 20.0),
        ];
        let ls = lines(gs);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].cells(), ["ab", "1"]);
        assert_eq!(ls[0].text("  "), "ab  1");
        assert_eq!(ls[1].text(" "), "x y");
    }

    #[test]
    fn cell_text_joins_lines_and_vertical_characters() {
        let mut v1 = g("三", 0.0, 0.0);
        v1.vertical = true;
        let mut v2 = g("、", 0.0, 10.0);
        v2.vertical = true;
        assert_eq!(block_text(vec![v2, v1]), "三、");
        assert_eq!(
            block_text(vec![g("申", 0.0, 0.0), g("请", 0.0, 12.0)]),
            "申请"
        );
        assert_eq!(block_text(vec![g("a", 0.0, 0.0), g("b", 0.0, 12.0)]), "a b");
        // Fake bold: the same glyph twice.
        assert_eq!(block_text(vec![g("总", 0.0, 0.0), g("总", 0.3, 0.0)]), "总");
    }
}
