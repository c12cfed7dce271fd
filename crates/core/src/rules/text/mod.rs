//! Checks on the report's prose: typos and repeated words, enumerations (一是…三是…三是),
//! the fee statement, and statements that contradict the tables.
//!
//! Every finding here carries a text span. The checks are conservative: a probable error is
//! a warning, and a sentence whose scope is unclear is not compared with the tables.
//!
//! One file per rule: [`typo`] (TEXT-TYPO: repeated words, brackets, common typos, slips in
//! headings and labels), [`enumeration`] (TEXT-ENUMERATION: 一是…三是, parts that do not add
//! up), [`tables`] (TEXT-TABLE-MISMATCH: statements that contradict the tables), [`fee`]
//! (FEE-STATEMENT-MISSING) and [`deadline`] (DEADLINE-LATE). This module holds what they
//! share: prose blocks, quotes, and the order they run in.

pub(super) mod deadline;
pub(super) mod enumeration;
pub(super) mod fee;
pub(super) mod leftover;
pub(super) mod lexicon;
pub(super) mod pairing;
mod scan;
pub(super) mod tables;
pub(super) mod themes;
pub(super) mod typo;

use super::{Finding, RuleId};
use crate::format::CellKey;
use crate::model::{DetectedFormat, Report, Span};
use crate::text::one_of;
use lexicon::{Lexicon, Terms};
use scan::WordTrie;
use std::sync::OnceLock;

/// The words the text rules look for: the known typos, the template instructions and the
/// words the statement checks start from in one trie (a pattern's id tells its kind by
/// these ranges), and the lexicon of fixed phrases, whose exact occurrences and near misses
/// the lexicon finds itself.
struct Words {
    trie: WordTrie,
    /// The statement words ([`statement_words`]), in the trie's order.
    statements: Vec<&'static str>,
    lexicon: Lexicon,
}

/// What a pattern of [`Words`]' trie is.
enum Word {
    Typo(usize),
    Instruction(usize),
    Statement(usize),
}

/// The words the statement checks (`tables.rs`, `enumeration.rs`) look for in the text: their
/// places come from the one scan ([`Found`]), not from a search of the text per word.
fn statement_words() -> impl Iterator<Item = &'static str> {
    tables::NO_APPLICATIONS
        .iter()
        .copied()
        .chain([tables::APPLICATION])
        .chain(tables::NO_REVIEWS.iter().copied())
        .chain(tables::UPHELD.iter().copied())
        .chain(crate::format::t3::TEXT_CATEGORIES.iter().map(|c| c.0))
        .chain(enumeration::VERBS.iter().copied())
        .chain([enumeration::OF_WHICH])
        .chain(deadline::LABELS.iter().copied())
}

impl Words {
    fn get() -> &'static Words {
        static W: OnceLock<Words> = OnceLock::new();
        W.get_or_init(|| {
            let typos = typo::TYPOS.iter().map(|t| t.0);
            let statements: Vec<&'static str> = statement_words().collect();
            let patterns = typos
                .chain(leftover::INSTRUCTIONS.iter().copied())
                .chain(statements.iter().copied());
            Words {
                trie: WordTrie::new(patterns),
                statements,
                lexicon: Lexicon::new(lexicon::phrases()),
            }
        })
    }

    fn kind(id: u32) -> Word {
        let t = typo::TYPOS.len();
        let i = t + leftover::INSTRUCTIONS.len();
        match id as usize {
            k if k < t => Word::Typo(k),
            k if k < i => Word::Instruction(k - t),
            k => Word::Statement(k - i),
        }
    }
}

/// What the one pass over the text found, by kind: known typos and instructions (offset,
/// index) and the statement words.
struct Scanned {
    typos: Vec<(usize, usize)>,
    instructions: Vec<(usize, usize)>,
    found: Found,
}

/// Where each statement word ([`statement_words`]) occurs in the text, overlapping
/// occurrences included, in order: what [`find_in`] and [`find_all`] would find, without a
/// search of the text per word.
pub(super) struct Found {
    at: Vec<Vec<usize>>,
}

impl Found {
    fn places(&self, pat: &str) -> Option<&[usize]> {
        let k = Words::get().statements.iter().position(|w| *w == pat)?;
        Some(&self.at[k])
    }

