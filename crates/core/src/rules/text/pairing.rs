//! TEXT-PAIRING: paired punctuation that is not paired — 《》 “” （） 【】 (half-width
//! parentheses count as （）) opened and never closed, closed and never opened, closed by the
//! wrong mark, or an opening mark written twice (《《).

use super::{excerpt, Block};
use crate::lang::Lang;
use crate::model::Span;
use crate::rules::{Finding, Group, Rule, RuleDoc, RuleId, Scope, Severity, Violation};
use crate::text::one_of;

/// TEXT-PAIRING: unpaired book-title marks, quotes, parentheses or brackets.
pub(crate) const TEXT_PAIRING: Rule = Rule {
    id: RuleId::TextPairing,
    severity: Severity::Warning,
    cases: &[],
    scope: Scope::All,
    group: Group::Text,
    title_zh: "书名号、引号或括号不配对",
    title_en: "Unpaired book-title marks, quotes or brackets",
};

/// Why TEXT_PAIRING exists and how to fix the report ([`RuleId::doc`]).
pub(crate) const TEXT_PAIRING_DOC: RuleDoc = RuleDoc {
    zh: "为什么：书名号《》、引号“”、括号（）和【】必须成对出现。只开不合（“《周四学习日”）、只合不开、用错了收尾的符号（《……”）或把开头的符号写了两次（《《），多是改稿时删改留下的，在正式公开的报告中很显眼。本规则在每段正文中逐个配对这些符号（半角括号与全角括号视为同一种），一段中的问题过多时视为提取噪声，不报告。\n怎样改：按提示补上缺少的符号，删去多余的符号，或改正用错的符号。",
    en: "Why: book-title marks 《》, quotes “”, parentheses （） and brackets 【】 come in pairs. One opened and never closed, closed and never opened, closed by the wrong mark (《…”) or an opening mark written twice (《《) is usually left from editing, and stands out in a formal public report. The marks are paired within each paragraph of prose (half-width parentheses count as full-width ones); a paragraph with many problems is taken as extraction noise and not reported.\nHow to fix: add the missing mark, delete the extra one, or correct the wrong one.",
};

/// The marks quoted with their context, and what is wrong with them.
struct TextPairing {
    found: String,
    problem: Unpaired,
}

#[derive(Clone, Copy)]
enum Unpaired {
    /// An opening mark written twice in a row.
    Doubled { mark: char },
    /// Opened and never closed in its paragraph.
    Unclosed { open: char, close: char },
    /// Closed with no opening mark before it in its paragraph.
    Unopened { open: char, close: char },
    /// Opened with `open` and closed with `close` of another pair (`wanted` closes `open`).
    Mismatched {
        open: char,
        close: char,
        wanted: char,
    },
}

/// A mark by its name: 书名号“《”.
fn named(c: char, lang: Lang) -> String {
    let (zh, en) = match c {
        '《' | '》' => ("书名号", "book-title mark"),
        '“' | '”' => ("引号", "quotation mark"),
        '【' | '】' => ("方括号", "bracket"),
        _ => ("括号", "parenthesis"),
    };
    match lang {
        Lang::Zh => format!("{zh}“{c}”"),
        Lang::En => format!("the {en} {c}"),
    }
}

impl Violation for TextPairing {
    fn rule(&self) -> RuleId {
        RuleId::TextPairing
    }
    fn message(&self, lang: Lang) -> String {
        let found = &self.found;
        match (self.problem, lang) {
            (Unpaired::Doubled { mark }, Lang::Zh) => {
                format!("标点重复：“{found}”，{}连写了两次", named(mark, lang))
            }
            (Unpaired::Doubled { mark }, Lang::En) => {
                format!(
                    "Doubled punctuation: “{found}”, {} is written twice",
                    named(mark, lang)
                )
            }
            (Unpaired::Unclosed { open, close }, Lang::Zh) => {
                format!(
                    "标点不配对：“{found}”，{}没有对应的“{close}”",
                    named(open, lang)
                )
            }
            (Unpaired::Unclosed { open, close }, Lang::En) => format!(
                "Unpaired punctuation: “{found}”, {} is never closed with {close}",
                named(open, lang)
            ),
            (Unpaired::Unopened { open, close }, Lang::Zh) => {
                format!(
                    "标点不配对：“{found}”，{}前面没有对应的“{open}”",
                    named(close, lang)
                )
            }
            (Unpaired::Unopened { open, close }, Lang::En) => format!(
                "Unpaired punctuation: “{found}”, {} has no {open} before it",
                named(close, lang)
            ),
            (
                Unpaired::Mismatched {
                    open,
                    close,
                    wanted,
                },
                Lang::Zh,
            ) => format!(
                "标点不配对：“{found}”，{}以{}收尾，应为“{wanted}”",
                named(open, lang),
                named(close, lang)
            ),
            (
                Unpaired::Mismatched {
                    open,
                    close,
                    wanted,
                },
                Lang::En,
            ) => format!(
                "Unpaired punctuation: “{found}”, {} is closed with {}, not {wanted}",
                named(open, lang),
                named(close, lang)
            ),
        }
    }
}

/// The pairs: (opening marks, closing marks, the canonical opening and closing mark).
const PAIRS: &[(&str, &str, char, char)] = &[
    ("《", "》", '《', '》'),
    ("“", "”", '“', '”'),
    ("（(", "）)", '（', '）'),
    ("【", "】", '【', '】'),
];

/// The pair an opening mark opens.
fn opens(c: char) -> Option<usize> {
    // Asked for every character: the marks first, the table after.
    match c {
        '《' | '“' | '（' | '(' | '【' => PAIRS.iter().position(|p| one_of(p.0, c)),
        _ => None,
    }
}

