//! Checks on the report's prose: typos and repeated words, enumerations (一是…三是…三是),
//! the fee statement, and statements that contradict the tables.
//!
//! Every finding here carries a text span. The checks are conservative: a probable error is
//! a warning, and a sentence whose scope is unclear is not compared with the tables.

use crate::finding::{Finding, Outcome, Param};
use crate::format;
use crate::model::{DetectedFormat, Report, Span};
use crate::rules::ids;
use crate::text::{cn_digit, fold, norm_label};

/// Common typos in government writing: (wrong, right). Only slips known to be common in
/// such writing belong here, never a phrase taken from the test corpus: a check must find
/// slips by a general method, not by knowing the answer.
const TYPOS: &[(&str, &str)] = &[
    ("截止目前", "截至目前"),
    ("截止到目前", "截至目前"),
    ("按排", "安排"),
    ("一如继往", "一如既往"),
    ("再接再励", "再接再厉"),
    ("迫不急待", "迫不及待"),
    ("既使", "即使"),
    ("必竟", "毕竟"),
    ("由其是", "尤其是"),
    ("部份", "部分"),
    ("严励", "严厉"),
    ("关健", "关键"),
    ("凭心而论", "平心而论"),
    ("默守成规", "墨守成规"),
    ("政府信息公开条列", "政府信息公开条例"),
    ("信息处理费管理办理", "信息处理费管理办法"),
];

/// Single characters that are never legitimately doubled in report prose.
const NEVER_DOUBLED: &str = "的了在和与及对将把被于从向";