    /// `text.find(pat)`: the first place of `pat` in the whole text.
    pub(super) fn first(&self, text: &str, pat: &str) -> Option<usize> {
        match self.places(pat) {
            Some(all) => all.first().copied(),
            None => text.find(pat),
        }
    }

    /// [`find_in`]`(text, spans, pat)`.
    pub(super) fn find_in(&self, text: &str, spans: &[Span], pat: &str) -> Vec<usize> {
        match self.places(pat) {
            Some(all) => walk_spans(text, spans, pat, |a, e| leftmost(all, a, e, pat.len())),
            None => find_in(text, spans, pat),
        }
    }

    /// [`find_all`]`(block, pat)` for a block of the text starting at byte `base`.
    pub(super) fn find_all_in(&self, base: usize, block: &str, pat: &str) -> Vec<usize> {
        let Some(all) = self.places(pat) else {
            return find_all(block, pat);
        };
        let found = leftmost(all, base, base + block.len(), pat.len());
        found.into_iter().map(|p| p - base).collect()
    }
}

/// Of the places `all` (in order, overlapping ones included) of a pattern of `len` bytes,
/// those a leftmost search of `start..end` finds: inside it, none overlapping the one before.
fn leftmost(all: &[usize], start: usize, end: usize, len: usize) -> Vec<usize> {
    let (mut v, mut from) = (Vec::new(), start);
    for &p in &all[all.partition_point(|&p| p < start)..] {
        if p + len > end {
            break;
        }
        if p >= from {
            v.push(p);
            from = p + len;
        }
    }
    v
}

fn scan_text(text: &str) -> Scanned {
    let words = Words::get();
    let mut s = Scanned {
        typos: Vec::new(),
        instructions: Vec::new(),
        found: Found {
            at: vec![Vec::new(); words.statements.len()],
        },
    };
    let mut hits = words.trie.find_all(text);
    hits.sort_unstable();
    for (at, id) in hits {
        match Words::kind(id) {
            Word::Typo(k) => s.typos.push((at, k)),
            Word::Instruction(k) => s.instructions.push((at, k)),
            Word::Statement(k) => s.found.at[k].push(at),
        }
    }
    s
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Punctuation a quote may start after without a cut: clause and sentence ends, and the
/// enumeration comma.
const CLAUSE_STARTS: &str = "。；！？，：、";
/// Punctuation a quote may end with without a cut (not `、`: 行政复议、 is half a list).
const CLAUSE_ENDS: &str = "。；！？，：";

/// Whether the line break at byte `at` of `text` ends a paragraph: the line before it or
/// the line after it is blank (or the text ends there).
fn paragraph_break(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let line_before = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let after = &text[at + 1..];
    let line_after = &after[..after.find('\n').unwrap_or(after.len())];
    line_before.trim().is_empty() || line_after.trim().is_empty()
}

/// A quote of `text[start..end]` for messages, with up to `before` characters of context
/// before it and `after` after it. The context stops at a paragraph break and at clause
/// punctuation (a quote ends after `，`, `。` …, starts after them or `、`); where it stops
/// only because the count ran out, the cut is marked with `…`. A line break inside a
/// paragraph (wrapped PDF text) and other white space are shown as single spaces.
fn excerpt(text: &str, start: usize, end: usize, before: usize, after: usize) -> String {
    let mut s = start;
    let mut cut_before = false;
    for (n, c) in text[..start].chars().rev().enumerate() {
        if one_of(CLAUSE_STARTS, c) || (c == '\n' && paragraph_break(text, s - 1)) {
            break;
        }
        if n == before {
            cut_before = before > 0;
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = end;
    let mut cut_after = false;
    // A quote that ends a clause itself (受理渠。) needs no context after it.
    let after = if text[start..end].ends_with(|c| one_of(CLAUSE_ENDS, c)) {
        0
    } else {
        after
    };
    for (n, c) in text[end..].chars().enumerate() {
        if c == '\n' && paragraph_break(text, e) {
            break;
        }
        if n == after {
            cut_after = after > 0;
            break;
        }
        e += c.len_utf8();
        if one_of(CLAUSE_ENDS, c) {
            break;
        }
    }
    let mut quote = String::new();
    if cut_before {
        quote.push('…');
    }
    quote.push_str(&text[s..e].split_whitespace().collect::<Vec<_>>().join(" "));
    if cut_after {
        quote.push('…');
    }
    quote
}

/// Paragraph blocks of prose: runs of non-empty lines that are not table rows; a section
/// heading always starts a new block.
fn blocks<'t>(text: &'t str, heading_starts: &[usize]) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    let mut end = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let table_row = line.contains('\t') || line.trim_start().starts_with('|');
        let heading = heading_starts
            .iter()
            .any(|&h| pos <= h && h < pos + raw.len());
        if heading {
            if let Some(s) = start.take() {
                out.push((s, &text[s..end]));
            }
        }
        if line.trim().is_empty() || table_row {
            if let Some(s) = start.take() {
                out.push((s, &text[s..end]));
            }
        } else {
            if start.is_none() {
                // Start at the first visible character (indented headings in PDF text).
                start = Some(pos + (line.len() - line.trim_start().len()));
            }
            end = pos + line.len();
        }
        pos += raw.len();
    }
    if let Some(s) = start {
        out.push((s, &text[s..end]));
    }
    out
}

