//! Matching findings against hand-written expectations: quoted text (whitespace-insensitive,
//! `…` elisions), span placement, cell patterns and a one-to-one pairing.

use nianbao_core::Span;

/// Occurrences of `quote` in `text`, allowing whitespace (line breaks of PDF text) between
/// its characters. Returns byte ranges in `text`.
pub fn find_loose(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let q: Vec<char> = quote.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let Some(&first) = q.first() else { return out };
    for (start, _) in text.match_indices(first) {
        let mut k = 0;
        for (i, c) in text[start..].char_indices() {
            if c.is_whitespace() {
                continue;
            }
            if c != q[k] {
                break;
            }
            k += 1;
            if k == q.len() {
                out.push((start, start + i + c.len_utf8()));
                break;
            }
        }
    }
    out
}

/// Occurrences of a quote that may elide text with `…` ("A…B…C"): each occurrence of the
/// first part, extended over the later parts found after it in order. Byte ranges.
pub fn find_quote(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let parts: Vec<&str> = quote
        .split('…')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::new();
    let Some((first, rest)) = parts.split_first() else {
        return out;
    };
    'occurrence: for (start, mut end) in find_loose(text, first) {
        for part in rest {
            match find_loose(&text[end..], part).first() {
                Some(&(_, e)) => end += e,
                None => continue 'occurrence,
            }
        }
        out.push((start, end));
    }
    out
}

fn overlap(span: Span, (i, j): (usize, usize)) -> usize {
    span.end.min(j).saturating_sub(span.start.max(i))
}

/// The span lies on one of `ranges`: it overlaps it, and at least half of the span is inside
/// it (a finding that points at a whole page does not "fall on" a quoted phrase in it).
pub fn falls_on(span: Span, ranges: &[(usize, usize)]) -> bool {
    let len = span.end.saturating_sub(span.start).max(1);
    ranges.iter().any(|&r| {
        let o = overlap(span, r);
        o > 0 && 2 * o >= len
    })
}

/// The span shares at least one byte with one of `ranges`.
pub fn touches(span: Span, ranges: &[(usize, usize)]) -> bool {
    ranges.iter().any(|&r| overlap(span, r) > 0)
}

/// `pattern` with `*` standing for any run of characters (`T3.*.C2`, `T4.LD.*`), else exact.
pub fn glob(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return pattern == s;
    };
    if !s.starts_with(first) || s.len() < first.len() + last.len() || !s.ends_with(last) {
        return false;
    }
    let mut rest = &s[first.len()..s.len() - last.len()];
    for m in middle {
        match rest.find(m) {
            Some(i) => rest = &rest[i + m.len()..],
            None => return false,
        }
    }
    true
}

/// A maximum one-to-one pairing of `n_left` expectations with `n_right` findings where
/// `fits(l, r)` (augmenting paths, Kuhn): no finding serves two expectations, and no
/// first-come choice can starve a later expectation. Returns the finding paired with each
/// expectation.
pub fn pair_up(
    n_left: usize,
    n_right: usize,
    fits: impl Fn(usize, usize) -> bool,
) -> Vec<Option<usize>> {
    let adj: Vec<Vec<usize>> = (0..n_left)
        .map(|l| (0..n_right).filter(|&r| fits(l, r)).collect())
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; n_right];
    for l in 0..n_left {
        let mut seen = vec![false; n_right];
        augment(l, &adj, &mut seen, &mut owner);
    }
    let mut paired = vec![None; n_left];
    for (r, l) in owner.iter().enumerate() {
        if let Some(l) = *l {
            paired[l] = Some(r);
        }
    }
    paired
}

fn augment(l: usize, adj: &[Vec<usize>], seen: &mut [bool], owner: &mut [Option<usize>]) -> bool {
    for &r in &adj[l] {
        if seen[r] {
            continue;
        }
        seen[r] = true;
        if owner[r].is_none_or(|other| augment(other, adj, seen, owner)) {
            owner[r] = Some(l);
            return true;
        }
    }
    false
}
