//! Page text as one folded stream without whitespace, with where each character came from
//! and where whitespace stood (a stray space is a cell boundary).

use super::t2;
use crate::extract::lines::Line;
use crate::model::Span;
use crate::text::fold_char;

/// Where a stream character came from: line index, byte offset and length in the line text.
#[derive(Clone, Copy)]
pub(super) struct Src {
    pub(super) line: u32,
    pub(super) off: u32,
    pub(super) len: u32,
}

/// All lines folded ([`fold_char`]) into one string without whitespace. `brk` and `src` are
/// indexed by byte offset in `fs` (meaningful at character starts).
pub(super) struct Stream<'l, 'a> {
    lines: &'l [Line<'a>],
    pub(super) fs: String,
    /// Whitespace or a line break stood before this character.
    pub(super) brk: Vec<bool>,
    pub(super) src: Vec<Src>,
}

impl<'l, 'a> Stream<'l, 'a> {
    pub(super) fn new(lines: &'l [Line<'a>]) -> Self {
        let mut cap = 0;
        for l in lines {
            cap += l.text.len();
        }
        let mut fs = String::with_capacity(cap);
        let mut brk = Vec::with_capacity(cap);
        let mut src = Vec::with_capacity(cap);
        for (li, line) in lines.iter().enumerate() {
            let mut pending = true;
            for (off, c) in line.text.char_indices() {
                let f = fold_char(c);
                if f.is_whitespace() {
                    pending = true;
                    continue;
                }
                let before = fs.len();
                fs.push(f);
                let s = Src {
                    line: li as u32,
                    off: off as u32,
                    len: c.len_utf8() as u32,
                };
                for i in 0..fs.len() - before {
                    brk.push(pending && i == 0);
                    src.push(s);
                }
                pending = false;
            }
        }
        Stream {
            lines,
            fs,
            brk,
            src,
        }
    }

    pub(super) fn char_at(&self, p: usize) -> Option<char> {
        self.fs.get(p..).and_then(|s| s.chars().next())
    }

    /// The input byte range of the character at `p` (the whole line for derived text).
    pub(super) fn orig(&self, p: usize) -> (usize, usize) {
        let s = self.src[p];
        let line = &self.lines[s.line as usize];
        if line.exact {
            let a = line.start + s.off as usize;
            (a, a + s.len as usize)
        } else {
            (line.start, line.end)
        }
    }

    /// The input span of stream bytes `a..b`.
    pub(super) fn span(&self, a: usize, b: usize) -> Span {
        let last = prev(&self.fs, b).max(a);
        let ((s0, e0), (s1, e1)) = (self.orig(a), self.orig(last));
        // The lines need not follow the order of the text (a document's blocks may come in
        // any order, as the reader module's wire data can): the span covers both ends.
        Span::new(s0.min(s1), e0.max(e1))
    }

    /// The input text of stream bytes `a..b`, as written (whitespace inside a line kept).
    pub(super) fn written(&self, a: usize, b: usize) -> String {
        let mut out = String::new();
        let mut p = a;
        while p < b {
            let s = self.src[p];
            let line = &self.lines[s.line as usize];
            let mut q = p;
            let mut end = s.off;
            while q < b && self.src[q].line == s.line {
                end = self.src[q].off + self.src[q].len;
                q = next_char(&self.fs, q);
            }
            out.push_str(
                line.text
                    .get(s.off as usize..end as usize)
                    .unwrap_or_default(),
            );
            p = q;
        }
        out.trim().to_string()
    }
}

/// The offset after the character at `p`.
pub(super) fn next_char(s: &str, p: usize) -> usize {
    p + s[p..].chars().next().map_or(1, char::len_utf8)
}

pub(super) fn prev(s: &str, p: usize) -> usize {
    s[..p].chars().next_back().map_or(p, |c| p - c.len_utf8())
}

/// The first of `pats` found (in their order) between `from` and `to`.
pub(super) fn find_any(s: &str, pats: &[&str], from: usize, to: usize) -> Option<usize> {
    pats.iter().find_map(|p| find(s, p, from, to))
}

pub(super) fn find(s: &str, pat: &str, from: usize, to: usize) -> Option<usize> {
    let mut to = to.min(s.len());
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    if from >= to {
        return None;
    }
    s.get(from..to)?.find(pat).map(|i| from + i)
}

/// 表二 starts at its first caption (`第二十条第（一）项`) followed by the header over the
/// labels (`信息内容`).
pub(super) fn t2_start(fs: &str) -> Option<usize> {
    let mut p = 0;
    while let Some(q) = find(fs, t2::CAPTION_START, p, fs.len()) {
        if find(fs, t2::HEADER_LABEL, q, (q + 48).min(fs.len())).is_some() {
            return Some(q);
        }
        p = q + 1;
    }
    find(fs, t2::HEADER_LABEL, 0, fs.len())
}

/// Does a cell value (not the numbering `1.` of the next label) start at `p`?
pub(super) fn starts_value(fs: &str, p: usize) -> bool {
    let mut it = fs[p.min(fs.len())..].chars();
    match (it.next(), it.next()) {
        (Some(a), b) if a.is_ascii_digit() => !matches!(b, Some('.' | '、')),
        _ => false,
    }
}