/// The spans of the report's sections numbered `numbers` (those it has).
fn section_spans(report: &Report, numbers: &[u8]) -> Vec<Span> {
    let mut v = Vec::new();
    for &n in numbers {
        if let Some(s) = report.section(n) {
            v.push(s.span);
        }
    }
    v
}

fn in_spans(spans: &[Span], i: usize) -> bool {
    spans.iter().any(|s| s.start <= i && i < s.end)
}

/// Where `pat` occurs in `text` (non-overlapping, left to right, as `match_indices`).
fn find_all(text: &str, pat: &str) -> Vec<usize> {
    let mut v = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find(pat) {
        v.push(from + p);
        from += p + pat.len();
    }
    v
}

/// Where `pat` starts inside one of `spans` of `text`, as [`find_all`] over the whole text
/// would find it there (a match may run past its span's end), in order: the statements the
/// table checks look for are only read in a few sections, so only those are searched.
fn find_in(text: &str, spans: &[Span], pat: &str) -> Vec<usize> {
    walk_spans(text, spans, pat, |a, e| {
        find_all(&text[a..e], pat)
            .into_iter()
            .map(|p| a + p)
            .collect()
    })
}

/// The matches of `pat` starting inside `spans`, in order, none overlapping another: `matches(a,
/// e)` gives the leftmost matches inside `a..e` (byte offsets into `text`).
fn walk_spans(
    text: &str,
    spans: &[Span],
    pat: &str,
    matches: impl Fn(usize, usize) -> Vec<usize>,
) -> Vec<usize> {
    let mut v = Vec::new();
    let mut from = 0;
    for s in by_start(spans) {
        let start = s.start.max(from);
        let end = region_end(text, s, pat);
        if start >= end || !text.is_char_boundary(start) {
            continue;
        }
        for p in matches(start, end) {
            if p < s.end {
                v.push(p);
                from = p + pat.len();
            }
        }
    }
    v
}

/// `spans` in order of their starts.
fn by_start(spans: &[Span]) -> Vec<Span> {
    let mut v = spans.to_vec();
    v.sort_by_key(|s| s.start);
    v
}

/// The end of the region of `text` searched for `pat` in span `s`: a match may run past the
/// span's end, but must start inside it.
fn region_end(text: &str, s: Span, pat: &str) -> usize {
    let mut end = (s.end + pat.len().saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The integer of an optional cell (`None` unless it holds a whole number).
fn int_of(report: &Report, key: CellKey) -> Option<i64> {
    report
        .value(key)
        .and_then(|v| v.number())
        .and_then(|n| n.as_i64())
}

/// A block of prose: where it starts in the text, its text, and its characters with their byte
/// offsets in the block, decoded once for every rule that walks them.
pub(super) struct Block<'t> {
    pub base: usize,
    pub text: &'t str,
    pub chars: Vec<(usize, char)>,
}

impl<'t> Block<'t> {
    fn new(base: usize, text: &'t str) -> Block<'t> {
        Block {
            base,
            text,
            chars: text.char_indices().collect(),
        }
    }
}

/// The prose: paragraph blocks outside the table sections (二、三、四 hold the tables, whose
/// flattened headers repeat words and wrap brackets across rows).
fn prose_of<'t>(report: &Report, text: &'t str) -> Vec<Block<'t>> {
    let table_sections = section_spans(report, &[2, 3, 4]);
    let heading_starts: Vec<usize> = report
        .sections
        .iter()
        .map(|s| s.heading_span.start)
        .collect();
    blocks(text, &heading_starts)
        .into_iter()
        .filter(|&(start, _)| !in_spans(&table_sections, start))
        .map(|(base, text)| Block::new(base, text))
        .collect()
}

