//! One pass over the text for the words the text rules look for — the known typos, the
//! template instructions and the statement words (the lexicon's phrases are matched by the
//! lexicon, `lexicon.rs`, whose index is built anyway: a second index of 3 274 phrases cost 25
//! million instructions at every start of the CLI) — reporting every occurrence, overlapping
//! ones included. The words are few and their first characters rare in a report, so the text
//! is walked character by character and, where a word's first character stands, a trie of the
//! words' UTF-8 bytes is followed from there (own, ~100 lines: no dependency in the page's
//! wasm). An Aho–Corasick automaton did the same in one pass with failure links, at ~38
//! instructions a byte, eight times this. A match of a whole UTF-8 word always starts and ends
//! on character boundaries.

/// The words: a trie of their bytes, and the characters they start with.
pub(super) struct WordTrie {
    /// Transitions of each state, sorted by byte.
    next: Vec<Vec<(u8, u32)>>,
    /// The root's transitions as a table.
    root: Box<[u32; 256]>,
    /// The words that end in each state.
    out: Vec<Vec<u32>>,
    /// Each word's length in bytes.
    lens: Vec<u32>,
    /// The first characters of the words: a bit per CJK ideograph, the others listed.
    first_cjk: Vec<u64>,
    first_other: Vec<char>,
}

const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

impl WordTrie {
    pub(super) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> WordTrie {
        let mut next: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut out: Vec<Vec<u32>> = vec![Vec::new()];
        let mut lens = Vec::new();
        let mut first_cjk = vec![0u64; ((CJK_LAST - CJK_FIRST) / 64 + 1) as usize];
        let mut first_other = Vec::new();
        for (id, p) in patterns.into_iter().enumerate() {
            lens.push(p.len() as u32);
            let Some(c) = p.chars().next() else {
                continue;
            };
            match cjk_index(c) {
                Some(i) => first_cjk[i / 64] |= 1 << (i % 64),
                None => first_other.push(c),
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
        first_other.sort_unstable();
        first_other.dedup();
        let mut root = Box::new([0u32; 256]);
        for &(b, t) in &next[0] {
            root[b as usize] = t;
        }
        WordTrie {
            next,
            root,
            out,
            lens,
            first_cjk,
            first_other,
        }
    }

    /// A pattern's length in bytes.
    pub(super) fn len_of(&self, id: u32) -> usize {
        self.lens[id as usize] as usize
    }

    /// Whether some word starts with `c`.
    fn starts_with(&self, c: char) -> bool {
        match cjk_index(c) {
            Some(i) => self.first_cjk[i / 64] & (1 << (i % 64)) != 0,
            None => self.first_other.binary_search(&c).is_ok(),
        }
    }

    /// Every occurrence of every pattern: (start byte, pattern id), in order of their starts
    /// (and, at one start, of their lengths).
    pub(super) fn find_all(&self, text: &str) -> Vec<(usize, u32)> {
        let mut hits = Vec::new();
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            if !self.starts_with(c) {
                continue;
            }
            let mut s = 0usize;
            for &b in &bytes[i..] {
                match self.step(s, b) {
                    Some(t) => s = t,
                    None => break,
                }
                for &p in &self.out[s] {
                    hits.push((i, p));
                }
            }
        }
        hits
    }

    /// The state after `b` from `s`, if the trie has one.
    fn step(&self, s: usize, b: u8) -> Option<usize> {
        let t = if s == 0 {
            self.root[b as usize] as usize
        } else {
            let k = self.next[s].binary_search_by_key(&b, |t| t.0).ok()?;
            self.next[s][k].1 as usize
        };
        (t != 0).then_some(t)
    }
}

/// The index of a CJK ideograph in U+4E00–U+9FFF.
fn cjk_index(c: char) -> Option<usize> {
    let c = c as u32;
    (CJK_FIRST..=CJK_LAST)
        .contains(&c)
        .then(|| (c - CJK_FIRST) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_also_overlapping_and_nested() {
        let a = WordTrie::new(["he", "she", "his", "hers", "等方面", "方面"]);
        let mut hits = a.find_all("ushers，从等方面看");
        hits.sort_unstable();
        let text = "ushers，从等方面看";
        let found: Vec<&str> = hits
            .iter()
            .map(|&(s, p)| &text[s..s + a.lens[p as usize] as usize])
            .collect();
        assert_eq!(found, ["she", "he", "hers", "等方面", "方面"]);
        assert!(WordTrie::new(["abc"]).find_all("ab").is_empty());
        // Every occurrence a search for each word at every character finds, on real texts.
        let words = [
            "申请",
            "申请人",
            "其中",
            "中",
            "未收到",
            "（此处",
            "XX",
            "x",
            "发布日期",
            "",
            "条例",
        ];
        let a = WordTrie::new(words);
        for text in [
            include_str!("../../../../../tests/fixtures/seed.txt"),
            include_str!("../../../../../tests/fixtures/cases/17_text_slips.txt"),
            "（此处填写XX）申请申请人其中中未收到xxX",
        ] {
            let mut got = a.find_all(text);
            got.sort_unstable();
            let mut want = Vec::new();
            for (i, _) in text.char_indices() {
                for (id, w) in words.iter().enumerate() {
                    if !w.is_empty() && text[i..].starts_with(w) {
                        want.push((i, id as u32));
                    }
                }
            }
            want.sort_unstable();
            assert!(!want.is_empty());
            assert_eq!(got, want);
        }
        assert!(WordTrie::new(Vec::<&str>::new()).find_all("abc").is_empty());
    }
}