/// The pair a closing mark closes.
fn closes(c: char) -> Option<usize> {
    match c {
        '》' | '”' | '）' | ')' | '】' => PAIRS.iter().position(|p| one_of(p.1, c)),
        _ => None,
    }
}

/// More problems than this in one paragraph are taken as extraction noise.
const MAX_PER_BLOCK: usize = 2;

/// `1）`, `a)`, `②)`: a list item's number closed by a parenthesis with no opening one.
fn list_number_before(block: &str, i: usize) -> bool {
    let mut back = block[..i].chars().rev();
    let Some(n) = back.next() else { return false };
    let numeral = n.is_ascii_alphanumeric() || crate::text::cn_digit(n).is_some();
    numeral
        && back
            .next()
            .is_none_or(|c| c.is_whitespace() || one_of("，。；：、", c))
}

/// Page furniture between two parts of one paragraph (`-1-`, `第 2 页`, `2`).
fn furniture(block: &str) -> bool {
    block.chars().count() <= 12
        && block
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || one_of("-—－第页/共PpAaGgEe.", c))
}

/// Prose blocks joined into paragraphs: a block that ends mid-sentence (page text broken by
/// a page's footer) goes on in the next one; blocks of page furniture are left out.
fn paragraphs<'t>(prose: &[Block<'t>]) -> Vec<Vec<(usize, &'t str)>> {
    let mut out: Vec<Vec<(usize, &'t str)>> = Vec::new();
    let mut open = false;
    for &Block {
        base, text: block, ..
    } in prose
    {
        if furniture(block) {
            continue;
        }
        match out.last_mut() {
            Some(last) if open => last.push((base, block)),
            _ => out.push(vec![(base, block)]),
        }
        open = !block
            .trim_end()
            .ends_with(|c: char| one_of("。！？；：”》）)】", c) || c.is_ascii_digit());
    }
    out
}

/// The end of the mark at `at`: an ASCII `(` is one byte, its pair's full-width `（` three
/// (found by the fuzzer: an unclosed `(` before a CJK character cut that character).
fn mark_end(block: &str, at: usize) -> usize {
    at + block[at..].chars().next().map_or(0, char::len_utf8)
}

pub(super) fn check(prose: &[Block], out: &mut Vec<Finding>) {
    for paragraph in paragraphs(prose) {
        // (block of the paragraph, start, end within it, problem)
        let mut found: Vec<(usize, usize, usize, Unpaired)> = Vec::new();
        // Open marks: (block, byte offset, pair).
        let mut stack: Vec<(usize, usize, usize)> = Vec::new();
        let mut prev: Option<char> = None;
        for (b, &(_, block)) in paragraph.iter().enumerate() {
            for (i, c) in block.char_indices() {
                if let Some(p) = opens(c) {
                    if prev == Some(c) && matches!(c, '《' | '“') && i > 0 {
                        let s = i - c.len_utf8();
                        found.push((b, s, i + c.len_utf8(), Unpaired::Doubled { mark: c }));
                    } else {
                        stack.push((b, i, p));
                    }
                } else if let Some(p) = closes(c) {
                    let (_, _, open, close) = PAIRS[p];
                    match stack.iter().rposition(|&(_, _, q)| q == p) {
                        Some(k) => {
                            // Marks opened inside and not closed: each unclosed.
                            for &(bj, j, q) in &stack[k + 1..] {
                                let (_, _, o, cl) = PAIRS[q];
                                let problem = Unpaired::Unclosed { open: o, close: cl };
                                found.push((bj, j, mark_end(paragraph[bj].1, j), problem));
                            }
                            stack.truncate(k);
                        }
                        None => match stack.pop() {
                            // 《…”: the last open mark of another pair closed by this one.
                            Some((bj, j, q)) => {
                                let (_, _, o, wanted) = PAIRS[q];
                                let problem = Unpaired::Mismatched {
                                    open: o,
                                    close: c,
                                    wanted,
                                };
                                let s = if bj == b { j } else { i };
                                found.push((b, s, i + c.len_utf8(), problem));
                            }
                            None if list_number_before(block, i) && p == 2 => {}
                            None => {
                                let problem = Unpaired::Unopened { open, close };
                                found.push((b, i, i + c.len_utf8(), problem));
                            }
                        },
                    }
                }
                prev = Some(c);
            }
        }
        for (b, j, q) in stack {
            let (_, _, o, cl) = PAIRS[q];
            found.push((
                b,
                j,
                mark_end(paragraph[b].1, j),
                Unpaired::Unclosed { open: o, close: cl },
            ));
        }
        if found.len() > MAX_PER_BLOCK {
            continue;
        }
        found.sort_by_key(|f| (f.0, f.1));
        for (b, s, e, problem) in found {
            let (base, block) = paragraph[b];
            let (before, after) = match problem {
                Unpaired::Unclosed { .. } => (2, 24),
                Unpaired::Unopened { .. } => (24, 2),
                Unpaired::Doubled { .. } => (4, 16),
                Unpaired::Mismatched { .. } => (2, 2),
            };
            let v = TextPairing {
                found: excerpt(block, s, e, before, after),
                problem,
            };
            out.push(Finding::new(&v).at(Some(Span::new(base + s, base + e))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_of_the_pairs_opens_or_closes_its_pair() {
        for (i, p) in PAIRS.iter().enumerate() {
            for c in p.0.chars() {
                assert_eq!(opens(c), Some(i), "{c}");
                assert_eq!(closes(c), None, "{c}");
            }
            for c in p.1.chars() {
                assert_eq!(closes(c), Some(i), "{c}");
                assert_eq!(opens(c), None, "{c}");
            }
        }
        assert_eq!(opens('公'), None);
        assert_eq!(closes('a'), None);
    }
}