/// The rules on the prose, in order: the findings of one rule on overlapping words are
/// kept once (the first).
pub(super) fn check(report: &Report, text: &str, out: &mut Vec<Finding>) {
    let prose = prose_of(report, text);
    let national = matches!(
        report.format,
        DetectedFormat::F2021 | DetectedFormat::F2019 | DetectedFormat::Mixed
    );
    // One pass over the text for every word looked for.
    let scanned = scan_text(text);
    typo::doubled_words(&prose, out);
    pairing::check(&prose, out);
    leftover::check(&prose, &scanned.instructions, out);
    // A slip in a heading is quoted with the whole heading and the standard one, before the
    // typo list names the same words with less context.
    if national {
        typo::headings(report, out);
    }
    typo::known(text, &scanned.typos, out);
    let lex = &Words::get().lexicon;
    let covered = |b: usize| lexicon::in_phrase(lex, text, b);
    typo::near_misses(&prose, lex, &covered, out);
    enumeration::ordinals(report, &prose, out);
    if national {
        typo::labels(report, out);
        fee::check(report, text, out);
        themes::check(report, text, out);
        // Statements in prose only: section 1 and section 3 text before its table.
        let scopes = section_spans(report, &[1, 3]);
        let found = &scanned.found;
        tables::received(report, text, found, &scopes, out);
        let stated = tables::stated(text, found, &scopes);
        tables::categories(report, text, &stated, out);
        enumeration::breakdown(text, found, &stated, &scopes, out);
        tables::upheld(report, text, found, &scopes, out);
    }
    enumeration::parts_of_total(&prose, &scanned.found, out);
    deadline::check(report, text, &scanned.found, out);
    dedupe_overlaps(out);
}

/// A user's terms on a checked report: a TEXT-TYPO finding inside a term written as it is
/// goes (the user says the words are right), and slips of the terms are added as TEXT-TYPO
/// findings where no typo finding is yet.
pub(crate) fn apply_terms(report: &Report, text: &str, terms: &Terms, findings: &mut Vec<Finding>) {
    if terms.is_empty() || report.status != crate::model::ReadStatus::Ok {
        return;
    }
    let trie = WordTrie::new(terms.iter());
    let written: Vec<(usize, usize)> = trie
        .find_all(text)
        .into_iter()
        .map(|(at, id)| (at, at + trie.len_of(id)))
        .collect();
    findings.retain(|f| {
        f.rule != RuleId::TextTypo
            || !f
                .span
                .is_some_and(|s| written.iter().any(|&(a, e)| a <= s.start && s.end <= e))
    });
    let builtin = &Words::get().lexicon;
    let covered = |b: usize| {
        written.iter().any(|&(a, e)| a <= b && b < e) || lexicon::in_phrase(builtin, text, b)
    };
    let mut found = Vec::new();
    let lex = Lexicon::new(terms.iter());
    let prose = prose_of(report, text);
    typo::near_misses(&prose, &lex, &covered, &mut found);
    for f in found {
        let overlaps = |g: &Finding| {
            g.rule == RuleId::TextTypo
                && g.span
                    .zip(f.span)
                    .is_some_and(|(a, b)| a.start < b.end && b.start < a.end)
        };
        if !findings.iter().any(overlaps) {
            findings.push(f);
        }
    }
}

/// Two checks may flag the same words (a typo in a heading is also in the typo list): keep
/// the first finding for overlapping spans of the same rule.
fn dedupe_overlaps(out: &mut Vec<Finding>) {
    let mut kept: Vec<(RuleId, Span)> = Vec::new();
    out.retain(|f| {
        let on_text = matches!(
            f.rule,
            RuleId::TextTypo
                | RuleId::TextEnumeration
                | RuleId::TextTableMismatch
                | RuleId::TextPairing
                | RuleId::TemplateLeftover
        );
        let Some(span) = f.span.filter(|_| on_text) else {
            return true;
        };
        if kept
            .iter()
            .any(|(r, s)| *r == f.rule && s.start < span.end && span.start < s.end)
        {
            return false;
        }
        kept.push((f.rule, span));
        true
    });
}