/// Table header words: flattened headers repeat them (结果 结果 …), which is not a slip.
const HEADER_WORDS: &str = "结果 总计 其他 维持 纠正 审结 尚未 合计";

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
        if CLAUSE_STARTS.contains(c) || (c == '\n' && paragraph_break(text, s - 1)) {
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
    let after = if text[start..end].ends_with(|c| CLAUSE_ENDS.contains(c)) {
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
        if CLAUSE_ENDS.contains(c) {
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

fn typo(
    out: &mut Vec<Finding>,
    span: Span,
    found: String,
    kind: (&str, &str),
    hint: (String, String),
) {
    let mut f = Finding::new(ids::TEXT_TYPO, Outcome::Fail);
    f.params.push(Param::same("found", found));
    f.params.push(Param::two("kind", kind.0, kind.1));
    f.params.push(Param::two("hint", hint.0, hint.1));
    f.span = Some(span);
    out.push(f);
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

/// The integer of an optional cell (`None` unless it holds a whole number).
fn int_of(report: &Report, key: &str) -> Option<i64> {
    report
        .value(key)
        .and_then(|v| v.number())
        .and_then(|n| n.as_i64())
}

pub(crate) fn run(report: &Report, text: &str, out: &mut Vec<Finding>) {
    // Prose outside the table sections (二、三、四 hold the tables, whose flattened headers
    // repeat words and wrap brackets across rows).
    let table_sections = section_spans(report, &[2, 3, 4]);
    let mut heading_starts = Vec::new();
    for s in &report.sections {
        heading_starts.push(s.heading_span.start);
    }
    let mut prose = Vec::new();
    for (start, block) in blocks(text, &heading_starts) {
        if !in_spans(&table_sections, start) {
            prose.push((start, block));
        }
    }
    let national = matches!(
        report.format,
        DetectedFormat::F2021 | DetectedFormat::F2019 | DetectedFormat::Mixed
    );
    doubled_words(&prose, out);
    brackets(&prose, out);
    // A slip in a heading is quoted with the whole heading and the standard one, before the
    // typo list names the same words with less context.
    if national {
        headings(report, out);
    }
    lexicon(text, out);
    enumerations(report, &prose, out);
    if national {
        labels(report, out);
        fee_statement(report, text, out);
        table_mismatch(report, text, out);
    }
    deadline(report, text, out);
    dedupe_overlaps(out);
}

/// A date written as 2022-02-08, 2022/2/8, 2022.02.08 or 2022年2月8日 (spaces allowed) at
/// the start of `s`. Returns (year, month, day, bytes used).
fn parse_date(s: &str) -> Option<(u32, u32, u32, usize)> {
    let mut nums: Vec<u32> = Vec::new();
    let mut cur = String::new();
    let mut used = 0;
    for (i, c) in s.char_indices().take(24) {
        if c.is_ascii_digit() {
            cur.push(c);
            used = i + 1;
            continue;
        }
        if !cur.is_empty() {
            nums.push(crate::text::parse_uint(&cur)?);
            cur.clear();
        }
        if nums.len() == 3 {
            if c == '日' {
                used = i + c.len_utf8();
            }
            break;
        }
        match c {
            ' ' | '\u{3000}' => {}
            '-' | '/' | '.' | '年' | '月' if !nums.is_empty() => {}
            _ => return None,
        }
    }
    if !cur.is_empty() && nums.len() < 3 {
        nums.push(crate::text::parse_uint(&cur)?);
    }
    let [y, m, d] = nums[..] else { return None };
    ((2000..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then_some((y, m, d, used))
}

/// Publication date against article 49: departments by 31 January, local governments'
/// own reports by 31 March (everyone by 31 March before the 2019 revision).
fn deadline(report: &Report, text: &str, out: &mut Vec<Finding>) {
    let Some(year) = report.year else { return };
    let mut found: Option<((u32, u32, u32), Span)> = None;
    for label in "发布时间 发布日期 发文日期 成文日期 发布于".split(' ') {
        if let Some(i) = text.find(label) {
            let after = &text[i + label.len()..];
            let skip = after.len() - after.trim_start_matches([':', '：', ' ', '\u{3000}']).len();
            if let Some((y, m, d, used)) = parse_date(&after[skip..]) {
                let start = i + label.len() + skip;
                found = Some(((y, m, d), Span::new(i, start + used)));
                break;
            }
        }
    }
    let Some(((y, m, d), span)) = found else {
        return;
    };
    let agency = report.agency.clone().unwrap_or_default();
    let department = [
        "局",
        "委",
        "委员会",
        "办",
        "办公室",
        "厅",
        "中心",
        "院",
        "署",
        "处",
        "队",
        "所",
    ]
    .iter()
    .any(|s| agency.ends_with(s))
        && !agency.ends_with("管委会");
    let by_jan = year >= 2019 && department;
    let (dm, dd) = if by_jan { (1, 31) } else { (3, 31) };
    let late = (y, m, d) > (year + 1, dm, dd);
    if late {
        let mut f = Finding::new(ids::DEADLINE_LATE, Outcome::Fail);
        f.params.push(Param::two(
            "date",
            format!("{y}年{m}月{d}日"),
            format!("{y}-{m:02}-{d:02}"),
        ));
        f.params.push(Param::two(
            "deadline",
            format!("{}年{dm}月{dd}日", year + 1),
            format!("{}-{dm:02}-{dd:02}", year + 1),
        ));
        let (zh, en) = if by_jan {
            (
                "政府部门应于次年1月31日前公布",
                "departments publish by 31 January",
            )
        } else {
            (
                "本级政府年度报告应于次年3月31日前公布",
                "local governments publish by 31 March",
            )
        };
        f.params.push(Param::two("who", zh, en));
        f.span = Some(span);
        out.push(f);
    }
}

/// Two checks may flag the same words (a typo in a heading is also in the typo list): keep
/// the first finding for overlapping spans of the same rule.
fn dedupe_overlaps(out: &mut Vec<Finding>) {
    let mut kept: Vec<(crate::rules::RuleId, Span)> = Vec::new();
    out.retain(|f| {
        let Some(span) = f.span.filter(|_| f.rule.starts_with("TEXT-")) else {
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

fn doubled_words(prose: &[(usize, &str)], out: &mut Vec<Finding>) {
    for &(base, block) in prose {
        let chars: Vec<(usize, char)> = block.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let mut hit = None;
            for k in (1..=4).rev() {
                if i + 2 * k > chars.len() {
                    continue;
                }
                // Cheapest test first: a repeat starts with the same character k places on.
                if chars[i].1 != chars[i + k].1 {
                    continue;
                }
                let a = &chars[i..i + k];
                let b = &chars[i + k..i + 2 * k];
                if a.iter().map(|x| x.1).ne(b.iter().map(|x| x.1)) || !a.iter().all(|x| is_cjk(x.1))
                {
                    continue;
                }
                if k == 1 {
                    // 的的确确 is AABB, not a slip.
                    let aabb = chars
                        .get(i + 2)
                        .zip(chars.get(i + 3))
                        .is_some_and(|(x, y)| x.1 == y.1);
                    if !NEVER_DOUBLED.contains(a[0].1) || aabb {
                        continue;
                    }
                }
                let word: String = a.iter().map(|x| x.1).collect();
                if crate::text::listed(HEADER_WORDS, &word).is_some() {
                    continue;
                }
                hit = Some(k);
                break;
            }
            match hit {
                Some(k) => {
                    let s = chars[i].0;
                    let e = chars.get(i + 2 * k).map_or(block.len(), |x| x.0);
                    let word: String = chars[i..i + k].iter().map(|x| x.1).collect();
                    typo(
                        out,
                        Span::new(base + s, base + e),
                        excerpt(block, s, e, 6, 6),
                        ("重复字词", "repeated word"),
                        (
                            format!("，“{word}”连续出现两次"),
                            format!(", “{word}” appears twice in a row"),
                        ),
                    );
                    i += 2 * k;
                }
                None => i += 1,
            }
        }
    }
}

fn brackets(prose: &[(usize, &str)], out: &mut Vec<Finding>) {
    for &(base, block) in prose {
        let mut stack: Vec<(usize, char)> = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in block.char_indices() {
            match c {
                '《' | '（' => {
                    if c == '《' && prev == Some('《') {
                        typo(
                            out,
                            Span::new(base + i - '《'.len_utf8(), base + i + c.len_utf8()),
                            excerpt(block, i - '《'.len_utf8(), i + c.len_utf8(), 4, 16),
                            ("标点重复", "doubled punctuation"),
                            (
                                "，书名号“《”重复".into(),
                                ", the book-title mark 《 is doubled".into(),
                            ),
                        );
                    } else {
                        stack.push((i, c));
                    }
                }
                '》' | '）' => {
                    let open = if c == '》' { '《' } else { '（' };
                    if let Some(pos) = stack.iter().rposition(|x| x.1 == open) {
                        stack.truncate(pos);
                    }
                }
                _ => {}
            }
            prev = Some(c);
        }
        // Many leftovers mean extraction noise, not a slip: report only a few.
        if stack.len() <= 2 {
            for (i, c) in stack {
                let (zh, en) = if c == '《' {
                    ("，书名号“《”没有对应的“》”", ", 《 is never closed")
                } else {
                    ("，括号“（”没有对应的“）”", ", （ is never closed")
                };
                typo(
                    out,
                    Span::new(base + i, base + i + c.len_utf8()),
                    excerpt(block, i, i + c.len_utf8(), 2, 24),
                    ("标点不配对", "unbalanced punctuation"),
                    (zh.into(), en.into()),
                );
            }
        }
    }
}

fn lexicon(text: &str, out: &mut Vec<Finding>) {
    // One pass over the text: only positions whose character starts some entry are tried.
    let mut firsts = Vec::new();
    for (w, _) in TYPOS {
        firsts.extend(w.chars().next());
    }
    let mut line_has_tab = false;
    for (i, c) in text.char_indices() {
        if c == '\n' || i == 0 {
            let from = if c == '\n' { i + 1 } else { 0 };
            let end = text[from..].find('\n').map_or(text.len(), |p| from + p);
            line_has_tab = text[from..end].contains('\t');
        }
        if line_has_tab || !firsts.contains(&c) {
            continue;
        }
        for &(wrong, right) in TYPOS {
            if !text[i..].starts_with(wrong) {
                continue;
            }
            typo(
                out,
                Span::new(i, i + wrong.len()),
                excerpt(text, i, i + wrong.len(), 6, 6),
                ("错别字", "typo"),
                (format!("，应为“{right}”"), format!(", should be “{right}”")),
            );
        }
    }
}

/// 一是…二是…三是: ordinals must count up by one. A list may span paragraphs (and markdown
/// headings) within a section, and a new list restarts at 一.
fn enumerations(report: &Report, prose: &[(usize, &str)], out: &mut Vec<Finding>) {
    let section_of = |i: usize| report.sections.iter().rposition(|s| s.span.start <= i);
    let mut prev: Option<u8> = None;
    let mut current_section: Option<usize> = None;
    for &(base, block) in prose {
        let chars: Vec<(usize, char)> = block.char_indices().collect();
        for w in 0..chars.len().saturating_sub(1) {
            let (i, c) = chars[w];
            let Some(n) = cn_digit(c) else { continue };
            if chars[w + 1].1 != '是' {
                continue;
            }
            // "一是" must start a clause; "唯一是" or "统一是" are words.
            let boundary = w == 0 || "，。；：、！？ \u{3000}\n(（#*".contains(chars[w - 1].1);
            if !boundary {
                continue;
            }
            let sec = section_of(base + i);
            if sec != current_section {
                current_section = sec;
                prev = None;
            }
            let problem = match prev {
                None if n > 2 => Some((
                    format!("从“{}是”开始，缺少前面的序号", crate::text::cn_numeral(n)),
                    format!("starts at {}是", crate::text::cn_numeral(n)),
                )),
                Some(p) if n == p => Some((
                    "与上一项序号重复".to_string(),
                    "repeats the previous ordinal".to_string(),
                )),
                Some(p) if n > p + 1 => Some((
                    format!("跳过了“{}是”", crate::text::cn_numeral(p + 1)),
                    format!("skips {}是", crate::text::cn_numeral(p + 1)),
                )),
                Some(p) if n < p && n != 1 => {
                    Some(("序号倒退".to_string(), "goes backwards".to_string()))
                }
                _ => None,
            };
            if let Some((zh, en)) = problem {
                let e = chars[w + 1].0 + '是'.len_utf8();
                let mut f = Finding::new(ids::TEXT_ENUMERATION, Outcome::Fail);
                f.params.push(Param::two(
                    "kind",
                    "列举序号有误",
                    "Misnumbered enumeration",
                ));
                f.params
                    .push(Param::same("found", excerpt(block, i, e, 0, 16)));
                f.params
                    .push(Param::two("problem", format!("，{zh}"), format!(" {en}")));
                f.span = Some(Span::new(base + i, base + e));
                out.push(f);
            }
            prev = Some(n);
        }
    }
}

/// One-character slips in the standard section headings (行政法复议).
fn headings(report: &Report, out: &mut Vec<Finding>) {
    for s in &report.sections {
        let Some(spec) = format::section(s.number) else {
            continue;
        };
        let written = norm_label(&s.heading);
        let standard = norm_label(spec.standard);
        if written == standard || spec.variants.iter().any(|v| written == fold(v)) {
            continue;
        }
        if one_char_slip(&written, &standard) || cut_heading_slip(&written, &standard) {
            typo(
                out,
                s.heading_span,
                s.heading.clone(),
                ("标题错字", "heading typo"),
                (
                    format!("，统一格式为“{}”", spec.standard),
                    format!(", the national format says “{}”", spec.standard),
                ),
            );
        }
    }
}

/// Table labels with characters dropped or changed inside (其他法律行政止公开).
fn labels(report: &Report, out: &mut Vec<Finding>) {
    for r in report
        .rows
        .iter()
        .filter(|r| r.table == "T3" && !r.label.is_empty())
    {
        let Some(spec) = format::t3_row(r.key) else {
            continue;
        };
        let written = norm_label(&r.label);
        let standard = norm_label(spec.label_zh);
        if written.contains(&standard) {
            continue;
        }
        if label_slip(&written, &standard) {
            typo(
                out,
                r.span,
                r.label.clone(),
                ("表格行名错字", "typo in a table label"),
                (
                    format!("，统一格式为“{}”", spec.label_zh),
                    format!(", the national format says “{}”", spec.label_zh),
                ),
            );
        }
    }
}

/// `written` has one CJK character inserted, deleted or changed strictly inside `standard`.
/// A heading read from page text where the body runs on after it is cut at some length
/// (`四、政府信息公开行政法复议、行政诉讼`): compare it with the standard heading's start of the
/// same length, allowing the one extra or changed character of a slip.
fn cut_heading_slip(written: &str, standard: &str) -> bool {
    let wl = written.chars().count();
    if wl < 4 || wl >= standard.chars().count() || standard.starts_with(written) {
        return false;
    }
    [wl - 1, wl].into_iter().any(|n| {
        let start: String = standard.chars().take(n).collect();
        one_char_slip(written, &start)
    })
}

fn one_char_slip(written: &str, standard: &str) -> bool {
    let w: Vec<char> = written.chars().collect();
    let s: Vec<char> = standard.chars().collect();
    let pre = w.iter().zip(&s).take_while(|(a, b)| a == b).count();
    let suf = w
        .iter()
        .rev()
        .zip(s.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    if pre == 0 || suf == 0 {
        return false;
    }
    let (wl, sl) = (w.len(), s.len());
    let inside = |len: usize| pre + suf >= len.saturating_sub(1) && pre < len && suf < len;
    match wl as i64 - sl as i64 {
        1 => pre + suf >= sl && is_cjk(w[pre.min(wl - 1)]) && inside(wl),
        -1 => pre + suf >= wl && inside(sl),
        0 => pre + suf == sl - 1 && is_cjk(w[pre]) && is_cjk(s[pre]),
        _ => false,
    }
}

/// The written label contains the standard label with 1–3 characters dropped from its
/// middle, or with one character changed (not at either end).
fn label_slip(written: &str, standard: &str) -> bool {
    let s: Vec<char> = standard.chars().collect();
    if s.len() < 4 {
        return false;
    }
    for i in 1..s.len() - 1 {
        for j in i + 1..=(i + 3).min(s.len() - 1) {
            let mut cand = String::new();
            for c in s[..i].iter().chain(&s[j..]) {
                cand.push(*c);
            }
            if written.contains(&cand) {
                return true;
            }
        }
    }
    // One character changed inside: find a window of the standard's length that differs once.
    let w: Vec<char> = written.chars().collect();
    if w.len() >= s.len() {
        for start in 0..=w.len() - s.len() {
            let win = &w[start..start + s.len()];
            let mut diffs = 0;
            let mut at = 0;
            for k in 0..s.len() {
                if win[k] != s[k] {
                    diffs += 1;
                    at = k;
                }
            }
            if diffs == 1 && at > 0 && at < s.len() - 1 && is_cjk(win[at]) {
                return true;
            }
        }
    }
    false
}

fn fee_statement(report: &Report, text: &str, out: &mut Vec<Finding>) {
    if report.year.is_none_or(|y| y < 2021) {
        return;
    }
    let Some(s6) = report.section(6) else { return };
    let body = text.get(s6.span.start..s6.span.end).unwrap_or("");
    let f = fold(body);
    // "未收取信息处理费", "收取信息处理费0元", "未发生收费情况": any statement on fees counts.
    let states_fees =
        f.contains("处理费") || f.contains("收费") || (f.contains("收取") && f.contains('费'));
    if !states_fees {
        let mut f = Finding::new(ids::FEE_STATEMENT_MISSING, Outcome::Fail);
        f.span = Some(s6.heading_span);
        out.push(f);
    }
}

/// Unambiguous statements about applications and cases, compared with 表三/表四.
/// A TEXT-TABLE-MISMATCH finding: the text `found` contradicts `what` in `table`, which is `actual`.
fn mismatch(
    table: &str,
    span: Span,
    found: String,
    what: (String, String),
    actual: i64,
    cells: Vec<String>,
) -> Finding {
    let mut f = Finding::new(ids::TEXT_TABLE_MISMATCH, Outcome::Fail);
    let (tz, te) = format::table_name(table);
    f.params.push(Param::same("found", found));
    f.params.push(Param::two("table", tz, te));
    f.params.push(Param::two("what", what.0, what.1));
    f.params.push(Param::same("actual", actual.to_string()));
    f.cells = cells;
    f.span = Some(span);
    f
}

fn table_mismatch(report: &Report, text: &str, out: &mut Vec<Finding>) {
    let num = |k: &str| int_of(report, k);
    let mut push = |span: Span,
                    found: String,
                    what: (&str, &str),
                    actual: i64,
                    cells: Vec<String>,
                    table: &str| {
        out.push(mismatch(
            table,
            span,
            found,
            (what.0.into(), what.1.into()),
            actual,
            cells,
        ));
    };
    // Prose only: section 1 and section 3 text before its table.
    let scopes = section_spans(report, &[1, 3]);
    let in_scope = |i: usize| in_spans(&scopes, i);
    let r1 = num("T3.R1.C7");
    let r2 = num("T3.R2.C7");
    for pat in "未收到政府信息公开申请 没有收到政府信息公开申请 未收到依申请公开".split(' ')
    {
        for i in find_all(text, pat) {
            if let (true, Some(r1)) = (in_scope(i), r1) {
                if r1 > 0 {
                    push(
                        Span::new(i, i + pat.len()),
                        pat.to_string(),
                        ("本年新收申请（总计）", "new applications (total)"),
                        r1,
                        vec!["T3.R1.C7".into()],
                        "T3",
                    );
                }
            }
        }
    }
    // "收到/受理…申请 N 件": N must be 本年新收 or 本年新收 + 上年结转.
    if let Some(r1) = r1 {
        for i in find_all(text, "申请") {
            if !in_scope(i) {
                continue;
            }
            let before_start = text[..i].char_indices().rev().nth(15).map_or(0, |(p, _)| p);
            let before = &text[before_start..i];
            if !(before.contains("收到") || before.contains("受理"))
                || before.contains("办结")
                || before.contains('。')
            {
                continue;
            }
            let Some((n, _, end)) = count_at(text, i + "申请".len(), 3, "共计数量总") else {
                continue;
            };
            // The statement from its verb to 件: 受理政府信息公开申请17件.
            let verb = before.rfind("收到").max(before.rfind("受理"));
            let from = before_start + verb.unwrap_or(0);
            let ok = n == r1 || r2.is_some_and(|r2| n == r1 + r2);
            if !ok {
                push(
                    Span::new(from, end),
                    excerpt(text, from, end, 0, 0),
                    ("本年新收申请（总计）", "new applications (total)"),
                    r1,
                    vec!["T3.R1.C7".into(), "T3.R2.C7".into()],
                    "T3",
                );
            }
        }
    }
    let mut t4_sum = 0;
    let mut t4_any = false;
    for g in "RV LD LR".split(' ') {
        if let Some(t) = num(&format::key("T4", g, "t")) {
            t4_sum += t;
            t4_any |= t > 0;
        }
    }
    if t4_any {
        for pat in "未发生政府信息公开行政复议 未发生行政复议 没有发生行政复议 未发生因政府信息公开申请行政复议".split(' ') {
            for i in find_all(text, pat) {
                if in_scope(i)
                    || report
                        .section(4)
                        .is_some_and(|s| s.span.start <= i && i < s.span.end)
                {
                    push(
                        Span::new(i, i + pat.len()),
                        excerpt(text, i, i + pat.len(), 0, 8),
                        (
                            "行政复议、行政诉讼总计",
                            "reconsideration and litigation totals",
                        ),
                        t4_sum,
                        vec!["T4.RV.t".into(), "T4.LD.t".into(), "T4.LR.t".into()],
                        "T4",
                    );
                }
            }
        }
    }
    categories(report, text, &scopes, out);
    upheld(report, text, &scopes, out);
}

/// "行政复议 N 件，诉讼 M 件，均获维持": every case upheld, while 表四 shows cases corrected,
/// otherwise decided or still pending.
fn upheld(report: &Report, text: &str, scopes: &[Span], out: &mut Vec<Finding>) {
    let num = |k: &str| int_of(report, k);
    let in_scope = |i: usize| {
        in_spans(scopes, i)
            || report
                .section(4)
                .is_some_and(|s| s.span.start <= i && i < s.span.end)
    };
    for pat in "均获维持 均被维持 全部维持 均予维持 均维持".split(' ') {
        for i in find_all(text, pat) {
            if !in_scope(i) {
                continue;
            }
            // The sentence the claim belongs to, back to the previous full stop.
            let start = text[..i].rfind(['。', '\n']).map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
            let sentence = &text[start..i];
            if !(sentence.contains("复议") || sentence.contains("诉讼")) {
                continue;
            }
            let mut cells = Vec::new();
            let mut not_upheld = 0;
            for g in "RV LD LR".split(' ') {
                for c in "c o p".split(' ') {
                    let k = format::key("T4", g, c);
                    if let Some(v) = num(&k).filter(|&v| v > 0) {
                        not_upheld += v;
                        cells.push(k);
                    }
                }
            }
            if cells.is_empty() {
                continue;
            }
            let end = i + pat.len();
            let f = mismatch(
                "T4",
                Span::new(start, end),
                excerpt(text, start, end, 0, 0).trim().to_string(),
                (
                    "结果纠正、其他结果或尚未审结的案件".into(),
                    "cases corrected, otherwise decided or pending".into(),
                ),
                not_upheld,
                cells,
            );
            out.push(f);
            return;
        }
    }
}

/// Outcome categories as the text names them, with their English names and their 表三 rows
/// (longest phrase first).
const CATEGORIES: &[(&str, &str, &[&str])] = &[
    (
        "予以公开及部分公开",
        "disclosed and partly disclosed",
        &["R3a", "R3b"],
    ),
    (
        "予以公开和部分公开",
        "disclosed and partly disclosed",
        &["R3a", "R3b"],
    ),
    ("予以公开", "disclosed", &["R3a"]),
    ("部分公开", "partly disclosed", &["R3b"]),
    (
        "不予公开",
        "not disclosed",
        &[
            "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
        ],
    ),
    ("无法提供", "cannot be provided", &["R3d1", "R3d2", "R3d3"]),
    (
        "不予处理",
        "not processed",
        &["R3e1", "R3e2", "R3e3", "R3e4", "R3e5"],
    ),
    (
        "其他处理",
        "otherwise handled",
        &["R3f1", "R3f2", "R3f3", "R3f"],
    ),
];

/// The count that follows a phrase: "不予公开35件", "无法提供 265 件", "予以公开的有 9 件".
fn count_after(text: &str, at: usize) -> Option<(i64, usize)> {
    count_at(text, at, 4, "的有共计为申请").map(|(n, _, end)| (n, end))
}

/// ASCII digits then 件 after `at`, with at most `max_gap` characters of whitespace or
/// `gap_chars` before the digits. Returns (the number, where its digits end, where 件 ends).
fn count_at(text: &str, at: usize, max_gap: usize, gap_chars: &str) -> Option<(i64, usize, usize)> {
    let after = &text[at..];
    let d = after.find(|c: char| c.is_ascii_digit())?;
    let gap = &after[..d];
    if gap.chars().count() > max_gap
        || !gap
            .chars()
            .all(|c| c.is_whitespace() || gap_chars.contains(c))
    {
        return None;
    }
    let len = after[d..]
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after.len() - d);
    let digits = &after[d..d + len];
    let tail = &after[d + len..];
    let rest = tail.trim_start();
    if !rest.starts_with('件') {
        return None;
    }
    Some((
        crate::text::parse_int(digits)?,
        at + d + len,
        at + d + len + (tail.len() - rest.len()) + '件'.len_utf8(),
    ))
}

/// A category's value in 表三: the 总计 column, or the applicant columns when the whole 总计
/// column of the category is blank. `None` unless every row of the category was read in full.
fn category_value(report: &Report, rows: &[&str]) -> Option<(i64, Vec<String>)> {
    // 其他处理 is R3f1..3 (2021) or the single R3f (2019): use whichever the report has.
    let mut present: Vec<&str> = Vec::new();
    for r in rows {
        if report.row("T3", r).is_some() {
            present.push(r);
        }
    }
    let complete = match rows {
        [_, _, _, "R3f"] => present == ["R3f"] || present.len() == 3,
        _ => present.len() == rows.len(),
    };
    if !complete {
        return None;
    }
    let cols = "C1 C2 C3 C4 C5 C6";
    let value = |k: &str| report.value(k);
    let mut c7 = Some(0);
    let mut c7_keys = Vec::new();
    for r in &present {
        let k = format::key("T3", r, "C7");
        c7 = match (c7, int_of(report, &k)) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
        c7_keys.push(k);
    }
    if let Some(v) = c7 {
        return Some((v, c7_keys));
    }
    let c7_blank = present.iter().all(|r| {
        matches!(
            value(&format::key("T3", r, "C7")),
            Some(crate::model::CellValue::Blank)
        )
    });
    if !c7_blank {
        return None;
    }
    let mut total = 0;
    let mut keys = Vec::new();
    for r in &present {
        for c in cols.split(' ') {
            let k = format::key("T3", r, c);
            match value(&k) {
                Some(crate::model::CellValue::Number(n)) => total += n.as_i64()?,
                Some(crate::model::CellValue::Blank) => {}
                _ => return None,
            }
            keys.push(k);
        }
    }
    Some((total, keys))
}

/// "予以公开 N 件"-style statements compared with 表三, and the breakdown of a total
/// ("答复 805 件…予以公开…不予公开…") compared with the total.
fn categories(report: &Report, text: &str, scopes: &[Span], out: &mut Vec<Finding>) {
    let in_scope = |i: usize| in_spans(scopes, i);
    let mut stated: Vec<(usize, usize, i64, usize)> = Vec::new(); // (start, end, n, category)
    for (ci, (phrase, _, _)) in CATEGORIES.iter().enumerate() {
        for i in find_all(text, phrase) {
            if !in_scope(i) || stated.iter().any(|&(s, e, _, _)| s <= i && i < e) {
                continue;
            }
            // "不予公开" contains "予公开", and "予以公开" may follow "不": check the char before.
            if *phrase == "予以公开" && text[..i].ends_with('不') {
                continue;
            }
            let Some((n, end)) = count_after(text, i + phrase.len()) else {
                continue;
            };
            stated.push((i, end, n, ci));
        }
    }
    crate::sort::sort_by_key(&mut stated, |x| x.0);
    for &(s, e, n, ci) in &stated {
        let (phrase, en, rows) = CATEGORIES[ci];
        let Some((v, cells)) = category_value(report, rows) else {
            continue;
        };
        if v != n {
            let mut f = mismatch(
                "T3",
                Span::new(s, e),
                excerpt(text, s, e, 0, 0),
                (
                    format!("“{phrase}”合计"),
                    format!("the total of “{en}” ({phrase})"),
                ),
                v,
                cells,
            );
            f.expected = Some(crate::num::Num::int(n));
            f.actual = Some(crate::num::Num::int(v));
            out.push(f);
        }
    }
    // Breakdown of a stated total: all five outcome groups listed after "答复/办结 … N 件".
    for verb in "答复 办结".split(' ') {
        for i in find_all(text, verb) {
            if !in_scope(i) {
                continue;
            }
            let head_end = (i + 40).min(text.len());
            let head_end = (head_end..=text.len())
                .find(|&k| text.is_char_boundary(k))
                .unwrap_or(text.len());
            let Some(p) = text[i..head_end].find("申请") else {
                continue;
            };
            let Some((total, total_end)) = count_after(text, i + p + "申请".len()) else {
                continue;
            };
            let block_end = text[total_end..]
                .find("\n\n")
                .map_or(text.len(), |k| total_end + k);
            let mut parts: Vec<&(usize, usize, i64, usize)> = Vec::new();
            for x in &stated {
                if x.0 > total_end && x.0 < block_end && x.0 < total_end + 600 {
                    parts.push(x);
                }
            }
            // One count per outcome group: 公开 (予以公开[及部分公开]) 不予公开 无法提供 不予处理 其他处理.
            let group = |ci: usize| match ci {
                0..=3 => 0,
                k => k - 3,
            };
            let mut seen = [false; 5];
            let mut used = [false; 8];
            let mut sum = 0;
            let mut last_end = total_end;
            for x in &parts {
                let g = group(x.3);
                // 公开 is stated either combined (予以公开及部分公开) or as its two parts.
                let take = if g == 0 {
                    !used[x.3]
                        && if x.3 <= 1 {
                            !seen[0]
                        } else {
                            !used[0] && !used[1]
                        }
                } else {
                    !seen[g]
                };
                if take {
                    seen[g] = true;
                    used[x.3] = true;
                    sum += x.2;
                    last_end = x.1;
                }
            }
            if seen.iter().all(|&b| b) && sum != total {
                let mut f = Finding::new(ids::TEXT_ENUMERATION, Outcome::Fail);
                f.params.push(Param::two(
                    "kind",
                    "分项之和与总数不符",
                    "The parts do not add up",
                ));
                f.params
                    .push(Param::same("found", excerpt(text, i, total_end, 0, 0)));
                f.params.push(Param::two(
                    "problem",
                    format!("，但其后列举的各项办理结果合计为{sum}件"),
                    format!(", but the outcomes listed after it add up to {sum}"),
                ));
                f.expected = Some(crate::num::Num::int(total));
                f.actual = Some(crate::num::Num::int(sum));
                f.span = Some(Span::new(i, last_end));
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typos_in(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let blocks = blocks(text, &[]);
        doubled_words(&blocks, &mut out);
        brackets(&blocks, &mut out);
        lexicon(text, &mut out);
        out.iter().map(|f| f.message(crate::Lang::Zh)).collect()
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
        assert_eq!(typos_in("联系（地址：某某路。").len(), 1);
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
}
