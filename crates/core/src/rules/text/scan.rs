//! One pass over the text for the words the text rules look for: an Aho–Corasick automaton
//! (own, ~100 lines: no dependency in the page's wasm) over the UTF-8 bytes of all patterns —
//! the known typos and the template instructions (the lexicon's phrases are matched by the
//! lexicon, `lexicon.rs`, whose index is built anyway: a second index of 3 274 phrases cost
//! 25 million instructions at every start of the CLI) — reporting
//! every occurrence, overlapping ones included. A match of a whole UTF-8 pattern always
//! starts and ends on character boundaries.

/// The automaton: a trie of the patterns' bytes with failure links; each state knows the
/// patterns that end there (its own and those of its failure chain).
pub(super) struct Automaton {
    /// Transitions of each state, sorted by byte.
    next: Vec<Vec<(u8, u32)>>,
    /// The root's transitions as a table (most bytes of Chinese text leave the root).
    root: Box<[u32; 256]>,
    fail: Vec<u32>,
    /// The patterns that end in each state.
    out: Vec<Vec<u32>>,
    /// Each pattern's length in bytes.
    lens: Vec<u32>,
}

impl Automaton {
    pub(super) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Automaton {
        let mut next: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut out: Vec<Vec<u32>> = vec![Vec::new()];
        let mut lens = Vec::new();
        for (id, p) in patterns.into_iter().enumerate() {
            lens.push(p.len() as u32);
            if p.is_empty() {
                continue;
            }
            let mut s = 0usize;
            for &b in p.as_bytes() {
                s = match next[s].binary_search_by_key(&b, |t| t.0) {
                    Ok(k) => next[s][k].1 as usize,
                    Err(k) => {
                        let n = next.len() as u32;
                        next[s].insert(k, (b, n));
                        next.push(Vec::new());
                        out.push(Vec::new());
                        n as usize
                    }
                };
            }
            out[s].push(id as u32);
        }
        let mut root = Box::new([0u32; 256]);
        for &(b, t) in &next[0] {
            root[b as usize] = t;
        }
        // Failure links, breadth first.
        let mut fail = vec![0u32; next.len()];
        let mut queue: std::collections::VecDeque<usize> =
            next[0].iter().map(|t| t.1 as usize).collect();
        while let Some(s) = queue.pop_front() {
            for k in 0..next[s].len() {
                let (b, t) = next[s][k];
                let t = t as usize;
                queue.push_back(t);
                let mut f = fail[s] as usize;
                let target = loop {
                    if let Some(x) = step(&next, &root, f, b) {
                        break x;
                    }
                    if f == 0 {
                        break 0;
                    }
                    f = fail[f] as usize;
                };
                fail[t] = target as u32;
                let inherited = out[target].clone();
                out[t].extend(inherited);
            }
        }
        Automaton {
            next,
            root,
            fail,
            out,
            lens,
        }
    }

    /// A pattern's length in bytes.
    pub(super) fn len_of(&self, id: u32) -> usize {
        self.lens[id as usize] as usize
    }

    /// Every occurrence of every pattern: (start byte, pattern id), in order of their ends.
    pub(super) fn find_all(&self, text: &str) -> Vec<(usize, u32)> {
        let mut hits = Vec::new();
        let mut s = 0usize;
        for (i, &b) in text.as_bytes().iter().enumerate() {
            s = loop {
                if let Some(t) = step(&self.next, &self.root, s, b) {
                    break t;
                }
                if s == 0 {
                    break 0;
                }
                s = self.fail[s] as usize;
            };
            for &p in &self.out[s] {
                hits.push((i + 1 - self.lens[p as usize] as usize, p));
            }
        }
        hits
    }
}

/// The state after `b` from `s`, if the trie has one (the root always has one).
fn step(next: &[Vec<(u8, u32)>], root: &[u32; 256], s: usize, b: u8) -> Option<usize> {
    if s == 0 {
        // 0: no word starts with this byte; stay at the root.
        return Some(root[b as usize] as usize);
    }
    next[s]
        .binary_search_by_key(&b, |t| t.0)
        .ok()
        .map(|k| next[s][k].1 as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_also_overlapping_and_nested() {
        let a = Automaton::new(["he", "she", "his", "hers", "等方面", "方面"]);
        let mut hits = a.find_all("ushers，从等方面看");
        hits.sort_unstable();
        let text = "ushers，从等方面看";
        let found: Vec<&str> = hits
            .iter()
            .map(|&(s, p)| &text[s..s + a.lens[p as usize] as usize])
            .collect();
        assert_eq!(found, ["she", "he", "hers", "等方面", "方面"]);
        assert!(Automaton::new(["abc"]).find_all("ab").is_empty());
        assert!(Automaton::new(Vec::<&str>::new())
            .find_all("abc")
            .is_empty());
    }
}