#[cfg(test)]
mod tests {
    use super::deadline::*;
    use super::typo::*;
    use super::*;

    fn typos_in(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let blocks: Vec<Block> = blocks(text, &[])
            .into_iter()
            .map(|(base, text)| Block::new(base, text))
            .collect();
        doubled_words(&blocks, &mut out);
        let scanned = scan_text(text);
        known(text, &scanned.typos, &mut out);
        out.iter()
            .map(|f| f.message(crate::Lang::Zh).to_string())
            .collect()
    }

    #[test]
    fn legitimate_repetition_is_not_a_typo() {
        // AABB, reduplicated nouns and adverbs, table header words, enumerations.
        for ok in [
            "的的确确做到了公开。",
            "人人参与，常常检查，年年考核，层层落实。",
            "结果 结果 维持",
            "一是加强培训。二是规范审核。",
            "依据《中华人民共和国政府信息公开条例》（国令第711号）编制。",
            "截至目前运行平稳。",
        ] {
            assert!(typos_in(ok).is_empty(), "{ok}: {:?}", typos_in(ok));
        }
        assert_eq!(typos_in("规范审核审核发布机制。").len(), 1);
        assert_eq!(typos_in("打造统一的的网站。").len(), 1);
        assert_eq!(typos_in("截止目前运行平稳。").len(), 1);
    }

    #[test]
    fn excerpts_stop_at_clauses_and_mark_cuts() {
        let quote = |t: &str, word: &str, before: usize, after: usize| {
            let i = t.find(word).unwrap();
            excerpt(t, i, i + word.len(), before, after)
        };
        let t = "市科技局未收到申请，截止目前运行平稳。下一句";
        assert_eq!(quote(t, "截止目前", 6, 6), "截止目前运行平稳。");
        let t = "认真落实完善政府信息公开的的制度，做好工作";
        assert_eq!(quote(t, "的的", 6, 6), "…政府信息公开的的制度，");
        assert_eq!(quote(t, "的的", 0, 3), "的的制度，");
        assert_eq!(quote(t, "的的", 0, 2), "的的制度…");
        assert_eq!(quote(t, "公开的的", 0, 0), "公开的的");
        // A wrapped line goes on; a paragraph break and a quote ending a clause stop.
        assert_eq!(
            quote("二是\n提升平台作用。", "二是", 0, 16),
            "二是 提升平台作用。"
        );
        assert_eq!(quote("二是\n\n下一段", "二是", 0, 16), "二是");
        assert_eq!(
            quote("公开受理渠。2023年", "受理渠。", 2, 6),
            "公开受理渠。"
        );
        // 、 may start a quote but not end one.
        assert_eq!(
            quote("四、政府信息行政法复议、行政诉讼", "行政法复议", 8, 3),
            "政府信息行政法复议、行政…"
        );
    }

    #[test]
    fn dates_parse_in_common_forms() {
        assert_eq!(
            parse_date("2022-02-08 16:34").map(|d| (d.0, d.1, d.2)),
            Some((2022, 2, 8))
        );
        assert_eq!(
            parse_date("2023年1月16日").map(|d| (d.0, d.1, d.2)),
            Some((2023, 1, 16))
        );
        assert_eq!(
            parse_date("2023 年 1 月 16 日").map(|d| (d.0, d.1, d.2)),
            Some((2023, 1, 16))
        );
        assert_eq!(
            parse_date("2023/01/16").map(|d| (d.0, d.1, d.2)),
            Some((2023, 1, 16))
        );
        assert_eq!(parse_date("第2023号"), None);
        assert_eq!(parse_date("2023年13月1日"), None);
    }

    #[test]
    fn a_slip_in_a_cut_heading_is_found_and_a_cut_alone_is_not() {
        let standard = "四、政府信息公开行政复议、行政诉讼情况";
        assert!(cut_heading_slip(
            "四、政府信息公开行政法复议、行政诉讼",
            standard
        ));
        assert!(cut_heading_slip(
            "四、政府信息公开行政夏议、行政诉讼",
            standard
        ));
        assert!(!cut_heading_slip(
            "四、政府信息公开行政复议、行政诉讼",
            standard
        ));
        assert!(!cut_heading_slip("四、行政复议、行政诉讼情况", standard));
        assert!(!cut_heading_slip(standard, standard));
    }

    #[test]
    fn slips_are_found_and_variants_are_not() {
        assert!(one_char_slip(
            "政府信息公开行政法复议、行政诉讼情况",
            "政府信息公开行政复议、行政诉讼情况"
        ));
        assert!(!one_char_slip(
            "政府信息公开行政复议、行政诉讼情况",
            "政府信息公开行政复议、行政诉讼情况"
        ));
        assert!(!one_char_slip(
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题及改进情况"
        ));
        assert!(label_slip("其他法律行政止公开", "其他法律行政法规禁止公开"));
        assert!(!label_slip(
            "要求行政机关确认或重新出",
            "要求行政机关确认或重新出具已获取信息"
        ));
        assert!(label_slip("属于三类内部事物信息", "属于三类内部事务信息"));
    }

    #[test]
    fn the_scan_finds_the_statement_words_where_a_search_finds_them() {
        let texts = [
            include_str!("../../../../../tests/fixtures/seed.txt"),
            include_str!("../../../../../tests/fixtures/cases/18_text_vs_table.txt"),
            include_str!("../../../../../tests/fixtures/cases/17_text_slips.txt"),
            include_str!("../../../../../tests/fixtures/cases/23_parts_of_total.txt"),
            include_str!("../../../../../tests/fixtures/cases/19_deadline_late.txt"),
            "申请申请申请，其中其中；均维持均获维持。未收到依申请公开未收到政府信息公开申请",
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for text in texts {
            let found = scan_text(text).found;
            let words: Vec<&str> = statement_words().collect();
            for _ in 0..200 {
                // two or three spans anywhere, in any order, overlapping or not
                let spans: Vec<Span> = (0..2 + next(2))
                    .map(|_| {
                        let a = next(text.len() + 1);
                        let b = (a + next(text.len() / 2 + 1)).min(text.len());
                        Span::new(a, b)
                    })
                    .collect();
                for &w in &words {
                    assert_eq!(
                        found.find_in(text, &spans, w),
                        find_in(text, &spans, w),
                        "{w} in {spans:?}"
                    );
                }
            }
            for (base, block) in blocks(text, &[]) {
                for &w in &words {
                    assert_eq!(found.find_all_in(base, block, w), find_all(block, w), "{w}");
                }
            }
            for &w in &words {
                assert_eq!(found.first(text, w), text.find(w), "{w}");
            }
        }
    }

    /// `label_slip`'s search for dropped characters, as first written: every candidate string
    /// built and searched for. The window search must agree with it.
    fn dropped_by_candidates(written: &str, standard: &str) -> bool {
        let s: Vec<char> = standard.chars().collect();
        (1..s.len() - 1).any(|i| {
            (i + 1..=(i + 3).min(s.len() - 1)).any(|j| {
                let cand: String = s[..i].iter().chain(&s[j..]).collect();
                written.contains(&cand)
            })
        })
    }

    #[test]
    fn label_slip_agrees_with_the_candidate_search() {
        // Labels over a small alphabet, so that drops and changes are frequent.
        fn next(x: &mut u64, n: u64) -> u64 {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            *x % n
        }
        fn word(x: &mut u64, abc: &[char], len: u64) -> String {
            (0..len)
                .map(|_| abc[next(x, abc.len() as u64) as usize])
                .collect()
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let abc: Vec<char> = "公开信息申请不予其他".chars().collect();
        for _ in 0..20_000 {
            let n = 4 + next(&mut x, 6);
            let standard = word(&mut x, &abc, n);
            let n = next(&mut x, 14);
            let written = word(&mut x, &abc, n);
            let changed = {
                let c: Vec<char> = written.chars().collect();
                let s: Vec<char> = standard.chars().collect();
                c.len() >= s.len()
                    && c.windows(s.len()).any(|win| {
                        let d: Vec<usize> = (0..s.len()).filter(|&k| win[k] != s[k]).collect();
                        d.len() == 1 && d[0] > 0 && d[0] < s.len() - 1
                    })
            };
            let want = dropped_by_candidates(&written, &standard) || changed;
            assert_eq!(
                label_slip(&written, &standard),
                want,
                "{written} / {standard}"
            );
        }
    }
}
